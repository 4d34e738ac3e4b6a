package pledge_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func figureOf(q pledge.Qualifier, value, code string) pledge.Figure {
	return pledge.Figure{Amount: pledge.MustAmount(value, code), Qualifier: q}
}

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in   string
		want pledge.Figure
	}{
		// English symbols, codes and scale words.
		{"$2.3 billion", figureOf(pledge.Exact, "2300000000", "USD")},
		{"$300 million", figureOf(pledge.Exact, "300000000", "USD")},
		{"US$150m", figureOf(pledge.Exact, "150000000", "USD")},
		{"US$ 393 million", figureOf(pledge.Exact, "393000000", "USD")},
		{"€1.5bn", figureOf(pledge.Exact, "1500000000", "EUR")},
		{"£2.5 billion", figureOf(pledge.Exact, "2500000000", "GBP")},
		{"A$100 million", figureOf(pledge.Exact, "100000000", "AUD")},
		{"C$2.2bn", figureOf(pledge.Exact, "2200000000", "CAD")},
		{"CA$500,000", figureOf(pledge.Exact, "500000", "CAD")},
		{"NZ$5 million", figureOf(pledge.Exact, "5000000", "NZD")},
		{"HK$1.2 trillion", figureOf(pledge.Exact, "1200000000000", "HKD")},
		{"CN¥30 billion", figureOf(pledge.Exact, "30000000000", "CNY")},
		{"JP¥5.5bn", figureOf(pledge.Exact, "5500000000", "JPY")},
		{"₩520 billion", figureOf(pledge.Exact, "520000000000", "KRW")},
		{"₹5,000 crore", figureOf(pledge.Exact, "50000000000", "INR")},
		{"1.5 trillion-won", figureOf(pledge.Exact, "1500000000000", "KRW")},
		{"2 billion-dollar", figureOf(pledge.Exact, "2000000000", "USD")},
		{"₴1.5 billion", figureOf(pledge.Exact, "1500000000", "UAH")},
		{"₽10 bln", figureOf(pledge.Exact, "10000000000", "RUB")},
		{"$5k", figureOf(pledge.Exact, "5000", "USD")},
		{"$2.3B", figureOf(pledge.Exact, "2300000000", "USD")},
		{"$1.5tn", figureOf(pledge.Exact, "1500000000000", "USD")},
		{"$2.3-billion", figureOf(pledge.Exact, "2300000000", "USD")},
		{"$7 thousand", figureOf(pledge.Exact, "7000", "USD")},
		{"$1,234,567.89", figureOf(pledge.Exact, "1234567.89", "USD")},
		{"USD 2300000000", figureOf(pledge.Exact, "2300000000", "USD")},
		{"USD2.3bn", figureOf(pledge.Exact, "2300000000", "USD")},
		{"KRW 520 billion", figureOf(pledge.Exact, "520000000000", "KRW")},
		{"RMB5bn", figureOf(pledge.Exact, "5000000000", "CNY")},
		{"1.5 billion EUR", figureOf(pledge.Exact, "1500000000", "EUR")},
		{"500 €", figureOf(pledge.Exact, "500", "EUR")},
		{"-$5 million", figureOf(pledge.Exact, "-5000000", "USD")},
		// English currency words after the number.
		{"520 billion won", figureOf(pledge.Exact, "520000000000", "KRW")},
		{"2.3 billion dollars", figureOf(pledge.Exact, "2300000000", "USD")},
		{"2.3 billion US dollars", figureOf(pledge.Exact, "2300000000", "USD")},
		{"100 million Australian dollars", figureOf(pledge.Exact, "100000000", "AUD")},
		{"1.5 billion euros", figureOf(pledge.Exact, "1500000000", "EUR")},
		{"2.5 billion pounds", figureOf(pledge.Exact, "2500000000", "GBP")},
		{"300 million pounds sterling", figureOf(pledge.Exact, "300000000", "GBP")},
		{"50 billion yen", figureOf(pledge.Exact, "50000000000", "JPY")},
		{"7 billion yuan", figureOf(pledge.Exact, "7000000000", "CNY")},
		{"1.2 billion hryvnias", figureOf(pledge.Exact, "1200000000", "UAH")},
		{"5,000 won", figureOf(pledge.Exact, "5000", "KRW")},
		// English qualifiers.
		{"about $2.3 billion", figureOf(pledge.Approximately, "2300000000", "USD")},
		{"around €1bn", figureOf(pledge.Approximately, "1000000000", "EUR")},
		{"approximately $5 million", figureOf(pledge.Approximately, "5000000", "USD")},
		{"roughly $5 million", figureOf(pledge.Approximately, "5000000", "USD")},
		{"some $300 million", figureOf(pledge.Approximately, "300000000", "USD")},
		{"an estimated $40 billion", figureOf(pledge.Approximately, "40000000000", "USD")},
		{"$5 million or so", figureOf(pledge.Approximately, "5000000", "USD")},
		{"nearly $2 billion", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"almost $2 billion", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"less than $1 million", figureOf(pledge.LessThan, "1000000", "USD")},
		{"more than $300 million", figureOf(pledge.MoreThan, "300000000", "USD")},
		{"Over $1 billion", figureOf(pledge.MoreThan, "1000000000", "USD")},
		{"at least $100 million", figureOf(pledge.AtLeast, "100000000", "USD")},
		{"$100 million or more", figureOf(pledge.AtLeast, "100000000", "USD")},
		{"up to $500 million", figureOf(pledge.AtMost, "500000000", "USD")},
		{"as much as £2bn", figureOf(pledge.AtMost, "2000000000", "GBP")},
		// Korean.
		{"23억 달러", figureOf(pledge.Exact, "2300000000", "USD")},
		{"23억달러", figureOf(pledge.Exact, "2300000000", "USD")},
		{"1억 5천만 달러", figureOf(pledge.Exact, "150000000", "USD")},
		{"1억5천만 달러", figureOf(pledge.Exact, "150000000", "USD")},
		{"3억 달러", figureOf(pledge.Exact, "300000000", "USD")},
		{"2조 3천억 원", figureOf(pledge.Exact, "2300000000000", "KRW")},
		{"3조 750억원", figureOf(pledge.Exact, "3075000000000", "KRW")},
		{"4000억원", figureOf(pledge.Exact, "400000000000", "KRW")},
		{"5,200억 원", figureOf(pledge.Exact, "520000000000", "KRW")},
		{"1.5조 원", figureOf(pledge.Exact, "1500000000000", "KRW")},
		{"천만 달러", figureOf(pledge.Exact, "10000000", "USD")},
		{"3천5백만 원", figureOf(pledge.Exact, "35000000", "KRW")},
		{"1억2천500만 달러", figureOf(pledge.Exact, "125000000", "USD")},
		{"1만 2,345.50 유로", figureOf(pledge.Exact, "12345.50", "EUR")},
		{"5천 달러", figureOf(pledge.Exact, "5000", "USD")},
		{"10억 유로", figureOf(pledge.Exact, "1000000000", "EUR")},
		{"500억 엔", figureOf(pledge.Exact, "50000000000", "JPY")},
		{"20억 파운드", figureOf(pledge.Exact, "2000000000", "GBP")},
		{"70억 위안", figureOf(pledge.Exact, "7000000000", "CNY")},
		{"5억 호주 달러", figureOf(pledge.Exact, "500000000", "AUD")},
		{"23억 USD", figureOf(pledge.Exact, "2300000000", "USD")},
		{"약 3조 750억원", figureOf(pledge.Approximately, "3075000000000", "KRW")},
		{"약 23억 달러", figureOf(pledge.Approximately, "2300000000", "USD")},
		{"20억 달러 이상", figureOf(pledge.AtLeast, "2000000000", "USD")},
		{"20억 달러 이하", figureOf(pledge.AtMost, "2000000000", "USD")},
		{"20억 달러 초과", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러 미만", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"20억여 달러", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20여억 달러", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"최대 10억 달러", figureOf(pledge.AtMost, "1000000000", "USD")},
		{"5억 달러 가량", figureOf(pledge.Approximately, "500000000", "USD")},
		// Korean qualifiers after the figure, and -plus, + and -대.
		{"20억 달러 넘게", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러 넘는", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러 남짓", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러가 넘는", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러를 웃도는", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"20억 달러 가까이", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"20억 달러 육박", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"20억 달러에 육박", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"20억 달러에 못 미치는", figureOf(pledge.LessThan, "2000000000", "USD")},
		{"$5 billion-plus", figureOf(pledge.MoreThan, "5000000000", "USD")},
		{"$5bn+", figureOf(pledge.MoreThan, "5000000000", "USD")},
		{"1조원대", figureOf(pledge.Approximately, "1000000000000", "KRW")},
		{"1,300원대", figureOf(pledge.Approximately, "1300", "KRW")},
		{"약 1조원대", figureOf(pledge.Approximately, "1000000000000", "KRW")},
		// ParseFigure reads every ISO code, and signs.
		{"TRY 4", figureOf(pledge.Exact, "4", "TRY")},
		{"USD 2023", figureOf(pledge.Exact, "2023", "USD")},
		{"USD -5", figureOf(pledge.Exact, "-5", "USD")},
		{"1억 9999만 원", figureOf(pledge.Exact, "199990000", "KRW")},
		// Numbers read whole, never a prefix (issue 10).
		{"₹1 lakh crore", figureOf(pledge.Exact, "1000000000000", "INR")},
		{"₹5 thousand crore", figureOf(pledge.Exact, "50000000000", "INR")},
		{"₹5 crores", figureOf(pledge.Exact, "50000000", "INR")},
		{"£5 thousand million", figureOf(pledge.Exact, "5000000000", "GBP")},
		{"$5 hundred million", figureOf(pledge.Exact, "500000000", "USD")},
		{"$5 hundred", figureOf(pledge.Exact, "500", "USD")},
		{"$1.5 hundred thousand", figureOf(pledge.Exact, "150000", "USD")},
		{"$5½ billion", figureOf(pledge.Exact, "5500000000", "USD")},
		{"$2¾ million", figureOf(pledge.Exact, "2750000", "USD")},
		{"$5 ½ billion", figureOf(pledge.Exact, "5500000000", "USD")},
		{"5 1/2 billion dollars", figureOf(pledge.Exact, "5500000000", "USD")},
		{"$3 5/8 million", figureOf(pledge.Exact, "3625000", "USD")},
		{".5 billion dollars", figureOf(pledge.Exact, "500000000", "USD")},
		{"$.5 billion", figureOf(pledge.Exact, "500000000", "USD")},
		{"$2 billion 300 million", figureOf(pledge.Exact, "2300000000", "USD")},
		{"2 billion 300 million won", figureOf(pledge.Exact, "2300000000", "KRW")},
		{"$1 million 500 thousand", figureOf(pledge.Exact, "1500000", "USD")},
		{"$2bn 300m", figureOf(pledge.Exact, "2300000000", "USD")},
		{"$38만", figureOf(pledge.Exact, "380000", "USD")},
		// Figure.String reads back.
		{"more than USD 2000000000", figureOf(pledge.MoreThan, "2000000000", "USD")},
		{"  $5  ", figureOf(pledge.Exact, "5", "USD")},
	}
	for _, tt := range tests {
		got, err := pledge.ParseFigure(tt.in)
		if err != nil {
			t.Errorf("ParseFigure(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseFigure(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseFigureErrors(t *testing.T) {
	tests := []struct {
		in      string
		wantErr error
		wantPos int
	}{
		{"", pledge.ErrInvalidAmount, 0},
		{"2.3 billion", pledge.ErrInvalidCurrency, 11},
		{"$", pledge.ErrInvalidAmount, 1},
		{"$2.3 zillion", pledge.ErrInvalidAmount, 5},
		{"$2.3billions", pledge.ErrInvalidAmount, 4},
		{"$1,2", pledge.ErrInvalidAmount, 2},
		{"$1,2345", pledge.ErrInvalidAmount, 2},
		{"$1.2.3", pledge.ErrInvalidAmount, 4},
		{"$2-3 billion", pledge.ErrInvalidAmount, 2},
		{"¥5 billion", pledge.ErrInvalidCurrency, 0},
		{"5 billion ¥", pledge.ErrInvalidCurrency, 10},
		{"$5 m", pledge.ErrInvalidAmount, 3},
		{"about$5", pledge.ErrInvalidAmount, 5},
		{"$" + strings.Repeat("9", 55) + " trillion", pledge.ErrInvalidAmount, 1}, // 67 digits once scaled
		{strings.Repeat("9", 50) + "조 원", pledge.ErrInvalidAmount, 0},
		{"USD", pledge.ErrInvalidAmount, 3},
		{"XXX 5", pledge.ErrInvalidAmount, 0},
		{"약 20억 달러 이상", pledge.ErrInvalidAmount, 17},
		{"$5 $6", pledge.ErrInvalidAmount, 3},
		{"20만 위안부", pledge.ErrInvalidCurrency, 6},
		{"$" + strings.Repeat("9", 61), pledge.ErrInvalidAmount, 1},
		// Two qualifiers.
		{"20억여 원 이상", pledge.ErrInvalidAmount, 13},
		{"약 5억 원 이상", pledge.ErrInvalidAmount, 13},
		{"about $5 million or more", pledge.ErrInvalidAmount, 17},
		{"20억여 원대", pledge.ErrInvalidAmount, 12},
		// A one-letter scale after a space.
		{"$1.2 B", pledge.ErrInvalidAmount, 5},
		// Korean groups too large for their place.
		{"1억 10000만 원", pledge.ErrInvalidAmount, 5},
		{"1억 12345 원", pledge.ErrInvalidAmount, 5},
		// Korean currency words at the start of longer words.
		{"3원칙", pledge.ErrInvalidCurrency, 1},
		{"5엔드", pledge.ErrInvalidCurrency, 1},
		{"2파운드리", pledge.ErrInvalidCurrency, 1},
		// Ranges.
		{"$2~3 billion", pledge.ErrInvalidAmount, 2},
		{"20~30억 달러", pledge.ErrInvalidCurrency, 2},
		// A number that goes on past what is read is not cut short (issue 10).
		{"$5 millions", pledge.ErrInvalidAmount, 3},
		{"$2.3 billions", pledge.ErrInvalidAmount, 5},
		{"$5 thousands", pledge.ErrInvalidAmount, 3},
		{"$5 million million", pledge.ErrInvalidAmount, 11},
		{"$5bn million", pledge.ErrInvalidAmount, 5},
		{"$5 300", pledge.ErrInvalidAmount, 3},
		{"5 300 dollars", pledge.ErrInvalidAmount, 2},
		{"$2 billion 1000 million", pledge.ErrInvalidAmount, 11},
		{"$2.5 billion 300 million", pledge.ErrInvalidAmount, 13},
		{"$2 billion 300", pledge.ErrInvalidAmount, 11},
		{"$5⅓ billion", pledge.ErrInvalidAmount, 2},
		{"5 1/3 billion dollars", pledge.ErrInvalidAmount, 2},
		{"1/2 billion dollars", pledge.ErrInvalidAmount, 1},
		{"$5/8", pledge.ErrInvalidAmount, 2},
		{"$5.5½", pledge.ErrInvalidAmount, 4},
		{"$5 .5", pledge.ErrInvalidAmount, 3},
		{"$38 만", pledge.ErrInvalidAmount, 4},
		{"20억 30억 달러", pledge.ErrInvalidAmount, 6},
		// A word like a scale word, a fraction in words.
		{"$5 quadrillion", pledge.ErrInvalidAmount, 3},
		{"$3 grand", pledge.ErrInvalidAmount, 3},
		{"5 billon dollars", pledge.ErrInvalidAmount, 2},
		{"€2 and a half billion", pledge.ErrInvalidAmount, 5},
	}
	for _, tt := range tests {
		_, err := pledge.ParseFigure(tt.in)
		var pe *pledge.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseFigure(%q) = %v, want a *ParseError", tt.in, err)
			continue
		}
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("ParseFigure(%q) = %v, want it to match %v", tt.in, err, tt.wantErr)
		}
		if pe.Text != tt.in || pe.Pos != tt.wantPos {
			t.Errorf("ParseFigure(%q): Text %q Pos %d, want %q, %d (%v)", tt.in, pe.Text, pe.Pos, tt.in, tt.wantPos, err)
		}
		if !strings.HasPrefix(err.Error(), "pledge: ") {
			t.Errorf("ParseFigure(%q): error %q does not start with the package name", tt.in, err)
		}
	}
}

