package pledge

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FindFigures returns every figure of money in text, in order and without
// overlap, each with the byte offsets of its span; text[f.Start:f.End]
// read by [Parser.ParseFigure] gives f.Figure back. It reads the forms
// [ParseFigure] reads, qualifiers included, but a figure found must never
// say another number than the text, nor drop a qualifier: when in doubt it
// leaves a figure out. So it skips:
//
//   - numbers without a currency (years, dates, percentages, counts); a
//     four-digit whole number from 1000 to 2999 with an English currency
//     word or an ISO code ("in 2023 dollars", "2022 won", "USD 2023
//     figures"); "pounds" without a scale word (a weight);
//   - ISO codes other than those of currencies common in news (USD, EUR,
//     GBP, JPY, CNY, RMB, KRW, CHF, CAD, AUD, NZD, HKD, SGD, TWD, INR, RUB,
//     UAH, SEK, NOK, DKK, ISK, PLN, CZK, HUF, RON, BGN, BRL, MXN, ARS, CLP,
//     ZAR, EGP, NGN, KES, SAR, AED, QAR, KWD, ILS, IDR, MYR, THB, VND,
//     KZT): many others are also words or acronyms in capitals ("TOP 10",
//     "ALL 27", "TRY 4", "PHP 8", "COP28"), so FindFigures leaves them to
//     ParseFigure, which reads them all;
//   - signs: a figure in prose is a magnitude, so "-$5" yields "$5", and
//     "$-5", "USD -5" and "about -$5" yield nothing;
//   - a figure that is part of a longer number, which it would cut short:
//     one that starts after a number or inside it ("30억 달러" in "20억
//     30억 달러", "천만 원" in "5 천만 원", "5 billion dollars" in "paid.5
//     billion dollars", "2 billion dollars" in "1/2 billion dollars"), or
//     that ParseFigure refuses because the number goes on after it ("$5
//     millions", "$5 300", "5 1/3 billion dollars", "$38 만", "$5 and a
//     half billion"), also with a word that looks like a scale word but
//     is none it reads, which may make the number a thousand times larger
//     or more: a larger scale ("$5 quadrillion"), a short form or slang
//     ("$3 mil", "€3 Mio", "€3 Mrd", "$3 MM", "₹3 Cr", "$3 lacs", "$3
//     grand", "$3 bns"), or a scale word misspelt by one letter added,
//     dropped, changed or swapped ("$5 billon", "$3 milion") unless it is
//     a word of its own ("$50 bullion coins"); a bare 천,
//     백 or 십 after 몇, 수 or a Hangul numeral ("몇 백만 원", "수 천억 원":
//     a few million, some hundred billion won); an article number
//     ("제3조");
//   - a Korean currency word that starts a longer word: "3원칙" (three
//     principles), "5엔드" (the fifth end), "2파운드리", "위안부". Only
//     particles and suffixes may follow 원, 달러 and the others in the same
//     word: 을, 를, 이, 가, 은, 는, 의, 에, 로, 과, 와, 도, 만, 씩, 까지,
//     짜리, 어치, 부터, 보다, 만큼, 화, 대, 규모 and the qualifiers;
//   - a one-letter scale after a space ("$1.2 B", "$5 m", which may be
//     metres), and a figure with two qualifiers ("약 5억 원 이상", "20억여
//     원 이상"), both of which ParseFigure refuses too;
//   - a bare "¥" the Parser cannot resolve;
//   - a range written with the currency once whose low end is no whole
//     figure: "$2-3 billion", "$2~3 billion", "20~30억 달러", "20억~30억
//     달러", "2 to 3 billion dollars", "costing $1 to 2 billion". A range
//     written as two figures gives both ends marked [Found].Range ("$2
//     billion to $3 billion", "$5-$10", "20억 달러~30억 달러"), except a
//     low end that lacks the scale word of the high end ("$5" in "$5 to $10
//     million", "between $5 and $10 million", "$5 or $6 billion"), which
//     alone would say five dollars and is left out. A range whose low end
//     is a whole figure and whose high end is only a number gives the low
//     end, marked Range, whatever joins them ("$5 billion to 6 billion",
//     "$5 billion-6 billion", "$5 billion ~ 6", "$5 billion or 6 billion",
//     "$2-3"); the high end, with no currency of its own, is not found.
//     After "to" or "or", a bare number before a word or "%" counts
//     something else, and the figure is no range: "$5 billion to 6
//     countries", "$5 billion or 6% of GDP".
//
// A limitation: "over", "under", "above" and "below" before a figure are
// read as qualifiers even where they are prepositions, so "deadlocked over
// $61 billion in aid" gives more than $61 billion. Check the qualifier of
// a figure found after those words.
func (p Parser) FindFigures(text string) []Found { return p.findFigures(text, true) }

