package pledge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// TestQueryRatePeriod converts records dated by day, month and year, and
// one with no date, with a daily rate, a monthly average and an annual
// average for the same days: RatePeriod Day never lets an average stand
// in for a missing daily rate, Month takes each record's month's average
// or else its year's (both in one total), and each conversion records the
// kind it used.
func TestQueryRatePeriod(t *testing.T) {
	var r pledge.Rates
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(r.SetFrom(rateDay("2023-09-10"), currency.USD, currency.KRW, rateDec("1330"), "BOK"))
	must(r.SetAverageFrom(rateDay("2023-09-01"), pledge.Month, currency.USD, currency.KRW, rateDec("1320"), "BOK monthly"))
	must(r.SetAverageFrom(rateDay("2023-06-30"), pledge.Year, currency.USD, currency.KRW, rateDec("1305.6625"), "IMF"))
	var b pledge.Book
	must(b.Add(
		pledge.Pledge{ID: "day", Donor: "US", Amount: usd("1"), Date: rateDay("2023-09-10")},
		pledge.Pledge{ID: "month", Donor: "US", Amount: usd("1"), Date: rateDay("2023-09-01"), DatePrecision: pledge.Month},
		pledge.Pledge{ID: "year", Donor: "US", Amount: usd("1"), Date: rateDay("2023-01-01"), DatePrecision: pledge.Year},
		pledge.Pledge{ID: "other-month", Donor: "US", Amount: usd("1"), Date: rateDay("2023-03-05")},
	))
	type used struct {
		ID     string
		Rate   string
		Period pledge.Precision
		Source string
	}
	convert := func(q pledge.Query) ([]used, error) {
		q.In, q.Rates = currency.KRW, &r
		tot, err := b.Total(q)
		var out []used
		for _, c := range tot.Conversions() {
			out = append(out, used{c.ID, c.Conversion.Rate.String(), c.Conversion.RatePeriod, c.Conversion.Source})
		}
		return out, err
	}
	inSeptember := pledge.Query{From: rateDay("2023-09-01"), To: rateDay("2023-12-31")}
	got, err := convert(inSeptember)
	must(err)
	want := []used{{"day", "1330", pledge.Day, "BOK"}, {"month", "1320", pledge.Month, "BOK monthly"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by day (-want +got):\n%s", diff)
	}
	inSeptember.RatePeriod = pledge.Month
	got, err = convert(inSeptember)
	must(err)
	want = []used{{"day", "1320", pledge.Month, "BOK monthly"}, {"month", "1320", pledge.Month, "BOK monthly"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("monthly (-want +got):\n%s", diff)
	}
	got, err = convert(pledge.Query{RatePeriod: pledge.Month})
	must(err)
	want = []used{ // March has no monthly average: its year's
		{"day", "1320", pledge.Month, "BOK monthly"}, {"month", "1320", pledge.Month, "BOK monthly"},
		{"other-month", "1305.6625", pledge.Year, "IMF"}, {"year", "1305.6625", pledge.Year, "IMF"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("monthly, all (-want +got):\n%s", diff)
	}
	got, err = convert(pledge.Query{RatePeriod: pledge.Year})
	must(err)
	want = []used{
		{"day", "1305.6625", pledge.Year, "IMF"}, {"month", "1305.6625", pledge.Year, "IMF"},
		{"other-month", "1305.6625", pledge.Year, "IMF"}, {"year", "1305.6625", pledge.Year, "IMF"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("annual (-want +got):\n%s", diff)
	}

	// By day, 5 March has no rate: the averages there are named, not used.
	_, err = convert(pledge.Query{})
	var re *pledge.RateError
	if !errors.As(err, &re) {
		t.Fatalf("by day: %v, want a *RateError", err)
	}
	wantMissing := []pledge.MissingRate{{From: currency.USD, To: currency.KRW, Day: rateDay("2023-03-05"), Records: []string{"other-month"}, Average: pledge.Year}}
	if diff := cmp.Diff(wantMissing, re.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(err.Error(), `USD→KRW on 2023-03-05 for "other-month" (an average for 2023 is there: Query.RatePeriod Year would use it)`) {
		t.Errorf("message %q", err)
	}

	// A record with no date has no period either.
	must(b.Add(pledge.Pledge{ID: "undated", Donor: "US", Amount: usd("1")}))
	_, err = convert(pledge.Query{RatePeriod: pledge.Year})
	if !errors.As(err, &re) || len(re.Missing) != 1 || !re.Missing[0].Day.IsZero() {
		t.Errorf("undated at annual averages: %v", err)
	}
	if _, err := b.Total(pledge.Query{RatePeriod: 7}); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("RatePeriod 7: %v, want ErrInvalid", err)
	}
}

// TestRatesAdd records rates all or nothing.
func TestRatesAdd(t *testing.T) {
	var r pledge.Rates
	good := pledge.Rate{Day: rateDay("2023-01-01"), Period: pledge.Year, Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1305.6625"), Source: "IMF"}
	bad := pledge.Rate{Day: rateDay("2023-09-10"), Base: currency.USD, Quote: currency.USD, Rate: rateDec("1")}
	err := r.Add(good, bad)
	if !errors.Is(err, pledge.ErrInvalidCurrency) || !strings.HasPrefix(err.Error(), "pledge: rates[1]: invalid currency: rate USD→USD") {
		t.Errorf("Add: %v", err)
	}
	if n := len(r.All()); n != 0 {
		t.Errorf("%d rates recorded from a bad batch", n)
	}
	daily := pledge.Rate{Day: rateDay("2023-09-10"), Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1330")}
	if err := r.Add(good, daily); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]pledge.Rate{good, daily}, r.All()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := r.Add(pledge.Rate{Day: rateDay("2023-09-10"), Period: 5, Base: currency.USD, Quote: currency.KRW, Rate: rateDec("1")}); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("period 5: %v", err)
	}
}
