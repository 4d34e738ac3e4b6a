package pledge_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// TestTotalByStage is the pipeline of one commitment: $300 million
// committed under a $2.3 billion pledge, $100 million of it paid.
func TestTotalByStage(t *testing.T) {
	hum := []pledge.Category{pledge.Humanitarian}
	b := bookOf(t,
		pledge.Pledge{ID: "g20", Donor: "South Korea", Amount: usd("2300000000"), Date: day("2023-09-10"),
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: hum}}},
		pledge.Pledge{ID: "c", Donor: "South Korea", Amount: usd("300000000"), Stage: pledge.Committed, Under: "g20", Date: day("2024-01-15"), Categories: hum},
		pledge.Pledge{ID: "d", Donor: "South Korea", Amount: usd("100000000"), Stage: pledge.Disbursed, Under: "c", Date: day("2024-05-02"), Categories: hum},
		pledge.Pledge{ID: "jp", Donor: "Japan", Amount: usd("50"), Stage: pledge.Allocated},
	)
	tests := []struct {
		q    pledge.Query
		want []row
	}{
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage}}, []row{
			{"pledged", "USD 2000000000", 1},
			{"committed", "USD 200000000", 1},
			{"allocated", "USD 50", 1},
			{"disbursed", "USD 100000000", 1},
		}},
		{pledge.Query{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByStage}}, []row{
			{"committed", "USD 200000000", 1},
			{"allocated", "USD 50", 1},
			{"disbursed", "USD 100000000", 1},
		}},
		// The humanitarian part is what the commitment took up; the
		// unspecified rest of the pledge is still only pledged.
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}}, []row{
			{"pledged | unspecified", "USD 2000000000", 1},
			{"committed | humanitarian", "USD 200000000", 1},
			{"allocated | unspecified", "USD 50", 1},
			{"disbursed | humanitarian", "USD 100000000", 1},
		}},
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByStage}}, []row{
			{"Japan | allocated", "USD 50", 1},
			{"South Korea | pledged", "USD 2000000000", 1},
			{"South Korea | committed", "USD 200000000", 1},
			{"South Korea | disbursed", "USD 100000000", 1},
		}},
	}
	for _, tt := range tests {
		got, err := b.Total(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, rowsOf(got)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.q, diff)
		}
		plain, _ := b.Total(pledge.Query{Stage: tt.q.Stage})
		if diff := cmp.Diff(sumsOf(plain), sumsOf(got)); diff != "" {
			t.Errorf("%v: the stages add up to something else than the total at %s (-want +got):\n%s", tt.q, tt.q.Stage, diff)
		}
	}
}

// TestTotalByStageTakesUpCategoriesFirst: money that moves on takes the
// parent's share in its own categories, then the unspecified rest, then
// the other parts in order.
func TestTotalByStageTakesUpCategoriesFirst(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "p", Donor: "D", Amount: usd("100"), Parts: []pledge.Part{
			{Amount: usd("30"), Categories: []pledge.Category{pledge.Humanitarian}},
			{Amount: usd("40"), Categories: []pledge.Category{pledge.FinancialLoan}},
		}},
		pledge.Pledge{ID: "m", Donor: "D", Amount: usd("50"), Stage: pledge.Disbursed, Under: "p", Date: day("2024-01-01"),
			Categories: []pledge.Category{pledge.FinancialLoan}},
		pledge.Pledge{ID: "x", Donor: "D", Amount: usd("35"), Stage: pledge.Disbursed, Under: "p", Date: day("2024-02-01"),
			Categories: []pledge.Category{pledge.Military}},
	)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	// m takes the loan's 40, then 10 of the unspecified 30; x takes the
	// unspecified 20 left, then 15 of the humanitarian 30.
	want := []row{
		{"pledged | humanitarian", "USD 15", 1},
		{"disbursed | financial/loan", "USD 50", 1},
		{"disbursed | military", "USD 35", 1},
	}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTotalByStageExcess: children that exceed their parent add the
