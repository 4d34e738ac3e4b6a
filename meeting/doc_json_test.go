package meeting_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docExamples names the example that writes the JSON a declaration's doc
// comment shows, where it is not ExampleT_M for the method T.M or ExampleT
// for the type T: the JSON forms documented on unexported types.
var docExamples = map[string]string{
	"jsonLedger": "Ledger_WriteJSON",  // json.go: the form of a ledger
	"jsonTally":  "Tally_MarshalJSON", // tally_json.go: the form of a tally
}

// TestDocJSON holds the JSON that doc comments show to what the code
// writes. Every block of a doc comment in this package and in historian
// that is JSON (an indented block starting with { or [) must match a JSON
// value that the declaration's example prints, so its // Output: is
// checked by go test and a doc that drifts from the code fails here. In a
// block, "..." stands for any string ("https://..." for any string with
// that start), [...] for any array, {...} for any object, and ", ..."
// before a closing bracket or brace for the elements or keys that follow;
// every key shown must be written, in the order shown, and every value
// shown must be the value written.
func TestDocJSON(t *testing.T) {
	for _, dir := range []string{".", "historian"} {
		blocks, examples := docJSON(t, dir)
		if dir == "." && len(blocks) < 10 {
			// The package's JSON methods show a dozen forms: finding
			// fewer says the search broke, and checks nothing.
			t.Fatalf("found %d JSON blocks in the package's docs, want 10 or more", len(blocks))
		}
		for _, b := range blocks {
			name := b.example
			out, ok := examples[name]
			if !ok {
				t.Errorf("%s: the doc of %s shows JSON, but there is no Example%s to write it", b.pos, b.decl, name)
				continue
			}
			if err := matchOutput(b.text, out); err != nil {
				t.Errorf("%s: the doc of %s shows JSON that Example%s does not write: %v", b.pos, b.decl, name, err)
			}
		}
	}
}

