package meeting_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

func TestBasisAndMatchText(t *testing.T) {
	for _, b := range []meeting.Basis{meeting.Recorded, meeting.Reported, meeting.NoData} {
		text, err := b.MarshalText()
		if err != nil || string(text) != b.String() {
			t.Errorf("%v: %q, %v", b, text, err)
		}
		var back meeting.Basis
		if err := back.UnmarshalText(text); err != nil || back != b {
			t.Errorf("%q reads back as %v, %v", text, back, err)
		}
		if p, err := meeting.ParseBasis(" " + strings.ToUpper(string(text)) + " "); err != nil || p != b {
			t.Errorf("ParseBasis(%q) = %v, %v", text, p, err)
		}
	}
	if _, err := meeting.Basis(3).MarshalText(); err == nil {
		t.Error("Basis(3).MarshalText: no error")
	}
	if _, err := meeting.ParseBasis("recorded"); !errors.Is(err, meeting.ErrSyntax) || !strings.Contains(err.Error(), "want ledger, report or none") {
		t.Errorf("ParseBasis(recorded): %v", err)
	}
	for _, m := range []meeting.RuleMatch{meeting.UnknownRule, meeting.SameRule, meeting.WiderRule, meeting.NarrowerRule, meeting.OtherRule} {
		text, err := m.MarshalText()
		if err != nil || string(text) != m.String() {
			t.Errorf("%v: %q, %v", m, text, err)
		}
		var back meeting.RuleMatch
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Errorf("%q reads back as %v, %v", text, back, err)
		}
	}
	if _, err := meeting.RuleMatch(-1).MarshalText(); !errors.Is(err, meeting.ErrInvalidRule) {
		t.Errorf("RuleMatch(-1).MarshalText: %v", err)
	}
}

func TestRuleJSON(t *testing.T) {
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside, meeting.Talks, meeting.Talks}, From: day("2022-05-10")}
	data, err := json.Marshal(press)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"kinds":["talks","pull-aside"],"statuses":["held"],"from":"2022-05-10","to":null,"multilateral":false}`
	if string(data) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", data, want)
	}
	for _, r := range []meeting.Rule{
		{}, press,
		{Kinds: []meeting.Kind{meeting.Visit, meeting.Call}, Statuses: []meeting.Status{meeting.Planned, meeting.Held},
			From: day("2020-01-01"), To: day("2024-12-31"), Multilateral: true},
		{To: time.Date(2024, 7, 10, 22, 0, 0, 0, time.FixedZone("KST", 9*3600))},
	} {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back meeting.Rule
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if diff := cmp.Diff(r, back); diff != "" {
			t.Errorf("%s read back (-want +got):\n%s", data, diff)
		}
		if r.String() != back.String() {
			t.Errorf("%s: %q read back as %q", data, r, back)
		}
	}
	if _, err := json.Marshal(meeting.Rule{Kinds: []meeting.Kind{9}}); err == nil {
		t.Error("a rule with an unknown kind marshals")
	}
}

func TestRuleEqual(t *testing.T) {
	tests := []struct {
		a, b meeting.Rule
		want bool
	}{
		{meeting.Rule{}, meeting.Rule{Kinds: []meeting.Kind{meeting.Talks}, Statuses: []meeting.Status{meeting.Held}}, true},
		{meeting.Rule{Kinds: []meeting.Kind{meeting.Call, meeting.Talks}}, meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.Call, meeting.Call}}, true},
		{meeting.Rule{From: day("2024-01-01")}, meeting.Rule{From: day("2024-01-01").Add(5 * time.Hour)}, true},
		{meeting.Rule{}, meeting.Rule{Multilateral: true}, false},
		{meeting.Rule{}, meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside}}, false},
		{meeting.Rule{}, meeting.Rule{Statuses: []meeting.Status{meeting.Held, meeting.Planned}}, false},
		{meeting.Rule{}, meeting.Rule{To: day("2024-01-01")}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want || tt.b.Equal(tt.a) != tt.want {
			t.Errorf("%v Equal %v = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClaimAndFindingJSON(t *testing.T) {
	l := storyLedger()
	claim := meeting.Claim{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: day("2024-07-10"),
		Source: meeting.Source{Publisher: "The Korea Herald", Title: "Yoon, Kishida", URL: "https://example.org/a?b&c", Date: day("2024-07-10")}}
	findings := l.Reconcile([]meeting.Claim{claim, {A: "Yoon Suk Yeol", B: "Nobody", Count: 3}}, meeting.Rule{})
	data, err := json.Marshal(findings)
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"claim":{"a":"Yoon Suk Yeol","b":"Fumio Kishida","count":11,"as_of":"2024-07-10",` +
		`"source":{"publisher":"The Korea Herald","title":"Yoon, Kishida","url":"https://example.org/a?b\u0026c","date":"2024-07-10"}},` +
		`"recorded":10,"missing":1},` +
		`{"claim":{"a":"Yoon Suk Yeol","b":"Nobody","count":3,"as_of":null,"source":null},"recorded":null,"missing":null,` +
		`"error":"meeting: unknown leader \"Nobody\""}]`
	if string(data) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", data, want)
	}
	var back []meeting.Finding
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || !back[0].Claim.Source.Equal(claim.Source) || back[0].Recorded != 10 || back[0].Missing != 1 || back[0].Err != nil {
		t.Errorf("finding read back: %+v", back)
	}
	if diff := cmp.Diff(claim, back[0].Claim); diff != "" {
		t.Errorf("claim read back (-want +got):\n%s", diff)
	}
	if !errors.Is(back[1].Err, meeting.ErrUnknownLeader) || back[1].String() != findings[1].String() {
		t.Errorf("finding with an error read back: %v (%v)", back[1], back[1].Err)
	}
	var c meeting.Claim
	if err := json.Unmarshal([]byte(`{"a": "Yoon", "b": "Kishida", "count": 11, "as_of": "2024-07-10"}`), &c); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(meeting.Claim{A: "Yoon", B: "Kishida", Count: 11, AsOf: day("2024-07-10")}, c); diff != "" {
		t.Errorf("claim (-want +got):\n%s", diff)
	}
}

