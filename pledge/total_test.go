package pledge_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

// row is a Totals row in a form that diffs readably.
type row struct {
	Keys   string
	Amount string
	Count  int
}

func rowsOf(t pledge.Totals) []row {
	var out []row
	for _, r := range t.Rows() {
		out = append(out, row{strings.Join(r.Keys, " | "), r.Amount.String(), r.Count})
	}
	return out
}

func sumsOf(t pledge.Totals) []string {
	var out []string
	for _, a := range t.Sum() {
		out = append(out, a.String())
	}
	return out
}

func bookOf(t *testing.T, ps ...pledge.Pledge) *pledge.Book {
	t.Helper()
	b := &pledge.Book{}
	if err := b.Add(ps...); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTotalKoreaUkraine(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	tests := []struct {
		name string
		q    pledge.Query
		want []row
		sum  []string
	}{
		{"everything", pledge.Query{}, []row{{"", "USD 2450000000", 2}}, []string{"USD 2450000000"}},
		{"by category", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}}, []row{
			{"humanitarian", "USD 300000000", 1},
			{"humanitarian+military/non-lethal", "USD 150000000", 1},
			{"unspecified", "USD 2000000000", 1},
		}, []string{"USD 2450000000"}},
		{"by category at depth 1", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}, Depth: 1}, []row{
			{"humanitarian", "USD 300000000", 1},
			{"humanitarian+military", "USD 150000000", 1},
			{"unspecified", "USD 2000000000", 1},
		}, []string{"USD 2450000000"}},
		{"within humanitarian keeps the undivided amount under its joined key", pledge.Query{
			Categories: cats(pledge.Humanitarian), GroupBy: []pledge.Dimension{pledge.ByCategory},
		}, []row{
			{"humanitarian", "USD 300000000", 1},
			{"humanitarian+military/non-lethal", "USD 150000000", 1},
		}, []string{"USD 450000000"}},
		{"within military rolls up non-lethal", pledge.Query{Categories: cats(pledge.Military)},
			[]row{{"", "USD 150000000", 1}}, []string{"USD 150000000"}},
		{"within unspecified", pledge.Query{Categories: cats(pledge.Unspecified)},
			[]row{{"", "USD 2000000000", 1}}, []string{"USD 2000000000"}},
		{"date window", pledge.Query{From: day("2023-09-01"), To: day("2023-09-30")},
			[]row{{"", "USD 2300000000", 1}}, []string{"USD 2300000000"}},
		{"by year and donor", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByDonor}},
			[]row{{"2023 | South Korea", "USD 2450000000", 2}}, []string{"USD 2450000000"}},
		{"donor in another case", pledge.Query{Donors: []string{"south korea"}},
			[]row{{"", "USD 2450000000", 2}}, []string{"USD 2450000000"}},
		{"recipient", pledge.Query{Recipients: []string{"Ukraine"}, GroupBy: []pledge.Dimension{pledge.ByRecipient, pledge.ByCurrency}},
			[]row{{"Ukraine | USD", "USD 2450000000", 2}}, []string{"USD 2450000000"}},
		{"committed: nothing yet", pledge.Query{Stage: pledge.Committed}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Total(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rowsOf(got)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.sum, sumsOf(got)); diff != "" {
				t.Errorf("sum (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTotalStages(t *testing.T) {
	d := pledge.Disbursed
	tests := []struct {
		name  string
		book  []pledge.Pledge
		stage map[pledge.Stage]string // stage → grand total
	}{
		{"a disbursement under a commitment", []pledge.Pledge{
			{ID: "c", Donor: "D", Amount: usd("300"), Stage: pledge.Committed, Date: day("2023-01-01")},
			{ID: "d", Donor: "D", Amount: usd("100"), Stage: d, Under: "c", Date: day("2023-06-01")},
		}, map[pledge.Stage]string{pledge.Pledged: "300", pledge.Committed: "300", pledge.Allocated: "100", d: "100"}},
		{"children beyond their parent add only the excess", []pledge.Pledge{
			{ID: "c", Donor: "D", Amount: usd("300"), Stage: pledge.Committed},
			{ID: "d1", Donor: "D", Amount: usd("200"), Stage: d, Under: "c", Date: day("2024-01-01")},
			{ID: "d2", Donor: "D", Amount: usd("150"), Stage: d, Under: "c", Date: day("2024-02-01")},
		}, map[pledge.Stage]string{pledge.Pledged: "350", pledge.Committed: "350", d: "350"}},
		{"pledge, commitment, disbursement", []pledge.Pledge{
			{ID: "p", Donor: "D", Amount: usd("500")},
			{ID: "c", Donor: "D", Amount: usd("300"), Stage: pledge.Committed, Under: "p"},
			{ID: "d", Donor: "D", Amount: usd("100"), Stage: d, Under: "c"},
		}, map[pledge.Stage]string{pledge.Pledged: "500", pledge.Committed: "300", pledge.Allocated: "100", d: "100"}},
		{"a restatement replaces the original", []pledge.Pledge{
			{ID: "v1", Donor: "D", Amount: usd("100")},
			{ID: "v2", Donor: "D", Amount: usd("120"), Revises: "v1"},
		}, map[pledge.Stage]string{pledge.Pledged: "120", d: ""}},
		{"children follow their parent's restatement", []pledge.Pledge{
			{ID: "v1", Donor: "D", Amount: usd("100"), Stage: pledge.Committed},
			{ID: "v2", Donor: "D", Amount: usd("80"), Stage: pledge.Committed, Revises: "v1"},
			{ID: "d", Donor: "D", Amount: usd("90"), Stage: d, Under: "v1"},
		}, map[pledge.Stage]string{pledge.Committed: "90", d: "90"}},
		{"a record restated as disbursed", []pledge.Pledge{
			{ID: "v1", Donor: "D", Amount: usd("100")},
			{ID: "v2", Donor: "D", Amount: usd("100"), Stage: d, Revises: "v1"},
		}, map[pledge.Stage]string{pledge.Pledged: "100", d: "100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookOf(t, tt.book...)
			for stage, want := range tt.stage {
				got, err := b.Total(pledge.Query{Stage: stage})
				if err != nil {
					t.Fatal(err)
				}
				var wantSum []string
				if want != "" {
					wantSum = []string{"USD " + want}
				}
				if diff := cmp.Diff(wantSum, sumsOf(got)); diff != "" {
					t.Errorf("%v (-want +got):\n%s", stage, diff)
				}
			}
		})
	}
}

func TestTotalExcessKeepsChildAttributes(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "c", Donor: "D", Amount: usd("300"), Stage: pledge.Committed, Date: day("2023-05-01"), Categories: cats(pledge.Humanitarian)},
		pledge.Pledge{ID: "d1", Donor: "D", Amount: usd("200"), Stage: pledge.Disbursed, Under: "c", Date: day("2024-01-01"), Categories: cats(pledge.Humanitarian)},
		pledge.Pledge{ID: "d2", Donor: "D", Amount: usd("150"), Stage: pledge.Disbursed, Under: "c", Date: day("2024-02-01"), Categories: cats(pledge.Reconstruction)},
	)
	got, err := b.Total(pledge.Query{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"2023 | humanitarian", "USD 300", 1},
		{"2024 | reconstruction", "USD 50", 1},
	}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// In 2024 nothing new was committed except what went beyond 2023's commitment.
	got, _ = b.Total(pledge.Query{Stage: pledge.Committed, From: day("2024-01-01")})
	if diff := cmp.Diff([]string{"USD 50"}, sumsOf(got)); diff != "" {
		t.Errorf("committed in 2024 (-want +got):\n%s", diff)
	}
}

