package pledge_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

func rateDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func rateDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestConvert(t *testing.T) {
	var r pledge.Rates
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(r.SetFrom(rateDay("2023-09-08"), currency.USD, currency.KRW, rateDec("1335.3"), "Bank of Korea"))
	must(r.SetFrom(rateDay("2023-07-14"), currency.USD, currency.KRW, rateDec("1271.4"), "Bank of Korea"))
	must(r.Set(rateDay("2023-09-08"), currency.EUR, currency.USD, rateDec("1.0704")))

	tests := []struct {
		name string
		a    pledge.Amount
		to   currency.Unit
		on   string
		want pledge.Conversion
	}{{
		name: "rate of the day, exact product",
		a:    pledge.MustAmount("2300000000", "USD"), to: currency.KRW, on: "2023-09-08",
		want: pledge.Conversion{
			From: pledge.MustAmount("2300000000", "USD"), To: pledge.MustAmount("3071190000000", "KRW"),
			Rate: rateDec("1335.3"), RateDate: rateDay("2023-09-08"), Source: "Bank of Korea",
		},
	}, {
		name: "latest rate before the day",
		a:    pledge.MustAmount("150000000", "USD"), to: currency.KRW, on: "2023-08-01",
		want: pledge.Conversion{
			From: pledge.MustAmount("150000000", "USD"), To: pledge.MustAmount("190710000000", "KRW"),
			Rate: rateDec("1271.4"), RateDate: rateDay("2023-07-14"), Source: "Bank of Korea",
		},
	}, {
		name: "no rounding of cents",
		a:    pledge.MustAmount("0.01", "EUR"), to: currency.USD, on: "2023-09-08",
		want: pledge.Conversion{
			From: pledge.MustAmount("0.01", "EUR"), To: pledge.MustAmount("0.010704", "USD"),
			Rate: rateDec("1.0704"), RateDate: rateDay("2023-09-08"),
		},
	}, {
		name: "same currency",
		a:    pledge.MustAmount("5", "USD"), to: currency.USD, on: "2023-09-08",
		want: pledge.Conversion{
			From: pledge.MustAmount("5", "USD"), To: pledge.MustAmount("5", "USD"),
			Rate: rateDec("1"), RateDate: rateDay("2023-09-08"),
		},
	}}
	for _, tt := range tests {
		got, err := r.Convert(tt.a, tt.to, rateDay(tt.on))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	// Before the first rate, and the other way without Inverse: missing.
	for _, c := range []struct {
		a       pledge.Amount
		to      currency.Unit
		on      string
		inverse bool
	}{
		{pledge.MustAmount("1", "USD"), currency.KRW, "2023-07-13", false},
		{pledge.MustAmount("1", "KRW"), currency.USD, "2023-09-08", true},
	} {
		_, err := r.Convert(c.a, c.to, rateDay(c.on))
		var re *pledge.RateError
		if !errors.As(err, &re) || !errors.Is(err, pledge.ErrMissingRate) {
			t.Errorf("Convert(%v→%v on %s) = %v, want a *RateError", c.a, c.to, c.on, err)
			continue
		}
		want := []pledge.MissingRate{{From: c.a.Currency(), To: c.to, Day: rateDay(c.on), Inverse: c.inverse}}
		got := re.Missing
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("missing (-want +got):\n%s", diff)
		}
	}
}

func TestConvertMaxAge(t *testing.T) {
	r := pledge.Rates{MaxAge: 4 * 24 * time.Hour}
	if err := r.Set(rateDay("2023-09-08"), currency.USD, currency.KRW, rateDec("1335.3")); err != nil {
		t.Fatal(err)
	}
	a := pledge.MustAmount("1", "USD")
	if _, err := r.Convert(a, currency.KRW, rateDay("2023-09-12")); err != nil {
		t.Errorf("four days later: %v", err)
	}
	if _, err := r.Convert(a, currency.KRW, rateDay("2023-09-13")); !errors.Is(err, pledge.ErrMissingRate) {
		t.Errorf("five days later: %v, want ErrMissingRate", err)
	}
	r.MaxAge = time.Hour // same day only
	if _, err := r.Convert(a, currency.KRW, rateDay("2023-09-08").Add(20*time.Hour)); err != nil {
		t.Errorf("same day: %v", err)
	}
	if _, err := r.Convert(a, currency.KRW, rateDay("2023-09-09")); !errors.Is(err, pledge.ErrMissingRate) {
		t.Errorf("next day with a same-day MaxAge: %v, want ErrMissingRate", err)
	}
}

