package pledge_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/summitry/summitry/pledge"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ExampleNewAmount() {
	a, err := pledge.NewAmount("2300000000", "USD")
	if err != nil {
		panic(err)
	}
	fmt.Println(a)
	_, err = pledge.NewAmount("2.3e9", "USD")
	fmt.Println(err)
	_, err = pledge.NewAmount("5", "DOLLARS")
	fmt.Println(err)
	// Output:
	// USD 2300000000
	// pledge: invalid amount "2.3e9": unexpected "e"
	// pledge: invalid currency "DOLLARS": want an ISO 4217 code such as USD, EUR or KRW
}

func ExampleAmount_Add() {
	a := pledge.MustAmount("0.1", "USD")
	b := pledge.MustAmount("0.2", "USD")
	sum, _ := a.Add(b)
	fmt.Println(sum) // exactly 0.3, never 0.30000000000000004

	_, err := sum.Add(pledge.MustAmount("1000", "KRW"))
	fmt.Println(err, errors.Is(err, pledge.ErrCurrencyMismatch))
	// Output:
	// USD 0.3
	// pledge: currency mismatch: USD vs KRW true
}

func ExampleCategory_Within() {
	c := pledge.MilitaryNonLethal
	fmt.Println(c.Parent(), c.Within(pledge.Military), c.Within(pledge.Humanitarian))
	// Output: military true false
}

func ExampleBook_Add() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "ok", Donor: "South Korea", Amount: pledge.MustAmount("100", "USD")},
		pledge.Pledge{
			ID: "too-much", Donor: "South Korea", Amount: pledge.MustAmount("100", "USD"),
			Parts: []pledge.Part{{Amount: pledge.MustAmount("150", "USD"), Categories: []pledge.Category{pledge.Humanitarian}}},
		},
	)
	fmt.Println(err)
	fmt.Println(errors.Is(err, pledge.ErrPartsExceed), book.Len())
	// Output:
	// pledge "too-much" parts: parts exceed the whole: parts add up to USD 150, the pledge is USD 100
	// true 0
}

// The seed story: South Korea's $2.3 billion package for Ukraine includes
// $300 million in humanitarian aid; its July 2023 pledge of $150 million is
// for humanitarian and non-lethal military aid together, with no split given.
func ExampleBook_Total() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("2300000000", "USD"), Date: date(2023, 9, 10),
			Parts: []pledge.Part{{
				Amount:     pledge.MustAmount("300000000", "USD"),
				Categories: []pledge.Category{pledge.Humanitarian},
			}},
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("150000000", "USD"), Date: date(2023, 7, 15),
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
		},
	)
	if err != nil {
		panic(err)
	}
	totals, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		panic(err)
	}
	fmt.Print(totals)
	// Output:
	// Totals: all stages; by category
	// category                          currency         amount  records
	// ------------------------------------------------------------------
	// humanitarian                      USD         300,000,000        1
	// humanitarian+military/non-lethal  USD         150,000,000        1
	// unspecified                       USD       2,000,000,000        1
	// ------------------------------------------------------------------
	// total                             USD       2,450,000,000        2
}

// The life of money: a pledge becomes a commitment, part of which is paid.
// Each stage's total counts the same money once.
func Example_stages() {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "announce", Donor: "South Korea", Amount: usd("500000000"), Stage: pledge.Pledged, Date: date(2023, 7, 15)},
		pledge.Pledge{ID: "agree", Donor: "South Korea", Amount: usd("300000000"), Stage: pledge.Committed, Under: "announce", Date: date(2023, 9, 1)},
		pledge.Pledge{ID: "pay-1", Donor: "South Korea", Amount: usd("100000000"), Stage: pledge.Disbursed, Under: "agree", Date: date(2023, 12, 1)},
		pledge.Pledge{ID: "pay-2", Donor: "South Korea", Amount: usd("50000000"), Stage: pledge.Disbursed, Under: "agree", Date: date(2024, 3, 1)},
	)
	if err != nil {
		panic(err)
	}
	for _, s := range pledge.Stages() {
		t, _ := book.Total(pledge.Query{Stage: s})
		for _, sum := range t.Sum() { // one amount per currency
			fmt.Printf("%-9s %s\n", s, sum.Display())
		}
	}
	// Output:
	// pledged   USD 500,000,000
	// committed USD 300,000,000
	// allocated USD 150,000,000
	// disbursed USD 150,000,000
}

