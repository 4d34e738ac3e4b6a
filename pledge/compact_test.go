package pledge_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		value, code string
		en, ko      string
	}{
		{"2300000000", "USD", "$2.3 billion", "23억 달러"},
		{"300000000", "USD", "$300 million", "3억 달러"},
		{"150000000", "USD", "$150 million", "1억 5천만 달러"},
		{"393000000", "USD", "$393 million", "3억 9,300만 달러"},
		{"520000000000", "KRW", "₩520 billion", "5,200억 원"},
		{"2300000000000", "KRW", "₩2.3 trillion", "2조 3천억 원"},
		{"2345000000", "USD", "about $2.35 billion", "약 23억 5천만 달러"},
		{"3075000000000", "KRW", "about ₩3.08 trillion", "3조 750억 원"},
		{"123400000000", "KRW", "about ₩123 billion", "1,234억 원"},
		{"999960000", "USD", "about $1 billion", "약 10억 달러"},
		{"1500000000", "EUR", "€1.5 billion", "15억 유로"},
		{"2500000000", "GBP", "£2.5 billion", "25억 파운드"},
		{"500000000000", "JPY", "JP¥500 billion", "5천억 엔"},
		{"7000000000", "CNY", "CN¥7 billion", "70억 위안"},
		{"1500000000", "UAH", "UAH 1.5 billion", "15억 흐리우냐"},
		{"100000000", "AUD", "A$100 million", "1억 호주 달러"},
		{"2000000000", "SEK", "SEK 2 billion", "20억 SEK"},
		{"1500000000000000", "USD", "$1,500 trillion", "1,500조 달러"},
		{"-1500000000", "USD", "-$1.5 billion", "-15억 달러"},
		{"12345", "EUR", "€12,345", "1만 2,345 유로"},
		{"12345.5", "USD", "$12,345.50", "1만 2,345.50 달러"},
		{"15000", "USD", "$15,000", "1만 5천 달러"},
		{"5000", "KRW", "₩5,000", "5,000 원"},
		{"0.125", "USD", "about $0.13", "약 0.13 달러"},
		{"0", "USD", "$0", "0 달러"},
		// A negative amount too small for the minor units is written
		// exactly (see TestCompactTiny); one that rounds up to a million
		// is written in millions; cents under a round 만 are written in
		// full.
		{"-0.001", "USD", "-$0.001", "-0.001 달러"},
		{"-0.004", "KRW", "-₩0.004", "-0.004 원"},
		{"999999.995", "USD", "about $1 million", "약 100만 달러"},
		{"999999.5", "JPY", "about JP¥1 million", "약 100만 엔"},
		{"10000.5", "USD", "$10,000.50", "10,000.50 달러"},
		{"120000.05", "EUR", "€120,000.05", "120,000.05 유로"},
		{"12345.5", "USD", "$12,345.50", "1만 2,345.50 달러"},
		// From 1조 up the 억 group is written whole, as the press does,
		// and from 1경 up the 조 group.
		{"1200000000000", "KRW", "₩1.2 trillion", "1조 2천억 원"},
		{"3000400000000", "KRW", "about ₩3 trillion", "3조 4억 원"},
		{"12345670000000", "KRW", "about ₩12.3 trillion", "약 12조 3,457억 원"},
		{"3075020000000", "KRW", "about ₩3.08 trillion", "약 3조 750억 원"},
		{"9999999990000000", "KRW", "about ₩10,000 trillion", "약 1경 원"},
		{"12345678900000000", "KRW", "about ₩12,346 trillion", "약 1경 2,346조 원"},
		// An exact form as short as the rounded one is written instead.
		{"393120000", "USD", "about $393 million", "3억 9,312만 달러"},
		{"100050000", "USD", "about $100 million", "약 1억 달러"}, // "1억 5만" is longer
		{"987650000", "USD", "about $988 million", "9억 8,765만 달러"},
		{"2345600000", "USD", "about $2.35 billion", "약 23억 5천만 달러"},
		// Trailing zeros left by arithmetic change nothing.
		{"4500000000.0000", "USD", "$4.5 billion", "45억 달러"},
		{"3075000000000.00000000", "KRW", "about ₩3.08 trillion", "3조 750억 원"},
		{"12345.5000", "USD", "$12,345.50", "1만 2,345.50 달러"},
		{"15000.0000", "USD", "$15,000", "1만 5천 달러"},
	}
	for _, tt := range tests {
		a := pledge.MustAmount(tt.value, tt.code)
		got := []string{a.Compact(language.English), a.Compact(language.Korean)}
		if diff := cmp.Diff([]string{tt.en, tt.ko}, got); diff != "" {
			t.Errorf("%v.Compact(en, ko) (-want +got):\n%s", a, diff)
		}
	}
	// Other languages get the English form; English variants are English.
	a := pledge.MustAmount("2300000000", "USD")
	for _, tag := range []language.Tag{language.German, language.Japanese, language.BritishEnglish, language.MustParse("ko-KR")} {
		want := a.Compact(language.English)
		if base, _ := tag.Base(); base.String() == "ko" {
			want = a.Compact(language.Korean)
		}
		if got := a.Compact(tag); got != want {
			t.Errorf("Compact(%v) = %q, want %q", tag, got, want)
		}
	}
}

