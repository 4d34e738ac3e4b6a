package pledge_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func ExampleParseAmount() {
	for _, s := range []string{"$2.3 billion", "US$150m", "520 billion won", "23억 달러", "3조 750억원"} {
		a, err := pledge.ParseAmount(s)
		fmt.Println(a, err)
	}
	_, err := pledge.ParseAmount("about $2.3 billion")
	fmt.Println(errors.Is(err, pledge.ErrApproximate))
	// Output:
	// USD 2300000000 <nil>
	// USD 150000000 <nil>
	// KRW 520000000000 <nil>
	// USD 2300000000 <nil>
	// KRW 3075000000000 <nil>
	// true
}

func ExampleParseFigure() {
	for _, s := range []string{"about $2.3 billion", "nearly $2 billion", "20억 달러 이상", "20억여 달러", "약 3조 750억원"} {
		f, err := pledge.ParseFigure(s)
		fmt.Printf("%-14s %s %v\n", f.Qualifier, f.Amount, err)
	}
	// Output:
	// approximately  USD 2300000000 <nil>
	// less than      USD 2000000000 <nil>
	// at least       USD 2000000000 <nil>
	// more than      USD 2000000000 <nil>
	// approximately  KRW 3075000000000 <nil>
}

func ExampleParser() {
	p := pledge.Parser{Dollar: currency.CAD, Yen: currency.JPY}
	for _, s := range []string{"$5 million", "US$5 million", "¥500 billion", "¥50 billion yuan"} {
		a, err := p.ParseAmount(s)
		fmt.Println(a, err)
	}
	_, err := pledge.ParseAmount("¥500 billion")
	fmt.Println(err)
	// Output:
	// CAD 5000000 <nil>
	// USD 5000000 <nil>
	// JPY 500000000000 <nil>
	// CNY 50000000000 <nil>
	// pledge: cannot read "¥500 billion" at byte 0: "¥" may be JPY or CNY: write JP¥, CN¥ or the ISO code, follow the number with yen or yuan, or set Parser.Yen
}

func ExampleFindFigures() {
	text := "South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, " +
		"including $300 million in humanitarian aid. In July 2023 it pledged $150 million in humanitarian " +
		"and non-lethal military aid. The government will provide 520 billion won ($393 million) this year."
	for _, f := range pledge.FindFigures(text) {
		conversion := ""
		if f.Bracketed {
			conversion = " (restates the figure before)"
		}
		fmt.Printf("%q → %v%s\n", text[f.Start:f.End], f.Figure, conversion)
	}
	// Output:
	// "$2.3 billion" → USD 2300000000
	// "$300 million" → USD 300000000
	// "$150 million" → USD 150000000
	// "520 billion won" → KRW 520000000000
	// "$393 million" → USD 393000000 (restates the figure before)
}

// Ranges and alternatives are marked, so that their ends are not added up;
// a low end that would say another number alone is left out.
func ExampleFindFigures_ranges() {
	text := "The package is worth $2 billion to $3 billion, between $5 and $10 million a year in loans, " +
		"and 20~30억 달러 in all."
	for _, f := range pledge.FindFigures(text) {
		fmt.Printf("%q → %v range=%v\n", text[f.Start:f.End], f.Figure, f.Range)
	}
	// Output:
	// "$2 billion" → USD 2000000000 range=true
	// "$3 billion" → USD 3000000000 range=true
	// "$10 million" → USD 10000000 range=true
}

func ExampleAmount_Compact() {
	for _, a := range []pledge.Amount{
		pledge.MustAmount("2300000000", "USD"),
		pledge.MustAmount("150000000", "USD"),
		pledge.MustAmount("520000000000", "KRW"),
		pledge.MustAmount("2345000000", "USD"),
	} {
		fmt.Printf("%-20s | %s\n", a.Compact(language.English), a.Compact(language.Korean))
	}
	// Output:
	// $2.3 billion         | 23억 달러
	// $150 million         | 1억 5천만 달러
	// ₩520 billion         | 5,200억 원
	// about $2.35 billion  | 약 23억 5천만 달러
}