func TestParseAmount(t *testing.T) {
	got, err := pledge.ParseAmount("23억 달러")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pledge.MustAmount("2300000000", "USD"), got); diff != "" {
		t.Errorf("ParseAmount (-want +got):\n%s", diff)
	}
	for _, in := range []string{"about $2.3 billion", "20억 달러 이상", "20억여 달러", "nearly $2 billion", "$5bn+", "1조원대", "20억 달러 넘게"} {
		_, err := pledge.ParseAmount(in)
		if !errors.Is(err, pledge.ErrApproximate) || !strings.Contains(err.Error(), "ParseFigure") {
			t.Errorf("ParseAmount(%q) = %v, want ErrApproximate telling to use ParseFigure", in, err)
		}
	}
	var pe *pledge.ParseError
	if _, err := pledge.ParseAmount("nearly $2 billion pledged"); !errors.As(err, &pe) || pe.Pos != 18 {
		t.Errorf("ParseAmount of a figure in a sentence = %v, want a ParseError at byte 18", err)
	}
	// Amount.String reads back.
	a := pledge.MustAmount("-1234.5678", "BHD")
	if got, err := pledge.ParseAmount(a.String()); err != nil || !got.Equal(a) {
		t.Errorf("ParseAmount(%q) = %v, %v; want %v", a.String(), got, err, a)
	}
}