// findFigures is FindFigures. The checks at a rune (mayStart, canStart,
// scanFind, leftOut) decide whether a figure starts there. With skip, it
// makes them only where nextCandidate stops, which passes over text that
// they would refuse; without it, at every rune: the plain way, which the
// fast one is held to (FuzzFindFiguresSkip).
func (p Parser) findFigures(text string, skip bool) []Found {
	var found []Found
	var numbers numberFinder
	high := -1 // where the high end of a range starts, after its low end
	for i := 0; i < len(text); {
		if skip {
			if i = numbers.nextCandidate(text, i, high); i == len(text) {
				break
			}
		}
		atHigh := i == high
		if mayStart(text, i) && (atHigh || canStart(text, i)) {
			if sc, err := p.scanFind(text, i); err == nil && !sc.weak && (atHigh || !leftOut(text, i, lastEnd(found))) {
				f := Found{Figure: sc.fig, Start: i, End: sc.end, Range: atHigh}
				if n := len(found); n > 0 {
					f.Bracketed = onlyParen(text[found[n-1].End:i])
				}
				next, nextEnd, isRange, skipLow := p.rangeAfter(text, i, sc)
				f.Range = f.Range || isRange
				switch {
				case skipLow && sc.fig.Qualifier != Exact && next >= 0:
					// "about $5 to $10 million": the qualifier is of the
					// range; without the low end it would be dropped.
					i = nextEnd
				case isRange && next >= 0:
					if !skipLow {
						found = append(found, f)
					}
					high, i = next, next
				default:
					if !skipLow {
						found = append(found, f)
					}
					i = sc.end
				}
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return found
}

// findCodes are the ISO codes FindFigures reads as currencies.
var findCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`USD EUR GBP JPY CNY RMB KRW CHF CAD AUD NZD HKD SGD TWD INR RUB UAH
		SEK NOK DKK ISK PLN CZK HUF RON BGN BRL MXN ARS CLP ZAR EGP NGN KES SAR AED QAR KWD ILS IDR MYR THB VND KZT`) {
		m[c] = true
	}
	return m
}()

// onlyParen reports whether s is "(" or "（" with nothing but space
// around it: strings.TrimSpace(s) is one of them, found without going
// over a long s.
func onlyParen(s string) bool {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
	if i < 0 {
		return false
	}
	rest, ok := strings.CutPrefix(s[i:], "(")
	if !ok {
		if rest, ok = strings.CutPrefix(s[i:], "（"); !ok {
			return false
		}
	}
	return strings.TrimLeftFunc(rest, unicode.IsSpace) == ""
}

// rangeSeps join two figures or numbers into a range or two alternatives.
var rangeSeps = []string{"to", "or", "and", "내지", "또는", "혹은", "-", "–", "—", "~", "∼", "〜"}

// rangeSepStarts are the first bytes of rangeSeps.
var rangeSepStarts = func() (t [256]bool) {
	for _, sep := range rangeSeps {
		t[sep[0]] = true
	}
	return t
}()

// listSeps join two alternatives or two items rather than the ends of a
// range.
var listSeps = map[string]bool{"or": true, "and": true, "또는": true, "혹은": true}

// rangeAfter looks after sc, a figure found at text[start], for a range
// separator and a second figure or number. next and nextEnd are where the
// second figure starts and ends (-1 when there is none); isRange reports
// that the two are the ends of a range or two alternatives; skipLow that
// sc lacks the scale of the number after it ("$5" in "$5 to $10 million",
// "$1 to 2 billion") and must be left out.
func (p Parser) rangeAfter(text string, start int, sc scanned) (next, nextEnd int, isRange, skipLow bool) {
	next, nextEnd = -1, -1
	j := skipSpace(text, sc.end)
	if j == len(text) || !rangeSepStarts[text[j]] {
		return
	}
	sep := ""
	for _, t := range rangeSeps {
		if text[j] == t[0] && strings.HasPrefix(text[j:], t) {
			sep = t
			break
		}
	}
	if sep == "" {
		return
	}
	k := j + len(sep)
	if (isASCIILetter(sep[0]) || len(sep) > 3) && (j == sc.end || skipSpace(text, k) == k) {
		return // a word needs space around it: not "$5 today"
	}
	if k = skipSpace(text, k); k == len(text) {
		return
	}
	hiFigure, hiScaled, hiCounts := false, false, false
	if hi, err := p.scanFind(text, k); err == nil && !hi.weak {
		hiFigure, hiScaled, nextEnd = true, hi.scaled, hi.end
	} else if r, _ := utf8.DecodeRuneInString(text[k:]); isDigit(text[k]) || isKoreanSubunit(r) {
		f := &figureScan{p: p, s: text, find: true, qualPos: -1}
		n, err := f.number(k)
		if err != nil {
			return
		}
		hiScaled = n.scaled
		// A bare number before a word or "%" counts something else: "$5
		// billion to 6 countries", "or 6 percent".
		e := skipSpace(text, n.end)
		hiCounts = !n.scaled && e < len(text) && (isWordByte(text[e]) || text[e] == '%')
	} else {
		return
	}
	// A currency after the number comes after its scale too: "5,000원"
	// is whole before "~1만 원".
	skipLow = !sc.scaled && !sc.curAfter && hiScaled
	switch {
	case sep == "and":
		isRange = betweenBefore(text, start)
	case !isASCIILetter(sep[0]) && len(sep) <= 3:
		isRange = true // "-", "~": "$5 billion-6 billion"
	default:
		isRange = !hiCounts // "to", "or", 내지, 또는, 혹은
	}
	if !hiFigure {
		// "$5 billion to 6 billion": the high end shares the low end's
		// currency and is no figure of its own.
		isRange = isRange && !hiCounts
		return -1, -1, isRange, skipLow
	}
	return k, nextEnd, isRange, skipLow
}

// betweenBefore reports whether the word "between" stands before text[i].
func betweenBefore(text string, i int) bool {
	j := skipSpaceBack(text, i)
	const w = "between"
	return j >= len(w) && strings.EqualFold(text[j-len(w):j], w) && (j == len(w) || !isWordByte(text[j-len(w)-1]))
}

// startRunes are the runes a figure can start with, besides digits and
// the upper-case letters of ISO codes: a bit for each rune of the Basic
// Multilingual Plane, where all of them are. Not a sign: FindFigures
// reads magnitudes.
var startRunes = func() *runeSet {
	set := firstRunes(prefixQualifiers, symbols)
	for _, u := range koreanSubunits {
		set.add(u.text)
	}
	return set
}()

// isStartRune reports whether r is one of startRunes.
func isStartRune(r rune) bool { return startRunes.has(r) }

// runeSet is a set of runes of the Basic Multilingual Plane, a bit each.
type runeSet [1 << 16 / 64]uint64

// add adds the first rune of s, in both cases.
func (set *runeSet) add(s string) {
	r, _ := utf8.DecodeRuneInString(s)
	for _, r := range []rune{r, unicode.ToLower(r), unicode.ToUpper(r)} {
		set[r/64] |= 1 << (r % 64)
	}
}

func (set *runeSet) has(r rune) bool { return r < 1<<16 && set[r/64]&(1<<(r%64)) != 0 }

// firstRunes returns the set of the first runes of the tokens.
func firstRunes(lists ...[]token) *runeSet {
	set := new(runeSet)
	for _, ts := range lists {
		for _, t := range ts {
			set.add(t.text)
		}
	}
	return set
}

// followRunes are the runes that can follow the digits of a number that
// starts a figure, after space and a hyphen: a digit ("5 1/2"), a
// fraction, a Korean unit or 여, a scale word, a currency word, a symbol
// or a code.
var followRunes = func() *runeSet {
	set := firstRunes(scales, currencyWords, symbols)
	for _, s := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "여"} {
		set.add(s)
	}
	for _, u := range koreanUnits {
		set.add(u.text)
	}
	for _, u := range koreanSubunits {
		set.add(u.text)
	}
	for r := range vulgarFractions {
		set.add(string(r))
	}
	for c := 'A'; c <= 'Z'; c++ {
		set.add(string(c))
	}
	return set
}()

