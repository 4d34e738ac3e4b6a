package pledge_test

// Benchmarks at scale (issue 7): Book.Total and Book.Add over 1,000,000
// pledges, against the naive shopspring loop they must beat. bench/compare
// runs BookTotal1M and NaiveShopspring1M beside Python and DuckDB on the
// same rows; it sets SUMMITRY_BENCH_N, _BIG and _SEED so that the rows here
// are exactly those of its CSV.

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/benchdata"
	"github.com/summitry/summitry/pledge"
)

// Sinks keep the compiler from optimising benchmarked calls away.
var (
	benchTotalsSink pledge.Totals
	benchNaiveSink  map[[2]string]decimal.Decimal
	benchBookSink   *pledge.Book
)

// byDonorCategory is the query of the target.
var byDonorCategory = pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}}

// benchSpec is the data set of the 1M benchmarks: 1,000,000 pledges from 100
// donors in 20 categories, amounts up to 10^12 with two decimals. The
// environment may change its size, its number of >19-digit amounts and its
// seed (bench/compare does).
func benchSpec(tb testing.TB) benchdata.Spec {
	s := benchdata.Spec{N: 1_000_000, Donors: 100, Categories: 20, Seed: 1}
	for _, e := range []struct {
		name string
		to   *int
	}{{"SUMMITRY_BENCH_N", &s.N}, {"SUMMITRY_BENCH_BIG", &s.Big}} {
		if v := os.Getenv(e.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				tb.Fatalf("%s=%q: %v", e.name, v, err)
			}
			*e.to = n
		}
	}
	if v := os.Getenv("SUMMITRY_BENCH_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			tb.Fatalf("SUMMITRY_BENCH_SEED=%q: %v", v, err)
		}
		s.Seed = seed
	}
	return s
}

// bench1M is the data set, built once per test binary and shared by the
// benchmarks that read it.
var bench1M struct {
	once  sync.Once
	rows  []benchdata.Row
	book  *pledge.Book
	naive []naiveRecord
	err   error
}

// naiveRecord is one record of the naive reference, its decimal built in
// advance so that the reference loop times only the additions.
type naiveRecord struct {
	key    [2]string
	amount decimal.Decimal
}

func loadBench1M(b *testing.B) {
	b.Helper()
	bench1M.once.Do(func() {
		bench1M.rows = benchSpec(b).Rows()
		bench1M.book = new(pledge.Book)
		bench1M.err = bench1M.book.Add(recordsOf(bench1M.rows)...)
		bench1M.naive = make([]naiveRecord, len(bench1M.rows))
		for i, r := range bench1M.rows {
			bench1M.naive[i] = naiveRecord{key: [2]string{r.Donor, r.Category}, amount: r.Decimal()}
		}
	})
	if bench1M.err != nil {
		b.Fatal(bench1M.err)
	}
}

// naiveTotal is the reference: one shopspring Add per record into a map.
func naiveTotal(recs []naiveRecord) map[[2]string]decimal.Decimal {
	m := map[[2]string]decimal.Decimal{}
	for _, r := range recs {
		m[r.key] = m[r.key].Add(r.amount)
	}
	return m
}

// BenchmarkBookTotal1M totals 1,000,000 pledges by donor × category.
func BenchmarkBookTotal1M(b *testing.B) {
	loadBench1M(b)
	b.ReportAllocs()
	for b.Loop() {
		t, err := bench1M.book.Total(byDonorCategory)
		if err != nil {
			b.Fatal(err)
		}
		benchTotalsSink = t
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bench1M.rows)), "ns/pledge")
}

// BenchmarkNaiveShopspring1M is the naive loop Book.Total is measured
// against: the same rows, their decimals built in advance.
func BenchmarkNaiveShopspring1M(b *testing.B) {
	loadBench1M(b)
	b.ReportAllocs()
	for b.Loop() {
		benchNaiveSink = naiveTotal(bench1M.naive)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bench1M.naive)), "ns/pledge")
}

// BenchmarkBookAdd1M adds 1,000,000 pledges to an empty Book in one call. It
// reports the time and the bytes allocated per pledge, the processor time
// per pledge on all threads ("cpu-ns/pledge": Add works on every
// processor, and the collector beside it; on a machine shared with other
// work it varies less than the time), and the heap the finished Book
// keeps per pledge ("B/pledge-held": everything reachable from the Book
// only, the records' IDs and amounts included).
func BenchmarkBookAdd1M(b *testing.B) {
	spec := benchSpec(b)
	rows := spec.Rows()
	held := heldPerPledge(b, rows) // first, while nothing else is garbage
	ps := recordsOf(rows)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		book := new(pledge.Book)
		if err := book.Add(ps...); err != nil {
			b.Fatal(err)
		}
		benchBookSink = book
	}
	cpu1, _ := cpuTime()
	runtime.ReadMemStats(&after)
	n := float64(b.N) * float64(len(ps))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/pledge")
	if cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/n, "cpu-ns/pledge")
	}
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/pledge")

	benchBookSink = nil
	b.ReportMetric(held, "B/pledge-held")
}

