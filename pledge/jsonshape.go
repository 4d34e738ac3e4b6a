package pledge

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// shape is what a JSON value in a record must look like: its kind and, for
// an object, its fields by exact name, for an array, its elements.
//
// encoding/json matches field names in any case and lets a repeated name
// win, so {"amount": ..., "Amount": ...} would quietly read the second.
// checkShape refuses both before decoding, and names every wrong field by
// its whole path ("parts[1].year"), which encoding/json cannot.
type shape struct {
	kind   jsonKindOf
	fields map[string]field // kindObject
	elem   *shape           // kindArray
}

// field is one field of an object shape; bit marks it seen.
type field struct {
	shape *shape
	bit   uint64
}

type jsonKindOf int

const (
	kindAny jsonKindOf = iota
	kindString
	kindWhole // a whole number that fits an int
	kindArray
	kindObject
)

func (k jsonKindOf) String() string {
	return [...]string{"any value", "a string", "a whole number", "an array", "an object"}[k]
}

// object returns the shape of an object with the given fields.
func object(fields map[string]*shape) *shape {
	s := &shape{kind: kindObject, fields: map[string]field{}}
	bit := uint64(1)
	for name, fs := range fields {
		s.fields[name] = field{fs, bit}
		bit <<= 1
	}
	return s
}

var (
	anyShape    = &shape{kind: kindAny}
	stringShape = &shape{kind: kindString}
	stringList  = &shape{kind: kindArray, elem: stringShape}
	// The amount object's values keep kindAny: Amount.UnmarshalJSON says
	// what is wrong with them in its own words.
	amountShape = object(map[string]*shape{"value": anyShape, "currency": anyShape})
	sourceShape = object(map[string]*shape{
		"publisher": stringShape, "title": stringShape, "url": stringShape, "quote": stringShape, "date": stringShape,
	})
	partShape = object(map[string]*shape{
		"amount": amountShape, "qualifier": stringShape, "categories": stringList, "year": {kind: kindWhole}, "note": stringShape,
	})
	pledgeShape = object(map[string]*shape{
		"id": stringShape, "donor": stringShape, "recipient": stringShape, "amount": amountShape, "qualifier": stringShape,
		"categories": stringList, "parts": {kind: kindArray, elem: partShape}, "stage": stringShape,
		"date": stringShape, "occasion": stringShape, "revises": stringShape, "under": stringShape,
		"sources": {kind: kindArray, elem: sourceShape}, "note": stringShape,
	})
)

// checkJSON checks that data is valid JSON of shape s.
func checkJSON(data []byte, s *shape) error {
	if !json.Valid(data) {
		var v any
		return fmt.Errorf("%w: %v", ErrInvalid, json.Unmarshal(data, &v))
	}
	return checkShape(data, s)
}

// jsonText is JSON text being read at byte i; the readers here walk text
// that json.Valid or a json.Decoder has already accepted.
type jsonText struct {
	data []byte
	i    int
}

func (t *jsonText) space() {
	for t.i < len(t.data) {
		switch t.data[t.i] {
		case ' ', '\t', '\n', '\r':
			t.i++
		default:
			return
		}
	}
}

// skipValue moves past the value at i, whatever it holds.
func (t *jsonText) skipValue() {
	t.space()
	depth := 0
	for t.i < len(t.data) {
		switch b := t.data[t.i]; {
		case b == '"':
			t.i = t.stringEnd()
			if depth == 0 {
				return
			}
			continue
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
			if depth <= 0 {
				t.i++
				return
			}
		case depth == 0: // a number or a literal
			for t.i < len(t.data) && !isJSONDelimiter(t.data[t.i]) {
				t.i++
			}
			return
		}
		t.i++
	}
}

// stringEnd returns the offset just past the string that starts at i, or
// the end of the data when the string does not end.
func (t *jsonText) stringEnd() int {
	j := t.i + 1
	for ; j < len(t.data); j++ {
		switch t.data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return min(j, len(t.data)) // a backslash last of all steps past the end
}

// checkShape reports the first place where data, which must be valid JSON,
// does not have shape s, as a *fieldError naming the path. JSON null is
// accepted anywhere, as encoding/json accepts it.
func checkShape(data []byte, s *shape) error {
	c := shapeChecker{jsonText: jsonText{data: data}}
	c.path = c.buf[:0]
	return c.value(s)
}

type shapeChecker struct {
	jsonText
	path []step // where the value being checked is
	buf  [8]step
}

// step is one step of a path: a field name, or an array index when name
// is nil.
type step struct {
	name  []byte
	index int
}

// fail is a problem at the current path.
func (c *shapeChecker) fail(format string, args ...any) error {
	return &fieldError{formatPath(c.path), fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))}
}

