package pledge

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Compact returns the amount the way news reports write it: "$2.3
// billion", "$150 million", "₩520 billion" in English; "23억 달러", "1억
// 5천만 달러", "5,200억 원" in Korean.
//
// English scales amounts of a million or more to million, billion or
// trillion, keeping three significant digits, or all the digits of the
// whole units when there are more ("$1,500 trillion"). Korean writes
// amounts in groups of 만 (ten thousand), 억, 조 and 경, a group that is a
// round thousand with 천 ("5천만") and other groups in digits ("5,200억");
// from 1억 up it keeps three significant digits, or all the digits of the
// largest group ("1,234억"), and from 1조 up the group under the largest
// whole, as Korean reports do ("3조 750억 원", "12조 3,457억 원"). When
// the exact amount is no longer to write than the rounded one, Korean
// writes it: "3억 9,312만 달러", not "약 3억 9,300만 달러". Smaller
// amounts are written in full, rounded to the currency's minor units and
// whole when that leaves no fraction ("$15,000", "$1,234.50", "1만
// 2,345.50 유로"); trailing zeros in the value change nothing. An amount
// that rounding to the minor units would leave at zero is written exactly
// instead, with every decimal it has ("$0.004", "0.004 달러"): Compact
// never writes "$0" or "about $0" for money that is there, and only zero
// is "$0" ("0 달러").
//
// When that form is not the exact amount, Compact says so with the
// language's approximation marker: "about $2.35 billion", "약 23억 5천만
// 달러"; [ParseFigure] reads it as [Approximately]. When it is exact,
// [ParseAmount] reads it back to an amount equal to a, for every amount of
// at most 60 digits (every amount a [Book] accepts); the parser refuses
// longer figures.
//
// English writes the currency's English symbol when it names one currency
// ("$", "€", "₩", "CN¥", "A$"), "JP¥" for the yen, and otherwise the ISO
// code and a space ("UAH 1.5 billion"). Korean writes the currency's
// Korean word (달러, 원, 유로, 엔, 파운드, 위안, 호주 달러 ...) or its ISO
// code after the number. Every other language gets the English form, so
// the text reads back; use [Amount.Format] for a figure in the language's
// own conventions.
func (a Amount) Compact(tag language.Tag) string {
	if isKorean(tag) {
		text, rounded := a.compactKorean(decimal.Decimal.Round)
		if rounded {
			text = "약 " + text
		}
		return text
	}
	text, rounded := a.compactEnglish(decimal.Decimal.Round)
	if rounded {
		text = "about " + text
	}
	return text
}

// isKorean reports whether tag is the Korean language.
func isKorean(tag language.Tag) bool {
	base, _ := tag.Base()
	return base.String() == "ko"
}

// rounder rounds a value that is not negative to a number of decimal
// places: half away from zero (Round) for Compact, down (RoundFloor) or up
// (RoundCeil) for the bounds of [Figure.Compact], so that "at least" is
// never rounded up past the figure.
type rounder func(d decimal.Decimal, places int32) decimal.Decimal

// compactSigDigits is the significant digits Compact keeps in a scaled
// number, unless its largest unit has more.
const compactSigDigits = 3

var englishScales = []struct {
	name string
	exp  int32
}{{"trillion", 12}, {"billion", 9}, {"million", 6}}

// compactEnglish writes a in English, rounded by round, and reports whether
// the text is rounded; the caller writes the word that says so.
func (a Amount) compactEnglish(round rounder) (string, bool) {
	v := a.value.Abs()
	scale, _ := currency.Standard.Rounding(a.cur)
	var (
		text string
		r    decimal.Decimal // the magnitude written
	)
	if round(v, int32(scale)).Cmp(decimal.New(1, 6)) < 0 {
		text, r = a.inFull(v, round)
	} else { // 999999.995 dollars is about $1 million
		i := 0
		for i < len(englishScales)-1 && v.Cmp(decimal.New(1, englishScales[i].exp)) < 0 {
			i++
		}
		r = roundSignificant(v, englishScales[i].exp, round)
		if i > 0 && r.Cmp(decimal.New(1, englishScales[i-1].exp)) >= 0 {
			i-- // 999.96 million is 1 billion
			r = roundSignificant(v, englishScales[i].exp, round)
		}
		text = english.localize(r.Shift(-englishScales[i].exp).String()) + " " + englishScales[i].name
	}
	text = englishSymbol(a.cur) + text
	if a.value.Sign() < 0 && !r.IsZero() { // zero has no sign
		text = "-" + text
	}
	return text, !r.Equal(v)
}

var koreanScales = []int32{16, 12, 8, 4}