// excess in their own stage, as the totals do.
func TestTotalByStageExcess(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "c", Donor: "D", Amount: usd("100"), Stage: pledge.Committed},
		pledge.Pledge{ID: "c2", Donor: "D", Amount: usd("70"), Stage: pledge.Committed, Under: "c", Date: day("2024-01-01")},
		pledge.Pledge{ID: "c3", Donor: "D", Amount: usd("60"), Stage: pledge.Committed, Under: "c", Date: day("2024-02-01")},
		pledge.Pledge{ID: "d", Donor: "D", Amount: usd("80"), Stage: pledge.Disbursed, Under: "c2", Date: day("2024-03-01")},
	)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage}})
	if err != nil {
		t.Fatal(err)
	}
	// At Committed: max(100, max(70, 80) + 60) = 140; at Disbursed: 80.
	want := []row{{"committed", "USD 60", 2}, {"disbursed", "USD 80", 1}}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPropertyStageRowsAddUp holds ByStage to its promises on random books
// with trees, revisions, qualifiers and partial dates, by stage alone and
// crossed with donor, category and year: every row is at least zero; with
// Query.Stage s only stages from s appear and the rows add up, in every
// original currency, to the total at s (and to the reference rule),
// qualifier included; they are the rows of the whole pipeline from s on;
// and qualifiers and date precisions change no amount. Converted into USD,
// where each stage's money converts at its own record's date, the table
// holds together on its own (see checkStageRowsConverted).
func TestPropertyStageRowsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2025))
	rates := &pledge.Rates{}
	for y, rs := range map[int][2]string{2022: {"0.00078", "1.053"}, 2023: {"0.000766", "1.0813"}, 2024: {"0.000734", "1.0824"}} {
		for i, from := range []currency.Unit{currency.KRW, currency.EUR} {
			if err := rates.SetAverage(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), pledge.Year, from, currency.USD, decimal.RequireFromString(rs[i])); err != nil {
				t.Fatal(err)
			}
		}
	}
	groupings := [][]pledge.Dimension{
		{pledge.ByStage},
		{pledge.ByStage, pledge.ByDonor},
		{pledge.ByCategory, pledge.ByStage},
		{pledge.ByStage, pledge.ByYear},
		{pledge.ByDonor, pledge.ByStage, pledge.ByCategory, pledge.ByYear},
	}
	for round := range 100 {
		book := randomBook(r, 1+r.IntN(40))
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		plainBook := &pledge.Book{}
		for _, p := range book {
			p.Qualifier = pledge.Exact
			for i := range p.Parts {
				p.Parts[i].Qualifier = pledge.Exact
			}
			if err := plainBook.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		for _, g := range groupings {
			whole, err := b.Total(pledge.Query{GroupBy: g})
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(g, pledge.ByStage)
			var convWhole pledge.Totals // the converted pipeline, from the first stage
			for _, s := range pledge.Stages() {
				q := pledge.Query{Stage: s, GroupBy: g}
				got, err := b.Total(q)
				if err != nil {
					t.Fatal(err)
				}
				plain, err := b.Total(pledge.Query{Stage: s})
				if err != nil {
					t.Fatal(err)
				}
				sums := map[string]decimal.Decimal{}
				for _, row := range got.Rows() {
					st, _ := pledge.ParseStage(row.Keys[col])
					if row.Amount.Sign() < 0 || st < s {
						t.Fatalf("round %d %v: row %v", round, q, row)
					}
					cur := row.Amount.Currency().String()
					sums[cur] = sums[cur].Add(row.Amount.Decimal())
				}
				ref := reference(book, s)
				for _, f := range plain.Figures() {
					cur := f.Amount.Currency().String()
					if !sums[cur].Equal(f.Amount.Decimal()) || !ref[cur].Equal(f.Amount.Decimal()) {
						t.Fatalf("round %d %v: stage rows add up to %s %s, the total at %s is %s, the reference %s",
							round, q, cur, sums[cur], s, f.Amount, ref[cur])
					}
				}
				if diff := cmp.Diff(plain.Figures(), got.Figures()); diff != "" {
					t.Fatalf("round %d %v: sums (-total at %s +stage rows):\n%s", round, q, s, diff)
				}
				fromWhole := []pledge.Row{}
				for _, row := range whole.Rows() {
					if st, _ := pledge.ParseStage(row.Keys[col]); st >= s {
						fromWhole = append(fromWhole, row)
					}
				}
				if diff := cmp.Diff(fromWhole, got.Rows()); diff != "" {
					t.Fatalf("round %d %v: rows differ from the pipeline's from %s on (-want +got):\n%s", round, q, s, diff)
				}
				exact, err := plainBook.Total(q)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(rowsOf(exact), rowsOf(got)); diff != "" {
					t.Fatalf("round %d %v: qualifiers changed amounts (-exact +qualified):\n%s", round, q, diff)
				}
				for _, row := range exact.Rows() {
					if row.Qualifier != pledge.Exact {
						t.Fatalf("round %d %v: a book with no qualifier has row %v", round, q, row)
					}
				}
				if round%2 == 0 { // half the rounds: it takes as long as the rest
					convWhole = checkStageRowsConverted(t, fmt.Sprintf("round %d", round), b, q, got, convWhole, rates)
				}
			}
		}
	}
}

