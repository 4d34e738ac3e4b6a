package meeting_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

// dataSet returns the three files of a data set.
func dataSet(leaders, meetings, tallies string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range map[string]string{meeting.LeadersFile: leaders, meeting.MeetingsFile: meetings, meeting.TalliesFile: tallies} {
		if text != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
	}
	return fsys
}

const (
	csvLeaders = "id,name,country,office,terms,aliases,source_publisher,source_title,source_date,source_url\n" +
		"kr-yoon,Yoon Suk Yeol,KOR,president,2022-05-10..2025-04-04,Yoon Suk-yeol; 윤석열,Wikipedia,List of presidents of South Korea,,https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea\n" +
		"jp-kishida,Fumio Kishida,JP,prime minister,2021-10-04..2024-10-01,岸田文雄,,,,\n" +
		"jp-ishiba,Shigeru Ishiba,jp,prime minister,2024-10-01..,,,,,\n"
	csvMeetings = "id,date,participants,kind,status,place,occasion,note,source_publisher,source_title,source_date,source_url,source2_publisher,source2_date\n" +
		"ny,2022-09-21,kr-yoon; jp-kishida,pull-aside,held,New York,UN General Assembly 2022,\"informal, about 30 minutes\",Kyodo,初懇談,2022-09-22,https://example.com/k,,\n" +
		"pp,2022-11-13,kr-yoon;jp-kishida,,,Phnom Penh,,,,,,,Yonhap,2022-11-12\n"
	csvTallies = "id,leader,with,count,as_of,rule,match,kinds,multilateral,note,inferred,source_publisher\n" +
		"t,kr-yoon,jp-kishida,12,2024-09-06,as the presidential office counts,same,talks; pull-aside,,,,MOFA\n" +
		"r,kr-yoon,JPN,2..8,2023-03-16,,,,false,,True,\n"
)

func TestReadCSV(t *testing.T) {
	l, err := meeting.ReadCSV(dataSet(csvLeaders, csvMeetings, csvTallies))
	if err != nil {
		t.Fatal(err)
	}
	yoon, err := l.Leader("윤석열")
	if err != nil {
		t.Fatal(err)
	}
	wantYoon := meeting.Leader{ID: "kr-yoon", Name: "Yoon Suk Yeol", Country: "KR", Office: "president",
		Terms:   []meeting.Term{{Start: day("2022-05-10"), End: day("2025-04-04")}},
		Aliases: []string{"Yoon Suk-yeol", "윤석열"},
		Sources: []meeting.Source{{Publisher: "Wikipedia", Title: "List of presidents of South Korea", URL: "https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea"}}}
	if diff := cmp.Diff(wantYoon, yoon); diff != "" {
		t.Errorf("leader (-want +got):\n%s", diff)
	}
	wantMeetings := []meeting.Meeting{
		{ID: "ny", Date: day("2022-09-21"), Participants: []string{"kr-yoon", "jp-kishida"}, Kind: meeting.PullAside,
			Place: "New York", Occasion: "UN General Assembly 2022", Note: "informal, about 30 minutes",
			Sources: []meeting.Source{{Publisher: "Kyodo", Title: "初懇談", Date: day("2022-09-22"), URL: "https://example.com/k"}}},
		{ID: "pp", Date: day("2022-11-13"), Participants: []string{"kr-yoon", "jp-kishida"}, Place: "Phnom Penh",
			Sources: []meeting.Source{{Publisher: "Yonhap", Date: day("2022-11-12")}}},
	}
	if diff := cmp.Diff(wantMeetings, l.Meetings()); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
	wantTallies := []meeting.Tally{
		{ID: "r", Leader: "kr-yoon", With: "JP", Count: 2, Most: 8, Inferred: true, AsOf: day("2023-03-16")},
		{ID: "t", Leader: "kr-yoon", With: "jp-kishida", Count: 12, Most: 12, AsOf: day("2024-09-06"),
			Rule: "as the presidential office counts", Match: meeting.SameRule,
			As: meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}, Sources: []meeting.Source{{Publisher: "MOFA"}}},
	}
	if diff := cmp.Diff(wantTallies, l.Tallies()); diff != "" {
		t.Errorf("tallies (-want +got):\n%s", diff)
	}

	// tallies.csv is optional; a byte-order mark is skipped.
	l, err = meeting.ReadCSV(dataSet("\ufeff"+csvLeaders, "\ufeff"+csvMeetings, ""))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.Meetings()); n != 2 || len(l.Tallies()) != 0 {
		t.Errorf("without tallies.csv: %d meetings, %d tallies", n, len(l.Tallies()))
	}
}

