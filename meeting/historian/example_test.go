package historian_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
)

func ExampleReadVisits() {
	const file = `<?xml version="1.0" encoding="UTF-8"?>
<visits>
    <visit>
        <id>3305</id>
        <start-date>2024-07-10</start-date>
        <end-date>2024-07-11</end-date>
        <visitor>President Yoon Suk Yeol</visitor>
        <from id="korea-south">South Korea</from>
        <description>Attended <em>NATO</em> 75th Anniversary Summit in Washington, DC.</description>
    </visit>
</visits>`
	vs, err := historian.ReadVisits(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	v := vs[0]
	fmt.Println(v)
	fmt.Printf("%q %q %s\n", v.Title, v.Name, v.Country)
	fmt.Println(v.Description)
	// Output:
	// 3305 2024-07-10..2024-07-11 President Yoon Suk Yeol (South Korea)
	// "President" "Yoon Suk Yeol" KR
	// Attended NATO 75th Anniversary Summit in Washington, DC.
}

func ExampleReadVisits_errors() {
	const file = `<visits>
    <visit>
        <id>3157</id>
        <start-date>2023-04-31</start-date>
        <end-date>2023-04-26</end-date>
        <from id="korea-south">South Korea</from>
        <description>State Visit.</description>
    </visit>
</visits>`
	_, err := historian.ReadVisits(strings.NewReader(file))
	fmt.Println(err)
	// Output:
	// historian: 2 problems:
	// 	historian: line 4: visit 3157 start-date: invalid field: "2023-04-31" is not a date (YYYY-MM-DD)
	// 	historian: line 2: visit 3157 visitor: missing field: no <visitor>
}

func ExampleSplitVisitor() {
	for _, s := range []string{"President Yoon Suk Yeol", "Prime Minister Kishida Fumio", "Interim President Juan Guaidó", "Crown Prince Mohammed bin Salman", "Valdas Adamkus"} {
		title, name := historian.SplitVisitor(s)
		fmt.Printf("%q %q %q\n", title, name, historian.Office(title))
	}
	// Output:
	// "President" "Yoon Suk Yeol" "president"
	// "Prime Minister" "Kishida Fumio" "prime minister"
	// "Interim President" "Juan Guaidó" "president"
	// "Crown Prince" "Mohammed bin Salman" "crown prince"
	// "" "Valdas Adamkus" ""
}

func ExampleCountryCode() {
	fmt.Println(historian.CountryCode("korea-south", "South Korea"))
	fmt.Println(historian.CountryCode("czechia", "Czechia"))
	fmt.Println(historian.CountryCode("turkiye", "Türkiye"))
	fmt.Println(historian.CountryCode("russia", "U.S.S.R."))
	fmt.Printf("%q\n", historian.CountryCode("hawaii", "Hawaii"))
	// Output:
	// KR
	// CZ
	// TR
	// SU
	// ""
}

func ExampleMeetings() {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	var l meeting.Ledger
	err := l.AddLeader(
		meeting.Leader{ID: "us-biden", Name: "Joe Biden", Country: "US", Office: "president",
			Terms: []meeting.Term{{Start: day("2021-01-20"), End: day("2025-01-20")}}},
		meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KR", Office: "president",
			Terms: []meeting.Term{{Start: day("2022-05-10"), End: day("2025-04-04")}}},
		meeting.Leader{ID: "jp-kishida-fumio", Name: "Fumio Kishida", Country: "JP", Office: "prime minister",
			Terms: []meeting.Term{{Start: day("2021-10-04"), End: day("2024-10-01")}}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	visit := func(id int, visitor, countryID, label string) historian.Visit {
		title, name := historian.SplitVisitor(visitor)
		return historian.Visit{ID: id, Start: day("2024-07-10"), End: day("2024-07-11"),
			Visitor: visitor, Title: title, Name: name, CountryID: countryID, CountryLabel: label,
			Country:     historian.CountryCode(countryID, label),
			Description: "Attended NATO 75th Anniversary Summit in Washington, DC."}
	}
	ms, unresolved := historian.Meetings(&l, []historian.Visit{
		visit(3305, "President Yoon Suk Yeol", "korea-south", "South Korea"),
		visit(3294, "Prime Minister Kishida Fumio", "japan", "Japan"),
		visit(3314, "Prime Minister Keir Starmer", "united-kingdom", "United Kingdom"),
	})
	for _, m := range ms {
		fmt.Println(m, m.Occasion)
	}
	for _, u := range unresolved {
		fmt.Println("unresolved:", u)
	}
	// Output:
	// 2024-07-10 held visit jp-kishida-fumio, us-biden (oh-visit-3294) NATO Summit 2024
	// 2024-07-10 held visit kr-yoon-suk-yeol, us-biden (oh-visit-3305) NATO Summit 2024
	// unresolved: 3314 2024-07-10 Prime Minister Keir Starmer (United Kingdom): unknown leader: no leader named "Keir Starmer", and no prime minister of GB with a name like it in office on 2024-07-10
}
