package pledge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// randomBook makes a valid book of n records with everything a book can
// hold: parts and remainders, undivided multi-category amounts, several
// currencies, restatements and fulfilment chains across stages, qualified
// amounts and dates given only by month or year.
func randomBook(r *rand.Rand, n int) []pledge.Pledge {
	currencies := []string{"USD", "KRW", "EUR"}
	categories := pledge.DefaultCategories()
	donors := []string{"South Korea", "Japan", "Germany", "Canada"}
	amount := func(cur string, max int64) pledge.Amount {
		cents := r.Int64N(max*100 + 1)
		return pledge.AmountOf(decimal.New(cents, -2), pledge.MustAmount("0", cur).Currency())
	}
	pickCats := func() []pledge.Category {
		var out []pledge.Category
		for range r.IntN(3) {
			c := categories[r.IntN(len(categories))]
			overlaps := false
			for _, o := range out {
				overlaps = overlaps || c.Within(o) || o.Within(c)
			}
			if !overlaps {
				out = append(out, c)
			}
		}
		return out
	}
	var book []pledge.Pledge
	revised := map[string]bool{}
	for i := range n {
		p := pledge.Pledge{
			ID:        fmt.Sprintf("p%03d", i),
			Donor:     donors[r.IntN(len(donors))],
			Recipient: "Ukraine",
			Stage:     pledge.Stage(r.IntN(4)),
			Date:      day("2022-01-01").AddDate(0, 0, r.IntN(1000)),
		}
		cur := currencies[r.IntN(len(currencies))]
		switch k := r.IntN(10); {
		case k < 2 && i > 0: // restate an earlier record that still counts
			j := r.IntN(i)
			if revised[book[j].ID] {
				break
			}
			revised[book[j].ID] = true
			p.Revises = book[j].ID
			cur = book[j].Amount.Currency().String()
			p.Stage = book[j].Stage // records under it may be at no earlier stage
			if r.IntN(2) == 0 {
				p.Under = book[j].Under // else inherited
			}
		case k < 5 && i > 0: // fulfil part of an earlier record
			j := r.IntN(i)
			if p.Stage < book[j].Stage {
				p.Stage = book[j].Stage
			}
			p.Under = book[j].ID
			cur = book[j].Amount.Currency().String()
		}
		p.Amount = amount(cur, 1_000_000)
		p.Categories = pickCats()
		if r.IntN(3) == 0 {
			left := p.Amount.Decimal()
			for range 1 + r.IntN(3) {
				v := decimal.New(r.Int64N(left.Mul(decimal.NewFromInt(100)).IntPart()+1), -2)
				left = left.Sub(v)
				p.Parts = append(p.Parts, pledge.Part{Amount: pledge.AmountOf(v, p.Amount.Currency()), Categories: pickCats(), Year: 2022 + r.IntN(3)})
				if r.IntN(4) == 0 {
					p.Parts[len(p.Parts)-1].Qualifier = pledge.Qualifier(r.IntN(6))
				}
			}
		}
		if r.IntN(4) == 0 {
			p.Qualifier = pledge.Qualifier(r.IntN(6))
		}
		switch r.IntN(6) {
		case 0:
			p.Date, p.DatePrecision = time.Date(p.Date.Year(), p.Date.Month(), 1, 0, 0, 0, 0, time.UTC), pledge.Month
		case 1:
			p.Date, p.DatePrecision = time.Date(p.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC), pledge.Year
		}
		book = append(book, p)
	}
	return book
}

