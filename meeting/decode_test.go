package meeting_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

// decoders are the package's JSON decoders, each as a function of the
// input that reports whether the value it decodes into was left as it was.
var decoders = map[string]func(data []byte) (err error, unchanged bool){
	"rule": func(data []byte) (error, bool) {
		before := meeting.Rule{Multilateral: true}
		r := before
		err := r.UnmarshalJSON(data)
		return err, r.Equal(before)
	},
	"claim": func(data []byte) (error, bool) {
		before := meeting.Claim{A: "x", Count: 3}
		c := before
		err := c.UnmarshalJSON(data)
		return err, c == before
	},
	"finding": func(data []byte) (error, bool) {
		before := meeting.Finding{Claim: meeting.Claim{A: "x"}, Recorded: 7}
		f := before
		err := f.UnmarshalJSON(data)
		return err, f.Claim == before.Claim && f.Recorded == before.Recorded && f.Missing == before.Missing && f.Err == nil
	},
	"ledger": func(data []byte) (error, bool) {
		l := storyLedger()
		before, _ := json.Marshal(l)
		err := l.UnmarshalJSON(data)
		after, _ := json.Marshal(l)
		return err, bytes.Equal(before, after)
	},
}

// TestDecodeErrors holds every decoder to an error that names the field at
// fault by its path, in the words of the pledge package's decoders ("want
// a string, found JSON number", "unknown field", "given twice", "field
// names are exact"), for each kind of bad input, and matches the sentinel
// under errors.Is. Bad text in a string is placed by the byte in the
// string, bad syntax and data after the value by the byte in the input.
func TestDecodeErrors(t *testing.T) {
	const (
		yoon   = `"a": "Yoon Suk Yeol", "b": "Fumio Kishida", "count": 11`
		leader = `{"leaders": [{"id": "a", "name": "A", "country": "KR", `
	)
	tests := []struct {
		decoder, name, in string
		want              string
		is                []error
	}{
		// Text that is not what was written, named by its field (a rule
		// and a claim named none).
		{"rule", "invalid UTF-8", "{\"kinds\": [\"talks\xff\"]}",
			`meeting: rule: kinds[0]: invalid text: "talks\xff" is not valid UTF-8 at byte 5`, []error{meeting.ErrInvalidText}},
		{"rule", "half a surrogate pair", `{"statuses": ["held", "\udc00"]}`,
			`meeting: rule: statuses[1]: invalid text: "\\udc00" escapes half a surrogate pair, \udc00, at byte 0`, []error{meeting.ErrInvalidText}},
		{"rule", "invalid UTF-8 in a key", "{\"ki\xffnds\": []}",
			`meeting: rule: malformed JSON: invalid text: field name "ki\xffnds" is not valid UTF-8 at byte 2`, []error{meeting.ErrSyntax, meeting.ErrInvalidText}},
		{"claim", "invalid UTF-8", "{\"a\": \"Yo\xffon\", \"b\": \"Kishida\", \"count\": 11}",
			`meeting: claim: a: invalid text: "Yo\xffon" is not valid UTF-8 at byte 2`, []error{meeting.ErrInvalidText}},
		{"claim", "half a surrogate pair in a source", `{` + yoon + `, "source": {"title": "Yoon \ud83d"}}`,
			`meeting: claim: source.title: invalid text: "Yoon \\ud83d" escapes half a surrogate pair, \ud83d, at byte 5`, []error{meeting.ErrInvalidText}},
		{"claim", "invalid UTF-8 in a key", "{\"source\": {\"ur\xc3\": \"x\"}}",
			`meeting: claim: source: malformed JSON: invalid text: field name "ur\xc3" is not valid UTF-8 at byte 2`, []error{meeting.ErrSyntax, meeting.ErrInvalidText}},
		{"finding", "invalid UTF-8 in the error", "{\"claim\": {}, \"error\": \"meeting: unknown leader \\\"\xe9\\\"\"}",
			`meeting: finding: error: invalid text: "meeting: unknown leader \\\"\xe9\\\"" is not valid UTF-8 at byte 26`, []error{meeting.ErrInvalidText}},
		{"finding", "half a surrogate pair in the claim", `{"claim": {"a": "Yoon", "b": "\udfffKishida", "count": 1}, "recorded": 1, "missing": 0}`,
			`meeting: finding: claim.b: invalid text: "\\udfffKishida" escapes half a surrogate pair, \udfff, at byte 0`, []error{meeting.ErrInvalidText}},
		{"ledger", "invalid UTF-8 in an alias", leader + "\"aliases\": [\"A\", \"\xffA\"]}]}",
			`meeting: line 1: leader[0] "a": aliases[1]: invalid text: "\xffA" is not valid UTF-8 at byte 0`, []error{meeting.ErrInvalidText}},

		// Characters no text may hold.
		{"claim", "a control character in a name", `{"a": "Yoon\u0007", "b": "Kishida", "count": 11}`,
			`meeting: claim: a: invalid text: "Yoon\a" holds the control character U+0007 at byte 4`, []error{meeting.ErrInvalidText}},
		{"claim", "a line break in a name", `{"a": "Yoon", "b": "Fumio\nKishida", "count": 11}`,
			`meeting: claim: b: invalid text: "Fumio\nKishida" holds the control character U+000A at byte 5`, []error{meeting.ErrInvalidText}},
		{"claim", "a noncharacter in a source", `{` + yoon + `, "source": {"quote": "met \ufffe"}}`,
			`meeting: claim: source.quote: invalid text: "met \ufffe" holds U+FFFE (a Unicode noncharacter) at byte 4`, []error{meeting.ErrInvalidText}},
		{"finding", "a control character in the error", `{"claim": {}, "error": "x\u001b[31m"}`,
			`meeting: finding: error: invalid text: "x\x1b[31m" holds the control character U+001B at byte 1`, []error{meeting.ErrInvalidText}},

		// Wrong types.
		{"rule", "not an object", `["talks"]`,
			`meeting: rule: malformed JSON: want an object, found JSON array`, []error{meeting.ErrSyntax}},
		{"rule", "a string for a list", `{"statuses": "held"}`,
			`meeting: rule: statuses: malformed JSON: want an array, found JSON string`, []error{meeting.ErrSyntax}},
		{"rule", "a number in a list", `{"kinds": ["talks", 1]}`,
			`meeting: rule: kinds[1]: malformed JSON: want a string, found JSON number`, []error{meeting.ErrSyntax}},
		{"rule", "a string for a boolean", `{"multilateral": "yes"}`,
			`meeting: rule: multilateral: malformed JSON: want true or false, found JSON string`, []error{meeting.ErrSyntax}},
		{"claim", "a string for a count", `{"a": "Yoon", "b": "Kishida", "count": "11"}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 up, found JSON string`, []error{meeting.ErrSyntax}},
		{"claim", "an array for a source", `{` + yoon + `, "source": []}`,
			`meeting: claim: source: malformed JSON: want an object, found JSON array`, []error{meeting.ErrSyntax}},
		{"finding", "an object for a count", `{"claim": {` + yoon + `}, "recorded": {}, "missing": 1}`,
			`meeting: finding: recorded: malformed JSON: want a whole number from 0 up, found JSON object`, []error{meeting.ErrSyntax}},
		{"finding", "a number for the error", `{"claim": {}, "error": 404}`,
			`meeting: finding: error: malformed JSON: want a string, found JSON number`, []error{meeting.ErrSyntax}},
		{"ledger", "a boolean for a term's end", leader + `"terms": [{"start": "2020-01-01", "end": false}]}]}`,
			`meeting: line 1: leader[0] "a": terms[0].end: malformed ledger JSON: want a string, found JSON boolean`, []error{meeting.ErrSyntax}},

		// Values the field does not take.
		{"rule", "an unknown kind", `{"kinds": ["talks", "chat"]}`,
			`meeting: rule: kinds[1]: invalid kind "chat" (want talks, pull-aside, call or visit)`, []error{meeting.ErrInvalidKind}},
		{"rule", "an unknown status", `{"statuses": ["done"]}`,
			`meeting: rule: statuses[0]: invalid status "done" (want held, planned, unconfirmed or cancelled)`, []error{meeting.ErrInvalidStatus}},
		{"rule", "a date of a year", `{"from": "2024"}`,
			`meeting: rule: from: invalid date "2024", want YYYY-MM-DD`, []error{meeting.ErrInvalidDate}},
		{"rule", "a window closed before it opens", `{"from": "2024-07-10", "to": "2024-07-09"}`,
			`meeting: rule: to: invalid rule: 2024-07-09 is before from, 2024-07-10`, []error{meeting.ErrInvalidRule}},
		{"claim", "a date in words", `{` + yoon + `, "as_of": "10 July 2024"}`,
			`meeting: claim: as_of: invalid date "10 July 2024", want YYYY-MM-DD`, []error{meeting.ErrInvalidDate}},
		{"claim", "a source's date", `{` + yoon + `, "source": {"date": "2024-02-30"}}`,
			`meeting: claim: source.date: invalid date "2024-02-30", want YYYY-MM-DD`, []error{meeting.ErrInvalidDate}},
		{"finding", "a claim's date", `{"claim": {` + yoon + `, "as_of": "x"}, "recorded": 10, "missing": 1}`,
			`meeting: finding: claim.as_of: invalid date "x", want YYYY-MM-DD`, []error{meeting.ErrInvalidDate}},
		{"finding", "missing that is not the difference", `{"claim": {` + yoon + `}, "recorded": 10, "missing": 2}`,
			`meeting: finding: missing: malformed JSON: missing is 2; the claim's count less recorded is 1`, []error{meeting.ErrSyntax}},
		{"finding", "counts beside an error", `{"claim": {}, "recorded": 0, "error": "x"}`,
			`meeting: finding: recorded: malformed JSON: a finding with an error has no counts`, []error{meeting.ErrSyntax}},
		{"finding", "an empty error", `{"claim": {}, "error": ""}`,
			`meeting: finding: error: malformed JSON: an empty error: leave "error" out when there is none`, []error{meeting.ErrSyntax}},
		{"ledger", "an unknown match", `{"tallies": [{"id": "t", "leader": "a", "with": "JP", "count": "2", "as_of": "2020-01-01", "match": "equal"}]}`,
			`meeting: line 1: tally[0] "t": match: invalid rule: rule match "equal" (want unknown, same, wider, narrower or other)`, []error{meeting.ErrInvalidRule}},

		// Keys given twice, in another case, unknown: named as written.
		{"rule", "a key given twice", `{"kinds": [], "kinds": ["call"]}`,
			`meeting: rule: kinds: malformed JSON: field "kinds" given twice`, []error{meeting.ErrSyntax}},
		{"rule", "a key given twice, once escaped", `{"kinds": [], "\u006binds": []}`,
			`meeting: rule: kinds: malformed JSON: field "kinds" given twice`, []error{meeting.ErrSyntax}},
		{"claim", "a key given twice in a source", `{` + yoon + `, "source": {"url": "a", "url": "b"}}`,
			`meeting: claim: source.url: malformed JSON: field "url" given twice`, []error{meeting.ErrSyntax}},
		{"finding", "a key given twice", `{"recorded": 1, "recorded": 1}`,
			`meeting: finding: recorded: malformed JSON: field "recorded" given twice`, []error{meeting.ErrSyntax}},
		{"rule", "a key in another case", `{"Kinds": []}`,
			`meeting: rule: Kinds: malformed JSON: unknown field "Kinds": field names are exact, want "kinds"`, []error{meeting.ErrSyntax}},
		{"claim", "a key in another case", `{"A": "Yoon"}`,
			`meeting: claim: A: malformed JSON: unknown field "A": field names are exact, want "a"`, []error{meeting.ErrSyntax}},
		{"claim", "a key in another case in a source", `{"source": {"URL": "https://example.org"}}`,
			`meeting: claim: source.URL: malformed JSON: unknown field "URL": field names are exact, want "url"`, []error{meeting.ErrSyntax}},
		{"finding", "a key in another case", `{"Error": "x"}`,
			`meeting: finding: Error: malformed JSON: unknown field "Error": field names are exact, want "error"`, []error{meeting.ErrSyntax}},
		{"ledger", "a key in another case in a term", leader + `"terms": [{"Start": "2020-01-01"}]}]}`,
			`meeting: line 1: leader[0] "a": terms[0].Start: malformed ledger JSON: unknown field "Start": field names are exact, want "start"`, []error{meeting.ErrSyntax}},
		{"rule", "an unknown key", `{"colour": 1}`,
			`meeting: rule: colour: malformed JSON: unknown field "colour"`, []error{meeting.ErrSyntax}},
		{"rule", "an unknown key with a long name", `{"` + strings.Repeat("k", 70) + `": 1}`,
			`meeting: rule: "` + strings.Repeat("k", 64) + `"… (70 bytes): malformed JSON: unknown field "` + strings.Repeat("k", 64) + `"… (70 bytes)`, []error{meeting.ErrSyntax}},
		{"claim", "an unknown key in a source", `{"source": {"when": "2024"}}`,
			`meeting: claim: source.when: malformed JSON: unknown field "when"`, []error{meeting.ErrSyntax}},
		{"finding", "an unknown key in the claim", `{"claim": {"c": "Biden"}}`,
			`meeting: finding: claim.c: malformed JSON: unknown field "c"`, []error{meeting.ErrSyntax}},
		{"ledger", "an unknown key in a meeting's source", `{"meetings": [{"id": "m", "sources": [{}, {"link": "x"}]}]}`,
			`meeting: line 1: meeting[0] "m": sources[1].link: malformed ledger JSON: unknown field "link"`, []error{meeting.ErrSyntax}},
		{"ledger", "an unknown top-level key", `{"leaders": [], "people": []}`,
			`meeting: line 1: people: malformed ledger JSON: unknown field "people"`, []error{meeting.ErrSyntax}},

		// Required fields null or left out.
		{"claim", "a null leader", `{"a": null, "b": "Kishida", "count": 11}`,
			`meeting: claim: a: missing field`, []error{meeting.ErrMissing}},
		{"claim", "an empty leader", `{"a": "Yoon", "b": "", "count": 11}`,
			`meeting: claim: b: missing field`, []error{meeting.ErrMissing}},
		{"claim", "no count", `{"a": "Yoon", "b": "Kishida"}`,
			`meeting: claim: count: missing field`, []error{meeting.ErrMissing}},
		{"claim", "a null count", `{"a": "Yoon", "b": "Kishida", "count": null}`,
			`meeting: claim: count: missing field`, []error{meeting.ErrMissing}},
		{"finding", "a null claim", `{"claim": null, "recorded": 0, "missing": 0}`,
			`meeting: finding: claim: missing field`, []error{meeting.ErrMissing}},
		{"finding", "a claim without a leader", `{"claim": {"b": "Kishida", "count": 11}, "recorded": 10, "missing": 1}`,
			`meeting: finding: claim.a: missing field`, []error{meeting.ErrMissing}},
		{"finding", "no recorded count", `{"claim": {` + yoon + `}, "missing": 1}`,
			`meeting: finding: recorded: missing field`, []error{meeting.ErrMissing}},
		{"finding", "a null missing count", `{"claim": {` + yoon + `}, "recorded": 10, "missing": null}`,
			`meeting: finding: missing: missing field`, []error{meeting.ErrMissing}},
		{"ledger", "a null ID", `{"leaders": [{"id": null, "name": "A", "country": "KR"}]}`,
			`meeting: line 1: leader[0]: id: missing field`, []error{meeting.ErrMissing}},

		// Numbers that are not whole, below 0 or out of range.
		{"claim", "a negative count", `{"a": "Yoon", "b": "Kishida", "count": -1}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 up, found -1`, []error{meeting.ErrSyntax}},
		{"claim", "a fraction", `{"a": "Yoon", "b": "Kishida", "count": 1.5}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 up, found 1.5`, []error{meeting.ErrSyntax}},
		{"claim", "an exponent", `{"a": "Yoon", "b": "Kishida", "count": 1e2}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 up, found 1e2`, []error{meeting.ErrSyntax}},
		{"claim", "a count past the largest int", `{"a": "Yoon", "b": "Kishida", "count": 9223372036854775808}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 to 9223372036854775807, found 9223372036854775808`, []error{meeting.ErrSyntax}},
		{"claim", "a count of 100 digits", `{"a": "Yoon", "b": "Kishida", "count": ` + strings.Repeat("9", 100) + `}`,
			`meeting: claim: count: malformed JSON: want a whole number from 0 to 9223372036854775807, found ` + strings.Repeat("9", 64) + `… (100 bytes)`, []error{meeting.ErrSyntax}},
		{"finding", "a negative count in the claim", `{"claim": {"a": "Yoon", "b": "Kishida", "count": -3}}`,
			`meeting: finding: claim.count: malformed JSON: want a whole number from 0 up, found -3`, []error{meeting.ErrSyntax}},
		{"finding", "a negative recorded count", `{"claim": {` + yoon + `}, "recorded": -1, "missing": 12}`,
			`meeting: finding: recorded: malformed JSON: want a whole number from 0 up, found -1`, []error{meeting.ErrSyntax}},
		{"finding", "a missing count past the least int", `{"claim": {` + yoon + `}, "recorded": 0, "missing": -9223372036854775809}`,
			`meeting: finding: missing: malformed JSON: want a whole number from -9223372036854775808 to 9223372036854775807, found -9223372036854775809`, []error{meeting.ErrSyntax}},

		// Bad syntax and data after the value, placed by byte.
		{"rule", "data after the rule", `{"kinds": ["talks"]} {}`,
			`meeting: rule: malformed JSON: data after the rule at byte 21`, []error{meeting.ErrSyntax}},
		{"rule", "data after the rule, after a byte-order mark", "\ufeff{} x",
			`meeting: rule: malformed JSON: data after the rule at byte 6`, []error{meeting.ErrSyntax}},
		{"rule", "a fault within the rule before data after it", `{"kinds": "talks"} x`,
			`meeting: rule: kinds: malformed JSON: want an array, found JSON string`, []error{meeting.ErrSyntax}},
		{"claim", "data after the claim", `{` + yoon + `}]`,
			`meeting: claim: malformed JSON: data after the claim at byte 57`, []error{meeting.ErrSyntax}},
		{"finding", "data after the finding", `{"claim": {}, "error": "x"}` + "\n\x00",
			`meeting: finding: malformed JSON: data after the finding at byte 28`, []error{meeting.ErrSyntax}},
		{"ledger", "data after the ledger", "{\"leaders\": []}\n\n x",
			`meeting: line 3: malformed ledger JSON: data after the ledger object`, []error{meeting.ErrSyntax}},
		{"rule", "a comma before the end", `{"kinds": ["talks",]}`,
			`meeting: rule: malformed JSON: invalid character ']' looking for beginning of value at byte 19`, []error{meeting.ErrSyntax}},
		{"claim", "cut short", `{"a": "Yoon", "b`,
			`meeting: claim: malformed JSON: unexpected end of input at byte 16`, []error{meeting.ErrSyntax}},
		{"finding", "empty", ``,
			`meeting: finding: malformed JSON: unexpected end of input at byte 0`, []error{meeting.ErrSyntax}},
	}
	for _, tt := range tests {
		t.Run(tt.decoder+"/"+tt.name, func(t *testing.T) {
			err, unchanged := decoders[tt.decoder]([]byte(tt.in))
			if err == nil {
				t.Fatalf("%s: no error", tt.in)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("%s: error (-want +got):\n%s", tt.in, diff)
			}
			for _, is := range tt.is {
				if !errors.Is(err, is) {
					t.Errorf("%s: %v does not match %v", tt.in, err, is)
				}
			}
			if !unchanged {
				t.Errorf("%s: the %s changed on error", tt.in, tt.decoder)
			}
		})
	}
}

