package pledge

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

// Qualifier says how a figure relates to the money it describes: exactly,
// approximately, or as a bound. The zero Qualifier is [Exact].
type Qualifier int

// The qualifiers, with the words that set them when a figure is read from
// text (English is matched without regard to case):
//
//   - Approximately: about, around, approximately, approx., roughly, some,
//     an estimated, estimated, close to, circa, "~", "or so" after the
//     figure; 약, 대략 before it, 가량, 정도, 내외, 안팎 after it, and 대
//     written against the currency word, as in "1조원대" or "1,300원대"
//     (in the range of a trillion won: the figure is a round lower edge,
//     kept as approximately).
//   - AtLeast: at least, no less than, not less than, a minimum of, "or more"
//     after the figure; 최소, 적어도 before it, 이상 after it.
//   - AtMost: up to, at most, no more than, not more than, as much as, a
//     maximum of, "or less" after the figure; 최대 before it, 이하 after it.
//   - MoreThan: more than, over, above, in excess of, upwards of, exceeding,
//     just over; "-plus" or "+" written against the end of the figure ("a
//     $5 billion-plus package", "$5bn+"); 초과, 넘게, 넘는, 남짓 (a little
//     over), 웃도는 and 넘는 after a particle ("20억 달러를 웃도는") after
//     the figure, and 여 after the number, as in "20억여 달러" or "20여억
//     달러" (two billion and some: more than).
//   - LessThan: less than, under, below, and also nearly, almost, just
//     under, just shy of, 거의, 미만 after the figure, and 가까이, 가까운,
//     육박 (approaching), "에 육박", "에 가까운", 밑도는 after a particle
//     and "에 못 미치는" after it. "Nearly $2 billion" and "20억 달러에
//     육박" are a little less than $2 billion, so they are read as
//     LessThan: the bound holds, only the nearness is not kept.
//   - Mixed: no text sets it. It is what a sum of figures qualified in
//     different directions is ("at least $1 billion" and "at most $2
//     billion", or "about $1 billion" and "more than $2 billion"): the
//     total is then bounded neither way, and says so. See [Figure.Add] for
//     the rules of sums. It describes sums, in [Totals] and [Figure], never
//     a figure a source gives: [Book.Add] refuses it on a record or a part.
const (
	Exact Qualifier = iota
	Approximately
	AtLeast
	AtMost
	MoreThan
	LessThan
	Mixed
)

var qualifierNames = [...]string{"exact", "approximately", "at least", "at most", "more than", "less than", "mixed"}

// String returns "exact", "approximately", "at least", "at most", "more
// than", "less than" or "mixed"; an unknown value prints as "Qualifier(9)".
func (q Qualifier) String() string {
	if q < 0 || int(q) >= len(qualifierNames) {
		return fmt.Sprintf("Qualifier(%d)", int(q))
	}
	return qualifierNames[q]
}

// MarshalText writes the [Qualifier.String] form, refusing unknown values.
func (q Qualifier) MarshalText() ([]byte, error) {
	if q < 0 || int(q) >= len(qualifierNames) {
		return nil, fmt.Errorf("%w: qualifier %d", ErrInvalid, int(q))
	}
	return []byte(qualifierNames[q]), nil
}

