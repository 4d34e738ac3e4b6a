// Package fold reduces a person's name to a lookup key, so that spellings a
// reader would call the same name compare equal: "Yoon Suk-yeol", "YOON SUK
// YEOL" and "yoon_suk_yeol" all give "yoonsukyeol", "Shinzō Abe" gives
// "shinzoabe", and full-width "ＹＯＯＮ" gives "yoon".
//
// The steps, in order:
//
//  1. width folding (golang.org/x/text/width): full-width Latin to ASCII,
//     half-width katakana to standard katakana;
//  2. case folding (golang.org/x/text/cases);
//  3. canonical decomposition (NFD, golang.org/x/text/unicode/norm);
//  4. removal of the accents of Latin, Greek and Cyrillic: the combining
//     diacritical mark blocks only, so kana voicing marks and the vowel signs
//     of Indic scripts, which change a name, are kept; Hangul syllables
//     decompose into jamo, which are letters and stay;
//  5. a few letters that carry their accent without decomposing (ø, đ, ł,
//     ı, æ, œ, þ) become their base letters;
//  6. removal of everything that is not a letter, a mark or a number:
//     spaces, hyphens, dots, apostrophes, symbols, format characters;
//  7. canonical composition (NFC), so the key reads naturally (Hangul jamo
//     recompose into syllables).
//
// Key is idempotent: Key(Key(s)) == Key(s).
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
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

// kept reports whether r survives into a key: letters, marks and numbers.
func kept(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// Key returns the lookup key of name. Names that differ only in case,
// accents, width, spacing and punctuation have the same key. The key of a
// string with no letters or numbers is empty.
func Key(name string) string {
	if k, ok := asciiKey(name); ok {
		return k
	}
	// A transform.Chain holds state, so each call builds its own.
	t := transform.Chain(
		width.Fold,
		cases.Fold(),
		norm.NFD,
		runes.Remove(runes.In(accents)),
	)
	s, _, err := transform.String(t, name)
	if err != nil {
		// The transformers above do not fail on any input, invalid UTF-8
		// included; keep the name rather than lose it if one ever does.
		s = name
	}
	s = letters.Replace(s)
	s = strings.Map(func(r rune) rune {
		if kept(r) {
			return r
		}
		return -1
	}, s)
	return norm.NFC.String(s)
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