// digitsMayStart reports whether the digits at text[i] may start a
// figure: whether what follows them, after space and a hyphen, is one of
// followRunes. Else the number has no unit, scale or currency, and
// scanFind refuses it ("in 2023,", "10일", "7개국").
func digitsMayStart(text string, i int) bool {
	for i < len(text) && (isDigit(text[i]) || text[i] == ',' || text[i] == '.') {
		i++
	}
	if i = skipSpace(text, i); i < len(text) && text[i] == '-' {
		i++
	}
	if i == len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if !followRunes.has(r) {
		return false
	}
	if !isASCIILetter(text[i]) {
		return true
	}
	// A word: a scale, currency word, symbol or code ("2023 it", "2023,
	// including" start none).
	for _, ts := range []*tokenIndex{scaleIndex, currencyWordIndex, symbolIndex} {
		if _, _, ok := match(text, i, ts); ok {
			return true
		}
	}
	_, j, ok := isoCode(text, i)
	return ok && findCodes[text[i:j]]
}

// mayStart reports whether the rune at text[i] can start a figure.
func mayStart(text string, i int) bool {
	if b := text[i]; isDigit(b) || 'A' <= b && b <= 'Z' || b == '.' && i+1 < len(text) && isDigit(text[i+1]) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isStartRune(r)
}