func TestConvertInverse(t *testing.T) {
	r := pledge.Rates{Inverse: 8}
	if err := r.SetFrom(rateDay("2023-09-08"), currency.USD, currency.KRW, rateDec("1335.3"), "BOK"); err != nil {
		t.Fatal(err)
	}
	got, err := r.Convert(pledge.MustAmount("520000000000", "KRW"), currency.USD, rateDay("2023-09-10"))
	if err != nil {
		t.Fatal(err)
	}
	want := pledge.Conversion{
		From: pledge.MustAmount("520000000000", "KRW"), To: pledge.MustAmount("389428000", "USD"),
		Rate: rateDec("0.00074890"), RateDate: rateDay("2023-09-08"), Source: "BOK", Inverse: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inverse (-want +got):\n%s", diff)
	}
	// A later direct rate wins; an older one loses to a later inverse.
	if err := r.Set(rateDay("2023-09-09"), currency.KRW, currency.USD, rateDec("0.00075")); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Convert(pledge.MustAmount("1", "KRW"), currency.USD, rateDay("2023-09-10")); got.Inverse || !got.Rate.Equal(rateDec("0.00075")) {
		t.Errorf("later direct rate not used: %+v", got)
	}
	if err := r.Set(rateDay("2023-09-10"), currency.USD, currency.KRW, rateDec("1300")); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Convert(pledge.MustAmount("1", "KRW"), currency.USD, rateDay("2023-09-10")); !got.Inverse {
		t.Errorf("later inverse rate not used: %+v", got)
	}
	// An inverse that rounds to zero is not used.
	r2 := pledge.Rates{Inverse: 2}
	if err := r2.Set(rateDay("2023-09-08"), currency.USD, currency.KRW, rateDec("1335.3")); err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Convert(pledge.MustAmount("1", "KRW"), currency.USD, rateDay("2023-09-08")); !errors.Is(err, pledge.ErrMissingRate) {
		t.Errorf("inverse rounding to zero: %v, want ErrMissingRate", err)
	}
}

func TestSetErrors(t *testing.T) {
	var r pledge.Rates
	for _, c := range []struct {
		day        time.Time
		base, quot currency.Unit
		rate       string
		want       error
	}{
		{time.Time{}, currency.USD, currency.KRW, "1", pledge.ErrInvalid},
		{rateDay("2023-01-01"), currency.USD, currency.USD, "1", pledge.ErrInvalidCurrency},
		{rateDay("2023-01-01"), currency.XXX, currency.USD, "1", pledge.ErrInvalidCurrency},
		{rateDay("2023-01-01"), currency.USD, currency.KRW, "0", pledge.ErrInvalid},
		{rateDay("2023-01-01"), currency.USD, currency.KRW, "-1", pledge.ErrInvalid},
	} {
		if err := r.Set(c.day, c.base, c.quot, rateDec(c.rate)); !errors.Is(err, c.want) {
			t.Errorf("Set(%v, %v, %v, %s) = %v, want %v", c.day, c.base, c.quot, c.rate, err, c.want)
		}
	}
	if n := len(r.All()); n != 0 {
		t.Errorf("%d rates recorded from bad input", n)
	}
}

const ratesCSV = `date,base,quote,rate,source
# Bank of Korea, closing rates
2023-07-14,USD,KRW,1271.4,Bank of Korea
2023-09-08, USD, KRW, 1335.3, Bank of Korea
2023-09-08,EUR,USD,1.0704
`

