package pledge

import (
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
//     millions", "$5 300", "5 1/3 billion dollars", "$38 만"); a bare 천,
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
//   - a range written with the currency once, which is one figure of two
//     numbers: "$2-3 billion", "$2~3 billion", "20~30억 달러", "20억~30억
//     달러", "2 to 3 billion dollars", "costing $1 to 2 billion". A range
//     written as two figures gives both ends marked [Found].Range ("$2
//     billion to $3 billion", "$5-$10", "20억 달러~30억 달러"), except a
//     low end that lacks the scale word of the high end ("$5" in "$5 to $10
//     million", "between $5 and $10 million", "$5 or $6 billion"), which
//     alone would say five dollars and is left out.
//
// A limitation: "over", "under", "above" and "below" before a figure are
// read as qualifiers even where they are prepositions, so "deadlocked over
// $61 billion in aid" gives more than $61 billion. Check the qualifier of
// a figure found after those words.
func (p Parser) FindFigures(text string) []Found {
	var found []Found
	high := -1 // where the high end of a range starts, after its low end
	for i := 0; i < len(text); {
		atHigh := i == high
		if mayStart(text, i) && (atHigh || canStart(text, i)) {
			if sc, err := p.scanFind(text, i); err == nil && !sc.weak && (atHigh || !leftOut(text, i, lastEnd(found))) {
				f := Found{Figure: sc.fig, Start: i, End: sc.end, Range: atHigh}
				if n := len(found); n > 0 {
					between := strings.TrimSpace(text[found[n-1].End:i])
					f.Bracketed = between == "(" || between == "（"
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

// rangeSeps join two figures or numbers into a range or two alternatives.
var rangeSeps = []string{"to", "or", "and", "내지", "또는", "혹은", "-", "–", "—", "~", "∼", "〜"}

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
	sep := ""
	for _, t := range rangeSeps {
		if strings.HasPrefix(text[j:], t) {
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
	hiFigure, hiScaled := false, false
	if hi, err := p.scanFind(text, k); err == nil && !hi.weak {
		hiFigure, hiScaled, nextEnd = true, hi.scaled, hi.end
	} else if r, _ := utf8.DecodeRuneInString(text[k:]); isDigit(text[k]) || isKoreanSubunit(r) {
		f := &figureScan{p: p, s: text, find: true, qualPos: -1}
		n, err := f.number(k)
		if err != nil {
			return
		}
		hiScaled = n.scaled
	} else {
		return
	}
	// A currency after the number comes after its scale too: "5,000원"
	// is whole before "~1만 원".
	skipLow = !sc.scaled && !sc.curAfter && hiScaled
	if !hiFigure {
		return -1, -1, false, skipLow
	}
	switch sep {
	case "and":
		isRange = betweenBefore(text, start)
	default:
		isRange = true
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
// the upper-case letters of ISO codes. Not a sign: FindFigures reads
// magnitudes.
var startRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, ts := range [][]token{prefixQualifiers, symbols} {
		for _, t := range ts {
			r, _ := utf8.DecodeRuneInString(t.text)
			m[unicode.ToLower(r)], m[unicode.ToUpper(r)] = true, true
		}
	}
	for _, u := range koreanSubunits {
		r, _ := utf8.DecodeRuneInString(u.text)
		m[r] = true
	}
	return m
}()

// mayStart reports whether the rune at text[i] can start a figure.
func mayStart(text string, i int) bool {
	if b := text[i]; isDigit(b) || 'A' <= b && b <= 'Z' || b == '.' && i+1 < len(text) && isDigit(text[i+1]) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return startRunes[r]
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
	for _, sep := range append(rangeSeps, "에서") {
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
			if b < 0 || !strings.EqualFold(text[b:j], t.text) || b > 0 && isASCIILetter(text[b-1]) {
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

// qualifierEndsAt reports whether a prefix qualifier, as a whole word,
// ends at text[pos].
func qualifierEndsAt(text string, pos int) bool {
	for _, t := range prefixQualifiers {
		b := pos - len(t.text)
		if b < 0 || !strings.EqualFold(text[b:pos], t.text) {
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
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// lastEnd returns where the last figure found ends; -1 when there is none.
func lastEnd(found []Found) int {
	if len(found) == 0 {
		return -1
	}
	return found[len(found)-1].End
}