// What a byte says of whether a figure may start there, for
// nextCandidate.
const (
	startNever  = iota // no figure starts with this byte
	startWord          // an ASCII letter or "_" that starts nothing: a word to pass
	startLetter        // an ASCII letter that starts a qualifier, symbol or code
	startDigit         // an ASCII digit
	startPoint         // ".", which starts ".5"
	startSign          // "$" or "~"
	startLead          // the lead byte of a multi-byte rune that may start one
)

// startBytes classes every byte for nextCandidate, from mayStart's runes.
var startBytes = func() (t [256]uint8) {
	for b := 0; b < utf8.RuneSelf; b++ {
		c := byte(b)
		switch {
		case isDigit(c):
			t[b] = startDigit
		case c == '.':
			t[b] = startPoint
		case isWordByte(c) && mayStart(string(c), 0):
			t[b] = startLetter
		case isWordByte(c):
			t[b] = startWord
		case mayStart(string(c), 0):
			t[b] = startSign
		}
	}
	for k, bits := range *startRunes {
		if bits == 0 {
			continue
		}
		for b := range 64 {
			if r := rune(k*64 + b); bits&(1<<b) != 0 && r >= utf8.RuneSelf {
				t[string(r)[0]] = startLead
			}
		}
	}
	return t
}()

// nextCandidate returns the first offset at or after i where FindFigures
// must look closer, or len(text); it stops at high, the high end of a
// range, whatever stands there.
//
// Every figure has a number, which starts with a digit, a point before a
// digit, 천, 백 or 십 (numberFinder.next), and what stands before its
// number is at most a prefix qualifier, space, a symbol or code and
// space. So it finds the next number start n and, when a qualifier,
// symbol or code ends before it (prefixEndsAt; the point of "approx." is
// the number start of "approx.5"), looks for a start from as far back as
// they reach (prefixReach) to n with candidateIn, else only at n.
func (nf *numberFinder) nextCandidate(text string, i, high int) int {
	end := len(text)
	if high >= i {
		end = high
	}
	for i < end {
		n := nf.next(text, i, end)
		if n == end {
			return end
		}
		lo := n
		if p := skipSpaceBack(text, n); text[n] == '.' || prefixEndsAt(text, p) {
			lo = max(i, prefixReach(text, n))
		}
		if c := candidateIn(text, lo, n+1); c <= n {
			return c
		}
		i = n + 1
	}
	return end
}

// prefixEndsAt reports whether what can stand before a number ends at
// text[p]: a prefix qualifier, a symbol, or three capitals (a code).
func prefixEndsAt(text string, p int) bool {
	if p >= 3 && 'A' <= text[p-1] && text[p-1] <= 'Z' && 'A' <= text[p-2] && text[p-2] <= 'Z' && 'A' <= text[p-3] && text[p-3] <= 'Z' {
		return true
	}
	if p == 0 {
		return false
	}
	last := lowerASCII(text[p-1])
	if prefixEnds.short[last] {
		return true // "$", "~"
	}
	if p >= 2 {
		if c := lowerASCII(text[p-2]); prefixEnds.pairs[last][c/64]&(1<<(c%64)) == 0 {
			return false // no such token ends with these two bytes
		}
	}
	return tokenEndsAt(text, p, prefixQualifiersByLast) || tokenEndsAt(text, p, symbolsByLast)
}

// prefixEnds holds the last two bytes, in lower case, of the prefix
// qualifiers and symbols: by the last, a bit for each byte before it,
// and whether a token of one byte is the last.
var prefixEnds = func() (x struct {
	pairs [256][256 / 64]uint64
	short [256]bool
}) {
	for _, ts := range [][]token{prefixQualifiers, symbols} {
		for _, t := range ts {
			last := lowerASCII(t.text[len(t.text)-1])
			if len(t.text) == 1 {
				x.short[last] = true
				continue
			}
			c := lowerASCII(t.text[len(t.text)-2])
			x.pairs[last][c/64] |= 1 << (c % 64)
		}
	}
	return x
}()

