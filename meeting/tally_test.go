package meeting_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		in          string
		count, most int
		err         bool
	}{
		{in: "20", count: 20},
		{in: "0", count: 0},
		{in: "2..8", count: 2, most: 8},
		{in: " 2 .. 8 ", count: 2, most: 8},
		{in: "11..", count: 11, most: meeting.Unbounded},
		{in: "..19", count: 0, most: 19},
		{in: "5..5", count: 5},
		{in: "0..0", count: 0},
		{in: "", err: true},
		{in: "..", err: true},
		{in: "8..2", err: true},
		{in: "-1", err: true},
		{in: "+3", err: true},
		{in: "1e3", err: true},
		{in: "3...4", err: true},
		{in: "1..2..3", err: true},
		{in: "9999999999", err: true},
		{in: "twenty", err: true},
	}
	for _, tt := range tests {
		count, most, err := meeting.ParseRange(tt.in)
		if tt.err {
			if !errors.Is(err, meeting.ErrInvalidCount) {
				t.Errorf("ParseRange(%q) error %v, want ErrInvalidCount", tt.in, err)
			}
			continue
		}
		if err != nil || count != tt.count || most != tt.most {
			t.Errorf("ParseRange(%q) = %d, %d, %v; want %d, %d", tt.in, count, most, err, tt.count, tt.most)
		}
	}
}

// TestRangeRoundTrip checks that a tally's Range reads back as the same
// bounds.
func TestRangeRoundTrip(t *testing.T) {
	for count := range 5 {
		for _, most := range []int{meeting.Unbounded, 0, count, count + 1, count + 7} {
			tl := meeting.Tally{Count: count, Most: most}
			c, m, err := meeting.ParseRange(tl.Range())
			if err != nil {
				t.Fatalf("ParseRange(%q): %v", tl.Range(), err)
			}
			back := meeting.Tally{Count: c, Most: m}
			if back.Range() != tl.Range() {
				t.Errorf("%d..%d: Range %q read back as %q", count, most, tl.Range(), back.Range())
			}
		}
	}
}

