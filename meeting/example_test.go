package meeting_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
)

// day returns a civil date.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// storyLeaders are the leaders of the Yoon–Kishida story, with Moon Jae-in
// and Abe Shinzo for a ranking.
func storyLeaders() []meeting.Leader {
	return []meeting.Leader{
		{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KR", Office: "president",
			Terms:   []meeting.Term{{Start: day("2022-05-10"), End: day("2025-04-04")}},
			Aliases: []string{"Yoon Suk-yeol", "윤석열"}},
		{ID: "jp-kishida-fumio", Name: "Fumio Kishida", Country: "JPN", Office: "prime minister",
			Terms:   []meeting.Term{{Start: day("2021-10-04"), End: day("2024-10-01")}},
			Aliases: []string{"Kishida Fumio", "岸田文雄", "기시다 후미오"}},
		{ID: "kr-moon-jae-in", Name: "Moon Jae-in", Country: "kr", Office: "president",
			Terms:   []meeting.Term{{Start: day("2017-05-10"), End: day("2022-05-09")}},
			Aliases: []string{"문재인"}},
		{ID: "jp-abe-shinzo", Name: "Shinzo Abe", Country: "JP", Office: "prime minister",
			Terms: []meeting.Term{
				{Start: day("2006-09-26"), End: day("2007-09-26")},
				{Start: day("2012-12-26"), End: day("2020-09-16")},
			},
			Aliases: []string{"Abe Shinzō", "安倍晋三"}},
		{ID: "us-biden-joe", Name: "Joe Biden", Country: "US", Office: "president",
			Terms: []meeting.Term{{Start: day("2021-01-20"), End: day("2025-01-20")}}},
	}
}

// storyMeetings are Yoon and Kishida's eleven meetings to 10 July 2024 (one
// informal), their trilateral with Biden at the 2022 NATO summit, and Moon
// and Abe's talks.
func storyMeetings() []meeting.Meeting {
	yk := []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}
	m := func(id, date, place, occasion string, kind meeting.Kind) meeting.Meeting {
		return meeting.Meeting{ID: id, Date: day(date), Participants: yk, Kind: kind, Place: place, Occasion: occasion}
	}
	ms := []meeting.Meeting{
		m("yk-2022-09-21", "2022-09-21", "New York", "UN General Assembly 2022", meeting.PullAside),
		m("yk-2022-11-13", "2022-11-13", "Phnom Penh", "ASEAN Summit 2022", meeting.Talks),
		m("yk-2023-03-16", "2023-03-16", "Tokyo", "", meeting.Talks),
		m("yk-2023-05-07", "2023-05-07", "Seoul", "", meeting.Talks),
		m("yk-2023-05-21", "2023-05-21", "Hiroshima", "G7 Summit 2023", meeting.Talks),
		m("yk-2023-07-12", "2023-07-12", "Vilnius", "NATO Summit 2023", meeting.Talks),
		m("yk-2023-08-18", "2023-08-18", "Camp David", "", meeting.Talks),
		m("yk-2023-09-10", "2023-09-10", "New Delhi", "G20 Summit 2023", meeting.Talks),
		m("yk-2023-11-16", "2023-11-16", "San Francisco", "APEC Summit 2023", meeting.Talks),
		m("yk-2024-05-26", "2024-05-26", "Seoul", "", meeting.Talks),
		m("yk-2024-07-10", "2024-07-10", "Washington, D.C.", "NATO Summit 2024", meeting.Talks),
		{ID: "ykb-2022-06-29", Date: day("2022-06-29"), Participants: []string{"us-biden-joe", "kr-yoon-suk-yeol", "jp-kishida-fumio"},
			Place: "Madrid", Occasion: "NATO Summit 2022"},
	}
	ma := []string{"kr-moon-jae-in", "jp-abe-shinzo"}
	for _, d := range []string{"2017-07-07", "2017-09-21", "2018-02-09", "2018-05-09", "2018-09-25", "2019-12-24"} {
		ms = append(ms, meeting.Meeting{ID: "ma-" + d, Date: day(d), Participants: ma})
	}
	return ms
}

// storyLedger returns a ledger with the story's leaders and meetings.
func storyLedger() *meeting.Ledger {
	var l meeting.Ledger
	if err := l.AddLeader(storyLeaders()...); err != nil {
		panic(err)
	}
	if err := l.AddMeeting(storyMeetings()...); err != nil {
		panic(err)
	}
	return &l
}

