package pledge_test

import (
	"bytes"
	"errors"
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
		a  pledge.Amount
		to currency.Unit
		on string
	}{
		{pledge.MustAmount("1", "USD"), currency.KRW, "2023-07-13"},
		{pledge.MustAmount("1", "KRW"), currency.USD, "2023-09-08"},
	} {
		_, err := r.Convert(c.a, c.to, rateDay(c.on))
		var re *pledge.RateError
		if !errors.As(err, &re) || !errors.Is(err, pledge.ErrMissingRate) {
			t.Errorf("Convert(%v→%v on %s) = %v, want a *RateError", c.a, c.to, c.on, err)
			continue
		}
		want := []string{pledge.MissingRate{From: c.a.Currency(), To: c.to, Day: rateDay(c.on)}.String()}
		var got []string
		for _, m := range re.Missing {
			got = append(got, m.String())
		}
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