func TestReadCSVErrors(t *testing.T) {
	header := strings.SplitN(csvMeetings, "\n", 2)[0] + "\n"
	tests := []struct {
		name                       string
		leaders, meetings, tallies string
		want                       []string // every problem, as Error writes it
		is                         error
	}{
		{"no leaders file", "", csvMeetings, "",
			[]string{"meeting: leaders.csv: missing field: the data set has no leaders.csv"}, meeting.ErrMissing},
		{"empty file", "", "", "",
			[]string{"meeting: leaders.csv: missing field: the data set has no leaders.csv",
				"meeting: meetings.csv: missing field: the data set has no meetings.csv"}, meeting.ErrMissing},
		{"no header", csvLeaders, "\ufeff", "",
			[]string{"meeting: meetings.csv: missing field: no header"}, meeting.ErrMissing},
		{"header", "ID,name,country,Terms,extra,id,source3_url\n", csvMeetings, "",
			[]string{
				`meeting: leaders.csv line 1: malformed CSV: column "ID" must be spelled "id"`,
				`meeting: leaders.csv line 1: malformed CSV: column "Terms" must be spelled "terms"`,
				`meeting: leaders.csv line 1: malformed CSV: unknown column "extra"`,
			}, meeting.ErrSyntax},
		{"missing and repeated columns", "name,name\n", csvMeetings, "",
			[]string{
				`meeting: leaders.csv line 1: malformed CSV: column "name" repeated`,
				`meeting: leaders.csv line 1: malformed CSV: no column "id"`,
				`meeting: leaders.csv line 1: malformed CSV: no column "country"`,
			}, meeting.ErrSyntax},
		{"bad fields", csvLeaders + "kr-x,X,KR,,2020-01-01,;a,,,2020-02-30,\n" + "kr-y,Y\n", csvMeetings, "",
			[]string{
				`meeting: leaders.csv line 5: leader[3] "kr-x": aliases[0]: missing field: an empty item in ";a"`,
				`meeting: leaders.csv line 5: leader[3] "kr-x": source_date: invalid date "2020-02-30", want YYYY-MM-DD`,
				`meeting: leaders.csv line 5: leader[3] "kr-x": terms[0]: invalid date: term "2020-01-01", want YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DD..`,
				`meeting: leaders.csv line 6: leader[4] "kr-y": malformed CSV: 2 fields, the header has 10`,
			}, nil},
		{"records checked as the ledger checks them", csvLeaders,
			header + "m1,2020-01-01,kr-yoon; Fumio Kishida,talk,,,,,,,,,,\n" + "m2,2024-07-10,kr-yoon,chat,done,,,,,,,,,2024-13-01\n", "",
			[]string{
				`meeting: meetings.csv line 3: meeting[1] "m2": source2_date: invalid date "2024-13-01", want YYYY-MM-DD`,
				`meeting: meetings.csv line 3: meeting[1] "m2": kind: invalid kind "chat" (want talks, pull-aside, call or visit)`,
				`meeting: meetings.csv line 3: meeting[1] "m2": status: invalid status "done" (want held, planned, unconfirmed or cancelled)`,
			}, meeting.ErrInvalidKind},
		{"cross-record problems name the column", csvLeaders,
			header + "m1,2020-01-01,kr-yoon; Fumio Kishida,talk,,,,,,,,,,\n", "id,leader,with,count,as_of\nt,kr-yoon,Japan,many,2024-01-01\n",
			[]string{
				`meeting: tallies.csv line 2: tally[0] "t": count: invalid count "many": want a number of meetings, "2..8", "11.." or "..19"`,
			}, meeting.ErrInvalidCount},
		{"a flag that is neither true nor false", csvLeaders, csvMeetings,
			"id,leader,with,count,as_of,multilateral,inferred\nt,kr-yoon,JP,..19,2023-03-16,yes,maybe\n",
			[]string{
				`meeting: tallies.csv line 2: tally[0] "t": multilateral: invalid rule: "yes", want true, false or nothing`,
				`meeting: tallies.csv line 2: tally[0] "t": inferred: invalid count: "maybe", want true, false or nothing`,
			}, meeting.ErrInvalidCount},
		{"the ledger's checks", csvLeaders,
			header + "m1,2020-01-01,kr-yoon; Fumio Kishida,talk,,,,,,,,,,\n", "id,leader,with,count,as_of\nt,kr-yoon,Japan,3,2024-01-01\n",
			[]string{
				`meeting: meetings.csv line 2: meeting[0] "m1": date: outside the leader's terms in office: Yoon Suk Yeol (kr-yoon) was not in office on 2020-01-01`,
				`meeting: meetings.csv line 2: meeting[0] "m1": participants[1]: unknown leader ID "Fumio Kishida" (did you mean "jp-kishida"?)`,
				`meeting: tallies.csv line 2: tally[0] "t": with: unknown leader: "Japan" is neither a leader ID nor a country code`,
			}, meeting.ErrUnknownLeader},
		{"a bare quote stops the file", csvLeaders, header + "m1,2020-01-01,a\"b,,,,,,,,,,,\n", "",
			[]string{`meeting: meetings.csv line 2: malformed CSV: bare " in non-quoted-field`}, meeting.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := meeting.ReadCSV(dataSet(tt.leaders, tt.meetings, tt.tallies))
			if l != nil {
				t.Error("a ledger came back with the error")
			}
			var v *meeting.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range v.Problems {
				got = append(got, p.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error does not match %v", tt.is)
			}
		})
	}
}

