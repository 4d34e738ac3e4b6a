package pledge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

func TestParseDimension(t *testing.T) {
	tests := []struct {
		in   string
		want pledge.Dimension
		err  bool
	}{
		{"donor", pledge.ByDonor, false},
		{"Donors", pledge.ByDonor, false},
		{" recipient ", pledge.ByRecipient, false},
		{"categories", pledge.ByCategory, false},
		{"YEAR", pledge.ByYear, false},
		{"currency", pledge.ByCurrency, false},
		{"stages", pledge.ByStage, false},
		{"", 0, true},
		{"by donor", 0, true},
		{"donorx", 0, true},
		{strings.Repeat("donor", 100), 0, true},
	}
	for _, tt := range tests {
		got, err := pledge.ParseDimension(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseDimension(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil && (!errors.Is(err, pledge.ErrInvalid) || !strings.Contains(err.Error(), "want donor, recipient, category, year, currency, stage")) {
			t.Errorf("ParseDimension(%q): %v, want ErrInvalid listing the names", tt.in, err)
		}
	}
	for _, d := range []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient, pledge.ByCategory, pledge.ByYear, pledge.ByCurrency, pledge.ByStage} {
		text, err := d.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back pledge.Dimension
		if err := back.UnmarshalText(text); err != nil || back != d || string(text) != d.String() {
			t.Errorf("%v: text %q reads back as %v, %v", d, text, back, err)
		}
	}
	if _, err := pledge.Dimension(0).MarshalText(); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("Dimension(0).MarshalText: %v, want ErrInvalid", err)
	}
}

// fullQuery sets every field of a query.
func fullQuery(rates *pledge.Rates) pledge.Query {
	return pledge.Query{
		Stage: pledge.Committed, Donors: []string{"South Korea", "Japan"}, Recipients: []string{"Ukraine"},
		Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
		From:       day("2023-01-01"), To: day("2024-06-30"),
		GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}, Depth: 1,
		In: currency.USD, Rates: rates, RatePeriod: pledge.Year,
	}
}

