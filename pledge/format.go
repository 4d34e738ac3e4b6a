package pledge

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Format returns the full figure as the language tag writes it: the
// currency's symbol in that language, its digits, grouping and separators:
// "$2,300,000,000" in English, "2.300.000.000 $" in German,
// "₩520,000,000,000" in Korean, "$1,234.50", "1.234,50 €".
//
// The decimal places follow the rule of every amount written for people
// (see [Amount.Display]): none for a whole amount, else the currency's minor
// units, or more when the value has more non-zero decimals. Format never
// rounds and never drops a non-zero digit (call [Amount.Round] first for a
// display figure); trailing zeros that arithmetic leaves in the value
// (2300000000.0000 from a total) are not written.
//
// golang.org/x/text supplies the symbol (currency.Symbol), the minor unit
// (currency.Standard) and the language's digits, separators and grouping,
// learned by formatting whole numbers; the digits of the amount itself are
// laid out here, because x/text formats fractional values through float64,
// which is not exact. The symbol stands before the number, or after it for
// the languages whose CLDR currency pattern puts it there (German, French,
// Spanish, Italian, Russian, Ukrainian, Polish, the Nordic languages,
// Hebrew and others listed in the code).
func (a Amount) Format(tag language.Tag) string {
	sys := numberSystemFor(tag)
	digits := sys.localize(a.plain(a.places()))
	sym := symbolIn(tag, a.cur)
	minus := ""
	if a.value.Sign() < 0 {
		minus = sys.minus
	}
	switch symbolPlacement(tag) {
	case symbolAfter:
		return minus + digits + "\u00a0" + sym
	case symbolBeforeSpaced:
		return minus + sym + "\u00a0" + digits
	}
	if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
		return minus + sym + "\u00a0" + digits
	}
	return minus + sym + digits
}

// Display returns the amount as a person reads it in a sentence, a table or
// a notebook: the ISO code, a space and the value with grouped digits,
// "USD 2,450,000,000", "USD 1,234.50", "KRW 1,000.5", "-USD 3". It is the
// readable twin of [Amount.String], which is the machine form
// ("USD 2450000000") that JSON, MarshalText and error messages carry.
// [ParseAmount] reads both back to an amount equal to a.
//
// Every amount summitry writes for people (Display, [Amount.Format], the
// figures of [Amount.Compact] written in full, and the tables and charts
// of [Totals]) takes its decimal places from one rule: none when the value
// is whole ("USD 2,450,000,000", as reports and the press write it), else
// the currency's minor units from ISO 4217 ("USD 1,234.50"; 0 for KRW and
// JPY, 3 for BHD), or as many as the last non-zero decimal needs when there
// are more ("USD 1,234.5678", "KRW 1,000.5"). Nothing is rounded and no
// non-zero digit is dropped: trailing zeros left by arithmetic (a total
// kept to 4 places, a conversion at a rate of 8) are not precision and are
// not written. A table writes each amount by this rule on its own, never
// padding one with zeros to the decimals of another; its text form lines
// them up at the point with spaces.
func (a Amount) Display() string {
	return a.signed(a.places(), a.cur.String()+" ")
}

// places returns the decimal places a is written with for people: 0 when
// its value is whole, else the currency's minor units or the places its last
// non-zero decimal needs, whichever is more.
func (a Amount) places() int32 {
	exp := a.value.Exponent()
	if exp >= 0 {
		return 0
	}
	// The value written without trailing zeros has as many places as it needs.
	s := a.value.String()
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return 0
	}
	minor, _ := currency.Standard.Rounding(a.cur)
	return max(int32(len(s)-i-1), int32(minor))
}

// plain writes |a| as a plain ASCII decimal with places decimal places, at
// least as many as its value needs.
func (a Amount) plain(places int32) string {
	return a.value.Abs().StringFixed(places)
}