// UnmarshalText reads the form written by [Qualifier.MarshalText]. It is
// for encoding packages; in the gomacro interpreter, which cannot call it,
// use [ParseQualifier].
func (q *Qualifier) UnmarshalText(text []byte) error {
	v, err := ParseQualifier(string(text))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// ParseQualifier reads a qualifier's name as [Qualifier.String] writes it
// ("exact", "approximately", "at least", "at most", "more than", "less
// than", "mixed"), ignoring case and spacing as [ParseStage] does, the
// sign a table shows for it ("≈", "≥", "≤", ">", "<", "≶", and "~", ">=",
// "<="), or a word people type in a sheet's qualifier column for
// approximately: "about", "around", "approx" or "approx.". Words that
// mean more in a sentence than in a cell ("some", "over", "under") are
// not read here.
// It reads a qualifier alone: for a figure with its words ("about $2
// billion", "약 20억 달러") use [ParseFigure].
func ParseQualifier(text string) (Qualifier, error) {
	if len(text) <= maxWord {
		if q, ok := qualifierSigns[strings.TrimSpace(text)]; ok {
			return q, nil
		}
		key, ok := fold.Word(text)
		if !ok {
			key = "" // no qualifier's word
		}
		for i, name := range qualifierNames {
			if key == strings.ReplaceAll(name, " ", "") {
				return Qualifier(i), nil
			}
		}
		switch key {
		case "about", "around", "approx": // and "approx.": punctuation is not in a key
			return Approximately, nil
		}
	}
	return 0, fmt.Errorf("%w: qualifier %s: want one of %s", ErrInvalid, problem.Quote(text), strings.Join(qualifierNames[:], ", "))
}

// qualifierSigns are the signs tables write for qualifiers.
var qualifierSigns = map[string]Qualifier{
	"≈": Approximately, "~": Approximately,
	"≥": AtLeast, ">=": AtLeast, "≤": AtMost, "<=": AtMost,
	">": MoreThan, "<": LessThan, "≶": Mixed,
}

// Figure is a sum of money as a text gives it: an amount and how exact it
// is. "About $2.3 billion" is the Figure {USD 2300000000, Approximately}.
type Figure struct {
	Amount    Amount
	Qualifier Qualifier
}

// String writes the qualifier's name, a space and the amount, or only the
// amount when it is exact: "more than USD 2000000000", "USD 150000000".
// [ParseFigure] reads it back.
func (f Figure) String() string {
	if f.Qualifier == Exact {
		return f.Amount.String()
	}
	return f.Qualifier.String() + " " + f.Amount.String()
}

// Found is one figure found in a text by [FindFigures]: the figure and the
// byte offsets of its span, so that text[Start:End] is the figure as
// written, qualifier included.
type Found struct {
	Figure     Figure
	Start, End int
	// Bracketed reports that the figure opens a parenthesis right after the
	// figure before it, the way news reports give a conversion: in "520
	// billion won ($393 million)" and "23억 달러(약 3조 750억원)" the second
	// figure is Bracketed. Such a figure restates the one before it; add
	// only one of the two.
	Bracketed bool
	// Range reports that the figure is one end of a range or one of two
	// alternatives, written as two figures joined by "to", "-", "~", "or",
	// "between … and", 내지, 또는 or 혹은: "$2 billion to $3 billion",
	// "$5-$10", "20억 달러~30억 달러", "between $5 and $10 million", "$5 or
	// $6 billion". The ends are bounds or choices, not sums: add neither to
	// a total as if it were the amount. Both ends are found and marked,
	// except a low end that lacks the scale word of the high end ("$5" in
	// "$5 or $6 billion"): alone it would say five dollars, so it is left
	// out and only the high end is found, marked Range. When such a low end
	// has a qualifier ("about $5 to $10 million"), neither end is found.
	// A high end that is a number with no currency of its own ("$5
	// billion to 6 billion", "$5 billion-6 billion") is not found; the low
	// end is, marked Range.
	Range bool
}

// Parser reads figures with defaults for the symbols that do not name one
// currency. The zero Parser reads "$" and the bare words "dollars" and
// "달러" as US dollars and refuses a bare "¥" unless a currency word
// ("yen", "yuan", "엔", "위안") follows the number. The package functions
// [ParseAmount], [ParseFigure] and [FindFigures] use the zero Parser.
type Parser struct {
	// Dollar is the currency of "$", "dollars" and "달러". Zero means USD.
	Dollar currency.Unit
	// Yen is the currency of a bare "¥" or "￥": JPY or CNY. Zero means
	// none: a bare "¥" is an error unless a currency word resolves it.
	Yen currency.Unit
}

// ParseAmount reads one exact figure, such as "$2.3 billion", "US$150m",
// "€1.5bn", "520 billion won", "USD 2300000000" or "23억 달러", with the
// zero [Parser]. A qualified figure ("about $2.3 billion", "20억 달러
// 이상") is an error that matches [ErrApproximate]: read it with
// [ParseFigure], which keeps the qualifier. Other errors are a *ParseError
// naming the text and the byte position of the problem.
func ParseAmount(s string) (Amount, error) { return Parser{}.ParseAmount(s) }

// ParseFigure reads one figure and its qualifier, such as "about $2.3
// billion", "more than $300 million", "약 3조 750억원" or "20억 달러 이상",
// with the zero [Parser]. The text must hold the figure and nothing else
// but surrounding space.
//
// It reads currency symbols ($, US$, A$, AU$, C$, CA$, NZ$, HK$, S$, NT$,
// MX$, R$, €, £, ¥, JP¥, CN¥, RMB, ₩, ₹, ₴, ₽, ₪, ₺, ₱, ₫, ฿, ₦) and
// upper-case ISO 4217 codes before or after the number; currency words
// after it (dollars, US dollars, Australian dollars, euros, won, yen, yuan,
// pounds, sterling, hryvnias, rubles, rupees, Swiss francs; 달러, 원, 유로,
// 엔, 파운드, 위안, 흐리우냐, 루블, 루피, 호주 달러 ...); ASCII digits
// grouped by commas in threes, with a decimal point (".5" too); after a
// whole number, a fraction that is a finite decimal ("$5½ billion", "5
// 1/2 billion dollars": 5.5 billion; "5⅓" is an error); scale words
// (hundred, thousand, million, billion, trillion, lakh, crore, k, m, mn,
// mln, b, bn, bln, tn, trn; one-letter ones only written against the
// number, as in "$5m": "$5 m" is an error), joined by a space or a
// hyphen ("$2.3-billion"), with a currency word after a scale joined by a
// hyphen too ("1.5 trillion-won", "2 billion-dollar"); spelled-out scale
// words in a row, each larger than all before it ("£5 thousand million",
// "$5 hundred million", "₹1 lakh crore": 10^12), and lakhs and crores in
// the plural as Indian English writes them; a whole number with a scale
// followed by smaller whole groups, as Korean-English press writes
// ("$2 billion 300 million" is 2300000000); and
// Korean numbers in units of 만, 억, 조 and 경 with 천, 백 and 십 inside a
// unit ("2조 3천억 원", "3조 750억원", "1억5천만 달러", "5,200억 원", "1.5조
// 원"), each group after the first under 10000 ("1억 10000만 원" is an
// error). A Korean currency word followed in the same word by anything but
// a particle or suffix ("3원칙", "5엔드") is not a currency. A leading
// minus sign is read. Arithmetic is exact: "$2.3 billion" is 2300000000.
// A number is never read as its first part: text after it that would
// go on with it, such as another number or a fraction after a space, a
// plural scale word, scale words out of order, a fraction in words, or a
// Korean unit apart from its number ("$5 300", "5 1/3 billion", "$5
// millions", "$5 million million", "$5 and a half billion", "$38 만"),
// is an error; so is a word after a number with no scale that looks like
// a scale word but is none of the above: a larger scale, a short form or
// a scale word misspelt by one letter ("$5 quadrillion", "$3 mil", "€3
// Mrd", "$3 grand", "$5 billon"; see [Parser.FindFigures]).
// A figure of more than 60 digits, written out or once scaled, is an
// error: no sum of money has that many, and a [Book] refuses it.
//
// See [Qualifier] for the words of each qualifier; two different ones
// ("약 5억 원 이상") are an error. Ranges ("$2-3 billion", "$2~3
// billion") are not figures.
func ParseFigure(s string) (Figure, error) { return Parser{}.ParseFigure(s) }

// FindFigures returns every figure of money in text, in order, with the
// zero [Parser]; see [Parser.FindFigures].
func FindFigures(text string) []Found { return Parser{}.FindFigures(text) }

// ParseAmount is [ParseAmount] with p's defaults.
func (p Parser) ParseAmount(s string) (Amount, error) {
	sc, err := p.parse(s)
	if err != nil {
		return Amount{}, err
	}
	if sc.fig.Qualifier != Exact {
		return Amount{}, &ParseError{
			Text: s, Pos: sc.qualPos, Err: ErrApproximate,
			Reason: fmt.Sprintf("%q makes the figure %s: use ParseFigure to keep the qualifier", sc.qualText, sc.fig.Qualifier),
		}
	}
	return sc.fig.Amount, nil
}

// ParseFigure is [ParseFigure] with p's defaults.
func (p Parser) ParseFigure(s string) (Figure, error) {
	sc, err := p.parse(s)
	if err != nil {
		return Figure{}, err
	}
	return sc.fig, nil
}

func isHangul(r rune) bool {
	return 0xAC00 <= r && r <= 0xD7A3 || r >= 0x1100 && unicode.Is(unicode.Hangul, r) // syllables first
}

// parse reads s as exactly one figure with optional surrounding space.
func (p Parser) parse(s string) (scanned, error) {
	start := skipSpace(s, 0)
	if start == len(s) {
		return scanned{}, &ParseError{Text: s, Pos: 0, Reason: "no figure", Err: ErrInvalidAmount}
	}
	sc, err := p.scan(s, start)
	if err != nil {
		return scanned{}, err
	}
	if rest := skipSpace(s, sc.end); rest < len(s) {
		return scanned{}, &ParseError{Text: s, Pos: rest, Err: ErrInvalidAmount,
			Reason: fmt.Sprintf("unexpected %q after the figure", excerpt(s[rest:]))}
	}
	return sc, nil
}

// scanned is one figure read from text.
type scanned struct {
	fig      Figure
	end      int    // byte offset just past the figure
	qualPos  int    // offset of the qualifier's words; -1 when exact
	qualText string // the qualifier's words
	scaled   bool   // a scale word or Korean unit multiplied the number
	curAfter bool   // the currency stands after the number ("5,000원", "5 dollars")
	// weak marks a bare four-digit whole number before a currency word, or
	// "pounds" without a scale: text that is often not money.
	weak bool
}

// tokenKind says how a currency token names its currency.
type tokenKind int

const (
	fixed  tokenKind = iota // the token names one currency
	dollar                  // Parser.Dollar, USD by default
	yen                     // Parser.Yen, no default
)

// token is a currency symbol or word, a scale word, or a qualifier.
type token struct {
	text  string
	kind  tokenKind
	cur   currency.Unit
	write bool // Compact writes this word for cur in its language
	exp   int32
	qual  Qualifier
	// attached: a suffix qualifier read only when written against the
	// figure, with no space ("1조원대", "$5bn+").
	attached bool
}

func iso(code string) currency.Unit { return currency.MustParseISO(code) }

// symbols are read before or after the number.
var symbols = sortTokens([]token{
	{text: "$", kind: dollar},
	{text: "US$", cur: currency.USD},
	{text: "A$", cur: currency.AUD}, {text: "AU$", cur: currency.AUD},
	{text: "C$", cur: currency.CAD}, {text: "CA$", cur: currency.CAD},
	{text: "NZ$", cur: currency.NZD},
	{text: "HK$", cur: currency.HKD},
	{text: "S$", cur: iso("SGD")},
	{text: "NT$", cur: currency.TWD},
	{text: "MX$", cur: currency.MXN},
	{text: "R$", cur: currency.BRL},
	{text: "€", cur: currency.EUR},
	{text: "£", cur: currency.GBP},
	{text: "¥", kind: yen}, {text: "￥", kind: yen},
	{text: "JP¥", cur: currency.JPY},
	{text: "CN¥", cur: currency.CNY},
	{text: "₩", cur: currency.KRW}, {text: "￦", cur: currency.KRW},
	{text: "₹", cur: currency.INR},
	{text: "₴", cur: iso("UAH")},
	{text: "₽", cur: currency.RUB},
	{text: "₪", cur: iso("ILS")},
	{text: "₺", cur: currency.TRY},
	{text: "₱", cur: iso("PHP")},
	{text: "₫", cur: iso("VND")},
	{text: "฿", cur: currency.THB},
	{text: "₦", cur: iso("NGN")},
})

// currencyWords are read after the number. Compact writes the first word
// marked write for a currency in Korean.
var currencyWords = sortTokens([]token{
	{text: "dollars", kind: dollar}, {text: "dollar", kind: dollar},
	{text: "US dollars", cur: currency.USD}, {text: "U.S. dollars", cur: currency.USD},
	{text: "Australian dollars", cur: currency.AUD},
	{text: "Canadian dollars", cur: currency.CAD},
	{text: "New Zealand dollars", cur: currency.NZD},
	{text: "Hong Kong dollars", cur: currency.HKD},
	{text: "Singapore dollars", cur: iso("SGD")},
	{text: "Taiwan dollars", cur: currency.TWD}, {text: "New Taiwan dollars", cur: currency.TWD},
	{text: "euros", cur: currency.EUR}, {text: "euro", cur: currency.EUR},
	{text: "won", cur: currency.KRW},
	{text: "yen", cur: currency.JPY},
	{text: "yuan", cur: currency.CNY}, {text: "renminbi", cur: currency.CNY},
	{text: "pounds", cur: currency.GBP}, {text: "pound", cur: currency.GBP},
	{text: "pounds sterling", cur: currency.GBP}, {text: "sterling", cur: currency.GBP},
	{text: "hryvnias", cur: iso("UAH")}, {text: "hryvnia", cur: iso("UAH")}, {text: "hryvnas", cur: iso("UAH")},
	{text: "rubles", cur: currency.RUB}, {text: "ruble", cur: currency.RUB},
	{text: "roubles", cur: currency.RUB}, {text: "rouble", cur: currency.RUB},
	{text: "rupees", cur: currency.INR}, {text: "Indian rupees", cur: currency.INR},
	{text: "Swiss francs", cur: currency.CHF},
	{text: "달러", kind: dollar, write: true},
	{text: "미국 달러", cur: currency.USD}, {text: "미 달러", cur: currency.USD},
	{text: "원", cur: currency.KRW, write: true},
	{text: "유로", cur: currency.EUR, write: true},
	{text: "엔", cur: currency.JPY, write: true},
	{text: "파운드", cur: currency.GBP, write: true},
	{text: "위안", cur: currency.CNY, write: true},
	{text: "흐리우냐", cur: iso("UAH"), write: true}, {text: "흐리브냐", cur: iso("UAH")},
	{text: "루블", cur: currency.RUB, write: true},
	{text: "루피", cur: currency.INR, write: true},
	{text: "호주 달러", cur: currency.AUD, write: true},
	{text: "캐나다 달러", cur: currency.CAD, write: true},
	{text: "뉴질랜드 달러", cur: currency.NZD, write: true},
	{text: "홍콩 달러", cur: currency.HKD, write: true},
	{text: "싱가포르 달러", cur: iso("SGD"), write: true},
	{text: "스위스 프랑", cur: currency.CHF, write: true},
})

// scales multiply the number before them. One-letter scales must be
// written against the number ("$5m", not "$5 m"). Words spelled out
// (longer than three letters) may follow one another, each larger than
// all before it: "thousand million", "lakh crore", "hundred thousand".
// Indian English writes lakh and crore in the plural too ("₹5 crores");
// other plurals ("$5 millions") are not read.
var scales = sortTokens([]token{
	{text: "hundred", exp: 2},
	{text: "thousand", exp: 3}, {text: "k", exp: 3},
	{text: "lakh", exp: 5}, {text: "lakhs", exp: 5}, {text: "crore", exp: 7}, {text: "crores", exp: 7},
	{text: "million", exp: 6}, {text: "m", exp: 6}, {text: "mn", exp: 6}, {text: "mln", exp: 6},
	{text: "billion", exp: 9}, {text: "b", exp: 9}, {text: "bn", exp: 9}, {text: "bln", exp: 9},
	{text: "trillion", exp: 12}, {text: "tn", exp: 12}, {text: "trn", exp: 12},
})

// prefixQualifiers stand before the figure.
var prefixQualifiers = sortTokens([]token{
	{text: "about", qual: Approximately}, {text: "around", qual: Approximately},
	{text: "approximately", qual: Approximately}, {text: "approx.", qual: Approximately},
	{text: "roughly", qual: Approximately}, {text: "some", qual: Approximately},
	{text: "an estimated", qual: Approximately}, {text: "estimated", qual: Approximately},
	{text: "close to", qual: Approximately}, {text: "circa", qual: Approximately},
	{text: "~", qual: Approximately}, {text: "약", qual: Approximately}, {text: "대략", qual: Approximately},
	{text: "at least", qual: AtLeast}, {text: "no less than", qual: AtLeast},
	{text: "not less than", qual: AtLeast}, {text: "a minimum of", qual: AtLeast},
	{text: "최소", qual: AtLeast}, {text: "적어도", qual: AtLeast},
	{text: "up to", qual: AtMost}, {text: "at most", qual: AtMost},
	{text: "no more than", qual: AtMost}, {text: "not more than", qual: AtMost},
	{text: "as much as", qual: AtMost}, {text: "a maximum of", qual: AtMost},
	{text: "최대", qual: AtMost},
	{text: "more than", qual: MoreThan}, {text: "over", qual: MoreThan},
	{text: "above", qual: MoreThan}, {text: "in excess of", qual: MoreThan},
	{text: "upwards of", qual: MoreThan}, {text: "upward of", qual: MoreThan},
	{text: "exceeding", qual: MoreThan}, {text: "just over", qual: MoreThan},
	{text: "less than", qual: LessThan}, {text: "under", qual: LessThan},
	{text: "below", qual: LessThan}, {text: "nearly", qual: LessThan},
	{text: "almost", qual: LessThan}, {text: "just under", qual: LessThan},
	{text: "just shy of", qual: LessThan}, {text: "거의", qual: LessThan},
})

// suffixQualifiers stand after the figure.
var suffixQualifiers = sortTokens([]token{
	{text: "or so", qual: Approximately}, {text: "가량", qual: Approximately},
	{text: "정도", qual: Approximately}, {text: "내외", qual: Approximately},
	{text: "안팎", qual: Approximately}, {text: "대", qual: Approximately, attached: true},
	{text: "or more", qual: AtLeast}, {text: "이상", qual: AtLeast},
	{text: "or less", qual: AtMost}, {text: "이하", qual: AtMost},
	{text: "초과", qual: MoreThan}, {text: "넘게", qual: MoreThan}, {text: "넘는", qual: MoreThan},
	{text: "남짓", qual: MoreThan},
	{text: "이 넘는", qual: MoreThan}, {text: "가 넘는", qual: MoreThan},
	{text: "을 넘는", qual: MoreThan}, {text: "를 넘는", qual: MoreThan},
	{text: "을 웃도는", qual: MoreThan}, {text: "를 웃도는", qual: MoreThan},
	{text: "-plus", qual: MoreThan, attached: true}, {text: "+", qual: MoreThan, attached: true},
	{text: "미만", qual: LessThan}, {text: "가까이", qual: LessThan}, {text: "가까운", qual: LessThan},
	{text: "육박", qual: LessThan}, {text: "에 육박", qual: LessThan}, {text: "에 가까운", qual: LessThan},
	{text: "을 밑도는", qual: LessThan}, {text: "를 밑도는", qual: LessThan},
	{text: "에 못 미치는", qual: LessThan},
})

// koreanParticles may follow a Korean currency word in the same word:
// particles and suffixes ("5억 원을", "1조원대", "100만 달러씩"). Any other
// Hangul there means the word is not a currency: "3원칙" (three
// principles), "5엔드" (fifth end), "2파운드리", "위안부".
var koreanParticles = []string{
	"을", "를", "이", "가", "은", "는", "의", "에", "로", "으로", "과", "와", "도", "만",
	"씩", "까지", "짜리", "어치", "부터", "보다", "만큼", "화", "대", "여",
	"가량", "정도", "규모", "내외", "안팎", "이상", "이하", "초과", "미만",
	"넘게", "넘는", "남짓", "가까이", "가까운", "육박",
}

// sortTokens orders tokens longest first, so matching takes the longest.
func sortTokens(ts []token) []token {
	sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].text) > len(ts[j].text) })
	return ts
}

