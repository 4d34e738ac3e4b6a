package summitry_test

import (
	"fmt"
	"time"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/pledge"
)

// The story the library was built to tell exactly, from a July 2024 report
// on the NATO summit in Washington: South Korea's aid to Ukraine by
// category, and how many times President Yoon had met Prime Minister
// Kishida, under the rule that makes the press count.
func Example() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("2300000000", "USD"),
			Parts: []pledge.Part{{
				Amount:     pledge.MustAmount("300000000", "USD"),
				Categories: []pledge.Category{pledge.Humanitarian},
			}},
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount:     pledge.MustAmount("150000000", "USD"),
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
	for _, row := range totals.Rows() {
		fmt.Println(row.Keys[0], row.Amount.Display())
	}
	for _, sum := range totals.Sum() { // one amount per currency
		fmt.Println("total", sum.Display())
	}

	var ledger meeting.Ledger
	err = ledger.AddLeader(
		meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KOR", Office: "president", Aliases: []string{"윤석열"}},
		meeting.Leader{ID: "jp-kishida-fumio", Name: "Fumio Kishida", Country: "JP", Office: "prime minister", Aliases: []string{"岸田文雄"}},
	)
	if err != nil {
		panic(err)
	}
	dates := []string{"2022-09-21", "2022-11-13", "2023-03-16", "2023-05-07", "2023-05-21", "2023-07-12",
		"2023-08-18", "2023-09-10", "2023-11-16", "2024-05-26", "2024-07-10"}
	for i, d := range dates {
		kind := meeting.Talks
		if i == 0 {
			kind = meeting.PullAside // informal talks in New York, about 30 minutes
		}
		day, _ := time.Parse(time.DateOnly, d)
		err := ledger.AddMeeting(meeting.Meeting{
			ID: "yk-" + d, Kind: kind, Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"},
			Date: day,
		})
		if err != nil {
			panic(err)
		}
	}
	strict, _ := ledger.Count("윤석열", "岸田文雄", meeting.Rule{})
	press, _ := ledger.Count("Yoon Suk-yeol", "Fumio Kishida", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}})
	fmt.Println("formal talks:", strict, "with informal talks:", press)
	// Output:
	// humanitarian USD 300,000,000
	// humanitarian+military/non-lethal USD 150,000,000
	// unspecified USD 2,000,000,000
	// total USD 2,450,000,000
	// formal talks: 10 with informal talks: 11
}