func TestTotalParts(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "p", Donor: "D", Amount: usd("1000"), Date: day("2023-03-01"),
			Categories: cats(pledge.Financial),
			Parts: []pledge.Part{
				{Amount: usd("100"), Categories: cats(pledge.Humanitarian), Year: 2023},
				{Amount: usd("200"), Categories: cats(pledge.FinancialLoan), Year: 2024},
				{Amount: usd("50")},
			}},
		pledge.Pledge{ID: "full", Donor: "D", Amount: usd("10"), Parts: []pledge.Part{{Amount: usd("10"), Categories: cats(pledge.Reconstruction)}}},
	)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"2023 | financial", "USD 650", 1},
		{"2023 | humanitarian", "USD 100", 1},
		{"2023 | unspecified", "USD 50", 1},
		{"2024 | financial/loan", "USD 200", 1},
		{" | reconstruction", "USD 10", 1},
	}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	got, _ = b.Total(pledge.Query{Categories: cats(pledge.Financial)})
	if diff := cmp.Diff([]string{"USD 850"}, sumsOf(got)); diff != "" {
		t.Errorf("within financial (-want +got):\n%s", diff)
	}
	if got.Records() != 1 {
		t.Errorf("Records = %d, want 1", got.Records())
	}
}

func TestTotalCurrencies(t *testing.T) {
	krw := func(v string) pledge.Amount { return pledge.MustAmount(v, "KRW") }
	b := bookOf(t,
		pledge.Pledge{ID: "a", Donor: "South Korea", Amount: usd("150000000"), Date: day("2023-07-15")},
		pledge.Pledge{ID: "b", Donor: "South Korea", Amount: krw("520000000000"), Date: day("2023-05-22")},
		pledge.Pledge{ID: "c", Donor: "South Korea", Amount: krw("1000"), Date: day("2023-05-23")},
		pledge.Pledge{ID: "e", Donor: "Germany", Amount: pledge.MustAmount("5", "EUR"), Date: day("2023-01-02")},
	)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"Germany", "EUR 5", 1},
		{"South Korea", "KRW 520000001000", 2},
		{"South Korea", "USD 150000000", 1},
	}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"EUR 5", "KRW 520000001000", "USD 150000000"}, sumsOf(got)); diff != "" {
		t.Errorf("sum (-want +got):\n%s", diff)
	}

	var rates pledge.Rates
	if err := rates.Set(day("2023-05-22"), currency.KRW, currency.USD, decimal.RequireFromString("0.000756")); err != nil {
		t.Fatal(err)
	}
	_, err = b.Total(pledge.Query{In: currency.USD, Rates: &rates})
	var re *pledge.RateError
	if !errors.As(err, &re) || !errors.Is(err, pledge.ErrMissingRate) {
		t.Fatalf("Total without EUR rate = %v, want a *RateError", err)
	}
	if diff := cmp.Diff(`pledge: missing exchange rate: EUR→USD on 2023-01-02 for "e"`, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := rates.Set(day("2022-12-30"), currency.EUR, currency.USD, decimal.RequireFromString("1.07")); err != nil {
		t.Fatal(err)
	}
	got, err = b.Total(pledge.Query{In: currency.USD, Rates: &rates, GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	want = []row{
		{"Germany", "USD 5.35", 1},
		{"South Korea", "USD 543120000.756", 3},
	}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("converted (-want +got):\n%s", diff)
	}
	var conv []string
	for _, c := range got.Conversions() {
		conv = append(conv, c.ID+": "+c.Conversion.From.String()+" → "+c.Conversion.To.String()+" at "+c.Conversion.Rate.String()+" of "+c.Conversion.RateDate.Format("2006-01-02"))
	}
	wantConv := []string{
		"b: KRW 520000000000 → USD 393120000 at 0.000756 of 2023-05-22",
		"c: KRW 1000 → USD 0.756 at 0.000756 of 2023-05-22",
		"e: EUR 5 → USD 5.35 at 1.07 of 2022-12-30",
	}
	if diff := cmp.Diff(wantConv, conv); diff != "" {
		t.Errorf("conversions (-want +got):\n%s", diff)
	}
}

// TestTotalQueryErrors: every query Book.Total refuses is named as its
// JSON names it, "pledge: query: <field>: <what>", matching its sentinel;
// Query.MarshalJSON refuses the same queries in the same words, but for
// missing Rates, which JSON does not carry.
func TestTotalQueryErrors(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	tests := []struct {
		q       pledge.Query
		want    string
		is      error
		marshal bool // MarshalJSON refuses it too
		list    bool // so does List, which checks only what picks records
	}{
		{pledge.Query{Stage: 9}, `pledge: query: stage: unknown stage 9: want Pledged, Committed, Allocated or Disbursed`, pledge.ErrInvalid, true, true},
		{pledge.Query{GroupBy: []pledge.Dimension{99}}, `pledge: query: group_by[0]: unknown dimension 99: want ByDonor, ByRecipient, ByCategory, ByYear, ByCurrency or ByStage`, pledge.ErrInvalid, true, false},
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory, pledge.ByDonor, pledge.ByDonor}}, `pledge: query: group_by[2]: ByDonor given twice`, pledge.ErrInvalid, true, false},
		{pledge.Query{Categories: cats(pledge.Humanitarian, "Bad Category")}, `pledge: query: categories[1]: invalid category "Bad Category": use lower case ("bad category")`, pledge.ErrInvalidCategory, true, true},
		{pledge.Query{Depth: -1}, `pledge: query: depth: -1 is negative`, pledge.ErrInvalid, true, false},
		{pledge.Query{From: day("2024-01-01"), To: day("2023-01-01")}, `pledge: query: to: 2023-01-01 is before from, 2024-01-01`, pledge.ErrInvalid, true, true},
		{pledge.Query{From: time.Date(7_000_000, 1, 1, 0, 0, 0, 0, time.UTC)}, `pledge: query: from: 7000000-01-01 is outside 0001-01-02..9999-12-31`, pledge.ErrInvalid, true, true},
		{pledge.Query{To: time.Date(-7_000_000, 1, 1, 0, 0, 0, 0, time.UTC)}, `pledge: query: to: -7000000-01-01 is outside 0001-01-02..9999-12-31`, pledge.ErrInvalid, true, true},
		{pledge.Query{From: day("2024-01-01"), To: time.Date(10_000, 1, 1, 0, 0, 0, 0, time.UTC)}, `pledge: query: to: 10000-01-01 is outside 0001-01-02..9999-12-31`, pledge.ErrInvalid, true, true},
		{pledge.Query{In: currency.XTS, Rates: &pledge.Rates{}}, `pledge: query: in: invalid currency XTS: the code for testing, not money`, pledge.ErrInvalidCurrency, true, false},
		{pledge.Query{In: currency.EUR}, `pledge: query: in: converting into EUR needs Rates`, pledge.ErrInvalid, false, false},
		{pledge.Query{RatePeriod: 7}, `pledge: query: rate_period: unknown precision 7: want Day, Month or Year`, pledge.ErrInvalid, true, false},
		{pledge.Query{Donors: []string{"South Korea", "Fredonia"}}, `pledge: query: donors[1]: no donor "Fredonia" in the book`, pledge.ErrUnknownName, false, true},
		{pledge.Query{Recipients: []string{"Ukrain"}}, `pledge: query: recipients[0]: no recipient "Ukrain" in the book (nearest: "Ukraine")`, pledge.ErrUnknownName, false, true},
		{pledge.Query{Categories: cats("health/vaccines")}, `pledge: query: categories[0]: no category "health/vaccines" in the book`, pledge.ErrUnknownName, false, true},
	}
	for _, tt := range tests {
		_, err := b.Total(tt.q)
		checkError(t, fmt.Sprintf("Total(%v)", tt.q), err, tt.want, tt.is)
		_, err = b.List(tt.q, 0, 10)
		if tt.list {
			checkError(t, fmt.Sprintf("List(%v)", tt.q), err, tt.want, tt.is)
		} else if err != nil {
			t.Errorf("List(%v) = %v, want no error: it ignores what does not pick records", tt.q, err)
		}
		_, err = tt.q.MarshalJSON()
		if tt.marshal {
			checkError(t, fmt.Sprintf("MarshalJSON(%v)", tt.q), err, tt.want, tt.is)
		} else if err != nil {
			t.Errorf("MarshalJSON(%v): %v", tt.q, err)
		}
	}
	// Text JSON cannot carry is named by its field.
	for _, tt := range []struct {
		q    pledge.Query
		want string
	}{
		{pledge.Query{Donors: []string{"a", "\xff"}}, `pledge: query: donors[1]: "\xff" is not valid UTF-8`},
		{pledge.Query{Recipients: []string{"\xfe"}}, `pledge: query: recipients[0]: "\xfe" is not valid UTF-8`},
		{pledge.Query{Categories: cats("\xff")}, `pledge: query: categories[0]: "\xff" is not valid UTF-8`},
	} {
		_, err := tt.q.MarshalJSON()
		checkError(t, fmt.Sprintf("MarshalJSON(%v)", tt.q), err, tt.want, pledge.ErrInvalid)
	}
}

