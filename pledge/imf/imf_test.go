package imf_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/imf"
)

// sharedFile returns the IMF's annual averages in ../shared/testdata, or
// skips the test when they are not there (a plain clone).
func sharedFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "testdata", "imf-rates", "imf_annual_avg_per_usd_2019-2024.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s: the test data lives beside the repository, in ../shared/testdata", path)
	}
	return path
}

// TestReadRatesRealFile reads the IMF's annual averages for 2019–2024 and
// checks every rate against the file's text, digit for digit, as a
// rational number read independently of the reader: no float in between.
func TestReadRatesRealFile(t *testing.T) {
	path := sharedFile(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rates, err := imf.ReadRates(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		year int
		cur  string
	}
	want := map[key]string{}
	for _, r := range rows[1:] {
		year, _ := time.Parse(time.DateOnly, r[0])
		want[key{year.Year(), r[2]}] = r[1]
	}
	all := rates.All()
	if len(all) != len(want) || len(want) != 30 {
		t.Fatalf("%d rates, want %d (30 rows)", len(all), len(want))
	}
	for _, r := range all {
		text, ok := want[key{r.Day.Year(), r.Quote.String()}]
		if !ok {
			t.Errorf("unexpected rate %v", r)
			continue
		}
		exact, _ := new(big.Rat).SetString(text)
		if r.Rate.Rat().Cmp(exact) != 0 || r.Rate.String() != text {
			t.Errorf("%v: rate %s, want exactly %s", r, r.Rate, text)
		}
		if r.Base != currency.USD || r.Period != pledge.Year || !r.Day.Equal(time.Date(r.Day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%v: want a year's average per US dollar", r)
		}
		if r.Source != "Source: International Monetary Fund." {
			t.Errorf("%v: source %q", r, r.Source)
		}
	}
	// 16 significant digits, exactly.
	c, err := rates.ConvertPeriod(pledge.MustAmount("1000000", "USD"), currency.MustParseISO("UAH"), time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), pledge.Year)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.To.Decimal().String(); got != "25845589.33333332" {
		t.Errorf("USD 1,000,000 in 2019 is UAH %s, want 25845589.33333332", got)
	}
}

// TestRatePeriodNeverMixes has a daily rate and the IMF's annual average
// for the same day: a total uses the daily one unless the query asks for
// averages, then the annual one for every record, and each conversion
// says which it used. Without a daily rate, the default refuses rather
// than take the average, and says the average is there.
func TestRatePeriodNeverMixes(t *testing.T) {
	rates, err := imf.ReadRates(strings.NewReader("Date,Rate,Currency,Frequency,Source,Country code,Country\n" +
		"2023-12-31,1305.6625,KRW,A,IMF,KR,Korea\n"))
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if err := rates.SetFrom(day("2023-09-08"), currency.USD, currency.KRW, decimal.RequireFromString("1335.3"), "Bank of Korea"); err != nil {
		t.Fatal(err)
	}
	rates.MaxAge = 4 * 24 * time.Hour
	var book pledge.Book
	err = book.Add(
		pledge.Pledge{ID: "a", Donor: "US", Amount: pledge.MustAmount("1000", "USD"), Date: day("2023-09-10")},
		pledge.Pledge{ID: "b", Donor: "US", Amount: pledge.MustAmount("1000", "USD"), Date: day("2023-03-01")},
		pledge.Pledge{ID: "c", Donor: "US", Amount: pledge.MustAmount("1000", "USD"), Date: day("2023-01-01"), DatePrecision: pledge.Year},
	)
	if err != nil {
		t.Fatal(err)
	}
	type conv struct {
		ID     string
		Rate   string
		Period pledge.Precision
		Date   string
		Source string
	}
	convs := func(q pledge.Query) ([]conv, error) {
		tot, err := book.Total(q)
		var out []conv
		for _, c := range tot.Conversions() {
			out = append(out, conv{c.ID, c.Conversion.Rate.String(), c.Conversion.RatePeriod, c.Conversion.RateDate.Format(time.DateOnly), c.Conversion.Source})
		}
		return out, err
	}

	// By day: record b has no daily rate; the annual average is not taken for it.
	_, err = convs(pledge.Query{In: currency.KRW, Rates: rates})
	var re *pledge.RateError
	if !errors.As(err, &re) {
		t.Fatalf("by day: %v, want a *RateError", err)
	}
	want := []pledge.MissingRate{{From: currency.USD, To: currency.KRW, Day: day("2023-03-01"), Records: []string{"b"}, Average: pledge.Year}}
	if diff := cmp.Diff(want, re.Missing); diff != "" {
		t.Errorf("missing rates (-want +got):\n%s", diff)
	}

	// By day, with record b out of the window: the daily rate for a, the average for c (dated by year).
	got, err := convs(pledge.Query{In: currency.KRW, Rates: rates, From: day("2023-06-01")})
	if err != nil {
		t.Fatal(err)
	}
	imfSource := "Source: International Monetary Fund."
	if diff := cmp.Diff([]conv{{"a", "1335.3", pledge.Day, "2023-09-08", "Bank of Korea"}}, got); diff != "" {
		t.Errorf("by day (-want +got):\n%s", diff)
	}
	got, err = convs(pledge.Query{In: currency.KRW, Rates: rates, To: day("2023-12-31"), From: day("2023-01-01")})
	if !errors.As(err, &re) {
		t.Fatalf("by day, all of 2023: %v, want a *RateError for b", err)
	}

	// Annual averages: every record at the year's, the daily rate of a's day set aside.
	got, err = convs(pledge.Query{In: currency.KRW, Rates: rates, RatePeriod: pledge.Year})
	if err != nil {
		t.Fatal(err)
	}
	wantAll := []conv{
		{"a", "1305.6625", pledge.Year, "2023-01-01", imfSource},
		{"b", "1305.6625", pledge.Year, "2023-01-01", imfSource},
		{"c", "1305.6625", pledge.Year, "2023-01-01", imfSource},
	}
	if diff := cmp.Diff(wantAll, got); diff != "" {
		t.Errorf("annual averages (-want +got):\n%s", diff)
	}
	tot, _ := book.Total(pledge.Query{In: currency.KRW, Rates: rates, RatePeriod: pledge.Year})
	if s := tot.Sum()[0]; !s.Equal(pledge.MustAmount("3916987.5", "KRW")) {
		t.Errorf("sum %v, want KRW 3916987.5", s)
	}
	if q := tot.Query().String(); !strings.Contains(q, "in KRW at annual averages") {
		t.Errorf("caption %q does not say the rates are annual averages", q)
	}
}

// TestReadProblems checks what a file can get wrong, each named by row,
// country and column, and that nothing is recorded then.
func TestReadProblems(t *testing.T) {
	const header = "Date,Rate,Currency,Frequency,Source,Country code,Country\n"
	tests := []struct {
		name, file string
		o          imf.Options
		want       []string
		is         error
	}{
		{"no header", "", imf.Options{}, []string{"imf: malformed input: no header row: is this the IMF's exchange-rate CSV?"}, imf.ErrSyntax},
		{"column missing", "Date,Rate,Currency,Frequency\n", imf.Options{},
			[]string{`imf: row 1 Country code: malformed input: no column "Country code": is this the IMF's exchange-rate CSV?`}, imf.ErrSyntax},
		{"column case", "Date,rate,Currency,Frequency,Country code\n", imf.Options{},
			[]string{`imf: row 1 column 2: malformed input: column names are exact: want "Rate", not "rate"`,
				`imf: row 1 Rate: malformed input: no column "Rate": is this the IMF's exchange-rate CSV?`}, imf.ErrSyntax},
		{"rate", header + "2023-12-31,1.305,66,KRW,A,IMF,KR,Korea\n", imf.Options{},
			[]string{"imf: row 2: invalid rate: 8 cells, where the header has 7"}, imf.ErrInvalid},
		{"values", header +
			"2023-12-30,0,KRW,A,IMF,KR,Korea\n" +
			"2023-12-31,-1,KRW,M,OECD,KR,Korea\n" +
			"2023-09-30,1e999,KRW,Q,IMF,KR,Korea\n" +
			"2023-09-30,1.5,MRU,M,IMF,MR,Mauritania\n",
			imf.Options{},
			[]string{
				`imf: row 2 (KR) Rate: invalid rate: rate "0" is not positive`,
				`imf: row 2 (KR) Date: invalid rate: date 2023-12-30 of a yearly rate: want the period's last day, 2023-12-31`,
				`imf: row 3 (KR) Source: invalid rate: source "OECD": want IMF`,
				`imf: row 3 (KR) Rate: invalid rate: rate "-1" is not a positive number such as 1305.6625 or 2.877436E-08`,
				`imf: row 4 (KR) Rate: invalid rate: rate "1e999" has an exponent beyond ±60`,
				`imf: row 4 (KR) Frequency: invalid rate: a quarterly average: Rates hold averages over a month or a year only`,
				`imf: row 5 (MR) Currency: invalid rate: currency "MRU" is not an ISO 4217 code that golang.org/x/text knows`,
			}, imf.ErrInvalid},
		{"text", header + "2023-12-31,1305.6625,KRW,A,IMF,KR,Kor\xe9a\n", imf.Options{},
			[]string{`imf: row 2 Country: invalid rate: "Kor\xe9a" is not valid UTF-8 at byte 3`}, imf.ErrInvalid},
		{"twice", header + "2023-12-31,1305.6625,KRW,A,IMF,KR,Korea\n2023-12-31,1305.6626,KRW,A,IMF,KR,Korea\n", imf.Options{},
			[]string{"imf: row 3 (KR) Rate: conflicting rates: KRW average for 2023 is 1305.6626 here and 1305.6625 in row 2 (KR): keep the rows of one country with Options.Countries"}, imf.ErrConflict},
		{"unknown country", header + "2023-12-31,1305.6625,KRW,A,IMF,KR,Korea\n", imf.Options{Countries: []string{"KOR"}},
			[]string{`imf: (KOR): invalid rate: Options.Countries names "KOR", which has no row in the file (codes are the IMF's: KR, JP, U2 for the euro area)`}, imf.ErrInvalid},
		{"quote", header + "2023-12-31,1305\"6625,KRW,A,IMF,KR,Korea\n", imf.Options{},
			[]string{"imf: row 2: malformed input: malformed CSV: a quote inside a cell that does not start with one (quote the whole cell, and write the quote twice)"}, imf.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rates := new(pledge.Rates)
			err := imf.Read(strings.NewReader(tt.file), rates, tt.o)
			var ve *imf.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error does not match %v", tt.is)
			}
			if n := len(rates.All()); n != 0 {
				t.Errorf("%d rates recorded from a bad file", n)
			}
		})
	}
}