// The whole story: the press said Yoon and Kishida had met 11 times by the
// NATO summit of July 2024. The ledger agrees when informal talks count, and
// says 10 when only formal talks do. The counting rule is the point.
func Example() {
	l := storyLedger()

	strict := meeting.Rule{}
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
	for _, r := range []meeting.Rule{strict, press} {
		n, err := l.Count("Yoon Suk-yeol", "岸田文雄", r)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d: %s\n", n, r)
	}

	claim := meeting.Claim{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: day("2024-07-10"),
		Source: meeting.Source{Publisher: "The Korea Herald", Date: day("2024-07-10")}}
	for _, f := range l.Reconcile([]meeting.Claim{claim}, strict) {
		fmt.Println(f)
	}

	streak, _ := l.Streak("윤석열", "NATO Summit", 2024)
	fmt.Println("NATO summits in a row through 2024:", streak)
	// Output:
	// 10: held talks between two leaders
	// 11: held talks or pull-asides between two leaders
	// Yoon Suk Yeol–Fumio Kishida: 11 as of 2024-07-10 (The Korea Herald); recorded 10, missing 1
	// NATO summits in a row through 2024: 3
}

func ExampleLedger_AddLeader() {
	var l meeting.Ledger
	err := l.AddLeader(meeting.Leader{
		ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "kor", Office: "president",
		Terms: []meeting.Term{{Start: day("2022-05-10"), End: day("2025-04-04")}},
	})
	fmt.Println(err)
	yoon, _ := l.Leader("kr-yoon-suk-yeol")
	fmt.Println(yoon.Country, yoon.Terms[0])

	err = l.AddLeader(
		meeting.Leader{ID: "xx-1", Name: "Someone", Country: "EU"},
		meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon again", Country: "KR"},
	)
	fmt.Println(err)
	fmt.Println(len(l.Leaders()), errors.Is(err, meeting.ErrDuplicate))
	// Output:
	// <nil>
	// KR 2022-05-10..2025-04-04
	// meeting: 2 problems:
	// 	meeting: leader[0] "xx-1": country: invalid country code "EU"
	// 	meeting: leader[1] "kr-yoon-suk-yeol": id: duplicate leader ID "kr-yoon-suk-yeol": already in the ledger
	// 1 true
}

func ExampleLedger_AddMeeting() {
	l := storyLedger()
	err := l.AddMeeting(
		meeting.Meeting{ID: "new", Date: day("2024-11-15"), Participants: []string{"kr-yoon-suk-yeol", "Ishiba Shigeru"}},
		meeting.Meeting{ID: "late", Date: day("2024-12-01"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}},
		meeting.Meeting{ID: "again", Date: day("2024-07-10"), Participants: []string{"jp-kishida-fumio", "kr-yoon-suk-yeol"}},
	)
	fmt.Println(err)
	fmt.Println(errors.Is(err, meeting.ErrUnknownLeader), errors.Is(err, meeting.ErrOutOfTerm))
	// Output:
	// meeting: 3 problems:
	// 	meeting: meeting[0] "new": participants[1]: unknown leader ID "Ishiba Shigeru"
	// 	meeting: meeting[1] "late": date: outside the leader's terms in office: Fumio Kishida (jp-kishida-fumio) was not in office on 2024-12-01
	// 	meeting: meeting[2] "again": duplicate: the same participants, date and kind as meeting "yk-2024-07-10"
	// true true
}

func ExampleLedger_Leader() {
	l := storyLedger()
	for _, name := range []string{"Yoon Suk-yeol", "YOON SUK YEOL", "윤석열", "yoon-suk-yeol", "Shinzō Abe", "ＫＩＳＨＩＤＡ　ＦＵＭＩＯ", "Lee Jae-myung"} {
		ld, err := l.Leader(name)
		if err != nil {
			fmt.Printf("%s: %v\n", name, err)
			continue
		}
		fmt.Printf("%s: %s\n", name, ld.ID)
	}
	// Output:
	// Yoon Suk-yeol: kr-yoon-suk-yeol
	// YOON SUK YEOL: kr-yoon-suk-yeol
	// 윤석열: kr-yoon-suk-yeol
	// yoon-suk-yeol: kr-yoon-suk-yeol
	// Shinzō Abe: jp-abe-shinzo
	// ＫＩＳＨＩＤＡ　ＦＵＭＩＯ: jp-kishida-fumio
	// Lee Jae-myung: meeting: unknown leader "Lee Jae-myung"
}