// checkError checks that err, what what returned, is want, word for word,
// and matches the sentinel is.
func checkError(t *testing.T, what string, err error, want string, is error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %q", what, want)
		return
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
	if !errors.Is(err, is) {
		t.Errorf("%s = %v, does not match %v", what, err, is)
	}
}

func TestTotalsDisplay(t *testing.T) {
	b := bookOf(t, append(koreaUkraine(), pledge.Pledge{
		ID: "x", Donor: `<script>alert("x")</script>`, Amount: pledge.MustAmount("5", "EUR"),
	})...)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	wantText := `Totals: all stages; by donor, category
donor                        category                          currency         amount  records
-----------------------------------------------------------------------------------------------
<script>alert("x")</script>  unspecified                       EUR                   5        1
South Korea                  humanitarian                      USD         300,000,000        1
South Korea                  humanitarian+military/non-lethal  USD         150,000,000        1
South Korea                  unspecified                       USD       2,000,000,000        1
-----------------------------------------------------------------------------------------------
total                                                          EUR                   5        1
                                                               USD       2,450,000,000        2
`
	if diff := cmp.Diff(wantText, got.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	for name, out := range map[string]string{"HTML": got.HTML(), "SVG": got.SVG(), "Markdown": got.Markdown()} {
		if strings.Contains(out, "<script>") {
			t.Errorf("%s does not escape: %s", name, out)
		}
		if !strings.Contains(out, "2,000,000,000") {
			t.Errorf("%s lacks the unspecified amount", name)
		}
	}
	if !strings.HasPrefix(got.HTML(), "<table") || !strings.HasSuffix(got.HTML(), "</table>") {
		t.Errorf("HTML is not one <table>: %s", got.HTML())
	}
	if !strings.HasPrefix(got.SVG(), "<svg") || strings.Count(got.SVG(), `<rect class="bar"`) != 4 {
		t.Errorf("SVG should draw four bars: %s", got.SVG())
	}
}

func TestTotalsKeepTheirOwnQuery(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	q := pledge.Query{Donors: []string{"South Korea"}, GroupBy: []pledge.Dimension{pledge.ByCategory}}
	tot, err := b.Total(q)
	if err != nil {
		t.Fatal(err)
	}
	before := tot.String()
	q.Donors[0] = "changed by the caller"
	tot.Query().Donors[0] = "changed through Query()"
	if diff := cmp.Diff(before, tot.String()); diff != "" {
		t.Errorf("Totals changed with the caller's slices (-before +after):\n%s", diff)
	}
}

func TestTotalUndatedChildrenComeLast(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "c", Donor: "D", Amount: usd("100"), Stage: pledge.Committed, Date: day("2023-01-01")},
		pledge.Pledge{ID: "undated", Donor: "D", Amount: usd("80"), Stage: pledge.Disbursed, Under: "c", Categories: cats(pledge.Reconstruction)},
		pledge.Pledge{ID: "dated", Donor: "D", Amount: usd("80"), Stage: pledge.Disbursed, Under: "c", Date: day("2023-06-01"), Categories: cats(pledge.Humanitarian)},
	)
	got, err := b.Total(pledge.Query{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{"reconstruction", "USD 60", 1}, {"unspecified", "USD 100", 1}}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("the excess should come from the undated child (-want +got):\n%s", diff)
	}
}