// tokenIndex holds a list of tokens by the first two bytes of their
// text, in lower case, so that match tries only those that can match.
// For each first byte: the second bytes, and for each the tokens that
// start with the two, longest first; and last the one-byte tokens. Two
// tokens with different second bytes never both match, so the first that
// does is the longest.
type tokenIndex [256]struct {
	second []byte
	groups [][]token
	short  []token
}

// indexTokens indexes tokens sorted by sortTokens.
func indexTokens(ts []token) *tokenIndex {
	var x tokenIndex
	for _, t := range ts {
		e := &x[lowerASCII(t.text[0])]
		if len(t.text) == 1 {
			e.short = append(e.short, t)
			continue
		}
		c2 := lowerASCII(t.text[1])
		k := bytes.IndexByte(e.second, c2)
		if k < 0 {
			k = len(e.second)
			e.second = append(e.second, c2)
			e.groups = append(e.groups, nil)
		}
		e.groups[k] = append(e.groups[k], t)
	}
	return &x
}

// The token lists, indexed for match.
var (
	symbolIndex          = indexTokens(symbols)
	currencyWordIndex    = indexTokens(currencyWords)
	scaleIndex           = indexTokens(scales)
	prefixQualifierIndex = indexTokens(prefixQualifiers)
	suffixQualifierIndex = indexTokens(suffixQualifiers)
)