// TestCompactTiny: an amount that is not zero never reads "$0" or "about
// $0", in English or Korean: one that rounding to the minor units would
// leave at zero is written exactly, and a bound keeps the exact figure
// where rounding its way would make it zero. Zero is "$0".
func TestCompactTiny(t *testing.T) {
	tests := []struct {
		f      pledge.Figure
		en, ko string
	}{
		{pledge.Figure{Amount: usd("0")}, "$0", "0 달러"},
		{pledge.Figure{Amount: usd("0.00")}, "$0", "0 달러"},
		{pledge.Figure{Amount: usd("0.004")}, "$0.004", "0.004 달러"},
		{pledge.Figure{Amount: usd("0.0040")}, "$0.004", "0.004 달러"},
		{pledge.Figure{Amount: usd("0.000000001")}, "$0.000000001", "0.000000001 달러"},
		{pledge.Figure{Amount: usd("-0.004")}, "-$0.004", "-0.004 달러"},
		{pledge.Figure{Amount: pledge.MustAmount("0.4", "KRW")}, "₩0.4", "0.4 원"},
		{pledge.Figure{Amount: pledge.MustAmount("0.4", "JPY")}, "JP¥0.4", "0.4 엔"},
		{pledge.Figure{Amount: pledge.MustAmount("0.0004", "BHD")}, "BHD 0.0004", "0.0004 BHD"},
		// Rounding that leaves something stays: about a cent is a cent.
		{pledge.Figure{Amount: usd("0.005")}, "about $0.01", "약 0.01 달러"},
		{pledge.Figure{Amount: usd("0.0149")}, "about $0.01", "약 0.01 달러"},
		// Qualified figures keep their word and the exact digits.
		{pledge.Figure{Amount: usd("0.004"), Qualifier: pledge.Approximately}, "about $0.004", "약 0.004 달러"},
		{pledge.Figure{Amount: usd("0.004"), Qualifier: pledge.AtLeast}, "at least $0.004", "0.004 달러 이상"},
		{pledge.Figure{Amount: usd("0.004"), Qualifier: pledge.MoreThan}, "more than $0.004", "0.004 달러 초과"},
		{pledge.Figure{Amount: usd("0.004"), Qualifier: pledge.AtMost}, "at most $0.01", "0.01 달러 이하"},
		{pledge.Figure{Amount: usd("0.004"), Qualifier: pledge.LessThan}, "less than $0.01", "0.01 달러 미만"},
	}
	for _, tt := range tests {
		checkFigureCompact(t, tt.f, tt.en, tt.ko)
		if tt.f.Qualifier == pledge.Exact {
			a := tt.f.Amount
			got := []string{a.Compact(language.English), a.Compact(language.Korean)}
			if diff := cmp.Diff([]string{tt.en, tt.ko}, got); diff != "" {
				t.Errorf("%v.Compact(en, ko) (-want +got):\n%s", a, diff)
			}
			checkCompactRoundTrip(t, a)
		}
	}
}

// compactCurrencies are the currencies of the round-trip tests: symbols,
// Korean words and ISO codes, minor units of 0, 2 and 3.
var compactCurrencies = []currency.Unit{
	currency.USD, currency.KRW, currency.EUR, currency.GBP, currency.JPY, currency.CNY,
	currency.AUD, currency.CAD, currency.INR, currency.CHF, currency.SEK,
	currency.MustParseISO("UAH"), currency.MustParseISO("BHD"), currency.MustParseISO("XAF"),
}

// TestCompactRoundTrip: every exact compact form reads back to the amount;
// every other one says it is approximate.
func TestCompactRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 7))
	for range 20000 {
		checkCompactRoundTrip(t, randomCompactAmount(r))
	}
}

// randomCompactAmount returns amounts that are often round (as news figures are)
// and sometimes not, from cents to beyond trillions.
func randomCompactAmount(r *rand.Rand) pledge.Amount {
	digits := r.IntN(6) + 1
	coef := r.Int64N(int64Pow10(digits))
	exp := int32(r.IntN(20) - 3)
	v := decimal.New(coef, exp)
	if r.IntN(10) == 0 {
		v = v.Neg()
	}
	return pledge.AmountOf(v, compactCurrencies[r.IntN(len(compactCurrencies))])
}

func int64Pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func FuzzCompact(f *testing.F) {
	f.Add(int64(23), int32(8), uint8(0))
	f.Add(int64(15), int32(7), uint8(0))
	f.Add(int64(52), int32(10), uint8(1))
	f.Add(int64(2345), int32(6), uint8(0))
	f.Add(int64(3075), int32(9), uint8(1))
	f.Add(int64(-12345), int32(-2), uint8(2))
	f.Add(int64(999960), int32(3), uint8(5))
	f.Fuzz(func(t *testing.T, coef int64, exp int32, cur uint8) {
		if exp < -20 || exp > 30 {
			t.Skip()
		}
		a := pledge.AmountOf(decimal.New(coef, exp), compactCurrencies[int(cur)%len(compactCurrencies)])
		checkCompactRoundTrip(t, a)
	})
}