func ExampleLedger_Leader_ambiguous() {
	var l meeting.Ledger
	_ = l.AddLeader(
		meeting.Leader{ID: "kr-park-chung-hee", Name: "Park Chung-hee", Country: "KR", Aliases: []string{"President Park"}},
		meeting.Leader{ID: "kr-park-geun-hye", Name: "Park Geun-hye", Country: "KR", Aliases: []string{"President Park"}},
	)
	_, err := l.Leader("president park")
	fmt.Println(err)
	var amb *meeting.AmbiguousError
	if errors.As(err, &amb) {
		fmt.Println(len(amb.Candidates), errors.Is(err, meeting.ErrAmbiguous))
	}
	// Output:
	// meeting: ambiguous leader name "president park": fits Park Chung-hee (kr-park-chung-hee), Park Geun-hye (kr-park-geun-hye)
	// 2 true
}

func ExampleLedger_Count() {
	l := storyLedger()
	for _, r := range []meeting.Rule{
		{},
		{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}},
		{Multilateral: true},
		{From: day("2024-01-01")},
	} {
		n, _ := l.Count("kr-yoon-suk-yeol", "jp-kishida-fumio", r)
		fmt.Printf("%2d  %s\n", n, r)
	}
	// Output:
	// 10  held talks between two leaders
	// 11  held talks or pull-asides between two leaders
	// 11  held talks between two or more leaders (each pair)
	//  2  held talks between two leaders, from 2024-01-01
}

func ExampleLedger_Between() {
	l := storyLedger()
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, From: day("2023-09-01")}
	ms, err := l.Between("Yoon Suk Yeol", "Fumio Kishida", press)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Println(m.Date.Format(time.DateOnly), m.Kind, m.Place)
	}
	// Output:
	// 2023-09-10 talks New Delhi
	// 2023-11-16 talks San Francisco
	// 2024-05-26 talks Seoul
	// 2024-07-10 talks Washington, D.C.
}

func ExampleLedger_SetStatus() {
	l := storyLedger()
	_ = l.AddMeeting(meeting.Meeting{ID: "yb-2024-07-11", Date: day("2024-07-11"),
		Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Status: meeting.Unconfirmed})
	n, _ := l.Count("Yoon Suk Yeol", "Joe Biden", meeting.Rule{})
	fmt.Println("held:", n)

	if err := l.SetStatus("yb-2024-07-11", meeting.Held); err != nil {
		fmt.Println(err)
	}
	n, _ = l.Count("Yoon Suk Yeol", "Joe Biden", meeting.Rule{})
	fmt.Println("held:", n)
	fmt.Println(l.SetStatus("yb-2024-07-12", meeting.Held))
	// Output:
	// held: 0
	// held: 1
	// meeting: unknown meeting "yb-2024-07-12"
}

func ExampleRule_Validate() {
	l := storyLedger()
	r := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.Kind(9)}, From: day("2024-07-10"), To: day("2022-05-10")}
	fmt.Println(r)
	fmt.Println(r.Validate())
	_, err := l.Count("Yoon Suk Yeol", "Fumio Kishida", r)
	fmt.Println(errors.Is(err, meeting.ErrInvalidRule), errors.Is(err, meeting.ErrInvalidKind))
	fmt.Print(l.Pairs(r))
	// Output:
	// held talks or Kind(9) between two leaders, 2024-07-10..2022-05-10
	// meeting: invalid rule: Kinds[1] is Kind(9), not a kind; From 2024-07-10 is after To 2022-05-10
	// true true
	// Meetings under an invalid rule: Kinds[1] is Kind(9), not a kind; From 2024-07-10 is after To 2022-05-10
	// Leader  Leader  Meetings
	// ------------------------
}

func ExampleLedger_Pairs() {
	l := storyLedger()
	fmt.Print(l.Pairs(meeting.Rule{Multilateral: true}))
	// Output:
	// Meetings: held talks between two or more leaders (each pair)
	// Leader              Leader              Meetings
	// ------------------------------------------------
	// Fumio Kishida (JP)  Yoon Suk Yeol (KR)        11
	// Moon Jae-in (KR)    Shinzo Abe (JP)            6
	// Fumio Kishida (JP)  Joe Biden (US)             1
	// Joe Biden (US)      Yoon Suk Yeol (KR)         1
}

