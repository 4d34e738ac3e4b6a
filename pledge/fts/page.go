package fts

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/problem"
)

// pageReader reads one page of the flow API with a scanner, into flows.
type pageReader struct {
	scanner
	index int // the flow being read, -1 outside the flows
	// path is where the value being read is: from the flow when index is
	// not -1, else from the top of the page.
	path    []step
	bad     []Problem
	omitted int
	interner
}

// step is one step of a path: a field name, or an array index when name
// is nil.
type step struct {
	name  []byte
	index int
}

func (p *pageReader) push(name []byte) { p.path = append(p.path, step{name: name}) }
func (p *pageReader) pushIndex(i int)  { p.path = append(p.path, step{index: i}) }
func (p *pageReader) pop()             { p.path = p.path[:len(p.path)-1] }

// field writes the path: "sourceObjects[1].name".
func (p *pageReader) field() string {
	var b strings.Builder
	for _, st := range p.path {
		switch {
		case st.name == nil:
			fmt.Fprintf(&b, "[%d]", st.index)
		case b.Len() > 0:
			b.WriteByte('.')
			fallthrough
		default:
			b.WriteString(fieldName(st.name))
		}
	}
	return b.String()
}

// fieldName writes a name as a path shows it: bounded, quoted when it is
// empty or holds what a path uses.
func fieldName(name []byte) string {
	s := string(name[:min(len(name), problem.QuoteMax+1)])
	if len(name) > problem.QuoteMax || s == "" || strings.ContainsAny(s, ".[]\" ") || !utf8.ValidString(s) {
		return problem.Quote(string(name))
	}
	return s
}

// full reports whether the list of problems is full; then it counts one
// more problem, which the caller leaves out.
func (p *pageReader) full() bool {
	if len(p.bad) < problem.Max {
		return false
	}
	p.omitted++
	return true
}

// record records err at offset off and the current path, after full has
// said there is room.
func (p *pageReader) record(off int, err error) {
	p.bad = append(p.bad, Problem{Index: p.index, Line: p.lines.At(off), Field: p.field(), Err: err})
}

