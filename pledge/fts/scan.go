package fts

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/summitry/summitry/internal/input"
)

// maxDepth bounds how deeply a page may nest arrays and objects. FTS nests
// four deep; encoding/json allows 10,000.
const maxDepth = 100

// scanner reads JSON text strictly, in one pass over it: the grammar of
// RFC 8259, nesting at most maxDepth deep, and text in UTF-8 without a \u
// escape of half a surrogate pair, which encoding/json would silently turn
// into U+FFFD. It reports the first syntax error and stops (err); text
// that is valid JSON but not valid UTF-8 is the caller's to report, string
// by string (badText), so that it can name the flow and the field.
type scanner struct {
	data  []byte
	i     int
	err   error // the first syntax error; nothing is read after it
	depth int
	// close holds the closing delimiter of each array or object open.
	close [maxDepth]byte
	lines *input.Lines
	// nextUTF8 and nextEsc are the offsets of the first byte that is not
	// UTF-8 and the first \u escape of half a surrogate pair at or after
	// the end of the last string checked, len(data) when there is none.
	// Strings are checked in order, so finding them all is one pass.
	nextUTF8, nextEsc int
}

func newScanner(data []byte) scanner {
	s := scanner{data: data, lines: input.NewLines(data)}
	s.nextUTF8, s.nextEsc = s.findUTF8(0), s.findEsc(0)
	return s
}

// fail records a syntax error at i, unless there is one already.
func (s *scanner) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf("%w: line %d: %s", ErrSyntax, s.lines.At(s.i), fmt.Sprintf(format, args...))
	}
}

// unexpected records a syntax error for what is at i: want says what
// should be there.
func (s *scanner) unexpected(want string) {
	if s.i >= len(s.data) {
		s.fail("unexpected end of input (want %s)", want)
		return
	}
	c := s.data[s.i]
	if c < utf8.RuneSelf && strconv.IsPrint(rune(c)) {
		s.fail("want %s, found %q", want, c)
		return
	}
	s.fail("want %s, found byte %#x", want, c)
}

// peek moves past white space and returns the byte at i, 0 at the end.
func (s *scanner) peek() byte {
	for ; s.i < len(s.data); s.i++ {
		switch c := s.data[s.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// open moves into the array or object that starts at i.
func (s *scanner) open() {
	if s.depth == maxDepth {
		s.fail("arrays and objects nested more than %d deep", maxDepth)
		return
	}
	s.close[s.depth] = s.data[s.i] + 2 // '[' + 2 is ']', '{' + 2 is '}'
	s.depth++
	s.i++
}

// more reports whether the array or object open has another element or
// member, the nth, moving past the comma before it; at the end it moves
// past the closing delimiter.
func (s *scanner) more(n int) bool {
	if s.err != nil {
		return false
	}
	close := s.close[s.depth-1]
	switch c := s.peek(); {
	case c == close:
		s.i++
		s.depth--
		return false
	case n == 0:
		return true
	case c == ',':
		s.i++
		return true
	}
	s.unexpected(fmt.Sprintf("',' or '%c'", close))
	return false
}

// stringEnd marks the bytes that end the plain run of a string: the
// quote, the backslash and the control characters.
var stringEnd = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str moves past the string at i, which starts with its quote, and
// returns its contents as written and whether they hold escapes.
func (s *scanner) str() (raw []byte, esc bool) {
	start := s.i + 1
	j := start
	for {
		for j < len(s.data) && !stringEnd[s.data[j]] {
			j++
		}
		if j >= len(s.data) {
			s.i = j
			s.unexpected(`'"' to end the string`)
			return nil, false
		}
		switch s.data[j] {
		case '"':
			s.i = j + 1
			return s.data[start:j], esc
		case '\\':
			esc = true
			s.i = j
			switch next := byte(0); {
			case j+1 < len(s.data):
				next = s.data[j+1]
				switch next {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					j += 2
					continue
				case 'u':
					if j+6 <= len(s.data) && isHex(s.data[j+2:j+6]) {
						j += 6
						continue
					}
				}
				s.fail("invalid escape %q in a string", s.data[j:min(j+6, len(s.data))])
				return nil, false
			default: // a backslash at the end
				s.i = len(s.data)
				s.unexpected(`'"' to end the string`)
				return nil, false
			}
		default:
			s.i = j
			s.fail("control character %#x in a string: write it as an escape", s.data[j])
			return nil, false
		}
	}
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// num moves past the number at i and returns its text.
func (s *scanner) num() []byte {
	start := s.i
	end, want := numberEnd(s.data, start)
	s.i = end
	if want != "" {
		s.unexpected(want)
		return nil
	}
	return s.data[start:end]
}

// literal moves past true, false or null at i.
func (s *scanner) literal(word string) {
	if !bytes.HasPrefix(s.data[s.i:], []byte(word)) {
		s.unexpected("a value")
		return
	}
	s.i += len(word)
}

// badText reports the first byte of data[start:end], the contents of a
// string, that is not UTF-8 or starts an escape of half a surrogate pair;
// off is -1 when the text is good. Strings must be checked in the order
// they come.
func (s *scanner) badText(start, end int) (off int) {
	if s.nextUTF8 < start { // past text no one checked
		s.nextUTF8 = s.findUTF8(start)
	}
	if s.nextEsc < start {
		s.nextEsc = s.findEsc(start)
	}
	switch {
	case s.nextUTF8 < end && s.nextUTF8 <= s.nextEsc:
		off = s.nextUTF8
	case s.nextEsc < end:
		off = s.nextEsc
	default:
		return -1
	}
	if s.nextUTF8 < end {
		s.nextUTF8 = s.findUTF8(end)
	}
	if s.nextEsc < end {
		s.nextEsc = s.findEsc(end)
	}
	return off
}

// whyBad says what is wrong with the text at off, which badText found.
func (s *scanner) whyBad(off int) string {
	if s.data[off] == '\\' {
		return fmt.Sprintf("%s escapes half of a surrogate pair", s.data[off:off+6])
	}
	return notUTF8(s.data[off])
}

func (s *scanner) findUTF8(from int) int {
	if k := input.BadUTF8(s.data[from:]); k >= 0 {
		return from + k
	}
	return len(s.data)
}

func (s *scanner) findEsc(from int) int {
	if k := input.LoneSurrogate(s.data[from:]); k >= 0 {
		return from + k
	}
	return len(s.data)
}

// unquote returns the text of a string's contents as written, which str
// has checked; a half surrogate pair, which badText reports, reads U+FFFD.
func unquote(raw []byte, esc bool) string {
	if !esc {
		return string(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch c = raw[i]; c {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hexRune(raw[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) && i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if pair := utf16.DecodeRune(r, hexRune(raw[i+3:i+7])); pair != utf8.RuneError {
					r = pair
					i += 6
				}
			}
			out = utf8.AppendRune(out, r)
		default: // " \ /
			out = append(out, c)
		}
	}
	return string(out)
}

// hexRune reads four hex digits, which str has checked.
func hexRune(b []byte) rune {
	var v [2]byte
	hex.Decode(v[:], b)
	return rune(v[0])<<8 | rune(v[1])
}
