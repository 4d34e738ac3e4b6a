package pledge_test

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// TestTotalCountsMixedRecordsOnce totals records whose pieces fit the
// integer fast path in part only: a remainder with five decimals, a value
// written with trailing zeros, an amount of over 9.2·10^14 units. Each is
// one record in Records and in every row's Count, and stays so after a
// round trip through JSON, which writes "2.00000" as "2".
func TestTotalCountsMixedRecordsOnce(t *testing.T) {
	irr := func(v string) pledge.Amount { return pledge.MustAmount(v, "IRR") }
	tests := []struct {
		name string
		p    pledge.Pledge
	}{
		{"remainder with five decimals", pledge.Pledge{ID: "a", Donor: "D", Amount: usd("1.00001"),
			Parts: []pledge.Part{{Amount: usd("1"), Categories: cats(pledge.Humanitarian)}}}},
		{"part with five decimals", pledge.Pledge{ID: "a", Donor: "D", Amount: usd("3"),
			Parts: []pledge.Part{{Amount: usd("1.00001"), Categories: cats(pledge.Humanitarian)}}}},
		{"trailing zeros", pledge.Pledge{ID: "a", Donor: "D", Amount: pledge.AmountOf(decimal.New(200000, -5), currency.USD),
			Parts: []pledge.Part{{Amount: usd("1"), Categories: cats(pledge.Humanitarian)}}}},
		{"beyond the fast path's integers", pledge.Pledge{ID: "a", Donor: "D", Amount: irr("1260000000000000"),
			Parts: []pledge.Part{{Amount: irr("1000"), Categories: cats(pledge.Humanitarian)}}}},
		{"two parts either side", pledge.Pledge{ID: "a", Donor: "D", Amount: irr("1260000000000000"),
			Parts: []pledge.Part{{Amount: irr("1000"), Categories: cats(pledge.Humanitarian)}, {Amount: irr("1260000000000"), Categories: cats(pledge.Humanitarian)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookOf(t, tt.p, pledge.Pledge{ID: "other", Donor: "E", Amount: tt.p.Amount})
			var buf bytes.Buffer
			if err := b.WriteJSON(&buf); err != nil {
				t.Fatal(err)
			}
			back, err := pledge.ReadBook(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, book := range []*pledge.Book{b, back} {
				for _, q := range []pledge.Query{
					{},
					{GroupBy: []pledge.Dimension{pledge.ByDonor}},
					{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}},
					{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory, pledge.ByCurrency, pledge.ByYear, pledge.ByRecipient}},
					{Categories: cats(pledge.Humanitarian)},
				} {
					got, err := book.Total(q)
					if err != nil {
						t.Fatal(err)
					}
					want := 2
					if len(q.Categories) > 0 {
						want = 1
					}
					if got.Records() != want {
						t.Errorf("%v: Records = %d, want %d", q.GroupBy, got.Records(), want)
					}
					for _, r := range got.Rows() {
						if want := 1 + boolInt(len(q.GroupBy) == 0 && len(q.Categories) == 0); r.Count != want {
							t.Errorf("%v: row %q counts %d records, want %d", q.GroupBy, r.Keys, r.Count, want)
						}
					}
				}
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