func TestParserDefaults(t *testing.T) {
	tests := []struct {
		p    pledge.Parser
		in   string
		want pledge.Amount
	}{
		{pledge.Parser{}, "$5", pledge.MustAmount("5", "USD")},
		{pledge.Parser{}, "5 dollars", pledge.MustAmount("5", "USD")},
		{pledge.Parser{Dollar: currency.CAD}, "$5", pledge.MustAmount("5", "CAD")},
		{pledge.Parser{Dollar: currency.CAD}, "5억 달러", pledge.MustAmount("500000000", "CAD")},
		{pledge.Parser{Dollar: currency.CAD}, "US$5", pledge.MustAmount("5", "USD")},
		{pledge.Parser{Yen: currency.JPY}, "¥5 billion", pledge.MustAmount("5000000000", "JPY")},
		{pledge.Parser{Yen: currency.CNY}, "¥5 billion", pledge.MustAmount("5000000000", "CNY")},
		{pledge.Parser{}, "¥5 billion yen", pledge.MustAmount("5000000000", "JPY")},
		{pledge.Parser{Yen: currency.JPY}, "¥5 billion yuan", pledge.MustAmount("5000000000", "CNY")},
		{pledge.Parser{}, "¥50억 위안", pledge.MustAmount("5000000000", "CNY")},
	}
	for _, tt := range tests {
		got, err := tt.p.ParseAmount(tt.in)
		if err != nil {
			t.Errorf("%+v.ParseAmount(%q): %v", tt.p, tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%+v.ParseAmount(%q) (-want +got):\n%s", tt.p, tt.in, diff)
		}
	}
}

// foundSpan is a found figure as written, for comparing results.
type foundSpan struct {
	Text      string
	Figure    pledge.Figure
	Bracketed bool
	Range     bool
}

func foundSpans(p pledge.Parser, text string) []foundSpan {
	var got []foundSpan
	for _, f := range p.FindFigures(text) {
		got = append(got, foundSpan{text[f.Start:f.End], f.Figure, f.Bracketed, f.Range})
	}
	return got
}

// span is a found figure that is not bracketed and not part of a range.
func span(text string, q pledge.Qualifier, value, code string) foundSpan {
	return foundSpan{Text: text, Figure: figureOf(q, value, code)}
}

// rangeEnd is a found figure that is one end of a range.
func rangeEnd(text string, q pledge.Qualifier, value, code string) foundSpan {
	return foundSpan{Text: text, Figure: figureOf(q, value, code), Range: true}
}

func TestFindFigures(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []foundSpan
	}{{
		name: "seed article, last paragraph",
		text: "South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, " +
			"including $300 million in humanitarian aid. In July 2023 it pledged $150 million in humanitarian " +
			"and non-lethal military aid.",
		want: []foundSpan{
			span("$2.3 billion", pledge.Exact, "2300000000", "USD"),
			span("$300 million", pledge.Exact, "300000000", "USD"),
			span("$150 million", pledge.Exact, "150000000", "USD"),
		},
	}, {
		name: "bracketed conversion, Yonhap English",
		text: "The government will provide 520 billion won ($393 million) in aid this year.",
		want: []foundSpan{
			span("520 billion won", pledge.Exact, "520000000000", "KRW"),
			{"$393 million", figureOf(pledge.Exact, "393000000", "USD"), true, false},
		},
	}, {
		name: "bracketed conversion with a qualifier, Korean",
		text: "정부는 우크라이나에 23억 달러(약 3조 750억원) 규모의 지원을 약속했다.",
		want: []foundSpan{
			span("23억 달러", pledge.Exact, "2300000000", "USD"),
			{"약 3조 750억원", figureOf(pledge.Approximately, "3075000000000", "KRW"), true, false},
		},
	}, {
		name: "a figure after a whole figure and \"and\"",
		text: "Seoul pledged $10 million and 5 billion won in aid; he paid 100 USD and USD 200 and 300 EUR.",
		want: []foundSpan{
			span("$10 million", pledge.Exact, "10000000", "USD"),
			span("5 billion won", pledge.Exact, "5000000000", "KRW"),
			span("100 USD", pledge.Exact, "100", "USD"),
			span("USD 200", pledge.Exact, "200", "USD"),
			span("300 EUR", pledge.Exact, "300", "EUR"),
		},
	}, {
		name: "a hyphenated currency word after a scale",
		text: "the 1.5 trillion-won fund and a 2 billion-dollar package",
		want: []foundSpan{
			span("1.5 trillion-won", pledge.Exact, "1500000000000", "KRW"),
			span("2 billion-dollar", pledge.Exact, "2000000000", "USD"),
		},
	}, {
		name: "Korean pledge sentence",
		text: "윤 대통령은 올해 1억5천만 달러 규모의 지원을 약속했다.",
		want: []foundSpan{span("1억5천만 달러", pledge.Exact, "150000000", "USD")},
	}, {
		name: "Korean bounds",
		text: "내년에는 20억 달러 이상을 지원하고, 20억여 달러의 차관도 검토한다.",
		want: []foundSpan{
			span("20억 달러 이상", pledge.AtLeast, "2000000000", "USD"),
			span("20억여 달러", pledge.MoreThan, "2000000000", "USD"),
		},
	}, {
		name: "Reuters style",
		text: "Britain will give 2.5 billion pounds ($3.2 billion) in military aid, up from £2.3bn last year; " +
			"the EU approved €1.5bn and Australia nearly A$100 million.",
		want: []foundSpan{
			span("2.5 billion pounds", pledge.Exact, "2500000000", "GBP"),
			{"$3.2 billion", figureOf(pledge.Exact, "3200000000", "USD"), true, false},
			span("£2.3bn", pledge.Exact, "2300000000", "GBP"),
			span("€1.5bn", pledge.Exact, "1500000000", "EUR"),
			span("nearly A$100 million", pledge.LessThan, "100000000", "AUD"),
		},
	}, {
		name: "headline abbreviations",
		text: "Seoul pledges US$150m more; total tops US$2.3bn (about ₩3tn).",
		want: []foundSpan{
			span("US$150m", pledge.Exact, "150000000", "USD"),
			span("US$2.3bn", pledge.Exact, "2300000000", "USD"),
			{"about ₩3tn", figureOf(pledge.Approximately, "3000000000000", "KRW"), true, false},
		},
	}, {
		name: "not money",
		text: "In 2023 dollars, the 2022 budget rose 5% to 300 units on 10 July 2024; the G7 met 11 times. " +
			"It weighs 500 pounds. Figures of 1,234 and 2.5 have no currency. The $2-3 billion range is not one figure. " +
			"Korea won 2023 medals. 2023년 7월 10일, 수백만 달러, 위안부 20만 명.",
	}, {
		name: "year before a figure",
		text: "In September 2023 $2 billion was pledged, and in 2024 ₩1 trillion.",
		want: []foundSpan{
			span("$2 billion", pledge.Exact, "2000000000", "USD"),
			span("₩1 trillion", pledge.Exact, "1000000000000", "KRW"),
		},
	}, {
		name: "ranges",
		text: "It will cost $5 to $10 million, or $2-3 billion over time, between $2bn and $3bn; tickets cost $5 to $10.",
		want: []foundSpan{
			rangeEnd("$10 million", pledge.Exact, "10000000", "USD"),
			rangeEnd("$2bn", pledge.Exact, "2000000000", "USD"),
			rangeEnd("$3bn", pledge.Exact, "3000000000", "USD"),
			rangeEnd("$5", pledge.Exact, "5", "USD"),
			rangeEnd("$10", pledge.Exact, "10", "USD"),
		},
	}, {
		name: "bare yen is skipped",
		text: "Japan gave ¥500 billion and JP¥1 trillion.",
		want: []foundSpan{span("JP¥1 trillion", pledge.Exact, "1000000000000", "JPY")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, foundSpans(pledge.Parser{}, tt.text)); diff != "" {
				t.Errorf("FindFigures (-want +got):\n%s", diff)
			}
		})
	}
	got := foundSpans(pledge.Parser{Yen: currency.JPY}, "Japan gave ¥500 billion.")
	want := []foundSpan{span("¥500 billion", pledge.Exact, "500000000000", "JPY")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindFigures with Yen: JPY (-want +got):\n%s", diff)
	}
}

