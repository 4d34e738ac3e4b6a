package meeting_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
	wantMD := "**Leaders of KR by meetings with leaders of JP: held talks or pull-asides between two leaders, through 2024-07-10**\n\n" +
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
