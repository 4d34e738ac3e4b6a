package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// accents are the combining diacritical mark blocks: the marks that NFD splits
// off Latin, Greek and Cyrillic letters (é = e + U+0301).
var accents = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x0300, Hi: 0x036f, Stride: 1}, // Combining Diacritical Marks
		{Lo: 0x1ab0, Hi: 0x1aff, Stride: 1}, // ... Extended
		{Lo: 0x1dc0, Hi: 0x1dff, Stride: 1}, // ... Supplement
		{Lo: 0x20d0, Hi: 0x20ff, Stride: 1}, // ... for Symbols
		{Lo: 0xfe20, Hi: 0xfe2f, Stride: 1}, // Combining Half Marks
	},
}

// letters maps (case-folded) letters whose accent or ligature is not a combining mark, so
// NFD leaves them whole, to the plain letters a reader would type instead.
var letters = strings.NewReplacer(
	"ø", "o",
	"đ", "d",
	"ł", "l",
	"ı", "i",
	"æ", "ae",
	"œ", "oe",
	"þ", "th",
)

// kept reports whether r survives into a key: letters, marks and numbers,
// except the modifier letters that serve as apostrophes and quotes in
// transliterations (ʹ ʺ ʻ ʼ ʽ ʾ ʿ).
func kept(r rune) bool {
	if 0x02b9 <= r && r <= 0x02bf {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// cyrillicVowels are the (case-folded) Cyrillic vowels that dictionaries
// and learners' texts mark for stress with an acute or a grave accent.
const cyrillicVowels = "аеиоуыэюяіє"

// keepMark reports whether the combining mark m stays on the letter base
// (the last rune before it that is not a mark; -1 when there is none).
func keepMark(base, m rune) bool {
	switch {
	case base < 0 || !unicode.IsLetter(base) || !kept(base):
		return false // a mark on nothing, or on a space, a hyphen or an apostrophe
	case unicode.In(base, unicode.Latin, unicode.Greek):
		return !unicode.Is(accents, m)
	case unicode.Is(unicode.Cyrillic, base):
		return !(m == '\u0300' || m == '\u0301') || !strings.ContainsRune(cyrillicVowels, base)
	}
	return true
}

// Word returns the key of text that names a word of a vocabulary (a
// stage, a kind of meeting, a dimension), and false when text cannot be
// such a name: not valid UTF-8, holding U+FFFD (the mark of text lost in
// decoding), or holding a control character other than white space (a
// NUL, an escape, a C1 control). Key drops those, so that
// "talks\x00" would read as "talks"; a word given by a user or a file that
// carries them is not the word, and is refused. Spaces, tabs and line ends
// are kept for Key to ignore, as in a cell that ends with "\r".
func Word(text string) (string, bool) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || unicode.IsControl(r) && !unicode.IsSpace(r) {
			return "", false
		}
		i += size
	}
	return Key(text), true
}

// Key returns the lookup key of name. Names that differ only in case,
// accents (on Latin and Greek letters), width, compatibility forms, spacing
// and punctuation have the same key. The key of a string with no letters or
// numbers is empty.
func Key(name string) string {
	if k, ok := asciiKey(name); ok {
		return k
	}
	// A transform.Chain holds state, so each call builds its own.
	t := transform.Chain(
		width.Fold,
		cases.Fold(),
		norm.NFKD,
		cases.Fold(),
		norm.NFD,
	)
	s, _, err := transform.String(t, name)
	if err != nil {
		// The transformers above do not fail on any input, invalid UTF-8
		// included; keep the name rather than lose it if one ever does.
		s = name
	}
	var b strings.Builder
	b.Grow(len(s))
	base := rune(-1)
	for _, r := range s {
		if unicode.IsMark(r) {
			if keepMark(base, r) {
				b.WriteRune(r)
			}
			continue
		}
		base = r
		if kept(r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(letters.Replace(b.String()))
}

// asciiKey is the fast path of Key for printable ASCII names, which need
// no Unicode tables: lower-case letters and digits are kept, nothing else.
func asciiKey(name string) (string, bool) {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b), true
}