// checkStageRowsConverted checks the stage table of q in USD, at annual
// averages, against got, the same table in the records' own currencies:
// every row is in USD, at least zero and at a stage from q.Stage on; the
// rows add up to the table's sum; the conversions account for the money of
// got, currency by currency (what they convert from is got's sum in that
// currency), and what they give, with got's USD, is that sum; and with
// Query.Stage the rows are those of the whole converted pipeline from that
// stage on (whole, the table converted from Pledged). It returns the
// converted table. The sum may differ from the converted total at
// q.Stage, since a stage's money converts at its own record's date.
func checkStageRowsConverted(t *testing.T, name string, b *pledge.Book, q pledge.Query, got, whole pledge.Totals, rates *pledge.Rates) pledge.Totals {
	t.Helper()
	q.In, q.Rates, q.RatePeriod = currency.USD, rates, pledge.Year
	conv, err := b.Total(q)
	if err != nil {
		t.Fatalf("%s %v: %v", name, q, err)
	}
	col := slices.Index(q.GroupBy, pledge.ByStage)
	var rows decimal.Decimal
	for _, row := range conv.Rows() {
		st, _ := pledge.ParseStage(row.Keys[col])
		if row.Amount.Currency() != currency.USD || row.Amount.Sign() < 0 || st < q.Stage {
			t.Fatalf("%s %v: row %v", name, q, row)
		}
		rows = rows.Add(row.Amount.Decimal())
	}
	want := []string{}
	if len(conv.Rows()) > 0 {
		want = []string{pledge.AmountOf(rows, currency.USD).String()}
	}
	var figures []string
	for _, f := range conv.Figures() {
		figures = append(figures, f.Amount.String())
	}
	if diff := cmp.Diff(want, sumsOf(conv), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s %v: rows against Sum (-rows +sum):\n%s", name, q, diff)
	}
	if diff := cmp.Diff(want, figures, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s %v: rows against Figures (-rows +figures):\n%s", name, q, diff)
	}
	from := map[string]decimal.Decimal{}
	to := decimal.Zero
	for _, c := range conv.Conversions() {
		cur := c.Conversion.From.Currency().String()
		from[cur] = from[cur].Add(c.Conversion.From.Decimal())
		to = to.Add(c.Conversion.To.Decimal())
	}
	for _, f := range got.Sum() {
		cur := f.Currency().String()
		if cur == "USD" {
			to = to.Add(f.Decimal())
			continue
		}
		if !from[cur].Equal(f.Decimal()) {
			t.Fatalf("%s %v: conversions from %s add up to %s, the table in %s to %s", name, q, cur, from[cur], cur, f)
		}
		delete(from, cur)
	}
	for cur, v := range from {
		if !v.IsZero() {
			t.Fatalf("%s %v: conversions from %s %s the table does not hold", name, q, cur, v)
		}
	}
	if !to.Equal(rows) {
		t.Fatalf("%s %v: conversions and USD give %s, the rows add up to %s", name, q, to, rows)
	}
	if q.Stage == pledge.Pledged {
		return conv
	}
	var fromWhole []pledge.Row
	for _, row := range whole.Rows() {
		if st, _ := pledge.ParseStage(row.Keys[col]); st >= q.Stage {
			fromWhole = append(fromWhole, row)
		}
	}
	if diff := cmp.Diff(fromWhole, conv.Rows(), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s %v: converted rows differ from the converted pipeline's (-want +got):\n%s", name, q, diff)
	}
	return whole
}