// signed writes a with places decimal places and English grouping, prefix
// (a currency code and a space, or nothing) before the digits and a minus
// sign before both: "-USD 1,234.50", "2,450,000,000".
func (a Amount) signed(places int32, prefix string) string {
	s := prefix + english.localize(a.plain(places))
	if a.value.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// numberSystem is how a language writes numbers: its digits, grouping and
// separators.
type numberSystem struct {
	digits             [10]string
	group, point       string
	primary, secondary int // sizes of the last group and of the others; 0: no grouping
	minus              string
}

// english is the number system of English, and of Compact.
var english = numberSystem{
	digits:  [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
	group:   ",",
	point:   ".",
	primary: 3, secondary: 3,
	minus: "-",
}

// formatCache holds what Format learns from x/text per language: number
// systems by formatTag key, symbols by key and currency code. It keeps at
// most formatCacheMax entries of each, so that a service formatting for
// tags its callers send cannot grow it without bound; past that, Format
// asks x/text each time.
type formatCache struct {
	m sync.Map
	n atomic.Int64
}

const formatCacheMax = 4096

func (c *formatCache) load(key string) (any, bool) { return c.m.Load(key) }

func (c *formatCache) store(key string, v any) any {
	if c.n.Load() >= formatCacheMax {
		return v
	}
	got, loaded := c.m.LoadOrStore(key, v)
	if !loaded {
		c.n.Add(1)
	}
	return got
}

var numberSystems, symbolCache formatCache

// formatTag returns what of tag decides how numbers and currency symbols
// are written (language, script, region and a -u-nu- numbering system),
// as a tag and as a cache key: "de-CH", "en-u-nu-arab" but not "en-US-x-foo".
func formatTag(tag language.Tag) (language.Tag, string) {
	base, script, region := tag.Raw()
	t, err := language.Compose(base, script, region)
	if err != nil {
		return tag, tag.String()
	}
	if nu := tag.TypeForKey("nu"); nu != "" {
		if withNu, err := t.SetTypeForKey("nu", nu); err == nil {
			t = withNu
		}
	}
	return t, t.String()
}

// numberSystemFor learns tag's number system from x/text by formatting
// whole numbers, which x/text does exactly, and caches it.
func numberSystemFor(tag language.Tag) *numberSystem {
	tag, key := formatTag(tag)
	if v, ok := numberSystems.load(key); ok {
		return v.(*numberSystem)
	}
	return numberSystems.store(key, learnNumberSystem(message.NewPrinter(tag))).(*numberSystem)
}

func learnNumberSystem(p *message.Printer) *numberSystem {
	sys := english
	// "1,234,567,890": the digits 1 to 9 and 0, and the grouping.
	var groups []int // digits in each group, left to right
	var seps []string
	n, sep := 0, ""
	d := 1
	for _, r := range p.Sprint(number.Decimal(1234567890)) {
		if !unicode.IsDigit(r) {
			sep += string(r)
			continue
		}
		if sep != "" && n > 0 {
			groups, seps = append(groups, n), append(seps, sep)
			n = 0
		}
		sep = ""
		if d > 10 {
			return &english
		}
		sys.digits[d%10] = string(r)
		d, n = d+1, n+1
	}
	groups = append(groups, n)
	if d != 11 {
		return &english
	}
	sys.primary, sys.secondary = 0, 0
	if len(seps) > 0 {
		sys.group = seps[0]
		sys.primary = groups[len(groups)-1]
		sys.secondary = sys.primary
		if len(groups) > 2 {
			sys.secondary = groups[len(groups)-2]
		}
	}
	// "0.0": the decimal separator.
	if parts := splitDigits(p.Sprint(number.Decimal(0, number.MinFractionDigits(1)))); len(parts) >= 4 {
		sys.point = parts[2]
	}
	// "-1": the minus sign.
	if parts := splitDigits(p.Sprint(number.Decimal(-1))); len(parts) >= 2 && parts[0] != "" {
		sys.minus = parts[0]
	}
	return &sys
}

// splitDigits splits s into alternating runs of non-digits and digits,
// starting with a (possibly empty) run of non-digits.
func splitDigits(s string) []string {
	parts := []string{""}
	inDigits := false
	for _, r := range s {
		if unicode.IsDigit(r) != inDigits {
			parts = append(parts, "")
			inDigits = !inDigits
		}
		parts[len(parts)-1] += string(r)
	}
	return parts
}

// localize writes a plain ASCII decimal ("1234567.50", no sign) in the
// number system: its digits, grouping and decimal separator.
func (sys *numberSystem) localize(plain string) string {
	whole, frac, hasPoint := strings.Cut(plain, ".")
	var b strings.Builder
	for i := 0; i < len(whole); i++ {
		if i > 0 && sys.primary > 0 && sys.groupBefore(len(whole)-i) {
			b.WriteString(sys.group)
		}
		b.WriteString(sys.digits[whole[i]-'0'])
	}
	if hasPoint {
		b.WriteString(sys.point)
		for i := 0; i < len(frac); i++ {
			b.WriteString(sys.digits[frac[i]-'0'])
		}
	}
	return b.String()
}

// groupBefore reports whether a separator stands before the digit that has
// left digits to its right, itself included.
func (sys *numberSystem) groupBefore(left int) bool {
	if left == sys.primary {
		return true
	}
	return left > sys.primary && sys.secondary > 0 && (left-sys.primary)%sys.secondary == 0
}

// symbolIn returns the symbol of cur in the language tag, from x/text.
func symbolIn(tag language.Tag, cur currency.Unit) string {
	tag, key := formatTag(tag)
	key += "|" + cur.String()
	if v, ok := symbolCache.load(key); ok {
		return v.(string)
	}
	return symbolCache.store(key, message.NewPrinter(tag).Sprint(currency.Symbol(cur))).(string)
}

// placement is where a language writes the currency symbol.
type placement int

const (
	symbolBefore       placement = iota // "$5.00", "US$5.00"
	symbolBeforeSpaced                  // "€ 5,00"
	symbolAfter                         // "5,00 €"
)

// placements follows the CLDR currency patterns of common languages, by
// language or language-region; the rest put the symbol before the number.
var placements = map[string]placement{
	"de": symbolAfter, "de-AT": symbolBeforeSpaced, "de-CH": symbolBeforeSpaced, "de-LI": symbolBeforeSpaced,
	"fr": symbolAfter, "it": symbolAfter, "it-CH": symbolBeforeSpaced,
	"es": symbolAfter, "ca": symbolAfter, "pt": symbolBeforeSpaced, "pt-PT": symbolAfter,
	"nl": symbolBeforeSpaced,
	"ru": symbolAfter, "uk": symbolAfter, "be": symbolAfter, "pl": symbolAfter,
	"cs": symbolAfter, "sk": symbolAfter, "sl": symbolAfter, "hr": symbolAfter, "sr": symbolAfter,
	"bg": symbolAfter, "ro": symbolAfter, "hu": symbolAfter, "el": symbolAfter,
	"lt": symbolAfter, "lv": symbolAfter, "et": symbolAfter,
	"sv": symbolAfter, "da": symbolAfter, "nb": symbolAfter, "nn": symbolAfter, "no": symbolAfter,
	"fi": symbolAfter, "is": symbolAfter, "vi": symbolAfter, "kk": symbolAfter,
	"he": symbolAfter,
}

func symbolPlacement(tag language.Tag) placement {
	base, _, region := tag.Raw()
	if p, ok := placements[base.String()+"-"+region.String()]; ok {
		return p
	}
	if base.String() == "es" && region.String() != "ZZ" && region.String() != "ES" {
		return symbolBefore // Spanish of the Americas: "$5.00"
	}
	return placements[base.String()]
}
