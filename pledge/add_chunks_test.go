package pledge

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// inChunks runs f with batches of n records or more laid out in chunks
// of at least min, on procs processors.
func inChunks(t *testing.T, min, procs int, f func()) {
	t.Helper()
	defer func(m, p int) { chunkMin = m; runtime.GOMAXPROCS(p) }(chunkMin, runtime.GOMAXPROCS(procs))
	chunkMin = min
	f()
}

// bulkBatch makes n valid records with all a record can hold: parts (some
// of them with amounts that do not fit the fast path), sources,
// qualifiers, notes, dates in other zones, several currencies, amounts
// beyond an int64. With linked, some revise or fulfil earlier ones.
func bulkBatch(r *rand.Rand, n int, linked bool) []Pledge {
	donors := []string{"Japan", "South Korea", "Germany", "Korea, Republic of", "Türkiye"}
	cats := [][]Category{nil, {"humanitarian"}, {"military/non-lethal", "humanitarian"}, {"financial/loan"}, {"reconstruction"}}
	curs := []currency.Unit{currency.USD, currency.EUR, currency.KRW}
	seoul := time.FixedZone("KST", 9*3600)
	ps := make([]Pledge, n)
	for i := range ps {
		cur := curs[r.IntN(len(curs))]
		value := decimal.New(r.Int64N(1e12), -int32(r.IntN(3)))
		if r.IntN(40) == 0 {
			value = decimal.RequireFromString("1234567890123456789012.5") // beyond an int64
		}
		p := Pledge{
			ID:         fmt.Sprintf("r%d", i),
			Donor:      donors[r.IntN(len(donors))],
			Recipient:  [...]string{"", "Ukraine"}[r.IntN(2)],
			Amount:     AmountOf(value, cur),
			Categories: cats[r.IntN(len(cats))],
			Stage:      Stage(r.IntN(4)),
			Date:       time.Date(2022+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(2)*11, 30, 0, 0, seoul),
		}
		switch r.IntN(12) {
		case 0:
			p.Qualifier = Approximately
		case 1:
			p.Note, p.Occasion = "first tranche", "G7"
		case 2:
			p.Sources = []Source{{Publisher: "Yonhap", URL: "https://example.org/a", Date: time.Date(2023, 9, 10, 18, 0, 0, 0, seoul)}}
		case 3, 4:
			part := Part{Amount: AmountOf(value.Div(decimal.NewFromInt(4)).Truncate(0), cur), Categories: []Category{"humanitarian"}, Year: 2024}
			p.Parts = []Part{part, part}
		}
		if linked && i > 0 && r.IntN(8) == 0 {
			j := r.IntN(i)
			p.Under, p.Amount.cur, p.Stage = ps[j].ID, ps[j].Amount.cur, max(p.Stage, ps[j].Stage)
			for k := range p.Parts {
				p.Parts[k].Amount.cur = p.Amount.cur
			}
		}
		ps[i] = p
	}
	return ps
}

// addBoth adds batch, after base, to a book in chunks and to one record
// by record, and fails unless both give the same error, or the same book:
// the same records, history, version and totals.
func addBoth(t *testing.T, base, batch []Pledge, procs int) {
	t.Helper()
	var whole, chunked Book
	for _, b := range []*Book{&whole, &chunked} {
		if err := b.Add(base...); err != nil {
			t.Fatal(err)
		}
	}
	var werr, cerr error
	inChunks(t, 1<<30, 1, func() { werr = whole.Add(batch...) })
	inChunks(t, 3, procs, func() { cerr = chunked.Add(batch...) })
	if fmt.Sprint(werr) != fmt.Sprint(cerr) {
		t.Fatalf("%d records on %d processors:\none chunk: %v\nin chunks: %v", len(batch), procs, werr, cerr)
	}
	if diff := cmp.Diff(whole.All(), chunked.All()); diff != "" {
		t.Fatalf("%d records on %d processors: one chunk (-) and chunks (+) differ:\n%s", len(batch), procs, diff)
	}
	if whole.Version() != chunked.Version() {
		t.Fatalf("version %d in one chunk, %d in chunks", whole.Version(), chunked.Version())
	}
	for _, p := range batch {
		if diff := cmp.Diff(whole.History(p.ID), chunked.History(p.ID)); diff != "" {
			t.Fatalf("history of %s differs:\n%s", p.ID, diff)
		}
	}
	for _, q := range []Query{
		{GroupBy: []Dimension{ByDonor, ByCategory, ByYear, ByCurrency}},
		{Stage: Committed, GroupBy: []Dimension{ByRecipient, ByStage}, Depth: 1},
	} {
		a, err1 := whole.Total(q)
		b, err2 := chunked.Total(q)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(a.Rows(), b.Rows()); diff != "" || a.Records() != b.Records() {
			t.Fatalf("totals %v differ (-one chunk +chunks):\n%s", q.GroupBy, diff)
		}
	}
}

