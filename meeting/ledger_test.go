package meeting_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/summitry/summitry/meeting"
)

// problem is what a test expects of one Problem.
type problem struct {
	Record string
	Index  int
	Field  string
	Err    error // sentinel
}

// problemsOf flattens a *ValidationError into comparable problems.
func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *meeting.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is a %T, want *meeting.ValidationError", err, err)
	}
	var out []problem
	for _, p := range ve.Problems {
		if !strings.HasPrefix(p.Error(), "meeting: ") {
			t.Errorf("problem %q does not start with the package name", p.Error())
		}
		out = append(out, problem{p.Record, p.Index, p.Field, sentinelOf(p.Err)})
	}
	return out
}

// sentinels are the package's sentinel errors.
var sentinels = []error{
	meeting.ErrUnknownLeader, meeting.ErrUnknownMeeting, meeting.ErrAmbiguous, meeting.ErrDuplicate, meeting.ErrMissing,
	meeting.ErrInvalidID, meeting.ErrInvalidCountry, meeting.ErrInvalidKind, meeting.ErrInvalidStatus,
	meeting.ErrInvalidDate, meeting.ErrInvalidText, meeting.ErrTooFewParticipants,
	meeting.ErrTermOrder, meeting.ErrTermOverlap, meeting.ErrOutOfTerm, meeting.ErrSyntax,
	meeting.ErrInvalidRule, meeting.ErrInvalidCount, meeting.ErrTooManyParticipants,
}

// sentinelOf returns the sentinel err wraps.
func sentinelOf(err error) error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

var equateErrors = cmpopts.EquateErrors()

func TestAddLeaderProblems(t *testing.T) {
	term := func(start, end string) meeting.Term {
		tm := meeting.Term{Start: day(start)}
		if end != "" {
			tm.End = day(end)
		}
		return tm
	}
	tests := []struct {
		name    string
		leaders []meeting.Leader
		want    []problem
	}{
		{"valid", []meeting.Leader{{ID: "a", Name: "A", Country: "KR"}}, nil},
		{"alpha-3 lower case", []meeting.Leader{{ID: "a", Name: "A", Country: "kor"}}, nil},
		{"empty ID", []meeting.Leader{{Name: "A", Country: "KR"}},
			[]problem{{"leader", 0, "id", meeting.ErrMissing}}},
		{"spaced ID", []meeting.Leader{{ID: " a", Name: "A", Country: "KR"}},
			[]problem{{"leader", 0, "id", meeting.ErrInvalidID}}},
		{"empty name", []meeting.Leader{{ID: "a", Name: " - ", Country: "KR"}},
			[]problem{{"leader", 0, "name", meeting.ErrMissing}}},
		{"invalid UTF-8", []meeting.Leader{{ID: "a", Name: "A\xff", Country: "KR"}},
			[]problem{{"leader", 0, "name", meeting.ErrInvalidText}}},
		{"bad countries", []meeting.Leader{
			{ID: "a", Name: "A", Country: "EU"},
			{ID: "b", Name: "B", Country: "410"},
			{ID: "c", Name: "C", Country: "ZZ"},
			{ID: "d", Name: "D", Country: "UN"},
			{ID: "e", Name: "E", Country: "QO"},
			{ID: "f", Name: "F", Country: "Korea"},
			{ID: "g", Name: "G", Country: ""},
		}, []problem{
			{"leader", 0, "country", meeting.ErrInvalidCountry},
			{"leader", 1, "country", meeting.ErrInvalidCountry},
			{"leader", 2, "country", meeting.ErrInvalidCountry},
			{"leader", 3, "country", meeting.ErrInvalidCountry},
			{"leader", 4, "country", meeting.ErrInvalidCountry},
			{"leader", 5, "country", meeting.ErrInvalidCountry},
			{"leader", 6, "country", meeting.ErrInvalidCountry},
		}},
		{"empty alias", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Aliases: []string{"ok", "  "}}},
			[]problem{{"leader", 0, "aliases[1]", meeting.ErrMissing}}},
		{"1000 bytes is the limit", []meeting.Leader{{ID: strings.Repeat("i", 1000), Name: strings.Repeat("가", 333), Country: "KR",
			Office: strings.Repeat("o", 1000), Aliases: []string{strings.Repeat("ﷺ", 333)}}}, nil},
		{"texts over 1000 bytes", []meeting.Leader{{ID: strings.Repeat("i", 1001), Name: strings.Repeat("가", 334), Country: "KR",
			Office: strings.Repeat("o", 1001), Aliases: []string{"ok", strings.Repeat("ﷺ", 334)}}},
			[]problem{
				{"leader", 0, "id", meeting.ErrInvalidID},
				{"leader", 0, "name", meeting.ErrInvalidText},
				{"leader", 0, "office", meeting.ErrInvalidText},
				{"leader", 0, "aliases[1]", meeting.ErrInvalidText},
			}},
		{"term without start", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{{End: day("2020-01-01")}}}},
			[]problem{{"leader", 0, "terms[0].start", meeting.ErrMissing}}},
		{"term ends before it starts", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{term("2020-01-02", "2020-01-01")}}},
			[]problem{{"leader", 0, "terms[0]", meeting.ErrTermOrder}}},
		{"one-day term", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{term("2020-01-01", "2020-01-01")}}}, nil},
		{"overlapping terms", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{term("2019-01-01", "2020-01-02"), term("2020-01-01", "")}}},
			[]problem{{"leader", 0, "terms", meeting.ErrTermOverlap}}},
		{"back-to-back terms share the inauguration day", []meeting.Leader{{ID: "us-obama", Name: "Barack Obama", Country: "US",
			Terms: []meeting.Term{term("2013-01-20", "2017-01-20"), term("2009-01-20", "2013-01-20")}}}, nil},
		{"a one-day term, then one from the same day", []meeting.Leader{{ID: "a", Name: "A", Country: "KR",
			Terms: []meeting.Term{term("2020-01-01", "2020-06-01"), term("2020-01-01", "2020-01-01")}}},
			[]problem{{"leader", 0, "terms", meeting.ErrTermOverlap}}},
		{"the same term twice", []meeting.Leader{{ID: "a", Name: "A", Country: "KR",
			Terms: []meeting.Term{term("2020-01-01", "2020-01-01"), term("2020-01-01", "2020-01-01")}}},
			[]problem{{"leader", 0, "terms", meeting.ErrTermOverlap}}},
		{"open term before another", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{term("2021-01-01", "2022-01-01"), term("2019-01-01", "")}}},
			[]problem{{"leader", 0, "terms", meeting.ErrTermOverlap}}},
		{"consecutive terms", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{term("2020-01-02", ""), term("2019-01-01", "2020-01-01")}}}, nil},
		{"year out of range", []meeting.Leader{{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}}},
			[]problem{{"leader", 0, "terms[0].start", meeting.ErrInvalidDate}}},
		{"duplicate in batch", []meeting.Leader{{ID: "a", Name: "A", Country: "KR"}, {ID: "a", Name: "B", Country: "JP"}},
			[]problem{{"leader", 1, "id", meeting.ErrDuplicate}}},
		{"duplicate in ledger", []meeting.Leader{{ID: "kr-yoon-suk-yeol", Name: "Y", Country: "KR"}},
			[]problem{{"leader", 0, "id", meeting.ErrDuplicate}}},
		{"shared alias is allowed", []meeting.Leader{{ID: "x", Name: "Someone", Country: "KR", Aliases: []string{"윤석열"}}}, nil},
		{"control characters", []meeting.Leader{{ID: "a", Name: "A\x00", Country: "KR", Office: "prime\nminister", Aliases: []string{"ok", "tab\there"}}},
			[]problem{
				{"leader", 0, "name", meeting.ErrInvalidText},
				{"leader", 0, "office", meeting.ErrInvalidText},
				{"leader", 0, "aliases[1]", meeting.ErrInvalidText},
			}},
		{"ID reads as a name in the ledger", []meeting.Leader{{ID: "YOON SUK-YEOL", Name: "Someone", Country: "KR"}},
			[]problem{{"leader", 0, "id", meeting.ErrDuplicate}}},
		{"ID reads as an alias in the ledger", []meeting.Leader{{ID: "윤석열", Name: "Someone", Country: "KR"}},
			[]problem{{"leader", 0, "id", meeting.ErrDuplicate}}},
		{"name and alias read as IDs in the ledger", []meeting.Leader{{ID: "x", Name: "KR Yoon Suk Yeol", Country: "KR", Aliases: []string{"jp kishida fumio"}}},
			[]problem{{"leader", 0, "name", meeting.ErrDuplicate}, {"leader", 0, "aliases[0]", meeting.ErrDuplicate}}},
		{"ID reads as a name later in the batch", []meeting.Leader{
			{ID: "Taro Aso", Name: "Someone Else", Country: "KR"},
			{ID: "jp-aso-taro", Name: "Tarō Asō", Country: "JP"},
		}, []problem{{"leader", 1, "name", meeting.ErrDuplicate}}},
		{"name reads as an ID later in the batch", []meeting.Leader{
			{ID: "jp-kishida-2", Name: "Kishida Two", Country: "JP"},
			{ID: "kishida two", Name: "Someone Else", Country: "KR"},
		}, []problem{{"leader", 1, "id", meeting.ErrDuplicate}}},
		{"own ID and name may read alike", []meeting.Leader{{ID: "moon-jae-in-2", Name: "Moon Jae-in 2", Country: "KR"}}, nil},
		{"IDs may read alike", []meeting.Leader{{ID: "KR_YOON_SUK_YEOL", Name: "Someone", Country: "KR"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := storyLedger()
			before := len(l.Leaders())
			err := l.AddLeader(tt.leaders...)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), equateErrors); diff != "" {
				t.Errorf("AddLeader problems (-want +got):\n%s\nerror: %v", diff, err)
			}
			added := len(l.Leaders()) - before
			if want := len(tt.leaders); err != nil && added != 0 || err == nil && added != want {
				t.Errorf("AddLeader added %d leaders (error %v)", added, err)
			}
		})
	}
}