// TestDecodeAccepts checks what the decoders take that the errors above
// might be mistaken to refuse: null for what is not required, keys
// escaped, a byte-order mark, white space around the value.
func TestDecodeAccepts(t *testing.T) {
	tests := []struct{ decoder, in string }{
		{"rule", `{}`},
		{"rule", `{"kinds": null, "statuses": null, "from": null, "to": null, "multilateral": null}`},
		{"rule", "\ufeff {\"\\u006binds\": [\"Pull Aside\"]}\n"},
		{"claim", `{"a": "Yoon", "b": "Kishida", "count": 0, "as_of": null, "source": null}`},
		{"claim", `{"a": "Yoon", "b": "Kishida", "count": -0, "source": {"publisher": null}}`},
		{"finding", `{"claim": {"a": "Yoon", "b": "Kishida", "count": 11}, "recorded": 12, "missing": -1}`},
		{"finding", `{"claim": {}, "recorded": null, "missing": null, "error": "meeting: invalid rule"}`},
		{"finding", `{"error": "meeting: unknown leader \"\""}`},
	}
	for _, tt := range tests {
		if err, _ := decoders[tt.decoder]([]byte(tt.in)); err != nil {
			t.Errorf("%s %s: %v", tt.decoder, tt.in, err)
		}
	}
}