// numberFinder finds number starts in a text, from left to right.
type numberFinder struct {
	// subunits holds, for 천, 백 and 십, where the next one is, at or
	// after where it was last looked for (len(text) when there is none);
	// 0 before the first look.
	subunits [3]int
	looked   bool
}

// next returns the offset of the first number start at or after i and
// before end, or end: a digit, a point before a digit, 천, 백 or 십. The
// Korean ones are found by strings.Index, each once; the others eight
// ASCII bytes at a time.
func (nf *numberFinder) next(text string, i, end int) int {
	limit := end
	for k, u := range koreanSubunits {
		if !nf.looked || nf.subunits[k] < i {
			nf.subunits[k] = indexRune3(text, i, u.text)
		}
		limit = min(limit, nf.subunits[k])
	}
	nf.looked = true
	for i < limit {
		if i+8 <= limit {
			m := digitMask(load8(text[i : i+8]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8 // the first that may be one
		}
		switch c := text[i]; {
		case isDigit(c):
			// Not a digit after a digit: a figure whose number goes on
			// there starts with the first digit.
			if i == 0 || !isDigit(text[i-1]) {
				return i
			}
		case c == '.':
			if i+1 < len(text) && isDigit(text[i+1]) {
				return i
			}
		}
		i++
	}
	return limit
}

// indexRune3 returns the offset of the first rune r, of three bytes, at
// or after i, or len(text). It looks for the last two bytes, which are
// rarer in Korean text than the first.
func indexRune3(text string, i int, r string) int {
	for j := max(i, 1); j < len(text); {
		p := strings.Index(text[j:], r[1:])
		if p < 0 {
			break
		}
		if j += p; text[j-1] == r[0] {
			return j - 1
		}
		j++
	}
	return len(text)
}

// digitMask returns, for the eight bytes of x, the high bit of each that
// is a digit, "." or "/".
func digitMask(x uint64) uint64 {
	const ones, high, low7 = 0x0101010101010101, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
	// The high bit of a byte b ends set where b < 0x80 and '.'-1 < b <
	// '9'+1 ("Determine if a word has a byte between m and n", Bit
	// Twiddling Hacks); nothing carries from one byte to the next.
	return (ones*(127+'9'+1) - x&low7) &^ x & (x&low7 + ones*(127-('.'-1))) & high
}

// load8 returns the first eight bytes of s, the first lowest.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// prefixReach returns the lowest offset where a figure whose number
// starts at n, or at n+1 after the point of "approx.", can start: before
// the number, space, a symbol or code of at most maxCurrencyLen bytes,
// space, and a prefix qualifier of at most maxQualifierLen bytes.
func prefixReach(text string, n int) int {
	c := max(skipSpaceBack(text, n)-maxCurrencyLen, 0)
	for c > 0 && !utf8.RuneStart(text[c]) {
		c-- // a rune start, so that the space before it is all skipped
	}
	return skipSpaceBack(text, c) - maxQualifierLen
}

// The longest symbol or code, and the longest prefix qualifier, in bytes.
var maxCurrencyLen, maxQualifierLen = func() (int, int) {
	c, q := len("USD"), 0
	for _, t := range symbols {
		c = max(c, len(t.text))
	}
	for _, t := range prefixQualifiers {
		q = max(q, len(t.text))
	}
	return c, q
}()

// candidateIn returns the first offset at or after i, and before end,
// where FindFigures must look closer, or end. It passes over only what
// mayStart, canStart or scanFind would refuse: a byte that starts
// nothing; the rest of an ASCII word (after a letter, digit or "_"
// canStart starts nothing but a tilde) or of a Hangul one; a word that
// starts with a letter but with no qualifier, symbol or code FindFigures
// reads; a point before no digit; "$" or a point after a letter, digit or
// "_"; a rune that starts nothing.
func candidateIn(text string, i, end int) int {
	if i > 0 && isWordByte(text[i-1]) {
		i = skipWord(text, i, end)
	}
	for i < end {
		c := text[i]
		switch startBytes[c] {
		case startNever:
			i++
		case startWord:
			i = skipWord(text, i+1, end)
		case startLetter:
			if letterStarts(text, i) {
				return i
			}
			i = skipWord(text, i+1, end)
		case startDigit:
			if digitsMayStart(text, i) {
				return i
			}
			i = skipWord(text, i+1, end)
		case startPoint:
			if i > 0 && isWordByte(text[i-1]) || i+1 == len(text) || !isDigit(text[i+1]) {
				i++
				continue
			}
			return i
		case startSign:
			if c == '~' && qualifierStarts(text, i) || c != '~' && (i == 0 || !isWordByte(text[i-1])) {
				return i
			}
			i++
		case startLead:
			if c >= 0xE0 && i+2 < len(text) {
				// A three-byte rune, as all of Hangul, looked up without
				// decoding. A sequence that is not valid UTF-8 but reads
				// as a start rune is left to the decoder below.
				b1, b2 := text[i+1], text[i+2]
				if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 && !isStartRune(rune(c&0x0F)<<12|rune(b1&0x3F)<<6|rune(b2&0x3F)) {
					if isSyllable(hangulAt(text, i)) {
						i = skipSyllables(text, i+3, end)
					} else {
						i += 3
					}
					continue
				}
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case !isStartRune(r):
			case isHangul(r) && !isKoreanSubunit(r):
				// 약, 대략, 최소, 최대, 적어도, 거의: a qualifier, or a
				// word ("약속", "대통령").
				if qualifierStarts(text, i) {
					return i
				}
			default:
				return i
			}
			i += size
			if isSyllable(r) {
				i = skipSyllables(text, i, end)
			}
		}
	}
	return end
}

// skipSyllables returns the offset of the first rune at or after i, and
// before end, that is not a Hangul syllable: after Hangul, canStart
// starts nothing in Hangul.
func skipSyllables(text string, i, end int) int {
	for i+3 <= end {
		c, b1, b2 := text[i], text[i+1], text[i+2]
		if c < 0xEA || c > 0xED || b1&0xC0 != 0x80 || b2&0xC0 != 0x80 ||
			!isSyllable(rune(c&0x0F)<<12|rune(b1&0x3F)<<6|rune(b2&0x3F)) {
			break
		}
		i += 3
	}
	return i
}

// isSyllable reports whether r is a Hangul syllable, 가 to 힣.
func isSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// skipWord returns the offset of the first byte at or after i, and
// before end, that is not an ASCII letter, digit or "_".
func skipWord(text string, i, end int) int {
	for i < end && wordBytes[text[i]] {
		i++
	}
	return i
}

// wordBytes are the bytes of isWordByte.
var wordBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = isWordByte(byte(b))
	}
	return t
}()

