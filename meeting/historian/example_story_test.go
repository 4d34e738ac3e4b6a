package historian_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
)

// The whole story: the Office of the Historian's records of South Korea's
// presidents in the United States since 2017 (as the published files give
// them, less their editorial fields) become meetings with the president who
// received them, and a ranking by visits. The ledger knows the two
// presidents of each country; Prime Minister Kishida, who came to the same
// NATO summit as President Yoon, is not in it, so his visit comes back
// unresolved, with the reason, rather than dropped.
func Example() {
	const file = `<visits>
  <visit><id>2959</id><start-date>2017-06-29</start-date><end-date>2017-06-30</end-date>
    <visitor>President Moon Jae-in</visitor><from id="korea">Korea, South</from>
    <description>Official Working Visit.</description></visit>
  <visit><id>2912</id><start-date>2018-05-22</start-date><end-date>2018-05-22</end-date>
    <visitor>President Moon Jae-in</visitor><from id="korea-south">Korea, South</from>
    <description>Official Working Visit.</description></visit>
  <visit><id>2925</id><start-date>2019-04-10</start-date><end-date>2019-04-11</end-date>
    <visitor>President Moon Jae-in</visitor><from id="korea-south">Korea, South</from>
    <description>Official Working Visit.</description></visit>
  <visit><id>3020</id><start-date>2021-05-21</start-date><end-date>2021-05-21</end-date>
    <visitor>President Moon Jae-in</visitor><from id="korea-south">South Korea</from>
    <description>Official Working Visit.</description></visit>
  <visit><id>3157</id><start-date>2023-04-26</start-date><end-date>2023-04-26</end-date>
    <visitor>President Yoon Suk Yeol</visitor><from id="korea-south">South Korea</from>
    <description>State Visit.</description></visit>
  <visit><id>3167</id><start-date>2023-08-18</start-date><end-date>2023-08-18</end-date>
    <visitor>President Yoon Suk Yeol</visitor><from id="korea-south">South Korea</from>
    <description>Attended Trilateral Summit at Camp David, MD.</description></visit>
  <visit><id>3204</id><start-date>2023-11-12</start-date><end-date>2023-11-17</end-date>
    <visitor>President Yoon Suk Yeol</visitor><from id="korea-south">Korea</from>
    <description>Attended the APEC Leaders' Summit at San Francisco, CA.</description></visit>
  <visit><id>3294</id><start-date>2024-07-10</start-date><end-date>2024-07-11</end-date>
    <visitor>Prime Minister Kishida Fumio</visitor><from id="japan">Japan</from>
    <description>Attended NATO 75th Anniversary Summit in Washington, DC.</description></visit>
  <visit><id>3305</id><start-date>2024-07-10</start-date><end-date>2024-07-11</end-date>
    <visitor>President Yoon Suk Yeol</visitor><from id="korea-south">South Korea</from>
    <description>Attended NATO 75th Anniversary Summit in Washington, DC.</description></visit>
</visits>`
	visits, err := historian.ReadVisits(strings.NewReader(file))
	if err != nil {
		fmt.Println(err) // names the line, the visit and the field of each problem
		return
	}

	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	term := func(start, end string) []meeting.Term { return []meeting.Term{{Start: day(start), End: day(end)}} }
	var l meeting.Ledger
	err = l.AddLeader(
		meeting.Leader{ID: "us-trump-donald", Name: "Donald Trump", Country: "US", Office: "president",
			Terms: term("2017-01-20", "2021-01-20")},
		meeting.Leader{ID: "us-biden-joe", Name: "Joe Biden", Country: "US", Office: "president",
			Terms: term("2021-01-20", "2025-01-20")},
		meeting.Leader{ID: "kr-moon-jae-in", Name: "Moon Jae-in", Country: "KR", Office: "president",
			Terms: term("2017-05-10", "2022-05-09")},
		meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KR", Office: "president",
			Terms: term("2022-05-10", "2025-04-04")},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	unresolved, err := historian.Add(&l, visits)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range unresolved {
		fmt.Println("unresolved:", u)
	}

	visitsOnly := meeting.Rule{Kinds: []meeting.Kind{meeting.Visit}}
	for _, pair := range [][2]string{{"Moon Jae-in", "Donald Trump"}, {"Moon Jae-in", "Joe Biden"}, {"Yoon Suk Yeol", "Joe Biden"}} {
		n, _ := l.Count(pair[0], pair[1], visitsOnly)
		fmt.Printf("%s received by %s: %d\n", pair[0], pair[1], n)
	}
	standings, err := l.Rank("KR", "US", visitsOnly)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range standings.Rows() {
		fmt.Printf("%d. %s: %d visits in %s years in office, %s a year\n",
			s.Rank, s.Leader.Name, s.Count, s.YearsInOffice.StringFixed(2), s.PerYear.StringFixed(2))
	}
	// Output:
	// unresolved: 3294 2024-07-10 Prime Minister Kishida Fumio (Japan): unknown leader: no leader named "Kishida Fumio", and no prime minister of JP with a name like it in office on 2024-07-10
	// Moon Jae-in received by Donald Trump: 3
	// Moon Jae-in received by Joe Biden: 1
	// Yoon Suk Yeol received by Joe Biden: 4
	// 1. Moon Jae-in: 4 visits in 5.00 years in office, 0.80 a year
	// 1. Yoon Suk Yeol: 4 visits in 2.17 years in office, 1.84 a year
}
