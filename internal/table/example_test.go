package table_test

import (
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/table"
)

// meetings is a small result table: two leaders, their meeting counts and a
// total.
var meetings = table.Table{
	Caption: "Meetings",
	Header:  []string{"leader", "count"},
	Align:   []table.Align{table.Left, table.Right},
	Rows:    [][]string{{"윤석열", "11"}, {"Kishida", "9"}},
	Footer:  [][]string{{"total", "20"}},
}

// Text lines the columns up by display width, so the Korean name, two
// columns per character, sits flush with the Latin one.
func ExampleTable_Text() {
	fmt.Print(meetings.Text())
	// Output:
	// Meetings
	// leader   count
	// --------------
	// 윤석열      11
	// Kishida      9
	// --------------
	// total       20
}

func ExampleTable_Markdown() {
	fmt.Print(meetings.Markdown())
	// Output:
	// **Meetings**
	//
	// | leader | count |
	// |:---|---:|
	// | 윤석열 | 11 |
	// | Kishida | 9 |
	// | **total** | **20** |
}

func ExampleTable_HTML() {
	t := table.Table{Header: []string{"donor"}, Rows: [][]string{{"<Korea & Co>"}}}
	fmt.Println(t.HTML())
	// Output:
	// <table style="border-collapse:collapse;font-family:sans-serif;font-size:14px"><thead><tr><th style="padding:2px 8px;text-align:left;border-bottom:1px solid #888;">donor</th></tr></thead><tbody><tr><td style="padding:2px 8px;text-align:left;">&lt;Korea &amp; Co&gt;</td></tr></tbody></table>
}

// Bars of different scales are drawn in panels of their own, each with an
// axis: the EUR bar is not measured against the USD ones.
func ExampleChart() {
	c := table.Chart{Title: "Pledges", Bars: []table.Bar{
		{Label: []string{"South Korea"}, Value: decimal.NewFromInt(300), Display: "USD 300", Scale: "USD"},
		{Label: []string{"Japan"}, Value: decimal.NewFromInt(150), Display: "USD 150", Scale: "USD"},
		{Label: []string{"Germany"}, Value: decimal.NewFromInt(5), Display: "EUR 5", Scale: "EUR"},
	}}
	// The title, the note, the panels' headings and the bars.
	for _, el := range regexp.MustCompile(`<text x="12"[^>]*>[^<]*</text>|<rect class="bar"[^>]*>`).FindAllString(c.SVG(), -1) {
		fmt.Println(el)
	}
	// Output:
	// <text x="12" y="26" font-size="14" font-weight="bold">Pledges</text>
	// <text x="12" y="42" font-size="12" fill="#666666">Each panel has a scale of its own: compare bars within a panel, not across panels.</text>
	// <text x="12" y="68" font-weight="bold">EUR</text>
	// <rect class="bar" x="106" y="74" width="360" height="18" fill="#4e79a7"/>
	// <text x="12" y="146" font-weight="bold">USD</text>
	// <rect class="bar" x="106" y="152" width="360" height="18" fill="#4e79a7"/>
	// <rect class="bar" x="106" y="178" width="180" height="18" fill="#4e79a7"/>
}

func ExampleGroup() {
	fmt.Println(table.Group("2300000000"))
	fmt.Println(table.Group("-1234567.891"))
	fmt.Println(table.Group("n/a"))
	// Output:
	// 2,300,000,000
	// -1,234,567.891
	// n/a
}

func ExampleCells() {
	fmt.Println(table.Cells("Yoon"), table.Cells("윤석열"), table.Cells("Shinzō"))
	// Output:
	// 4 6 6
}