// TestPropertyAddInChunks holds Add in chunks side by side to Add in one
// chunk, record by record: on valid batches with everything a record can
// hold, linked and not, and on messy ones with bad fields, IDs given
// twice, IDs the book holds and bad links, into an empty book and one
// that holds records, on two to five processors: the same book, or the
// same error, problems in the same order.
func TestPropertyAddInChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 200))
	held := bulkBatch(rand.New(rand.NewPCG(1, 1)), 40, true)
	for i := range held {
		held[i].ID = "h" + held[i].ID
		if held[i].Under != "" {
			held[i].Under = "h" + held[i].Under
		}
	}
	for round := range 60 {
		n := 1 + r.IntN(1500)
		var batch []Pledge
		switch round % 4 {
		case 0:
			batch = bulkBatch(r, n, false)
		case 1:
			batch = bulkBatch(r, n, true)
		case 2:
			batch = messyBatch(r, n)
		case 3: // parts in the first chunks only, which have more pieces
			// than records, or none: one piece a record but those that
			// do not fit the fast path
			batch = bulkBatch(r, n, false)
			from := n / 3
			if round%8 == 7 {
				from = 0
			}
			for i := from; i < n; i++ {
				batch[i].Parts = nil
			}
		}
		if round%5 == 4 { // the same records again, some of them changed
			batch = append(batch, batch[:n/2]...)
			batch[len(batch)-1].Note = "changed"
		}
		base := held
		if round%2 == 0 {
			base = nil
		}
		switch round % 6 {
		case 1, 3: // records the book holds: the same ones, to leave out
			batch = append(batch, held[5:9]...)
		case 5: // and one that is not the same
			batch = append(batch, held[7])
			batch[len(batch)-1].Donor = "Canada"
		}
		addBoth(t, base, batch, 2+round%4)
	}
}

// TestAddOneBadRecordInTheLastChunk: a batch of a million-record kind,
// laid out in chunks, with one bad record at its very end adds nothing,
// and the error names that record and the field, whatever is wrong with
// it: a field, an ID given earlier in the batch (in the first chunk), an
// ID the book holds, a link to nothing.
func TestAddOneBadRecordInTheLastChunk(t *testing.T) {
	n := 3 * chunkMin
	inChunks(t, chunkMin, 2, func() {
		if k := chunksFor(n); k < 2 {
			t.Fatalf("%d records in %d chunk", n, k)
		}
		for _, c := range []struct {
			name  string
			spoil func(p *Pledge)
			field string
			want  string
		}{
			{"no donor", func(p *Pledge) { p.Donor = " " }, "donor", fmt.Sprintf(`pledge "r%d" donor: missing field: who gives the money?`, n-1)},
			{"negative", func(p *Pledge) { p.Amount = MustAmount("-1", "USD") }, "amount", fmt.Sprintf(`pledge "r%d" amount: invalid amount: USD -1 is negative; record a reduction as a revision`, n-1)},
			{"given twice", func(p *Pledge) { p.ID = "r0" }, "id", `pledge "r0" id: duplicate: "r0" is given twice, first with amount`},
			{"in the book", func(p *Pledge) { p.ID = "held" }, "id", `pledge "held" id: duplicate: "held" is already in the book with donor "Canada", not`},
			{"under nothing", func(p *Pledge) { p.Under = "nowhere" }, "under", fmt.Sprintf(`pledge "r%d" under: unknown pledge: "nowhere"`, n-1)},
		} {
			t.Run(c.name, func(t *testing.T) {
				var b Book
				if err := b.Add(Pledge{ID: "held", Donor: "Canada", Amount: MustAmount("1", "USD")}); err != nil {
					t.Fatal(err)
				}
				batch := bulkBatch(rand.New(rand.NewPCG(5, 5)), n, false)
				c.spoil(&batch[n-1])
				err := b.Add(batch...)
				var ve *ValidationError
				if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Index != n-1 || ve.Problems[0].Field != c.field {
					t.Fatalf("Add = %v, want one problem, with record %d's %s", err, n-1, c.field)
				}
				if got := err.Error(); !strings.HasPrefix(got, c.want) {
					t.Errorf("Add = %v\nwant it to start %s", err, c.want)
				}
				if b.Len() != 1 || b.Version() != 1 {
					t.Errorf("after a failed Add: %d records, version %d; want the 1 held, version 1", b.Len(), b.Version())
				}
			})
		}
	})
}

// TestConcurrentBulkAdd adds batches large enough to be laid out in
// chunks from several goroutines while others read; run it with -race.
// Every batch arrives whole, and every count seen is whole batches.
func TestConcurrentBulkAdd(t *testing.T) {
	const writers, batches, size = 3, 4, 1000
	inChunks(t, size/2, 2, func() {
		var b Book
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for k := range batches {
					batch := bulkBatch(rand.New(rand.NewPCG(uint64(w), uint64(k))), size, false)
					for i := range batch {
						batch[i].ID = fmt.Sprintf("w%d-%d-%s", w, k, batch[i].ID)
					}
					if err := b.Add(batch...); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		for range 2 {
			wg.Go(func() {
				for range 20 {
					if n := b.Len(); n%size != 0 {
						t.Errorf("%d records: not whole batches of %d", n, size)
					}
					tot, err := b.Total(Query{GroupBy: []Dimension{ByDonor, ByCurrency}})
					if err != nil {
						t.Error(err)
						return
					}
					if tot.Records()%size != 0 {
						t.Errorf("totals over %d records: not whole batches of %d", tot.Records(), size)
					}
					_, _ = b.Pledge("w0-0-r0")
				}
			})
		}
		wg.Wait()
		if b.Len() != writers*batches*size {
			t.Errorf("%d records, want %d", b.Len(), writers*batches*size)
		}
	})
}