// match returns the longest token of ts at s[i:], and the offset after it.
// ASCII is matched without regard to case; a token that ends in an ASCII
// letter must not run on into another letter or digit.
func match(s string, i int, ts *tokenIndex) (token, int, bool) {
	if i >= len(s) {
		return token{}, i, false
	}
	e := &ts[lowerASCII(s[i])]
	if i+1 < len(s) {
		c2 := lowerASCII(s[i+1])
		for k, b := range e.second {
			if b == c2 {
				if t, j, ok := matchAmong(s, i, e.groups[k]); ok {
					return t, j, true
				}
				break
			}
		}
	}
	if len(e.short) == 0 {
		return token{}, i, false
	}
	return matchAmong(s, i, e.short)
}

// matchAmong returns the first of ts at s[i:], and the offset after it.
func matchAmong(s string, i int, ts []token) (token, int, bool) {
	for k := range ts {
		t := &ts[k]
		j := i + len(t.text)
		// ASCII folding is strings.EqualFold here: no rune of a token
		// folds to another, and one that folds to an ASCII letter ("K",
		// the Kelvin sign) is longer than it.
		if j > len(s) || !equalFoldASCII(s[i:j], t.text) {
			continue
		}
		if isASCIILetter(t.text[len(t.text)-1]) && j < len(s) && isWordByte(s[j]) {
			continue
		}
		return *t, j, true
	}
	return token{}, i, false
}

// lowerASCII returns b in lower case when it is an ASCII letter.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
func isDigit(b byte) bool       { return '0' <= b && b <= '9' }
func isWordByte(b byte) bool    { return isASCIILetter(b) || isDigit(b) || b == '_' }

// isoCode reads an upper-case ISO 4217 code of money at s[i:], or RMB for
// the yuan.
func isoCode(s string, i int) (currency.Unit, int, bool) {
	j := i + 3
	if j > len(s) || j < len(s) && isASCIILetter(s[j]) {
		return currency.XXX, i, false
	}
	for k := i; k < j; k++ {
		if s[k] < 'A' || s[k] > 'Z' {
			return currency.XXX, i, false
		}
	}
	if s[i:j] == "RMB" {
		return currency.CNY, j, true
	}
	u, err := parseCurrency(s[i:j])
	if err != nil {
		return currency.XXX, i, false
	}
	return u, j, true
}

// skipSpace returns the offset of the first non-space rune at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break // unicode.IsSpace in ASCII
			}
			i++
			continue
		} else if c != 0xC2 && (c < 0xE1 || c > 0xE3) {
			break // no space starts with this byte: not Hangul, say
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}

// isSpace reports whether r is space between the words of a figure.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u202f' || r == '\u2009' || r == '\u200b'
}