func TestAddLeaderNormalizes(t *testing.T) {
	var l meeting.Ledger
	seoul := time.FixedZone("KST", 9*60*60)
	in := meeting.Leader{
		ID: "a", Name: "A", Country: "kor",
		Terms:   []meeting.Term{{Start: time.Date(2022, 5, 10, 0, 0, 0, 0, seoul)}, {Start: day("2001-01-01"), End: day("2002-01-01")}},
		Aliases: []string{},
	}
	if err := l.AddLeader(in); err != nil {
		t.Fatal(err)
	}
	in.Terms[1].Start = day("1999-01-01") // the ledger keeps its own copy
	got, err := l.Leader("a")
	if err != nil {
		t.Fatal(err)
	}
	want := meeting.Leader{ID: "a", Name: "A", Country: "KR", Terms: []meeting.Term{
		{Start: day("2001-01-01"), End: day("2002-01-01")},
		{Start: day("2022-05-10")},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored leader (-want +got):\n%s", diff)
	}
	if got.Terms[1].Start.Location() != time.UTC {
		t.Errorf("term start in %v, want UTC", got.Terms[1].Start.Location())
	}
	got.Terms[0].Start = day("1990-01-01") // a returned copy is the caller's
	again, _ := l.Leader("a")
	if !again.Equal(want) {
		t.Errorf("ledger changed through a returned leader: %v", again.Terms)
	}
}

func TestAddMeetingProblems(t *testing.T) {
	yk := []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}
	tests := []struct {
		name     string
		meetings []meeting.Meeting
		want     []problem
	}{
		{"valid", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: yk}}, nil},
		{"empty ID", []meeting.Meeting{{Date: day("2024-08-01"), Participants: yk}},
			[]problem{{"meeting", 0, "id", meeting.ErrMissing}}},
		{"no date", []meeting.Meeting{{ID: "n", Participants: yk}},
			[]problem{{"meeting", 0, "date", meeting.ErrMissing}}},
		{"bad kind and status", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: yk, Kind: 9, Status: -1}},
			[]problem{{"meeting", 0, "kind", meeting.ErrInvalidKind}, {"meeting", 0, "status", meeting.ErrInvalidStatus}}},
		{"one participant", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: yk[:1]}},
			[]problem{{"meeting", 0, "participants", meeting.ErrTooFewParticipants}}},
		{"same participant twice", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: []string{yk[0], yk[0]}}},
			[]problem{{"meeting", 0, "participants[1]", meeting.ErrDuplicate}, {"meeting", 0, "participants", meeting.ErrTooFewParticipants}}},
		{"same participant twice, out of term once", []meeting.Meeting{{ID: "n", Date: day("2024-12-01"), Participants: []string{yk[1], yk[0], yk[1]}}},
			[]problem{{"meeting", 0, "participants[2]", meeting.ErrDuplicate}, {"meeting", 0, "date", meeting.ErrOutOfTerm}}},
		{"empty participant", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: []string{yk[0], yk[1], ""}}},
			[]problem{{"meeting", 0, "participants[2]", meeting.ErrMissing}}},
		{"unknown participant", []meeting.Meeting{{ID: "n", Date: day("2024-08-01"), Participants: []string{yk[0], "Fumio Kishida"}}},
			[]problem{{"meeting", 0, "participants[1]", meeting.ErrUnknownLeader}}},
		{"out of term", []meeting.Meeting{{ID: "n", Date: day("2024-10-02"), Participants: yk}},
			[]problem{{"meeting", 0, "date", meeting.ErrOutOfTerm}}},
		{"last day of term", []meeting.Meeting{{ID: "n", Date: day("2024-10-01"), Participants: yk}}, nil},
		{"planned, still out of term", []meeting.Meeting{{ID: "n", Date: day("2022-05-09"), Participants: yk, Status: meeting.Planned}},
			[]problem{{"meeting", 0, "date", meeting.ErrOutOfTerm}}},
		{"duplicate ID in ledger", []meeting.Meeting{{ID: "yk-2023-03-16", Date: day("2024-08-01"), Participants: yk}},
			[]problem{{"meeting", 0, "id", meeting.ErrDuplicate}}},
		{"duplicate ID in batch", []meeting.Meeting{
			{ID: "n", Date: day("2024-08-01"), Participants: yk},
			{ID: "n", Date: day("2024-08-02"), Participants: yk},
		}, []problem{{"meeting", 1, "id", meeting.ErrDuplicate}}},
		{"same meeting recorded twice", []meeting.Meeting{{ID: "n", Date: day("2023-03-16"), Participants: []string{yk[1], yk[0]}, Status: meeting.Planned}},
			[]problem{{"meeting", 0, "", meeting.ErrDuplicate}}},
		{"same meeting twice in batch", []meeting.Meeting{
			{ID: "n1", Date: day("2024-08-01"), Participants: yk},
			{ID: "n2", Date: day("2024-08-01"), Participants: yk},
		}, []problem{{"meeting", 1, "", meeting.ErrDuplicate}}},
		{"same day, other kind", []meeting.Meeting{{ID: "n", Date: day("2023-03-16"), Participants: yk, Kind: meeting.Call}}, nil},
		{"several at once", []meeting.Meeting{
			{ID: "ok", Date: day("2024-08-01"), Participants: yk},
			{ID: "bad", Date: day("2024-08-02"), Participants: []string{yk[0], "nobody"}},
		}, []problem{{"meeting", 1, "participants[1]", meeting.ErrUnknownLeader}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := storyLedger()
			before := len(l.Meetings())
			err := l.AddMeeting(tt.meetings...)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), equateErrors); diff != "" {
				t.Errorf("AddMeeting problems (-want +got):\n%s\nerror: %v", diff, err)
			}
			added := len(l.Meetings()) - before
			if want := len(tt.meetings); err != nil && added != 0 || err == nil && added != want {
				t.Errorf("AddMeeting added %d meetings (error %v)", added, err)
			}
		})
	}
}

