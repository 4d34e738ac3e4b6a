package historian

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// charFilter passes a file through to the XML decoder and finds the
// characters XML 1.0 forbids where the decoder reads text (character
// data, attribute values, CDATA sections), written raw (a control
// character other than tab, line feed and carriage return, U+FFFE,
// U+FFFF, bytes that are not UTF-8) or as a character reference
// ("&#xD800;", "&#0;", "&#x110000;"). encoding/xml turns a reference to
// a surrogate into U+FFFD without a word, and refuses the rest as a
// syntax error that names no field and ends the file. The filter writes
// each over with spaces, byte for byte, so that the decoder reads on and
// its offsets stay those of the file, and keeps it for the parser, which
// reports it in the field where it stands (see parser.badChars).
//
// Elsewhere (tags, comments, processing instructions, declarations such
// as <!DOCTYPE ...>) it passes the bytes as they are and, like the
// decoder, takes no "&#" there for a reference. It follows the decoder's
// reading of markup: a "<!--" or a ">" quoted in a declaration is no
// comment and no end.
//
// It holds back only a reference it is reading (which the decoder holds
// too) and a character cut by the end of a read, and keeps what it found
// until the parser takes it, as the decoder reads past: its memory stays
// small whatever the input.
type charFilter struct {
	r     io.Reader
	in    [4096 + utf8.UTFMax]byte
	carry int    // bytes at the start of in kept from the last read: a character cut short
	out   []byte // what Read returns next
	buf   []byte // out's storage
	err   error  // of r, once it has returned one
	pos   int64  // offset in the file of the next byte taken
	line  int    // line of the next byte taken

	state  int    // where in the XML the next byte is (inText ...)
	quote  byte   // the quote that ends an attribute value or a string in a declaration
	marker string // the opening being matched after "<!": "--" or "[CDATA["
	run    int    // how many bytes of a marker or a closing ("-->", "]]>", "?>") have been seen
	depth  int    // how many "<" are open in a declaration
	attr   []byte // the name of the attribute last named in a tag, cut short
	named  bool   // that name has ended: the next name byte starts another

	ref      []byte // a character reference being read, from its "&"
	refAt    int64
	refLine  int
	refHex   bool
	refValue rune // saturates above utf8.MaxRune
	refDigit bool

	found []badChar // not yet taken
}

// badChar is a character XML forbids, where the decoder reads text.
type badChar struct {
	at, end int64 // offsets in the file of its first byte and past its last
	line    int
	attr    string // the attribute whose value holds it, cut short; "" in text
	ref     string // the character reference as written; "" when written raw
	r       rune   // the character; above utf8.MaxRune for a reference to none; -1 for bytes not UTF-8
	b       byte   // the first byte not UTF-8
}

var newline = []byte{'\n'}

// Where in the XML the next byte is, for charFilter.
const (
	inText        = iota // content: references count, characters are checked
	inOpen               // just after "<"
	inTag                // in a start or end tag, outside attribute values
	inAttr               // in an attribute value: references count, characters are checked
	inBang               // just after "<!"
	inMarker             // matching "--" or "[CDATA[" after "<!"
	inComment            // in a comment, up to "-->"
	inCDATA              // in a CDATA section, up to "]]>": characters are checked
	inPI                 // in a processing instruction, up to "?>"
	inDecl               // in a declaration (<!DOCTYPE ...>), up to its ">"
	inDeclOpen           // after "<" in a declaration, matching "!--"
	inDeclComment        // in a comment in a declaration, up to "-->"
)

// newCharFilter returns a charFilter reading the file r, held to
// io.Reader's contract: a broken reader is an error.
func newCharFilter(r io.Reader) *charFilter {
	return &charFilter{r: input.Checked(r), line: 1}
}

// Read returns the file as it is but for the characters XML forbids in
// text, written over with spaces.
func (f *charFilter) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		if f.err != nil {
			if len(f.ref) == 0 {
				return 0, f.err
			}
			f.out, f.ref = append(f.buf[:0], f.ref...), f.ref[:0] // a reference cut short: the decoder refuses it
			break
		}
		n, err := f.r.Read(f.in[f.carry : len(f.in)-utf8.UTFMax+f.carry])
		f.err = err
		data := f.in[:f.carry+n]
		cut := len(data)
		if err == nil {
			cut = cutRune(data)
		}
		f.out = f.buf[:0]
		f.filter(data[:cut])
		f.carry = copy(f.in[:], data[cut:])
		f.buf = f.out[:0]
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