// heldPerPledge builds a Book of the rows and returns the live heap it adds,
// after collection, per pledge. The pledge records given to Add are dropped
// before measuring, so whatever of them the Book keeps counts.
func heldPerPledge(b *testing.B, rows []benchdata.Row) float64 {
	return heldBy(func() any {
		book := new(pledge.Book)
		if err := book.Add(recordsOf(rows)...); err != nil {
			b.Fatal(err)
		}
		return book
	}) / float64(len(rows))
}

// recordsOf turns rows of the data set into valid pledge records: the
// row's ID, donor, amount in USD, category and date, recipient Ukraine,
// stage Pledged.
func recordsOf(rows []benchdata.Row) []pledge.Pledge {
	ps := make([]pledge.Pledge, len(rows))
	cats := map[string][]pledge.Category{} // one shared slice per category; Book.Add copies it
	cur := pledge.MustAmount("0", benchdata.Currency).Currency()
	for i, r := range rows {
		c, ok := cats[r.Category]
		if !ok {
			c = []pledge.Category{pledge.Category(r.Category)}
			cats[r.Category] = c
		}
		ps[i] = pledge.Pledge{
			// An ID of its own, as a record read from a file has.
			ID: strings.Clone(r.ID), Donor: r.Donor, Recipient: benchdata.Recipient, Amount: pledge.AmountOf(r.Decimal(), cur),
			Categories: c, Stage: pledge.Pledged, Date: r.Date,
		}
	}
	return ps
}

// TestRecordsOfAreValid: the records of the data set go into a Book,
// and add up to the sum of the rows.
func TestRecordsOfAreValid(t *testing.T) {
	rows := benchdata.Spec{N: 3_000, Donors: 10, Categories: 20, Big: 2, Seed: 3}.Rows()
	ps := recordsOf(rows)
	var b pledge.Book
	if err := b.Add(ps...); err != nil {
		t.Fatal(err)
	}
	if ps[0].ID != "p0000001" || ps[0].Recipient != "Ukraine" || ps[0].Stage != pledge.Pledged {
		t.Errorf("first pledge %+v", ps[0])
	}
	for _, p := range ps {
		if y := p.Date.Year(); y < 2022 || y > 2024 {
			t.Fatalf("pledge %s dated %v", p.ID, p.Date)
		}
	}
	got, err := b.Total(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	sum := new(big.Int)
	for _, r := range rows {
		if r.BigCents != nil {
			sum.Add(sum, r.BigCents)
		} else {
			sum.Add(sum, big.NewInt(r.Cents))
		}
	}
	want := benchdata.Row{BigCents: sum}.Amount()
	if s := got.Sum(); len(s) != 1 || s[0].Decimal().StringFixed(2) != want {
		t.Errorf("Sum = %v, want USD %s", s, want)
	}
}

// TestTotalMatchesReference checks Book.Total by donor × category against
// the naive reference, digit for digit, on 200,000 records of which 16 have
// 25-digit amounts (beyond int64, so groups of both the fast path and its
// fallback are compared). It uses 20,000 records under -short and -race.
func TestTotalMatchesReference(t *testing.T) {
	spec := benchdata.Spec{N: 200_000, Donors: 100, Categories: 20, Big: 16, Seed: 7}
	if testing.Short() || pledge.RaceEnabled() {
		spec.N = 20_000
	}
	rows := spec.Rows()
	var book pledge.Book
	if err := book.Add(recordsOf(rows)...); err != nil {
		t.Fatal(err)
	}
	got, err := book.Total(byDonorCategory)
	if err != nil {
		t.Fatal(err)
	}

	recs := make([]naiveRecord, len(rows))
	counts := map[[2]string]int{}
	grand := decimal.Zero
	for i, r := range rows {
		recs[i] = naiveRecord{key: [2]string{r.Donor, r.Category}, amount: r.Decimal()}
		counts[recs[i].key]++
		grand = grand.Add(recs[i].amount)
	}
	want := naiveTotal(recs)

	seen := map[[2]string]bool{}
	for _, row := range got.Rows() {
		if len(row.Keys) != 2 {
			t.Fatalf("row keys %q, want donor and category", row.Keys)
		}
		key := [2]string{row.Keys[0], row.Keys[1]}
		if seen[key] {
			t.Errorf("group %q twice", key)
		}
		seen[key] = true
		w, ok := want[key]
		switch {
		case !ok:
			t.Errorf("group %q: %s, not in the reference", key, row.Amount)
		case row.Amount.Currency().String() != "USD":
			t.Errorf("group %q in %s, want USD", key, row.Amount.Currency())
		case row.Amount.Decimal().String() != w.String() || !row.Amount.Decimal().Equal(w):
			t.Errorf("group %q = %s, want %s", key, row.Amount.Decimal(), w)
		case row.Count != counts[key]:
			t.Errorf("group %q counts %d records, want %d", key, row.Count, counts[key])
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d groups, want %d", len(seen), len(want))
	}
	if sum := got.Sum(); len(sum) != 1 || sum[0].Decimal().String() != grand.String() {
		t.Errorf("Sum = %v, want USD %s", sum, grand)
	}
	if big := countBig(rows); big != spec.Big {
		t.Errorf("%d rows beyond int64, want %d", big, spec.Big)
	}
}

func countBig(rows []benchdata.Row) int {
	n := 0
	for _, r := range rows {
		if r.BigCents != nil {
			n++
		}
	}
	return n
}

// BenchmarkReadBook reads a book of 100,000 pledges written by WriteJSON
// from untrusted input: every name, kind and value checked.
func BenchmarkReadBook(b *testing.B) {
	spec := benchdata.Spec{N: 100_000, Donors: 100, Categories: 20, Seed: 1}
	book := new(pledge.Book)
	if err := book.Add(recordsOf(spec.Rows())...); err != nil {
		b.Fatal(err)
	}
	benchReadBook(b, jsonOf(b, book), spec.N, "pledge", false)
}

// jsonOf returns the book as WriteJSON writes it.
func jsonOf(tb testing.TB, book *pledge.Book) []byte {
	var buf bytes.Buffer
	if err := book.WriteJSON(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// benchReadBook times ReadBook of data, which holds n of what unit names,
// and reports the time per unit; bad says that data is to be refused.
func benchReadBook(b *testing.B, data []byte, n int, unit string, bad bool) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := pledge.ReadBook(bytes.NewReader(data))
		if (err != nil) != bad {
			b.Fatalf("ReadBook: %v", err)
		}
		benchBookSink = got
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/"+unit)
}

// BenchmarkBookTotalByStage1M totals the 1,000,000 standalone pledges by
// stage × donor: the stage is one more key of the integer scan.
func BenchmarkBookTotalByStage1M(b *testing.B) {
	loadBench1M(b)
	q := pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByDonor}}
	b.ReportAllocs()
	for b.Loop() {
		t, err := bench1M.book.Total(q)
		if err != nil {
			b.Fatal(err)
		}
		benchTotalsSink = t
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bench1M.rows)), "ns/pledge")
}