// checkDecodeError fails t unless err, from decoding data as what ("rule",
// "claim", "finding"), starts with the package and what, matches a
// sentinel, and names the field of bad text in a string (the inputs that
// found it named none: "{\"kinds\": [\"talks\xff\"]}").
func checkDecodeError(t *testing.T, what string, data []byte, err error) {
	t.Helper()
	msg, ok := strings.CutPrefix(err.Error(), "meeting: "+what+": ")
	if !ok {
		t.Fatalf("%q: error without the package and what: %v", data, err)
	}
	if !slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) }) {
		t.Fatalf("%q: error matching no sentinel: %v", data, err)
	}
	if errors.Is(err, meeting.ErrInvalidText) && !errors.Is(err, meeting.ErrSyntax) && strings.HasPrefix(msg, "invalid text") {
		t.Fatalf("%q: invalid text naming no field: %v", data, err)
	}
}

// decoded decodes data with decode, into a value unchanged says is as it
// was, and reports whether there is a value to check further: an error is
// held to checkDecodeError, and the value must be as it was after an error
// and after JSON null.
func decoded(t *testing.T, what string, data []byte, decode func([]byte) error, unchanged func() bool) bool {
	t.Helper()
	err := decode(data)
	if err != nil {
		checkDecodeError(t, what, data, err)
	}
	if (err != nil || isNull(data)) && !unchanged() {
		t.Fatalf("%q: the %s changed (error %v)", data, what, err)
	}
	return err == nil && !isNull(data)
}