func TestAddTally(t *testing.T) {
	l := storyLedger()
	good := meeting.Tally{ID: "t1", Leader: "kr-moon-jae-in", With: "jpn", Count: 6, AsOf: day("2023-03-16"),
		Rule: "standalone summits", Sources: []meeting.Source{{Publisher: "YTN"}, {}}}
	if err := l.AddTally(good); err != nil {
		t.Fatal(err)
	}
	got, ok := l.Tally("t1")
	want := good
	want.With, want.Most = "JP", 6
	if !ok {
		t.Fatal("Tally(t1) not found")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored tally (-want +got):\n%s", diff)
	}

	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
	tests := []struct {
		name  string
		tally meeting.Tally
		field string
		want  error
	}{
		{"taken ID", meeting.Tally{ID: "t1", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01")}, "id", meeting.ErrDuplicate},
		{"no ID", meeting.Tally{Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01")}, "id", meeting.ErrMissing},
		{"unknown leader", meeting.Tally{ID: "x", Leader: "Moon Jae-in", With: "JP", AsOf: day("2024-01-01")}, "leader", meeting.ErrUnknownLeader},
		{"no counterpart", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", AsOf: day("2024-01-01")}, "with", meeting.ErrMissing},
		{"counterpart neither", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "Japan", AsOf: day("2024-01-01")}, "with", meeting.ErrUnknownLeader},
		{"themself", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "kr-moon-jae-in", AsOf: day("2024-01-01")}, "with", meeting.ErrDuplicate},
		{"negative", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", Count: -1, AsOf: day("2024-01-01")}, "count", meeting.ErrInvalidCount},
		{"empty range", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", Count: 5, Most: 4, AsOf: day("2024-01-01")}, "count", meeting.ErrInvalidCount},
		{"bad most", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", Most: -2, AsOf: day("2024-01-01")}, "count", meeting.ErrInvalidCount},
		{"no date", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP"}, "as_of", meeting.ErrMissing},
		{"match other", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), Match: meeting.OtherRule}, "match", meeting.ErrInvalidRule},
		{"rule with unknown match", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), As: press}, "kinds", meeting.ErrInvalidRule},
		{"rule with a window", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), Match: meeting.SameRule,
			As: meeting.Rule{To: day("2024-01-01")}}, "kinds", meeting.ErrInvalidRule},
		{"rule with planned", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), Match: meeting.SameRule,
			As: meeting.Rule{Statuses: []meeting.Status{meeting.Planned}}}, "kinds", meeting.ErrInvalidRule},
		{"invalid rule", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), Match: meeting.SameRule,
			As: meeting.Rule{Kinds: []meeting.Kind{9}}}, "kinds", meeting.ErrInvalidKind},
		{"rule text", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"), Rule: "a\nb"}, "rule", meeting.ErrInvalidText},
		{"source text", meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "JP", AsOf: day("2024-01-01"),
			Sources: []meeting.Source{{URL: "\xff"}}}, "sources[0].url", meeting.ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(l.Tallies())
			// A good tally in the same call is not added either.
			ok := meeting.Tally{ID: "fine", Leader: "kr-yoon-suk-yeol", With: "JP", Count: 1, AsOf: day("2024-01-01")}
			err := l.AddTally(ok, tt.tally)
			var v *meeting.ValidationError
			if !errors.As(err, &v) || !errors.Is(err, tt.want) {
				t.Fatalf("AddTally error %v, want a *ValidationError with %v", err, tt.want)
			}
			if p := v.Problems[0]; p.Record != "tally" || p.Index != 1 || p.Field != tt.field {
				t.Errorf("problem %+v, want tally[1] field %s", p, tt.field)
			}
			if !strings.HasPrefix(err.Error(), "meeting: ") {
				t.Errorf("error %q lacks the package name", err)
			}
			if len(l.Tallies()) != before {
				t.Error("a failed AddTally added tallies")
			}
		})
	}

	// A leader ID that is also a country code cannot be a counterpart.
	if err := l.AddLeader(meeting.Leader{ID: "fr", Name: "Someone", Country: "FR"}); err != nil {
		t.Fatal(err)
	}
	err := l.AddTally(meeting.Tally{ID: "x", Leader: "kr-moon-jae-in", With: "fr", AsOf: day("2024-01-01")})
	if !errors.Is(err, meeting.ErrAmbiguous) {
		t.Errorf("AddTally with a counterpart that is an ID and a country: %v, want ErrAmbiguous", err)
	}
}

func TestRuleMatch(t *testing.T) {
	for m := meeting.UnknownRule; m <= meeting.OtherRule; m++ {
		back, err := meeting.ParseRuleMatch(strings.ToUpper(m.String()))
		if err != nil || back != m {
			t.Errorf("ParseRuleMatch(%q) = %v, %v", m, back, err)
		}
	}
	if m, err := meeting.ParseRuleMatch(""); err != nil || m != meeting.UnknownRule {
		t.Errorf("ParseRuleMatch(\"\") = %v, %v", m, err)
	}
	if _, err := meeting.ParseRuleMatch("equal"); !errors.Is(err, meeting.ErrInvalidRule) {
		t.Errorf("ParseRuleMatch(equal) error %v", err)
	}
	if got := meeting.RuleMatch(9).String(); got != "RuleMatch(9)" {
		t.Errorf("String = %q", got)
	}
}

