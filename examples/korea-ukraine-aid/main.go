// Command korea-ukraine-aid builds a pledge book from a July 2024 news report
// on South Korea's aid to Ukraine and prints its totals: the whole, by
// category, what changes when a more detailed source restates a pledge, and
// where the money stands once the 2024 budget and the aid paid in 2022 are
// recorded. Facts are kept as the reports give them: a month or a year where
// a report gives no day, "about" and "more than" where it gives no exact
// figure.
//
//	go run ./examples/korea-ukraine-aid
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// month is the first day of a month, for a record whose source gives only
// the month (DatePrecision Month).
func month(y int, m time.Month) time.Time { return date(y, m, 1) }

// report is the July 2024 article this program retells: the figures it gives
// are recorded exactly as it gives them, and nothing it leaves out is made up.
var report = pledge.Source{
	Publisher: "news report on the NATO summit in Washington",
	Date:      date(2024, 7, 10),
	Quote: "South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, " +
		"including $300 million in humanitarian aid; in July 2023 it pledged $150 million in humanitarian " +
		"and non-lethal military aid.",
}

// fromTheReport are the two pledges as the report tells them. It dates both
// by month ("in July 2023", "in September 2023"), so they are recorded by
// month: no day is made up.
func fromTheReport() []pledge.Pledge {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	return []pledge.Pledge{
		{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("150000000"), Stage: pledge.Pledged,
			Date: month(2023, time.July), DatePrecision: pledge.Month,
			// One amount for two purposes: kept undivided, never split by guess.
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
			Sources:    []pledge.Source{report},
			Note:       "The report gives the month, not the day, and no split between the two categories.",
		},
		{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("2300000000"), Stage: pledge.Pledged,
			Date: month(2023, time.September), DatePrecision: pledge.Month, Occasion: "G20 Summit 2023",
			// Only the humanitarian share is itemised; the rest stays unspecified.
			Parts:   []pledge.Part{{Amount: usd("300000000"), Categories: []pledge.Category{pledge.Humanitarian}}},
			Sources: []pledge.Source{report},
		},
	}
}

// detailed restates the G20 package as the Korea Times reported it on the
// day: $300 million in 2024 through international organisations, and $2
// billion in low-interest loans from the Economic Development Cooperation
// Fund from 2025.
func detailed() pledge.Pledge {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	return pledge.Pledge{
		ID: "kr-ua-2023-g20-detail", Revises: "kr-ua-2023-g20",
		Donor: "South Korea", Recipient: "Ukraine",
		Amount: usd("2300000000"), Stage: pledge.Pledged,
		Date: date(2023, 9, 10), Occasion: "G20 Summit 2023",
		Parts: []pledge.Part{
			{Amount: usd("300000000"), Categories: []pledge.Category{pledge.Humanitarian}, Year: 2024,
				Note: "humanitarian aid, grants and funds at the World Bank and EBRD"},
			{Amount: usd("2000000000"), Categories: []pledge.Category{pledge.FinancialLoan}, Year: 2025,
				Note: "EDCF low-interest loans from 2025"},
		},
		Sources: []pledge.Source{{
			Publisher: "The Korea Times",
			Title:     "Seoul pledges $2.3 bil. in aid to help rebuild Ukraine",
			URL:       "https://m.koreatimes.co.kr/pages/article.amp.asp?newsIdx=358855",
			Date:      date(2023, 9, 10),
		}},
	}
}

// later are two facts from other reports: the 2024 budget earmarks "more
// than $200 million" for humanitarian aid, the first of the G20 package's
// $300 million for 2024 (Allocated, under the package, kept as a bound);
// and South Korea paid $100 million in humanitarian aid in 2022, a report
// says, giving the year only.
func later() []pledge.Pledge {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	return []pledge.Pledge{
		{
			ID: "kr-ua-2024-budget", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("200000000"), Qualifier: pledge.MoreThan, Stage: pledge.Allocated,
			Under: "kr-ua-2023-g20", Date: date(2023, 8, 29),
			Categories: []pledge.Category{pledge.Humanitarian},
			Sources: []pledge.Source{{
				Publisher: "Reuters, as reported by Babel",
				URL:       "https://babel.ua/en/news/97885-south-korea-allocated-record-aid-to-ukraine",
				Date:      date(2023, 8, 29),
				Quote: "South Korea has announced financial assistance to Ukraine next year for 520 billion won ($393 million)... " +
					"the aid package includes $100 million for reconstruction, more than $200 million for humanitarian aid " +
					"and another $100 million through international organizations.",
			}},
			Note: "The 2024 budget line for humanitarian aid, the first of the G20 package's $300 million for 2024.",
		},
		{
			ID: "kr-ua-2022-paid", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("100000000"), Stage: pledge.Disbursed,
			Date: date(2022, 1, 1), DatePrecision: pledge.Year,
			Categories: []pledge.Category{pledge.Humanitarian},
			Sources: []pledge.Source{{
				Publisher: "Yonhap",
				Date:      date(2024, 7, 11),
				Quote:     "South Korea provided $100 million in humanitarian aid to Ukraine in 2022.",
			}},
		},
	}
}

