package meeting_test

import (
	"fmt"
	"os"
	"testing/fstest"

	"github.com/summitry/summitry/meeting"
)

// A report gives Lee Myung-bak 20 summits with Japan without listing them,
// and Moon Jae-in 6, the six the ledger holds; the presidential office
// counted Yoon's 11 with Kishida, informal talks included. Rank weighs the
// tallies against the meetings: each row says what ranked it.
func ExampleLedger_AddTally() {
	l := storyLedger()
	_ = l.AddLeader(meeting.Leader{ID: "kr-lee-myung-bak", Name: "Lee Myung-bak", Country: "KR", Office: "president",
		Terms: []meeting.Term{{Start: day("2008-02-25"), End: day("2013-02-24")}}})
	ytn := []meeting.Source{{Publisher: "YTN", Date: day("2023-03-16")}}
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
	err := l.AddTally(
		meeting.Tally{ID: "ytn-lee", Leader: "kr-lee-myung-bak", With: "JP", Count: 20, AsOf: day("2023-03-16"),
			Rule: "standalone summits", Sources: ytn},
		meeting.Tally{ID: "ytn-moon", Leader: "kr-moon-jae-in", With: "JP", Count: 6, AsOf: day("2023-03-16"),
			Rule: "standalone summits", Sources: ytn},
		meeting.Tally{ID: "office-yoon", Leader: "kr-yoon-suk-yeol", With: "jp-kishida-fumio", Count: 11, AsOf: day("2024-07-10"),
			Rule: "as the presidential office counts, informal talks included", Match: meeting.SameRule, As: press},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	press.To = day("2024-07-10")
	s, _ := l.Rank("KR", "JP", press)
	for _, r := range s.Rows() {
		fmt.Printf("%s. %-14s %2s  by %-6s  ledger %2d, reported %s (%s rule)\n",
			r.Place(), r.Name, r.Meetings(), r.By, r.Recorded, r.Reported.Range(), r.Match)
	}
	// Output:
	// 1. Lee Myung-bak  20  by report  ledger  0, reported 20 (unknown rule)
	// 2. Yoon Suk Yeol  11  by ledger  ledger 11, reported 11 (same rule)
	// 3. Moon Jae-in     6  by ledger  ledger  6, reported 6 (unknown rule)
}

// A count may be a range: "2..8", at least "11..", at most "..19".
func ExampleParseRange() {
	for _, s := range []string{"20", "2..8", "11..", "..19", "8..2"} {
		count, most, err := meeting.ParseRange(s)
		fmt.Println(count, most, err)
	}
	// Output:
	// 20 0 <nil>
	// 2 8 <nil>
	// 11 -1 <nil>
	// 0 19 <nil>
	// 0 0 meeting: invalid count "8..2": the most is below the least
}

// A data set is three CSV files a spreadsheet can edit; os.DirFS reads
// them from a folder. Errors name the file, the line and the column.
func ExampleReadCSV() {
	files := fstest.MapFS{
		"leaders.csv": {Data: []byte(`id,name,country,office,terms,aliases,source_publisher,source_url
kr-yoon-suk-yeol,Yoon Suk Yeol,KR,president,2022-05-10..2025-04-04,윤석열,Wikipedia,https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea
jp-kishida-fumio,Fumio Kishida,JP,prime minister,2021-10-04..2024-10-01,岸田文雄,Wikipedia,https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan
`)},
		"meetings.csv": {Data: []byte(`id,date,participants,kind,place,source_publisher,source_date
ny,2022-09-21,kr-yoon-suk-yeol; jp-kishida-fumio,pull-aside,New York,Kyodo,2022-09-22
tokyo,2023-03-16,kr-yoon-suk-yeol; jp-kishida-fumio,talks,Tokyo,Yomiuri,2023-03-16
`)},
		"tallies.csv": {Data: []byte(`id,leader,with,count,as_of,match,kinds,source_publisher
office,kr-yoon-suk-yeol,jp-kishida-fumio,2,2023-03-16,same,talks; pull-aside,Yonhap
`)},
	}
	l, err := meeting.ReadCSV(files)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range l.Meetings() {
		fmt.Println(m, m.Sources[0].Publisher)
	}
	fmt.Println(l.Tallies()[0])
	_ = l.WriteCSV(os.Stdout, os.Stdout, os.Stdout)

	files["meetings.csv"] = &fstest.MapFile{Data: []byte("id,date,participants\nm,2023-03-16,kr-yoon-suk-yeol; Kishida\n")}
	_, err = meeting.ReadCSV(files)
	fmt.Println(err)
	// Output:
	// 2022-09-21 held pull-aside kr-yoon-suk-yeol, jp-kishida-fumio (ny) Kyodo
	// 2023-03-16 held talks kr-yoon-suk-yeol, jp-kishida-fumio (tokyo) Yomiuri
	// kr-yoon-suk-yeol–jp-kishida-fumio: 2 as of 2023-03-16 (Yonhap)
	// id,name,country,office,terms,aliases,source_publisher,source_title,source_date,source_url,source_quote
	// jp-kishida-fumio,Fumio Kishida,JP,prime minister,2021-10-04..2024-10-01,岸田文雄,Wikipedia,,,https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan,
	// kr-yoon-suk-yeol,Yoon Suk Yeol,KR,president,2022-05-10..2025-04-04,윤석열,Wikipedia,,,https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea,
	// id,date,participants,kind,status,place,occasion,note,source_publisher,source_title,source_date,source_url,source_quote
	// ny,2022-09-21,kr-yoon-suk-yeol; jp-kishida-fumio,pull-aside,held,New York,,,Kyodo,,2022-09-22,,
	// tokyo,2023-03-16,kr-yoon-suk-yeol; jp-kishida-fumio,talks,held,Tokyo,,,Yomiuri,,2023-03-16,,
	// id,leader,with,count,as_of,rule,match,kinds,multilateral,note,inferred,source_publisher,source_title,source_date,source_url,source_quote
	// office,kr-yoon-suk-yeol,jp-kishida-fumio,2,2023-03-16,,same,talks; pull-aside,,,,Yonhap,,,,
	// meeting: meetings.csv line 2: meeting[0] "m": participants[1]: unknown leader ID "Kishida"
}
