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

const storyJSON = `{
  "pledges": [
    {
      "id": "kr-ua-2023-g20",
      "donor": "South Korea",
      "recipient": "Ukraine",
      "amount": {"value": "2300000000", "currency": "USD"},
      "parts": [{"amount": {"value": "300000000", "currency": "USD"}, "categories": ["humanitarian"]}],
      "stage": "pledged",
      "date": "2023-09-10",
      "sources": [{"publisher": "Yonhap", "date": "2023-09-10"}]
    },
    {
      "id": "kr-ua-2023-07",
      "donor": "South Korea",
      "recipient": "Ukraine",
      "amount": {"value": "150000000", "currency": "USD"},
      "categories": ["humanitarian", "military/non-lethal"],
      "stage": "pledged",
      "date": "2023-07-15"
    }
  ]
}
`

func TestReadBook(t *testing.T) {
	b, err := pledge.ReadBook(strings.NewReader(storyJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := koreaUkraine()
	want[0].Sources = []pledge.Source{{Publisher: "Yonhap", Date: day("2023-09-10")}}
	want[0].Occasion = ""
	if diff := cmp.Diff(want, b.All()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadBookErrors(t *testing.T) {
	record := func(fields string) string {
		return `{"pledges": [
{"id": "ok", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "stage": "pledged"},
` + fields + `
]}`
	}
	tests := []struct {
		name, in string
		want     string // substring of the error
		sentinel error
	}{
		{"only an opening brace", `{`, "line 1: unexpected end of input", nil},
		{"not an object", `[]`, `want an object`, nil},
		{"truncated", `{"pledges": [{"id": "a"`, "unexpected end of input", nil},
		{"syntax", "{\"pledges\": [\n\n{\"id\": }]}", "line 3", nil},
		{"unknown top field", `{"books": []}`, `unknown field "books"`, nil},
		{"pledges twice", `{"pledges": [], "pledges": []}`, `"pledges" given twice`, nil},
		{"trailing data", `{"pledges": []} {}`, "unexpected data after the book", nil},
		{"unknown field", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "colour": "red"}`),
			`pledge (line 3) "x" colour: invalid value: unknown field "colour"`, pledge.ErrInvalid},
		{"float amount", record(`{"id": "x", "donor": "D", "amount": {"value": 1.5, "currency": "USD"}}`),
			`pledge (line 3) "x" amount: invalid amount "1.5": the value must be a JSON string`, pledge.ErrInvalidAmount},
		{"bad currency", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "usdollar"}}`),
			`pledge (line 3) "x" amount: invalid currency "usdollar"`, pledge.ErrInvalidCurrency},
		{"bad date", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "date": "2023-13-01"}`),
			`pledge (line 3) "x" date: invalid value: date "2023-13-01" is not YYYY, YYYY-MM or YYYY-MM-DD`, pledge.ErrInvalid},
		{"bad stage", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "stage": "promised"}`),
			`stage "promised"`, pledge.ErrInvalid},
		{"negative", record(`{"id": "x", "donor": "D", "amount": {"value": "-1", "currency": "USD"}}`),
			`pledge (line 3) "x" amount: invalid amount`, pledge.ErrInvalidAmount},
		{"duplicate", record(`{"id": "ok", "donor": "D", "amount": {"value": "2", "currency": "USD"}}`),
			`pledge (line 3) "ok" id: duplicate: "ok" is given twice, first with amount USD 1, then USD 2`, pledge.ErrDuplicate},
		{"part amount", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "parts": [{"amount": {"value": "1", "currency": "USD"}}, {"amount": {"value": "1", "currency": "ZZZ"}}]}`),
			`pledge (line 3) "x" parts[1].amount: invalid currency "ZZZ"`, pledge.ErrInvalidCurrency},
		{"source date", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "sources": [{"date": "yesterday"}]}`),
			`pledge (line 3) "x" sources[0].date: invalid value`, pledge.ErrInvalid},
		{"source type", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "sources": [{"title": 5}]}`),
			`pledge (line 3) "x" sources[0].title: invalid value: want a string, found JSON number`, pledge.ErrInvalid},
		{"record not an object", record(`5`),
			`pledge (line 3) #1: invalid value: want an object, found JSON number`, pledge.ErrInvalid},
		{"numeric stage", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "stage": 2}`),
			`pledge (line 3) "x" stage: invalid value: want a string, found JSON number`, pledge.ErrInvalid},
		// encoding/json would match names in any case and let a repeated
		// name win; the reader refuses both.
		{"field in another case", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "Amount": {"value": "5", "currency": "EUR"}}`),
			`pledge (line 3) "x" Amount: invalid value: unknown field "Amount": field names are exact, want "amount"`, pledge.ErrInvalid},
		{"ID in another case", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "ID": "y"}`),
			`pledge (line 3) "x" ID: invalid value: unknown field "ID"`, pledge.ErrInvalid},
		{"field twice", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "id": "y"}`),
			`pledge (line 3) "x" id: invalid value: field "id" given twice`, pledge.ErrInvalid},
		{"amount field in another case", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD", "VALUE": "7"}}`),
			`pledge (line 3) "x" amount.VALUE: invalid value: unknown field "VALUE"`, pledge.ErrInvalid},
		{"amount field twice", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD", "value": "7"}}`),
			`pledge (line 3) "x" amount.value: invalid value: field "value" given twice`, pledge.ErrInvalid},
		{"escaped name", record(`{"id": "x", "d\u006fnor": "D", "amount": {"value": "1", "currency": "USD"}, "n\u006fte": 1}`),
			`pledge (line 3) "x" note: invalid value: want a string, found JSON number`, pledge.ErrInvalid},
		{"source field in another case", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "sources": [{"title": "a"}, {"Title": "b"}]}`),
			`pledge (line 3) "x" sources[1].Title: invalid value: unknown field "Title": field names are exact, want "title"`, pledge.ErrInvalid},
		{"object as amount value, with a repeated name", record(`{"id": "x", "donor": "D", "amount": {"value": {"a": 1, "a": 2}, "currency": "USD"}}`),
			`pledge (line 3) "x" amount: invalid amount`, pledge.ErrInvalidAmount},
		{"object as currency, with a repeated name", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": {"a": [1, {"b": 2, "b": 3}]}}}`),
			`pledge (line 3) "x" amount: invalid currency`, pledge.ErrInvalidCurrency},
		{"empty field name", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "sources": [{"": 1}]}`),
			`pledge (line 3) "x" sources[0]."": invalid value: unknown field ""`, pledge.ErrInvalid},
		// Errors inside arrays name the element.
		{"part year type", record(`{"id": "x", "donor": "D", "amount": {"value": "2", "currency": "USD"}, "parts": [{"amount": {"value": "1", "currency": "USD"}}, {"amount": {"value": "1", "currency": "USD"}, "year": "2023"}]}`),
			`pledge (line 3) "x" parts[1].year: invalid value: want a whole number, found JSON string`, pledge.ErrInvalid},
		{"part year fraction", record(`{"id": "x", "donor": "D", "amount": {"value": "2", "currency": "USD"}, "parts": [{"amount": {"value": "1", "currency": "USD"}, "year": 2023.5}]}`),
			`pledge (line 3) "x" parts[0].year: invalid value: want a whole number, found 2023.5`, pledge.ErrInvalid},
		{"part unknown field", record(`{"id": "x", "donor": "D", "amount": {"value": "2", "currency": "USD"}, "parts": [{"amount": {"value": "1", "currency": "USD"}}, {"amount": {"value": "1", "currency": "USD"}, "colour": 1}]}`),
			`pledge (line 3) "x" parts[1].colour: invalid value: unknown field "colour"`, pledge.ErrInvalid},
		{"category type", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "categories": ["humanitarian", 2]}`),
			`pledge (line 3) "x" categories[1]: invalid value: want a string, found JSON number`, pledge.ErrInvalid},
		{"part category type", record(`{"id": "x", "donor": "D", "amount": {"value": "2", "currency": "USD"}, "parts": [{"amount": {"value": "1", "currency": "USD"}, "categories": [true]}]}`),
			`pledge (line 3) "x" parts[0].categories[0]: invalid value: want a string, found JSON bool`, pledge.ErrInvalid},
		{"dangling", record(`{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "under": "nope"}`),
			`pledge (line 3) "x" under: unknown pledge: "nope"`, pledge.ErrUnknownPledge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := pledge.ReadBook(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ReadBook = %v, want an error", b.All())
			}
			if b != nil {
				t.Error("ReadBook returned a book with its error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %q is not %v", err, tt.sentinel)
			}
		})
	}
}

