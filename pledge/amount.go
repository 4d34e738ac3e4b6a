package pledge

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// Amount is an exact sum of money: a decimal value and an ISO 4217 currency.
// Amounts are small immutable values; compare them with [Amount.Equal] or
// [Amount.Cmp], never with ==, because 2.30 and 2.3 are the same money.
//
// The zero Amount has no currency (ISO 4217 "XXX") and the value 0. It is
// what a declared but unset Amount holds, and it is the identity of
// [Amount.Add] and [Amount.Sub], so a running sum may start from it. A
// [Book] rejects it as a pledge's amount.
type Amount struct {
	value decimal.Decimal
	cur   currency.Unit
}

// maxDigits bounds the digits of an amount read from text: far beyond any
// sum of money, small enough that hostile input cannot make arithmetic slow.
const maxDigits = 60

// NewAmount returns the amount written as a plain decimal ("2300000000",
// "150.25", "-3") in the currency with the ISO 4217 code currencyCode (any
// case: "USD", "krw"). It accepts no exponents, grouping separators, signs
// other than a leading minus, or currency symbols: for text as the news
// writes it ("$2.3 billion") use [ParseAmount].
func NewAmount(value, currencyCode string) (Amount, error) {
	cur, err := parseCurrency(currencyCode)
	if err != nil {
		return Amount{}, err
	}
	d, err := parseDecimal(value)
	if err != nil {
		return Amount{}, err
	}
	return Amount{value: d, cur: cur}, nil
}

// MustAmount is like [NewAmount] but panics on bad input. Use it for
// literals in tests and examples only.
func MustAmount(value, currencyCode string) Amount {
	a, err := NewAmount(value, currencyCode)
	if err != nil {
		panic(err)
	}
	return a
}

// AmountOf returns the amount value in cur. It does not check cur: an amount
// in "XXX" (no currency) is rejected later, when it is recorded.
func AmountOf(value decimal.Decimal, cur currency.Unit) Amount {
	return Amount{value: value, cur: cur}
}

// parseCurrency reads an ISO 4217 code and refuses the codes that are not
// money: XXX (no currency) and XTS (reserved for testing).
func parseCurrency(code string) (currency.Unit, error) {
	u, err := currency.ParseISO(code)
	if err != nil || u == currency.XXX || u == currency.XTS {
		return currency.XXX, &CurrencyError{Code: code}
	}
	return u, nil
}

// parseDecimal reads -?digits[.digits] exactly, with at most maxDigits digits.
func parseDecimal(s string) (decimal.Decimal, error) {
	bad := func(why string) (decimal.Decimal, error) {
		return decimal.Decimal{}, &AmountError{Value: s, Reason: why}
	}
	body := strings.TrimPrefix(s, "-")
	if body == "" {
		return bad("no digits")
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if whole == "" || hasPoint && frac == "" {
		return bad("want digits on both sides of the decimal point")
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return bad(fmt.Sprintf("unexpected %q", part[i:i+1]))
			}
		}
	}
	if len(whole)+len(frac) > maxDigits {
		return bad(fmt.Sprintf("more than %d digits", maxDigits))
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return bad(err.Error())
	}
	return d, nil
}

// Decimal returns the decimal value. (Value is database/sql's: see
// [Amount.Value].)
func (a Amount) Decimal() decimal.Decimal { return a.value }

// Currency returns the currency; the zero Amount's is currency.XXX.
func (a Amount) Currency() currency.Unit { return a.cur }

// hasCurrency reports whether a names a currency (is not in XXX).
func (a Amount) hasCurrency() bool { return a.cur != currency.XXX }

// unset reports whether a is the zero Amount: no currency, value zero.
func (a Amount) unset() bool { return !a.hasCurrency() && a.value.IsZero() }

// match returns the common currency of a and b, letting an unset amount take
// the other's currency, or a *MismatchError.
func (a Amount) match(b Amount) (currency.Unit, error) {
	switch {
	case a.cur == b.cur:
		return a.cur, nil
	case a.unset():
		return b.cur, nil
	case b.unset():
		return a.cur, nil
	}
	return currency.XXX, &MismatchError{A: a, B: b}
}

// Add returns a+b. Amounts in different currencies cannot be added: the
// error is a *MismatchError that matches [ErrCurrencyMismatch]. The zero
// Amount adds to anything.
func (a Amount) Add(b Amount) (Amount, error) {
	cur, err := a.match(b)
	if err != nil {
		return Amount{}, err
	}
	return Amount{value: a.value.Add(b.value), cur: cur}, nil
}

// Sub returns a-b, under the same currency rule as [Amount.Add].
func (a Amount) Sub(b Amount) (Amount, error) {
	cur, err := a.match(b)
	if err != nil {
		return Amount{}, err
	}
	return Amount{value: a.value.Sub(b.value), cur: cur}, nil
}

// Cmp compares a and b: -1 if a < b, 0 if equal, +1 if a > b. Amounts in
// different currencies do not compare; the error matches [ErrCurrencyMismatch].
func (a Amount) Cmp(b Amount) (int, error) {
	if _, err := a.match(b); err != nil {
		return 0, err
	}
	return a.value.Cmp(b.value), nil
}

// Equal reports whether a and b are in the same currency and numerically
// equal (2.30 equals 2.3). go-cmp uses it, so tests compare Amounts directly.
func (a Amount) Equal(b Amount) bool {
	return a.cur == b.cur && a.value.Equal(b.value)
}