// rewrite writes v, read from data, as JSON and reads that into back,
// failing t when either fails; it returns what it wrote.
func rewrite(t *testing.T, data []byte, v any, back json.Unmarshaler) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%q read as %+v, which does not marshal: %v", data, v, err)
	}
	if err := back.UnmarshalJSON(out); err != nil {
		t.Fatalf("%s, written from %q, does not read back: %v", out, data, err)
	}
	return out
}

// decodeSeeds are inputs every JSON fuzz target starts from: the inputs
// whose errors named no field, and the kinds of bad input of
// TestDecodeErrors.
var decodeSeeds = []string{
	`null`, ` null `, `{}`, `[]`, ``, `{} x`, "\ufeff{}",
	"{\"kinds\": [\"talks\xff\"]}", `{"kinds": ["\udc00"]}`, "{\"ki\xffnds\": []}",
	"{\"a\": \"Yo\xffon\", \"b\": \"Kishida\", \"count\": 11}", `{"a": "\ud800", "b": "x", "count": 1}`,
	"{\"claim\": {\"a\": \"Yo\xffon\"}}", "{\"error\": \"x\xff\"}",
	`{"Kinds": []}`, `{"kinds": [], "kinds": []}`, `{"colour": 1}`, `{"count": 99999999999999999999}`,
}