func TestQueryJSON(t *testing.T) {
	rates := &pledge.Rates{}
	data, err := json.Marshal(fullQuery(rates))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"stage":"committed","donors":["South Korea","Japan"],"recipients":["Ukraine"],` +
		`"categories":["humanitarian","military/non-lethal"],"from":"2023-01-01","to":"2024-06-30",` +
		`"group_by":["donor","category"],"depth":1,"in":"USD","rate_period":"year"}`
	if string(data) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", data, want)
	}
	zero, err := json.Marshal(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	const wantZero = `{"stage":"pledged","donors":[],"recipients":[],"categories":[],"from":null,"to":null,"group_by":[],"depth":0,"in":null,"rate_period":"day"}`
	if string(zero) != wantZero {
		t.Errorf("zero query:\n%s\nwant\n%s", zero, wantZero)
	}

	for _, q := range []pledge.Query{
		{}, fullQuery(nil), fullQuery(rates),
		{Stage: pledge.Disbursed, GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByYear, pledge.ByCurrency, pledge.ByRecipient}},
		{From: day("2023-09-10")}, {To: time.Date(2023, 9, 10, 23, 0, 0, 0, time.FixedZone("KST", 9*3600))},
	} {
		data, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		var back pledge.Query
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if back.Rates != nil {
			t.Errorf("%s: read back with Rates", data)
		}
		back.Rates = q.Rates
		if diff := cmp.Diff(q, back); diff != "" {
			t.Errorf("%s: read back (-want +got):\n%s", data, diff)
		}
	}
}

func TestQueryJSONReads(t *testing.T) {
	tests := []struct {
		in   string
		want pledge.Query
	}{
		{`{}`, pledge.Query{}},
		{`{"stage": null, "donors": null, "from": null, "in": null}`, pledge.Query{}},
		{`{"stage": "Commitment", "group_by": ["Donors", "year"]}`, pledge.Query{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByYear}}},
		{`{"from": "2023", "to": "2023"}`, pledge.Query{From: day("2023-01-01"), To: day("2023-12-31")}},
		{`{"from": "2024-02", "to": "2024-02"}`, pledge.Query{From: day("2024-02-01"), To: day("2024-02-29")}},
		{`{"in": "krw", "depth": 2}`, pledge.Query{In: currency.MustParseISO("KRW"), Depth: 2}},
	}
	for _, tt := range tests {
		var got pledge.Query
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestQueryJSONErrors: every error reading a query's JSON is written
// "pledge: query: <JSON path>: <what>", as Book.Total writes its own, and
// matches its sentinel.
func TestQueryJSONErrors(t *testing.T) {
	tests := []struct {
		in, want string
		is       error
	}{
		{`[]`, `pledge: query: want an object, found JSON array`, pledge.ErrInvalid},
		{`{`, `pledge: query: unexpected end of JSON input`, pledge.ErrInvalid},
		{`{"Stage": "pledged"}`, `pledge: query: Stage: unknown field "Stage": field names are exact, want "stage"`, pledge.ErrInvalid},
		{`{"colour": "red"}`, `pledge: query: colour: unknown field "colour"`, pledge.ErrInvalid},
		{`{"stage": "x"}`, `pledge: query: stage: stage "x": want pledged, committed, allocated or disbursed`, pledge.ErrInvalid},
		{`{"stage": 1}`, `pledge: query: stage: want a string, found JSON number`, pledge.ErrInvalid},
		{`{"donors": "South Korea"}`, `pledge: query: donors: want an array, found JSON string`, pledge.ErrInvalid},
		{`{"donors": [1]}`, `pledge: query: donors[0]: want a string, found JSON number`, pledge.ErrInvalid},
		{`{"group_by": ["donor", "Donors"]}`, `pledge: query: group_by[1]: ByDonor given twice`, pledge.ErrInvalid},
		{`{"group_by": ["donor", "x"]}`, `pledge: query: group_by[1]: dimension "x": want donor, recipient, category, year, currency, stage`, pledge.ErrInvalid},
		{`{"group_by": "donor"}`, `pledge: query: group_by: want an array, found JSON string`, pledge.ErrInvalid},
		{`{"categories": ["Humanitarian"]}`, `pledge: query: categories[0]: invalid category "Humanitarian": use lower case ("humanitarian")`, pledge.ErrInvalidCategory},
		{`{"depth": -1}`, `pledge: query: depth: -1 is negative`, pledge.ErrInvalid},
		{`{"depth": 1.5}`, `pledge: query: depth: want a whole number, found 1.5`, pledge.ErrInvalid},
		{`{"from": "2023-13-01"}`, `pledge: query: from: date "2023-13-01" is not YYYY, YYYY-MM or YYYY-MM-DD`, pledge.ErrInvalid},
		{`{"from": "2024", "to": "2023"}`, `pledge: query: to: 2023-12-31 is before from, 2024-01-01`, pledge.ErrInvalid},
		{`{"in": "XTS"}`, `pledge: query: in: invalid currency XTS: the code for testing, not money`, pledge.ErrInvalidCurrency},
		{`{"in": "dollars"}`, `pledge: query: in: invalid currency "dollars": want an ISO 4217 code such as USD, EUR or KRW`, pledge.ErrInvalidCurrency},
		{`{"rate_period": "week"}`, `pledge: query: rate_period: precision "week": want day, month or year`, pledge.ErrInvalid},
		{`{"donors": ["Kor\u00e9a", "Kor` + "\xe9" + `a"]}`, `pledge: query: donors[1]: "Kor\xe9a" is not valid UTF-8 at byte 3`, pledge.ErrInvalid},
		{`{"donors": ["\ud800"]}`, `pledge: query: donors[0]: "\\ud800" escapes half a surrogate pair, \ud800, at byte 0`, pledge.ErrInvalid},
		{`{"depth": 1, "depth": 2}`, `pledge: query: depth: field "depth" given twice`, pledge.ErrInvalid},
	}
	for _, tt := range tests {
		before := pledge.Query{Depth: 7}
		q := before
		checkError(t, tt.in, q.UnmarshalJSON([]byte(tt.in)), tt.want, tt.is)
		if !q.Equal(before) {
			t.Errorf("%s: the query changed on error: %v", tt.in, q)
		}
	}
}

// TestQueryMarshalRefuses: MarshalJSON refuses what UnmarshalJSON would
// refuse, so that what it writes always reads back.
func TestQueryMarshalRefuses(t *testing.T) {
	tests := []struct {
		name string
		q    pledge.Query
		is   error
	}{
		{"negative depth", pledge.Query{Depth: -1}, pledge.ErrInvalid},
		{"To before From", pledge.Query{From: day("2024-01-01"), To: day("2023-12-31")}, pledge.ErrInvalid},
		{"a dimension twice", pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByDonor, pledge.ByYear}}, pledge.ErrInvalid},
		{"In XTS", pledge.Query{In: currency.XTS}, pledge.ErrInvalidCurrency},
		{"a capitalised category", pledge.Query{Categories: []pledge.Category{"Humanitarian"}}, pledge.ErrInvalidCategory},
		{"year 10000", pledge.Query{To: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, pledge.ErrInvalid},
		{"year 0", pledge.Query{From: time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)}, pledge.ErrInvalid},
		{"0001-01-01 at noon", pledge.Query{From: time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC)}, pledge.ErrInvalid},
		{"an unknown stage", pledge.Query{Stage: 9}, pledge.ErrInvalid},
		{"an unknown rate period", pledge.Query{RatePeriod: 9}, pledge.ErrInvalid},
	}
	for _, tt := range tests {
		data, err := json.Marshal(tt.q)
		if err == nil || !errors.Is(err, tt.is) {
			t.Errorf("%s: Marshal = %s, %v; want an error matching %v", tt.name, data, err, tt.is)
		}
	}
	// In without Rates is fine: the JSON carries the code, and a query
	// read back has nil Rates in any case.
	if data, err := json.Marshal(pledge.Query{In: currency.EUR}); err != nil || !strings.Contains(string(data), `"in":"EUR"`) {
		t.Errorf("In without Rates: %s, %v", data, err)
	}
}

// FuzzQueryMarshal builds queries from the fuzzer's numbers and text:
// whatever MarshalJSON writes reads back equal.
func FuzzQueryMarshal(f *testing.F) {
	f.Add(0, 0, 0, 0, 0, 0, "", "", "")
	f.Add(1, -1, 2023, 2024, 1, 3, "humanitarian", "USD", "South Korea")
	f.Add(2, 1, 10000, 0, 9, 9, "Military", "XTS", "\xe9")
	f.Fuzz(func(t *testing.T, stage, depth, fromYear, toYear, dim1, dim2 int, cat, in, donor string) {
		q := pledge.Query{Stage: pledge.Stage(stage), Depth: depth, Donors: []string{donor},
			GroupBy: []pledge.Dimension{pledge.Dimension(dim1), pledge.Dimension(dim2)}}
		if cat != "" {
			q.Categories = []pledge.Category{pledge.Category(cat)}
		}
		if fromYear != 0 {
			q.From = time.Date(fromYear, 3, 1, 0, 0, 0, 0, time.UTC)
		}
		if toYear != 0 {
			q.To = time.Date(toYear, 2, 1, 0, 0, 0, 0, time.UTC)
		}
		if u, err := currency.ParseISO(in); err == nil {
			q.In = u
		}
		data, err := json.Marshal(q)
		if err != nil {
			return
		}
		var back pledge.Query
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%+v marshals as %s, which does not read back: %v", q, data, err)
		}
		if !back.Equal(q) {
			t.Fatalf("%s reads back as %+v, want %+v", data, back, q)
		}
	})
}

func TestQueryEqual(t *testing.T) {
	r1, r2 := &pledge.Rates{}, &pledge.Rates{}
	base := pledge.Query{Donors: []string{"A"}, From: day("2023-01-01"), Rates: r1}
	same := pledge.Query{Donors: []string{"A"}, From: time.Date(2023, 1, 1, 15, 0, 0, 0, time.UTC), Rates: r1}
	if !base.Equal(same) {
		t.Error("the same civil date at another hour should be equal")
	}
	if !(pledge.Query{}).Equal(pledge.Query{Donors: []string{}, GroupBy: []pledge.Dimension{}}) {
		t.Error("nil and empty lists should be equal")
	}
	other := base
	other.Rates = r2
	if base.Equal(other) {
		t.Error("queries with other Rates should differ")
	}
	other = base
	other.Depth = 1
	if base.Equal(other) {
		t.Error("queries of other depths should differ")
	}
}

// jsonBook is a book with a record of every kind the totals' JSON shows:
// qualified figures, a part, an undivided amount, a record with no
// recipient and one with no date, a fulfilment tree across stages, dates
// by month and by year, and two currencies.
func jsonBook(t testing.TB) (*pledge.Book, *pledge.Rates) {
	t.Helper()
	book := koreaUkraine()
	book[0].Qualifier = pledge.Approximately
	book[0].Parts[0].Qualifier = pledge.AtLeast
	book = append(book,
		pledge.Pledge{ID: "kr-2023-09-commit", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("300000000"),
			Stage: pledge.Committed, Under: "kr-ua-2023-g20", Date: day("2023-09-01"), DatePrecision: pledge.Month,
			Categories: cats(pledge.Humanitarian)},
		pledge.Pledge{ID: "kr-2024-paid", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("100000000"),
			Stage: pledge.Disbursed, Under: "kr-2023-09-commit", Date: day("2024-01-01"), DatePrecision: pledge.Year,
			Categories: cats(pledge.Humanitarian)},
		pledge.Pledge{ID: "jp-krw", Donor: "Japan", Amount: pledge.MustAmount("520000000000.5", "KRW"), Date: day("2023-11-02"),
			Categories: cats(pledge.FinancialLoan)},
		pledge.Pledge{ID: "de-undated", Donor: "Germany", Recipient: "Ukraine", Amount: pledge.MustAmount("1", "EUR")},
	)
	b := &pledge.Book{}
	if err := b.Add(book...); err != nil {
		t.Fatal(err)
	}
	rates := &pledge.Rates{Inverse: 12}
	krw := currency.MustParseISO("KRW")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(rates.SetFrom(day("2023-07-14"), currency.USD, krw, decimal.RequireFromString("1270.2"), "Bank of Korea"))
	must(rates.SetFrom(day("2023-09-08"), currency.USD, krw, decimal.RequireFromString("1330.4"), "Bank of Korea"))
	must(rates.SetFrom(day("2023-11-01"), currency.USD, krw, decimal.RequireFromString("1357.3"), "Bank of Korea"))
	must(rates.SetAverageFrom(day("2023-09-01"), pledge.Month, currency.USD, krw, decimal.RequireFromString("1325.5"), "Bank of Korea"))
	must(rates.SetAverageFrom(day("2024-01-01"), pledge.Year, currency.USD, krw, decimal.RequireFromString("1363.98"), "IMF"))
	return b, rates
}

// jsonQueries are queries whose totals the JSON tests read back.
func jsonQueries(rates *pledge.Rates) []pledge.Query {
	all := []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient, pledge.ByCategory, pledge.ByYear, pledge.ByCurrency, pledge.ByStage}
	return []pledge.Query{
		{},
		{GroupBy: all},
		{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}, Depth: 1},
		{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByYear}},
		{Donors: []string{"South Korea", "Japan"}, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCurrency}, In: currency.MustParseISO("KRW"), Rates: rates},
		{Donors: []string{"Japan"}, In: currency.USD, Rates: rates},
		{Categories: []pledge.Category{pledge.Humanitarian}, From: day("2023-08-01"), To: day("2024-12-31"), GroupBy: []pledge.Dimension{pledge.ByRecipient}},
	}
}

func TestTotalsJSONRoundTrip(t *testing.T) {
	b, rates := jsonBook(t)
	for _, q := range jsonQueries(rates) {
		tot, err := b.Total(q)
		if err != nil {
			t.Fatalf("%v: %v", q, err)
		}
		data, err := json.Marshal(tot)
		if err != nil {
			t.Fatalf("%v: %v", q, err)
		}
		var back pledge.Totals
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%v: %v\n%s", q, err, data)
		}
		if !back.Equal(tot) {
			t.Errorf("%v: read back unequal:\n%s\n%s", q, tot, back)
		}
		if back.Query().Rates != nil {
			t.Errorf("%v: read back with Rates", q)
		}
		for name, f := range map[string]func(pledge.Totals) string{
			"String": pledge.Totals.String, "Markdown": pledge.Totals.Markdown, "HTML": pledge.Totals.HTML, "SVG": pledge.Totals.SVG,
		} {
			if f(tot) != f(back) {
				t.Errorf("%v: %s differs once read back:\n%s\n%s", q, name, f(tot), f(back))
			}
		}
		if diff := cmp.Diff(tot.Rows(), back.Rows()); diff != "" {
			t.Errorf("%v: rows (-want +got):\n%s", q, diff)
		}
		again, err := json.Marshal(back)
		if err != nil || !bytes.Equal(data, again) {
			t.Errorf("%v: written again differs (%v):\n%s\n%s", q, err, data, again)
		}
	}
}

func TestTotalsJSONForm(t *testing.T) {
	b, rates := jsonBook(t)
	tot, err := b.Total(pledge.Query{Donors: []string{"Japan", "Germany"}, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient, pledge.ByYear},
		In: currency.USD, Rates: rates})
	if !errors.Is(err, pledge.ErrMissingRate) {
		t.Fatalf("want a missing EUR rate: %v", err)
	}
	tot, err = b.Total(pledge.Query{Donors: []string{"Japan"}, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient, pledge.ByYear},
		In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	data, err := json.Marshal(tot)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&got, data, "", "  "); err != nil {
		t.Fatal(err)
	}
	const want = `{
  "query": {
    "stage": "pledged",
    "donors": [
      "Japan"
    ],
    "recipients": [],
    "categories": [],
    "from": null,
    "to": null,
    "group_by": [
      "donor",
      "recipient",
      "year"
    ],
    "depth": 0,
    "in": "USD",
    "rate_period": "day"
  },
  "dimensions": [
    "donor",
    "recipient",
    "year"
  ],
  "rows": [
    {
      "keys": {
        "donor": "Japan",
        "recipient": null,
        "year": "2023"
      },
      "amount": {
        "value": "383113534.4403683783985",`
	if !strings.HasPrefix(got.String(), want) {
		t.Errorf("JSON:\n%s\nwant it to start\n%s", got.String(), want)
	}
	for _, s := range []string{`"records": 1`, `"sums": [`, `"conversions": [`, `"id": "jp-krw"`, `"rate_date": "2023-11-01"`,
		`"rate_period": "day"`, `"source": "Bank of Korea"`, `"inverse": true`, `"from": {`} {
		if !strings.Contains(got.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, got.String())
		}
	}
}

func TestTotalsJSONErrors(t *testing.T) {
	const row = `{"keys": {"donor": "D"}, "amount": {"value": "1", "currency": "USD"}, "records": 1}`
	totals := func(rows, sums string) string {
		return `{"query": {"group_by": ["donor"]}, "dimensions": ["donor"], "rows": [` + rows + `], "sums": [` + sums + `], "records": 1}`
	}
	usd1 := `{"amount": {"value": "1", "currency": "USD"}, "records": 1}`
	tests := []struct {
		in, want string
		is       error
	}{
		{totals(row, usd1), "", nil},
		{`null`, "", nil},
		{`{}`, "", nil},
		{`{"query": {"group_by": ["donor"]}}`, `totals: dimensions: [] are not the query's group_by, [donor]`, pledge.ErrInvalid},
		{`{"query": {"stage": "x"}}`, `totals: query.stage: stage "x"`, pledge.ErrInvalid},
		{`{"Rows": []}`, `totals: Rows: unknown field "Rows"`, pledge.ErrInvalid},
		{totals(row, ""), `totals: sums: [] are not the sums of the rows, [USD 1]`, pledge.ErrInvalid},
		{totals(row, `{"amount": {"value": "2", "currency": "USD"}}`), `sums: [USD 2] are not the sums of the rows, [USD 1]`, pledge.ErrInvalid},
		{totals(row+","+row, `{"amount": {"value": "2", "currency": "USD"}}`), `totals: rows: two rows for D in USD`, pledge.ErrInvalid},
		{totals(row, `{"amount": {"value": "1", "currency": "USD"}}`), `totals: sums[0].records: 0 records in USD, but its rows count 1 to 1`, pledge.ErrInvalid},
		{totals(row, `{"amount": {"value": "1", "currency": "USD"}, "records": 2}`), `totals: sums[0].records: 2 records in USD, but its rows count 1 to 1`, pledge.ErrInvalid},
		{totals(row, `{"amount": {"value": "1", "currency": "USD"}, "records": -1}`), `totals: sums[0].records: -1 is negative`, pledge.ErrInvalid},
		{`{"query": {"group_by": ["donor"]}, "dimensions": ["donor"], "rows": [` + row + `], "sums": [` + usd1 + `], "records": 2}`, `totals: records: 2 is not the sum of the sums' records, 1`, pledge.ErrInvalid},
		{totals(`{"keys": {}, "amount": {"value": "1", "currency": "USD"}}`, usd1), `totals: rows[0].keys: missing field: no key for donor`, pledge.ErrMissing},
		{totals(`{"keys": {"donor": "D", "year": "2023"}, "amount": {"value": "1", "currency": "USD"}}`, usd1), `rows[0].keys.year: not a dimension of these totals`, pledge.ErrInvalid},
		{totals(`{"keys": {"donor": "D", "colour": "red"}, "amount": {"value": "1", "currency": "USD"}}`, usd1), `rows[0].keys.colour: unknown field "colour"`, pledge.ErrInvalid},
		{totals(`{"keys": {"donor": "D\n"}, "amount": {"value": "1", "currency": "USD"}}`, usd1), `rows[0].keys.donor: "D\n" holds the control character U+000A`, pledge.ErrInvalid},
		{totals(`{"keys": {"donor": ""}, "amount": {"value": "1", "currency": "USD"}}`, usd1), `rows[0].keys.donor: an empty name: write null`, pledge.ErrInvalid},
		{totals(`{"keys": {"donor": "D"}}`, usd1), `totals: rows[0].amount: missing field`, pledge.ErrMissing},
		{totals(`{"keys": {"donor": "D"}, "amount": {"value": 1, "currency": "USD"}}`, usd1), `rows[0].amount: invalid amount "1": the value must be a JSON string`, pledge.ErrInvalidAmount},
		{totals(`{"keys": {"donor": "D"}, "amount": {"value": "-1", "currency": "USD"}}`, `{"amount": {"value": "-1", "currency": "USD"}}`), `rows[0].amount: invalid amount "-1": negative`, pledge.ErrInvalidAmount},
		{totals(`{"keys": {"donor": "D"}, "amount": {"value": "1", "currency": "USD"}, "qualifier": "roughly"}`, usd1), `rows[0].qualifier: qualifier "roughly"`, pledge.ErrInvalid},
		{totals(`{"keys": {"donor": "D"}, "amount": {"value": "1", "currency": "USD"}, "records": -1}`, usd1), `rows[0].records: -1 is negative`, pledge.ErrInvalid},
		{`{"records": "2"}`, `totals: records: want a whole number, found JSON string`, pledge.ErrInvalid},
		{`{"query": {"group_by": ["year"]}, "dimensions": ["year"], "rows": [{"keys": {"year": "0999"}, "amount": {"value": "1", "currency": "USD"}}]}`, `rows[0].keys.year: year "0999"`, pledge.ErrInvalid},
		{`{"query": {"group_by": ["stage"]}, "dimensions": ["stage"], "rows": [{"keys": {"stage": "paid"}, "amount": {"value": "1", "currency": "USD"}}]}`, `rows[0].keys.stage: stage "paid"`, pledge.ErrInvalid},
		{`{"query": {"group_by": ["category"]}, "dimensions": ["category"], "rows": [{"keys": {"category": "a++b"}, "amount": {"value": "1", "currency": "USD"}}]}`, `rows[0].keys.category: invalid category ""`, pledge.ErrInvalidCategory},
		{`{"query": {"group_by": ["currency"]}, "dimensions": ["currency"], "rows": [{"keys": {"currency": "usd!"}, "amount": {"value": "1", "currency": "USD"}}]}`, `rows[0].keys.currency: invalid currency "usd!"`, pledge.ErrInvalidCurrency},
		{`{"query": {"in": "EUR"}, "rows": [{"amount": {"value": "1", "currency": "USD"}}], "sums": [` + usd1 + `]}`, `rows[0].amount: currency mismatch: EUR vs USD`, pledge.ErrCurrencyMismatch},
		{`{"conversions": [{"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1"}]}`, `conversions[0]: a conversion, but the query converts nothing`, pledge.ErrInvalid},
		{`{"query": {"in": "USD"}, "conversions": [{"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "0"}]}`, `conversions[0].rate: rate 0 is not positive`, pledge.ErrInvalid},
		{`{"query": {"in": "USD"}, "conversions": [{"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1", "rate_date": "2023-09-01", "rate_period": "month"}]}`, `conversions[0].rate_date: "2023-09-01" is a date of day precision, for a rate of the month`, pledge.ErrInvalid},
		{`{"query": {"in": "USD"}, "conversions": [{"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1", "inverse": "yes"}]}`, `conversions[0].inverse: want true or false, found JSON "yes"`, pledge.ErrInvalid},
		{`{"query": {"in": "USD"}, "conversions": [{"from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1"}]}`, `conversions[0].id: missing field`, pledge.ErrMissing},
		{`{"query": {"in": "USD"}, "conversions": [{"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1"}, {"id": "x", "from": {"value": "1", "currency": "KRW"}, "to": {"value": "1", "currency": "USD"}, "rate": "1"}]}`, `conversions[1].id: duplicate: conversion of "x" given twice`, pledge.ErrDuplicate},
	}
	for _, tt := range tests {
		var got pledge.Totals
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), "pledge: totals: ") {
			t.Errorf("%s:\n%v\nwant %q matching %v", tt.in, err, tt.want, tt.is)
		}
	}
}

func TestRowJSON(t *testing.T) {
	r := pledge.Row{Keys: []string{"South Korea", ""}, Dimensions: []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient},
		Amount: usd("300000000"), Qualifier: pledge.AtLeast, Count: 1}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"keys":{"donor":"South Korea","recipient":null},"amount":{"value":"300000000","currency":"USD"},"qualifier":"at least","records":1}`
	if string(data) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", data, want)
	}
	if k, ok := r.Key(pledge.ByDonor); k != "South Korea" || !ok {
		t.Errorf("Key(ByDonor) = %q, %v", k, ok)
	}
	if k, ok := r.Key(pledge.ByYear); k != "" || ok {
		t.Errorf("Key(ByYear) = %q, %v", k, ok)
	}
	r.Dimensions = nil
	if _, err := json.Marshal(r); err == nil || !strings.Contains(err.Error(), "2 keys for 0 dimensions") {
		t.Errorf("a row without dimensions: %v", err)
	}
	b, _ := jsonBook(t)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory, pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range tot.Rows() {
		if diff := cmp.Diff([]pledge.Dimension{pledge.ByCategory, pledge.ByDonor}, row.Dimensions); diff != "" {
			t.Fatalf("row dimensions (-want +got):\n%s", diff)
		}
	}
}

// TestPropertyTotalsJSONRoundTrip reads back the totals of random books,
// grouped every way, converted and not: whatever Book.Total returns, the
// strict reader takes, and equal.
func TestPropertyTotalsJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	rates := &pledge.Rates{}
	for _, code := range []string{"KRW", "EUR"} {
		cur := currency.MustParseISO(code)
		for d := day("2021-12-01"); d.Before(day("2025-01-01")); d = d.AddDate(0, 1, 0) {
			if err := rates.SetAverage(d, pledge.Month, cur, currency.USD, decimal.RequireFromString("0.00077")); err != nil {
				t.Fatal(err)
			}
		}
		for y := 2021; y <= 2025; y++ {
			if err := rates.SetAverage(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), pledge.Year, cur, currency.USD, decimal.RequireFromString("0.0009")); err != nil {
				t.Fatal(err)
			}
		}
		for d := day("2021-12-25"); d.Before(day("2025-01-01")); d = d.AddDate(0, 0, 5) {
			if err := rates.SetFrom(d, cur, currency.USD, decimal.NewFromInt(int64(d.YearDay())).Div(decimal.NewFromInt(1000)), "test"); err != nil {
				t.Fatal(err)
			}
		}
	}
	all := []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient, pledge.ByCategory, pledge.ByYear, pledge.ByCurrency, pledge.ByStage}
	for round := range 60 {
		book := randomBook(r, 1+r.IntN(30))
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatal(err)
		}
		q := pledge.Query{Stage: pledge.Stage(r.IntN(4)), Depth: r.IntN(3)}
		for _, i := range r.Perm(len(all))[:r.IntN(len(all)+1)] {
			q.GroupBy = append(q.GroupBy, all[i])
		}
		if r.IntN(2) == 0 {
			q.In, q.Rates = currency.USD, rates
		}
		tot, err := b.Total(q)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		data, err := json.Marshal(tot)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		var back pledge.Totals
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, data)
		}
		if !back.Equal(tot) {
			t.Fatalf("round %d: read back unequal:\n%s\n%s", round, tot, back)
		}
	}
}

func FuzzQueryJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`, `{"stage":"committed","donors":["South Korea"],"recipients":[],"categories":["humanitarian"],"from":"2023-01-01","to":"2023-12-31","group_by":["donor","category"],"depth":1,"in":"USD"}`,
		`{"from":"2023","to":"2023-02"}`, `{"group_by":["stages","YEAR"]}`, `{"donors":["\u00e9"]}`, `{"depth":1,"Depth":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var q pledge.Query
		if err := json.Unmarshal(data, &q); err != nil {
			if !strings.HasPrefix(err.Error(), "pledge: ") && !strings.HasPrefix(err.Error(), "json: ") && !strings.HasPrefix(err.Error(), "invalid character") && !strings.HasPrefix(err.Error(), "unexpected end") {
				t.Fatalf("error without the package name: %v", err)
			}
			return
		}
		out, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("%q read as %v, which does not marshal: %v", data, q, err)
		}
		var back pledge.Query
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s does not read back: %v", out, err)
		}
		if !back.Equal(q) {
			t.Fatalf("%s reads back as %v, want %v", out, back, q)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("written twice differently:\n%s\n%s", out, again)
		}
	})
}

func FuzzTotalsJSON(f *testing.F) {
	b, rates := jsonBook(f)
	for _, q := range jsonQueries(rates) {
		tot, err := b.Total(q)
		if err != nil {
			f.Fatal(err)
		}
		data, err := json.Marshal(tot)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"query":{"group_by":["year"]},"dimensions":["year"],"rows":[{"keys":{"year":null},"amount":{"value":"1.50","currency":"USD"},"records":1}],"sums":[{"amount":{"value":"1.5","currency":"USD"},"qualifier":"about","records":1}],"records":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tot pledge.Totals
		if err := json.Unmarshal(data, &tot); err != nil {
			return
		}
		out, err := json.Marshal(tot)
		if err != nil {
			t.Fatalf("%q read, but does not marshal: %v", data, err)
		}
		var back pledge.Totals
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%s does not read back: %v", out, err)
		}
		if !back.Equal(tot) {
			t.Fatalf("%s reads back unequal", out)
		}
		if again, _ := json.Marshal(back); !bytes.Equal(out, again) {
			t.Fatalf("written twice differently:\n%s\n%s", out, again)
		}
		_ = tot.String() + tot.HTML() + tot.SVG() + tot.Markdown()
	})
}