// TestFiguresNeverAPrefix holds FindFigures and ParseFigure to one reading
// of each text of issue 10, where FindFigures reported the first part of a
// number as the whole: a text that ParseFigure reads is found whole, with
// the same figure, and one that it refuses is not found at all.
func TestFiguresNeverAPrefix(t *testing.T) {
	const exact = pledge.Exact
	tests := []struct {
		text string
		want []foundSpan // nil: ParseFigure refuses the text
	}{
		{"₹1 lakh crore", []foundSpan{span("₹1 lakh crore", exact, "1000000000000", "INR")}},
		{"£5 thousand million", []foundSpan{span("£5 thousand million", exact, "5000000000", "GBP")}},
		{"$5 millions", nil},
		{"$5 hundred million", []foundSpan{span("$5 hundred million", exact, "500000000", "USD")}},
		{"$5½ billion", []foundSpan{span("$5½ billion", exact, "5500000000", "USD")}},
		{".5 billion dollars", []foundSpan{span(".5 billion dollars", exact, "500000000", "USD")}},
		{"5 1/2 billion dollars", []foundSpan{span("5 1/2 billion dollars", exact, "5500000000", "USD")}},
		{"$2 billion 300 million", []foundSpan{span("$2 billion 300 million", exact, "2300000000", "USD")}},
		{"$38 만", nil},
		{"5 1/3 billion dollars", nil},
		{"$5 million million", nil},
		{"$5 300", nil},
		// A word like a scale word this does not read (issue 10, review).
		{"$5 quadrillion", nil},
		{"USD 5 quadrillion", nil},
		{"5 quadrillion won", nil},
		{"$3 mil", nil},
		{"$3 lacs", nil},
		{"₹3 Cr", nil},
		{"$3 grand", nil},
		{"$5 billon", nil},
		{"$3 milion", nil},
		{"$3 trillon", nil},
		{"$2 thousnad", nil},
		{"€3 Mio", nil},
		{"€3 Mrd", nil},
		{"$3 MM", nil},
		{"$3 bns", nil},
		{"$3mil", nil},
		// A fraction in words.
		{"$5 and a half billion", nil},
		{"about $5 and a half billion", nil},
		{"€2 and a half billion", nil},
		{"$5 billion and three-quarters", nil},
	}
	for _, tt := range tests {
		got := foundSpans(pledge.Parser{}, tt.text)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindFigures(%q) (-want +got):\n%s", tt.text, diff)
		}
		f, err := pledge.ParseFigure(tt.text)
		switch {
		case tt.want == nil && err == nil:
			t.Errorf("ParseFigure(%q) = %v, want an error", tt.text, f)
		case tt.want != nil && err != nil:
			t.Errorf("ParseFigure(%q): %v", tt.text, err)
		case tt.want != nil:
			if diff := cmp.Diff(tt.want[0].Figure, f); diff != "" {
				t.Errorf("ParseFigure(%q) (-want +got):\n%s", tt.text, diff)
			}
		}
	}
	// In a sentence, as Yonhap writes a conversion.
	got := foundSpans(pledge.Parser{}, "5억 원($38 만)")
	want := []foundSpan{span("5억 원", exact, "500000000", "KRW")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindFigures (-want +got):\n%s", diff)
	}
}