func FuzzRuleJSON(f *testing.F) {
	for _, s := range append(decodeSeeds,
		`{"kinds":["talks","pull-aside"],"statuses":["held"],"from":"2022-05-10","to":null,"multilateral":false}`,
		`{"kinds":["Pull Aside","CALL"],"statuses":["planned","held","held"],"to":"2024-07-10","multilateral":true}`) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := meeting.Rule{Kinds: []meeting.Kind{meeting.Visit}}
		r := before
		if !decoded(t, "rule", data, r.UnmarshalJSON, func() bool { return r.Equal(before) }) {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("%q read as an invalid rule: %v", data, err)
		}
		var back meeting.Rule
		if out := rewrite(t, data, r, &back); !back.Equal(r) {
			t.Fatalf("%s reads back as %v; want %v", out, back, r)
		}
	})
}

func FuzzClaimJSON(f *testing.F) {
	for _, s := range append(decodeSeeds,
		`{"a":"Yoon Suk Yeol","b":"Fumio Kishida","count":11,"as_of":"2024-07-10","source":{"publisher":"The Korea Herald","url":"https://example.org/a?b&c","date":"2024-07-10"}}`,
		`{"a":"윤석열","b":"岸田文雄","count":0,"as_of":null,"source":{"quote":"\"met\"\t11 times\r\n"}}`) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := meeting.Claim{A: "x", Count: 3}
		c := before
		if !decoded(t, "claim", data, c.UnmarshalJSON, func() bool { return c == before }) {
			return
		}
		if c.A == "" || c.B == "" {
			t.Fatalf("%q read as a claim without its leaders: %+v", data, c)
		}
		var back meeting.Claim
		out := rewrite(t, data, c, &back)
		if diff := cmp.Diff(c, back); diff != "" {
			t.Fatalf("%s reads back changed (-want +got):\n%s", out, diff)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("written twice differently:\n%s\n%s", out, again)
		}
	})
}