// budget is the whole 2024 budget plan for Ukraine as the reports give it
// in dollars, their own conversions of 520 billion won (Yonhap gives the
// won: 260 billion of it humanitarian): "some 400 million U.S. dollars"
// (KBS World), of which "$100 million for reconstruction, more than $200
// million for humanitarian aid and another $100 million through
// international organizations" (Reuters). It is kept in a book of its own:
// how much of it is the G20 package's $300 million for 2024 no report
// says, so it is not put under the package.
func budget() pledge.Pledge {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	return pledge.Pledge{
		ID: "kr-ua-2024-budget-plan", Donor: "South Korea", Recipient: "Ukraine",
		Amount: usd("400000000"), Qualifier: pledge.Approximately, Stage: pledge.Allocated,
		Date: date(2024, 1, 1), DatePrecision: pledge.Year,
		Parts: []pledge.Part{
			{Amount: usd("200000000"), Qualifier: pledge.MoreThan, Categories: []pledge.Category{pledge.Humanitarian}},
			{Amount: usd("100000000"), Categories: []pledge.Category{pledge.Reconstruction}},
		},
		Sources: []pledge.Source{
			{
				Publisher: "KBS World",
				URL:       "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=180119",
				Date:      date(2023, 8, 25),
			},
			{
				Publisher: "Yonhap",
				URL:       "https://en.yna.co.kr/view/AEN20230829004600325",
				Date:      date(2023, 8, 29),
			},
			{
				Publisher: "Reuters, as reported by Babel",
				URL:       "https://babel.ua/en/news/97885-south-korea-allocated-record-aid-to-ukraine",
				Date:      date(2023, 8, 29),
			},
		},
		Note: "The 2024 budget plan: 520 billion won for Ukraine (Yonhap). The dollar figures are the reports' " +
			"conversions of the won: some $400 million (KBS World), $100 million for reconstruction and more than " +
			"$200 million for humanitarian aid (Reuters). The rest, $100 million through international " +
			"organisations by Reuters' count, has no purpose given.",
	}
}

// display writes a total, one amount per currency, as people read it:
// "USD 2,450,000,000".
func display(sum []pledge.Amount) string {
	parts := make([]string, len(sum))
	for i, a := range sum {
		parts[i] = a.Display()
	}
	return strings.Join(parts, " and ")
}

func run(w io.Writer) error {
	var book pledge.Book
	if err := book.Add(fromTheReport()...); err != nil {
		return err
	}

	all, err := book.Total(pledge.Query{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "South Korea's pledges to Ukraine, as the report gives them: %s\n\n", display(all.Sum()))

	byCategory, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, byCategory)

	humanitarian, err := book.Total(pledge.Query{Categories: []pledge.Category{pledge.Humanitarian}, GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		return err
	}
	// The undivided amount is kept under its joined key, never passed off
	// as humanitarian alone.
	var shared []string
	for _, r := range humanitarian.Rows() {
		if r.Keys[0] != string(pledge.Humanitarian) {
			shared = append(shared, fmt.Sprintf("%s is undivided %s", r.Amount.Display(), r.Keys[0]))
		}
	}
	fmt.Fprintf(w, "Within humanitarian: %s (of which %s)\n\n", display(humanitarian.Sum()), strings.Join(shared, "; "))

	// A more detailed source restates the G20 package. The restatement
	// replaces the original in every total; the original stays as history.
	if err := book.Add(detailed()); err != nil {
		return err
	}
	byYear, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByCategory}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "After the Korea Times detail restates the G20 package:")
	fmt.Fprintln(w, byYear)
	fmt.Fprintf(w, "History of kr-ua-2023-g20: %d records, the latest counts.\n\n", len(book.History("kr-ua-2023-g20")))

	// Where the money stands: each row is money that went no further, so
	// the rows add up to all that was pledged. The budget's "more than $200
	// million" takes up the package's humanitarian share, leaving "less
	// than $100 million" of it only pledged.
	if err := book.Add(later()...); err != nil {
		return err
	}
	stages, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Where the money stands, with the 2024 budget and the aid paid in 2022:")
	fmt.Fprintln(w, stages)
	for _, r := range stages.Rows() {
		fmt.Fprintf(w, "%s %s: %s\n", r.Keys[0], r.Keys[1], r.Figure().Compact(language.English))
	}

	// The whole 2024 budget plan, as the reports give it in dollars: about
	// $400 million with two shares itemised. What the shares leave is
	// bounded neither way, since "about" meets "more than".
	var plan pledge.Book
	if err := plan.Add(budget()); err != nil {
		return err
	}
	planTotals, err := plan.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nThe 2024 budget plan for Ukraine, in the reports' dollars (a book of its own):")
	fmt.Fprintln(w, planTotals)
	for _, f := range planTotals.Figures() {
		fmt.Fprintf(w, "In all: %s\n", f.Compact(language.English))
	}
	return nil
}