// cutRune returns where a character cut short at the end of data starts,
// or len(data).
func cutRune(data []byte) int {
	for i := len(data) - 1; i >= 0 && i > len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}

// checked reports whether the decoder reads the next byte as text, whose
// characters it checks.
func (f *charFilter) checked() bool {
	return f.state == inText || f.state == inAttr || f.state == inCDATA
}

// filter takes the next bytes of the file, appending to out what the
// decoder is to read.
func (f *charFilter) filter(in []byte) {
	for len(in) > 0 {
		if len(f.ref) == 0 {
			if j := f.plain(in); j > 0 {
				f.out = append(f.out, in[:j]...)
				f.pos += int64(j)
				f.line += bytes.Count(in[:j], newline)
				if f.state == inCDATA {
					f.run = 0 // no "]]>"
				}
				in = in[j:]
				continue
			}
		}
		c := in[0]
		if len(f.ref) > 0 {
			if f.reference(c) {
				f.advance(c)
				in = in[1:]
				continue
			}
			f.out, f.ref = append(f.out, f.ref...), f.ref[:0] // no character reference ("&amp;"), or one the decoder refuses
		}
		if f.checked() && (c >= utf8.RuneSelf || c < ' ') {
			in = in[f.raw(in):]
			continue
		}
		f.advance(c)
		f.step(c)
		in = in[1:]
	}
}

// plain returns how many bytes at the start of in pass as they are and
// leave the state as it is, but for the name of an attribute, which it
// follows: text the decoder checks up to a byte that changes the state,
// a control character or a character that is not ASCII and not one XML
// allows; or the bytes of a tag up to a quote or its ">".
func (f *charFilter) plain(in []byte) int {
	var stop *[256]bool
	switch f.state {
	case inText:
		stop = &stopText
	case inAttr:
		stop = &stopAttr[f.quote&1] // '"' is even, '\'' odd
	case inCDATA:
		stop = &stopCDATA
	case inTag:
		j := 0
		for j < len(in) && !stopTag[in[j]] {
			j++
		}
		f.names(in[:j])
		return j
	default:
		return 0
	}
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case !stop[c]:
			i++
		case c < utf8.RuneSelf:
			return i
		default:
			r, n := utf8.DecodeRune(in[i:])
			if n == 1 || !xmlChar(r) {
				return i
			}
			i += n
		}
	}
	return len(in)
}

// The bytes where plain stops in text the decoder checks, or looks
// further (a byte that is not ASCII): control characters but tab, line
// feed and carriage return, and in content "&" and "<", in attribute
// values "&", "<" and the closing quote, in a CDATA section "]" and ">".
var stopText, stopAttr, stopCDATA = stops("&<"), [2][256]bool{stops(`&<"`), stops(`&<'`)}, stops("]>")

// stopTag: the bytes of a tag where plain stops, the quotes that open an
// attribute value and the ">" that ends the tag.
var stopTag = [256]bool{'"': true, '\'': true, '>': true}

func stops(markup string) [256]bool {
	var t [256]bool
	for c := range t {
		t[c] = c < ' ' && c != '\t' && c != '\n' && c != '\r' || c >= utf8.RuneSelf
	}
	for _, c := range []byte(markup) {
		t[c] = true
	}
	return t
}

// names follows the name of the attribute last written through seg,
// bytes of a tag outside attribute values, without a quote or a ">".
func (f *charFilter) names(seg []byte) {
	end := len(seg)
	for end > 0 && nameEnd(seg[end-1]) {
		end--
	}
	start := end
	for start > 0 && !nameEnd(seg[start-1]) {
		start--
	}
	if start < end {
		if start > 0 || f.named {
			f.attr = f.attr[:0]
		}
		f.attr = append(f.attr, seg[start:min(end, start+problem.QuoteMax+1-len(f.attr))]...)
	}
	if len(seg) > 0 {
		f.named = end < len(seg)
	}
}

