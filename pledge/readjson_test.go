package pledge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// TestReadJSONForms reads the story's records in every form a request
// may hold them, and gets the same records in the same order.
func TestReadJSONForms(t *testing.T) {
	book, err := pledge.ReadBook(strings.NewReader(storyJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := book.All()
	array, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, array, "", "  "); err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"array":                   string(array),
		"array, indented":         pretty.String(),
		"array, BOM and space":    "\ufeff \n" + string(array) + "\n\n",
		"document":                storyJSON,
		"JSON Lines":              storyLines,
		"JSON Lines, CRLF":        strings.ReplaceAll(storyLines, "\n", "\r\n"),
		"JSON Lines, blank lines": "\n" + strings.ReplaceAll(storyLines, "\n", "\n\n"),
	} {
		got, err := pledge.ReadJSON(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}

	one, err := json.Marshal(want[1])
	if err != nil {
		t.Fatal(err)
	}
	var onePretty bytes.Buffer
	if err := json.Indent(&onePretty, one, "", "\t"); err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"one record":            string(one),
		"one record, indented":  onePretty.String(),
		"one record, then line": string(one) + "\n \n",
	} {
		got, err := pledge.ReadJSON(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(want[1:2], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}

	for _, in := range []string{"", " \n", "[]", " [ ]\n", `{"pledges":[]}`} {
		got, err := pledge.ReadJSON(strings.NewReader(in))
		if err != nil || len(got) != 0 {
			t.Errorf("ReadJSON(%q) = %v, %v; want no records, no error", in, got, err)
		}
	}
}

// TestReadJSONProblems checks that every problem names the record by
// position, ID and line, and the field by its path; and that JSON that is
// not well-formed names its line.
func TestReadJSONProblems(t *testing.T) {
	const ok = `{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"}}`
	tests := []struct {
		name string
		in   string
		want []pledge.Problem // Err compared by its text
		msg  string           // or, for an error that is no *ValidationError
	}{
		{
			name: "unknown field in a part",
			in:   `[` + ok + `,{"id":"b","donor":"D","amount":{"value":"5","currency":"EUR"},"parts":[{"amount":{"value":"1","currency":"EUR"},"colour":"red"}]}]`,
			want: []pledge.Problem{{Index: 1, ID: "b", Line: 1, Field: "parts[0].colour", Err: errors.New(`pledge: invalid value: unknown field "colour"`)}},
		},
		{
			name: "field names in another case",
			in:   "[\n" + ok + ",\n" + `{"ID":"c","donor":"D","amount":{"value":"5","currency":"EUR"}}` + "\n]",
			want: []pledge.Problem{{Index: 1, Line: 3, Field: "ID", Err: errors.New(`pledge: invalid value: unknown field "ID": field names are exact, want "id"`)}},
		},
		{
			name: "invalid records, all listed",
			in:   `[{"id":"a","donor":"D","amount":{"value":"-5","currency":"EUR"}},{"id":"b","amount":{"value":"5","currency":"EUR"}}]`,
			want: []pledge.Problem{
				{Index: 0, ID: "a", Line: 1, Field: "amount", Err: errors.New(`pledge: invalid amount: EUR -5 is negative; record a reduction as a revision`)},
				{Index: 1, ID: "b", Line: 1, Field: "donor", Err: errors.New(`pledge: missing field: who gives the money?`)},
			},
		},
		{
			name: "an empty object is a record that says nothing",
			in:   `{}`,
			want: []pledge.Problem{
				{Index: 0, Line: 1, Field: "id", Err: errors.New(`pledge: missing field: every pledge needs an ID`)},
				{Index: 0, Line: 1, Field: "donor", Err: errors.New(`pledge: missing field: who gives the money?`)},
				{Index: 0, Line: 1, Field: "amount", Err: errors.New(`pledge: invalid currency: amount 0 has no currency`)},
			},
		},
		{
			name: "a line of JSON Lines that is not JSON; the lines after it are read",
			in:   ok + "\n{\"id\":\"b\",\n" + `{"id":"c","donor":"D","amount":{"value":"x","currency":"EUR"}}`,
			want: []pledge.Problem{
				{Index: 1, Line: 2, Err: errors.New(`pledge: invalid value: the line is not one JSON record: unexpected end of JSON input`)},
				{Index: 2, ID: "c", Line: 3, Field: "amount", Err: errors.New(`pledge: invalid amount "x": unexpected "x"`)},
			},
		},
		{name: "syntax error", in: "[\n" + ok + ",\n{\"id\": x}]", msg: `pledge: JSON line 3: invalid character 'x' looking for beginning of value`},
		{name: "cut short", in: "[\n" + ok + ",\n", msg: `pledge: JSON line 3: unexpected end of input`},
		{name: "a record cut short", in: "{\n\"id\": \"a\",\n", msg: `pledge: JSON line 3: unexpected end of input`},
		{name: "data after the array", in: "[" + ok + "]\n[]", msg: `pledge: JSON line 2: unexpected data after the array`},
		{name: "a number", in: "42", msg: `pledge: JSON line 1: want a pledge, an array of pledges or {"pledges":[...]}, found 42`},
		{name: "an array of numbers", in: "[1]", want: []pledge.Problem{{Index: 0, Line: 1, Err: errors.New(`pledge: invalid value: want an object, found JSON number`)}}},
	}
	for _, tt := range tests {
		got, err := pledge.ReadJSON(strings.NewReader(tt.in))
		if got != nil {
			t.Errorf("%s: records returned with an error", tt.name)
		}
		var ve *pledge.ValidationError
		if tt.msg != "" {
			if err == nil || errors.As(err, &ve) || err.Error() != tt.msg {
				t.Errorf("%s: error %v; want %s", tt.name, err, tt.msg)
			}
			continue
		}
		if !errors.As(err, &ve) {
			t.Errorf("%s: error %v; want a *ValidationError", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, ve.Problems, cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })); diff != "" {
			t.Errorf("%s: problems (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestReadJSONLeavesTheBatchToAdd checks what ReadJSON leaves to Add: an
// ID given twice, and links to records elsewhere.
func TestReadJSONLeavesTheBatchToAdd(t *testing.T) {
	in := `[{"id":"b","donor":"D","amount":{"value":"5","currency":"EUR"},"revises":"a"},
	        {"id":"b","donor":"D","amount":{"value":"5","currency":"EUR"},"revises":"a"}]`
	got, err := pledge.ReadJSON(strings.NewReader(in))
	if err != nil || len(got) != 2 {
		t.Fatalf("ReadJSON = %d records, %v; want 2, nil", len(got), err)
	}
	var book pledge.Book
	if err := book.Add(pledge.Pledge{ID: "a", Donor: "D", Amount: pledge.MustAmount("4", "EUR")}); err != nil {
		t.Fatal(err)
	}
	if err := book.Add(got...); err != nil {
		t.Fatal(err)
	}
	if book.Len() != 2 {
		t.Errorf("the book holds %d records; want 2", book.Len())
	}
}

// TestReadJSONTooLarge checks that a reader's error, such as the one
// net/http.MaxBytesReader gives, comes back wrapped.
func TestReadJSONTooLarge(t *testing.T) {
	cause := errors.New("too large")
	_, err := pledge.ReadJSON(failingReader{cause})
	if !errors.Is(err, cause) {
		t.Errorf("error %v; want it to wrap %v", err, cause)
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(storyJSON))
	f.Add([]byte(storyLines))
	f.Add([]byte(`[{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"},"stage":"committed"},{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"}}]`))
	f.Add([]byte("{\n \"id\": \"a\", \"donor\": \"D\",\n \"amount\": {\"value\": \"5\", \"currency\": \"EUR\"}\n}\n"))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[1, "x", null]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := pledge.ReadJSON(bytes.NewReader(data))
		if err != nil {
			if got != nil {
				t.Fatal("records returned with an error")
			}
			return
		}
		// Whatever was read reads back the same from its array.
		array, err := json.Marshal(append([]pledge.Pledge{}, got...))
		if err != nil {
			t.Fatal(err)
		}
		back, err := pledge.ReadJSON(bytes.NewReader(array))
		if err != nil {
			t.Fatalf("cannot read back %s: %v", array, err)
		}
		if len(got) == 0 {
			got = nil
		}
		if diff := cmp.Diff(got, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		// A book that takes them takes them from ReadBook too.
		var b pledge.Book
		if b.Add(got...) == nil {
			var lines bytes.Buffer
			if err := b.WriteJSONLines(&lines); err != nil {
				t.Fatal(err)
			}
			if _, err := pledge.ReadBook(&lines); err != nil {
				t.Fatalf("ReadBook refuses what Add took: %v", err)
			}
		}
	})
}
