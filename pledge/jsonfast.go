package pledge

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// fastWire reads a pledge record the way WriteJSON writes it, without
// reflection: exact field names, each at most once, and values of the
// right kinds. It reports false for anything else, and the caller then
// reads data with checkShape and encoding/json, which say what is wrong;
// so fastWire never decides what is an error, and its result, when it has
// one, is what encoding/json would have made of the same valid input.
func fastWire(data []byte) (pledgeWire, bool) {
	r := fastReader{jsonText{data: data}}
	var w pledgeWire
	ok := r.object(func(name []byte) bool {
		switch string(name) {
		case "id":
			return r.str(&w.ID)
		case "donor":
			return r.str(&w.Donor)
		case "recipient":
			return r.str(&w.Recipient)
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
			return r.str(&w.Date)
		case "occasion":
			return r.str(&w.Occasion)
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
						return r.str(&s.Publisher)
					case "title":
						return r.str(&s.Title)
					case "url":
						return r.str(&s.URL)
					case "quote":
						return r.str(&s.Quote)
					case "date":
						return r.str(&s.Date)
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
	r.space()
	return w, ok && r.i == len(data)
}

// fastReader walks JSON text that is valid; every method reports false
// where the text is not what WriteJSON writes.
type fastReader struct{ jsonText }

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

// object reads an object, calling field for each name; a name seen twice
// is refused. field must read the value.
func (r *fastReader) object(field func(name []byte) bool) bool {
	if r.null() {
		return true
	}
	if r.peek() != '{' {
		return false
	}
	r.i++
	var seen [16][]byte // names so far, as slices of data
	n := 0
	for first := true; ; first = false {
		switch r.peek() {
		case '}':
			r.i++
			return true
		case ',':
			if first {
				return false
			}
			r.i++
			r.space()
		}
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
		n++
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
	for first := true; ; first = false {
		switch r.peek() {
		case ']':
			r.i++
			return true
		case ',':
			if first {
				return false
			}
			r.i++
		}
		if !elem() {
			return false
		}
	}
}

// plain reads a string with no escapes and returns its bytes.
func (r *fastReader) plain() ([]byte, bool) {
	if r.peek() != '"' {
		return nil, false
	}
	start := r.i + 1
	for j := start; j < len(r.data); j++ {
		switch r.data[j] {
		case '\\':
			return nil, false
		case '"':
			r.i = j + 1
			return r.data[start:j], true
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

// optional reads a string into a new *string, or null as nil.
func (r *fastReader) optional(dst **string) bool {
	if r.null() {
		*dst = nil
		return true
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
	if !isWhole(r.data[start:r.i]) {
		return false
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
		r.i = r.stringEnd()
	case b == '-' || '0' <= b && b <= '9' || b == 't' || b == 'f' || b == 'n':
		for r.i < len(r.data) && !isJSONDelimiter(r.data[r.i]) {
			r.i++
		}
	default:
		return false
	}
	*dst = r.data[start:r.i]
	return true
}

// isJSONDelimiter reports a byte that ends a number or literal.
func isJSONDelimiter(b byte) bool {
	switch b {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}