func FuzzFindingJSON(f *testing.F) {
	for _, s := range append(decodeSeeds,
		`{"claim":{"a":"Yoon Suk Yeol","b":"Fumio Kishida","count":11,"as_of":"2024-07-10","source":{"publisher":"The Korea Herald","url":"https://example.org","date":"2024-07-10"}},"recorded":10,"missing":1}`,
		`{"claim":{"a":"Yoon Suk Yeol","b":"Nobody","count":3,"as_of":null,"source":null},"recorded":null,"missing":null,"error":"meeting: unknown leader \"Nobody\""}`,
		`{"claim":{"a":"a","b":"b","count":3},"recorded":4,"missing":-1}`, `{"claim":{},"error":"meeting: invalid rule"}`) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fd meeting.Finding
		fd.Recorded = 7
		unchanged := func() bool {
			return fd.Claim == meeting.Claim{} && fd.Recorded == 7 && fd.Missing == 0 && fd.Err == nil
		}
		if !decoded(t, "finding", data, fd.UnmarshalJSON, unchanged) {
			return
		}
		var back meeting.Finding
		out := rewrite(t, data, fd, &back)
		if diff := cmp.Diff(fd.Claim, back.Claim); diff != "" || back.Recorded != fd.Recorded || back.Missing != fd.Missing ||
			(back.Err == nil) != (fd.Err == nil) || back.String() != fd.String() {
			t.Fatalf("%s reads back as %v, want %v (claim -want +got):\n%s", out, back, fd, diff)
		}
		for _, s := range sentinels {
			if errors.Is(fd.Err, s) != errors.Is(back.Err, s) {
				t.Fatalf("%s: the error read back matches %v differently", out, s)
			}
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("written twice differently:\n%s\n%s", out, again)
		}
		if fd.Err == nil { // a finding without an error names its leaders: its claim reads alone
			var c meeting.Claim
			claim, _ := json.Marshal(fd.Claim)
			if err := c.UnmarshalJSON(claim); err != nil || c != fd.Claim {
				t.Fatalf("the claim %s reads back as %+v, %v", claim, c, err)
			}
		}
	})
}

