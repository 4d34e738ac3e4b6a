package pledge_test

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		day  string
		prec pledge.Precision
	}{
		{"2023-09-10", "2023-09-10", pledge.Day},
		{"2023-09", "2023-09-01", pledge.Month},
		{"2023", "2023-01-01", pledge.Year},
		{"0001-01-02", "0001-01-02", pledge.Day},
		{"0001-02", "0001-02-01", pledge.Month},
		{"9999", "9999-01-01", pledge.Year},
		{"", "", pledge.Day},
	}
	for _, tt := range tests {
		d, p, err := pledge.ParseDate(tt.in)
		if err != nil || formatDay(d) != tt.day || p != tt.prec {
			t.Errorf("ParseDate(%q) = %s, %s, %v; want %s, %s", tt.in, formatDay(d), p, err, tt.day, tt.prec)
		}
		if got := pledge.FormatDate(d, p); got != tt.in {
			t.Errorf("FormatDate(%s, %s) = %q, want %q", formatDay(d), p, got, tt.in)
		}
	}
	for _, bad := range []string{"2023-9", "2023-13", "23", "2023-09-31", "0000", "0001", "0001-01", "0001-01-01", "2023/09", "２０２３", "2023-09-10T00:00:00Z", " 2023"} {
		if _, _, err := pledge.ParseDate(bad); !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("ParseDate(%q): %v, want ErrInvalid", bad, err)
		}
	}
}

func formatDay(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// FuzzParseDate: whatever ParseDate reads, FormatDate writes back as it was.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023", "2023-09", "2023-09-10", "", "0001-01-02", "2023-02-29", "9999-12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, p, err := pledge.ParseDate(s)
		if err != nil {
			if !errors.Is(err, pledge.ErrInvalid) {
				t.Fatalf("ParseDate(%q): %v does not match ErrInvalid", s, err)
			}
			return
		}
		if got := pledge.FormatDate(d, p); got != s {
			t.Fatalf("ParseDate(%q) = %v, %s; FormatDate writes %q", s, d, p, got)
		}
		if d.Location() != time.UTC || d.Hour() != 0 {
			t.Fatalf("ParseDate(%q) = %v: not a civil date", s, d)
		}
	})
}

func TestPartialDatesAreChecked(t *testing.T) {
	tests := []struct {
		p    pledge.Pledge
		want string
	}{
		{pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Date: day("2023-09-10"), DatePrecision: pledge.Month},
			`pledge "x" date: invalid value: 2023-09-10 is not the first day of its month: a date of month precision is held as 2023-09-01 (2023-09)`},
		{pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Date: day("2023-09-01"), DatePrecision: pledge.Year},
			`pledge "x" date: invalid value: 2023-09-01 is not the first day of its year: a date of year precision is held as 2023-01-01 (2023)`},
		{pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), DatePrecision: pledge.Month},
			`pledge "x" date: invalid value: date precision month without a date`},
		{pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Date: day("2023-09-01"), DatePrecision: 7},
			`pledge "x" date: invalid value: date precision 7: want Day, Month or Year`},
	}
	for _, tt := range tests {
		err := (&pledge.Book{}).Add(tt.p)
		if !errors.Is(err, pledge.ErrInvalid) || err.Error() != tt.want {
			t.Errorf("Add: %v\nwant %s", err, tt.want)
		}
	}
}

// TestPartialDatesInWindows: a month or a year counts within From..To
// only when all of it does.
func TestPartialDatesInWindows(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "day", Donor: "D", Amount: usd("1"), Date: day("2023-09-10")},
		pledge.Pledge{ID: "sep", Donor: "D", Amount: usd("10"), Date: day("2023-09-01"), DatePrecision: pledge.Month},
		pledge.Pledge{ID: "feb", Donor: "D", Amount: usd("100"), Date: day("2024-02-01"), DatePrecision: pledge.Month},
		pledge.Pledge{ID: "y23", Donor: "D", Amount: usd("1000"), Date: day("2023-01-01"), DatePrecision: pledge.Year},
	)
	tests := []struct {
		from, to string
		want     string
	}{
		{"", "", "USD 1111"},
		{"2023-09-01", "2023-09-30", "USD 11"},
		{"2023-09-02", "2023-09-30", "USD 1"},    // September starts before the window
		{"2023-09-01", "2023-09-29", "USD 1"},    // and ends after it
		{"2023-01-01", "2023-12-31", "USD 1011"}, // the year 2023, every month in it
		{"2023-01-01", "2023-12-30", "USD 11"},
		{"2023-01-02", "", "USD 111"},
		{"", "2024-02-29", "USD 1111"}, // a leap year's February ends on the 29th
		{"", "2024-02-28", "USD 1011"},
		{"2024-02-01", "2024-02-01", ""},
	}
	for _, tt := range tests {
		q := pledge.Query{}
		if tt.from != "" {
			q.From = day(tt.from)
		}
		if tt.to != "" {
			q.To = day(tt.to)
		}
		got, err := b.Total(q)
		if err != nil {
			t.Fatal(err)
		}
		if s := strings.Join(sumsOf(got), " "); s != tt.want {
			t.Errorf("%s..%s: %q, want %q", tt.from, tt.to, s, tt.want)
		}
	}
	byYear, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]row{{"2023", "USD 1011", 3}, {"2024", "USD 100", 1}}, rowsOf(byYear)); diff != "" {
		t.Errorf("by year (-want +got):\n%s", diff)
	}
}

