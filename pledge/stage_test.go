package pledge_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

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
// Query.Stage s only stages from s appear and the rows add up, per
// currency, to the total at s (and to the reference rule), qualifier
// included; they are the rows of the whole pipeline from s on; and
// qualifiers and date precisions change no amount.
func TestPropertyStageRowsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2025))
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
			}
		}
	}
}