func TestTotalsChart(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tot.SVG(), tot.Chart().SVG()); diff != "" {
		t.Errorf("Chart (-want +got):\n%s", diff)
	}
}

func TestRowOrder(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "a", Donor: "b", Amount: usd("1"), Date: day("2023-01-01")},
		pledge.Pledge{ID: "b", Donor: "a", Amount: usd("1"), Date: time.Date(999, 1, 1, 0, 0, 0, 0, time.UTC)},
		pledge.Pledge{ID: "c", Donor: "a", Amount: usd("1")},
		pledge.Pledge{ID: "d", Donor: "a", Amount: usd("1"), Date: day("2024-01-01")},
	)
	got, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{"999 | a", "USD 1", 1}, {"2023 | b", "USD 1", 1}, {"2024 | a", "USD 1", 1}, {" | a", "USD 1", 1}}
	if diff := cmp.Diff(want, rowsOf(got)); diff != "" {
		t.Errorf("years sort as numbers, unknown last (-want +got):\n%s", diff)
	}
}

// TestTotalsAmountCells: every amount of a table is written by the rule of
// Amount.Display on its own, not at the working precision of totals (4
// places) or of a conversion at an inverse rate (8 places), and not padded
// with zeros to the most decimals in its column: a whole amount is whole
// beside a fraction. Text lines the amounts up at the point with spaces;
// Markdown and HTML write each cell as Display does.
func TestTotalsAmountCells(t *testing.T) {
	three, rates := threeCurrencies(t)
	byDonor := []pledge.Dimension{pledge.ByDonor}
	tests := []struct {
		name  string
		recs  []pledge.Pledge
		q     pledge.Query
		text  string
		cells []string // the amount column of Markdown and HTML, rows then totals
	}{
		{"a fraction beside whole amounts", three, pledge.Query{GroupBy: byDonor}, `Totals: all stages; by donor
donor        currency             amount  records
-------------------------------------------------
Germany      EUR          300,000,000           1
Japan        USD                1,234.50        1
South Korea  KRW       52,000,000,000           1
-------------------------------------------------
total        EUR          300,000,000           1
             KRW       52,000,000,000           1
             USD                1,234.50        1
`, []string{"300,000,000", "1,234.50", "52,000,000,000", "300,000,000", "52,000,000,000", "1,234.50"}},
		{"converted at 8 places, whole amounts stay whole", three, pledge.Query{GroupBy: byDonor, In: currency.USD, Rates: rates}, `Totals: all stages; by donor; in USD
donor        currency          amount  records
----------------------------------------------
Germany      USD       321,000,000           1
Japan        USD             1,234.50        1
South Korea  USD        38,995,320           1
----------------------------------------------
total        USD       359,996,554.50        3
`, []string{"321,000,000", "1,234.50", "38,995,320", "359,996,554.50"}},
		{"more decimals than the minor unit", []pledge.Pledge{
			{ID: "a", Donor: "A", Amount: usd("0.125")},
			{ID: "b", Donor: "B", Amount: usd("5")},
			{ID: "c", Donor: "C", Amount: pledge.MustAmount("1000.5", "KRW")},
			{ID: "d", Donor: "D", Amount: usd("7.1"), Qualifier: pledge.Approximately},
		}, pledge.Query{GroupBy: byDonor}, `Totals: all stages; by donor (≈ approximately)
donor  currency     amount  records
-----------------------------------
A      USD           0.125        1
B      USD           5            1
C      KRW       1,000.5          1
D      USD         ≈ 7.10         1
-----------------------------------
total  KRW       1,000.5          1
       USD        ≈ 12.225        3
`, []string{"0.125", "5", "1,000.5", "≈ 7.10", "1,000.5", "≈ 12.225"}},
		{"all whole: no padding", []pledge.Pledge{
			{ID: "a", Donor: "A", Amount: usd("2300000000")},
			{ID: "b", Donor: "B", Amount: usd("150000000")},
		}, pledge.Query{GroupBy: byDonor}, `Totals: all stages; by donor
donor  currency         amount  records
---------------------------------------
A      USD       2,300,000,000        1
B      USD         150,000,000        1
---------------------------------------
total  USD       2,450,000,000        2
`, []string{"2,300,000,000", "150,000,000", "2,450,000,000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bookOf(t, tt.recs...).Total(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.text, got.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.cells, markdownColumn(got.Markdown(), "amount")); diff != "" {
				t.Errorf("Markdown amounts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.cells, htmlColumn(got.HTML(), "amount")); diff != "" {
				t.Errorf("HTML amounts (-want +got):\n%s", diff)
			}
		})
	}
}

