package pledge_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

func TestTotalsWriteCSV(t *testing.T) {
	book := storyBook(t)
	if err := book.Add(pledge.Pledge{ID: "jp", Donor: "Japan", Amount: pledge.MustAmount("1234.5", "JPY")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    pledge.Query
		want string
	}{
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}}, `stage,category,currency,amount,qualifier,records
pledged,humanitarian,USD,100000000,less than,1
pledged,humanitarian+military/non-lethal,USD,150000000.5,,1
pledged,unspecified,JPY,1234.5,,1
pledged,unspecified,USD,2000000000,,1
allocated,humanitarian,USD,200000000,more than,1
`},
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCurrency, pledge.ByRecipient}}, `currency,recipient,amount,qualifier,records
JPY,,1234.5,,1
USD,Ukraine,2450000000.5,,2
`},
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear}, Donors: []string{"Japan"}}, `year,currency,amount,qualifier,records
,JPY,1234.5,,1
`},
		{pledge.Query{}, `currency,amount,qualifier,records
JPY,1234.5,,1
USD,2450000000.5,,2
`},
	}
	for _, tt := range tests {
		tot, err := book.Total(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tot.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.q, diff)
		}
		// One row per row of the totals, as encoding/csv reads it.
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != len(tot.Rows())+1 {
			t.Errorf("%v: %d rows read, %v", tt.q, len(rows), err)
		}
	}
}

// TestTotalsWriteCSVSumQualifier: the long form writes no sums, and the
// sum's qualifier does not follow from the rows': an exact 100 with at
// least 30 of it humanitarian is "at least 30" humanitarian and "at most
// 70" unspecified, but exactly 100 in all, which Figures gives.
func TestTotalsWriteCSVSumQualifier(t *testing.T) {
	b := bookOf(t, pledge.Pledge{ID: "p", Donor: "D", Amount: usd("100"),
		Parts: []pledge.Part{{Amount: usd("30"), Qualifier: pledge.AtLeast, Categories: []pledge.Category{pledge.Humanitarian}}}})
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tot.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := `category,currency,amount,qualifier,records
humanitarian,USD,30,at least,1
unspecified,USD,70,at most,1
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]pledge.Figure{{Amount: usd("100")}}, tot.Figures(), cmp.Comparer(pledge.Amount.Equal)); diff != "" {
		t.Errorf("Figures (-want +got):\n%s", diff)
	}
}