// TestFindFiguresNotMisread: a figure found never says another number than
// the text, nor drops a qualifier; what is doubtful is left out.
func TestFindFiguresNotMisread(t *testing.T) {
	const (
		exact  = pledge.Exact
		approx = pledge.Approximately
		more   = pledge.MoreThan
		less   = pledge.LessThan
	)
	tests := []struct {
		name string
		text string
		want []foundSpan
	}{
		// Korean ranges: a hyphen or tilde is neither a sign nor "about".
		{"Korean range, hyphen", "20억-30억 달러", nil},
		{"Korean range, tilde", "20억~30억 달러", nil},
		{"Korean range, shared unit", "20~30억 달러", nil},
		{"Korean range, wide tilde", "20억∼30억 달러를 지원", nil},
		{"Korean range, spaced tilde", "20억 ~ 30억 달러", nil},
		{"Korean range, 에서", "20억에서 30억 달러로", nil},
		{"Korean range, small units", "1억~2억 원, 5천만~1억 원, 1-5억 원", nil},
		{"Korean range of two figures", "20억 달러~30억 달러", []foundSpan{
			rangeEnd("20억 달러", exact, "2000000000", "USD"), rangeEnd("30억 달러", exact, "3000000000", "USD")}},
		{"Korean range, currency after each end", "5,000원~1만 원", []foundSpan{
			rangeEnd("5,000원", exact, "5000", "KRW"), rangeEnd("1만 원", exact, "10000", "KRW")}},
		{"Korean range with 내지", "20억 달러 내지 30억 달러", []foundSpan{
			rangeEnd("20억 달러", exact, "2000000000", "USD"), rangeEnd("30억 달러", exact, "3000000000", "USD")}},
		{"tilde still means about", "~$5 billion, 약 20억 달러", []foundSpan{
			span("~$5 billion", approx, "5000000000", "USD"), span("약 20억 달러", approx, "2000000000", "USD")}},

		// Signs: a figure in prose is a magnitude.
		{"minus before the symbol", "a loss of -$5 million", []foundSpan{span("$5 million", exact, "5000000", "USD")}},
		{"minus sign before a number", "−1,000 won and -3억 원", []foundSpan{
			span("1,000 won", exact, "1000", "KRW"), span("3억 원", exact, "300000000", "KRW")}},
		{"minus after the currency", "USD -5 million, $-5", nil},
		{"qualifier then a sign", "about -$5 million; 약 -5억 원", nil},

		// Ranges written as two figures.
		{"between, low end without scale", "between $5 and $10 million", []foundSpan{
			rangeEnd("$10 million", exact, "10000000", "USD")}},
		{"or, low end without scale", "$5 or $6 billion", []foundSpan{rangeEnd("$6 billion", exact, "6000000000", "USD")}},
		{"high end without currency", "costing $1 to 2 billion", nil},
		{"tilde range with the currency once", "$2~3 billion", nil},
		{"hyphen between two figures", "tickets cost $5-$10.", []foundSpan{
			rangeEnd("$5", exact, "5", "USD"), rangeEnd("$10", exact, "10", "USD")}},
		{"to between two scaled figures", "$2 billion to $3 billion", []foundSpan{
			rangeEnd("$2 billion", exact, "2000000000", "USD"), rangeEnd("$3 billion", exact, "3000000000", "USD")}},
		{"hyphen between two scaled figures", "$5bn-$6bn", []foundSpan{
			rangeEnd("$5bn", exact, "5000000000", "USD"), rangeEnd("$6bn", exact, "6000000000", "USD")}},
		{"range with the currency once, English", "2 billion to 3 billion dollars", nil},
		{"and without between is two figures", "gave $5 million and $10 million", []foundSpan{
			span("$5 million", exact, "5000000", "USD"), span("$10 million", exact, "10000000", "USD")}},
		{"and without between, low end without scale", "$5 and $10 million", []foundSpan{
			span("$10 million", exact, "10000000", "USD")}},
		{"to before a count", "gave $5 million to 20 countries", []foundSpan{span("$5 million", exact, "5000000", "USD")}},
		{"qualified range, low end without scale", "about $5 to $10 million", nil},
		{"qualified range of two scaled figures", "at least $2 billion to $3 billion", []foundSpan{
			rangeEnd("at least $2 billion", pledge.AtLeast, "2000000000", "USD"), rangeEnd("$3 billion", exact, "3000000000", "USD")}},
		{"Korean alternatives", "20억 원 또는 30억 원", []foundSpan{
			rangeEnd("20억 원", exact, "2000000000", "KRW"), rangeEnd("30억 원", exact, "3000000000", "KRW")}},
		{"to before a place", "$5 million to Ukraine and $3 million to Moldova", []foundSpan{
			span("$5 million", exact, "5000000", "USD"), span("$3 million", exact, "3000000", "USD")}},
		{"or before a share", "$300 million or 0.2% of GDP", []foundSpan{span("$300 million", exact, "300000000", "USD")}},
		{"hyphen range of bare numbers", "US$5-10 million, 5-10 billion won, 5 million-10 million dollars", nil},
		// A range with the currency once whose low end is a whole figure:
		// the low end is found, marked, whatever joins the ends; the high
		// end, with no currency of its own, is not.
		{"to, high end without currency", "$5 billion to 6 billion", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"to, high end a bare number", "$5 billion to 6.", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"spaced hyphen, high end without currency", "$5 billion - 6 billion", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"spaced tilde, high end without currency", "$5 billion ~ 6 billion", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"hyphen, high end without currency", "$5 billion-6 billion, $5bn-6bn", []foundSpan{
			rangeEnd("$5 billion", exact, "5000000000", "USD"), rangeEnd("$5bn", exact, "5000000000", "USD")}},
		{"or, high end without currency", "$5 billion or 6 billion", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"or, high end a figure", "$5 billion or 6 billion dollars", []foundSpan{
			rangeEnd("$5 billion", exact, "5000000000", "USD"), rangeEnd("6 billion dollars", exact, "6000000000", "USD")}},
		{"hyphen between bare numbers", "tickets cost $2-3.", []foundSpan{rangeEnd("$2", exact, "2", "USD")}},
		{"to before a count, scaled", "gave $5 billion to 6 countries", []foundSpan{span("$5 billion", exact, "5000000000", "USD")}},
		{"or before a percentage", "$5 billion or 6% of GDP", []foundSpan{span("$5 billion", exact, "5000000000", "USD")}},
		{"between, high end without currency", "between $5 billion and 6 billion", []foundSpan{rangeEnd("$5 billion", exact, "5000000000", "USD")}},
		{"and without between, high end without currency", "$5 billion and 6 billion", []foundSpan{span("$5 billion", exact, "5000000000", "USD")}},

		// Korean currency words at the start of longer words.
		{"article number", "협정 제3조 원칙에 따라", nil},
		{"원칙", "비핵화 3원칙을 재확인했다", nil},
		{"엔드", "5엔드에서 2점을 따냈다", nil},
		{"파운드리", "2파운드리를", nil},
		{"위안부", "위안부 20만 명", nil},
		{"particles", "5억 원을 지원하고 100만 달러씩, 3억 달러어치, 5억 엔화", []foundSpan{
			span("5억 원", exact, "500000000", "KRW"), span("100만 달러", exact, "1000000", "USD"),
			span("3억 달러", exact, "300000000", "USD"), span("5억 엔", exact, "500000000", "JPY")}},

		// Qualifiers that were dropped.
		{"넘게", "정부는 20억 달러 넘게 지원했다", []foundSpan{span("20억 달러 넘게", more, "2000000000", "USD")}},
		{"남짓", "20억 달러 남짓", []foundSpan{span("20억 달러 남짓", more, "2000000000", "USD")}},
		{"가까이", "20억 달러 가까이", []foundSpan{span("20억 달러 가까이", less, "2000000000", "USD")}},
		{"에 육박", "20억 달러에 육박하는", []foundSpan{span("20억 달러에 육박", less, "2000000000", "USD")}},
		{"를 웃도는", "20억 달러를 웃도는", []foundSpan{span("20억 달러를 웃도는", more, "2000000000", "USD")}},
		{"-plus", "a $5 billion-plus package", []foundSpan{span("$5 billion-plus", more, "5000000000", "USD")}},
		{"plus sign", "$5bn+ in aid, $5bn+$3bn", []foundSpan{
			span("$5bn+", more, "5000000000", "USD"), span("$5bn", exact, "5000000000", "USD"), span("$3bn", exact, "3000000000", "USD")}},
		{"-대", "1조원대 예산, 1,300원대 환율", []foundSpan{
			span("1조원대", approx, "1000000000000", "KRW"), span("1,300원대", approx, "1300", "KRW")}},
		{"two qualifiers, 여 and 이상", "20억여 원 이상", nil},
		{"two qualifiers, 약 and 이상", "약 5억 원 이상", nil},
		{"two qualifiers, about and or more", "about $5 million or more", nil},

		// Words that follow a number but are no scale.
		{"a bill, bullion, a share", "a $20 bill, $50 bullion coins, $5 billion and a third of it, $3 to 4 people", []foundSpan{
			span("$20", exact, "20", "USD"), span("$50", exact, "50", "USD"), span("$5 billion", exact, "5000000000", "USD"),
			span("$3", exact, "3", "USD")}},

		// One-letter scales after a space.
		{"spaced B", "$1.2 B", nil},
		{"spaced m", "$5 m", nil},
		{"spaced bn is fine", "$1.2 bn", []foundSpan{span("$1.2 bn", exact, "1200000000", "USD")}},

		// Numbers that continue another.
		{"몇 백만", "몇 백만 원이 들었다", nil},
		{"수 천억", "수 천억 원 규모", nil},
		{"digit before a bare 천", "5 천만 원", nil},
		{"English number before", "2 billion 300 won", nil},
		{"Korean-English groups", "2 billion 300 million won", []foundSpan{
			span("2 billion 300 million won", exact, "2300000000", "KRW")}},
		{"Korean number against another", "20억30억 달러", nil},
		{"after a decimal point", "he paid.5 billion dollars", nil},
		{"after a fraction slash", "1/2 billion dollars, 24/7 dollars, 5 1/3 billion dollars", nil},
		{"after a vulgar fraction", "$5⅓ billion, 5⅓5 dollars", nil},
		{"a number after the figure", "USD 5 300, $5 2023", nil},
		{"Korean number before", "1억 2 3억 원", nil},
		{"bare 천 after a word", "천만 달러의 지원", []foundSpan{span("천만 달러", exact, "10000000", "USD")}},
		{"groups too large", "1억 10000만 원, 1억 12345 원", nil},

		// ISO codes that are English words in capitals, and years.
		{"TOP", "TOP 10 DONORS", nil},
		{"ALL", "ALL 27 EU MEMBERS", nil},
		{"CUP BAM TRY", "CUP 2 and BAM 3 and TRY 4 times", nil},
		{"COP PHP", "COP28 in Dubai; PHP 8 release", nil},
		{"year after a code", "USD 2023 figures and 2024 EUR", nil},
		{"common codes", "KRW 1.2 trillion (USD 900 million), 1.5bn EUR", []foundSpan{
			span("KRW 1.2 trillion", exact, "1200000000000", "KRW"),
			{Text: "USD 900 million", Figure: figureOf(exact, "900000000", "USD"), Bracketed: true},
			span("1.5bn EUR", exact, "1500000000", "EUR")}},

		// The documented limitation: "over" is read as a qualifier.
		{"over as a preposition", "deadlocked over $61 billion in aid", []foundSpan{
			span("over $61 billion", more, "61000000000", "USD")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, foundSpans(pledge.Parser{}, tt.text)); diff != "" {
				t.Errorf("FindFigures(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestQualifierText(t *testing.T) {
	for q := pledge.Exact; q <= pledge.LessThan; q++ {
		text, err := q.MarshalText()
		if err != nil {
			t.Fatalf("%d.MarshalText: %v", q, err)
		}
		var back pledge.Qualifier
		if err := back.UnmarshalText(text); err != nil || back != q {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, q)
		}
		f := pledge.Figure{Amount: pledge.MustAmount("2.5", "EUR"), Qualifier: q}
		if got, err := pledge.ParseFigure(f.String()); err != nil || got != f && !(got.Qualifier == q && got.Amount.Equal(f.Amount)) {
			t.Errorf("ParseFigure(%q) = %v, %v; want %v", f.String(), got, err, f)
		}
	}
	if _, err := pledge.Qualifier(9).MarshalText(); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("Qualifier(9).MarshalText: %v, want ErrInvalid", err)
	}
	var q pledge.Qualifier
	if err := q.UnmarshalText([]byte("roughly")); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf(`UnmarshalText("roughly"): %v, want ErrInvalid`, err)
	}
	if got := pledge.Qualifier(9).String(); got != "Qualifier(9)" {
		t.Errorf("Qualifier(9).String() = %q", got)
	}
}

func FuzzParseFigure(f *testing.F) {
	for _, s := range []string{
		"$2.3 billion", "US$150m", "€1.5bn", "£2.5 billion", "520 billion won", "23억 달러",
		"약 3조 750억원", "2조 3천억 원", "1억 5천만 달러", "5,200억 원", "20억여 달러", "20억 달러 이상",
		"about $2.35 billion", "nearly $2 billion", "USD 2300000000", "-$5", "¥5 billion yen",
		"$1,234,567.89", "천만 달러", "3천5백만 원", "1만 2,345.50 유로", "1.5조 원",
		"1억 10000만 원", "$5bn+", "1조원대", "$1.2 B", "20억 달러에 육박", "3원칙", "$2~3 billion",
		"₹1 lakh crore", "$5 hundred million", "$5½ billion", "5 1/2 billion dollars", ".5 billion dollars",
		"$2 billion 300 million", "$5 millions", "$38 만", "$5⅓ billion", "$3 5/8 million",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := pledge.ParseFigure(s)
		if err != nil {
			var pe *pledge.ParseError
			if !errors.As(err, &pe) || pe.Text != s || pe.Pos < 0 || pe.Pos > len(s) {
				t.Fatalf("ParseFigure(%q): %v: want a *ParseError with the text and a position in it", s, err)
			}
			return
		}
		// Its String form and its exact compact forms read back to it.
		back, err := pledge.ParseFigure(got.String())
		if err != nil || back.Qualifier != got.Qualifier || !back.Amount.Equal(got.Amount) {
			t.Fatalf("ParseFigure(%q) = %v; its String %q reads back as %v, %v", s, got, got.String(), back, err)
		}
		checkCompactRoundTrip(t, got.Amount)
	})
}