// IsZero reports whether the value is zero, whatever the currency.
func (a Amount) IsZero() bool { return a.value.IsZero() }

// Sign returns -1, 0 or +1 as the value is negative, zero or positive.
func (a Amount) Sign() int { return a.value.Sign() }

// Neg returns -a.
func (a Amount) Neg() Amount { return Amount{value: a.value.Neg(), cur: a.cur} }

// Round returns a rounded to the currency's standard minor unit (2 places
// for USD, 0 for KRW and JPY, 3 for BHD), half away from zero.
func (a Amount) Round() Amount {
	scale, _ := currency.Standard.Rounding(a.cur)
	return a.RoundTo(int32(scale))
}

// RoundTo returns a rounded to places decimal places, half away from zero.
func (a Amount) RoundTo(places int32) Amount {
	return Amount{value: a.value.Round(places), cur: a.cur}
}

// String returns the currency code, a space and the plain decimal value,
// without exponent or trailing zeros: "USD 2300000000", "KRW 520000000000".
// [ParseAmount] reads it back. The zero Amount is "XXX 0".
func (a Amount) String() string {
	return a.cur.String() + " " + a.value.String()
}

// MarshalText writes the [Amount.String] form.
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads "CODE value" as written by [Amount.MarshalText].
func (a *Amount) UnmarshalText(text []byte) error {
	code, value, ok := strings.Cut(string(text), " ")
	if !ok {
		return &AmountError{Value: string(text), Reason: `want "CODE value", as "USD 2300000000"`}
	}
	v, err := NewAmount(value, code)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

type amountJSON struct {
	Value    string `json:"value"`
	Currency string `json:"currency"`
}

// MarshalJSON writes {"value":"2300000000","currency":"USD"}: the value as a
// string, so no JSON reader turns it into a float. The zero Amount, which
// has no currency, is JSON null, which [Amount.UnmarshalJSON] leaves as it
// finds it, as encoding/json does for null: decoded into a new value, the
// zero Amount; an amount of some value without a currency (made with
// [AmountOf] and currency.XXX) is an error matching [ErrInvalidAmount], as
// JSON could not carry it back.
func (a Amount) MarshalJSON() ([]byte, error) {
	if !a.hasCurrency() {
		if a.value.IsZero() {
			return []byte("null"), nil
		}
		return nil, &AmountError{Value: a.String(), Reason: "an amount without a currency cannot be written as JSON"}
	}
	return json.Marshal(amountJSON{Value: a.value.String(), Currency: a.cur.String()})
}

// UnmarshalJSON reads the form written by [Amount.MarshalJSON]. A number in
// place of the value string is refused: it may already have passed through a
// float. JSON null leaves a unchanged.
func (a *Amount) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	if err := checkJSON(data, amountShape); err != nil {
		return &AmountError{Value: string(data), Reason: shapeReason(err)}
	}
	var j amountWire
	if err := json.Unmarshal(data, &j); err != nil {
		return &AmountError{Value: string(data), Reason: `want {"value":"2300000000","currency":"USD"}`}
	}
	v, err := j.amount(nil)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// amountWire is an amount as JSON holds it, before it is read.
type amountWire struct {
	Value    json.RawMessage `json:"value"`
	Currency json.RawMessage `json:"currency"`
}

// amount reads the amount j holds; sh, when given, is shared by the
// records of a file.
func (j amountWire) amount(sh *wireShare) (Amount, error) {
	if a, ok := j.plain(sh); ok {
		return a, nil
	}
	var value, code string
	if json.Unmarshal(j.Value, &value) != nil {
		return Amount{}, &AmountError{Value: string(j.Value), Reason: `the value must be a JSON string such as "2300000000": a JSON number may already have passed through a float`}
	}
	if json.Unmarshal(j.Currency, &code) != nil {
		return Amount{}, &CurrencyError{Code: string(j.Currency)}
	}
	return NewAmount(value, code)
}

// plain reads at once the amount most records have, what NewAmount reads
// of a quoted decimal of at most 18 digits, no sign, and a quoted
// three-letter code; false for anything else.
func (j amountWire) plain(sh *wireShare) (Amount, bool) {
	v, c := []byte(j.Value), []byte(j.Currency)
	if len(v) < 3 || v[0] != '"' || v[len(v)-1] != '"' || len(c) != 5 || c[0] != '"' || c[4] != '"' {
		return Amount{}, false
	}
	coef, exp, ok := plainDecimal(v[1 : len(v)-1])
	if !ok {
		return Amount{}, false
	}
	cur, err := sh.currency(string(c[1:4]))
	if err != nil {
		return Amount{}, false
	}
	return Amount{value: decimal.New(coef, exp), cur: cur}, true
}

// plainDecimal reads digits, a point and digits (or digits alone), at
// most 18 digits in all, as a coefficient and an exponent.
func plainDecimal(b []byte) (coef int64, exp int32, ok bool) {
	point := -1
	digits := 0
	for i, c := range b {
		switch {
		case '0' <= c && c <= '9':
			coef = coef*10 + int64(c-'0')
			digits++
		case c == '.' && point < 0 && i > 0 && i < len(b)-1:
			point = i
		default:
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 18 {
		return 0, 0, false
	}
	if point >= 0 {
		exp = -int32(len(b) - 1 - point)
	}
	return coef, exp, true
}
