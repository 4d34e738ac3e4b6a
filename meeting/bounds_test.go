package meeting_test

// Tests of what a ledger refuses and what its errors may cost (issue 10):
// text no output format can carry, meetings of too many leaders, problems
// beyond the first 100, values too long to quote, a byte-order mark, and
// terms found by binary search.

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/summitry/summitry/meeting"
)

// TestTextRule: every text of a leader and a meeting is refused when it
// holds a Unicode noncharacter or a control character XML 1.0 forbids, so
// that the SVG and HTML of every result parse as XML.
func TestTextRule(t *testing.T) {
	pair := []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}
	m := func(edit func(*meeting.Meeting)) meeting.Meeting {
		x := meeting.Meeting{ID: "m", Date: day("2024-07-11"), Participants: pair, Place: "Washington",
			Sources: []meeting.Source{{Publisher: "Yonhap", Title: "Talks", URL: "https://example.com", Quote: "Yoon met Kishida."}}}
		edit(&x)
		return x
	}
	leaderTests := []struct {
		name   string
		leader meeting.Leader
		want   []problem
	}{
		{"U+FFFE in a name", meeting.Leader{ID: "gr", Name: "Greece\ufffe", Country: "GR"},
			[]problem{{"leader", 0, "name", meeting.ErrInvalidText}}},
		{"U+FFFF in an office", meeting.Leader{ID: "gr", Name: "G", Country: "GR", Office: "\uffffpresident"},
			[]problem{{"leader", 0, "office", meeting.ErrInvalidText}}},
		{"U+FDD0 in an alias", meeting.Leader{ID: "gr", Name: "G", Country: "GR", Aliases: []string{"ok", "G\ufdd0"}},
			[]problem{{"leader", 0, "aliases[1]", meeting.ErrInvalidText}}},
		{"U+1FFFE in an ID", meeting.Leader{ID: "gr\U0001fffe", Name: "G", Country: "GR"},
			[]problem{{"leader", 0, "id", meeting.ErrInvalidID}}},
		{"U+10FFFF in a name", meeting.Leader{ID: "gr", Name: "G\U0010ffff", Country: "GR"},
			[]problem{{"leader", 0, "name", meeting.ErrInvalidText}}},
		{"what XML allows", meeting.Leader{ID: "gr", Name: "Ελλάδα \ufffd\ufeff\ufdcf\ufdf0\U0010fffd", Country: "GR"}, nil},
	}
	for _, tt := range leaderTests {
		t.Run(tt.name, func(t *testing.T) {
			err := storyLedger().AddLeader(tt.leader)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), equateErrors); diff != "" {
				t.Errorf("AddLeader problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
	meetingTests := []struct {
		name    string
		meeting meeting.Meeting
		want    []problem
	}{
		{"U+FFFE in a place", m(func(x *meeting.Meeting) { x.Place = "Washington\ufffe" }),
			[]problem{{"meeting", 0, "place", meeting.ErrInvalidText}}},
		{"U+0001 in an occasion", m(func(x *meeting.Meeting) { x.Occasion = "NATO\x01Summit 2024" }),
			[]problem{{"meeting", 0, "occasion", meeting.ErrInvalidText}}},
		{"NUL in a note", m(func(x *meeting.Meeting) { x.Note = "a\x00b" }),
			[]problem{{"meeting", 0, "note", meeting.ErrInvalidText}}},
		{"DEL in a place, U+0085 in a note", m(func(x *meeting.Meeting) { x.Place, x.Note = "Seoul\x7f", "next\u0085line" }),
			[]problem{{"meeting", 0, "place", meeting.ErrInvalidText}, {"meeting", 0, "note", meeting.ErrInvalidText}}},
		{"U+FFFF in an ID", m(func(x *meeting.Meeting) { x.ID = "m\uffff" }),
			[]problem{{"meeting", 0, "id", meeting.ErrInvalidID}}},
		{"U+FDEF in a participant", m(func(x *meeting.Meeting) { x.Participants = []string{pair[0], pair[1] + "\ufdef"} }),
			[]problem{{"meeting", 0, "participants[1]", meeting.ErrInvalidText}, {"meeting", 0, "participants", meeting.ErrTooFewParticipants}}},
		{"U+FFFF in a participant, and a mistyped one", m(func(x *meeting.Meeting) { x.Participants = []string{"￿", "kr-yoon", pair[1]} }),
			[]problem{{"meeting", 0, "participants[0]", meeting.ErrInvalidText}, {"meeting", 0, "participants[1]", meeting.ErrUnknownLeader}}},
		{"noncharacters in every field of a source", m(func(x *meeting.Meeting) {
			x.Sources = []meeting.Source{{Publisher: "\ufffe", Title: "\uffff", URL: "\U0002fffe", Quote: "\ufdd0"}}
		}), []problem{
			{"meeting", 0, "sources[0].publisher", meeting.ErrInvalidText},
			{"meeting", 0, "sources[0].title", meeting.ErrInvalidText},
			{"meeting", 0, "sources[0].url", meeting.ErrInvalidText},
			{"meeting", 0, "sources[0].quote", meeting.ErrInvalidText},
		}},
		{"tabs and line breaks in a note and a quote", m(func(x *meeting.Meeting) {
			x.Note = "first\tsecond\r\nthird"
			x.Sources[0].Quote = "line one\nline two"
		}), nil},
	}
	for _, tt := range meetingTests {
		t.Run(tt.name, func(t *testing.T) {
			err := storyLedger().AddMeeting(tt.meeting)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), equateErrors); diff != "" {
				t.Errorf("AddMeeting problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}

	// Leaders' sources and tallies keep the same rule, each fault once.
	l := storyLedger()
	err := l.AddLeader(meeting.Leader{ID: "gr", Name: "G", Country: "GR", Sources: []meeting.Source{{Title: "x\ufffe"}}})
	if diff := cmp.Diff([]problem{{"leader", 0, "sources[0].title", meeting.ErrInvalidText}}, problemsOf(t, err), equateErrors); diff != "" {
		t.Errorf("AddLeader with a bad source (-want +got):\n%s", diff)
	}
	err = l.AddTally(meeting.Tally{ID: "t\ufffe", Leader: "kr-yoon-suk-yeol", With: "JP", Count: 11, AsOf: day("2024-07-10"),
		Rule: "talks\uffff", Note: "\x01", Sources: []meeting.Source{{Publisher: "P", Quote: "\U0001fffe"}}})
	if diff := cmp.Diff([]problem{
		{"tally", 0, "id", meeting.ErrInvalidID},
		{"tally", 0, "note", meeting.ErrInvalidText},
		{"tally", 0, "rule", meeting.ErrInvalidText},
		{"tally", 0, "sources[0].quote", meeting.ErrInvalidText},
	}, problemsOf(t, err), equateErrors, cmpopts.SortSlices(func(a, b problem) bool { return a.Field < b.Field })); diff != "" {
		t.Errorf("AddTally with bad text (-want +got):\n%s\nerror: %v", diff, err)
	}

	// An ID's bad character is ErrInvalidText as well as ErrInvalidID.
	err = storyLedger().AddLeader(meeting.Leader{ID: "gr\x01", Name: "G", Country: "GR"})
	if !errors.Is(err, meeting.ErrInvalidID) || !errors.Is(err, meeting.ErrInvalidText) {
		t.Errorf("ID with U+0001: error %v, want ErrInvalidID and ErrInvalidText", err)
	}
	want := `meeting: leader[0] "gr\x01": id: invalid ID: "gr\x01" holds the control character U+0001 at byte 2`
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant  %s", err, want)
	}

	// The same rule holds for JSON, escaped or not.
	in := `{"leaders": [{"id": "gr", "name": "Greece\uFFFE", "country": "GR"}, {"id": "kr", "name": "` + "Korea\ufffe" + `", "country": "KR"}]}`
	_, err = meeting.ReadLedger(strings.NewReader(in))
	want = "meeting: 2 problems:\n" +
		"\tmeeting: line 1: leader[0] \"gr\": name: invalid text: \"Greece\\ufffe\" holds U+FFFE (a Unicode noncharacter) at byte 6\n" +
		"\tmeeting: line 1: leader[1] \"kr\": name: invalid text: \"Korea\\ufffe\" holds U+FFFE (a Unicode noncharacter) at byte 5"
	if err == nil || err.Error() != want {
		t.Errorf("ReadLedger error %v\nwant %s", err, want)
	}
}

// TestMaxParticipants: a meeting may have up to MaxParticipants
// participants; more is refused with one problem, not one per participant.
func TestMaxParticipants(t *testing.T) {
	n := meeting.MaxParticipants + 1
	var l meeting.Ledger
	ids := make([]string, n)
	leaders := make([]meeting.Leader, n)
	for i := range leaders {
		ids[i] = fmt.Sprintf("x%04d", i)
		leaders[i] = meeting.Leader{ID: ids[i], Name: fmt.Sprintf("Leader %04d", i), Country: "KR"}
	}
	if err := l.AddLeader(leaders...); err != nil {
		t.Fatal(err)
	}
	err := l.AddMeeting(meeting.Meeting{ID: "too-many", Date: day("2024-09-24"), Participants: ids})
	if diff := cmp.Diff([]problem{{"meeting", 0, "participants", meeting.ErrTooManyParticipants}}, problemsOf(t, err), equateErrors); diff != "" {
		t.Errorf("AddMeeting of %d participants (-want +got):\n%s", n, diff)
	}
	if want := `meeting: meeting[0] "too-many": participants: too many participants: 401 given, at most 400`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	// Unknown participants past the bound are not looked up one by one.
	err = l.AddMeeting(meeting.Meeting{ID: "unknown", Date: day("2024-09-24"), Participants: append(ids, "nobody")})
	if diff := cmp.Diff([]problem{{"meeting", 0, "participants", meeting.ErrTooManyParticipants}}, problemsOf(t, err), equateErrors); diff != "" {
		t.Errorf("AddMeeting of unknown participants past the bound (-want +got):\n%s", diff)
	}
	ga := meeting.Meeting{ID: "unga-79", Date: day("2024-09-24"), Participants: ids[:meeting.MaxParticipants], Occasion: "UN General Assembly 2024"}
	if err := l.AddMeeting(ga); err != nil {
		t.Fatalf("AddMeeting of %d participants: %v", meeting.MaxParticipants, err)
	}
	rows := l.Pairs(meeting.Rule{Multilateral: true}).Rows()
	if want := meeting.MaxParticipants * (meeting.MaxParticipants - 1) / 2; len(rows) != want {
		t.Errorf("Pairs: %d rows, want %d", len(rows), want)
	}
}

// TestPairRowsAreCopies: rows share one copy of a leader within one call of
// Rows, never with the ledger or another call.
func TestPairRowsAreCopies(t *testing.T) {
	l := storyLedger()
	pc := l.Pairs(meeting.Rule{Multilateral: true, Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}})
	first := pc.Rows()
	if len(first) != 4 {
		t.Fatalf("%d rows, want 4: %v", len(first), first)
	}
	for i := range first {
		for _, ld := range []*meeting.Leader{&first[i].A, &first[i].B} {
			ld.Name = "changed"
			for j := range ld.Aliases {
				ld.Aliases[j] = "changed"
			}
			for j := range ld.Terms {
				ld.Terms[j].Start = time.Time{}
			}
		}
	}
	want := storyLedger().Pairs(meeting.Rule{Multilateral: true, Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}).Rows()
	if diff := cmp.Diff(want, pc.Rows()); diff != "" {
		t.Errorf("changing rows changed a later call of Rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, l.Pairs(meeting.Rule{Multilateral: true, Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}).Rows()); diff != "" {
		t.Errorf("changing rows changed the ledger (-want +got):\n%s", diff)
	}
	if !strings.Contains(pc.String(), "Yoon Suk Yeol (KR)") {
		t.Errorf("changing rows changed the table:\n%s", pc)
	}
}

// TestProblemsCapped: a batch or a document keeps its first 100 problems
// and counts the rest.
func TestProblemsCapped(t *testing.T) {
	bad := make([]meeting.Leader, 250)
	for i := range bad {
		bad[i] = meeting.Leader{ID: fmt.Sprintf("l%d", i), Name: "L", Country: "XX"}
	}
	var l meeting.Ledger
	err := l.AddLeader(bad...)
	var ve *meeting.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("AddLeader: error %v, want a *ValidationError", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 150 || ve.Problems[99].Index != 99 {
		t.Errorf("AddLeader: %d problems listed, %d omitted; want the first 100 and 150", len(ve.Problems), ve.Omitted)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "meeting: 250 problems:\n") || !strings.HasSuffix(msg, "\n\t... and 150 more") {
		t.Errorf("AddLeader error reads %.80q ... %q", msg, msg[max(0, len(msg)-40):])
	}

	ms := make([]meeting.Meeting, 300)
	for i := range ms {
		ms[i] = meeting.Meeting{ID: fmt.Sprintf("m%d", i), Date: day("2024-07-10"), Participants: []string{"a", "b"}}
	}
	err = storyLedger().AddMeeting(ms...)
	if !errors.As(err, &ve) || len(ve.Problems) != 100 || ve.Omitted != 500 {
		t.Errorf("AddMeeting: error %T with %d problems and %d omitted; want 100 and 500", err, len(ve.Problems), ve.Omitted)
	}

	in := `{"meetings": [` + strings.Repeat(`{"id": "m", "date": "x"},`+"\n", 999) + `{}]}`
	_, err = meeting.ReadLedger(strings.NewReader(in))
	if !errors.As(err, &ve) || len(ve.Problems) != 100 || ve.Omitted != 2899 {
		t.Fatalf("ReadLedger: error %T with %d problems and %d omitted; want 100 and 2899", err, len(ve.Problems), ve.Omitted)
	}
	if p := ve.Problems[99]; p.Line != 34 || p.Index != 33 {
		t.Errorf("ReadLedger: the 100th problem is on line %d, meeting[%d]; want line 34, meeting[33]", p.Line, p.Index)
	}
}

// TestQuotesBounded: an error quotes at most a short prefix of a bad
// value, however long the value.
func TestQuotesBounded(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	check := func(what string, err error, sentinel error) {
		t.Helper()
		if !errors.Is(err, sentinel) {
			t.Errorf("%s: error %.200v, want %v", what, err, sentinel)
		}
		if err != nil && len(err.Error()) > 400 {
			t.Errorf("%s: error of %d bytes: %.200s…", what, len(err.Error()), err)
		}
	}
	l := storyLedger()
	check("country", l.AddLeader(meeting.Leader{ID: "a", Name: "A", Country: huge}), meeting.ErrInvalidCountry)
	check("id", l.AddLeader(meeting.Leader{ID: huge, Name: "A", Country: "KR"}), meeting.ErrInvalidID)
	check("note", l.AddMeeting(meeting.Meeting{ID: "m", Date: day("2024-07-11"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"},
		Note: huge + "\x00"}), meeting.ErrInvalidText)
	check("participant", l.AddMeeting(meeting.Meeting{ID: "m", Date: day("2024-07-10"), Participants: []string{"kr-yoon-suk-yeol", huge[:16000]}}),
		meeting.ErrUnknownLeader)
	_, err := l.Leader(huge[:16000])
	check("lookup", err, meeting.ErrUnknownLeader)
	check("status", l.SetStatus(huge, meeting.Held), meeting.ErrUnknownMeeting)
	_, err = meeting.ReadLedger(strings.NewReader(`{"leaders": [], "` + huge + `": 1}`))
	check("unknown key", err, meeting.ErrSyntax)
	_, err = meeting.ReadLedger(strings.NewReader(`{"leaders": [{"` + huge + `": 1}]}`))
	check("unknown record key", err, meeting.ErrSyntax)
	_, err = meeting.ReadLedger(strings.NewReader(`{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": [{"start": "` + huge + `"}]}]}`))
	check("date", err, meeting.ErrInvalidDate)
}

// TestReadLedgerErrorSize: the error of a document of many small bad
// records holds its first 100 problems, not one for each record.
func TestReadLedgerErrorSize(t *testing.T) {
	in := []byte(`{"meetings": [` + strings.Repeat("{},", 200_000) + `{}]}`)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := meeting.ReadLedger(bytes.NewReader(in))
	runtime.GC()
	runtime.ReadMemStats(&after)
	var ve *meeting.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 100 {
		t.Fatalf("error %T, want a *ValidationError of 100 problems", err)
	}
	if kept := int64(after.HeapAlloc) - int64(before.HeapAlloc); kept > 1<<20 {
		t.Errorf("the error of %d bytes of input keeps %d bytes", len(in), kept)
	}
	runtime.KeepAlive(err)
}

// TestReadLedgerBOM: a leading UTF-8 byte-order mark is skipped, as every
// reader of the module skips it; one inside the text is an error.
func TestReadLedgerBOM(t *testing.T) {
	doc := "\ufeff" + `{"leaders": [{"id": "a", "name": "A", "country": "KR"}]}`
	l, err := meeting.ReadLedger(strings.NewReader(doc))
	if err != nil || len(l.Leaders()) != 1 {
		t.Errorf("ReadLedger with a byte-order mark: %v", err)
	}
	if l, err := meeting.ReadLedger(strings.NewReader("\ufeffnull")); err != nil || len(l.Leaders()) != 0 {
		t.Errorf("ReadLedger(BOM null) = %v; want an empty ledger", err)
	}
	if _, err := meeting.ReadLedger(strings.NewReader(" \ufeff{}")); !errors.Is(err, meeting.ErrSyntax) {
		t.Errorf("ReadLedger with a mark after a space: error %v, want ErrSyntax", err)
	}
}

// TestTermsBinarySearch: a meeting's date is checked against the one term
// that can hold it; the answer is Leader.InOffice's on every day, term
// edges, shared inauguration days and gaps included.
func TestTermsBinarySearch(t *testing.T) {
	terms := []meeting.Term{
		{Start: day("2000-01-01"), End: day("2000-01-01")}, // one day
		{Start: day("2000-01-03"), End: day("2000-01-05")},
		{Start: day("2000-01-05"), End: day("2000-01-07")}, // starts the day the last ended
		{Start: day("2000-01-10"), End: day("2000-01-10")},
		{Start: day("2000-01-12")}, // open
	}
	leader := meeting.Leader{ID: "a", Name: "A", Country: "KR", Terms: terms}
	for d := day("1999-12-30"); d.Before(day("2000-01-15")); d = d.AddDate(0, 0, 1) {
		var l meeting.Ledger
		if err := l.AddLeader(leader, meeting.Leader{ID: "b", Name: "B", Country: "JP"}); err != nil {
			t.Fatal(err)
		}
		err := l.AddMeeting(meeting.Meeting{ID: "m", Date: d, Participants: []string{"a", "b"}})
		if got, want := err == nil, leader.InOffice(d); got != want {
			t.Errorf("%s: AddMeeting accepted %v, in office %v (error %v)", d.Format(time.DateOnly), got, want, err)
		}
	}
}

// clashingLeaders returns n leaders named "x" and n leaders whose IDs read
// as "x": every one of the second n clashes with every one of the first.
func clashingLeaders(n int) (named, ids []meeting.Leader) {
	for i := range n {
		named = append(named, meeting.Leader{ID: fmt.Sprintf("a%d", i), Name: "x", Country: "KR"})
		id := "x" + strings.Repeat("-", i%900) + strings.Repeat("_", i/900)
		ids = append(ids, meeting.Leader{ID: id, Name: fmt.Sprintf("b%d", i), Country: "KR"})
	}
	return named, ids
}

// TestClashesCounted: an ID that reads as the name of many leaders is one
// problem for each of them, but only the first 100 problems are made.
func TestClashesCounted(t *testing.T) {
	named, ids := clashingLeaders(150)
	var l meeting.Ledger
	if err := l.AddLeader(named...); err != nil {
		t.Fatal(err)
	}
	err := l.AddLeader(ids[:2]...)
	var ve *meeting.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 100 || ve.Omitted != 200 {
		t.Fatalf("error %T with %d problems and %d omitted; want 100 and 200", err, len(ve.Problems), ve.Omitted)
	}
	want := `meeting: leader[0] "x": id: duplicate: ID "x" reads as the name "x" of x (a0)`
	if got := ve.Problems[0].Error(); got != want {
		t.Errorf("first problem %s\nwant %s", got, want)
	}
	// The other way round: names that read as many IDs.
	var m meeting.Ledger
	if err := m.AddLeader(ids...); err != nil {
		t.Fatal(err)
	}
	err = m.AddLeader(named[:3]...)
	if !errors.As(err, &ve) || len(ve.Problems) != 100 || ve.Omitted != 350 {
		t.Fatalf("error %T with %d problems and %d omitted; want 100 and 350", err, len(ve.Problems), ve.Omitted)
	}
}
