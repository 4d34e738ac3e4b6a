package pledge_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// storyLines is the story's book as JSON Lines.
const storyLines = `{"id":"kr-ua-2023-g20","donor":"South Korea","recipient":"Ukraine","amount":{"value":"2300000000","currency":"USD"},"parts":[{"amount":{"value":"300000000","currency":"USD"},"categories":["humanitarian"]}],"stage":"pledged","date":"2023-09-10","sources":[{"publisher":"Yonhap","date":"2023-09-10"}]}
{"id":"kr-ua-2023-07","donor":"South Korea","recipient":"Ukraine","amount":{"value":"150000000","currency":"USD"},"categories":["humanitarian","military/non-lethal"],"stage":"pledged","date":"2023-07-15"}
`

// TestReadBookJSONLines reads the same book as a document and as JSON
// Lines, in the forms people and programs write them.
func TestReadBookJSONLines(t *testing.T) {
	want, err := pledge.ReadBook(strings.NewReader(storyJSON))
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"as written":            storyLines,
		"no final line feed":    strings.TrimSuffix(storyLines, "\n"),
		"CRLF":                  strings.ReplaceAll(storyLines, "\n", "\r\n"),
		"blank lines and space": "\n  \n" + strings.ReplaceAll(storyLines, "\n", "\n\t \n"),
		"byte-order mark":       "\ufeff" + storyLines,
		"spaced fields":         strings.ReplaceAll(storyLines, `":`, `": `),
		"a record twice":        storyLines + strings.SplitAfter(storyLines, "\n")[1],
	} {
		t.Run(name, func(t *testing.T) {
			got, err := pledge.ReadBook(strings.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.All(), got.All()); diff != "" {
				t.Errorf("(-document +lines):\n%s", diff)
			}
		})
	}
}

// TestReadBookForm: which form an input is read as.
func TestReadBookForm(t *testing.T) {
	tests := []struct {
		name, in string
		records  int
		err      string // substring of the error; "" for none
	}{
		{"empty", "", 0, ""},
		{"blank", " \n\r\n\t", 0, ""},
		{"empty document", "{}", 0, ""},
		{"document", `{"pledges":[]}`, 0, ""},
		{"document, spaced", "\n { \"pledges\" : [] }", 0, ""},
		{"document, escaped name", `{"pl\u0065dges":[]}`, 0, ""},
		{"one record", `{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"}}`, 1, ""},
		{"a record without id first", `{"donor":"D","id":"a","amount":{"value":"1","currency":"USD"}}`, 1, ""},
		{"a document's field second", `{"id":"a","pledges":[]}`, 0, `pledge (line 1) "a" pledges: invalid value: unknown field "pledges"`},
		{"an array", `[]`, 0, `want an object {"pledges":[...]}`},
		{"a number", `5`, 0, `want an object {"pledges":[...]}`},
		{"pretty-printed record", "{\n\"id\": \"a\"\n}", 0, `pledge (line 1) #0: invalid value: the line is not one JSON record: unexpected end of JSON input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := pledge.ReadBook(strings.NewReader(tt.in))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("ReadBook = %v", err)
			case tt.err == "":
				if b.Len() != tt.records {
					t.Errorf("%d records, want %d", b.Len(), tt.records)
				}
			case err == nil:
				t.Fatalf("ReadBook = %d records, want an error with %q", b.Len(), tt.err)
			case !strings.Contains(err.Error(), tt.err):
				t.Errorf("error %q does not contain %q", err, tt.err)
			}
		})
	}
}

// TestReadBookJSONLinesErrors: each problem names its line; a line that
// is not JSON is one problem among the others, and reading goes on.
func TestReadBookJSONLinesErrors(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"}}`,
		``,
		`{"id":"b","donor":"D","amount":{"value":"1","currency":"USD"},"Note":"x"}`,
		`{"id":"c","donor":"D","amount":{"value":"1","currency":"USD"}} {"id":"d"}`,
		`{"id":"e","donor":"Kor` + "\xe9" + `a","amount":{"value":"1","currency":"USD"}}`,
		`{"commit":1,"crc32c":"00000000"}`,
		`{"id":"f","donor":"D","amount":{"value":"1","currency":"USD"},"under":"b"}`,
		`{"id":"a","donor":"D","amount":{"value":"2","currency":"USD"}}`,
		`{"id":"g","donor":"D","amount":{"value":"1","currency":"US`,
	}, "\n")
	_, err := pledge.ReadBook(strings.NewReader(in))
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadBook = %v, want a *ValidationError", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		`pledge (line 3) "b" Note: invalid value: unknown field "Note": field names are exact, want "note"`,
		`pledge (line 4) #2: invalid value: the line is not one JSON record: invalid character '{' after top-level value`,
		`pledge (line 5) "e" donor: invalid value: "Kor\xe9a" is not valid UTF-8 at byte 3`,
		`pledge (line 6) #4: invalid value: a journal's commit marker, not a record: replay a journal with Book.Replay or OpenJournal`,
		`pledge (line 8) "a" id: duplicate: "a" is given twice, first with amount USD 1, then USD 2`,
		`pledge (line 9) #7: invalid value: the line is not one JSON record: unexpected end of JSON input`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestReadBookJSONLinesCap: a file of many bad lines lists the first 100
// problems and counts the rest.
func TestReadBookJSONLinesCap(t *testing.T) {
	var in strings.Builder
	for i := range 250 {
		fmt.Fprintf(&in, "{\"id\":\"r%d\",\"donor\":\"D\"}\nnot json\n", i)
	}
	_, err := pledge.ReadBook(strings.NewReader(in.String()))
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadBook = %v", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 400 || ve.Problems[0].Line != 1 || ve.Problems[1].Line != 2 || ve.Problems[99].Line != 100 {
		t.Errorf("%d problems (lines %d, %d ... %d), %d omitted; want 100 of lines 1..100 and 400 omitted",
			len(ve.Problems), ve.Problems[0].Line, ve.Problems[1].Line, ve.Problems[len(ve.Problems)-1].Line, ve.Omitted)
	}
}

// TestWriteJSONLines: one record a line, in the order added, read back
// to the same records; an empty book writes nothing and reads back.
func TestWriteJSONLines(t *testing.T) {
	b, err := pledge.ReadBook(strings.NewReader(storyJSON))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.WriteJSONLines(&out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storyLines, out.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	back, err := pledge.ReadBook(&out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.All(), back.All()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var empty pledge.Book
	out.Reset()
	if err := empty.WriteJSONLines(&out); err != nil || out.Len() != 0 {
		t.Errorf("an empty book wrote %q, %v", out.String(), err)
	}
	if back, err := pledge.ReadBook(&out); err != nil || back.Len() != 0 {
		t.Errorf("an empty book read back: %v", err)
	}
}