// TestRecordJSONIsTheLedgers checks that a leader, a meeting and a tally
// marshal on their own as the ledger's JSON holds them.
func TestRecordJSONIsTheLedgers(t *testing.T) {
	l := storyLedger()
	if err := l.AddTally(meeting.Tally{ID: "office-yoon", Leader: "kr-yoon-suk-yeol", With: "jp-kishida-fumio", Count: 11,
		Most: meeting.Unbounded, AsOf: day("2024-07-10"), Rule: "informal talks included", Match: meeting.SameRule,
		As: meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}, Sources: []meeting.Source{{Publisher: "KH"}}}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Leaders, Meetings, Tallies []json.RawMessage
	}
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	compact := func(b []byte) string {
		var out bytes.Buffer
		if err := json.Compact(&out, b); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	check := func(what string, want json.RawMessage, v any) {
		t.Helper()
		got, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if compact(want) != compact(got) {
			t.Errorf("%s:\n%s\nthe ledger writes\n%s", what, got, want)
		}
	}
	leaders, meetings, tallies := l.Leaders(), l.Meetings(), l.Tallies()
	for i := range leaders {
		check("leader "+leaders[i].ID, doc.Leaders[i], leaders[i])
	}
	for i := range meetings {
		check("meeting "+meetings[i].ID, doc.Meetings[i], meetings[i])
	}
	for i := range tallies {
		check("tally "+tallies[i].ID, doc.Tallies[i], tallies[i])
	}
	term, _ := json.Marshal(meeting.Term{Start: day("2022-05-10")})
	if string(term) != `{"start":"2022-05-10"}` {
		t.Errorf("open term: %s", term)
	}
}

func TestResultJSON(t *testing.T) {
	l := storyLedger()
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2024-07-10")}
	pairs, err := json.Marshal(l.Pairs(press))
	if err != nil {
		t.Fatal(err)
	}
	const wantPairs = `{"rule":{"kinds":["talks","pull-aside"],"statuses":["held"],"from":null,"to":"2024-07-10","multilateral":false},` +
		`"rows":[{"a":{"id":"jp-kishida-fumio","name":"Fumio Kishida","country":"JP"},` +
		`"b":{"id":"kr-yoon-suk-yeol","name":"Yoon Suk Yeol","country":"KR"},"count":11}`
	if !strings.HasPrefix(string(pairs), wantPairs) {
		t.Errorf("pairs:\n%s\nwant it to start\n%s", pairs, wantPairs)
	}
	bad, err := json.Marshal(l.Pairs(meeting.Rule{Statuses: []meeting.Status{7}}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"rule":null,"rows":[],"error":"meeting: invalid rule: Statuses[0] is Status(7), not a status"}`; string(bad) != want {
		t.Errorf("pairs under an invalid rule:\n%s\nwant\n%s", bad, want)
	}

	if err := l.AddLeader(meeting.Leader{ID: "kr-lee-myung-bak", Name: "Lee Myung-bak", Country: "KR"}); err != nil {
		t.Fatal(err)
	}
	if err := l.AddTally(meeting.Tally{ID: "ytn-moon", Leader: "kr-moon-jae-in", With: "JP", Count: 6, AsOf: day("2023-03-16")}); err != nil {
		t.Fatal(err)
	}
	s, err := l.Rank("KR", "JP", press)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"country": "KR",`, `"counterpart": "JP",`, `"as_of": "2024-07-10",`, `"reported": true,`,
		// Yoon: at least 11 (with a tally in the ledger, it may lack
		// meetings), ranked, known years.
		`"count": 11,
   "most": null,
   "rank": 1,
   "lowest": 1,
   "by": "ledger",
   "recorded": 11,
   "days_in_office": 793,
   "years_in_office": "2.17",
   "per_year": "5.07",
   "most_per_year": null`,
		// Moon: the tally beside the count.
		`"match": "unknown",
   "missing": 0,`,
		// Lee: no data, no terms: unknown, not 0.
		`"count": null,
   "most": null,
   "rank": null,
   "lowest": null,
   "by": "none",
   "recorded": 0,
   "days_in_office": null,
   "years_in_office": null,
   "per_year": null,
   "most_per_year": null`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("standings lack\n%s\nin\n%s", want, data)
		}
	}
	schedule, err := l.Schedule("Yoon Suk Yeol", day("2024-07-10"))
	if err != nil {
		t.Fatal(err)
	}
	data, err = json.Marshal(schedule)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), `[{"id":"`) || !strings.Contains(string(data), `"kind":"talks","status":"held"`) {
		t.Errorf("schedule: %s", data)
	}
}
