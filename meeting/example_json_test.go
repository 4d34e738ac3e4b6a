package meeting_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/summitry/summitry/meeting"
)

// Pair counts as a service would send them: the rule spelled out, each
// leader by ID, name and country.
func ExamplePairCounts_MarshalJSON() {
	l := storyLedger()
	pairs := l.Pairs(meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2024-07-10")})
	data, err := json.Marshal(pairs)
	fmt.Println(string(data), err)
	// Output:
	// {"rule":{"kinds":["talks","pull-aside"],"statuses":["held"],"from":null,"to":"2024-07-10","multilateral":false},"rows":[{"a":{"id":"jp-kishida-fumio","name":"Fumio Kishida","country":"JP"},"b":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":11},{"a":{"id":"kr-moon-jae-in","name":"Moon Jae-in","country":"KR"},"b":{"id":"jp-abe-shinzo","name":"Shinzo Abe","country":"JP"},"count":6}]} <nil>
}

// A standing's counts are numbers, null where unknown or unbounded; years
// in office and meetings a year are decimal strings, never floats.
func ExampleStanding_MarshalJSON() {
	l := storyLedger()
	s, err := l.Rank("KR", "JP", meeting.Rule{})
	if err != nil {
		fmt.Println(err)
		return
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(s.Rows()[0])
	// Output:
	// {
	//   "leader": {
	//     "id": "kr-yoon-suk-yeol",
	//     "name": "Yoon Suk Yeol",
	//     "country": "KR"
	//   },
	//   "count": 10,
	//   "most": 10,
	//   "rank": 1,
	//   "lowest": 1,
	//   "by": "ledger",
	//   "recorded": 10,
	//   "days_in_office": 793,
	//   "years_in_office": "2.17",
	//   "per_year": "4.61",
	//   "most_per_year": "4.61"
	// }
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