// threeCurrencies returns three records in KRW, USD and EUR of one day,
// and rates to convert them into USD at an inverse rate of 8 places.
func threeCurrencies(t *testing.T) ([]pledge.Pledge, *pledge.Rates) {
	t.Helper()
	rates := &pledge.Rates{Inverse: 8}
	if err := rates.Set(day("2023-09-08"), currency.USD, currency.KRW, decimal.RequireFromString("1333.5")); err != nil {
		t.Fatal(err)
	}
	if err := rates.Set(day("2023-09-08"), currency.EUR, currency.USD, decimal.RequireFromString("1.07")); err != nil {
		t.Fatal(err)
	}
	return []pledge.Pledge{
		{ID: "kr", Donor: "South Korea", Amount: pledge.MustAmount("52000000000", "KRW"), Date: day("2023-09-08")},
		{ID: "jp", Donor: "Japan", Amount: usd("1234.5"), Date: day("2023-09-08")},
		{ID: "de", Donor: "Germany", Amount: pledge.MustAmount("300000000", "EUR"), Date: day("2023-09-08")},
	}, rates
}

// markdownColumn returns the cells of the named column of a Markdown
// table, below the header, bold marks taken off.
func markdownColumn(md, name string) []string {
	col := -1
	var out []string
	for line := range strings.Lines(md) {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "*")
		}
		switch {
		case col < 0:
			col = slices.Index(cells, name)
		case strings.HasPrefix(cells[0], ":--") || strings.HasPrefix(cells[0], "--"):
		default:
			out = append(out, cells[col])
		}
	}
	return out
}

