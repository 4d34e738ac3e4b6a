package pledge

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/text/currency"
)

// fastWire reads a pledge record the way WriteJSON writes it, without
// reflection: exact field names, each at most once, and values of the
// right kinds. It reports false for anything else, and the caller then
// reads data with checkShape and encoding/json, which say what is wrong;
// so fastWire never decides what is an error, and its result, when it has
// one, is what encoding/json would have made of the same input. It keeps
// to JSON's grammar, so what it accepts is valid JSON.
func fastWire(data []byte) (pledgeWire, bool) {
	r := fastReader{jsonText: jsonText{data: data}}
	w, ok := r.pledge()
	r.space()
	return w, ok && r.i == len(data)
}

// pledge reads a record at r.i.
func (r *fastReader) pledge() (pledgeWire, bool) {
	var w pledgeWire
	ok := r.object(func(name []byte) bool {
		switch string(name) {
		case "id":
			return r.str(&w.ID)
		case "donor":
			return r.name(&w.Donor)
		case "recipient":
			return r.name(&w.Recipient)
		case "amount":
			return r.amount(&w.Amount)
		case "qualifier":
			return r.optional(&w.Qualifier)
		case "categories":
			return r.categories(&w.Categories)
		case "parts":
			return r.array(func() bool {
				var p partWire
				ok := r.object(func(name []byte) bool {
					switch string(name) {
					case "amount":
						return r.amount(&p.Amount)
					case "qualifier":
						return r.optional(&p.Qualifier)
					case "categories":
						return r.categories(&p.Categories)
					case "year":
						return r.whole(&p.Year)
					case "note":
						return r.str(&p.Note)
					}
					return false
				})
				w.Parts = append(w.Parts, p)
				return ok
			})
		case "stage":
			return r.optional(&w.Stage)
		case "date":
			return r.name(&w.Date)
		case "occasion":
			return r.name(&w.Occasion)
		case "revises":
			return r.str(&w.Revises)
		case "under":
			return r.str(&w.Under)
		case "sources":
			return r.array(func() bool {
				var s sourceJSON
				ok := r.object(func(name []byte) bool {
					switch string(name) {
					case "publisher":
						return r.name(&s.Publisher)
					case "title":
						return r.str(&s.Title)
					case "url":
						return r.str(&s.URL)
					case "quote":
						return r.str(&s.Quote)
					case "date":
						return r.name(&s.Date)
					}
					return false
				})
				w.Sources = append(w.Sources, s)
				return ok
			})
		case "note":
			return r.str(&w.Note)
		}
		return false
	})
	return w, ok
}

// fastReader walks JSON text; every method reports false where the text
// is not what WriteJSON writes, or not JSON.
type fastReader struct {
	jsonText
	share *wireShare // nil: every string is a new one
}

// wireShare is what the records of one file share as they are read: one
// copy of each name, date, category list and qualifier or stage word they
// repeat, and what those read as. It holds at most maxShared of each kind,
// so hostile input cannot make it large.
type wireShare struct {
	strs  map[string]*string
	lists map[string][]Category // one category, its list
	dates map[string]sharedDate
	cur   struct {
		code string
		unit currency.Unit
	}
	stageWord struct {
		text  string
		stage Stage
	}
}

type sharedDate struct {
	t    time.Time
	prec Precision
	err  error
}

const maxShared = 1 << 16

func newWireShare() *wireShare {
	return &wireShare{strs: map[string]*string{}, lists: map[string][]Category{}, dates: map[string]sharedDate{}}
}

// str returns a string of b, one copy for equal texts.
func (sh *wireShare) str(b []byte) *string {
	if p, ok := sh.strs[string(b)]; ok {
		return p
	}
	s := string(b)
	if len(sh.strs) < maxShared {
		sh.strs[s] = &s
	}
	return &s
}

// list returns the list of the one category c, one copy for each c:
// records read from a file are only read by Add, which keeps copies.
func (sh *wireShare) list(c string) []Category {
	if l, ok := sh.lists[c]; ok {
		return l
	}
	l := []Category{Category(c)}
	if len(sh.lists) < maxShared {
		sh.lists[c] = l
	}
	return l
}