func TestReadBookListsEveryProblem(t *testing.T) {
	in := `{"pledges": [
{"id": "a", "donor": "D", "amount": {"value": "1", "currency": "ZZZ"}},
{"id": "b", "donor": "D", "amount": {"value": "-1", "currency": "USD"}},
{"id": "c", "donor": "", "amount": {"value": "1", "currency": "USD"}},
{"id": "d", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "under": "a"}
]}`
	_, err := pledge.ReadBook(strings.NewReader(in))
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadBook = %v, want a *ValidationError", err)
	}
	type problem struct {
		Line  int
		ID    string
		Field string
		Err   string
	}
	var got []problem
	for _, p := range ve.Problems {
		got = append(got, problem{p.Line, p.ID, p.Field, sentinel(p)})
	}
	want := []problem{
		{2, "a", "amount", "ErrInvalidCurrency"},
		{3, "b", "amount", "ErrInvalidAmount"},
		{4, "c", "donor", "ErrMissing"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
	}
}

func TestUnmarshalJSONIsAtomic(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	before := b.All()
	bad := strings.Replace(storyJSON, `"150000000"`, `"-150000000"`, 1)
	if err := json.Unmarshal([]byte(bad), b); err == nil {
		t.Fatal("Unmarshal of a bad book: want an error")
	}
	if diff := cmp.Diff(before, b.All()); diff != "" {
		t.Errorf("a failed Unmarshal changed the book (-before +after):\n%s", diff)
	}
	var other pledge.Book
	if err := json.Unmarshal([]byte(storyJSON), &other); err != nil {
		t.Fatal(err)
	}
	if other.Len() != 2 {
		t.Errorf("Len = %d, want 2", other.Len())
	}
	if err := json.Unmarshal([]byte("null"), &other); err != nil || other.Len() != 2 {
		t.Errorf("Unmarshal(null) = %v and left %d records, want no change", err, other.Len())
	}
	empty, err := json.Marshal(&pledge.Book{})
	if err != nil || string(empty) != `{"pledges":[]}` {
		t.Errorf("empty book = %s, %v", empty, err)
	}
}

