// Command spreadsheet shows aid data going in and out of spreadsheets: a
// sheet in the layout of the Kiel Institute's Ukraine Support Tracker (a
// made-up sample, data/kiel-sample.csv) becomes pledge records and totals,
// and the totals, and the book itself, become CSV again, for a sheet,
// pandas or DuckDB.
//
//	go run ./examples/spreadsheet
//	go run ./examples/spreadsheet -imf imf_exchangerates_A_ENDA_USD.csv
//
// With -imf, the IMF's annual average exchange rates (the CSV of
// codeforIATI's imf-exchangerates) convert the values as the sources
// report them into US dollars.
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/imf"
)

//go:embed data/kiel-sample.csv
var kielSample string

// tracker is how the sheet's columns map onto records: the tracker's
// valuation in euros, its words for stages (Commitment, Allocation) and
// categories (Military, Financial, Humanitarian), which ParseStage and
// ParseCategory read as they are.
var tracker = pledge.Sheet{
	Donor: "donor", Category: "aid_type_general", Stage: "measure", Date: "announcement_date",
	Amount: "tot_activity_value_EUR", DefaultCurrency: "EUR",
	DefaultRecipient: "Ukraine", IDPrefix: "kiel-",
	Source: pledge.Source{Publisher: "Kiel Institute for the World Economy", Title: "Ukraine Support Tracker (layout; the rows are a made-up sample)"},
}

func main() {
	imfFile := flag.String("imf", "", "the IMF's annual average exchange rates per US dollar, as CSV, to convert the reported values into US dollars")
	flag.Parse()
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *imfFile != "" {
		f, err := os.Open(*imfFile)
		if err == nil {
			err = inDollars(os.Stdout, f)
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func run(w io.Writer) error {
	// A spreadsheet in.
	records, err := pledge.ReadCSVWith(strings.NewReader(kielSample), tracker)
	if err != nil {
		return err
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		return err
	}
	fmt.Fprintf(w, "A sheet in the Kiel tracker's layout (a made-up sample) becomes %d records.\n\n", book.Len())

	byDonor, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, byDonor)

	// Totals out, as a spreadsheet.
	byStage, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, byStage)
	fmt.Fprintln(w, "The same totals as CSV, in long form, for a sheet, pandas or DuckDB:")
	fmt.Fprintln(w)
	if err := byStage.WriteCSV(w); err != nil {
		return err
	}

	// The book itself, as a spreadsheet, and back.
	var sheet bytes.Buffer
	if err := book.WriteCSV(&sheet); err != nil {
		return err
	}
	lines := strings.SplitAfter(sheet.String(), "\n")
	fmt.Fprintf(w, "\nThe book as CSV, %d lines; the first four:\n\n%s", len(lines)-1, strings.Join(lines[:4], ""))
	back, err := pledge.ReadCSV(&sheet)
	if err != nil {
		return err
	}
	same := len(back) == book.Len()
	for i, p := range book.All() {
		same = same && p.Equal(back[i])
	}
	fmt.Fprintf(w, "Read back: %d records, the same as written: %t\n", len(back), same)

	// A sheet that writes a day before the month is never guessed at.
	typed := "donor,value,date\nSouth Korea,150000000,03/04/2023\n"
	_, err = pledge.ReadCSVWith(strings.NewReader(typed), pledge.Sheet{Donor: "donor", Amount: "value", DefaultCurrency: "USD", Date: "date"})
	fmt.Fprintf(w, "\nA date typed 03/04/2023:\n%v\n", err)
	dayFirst, err := pledge.ReadCSVWith(strings.NewReader(typed), pledge.Sheet{Donor: "donor", Amount: "value", DefaultCurrency: "USD", Date: "date", DateLayout: "02/01/2006"})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "With Sheet.DateLayout \"02/01/2006\" (day first) it is %s.\n", pledge.FormatDate(dayFirst[0].Date, dayFirst[0].DatePrecision))
	return nil
}

// inDollars reads the values as the sources report them, each in its own
// currency, and converts those of the donors that report in dollars,
// euros, pounds and yen into US dollars at the IMF's annual average of
// each record's year. Of the IMF's rows it reads those of the euro area
// (U2), the United Kingdom and Japan: countries that share a currency give
// it rates that differ in their last digits, and the reader does not pick
// one.
func inDollars(w io.Writer, imfRates io.Reader) error {
	rates := new(pledge.Rates)
	if err := imf.Read(imfRates, rates, imf.Options{Countries: []string{"U2", "GB", "JP"}}); err != nil {
		return err
	}
	rates.Inverse = 12 // the IMF gives currency per dollar: invert to 12 decimal places
	reported := tracker
	reported.Amount, reported.Currency, reported.DefaultCurrency = "source_reported_value", "reporting_currency", ""
	records, err := pledge.ReadCSVWith(strings.NewReader(kielSample), reported)
	if err != nil {
		return err
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		return err
	}
	totals, err := book.Total(pledge.Query{
		Donors:  []string{"United States", "Germany", "United Kingdom", "Japan", "South Korea"},
		GroupBy: []pledge.Dimension{pledge.ByDonor}, In: currency.USD, Rates: rates, RatePeriod: pledge.Year,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, totals)
	fmt.Fprintln(w, "Rates: "+imf.Source)
	return nil
}
