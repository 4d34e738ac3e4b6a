package meeting_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/summitry/summitry/meeting"
)

func TestPairCountsDisplay(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "a", Name: "A <b> & \"c\"", Country: "KR"},
		meeting.Leader{ID: "b", Name: "윤석열", Country: "KR"},
		meeting.Leader{ID: "c", Name: "C|d*", Country: "JP"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(
		meeting.Meeting{ID: "1", Date: day("2024-01-01"), Participants: []string{"a", "b"}},
		meeting.Meeting{ID: "2", Date: day("2024-01-02"), Participants: []string{"a", "b"}},
		meeting.Meeting{ID: "3", Date: day("2024-01-02"), Participants: []string{"c", "b"}},
	); err != nil {
		t.Fatal(err)
	}
	pc := l.Pairs(meeting.Rule{})

	wantText := `Meetings: held talks between two leaders
Leader            Leader       Meetings
---------------------------------------
A <b> & "c" (KR)  윤석열 (KR)         2
C|d* (JP)         윤석열 (KR)         1
`
	if diff := cmp.Diff(wantText, pc.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	wantMD := "**Meetings: held talks between two leaders**\n\n" +
		"| Leader | Leader | Meetings |\n|:---|:---|---:|\n" +
		"| A &lt;b&gt; &amp; \"c\" (KR) | 윤석열 (KR) | 2 |\n" +
		"| C\\|d\\* (JP) | 윤석열 (KR) | 1 |\n"
	if diff := cmp.Diff(wantMD, pc.Markdown()); diff != "" {
		t.Errorf("Markdown (-want +got):\n%s", diff)
	}
	html := pc.HTML()
	for _, want := range []string{"<table", "A &lt;b&gt; &amp; &#34;c&#34; (KR)", "윤석열 (KR)", "</table>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	svg := pc.SVG()
	for _, want := range []string{"<svg", "A &lt;b&gt; &amp; &#34;c&#34; – 윤석열", "<rect", "</svg>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q:\n%s", want, svg)
		}
	}
	if strings.Contains(html+svg, "<b>") {
		t.Error("a name reached HTML or SVG unescaped")
	}
}