func ExampleLedger_Rank() {
	l := storyLedger()
	s, err := l.Rank("KOR", "jp", meeting.Rule{To: day("2024-07-10")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(s)
	// Output:
	// Leaders of KR by meetings with leaders of JP: held talks between two leaders, through 2024-07-10; years in office to 2024-07-10
	// Rank  Leader         Office     Meetings  Years in office  Per year
	// -------------------------------------------------------------------
	//    1  Yoon Suk Yeol  president        10             2.17      4.61
	//    2  Moon Jae-in    president         6             5.00      1.20
}

func ExampleLedger_Schedule() {
	l := storyLedger()
	_ = l.AddMeeting(meeting.Meeting{ID: "yb-2024-07-11", Date: day("2024-07-11"),
		Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Status: meeting.Unconfirmed})
	ms, _ := l.Schedule("Yoon Suk Yeol", day("2024-07-11"))
	for _, m := range ms {
		fmt.Println(m)
	}
	// Output:
	// 2024-07-11 unconfirmed talks kr-yoon-suk-yeol, us-biden-joe (yb-2024-07-11)
}

func ExampleLedger_Streak() {
	l := storyLedger()
	for _, through := range []int{2022, 2023, 2024, 2025} {
		n, _ := l.Streak("Fumio Kishida", "nato summit", through)
		fmt.Println(through, n)
	}
	// Output:
	// 2022 1
	// 2023 2
	// 2024 3
	// 2025 0
}

func ExampleLedger_Reconcile() {
	l := storyLedger()
	claims := []meeting.Claim{
		{A: "윤석열", B: "岸田文雄", Count: 11, AsOf: day("2024-07-10")},
		{A: "윤석열", B: "岸田文雄", Count: 9, AsOf: day("2024-06-01")},
		{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 12, AsOf: day("2024-07-10")},
		{A: "Moon Jae-in", B: "Kishida", Count: 1},
	}
	for _, f := range l.Reconcile(claims, meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}) {
		fmt.Println(f)
	}
	// Output:
	// 윤석열–岸田文雄: 11 as of 2024-07-10; recorded 11, as reported
	// 윤석열–岸田文雄: 9 as of 2024-06-01; recorded 10, 1 more than reported
	// Yoon Suk Yeol–Fumio Kishida: 12 as of 2024-07-10; recorded 11, missing 1
	// Moon Jae-in–Kishida: 1; meeting: unknown leader "Kishida"
}

func ExampleParseCountry() {
	for _, code := range []string{"kr", "KOR", "gbr", "UK", "EU", "001"} {
		c, err := meeting.ParseCountry(code)
		fmt.Printf("%s %q %v\n", code, c, err)
	}
	// Output:
	// kr "KR" <nil>
	// KOR "KR" <nil>
	// gbr "GB" <nil>
	// UK "" meeting: invalid country code "UK": the ISO 3166-1 code of the United Kingdom is "GB"
	// EU "" meeting: invalid country code "EU"
	// 001 "" meeting: invalid country code "001"
}

func ExampleRule_String() {
	fmt.Println(meeting.Rule{})
	fmt.Println(meeting.Rule{
		Kinds:    []meeting.Kind{meeting.Call, meeting.Talks},
		Statuses: []meeting.Status{meeting.Held, meeting.Planned},
		From:     day("2022-05-10"), To: day("2024-07-10"),
		Multilateral: true,
	})
	// Output:
	// held talks between two leaders
	// held or planned talks or calls between two or more leaders (each pair), 2022-05-10..2024-07-10
}

func ExampleReadLedger() {
	var l meeting.Ledger
	_ = l.AddLeader(storyLeaders()[:2]...)
	_ = l.AddMeeting(storyMeetings()[0])
	if err := l.WriteJSON(os.Stdout); err != nil {
		fmt.Println(err)
	}

	_, err := meeting.ReadLedger(strings.NewReader(`{"leaders": [],
 "meetings": [{"id": "m1", "date": "2024-07-10", "participants": ["a", "b"], "kind": "summit", "status": "held"}]}`))
	fmt.Println(err)
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
	//       ]
	//     }
	//   ],
	//   "meetings": [
	//     {
	//       "id": "yk-2022-09-21",
	//       "date": "2022-09-21",
	//       "participants": [
	//         "kr-yoon-suk-yeol",
	//         "jp-kishida-fumio"
	//       ],
	//       "kind": "pull-aside",
	//       "status": "held",
	//       "place": "New York",
	//       "occasion": "UN General Assembly 2022"
	//     }
	//   ]
	// }
	// meeting: line 2: meeting[0] "m1": kind: invalid kind "summit" (want talks, pull-aside, call or visit)
}

// ParseKind and ParseStatus read the words a notebook user types; the
// interpreter cannot call Kind.UnmarshalText.
func ExampleParseKind() {
	k, err := meeting.ParseKind("pull-aside")
	fmt.Println(k, err)
	s, err := meeting.ParseStatus("canceled")
	fmt.Println(s, err)
	_, err = meeting.ParseKind("summit")
	fmt.Println(err != nil)
	// Output:
	// pull-aside <nil>
	// cancelled <nil>
	// true
}
