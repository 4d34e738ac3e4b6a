// Package fold reduces a person's name to a lookup key, so that spellings a
// reader would call the same name compare equal: "Yoon Suk-yeol", "YOON SUK
// YEOL" and "yoon_suk_yeol" all give "yoonsukyeol", "Shinzō Abe" gives
// "shinzoabe", and full-width "ＹＯＯＮ" gives "yoon".
//
// [Key] is the package's main entry point. The
// [github.com/summitry/summitry/meeting] package keys its ledger by it, so
// that a leader is found by any spelling of a name, alias or ID, and reads
// the names of kinds and statuses with it ("Pull-aside", "PULL_ASIDE");
// [github.com/summitry/summitry/meeting/historian] matches countries, titles
// and names in the Office of the Historian's records with it. [Nearest]
// builds on it the "did you mean" lists of error messages
// ([github.com/summitry/summitry/pledge.NameError]): names a small edit
// away ("Japn": "Japan"), then names that hold every word of the one asked
// for ("Korea": "South Korea"), in a fixed order.
//
// The steps, in order:
//
//  1. width folding (golang.org/x/text/width): full-width Latin to ASCII,
//     half-width katakana to standard katakana;
//  2. case folding (golang.org/x/text/cases);
//  3. compatibility decomposition (NFKD, golang.org/x/text/unicode/norm),
//     so that "①" is "1", "Ⅱ" is "ii", "ǅ" is "dž" and "ﬁ" is "fi", then
//     case folding and canonical decomposition (NFD) again, for letters the
//     compatibility mapping leaves in upper case;
//  4. removal of accents, by the letter they sit on: the combining
//     diacritical marks on Latin and Greek letters go ("é" is "e", "ΐ" is
//     "ι"); on Cyrillic letters they stay, because "й" and "и", "ї" and "і",
//     "ё" and "е" are different letters, except an acute or grave stress
//     mark on a vowel ("Дми́трий" is "дмитрий"); the marks of every other
//     script stay (kana voicing marks, the vowel signs of Indic scripts,
//     Hebrew and Arabic points), and a mark that follows no letter (or an
//     apostrophe, see 6) goes;
//  5. a few Latin letters that carry their accent without decomposing (ø, đ,
//     ł, ı, æ, œ, þ) become their base letters;
//  6. removal of everything that is not a letter, a mark or a number:
//     spaces, hyphens, dots, apostrophes (the modifier letters U+02B9..U+02BF,
//     such as ʼ and ʻ, count as apostrophes), symbols, format characters;
//  7. canonical composition (NFC), so the key reads naturally (Hangul jamo
//     recompose into syllables, Cyrillic letters with kept marks into "й").
//
// Hangul, kana and CJK ideographs are never folded into one another: "이명박"
// and "이명", "きしだ" and "キシダ" have different keys.
//
// Key is idempotent: Key(Key(s)) == Key(s).
package fold