// excerpt shortens s for an error message.
func excerpt(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// window returns text for an error message: all of it, or for a long
// text the part around pos.
func window(text string, pos int) string {
	const limit, side = 80, 32
	if len(text) <= limit {
		return text
	}
	from, to := max(pos-side, 0), min(pos+side, len(text))
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	w := text[from:to]
	if from > 0 {
		w = "…" + w
	}
	if to < len(text) {
		w += "…"
	}
	return w
}

// resolve returns the currency a token names under p's defaults.
func (p Parser) resolve(t token) (currency.Unit, bool) {
	switch t.kind {
	case dollar:
		if p.Dollar == currency.XXX {
			return currency.USD, true
		}
		return p.Dollar, true
	case yen:
		return p.Yen, p.Yen != currency.XXX
	}
	return t.cur, true
}

// figureScan holds the state of reading one figure.
type figureScan struct {
	p Parser
	s string
	// find: reading a figure in prose for FindFigures, which is stricter
	// than ParseFigure (see findCodes and FindFigures): no signs, only
	// the ISO codes of findCodes, years after codes are weak.
	find     bool
	qual     Qualifier
	qualPos  int
	qualText string
	// memo is the last decimal read, which number reads twice: once
	// as a Korean group, once as an English number.
	memo struct {
		at, end int
		d       decimalScan
	}
}

// errNoFigure is every error of FindFigures' reading, which asks only
// whether a figure reads: made once, it costs nothing.
var errNoFigure = &ParseError{Reason: "not a figure", Err: ErrInvalidAmount}

// fail returns the error of a figure that does not read at pos.
func (f *figureScan) fail(pos int, err error, format string, args ...any) (scanned, error) {
	return scanned{}, f.errorf(pos, err, format, args...)
}

// errorf returns a *ParseError at pos; errNoFigure for FindFigures.
func (f *figureScan) errorf(pos int, err error, format string, args ...any) error {
	if f.find {
		return errNoFigure
	}
	return &ParseError{Text: f.s, Pos: pos, Reason: fmt.Sprintf(format, args...), Err: err}
}

// errAt is errorf with a reason that needs no formatting.
func (f *figureScan) errAt(pos int, err error, reason string) error {
	if f.find {
		return errNoFigure
	}
	return &ParseError{Text: f.s, Pos: pos, Reason: reason, Err: err}
}

// qualify records a qualifier, refusing a second, different one.
func (f *figureScan) qualify(q Qualifier, pos int, text string) bool {
	if f.qual != Exact && f.qual != q {
		return false
	}
	if f.qual == Exact {
		f.qual, f.qualPos, f.qualText = q, pos, text
	}
	return true
}

// scan reads one figure at s[i:], which must not start with space.
func (p Parser) scan(s string, i int) (scanned, error) {
	f := &figureScan{p: p, s: s, qualPos: -1}
	return f.scan(i)
}

// scanFind reads one figure at s[i:] the way FindFigures does.
func (p Parser) scanFind(s string, i int) (scanned, error) {
	f := &figureScan{p: p, s: s, find: true, qualPos: -1}
	return f.scan(i)
}

// isoCode reads an ISO code at s[i:]; for FindFigures only one of
// findCodes.
func (f *figureScan) isoCode(i int) (currency.Unit, int, bool) {
	u, j, ok := isoCode(f.s, i)
	if ok && f.find && !findCodes[f.s[i:j]] {
		return currency.XXX, i, false
	}
	return u, j, ok
}

// minusSign reads a minus sign at s[i:]; FindFigures reads none, so a
// figure with one is not a figure there.
func (f *figureScan) minusSign(i int) (bool, int, error) {
	neg, j := minusSign(f.s, i)
	if neg && f.find {
		return false, i, errNoFigure // a sign in prose: FindFigures reads magnitudes
	}
	return neg, j, nil
}

func (f *figureScan) scan(i int) (scanned, error) {
	s := f.s
	if t, j, ok := match(s, i, prefixQualifierIndex); ok {
		k := skipSpace(s, j)
		if k == j && t.text != "~" && t.text != "약" {
			return f.fail(j, ErrInvalidAmount, "want a space after %q", t.text)
		}
		f.qualify(t.qual, i, s[i:j])
		i = k
	}
	neg, i, err := f.minusSign(i)
	if err != nil {
		return scanned{}, err
	}

	// A currency before the number: a symbol or an ISO code.
	var (
		cur       currency.Unit
		named     bool // the currency is known
		yenPrefix bool // "¥": a word after the number may say which yen
		code      bool // the currency is an ISO code
		curAfter  bool // the currency stands after the number
		curPos    = i
		curText   string
	)
	if t, j, ok := match(s, i, symbolIndex); ok {
		cur, named = f.p.resolve(t)
		yenPrefix, curText = t.kind == yen, t.text
		i = skipSpace(s, j)
	} else if u, j, ok := f.isoCode(i); ok {
		cur, named, code = u, true, true
		i = skipSpace(s, j)
	}
	if (named || yenPrefix) && !neg {
		// "USD -5", as Amount.String writes it
		if neg, i, err = f.minusSign(i); err != nil {
			return scanned{}, err
		}
	}

	numPos := i
	n, err := f.number(i)
	if err != nil {
		return scanned{}, err
	}
	if n.value.tooManyDigits() {
		// "$1e57 billion" scaled past what an Amount reads back from text.
		return f.fail(numPos, ErrInvalidAmount, "more than %d digits once scaled", maxDigits)
	}
	i = n.end
	if pos, why, ok := numberGoesOn(s, i, n.scaled); ok {
		// "$5 millions", "$5 300", "$38 만": never read a prefix of a
		// number as the whole.
		return f.fail(pos, ErrInvalidAmount, "%q goes on from the number: %s", excerpt(s[pos:]), why)
	}
	if n.yeo && !f.qualify(MoreThan, n.yeoPos, "여") {
		return f.fail(n.yeoPos, ErrInvalidAmount, "%q after %q: two qualifiers", "여", f.qualText)
	}
	// A bare whole number from 1000 to 2999 is often a year.
	yearLike := n.plain == 4 && (s[numPos] == '1' || s[numPos] == '2')

	// A currency after the number: a word, a symbol or an ISO code; after
	// "¥" only a word that says which yen.
	weak := false
	j := skipSpace(s, i)
	switch {
	case yenPrefix:
		t, k, ok, err := f.currencyWord(j)
		if err != nil {
			return scanned{}, err
		}
		if ok && (t.cur == currency.JPY || t.cur == currency.CNY) {
			cur, named, curAfter, i = t.cur, true, true, k
		} else if !named {
			return f.fail(curPos, ErrInvalidCurrency,
				"%q may be JPY or CNY: write JP¥, CN¥ or the ISO code, follow the number with yen or yuan, or set Parser.Yen", curText)
		}
	case named:
	default:
		if n.scaled && i+1 < len(s) && s[i] == '-' && isASCIILetter(s[i+1]) {
			j = i + 1 // "a 1.5 trillion-won fund", "a 2 billion-dollar package"
		}
		t, k, ok, err := f.currencyWord(j)
		if err != nil {
			return scanned{}, err
		}
		if ok {
			cur, named = f.p.resolve(t) // not a yen token: always named
			i, curAfter = k, true
			// Often not money: "in 2023 dollars", "500 pounds of rice".
			weak = isASCIILetter(t.text[0]) && !n.scaled && (yearLike || strings.EqualFold(t.text, "pounds") || strings.EqualFold(t.text, "pound"))
			break
		}
		// A symbol or code followed by a number opens the next figure.
		t, k, ok = match(s, j, symbolIndex)
		if !ok {
			var u currency.Unit
			if u, k, ok = f.isoCode(j); ok {
				t, code = token{text: s[j:k], cur: u}, true
			}
		}
		if !ok {
			break
		}
		if next := skipSpace(s, k); next < len(s) && isDigit(s[next]) {
			code = false
			break
		}
		if cur, named = f.p.resolve(t); !named {
			return f.fail(j, ErrInvalidCurrency, "%q may be JPY or CNY: write JP¥, CN¥ or the ISO code, or set Parser.Yen", t.text)
		}
		i, curAfter = k, true
	}
	if !named {
		return f.fail(j, ErrInvalidCurrency, "no currency: want a symbol, an ISO code or a currency word")
	}
	// "USD 2023 figures", "2024 EUR": a year more often than money.
	weak = weak || code && yearLike

	if j := skipSpace(f.s, i); j < len(s) {
		if t, k, ok := match(s, j, suffixQualifierIndex); ok && (!t.attached || j == i && attachedSuffixEnds(s, k)) {
			if !f.qualify(t.qual, j, s[j:k]) {
				return f.fail(j, ErrInvalidAmount, "%q after %q: two qualifiers", s[j:k], f.qualText)
			}
			i = k
		}
	}
	if i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && isWordByte(byte(r)) {
			return f.fail(i, ErrInvalidAmount, "unexpected %q after the figure", excerpt(s[i:]))
		}
		// "$2-3 billion", "$2~3 billion"; "20억 달러~30억 달러" is two figures.
		if (r == '-' || r == '–' || isTilde(r)) && !curAfter && i+size < len(s) && isDigit(s[i+size]) && !f.find {
			// FindFigures reads the low end alone, and marks it as one
			// (rangeAfter), or leaves it out when it lacks the scale of
			// the high end ("$2" of "$2-3 billion").
			return f.fail(i, ErrInvalidAmount, "a range is not one figure")
		}
	}
	v := n.value.decimal()
	if neg {
		v = v.Neg()
	}
	return scanned{
		fig:      Figure{Amount: Amount{value: v, cur: cur}, Qualifier: f.qual},
		end:      i,
		qualPos:  f.qualPos,
		qualText: f.qualText,
		weak:     weak,
		scaled:   n.scaled,
		curAfter: curAfter,
	}, nil
}

// currencyWord reads a currency word at s[j:]. A Korean word may be
// followed in the same word only by a particle or suffix
// (koreanParticles): "3원칙", "5엔드" and "위안부" are not money.
func (f *figureScan) currencyWord(j int) (token, int, bool, error) {
	s := f.s
	t, k, ok := match(s, j, currencyWordIndex)
	if !ok {
		return t, k, false, nil
	}
	last, _ := utf8.DecodeLastRuneInString(t.text)
	next, _ := utf8.DecodeRuneInString(s[k:])
	if !isHangul(last) || !isHangul(next) {
		return t, k, true, nil
	}
	for _, p := range koreanParticles {
		if strings.HasPrefix(s[k:], p) {
			return t, k, true, nil
		}
	}
	end := k
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !isHangul(r) {
			break
		}
		end += size
	}
	_, err := f.fail(j, ErrInvalidCurrency, "%q is part of the word %q, not a currency", t.text, excerpt(s[j:end]))
	return t, k, false, err
}

// attachedSuffixEnds reports whether an attached suffix qualifier that
// ends at s[k] ends there: "$5bn+" but not "$5bn+$3bn" (a sum).
func attachedSuffixEnds(s string, k int) bool {
	if k == len(s) || s[k-1] != '+' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return unicode.IsSpace(r) || unicode.IsPunct(r)
}

func isDash(r rune) bool  { return r == '-' || r == '–' || r == '—' }
func isTilde(r rune) bool { return r == '~' || r == '∼' || r == '〜' }

// minusSign reads a minus sign at s[i:].
func minusSign(s string, i int) (bool, int) {
	switch {
	case i < len(s) && s[i] == '-':
		return true, i + 1
	case strings.HasPrefix(s[i:], "−"):
		return true, i + len("−")
	}
	return false, i
}

// numberScan is a number read from text.
type numberScan struct {
	value  num
	end    int
	plain  int  // digits of a bare whole number (no grouping, point, scale or unit); 0 otherwise
	scaled bool // a scale word or Korean unit multiplied it
	yeo    bool // Korean 여: more than
	yeoPos int
}