// checkCompactRoundTrip checks that a's exact compact forms read back to a
// and that its approximate ones read as approximately a.
func checkCompactRoundTrip(t *testing.T, a pledge.Amount) {
	t.Helper()
	for _, tag := range []language.Tag{language.English, language.Korean} {
		c := a.Compact(tag)
		f, err := pledge.ParseFigure(c)
		if err != nil {
			t.Fatalf("%v.Compact(%v) = %q does not read back: %v", a, tag, c, err)
		}
		if f.Amount.Currency() != a.Currency() {
			t.Fatalf("%v.Compact(%v) = %q reads back as %v", a, tag, c, f)
		}
		switch f.Qualifier {
		case pledge.Exact:
			if !f.Amount.Equal(a) {
				t.Fatalf("%v.Compact(%v) = %q reads back as %v", a, tag, c, f.Amount)
			}
		case pledge.Approximately:
			if f.Amount.Equal(a) {
				t.Fatalf("%v.Compact(%v) = %q says approximate, but it is exact", a, tag, c)
			}
			// Off by at most half a unit in the third significant digit or
			// half the minor unit.
			scale, _ := currency.Standard.Rounding(a.Currency())
			bound := decimal.Max(a.Decimal().Abs().Mul(decimal.New(5, -3)), decimal.New(5, -int32(scale)-1))
			if diff := f.Amount.Decimal().Sub(a.Decimal()).Abs(); diff.Cmp(bound) > 0 {
				t.Fatalf("%v.Compact(%v) = %q is off by %s", a, tag, c, diff)
			}
		default:
			t.Fatalf("%v.Compact(%v) = %q reads back as %v", a, tag, c, f)
		}
	}
}