func TestLeaderLookup(t *testing.T) {
	l := storyLedger()
	if err := l.AddLeader(
		meeting.Leader{ID: "jp-kishida-2", Name: "Fumio Kishida", Country: "JP"},
		meeting.Leader{ID: "KR_YOON_SUK_YEOL", Name: "Someone else", Country: "KR"}, // an ID that reads as another's ID
		meeting.Leader{ID: "ua-zelenskyy", Name: "Володимир Зеленський", Country: "UA", Aliases: []string{"Зеленський"}},
		meeting.Leader{ID: "ua-other", Name: "Зеленськии", Country: "UA"},
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in     string
		wantID string
		err    error
	}{
		{"kr-yoon-suk-yeol", "kr-yoon-suk-yeol", nil},
		{"KR_YOON_SUK_YEOL", "KR_YOON_SUK_YEOL", nil}, // the exact ID wins
		{"KR-YOON-SUK-YEOL", "", meeting.ErrAmbiguous},
		{"Yoon Suk Yeol", "kr-yoon-suk-yeol", nil},
		{"yoon suk-yeol", "kr-yoon-suk-yeol", nil},
		{"윤석열", "kr-yoon-suk-yeol", nil},
		{"윤 석 열", "kr-yoon-suk-yeol", nil},
		{"문재인", "kr-moon-jae-in", nil},
		{"MOON JAE IN", "kr-moon-jae-in", nil},
		{"Shinzō Abe", "jp-abe-shinzo", nil},
		{"abe shinzo", "jp-abe-shinzo", nil},
		{"安倍晋三", "jp-abe-shinzo", nil},
		{"기시다후미오", "jp-kishida-fumio", nil},
		{"Fumio Kishida", "", meeting.ErrAmbiguous},
		{"", "", meeting.ErrUnknownLeader},
		{"—", "", meeting.ErrUnknownLeader},
		{"Kishida", "", meeting.ErrUnknownLeader},
		{"ЗЕЛЕНСЬКИЙ", "ua-zelenskyy", nil}, // й is not и
		{"зеленськии", "ua-other", nil},
		{"Shinzoʼ Abe", "jp-abe-shinzo", nil}, // a modifier apostrophe is punctuation
	}
	for _, tt := range tests {
		got, err := l.Leader(tt.in)
		if !errors.Is(err, tt.err) || err == nil && tt.err != nil {
			t.Errorf("Leader(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if got.ID != tt.wantID {
			t.Errorf("Leader(%q) = %q, want %q", tt.in, got.ID, tt.wantID)
		}
	}
	_, err := l.Leader("Fumio Kishida")
	var amb *meeting.AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatalf("Leader(Fumio Kishida) error %T, want *AmbiguousError", err)
	}
	var ids []string
	for _, c := range amb.Candidates {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"jp-kishida-2", "jp-kishida-fumio"}, ids); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