// nameEnd reports whether c ends a name in a tag.
func nameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '=' || c == '/'
}

// raw takes the character at the start of in, text the decoder checks,
// which is not ASCII or is a control character: it passes it, or writes
// it over with spaces and keeps it when XML forbids it. It returns the
// character's length, 1 for a byte that is not UTF-8 (a run of which is
// kept as one).
func (f *charFilter) raw(in []byte) int {
	if f.state == inCDATA {
		f.run = 0
	}
	r, n := rune(in[0]), 1
	if in[0] >= utf8.RuneSelf {
		r, n = utf8.DecodeRune(in)
	}
	switch {
	case xmlChar(r) && !(r == utf8.RuneError && n == 1):
		f.out = append(f.out, in[:n]...)
		f.pos += int64(n)
		if r == '\n' {
			f.line++
		}
		return n
	case n == 1 && r >= utf8.RuneSelf: // not UTF-8
		if last := len(f.found) - 1; last >= 0 && f.found[last].r < 0 && f.found[last].end == f.pos {
			f.found[last].end++
		} else {
			f.found = append(f.found, badChar{at: f.pos, end: f.pos + 1, line: f.line, attr: f.inAttr(), r: -1, b: in[0]})
		}
	default:
		f.found = append(f.found, badChar{at: f.pos, end: f.pos + int64(n), line: f.line, attr: f.inAttr(), r: r})
	}
	for range n {
		f.out = append(f.out, ' ')
	}
	f.pos += int64(n)
	return n
}

// step takes the next byte of the file, an ASCII byte already counted,
// outside a reference, and follows the markup.
func (f *charFilter) step(c byte) {
	switch f.state {
	case inText:
		switch c {
		case '&':
			f.startRef()
			return
		case '<':
			f.state = inOpen
		}
	case inAttr:
		switch c {
		case '&':
			f.startRef()
			return
		case f.quote:
			f.state, f.named = inTag, true
		}
	case inOpen:
		switch c {
		case '!':
			f.state = inBang
		case '?':
			f.state, f.run = inPI, 0
		default:
			f.state, f.named = inTag, true
			f.tag(c)
		}
	case inTag:
		f.tag(c)
	case inBang:
		switch c {
		case '-':
			f.state, f.marker, f.run = inMarker, "--", 1
		case '[':
			f.state, f.marker, f.run = inMarker, "[CDATA[", 1
		default: // the declaration's first byte, which the decoder takes as it is
			f.state, f.quote, f.depth = inDecl, 0, 0
		}
	case inMarker:
		switch {
		case c != f.marker[f.run]:
			f.state = inText // the decoder refuses it
		case f.run+1 < len(f.marker):
			f.run++
		case f.marker == "--":
			f.state, f.run = inComment, 0
		default:
			f.state, f.run = inCDATA, 0
		}
	case inComment:
		if f.run = closing(f.run, c, "-->"); f.run == 3 {
			f.state = inText
		}
	case inCDATA:
		if f.run = closing(f.run, c, "]]>"); f.run == 3 {
			f.state = inText
		}
	case inPI:
		if f.run = closing(f.run, c, "?>"); f.run == 2 {
			f.state = inText
		}
	case inDecl:
		f.declaration(c)
	case inDeclOpen:
		if c == "!--"[f.run] {
			if f.run++; f.run == 3 {
				f.state, f.run = inDeclComment, 0
			}
			break
		}
		f.state = inDecl
		f.depth++ // a "<" of markup, not of a comment
		f.declaration(c)
	case inDeclComment:
		if f.run = closing(f.run, c, "-->"); f.run == 3 {
			f.state = inDecl
		}
	}
	f.out = append(f.out, c)
}

// tag takes a byte of a tag, outside attribute values.
func (f *charFilter) tag(c byte) {
	switch c {
	case '"', '\'':
		f.state, f.quote = inAttr, c
	case '>':
		f.state = inText
	default:
		f.names([]byte{c})
	}
}

// declaration takes a byte of a declaration, as the decoder reads one:
// quoted strings, nested "<" and ">", and comments.
func (f *charFilter) declaration(c byte) {
	switch {
	case f.quote != 0:
		if c == f.quote {
			f.quote = 0
		}
	case c == '"' || c == '\'':
		f.quote = c
	case c == '>' && f.depth == 0:
		f.state = inText
	case c == '>':
		f.depth--
	case c == '<':
		f.state, f.run = inDeclOpen, 0
	}
}