// letterPairs are the first two bytes, in lower case, of the prefix
// qualifiers (bit 1) and symbols (bit 2) that start with a letter.
var letterPairs = func() *[256][256]uint8 {
	var x [256][256]uint8
	for bit, ts := range [][]token{prefixQualifiers, symbols} {
		for _, t := range ts {
			if len(t.text) > 1 && isASCIILetter(t.text[0]) {
				x[lowerASCII(t.text[0])][lowerASCII(t.text[1])] |= 1 << bit
			}
		}
	}
	return &x
}()

// letterStarts reports whether what starts with the ASCII letter at
// text[i] can start a figure in FindFigures: a symbol ("US$"), one of
// findCodes, or a prefix qualifier with what can follow it (bodyStarts).
// Anything else starting with a letter, scanFind refuses.
func letterStarts(text string, i int) bool {
	if i+1 == len(text) {
		return false // no such token has one letter
	}
	c, c2 := text[i], text[i+1]
	pair := letterPairs[lowerASCII(c)][lowerASCII(c2)]
	code := 'A' <= c && c <= 'Z' && 'A' <= c2 && c2 <= 'Z'
	return pair&1 != 0 && qualifierStarts(text, i) || (code || pair&2 != 0) && bodyStarts(text, i)
}

// qualifierStarts reports whether a prefix qualifier stands at text[i]
// with what can follow it.
func qualifierStarts(text string, i int) bool {
	_, j, ok := match(text, i, prefixQualifierIndex)
	return ok && bodyStarts(text, skipSpace(text, j))
}

// bodyStarts reports whether text[i:] starts with what can follow a
// prefix qualifier in FindFigures: a symbol, one of findCodes, or a
// number (a digit, a point before a digit, 천, 백 or 십). Not a sign:
// FindFigures reads magnitudes.
func bodyStarts(text string, i int) bool {
	if i == len(text) {
		return false
	}
	if c := text[i]; isDigit(c) || c == '.' && i+1 < len(text) && isDigit(text[i+1]) {
		return true
	}
	if _, _, ok := match(text, i, symbolIndex); ok {
		return true
	}
	if _, j, ok := isoCode(text, i); ok && findCodes[text[i:j]] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isKoreanSubunit(r)
}

