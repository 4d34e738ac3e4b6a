package pledge_test

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// A book's CSV has a row per record, and a row per part and per source
// after it; every record is written, revised ones too.
func ExampleBook_WriteCSV() {
	var book pledge.Book
	err := book.Add(pledge.Pledge{
		ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
		Amount: pledge.MustAmount("2300000000", "USD"), Date: date(2023, 9, 10),
		Parts:   []pledge.Part{{Amount: pledge.MustAmount("300000000", "USD"), Categories: []pledge.Category{pledge.Humanitarian}}},
		Sources: []pledge.Source{{Publisher: "Yonhap", Date: date(2023, 9, 10)}},
	}, pledge.Pledge{
		ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
		Amount: pledge.MustAmount("150000000", "USD"), Date: date(2023, 7, 1), DatePrecision: pledge.Month,
		Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := book.WriteCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote
	// kr-ua-2023-g20,pledge,South Korea,Ukraine,2300000000,USD,,2023-09-10,pledged,,,,,,,,,,
	// kr-ua-2023-g20,part,,,300000000,USD,,,,humanitarian,,,,,,,,,
	// kr-ua-2023-g20,source,,,,,,2023-09-10,,,,,,,,Yonhap,,,
	// kr-ua-2023-07,pledge,South Korea,Ukraine,150000000,USD,,2023-07,pledged,humanitarian+military/non-lethal,,,,,,,,,
}

// A file for a spreadsheet program guards text that would run as a
// formula, quotes every cell and starts with a byte-order mark; amounts
// stay numbers. It is for people to open, not to read back.
func ExampleBook_WriteCSVWith() {
	var book pledge.Book
	err := book.Add(pledge.Pledge{
		ID: "x-1", Donor: `=HYPERLINK("https://evil.example/","Details")`, Recipient: "Ukraine",
		Amount: pledge.MustAmount("150000000", "USD"), Note: "-2+3",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var out strings.Builder
	if err := book.WriteCSVWith(&out, pledge.CSVOptions{Spreadsheet: true}); err != nil {
		fmt.Println(err)
	}
	file, bom := strings.CutPrefix(out.String(), "\uFEFF")
	fmt.Println("byte-order mark:", bom)
	for line := range strings.SplitSeq(strings.TrimSuffix(file, "\r\n"), "\r\n") {
		fmt.Println(line)
	}
	// Output:
	// byte-order mark: true
	// "id","kind","donor","recipient","amount","currency","qualifier","date","stage","category","year","occasion","revises","under","note","publisher","title","url","quote"
	// "x-1","pledge","'=HYPERLINK(""https://evil.example/"",""Details"")","Ukraine","150000000","USD","","","pledged","","","","","","'-2+3","","","",""
}

// ReadCSV takes the book's layout, and a sheet typed by hand in it:
// columns in any order, some left out, a stage as people write it.
func ExampleReadCSV() {
	const sheet = `id,donor,amount,currency,stage,date
kr-1,South Korea,150000000,USD,Commitment,2023-07
kr-2,South Korea,300O00000,USD,,2023-09-10
`
	_, err := pledge.ReadCSV(strings.NewReader(sheet))
	fmt.Println(err)

	records, err := pledge.ReadCSV(strings.NewReader(strings.Replace(sheet, "300O", "3000", 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range records {
		fmt.Println(p.ID, p.Amount, p.Stage, pledge.FormatDate(p.Date, p.DatePrecision))
	}
	// Output:
	// pledge (row 3) "kr-2" amount: invalid amount "300O00000": unexpected "O"
	// kr-1 USD 150000000 committed 2023-07
	// kr-2 USD 300000000 pledged 2023-09-10
}

// A sheet in the layout of the Kiel Institute's Ukraine Support Tracker
// (these rows are made up) becomes records, and totals.
func ExampleReadCSVWith() {
	const kiel = `donor,aid_type_general,measure,announcement_date,reporting_currency,source_reported_value,tot_activity_value_EUR
United States,Military,Allocation,2022-03-12,USD,200000000,182600000
Germany,Humanitarian,Commitment,2022-04-05,EUR,25000000,25000000
South Korea,Humanitarian,Commitment,2022-03-01,KRW,12000000000,8900000
`
	records, err := pledge.ReadCSVWith(strings.NewReader(kiel), pledge.Sheet{
		Donor: "donor", Category: "aid_type_general", Stage: "measure", Date: "announcement_date",
		Amount: "tot_activity_value_EUR", DefaultCurrency: "EUR", DefaultRecipient: "Ukraine", IDPrefix: "kiel-",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		fmt.Println(err)
		return
	}
	totals, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	fmt.Print(totals)
	// Output:
	// Totals: all stages; by stage, category
	// stage      category      currency       amount  records
	// -------------------------------------------------------
	// committed  humanitarian  EUR        33,900,000        2
	// allocated  military      EUR       182,600,000        1
	// -------------------------------------------------------
	// total                    EUR       216,500,000        3
}

// Totals go out in long form: a column per dimension, then the currency,
// the exact amount, its qualifier and the number of records.
func ExampleTotals_WriteCSV() {
	var book pledge.Book
	err := book.Add(koreaUkraine()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	totals, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}})
	if err := totals.WriteCSV(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// donor,category,currency,amount,qualifier,records
	// South Korea,humanitarian,USD,300000000,,1
	// South Korea,humanitarian+military/non-lethal,USD,150000000,,1
	// South Korea,unspecified,USD,2000000000,,1
}

// With Query.RatePeriod a total converts records dated by day at an
// average for their year, such as the IMF's; by default it uses the rate
// of the day, and never an average in its place.
func ExampleQuery_ratePeriod() {
	var rates pledge.Rates
	if err := rates.SetAverageFrom(date(2023, 12, 31), pledge.Year, currency.USD, currency.KRW, rateDec("1305.6625"), "IMF"); err != nil {
		fmt.Println(err)
		return
	}
	var book pledge.Book
	if err := book.Add(pledge.Pledge{ID: "us-1", Donor: "United States", Amount: pledge.MustAmount("1000000", "USD"), Date: date(2023, 9, 10)}); err != nil {
		fmt.Println(err)
		return
	}
	_, err := book.Total(pledge.Query{In: currency.KRW, Rates: &rates})
	fmt.Println(err)
	totals, err := book.Total(pledge.Query{In: currency.KRW, Rates: &rates, RatePeriod: pledge.Year})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := totals.Conversions()[0].Conversion
	fmt.Println(totals.Sum()[0].Display(), "at", c.Rate, "the", c.RatePeriod, "average of", c.RateDate.Year())
	// Output:
	// pledge: missing exchange rate: USD→KRW on 2023-09-10 for "us-1" (an average for 2023 is there: Query.RatePeriod Year would use it)
	// KRW 1,305,662,500 at 1305.6625 the year average of 2023
}