func TestLeadersCollated(t *testing.T) {
	var l meeting.Ledger
	names := []string{"Zelensky", "Ängela", "angela", "Émile", "Ellen", "윤석열", "Bob"}
	for i, n := range names {
		if err := l.AddLeader(meeting.Leader{ID: string(rune('a' + i)), Name: n, Country: "FR"}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, ld := range l.Leaders() {
		got = append(got, ld.Name)
	}
	want := []string{"angela", "Ängela", "Bob", "Ellen", "Émile", "Zelensky", "윤석열"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Leaders order (-want +got):\n%s", diff)
	}
}

func TestCountRules(t *testing.T) {
	l := storyLedger()
	if err := l.AddMeeting(
		meeting.Meeting{ID: "call", Date: day("2023-01-05"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}, Kind: meeting.Call},
		meeting.Meeting{ID: "planned", Date: day("2024-09-06"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}, Status: meeting.Planned},
		meeting.Meeting{ID: "cancelled", Date: day("2024-08-01"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}, Status: meeting.Cancelled},
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		r    meeting.Rule
		want int
	}{
		{"zero rule", meeting.Rule{}, 10},
		{"with pull-asides", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}, 11},
		{"kinds repeated", meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside, meeting.Talks, meeting.Talks}}, 11},
		{"calls only", meeting.Rule{Kinds: []meeting.Kind{meeting.Call}}, 1},
		{"planned only", meeting.Rule{Statuses: []meeting.Status{meeting.Planned}}, 1},
		{"held or planned", meeting.Rule{Statuses: []meeting.Status{meeting.Held, meeting.Planned}}, 11},
		{"every status", meeting.Rule{Statuses: []meeting.Status{meeting.Held, meeting.Planned, meeting.Unconfirmed, meeting.Cancelled}}, 12},
		{"multilateral", meeting.Rule{Multilateral: true}, 11},
		{"window inclusive", meeting.Rule{From: day("2023-03-16"), To: day("2023-05-21")}, 3},
		{"window in another zone", meeting.Rule{From: time.Date(2023, 3, 16, 23, 0, 0, 0, time.FixedZone("X", -5*3600))}, 9},
		{"one-day window", meeting.Rule{From: day("2023-03-16"), To: day("2023-03-16")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, pair := range [][2]string{{"Yoon Suk Yeol", "Fumio Kishida"}, {"岸田文雄", "윤석열"}} {
				got, err := l.Count(pair[0], pair[1], tt.r)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("Count(%s, %s, %v) = %d, want %d", pair[0], pair[1], tt.r, got, tt.want)
				}
				ms, err := l.Between(pair[0], pair[1], tt.r)
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) != tt.want {
					t.Errorf("Between(%s, %s, %v) has %d meetings, Count %d", pair[0], pair[1], tt.r, len(ms), tt.want)
				}
			}
		})
	}
	if n, err := l.Count("Yoon Suk Yeol", "윤석열", meeting.Rule{}); n != 0 || err != nil {
		t.Errorf("Count of a leader with themself = %d, %v; want 0, nil", n, err)
	}
	if _, err := l.Count("Yoon Suk Yeol", "nobody", meeting.Rule{}); !errors.Is(err, meeting.ErrUnknownLeader) {
		t.Errorf("Count with an unknown leader: error %v, want ErrUnknownLeader", err)
	}
}

func TestSchedule(t *testing.T) {
	l := storyLedger()
	d := day("2024-07-10")
	if err := l.AddMeeting(
		meeting.Meeting{ID: "z-cancelled", Date: d, Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Status: meeting.Cancelled},
		meeting.Meeting{ID: "a-planned", Date: d, Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Status: meeting.Planned, Kind: meeting.Call},
		meeting.Meeting{ID: "next-day", Date: day("2024-07-11"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}},
	); err != nil {
		t.Fatal(err)
	}
	got, err := l.Schedule("윤석열", time.Date(2024, 7, 10, 22, 0, 0, 0, time.FixedZone("EDT", -4*3600)))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if diff := cmp.Diff([]string{"yk-2024-07-10", "a-planned", "z-cancelled"}, ids); diff != "" {
		t.Errorf("Schedule (-want +got):\n%s", diff)
	}
	if _, err := l.Schedule("nobody", d); !errors.Is(err, meeting.ErrUnknownLeader) {
		t.Errorf("Schedule(nobody) error %v, want ErrUnknownLeader", err)
	}
	if ms, err := l.Schedule("Yoon Suk Yeol", day("2020-01-01")); err != nil || len(ms) != 0 {
		t.Errorf("Schedule on a free day = %v, %v", ms, err)
	}
}