// TestReadCSVKeepsAHundred checks that a file with many bad rows gives the
// first 100 problems and a count of the rest.
func TestReadCSVKeepsAHundred(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,country\n")
	for i := range 250 {
		fmt.Fprintf(&b, "l%d,Leader %d,XX\n", i, i)
	}
	_, err := meeting.ReadCSV(dataSet(b.String(), "id,date,participants\n", ""))
	var v *meeting.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("error %v", err)
	}
	if len(v.Problems) != 100 || v.Omitted != 150 {
		t.Errorf("%d problems, %d omitted; want 100 and 150", len(v.Problems), v.Omitted)
	}
	if !strings.HasSuffix(err.Error(), "... and 150 more") {
		t.Errorf("error ends %q", err.Error()[len(err.Error())-40:])
	}
}

// koreaJapan reads the data set of examples/korea-japan.
func koreaJapan(t testing.TB) *meeting.Ledger {
	t.Helper()
	l, err := meeting.ReadCSV(os.DirFS(koreaJapanData))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestCSVRoundTrip checks that WriteCSV writes what ReadCSV reads back
// unchanged, for the Korea–Japan data set and a ledger with every field
// set.
func TestCSVRoundTrip(t *testing.T) {
	full := storyLedger()
	if err := full.AddTally(meeting.Tally{ID: "t", Leader: "kr-yoon-suk-yeol", With: "JP", Count: 3, Most: meeting.Unbounded,
		AsOf: day("2024-01-01"), Rule: "a, \"quoted\" rule", Match: meeting.SameRule, As: meeting.Rule{Multilateral: true},
		Sources: []meeting.Source{{Publisher: "P"}, {Title: "T", Quote: "line\nbreak"}, {URL: "u"}}}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*meeting.Ledger{koreaJapan(t), full, new(meeting.Ledger)} {
		files := writeCSV(t, l)
		back, err := meeting.ReadCSV(files)
		if err != nil {
			t.Fatalf("ReadCSV of what WriteCSV wrote: %v", err)
		}
		if diff := cmp.Diff(l.Leaders(), back.Leaders()); diff != "" {
			t.Errorf("leaders (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(l.Meetings(), back.Meetings()); diff != "" {
			t.Errorf("meetings (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(l.Tallies(), back.Tallies()); diff != "" {
			t.Errorf("tallies (-want +got):\n%s", diff)
		}
		if again := writeCSV(t, back); !cmp.Equal(files, again) {
			t.Error("a second WriteCSV wrote other files")
		}
	}
}

// writeCSV writes a ledger's data set.
func writeCSV(t testing.TB, l *meeting.Ledger) fstest.MapFS {
	t.Helper()
	var leaders, meetings, tallies bytes.Buffer
	if err := l.WriteCSV(&leaders, &meetings, &tallies); err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		meeting.LeadersFile:  {Data: leaders.Bytes()},
		meeting.MeetingsFile: {Data: meetings.Bytes()},
		meeting.TalliesFile:  {Data: tallies.Bytes()},
	}
}

func TestWriteCSVRefuses(t *testing.T) {
	for name, add := range map[string]func(*meeting.Ledger) error{
		"semicolon in an alias": func(l *meeting.Ledger) error {
			return l.AddLeader(meeting.Leader{ID: "x", Name: "X", Country: "KR", Aliases: []string{"a;b"}})
		},
		"an empty source": func(l *meeting.Ledger) error {
			return l.AddMeeting(meeting.Meeting{ID: "empty", Date: day("2024-07-11"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"},
				Sources: []meeting.Source{{}}})
		},
		"carriage return": func(l *meeting.Ledger) error {
			return l.AddMeeting(meeting.Meeting{ID: "cr", Date: day("2024-07-11"), Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}, Note: "a\r\nb"})
		},
	} {
		t.Run(name, func(t *testing.T) {
			l := storyLedger()
			if err := add(l); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			err := l.WriteCSV(&buf, &buf, &buf)
			if err == nil || !strings.HasPrefix(err.Error(), "meeting: ") {
				t.Errorf("WriteCSV error %v", err)
			}
			if buf.Len() != 0 {
				t.Error("WriteCSV wrote something before failing")
			}
		})
	}
}

// FuzzReadCSV feeds arbitrary files to the data-set reader: it returns a
// ledger or a *ValidationError, never panics, and what it accepts WriteCSV
// writes back, and ReadCSV reads again, unchanged.
func FuzzReadCSV(f *testing.F) {
	f.Add(csvLeaders, csvMeetings, csvTallies)
	f.Add("\ufeff"+csvLeaders, csvMeetings, "")
	f.Add("id,name,country\na,A,KR\nb,B,JP\n", "id,date,participants,note\nm,2024-01-01,a;b,\"x\ny\"\n", "id,leader,with,count,as_of\nt,a,b,1..,2024-01-01\n")
	f.Add("id,name,country,terms\na,A,KR,2020-01-01..2019-01-01\n", "id,date,participants\n", "")
	f.Add("id,name,country\n\"a\nb\",A,KR\n", "id,date,participants\n", "id,leader,with,count,as_of\nt,a,JP,..3,2024-01-01\n")
	f.Fuzz(func(t *testing.T, leaders, meetings, tallies string) {
		l, err := meeting.ReadCSV(dataSet(leaders, meetings, tallies))
		if err != nil {
			var v *meeting.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("error %v is not a *ValidationError", err)
			}
			if !strings.HasPrefix(err.Error(), "meeting: ") || len(v.Problems) > 100 {
				t.Errorf("error %q (%d problems)", err, len(v.Problems))
			}
			return
		}
		var lb, mb, tb bytes.Buffer
		if err := l.WriteCSV(&lb, &mb, &tb); err != nil {
			return // text a list cell cannot hold: refused, and said so
		}
		back, err := meeting.ReadCSV(dataSet(lb.String(), mb.String(), tb.String()))
		if err != nil {
			t.Fatalf("reading back what WriteCSV wrote: %v\n%s\n%s\n%s", err, lb.String(), mb.String(), tb.String())
		}
		if diff := cmp.Diff(l.Leaders(), back.Leaders()); diff != "" {
			t.Errorf("leaders (-first +second):\n%s", diff)
		}
		if diff := cmp.Diff(l.Meetings(), back.Meetings()); diff != "" {
			t.Errorf("meetings (-first +second):\n%s", diff)
		}
		if diff := cmp.Diff(l.Tallies(), back.Tallies()); diff != "" {
			t.Errorf("tallies (-first +second):\n%s", diff)
		}
	})
}