// koreanUnits are the Korean units of ten thousand, largest first.
var koreanUnits = []struct {
	text string
	exp  int32
}{{"경", 16}, {"조", 12}, {"억", 8}, {"만", 4}}

// koreanSubunits are the units inside a group of four digits.
var koreanSubunits = []struct {
	text string
	exp  int32
}{{"천", 3}, {"백", 2}, {"십", 1}}

// number reads an English number or a Korean number in units. An
// English number is a decimal, then a fraction after a whole number
// ("5½", "5 1/2"), then scale words ("2.3 billion", "5 thousand
// million"); a whole number with a scale may go on in smaller groups, as
// Korean-English press writes: "2 billion 300 million" is 2300000000.
func (f *figureScan) number(i int) (numberScan, error) {
	if n, ok, err := f.korean(i); err != nil {
		return numberScan{}, err
	} else if ok {
		return n, nil
	}
	d, j, err := f.decimal(i)
	if err != nil {
		return numberScan{}, err
	}
	n := numberScan{value: d.value, end: j}
	whole := !d.point
	if whole {
		frac, k, ok, err := f.fraction(j)
		if err != nil {
			return numberScan{}, err
		}
		if ok {
			n.value, n.end, whole = n.value.add(frac), k, false
		}
	}
	if d.plain && n.end == j {
		n.plain = j - i
	}
	exp, e, ok, err := f.scale(n.end)
	if err != nil || !ok {
		return n, err
	}
	n.value = n.value.shift(exp)
	n.end, n.scaled, n.plain = e, true, 0
	for whole {
		// "2 billion 300 million": a whole group under the place of the
		// last scale. Anything else after a space is left to
		// numberGoesOn, which refuses it.
		k := skipSpace(f.s, n.end)
		if k == n.end || k == len(f.s) || !isDigit(f.s[k]) {
			break
		}
		g, gj, err := f.decimal(k)
		if err != nil || g.point {
			break
		}
		gexp, ge, ok, err := f.scale(gj)
		if err != nil || !ok || gexp >= exp || !g.value.below(exp-gexp) {
			break
		}
		n.value, n.end, exp = n.value.add(g.value.shift(gexp)), ge, gexp
	}
	return n, nil
}

// scale reads the scale words after a number that ends at s[j]: one
// against the number, after a space or after a hyphen, and after a word
// spelled out more such words, each larger than all before it
// ("thousand million", "lakh crore"). It returns the power of ten they
// multiply by and where they end; ok is false when there is none.
func (f *figureScan) scale(j int) (exp int32, end int, ok bool, err error) {
	s := f.s
	k := scaleStart(s, j)
	t, e, ok := match(s, k, scaleIndex)
	if !ok {
		return 0, j, false, nil
	}
	if len(t.text) == 1 && k != j {
		// "$1.2 B", "$5 m": metres, a grade, an initial? Not read,
		// and not dropped either.
		return 0, j, false, f.errorf(k, ErrInvalidAmount, "%q after a space: write a one-letter scale against the number (\"$5m\") or spell it out", s[k:e])
	}
	exp = t.exp
	for len(t.text) > 3 {
		next, ne, ok := match(s, scaleStart(s, e), scaleIndex)
		if !ok || len(next.text) <= 3 || next.exp <= exp {
			break // numberGoesOn refuses "thousand thousand", "million k"
		}
		exp += next.exp
		t, e = next, ne
	}
	return exp, e, true, nil
}

// scaleStart returns where a scale word after s[:j] would start: after
// a hyphen ("$2.3-billion") or after any space.
func scaleStart(s string, j int) int {
	if j < len(s) && s[j] == '-' {
		return j + 1
	}
	return skipSpace(s, j)
}

// fraction reads a fraction after a whole number that ends at s[j]: a
// vulgar fraction against it or after a space ("5½", "5 ½") or a proper
// fraction of ASCII digits after a space ("5 1/2"). Only fractions that
// are finite decimals are read: "5⅓" is an error, not 5.3333.
func (f *figureScan) fraction(j int) (num, int, bool, error) {
	s := f.s
	k := skipSpace(s, j)
	if k == len(s) {
		return num{}, j, false, nil
	}
	var numer, den int64
	ok, end := false, k
	if c := s[k]; c == 0xC2 || c == 0xE2 { // ¼ ½ ¾, ⅐ … ⅞ ↉
		r, size := utf8.DecodeRuneInString(s[k:])
		numer, den, ok = vulgarFraction(r)
		end = k + size
	}
	if !ok {
		if k == j || !isDigit(s[k]) {
			return num{}, j, false, nil
		}
		var slash int
		numer, slash = smallNumber(s, k)
		if slash == k || slash >= len(s) || s[slash] != '/' {
			return num{}, j, false, nil
		}
		den, end = smallNumber(s, slash+1)
		if end == slash+1 || numer == 0 || numer >= den || end < len(s) && (isDigit(s[end]) || s[end] == '/' ||
			(s[end] == '.' || s[end] == ',') && end+1 < len(s) && isDigit(s[end+1])) {
			return num{}, j, false, nil // not a fraction: numberGoesOn refuses it
		}
	}
	v, exact := exactFraction(numer, den)
	if !exact {
		return num{}, j, false, f.errorf(k, ErrInvalidAmount, "%q is not a finite decimal", s[k:end])
	}
	return v, end, true, nil
}

// smallNumber reads up to three ASCII digits at s[i:], and returns their
// value and where they end; a fourth digit makes it read none.
func smallNumber(s string, i int) (int64, int) {
	var v int64
	j := i
	for j < len(s) && isDigit(s[j]) {
		if j-i == 3 {
			return 0, i
		}
		v = v*10 + int64(s[j]-'0')
		j++
	}
	return v, j
}

// exactFraction returns num/den when it is a finite decimal (den has no
// prime factor but 2 and 5); den is at most 999.
func exactFraction(numerator, den int64) (num, bool) {
	rest, places := den, int32(0)
	for _, p := range []int64{2, 5} {
		n := int32(0)
		for rest%p == 0 {
			rest /= p
			n++
		}
		places = max(places, n)
	}
	if rest != 1 {
		return num{}, false
	}
	scaled := numerator
	for range places {
		scaled *= 10
	}
	return newNum(uint64(scaled/den), -places), true
}

// vulgarFractions are the values of the vulgar fraction characters.
var vulgarFractions = map[rune][2]int64{
	'¼': {1, 4}, '½': {1, 2}, '¾': {3, 4}, '⅐': {1, 7}, '⅑': {1, 9}, '⅒': {1, 10},
	'⅓': {1, 3}, '⅔': {2, 3}, '⅕': {1, 5}, '⅖': {2, 5}, '⅗': {3, 5}, '⅘': {4, 5},
	'⅙': {1, 6}, '⅚': {5, 6}, '⅛': {1, 8}, '⅜': {3, 8}, '⅝': {5, 8}, '⅞': {7, 8}, '↉': {0, 3},
}

// vulgarFraction returns the value of a vulgar fraction character such
// as ½ or ⅓.
func vulgarFraction(r rune) (num, den int64, ok bool) {
	if r < '¼' || '¾' < r && r < '⅐' || '↉' < r {
		return 0, 0, false // at once, for most runes
	}
	f, ok := vulgarFractions[r]
	return f[0], f[1], ok
}

