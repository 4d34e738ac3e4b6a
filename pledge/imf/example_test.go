package imf_test

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/imf"
)

// A row of the IMF's annual averages, read exactly, converts a record of
// 2023 at the year's average: for a record dated by day, when the query
// asks for averages.
func Example() {
	const file = `Date,Rate,Currency,Frequency,Source,Country code,Country
2023-12-31,1305.6625,KRW,A,IMF,KR,"Korea, Republic of"
2023-12-31,36.57380811666668,UAH,A,IMF,UA,Ukraine
`
	rates, err := imf.ReadRates(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	var book pledge.Book
	err = book.Add(pledge.Pledge{
		ID: "us-ua-2023-09", Donor: "United States", Recipient: "Ukraine",
		Amount: pledge.MustAmount("300000000", "USD"),
		Date:   time.Date(2023, 9, 10, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = book.Total(pledge.Query{In: currency.KRW, Rates: rates})
	fmt.Println(err)

	totals, err := book.Total(pledge.Query{In: currency.KRW, Rates: rates, RatePeriod: pledge.Year})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(totals.Sum()[0].Display())
	c := totals.Conversions()[0].Conversion
	fmt.Println(c.Rate, c.RatePeriod, c.RateDate.Year(), c.Source)
	// Output:
	// pledge: missing exchange rate: USD→KRW on 2023-09-10 for "us-ua-2023-09" (an average for 2023 is there: Query.RatePeriod Year would use it)
	// KRW 391,698,750,000
	// 1305.6625 year 2023 Source: International Monetary Fund.
}

// Rows of countries that share a currency, and rows that name a currency
// that is not the country's, make the reader stop rather than guess;
// Options.Countries says whose rows to read.
func ExampleRead() {
	const file = `Date,Rate,Currency,Frequency,Source,Country code,Country
2023-12-31,0.9248395584706975,EUR,A,IMF,U2,Euro Area (EA)
2023-12-31,0.924709622987356,EUR,A,IMF,ME,Montenegro
2023-12-31,141.035912702189,USD,A,IMF,HT,Haiti
2023-12-31,1,USD,A,IMF,US,United States
`
	err := imf.Read(strings.NewReader(file), new(pledge.Rates), imf.Options{})
	fmt.Println(err)

	rates := new(pledge.Rates)
	err = imf.Read(strings.NewReader(file), rates, imf.Options{Countries: []string{"U2", "US"}})
	fmt.Println(err)
	for _, r := range rates.All() {
		fmt.Println(r)
	}
	// Output:
	// imf: 2 problems:
	// 	imf: row 3 (ME) Rate: conflicting rates: EUR average for 2023 is 0.924709622987356 here and 0.9248395584706975 in row 2 (U2): keep the rows of one country with Options.Countries
	// 	imf: row 4 (HT) Rate: invalid rate: one USD per USD is 1, not 141.035912702189: the Currency column does not name this country's own currency; leave the row out with Options.Countries
	// <nil>
	// 2023 average 1 USD = 0.9248395584706975 EUR (Source: International Monetary Fund.)
}