// TestPartialDatesInJSON: dates are written at their precision and read
// back so.
func TestPartialDatesInJSON(t *testing.T) {
	p := pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Date: day("2023-09-01"), DatePrecision: pledge.Month}
	data, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"date":"2023-09"`) {
		t.Errorf("JSON: %s", data)
	}
	var back pledge.Pledge
	if err := back.UnmarshalJSON([]byte(strings.Replace(string(data), `"2023-09"`, `"2023"`, 1))); err != nil {
		t.Fatal(err)
	}
	if back.DatePrecision != pledge.Year || !back.Date.Equal(day("2023-01-01")) {
		t.Errorf("read %v %s", back.Date, back.DatePrecision)
	}
	// Equal tells precisions apart.
	q := p
	q.DatePrecision = pledge.Day
	if p.Equal(q) {
		t.Error("a month and its first day are Equal")
	}
}

// TestConvertPeriod: a month or a year converts at an average over it,
// the finest there is, never at the rate of a day.
func TestConvertPeriod(t *testing.T) {
	var r pledge.Rates
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(r.SetFrom(day("2023-09-01"), currency.USD, currency.KRW, rateDec("1322.5"), "daily"))
	must(r.SetAverageFrom(day("2023-12-31"), pledge.Year, currency.USD, currency.KRW, rateDec("1305.6625"), "IMF"))
	must(r.SetAverageFrom(day("2023-09-15"), pledge.Month, currency.USD, currency.KRW, rateDec("1327.5"), "BOK"))
	tests := []struct {
		date   string
		period pledge.Precision
		rate   string
		on     string
		kind   pledge.Precision
		source string
	}{
		{"2023-09-01", pledge.Month, "1327.5", "2023-09-01", pledge.Month, "BOK"},
		{"2023-09-20", pledge.Month, "1327.5", "2023-09-01", pledge.Month, "BOK"},
		{"2023-10-01", pledge.Month, "1305.6625", "2023-01-01", pledge.Year, "IMF"},
		{"2023-09-01", pledge.Year, "1305.6625", "2023-01-01", pledge.Year, "IMF"},
		{"2023-09-01", pledge.Day, "1322.5", "2023-09-01", pledge.Day, "daily"},
	}
	for _, tt := range tests {
		c, err := r.ConvertPeriod(usd("2"), currency.KRW, day(tt.date), tt.period)
		if err != nil {
			t.Errorf("%s %s: %v", tt.date, tt.period, err)
			continue
		}
		if !c.Rate.Equal(rateDec(tt.rate)) || formatDay(c.RateDate) != tt.on || c.RatePeriod != tt.kind || c.Source != tt.source ||
			!c.To.Equal(pledge.AmountOf(rateDec(tt.rate).Mul(decimal.NewFromInt(2)), currency.KRW)) {
			t.Errorf("%s %s: %+v", tt.date, tt.period, c)
		}
	}
	// A year never takes a month's average, nor a day's rate.
	_, err := r.ConvertPeriod(usd("2"), currency.KRW, day("2024-01-01"), pledge.Year)
	var re *pledge.RateError
	if !errors.As(err, &re) || len(re.Missing) != 1 || re.Missing[0].Period != pledge.Year || formatDay(re.Missing[0].Day) != "2024-01-01" {
		t.Fatalf("2024: %v", err)
	}
	if got := err.Error(); got != "pledge: missing exchange rate: USD→KRW average for 2024" {
		t.Errorf("error %q", got)
	}
	// An average quoted the other way is inverted only as Inverse allows.
	_, err = r.ConvertPeriod(pledge.MustAmount("1305.6625", "KRW"), currency.USD, day("2023-01-01"), pledge.Year)
	if err == nil || !strings.Contains(err.Error(), "KRW→USD average for 2023 (a USD→KRW rate is there: set Rates.Inverse to derive it)") {
		t.Errorf("inverse without Inverse: %v", err)
	}
	r.Inverse = 10
	c, err := r.ConvertPeriod(pledge.MustAmount("1305.6625", "KRW"), currency.USD, day("2023-05-01"), pledge.Month)
	if err != nil || !c.Inverse || c.RatePeriod != pledge.Year || !c.Rate.Equal(rateDec("0.0007658947")) {
		t.Errorf("inverse: %+v, %v", c, err)
	}
	if err := r.SetAverage(day("2023-01-01"), pledge.Day, currency.USD, currency.KRW, rateDec("1")); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("SetAverage of a day: %v", err)
	}
}

// TestTotalConvertsPartialDatesAtAverages: Query.In converts a month- or
// year-dated record at its period's average, and names the record when
// there is none.
func TestTotalConvertsPartialDatesAtAverages(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "y", Donor: "South Korea", Amount: pledge.MustAmount("520000000000", "KRW"), Date: day("2024-01-01"), DatePrecision: pledge.Year},
		pledge.Pledge{ID: "m", Donor: "South Korea", Amount: pledge.MustAmount("130000000000", "KRW"), Date: day("2023-07-01"), DatePrecision: pledge.Month},
	)
	rates, err := pledge.ReadRates(strings.NewReader("2023-07-01,KRW,USD,0.00078,daily\n2023,KRW,USD,0.000766,yearly\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Total(pledge.Query{In: currency.USD, Rates: rates})
	if err == nil || err.Error() != `pledge: missing exchange rate: KRW→USD average for 2024 for "y"` {
		t.Fatalf("Total: %v", err)
	}
	if err := rates.SetAverageFrom(day("2024-06-30"), pledge.Year, currency.KRW, currency.USD, rateDec("0.000733"), "yearly"); err != nil {
		t.Fatal(err)
	}
	tot, err := b.Total(pledge.Query{In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range tot.Conversions() {
		got = append(got, c.ID+": "+c.Conversion.To.String()+" at "+c.Conversion.Rate.String()+", "+pledge.FormatDate(c.Conversion.RateDate, c.Conversion.RatePeriod)+" average")
	}
	want := []string{"m: USD 99580000 at 0.000766, 2023 average", "y: USD 381160000 at 0.000733, 2024 average"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conversions (-want +got):\n%s", diff)
	}
}

// TestIMFAnnualAverages converts a year-dated pledge in won at the IMF's
// 2024 annual average from the shared data, inverting its won-per-dollar
// quote.
func TestIMFAnnualAverages(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "shared", "testdata", "imf-rates", "imf_annual_avg_per_usd_2019-2024.csv"))
	if err != nil {
		t.Skipf("the shared IMF rates are not beside the clone: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rates := &pledge.Rates{Inverse: 12}
	for _, rec := range recs[1:] { // Date,Rate,Currency,Frequency,Source,...
		d, _, err := pledge.ParseDate(rec[0])
		if err != nil {
			t.Fatal(err)
		}
		quote, err := currency.ParseISO(rec[2])
		if err != nil {
			t.Fatal(err)
		}
		if err := rates.SetAverageFrom(d, pledge.Year, currency.USD, quote, rateDec(rec[1]), "IMF"); err != nil {
			t.Fatal(err)
		}
	}
	b := bookOf(t, pledge.Pledge{ID: "kr-2024", Donor: "South Korea", Amount: pledge.MustAmount("520000000000", "KRW"), Date: day("2024-01-01"), DatePrecision: pledge.Year})
	tot, err := b.Total(pledge.Query{In: currency.USD, Rates: rates})
	if err != nil {
		t.Fatal(err)
	}
	c := tot.Conversions()[0].Conversion
	// 1 USD = 1363.375 KRW on average in 2024: 520 billion won is about
	// $381 million.
	if !c.Inverse || c.RatePeriod != pledge.Year || !c.Rate.Equal(rateDec("0.000733473916")) || c.To.Round().String() != "USD 381406436.32" {
		t.Errorf("conversion %+v", c)
	}
}

func TestParsePrecision(t *testing.T) {
	for _, p := range []pledge.Precision{pledge.Day, pledge.Month, pledge.Year} {
		text, err := p.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		got, err := pledge.ParsePrecision(strings.ToUpper(string(text)))
		if err != nil || got != p {
			t.Errorf("ParsePrecision(%q) = %v, %v", text, got, err)
		}
		var back pledge.Precision
		if err := back.UnmarshalText(text); err != nil || back != p {
			t.Errorf("UnmarshalText(%q) = %v, %v", text, back, err)
		}
	}
	if _, err := pledge.ParsePrecision("week"); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("week: %v", err)
	}
	if _, err := pledge.Precision(5).MarshalText(); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("Precision(5): %v", err)
	}
}