func FuzzFindFigures(f *testing.F) {
	for _, s := range []string{
		"South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, including $300 million in humanitarian aid.",
		"The government will provide 520 billion won ($393 million) in aid this year.",
		"정부는 우크라이나에 23억 달러(약 3조 750억원) 규모의 지원을 약속했다.",
		"윤 대통령은 올해 1억5천만 달러 규모의 지원을 약속했다.",
		"In 2023 dollars, the 2022 budget rose 5% to 300 units; $2-3 billion; 20억 달러 이상.",
		"20억-30억 달러, 20억~30억 달러, 20~30억 달러, a loss of -$5 million, between $5 and $10 million",
		"협정 제3조 원칙에 따라 비핵화 3원칙, 5엔드에서, 몇 백만 원, 수 천억 원, $1.2 B, TOP 10 DONORS",
		"20억 달러 넘게, 20억여 원 이상, a $5 billion-plus package, 1조원대, $5bn+$3bn",
		"₹1 lakh crore, £5 thousand million, $5 millions, $5 hundred million, $5½ billion, .5 billion dollars",
		"5 1/2 billion dollars, $2 billion 300 million, 5억 원($38 만), 20억30억 달러, paid.5 billion dollars",
	} {
		f.Add(s)
	}
	f.Fuzz(checkFound)
}

// checkFound holds what FindFigures finds in text to its promises: the
// reading of ParseFigure, no number cut short, none started inside
// another, in order, magnitudes, each span read alone giving the figure.
func checkFound(t *testing.T, text string) {
	checkFindAgreesWithParse(t, text)
	end := 0
	for i, found := range pledge.FindFigures(text) {
		span := text[found.Start:found.End]
		if numberEndsFigure(span) && numberGoesOn(text, found.End) {
			t.Fatalf("figure %d %q in %q: the number goes on after it: %q", i, span, text, text[found.End:])
		}
		if numberBefore(text, found.Start) {
			t.Fatalf("figure %d %q in %q starts inside or right after a number: %q", i, span, text, text[:found.Start])
		}
		if found.Start < end || found.End <= found.Start || found.End > len(text) {
			t.Fatalf("figure %d at [%d,%d) after %d in %q: out of order or bounds", i, found.Start, found.End, end, text)
		}
		if found.Figure.Amount.Decimal().Sign() < 0 {
			t.Fatalf("figure %d %q in %q is negative: FindFigures reads magnitudes", i, text[found.Start:found.End], text)
		}
		end = found.End
		alone, err := pledge.ParseFigure(text[found.Start:found.End])
		if err != nil {
			t.Fatalf("figure %d %q does not parse alone: %v", i, text[found.Start:found.End], err)
		}
		if alone.Qualifier != found.Figure.Qualifier || !alone.Amount.Equal(found.Figure.Amount) {
			t.Fatalf("figure %d %q: found %v, alone %v", i, text[found.Start:found.End], found.Figure, alone)
		}
	}
}

// checkFindAgreesWithParse: where ParseFigure reads text as one figure,
// FindFigures finds that figure over the whole text (less a sign: it reads
// magnitudes) or nothing (it leaves out more than ParseFigure refuses),
// never a part of it.
func checkFindAgreesWithParse(t *testing.T, text string) {
	t.Helper()
	want, err := pledge.ParseFigure(text)
	if err != nil {
		return
	}
	found := pledge.FindFigures(text)
	if len(found) == 0 {
		return
	}
	trimmed := strings.TrimRightFunc(text, isFigureSpace)
	start := len(text) - len(strings.TrimLeftFunc(text, isFigureSpace))
	got := found[0]
	if sign := strings.TrimSpace(text[start:max(start, got.Start)]); sign == "-" || sign == "−" {
		want.Amount = want.Amount.Neg() // "-$5" gives "$5"
		start = got.Start
	}
	if len(found) != 1 || got.Start != start || got.End != len(trimmed) ||
		got.Figure.Qualifier != want.Qualifier || !got.Figure.Amount.Equal(want.Amount) {
		t.Fatalf("ParseFigure(%q) = %v, but FindFigures finds %+v", text, want, found)
	}
}

// isFigureSpace reports whether r is space around a figure, as
// ParseFigure skips it.
func isFigureSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u202f' || r == '\u2009' || r == '\u200b'
}

// scaleWords are the scale words ParseFigure reads, in lower case.
var scaleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("hundred thousand lakh lakhs crore crores million billion trillion k m mn mln b bn bln tn trn") {
		scaleWords[w] = true
	}
}

// isKoreanNumeral reports whether r is a Korean unit of a number.
func isKoreanNumeral(r rune) bool { return strings.ContainsRune("만억조경천백십", r) }

// isVulgarFraction reports whether r is a fraction character such as ½.
func isVulgarFraction(r rune) bool {
	return r >= '¼' && r <= '¾' || r >= '⅐' && r <= '⅞' || r == '↉'
}

// lastWord returns the ASCII word (letters, digits, _) at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 && isWordChar(s[i-1]) {
		i--
	}
	return s[i:]
}