// compactKorean is compactEnglish in Korean.
func (a Amount) compactKorean(round rounder) (string, bool) {
	v := a.value.Abs()
	scale, _ := currency.Standard.Rounding(a.cur)
	places := int32(scale)
	var r decimal.Decimal
	switch {
	case v.Cmp(decimal.New(1, 8)) < 0:
		r = round(v, places)
		if r.IsZero() && !v.IsZero() { // not "0 달러" for money that is there
			r, places = v, Amount{value: v, cur: a.cur}.places()
		}
	case v.Cmp(decimal.New(1, 12)) >= 0:
		// From 1조 up the group under the largest is written whole, as
		// the press does: "3조 750억", "12조 3,457억".
		i := 0
		for v.Cmp(decimal.New(1, koreanScales[i])) < 0 {
			i++
		}
		r = round(v, -koreanScales[i+1])
	default:
		r = roundSignificant(v, 8, round)
	}
	text := koreanNumber(r, places)
	if !r.Equal(v) && v.Equal(v.Round(int32(scale))) {
		// The exact form when it is no longer: "3억 9,312만", not "약 3억
		// 9,300만".
		if exact := koreanNumber(v, int32(scale)); utf8.RuneCountInString(exact) <= utf8.RuneCountInString(text) {
			r, text = v, exact
		}
	}
	text += " " + koreanWord(a.cur)
	if a.value.Sign() < 0 && !r.IsZero() {
		text = "-" + text
	}
	return text, !r.Equal(v)
}

// koreanNumber writes r (not negative, at most scale decimals) as Korean
// reports do: in groups of 만, 억, 조 and 경, or in full when it has a
// fraction under a round group ("10,000.50", not "1만 0.50").
func koreanNumber(r decimal.Decimal, scale int32) string {
	if rest := r.Mod(decimal.New(1, 4)); r.Cmp(decimal.New(1, 4)) >= 0 && rest.Cmp(decimal.NewFromInt(1)) < 0 && !rest.IsZero() {
		return english.localize(r.StringFixed(scale))
	}
	return koreanGroups(r, scale)
}

// koreanGroups writes r (not negative) in groups of 만, 억, 조 and 경, with
// scale decimal places when it has a fraction.
func koreanGroups(r decimal.Decimal, scale int32) string {
	var groups []string
	for _, exp := range koreanScales {
		g := r.Shift(-exp).Truncate(0)
		r = r.Sub(g.Shift(exp))
		if !g.IsZero() {
			groups = append(groups, koreanGroupText(g)+koreanUnitText(exp))
		}
	}
	switch {
	case !r.Equal(r.Truncate(0)):
		groups = append(groups, english.localize(r.StringFixed(scale)))
	case len(groups) == 0:
		groups = append(groups, english.localize(r.String()))
	case !r.IsZero():
		groups = append(groups, koreanGroupText(r))
	}
	return strings.Join(groups, " ")
}

// roundSignificant rounds v (at least 10^exp) by round to compactSigDigits
// significant digits, or to the whole units of 10^exp when there are more.
func roundSignificant(v decimal.Decimal, exp int32, round rounder) decimal.Decimal {
	whole := int32(len(v.Shift(-exp).Truncate(0).String()))
	places := int32(compactSigDigits) - whole
	if places < 0 {
		places = 0
	}
	return round(v.Shift(-exp), places).Shift(exp)
}

// inFull writes v (not negative) in full with English digits: whole, or
// with the currency's minor units when it has a fraction. r is the value
// written, v rounded by round to the minor unit, or v itself, with every
// decimal it has, when that rounding would make it zero.
func (a Amount) inFull(v decimal.Decimal, round rounder) (text string, r decimal.Decimal) {
	scale, _ := currency.Standard.Rounding(a.cur)
	r = round(v, int32(scale))
	if r.IsZero() && !v.IsZero() { // not "$0" for money that is there
		return english.localize(v.StringFixed(Amount{value: v, cur: a.cur}.places())), v
	}
	if r.Equal(r.Truncate(0)) {
		return english.localize(r.Truncate(0).String()), r
	}
	return english.localize(r.StringFixed(int32(scale))), r
}

func koreanUnitText(exp int32) string {
	for _, u := range koreanUnits {
		if u.exp == exp {
			return u.text
		}
	}
	return ""
}

// koreanGroupText writes the number of one Korean group: "5천" for a round
// thousand, digits otherwise ("5,200", "23").
func koreanGroupText(g decimal.Decimal) string {
	thousand := decimal.New(1, 3)
	if g.Cmp(decimal.New(1, 4)) < 0 && g.Mod(thousand).IsZero() {
		return g.Shift(-3).String() + "천"
	}
	return english.localize(g.String())
}

// englishSymbol returns the symbol Compact writes before an English
// number: the English symbol, or the international one, when the zero
// Parser reads it as cur; otherwise the ISO code and a space.
func englishSymbol(cur currency.Unit) string {
	for _, tag := range []language.Tag{language.English, language.Und} {
		sym := symbolIn(tag, cur)
		if t, ok := symbolToken(sym); ok {
			if u, ok := (Parser{}).resolve(t); ok && u == cur {
				return sym
			}
		}
	}
	return cur.String() + " "
}

// symbolToken returns the symbol token written exactly sym.
func symbolToken(sym string) (token, bool) {
	for _, t := range symbols {
		if t.text == sym {
			return t, true
		}
	}
	return token{}, false
}

// koreanWord returns the Korean word for cur that the zero Parser reads
// back, or the ISO code.
func koreanWord(cur currency.Unit) string {
	for _, t := range currencyWords {
		if u, ok := (Parser{}).resolve(t); t.write && ok && u == cur {
			return t.text
		}
	}
	return cur.String()
}