// TestDocJSONMatch checks the matcher: what it takes and what it rejects.
func TestDocJSONMatch(t *testing.T) {
	out := `held talks <nil>
{"a": {"id": "x", "n": [1, 2, 3]}, "b": "https://example.org/a", "c": null} <nil>
{
  "d": [{"e": true}]
}
`
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{"a": {"id": "x", "n": [1, 2, 3]}, "b": "https://example.org/a", "c": null}`, true},
		{`{"a": {...}, "b": "https://...", "c": null}`, true},
		{`{"a": {"id": "...", "n": [1, ...]}, ...}`, true},
		{`{"a": {"id": "x", "n": [...]}, "b": "...", "c": null}`, true},
		{`{"d": [{"e": true}]}`, true},
		{`{"d": [{...}, ...]}`, true},
		{`{"a": {...}, "b": "...", "c": null, "d": 1}`, false},            // a key not written
		{`{"a": {...}, "b": "..."}`, false},                               // a key left out
		{`{"b": "...", "a": {...}, "c": null}`, false},                    // keys out of order
		{`{"a": {"id": "x", "n": [1, 2]}, "b": "...", "c": null}`, false}, // an element left out
		{`{"a": {"id": "y", "n": [...]}, "b": "...", "c": null}`, false},  // a value not written
		{`{"a": {...}, "b": "http://...", "c": null}`, false},
		{`{"a": [...], "b": "...", "c": null}`, false},
		{`{"a": {...}, "b": "...", "c": false}`, false},
		{`{"d": [{"e": "true"}]}`, false},
		{`{"a": ... }`, false}, // not JSON
	} {
		err := matchOutput(tc.doc, out)
		if (err == nil) != tc.ok {
			t.Errorf("match %s: %v, want ok %v", tc.doc, err, tc.ok)
		}
	}
}

// docBlock is a JSON block of a doc comment.
type docBlock struct {
	pos     token.Position
	decl    string // the declaration documented: "Tally.MarshalJSON"
	example string // the example that writes it: "Tally_MarshalJSON"
	text    string
}

// docJSON returns the JSON blocks of the doc comments of the package in
// dir and the output of each of its examples, by name.
func docJSON(t *testing.T, dir string) ([]docBlock, map[string]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var blocks []docBlock
	var tests []*ast.File
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "_test.go") {
			tests = append(tests, f)
			continue
		}
		for _, d := range f.Decls {
			decl, example, group := declNames(d)
			if group == nil {
				continue
			}
			if e, ok := docExamples[decl]; ok {
				example = e
			}
			for _, text := range codeBlocks(group.Text()) {
				if s := strings.TrimSpace(text); strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
					blocks = append(blocks, docBlock{fset.Position(group.Pos()), decl, example, text})
				}
			}
		}
	}
	examples := map[string]string{}
	for _, e := range doc.Examples(tests...) {
		examples[e.Name] = e.Output
	}
	return blocks, examples
}

// declNames returns the name of a declaration ("Tally.MarshalJSON",
// "jsonTally"), the name of its example by the go doc convention, and its
// doc comment.
func declNames(d ast.Decl) (decl, example string, group *ast.CommentGroup) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil || len(d.Recv.List) == 0 {
			return d.Name.Name, d.Name.Name, d.Doc
		}
		typ := d.Recv.List[0].Type
		if star, ok := typ.(*ast.StarExpr); ok {
			typ = star.X
		}
		recv := fmt.Sprint(typ)
		return recv + "." + d.Name.Name, recv + "_" + d.Name.Name, d.Doc
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				return s.Name.Name, s.Name.Name, d.Doc
			case *ast.ValueSpec:
				return s.Names[0].Name, s.Names[0].Name, d.Doc
			}
		}
	}
	return "", "", nil
}

// codeBlocks returns the indented blocks of a doc comment's text.
func codeBlocks(text string) []string {
	var blocks []string
	var b strings.Builder
	for line := range strings.Lines(text + "\n") {
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, " ") {
			b.WriteString(line)
			continue
		}
		if b.Len() > 0 {
			blocks = append(blocks, b.String())
			b.Reset()
		}
	}
	return blocks
}

// Markers of what a doc block leaves out, as JSON strings the matcher
// knows.
const (
	anyArray  = "\x00[...]"
	anyObject = "\x00{...}"
	theRest   = "\x00..."
)

var elisions = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`,\s*\.\.\.\s*\]`), `, "\u0000..."]`},
	{regexp.MustCompile(`,\s*\.\.\.\s*\}`), `, "\u0000...": null}`},
	{regexp.MustCompile(`\[\s*\.\.\.\s*\]`), `"\u0000[...]"`},
	{regexp.MustCompile(`\{\s*\.\.\.\s*\}`), `"\u0000{...}"`},
}

// matchOutput reports whether every JSON value of a doc block matches a
// JSON value that an example's output holds, and if not, why not.
func matchOutput(block, output string) error {
	for _, e := range elisions {
		block = e.re.ReplaceAllString(block, e.with)
	}
	dec := json.NewDecoder(strings.NewReader(block))
	dec.UseNumber()
	var shown []jsonValue
	for dec.More() {
		v, err := readJSONValue(dec)
		if err != nil {
			return fmt.Errorf("the doc's JSON does not parse: %v", err)
		}
		shown = append(shown, v)
	}
	written := outputJSON(output)
	for _, v := range shown {
		var why []string
		for _, w := range written {
			err := v.match(w, "")
			if err == nil {
				why = nil
				break
			}
			why = append(why, err.Error())
		}
		switch {
		case len(written) == 0:
			return fmt.Errorf("the example writes no JSON")
		case why != nil:
			return fmt.Errorf("no value written matches the doc's:\n\t%s", strings.Join(why, "\n\t"))
		}
	}
	return nil
}

// outputJSON returns the JSON values of an example's output: each value
// that starts a line, whatever follows it on its last line.
func outputJSON(output string) []jsonValue {
	var vs []jsonValue
	for off := 0; off < len(output); {
		rest := output[off:]
		next := strings.IndexByte(rest, '\n') + 1
		if next == 0 {
			next = len(rest)
		}
		if s := strings.TrimSpace(rest); strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
			dec := json.NewDecoder(strings.NewReader(rest))
			dec.UseNumber()
			if v, err := readJSONValue(dec); err == nil {
				vs = append(vs, v)
				if n := int(dec.InputOffset()); n > next {
					next = n
				}
			}
		}
		off += next
	}
	return vs
}

// jsonValue is a JSON value with its object keys in the order written.
type jsonValue struct {
	kind   byte // '{', '[', '"', '0' (a number), 't' (true or false), 'n' (null)
	keys   []string
	values []jsonValue
	text   string
}

func readJSONValue(dec *json.Decoder) (jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jsonValue{}, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		v := jsonValue{kind: byte(tok)}
		for dec.More() {
			if tok == '{' {
				key, err := dec.Token()
				if err != nil {
					return v, err
				}
				v.keys = append(v.keys, key.(string))
			}
			e, err := readJSONValue(dec)
			if err != nil {
				return v, err
			}
			v.values = append(v.values, e)
		}
		_, err := dec.Token() // the closing delimiter
		return v, err
	case string:
		return jsonValue{kind: '"', text: tok}, nil
	case json.Number:
		return jsonValue{kind: '0', text: tok.String()}, nil
	case bool:
		return jsonValue{kind: 't', text: fmt.Sprint(tok)}, nil
	}
	return jsonValue{kind: 'n', text: "null"}, nil
}

func (v jsonValue) String() string {
	switch v.kind {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return fmt.Sprintf("%q", v.text)
	}
	return v.text
}

// match reports why w, written at path, is not the value v a doc shows.
func (v jsonValue) match(w jsonValue, path string) error {
	at := path
	if at == "" {
		at = "the value"
	}
	switch {
	case v.kind == '"' && v.text == anyArray && w.kind == '[',
		v.kind == '"' && v.text == anyObject && w.kind == '{',
		v.kind == '"' && strings.HasSuffix(v.text, "...") && w.kind == '"' && strings.HasPrefix(w.text, strings.TrimSuffix(v.text, "...")):
		return nil
	case v.kind == '"' && (v.text == anyArray || v.text == anyObject):
		return fmt.Errorf("%s: shown %s, written %s", at, strings.TrimPrefix(v.text, "\x00"), w)
	case v.kind != w.kind || v.kind != '{' && v.kind != '[' && v.text != w.text:
		return fmt.Errorf("%s: shown %s, written %s", at, v, w)
	}
	for i, e := range v.values {
		if v.kind == '[' && e.kind == '"' && e.text == theRest || v.kind == '{' && v.keys[i] == theRest {
			return nil
		}
		if i == len(w.values) {
			return fmt.Errorf("%s: shown %d elements or keys, written %d", at, len(v.values), len(w.values))
		}
		sub := fmt.Sprintf("%s[%d]", path, i)
		if v.kind == '{' {
			if v.keys[i] != w.keys[i] {
				return fmt.Errorf("%s: key %d shown %q, written %q", at, i, v.keys[i], w.keys[i])
			}
			sub = strings.TrimPrefix(path+"."+v.keys[i], ".")
		}
		if err := e.match(w.values[i], sub); err != nil {
			return err
		}
	}
	if len(v.values) < len(w.values) {
		what := fmt.Sprintf("element %d", len(v.values))
		if v.kind == '{' {
			what = fmt.Sprintf("key %q", w.keys[len(v.values)])
		}
		return fmt.Errorf("%s: %s is written, not shown", at, what)
	}
	return nil
}
