package table

import (
	"strings"
	"unicode/utf8"
)

// replacement stands in for what a rendering cannot hold: bytes that are
// not UTF-8, control characters and Unicode non-characters.
const replacement = '\uFFFD'

// unfit reports whether r has no place in displayed text: the C0 controls
// other than tab, line feed and carriage return, DEL and the C1 controls,
// surrogates, and the non-characters (U+FDD0 to U+FDEF and the last two
// code points of every plane, U+FFFE and U+FFFF among them). XML 1.0 forbids
// the C0 controls, surrogates, U+FFFE and U+FFFF outright; HTML counts all of
// them as parse errors.
func unfit(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r >= 0x7F && r <= 0x9F:
		return true
	case r >= 0xD800 && r <= 0xDFFF:
		return true
	case r >= 0xFDD0 && r <= 0xFDEF:
		return true
	}
	return r&0xFFFE == 0xFFFE
}

// next decodes the character of s at i, reporting a byte that is not UTF-8
// and every unfit character as the replacement character.
func next(s string, i int) (r rune, size int) {
	r, size = utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError || unfit(r) {
		return replacement, size
	}
	return r, size
}

// clean returns s with each byte that is not UTF-8 and each unfit character
// replaced by U+FFFD, and tabs and line breaks by spaces: what a line of
// text, a label or a table cell can show.
func clean(s string) string {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\t' || r == '\n' || r == '\r' || unfit(r) {
			return cleanFrom(s, i)
		}
		i += size
	}
	return s
}

func cleanFrom(s string, start int) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:start])
	for i := start; i < len(s); {
		r, size := next(s, i)
		i += size
		if r == '\t' || r == '\n' || r == '\r' {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeXML returns s as XML character data or an attribute value, quotes
// included: the five markup characters become references (as
// html.EscapeString writes them) and what XML 1.0 cannot hold becomes U+FFFD
// (see clean). The result is well-formed in XML and in HTML, whatever s is.
func escapeXML(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, `&<>"'`) {
		return s
	}
	return xmlEscaper.Replace(s)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// wordJoiner, as a character reference, follows each @ in Markdown: it
// keeps GitHub's renderer from reading an e-mail address as a link (it
// joins escaped text before looking for one, so a backslash does not stop
// it) and shows nothing.
const wordJoiner = "&#8288;"

// mdEscape makes s plain text inside a GitHub-flavoured Markdown table cell
// or a bold caption: no emphasis, strikethrough, code, link, image,
// footnote, math, raw HTML, entity or autolink comes out of it, and its
// pipes stay inside the cell. Line breaks become spaces; what clean replaces
// is replaced. Backslash escapes are used where CommonMark honours them; an
// invisible word joiner after each @ keeps e-mail addresses from being
// linked.
func mdEscape(s string) string {
	s = clean(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := true // no character but spaces written yet
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '|', '*', '_', '`', '[', ']', '~', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '#':
			if lead {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case ':':
			// "scheme://" starts a URL autolink: https\://example.org does not.
			if strings.HasPrefix(s[i+1:], "//") {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '.':
			// "www." starts one too.
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '@':
			b.WriteByte(c)
			b.WriteString(wordJoiner)
		default:
			b.WriteByte(c)
		}
		if c != ' ' {
			lead = false
		}
	}
	return b.String()
}