// formatPath writes a path as errors name fields: "parts[1].year".
func formatPath(path []step) string {
	var b []byte
	for _, st := range path {
		switch {
		case st.name == nil:
			b = fmt.Appendf(b, "[%d]", st.index)
		case len(b) > 0:
			b = append(append(b, '.'), fieldName(st.name)...)
		default:
			b = append(b, fieldName(st.name)...)
		}
	}
	return string(b)
}

// badText reports the first place in JSON text data, which must be valid
// JSON but for its strings, where a string is not valid UTF-8 or escapes
// half a surrogate pair, as a *fieldError naming the field it is in; nil
// when there is none. encoding/json would turn such bytes into U+FFFD
// without a word, so that "Kor\xe9a" and "Kor\xe8a" became one donor.
func badText(data []byte) error {
	off, why := input.BadUTF8(data), "is not valid UTF-8"
	if s := input.LoneSurrogate(data); s >= 0 && (off < 0 || s < off) {
		off, why = s, "escapes half a surrogate pair, "+string(data[s:s+6])+","
	}
	if off < 0 {
		return nil
	}
	f := textFinder{jsonText: jsonText{data: data}, off: off}
	f.path = f.buf[:0]
	if !f.value() {
		return fmt.Errorf("%w: byte %d %s", ErrInvalid, off, why) // not in a string: not JSON
	}
	text := problem.Quote(string(data[f.start+1 : f.end-1]))
	if f.key {
		return &fieldError{formatPath(f.path), fmt.Errorf("%w: field name %s %s at byte %d", ErrInvalid, text, why, off-f.start-1)}
	}
	return &fieldError{formatPath(f.path), fmt.Errorf("%w: %s %s at byte %d", ErrInvalid, text, why, off-f.start-1)}
}

// textFinder finds the string of JSON text that holds byte off: its path,
// whether it is a field name, and where it starts and ends, quotes
// included.
type textFinder struct {
	jsonText
	off        int
	path       []step
	buf        [8]step
	key        bool
	start, end int
}

// value walks the value at i and reports whether it holds off.
func (f *textFinder) value() bool {
	f.space()
	if f.i >= len(f.data) {
		return false
	}
	switch f.data[f.i] {
	case '"':
		return f.str()
	case '{':
		f.i++
		for {
			f.space()
			if f.i >= len(f.data) || f.data[f.i] == '}' {
				f.i++
				return false
			}
			if f.data[f.i] == ',' {
				f.i++
				f.space()
			}
			if f.str() {
				f.key = true
				return true
			}
			name := f.data[f.start+1 : f.end-1]
			if !isPlainKey(name) {
				var unq string
				if json.Unmarshal(f.data[f.start:f.end], &unq) == nil {
					name = []byte(unq)
				}
			}
			f.space()
			f.i++ // :
			f.path = append(f.path, step{name: name})
			if f.value() {
				return true
			}
			f.path = f.path[:len(f.path)-1]
		}
	case '[':
		f.i++
		for n := 0; ; n++ {
			f.space()
			if f.i >= len(f.data) || f.data[f.i] == ']' {
				f.i++
				return false
			}
			if f.data[f.i] == ',' {
				f.i++
			}
			f.path = append(f.path, step{index: n})
			if f.value() {
				return true
			}
			f.path = f.path[:len(f.path)-1]
		}
	}
	f.skipValue()
	return false
}

// str moves past the string at i and reports whether it holds off.
func (f *textFinder) str() bool {
	f.start = f.i
	f.i = f.stringEnd()
	f.end = f.i
	return f.start <= f.off && f.off < f.end
}