func ExampleAmount_Format() {
	a := pledge.MustAmount("2300000000", "USD")
	for _, tag := range []string{"en", "ko", "de", "hi"} {
		// German puts a no-break space before the symbol.
		fmt.Println(strings.ReplaceAll(a.Format(language.MustParse(tag)), "\u00a0", " "))
	}
	fmt.Println(pledge.MustAmount("520000000000", "KRW").Format(language.Korean))
	// A fraction gets the minor units, or every digit it has.
	fmt.Println(strings.ReplaceAll(pledge.MustAmount("1234.5", "EUR").Format(language.German), "\u00a0", " "))
	fmt.Println(pledge.MustAmount("1234.5678", "USD").Format(language.English))
	// Output:
	// $2,300,000,000
	// US$2,300,000,000
	// 2.300.000.000 $
	// $2,30,00,00,000
	// ₩520,000,000,000
	// 1.234,50 €
	// $1,234.5678
}

// Display is an amount as people read it; String is the machine form. Both
// read back.
func ExampleAmount_Display() {
	var book pledge.Book
	_ = book.Add(
		pledge.Pledge{ID: "a", Donor: "South Korea", Amount: pledge.MustAmount("2300000000", "USD")},
		pledge.Pledge{ID: "b", Donor: "South Korea", Amount: pledge.MustAmount("150000000", "USD")},
	)
	t, _ := book.Total(pledge.Query{})
	sum := t.Sum()[0]
	fmt.Println(sum.Display(), "|", sum.String())
	fmt.Println(pledge.MustAmount("1234.5", "USD").Display(), "|", pledge.MustAmount("-1000.50", "KRW").Display())
	back, _ := pledge.ParseAmount(sum.Display())
	fmt.Println(back.Equal(sum))
	// Output:
	// USD 2,450,000,000 | USD 2450000000
	// USD 1,234.50 | -KRW 1,000.5
	// true
}

func ExampleRates_Convert() {
	var r pledge.Rates
	r.MaxAge = 4 * 24 * time.Hour // a weekend and a holiday
	sept := time.Date(2023, 9, 8, 0, 0, 0, 0, time.UTC)
	if err := r.SetFrom(sept, currency.USD, currency.KRW, decimal.RequireFromString("1335.3"), "Bank of Korea"); err != nil {
		fmt.Println(err)
		return
	}
	c, err := r.Convert(pledge.MustAmount("2300000000", "USD"), currency.KRW, sept.AddDate(0, 0, 2))
	fmt.Println(c.From.Display(), "→", c.To.Display(), "at", c.Rate, "of", c.RateDate.Format(time.DateOnly), c.Source, err)
	_, err = r.Convert(pledge.MustAmount("2300000000", "USD"), currency.KRW, sept.AddDate(0, 0, 10))
	fmt.Println(err)
	_, err = r.Convert(pledge.MustAmount("520000000000", "KRW"), currency.USD, sept)
	fmt.Println(err)
	r.Inverse = 8 // won to dollars through 1/1335.3, to 8 places
	c, err = r.Convert(pledge.MustAmount("520000000000", "KRW"), currency.USD, sept)
	fmt.Println(c.To.Display(), "at", c.Rate, c.Inverse, err)
	// Output:
	// USD 2,300,000,000 → KRW 3,071,190,000,000 at 1335.3 of 2023-09-08 Bank of Korea <nil>
	// pledge: missing exchange rate: USD→KRW on 2023-09-18 (the latest, of 2023-09-08, is older than Rates.MaxAge)
	// pledge: missing exchange rate: KRW→USD on 2023-09-08 (a USD→KRW rate is there: set Rates.Inverse to derive it)
	// USD 389,428,000 at 0.0007489 true <nil>
}

func ExampleReadRates() {
	const rates = `date,base,quote,rate,source
2023-07-14,USD,KRW,1271.4,Bank of Korea
2023-09-08,USD,KRW,1335.3,Bank of Korea
`
	r, err := pledge.ReadRates(strings.NewReader(rates))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rt := range r.All() {
		fmt.Println(rt)
	}
	_, err = pledge.ReadRates(strings.NewReader("2023-09-08,USD,KRW,1335.3\n2023-09-31,USD,KRW,1300\n"))
	fmt.Println(err)
	// Output:
	// 2023-07-14 1 USD = 1271.4 KRW (Bank of Korea)
	// 2023-09-08 1 USD = 1335.3 KRW (Bank of Korea)
	// pledge: rates line 2 date: invalid value: date "2023-09-31" is not YYYY-MM-DD, or YYYY-MM or YYYY for an average
}
