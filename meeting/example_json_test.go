package meeting_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/summitry/summitry/meeting"
)

// printJSON prints v's JSON on one line, or the error of marshalling it.
func printJSON(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))
}

// A rule writes the kinds and statuses it counts, each once in their
// defined order, its defaults made explicit and an open end of its window
// null: the strict count, and the press's count of Yoon's meetings from
// his first day in office.
func ExampleRule_MarshalJSON() {
	printJSON(meeting.Rule{})
	printJSON(meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside, meeting.Talks, meeting.PullAside}, From: day("2022-05-10")})
	// Output:
	// {"kinds":["talks"],"statuses":["held"],"from":null,"to":null,"multilateral":false}
	// {"kinds":["talks","pull-aside"],"statuses":["held"],"from":"2022-05-10","to":null,"multilateral":false}
}

// A pair count names each leader by ID, name and country: Yoon and
// Kishida's held talks and pull-asides to 10 July 2024.
func ExamplePairCount_MarshalJSON() {
	l := storyLedger()
	pairs := l.Pairs(meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2024-07-10")})
	printJSON(pairs.Rows()[0])
	// Output:
	// {"a":{"id":"jp-kishida-fumio","name":"Fumio Kishida","country":"JP"},"b":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":11}
}

// Pair counts as a service would send them: the rule spelled out, each
// leader by ID, name and country. Under an invalid rule there are no
// rows, the rule is null and "error" says why.
func ExamplePairCounts_MarshalJSON() {
	l := storyLedger()
	printJSON(l.Pairs(meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2024-07-10")}))
	printJSON(l.Pairs(meeting.Rule{From: day("2024-07-10"), To: day("2022-05-10")}))
	// Output:
	// {"rule":{"kinds":["talks","pull-aside"],"statuses":["held"],"from":null,"to":"2024-07-10","multilateral":false},"rows":[{"a":{"id":"jp-kishida-fumio","name":"Fumio Kishida","country":"JP"},"b":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":11},{"a":{"id":"kr-moon-jae-in","name":"Moon Jae-in","country":"KR"},"b":{"id":"jp-abe-shinzo","name":"Shinzo Abe","country":"JP"},"count":6}]}
	// {"rule":null,"rows":[],"error":"meeting: invalid rule: From 2024-07-10 is after To 2022-05-10"}
}

// A ledger's JSON, as ReadLedger reads it back: Yoon Suk Yeol and Fumio
// Kishida, their talks at the NATO summit of July 2024 and the count the
// presidential office gave two months later, each record as the sourced
// Korea–Japan data set holds it.
func ExampleLedger_WriteJSON() {
	data := sourcedLedger()
	var l meeting.Ledger
	for _, name := range []string{"Yoon Suk Yeol", "Fumio Kishida"} {
		ld, err := data.Leader(name)
		if err == nil {
			err = l.AddLeader(ld)
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	m, _ := data.Meeting("kr-jp-2024-07-10")
	t, _ := data.Tally("newsis-2024-09-05-yoon")
	if err := l.AddMeeting(m); err != nil {
		fmt.Println(err)
		return
	}
	if err := l.AddTally(t); err != nil {
		fmt.Println(err)
		return
	}
	if err := l.WriteJSON(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "leaders": [
	//     {
	//       "id": "jp-kishida-fumio",
	//       "name": "Fumio Kishida",
	//       "country": "JP",
	//       "office": "prime minister",
	//       "terms": [
	//         {
	//           "start": "2021-10-04",
	//           "end": "2024-10-01"
	//         }
	//       ],
	//       "aliases": [
	//         "Kishida Fumio",
	//         "岸田文雄",
	//         "기시다 후미오"
	//       ],
	//       "sources": [
	//         {
	//           "publisher": "Wikipedia",
	//           "title": "List of prime ministers of Japan",
	//           "url": "https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan"
	//         },
	//         {
	//           "publisher": "Prime Minister's Office of Japan",
	//           "title": "歴代内閣",
	//           "url": "https://www.kantei.go.jp/jp/rekidainaikaku/index.html"
	//         }
	//       ]
	//     },
	//     {
	//       "id": "kr-yoon-suk-yeol",
	//       "name": "Yoon Suk Yeol",
	//       "country": "KR",
	//       "office": "president",
	//       "terms": [
	//         {
	//           "start": "2022-05-10",
	//           "end": "2025-04-04"
	//         }
	//       ],
	//       "aliases": [
	//         "Yoon Suk-yeol",
	//         "윤석열"
	//       ],
	//       "sources": [
	//         {
	//           "publisher": "Wikipedia",
	//           "title": "List of presidents of South Korea",
	//           "url": "https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea"
	//         },
	//         {
	//           "publisher": "Office of the President of the Republic of Korea",
	//           "url": "https://www.president.go.kr"
	//         },
	//         {
	//           "publisher": "Devdiscourse",
	//           "title": "South Korea's Political Turmoil: President Yoon Impeached",
	//           "url": "https://www.devdiscourse.com/article/politics/3194013-south-koreas-political-turmoil-president-yoon-impeached",
	//           "date": "2024-12-14"
	//         },
	//         {
	//           "publisher": "RTTNews (dpa-AFX), on finanznachrichten.de",
	//           "url": "https://www.finanznachrichten.de/nachrichten-2025-04/65029922-south-korea-s-impeached-president-removed-from-office-020.htm",
	//           "date": "2025-04-04"
	//         }
	//       ]
	//     }
	//   ],
	//   "meetings": [
	//     {
	//       "id": "kr-jp-2024-07-10",
	//       "date": "2024-07-10",
	//       "participants": [
	//         "kr-yoon-suk-yeol",
	//         "jp-kishida-fumio"
	//       ],
	//       "kind": "talks",
	//       "status": "held",
	//       "place": "Washington, D.C.",
	//       "occasion": "NATO Summit 2024",
	//       "sources": [
	//         {
	//           "publisher": "KBS World",
	//           "title": "Yoon Holds Series of Summit Talks with Leaders of 7 Nations",
	//           "url": "http://world.kbs.co.kr/service/news_view.htm?lang=e\u0026Seq_Code=186605",
	//           "date": "2024-07-11"
	//         },
	//         {
	//           "publisher": "Asia News Network (The Japan News)",
	//           "title": "PM Kishida, President Yoon meet on sidelines of NATO summit, discuss concern over Russia-NK ties",
	//           "url": "https://asianews.network/pm-kishida-president-yoon-meet-on-sidelines-of-nato-summit-discuss-concern-over-russia-nk-ties",
	//           "date": "2024-07-12"
	//         }
	//       ],
	//       "note": "about 35 minutes"
	//     }
	//   ],
	//   "tallies": [
	//     {
	//       "id": "newsis-2024-09-05-yoon",
	//       "leader": "kr-yoon-suk-yeol",
	//       "with": "jp-kishida-fumio",
	//       "count": "11",
	//       "as_of": "2024-09-05",
	//       "rule": "summits as the presidential office counts them, from the informal talks in New York of 21 September 2022",
	//       "match": "same",
	//       "kinds": [
	//         "talks",
	//         "pull-aside"
	//       ],
	//       "sources": [
	//         {
	//           "publisher": "Newsis",
	//           "title": "퇴임 앞둔 기시다 방한…12번째 정상회담",
	//           "url": "https://mobile.newsis.com/view_amp.html?ar_id=NISX20240905_0002877656",
	//           "date": "2024-09-05"
	//         },
	//         {
	//           "publisher": "NewDaily",
	//           "title": "尹, 기시다와 12번째 정상회담",
	//           "url": "https://www.newdaily.co.kr/site/data/html/2024/09/02/2024090200297.html",
	//           "date": "2024-09-02"
	//         }
	//       ],
	//       "note": "eleven summits since New York, the next day's to be the twelfth"
	//     }
	//   ]
	// }
}

// A leader as a ledger's "leaders" hold it, from the sourced Korea–Japan
// data set.
func ExampleLeader_MarshalJSON() {
	ld, err := sourcedLedger().Leader("Yoon Suk Yeol")
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(ld)
	// Output:
	// {"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR","office":"president","terms":[{"start":"2022-05-10","end":"2025-04-04"}],"aliases":["Yoon Suk-yeol","윤석열"],"sources":[{"publisher":"Wikipedia","title":"List of presidents of South Korea","url":"https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea"},{"publisher":"Office of the President of the Republic of Korea","url":"https://www.president.go.kr"},{"publisher":"Devdiscourse","title":"South Korea's Political Turmoil: President Yoon Impeached","url":"https://www.devdiscourse.com/article/politics/3194013-south-koreas-political-turmoil-president-yoon-impeached","date":"2024-12-14"},{"publisher":"RTTNews (dpa-AFX), on finanznachrichten.de","url":"https://www.finanznachrichten.de/nachrichten-2025-04/65029922-south-korea-s-impeached-president-removed-from-office-020.htm","date":"2025-04-04"}]}
}

// A term ends on the day the next holder took office, or on the day of a
// removal; "end" is left out while the leader is in office.
func ExampleTerm_MarshalJSON() {
	l := sourcedLedger()
	for _, name := range []string{"Yoon Suk Yeol", "Lee Jae-myung"} {
		ld, err := l.Leader(name)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, term := range ld.Terms {
			printJSON(term)
		}
	}
	// Output:
	// {"start":"2022-05-10","end":"2025-04-04"}
	// {"start":"2025-06-04"}
}

// A meeting as a ledger's "meetings" hold it: Yoon's schedule of 10 July
// 2024 in the sourced Korea–Japan data set, which records only his
// meetings with Japan's prime ministers.
func ExampleMeeting_MarshalJSON() {
	ms, err := sourcedLedger().Schedule("Yoon Suk Yeol", day("2024-07-10"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		printJSON(m)
	}
	// Output:
	// {"id":"kr-jp-2024-07-10","date":"2024-07-10","participants":["kr-yoon-suk-yeol","jp-kishida-fumio"],"kind":"talks","status":"held","place":"Washington, D.C.","occasion":"NATO Summit 2024","sources":[{"publisher":"KBS World","title":"Yoon Holds Series of Summit Talks with Leaders of 7 Nations","url":"http://world.kbs.co.kr/service/news_view.htm?lang=e\u0026Seq_Code=186605","date":"2024-07-11"},{"publisher":"Asia News Network (The Japan News)","title":"PM Kishida, President Yoon meet on sidelines of NATO summit, discuss concern over Russia-NK ties","url":"https://asianews.network/pm-kishida-president-yoon-meet-on-sidelines-of-nato-summit-discuss-concern-over-russia-nk-ties","date":"2024-07-12"}],"note":"about 35 minutes"}
}

// Sources as a ledger's records hold them, empty fields left out: the two
// of Moon Jae-in and Shinzo Abe's summit in New York in the sourced
// Korea–Japan data set, Japan's foreign ministry's page giving no date.
func ExampleSource_MarshalJSON() {
	m, _ := sourcedLedger().Meeting("kr-jp-2018-09-25")
	for _, src := range m.Sources {
		printJSON(src)
	}
	// Output:
	// {"publisher":"Ministry of Foreign Affairs of Japan","title":"日韓首脳会談","url":"https://www.mofa.go.jp/mofaj/a_o/na/kr/page4_004357.html"}
	// {"publisher":"Yonhap","title":"(2nd LD) Leaders of S. Korea, Japan hold summit on bilateral ties, N. Korea","url":"https://en.yna.co.kr/view/AEN20180926000252315","date":"2018-09-26"}
}

// Tallies as a ledger's "tallies" hold them, each count as text: in the
// sourced Korea–Japan data set, Lee Myung-bak's 20 summits by a rule
// known only in words, Roh Moo-hyun's at most 19, inferred from that
// report, and Yoon's 11 with Kishida as the presidential office counted
// them, held talks and pull-asides.
func ExampleTally_MarshalJSON() {
	l := sourcedLedger()
	for _, id := range []string{"ytn-2023-lee-myung-bak", "ytn-2023-roh-moo-hyun", "newsis-2024-09-05-yoon"} {
		t, _ := l.Tally(id)
		printJSON(t)
	}
	// Output:
	// {"id":"ytn-2023-lee-myung-bak","leader":"kr-lee-myung-bak","with":"JP","count":"20","as_of":"2023-03-16","rule":"standalone summits (단독 정상회담) since 1965, from foreign ministry data as YTN analysed it","match":"unknown","sources":[{"publisher":"YTN","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://www.youtube.com/watch?v=SIVAgBU-pks","date":"2023-03-16"},{"publisher":"krtube.net (transcript of the YTN report)","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://krtube.net/view/SIVAgBU-pks.html"}],"note":"the most of any government, YTN says"}
	// {"id":"ytn-2023-roh-moo-hyun","leader":"kr-roh-moo-hyun","with":"JP","count":"..19","as_of":"2023-03-16","rule":"standalone summits (단독 정상회담) since 1965, from foreign ministry data as YTN analysed it","match":"unknown","sources":[{"publisher":"YTN","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://www.youtube.com/watch?v=SIVAgBU-pks","date":"2023-03-16"},{"publisher":"krtube.net (transcript of the YTN report)","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://krtube.net/view/SIVAgBU-pks.html"}],"note":"YTN gives no figure for Roh Moo-hyun; it says Lee Myung-bak's 20 were the most of any government, so Roh's were at most 19","inferred":true}
	// {"id":"newsis-2024-09-05-yoon","leader":"kr-yoon-suk-yeol","with":"jp-kishida-fumio","count":"11","as_of":"2024-09-05","rule":"summits as the presidential office counts them, from the informal talks in New York of 21 September 2022","match":"same","kinds":["talks","pull-aside"],"sources":[{"publisher":"Newsis","title":"퇴임 앞둔 기시다 방한…12번째 정상회담","url":"https://mobile.newsis.com/view_amp.html?ar_id=NISX20240905_0002877656","date":"2024-09-05"},{"publisher":"NewDaily","title":"尹, 기시다와 12번째 정상회담","url":"https://www.newdaily.co.kr/site/data/html/2024/09/02/2024090200297.html","date":"2024-09-02"}],"note":"eleven summits since New York, the next day's to be the twelfth"}
}

// A standing's counts are numbers, null where unknown or unbounded; years
// in office and meetings a year are decimal strings, never floats. By held
// talks with Japan's prime ministers to 10 July 2024, Yoon's count is
// exact; in the sourced Korea–Japan data set, Roh Moo-hyun's is bounded
// (the 11 meetings recorded, at most the 19 a report allows) and so are
// his rates, and Syngman Rhee's is unknown, not 0.
func ExampleStanding_MarshalJSON() {
	strict := meeting.Rule{To: day("2024-07-10")}
	s, err := storyLedger().Rank("KR", "JP", strict)
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(s.Rows()[0])

	s, err = sourcedLedger().Rank("KR", "JP", strict)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range s.Rows() {
		if r.ID == "kr-roh-moo-hyun" || r.ID == "kr-syngman-rhee" {
			printJSON(r)
		}
	}
	// Output:
	// {"leader":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":10,"most":10,"rank":1,"lowest":1,"by":"ledger","recorded":10,"days_in_office":793,"years_in_office":"2.17","per_year":"4.61","most_per_year":"4.61"}
	// {"leader":{"id":"kr-roh-moo-hyun","name":"Roh Moo-hyun","country":"KR"},"count":11,"most":19,"rank":2,"lowest":3,"by":"ledger","recorded":11,"reported":{"id":"ytn-2023-roh-moo-hyun","leader":"kr-roh-moo-hyun","with":"JP","count":"..19","as_of":"2023-03-16","rule":"standalone summits (단독 정상회담) since 1965, from foreign ministry data as YTN analysed it","match":"unknown","sources":[{"publisher":"YTN","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://www.youtube.com/watch?v=SIVAgBU-pks","date":"2023-03-16"},{"publisher":"krtube.net (transcript of the YTN report)","title":"[뉴스큐] 'MB 정부' 20회...역대 한일 정상은 몇 번 만났을까? / YTN","url":"https://krtube.net/view/SIVAgBU-pks.html"}],"note":"YTN gives no figure for Roh Moo-hyun; it says Lee Myung-bak's 20 were the most of any government, so Roh's were at most 19","inferred":true},"match":"unknown","missing":0,"days_in_office":1826,"years_in_office":"5.00","per_year":"2.20","most_per_year":"3.80"}
	// {"leader":{"id":"kr-syngman-rhee","name":"Syngman Rhee","country":"KR"},"count":null,"most":null,"rank":null,"lowest":null,"by":"none","recorded":0,"days_in_office":4295,"years_in_office":"11.76","per_year":null,"most_per_year":null}
}

// Standings as a service would send them: Korea's presidents by their
// held talks with Japan's prime ministers, in the story's ledger.
func ExampleStandings_MarshalJSON() {
	s, err := storyLedger().Rank("KR", "JP", meeting.Rule{})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJSON(s)
	// Output:
	// {"country":"KR","counterpart":"JP","rule":{"kinds":["talks"],"statuses":["held"],"from":null,"to":null,"multilateral":false},"as_of":"2024-07-10","reported":false,"rows":[{"leader":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":10,"most":10,"rank":1,"lowest":1,"by":"ledger","recorded":10,"days_in_office":793,"years_in_office":"2.17","per_year":"4.61","most_per_year":"4.61"},{"leader":{"id":"kr-moon-jae-in","name":"Moon Jae-in","country":"KR"},"count":6,"most":6,"rank":2,"lowest":2,"by":"ledger","recorded":6,"days_in_office":1826,"years_in_office":"5.00","per_year":"1.20","most_per_year":"1.20"}]}
}

// A claim as a service takes it; an as-of day and a source not given are
// null.
func ExampleClaim_MarshalJSON() {
	printJSON(meeting.Claim{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: day("2024-07-10"),
		Source: meeting.Source{Publisher: "The Korea Herald", Date: day("2024-07-10")}})
	printJSON(meeting.Claim{A: "Moon Jae-in", B: "Shinzo Abe", Count: 6})
	// Output:
	// {"a":"Yoon Suk Yeol","b":"Fumio Kishida","count":11,"as_of":"2024-07-10","source":{"publisher":"The Korea Herald","date":"2024-07-10"}}
	// {"a":"Moon Jae-in","b":"Shinzo Abe","count":6,"as_of":null,"source":null}
}

// A service takes claims as JSON and answers with findings; the
// Err of a finding is its text, and reads back matching its sentinel.
func ExampleFinding_MarshalJSON() {
	l := storyLedger()
	var claims []meeting.Claim
	err := json.Unmarshal([]byte(`[
		{"a": "Yoon Suk-yeol", "b": "岸田文雄", "count": 11, "as_of": "2024-07-10",
		 "source": {"publisher": "The Korea Herald", "date": "2024-07-10"}},
		{"a": "Yoon Suk Yeol", "b": "Kishida Fumiko", "count": 11}]`), &claims)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range l.Reconcile(claims, meeting.Rule{}) {
		data, _ := json.Marshal(f)
		fmt.Println(string(data))
	}
	// Output:
	// {"claim":{"a":"Yoon Suk-yeol","b":"岸田文雄","count":11,"as_of":"2024-07-10","source":{"publisher":"The Korea Herald","date":"2024-07-10"}},"recorded":10,"missing":1}
	// {"claim":{"a":"Yoon Suk Yeol","b":"Kishida Fumiko","count":11,"as_of":null,"source":null},"recorded":null,"missing":null,"error":"meeting: unknown leader \"Kishida Fumiko\""}
}

// A counting rule from a request: defaults made explicit when written
// back, and every mistake named by its key.
func ExampleRule_UnmarshalJSON() {
	var r meeting.Rule
	err := json.Unmarshal([]byte(`{"kinds": ["talks", "Pull-Aside"], "to": "2024-07-10"}`), &r)
	fmt.Println(r, err)
	out, _ := json.Marshal(r)
	fmt.Println(string(out))

	fmt.Println(json.Unmarshal([]byte(`{"kinds": ["talks", "dinner"]}`), &r))
	fmt.Println(json.Unmarshal([]byte(`{"Statuses": ["held"]}`), &r))
	fmt.Println(json.Unmarshal([]byte("{\"statuses\": [\"held\", \"pl\xe4nned\"]}"), &r))
	// Output:
	// held talks or pull-asides between two leaders, through 2024-07-10 <nil>
	// {"kinds":["talks","pull-aside"],"statuses":["held"],"from":null,"to":"2024-07-10","multilateral":false}
	// meeting: rule: kinds[1]: invalid kind "dinner" (want talks, pull-aside, call or visit)
	// meeting: rule: Statuses: malformed JSON: unknown field "Statuses": field names are exact, want "statuses"
	// meeting: rule: statuses[1]: invalid text: "pl\xe4nned" is not valid UTF-8 at byte 2
}

// A service that reads a rule from a request body answers a bad one key
// by key: the *DecodeError says what was read, the key by its JSON path,
// why, and for bad syntax the byte offset; it still matches the sentinel
// of the reason.
func ExampleDecodeError() {
	body := []byte(`{"kinds": ["talks", "dinner"], "statuses": ["held"]}`)
	var r meeting.Rule
	err := json.Unmarshal(body, &r)

	var de *meeting.DecodeError
	if errors.As(err, &de) {
		fmt.Printf("400 %s: field %q: %v\n", de.What, de.Field, de.Err)
		fmt.Println(errors.Is(err, meeting.ErrInvalidKind))
	}

	err = r.UnmarshalJSON([]byte(`{"kinds": ["talks"],}`))
	if errors.As(err, &de) {
		fmt.Printf("400 %s: offset %d: %v\n", de.What, de.Offset, errors.Is(err, meeting.ErrSyntax))
	}
	fmt.Println(err)
	// Output:
	// 400 rule: field "kinds[1]": meeting: invalid kind "dinner" (want talks, pull-aside, call or visit)
	// true
	// 400 rule: offset 20: true
	// meeting: rule: malformed JSON: invalid character '}' looking for beginning of object key string at byte 20
}

// sourcedLedger reads the sourced Korea–Japan data set of
// examples/korea-japan: every South Korean president and Japanese prime
// minister since 1948, the summits that could be dated and the counts
// reports give, each with its sources.
func sourcedLedger() *meeting.Ledger {
	l, err := meeting.ReadCSV(os.DirFS(koreaJapanData))
	if err != nil {
		panic(err)
	}
	return l
}

// koreaJapanData is the folder of the sourced Korea–Japan data set.
const koreaJapanData = "../examples/korea-japan/data"