// reference computes the grand total per currency at a stage straight from
// the rule in the package overview: a record that reaches the stage counts
// max(its amount, what its children count); one that does not counts what
// its children count.
func reference(book []pledge.Pledge, stage pledge.Stage) map[string]decimal.Decimal {
	byID := map[string]pledge.Pledge{}
	revisedBy := map[string]string{}
	for _, p := range book {
		if p.Revises != "" && p.Under == "" {
			p.Under = byID[p.Revises].Under // a restatement keeps what it fulfils
		}
		byID[p.ID] = p
		if p.Revises != "" {
			revisedBy[p.Revises] = p.ID
		}
	}
	head := func(id string) string {
		for revisedBy[id] != "" {
			id = revisedBy[id]
		}
		return id
	}
	children := map[string][]string{}
	var roots []string
	for _, p := range book {
		p = byID[p.ID]
		if revisedBy[p.ID] != "" {
			continue
		}
		if p.Under == "" {
			roots = append(roots, p.ID)
		} else {
			children[head(p.Under)] = append(children[head(p.Under)], p.ID)
		}
	}
	var value func(id string) decimal.Decimal
	value = func(id string) decimal.Decimal {
		sum := decimal.Zero
		for _, c := range children[id] {
			sum = sum.Add(value(c))
		}
		p := byID[id]
		if p.Stage >= stage && p.Amount.Decimal().GreaterThan(sum) {
			return p.Amount.Decimal()
		}
		return sum
	}
	out := map[string]decimal.Decimal{}
	for _, r := range roots {
		cur := byID[r].Amount.Currency().String()
		out[cur] = out[cur].Add(value(r))
	}
	return out
}

func TestPropertyCategoryRowsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2024))
	for round := range 200 {
		book := randomBook(r, 1+r.IntN(40))
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatalf("round %d: a valid random book was refused: %v", round, err)
		}
		for _, stage := range pledge.Stages() {
			ref := reference(book, stage)
			for _, q := range []pledge.Query{
				{Stage: stage},
				{Stage: stage, GroupBy: []pledge.Dimension{pledge.ByCategory}},
				{Stage: stage, GroupBy: []pledge.Dimension{pledge.ByCategory}, Depth: 1},
				{Stage: stage, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByYear, pledge.ByCategory}},
			} {
				tot, err := b.Total(q)
				if err != nil {
					t.Fatal(err)
				}
				rowSums := map[string]decimal.Decimal{}
				for _, row := range tot.Rows() {
					if row.Amount.Sign() < 0 {
						t.Fatalf("round %d %v: negative row %v", round, q, row)
					}
					cur := row.Amount.Currency().String()
					rowSums[cur] = rowSums[cur].Add(row.Amount.Decimal())
				}
				for _, s := range tot.Sum() {
					cur := s.Currency().String()
					if !s.Decimal().Equal(rowSums[cur]) {
						t.Fatalf("round %d %v: rows add up to %s %s, Sum says %s", round, q, cur, rowSums[cur], s)
					}
					if !s.Decimal().Equal(ref[cur]) {
						t.Fatalf("round %d %v: total %s, the reference rule gives %s %s", round, q, s, cur, ref[cur])
					}
					delete(ref, cur)
				}
				for cur, v := range ref {
					if !v.IsZero() {
						t.Fatalf("round %d %v: reference has %s %s, Total has nothing", round, q, cur, v)
					}
				}
				ref = reference(book, stage)
			}
		}
	}
}

func TestPropertyJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for round := range 100 {
		book := randomBook(r, r.IntN(30))
		if len(book) > 0 {
			book[0].Sources = []pledge.Source{{Publisher: "Yonhap", Title: "t", URL: "https://example.org/a?b=1&c=<2>", Quote: `"$2.3 billion"`, Date: day("2023-09-10")}}
			book[0].Note = "é 윤석열 \u2028"
			book[0].Occasion = "G20 Summit 2023"
		}
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := b.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := pledge.ReadBook(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, buf.String())
		}
		if diff := cmp.Diff(b.All(), back.All()); diff != "" {
			t.Fatalf("round %d: round trip (-want +got):\n%s", round, diff)
		}
		var again bytes.Buffer
		if err := back.WriteJSON(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatalf("round %d: second write differs", round)
		}
		q := pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory, pledge.ByCurrency}}
		t1, _ := b.Total(q)
		t2, _ := back.Total(q)
		if diff := cmp.Diff(t1.Rows(), t2.Rows()); diff != "" {
			t.Fatalf("round %d: totals differ (-want +got):\n%s", round, diff)
		}
	}
}