// numberGoesOn reports whether the text at s[j:], just after a number as
// far as it reads, goes on with more of the number: another number, a
// fraction, a Korean unit or a scale word after a space ("$5 300", "5
// 1/3", "$38 만", "$5 thousand thousand"), a plural scale word ("$5
// millions", "$5 bns"), a fraction in words ("$5 and a half billion"), a
// slash or a point before a digit ("$5/8", "$5 .5"), or, after a number
// with no scale, a word that looks like a scale word but is none this
// reads (scaleLike: "$5 quadrillion", "$3 mil", "$5 billon"). Such a
// figure is refused rather than read as its first part. It returns where
// that text starts and why it is refused.
func numberGoesOn(s string, j int, scaled bool) (int, string, bool) {
	if j+1 < len(s) && s[j] == '/' && isDigit(s[j+1]) {
		return j, "a fraction is not read", true
	}
	k := scaleStart(s, j)
	if k == len(s) {
		return 0, "", false
	}
	c := s[k]
	switch {
	case isDigit(c) && k > j && s[j] != '-':
		return k, "another number after a space: neither read as one number nor cut short", true
	case c == '.' && k+1 < len(s) && isDigit(s[k+1]):
		return k, "another number after the number", true
	case isASCIILetter(c):
		if _, _, ok := match(s, k, scaleIndex); ok {
			return k, "scale words out of order, or an abbreviation with another scale", true
		}
		if scalePlural(s, k) {
			return k, "a plural scale word: write it in the singular", true
		}
		if k > j && fractionInWords(s, k) {
			return k, "a fraction in words is not read: write the decimal (\"5.5 billion\")", true
		}
		if !scaled && scaleLike(s, k) {
			return k, "like a scale word, but not one this reads", true
		}
	case c >= utf8.RuneSelf && (k > j || s[j] != '-'):
		r, _ := utf8.DecodeRuneInString(s[k:])
		if _, _, ok := vulgarFraction(r); ok {
			return k, "a fraction here is not read", true
		}
		if isKoreanUnitRune(r) {
			return k, "a Korean unit apart from its number; write them together", true
		}
	}
	return 0, "", false
}

// scalePlural reports whether a scale word of two letters or more stands
// in the plural at s[k:], as in "5 millions" or "5 bns".
func scalePlural(s string, k int) bool {
	e := wordEnd(s, k)
	if e-k < 3 || s[e-1] != 's' && s[e-1] != 'S' || e < len(s) && isWordByte(s[e]) {
		return false
	}
	t, j, ok := match(s[:e-1], k, scaleIndex)
	return ok && j == e-1 && len(t.text) > 1
}

// wordEnd returns the offset of the first byte at or after k that is not
// an ASCII letter.
func wordEnd(s string, k int) int {
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	return k
}

// scaleLike reports whether the word at s[k:] looks like a scale word
// that this does not read, so that the number before it may be a
// thousand, a million or more times what it says: a larger scale word
// ("quadrillion"), a short form or slang word of news and finance
// (scaleForms: "mil", "Mio", "Mrd", "MM", "cr", "lacs", "grand"), or a
// misspelt scale word, one edit (a letter added, dropped, changed, or two
// swapped) from a scale word spelled out ("billon", "milion",
// "thousnad"), unless it is an English word of its own ("bullion").
func scaleLike(s string, k int) bool {
	e := wordEnd(s, k)
	if e < len(s) && isWordByte(s[e]) {
		return false // "mil2": not a word
	}
	w := s[k:e]
	if len(w) < 2 || len(w) > len("quintillions") {
		return false
	}
	for _, x := range scaleForms {
		if len(x) == len(w) && equalFoldASCII(w, x) {
			return true
		}
	}
	for _, x := range notScales {
		if len(x) == len(w) && equalFoldASCII(w, x) {
			return false
		}
	}
	for _, x := range spelledScales {
		if oneEdit(w, x) {
			return true
		}
	}
	return false
}

// spelledScales are the scale words spelled out, those this reads and
// the larger ones it does not, in lower case: a word one edit from one of
// them is a misspelt scale word.
var spelledScales = strings.Fields(`hundred thousand million billion trillion quadrillion quintillion
	sextillion septillion octillion nonillion decillion zillion jillion gazillion bazillion squillion milliard`)

// scaleForms are the short forms and slang words of scales this does not
// read, in lower case.
var scaleForms = strings.Fields(`mil mill mils mio mios mrd mrds bil tril trill thou grand lac lacs lak laks cr crs mm mmm`)

// notScales are English words one edit from a scale word.
var notScales = strings.Fields(`bullion mullion pillion`)

// oneEdit reports whether w, in any case, is at most one edit from x, in
// lower case: the same but for one letter added, dropped or changed, or
// two neighbours swapped.
func oneEdit(w, x string) bool {
	if len(w) < len(x)-1 || len(w) > len(x)+1 {
		return false
	}
	i := 0
	for i < len(w) && i < len(x) && lowerASCII(w[i]) == x[i] {
		i++
	}
	rest := func(a, b string) bool { return len(a) == len(b) && equalFoldASCII(a, b) }
	switch {
	case len(w) == len(x):
		return i == len(w) || rest(w[i+1:], x[i+1:]) ||
			i+1 < len(w) && lowerASCII(w[i]) == x[i+1] && lowerASCII(w[i+1]) == x[i] && rest(w[i+2:], x[i+2:])
	case len(w) > len(x):
		return rest(w[i+1:], x[i:])
	default:
		return rest(w[i:], x[i+1:])
	}
}

// fractionInWords reports whether a fraction in words that goes on with
// the number before it stands at s[k:]: "and a half", "and one quarter",
// "and three-quarters", but not "and a third of" (a share of something
// else).
func fractionInWords(s string, k int) bool {
	e := wordEnd(s, k)
	if e-k != 3 || !equalFoldASCII(s[k:e], "and") {
		return false
	}
	k = skipSpace(s, e)
	e = wordEnd(s, k)
	count := strings.ToLower(s[k:e])
	if e == k || count != "a" && count != "one" && count != "two" && count != "three" {
		return false
	}
	if k = e; k < len(s) && s[k] == '-' {
		k++
	} else {
		k = skipSpace(s, k)
	}
	e = wordEnd(s, k)
	if e < len(s) && isWordByte(s[e]) {
		return false
	}
	switch strings.ToLower(s[k:e]) {
	case "half", "quarter", "quarters", "third", "thirds":
	default:
		return false
	}
	n := skipSpace(s, e)
	return !(n > e && n+2 <= len(s) && equalFoldASCII(s[n:n+2], "of") && (n+2 == len(s) || !isWordByte(s[n+2])))
}

// decimalScan is a decimal number read from text.
type decimalScan struct {
	value num
	plain bool  // digits only
	point bool  // a decimal point
	whole int32 // digits before the point
}

// decimal reads ASCII digits grouped by commas in threes, with an
// optional decimal point: "2,300", "2.3", "1,234.5", ".5".
func (f *figureScan) decimal(i int) (decimalScan, int, error) {
	if f.memo.end > 0 && f.memo.at == i {
		return f.memo.d, f.memo.end, nil
	}
	s := f.s
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i && !(j+1 < len(s) && s[j] == '.' && isDigit(s[j+1])) {
		return decimalScan{}, i, f.errAt(i, ErrInvalidAmount, "want a number")
	}
	whole := j - i
	grouped := false
	if j-i <= 3 {
		for j+4 <= len(s) && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) &&
			(j+4 == len(s) || !isDigit(s[j+4])) {
			j += 4
			whole += 3
			grouped = true
		}
	}
	point := j
	frac := false
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		frac = true
	}
	if j+1 < len(s) && (s[j] == ',' || s[j] == '.') && isDigit(s[j+1]) {
		return decimalScan{}, j, f.errorf(j, ErrInvalidAmount, "unexpected %q in a number: group digits by commas in threes, with a decimal point", s[j:j+1])
	}
	v, err := readDigits(s[i:j], point-i)
	if err != nil {
		return decimalScan{}, i, f.errAt(i, ErrInvalidAmount, err.Reason)
	}
	d := decimalScan{value: v, plain: !grouped && !frac, point: frac, whole: int32(whole)}
	f.memo.at, f.memo.end, f.memo.d = i, j, d
	return d, j, nil
}

// readDigits returns the value of digits, grouped by commas, with a
// decimal point at digits[point] when point < len(digits). Up to 19
// digits it reads them into a num without allocating; past that, or past
// maxDigits, it is parseDecimal.
func readDigits(digits string, point int) (num, *AmountError) {
	n := 0
	for k := 0; k < len(digits); k++ {
		if isDigit(digits[k]) {
			n++
		}
	}
	if n <= 19 {
		var v num
		for k := 0; k < len(digits); k++ {
			if c := digits[k]; isDigit(c) {
				v.m = v.m*10 + uint64(c-'0')
				if k > point {
					v.e--
				}
			}
		}
		return v, nil
	}
	var b strings.Builder
	if point == 0 {
		b.WriteString("0") // ".5"
	}
	for k := 0; k < len(digits); k++ {
		if digits[k] != ',' {
			b.WriteByte(digits[k])
		}
	}
	d, err := parseDecimal(b.String())
	if err != nil {
		var ae *AmountError
		if errors.As(err, &ae) {
			return num{}, ae
		}
		return num{}, &AmountError{Value: digits, Reason: err.Error()}
	}
	return num{big: true, d: d}, nil
}