func TestStreak(t *testing.T) {
	l := storyLedger()
	if err := l.AddMeeting(
		meeting.Meeting{ID: "sld-2022", Date: day("2022-11-15"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Occasion: "Shangri-La Dialogue 2022"},
		meeting.Meeting{ID: "sld-2023", Date: day("2023-09-09"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Occasion: "ｓｈａｎｇｒｉ-ｌａ  dialogue 2023", Status: meeting.Cancelled},
		meeting.Meeting{ID: "sld-2024", Date: day("2024-05-01"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Occasion: "Shangri La Dialogue 2024"},
		// Joining by telephone is not attending.
		meeting.Meeting{ID: "unga-2023", Date: day("2023-09-20"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Occasion: "UN General Assembly 2023", Kind: meeting.Call},
		meeting.Meeting{ID: "unga-2024", Date: day("2024-09-24"), Participants: []string{"kr-yoon-suk-yeol", "us-biden-joe"}, Occasion: "UN General Assembly 2024", Kind: meeting.Visit},
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		leader, series string
		through, want  int
	}{
		{"Yoon Suk Yeol", "NATO Summit", 2024, 3},
		{"Yoon Suk Yeol", "nato-summit", 2023, 2},
		{"Yoon Suk Yeol", "NATO Summit", 2021, 0},
		{"Yoon Suk Yeol", "NATO", 2024, 0},
		{"Yoon Suk Yeol", "Shangri-La Dialogue", 2024, 1}, // 2023 was cancelled
		{"Yoon Suk Yeol", "shangri la dialogue", 2022, 1},
		{"Joe Biden", "NATO Summit", 2022, 1},
		{"Joe Biden", "NATO Summit", 2024, 0},
		{"Moon Jae-in", "NATO Summit", 2024, 0},
		{"Yoon Suk Yeol", "UN General Assembly", 2024, 1}, // a visit counts, the call of 2023 does not
		{"Yoon Suk Yeol", "UN General Assembly", 2023, 0},
		{"Yoon Suk Yeol", "UN General Assembly", 2022, 1}, // a pull-aside is in person
	}
	for _, tt := range tests {
		got, err := l.Streak(tt.leader, tt.series, tt.through)
		if err != nil || got != tt.want {
			t.Errorf("Streak(%q, %q, %d) = %d, %v; want %d", tt.leader, tt.series, tt.through, got, err, tt.want)
		}
	}
	if _, err := l.Streak("Yoon Suk Yeol", " ", 2024); !errors.Is(err, meeting.ErrMissing) {
		t.Errorf("Streak with an empty series: error %v, want ErrMissing", err)
	}
}

func TestReconcile(t *testing.T) {
	l := storyLedger()
	claims := []meeting.Claim{
		{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: day("2024-07-10")},
		{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 9, AsOf: day("2024-07-10")},
		{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 9},
		{A: "nobody", B: "Fumio Kishida", Count: 1},
	}
	got := l.Reconcile(claims, meeting.Rule{To: day("2024-06-01")})
	want := []meeting.Finding{
		{Claim: claims[0], Recorded: 9, Missing: 2}, // the rule's earlier To wins
		{Claim: claims[1], Recorded: 9, Missing: 0},
		{Claim: claims[2], Recorded: 9, Missing: 0},
		{Claim: claims[3], Err: meeting.ErrUnknownLeader},
	}
	if diff := cmp.Diff(want, got, equateErrors); diff != "" {
		t.Errorf("Reconcile (-want +got):\n%s", diff)
	}
	got = l.Reconcile(claims[:1], meeting.Rule{})
	if got[0].Recorded != 10 || got[0].Missing != 1 {
		t.Errorf("Reconcile under the zero rule = %+v, want recorded 10, missing 1", got[0])
	}
	if got := l.Reconcile(nil, meeting.Rule{}); len(got) != 0 {
		t.Errorf("Reconcile(nil) = %v", got)
	}
}

func TestRuleValidate(t *testing.T) {
	tests := []struct {
		name string
		r    meeting.Rule
		want string // the error, "" for none
		is   []error
	}{
		{"zero rule", meeting.Rule{}, "", nil},
		{"every kind and status", meeting.Rule{
			Kinds:    []meeting.Kind{meeting.Talks, meeting.PullAside, meeting.Call, meeting.Visit},
			Statuses: []meeting.Status{meeting.Held, meeting.Planned, meeting.Unconfirmed, meeting.Cancelled},
		}, "", nil},
		{"one-day window", meeting.Rule{From: day("2024-01-01"), To: day("2024-01-01")}, "", nil},
		{"same day in two zones", meeting.Rule{From: time.Date(2024, 1, 1, 23, 0, 0, 0, time.FixedZone("X", 9*3600)), To: day("2024-01-01")}, "", nil},
		{"unknown kind", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, 9}},
			"meeting: invalid rule: Kinds[1] is Kind(9), not a kind", []error{meeting.ErrInvalidRule, meeting.ErrInvalidKind}},
		{"unknown status", meeting.Rule{Statuses: []meeting.Status{-1}},
			"meeting: invalid rule: Statuses[0] is Status(-1), not a status", []error{meeting.ErrInvalidRule, meeting.ErrInvalidStatus}},
		{"From after To", meeting.Rule{From: day("2025-01-01"), To: day("2024-01-01")},
			"meeting: invalid rule: From 2025-01-01 is after To 2024-01-01", []error{meeting.ErrInvalidRule}},
		{"everything wrong", meeting.Rule{Kinds: []meeting.Kind{42}, Statuses: []meeting.Status{7}, From: day("2025-01-01"), To: day("2024-01-01")},
			"meeting: invalid rule: Kinds[0] is Kind(42), not a kind; Statuses[0] is Status(7), not a status; From 2025-01-01 is after To 2024-01-01",
			[]error{meeting.ErrInvalidRule, meeting.ErrInvalidKind, meeting.ErrInvalidStatus}},
	}
	l := storyLedger()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
			for _, is := range tt.is {
				if !errors.Is(err, is) {
					t.Errorf("Validate error %v is not %v", err, is)
				}
			}
			if tt.want == "" {
				return
			}
			// Every question under the rule reports the error, never a count of 0.
			if n, err := l.Count("Yoon Suk Yeol", "Fumio Kishida", tt.r); !errors.Is(err, meeting.ErrInvalidRule) || n != 0 {
				t.Errorf("Count = %d, %v; want an ErrInvalidRule error", n, err)
			}
			if ms, err := l.Between("Yoon Suk Yeol", "Fumio Kishida", tt.r); !errors.Is(err, meeting.ErrInvalidRule) || ms != nil {
				t.Errorf("Between = %v, %v; want an ErrInvalidRule error", ms, err)
			}
			if _, err := l.Rank("KR", "JP", tt.r); !errors.Is(err, meeting.ErrInvalidRule) {
				t.Errorf("Rank error %v, want ErrInvalidRule", err)
			}
			for _, f := range l.Reconcile([]meeting.Claim{{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11}}, tt.r) {
				if !errors.Is(f.Err, meeting.ErrInvalidRule) || f.Recorded != 0 {
					t.Errorf("Reconcile finding %v, want Err ErrInvalidRule", f)
				}
			}
			pc := l.Pairs(tt.r)
			if diff := cmp.Diff(tt.want, fmt.Sprint(pc.Err())); diff != "" {
				t.Errorf("Pairs.Err (-want +got):\n%s", diff)
			}
			if rows := pc.Rows(); len(rows) != 0 {
				t.Errorf("Pairs under an invalid rule has rows %v", rows)
			}
		})
	}
}