// TestPropertyFastPathIsExact totals books whose amounts range from tiny
// fractions to beyond 19 digits, so that the integer fast path, its 128-bit
// sums and its exact fallback all take part, and compares every row with a
// plain decimal sum, and its count and the total's record count with the
// records that have money in it. Some records have parts, whose pieces may
// fit the fast path where the record's remainder does not, or the reverse.
func TestPropertyFastPathIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 84))
	cats3 := []pledge.Category{pledge.Humanitarian, pledge.FinancialLoan, pledge.MilitaryNonLethal}
	for round := range 60 {
		var book []pledge.Pledge
		want := map[string]decimal.Decimal{}
		count := map[string]int{}
		for i := range 1 + r.IntN(300) {
			var coef decimal.Decimal
			switch r.IntN(4) {
			case 0: // beyond int64
				coef = decimal.RequireFromString(fmt.Sprintf("%d%018d", 1+r.IntN(9_999_999), r.Int64N(1e18)))
			default:
				coef = decimal.NewFromInt(r.Int64N(1 << 62))
			}
			v := coef.Shift(int32(r.IntN(20) - 12))
			if len(v.String()) > 55 {
				v = v.Shift(-10)
			}
			p := pledge.Pledge{
				ID: fmt.Sprint("x", i), Donor: fmt.Sprint("d", r.IntN(3)),
				Amount:     pledge.AmountOf(v, currency.USD),
				Categories: []pledge.Category{cats3[r.IntN(3)]},
			}
			in := map[string]bool{} // the groups p has money in
			put := func(c pledge.Category, v decimal.Decimal) {
				k := p.Donor + " | " + string(c)
				want[k] = want[k].Add(v)
				in[k] = true
			}
			rest := v
			if r.IntN(3) == 0 {
				// One or two parts of a tenth or less each, cut to 0 to 6
				// decimals: the pieces of one record may go either way.
				for range 1 + r.IntN(2) {
					part := v.Mul(decimal.New(r.Int64N(100), -3)).Truncate(int32(r.IntN(7)))
					c := cats3[r.IntN(3)]
					p.Parts = append(p.Parts, pledge.Part{Amount: pledge.AmountOf(part, currency.USD), Categories: []pledge.Category{c}})
					put(c, part)
					rest = rest.Sub(part)
				}
			}
			if len(p.Parts) == 0 || rest.Sign() > 0 {
				put(p.Categories[0], rest)
			}
			for k := range in {
				count[k]++
			}
			book = append(book, p)
		}
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatal(err)
		}
		tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]decimal.Decimal{}
		gotCount := map[string]int{}
		for _, row := range tot.Rows() {
			k := row.Keys[0] + " | " + row.Keys[1]
			got[k], gotCount[k] = row.Amount.Decimal(), row.Count
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d rows, want %d", round, len(got), len(want))
		}
		for k, v := range want {
			if !got[k].Equal(v) {
				t.Fatalf("round %d %s: %s, want %s", round, k, got[k], v)
			}
		}
		if diff := cmp.Diff(count, gotCount); diff != "" {
			t.Fatalf("round %d: records counted in each row (-want +got):\n%s", round, diff)
		}
		if tot.Records() != len(book) {
			t.Fatalf("round %d: Records = %d, want %d", round, tot.Records(), len(book))
		}
	}
}