// num is an exact number, m·10^e while m fits in a uint64, else the
// decimal d: the figure reader's arithmetic, which allocates only past
// 19 digits. The zero num is 0.
type num struct {
	m   uint64
	e   int32
	big bool
	d   decimal.Decimal
}

// newNum returns m·10^e.
func newNum(m uint64, e int32) num { return num{m: m, e: e} }

// decimal returns a as a decimal.
func (a num) decimal() decimal.Decimal {
	switch {
	case a.big:
		return a.d
	case a.m <= math.MaxInt64:
		return decimal.New(int64(a.m), a.e)
	}
	return decimal.NewFromBigInt(new(big.Int).SetUint64(a.m), a.e)
}

// add returns a+b.
func (a num) add(b num) num {
	if !a.big && !b.big {
		if a.m == 0 {
			return b
		}
		if b.m == 0 {
			return a
		}
		if a.e > b.e {
			a, b = b, a
		}
		if d := b.e - a.e; d < int32(len(pow10)) {
			if hi, scaled := bits.Mul64(b.m, uint64(pow10[d])); hi == 0 {
				if sum, carry := bits.Add64(a.m, scaled, 0); carry == 0 {
					return num{m: sum, e: a.e}
				}
			}
		}
	}
	return num{big: true, d: a.decimal().Add(b.decimal())}
}

// shift returns a·10^k.
func (a num) shift(k int32) num {
	if a.big {
		a.d = a.d.Shift(k)
	} else if a.m != 0 {
		a.e += k
	}
	return a
}

// below reports whether a < 10^k.
func (a num) below(k int32) bool {
	switch {
	case a.big:
		return a.d.Cmp(decimal.New(1, k)) < 0
	case a.m == 0:
		return true
	case k-a.e < 0:
		return false // a ≥ 10^e > 10^k
	case k-a.e > 19:
		return true // a < 2^64 < 10^20
	case k-a.e == 19:
		return a.m < 1e19
	}
	return a.m < uint64(pow10[k-a.e])
}

// tooManyDigits reports tooManyDigits of a: never, for 20 digits or
// fewer within 39 places of the point.
func (a num) tooManyDigits() bool {
	if !a.big && -39 <= a.e && a.e <= 39 {
		return false
	}
	return tooManyDigits(a.decimal())
}

// korean reads a number in Korean units at s[i:]: groups of a number and a
// unit of ten thousand, largest first, separated by at most one space, the
// last one possibly without a unit ("1만 2,300"). A group with a decimal
// point ("1.5조") or 여 ("20억여", "20여억") ends the number. ok is false
// when the number there is not a Korean one. A group after the first must
// be under 10000, as Korean writes them: "1억 10000만 원" and "1억 12345
// 원" are errors, not 2억 and 100012345.
func (f *figureScan) korean(i int) (n numberScan, ok bool, err error) {
	s := f.s
	var total num
	last := int32(1 << 30) // exponent of the previous unit
	end := i
	overflow := func(pos int, small num) error {
		if f.find {
			return errNoFigure
		}
		return f.errorf(pos, ErrInvalidAmount, "%s is too large for a group after %s: Korean writes at most four digits between units", small.decimal(), koreanUnitText(last))
	}
	for part := 0; ; part++ {
		j := i
		if part > 0 {
			if j = skipSpace(s, i); utf8.RuneCountInString(s[i:j]) > 1 {
				break
			}
		}
		small, k, sub, isDecimal, err := f.koreanGroup(j)
		if err != nil {
			if part == 0 {
				return numberScan{}, false, nil // not a number; the caller says why
			}
			break
		}
		if part == 0 && !sub && (k == len(s) || s[k] < utf8.RuneSelf) {
			return numberScan{}, false, nil // a plain number: no 여 or unit after it
		}
		yeo, yeoPos := false, k
		if hasYeo(s, k) {
			yeo, k = true, k+len("여")
		}
		exp, afterUnit, hasUnit := koreanUnit(s, k)
		if !hasUnit {
			if part == 0 && !sub && !yeo {
				return numberScan{}, false, nil // a plain number
			}
			if part == 0 || !yeo { // the last group, without a unit
				if part > 0 && !small.below(4) {
					return numberScan{}, false, overflow(j, small)
				}
				total, end = total.add(small), k
				n.yeo, n.yeoPos = yeo, yeoPos
			}
			break
		}
		if exp >= last {
			break
		}
		if part > 0 && !small.below(4) {
			return numberScan{}, false, overflow(j, small)
		}
		total = total.add(small.shift(exp))
		last, end, i = exp, afterUnit, afterUnit
		if !yeo && hasYeo(s, end) {
			yeo, yeoPos, end = true, end, end+len("여")
		}
		if yeo || isDecimal {
			n.yeo, n.yeoPos = yeo, yeoPos
			break
		}
	}
	n.value, n.end, n.scaled = total, end, true
	return n, true, nil
}

// hasYeo reports whether 여 (and some: more than) stands at s[i:], and not
// the start of 여러 (several).
func hasYeo(s string, i int) bool {
	return hangulAt(s, i) == '여' && hangulAt(s, i+len("여")) != '러'
}

// hangulAt returns the three-byte rune at s[i:], as all of Hangul is, or
// utf8.RuneError: a quick look for a Korean word or unit.
func hangulAt(s string, i int) rune {
	if i+3 > len(s) || s[i] < 0xE0 || s[i] > 0xEF || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
		return utf8.RuneError
	}
	r := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
	if r < 0x800 || 0xD800 <= r && r <= 0xDFFF {
		return utf8.RuneError // overlong, or a surrogate
	}
	return r
}

// koreanUnit reads 만, 억, 조 or 경 at s[i:].
func koreanUnit(s string, i int) (int32, int, bool) {
	if i+3 <= len(s) {
		t := s[i : i+3]
		for _, u := range koreanUnits {
			if t == u.text {
				return u.exp, i + 3, true
			}
		}
	}
	return 0, i, false
}

// koreanGroup reads the number of one group: a decimal ("5,200", "1.5",
// "750") or digits with 천, 백 and 십 ("3천", "천", "3천5백", "2천500").
// sub reports whether 천, 백 or 십 was used.
func (f *figureScan) koreanGroup(i int) (v num, end int, sub, isDecimal bool, err error) {
	s := f.s
	last := int32(4)
	for {
		j := i
		digit := uint64(1)
		if j < len(s) && '1' <= s[j] && s[j] <= '9' && j+1 < len(s) && !isDigit(s[j+1]) && s[j+1] != ',' && s[j+1] != '.' {
			digit = uint64(s[j] - '0')
			j++
		}
		matched := false
		for _, u := range koreanSubunits {
			if j == len(s) || s[j] < 0xE0 { // not Hangul
				break
			}
			if u.exp < last && strings.HasPrefix(s[j:], u.text) {
				v = v.add(newNum(digit, u.exp))
				i, last, sub, matched = j+len(u.text), u.exp, true, true
				break
			}
		}
		if !matched {
			break
		}
	}
	if i < len(s) && isDigit(s[i]) {
		d, j, err := f.decimal(i)
		if err != nil {
			return v, i, sub, false, err
		}
		if sub && (!d.plain || d.whole > last) {
			return v, i, sub, false, f.errAt(i, ErrInvalidAmount, "digits too large for their place")
		}
		return v.add(d.value), j, sub, d.point, nil
	}
	if !sub {
		return v, i, false, false, f.errAt(i, ErrInvalidAmount, "want a number")
	}
	return v, i, sub, false, nil
}