func TestBetween(t *testing.T) {
	l := storyLedger()
	tests := []struct {
		name string
		a, b string
		r    meeting.Rule
		want []string // meeting IDs
	}{
		{"strict, from 2024", "윤석열", "岸田文雄", meeting.Rule{From: day("2024-01-01")}, []string{"yk-2024-05-26", "yk-2024-07-10"}},
		{"the press count's extra meeting", "Fumio Kishida", "Yoon Suk Yeol",
			meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside}}, []string{"yk-2022-09-21"}},
		{"the trilateral", "Joe Biden", "Yoon Suk Yeol", meeting.Rule{Multilateral: true}, []string{"ykb-2022-06-29"}},
		{"not under the strict rule", "Joe Biden", "Yoon Suk Yeol", meeting.Rule{}, nil},
		{"with themself", "Yoon Suk Yeol", "윤석열", meeting.Rule{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := l.Between(tt.a, tt.b, tt.r)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Between(%s, %s, %v) (-want +got):\n%s", tt.a, tt.b, tt.r, diff)
			}
		})
	}
	all, err := l.Between("Yoon Suk Yeol", "Fumio Kishida", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 11 || all[0].ID != "yk-2022-09-21" || all[10].ID != "yk-2024-07-10" {
		t.Errorf("Between = %v, want the 11 meetings in date order", all)
	}
	all[0].Participants[0] = "changed"
	if again, _ := l.Between("Yoon Suk Yeol", "Fumio Kishida", meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside}}); again[0].Participants[0] == "changed" {
		t.Error("Between shares participants with the ledger")
	}
	if _, err := l.Between("Yoon Suk Yeol", "nobody", meeting.Rule{}); !errors.Is(err, meeting.ErrUnknownLeader) {
		t.Errorf("Between with an unknown leader: error %v, want ErrUnknownLeader", err)
	}
}

func TestSetStatus(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		status meeting.Status
		err    error
		count  int // held talks of Yoon and Starmer afterwards
	}{
		{"planned, then held", "yg-2024-07-11", meeting.Held, nil, 1},
		{"called off", "yg-2024-07-11", meeting.Cancelled, nil, 0},
		{"back to planned", "yg-2024-07-11", meeting.Planned, nil, 0},
		{"unknown meeting", "nope", meeting.Held, meeting.ErrUnknownMeeting, 0},
		{"invalid status", "yg-2024-07-11", meeting.Status(9), meeting.ErrInvalidStatus, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := storyLedger()
			if err := l.AddLeader(meeting.Leader{ID: "gb-starmer-keir", Name: "Keir Starmer", Country: "GB"}); err != nil {
				t.Fatal(err)
			}
			planned := meeting.Meeting{ID: "yg-2024-07-11", Date: day("2024-07-11"), Participants: []string{"kr-yoon-suk-yeol", "gb-starmer-keir"}, Status: meeting.Planned}
			if err := l.AddMeeting(planned); err != nil {
				t.Fatal(err)
			}
			err := l.SetStatus(tt.id, tt.status)
			if diff := cmp.Diff(tt.err, err, equateErrors); diff != "" {
				t.Errorf("SetStatus error (-want +got):\n%s", diff)
			}
			if n, _ := l.Count("Yoon Suk Yeol", "Keir Starmer", meeting.Rule{}); n != tt.count {
				t.Errorf("Count after SetStatus = %d, want %d", n, tt.count)
			}
			want := planned
			if tt.err == nil {
				want.Status = tt.status
			}
			got, _ := l.Meeting("yg-2024-07-11")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("meeting after SetStatus (-want +got):\n%s", diff)
			}
			// Adding the held meeting anew is still a duplicate: the status is
			// changed, not recorded twice.
			held := planned
			held.ID, held.Status = "yg-held", meeting.Held
			if err := l.AddMeeting(held); !errors.Is(err, meeting.ErrDuplicate) {
				t.Errorf("AddMeeting of the same meeting, held: error %v, want ErrDuplicate", err)
			}
		})
	}
}