// FuzzTotalFastPath compares Total with a plain decimal sum on amounts the
// fuzzer picks: coefficients up to 2^64 and beyond, exponents either side
// of the fast path's four decimal places, several in one group, and a
// record with a part whose pieces may take the fast path and the exact one
// each. Each row's count and the total's record count must be the records
// of that row, each once.
func FuzzTotalFastPath(f *testing.F) {
	f.Add(uint64(230000000000), int8(-2), uint64(15000000000), int8(-2), uint64(1<<63), int8(3), uint8(1))
	f.Add(uint64(1), int8(-9), uint64(99999), int8(-4), uint64(18446744073709551615), int8(0), uint8(0))
	f.Fuzz(func(t *testing.T, a uint64, ea int8, b uint64, eb int8, c uint64, ec int8, mix uint8) {
		var book []pledge.Pledge
		want := map[string]decimal.Decimal{}
		count := map[string]int{}
		value := func(coef uint64, exp int8) decimal.Decimal {
			v := decimal.NewFromBigInt(new(big.Int).SetUint64(coef), int32(exp%20))
			if mix&1 == 1 {
				v = v.Mul(decimal.NewFromInt(1_000_003))
			}
			return v
		}
		for i, x := range []struct {
			coef uint64
			exp  int8
		}{{a, ea}, {b, eb}, {c, ec}, {a, eb}, {c, ea}} {
			v := value(x.coef, x.exp)
			donor := fmt.Sprint("d", (int(mix)>>1+i)%2)
			book = append(book, pledge.Pledge{ID: fmt.Sprint("p", i), Donor: donor, Amount: pledge.AmountOf(v, currency.EUR)})
			want[donor] = want[donor].Add(v)
			count[donor]++
		}
		// The whole a+b with a part b: the part and the remainder a.
		whole, part := value(a, ea).Add(value(b, eb)), value(b, eb)
		if mix&2 == 2 { // "2.00000": the whole with five zeros written out
			whole = decimal.NewFromBigInt(new(big.Int).Mul(whole.Coefficient(), big.NewInt(100_000)), whole.Exponent()-5)
		}
		book = append(book, pledge.Pledge{ID: "parts", Donor: "d0", Amount: pledge.AmountOf(whole, currency.EUR),
			Parts: []pledge.Part{{Amount: pledge.AmountOf(part, currency.EUR)}}})
		want["d0"] = want["d0"].Add(whole)
		count["d0"]++
		b2 := &pledge.Book{}
		if err := b2.Add(book...); err != nil {
			// Beyond 60 digits is refused, which is fine; nothing else is.
			if !errors.Is(err, pledge.ErrInvalidAmount) || !strings.Contains(err.Error(), "more than 60 digits") {
				t.Fatalf("Add: %v", err)
			}
			return
		}
		tot, err := b2.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]decimal.Decimal{}
		gotCount := map[string]int{}
		for _, row := range tot.Rows() {
			got[row.Keys[0]], gotCount[row.Keys[0]] = row.Amount.Decimal(), row.Count
		}
		if len(got) != len(want) {
			t.Fatalf("%d groups, want %d: %v", len(got), len(want), got)
		}
		for donor, w := range want {
			if g, ok := got[donor]; !ok || !g.Equal(w) {
				t.Fatalf("%s: %s, want %s", donor, g, w)
			}
		}
		if diff := cmp.Diff(count, gotCount); diff != "" {
			t.Fatalf("records counted in each row (-want +got):\n%s", diff)
		}
		if tot.Records() != len(book) {
			t.Fatalf("Records = %d, want %d", tot.Records(), len(book))
		}
		if sum := tot.Sum(); len(sum) != 1 || !sum[0].Decimal().Equal(want["d0"].Add(want["d1"])) {
			t.Fatalf("Sum %v, want EUR %s", sum, want["d0"].Add(want["d1"]))
		}
	})
}

