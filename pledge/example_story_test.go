package pledge_test

import (
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

// The whole story, from a July 2024 report on South Korea's aid to
// Ukraine and two later facts. The report gives a $2.3 billion package
// "including $300 million in humanitarian aid" and $150 million "in
// humanitarian and non-lethal military aid", both by month: the rest of the
// package stays unspecified, the $150 million stays undivided, and no day
// is made up. Then the 2024 budget allocates "more than $200 million" of
// the package's humanitarian aid, and $100 million of humanitarian aid is
// paid in 2022, a report says, giving the year only. Every total counts
// each dollar once, and keeps what the sources leave uncertain.
func Example() {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	month := func(y int, m time.Month) time.Time { return date(y, m, 1) }
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("2300000000"), Date: month(2023, time.September), DatePrecision: pledge.Month,
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: []pledge.Category{pledge.Humanitarian}}}},
		pledge.Pledge{ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("150000000"), Date: month(2023, time.July), DatePrecision: pledge.Month,
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal}},
	)
	if err != nil {
		fmt.Println(err) // a *pledge.ValidationError naming every bad record and field
		return
	}
	byCategory, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(byCategory, "\n")

	err = book.Add(
		pledge.Pledge{ID: "kr-ua-2024-budget", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("200000000"), Qualifier: pledge.MoreThan, Stage: pledge.Allocated,
			Under: "kr-ua-2023-g20", Date: date(2023, 8, 29),
			Categories: []pledge.Category{pledge.Humanitarian}},
		pledge.Pledge{ID: "kr-ua-2022-paid", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("100000000"), Stage: pledge.Disbursed,
			Date: date(2022, 1, 1), DatePrecision: pledge.Year,
			Categories: []pledge.Category{pledge.Humanitarian}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	byStage, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(byStage, "\n")
	for _, row := range byStage.Rows() {
		fmt.Printf("%s, %s: %s\n", row.Keys[0], row.Keys[1], row.Figure().Compact(language.English))
	}
	// Output:
	// Totals: all stages; by category
	// category                          currency         amount  records
	// ------------------------------------------------------------------
	// humanitarian                      USD         300,000,000        1
	// humanitarian+military/non-lethal  USD         150,000,000        1
	// unspecified                       USD       2,000,000,000        1
	// ------------------------------------------------------------------
	// total                             USD       2,450,000,000        2
	//
	// Totals: all stages; by stage, category (> more than, < less than)
	// stage      category                          currency         amount  records
	// -----------------------------------------------------------------------------
	// pledged    humanitarian                      USD       < 100,000,000        1
	// pledged    humanitarian+military/non-lethal  USD         150,000,000        1
	// pledged    unspecified                       USD       2,000,000,000        1
	// allocated  humanitarian                      USD       > 200,000,000        1
	// disbursed  humanitarian                      USD         100,000,000        1
	// -----------------------------------------------------------------------------
	// total                                        USD       2,550,000,000        4
	//
	// pledged, humanitarian: less than $100 million
	// pledged, humanitarian+military/non-lethal: $150 million
	// pledged, unspecified: $2 billion
	// allocated, humanitarian: more than $200 million
	// disbursed, humanitarian: $100 million
}
