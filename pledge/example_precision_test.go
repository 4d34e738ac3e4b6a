package pledge_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

// Money at each stage: $2.3 billion pledged, $300 million of it committed,
// $100 million of that paid. Each row is money that went no further, so
// the rows add up to what was pledged.
func ExampleBook_Total_byStage() {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	hum := []pledge.Category{pledge.Humanitarian}
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "g20", Donor: "South Korea", Amount: usd("2300000000"),
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: hum}}},
		pledge.Pledge{ID: "commit", Donor: "South Korea", Amount: usd("300000000"), Categories: hum,
			Stage: pledge.Committed, Under: "g20"},
		pledge.Pledge{ID: "paid", Donor: "South Korea", Amount: usd("100000000"), Categories: hum,
			Stage: pledge.Disbursed, Under: "commit"},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	totals, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(totals)
	// Output:
	// Totals: all stages; by stage, category
	// stage      category      currency         amount  records
	// ---------------------------------------------------------
	// pledged    unspecified   USD       2,000,000,000        1
	// committed  humanitarian  USD         200,000,000        1
	// disbursed  humanitarian  USD         100,000,000        1
	// ---------------------------------------------------------
	// total                    USD       2,300,000,000        3
}

// A total keeps what the records say of their amounts: "about" one and
// "at least" another make a sum bounded neither way.
func ExampleTotals_Figures() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "kr", Donor: "South Korea", Amount: pledge.MustAmount("2300000000", "USD"), Qualifier: pledge.Approximately},
		pledge.Pledge{ID: "jp", Donor: "Japan", Amount: pledge.MustAmount("150000000", "USD"), Qualifier: pledge.AtLeast},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	byDonor, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	for _, r := range byDonor.Rows() {
		fmt.Println(r.Keys[0], r.Figure().Compact(language.English))
	}
	fmt.Println(byDonor.Figures()[0].Display())
	fmt.Print(byDonor)
	// Output:
	// Japan at least $150 million
	// South Korea about $2.3 billion
	// USD 2,450,000,000 (mixed bounds)
	// Totals: all stages; by donor (≈ approximately, ≥ at least, ≶ mixed: no bound either way)
	// donor        currency           amount  records
	// -----------------------------------------------
	// Japan        USD         ≥ 150,000,000        1
	// South Korea  USD       ≈ 2,300,000,000        1
	// -----------------------------------------------
	// total        USD       ≶ 2,450,000,000        2
}

func ExampleFigure_Add() {
	about, _ := pledge.ParseFigure("about $2.3 billion")
	exact, _ := pledge.ParseFigure("$150 million")
	atLeast, _ := pledge.ParseFigure("at least $300 million")
	sum, _ := about.Add(exact)
	fmt.Println(sum.Compact(language.English))
	sum, _ = exact.Add(atLeast)
	fmt.Println(sum.Compact(language.English))
	sum, _ = about.Add(atLeast)
	fmt.Println(sum.Compact(language.English))
	// Output:
	// about $2.45 billion
	// at least $450 million
	// $2.6 billion (mixed bounds)
}

// What a pledge's parts leave over: an exact whole less "at least" a part
// is "at most" the rest.
func ExampleFigure_Sub() {
	whole, _ := pledge.ParseFigure("$2.3 billion")
	part, _ := pledge.ParseFigure("more than $300 million")
	rest, _ := whole.Sub(part)
	fmt.Println(rest.Compact(language.English))
	fmt.Println(rest.Compact(language.Korean))
	// Output:
	// less than $2 billion
	// 20억 달러 미만
}

// Compact rounds a bound the way that keeps it true.
func ExampleFigure_Compact() {
	for _, s := range []string{"약 24억 5천만 달러", "at least $2,346,000,000", "up to $2,341,000,000"} {
		f, _ := pledge.ParseFigure(s)
		fmt.Printf("%s | %s\n", f.Compact(language.English), f.Compact(language.Korean))
	}
	// Output:
	// about $2.45 billion | 약 24억 5천만 달러
	// at least $2.34 billion | 23억 4천만 달러 이상
	// at most $2.35 billion | 23억 5천만 달러 이하
}

// Other languages than English and Korean get the sign tables use; German
// writes a no-break space before the symbol.
func ExampleFigure_Format() {
	f, _ := pledge.ParseFigure("about $2.45 billion")
	fmt.Println(f.Format(language.English))
	fmt.Println(f.Format(language.Korean))
	fmt.Println(f.Format(language.German))
	// Output:
	// about $2,450,000,000
	// 약 US$2,450,000,000
	// ≈ 2.450.000.000 $
}

// Dates as reports give them: a day, a month or a year.
func ExampleParseDate() {
	for _, s := range []string{"2023-09-10", "2023-09", "2023"} {
		d, p, err := pledge.ParseDate(s)
		fmt.Println(d.Format(time.DateOnly), p, err)
	}
	// Output:
	// 2023-09-10 day <nil>
	// 2023-09-01 month <nil>
	// 2023-01-01 year <nil>
}

func ExampleFormatDate() {
	july := time.Date(2023, time.July, 1, 0, 0, 0, 0, time.UTC)
	fmt.Println(pledge.FormatDate(july, pledge.Day), pledge.FormatDate(july, pledge.Month), pledge.FormatDate(july, pledge.Year))
	// Output: 2023-07-01 2023-07 2023
}

// The IMF publishes annual averages, dated at the year's end.
func ExampleRates_SetAverage() {
	var rates pledge.Rates
	err := rates.SetAverageFrom(time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), pledge.Year,
		currency.USD, currency.KRW, decimal.RequireFromString("1305.6625"), "IMF")
	fmt.Println(err)
	fmt.Println(rates.All()[0])
	// Output:
	// <nil>
	// 2023 average 1 USD = 1305.6625 KRW (IMF)
}

// A record dated "in July 2023" converts at July's average, or else at
// 2023's; never at the rate of a day picked for it.
func ExampleRates_ConvertPeriod() {
	rates, _ := pledge.ReadRates(strings.NewReader("2023-07-14,USD,KRW,1271.4,Bank of Korea\n2023,USD,KRW,1305.6625,IMF\n"))
	july := time.Date(2023, time.July, 1, 0, 0, 0, 0, time.UTC)
	c, err := rates.ConvertPeriod(pledge.MustAmount("150000000", "USD"), currency.KRW, july, pledge.Month)
	fmt.Println(c.To.Display(), c.Rate, pledge.FormatDate(c.RateDate, c.RatePeriod), c.RatePeriod, c.Source, err)

	_, err = rates.ConvertPeriod(pledge.MustAmount("150000000", "USD"), currency.KRW, july.AddDate(1, 0, 0), pledge.Month)
	fmt.Println(err)
	// Output:
	// KRW 195,849,375,000 1305.6625 2023 year IMF <nil>
	// pledge: missing exchange rate: USD→KRW average for 2024-07 or 2024
}