func TestRank(t *testing.T) {
	var l meeting.Ledger
	term := []meeting.Term{{Start: day("2020-01-01")}}
	if err := l.AddLeader(
		meeting.Leader{ID: "kr-b", Name: "Bae", Country: "KR", Terms: term},
		meeting.Leader{ID: "kr-a", Name: "Ahn", Country: "KR", Terms: term},
		meeting.Leader{ID: "kr-c", Name: "Cho", Country: "KR", Terms: []meeting.Term{{Start: day("2020-01-01"), End: day("2020-12-31")}}},
		meeting.Leader{ID: "kr-d", Name: "Do", Country: "KR"},
		meeting.Leader{ID: "kr-e", Name: "Eom", Country: "KR", Terms: []meeting.Term{{Start: day("2000-01-01"), End: day("2001-01-01")}}},
		// Not yet in office on 2022-01-01: left out then.
		meeting.Leader{ID: "kr-f", Name: "Fa", Country: "KR", Terms: []meeting.Term{{Start: day("2022-06-01")}}},
		meeting.Leader{ID: "jp-x", Name: "Xa", Country: "JP"},
		meeting.Leader{ID: "jp-y", Name: "Ya", Country: "JP"},
		meeting.Leader{ID: "us-z", Name: "Za", Country: "US"},
	); err != nil {
		t.Fatal(err)
	}
	m := func(id, date string, who ...string) meeting.Meeting {
		return meeting.Meeting{ID: id, Date: day(date), Participants: who}
	}
	if err := l.AddMeeting(
		m("1", "2020-02-01", "kr-a", "jp-x"),
		m("2", "2020-03-01", "kr-a", "jp-y"),
		m("3", "2020-03-01", "kr-b", "jp-x"),
		m("4", "2020-04-01", "kr-b", "jp-y"),
		m("5", "2020-05-01", "kr-c", "jp-x"),
		m("6", "2020-05-01", "kr-a", "us-z"),         // not Japan
		m("7", "2020-06-01", "kr-c", "jp-x", "jp-y"), // trilateral
		m("8", "2021-01-01", "kr-b", "kr-a", "jp-y"), // trilateral
		m("9", "2022-01-01", "kr-d", "jp-x"),         // the latest held talks: open terms end here
	); err != nil {
		t.Fatal(err)
	}
	// Later meetings that the zero rule does not count move nothing.
	later := m("10", "2023-01-01", "jp-x", "us-z")
	later.Status = meeting.Planned
	call := m("11", "2022-06-01", "jp-y", "us-z")
	call.Kind = meeting.Call
	if err := l.AddMeeting(later, call); err != nil {
		t.Fatal(err)
	}
	dec := decimal.RequireFromString
	row := func(id string, count, rank, days int, years, perYear string) meeting.Standing {
		ld, err := l.Leader(id)
		if err != nil {
			t.Fatal(err)
		}
		st := meeting.Standing{Leader: ld, Count: count, Most: count, Rank: rank, Lowest: rank, Recorded: count, DaysInOffice: days}
		if years != "unknown" {
			st.YearsKnown, st.YearsInOffice, st.PerYear, st.MostPerYear = true, dec(years), dec(perYear), dec(perYear)
		}
		return st
	}
	tests := []struct {
		name string
		r    meeting.Rule
		asOf string
		want []meeting.Standing
	}{
		{"zero rule", meeting.Rule{}, "2022-01-01", []meeting.Standing{
			// 2020-01-01..2022-01-01 is 732 days, both ends included: 2.00 years.
			row("kr-a", 2, 1, 732, "2.00", "1.00"),
			row("kr-b", 2, 1, 732, "2.00", "1.00"),
			row("kr-c", 1, 3, 366, "1.00", "1.00"), // 2020 is a leap year
			row("kr-d", 1, 3, 0, "unknown", ""),    // no terms
			row("kr-e", 0, 5, 367, "1.00", "0"),    // kr-f is left out

		}},
		{"multilateral", meeting.Rule{Multilateral: true}, "2022-01-01", []meeting.Standing{
			row("kr-a", 3, 1, 732, "2.00", "1.50"),
			row("kr-b", 3, 1, 732, "2.00", "1.50"),
			row("kr-c", 2, 3, 366, "1.00", "2.00"), // one meeting with two Japanese leaders counts once
			row("kr-d", 1, 4, 0, "unknown", ""),
			row("kr-e", 0, 5, 367, "1.00", "0"),
		}},
		{"window", meeting.Rule{From: day("2020-03-01"), To: day("2020-12-31")}, "2020-12-31", []meeting.Standing{
			// 2020-03-01..2020-12-31 is 306 days: 0.84 years; kr-e is out of the window.
			row("kr-b", 2, 1, 306, "0.84", "2.38"),
			row("kr-a", 1, 2, 306, "0.84", "1.19"),
			row("kr-c", 1, 2, 306, "0.84", "1.19"),
			row("kr-d", 0, 4, 0, "unknown", ""),
		}},
		{"one-day window", meeting.Rule{From: day("2020-03-01"), To: day("2020-03-01")}, "2020-03-01", []meeting.Standing{
			row("kr-a", 1, 1, 1, "0.00", "0"), // one day is 0.0027 years
			row("kr-b", 1, 1, 1, "0.00", "0"),
			row("kr-c", 0, 3, 1, "0.00", "0"),
			row("kr-d", 0, 3, 0, "unknown", ""),
		}},
		{"planned meetings count", meeting.Rule{Statuses: []meeting.Status{meeting.Held, meeting.Planned}}, "2023-01-01", []meeting.Standing{
			row("kr-a", 2, 1, 1097, "3.00", "0.67"), // open terms run to the planned meeting
			row("kr-b", 2, 1, 1097, "3.00", "0.67"),
			row("kr-c", 1, 3, 366, "1.00", "1.00"),
			row("kr-d", 1, 3, 0, "unknown", ""),
			row("kr-e", 0, 5, 367, "1.00", "0"),
			row("kr-f", 0, 5, 215, "0.59", "0"), // in office from 2022-06-01 to 2023-01-01
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Rank("kr", "JPN", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, s.Rows()); diff != "" {
				t.Errorf("Rank rows (-want +got):\n%s", diff)
			}
			if s.Country() != "KR" || s.Counterpart() != "JP" {
				t.Errorf("Rank countries = %s, %s", s.Country(), s.Counterpart())
			}
			if got := s.AsOf(); !got.Equal(day(tt.asOf)) {
				t.Errorf("AsOf = %v, want %s", got, tt.asOf)
			}
		})
	}
	for _, bad := range [][2]string{{"Korea", "JP"}, {"KR", "EU"}} {
		if _, err := l.Rank(bad[0], bad[1], meeting.Rule{}); !errors.Is(err, meeting.ErrInvalidCountry) {
			t.Errorf("Rank(%s, %s) error %v, want ErrInvalidCountry", bad[0], bad[1], err)
		}
	}
	if s, err := l.Rank("FR", "JP", meeting.Rule{}); err != nil || len(s.Rows()) != 0 {
		t.Errorf("Rank of a country with no leaders = %v, %v", s.Rows(), err)
	}
}