// tallyLedger is a ledger of five Korean and three Japanese leaders, some
// meetings and tallies of every kind the ranking weighs:
//
//   - Ahn (2000–2004): 2 dated talks; a later tally of 5, rule unknown.
//   - Bae (2005–): 3 talks and a pull-aside with Za; a pair tally of 4 on
//     2008-06-01 counting pull-asides too, Za being the only Japanese
//     leader then.
//   - Cho: nothing at all.
//   - Do (1990–1994): only a range, 2..8, inferred from what a source says.
//   - Eom (1995–1999): 1 talk; a formal-talks tally of 3, and a
//     contradicting one of at most 1.
func tallyLedger(t *testing.T) *meeting.Ledger {
	t.Helper()
	var l meeting.Ledger
	term := func(start, end string) []meeting.Term {
		tm := meeting.Term{Start: day(start)}
		if end != "" {
			tm.End = day(end)
		}
		return []meeting.Term{tm}
	}
	if err := l.AddLeader(
		meeting.Leader{ID: "a1", Name: "Ahn", Country: "KR", Terms: term("2000-01-01", "2004-12-31")},
		meeting.Leader{ID: "a2", Name: "Bae", Country: "KR", Terms: term("2005-01-01", "")},
		meeting.Leader{ID: "a3", Name: "Cho", Country: "KR", Terms: term("2000-01-01", "2010-12-31")},
		meeting.Leader{ID: "a4", Name: "Do", Country: "KR", Terms: term("1990-01-01", "1994-12-31")},
		meeting.Leader{ID: "a5", Name: "Eom", Country: "KR", Terms: term("1995-01-01", "1999-12-31")},
		meeting.Leader{ID: "b0", Name: "Xa", Country: "JP", Terms: term("1990-01-01", "1998-12-31")},
		meeting.Leader{ID: "b1", Name: "Ya", Country: "JP", Terms: term("1999-01-01", "2004-12-31")},
		meeting.Leader{ID: "b2", Name: "Za", Country: "JP", Terms: term("2005-01-01", "2009-12-31")},
	); err != nil {
		t.Fatal(err)
	}
	m := func(id, date string, kind meeting.Kind, who ...string) meeting.Meeting {
		return meeting.Meeting{ID: id, Date: day(date), Kind: kind, Participants: who}
	}
	if err := l.AddMeeting(
		m("1", "2001-05-01", meeting.Talks, "a1", "b1"),
		m("2", "2003-05-01", meeting.Talks, "a1", "b1"),
		m("3", "2005-06-01", meeting.Talks, "a2", "b2"),
		m("4", "2006-06-01", meeting.Talks, "a2", "b2"),
		m("5", "2007-06-01", meeting.Talks, "a2", "b2"),
		m("6", "2008-03-01", meeting.PullAside, "a2", "b2"),
		m("7", "1996-01-01", meeting.Talks, "a5", "b0"),
	); err != nil {
		t.Fatal(err)
	}
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
	if err := l.AddTally(
		meeting.Tally{ID: "T1", Leader: "a1", With: "JP", Count: 5, AsOf: day("2010-01-01")},
		meeting.Tally{ID: "T2", Leader: "a2", With: "b2", Count: 4, AsOf: day("2008-06-01"), Match: meeting.SameRule, As: press},
		meeting.Tally{ID: "T4", Leader: "a4", With: "JP", Count: 2, Most: 8, Inferred: true, AsOf: day("2000-01-01")},
		meeting.Tally{ID: "T5", Leader: "a5", With: "JP", Count: 3, AsOf: day("2005-01-01"), Match: meeting.SameRule},
		meeting.Tally{ID: "T5b", Leader: "a5", With: "JP", Count: 0, Most: 1, AsOf: day("2006-01-01"), Match: meeting.SameRule},
	); err != nil {
		t.Fatal(err)
	}
	return &l
}

// weighed is what a test checks of a Standing weighed with tallies.
type weighed struct {
	ID                        string
	Count, Most, Rank, Lowest int
	By                        meeting.Basis
	Recorded                  int
	Reported                  string
	Match                     meeting.RuleMatch
	Missing                   int
}

