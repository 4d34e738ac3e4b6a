package meeting_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

// withSources returns the story ledger with every optional field set
// somewhere, for round trips.
func withSources(t testing.TB) *meeting.Ledger {
	l := storyLedger()
	if err := l.AddMeeting(meeting.Meeting{
		ID: "with-sources", Date: day("2024-07-11"), Participants: []string{"us-biden-joe", "kr-yoon-suk-yeol"},
		Kind: meeting.PullAside, Status: meeting.Unconfirmed, Place: "Washington, D.C.", Occasion: "NATO Summit 2024",
		Sources: []meeting.Source{
			{Publisher: "The Korea Herald", Title: `"Quotes" & <tags>`, URL: "https://example.com/a?b=c&d", Quote: "윤 대통령", Date: day("2024-07-10")},
			{},
		},
		Note: "line one\nline two",
	}); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestJSONRoundTrip(t *testing.T) {
	for _, l := range []*meeting.Ledger{new(meeting.Ledger), storyLedger(), withSources(t)} {
		var buf bytes.Buffer
		if err := l.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		first := buf.String()
		back, err := meeting.ReadLedger(&buf)
		if err != nil {
			t.Fatalf("ReadLedger: %v\n%s", err, first)
		}
		if diff := cmp.Diff(l.Leaders(), back.Leaders()); diff != "" {
			t.Errorf("leaders after a round trip (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(l.Meetings(), back.Meetings()); diff != "" {
			t.Errorf("meetings after a round trip (-want +got):\n%s", diff)
		}
		var again bytes.Buffer
		if err := back.WriteJSON(&again); err != nil {
			t.Fatal(err)
		}
		if again.String() != first {
			t.Errorf("second write differs:\n%s\nfirst:\n%s", again.String(), first)
		}

		// MarshalJSON and json.Unmarshal agree with WriteJSON and ReadLedger.
		data, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(first)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, compact.Bytes()) {
			t.Errorf("MarshalJSON = %s, want %s", data, compact.Bytes())
		}
		var u meeting.Ledger
		if err := json.Unmarshal(data, &u); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(l.Meetings(), u.Meetings()); diff != "" {
			t.Errorf("json.Unmarshal meetings (-want +got):\n%s", diff)
		}
	}
}

func TestReadLedgerErrors(t *testing.T) {
	const leaders = `{"leaders": [
  {"id": "a", "name": "A", "country": "KR", "terms": [{"start": "2020-01-01"}]},
  {"id": "b", "name": "B", "country": "JP"}
], "meetings": [
`
	tests := []struct {
		name  string
		input string
		want  string
		is    error
	}{
		{"empty input", ``, `meeting: line 1: malformed ledger JSON: unexpected end of input`, meeting.ErrSyntax},
		{"not an object", `[]`, `meeting: line 1: malformed ledger JSON: want an object {"leaders": [...], "meetings": [...]}`, meeting.ErrSyntax},
		{"bad syntax", "{\n\"leaders\": [}", `meeting: line 2: malformed ledger JSON: invalid character '}' looking for beginning of value`, meeting.ErrSyntax},
		{"unknown top-level field", `{"leaders": [], "people": []}`, `meeting: line 1: malformed ledger JSON: unknown field "people"`, meeting.ErrSyntax},
		{"repeated field", `{"leaders": [], "leaders": []}`, `meeting: line 1: malformed ledger JSON: field "leaders" repeated`, meeting.ErrSyntax},
		{"trailing data", `{"leaders": []} {}`, `meeting: line 1: malformed ledger JSON: data after the ledger object`, meeting.ErrSyntax},
		{"leaders not an array", `{"leaders": {}}`, `meeting: line 1: malformed ledger JSON: leaders: want an array`, meeting.ErrSyntax},
		{"unknown record field", "{\"leaders\": [\n{\"id\": \"a\", \"nmae\": \"A\"}]}", `meeting: line 2: leader[0]: malformed ledger JSON: json: unknown field "nmae"`, meeting.ErrSyntax},
		{"wrong type", "{\"leaders\": [\n\n{\"id\": 7}]}", `meeting: line 3: leader[0]: id: malformed ledger JSON: got a JSON number, want string`, meeting.ErrSyntax},
		{"bad syntax in a record", "{\"leaders\": [\n{\"id\": \"a\",\n \"name\": x}]}", `meeting: line 3: leader[0]: malformed ledger JSON: invalid character 'x' looking for beginning of value`, meeting.ErrSyntax},
		{"truncated", `{"leaders": [{"id": "a"`, `meeting: line 1: leader[0]: malformed ledger JSON: unexpected end of input`, meeting.ErrSyntax},
		{"bad date", leaders + `{"id": "m", "date": "10/07/2024", "participants": ["a", "b"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m": Date: invalid date "10/07/2024", want YYYY-MM-DD`, meeting.ErrInvalidDate},
		{"bad term date", "{\"leaders\": [{\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\", \"terms\": [{\"start\": \"2020-13-01\"}]}]}",
			`meeting: line 1: leader[0] "a": Terms[0].Start: invalid date "2020-13-01", want YYYY-MM-DD`, meeting.ErrInvalidDate},
		{"missing kind", leaders + `{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m": Kind: invalid kind "" (want talks, pull-aside, call or visit)`, meeting.ErrInvalidKind},
		{"bad status", leaders + `{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "kind": "call", "status": "maybe"}]}`,
			`meeting: line 5: meeting[0] "m": Status: invalid status "maybe" (want held, planned, unconfirmed or cancelled)`, meeting.ErrInvalidStatus},
		{"bad country", "{\"leaders\": [\n  {\"id\": \"a\", \"name\": \"A\", \"country\": \"XX\"}]}",
			`meeting: line 2: leader[0] "a": Country: invalid country code "XX"`, meeting.ErrInvalidCountry},
		{"unknown participant", leaders + `{"id": "m1", "date": "2024-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held"},
  {"id": "m2", "date": "2024-07-10", "participants": ["a", "c"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 6: meeting[1] "m2": Participants[1]: unknown leader ID "c"`, meeting.ErrUnknownLeader},
		{"out of term", leaders + `{"id": "m1", "date": "2019-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m1": Date: outside the leader's terms in office: A (a) was not in office on 2019-07-10`, meeting.ErrOutOfTerm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := meeting.ReadLedger(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ReadLedger read %d leaders, want an error", len(l.Leaders()))
			}
			if err.Error() != tt.want {
				t.Errorf("ReadLedger error\n got: %s\nwant: %s", err, tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("ReadLedger error %v is not %v", err, tt.is)
			}
		})
	}
}

func TestReadLedgerAccepts(t *testing.T) {
	for _, in := range []string{`{}`, `{"leaders": null, "meetings": null}`, " {\"meetings\": []}\n\n"} {
		l, err := meeting.ReadLedger(strings.NewReader(in))
		if err != nil || len(l.Leaders()) != 0 || len(l.Meetings()) != 0 {
			t.Errorf("ReadLedger(%q) = %v, %v; want an empty ledger", in, l, err)
		}
	}
	// Lenient text for kinds and statuses; written back canonical.
	l, err := meeting.ReadLedger(strings.NewReader(`{"leaders": [{"id": "a", "name": "A", "country": "kor"}, {"id": "b", "name": "B", "country": "jp"}],
"meetings": [{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "kind": "Pull Aside", "status": "HELD"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(l)
	want := `{"leaders":[{"id":"a","name":"A","country":"KR"},{"id":"b","name":"B","country":"JP"}],"meetings":[{"id":"m","date":"2024-07-10","participants":["a","b"],"kind":"pull-aside","status":"held"}]}`
	if string(data) != want {
		t.Errorf("MarshalJSON = %s\nwant %s", data, want)
	}
}

func TestUnmarshalJSONIsAtomic(t *testing.T) {
	l := storyLedger()
	before, _ := json.Marshal(l)
	bad := `{"leaders": [{"id": "a", "name": "A", "country": "KR"}], "meetings": [{"id": "m", "date": "2024-07-10", "participants": ["a", "zz"], "kind": "talks", "status": "held"}]}`
	if err := l.UnmarshalJSON([]byte(bad)); err == nil {
		t.Fatal("UnmarshalJSON accepted an unknown participant")
	}
	after, _ := json.Marshal(l)
	if !bytes.Equal(before, after) {
		t.Error("a failed UnmarshalJSON changed the ledger")
	}
	good := `{"leaders": [{"id": "a", "name": "A", "country": "KR"}]}`
	if err := l.UnmarshalJSON([]byte(good)); err != nil {
		t.Fatal(err)
	}
	if got := l.Leaders(); len(got) != 1 || got[0].ID != "a" || len(l.Meetings()) != 0 {
		t.Errorf("UnmarshalJSON did not replace the contents: %v, %v", got, l.Meetings())
	}
	if _, err := l.Leader("Yoon Suk Yeol"); !errors.Is(err, meeting.ErrUnknownLeader) {
		t.Errorf("old leader still found after UnmarshalJSON: %v", err)
	}
}

func FuzzReadLedger(f *testing.F) {
	var buf bytes.Buffer
	if err := withSources(f).WriteJSON(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add(`{}`)
	f.Add(`{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": [{"start": "2020-01-01", "end": "2019-01-01"}]}]}`)
	f.Add(`{"leaders": [{"id": "a", "name": "A", "country": "KR"}, {"id": "b", "name": "B", "country": "JP"}], "meetings": [{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held"}]}`)
	f.Add(`{"leaders": [{"id": "a", "name": "\ud800", "country": "KR"}]}`)
	f.Fuzz(func(t *testing.T, input string) {
		l, err := meeting.ReadLedger(strings.NewReader(input))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "meeting: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
			return
		}
		var first bytes.Buffer
		if err := l.WriteJSON(&first); err != nil {
			t.Fatalf("WriteJSON of a ledger read from JSON: %v", err)
		}
		back, err := meeting.ReadLedger(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("reading back what was written: %v\n%s", err, first.String())
		}
		var second bytes.Buffer
		if err := back.WriteJSON(&second); err != nil {
			t.Fatal(err)
		}
		if first.String() != second.String() {
			t.Errorf("round trip changed the ledger:\n%s\nthen:\n%s", first.String(), second.String())
		}
		if diff := cmp.Diff(l.Meetings(), back.Meetings()); diff != "" {
			t.Errorf("round trip changed the meetings (-first +second):\n%s", diff)
		}
	})
}