// FuzzReadBook feeds arbitrary bytes to the reader of untrusted books,
// documents and JSON Lines: it must never panic, never turn what is not
// text into U+FFFD, and whatever it accepts must write back, in both
// forms, and read again to the same records and totals, rows and counts
// included.
func FuzzReadBook(f *testing.F) {
	f.Add([]byte(storyJSON))
	f.Add([]byte(`{"pledges":[]}`))
	f.Add([]byte(`{"pledges":[{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"},"stage":"committed"},{"id":"b","donor":"D","amount":{"value":"7","currency":"EUR"},"stage":"disbursed","under":"a"},{"id":"c","donor":"D","amount":{"value":"9","currency":"EUR"},"revises":"a","stage":"committed"}]}`))
	f.Add([]byte(storyLines))
	f.Add([]byte("{\"id\":\"a\",\"donor\":\"D\",\"amount\":{\"value\":\"5\",\"currency\":\"EUR\"}}\r\n\n{\"id\":\"b\",\"donor\":\"D\",\"amount\":{\"value\":\"7\",\"currency\":\"EUR\"},\"revises\":\"a\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := pledge.ReadBook(bytes.NewReader(data))
		if err != nil {
			if b != nil {
				t.Fatal("a book returned with an error")
			}
			return
		}
		var out bytes.Buffer
		if err := b.WriteJSON(&out); err != nil {
			t.Fatal(err)
		}
		// Nothing was silently repaired into U+FFFD.
		if bytes.Contains(out.Bytes(), []byte("\ufffd")) && !bytes.Contains(data, []byte("\ufffd")) &&
			!bytes.Contains(bytes.ToLower(data), []byte(`\ufffd`)) {
			t.Fatalf("%q was read with U+FFFD in it:\n%s", data, out.Bytes())
		}
		back, err := pledge.ReadBook(&out)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v", err)
		}
		if diff := cmp.Diff(b.All(), back.All()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		var lines bytes.Buffer
		if err := b.WriteJSONLines(&lines); err != nil {
			t.Fatal(err)
		}
		fromLines, err := pledge.ReadBook(&lines)
		if err != nil {
			t.Fatalf("cannot read back the JSON Lines written: %v", err)
		}
		if diff := cmp.Diff(b.All(), fromLines.All()); diff != "" {
			t.Fatalf("round trip through JSON Lines (-want +got):\n%s", diff)
		}
		for _, s := range pledge.Stages() {
			q := pledge.Query{Stage: s, GroupBy: []pledge.Dimension{pledge.ByCategory}}
			t1, err1 := b.Total(q)
			t2, err2 := back.Total(q)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff := cmp.Diff(t1.Sum(), t2.Sum()); diff != "" {
				t.Fatalf("totals differ (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(t1.Rows(), t2.Rows()); diff != "" || t1.Records() != t2.Records() {
				t.Fatalf("rows differ (-want +got):\n%s\nrecords %d, then %d", diff, t1.Records(), t2.Records())
			}
			_ = t1.String() + t1.HTML() + t1.SVG() + t1.Markdown()
		}
	})
}