// value checks the value at c.i and moves past it. A value of any shape
// is skipped unread: its reader says what is wrong with it.
func (c *shapeChecker) value(s *shape) error {
	c.space()
	if c.i >= len(c.data) {
		return c.fail("unexpected end of input")
	}
	if s.kind == kindAny {
		c.skipValue()
		return nil
	}
	found := ""
	switch b := c.data[c.i]; {
	case b == 'n': // null fits every shape
		c.i += len("null")
		return nil
	case b == '{':
		if s.kind == kindObject {
			return c.object(s)
		}
		found = "object"
	case b == '[':
		if s.kind == kindArray {
			return c.array(s)
		}
		found = "array"
	case b == '"':
		if s.kind == kindString {
			c.i = c.stringEnd()
			return nil
		}
		found = "string"
	case b == 't' || b == 'f':
		found = "bool"
	default:
		start := c.i
		c.number()
		if s.kind == kindWhole {
			if isWhole(c.data[start:c.i]) {
				return nil
			}
			return c.fail("want %s, found %s", s.kind, shortJSON(c.data[start:c.i]))
		}
		found = "number"
	}
	return c.fail("want %s, found JSON %s", s.kind, found)
}

func (c *shapeChecker) object(s *shape) error {
	c.i++           // {
	var seen uint64 // fields of s seen
	for {
		c.space()
		if c.data[c.i] == '}' {
			c.i++
			return nil
		}
		if c.data[c.i] == ',' {
			c.i++
			c.space()
		}
		start := c.i
		c.i = c.stringEnd()
		name := c.data[start+1 : c.i-1]
		if !isPlainKey(name) {
			var unq string
			if err := json.Unmarshal(c.data[start:c.i], &unq); err != nil {
				return c.fail("field name %s: %v", shortJSON(c.data[start:c.i]), err)
			}
			name = []byte(unq)
		}
		c.space()
		c.i++ // :
		c.path = append(c.path, step{name: name})
		f, ok := s.fields[string(name)]
		if !ok {
			return c.fail("unknown field %s%s", problem.Quote(string(name)), caseHint(string(name), s.fields))
		}
		if seen&f.bit != 0 {
			return c.fail("field %s given twice", problem.Quote(string(name)))
		}
		seen |= f.bit
		if err := c.value(f.shape); err != nil {
			return err
		}
		c.path = c.path[:len(c.path)-1]
	}
}

func (c *shapeChecker) array(s *shape) error {
	c.i++ // [
	elem := s.elem
	if elem == nil {
		elem = anyShape
	}
	for n := 0; ; n++ {
		c.space()
		if c.data[c.i] == ']' {
			c.i++
			return nil
		}
		if c.data[c.i] == ',' {
			c.i++
		}
		c.path = append(c.path, step{index: n})
		if err := c.value(elem); err != nil {
			return err
		}
		c.path = c.path[:len(c.path)-1]
	}
}

// number moves past the number at c.i.
func (c *jsonText) number() {
	for c.i < len(c.data) {
		switch b := c.data[c.i]; {
		case b >= '0' && b <= '9', b == '-', b == '+', b == '.', b == 'e', b == 'E':
			c.i++
		default:
			return
		}
	}
}

// isWhole reports whether a JSON number is a whole number that fits an
// int: an optional minus and at most 18 digits.
func isWhole(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return false
	}
	for _, d := range b {
		if d < '0' || d > '9' {
			return false
		}
	}
	return true
}

// fieldName is a field's name as a path writes it: "" for the empty name,
// and a long name cut as problem.Quote cuts it.
func fieldName(name []byte) []byte {
	return []byte(problem.Key(string(name)))
}

// shortJSON is JSON text for an error message: as it is, or its first 64
// bytes and its length.
func shortJSON(b []byte) string { return problem.Cut(b) }

// isPlainKey reports whether a key as written needs no unescaping.
func isPlainKey(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			return false
		}
	}
	return true
}

// caseHint names the field a wrongly cased name was meant to be.
func caseHint(name string, fields map[string]field) string {
	for f := range fields {
		if len(f) == len(name) && equalFoldASCII(f, name) {
			return fmt.Sprintf(": field names are exact, want %q", f)
		}
	}
	return ""
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// shapeReason says what checkJSON found wrong, without the sentinel's
// words: "VALUE: unknown field ...".
func shapeReason(err error) string {
	field := ""
	var fe *fieldError
	if errors.As(err, &fe) {
		field, err = fe.field+": ", fe.err
	}
	return field + strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": ")
}

// peekID returns the "id" of a record that failed to decode, if it has a
// string one: the first, with its name written exactly.
func peekID(raw []byte) string {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ""
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return ""
		}
		if key == "id" {
			var id string
			if json.Unmarshal(v, &id) != nil {
				return ""
			}
			return id
		}
	}
	return ""
}