var (
	aoa = currency.MustParseISO("AOA")
	xdr = currency.MustParseISO("XDR")
)

func TestReadIntoNil(t *testing.T) {
	if err := imf.Read(strings.NewReader("Date,Rate,Currency,Frequency,Country code\n"), nil, imf.Options{}); err == nil {
		t.Error("Read into nil Rates: no error")
	}
}

// TestReadOptions reads monthly averages, end-of-period rates, rates per
// SDR and exponents.
func TestReadOptions(t *testing.T) {
	const file = "\ufeffCountry code,Frequency,Date,Rate,Currency\n" +
		"AO,A,1950-12-31,2.877436E-08,AOA\n" +
		"KR,M,2024-02-29,1331.7,KRW\n" +
		"KR,M,2024-02-29,1331.7,KRW\n" // the same rate twice is one rate
	rates := new(pledge.Rates)
	if err := imf.Read(strings.NewReader(file), rates, imf.Options{}); err != nil {
		t.Fatal(err)
	}
	src := imf.Source
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	want := []pledge.Rate{
		{Day: d("1950-01-01"), Period: pledge.Year, Base: currency.USD, Quote: aoa, Rate: decimal.New(2877436, -14), Source: src},
		{Day: d("2024-02-01"), Period: pledge.Month, Base: currency.USD, Quote: currency.KRW, Rate: decimal.RequireFromString("1331.7"), Source: src},
	}
	if diff := cmp.Diff(want, rates.All()); diff != "" {
		t.Errorf("averages (-want +got):\n%s", diff)
	}
	rates = new(pledge.Rates)
	if err := imf.Read(strings.NewReader(file+"KR,Q,2024-03-31,1330,KRW\n"), rates, imf.Options{EndOfPeriod: true, Base: xdr}); err != nil {
		t.Fatal(err)
	}
	want = []pledge.Rate{
		{Day: d("1950-12-31"), Base: xdr, Quote: aoa, Rate: decimal.New(2877436, -14), Source: src},
		{Day: d("2024-02-29"), Base: xdr, Quote: currency.KRW, Rate: decimal.RequireFromString("1331.7"), Source: src},
		{Day: d("2024-03-31"), Base: xdr, Quote: currency.KRW, Rate: decimal.RequireFromString("1330"), Source: src},
	}
	if diff := cmp.Diff(want, rates.All()); diff != "" {
		t.Errorf("end of period (-want +got):\n%s", diff)
	}
}