// invalid records a malformed value at offset off; it formats nothing once
// the list is full.
func (p *pageReader) invalid(off int, format string, args ...any) {
	if !p.full() {
		p.record(off, fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
	}
}

// checkText records a problem if the string contents at raw, which start
// at offset start, are not good text, and reports whether they are; key
// says they are a field's name.
func (p *pageReader) checkText(start int, raw []byte, key bool) bool {
	off := p.badText(start, start+len(raw))
	if off < 0 {
		return true
	}
	if p.full() {
		return false
	}
	why := p.whyBad(off)
	if key {
		why = "field name " + problem.Quote(string(raw)) + ": " + why
	}
	var err error = flowTextError(why)
	if p.index < 0 {
		err = fmt.Errorf("%w: %s", ErrInvalidText, why)
	}
	p.record(off, err)
	return false
}

// read reads the page.
func (p *pageReader) read() ([]Flow, error) {
	var flows []Flow
	switch p.peek() {
	case '[':
		flows = p.flows()
	case '{':
		flows = p.response()
	default:
		p.unexpected(`a response {"data":{"flows":[...]}} or an array of flows`)
	}
	if p.peek(); p.err == nil && p.i < len(p.data) {
		p.fail("unexpected data after the page")
	}
	switch {
	case p.err != nil:
		return nil, p.err
	case len(p.bad) > 0:
		return nil, &ValidationError{Problems: p.bad, Omitted: p.omitted}
	}
	return flows, nil
}

var (
	responseKeys = newKeySet("data")
	dataKeys     = newKeySet("flows")
)

// response reads {"status":...,"data":{"flows":[...],...},"meta":...}.
func (p *pageReader) response() []Flow {
	var flows []Flow
	found, data := false, false
	p.open()
	for n := 0; p.more(n); n++ {
		key, off := p.key()
		p.push(key)
		switch p.pageKey(responseKeys, key, off, &data) {
		case 0:
			if p.peek() != '{' {
				p.unexpected(`"data" to be an object`)
				break
			}
			p.open()
			for m := 0; p.more(m); m++ {
				key, off := p.key()
				p.push(key)
				if p.pageKey(dataKeys, key, off, &found) == 0 {
					if p.peek() != '[' {
						p.unexpected(`"flows" to be an array`)
						break
					}
					flows = p.flows()
				} else {
					p.skip()
				}
				p.pop()
			}
		default:
			p.skip()
		}
		p.pop()
	}
	if !found && p.err == nil {
		p.err = fmt.Errorf(`%w: no "data"."flows" array: is this a response of the FTS flow API?`, ErrSyntax)
	}
	return flows
}

// pageKey finds a key of the page around the flows, which has one field
// to read: a second one, or one spelled in another case, is a syntax
// error.
func (p *pageReader) pageKey(ks *keySet, key []byte, off int, seen *bool) int {
	k, variant := ks.find(key)
	switch {
	case variant != "":
		p.i = off
		p.fail("field %s: names are exact, want %q", problem.Quote(string(key)), variant)
	case k == 0 && *seen:
		p.i = off
		p.fail("field %q given twice", key)
	case k == 0:
		*seen = true
		return 0
	}
	return -1 // skipped, or not read after the error
}

// key reads a member's name and the colon after it, and returns the name
// and where it starts.
func (p *pageReader) key() (name []byte, off int) {
	if p.peek() != '"' {
		p.unexpected("a field name in quotes")
		return nil, p.i
	}
	off = p.i
	raw, esc := p.str()
	if p.err != nil {
		return nil, off
	}
	name = raw
	if esc {
		name = []byte(unquote(raw, esc))
	}
	p.checkText(off+1, raw, true)
	if p.peek() != ':' {
		p.unexpected("':' after a field name")
		return name, off
	}
	p.i++
	return name, off
}

// skip moves past the value at i, checking its syntax and its text: bad
// text is a problem at the current path.
func (p *pageReader) skip() {
	base := p.depth
	for p.err == nil {
		switch c := p.peek(); {
		case c == '{' || c == '[':
			p.open()
			if !p.more(0) {
				break // empty; on to what follows it
			}
			if c == '{' {
				p.key()
			}
			continue
		case c == '"':
			start := p.i + 1
			raw, _ := p.str()
			if p.err == nil {
				p.checkText(start, raw, false)
			}
		case c == 't':
			p.literal("true")
		case c == 'f':
			p.literal("false")
		case c == 'n':
			p.literal("null")
		case c == '-' || '0' <= c && c <= '9':
			p.num()
		default:
			p.unexpected("a value")
		}
		// Close what the value ends, then go on to the next element or
		// member.
		for p.err == nil && p.depth > base {
			if p.more(1) {
				if p.close[p.depth-1] == '}' {
					p.key()
				}
				break
			}
		}
		if p.depth == base {
			return
		}
	}
}

// value is a JSON value read: a string's contents as written, a number's
// text; an array or object is skipped.
type value struct {
	kind byte // '"', '0' (a number), 't', 'f', 'n', '[', '{'; 0 after a syntax error
	off  int  // where it starts
	raw  []byte
	esc  bool // a string holds escapes
	bad  bool // a string's text is bad, a problem recorded
}

// value reads the value at i.
func (p *pageReader) value() value {
	v := value{kind: p.peek(), off: p.i}
	switch c := v.kind; {
	case c == '"':
		v.raw, v.esc = p.str()
		v.bad = p.err == nil && !p.checkText(v.off+1, v.raw, false)
	case c == '-' || '0' <= c && c <= '9':
		v.kind = '0'
		v.raw = p.num()
	case c == '{' || c == '[' || c == 't' || c == 'f' || c == 'n':
		p.skip()
	default:
		p.unexpected("a value")
	}
	if p.err != nil {
		v.kind = 0
	}
	return v
}

// String describes the value for an error message, quoting at most a
// bounded prefix of it.
func (v value) String() string {
	switch v.kind {
	case '"':
		return "string " + quoteJSON(v.raw, `"`)
	case '0':
		return "number " + quoteJSON(v.raw, "")
	case 't':
		return "true"
	case 'f':
		return "false"
	case 'n':
		return "null"
	case '[':
		return "an array"
	case '{':
		return "an object"
	}
	return "nothing"
}

// quoteJSON writes JSON text as written, in quotes q, cut after
// problem.QuoteMax bytes.
func quoteJSON(raw []byte, q string) string {
	if len(raw) <= problem.QuoteMax {
		return q + string(raw) + q
	}
	cut := problem.QuoteMax
	for cut > 0 && !utf8.RuneStart(raw[cut]) {
		cut--
	}
	return fmt.Sprintf("%s%s%s… (%d bytes)", q, raw[:cut], q, len(raw))
}

// wrongKind records a value of the wrong kind.
func (p *pageReader) wrongKind(v value, want string) {
	if v.kind != 0 && !v.bad {
		p.invalid(v.off, "want %s, found %s", want, v)
	}
}

// text reads a string or null (""), which keeps to charFault's rule.
func (p *pageReader) text(v value) (string, bool) {
	switch {
	case v.kind == '"' && !v.bad:
		s := unquote(v.raw, v.esc)
		if !p.keep(v, s) {
			return "", false
		}
		return s, true
	case v.kind == 'n':
		return "", true
	}
	p.wrongKind(v, "a string")
	return "", false
}

// name reads a string or null, as text does, keeping one copy of each
// text (interner).
func (p *pageReader) name(v value) (string, bool) {
	if v.kind != '"' || v.bad || v.esc {
		s, ok := p.text(v)
		return p.intern(s), ok
	}
	if s, ok := p.lookup(v.raw); ok {
		return s, true // kept before: it keeps to the rule
	}
	s := string(v.raw)
	if !p.keep(v, s) {
		return "", false
	}
	return p.intern(s), true
}

// keep reports whether s, the text of string v, keeps to charFault's
// rule, recording a problem when it does not.
func (p *pageReader) keep(v value, s string) bool {
	at, why := charFault(s)
	if at < 0 {
		return true
	}
	if !p.full() {
		p.record(v.off, flowTextError(why))
	}
	return false
}

// whole reads a whole number of at most 18 digits: JSON digits, or with
// quoted, digits in a string.
func whole(v value, quoted bool) (int, bool) {
	if v.kind != '0' && !(quoted && v.kind == '"' && !v.esc) {
		return 0, false
	}
	return wholeNumber(v.raw)
}

// id reads a flow ID, a JSON string or whole number.
func (p *pageReader) id(v value) (string, bool) {
	switch v.kind {
	case '0':
		if _, ok := whole(v, false); ok {
			return string(v.raw), true
		}
	case '"':
		if v.bad {
			return "", false
		}
		s := unquote(v.raw, v.esc)
		if !p.keep(v, s) {
			return "", false
		}
		if isID(s) {
			return s, true
		}
	}
	p.wrongKind(v, anID)
	return "", false
}

// number reads an amount or a rate, or null (0): an exact decimal of at
// most maxDigits digits written plainly, not negative.
func (p *pageReader) number(v value) (decimal.Decimal, bool) {
	switch v.kind {
	case 'n':
		return decimal.Zero, true
	case '0':
	default:
		p.wrongKind(v, "a JSON number")
		return decimal.Zero, false
	}
	d, why := amount(v.raw)
	if why != "" {
		p.invalid(v.off, "%s", why)
		return decimal.Zero, false
	}
	return d, true
}

// date reads a date (see the function date), or null.
func (p *pageReader) date(v value) (time.Time, bool) {
	s, ok := p.text(v)
	if !ok || v.kind == 'n' {
		return time.Time{}, ok
	}
	if d, ok := date(s); ok {
		return d, true
	}
	p.invalid(v.off, "want %s, found %s", aDate, problem.Quote(s))
	return time.Time{}, false
}
