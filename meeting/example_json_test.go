package meeting_test

import (
	"encoding/json"
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