// date is ParseDate, once for each text; a nil share reads each anew.
func (sh *wireShare) date(s string) (time.Time, Precision, error) {
	if sh == nil {
		return ParseDate(s)
	}
	if d, ok := sh.dates[s]; ok {
		return d.t, d.prec, d.err
	}
	t, p, err := ParseDate(s)
	if len(sh.dates) < maxShared {
		sh.dates[s] = sharedDate{t, p, err}
	}
	return t, p, err
}

// stage is ParseStage, remembering the last word.
func (sh *wireShare) stage(s string) (Stage, error) {
	if sh == nil {
		return ParseStage(s)
	}
	if s == sh.stageWord.text && s != "" {
		return sh.stageWord.stage, nil
	}
	st, err := ParseStage(s)
	if err == nil {
		sh.stageWord.text, sh.stageWord.stage = s, st
	}
	return st, err
}

// currency is parseCurrency, remembering the last code; a nil share
// reads each anew.
func (sh *wireShare) currency(code string) (currency.Unit, error) {
	if sh == nil {
		return parseCurrency(code)
	}
	if code == sh.cur.code && code != "" {
		return sh.cur.unit, nil
	}
	u, err := parseCurrency(code)
	if err == nil {
		sh.cur.code, sh.cur.unit = code, u
	}
	return u, err
}

// peek returns the next byte after space, or 0 at the end.
func (r *fastReader) peek() byte {
	r.space()
	if r.i == len(r.data) {
		return 0
	}
	return r.data[r.i]
}