// TestPropertyRecordsByCurrency: a record's money counts in one currency,
// so the records of the sums (Totals.RecordsIn) add up to Records; each is
// what the ungrouped total counts in its currency's row, at least any of
// its rows' counts and at most their total; and JSON carries them back.
func TestPropertyRecordsByCurrency(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2025))
	for round := range 100 {
		book := randomBook(r, 1+r.IntN(40))
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, stage := range pledge.Stages() {
			plain, err := b.Total(pledge.Query{Stage: stage})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range [][]pledge.Dimension{
				nil, {pledge.ByCategory}, {pledge.ByDonor, pledge.ByYear, pledge.ByCategory},
				{pledge.ByCurrency, pledge.ByCategory}, {pledge.ByStage, pledge.ByCategory},
			} {
				q := pledge.Query{Stage: stage, GroupBy: g}
				tot, err := b.Total(q)
				if err != nil {
					t.Fatal(err)
				}
				checkRecordsByCurrency(t, fmt.Sprintf("round %d %v", round, q), tot, plain, !slices.Contains(g, pledge.ByStage))
			}
		}
	}
}

// checkRecordsByCurrency checks the records of tot's sums, against the
// ungrouped plain when same says they count the same records.
func checkRecordsByCurrency(t *testing.T, what string, tot, plain pledge.Totals, same bool) {
	t.Helper()
	all := 0
	for _, s := range tot.Sum() {
		cur := s.Currency()
		n := tot.RecordsIn(cur)
		all += n
		most, sum := 0, 0
		for _, row := range tot.Rows() {
			if row.Amount.Currency() == cur {
				most, sum = max(most, row.Count), sum+row.Count
			}
		}
		if n < most || n > sum {
			t.Fatalf("%s: RecordsIn(%s) = %d, its rows count %d to %d", what, cur, n, most, sum)
		}
		if same && n != plain.RecordsIn(cur) {
			t.Fatalf("%s: RecordsIn(%s) = %d, the ungrouped total counts %d", what, cur, n, plain.RecordsIn(cur))
		}
	}
	if all != tot.Records() {
		t.Fatalf("%s: the sums count %d records, Records = %d", what, all, tot.Records())
	}
	for _, row := range plain.Rows() {
		if n := plain.RecordsIn(row.Amount.Currency()); n != row.Count {
			t.Fatalf("%s: ungrouped RecordsIn(%s) = %d, its row counts %d", what, row.Amount.Currency(), n, row.Count)
		}
	}
	data, err := json.Marshal(tot)
	if err != nil {
		t.Fatal(err)
	}
	var back pledge.Totals
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, data)
	}
	if !back.Equal(tot) {
		t.Fatalf("%s: the totals read back differ", what)
	}
}

// TestRecordsByCurrencyInParts: a book large enough for the fast path to
// split the scan among processors counts each currency's records once.
func TestRecordsByCurrencyInParts(t *testing.T) {
	if testing.Short() {
		t.Skip("a book of 150,000 records")
	}
	curs := []string{"USD", "KRW", "EUR"}
	want := map[string]int{}
	book := make([]pledge.Pledge, 150_000)
	for i := range book {
		cur := curs[i*7%11%3]
		want[cur]++
		book[i] = pledge.Pledge{ID: fmt.Sprint("p", i), Donor: fmt.Sprint("d", i%5), Amount: pledge.MustAmount(fmt.Sprint(1+i%1000), cur)}
	}
	b := &pledge.Book{}
	if err := b.Add(book...); err != nil {
		t.Fatal(err)
	}
	for _, g := range [][]pledge.Dimension{nil, {pledge.ByDonor}, {pledge.ByCurrency}} {
		tot, err := b.Total(pledge.Query{GroupBy: g})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, s := range tot.Sum() {
			got[s.Currency().String()] = tot.RecordsIn(s.Currency())
		}
		if diff := cmp.Diff(want, got); diff != "" || tot.Records() != len(book) {
			t.Errorf("by %v: RecordsIn (-want +got):\n%s\nRecords %d, want %d", g, diff, tot.Records(), len(book))
		}
	}
}