func TestStandingsDisplay(t *testing.T) {
	l := storyLedger()
	s, err := l.Rank("KR", "JP", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2024-07-10")})
	if err != nil {
		t.Fatal(err)
	}
	wantMD := "**Leaders of KR by meetings with leaders of JP: held talks or pull-asides between two leaders, through 2024-07-10; years in office to 2024-07-10**\n\n" +
		"| Rank | Leader | Office | Meetings | Years in office | Per year |\n" +
		"|---:|:---|:---|---:|---:|---:|\n" +
		"| 1 | Yoon Suk Yeol | president | 11 | 2.17 | 5.07 |\n" +
		"| 2 | Moon Jae-in | president | 6 | 5.00 | 1.20 |\n"
	if diff := cmp.Diff(wantMD, s.Markdown()); diff != "" {
		t.Errorf("Markdown (-want +got):\n%s", diff)
	}
	if got, want := s.Rows()[0].String(), "1. Yoon Suk Yeol: 11 in 2.17 years (5.07 a year)"; got != want {
		t.Errorf("Standing.String = %q, want %q", got, want)
	}
	for _, want := range []string{"<svg", "1. Yoon Suk Yeol", "11 (5.07 a year)"} {
		if !strings.Contains(s.SVG(), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if !strings.Contains(s.HTML(), "<td") {
		t.Error("HTML has no cells")
	}
}

func TestPairCountsInvalidRule(t *testing.T) {
	pc := storyLedger().Pairs(meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, 9}})
	const caption = "Meetings under an invalid rule: Kinds[1] is Kind(9), not a kind"
	wantText := caption + `
Leader  Leader  Meetings
------------------------
`
	if diff := cmp.Diff(wantText, pc.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	for name, out := range map[string]string{"Markdown": strings.ReplaceAll(pc.Markdown(), `\`, ""), "HTML": pc.HTML(), "SVG": pc.SVG()} {
		if !strings.Contains(out, caption) {
			t.Errorf("%s does not say the rule is invalid:\n%s", name, out)
		}
	}
	if diff := cmp.Diff("held talks or Kind(9) between two leaders", pc.Rule().String()); diff != "" {
		t.Errorf("Rule.String (-want +got):\n%s", diff)
	}
}

func TestRuleString(t *testing.T) {
	tests := []struct {
		r    meeting.Rule
		want string
	}{
		{meeting.Rule{}, "held talks between two leaders"},
		{meeting.Rule{Kinds: []meeting.Kind{meeting.Visit, meeting.Talks, meeting.Visit}}, "held talks or visits between two leaders"},
		{meeting.Rule{Kinds: []meeting.Kind{9}}, "held Kind(9) between two leaders"},
		{meeting.Rule{Statuses: []meeting.Status{meeting.Cancelled, -1}}, "Status(-1) or cancelled talks between two leaders"},
		{meeting.Rule{To: day("2024-07-10"), Multilateral: true}, "held talks between two or more leaders (each pair), through 2024-07-10"},
		{meeting.Rule{From: day("2025-01-01"), To: day("2024-01-01")}, "held talks between two leaders, 2025-01-01..2024-01-01"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.r.String()); diff != "" {
			t.Errorf("%#v.String() (-want +got):\n%s", tt.r, diff)
		}
	}
}

func TestParseKindStatus(t *testing.T) {
	kinds := []struct {
		in   string
		want meeting.Kind
		err  error
	}{
		{"talks", meeting.Talks, nil},
		{"talk", meeting.Talks, nil},
		{"Talk", meeting.Talks, nil},
		{"pull-aside", meeting.PullAside, nil},
		{"pull aside", meeting.PullAside, nil},
		{"pullaside", meeting.PullAside, nil},
		{"PULL_ASIDE", meeting.PullAside, nil},
		{"call", meeting.Call, nil},
		{"visit", meeting.Visit, nil},
		{"", 0, meeting.ErrInvalidKind},
		{"meeting", 0, meeting.ErrInvalidKind},
	}
	for _, tt := range kinds {
		got, err := meeting.ParseKind(tt.in)
		if diff := cmp.Diff(tt.err, err, cmpopts.EquateErrors()); diff != "" || got != tt.want {
			t.Errorf("ParseKind(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	statuses := []struct {
		in   string
		want meeting.Status
		err  error
	}{
		{"held", meeting.Held, nil},
		{"Planned", meeting.Planned, nil},
		{"unconfirmed", meeting.Unconfirmed, nil},
		{"cancelled", meeting.Cancelled, nil},
		{"canceled", meeting.Cancelled, nil},
		{"CANCELED", meeting.Cancelled, nil},
		{"", 0, meeting.ErrInvalidStatus},
		{"postponed", 0, meeting.ErrInvalidStatus},
	}
	for _, tt := range statuses {
		got, err := meeting.ParseStatus(tt.in)
		if diff := cmp.Diff(tt.err, err, cmpopts.EquateErrors()); diff != "" || got != tt.want {
			t.Errorf("ParseStatus(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestParseCountry(t *testing.T) {
	type result struct {
		Code string
		OK   bool
	}
	tests := []struct {
		in   string
		want result
	}{
		{"kr", result{"KR", true}},
		{"KOR", result{"KR", true}},
		{"Gbr", result{"GB", true}},
		{"XK", result{"XK", true}}, // Kosovo: user-assigned, in common use
		// Renamed countries read as their code today.
		{"BU", result{"MM", true}},
		{"BUR", result{"MM", true}},
		{"zr", result{"CD", true}},
		{"HVO", result{"BF", true}},
		{"DY", result{"BJ", true}},
		{"RH", result{"ZW", true}},
		{"TP", result{"TL", true}},
		// Former states keep their codes.
		{"SU", result{"SU", true}},
		{"SUN", result{"SU", true}},
		{"YUG", result{"YU", true}},
		{"DD", result{"DD", true}},
		{"DDR", result{"DD", true}},
		{"VD", result{"VD", true}},
		{"YD", result{"YD", true}},
		{"CS", result{"CS", true}},
		{"CSK", result{"CS", true}},
		{"SCG", result{"CS", true}},
		// Not countries.
		{"AC", result{}},
		{"CP", result{}},
		{"DG", result{}},
		{"TA", result{}},
		{"EA", result{}},
		{"IC", result{}},
		{"EZ", result{}},
		{"UN", result{}},
		{"EU", result{}},
		{"QO", result{}},
		{"ZZ", result{}},
		{"001", result{}},
		{"410", result{}},
		{"K", result{}},
		{"KORE", result{}},
		{"ＫＲ", result{}},
		{"cſk", result{}}, // ſ upper-cases to S
		{"ſu", result{}},
		{"", result{}},
	}
	for _, tt := range tests {
		code, err := meeting.ParseCountry(tt.in)
		if err != nil && !errors.Is(err, meeting.ErrInvalidCountry) {
			t.Errorf("ParseCountry(%q) error %v, want ErrInvalidCountry", tt.in, err)
		}
		if diff := cmp.Diff(tt.want, result{code, err == nil}); diff != "" {
			t.Errorf("ParseCountry(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseCountryHints(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UK", `meeting: invalid country code "UK": the ISO 3166-1 code of the United Kingdom is "GB"`},
		{"uk", `meeting: invalid country code "uk": the ISO 3166-1 code of the United Kingdom is "GB"`},
		{"EL", `meeting: invalid country code "EL": the ISO 3166-1 code of Greece is "GR"`},
		{"EU", `meeting: invalid country code "EU"`},
	}
	for _, tt := range tests {
		_, err := meeting.ParseCountry(tt.in)
		if !errors.Is(err, meeting.ErrInvalidCountry) {
			t.Fatalf("ParseCountry(%q) error %v, want ErrInvalidCountry", tt.in, err)
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("ParseCountry(%q) error (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestKindStatusText(t *testing.T) {
	for k := meeting.Talks; k <= meeting.Visit; k++ {
		text, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back meeting.Kind
		if err := back.UnmarshalText(text); err != nil || back != k {
			t.Errorf("Kind %v → %q → %v, %v", k, text, back, err)
		}
	}
	for s := meeting.Held; s <= meeting.Cancelled; s++ {
		text, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back meeting.Status
		if err := back.UnmarshalText(text); err != nil || back != s {
			t.Errorf("Status %v → %q → %v, %v", s, text, back, err)
		}
	}
	if got := meeting.Kind(7).String(); got != "Kind(7)" {
		t.Errorf("Kind(7).String() = %q", got)
	}
	if _, err := meeting.Kind(7).MarshalText(); err == nil {
		t.Error("Kind(7).MarshalText succeeded")
	}
	if got := meeting.Status(-1).String(); got != "Status(-1)" {
		t.Errorf("Status(-1).String() = %q", got)
	}
	for _, s := range []string{"Pull-Aside", "pull aside", "PULLASIDE"} {
		if k, err := meeting.ParseKind(s); err != nil || k != meeting.PullAside {
			t.Errorf("ParseKind(%q) = %v, %v", s, k, err)
		}
	}
	var k meeting.Kind
	if err := k.UnmarshalText([]byte("meeting")); err == nil {
		t.Error(`UnmarshalText("meeting") succeeded`)
	}
}

func TestCharts(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "a", Name: "A", Country: "KR"},
		meeting.Leader{ID: "b", Name: "B", Country: "JP"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(meeting.Meeting{ID: "1", Date: day("2024-01-01"), Participants: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	pc := l.Pairs(meeting.Rule{})
	if pc.Chart().SVG() != pc.SVG() || !strings.HasPrefix(pc.Chart().SVG(), "<svg") {
		t.Errorf("PairCounts.Chart = %q", pc.Chart().SVG())
	}
	s, err := l.Rank("KR", "JP", meeting.Rule{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Chart().SVG() != s.SVG() || !strings.HasPrefix(s.Chart().SVG(), "<svg") {
		t.Errorf("Standings.Chart = %q", s.Chart().SVG())
	}
}