// null reads a JSON null if one is next.
func (r *fastReader) null() bool {
	if r.peek() == 'n' && len(r.data)-r.i >= 4 && string(r.data[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

// object reads an object or null, calling field for each name; a name
// seen twice is refused. field must read the value.
func (r *fastReader) object(field func(name []byte) bool) bool {
	if r.null() {
		return true
	}
	if r.peek() != '{' {
		return false
	}
	r.i++
	if r.peek() == '}' {
		r.i++
		return true
	}
	var seen [16][]byte // names so far, as slices of data
	for n := 0; ; n++ {
		name, ok := r.plain()
		if !ok || r.peek() != ':' {
			return false
		}
		r.i++
		for _, s := range seen[:n] {
			if string(s) == string(name) {
				return false
			}
		}
		if n == len(seen) || !field(name) {
			return false
		}
		seen[n] = name
		switch r.peek() {
		case ',':
			r.i++
		case '}':
			r.i++
			return true
		default:
			return false
		}
	}
}

// array reads an array or null, calling elem for each element.
func (r *fastReader) array(elem func() bool) bool {
	if r.null() {
		return true
	}
	if r.peek() != '[' {
		return false
	}
	r.i++
	if r.peek() == ']' {
		r.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch r.peek() {
		case ',':
			r.i++
		case ']':
			r.i++
			return true
		default:
			return false
		}
	}
}

// plain reads a string with no escapes (and so, being JSON, no control
// characters) and returns its bytes.
func (r *fastReader) plain() ([]byte, bool) {
	if r.peek() != '"' {
		return nil, false
	}
	start := r.i + 1
	for j := start; j < len(r.data); j++ {
		switch c := r.data[j]; {
		case c == '"':
			r.i = j + 1
			return r.data[start:j], true
		case c == '\\' || c < ' ':
			return nil, false
		}
	}
	return nil, false
}

// str reads a string or null into dst, as encoding/json would.
func (r *fastReader) str(dst *string) bool {
	if r.null() {
		return true
	}
	if r.peek() != '"' {
		return false
	}
	start := r.i
	b, ok := r.plain()
	if ok && utf8.Valid(b) {
		*dst = string(b)
		return true
	}
	// Escapes or invalid UTF-8: encoding/json's own rules, for this string.
	// It decodes into a string of its own, so that dst (often a field of a
	// record being read) need not live on the heap.
	r.i = start
	end := r.stringEnd()
	var v string
	if json.Unmarshal(r.data[start:end], &v) != nil {
		return false
	}
	*dst = v
	r.i = end
	return true
}

// name reads a string that records repeat (a name, a date) or null into
// dst: with a share, one copy of each.
func (r *fastReader) name(dst *string) bool {
	if r.share == nil {
		return r.str(dst)
	}
	if r.null() {
		return true
	}
	start := r.i
	if b, ok := r.plain(); ok && utf8.Valid(b) {
		*dst = *r.share.str(b)
		return true
	}
	r.i = start
	return r.str(dst)
}

// optional reads a string into a new *string, or null as nil.
func (r *fastReader) optional(dst **string) bool {
	if r.null() {
		*dst = nil
		return true
	}
	if r.share != nil {
		start := r.i
		if b, ok := r.plain(); ok && utf8.Valid(b) {
			*dst = r.share.str(b)
			return true
		}
		r.i = start
	}
	var s string
	*dst = &s
	return r.str(&s)
}

// categories reads an array of strings or null.
func (r *fastReader) categories(dst *[]Category) bool {
	if r.null() {
		return true
	}
	if r.share != nil { // one category, as most records have: a shared list
		start := r.i
		if r.peek() == '[' {
			r.i++
			if b, ok := r.plain(); ok && utf8.Valid(b) && r.peek() == ']' {
				r.i++
				*dst = r.share.list(*r.share.str(b))
				return true
			}
		}
		r.i = start
	}
	*dst = []Category{} // as encoding/json does for []
	return r.array(func() bool {
		var s string
		if !r.str(&s) {
			return false
		}
		*dst = append(*dst, Category(s))
		return true
	})
}

// whole reads a whole number that fits an int, or null.
func (r *fastReader) whole(dst *int) bool {
	if r.null() {
		return true
	}
	r.space()
	start := r.i
	for r.i < len(r.data) && (r.data[r.i] == '-' || '0' <= r.data[r.i] && r.data[r.i] <= '9') {
		r.i++
	}
	if b := bytes.TrimPrefix(r.data[start:r.i], []byte{'-'}); !isWhole(r.data[start:r.i]) || len(b) > 1 && b[0] == '0' {
		return false // not an integer as JSON writes it
	}
	n, err := strconv.Atoi(string(r.data[start:r.i]))
	*dst = n
	return err == nil
}

// amount reads {"value": ..., "currency": ...} or null, keeping each value
// as raw JSON for amountWire.amount to read.
func (r *fastReader) amount(dst **amountWire) bool {
	if r.null() {
		return true
	}
	a := &amountWire{}
	ok := r.object(func(name []byte) bool {
		switch string(name) {
		case "value":
			return r.raw(&a.Value)
		case "currency":
			return r.raw(&a.Currency)
		}
		return false
	})
	*dst = a
	return ok
}

// raw reads a string, number or literal and keeps its text; objects and
// arrays are left to the slow path.
func (r *fastReader) raw(dst *json.RawMessage) bool {
	b := r.peek()
	start := r.i
	switch {
	case b == '"':
		if _, ok := r.plain(); !ok {
			r.i = r.stringEnd()
			if !json.Valid(r.data[start:r.i]) {
				return false
			}
		}
	case b == '-' || '0' <= b && b <= '9' || b == 't' || b == 'f' || b == 'n':
		for r.i < len(r.data) && !isJSONDelimiter(r.data[r.i]) {
			r.i++
		}
		if t := r.data[start:r.i]; !isJSONNumber(t) && string(t) != "true" && string(t) != "false" && string(t) != "null" {
			return false
		}
	default:
		return false
	}
	*dst = r.data[start:r.i]
	return true
}

// isJSONNumber reports whether b is a number as JSON writes one.
func isJSONNumber(b []byte) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch n := digits(); {
	case n == 0, n > 1 && b[i-n] == '0':
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// isJSONDelimiter reports a byte that ends a number or literal.
func isJSONDelimiter(b byte) bool {
	switch b {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}