// FuzzRead checks that Read never panics, that it records nothing when it
// fails, and that what it records survives pledge's own rates CSV.
func FuzzRead(f *testing.F) {
	f.Add("Date,Rate,Currency,Frequency,Source,Country code,Country\n2023-12-31,1305.6625,KRW,A,IMF,KR,\"Korea, Republic of\"\n", false)
	f.Add("Date,Rate,Currency,Frequency,Country code\n2024-02-29,2.877436E-08,AOA,M,AO\n2023-12-31,1,USD,A,US\n", true)
	f.Add("Date,Rate,Currency,Frequency,Country code\n2023-12-31,0.92,EUR,A,U2\n2023-12-31,0.93,EUR,A,ME\n", false)
	f.Fuzz(func(t *testing.T, file string, end bool) {
		rates := new(pledge.Rates)
		err := imf.Read(strings.NewReader(file), rates, imf.Options{EndOfPeriod: end})
		all := rates.All()
		if err != nil {
			if len(all) != 0 {
				t.Fatalf("%d rates recorded, and %v", len(all), err)
			}
			return
		}
		var buf bytes.Buffer
		if err := rates.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := pledge.ReadRates(&buf)
		if err != nil {
			t.Fatalf("rates the IMF reader took do not read back: %v\n%s", err, buf.String())
		}
		if diff := cmp.Diff(all, back.All()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}