// inAttr returns the name of the attribute whose value the next byte is
// in, cut short, or "".
func (f *charFilter) inAttr() string {
	if f.state != inAttr {
		return ""
	}
	return clip(string(f.attr), problem.QuoteMax)
}

// startRef starts a reference at the "&" just taken.
func (f *charFilter) startRef() {
	f.ref, f.refAt, f.refLine = append(f.ref, '&'), f.pos-1, f.line
}

// advance counts c into the position and line.
func (f *charFilter) advance(c byte) {
	f.pos++
	if c == '\n' {
		f.line++
	}
}

// closing returns how much of end has been seen after c, given that run
// bytes of it had been: "-->" after "--" and any number of dashes.
func closing(run int, c byte, end string) int {
	switch {
	case c == end[run]:
		return run + 1
	case run > 0 && c == end[run-1] && end[0] == end[run-1]:
		return run // "--->", "]]]>"
	case c == end[0]:
		return 1
	}
	return 0
}

// reference reads c as the next byte of the reference being read, and
// reports whether it is one; at its ";" it ends the reference, keeping it
// when what it refers to is not a character of XML.
func (f *charFilter) reference(c byte) bool {
	n := len(f.ref)
	switch {
	case n == 1:
		if c != '#' {
			return false
		}
	case n == 2 && c == 'x':
		f.refHex = true
	case c == ';' && f.refDigit:
		f.ref = append(f.ref, c)
		if !xmlChar(f.refValue) {
			f.found = append(f.found, badChar{at: f.refAt, end: f.pos + 1, line: f.refLine, attr: f.inAttr(),
				ref: string(f.ref), r: f.refValue})
			for i := range f.ref {
				f.ref[i] = ' '
			}
		}
		f.out, f.ref = append(f.out, f.ref...), f.ref[:0]
		f.refHex, f.refValue, f.refDigit = false, 0, false
		return true
	default:
		d, ok := digit(c, f.refHex)
		if !ok {
			f.refHex, f.refValue, f.refDigit = false, 0, false
			return false
		}
		base := rune(10)
		if f.refHex {
			base = 16
		}
		f.refValue = min(f.refValue*base+d, utf8.MaxRune+1)
		f.refDigit = true
	}
	f.ref = append(f.ref, c)
	return true
}

// digit returns the value of c as a digit of a decimal or hexadecimal
// reference.
func digit(c byte, hex bool) (rune, bool) {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0'), true
	case hex && 'a' <= c && c <= 'f':
		return rune(c-'a') + 10, true
	case hex && 'A' <= c && c <= 'F':
		return rune(c-'A') + 10, true
	}
	return 0, false
}

// xmlChar reports whether r is a character of XML 1.0 (production Char):
// tab, line feed, carriage return, U+0020 to U+D7FF, U+E000 to U+FFFD and
// U+10000 to U+10FFFF.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || 0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= utf8.MaxRune
}

// take returns what was found before offset end, in order, and forgets
// it.
func (f *charFilter) take(end int64) []badChar {
	n := 0
	for n < len(f.found) && f.found[n].at < end {
		n++
	}
	if n == 0 {
		return nil
	}
	out := append([]badChar(nil), f.found[:n]...)
	f.found = append(f.found[:0], f.found[n:]...)
	return out
}

// why says what is wrong.
func (b badChar) why() string {
	var what string
	switch {
	case b.r < 0:
		return fmt.Sprintf("byte %#x is not UTF-8", b.b)
	case b.r > utf8.MaxRune:
		what = "no character"
	case 0xD800 <= b.r && b.r <= 0xDFFF:
		what = fmt.Sprintf("%U, a surrogate, which XML forbids", b.r)
	case b.r < ' ':
		what = fmt.Sprintf("the control character %U, which XML forbids", b.r)
	default:
		what = fmt.Sprintf("%U, which XML forbids", b.r)
	}
	if b.ref == "" {
		return "holds " + what
	}
	return fmt.Sprintf("character reference %s is to %s", problem.Quote(b.ref), what)
}
