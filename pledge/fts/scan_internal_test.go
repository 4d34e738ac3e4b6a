package fts

import (
	"encoding/json"
	"testing"

	"github.com/summitry/summitry/internal/input"
)

// FuzzScanner holds the scanner to encoding/json: it accepts the JSON
// that json.Valid accepts (nested at most maxDepth deep), finds bad text
// where input does, and reads a string as encoding/json does.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, -2.5e+3, true, false, null, {"b": "c\u00e9\ud83d\ude00\n"}]}`,
		`[01]`, `[1,]`, `{"a":1,}`, `"\ud800"`, "\"\xe9\"", `"\\\ud800"`, `[[[[]]]]`, `"a\/b\"c"`,
		`1e`, `-`, `{"a" 1}`, `{,}`, "\"\x01\"", `"\u12G4"`, ` [ ] `, `{"":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := pageReader{scanner: newScanner(data), index: -1}
		p.skip()
		if p.err == nil {
			if p.peek(); p.i < len(data) {
				p.fail("unexpected data after the value")
			}
		}
		if deep := depth(data) > maxDepth; p.err == nil != json.Valid(data) && !deep {
			t.Fatalf("scanner error %v, json.Valid %v", p.err, json.Valid(data))
		}
		if p.err != nil {
			return
		}
		badText := input.BadUTF8(data) >= 0 || input.LoneSurrogate(data) >= 0
		if badText != (len(p.bad) > 0) {
			t.Fatalf("bad text %v, problems %v", badText, p.bad)
		}
		if data[skipSpace(data)] != '"' || badText {
			return
		}
		var want string
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		s := newScanner(data)
		s.peek()
		if got := unquote(s.str()); got != want {
			t.Fatalf("unquote = %q, encoding/json reads %q", got, want)
		}
	})
}

func skipSpace(data []byte) int {
	s := scanner{data: data}
	s.peek()
	return s.i
}

// depth is how deeply data nests arrays and objects, counting brackets
// outside strings.
func depth(data []byte) int {
	d, most, in := 0, 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case in:
		case c == '[' || c == '{':
			d++
			most = max(most, d)
		case c == ']' || c == '}':
			d--
		}
	}
	return most
}
