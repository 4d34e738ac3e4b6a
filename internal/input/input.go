package input

import (
	"bufio"
	"bytes"
	"fmt"
	"unicode/utf8"
)

// BOM is the UTF-8 encoding of U+FEFF, which some programs (Excel, Notepad)
// write at the start of a text file.
const BOM = "\ufeff"

// TrimBOM returns data without a leading byte-order mark.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte(BOM)) }

// SkipBOM discards a byte-order mark at the start of br, if there is one.
// It reports how many bytes it skipped (0 or 3), so a reader that counts
// offsets can add them.
func SkipBOM(br *bufio.Reader) int {
	if b, err := br.Peek(len(BOM)); err == nil && string(b) == BOM {
		br.Discard(len(BOM))
		return len(BOM)
	}
	return 0
}

// BadUTF8 returns the offset of the first byte of data that does not start
// a valid UTF-8 encoding, or -1 when data is valid UTF-8.
func BadUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// LoneSurrogate returns the offset in JSON text data of the first \u escape
// of a UTF-16 surrogate that is not half of a high-low pair, or -1.
// encoding/json decodes such an escape to U+FFFD without a word.
func LoneSurrogate(data []byte) int {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(`\u`))
		if j < 0 {
			return -1
		}
		j += i
		k := j // the backslash at j starts an escape when an even number precede it
		for k > 0 && data[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 1 || j+6 > len(data) {
			i = j + 1
			continue
		}
		v, ok := hex4(data[j+2 : j+6])
		switch {
		case !ok || v < 0xd800 || v > 0xdfff:
			i = j + 2
			continue
		case v >= 0xdc00:
			return j // a low surrogate with no high one before it
		}
		if j+12 <= len(data) && data[j+6] == '\\' && data[j+7] == 'u' {
			if w, ok := hex4(data[j+8 : j+12]); ok && 0xdc00 <= w && w <= 0xdfff {
				i = j + 12
				continue
			}
		}
		return j // a high surrogate with no low one after it
	}
}

// BadText returns the offset in JSON text data of the first byte that is
// not UTF-8 or \u escape of half a surrogate pair, whichever comes first,
// and says what it is ("is not valid UTF-8", "escapes half a surrogate
// pair, \ud800,"); -1 and "" when there is neither.
func BadText(data []byte) (int, string) {
	off, why := BadUTF8(data), "is not valid UTF-8"
	if s := LoneSurrogate(data); s >= 0 && (off < 0 || s < off) {
		off, why = s, "escapes half a surrogate pair, "+string(data[s:s+6])+","
	}
	if off < 0 {
		return -1, ""
	}
	return off, why
}

func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// Lines finds the line (from 1) of byte offsets in one text. It counts on
// from the offset asked last, or back from it for an earlier one, so asking
// for offsets in order, as a reader meets its problems, reads the text once
// in all.
type Lines struct {
	data []byte
	at   int // the offset asked last
	line int // its line
}

// NewLines returns a Lines for data.
func NewLines(data []byte) *Lines { return &Lines{data: data, line: 1} }

// At returns the line of byte offset off; offsets outside data are taken
// as its start or end.
func (l *Lines) At(off int) int {
	off = min(max(off, 0), len(l.data))
	if off >= l.at {
		l.line += bytes.Count(l.data[l.at:off], []byte{'\n'})
	} else {
		l.line -= bytes.Count(l.data[off:l.at], []byte{'\n'})
	}
	l.at = off
	return l.line
}

// BadChar returns the byte offset of the first character of s that text
// may not hold, and says what it is ("holds U+FFFE (a Unicode
// noncharacter)"); -1 and "" when there is none. Text must be valid UTF-8
// and hold no control character other than tab, line feed and carriage
// return (none at all when oneLine is set, for names and keys), and none
// of Unicode's 66 noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF
// in every plane). That keeps out every character XML 1.0 forbids, so HTML
// and SVG made of the text parse as XML, and every character JSON would
// not carry back unchanged. It takes time in proportion to len(s).
func BadChar(s string, oneLine bool) (int, string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (oneLine || c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				return i, fmt.Sprintf("holds the control character %U", c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, "is not valid UTF-8"
		case r <= 0x9f:
			return i, fmt.Sprintf("holds the control character %U", r)
		case Noncharacter(r):
			return i, fmt.Sprintf("holds %U (a Unicode noncharacter)", r)
		}
		i += size
	}
	return -1, ""
}

// Noncharacter reports whether r is one of the 66 code points Unicode
// sets aside as never characters: U+FDD0 to U+FDEF and the last two of
// every plane (U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF).
func Noncharacter(r rune) bool {
	return 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe && r <= utf8.MaxRune
}