func TestRankWeighsTallies(t *testing.T) {
	l := tallyLedger(t)
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
	u := meeting.Unbounded
	tests := []struct {
		name string
		r    meeting.Rule
		want []weighed
	}{
		{"press rule on the pair tally's day", meeting.Rule{Kinds: press.Kinds, To: day("2008-06-01")}, []weighed{
			// A later tally, after the end of the term, gives the count.
			{"a1", 5, 5, 1, 3, meeting.Reported, 2, "T1", meeting.UnknownRule, 3},
			// A tally of a rule that counts less (formal talks) gives a least.
			{"a5", 3, u, 1, 4, meeting.Reported, 1, "T5", meeting.NarrowerRule, 2},
			{"a4", 2, 8, 1, 4, meeting.Reported, 0, "T4", meeting.UnknownRule, 2},
			// The pair tally matches the ledger on its day: the ledger is complete.
			{"a2", 4, 4, 2, 4, meeting.Recorded, 4, "T2", meeting.SameRule, 0},
			{"a3", 0, u, 0, 0, meeting.NoData, 0, "", meeting.UnknownRule, 0},
		}},
		{"formal talks only", meeting.Rule{To: day("2008-06-01")}, []weighed{
			{"a1", 5, 5, 1, 2, meeting.Reported, 2, "T1", meeting.UnknownRule, 3},
			{"a4", 2, 8, 1, 4, meeting.Reported, 0, "T4", meeting.UnknownRule, 2},
			// A wider rule's tally that the ledger matches makes the
			// narrower count exact; it differs from it by the pull-aside.
			{"a2", 3, 3, 2, 3, meeting.Recorded, 3, "T2", meeting.WiderRule, 1},
			// "At most 1" contradicts "3" and is not applied.
			{"a5", 3, 3, 2, 3, meeting.Reported, 1, "T5", meeting.SameRule, 2},
			{"a3", 0, u, 0, 0, meeting.NoData, 0, "", meeting.UnknownRule, 0},
		}},
		{"after the pair tally", meeting.Rule{Kinds: press.Kinds, To: day("2008-12-31")}, []weighed{
			{"a1", 5, 5, 1, 4, meeting.Reported, 2, "T1", meeting.UnknownRule, 3},
			{"a2", 4, u, 1, 4, meeting.Recorded, 4, "T2", meeting.SameRule, 0},
			{"a5", 3, u, 1, 4, meeting.Reported, 1, "T5", meeting.NarrowerRule, 2},
			{"a4", 2, 8, 1, 4, meeting.Reported, 0, "T4", meeting.UnknownRule, 2},
			{"a3", 0, u, 0, 0, meeting.NoData, 0, "", meeting.UnknownRule, 0},
		}},
		{"before the pair tally", meeting.Rule{Kinds: press.Kinds, To: day("2007-01-01")}, []weighed{
			{"a1", 5, 5, 1, 3, meeting.Reported, 2, "T1", meeting.UnknownRule, 3},
			{"a5", 3, u, 1, 3, meeting.Reported, 1, "T5", meeting.NarrowerRule, 2},
			{"a4", 2, 8, 1, 3, meeting.Reported, 0, "T4", meeting.UnknownRule, 2},
			// The tally of 4 on 2008-06-01, which the ledger matches, shows
			// it complete to then, so its 2 to 2007-01-01 are exact; on the
			// tally's day it holds all 4, so nothing is missing, though
			// only 2 fall within the ranking's window.
			{"a2", 2, 2, 3, 4, meeting.Recorded, 2, "T2", meeting.SameRule, 0},
			{"a3", 0, u, 0, 0, meeting.NoData, 0, "", meeting.UnknownRule, 0},
		}},
		{"a window that starts: tallies only bound from above", meeting.Rule{Kinds: press.Kinds, From: day("2006-01-01"), To: day("2008-06-01")}, []weighed{
			// The difference is taken on the tally's day over the whole
			// tenure, as the tally counts: the ledger holds all 4.
			{"a2", 3, 3, 1, 1, meeting.Recorded, 3, "T2", meeting.SameRule, 0},
			{"a3", 0, u, 0, 0, meeting.NoData, 0, "", meeting.UnknownRule, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Rank("KR", "JP", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if !s.Reported() {
				t.Error("Reported() = false with tallies in the ledger")
			}
			var got []weighed
			for _, r := range s.Rows() {
				got = append(got, weighed{r.ID, r.Count, r.Most, r.Rank, r.Lowest, r.By, r.Recorded, r.Reported.ID, r.Match, r.Missing})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRankWithTalliesDisplay(t *testing.T) {
	l := tallyLedger(t)
	s, err := l.Rank("KR", "JP", meeting.Rule{To: day("2008-06-01")})
	if err != nil {
		t.Fatal(err)
	}
	want := `Leaders of KR by meetings with leaders of JP: held talks between two leaders, through 2008-06-01; recorded meetings weighed with reported counts; years in office to 2008-06-01
Rank  Leader  Meetings  By      Ledger  Reported                          Source  Rule     Difference  Years in office      Per year
------------------------------------------------------------------------------------------------------------------------------------
 1–2  Ahn            5  report       2  5 as of 2010-01-01                        unknown  missing 3              5.00          1.00
 1–4  Do        2 to 8  report       0  2..8 (inferred) as of 2000-01-01          unknown  missing 2              5.00  0.40 to 1.60
 2–3  Bae            3  ledger       3  4 as of 2008-06-01                        wider    missing 1              3.42          0.88
 2–3  Eom            3  report       1  3 as of 2005-01-01                        same     missing 2              5.00          0.60
   –  Cho      unknown  none         0                                                                            8.42       unknown
`
	if diff := cmp.Diff(want, s.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	rows := s.Rows()
	for i, want := range []string{
		"1–2. Ahn: 5 in 5.00 years (1.00 a year)",
		"1–4. Do: 2 to 8 in 5.00 years (0.40 to 1.60 a year)",
		"2–3. Bae: 3 in 3.42 years (0.88 a year)",
		"2–3. Eom: 3 in 5.00 years (0.60 a year)",
		"–. Cho: unknown in 8.42 years (unknown a year)",
	} {
		if got := rows[i].String(); got != want {
			t.Errorf("row %d String = %q, want %q", i, got, want)
		}
	}
	for _, want := range []string{"<svg", "–. Cho", "unknown", "2 to 8 (0.40 to 1.60 a year)"} {
		if !strings.Contains(s.SVG(), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// A count with no upper bound has a least rate.
	after, err := l.Rank("KR", "JP", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: day("2008-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range after.Rows() {
		if want := "1–4. Bae: at least 4 in 4.00 years (at least 1.00 a year)"; r.ID == "a2" && r.String() != want {
			t.Errorf("row String = %q, want %q", r.String(), want)
		}
	}
	for _, want := range []string{"at least 4 (at least 1.00 a year)", "2 to 8 (0.40 to 1.60 a year)"} {
		if !strings.Contains(after.SVG(), want) || !strings.Contains(after.Markdown(), strings.TrimSuffix(strings.SplitN(want, "(", 2)[1], " a year)")) {
			t.Errorf("SVG or Markdown lacks %q", want)
		}
	}
}

// TestRankUnknownYears checks that a leader without terms, or with a term
// still open and no day to close it at, has unknown years, not 0.00.
func TestRankUnknownYears(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "kr-a", Name: "A", Country: "KR"},
		meeting.Leader{ID: "kr-b", Name: "B", Country: "KR", Terms: []meeting.Term{{Start: day("2020-01-01")}}},
		meeting.Leader{ID: "kr-c", Name: "C", Country: "KR", Terms: []meeting.Term{{Start: day("2010-01-01"), End: day("2014-12-31")}}},
		meeting.Leader{ID: "jp-x", Name: "X", Country: "JP"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(meeting.Meeting{ID: "1", Date: day("2021-01-01"), Participants: []string{"kr-a", "jp-x"}, Kind: meeting.Call}); err != nil {
		t.Fatal(err)
	}
	s, err := l.Rank("KR", "JP", meeting.Rule{}) // the call does not count: no as-of day
	if err != nil {
		t.Fatal(err)
	}
	want := `Leaders of KR by meetings with leaders of JP: held talks between two leaders
Rank  Leader  Office  Meetings  Years in office  Per year
---------------------------------------------------------
   1  A                      0          unknown   unknown
   1  B                      0          unknown   unknown
   1  C                      0             5.00      0.00
`
	if diff := cmp.Diff(want, s.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	if r := s.Rows()[0]; r.YearsKnown || r.String() != "1. A: 0 in unknown years (unknown a year)" {
		t.Errorf("row %+v: %s", r, r)
	}
}