// FuzzTextValues holds the text decoders of kinds, statuses, bases, rule
// matches and tally counts to a lossless round trip: whatever one reads
// writes as text that reads back as the same value, and what it refuses
// is an error matching its sentinel.
func FuzzTextValues(f *testing.F) {
	for _, s := range []string{"talks", "Pull Aside", "PULL_ASIDE", "talk", "held", "Cancelled", "ledger", " REPORT ",
		"same", "", "20", "2..8", "11..", "..19", " 3 .. 3 ", "8..2", "..", "-1", "999999999", "1000000000", "\xff", "talks\x00"} {
		f.Add(s)
	}
	enums := []textEnum{
		enumOf("ParseKind", meeting.ErrInvalidKind, meeting.ParseKind),
		enumOf("ParseStatus", meeting.ErrInvalidStatus, meeting.ParseStatus),
		enumOf("ParseBasis", meeting.ErrSyntax, meeting.ParseBasis),
		enumOf("ParseRuleMatch", meeting.ErrInvalidRule, meeting.ParseRuleMatch),
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range enums {
			v, err := e.parse(s)
			if err != nil {
				if !errors.Is(err, e.sentinel) {
					t.Errorf("%s(%q): %v, not %v", e.name, s, err, e.sentinel)
				}
				continue
			}
			text, err := v.MarshalText()
			if err != nil {
				t.Errorf("%s(%q) = %v, which does not marshal: %v", e.name, s, v, err)
				continue
			}
			if back, err := e.read(text); err != nil || back != v {
				t.Errorf("%s(%q) = %v, written %q, reads back as %v, %v", e.name, s, v, text, back, err)
			}
		}
		if count, most, err := meeting.ParseRange(s); err != nil {
			if !errors.Is(err, meeting.ErrInvalidCount) {
				t.Errorf("ParseRange(%q): %v", s, err)
			}
		} else {
			text := meeting.Tally{Count: count, Most: most}.Range()
			c2, m2, err := meeting.ParseRange(text)
			if err != nil || c2 != count || m2 != most {
				t.Errorf("ParseRange(%q) = %d, %d, written %q, read back %d, %d, %v", s, count, most, text, c2, m2, err)
			}
		}
	})
}

// textEnum is a type of the package written as a word: its parser, the
// sentinel its errors match, and its UnmarshalText (read).
type textEnum struct {
	name     string
	sentinel error
	parse    func(string) (encoding.TextMarshaler, error)
	read     func([]byte) (encoding.TextMarshaler, error)
}

// enumOf returns the textEnum of T, parsed by parse.
func enumOf[T encoding.TextMarshaler, P interface {
	*T
	encoding.TextUnmarshaler
}](name string, sentinel error, parse func(string) (T, error)) textEnum {
	return textEnum{name, sentinel,
		func(s string) (encoding.TextMarshaler, error) { return parse(s) },
		func(b []byte) (encoding.TextMarshaler, error) {
			var v T
			err := P(&v).UnmarshalText(b)
			return v, err
		}}
}

// isNull reports whether data is the JSON null, which leaves a value as it
// was.
func isNull(data []byte) bool { return strings.TrimSpace(string(data)) == "null" }
