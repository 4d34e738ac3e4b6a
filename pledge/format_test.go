package pledge_test

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func TestFormat(t *testing.T) {
	const nbsp = "\u00a0"
	tests := []struct {
		value, code, tag string
		want             string
	}{
		{"2300000000", "USD", "en", "$2,300,000,000"},
		{"2300000000", "USD", "ko", "US$2,300,000,000"},
		{"520000000000", "KRW", "ko", "₩520,000,000,000"},
		{"520000000000", "KRW", "en", "₩520,000,000,000"},
		{"150000000", "USD", "de", "150.000.000" + nbsp + "$"},
		{"1500000000.5", "EUR", "fr", "1" + nbsp + "500" + nbsp + "000" + nbsp + "000,50" + nbsp + "€"},
		{"1234567.891", "USD", "en", "$1,234,567.891"}, // never rounds
		{"-1234.5", "USD", "en", "-$1,234.50"},
		{"-1234.5", "EUR", "de", "-1.234,50" + nbsp + "€"},
		{"150000000", "INR", "hi", "₹15,00,00,000"},
		{"1234.5", "EUR", "ar", "€١٬٢٣٤٫٥٠"},
		{"1234.5", "CHF", "de-CH", "CHF" + nbsp + "1’234.50"},
		{"1234.5", "EUR", "nl", "€" + nbsp + "1.234,50"},
		{"1234.5", "UAH", "uk", "1" + nbsp + "234,50" + nbsp + "₴"},
		{"1234.5", "UAH", "en", "UAH" + nbsp + "1,234.50"},
		{"1234.5678", "BHD", "en", "BHD" + nbsp + "1,234.5678"},
		{"5", "JPY", "ja", "￥5"},
		{"123456789012345678901234567890.12", "USD", "en", "$123,456,789,012,345,678,901,234,567,890.12"},
		// Hebrew puts the symbol after the number (CLDR "#,##0.00 ¤").
		{"1234.5", "ILS", "he", "1,234.50" + nbsp + "₪"},
		{"-1234.5", "EUR", "he", "\u200e-1,234.50" + nbsp + "€"},
		// Trailing zeros that arithmetic leaves are not precision: a total
		// kept to 4 places, a conversion at an inverse rate of 8 places.
		{"4500000000.0000", "USD", "en", "$4,500,000,000"},
		{"38995320.00000000", "USD", "en", "$38,995,320"},
		{"38995320.50000000", "USD", "en", "$38,995,320.50"},
		{"1234.5000", "EUR", "de", "1.234,50" + nbsp + "€"},
		{"520000000000.0000", "KRW", "ko", "₩520,000,000,000"},
		{"0.0000", "USD", "en", "$0"},
		// A fraction gets the minor units, or every non-zero decimal.
		{"1.1", "USD", "en", "$1.10"},
		{"0.0001", "USD", "en", "$0.0001"},
		{"1000.50", "KRW", "en", "₩1,000.5"},
		{"1000.5", "JPY", "ja", "￥1,000.5"},
		{"1.5", "BHD", "en", "BHD" + nbsp + "1.500"},
		{"-0.5000", "USD", "en", "-$0.50"},
		// Variants and private use do not change the figure.
		{"1234.5", "EUR", "de-1901-x-summitry", "1.234,50" + nbsp + "€"},
		{"1234.5", "EUR", "en-u-nu-arab", "€١٬٢٣٤٫٥٠"},
	}
	for _, tt := range tests {
		a := pledge.MustAmount(tt.value, tt.code)
		if diff := cmp.Diff(tt.want, a.Format(language.MustParse(tt.tag))); diff != "" {
			t.Errorf("%v.Format(%s) (-want +got):\n%s", a, tt.tag, diff)
		}
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		value, code string
		want        string
	}{
		{"2450000000", "USD", "USD 2,450,000,000"},
		{"4500000000.0000", "USD", "USD 4,500,000,000"},
		{"38995320.00000000", "USD", "USD 38,995,320"},
		{"1234.5", "USD", "USD 1,234.50"},
		{"1234.5678", "USD", "USD 1,234.5678"},
		{"1000.50", "KRW", "KRW 1,000.5"},
		{"3075000000000", "KRW", "KRW 3,075,000,000,000"},
		{"1.5", "BHD", "BHD 1.500"},
		{"-3", "USD", "-USD 3"},
		{"-0.5", "EUR", "-EUR 0.50"},
		{"0.000", "JPY", "JPY 0"},
		{"999", "USD", "USD 999"},
		{"123456789012345678901234567890.12", "USD", "USD 123,456,789,012,345,678,901,234,567,890.12"},
	}
	for _, tt := range tests {
		a := pledge.MustAmount(tt.value, tt.code)
		if diff := cmp.Diff(tt.want, a.Display()); diff != "" {
			t.Errorf("%v.Display() (-want +got):\n%s", a, diff)
		}
	}
	if got, want := (pledge.Amount{}).Display(), "XXX 0"; got != want {
		t.Errorf("zero Amount.Display() = %q, want %q", got, want)
	}
}