func TestReadRates(t *testing.T) {
	r, err := pledge.ReadRates(strings.NewReader(ratesCSV))
	if err != nil {
		t.Fatal(err)
	}
	want := []pledge.Rate{
		{Day: rateDay("2023-09-08"), Base: currency.EUR, Quote: currency.USD, Rate: rateDec("1.0704")},
		{Day: rateDay("2023-07-14"), Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1271.4"), Source: "Bank of Korea"},
		{Day: rateDay("2023-09-08"), Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1335.3"), Source: "Bank of Korea"},
	}
	if diff := cmp.Diff(want, r.All()); diff != "" {
		t.Errorf("ReadRates (-want +got):\n%s", diff)
	}
	// WriteCSV writes what ReadCSV reads.
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := pledge.ReadRates(&buf)
	if err != nil {
		t.Fatalf("reading back %q: %v", buf.String(), err)
	}
	if diff := cmp.Diff(want, back.All()); diff != "" {
		t.Errorf("WriteCSV then ReadRates (-want +got):\n%s", diff)
	}
	// No header is fine too.
	if _, err := pledge.ReadRates(strings.NewReader("2023-09-08,USD,KRW,1335.3\n")); err != nil {
		t.Errorf("without a header: %v", err)
	}
}

// TestReadRatesAverages: a year or a month in the date column is an
// average over it; it is written back so, and a period given twice is an
// error.
func TestReadRatesAverages(t *testing.T) {
	in := "date,base,quote,rate,source\n2023-01-01,USD,KRW,1272.6\n2023,USD,KRW,1305.6625,IMF\n2023-01,USD,KRW,1276.7\n"
	r, err := pledge.ReadRates(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []pledge.Rate{
		{Day: rateDay("2023-01-01"), Period: pledge.Year, Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1305.6625"), Source: "IMF"},
		{Day: rateDay("2023-01-01"), Period: pledge.Month, Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1276.7")},
		{Day: rateDay("2023-01-01"), Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1272.6")},
	}
	if diff := cmp.Diff(want, r.All()); diff != "" {
		t.Errorf("ReadRates (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "date,base,quote,rate,source\n2023,USD,KRW,1305.6625,IMF\n2023-01,USD,KRW,1276.7,\n2023-01-01,USD,KRW,1272.6,\n" {
		t.Errorf("WriteCSV:\n%s", got)
	}
	if got := want[0].String(); got != "2023 average 1 USD = 1305.6625 KRW (IMF)" {
		t.Errorf("String: %q", got)
	}
	_, err = pledge.ReadRates(strings.NewReader("2023,USD,KRW,1\n2023,USD,KRW,2\n"))
	if !errors.Is(err, pledge.ErrDuplicate) || !strings.Contains(err.Error(), "rate USD→KRW on 2023, first given on line 1") {
		t.Errorf("a year given twice: %v", err)
	}
}

func TestReadRatesErrors(t *testing.T) {
	in := `date,base,quote,rate,source
2023-09-08,USD,KRW,1335.3,ok
2023-13-01,USD,KRW,1300
2023-09-08,USD,WON,1300
2023-09-08,USD,USD,1
2023-09-08,USD,KRW,1.3e3
2023-09-08,USD,KRW,-1
2023-09-08,USD,KRW
2023-09-08,USD,KRW,1335.3,again
`
	var r pledge.Rates
	if err := r.Set(rateDay("2020-01-01"), currency.USD, currency.JPY, rateDec("108.6")); err != nil {
		t.Fatal(err)
	}
	before := r.All()
	err := r.ReadCSV(strings.NewReader(in))
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadCSV = %v, want a *ValidationError", err)
	}
	type where struct {
		Line  int
		Field string
	}
	var got []where
	for _, p := range ve.Problems {
		got = append(got, where{p.Line, p.Field})
		if !strings.HasPrefix(p.Error(), "pledge (line ") {
			t.Errorf("problem %q does not name its line", p.Error())
		}
	}
	want := []where{{3, "date"}, {4, "quote"}, {5, "quote"}, {6, "rate"}, {7, "rate"}, {8, ""}, {9, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
	}
	if !errors.Is(err, pledge.ErrDuplicate) || !errors.Is(err, pledge.ErrInvalidCurrency) {
		t.Errorf("ReadCSV error %v does not match ErrDuplicate and ErrInvalidCurrency", err)
	}
	if diff := cmp.Diff(before, r.All()); diff != "" {
		t.Errorf("ReadCSV with errors changed the rates (-before +after):\n%s", diff)
	}
	// A broken quote stops the reader, with its line.
	err = r.ReadCSV(strings.NewReader("2023-09-08,USD,KRW,1335.3\n2023-09-09,\"USD,KRW,1\n"))
	if !errors.As(err, &ve) || ve.Problems[0].Line == 0 {
		t.Errorf("broken quote: %v, want a problem with a line", err)
	}
}

// TestConvertSettings: a negative MaxAge, an Inverse out of range and a nil
// *Rates give clear errors, not quiet answers or panics.
func TestConvertSettings(t *testing.T) {
	usdkrw := func(r *pledge.Rates) *pledge.Rates {
		if err := r.Set(rateDay("2020-01-01"), currency.USD, currency.KRW, rateDec("1200")); err != nil {
			t.Fatal(err)
		}
		return r
	}
	type outcome struct {
		To      string
		Invalid bool // matches ErrInvalid
		Missing bool // matches ErrMissingRate
		Message string
	}
	tests := []struct {
		name string
		r    *pledge.Rates
		a    pledge.Amount
		want outcome
	}{
		{"negative MaxAge is not any age", usdkrw(&pledge.Rates{MaxAge: -time.Hour}), pledge.MustAmount("1", "USD"),
			outcome{Invalid: true, Message: "pledge: invalid value: Rates.MaxAge is -1h0m0s: want zero (any age) or a positive duration"}},
		{"zero MaxAge is any age", usdkrw(&pledge.Rates{}), pledge.MustAmount("1", "USD"), outcome{To: "KRW 1200"}},
		{"negative Inverse", usdkrw(&pledge.Rates{Inverse: -1}), pledge.MustAmount("1", "USD"),
			outcome{Invalid: true, Message: "pledge: invalid value: Rates.Inverse is -1: want 0 (never invert) to 64 decimal places"}},
		{"Inverse of 64 places", usdkrw(&pledge.Rates{Inverse: 64}), pledge.MustAmount("1200", "KRW"), outcome{To: "USD 1"}},
		{"Inverse above 64 places", usdkrw(&pledge.Rates{Inverse: 65}), pledge.MustAmount("1200", "KRW"),
			outcome{Invalid: true, Message: "pledge: invalid value: Rates.Inverse is 65: want 0 (never invert) to 64 decimal places"}},
		{"huge Inverse", usdkrw(&pledge.Rates{Inverse: 1 << 24}), pledge.MustAmount("1200", "KRW"),
			outcome{Invalid: true, Message: "pledge: invalid value: Rates.Inverse is 16777216: want 0 (never invert) to 64 decimal places"}},
		{"nil Rates", nil, pledge.MustAmount("1", "USD"),
			outcome{Missing: true, Message: "pledge: missing exchange rate: USD→KRW on 2024-01-01"}},
	}
	for _, tt := range tests {
		to := currency.KRW
		if tt.a.Currency() == currency.KRW {
			to = currency.USD
		}
		c, err := tt.r.Convert(tt.a, to, rateDay("2024-01-01"))
		got := outcome{Invalid: errors.Is(err, pledge.ErrInvalid), Missing: errors.Is(err, pledge.ErrMissingRate)}
		if err != nil {
			got.Message = err.Error()
		} else {
			got.To = c.To.String()
			if tt.a.Currency() == currency.KRW {
				got.To = c.To.Round().String()
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Convert (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestReadRatesBOM: a UTF-8 byte order mark, as spreadsheets write, is
// skipped.
func TestReadRatesBOM(t *testing.T) {
	want := []pledge.Rate{{Day: rateDay("2023-09-01"), Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1322.5"), Source: "BOK"}}
	for _, in := range []string{
		"\ufeffdate,base,quote,rate,source\n2023-09-01,USD,KRW,1322.5,BOK\n",
		"\ufeff2023-09-01,USD,KRW,1322.5,BOK\n",
		"\ufeff# closing rates\r\n2023-09-01,USD,KRW,1322.5,BOK\r\n",
	} {
		r, err := pledge.ReadRates(strings.NewReader(in))
		if err != nil {
			t.Errorf("ReadRates(%q): %v", in, err)
			continue
		}
		if diff := cmp.Diff(want, r.All()); diff != "" {
			t.Errorf("ReadRates(%q) (-want +got):\n%s", in, diff)
		}
	}
	// Only a leading mark: one inside a field is still an error.
	if _, err := pledge.ReadRates(strings.NewReader("2023-09-01,\ufeffUSD,KRW,1322.5\n")); !errors.Is(err, pledge.ErrInvalidCurrency) {
		t.Errorf("mark inside a field: %v, want ErrInvalidCurrency", err)
	}
}

// TestReadRatesMessages: errors of a rates file speak of its lines, not of
// pledge records.
func TestReadRatesMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-09-08,USD,KRW,1335.3\n2023-09-31,USD,KRW,1300\n",
			`pledge: rates line 2 date: invalid value: date "2023-09-31" is not YYYY-MM-DD, or YYYY-MM or YYYY for an average`},
		{"date,base,quote,rate\n2023-09-08,USD,KRW,-1\n2023-09-08,USD,WON,1\n",
			"pledge: 2 problems in rates:\n" +
				"\trates line 2 rate: invalid value: rate USD→KRW on 2023-09-08 is -1, want > 0\n" +
				`	rates line 3 quote: invalid currency "WON": want an ISO 4217 code such as USD, EUR or KRW`},
	}
	for _, tt := range tests {
		err := new(pledge.Rates).ReadCSV(strings.NewReader(tt.in))
		if err == nil {
			t.Errorf("ReadCSV(%q) = nil", tt.in)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("ReadCSV(%q) (-want +got):\n%s", tt.in, diff)
		}
		var ve *pledge.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) == 0 {
			t.Errorf("ReadCSV(%q) = %v: no *ValidationError inside", tt.in, err)
		}
	}
}

// TestRatesConcurrent is meant for -race: writers, readers and CSV loads at
// once.
func TestRatesConcurrent(t *testing.T) {
	r := &pledge.Rates{MaxAge: 30 * 24 * time.Hour, Inverse: 10}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(3)
		go func() {
			defer wg.Done()
			for d := range 50 {
				_ = r.Set(rateDay("2023-01-01").AddDate(0, 0, d), currency.USD, currency.KRW, decimal.New(int64(1300+g+d), 0))
			}
		}()
		go func() {
			defer wg.Done()
			for d := range 50 {
				c, err := r.Convert(pledge.MustAmount("1000", "KRW"), currency.USD, rateDay("2023-01-01").AddDate(0, 0, d))
				if err == nil && !c.Inverse {
					t.Errorf("KRW→USD without an inverse: %+v", c)
				}
			}
		}()
		go func() {
			defer wg.Done()
			_ = r.ReadCSV(strings.NewReader(ratesCSV))
			_ = r.All()
		}()
	}
	wg.Wait()
	if _, err := r.Convert(pledge.MustAmount("1", "USD"), currency.KRW, rateDay("2023-02-19")); err != nil {
		t.Error(err)
	}
}

func FuzzReadRates(f *testing.F) {
	f.Add(ratesCSV)
	f.Add("2023-09-08,USD,KRW,1335.3\n2023-09-08,USD,KRW,1\n")
	f.Add("date,base,quote,rate\n2023-09-08,USD,KRW,0.0001\n\"x\n")
	f.Add("2023,USD,KRW,1305.6625,IMF\n2023-09,USD,KRW,1327.5\n2023-01-01,USD,KRW,1\n")
	f.Fuzz(func(t *testing.T, in string) {
		var r pledge.Rates
		if err := r.Set(rateDay("2020-01-01"), currency.USD, currency.JPY, rateDec("108.6")); err != nil {
			t.Fatal(err)
		}
		before := r.All()
		err := r.ReadCSV(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "pledge") {
				t.Fatalf("error %q does not start with the package name", err)
			}
			if diff := cmp.Diff(before, r.All()); diff != "" {
				t.Fatalf("ReadCSV(%q) failed but changed the rates:\n%s", in, diff)
			}
			return
		}
		for _, rt := range r.All() {
			if strings.ToValidUTF8(rt.Source, "\ufffd") != rt.Source {
				t.Fatalf("ReadCSV(%q) read a source %q that is not UTF-8", in, rt.Source)
			}
		}
		// What was read is written and read back the same.
		var buf bytes.Buffer
		if err := r.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := pledge.ReadRates(&buf)
		if err != nil {
			t.Fatalf("WriteCSV output %q does not read back: %v", buf.String(), err)
		}
		if diff := cmp.Diff(r.All(), back.All()); diff != "" {
			t.Fatalf("round trip (-read +reread):\n%s", diff)
		}
	})
}

// A missing rate says what would have made it, and a total names the
// records that needed it, undated ones included.
func TestMissingRateHints(t *testing.T) {
	var r pledge.Rates
	r.MaxAge = 4 * 24 * time.Hour
	if err := r.Set(rateDay("2023-09-08"), currency.USD, currency.KRW, decimal.RequireFromString("1335.3")); err != nil {
		t.Fatal(err)
	}
	var b pledge.Book
	var batch []pledge.Pledge
	for i := range 8 {
		batch = append(batch, pledge.Pledge{ID: fmt.Sprintf("kr-%d", i), Donor: "South Korea",
			Amount: pledge.MustAmount("1000", "KRW"), Date: rateDay("2023-09-08")})
	}
	batch = append(batch,
		pledge.Pledge{ID: "undated", Donor: "South Korea", Amount: pledge.MustAmount("5", "KRW"),
			Parts: []pledge.Part{{Amount: pledge.MustAmount("1", "KRW"), Categories: []pledge.Category{pledge.Humanitarian}}}},
		pledge.Pledge{ID: "us-late", Donor: "USA", Amount: pledge.MustAmount("5", "USD"), Date: rateDay("2023-09-30")},
	)
	if err := b.Add(batch...); err != nil {
		t.Fatal(err)
	}
	_, err := b.Total(pledge.Query{In: currency.USD, Rates: &r})
	var re *pledge.RateError
	if !errors.As(err, &re) {
		t.Fatalf("Total = %v, want a *RateError", err)
	}
	want := []pledge.MissingRate{
		{From: currency.KRW, To: currency.USD, Records: []string{"undated"}},
		{From: currency.KRW, To: currency.USD, Day: rateDay("2023-09-08"),
			Records: []string{"kr-0", "kr-1", "kr-2", "kr-3", "kr-4"}, More: 3, Inverse: true},
	}
	if diff := cmp.Diff(want, re.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	wantText := `pledge: missing exchange rate: KRW→USD for a record with no date ("undated": give it a date); ` +
		`KRW→USD on 2023-09-08 for "kr-0", "kr-1", "kr-2", "kr-3", "kr-4" and 3 more (a USD→KRW rate is there: set Rates.Inverse to derive it)`
	if diff := cmp.Diff(wantText, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}

	_, err = b.Total(pledge.Query{In: currency.KRW, Rates: &r, Donors: []string{"USA"}})
	if !errors.As(err, &re) {
		t.Fatalf("Total = %v, want a *RateError", err)
	}
	want = []pledge.MissingRate{{From: currency.USD, To: currency.KRW, Day: rateDay("2023-09-30"),
		Records: []string{"us-late"}, Stale: rateDay("2023-09-08")}}
	if diff := cmp.Diff(want, re.Missing); diff != "" {
		t.Errorf("stale (-want +got):\n%s", diff)
	}
}