// canStart reports whether a figure may begin at text[i]: not inside a
// word or a number, and not at a tilde that joins two numbers or figures
// ("20~30억", "20억 ~ 30억", "20억 달러~30억 달러"), which is a range, not
// "about". A digit may follow
// Hangul, which Korean writes against numbers, but not 제 ("제3조", an
// article).
func canStart(text string, i int) bool {
	cur, _ := utf8.DecodeRuneInString(text[i:])
	if i == 0 {
		return true
	}
	prev, size := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case isTilde(cur):
		// "about" only before a figure, not against a word or number, nor
		// after one: "20억 달러~30억 달러", "20억 ~ 30억" are ranges.
		return !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && !numberEndsAt(text, i)
	case prev == '제' && cur < utf8.RuneSelf && isDigit(byte(cur)):
		return false
	case isFraction(prev):
		return false // "5½5"
	case prev == '.' && cur < utf8.RuneSelf && isDigit(byte(cur)):
		return false // ".5 billion": the point is a decimal point, read from there
	case prev == '/':
		// "5 1/2 billion", "24/7": the end of a fraction.
		before, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return !unicode.IsDigit(before)
	case isHangul(prev):
		return !isHangul(cur)
	case unicode.IsLetter(prev), unicode.IsDigit(prev), prev == '_':
		return false
	case prev == '.' || prev == ',':
		before, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return !unicode.IsDigit(before)
	case isDash(prev) || isTilde(prev):
		// "2-3", "20억-30억", "20억~30억", "$5bn-$6bn": the high end of a
		// range (FindFigures starts there itself when the low end is a
		// figure).
		return !numberEndsAt(text, i-size)
	}
	return true
}

// leftOut reports whether a figure that reads at text[i] is part of
// something FindFigures does not read (see FindFigures): a qualifier before
// it that did not read with it ("약 5억 원 이상", "about -$5"), or, for a
// figure that starts with its number, a number before it ("2 billion 300
// won", "1억 2 3억 원")
// or a range separator after a number ("20억 ~ 30억 달러", "2 to 3 billion
// dollars"), and for a bare 천, 백 or 십 a word of number (몇, 수 ...).
// A figure after "and" or "or" that follows a whole figure, which ends at
// prevEnd, is a figure of its own: "$10 million and 5 billion won".
func leftOut(text string, i, prevEnd int) bool {
	j := skipSpaceBack(text, i)
	// A qualifier before that did not read with the figure: "약 5억 원
	// 이상" (two qualifiers), "about -$5" (a sign).
	q := j
	if r, size := utf8.DecodeLastRuneInString(text[:j]); r == '-' || r == '−' {
		q = skipSpaceBack(text, j-size)
	}
	if qualifierEndsAt(text, q) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[i:])
	bare := isKoreanSubunit(first)
	if !isDigit(text[i]) && text[i] != '.' && !bare {
		return false // it starts with its own currency or qualifier
	}
	if numberEndsAt(text, j) {
		return true // "20억 30억 달러", "20억30억 달러"
	}
	for _, sep := range leftSeps {
		if j == 0 || text[j-1] != sep[len(sep)-1] {
			continue
		}
		k := j - len(sep)
		if k < 0 || text[k:j] != sep {
			continue
		}
		if isASCIILetter(sep[0]) && k > 0 && isWordByte(text[k-1]) {
			continue // "into"
		}
		if listSeps[sep] && skipSpaceBack(text, k) == prevEnd {
			continue // "$10 million and 5 billion won": two figures
		}
		if numberEndsAt(text, k) {
			return true
		}
	}
	if bare && j < i {
		k := j
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:k])
			if !isHangul(r) {
				break
			}
			k -= size
		}
		return koreanNumberWords[text[k:j]]
	}
	return false
}

// leftSeps are the range separators and 에서 ("20억에서 30억 달러로").
var leftSeps = append(rangeSeps[:len(rangeSeps):len(rangeSeps)], "에서")

// koreanNumberWords stand for a number before a bare 천, 백 or 십: "몇
// 백만" (a few million), "수 천억" (some hundred billion), "오 백만".
var koreanNumberWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("몇 수 수십 수백 수천 몇십 몇백 몇천 여러 십 백 천 일 이 삼 사 오 육 칠 팔 구") {
		m[w] = true
	}
	return m
}()

