package meeting_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/internal/input"
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
	if err := l.AddLeader(meeting.Leader{ID: "kr-lee-myung-bak", Name: "Lee Myung-bak", Country: "KR", Office: "president",
		Terms:   []meeting.Term{{Start: day("2008-02-25"), End: day("2013-02-24")}},
		Sources: []meeting.Source{{Publisher: "Wikipedia", Title: "List of presidents of South Korea", URL: "https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := l.AddTally(
		meeting.Tally{ID: "ytn-lee", Leader: "kr-lee-myung-bak", With: "jpn", Count: 20, AsOf: day("2023-03-16"),
			Rule: "standalone summits", Sources: []meeting.Source{{Publisher: "YTN", Date: day("2023-03-16")}}, Note: "the most"},
		meeting.Tally{ID: "range", Leader: "kr-moon-jae-in", With: "JP", Count: 2, Most: meeting.Unbounded, Inferred: true, AsOf: day("2023-03-16")},
		meeting.Tally{ID: "press", Leader: "kr-yoon-suk-yeol", With: "jp-kishida-fumio", Count: 12, AsOf: day("2024-09-06"),
			Match: meeting.SameRule, As: meeting.Rule{Kinds: []meeting.Kind{meeting.PullAside, meeting.Talks}, Multilateral: true}},
	); err != nil {
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
		if diff := cmp.Diff(l.Tallies(), back.Tallies()); diff != "" {
			t.Errorf("tallies after a round trip (-want +got):\n%s", diff)
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
	const m = `{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held", `
	tests := []struct {
		name  string
		input string
		want  string
		is    error
	}{
		{"empty input", ``, `meeting: line 1: malformed ledger JSON: unexpected end of input`, meeting.ErrSyntax},
		{"not an object", `[]`, `meeting: line 1: malformed ledger JSON: want an object {"leaders": [...], "meetings": [...]}, found JSON array`, meeting.ErrSyntax},
		{"bad syntax", "{\n\"leaders\": [}", `meeting: line 2: malformed ledger JSON: invalid character '}' looking for beginning of value`, meeting.ErrSyntax},
		{"unknown top-level field", `{"leaders": [], "people": []}`, `meeting: line 1: people: malformed ledger JSON: unknown field "people"`, meeting.ErrSyntax},
		{"top-level field in another case", `{"Leaders": []}`, `meeting: line 1: Leaders: malformed ledger JSON: unknown field "Leaders": field names are exact, want "leaders"`, meeting.ErrSyntax},
		{"repeated field", `{"leaders": [], "leaders": []}`, `meeting: line 1: leaders: malformed ledger JSON: field "leaders" given twice`, meeting.ErrSyntax},
		{"trailing data", `{"leaders": []} {}`, `meeting: line 1: malformed ledger JSON: data after the ledger object`, meeting.ErrSyntax},
		{"trailing data on a later line", "{\"leaders\": []}\n\n x", `meeting: line 3: malformed ledger JSON: data after the ledger object`, meeting.ErrSyntax},
		{"a fault before trailing data", `{"leaders": [{"id": 1}]} {}`, `meeting: line 1: leader[0]: id: malformed ledger JSON: want a string, found JSON number`, meeting.ErrSyntax},
		{"a syntax error late in the input", "{\"leaders\": [{\"ID\": \"a\"}],\n \"meetings\": [}", `meeting: line 2: malformed ledger JSON: invalid character '}' looking for beginning of value`, meeting.ErrSyntax},
		{"too deep", `{"leaders": [` + strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000) + `]}`,
			`meeting: line 1: malformed ledger JSON: invalid character '[' exceeded max depth`, meeting.ErrSyntax},
		{"leaders not an array", `{"leaders": {}}`, `meeting: line 1: leaders: malformed ledger JSON: want an array, found JSON object`, meeting.ErrSyntax},
		{"unknown record field", "{\"leaders\": [\n{\"id\": \"a\", \"nmae\": \"A\"}]}", `meeting: line 2: leader[0] "a": nmae: malformed ledger JSON: unknown field "nmae"`, meeting.ErrSyntax},
		{"wrong type", "{\"leaders\": [\n\n{\"id\": 7}]}", `meeting: line 3: leader[0]: id: malformed ledger JSON: want a string, found JSON number`, meeting.ErrSyntax},
		{"bad syntax in a record", "{\"leaders\": [\n{\"id\": \"a\",\n \"name\": x}]}", `meeting: line 3: malformed ledger JSON: invalid character 'x' looking for beginning of value`, meeting.ErrSyntax},
		{"truncated", `{"leaders": [{"id": "a"`, `meeting: line 1: malformed ledger JSON: unexpected end of input`, meeting.ErrSyntax},
		{"bad date", leaders + `{"id": "m", "date": "10/07/2024", "participants": ["a", "b"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m": date: invalid date "10/07/2024", want YYYY-MM-DD`, meeting.ErrInvalidDate},
		{"bad term date", "{\"leaders\": [{\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\", \"terms\": [{\"start\": \"2020-13-01\"}]}]}",
			`meeting: line 1: leader[0] "a": terms[0].start: invalid date "2020-13-01", want YYYY-MM-DD`, meeting.ErrInvalidDate},
		{"missing kind", leaders + `{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m": kind: invalid kind "" (want talks, pull-aside, call or visit)`, meeting.ErrInvalidKind},
		{"bad status", leaders + `{"id": "m", "date": "2024-07-10", "participants": ["a", "b"], "kind": "call", "status": "maybe"}]}`,
			`meeting: line 5: meeting[0] "m": status: invalid status "maybe" (want held, planned, unconfirmed or cancelled)`, meeting.ErrInvalidStatus},
		{"bad country", "{\"leaders\": [\n  {\"id\": \"a\", \"name\": \"A\", \"country\": \"XX\"}]}",
			`meeting: line 2: leader[0] "a": country: invalid country code "XX"`, meeting.ErrInvalidCountry},
		{"unknown participant", leaders + `{"id": "m1", "date": "2024-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held"},
  {"id": "m2", "date": "2024-07-10", "participants": ["a", "c"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 6: meeting[1] "m2": participants[1]: unknown leader ID "c"`, meeting.ErrUnknownLeader},
		{"out of term", leaders + `{"id": "m1", "date": "2019-07-10", "participants": ["a", "b"], "kind": "talks", "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m1": date: outside the leader's terms in office: A (a) was not in office on 2019-07-10`, meeting.ErrOutOfTerm},

		// Keys are spelled exactly, once, in every object.
		{"key in another case", "{\"leaders\": [{\"ID\": \"a\", \"name\": \"A\", \"country\": \"KR\"}]}",
			`meeting: line 1: leader[0]: ID: malformed ledger JSON: unknown field "ID": field names are exact, want "id"`, meeting.ErrSyntax},
		{"repeated key", `{"leaders": [{"id": "a", "name": "A", "name": "B", "country": "KR"}]}`,
			`meeting: line 1: leader[0] "a": name: malformed ledger JSON: field "name" given twice`, meeting.ErrSyntax},
		{"repeated key in a term", `{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": [{"start": "2020-01-01", "start": "2021-01-01"}]}]}`,
			`meeting: line 1: leader[0] "a": terms[0].start: malformed ledger JSON: field "start" given twice`, meeting.ErrSyntax},
		{"key in another case in a source", leaders + m + `"sources": [{"publisher": "P"}, {"URL": "https://example.com"}]}]}`,
			`meeting: line 5: meeting[0] "m": sources[1].URL: malformed ledger JSON: unknown field "URL": field names are exact, want "url"`, meeting.ErrSyntax},
		{"unknown key in a source", leaders + m + `"sources": [{"link": "https://example.com"}]}]}`,
			`meeting: line 5: meeting[0] "m": sources[0].link: malformed ledger JSON: unknown field "link"`, meeting.ErrSyntax},
		{"escaped key", `{"leaders": [{"\u0069d": "a", "id": "b", "name": "A", "country": "KR"}]}`,
			`meeting: line 1: leader[0] "a": id: malformed ledger JSON: field "id" given twice`, meeting.ErrSyntax},

		// Wrong types, named by the path of their key.
		{"a participant of the wrong type", leaders + `{"id": "m", "date": "2024-07-10", "participants": ["a", 1], "kind": "talks", "status": "held"}]}`,
			`meeting: line 5: meeting[0] "m": participants[1]: malformed ledger JSON: want a string, found JSON number`, meeting.ErrSyntax},
		{"terms not an array", `{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": {}}]}`,
			`meeting: line 1: leader[0] "a": terms: malformed ledger JSON: want an array, found JSON object`, meeting.ErrSyntax},
		{"a term not an object", `{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": ["2020-01-01"]}]}`,
			`meeting: line 1: leader[0] "a": terms[0]: malformed ledger JSON: want an object, found JSON string`, meeting.ErrSyntax},
		{"a null record", `{"leaders": [null]}`,
			`meeting: line 1: leader[0]: malformed ledger JSON: want an object, found JSON null`, meeting.ErrSyntax},
		{"a boolean name", `{"leaders": [{"id": "a", "name": true}]}`,
			`meeting: line 1: leader[0] "a": name: malformed ledger JSON: want a string, found JSON boolean`, meeting.ErrSyntax},
		{"a nested array as a name", `{"leaders": [{"id": "a", "name": [[[[[[[[[[]]]]]]]]]]}]}`,
			`meeting: line 1: leader[0] "a": name: malformed ledger JSON: want a string, found JSON array`, meeting.ErrSyntax},

		// The line is the line of the fault, wherever the record starts.
		{"type error on the record's last line", "{\n \"leaders\": [\n  {\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\"},\n  {\"id\": \"b\",\n   \"name\": \"B\",\n   \"country\": 5}\n ]\n}",
			`meeting: line 6: leader[1] "b": country: malformed ledger JSON: want a string, found JSON number`, meeting.ErrSyntax},
		{"syntax error on the record's last line", "{\n \"leaders\": [\n  {\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\"},\n  {\"id\": \"b\",\n   \"name\": \"B\",\n   \"country\": \"KR\" x}\n ]\n}",
			`meeting: line 6: malformed ledger JSON: invalid character 'x' after object key:value pair`, meeting.ErrSyntax},
		{"unknown field on the record's last line", "{\n \"leaders\": [\n  {\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\"},\n  {\"id\": \"b\",\n   \"name\": \"B\",\n   \"country\": \"KR\", \"bogus\": 1}\n ]\n}",
			`meeting: line 6: leader[1] "b": bogus: malformed ledger JSON: unknown field "bogus"`, meeting.ErrSyntax},
		{"a record starting on the line after the comma", "{\"leaders\": [{\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\"},\n\n  {\"id\": \"b\", \"name\": \"B\", \"country\": \"XX\"}]}",
			`meeting: line 3: leader[1] "b": country: invalid country code "XX"`, meeting.ErrInvalidCountry},
		{"a fault after many blank lines", "{\"leaders\": [" + strings.Repeat("\n", 100_000) + "{\"id\": 1}]}",
			`meeting: line 100001: leader[0]: id: malformed ledger JSON: want a string, found JSON number`, meeting.ErrSyntax},

		// Text that encoding/json would silently change, named by record
		// and field (issue 10, review: it named neither).
		{"invalid UTF-8", "{\"leaders\": [\n{\"id\": \"a\", \"name\": \"A\", \"country\": \"KR\", \"office\": \"\xff\"}]}",
			`meeting: line 2: leader[0] "a": office: invalid text: "\xff" is not valid UTF-8 at byte 0`, meeting.ErrInvalidText},
		{"a lone high surrogate", "{\"leaders\": [\n\n{\"id\": \"a\", \"name\": \"\\ud800\", \"country\": \"KR\"}]}",
			`meeting: line 3: leader[0] "a": name: invalid text: "\\ud800" escapes half a surrogate pair, \ud800, at byte 0`, meeting.ErrInvalidText},
		{"a lone low surrogate", `{"leaders": [{"id": "a", "name": "A\uDC00", "country": "KR"}]}`,
			`meeting: line 1: leader[0] "a": name: invalid text: "A\\uDC00" escapes half a surrogate pair, \uDC00, at byte 1`, meeting.ErrInvalidText},
		{"a high surrogate before a letter", `{"leaders": [{"id": "a", "name": "\ud83d\u0041", "country": "KR"}]}`,
			`meeting: line 1: leader[0] "a": name: invalid text: "\\ud83d\\u0041" escapes half a surrogate pair, \ud83d, at byte 0`, meeting.ErrInvalidText},
		{"invalid UTF-8 in a name before the ID", "{\"leaders\": [{\"name\": \"Yoon\", \"country\": \"KR\", \"id\": \"a\"},\n{\"name\": \"Yo\xc3\", \"country\": \"KR\", \"id\": \"b\"}]}",
			`meeting: line 2: leader[1] "b": name: invalid text: "Yo\xc3" is not valid UTF-8 at byte 2`, meeting.ErrInvalidText},
		{"invalid UTF-8 in a field name", "{\"leaders\": [{\"id\": \"a\", \"na\xffme\": \"A\", \"country\": \"KR\"}]}",
			`meeting: line 1: leader[0] "a": malformed ledger JSON: invalid text: field name "na\xffme" is not valid UTF-8 at byte 2`, meeting.ErrInvalidText},
		{"half a surrogate pair in a top-level field name", `{"leaders": [], "meet\udc00ings": []}`,
			`meeting: line 1: malformed ledger JSON: invalid text: field name "meet\\udc00ings" escapes half a surrogate pair, \udc00, at byte 4`, meeting.ErrSyntax},
		{"a control character in a name", `{"leaders": [{"id": "a", "name": "A\u0000", "country": "KR"}]}`,
			`meeting: line 1: leader[0] "a": name: invalid text: "A\x00" holds the control character U+0000 at byte 1`, meeting.ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := meeting.ReadLedger(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ReadLedger read %d leaders, want an error", len(l.Leaders()))
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("ReadLedger error (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("ReadLedger error %v is not %v", err, tt.is)
			}
			var ve *meeting.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("ReadLedger error %T, want *meeting.ValidationError", err)
			}
		})
	}
}

// TestReadLedgerBadTextEverywhere: bytes that are not UTF-8 and escapes
// of half a surrogate pair are found in every text of every record, each
// named by its record, ID, field and line, all of them at once (issue 10,
// review: the first alone was reported, naming no record or field).
func TestReadLedgerBadTextEverywhere(t *testing.T) {
	in := "{\"leaders\": [\n" +
		"{\"id\": \"kr\", \"name\": \"Yoon\", \"country\": \"KR\", \"aliases\": [\"Y\", \"\xe9\"]},\n" +
		"{\"id\": \"jp\", \"name\": \"Kishida\", \"country\": \"JP\", \"terms\": [{\"start\": \"2021-10-04\\udc00\"}]}],\n" +
		"\"meetings\": [{\"id\": \"m1\", \"date\": \"2023-03-16\", \"participants\": [\"kr\", \"jp\xc0\"],\n" +
		"\"place\": \"Tokyo\\ud800\", \"sources\": [{\"url\": \"https://example.org/\xff\"}]}],\n" +
		"\"tallies\": [{\"note\": \"\xfe\", \"id\": \"t1\"}]}"
	_, err := meeting.ReadLedger(strings.NewReader(in))
	var ve *meeting.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, meeting.ErrInvalidText) {
		t.Fatalf("ReadLedger: %v, want a *ValidationError of ErrInvalidText", err)
	}
	type where struct {
		Line      int
		Record    string
		Index     int
		ID, Field string
	}
	var got []where
	for _, p := range ve.Problems {
		got = append(got, where{p.Line, p.Record, p.Index, p.ID, p.Field})
	}
	want := []where{
		{2, "leader", 0, "kr", "aliases[1]"},
		{3, "leader", 1, "jp", "terms[0].start"},
		{4, "meeting", 0, "m1", "participants[1]"},
		{5, "meeting", 0, "m1", "place"},
		{5, "meeting", 0, "m1", "sources[0].url"},
		{6, "tally", 0, "t1", "note"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
	}
}

// TestReadLedgerText checks that text survives reading exactly: escapes of
// surrogate pairs and escaped backslashes are not mistaken for lone
// surrogates.
func TestReadLedgerText(t *testing.T) {
	tests := []struct{ json, want string }{
		{`\ud83d\ude00`, "😀"},
		{`\\ud800`, `\ud800`},
		{`\\\ud83d\ude00`, `\😀`},
		{`Zelens\u02BCkyi`, "Zelensʼkyi"},
		{"윤석열", "윤석열"},
	}
	for _, tt := range tests {
		in := `{"leaders": [{"id": "a", "name": "Yoon ` + tt.json + `", "country": "KR"}]}`
		l, err := meeting.ReadLedger(strings.NewReader(in))
		if err != nil {
			t.Errorf("ReadLedger(%s): %v", in, err)
			continue
		}
		if diff := cmp.Diff("Yoon "+tt.want, l.Leaders()[0].Name); diff != "" {
			t.Errorf("name read from %s (-want +got):\n%s", tt.json, diff)
		}
	}
}

// TestUnmarshalNull checks encoding/json's convention: the JSON null leaves
// an Unmarshaler unchanged.
func TestUnmarshalNull(t *testing.T) {
	l := storyLedger()
	before, _ := json.Marshal(l)
	for _, in := range []string{"null", " null\n"} {
		if err := l.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("UnmarshalJSON(%q): %v", in, err)
		}
	}
	if err := json.Unmarshal([]byte("null"), l); err != nil {
		t.Errorf("json.Unmarshal(null): %v", err)
	}
	after, _ := json.Marshal(l)
	if diff := cmp.Diff(string(before), string(after)); diff != "" {
		t.Errorf("null changed the ledger (-before +after):\n%s", diff)
	}

	var doc struct {
		Ledger *meeting.Ledger
		Other  meeting.Ledger
	}
	if err := json.Unmarshal([]byte(`{"Ledger": null, "Other": null}`), &doc); err != nil {
		t.Errorf("json.Unmarshal of null fields: %v", err)
	}
	if doc.Ledger != nil || len(doc.Other.Leaders()) != 0 {
		t.Errorf("null fields decoded as %v, %v", doc.Ledger, doc.Other.Leaders())
	}
	if l, err := meeting.ReadLedger(strings.NewReader("null")); err != nil || len(l.Leaders()) != 0 {
		t.Errorf("ReadLedger(null) = %v, %v; want an empty ledger", l, err)
	}
}

func TestReadLedgerAccepts(t *testing.T) {
	for _, in := range []string{`{}`, `{"leaders": null, "meetings": null}`, " {\"meetings\": []}\n\n", "null", "\tnull "} {
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
	f.Add(`{"leaders": [{"id": "a", "name": "A \"q\" \\ \u00e9 \ud83d\ude00", "country": "KR", "aliases": null, "terms": [{"start": "2020-01-01", "end": null}]}]}`)
	f.Add("null")
	f.Add(`{"meetings": [], "leaders": [{"id": "a", "name": "A", "country": "KR", "id": "b"}]}`)
	f.Add("{\"leaders\": [{\"id\": \"a\", \"name\": \"Yo\xffon\", \"country\": \"KR\", \"aliases\": [\"\\udc00\"]}]}")
	f.Fuzz(func(t *testing.T, text string) {
		l, err := meeting.ReadLedger(strings.NewReader(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "meeting: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
			// Bad text in a record is named by its field (bad text in a
			// field name is a syntax error in the object).
			var ve *meeting.ValidationError
			if errors.As(err, &ve) {
				for _, p := range ve.Problems {
					if p.Record != "" && p.Field == "" && errors.Is(p, meeting.ErrInvalidText) && !errors.Is(p, meeting.ErrSyntax) {
						t.Errorf("invalid text in a record, naming no field: %v", p)
					}
				}
			}
			return
		}
		if off, what := input.BadText([]byte(text)); off >= 0 {
			t.Fatalf("read a ledger from text whose byte %d %s", off, what)
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

		// Every text accepted keeps the rule that lets it be written as
		// XML: no noncharacter, no control character XML forbids.
		for _, s := range ledgerTexts(l) {
			if off, what := input.BadChar(s, false); off >= 0 {
				t.Errorf("accepted %q, which has %s", s, what)
			}
		}
		for _, out := range []string{l.Pairs(everything).SVG(), l.Pairs(everything).HTML()} {
			if err := wellFormed(out); err != nil {
				t.Errorf("output does not parse as XML: %v\n%s", err, out)
			}
		}

		// The reference: encoding/json reads what ReadLedger accepted into
		// the same records.
		ref, err := referenceLedger(text)
		if err != nil {
			t.Fatalf("ReadLedger accepted what the reference rejects: %v", err)
		}
		var want bytes.Buffer
		if err := ref.WriteJSON(&want); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), first.String()); diff != "" {
			t.Errorf("ReadLedger and the reference differ (-reference +ReadLedger):\n%s", diff)
		}
	})
}

// referenceLedger reads ledger JSON with encoding/json and the public API,
// as a reference for the reader's own walk of the JSON. It skips a
// byte-order mark as every reader does.
func referenceLedger(text string) (*meeting.Ledger, error) {
	type source struct{ Publisher, Title, URL, Quote, Date string }
	var doc struct {
		Leaders []struct {
			ID, Name, Country, Office string
			Terms                     []struct{ Start, End string }
			Aliases                   []string
			Sources                   []source
		}
		Meetings []struct {
			ID, Date        string
			Participants    []string
			Kind, Status    string
			Place, Occasion string
			Sources         []source
			Note            string
		}
		Tallies []struct {
			ID, Leader, With, Count string
			AsOf                    string `json:"as_of"`
			Rule, Match             string
			Kinds                   []string
			Multilateral            bool
			Sources                 []source
			Note                    string
			Inferred                bool
		}
	}
	dec := json.NewDecoder(bytes.NewReader(input.TrimBOM([]byte(text))))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	date := func(s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		return time.Parse(time.DateOnly, s)
	}
	sources := func(js []source) ([]meeting.Source, error) {
		var out []meeting.Source
		for _, s := range js {
			sd, err := date(s.Date)
			if err != nil {
				return nil, err
			}
			out = append(out, meeting.Source{Publisher: s.Publisher, Title: s.Title, URL: s.URL, Quote: s.Quote, Date: sd})
		}
		return out, nil
	}
	var l meeting.Ledger
	var leaders []meeting.Leader
	for _, j := range doc.Leaders {
		ld := meeting.Leader{ID: j.ID, Name: j.Name, Country: j.Country, Office: j.Office, Aliases: j.Aliases}
		var err error
		if ld.Sources, err = sources(j.Sources); err != nil {
			return nil, err
		}
		for _, t := range j.Terms {
			start, err := date(t.Start)
			if err != nil {
				return nil, err
			}
			end, err := date(t.End)
			if err != nil {
				return nil, err
			}
			ld.Terms = append(ld.Terms, meeting.Term{Start: start, End: end})
		}
		leaders = append(leaders, ld)
	}
	if err := l.AddLeader(leaders...); err != nil {
		return nil, err
	}
	var meetings []meeting.Meeting
	for _, j := range doc.Meetings {
		d, err := date(j.Date)
		if err != nil {
			return nil, err
		}
		m := meeting.Meeting{ID: j.ID, Date: d, Participants: j.Participants, Place: j.Place, Occasion: j.Occasion, Note: j.Note}
		if m.Kind, err = meeting.ParseKind(j.Kind); err != nil {
			return nil, err
		}
		if m.Status, err = meeting.ParseStatus(j.Status); err != nil {
			return nil, err
		}
		if m.Sources, err = sources(j.Sources); err != nil {
			return nil, err
		}
		meetings = append(meetings, m)
	}
	if err := l.AddMeeting(meetings...); err != nil {
		return nil, err
	}
	var tallies []meeting.Tally
	for _, j := range doc.Tallies {
		t := meeting.Tally{ID: j.ID, Leader: j.Leader, With: j.With, Rule: j.Rule, Note: j.Note, Inferred: j.Inferred}
		var err error
		if t.AsOf, err = date(j.AsOf); err != nil {
			return nil, err
		}
		if t.Count, t.Most, err = meeting.ParseRange(j.Count); err != nil {
			return nil, err
		}
		if t.Match, err = meeting.ParseRuleMatch(j.Match); err != nil {
			return nil, err
		}
		for _, k := range j.Kinds {
			kind, err := meeting.ParseKind(k)
			if err != nil {
				return nil, err
			}
			t.As.Kinds = append(t.As.Kinds, kind)
		}
		t.As.Multilateral = j.Multilateral
		if t.Sources, err = sources(j.Sources); err != nil {
			return nil, err
		}
		tallies = append(tallies, t)
	}
	if err := l.AddTally(tallies...); err != nil {
		return nil, err
	}
	return &l, nil
}

// ledgerTexts returns every text of the ledger's records.
func ledgerTexts(l *meeting.Ledger) []string {
	var out []string
	for _, ld := range l.Leaders() {
		out = append(out, ld.ID, ld.Name, ld.Country, ld.Office)
		out = append(out, ld.Aliases...)
	}
	for _, m := range l.Meetings() {
		out = append(out, m.ID, m.Place, m.Occasion, m.Note)
		out = append(out, m.Participants...)
		for _, s := range m.Sources {
			out = append(out, s.Publisher, s.Title, s.URL, s.Quote)
		}
	}
	return out
}

// wellFormed reports whether s is well-formed XML.
func wellFormed(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