// htmlColumn returns the text of the named column's <td> cells in an HTML
// table, as written (entities aside, which these cells have none of).
func htmlColumn(h, name string) []string {
	th := regexp.MustCompile(`<th[^>]*>([^<]*)</th>`).FindAllStringSubmatch(h, -1)
	col := slices.IndexFunc(th, func(m []string) bool { return m[1] == name })
	var out []string
	for _, tr := range regexp.MustCompile(`<tr>(.*?)</tr>`).FindAllStringSubmatch(h, -1) {
		td := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(tr[1], -1)
		if col >= 0 && col < len(td) {
			out = append(out, td[col][1])
		}
	}
	return out
}

// TestTotalsRowsFormat: what a row holds formats as people read it,
// whatever its scale, and a bar is labelled with the amount as Display
// writes it, then its share; the panel's total too follows the rule.
func TestTotalsRowsFormat(t *testing.T) {
	three, rates := threeCurrencies(t)
	inUSD, err := bookOf(t, three...).Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}, In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(inUSD.SVG(), ">USD 38,995,320 (10.8%)<") || !strings.Contains(inUSD.SVG(), "total 359,996,554.50<") {
		t.Errorf("SVG lacks the label USD 38,995,320:\n%s", inUSD.SVG())
	}
	var got []string
	for _, r := range inUSD.Rows() {
		got = append(got, r.Amount.Format(language.English)+" | "+r.Amount.Display()+" | "+r.Amount.Compact(language.English))
	}
	want := []string{
		"$321,000,000 | USD 321,000,000 | $321 million",
		"$1,234.50 | USD 1,234.50 | $1,234.50",
		"$38,995,320 | USD 38,995,320 | about $39 million",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestTotalByEveryDimension groups by all six dimensions at once, which
// overran the group key (sized for five and the currency) once ByStage
// was added, and panicked.
func TestTotalByEveryDimension(t *testing.T) {
	b := &pledge.Book{}
	if err := b.Add(koreaUkraine()...); err != nil {
		t.Fatal(err)
	}
	all := []pledge.Dimension{pledge.ByStage, pledge.ByYear, pledge.ByCurrency, pledge.ByCategory, pledge.ByRecipient, pledge.ByDonor}
	tot, err := b.Total(pledge.Query{GroupBy: all})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tot.Rows() {
		got = append(got, strings.Join(r.Keys, " · ")+": "+r.Amount.String())
	}
	want := []string{
		"pledged · 2023 · USD · humanitarian · Ukraine · South Korea: USD 300000000",
		"pledged · 2023 · USD · humanitarian+military/non-lethal · Ukraine · South Korea: USD 150000000",
		"pledged · 2023 · USD · unspecified · Ukraine · South Korea: USD 2000000000",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestTotalsByCurrencyTable: grouped by currency, a table writes the
// currency once, in the key column; the total lines, one per currency,
// count the records whose money is in that currency's sum (a record in
// two rows once), not the grand count; and JSON and CSV say the same.
func TestTotalsByCurrencyTable(t *testing.T) {
	recs := []pledge.Pledge{
		{ID: "kr", Donor: "South Korea", Amount: usd("300"), Parts: []pledge.Part{{Amount: usd("100"), Categories: cats("humanitarian")}}},
		{ID: "jp", Donor: "Japan", Amount: usd("50")},
		{ID: "de", Donor: "Germany", Amount: pledge.MustAmount("70", "EUR")},
	}
	const byCategory = `category      currency  amount  records
---------------------------------------
humanitarian  USD          100        1
unspecified   EUR           70        1
unspecified   USD          250        2
---------------------------------------
total         EUR           70        1
              USD          350        2
`
	const byCategoryCSV = "category,currency,amount,qualifier,records\nhumanitarian,USD,100,,1\nunspecified,EUR,70,,1\nunspecified,USD,250,,2\n"
	tests := []struct {
		name    string
		groupBy []pledge.Dimension
		text    string
		csv     string
	}{
		{"by currency alone: the rows are the totals", []pledge.Dimension{pledge.ByCurrency}, `Totals: all stages; by currency
currency  amount  records
-------------------------
EUR           70        1
USD          350        2
`, "currency,amount,qualifier,records\nEUR,70,,1\nUSD,350,,2\n"},
		{"currency first", []pledge.Dimension{pledge.ByCurrency, pledge.ByDonor}, `Totals: all stages; by currency, donor
currency  donor        amount  records
--------------------------------------
EUR       Germany          70        1
USD       Japan            50        1
USD       South Korea     300        1
--------------------------------------
EUR       total            70        1
USD                       350        2
`, "currency,donor,amount,qualifier,records\nEUR,Germany,70,,1\nUSD,Japan,50,,1\nUSD,South Korea,300,,1\n"},
		// By category and currency, the table is the one by category alone.
		{"currency second", []pledge.Dimension{pledge.ByCategory, pledge.ByCurrency}, "Totals: all stages; by category, currency\n" + byCategory, byCategoryCSV},
		{"not by currency: a currency column, counts per currency", []pledge.Dimension{pledge.ByCategory}, "Totals: all stages; by category\n" + byCategory, byCategoryCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bookOf(t, recs...).Total(pledge.Query{GroupBy: tt.groupBy})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.text, got.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			var csv strings.Builder
			if err := got.WriteCSV(&csv); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.csv, csv.String()); diff != "" {
				t.Errorf("CSV (-want +got):\n%s", diff)
			}
			if n := strings.Count(markdownHeader(got.Markdown()), "currency"); n != 1 {
				t.Errorf("Markdown names the currency %d times:\n%s", n, got.Markdown())
			}
			if n := strings.Count(got.HTML(), ">currency</th>"); n != 1 {
				t.Errorf("HTML names the currency %d times:\n%s", n, got.HTML())
			}
			// What the total lines say, from the API and from JSON.
			type count struct {
				Currency string
				Records  int
			}
			wantCounts := []count{{"EUR", 1}, {"USD", 2}}
			var api []count
			for _, s := range got.Sum() {
				api = append(api, count{s.Currency().String(), got.RecordsIn(s.Currency())})
			}
			if diff := cmp.Diff(wantCounts, api); diff != "" {
				t.Errorf("RecordsIn (-want +got):\n%s", diff)
			}
			if got.Records() != 3 {
				t.Errorf("Records = %d, want 3", got.Records())
			}
			data, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			var j struct {
				Sums []struct {
					Amount  struct{ Currency string }
					Records int
				}
				Records int
			}
			if err := json.Unmarshal(data, &j); err != nil {
				t.Fatal(err)
			}
			var fromJSON []count
			for _, s := range j.Sums {
				fromJSON = append(fromJSON, count{s.Amount.Currency, s.Records})
			}
			if diff := cmp.Diff(wantCounts, fromJSON); diff != "" || j.Records != 3 {
				t.Errorf("JSON sums' records (-want +got):\n%s\nrecords %d, want 3", diff, j.Records)
			}
			var back pledge.Totals
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.text, back.String()); diff != "" {
				t.Errorf("String of the totals read back (-want +got):\n%s", diff)
			}
		})
	}
	if got, _ := bookOf(t, recs...).Total(pledge.Query{}); got.RecordsIn(currency.KRW) != 0 {
		t.Errorf("RecordsIn(KRW) = %d with no KRW sum", got.RecordsIn(currency.KRW))
	}
}

// markdownHeader returns the first table line of a Markdown table.
func markdownHeader(md string) string {
	for line := range strings.Lines(md) {
		if strings.HasPrefix(line, "|") {
			return line
		}
	}
	return ""
}