// A restatement replaces what it restates in every total, and the history
// stays in the book.
func ExamplePledge_revises() {
	var book pledge.Book
	_ = book.Add(pledge.Pledge{ID: "first", Donor: "Japan", Amount: pledge.MustAmount("4500000000", "USD"), Date: date(2023, 2, 20)})
	_ = book.Add(pledge.Pledge{ID: "update", Donor: "Japan", Amount: pledge.MustAmount("5500000000", "USD"), Date: date(2023, 5, 20), Revises: "first"})
	t, _ := book.Total(pledge.Query{})
	fmt.Println(t.Sum()[0].Display(), len(book.History("first")))
	// Output: USD 5,500,000,000 2
}

func ExampleReadBook() {
	const data = `{"pledges": [
  {"id": "a", "donor": "South Korea", "amount": {"value": "150000000", "currency": "USD"}, "stage": "pledged"},
  {"id": "b", "donor": "South Korea", "amount": {"value": "-1", "currency": "USD"}, "stage": "pledged"}
]}`
	_, err := pledge.ReadBook(strings.NewReader(data))
	fmt.Println(err)
	// Output: pledge (line 3) "b" amount: invalid amount: USD -1 is negative; record a reduction as a revision
}

func ExampleBook_WriteJSON() {
	var book pledge.Book
	_ = book.Add(pledge.Pledge{
		ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
		Amount: pledge.MustAmount("150000000", "USD"), Date: date(2023, 7, 15),
		Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
	})
	_ = book.WriteJSON(os.Stdout)
	// Output:
	// {
	//   "pledges": [
	//     {
	//       "id": "kr-ua-2023-07",
	//       "donor": "South Korea",
	//       "recipient": "Ukraine",
	//       "amount": {
	//         "value": "150000000",
	//         "currency": "USD"
	//       },
	//       "categories": [
	//         "humanitarian",
	//         "military/non-lethal"
	//       ],
	//       "stage": "pledged",
	//       "date": "2023-07-15"
	//     }
	//   ]
	// }
}

func ExampleTotals_Markdown() {
	var book pledge.Book
	_ = book.Add(
		pledge.Pledge{ID: "a", Donor: "South Korea", Amount: pledge.MustAmount("300000000", "USD"), Categories: []pledge.Category{pledge.Humanitarian}},
		pledge.Pledge{ID: "b", Donor: "Japan", Amount: pledge.MustAmount("5500000000", "USD"), Categories: []pledge.Category{pledge.FinancialLoan}},
	)
	t, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}, Depth: 1})
	fmt.Print(t.Markdown())
	// Output:
	// **Totals: all stages; by category (depth 1)**
	//
	// | category | currency | amount | records |
	// |:---|:---|---:|---:|
	// | financial | USD | 5,500,000,000 | 1 |
	// | humanitarian | USD | 300,000,000 | 1 |
	// | **total** | **USD** | **5,800,000,000** | **2** |
}

func ExampleParseCategory() {
	c, err := pledge.ParseCategory(" Military / Non-Lethal ")
	fmt.Println(c, err)
	fmt.Println(pledge.JoinCategories([]pledge.Category{pledge.MilitaryNonLethal, pledge.Humanitarian}))
	fmt.Println(pledge.Category("Military").Check())
	// Output:
	// military/non-lethal <nil>
	// humanitarian+military/non-lethal
	// pledge: invalid category "Military": use lower case ("military")
}