func isWordChar(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// numberEndsFigure reports whether a figure as written ends with its
// number ("$5", "$5bn", "US$38만"), rather than with a currency word or a
// qualifier after it.
func numberEndsFigure(span string) bool {
	r, _ := utf8.DecodeLastRuneInString(span)
	return unicode.IsDigit(r) || isVulgarFraction(r) || isKoreanNumeral(r) || scaleWords[strings.ToLower(lastWord(span))]
}

// numberGoesOn is the test's own reading of text that would go on with a
// number that ends at text[end]: a slash and a digit against it; after any
// space, a digit, a point and a digit, a fraction or a Korean unit; or a
// scale word, also in the plural, after space or a hyphen.
func numberGoesOn(text string, end int) bool {
	rest := text[end:]
	if len(rest) > 1 && rest[0] == '/' && unicode.IsDigit(rune(rest[1])) {
		return true
	}
	hyphen := strings.HasPrefix(rest, "-")
	after := strings.TrimLeftFunc(rest, isFigureSpace)
	if hyphen {
		after = rest[1:] // "$5-millions"; "$5-10" is a range
	}
	spaced := len(after) < len(rest) && !hyphen
	r, _ := utf8.DecodeRuneInString(after)
	switch {
	case r == utf8.RuneError:
		return false
	case r < utf8.RuneSelf && unicode.IsDigit(r):
		return spaced
	case r == '.':
		return len(after) > 1 && unicode.IsDigit(rune(after[1]))
	case isVulgarFraction(r), isKoreanNumeral(r):
		return !hyphen
	}
	w := after
	for i := 0; i < len(after); i++ {
		if !isWordChar(after[i]) {
			w = after[:i]
			break
		}
	}
	w = strings.ToLower(w)
	if scaleWords[w] || len(w) > 2 && strings.HasSuffix(w, "s") && scaleWords[w[:len(w)-1]] {
		return true
	}
	if (spaced || hyphen) && fractionWords(after) {
		return true // "$5 and a half billion"
	}
	// After a number with no scale, a word like a scale word: "$5
	// quadrillion", "$3 mil", "$5 billon".
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	unscaled := last < utf8.RuneSelf && unicode.IsDigit(last) || isVulgarFraction(last)
	return unscaled && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" && looksLikeScale(w)
}

// nearScales are words that say a scale this test knows FindFigures does
// not read: larger scales, short forms and slang.
var nearScales = strings.Fields(`quadrillion quintillion sextillion septillion octillion nonillion decillion
	zillion jillion gazillion bazillion squillion milliard
	mil mill mils mio mios mrd mrds bil tril trill thou grand lac lacs lak laks cr crs mm mmm`)

// looksLikeScale reports whether w, a word in lower case, is one of
// nearScales or a scale word spelled out with one letter added, dropped,
// changed, or two neighbours swapped, but not an English word of its own.
func looksLikeScale(w string) bool {
	if slices.Contains(nearScales, w) {
		return true
	}
	if w == "bullion" || w == "mullion" || w == "pillion" {
		return false
	}
	for _, x := range append(strings.Fields("hundred thousand million billion trillion"), nearScales[:13]...) {
		if editDistance(w, x) <= 1 {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance of a and b: the
// edits are a letter added, dropped or changed, and two neighbours
// swapped.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// fractionWords reports whether s starts with a fraction in words that
// goes on with a number: "and a half", "and three-quarters", not "and a
// third of".
func fractionWords(s string) bool {
	m := fractionWordsRE.FindStringIndex(s)
	if m == nil {
		return false
	}
	rest := s[m[1]:]
	after := strings.TrimLeftFunc(rest, isFigureSpace)
	of := len(after) < len(rest) && len(after) >= 2 && strings.EqualFold(after[:2], "of") && (len(after) == 2 || !isWordChar(after[2]))
	return !of
}

// fractionWordsRE is the start of a fraction in words, up to the end of
// its last word.
var fractionWordsRE = func() *regexp.Regexp {
	const space = `[\t\n\v\f\r\x{85}\p{Zs}\x{2028}\x{2029}\x{200b}]` // isFigureSpace
	return regexp.MustCompile(`^(?i:and)` + space + `+(?i:a|one|two|three)(?:-|` + space + `+)(?i:half|quarters?|thirds?)\b`)
}()

// numberBefore reports whether a figure that starts with its number at
// text[start] would start inside a number or right after one: after a
// digit, a point, a comma or slash after a digit, or a fraction; or,
// after any space, after a digit, a Korean unit after a digit, or a scale
// word after a number.
func numberBefore(text string, start int) bool {
	first, _ := utf8.DecodeRuneInString(text[start:])
	if !unicode.IsDigit(first) && first != '.' && !isKoreanNumeral(first) {
		return false
	}
	before := text[:start]
	prev, size := utf8.DecodeLastRuneInString(before)
	prev2, _ := utf8.DecodeLastRuneInString(before[:len(before)-size])
	switch {
	case unicode.IsDigit(prev), isVulgarFraction(prev), prev == '.' && unicode.IsDigit(first):
		return true
	case prev == '/' || prev == ',':
		return unicode.IsDigit(prev2)
	}
	before = strings.TrimRightFunc(before, isFigureSpace)
	prev, size = utf8.DecodeLastRuneInString(before)
	switch {
	case prev < utf8.RuneSelf && unicode.IsDigit(prev):
		return true
	case isKoreanNumeral(prev):
		units := strings.TrimRightFunc(before, func(r rune) bool { return isKoreanNumeral(r) || r == '여' })
		r, _ := utf8.DecodeLastRuneInString(units)
		return units == "" || r < utf8.RuneSelf && unicode.IsDigit(r) || !unicode.IsLetter(r)
	}
	w := lastWord(before)
	if !scaleWords[strings.ToLower(w)] || w == "" {
		return false
	}
	rest := strings.TrimRightFunc(strings.TrimSuffix(before[:len(before)-len(w)], "-"), isFigureSpace)
	r, _ := utf8.DecodeLastRuneInString(rest)
	return r < utf8.RuneSelf && unicode.IsDigit(r)
}

var figureSink []pledge.Found

func BenchmarkFindFigures(b *testing.B) {
	text := strings.Repeat("South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, "+
		"including $300 million in humanitarian aid. 정부는 23억 달러(약 3조 750억원) 규모의 지원을 약속했다. ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		figureSink = pledge.FindFigures(text)
	}
}

func TestParseQualifier(t *testing.T) {
	for _, q := range []pledge.Qualifier{pledge.Exact, pledge.Approximately, pledge.AtLeast, pledge.AtMost, pledge.MoreThan, pledge.LessThan} {
		got, err := pledge.ParseQualifier(q.String())
		if err != nil || got != q {
			t.Errorf("ParseQualifier(%q) = %v, %v", q.String(), got, err)
		}
	}
	if _, err := pledge.ParseQualifier("roughly"); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("ParseQualifier(roughly) = %v, want ErrInvalid", err)
	}
}

// BenchmarkFindFigures1MB scans a megabyte of article text, mostly prose
// with a figure every few sentences, in English and Korean, as a newsroom
// archive reads.
func BenchmarkFindFigures1MB(b *testing.B) {
	article := "WASHINGTON (Yonhap) -- President Yoon Suk Yeol held bilateral talks with seven counterparts on the sidelines " +
		"of the NATO summit on Wednesday, his office said. South Korea announced a $2.3 billion aid package for Ukraine " +
		"at the G20 in September 2023, including $300 million in humanitarian aid, and in July 2023 it pledged $150 million " +
		"in humanitarian and non-lethal military aid. Officials said the talks covered defence industry cooperation, " +
		"supply chains and the situation on the Korean Peninsula, where tensions have risen since 2023.\n" +
		"윤석열 대통령은 10일(현지시간) 워싱턴에서 열린 북대서양조약기구(NATO) 정상회의를 계기로 7개국 정상과 양자 회담을 했다. " +
		"정부는 우크라이나에 23억 달러(약 3조 750억원) 규모의 지원을 약속했으며, 올해 인도적 지원 규모는 3억 달러 이상이다. " +
		"대통령실은 방산 협력과 공급망, 한반도 정세에 관한 의견을 나눴다고 밝혔다.\n"
	text := strings.Repeat(article, 1<<20/len(article)+1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		figureSink = pledge.FindFigures(text)
	}
}