// BenchmarkTotalByStageTrees lays out 10,000 fulfilment trees (a pledge
// with two parts, a commitment under it, a disbursement under that) by
// stage × category: the exact path of ByStage.
func BenchmarkTotalByStageTrees(b *testing.B) {
	const trees = 10_000
	usd := func(cents int64) pledge.Amount { return pledge.AmountOf(decimal.New(cents, -2), currency.USD) }
	cats := pledge.DefaultCategories()
	var ps []pledge.Pledge
	for i := range trees {
		id := strconv.Itoa(i)
		c := []pledge.Category{cats[i%len(cats)]}
		ps = append(ps,
			pledge.Pledge{ID: "p" + id, Donor: "d" + strconv.Itoa(i%100), Amount: usd(1_000_000 + int64(i)),
				Parts: []pledge.Part{{Amount: usd(300_000), Categories: c}}},
			pledge.Pledge{ID: "c" + id, Donor: "d" + strconv.Itoa(i%100), Amount: usd(500_000), Stage: pledge.Committed, Under: "p" + id, Categories: c},
			pledge.Pledge{ID: "x" + id, Donor: "d" + strconv.Itoa(i%100), Amount: usd(200_000 + int64(i)), Stage: pledge.Disbursed, Under: "c" + id, Categories: c},
		)
	}
	book := new(pledge.Book)
	if err := book.Add(ps...); err != nil {
		b.Fatal(err)
	}
	q := pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}}
	b.ReportAllocs()
	for b.Loop() {
		t, err := book.Total(q)
		if err != nil {
			b.Fatal(err)
		}
		benchTotalsSink = t
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ps)), "ns/record")
}

// BenchmarkBookTotalByYear totals books of 1 to 1,000,000 pledges (dated
// 2022-2024, 100 donors, 20 categories) by year and by year × donor: the
// cost of a small query, as a service answers many, beside that of a large
// book. The 1M book is BenchmarkBookTotal1M's.
func BenchmarkBookTotalByYear(b *testing.B) {
	queries := []struct {
		name string
		q    pledge.Query
	}{
		{"year", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear}}},
		{"year×donor", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByDonor}}},
	}
	for _, n := range []int{1, 100, 10_000, 1_000_000} {
		var book *pledge.Book
		for _, qc := range queries {
			b.Run(fmt.Sprintf("records=%d/by=%s", n, qc.name), func(b *testing.B) {
				if book == nil {
					if n == 1_000_000 {
						loadBench1M(b)
						book = bench1M.book
					} else {
						book = new(pledge.Book)
						if err := book.Add(benchPledges(n)...); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportAllocs()
				for b.Loop() {
					t, err := book.Total(qc.q)
					if err != nil {
						b.Fatal(err)
					}
					benchTotalsSink = t
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/pledge")
			})
		}
	}
}