// TestShownRoundTrip: what Display and Format write for people is the value,
// digit for digit, with the places of the documented rule, whatever
// trailing zeros the value carries.
func TestShownRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 11))
	for range 20000 {
		a := randomCompactAmount(r)
		checkShown(t, withTrailingZeros(a, r.IntN(9)))
	}
}

func FuzzShown(f *testing.F) {
	f.Add(int64(45), int32(8), uint8(4), uint8(0))
	f.Add(int64(3899532), int32(1), uint8(8), uint8(0))
	f.Add(int64(100050), int32(-2), uint8(0), uint8(1))
	f.Add(int64(-15), int32(-1), uint8(3), uint8(12))
	f.Add(int64(1), int32(-20), uint8(0), uint8(4))
	f.Fuzz(func(t *testing.T, coef int64, exp int32, zeros, cur uint8) {
		if exp < -20 || exp > 30 || zeros > 20 {
			t.Skip()
		}
		a := pledge.AmountOf(decimal.New(coef, exp), compactCurrencies[int(cur)%len(compactCurrencies)])
		checkShown(t, withTrailingZeros(a, int(zeros)))
	})
}

// withTrailingZeros returns a with the same value written with n more
// decimal places, all zeros, as arithmetic leaves them.
func withTrailingZeros(a pledge.Amount, n int) pledge.Amount {
	v := a.Decimal()
	c := new(big.Int).Mul(v.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
	return pledge.AmountOf(decimal.NewFromBigInt(c, v.Exponent()-int32(n)), a.Currency())
}

func checkShown(t *testing.T, a pledge.Amount) {
	t.Helper()
	// The places of the rule, found without formatting: none for a whole
	// value, else the minor units or the last non-zero decimal.
	want := 0
	for !a.Decimal().Shift(int32(want)).IsInteger() {
		want++
	}
	if minor, _ := currency.Standard.Rounding(a.Currency()); want > 0 && want < minor {
		want = minor
	}

	d := a.Display()
	back, err := pledge.ParseAmount(d)
	if err != nil || !back.Equal(a) {
		t.Fatalf("%v.Display() = %q reads back as %v, %v", a, d, back, err)
	}
	if got := places(d); got != want {
		t.Fatalf("%v.Display() = %q has %d decimal places, want %d", a, d, got, want)
	}
	for _, tc := range []struct {
		tag          language.Tag
		group, point string
	}{{language.English, ",", "."}, {language.German, ".", ","}} {
		s := a.Format(tc.tag)
		plain := strings.NewReplacer(tc.group, "", tc.point, ".").Replace(s)
		plain = strings.Map(func(r rune) rune {
			if r == '-' || r == '.' || '0' <= r && r <= '9' {
				return r
			}
			return -1
		}, plain)
		v, err := decimal.NewFromString(plain)
		if err != nil || !v.Equal(a.Decimal()) {
			t.Fatalf("%v.Format(%v) = %q shows %s, %v", a, tc.tag, s, v, err)
		}
		if got := places(plain); got != want {
			t.Fatalf("%v.Format(%v) = %q has %d decimal places, want %d", a, tc.tag, s, got, want)
		}
	}
}

// places returns the digits after the last "." in s.
func places(s string) int {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return 0
	}
	return len(s) - i - 1
}