// TestTotalByStageConverted: with Query.In, each stage's money converts at
// the date of the record it belongs to. KRW 1000 pledged in 2023, KRW 400
// of it paid in March 2024, at annual averages of 0.001 and 0.002 USD a
// won: the total at Pledged is the pledge, USD 1; by stage it is USD 0.60
// still pledged (the pledge's rest, at 2023's rate) and USD 0.80 paid (the
// payment, at 2024's), USD 1.40 in all. In won the rows add up to the
// total at Pledged, as always.
func TestTotalByStageConverted(t *testing.T) {
	krw := func(v string) pledge.Amount { return pledge.MustAmount(v, "KRW") }
	b := bookOf(t,
		pledge.Pledge{ID: "p", Donor: "South Korea", Amount: krw("1000"), Date: day("2023-01-01"), DatePrecision: pledge.Year},
		pledge.Pledge{ID: "c", Donor: "South Korea", Amount: krw("400"), Stage: pledge.Disbursed, Under: "p",
			Date: day("2024-03-01"), DatePrecision: pledge.Month},
	)
	rates := &pledge.Rates{}
	for _, r := range []struct {
		year int
		rate string
	}{{2023, "0.001"}, {2024, "0.002"}} {
		if err := rates.SetAverage(time.Date(r.year, 12, 31, 0, 0, 0, 0, time.UTC), pledge.Year, currency.KRW, currency.USD, decimal.RequireFromString(r.rate)); err != nil {
			t.Fatal(err)
		}
	}
	byStage := []pledge.Dimension{pledge.ByStage}
	inWon, err := b.Total(pledge.Query{GroupBy: byStage})
	if err != nil {
		t.Fatal(err)
	}
	plainWon, _ := b.Total(pledge.Query{})
	if diff := cmp.Diff([]row{{"pledged", "KRW 600", 1}, {"disbursed", "KRW 400", 1}}, rowsOf(inWon)); diff != "" {
		t.Errorf("in won (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sumsOf(plainWon), sumsOf(inWon)); diff != "" {
		t.Errorf("in won, the stages add up to something else than the total at Pledged (-want +got):\n%s", diff)
	}

	plain, err := b.Total(pledge.Query{In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"USD 1"}, sumsOf(plain)); diff != "" {
		t.Errorf("total at Pledged in USD (-want +got):\n%s", diff)
	}
	got, err := b.Total(pledge.Query{In: currency.USD, Rates: rates, GroupBy: byStage})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]row{{"pledged", "USD 0.6", 1}, {"disbursed", "USD 0.8", 1}}, rowsOf(got)); diff != "" {
		t.Errorf("by stage in USD (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"USD 1.4"}, sumsOf(got)); diff != "" {
		t.Errorf("by stage in USD, sums (-want +got):\n%s", diff)
	}
	var conv []string
	for _, c := range got.Conversions() {
		conv = append(conv, fmt.Sprintf("%s: %s → %s at %s (%s %s)", c.ID, c.Conversion.From, c.Conversion.To,
			c.Conversion.Rate, c.Conversion.RatePeriod, pledge.FormatDate(c.Conversion.RateDate, c.Conversion.RatePeriod)))
	}
	want := []string{
		"c: KRW 400 → USD 0.8 at 0.002 (year 2024)",
		"p: KRW 600 → USD 0.6 at 0.001 (year 2023)",
	}
	if diff := cmp.Diff(want, conv); diff != "" {
		t.Errorf("conversions (-want +got):\n%s", diff)
	}
	// The disbursed row is the total at Disbursed, converted the same way.
	paid, err := b.Total(pledge.Query{Stage: pledge.Disbursed, In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"USD 0.8"}, sumsOf(paid)); diff != "" {
		t.Errorf("total at Disbursed in USD (-want +got):\n%s", diff)
	}
}