// TestRankDaysInOffice checks that days in office count both ends of a term
// and a day two terms share once.
func TestRankDaysInOffice(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "us-obama", Name: "Barack Obama", Country: "US", Terms: []meeting.Term{
			{Start: day("2009-01-20"), End: day("2013-01-20")}, {Start: day("2013-01-20"), End: day("2017-01-20")}}},
		meeting.Leader{ID: "us-one-day", Name: "One Day", Country: "US", Terms: []meeting.Term{{Start: day("2013-01-20"), End: day("2013-01-20")}}},
		meeting.Leader{ID: "us-open", Name: "Open", Country: "US", Terms: []meeting.Term{
			{Start: day("2010-01-01"), End: day("2011-01-01")}, {Start: day("2011-01-01")}}},
		meeting.Leader{ID: "jp-x", Name: "X", Country: "JP"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(meeting.Meeting{ID: "m", Date: day("2016-12-31"), Participants: []string{"us-obama", "jp-x"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		r    meeting.Rule
		want map[string]int // leader ID → days
	}{
		// Every term is cut at the as-of day, the latest meeting,
		// 2016-12-31, as the caption says ("years in office to
		// 2016-12-31"): 2009-01-20..2016-12-31 is 2903 days, though the
		// closed term ran to 2017-01-20; the open term runs to the same
		// day: 2010-01-01..2016-12-31 is 2557 days.
		{"whole terms", meeting.Rule{}, map[string]int{"us-obama": 2903, "us-one-day": 1, "us-open": 2557}},
		{"the shared day only", meeting.Rule{From: day("2013-01-20"), To: day("2013-01-20")}, map[string]int{"us-obama": 1, "us-one-day": 1, "us-open": 1}},
		{"the second term", meeting.Rule{From: day("2013-01-20")}, map[string]int{"us-obama": 1442, "us-one-day": 1, "us-open": 1442}},
		{"to the end of the closed term", meeting.Rule{To: day("2017-01-20")}, map[string]int{"us-obama": 2923, "us-one-day": 1, "us-open": 2577}},
		{"up to the inauguration", meeting.Rule{To: day("2013-01-20")}, map[string]int{"us-obama": 1462, "us-one-day": 1, "us-open": 1116}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Rank("US", "JP", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, row := range s.Rows() {
				got[row.ID] = row.DaysInOffice
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("days in office (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRankAsOf checks the day open terms are closed at: the rule's To, else
// the latest meeting that counts under the rule, not any later record.
func TestRankAsOf(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "kr-a", Name: "A", Country: "KR", Terms: []meeting.Term{{Start: day("2022-05-10")}}},
		meeting.Leader{ID: "jp-b", Name: "B", Country: "JP"},
		meeting.Leader{ID: "us-c", Name: "C", Country: "US"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(
		meeting.Meeting{ID: "1", Date: day("2024-07-10"), Participants: []string{"kr-a", "jp-b"}},
		meeting.Meeting{ID: "2", Date: day("2030-01-01"), Participants: []string{"jp-b", "us-c"}, Status: meeting.Planned},
		meeting.Meeting{ID: "3", Date: day("2025-01-01"), Participants: []string{"jp-b", "us-c"}, Kind: meeting.Call},
		meeting.Meeting{ID: "4", Date: day("2024-12-01"), Participants: []string{"kr-a", "jp-b", "us-c"}},
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		r     meeting.Rule
		asOf  string // "" for none
		years string
	}{
		{"zero rule: the held talks of 2024-07-10", meeting.Rule{}, "2024-07-10", "2.17"},
		{"calls count", meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.Call}}, "2025-01-01", "2.65"},
		{"multilateral", meeting.Rule{Multilateral: true}, "2024-12-01", "2.57"},
		{"planned count", meeting.Rule{Statuses: []meeting.Status{meeting.Planned}}, "2030-01-01", "7.65"},
		{"To wins", meeting.Rule{To: day("2023-05-09")}, "2023-05-09", "1.00"},
		{"nothing counts", meeting.Rule{Kinds: []meeting.Kind{meeting.Visit}}, "", "0"},
		{"nothing counts from", meeting.Rule{From: day("2024-07-11")}, "", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Rank("KR", "JP", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			var want time.Time
			if tt.asOf != "" {
				want = day(tt.asOf)
			}
			if got := s.AsOf(); !got.Equal(want) {
				t.Errorf("AsOf = %v, want %v", got, want)
			}
			if got := s.Rows()[0].YearsInOffice; !got.Equal(decimal.RequireFromString(tt.years)) {
				t.Errorf("YearsInOffice = %s, want %s", got, tt.years)
			}
			caption := strings.SplitN(s.String(), "\n", 2)[0]
			if wantIn := "; years in office to " + tt.asOf; tt.asOf != "" && !strings.HasSuffix(caption, wantIn) {
				t.Errorf("caption %q does not end with %q", caption, wantIn)
			}
			if tt.asOf == "" && strings.Contains(caption, "years in office to") {
				t.Errorf("caption %q states an as-of date", caption)
			}
		})
	}
}

func TestPairsAndMeetingsAreCopies(t *testing.T) {
	l := storyLedger()
	rows := l.Pairs(meeting.Rule{}).Rows()
	rows[0].A.Aliases[0] = "changed"
	ms := l.Meetings()
	ms[0].Participants[0] = "changed"
	m, ok := l.Meeting(ms[1].ID)
	if !ok {
		t.Fatalf("Meeting(%q) not found", ms[1].ID)
	}
	m.Participants[0] = "changed"
	if got := l.Pairs(meeting.Rule{}).Rows()[0].A.Aliases[0]; got == "changed" {
		t.Error("Pairs shares aliases with the ledger")
	}
	if got := l.Meetings(); got[0].Participants[0] == "changed" || got[1].Participants[0] == "changed" {
		t.Error("Meetings shares participants with the ledger")
	}
	if _, ok := l.Meeting("nope"); ok {
		t.Error(`Meeting("nope") found`)
	}
}

func TestMeetingsOrder(t *testing.T) {
	var l meeting.Ledger
	if err := l.AddLeader(storyLeaders()...); err != nil {
		t.Fatal(err)
	}
	ms := storyMeetings()
	// Add in reverse, one at a time, and in two batches: the order is the same.
	for i := len(ms) - 1; i >= 0; i-- {
		if err := l.AddMeeting(ms[i]); err != nil {
			t.Fatal(err)
		}
	}
	got := l.Meetings()
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.Date.After(b.Date) || a.Date.Equal(b.Date) && a.ID > b.ID {
			t.Errorf("Meetings out of order at %d: %s then %s", i, a, b)
		}
	}
	if diff := cmp.Diff(storyLedger().Meetings(), got); diff != "" {
		t.Errorf("Meetings depends on the order of adding (-batch +reverse):\n%s", diff)
	}
}

// TestLookupOfHugeText: a lookup longer than any spelling of a name could
// be is unknown without folding it (folding "ﷺ" × 300,000 takes seconds),
// while a long spelling of a long name still finds it.
func TestLookupOfHugeText(t *testing.T) {
	l := storyLedger()
	long := strings.Repeat("ab", 500) // 1000 bytes: the longest name
	if err := l.AddLeader(meeting.Leader{ID: "x-long", Name: long, Country: "KR"}); err != nil {
		t.Fatal(err)
	}
	for _, spelling := range []string{
		strings.Repeat("𝐚𝐛", 500) + " ",                 // mathematical letters: 4001 bytes
		width.Widen.String(strings.Repeat("a-b ", 500)), // full-width, with hyphens and spaces
	} {
		if got, err := l.Leader(spelling); err != nil || got.ID != "x-long" {
			t.Errorf("Leader(%d bytes) = %q, %v; want x-long", len(spelling), got.ID, err)
		}
	}
	huge := strings.Repeat("ﷺ", 5334) // 16,002 bytes
	if _, err := l.Leader(huge); !errors.Is(err, meeting.ErrUnknownLeader) || !strings.Contains(err.Error(), "a name of 16002 bytes") {
		t.Errorf("Leader(16,002 bytes) error %v, want ErrUnknownLeader naming the size", err)
	}
	if _, err := l.Count("Yoon Suk Yeol", huge, meeting.Rule{}); !errors.Is(err, meeting.ErrUnknownLeader) {
		t.Errorf("Count with a huge name: error %v, want ErrUnknownLeader", err)
	}
	if _, err := meeting.ParseKind(strings.Repeat("talks", 100)); !errors.Is(err, meeting.ErrInvalidKind) || !strings.Contains(err.Error(), "500 bytes") {
		t.Errorf("ParseKind(500 bytes) error %v", err)
	}
	if _, err := meeting.ParseStatus(strings.Repeat("held", 100)); !errors.Is(err, meeting.ErrInvalidStatus) || !strings.Contains(err.Error(), "400 bytes") {
		t.Errorf("ParseStatus(400 bytes) error %v", err)
	}
}