// isFraction reports whether r is a vulgar fraction character such as ½.
func isFraction(r rune) bool {
	_, _, ok := vulgarFraction(r)
	return ok
}

// isKoreanSubunit reports whether r is 천, 백 or 십.
func isKoreanSubunit(r rune) bool { return r == '천' || r == '백' || r == '십' }

// isKoreanUnitRune reports whether r is a Korean unit: 만, 억, 조, 경,
// 천, 백 or 십.
func isKoreanUnitRune(r rune) bool {
	return r == '만' || r == '억' || r == '조' || r == '경' || isKoreanSubunit(r)
}

// numberEndsAt reports whether text[:pos], after any space, ends in a
// number: a digit, Korean units after a digit or on their own ("20억",
// "5천만", "20여억", "천만"), or a scale word after a number ("2 billion",
// "$5bn").
func numberEndsAt(text string, pos int) bool {
	j := skipSpaceBack(text, pos)
	if j == 0 {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(text[:j])
	switch {
	case r < utf8.RuneSelf && isDigit(byte(r)):
		return true
	case isKoreanUnitRune(r):
		k := j - size
		for k > 0 {
			r, size = utf8.DecodeLastRuneInString(text[:k])
			if !isKoreanUnitRune(r) && r != '여' {
				break
			}
			k -= size
		}
		if k == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(text[:k])
		return r < utf8.RuneSelf && isDigit(byte(r)) || !unicode.IsLetter(r)
	case r < utf8.RuneSelf && isASCIILetter(byte(r)):
		for _, t := range scales {
			b := j - len(t.text)
			if b < 0 || !equalFoldASCII(text[b:j], t.text) || b > 0 && isASCIILetter(text[b-1]) { // see matchAmong
				continue
			}
			if b > 0 && text[b-1] == '-' {
				b--
			} else {
				b = skipSpaceBack(text, b)
			}
			if b > 0 && isDigit(text[b-1]) {
				return true
			}
		}
	}
	return false
}

// byLastByte holds tokens by their last byte, in lower case, for
// tokenEndsAt.
type byLastByte [256][]token

func indexByLast(ts []token) *byLastByte {
	var x byLastByte
	for _, t := range ts {
		c := lowerASCII(t.text[len(t.text)-1])
		x[c] = append(x[c], t)
	}
	return &x
}

// The prefix qualifiers and the symbols by their last byte.
var prefixQualifiersByLast, symbolsByLast = indexByLast(prefixQualifiers), indexByLast(symbols)

// tokenEndsAt reports whether a token of ts ends at text[pos].
func tokenEndsAt(text string, pos int, ts *byLastByte) bool {
	for _, t := range ts[lowerASCII(text[max(pos, 1)-1])] {
		b := pos - len(t.text)
		if b >= 0 && equalFoldASCII(text[b:pos], t.text) { // strings.EqualFold for tokens: see matchAmong
			return true
		}
	}
	return false
}

// qualifierEndsAt reports whether a prefix qualifier, as a whole word,
// ends at text[pos].
func qualifierEndsAt(text string, pos int) bool {
	if pos == 0 {
		return false
	}
	for _, t := range prefixQualifiersByLast[lowerASCII(text[pos-1])] {
		b := pos - len(t.text)
		if b < 0 || !equalFoldASCII(text[b:pos], t.text) { // strings.EqualFold for tokens: see matchAmong
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:b]); b == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// skipSpaceBack returns the offset just after the last non-space rune
// before i.
func skipSpaceBack(s string, i int) int {
	for i > 0 {
		c := s[i-1]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break // unicode.IsSpace in ASCII
			}
			i--
			continue
		}
		if !spaceEnds[c] {
			break // no space ends with this byte: Hangul, say
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// spaceEnds are the last bytes of the runes of isSpace past ASCII.
var spaceEnds = func() (t [256]bool) {
	mark := func(r rune) {
		if s := string(r); r >= utf8.RuneSelf && isSpace(r) {
			t[s[len(s)-1]] = true
		}
	}
	for _, rg := range unicode.White_Space.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			mark(r)
		}
	}
	for _, r := range []rune{'\u202f', '\u2009', '\u200b'} {
		mark(r)
	}
	return t
}()

// lastEnd returns where the last figure found ends; -1 when there is none.
func lastEnd(found []Found) int {
	if len(found) == 0 {
		return -1
	}
	return found[len(found)-1].End
}
