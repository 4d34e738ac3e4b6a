package pledge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

func TestNewAmount(t *testing.T) {
	tests := []struct {
		value, code string
		want        string // String() of the result; "" when an error is expected
		err         error
	}{
		{"2300000000", "USD", "USD 2300000000", nil},
		{"150.25", "usd", "USD 150.25", nil},
		{"2300000000.00", "USD", "USD 2300000000", nil},
		{"0", "KRW", "KRW 0", nil},
		{"-3", "EUR", "EUR -3", nil},
		{"12345678901234567890123456789.01", "USD", "USD 12345678901234567890123456789.01", nil},
		{"", "USD", "", pledge.ErrInvalidAmount},
		{"-", "USD", "", pledge.ErrInvalidAmount},
		{"1e9", "USD", "", pledge.ErrInvalidAmount},
		{"1,000", "USD", "", pledge.ErrInvalidAmount},
		{"+5", "USD", "", pledge.ErrInvalidAmount},
		{".5", "USD", "", pledge.ErrInvalidAmount},
		{"5.", "USD", "", pledge.ErrInvalidAmount},
		{" 5", "USD", "", pledge.ErrInvalidAmount},
		{"NaN", "USD", "", pledge.ErrInvalidAmount},
		{"1" + string(make([]byte, 0)) + "0000000000000000000000000000000000000000000000000000000000000", "USD", "", pledge.ErrInvalidAmount},
		{"5", "US", "", pledge.ErrInvalidCurrency},
		{"5", "ZZZ", "", pledge.ErrInvalidCurrency},
		{"5", "XXX", "", pledge.ErrInvalidCurrency},
		{"5", "XTS", "", pledge.ErrInvalidCurrency},
		{"5", "", "", pledge.ErrInvalidCurrency},
	}
	for _, tt := range tests {
		got, err := pledge.NewAmount(tt.value, tt.code)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("NewAmount(%q, %q) error = %v, want %v", tt.value, tt.code, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("NewAmount(%q, %q): %v", tt.value, tt.code, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got.String()); diff != "" {
			t.Errorf("NewAmount(%q, %q) (-want +got):\n%s", tt.value, tt.code, diff)
		}
	}
}

func TestAmountArithmetic(t *testing.T) {
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	sum, err := usd("2300000000").Add(usd("150000000"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(usd("2450000000"), sum); diff != "" {
		t.Errorf("Add (-want +got):\n%s", diff)
	}
	diff, err := usd("0.3").Sub(usd("0.1"))
	if err != nil || !diff.Equal(usd("0.2")) {
		t.Errorf("0.3-0.1 = %v, %v; want exactly USD 0.2", diff, err)
	}
	var zero pledge.Amount
	if got, err := zero.Add(usd("5")); err != nil || !got.Equal(usd("5")) {
		t.Errorf("zero+5 = %v, %v; want USD 5", got, err)
	}
	if c, err := usd("2.30").Cmp(usd("2.3")); err != nil || c != 0 {
		t.Errorf("Cmp(2.30, 2.3) = %d, %v", c, err)
	}
	if !usd("2.30").Equal(usd("2.3")) {
		t.Error("2.30 and 2.3 should be Equal")
	}
	if usd("1").Equal(pledge.MustAmount("1", "EUR")) {
		t.Error("USD 1 should not equal EUR 1")
	}

	_, err = usd("1").Add(pledge.MustAmount("1", "KRW"))
	var me *pledge.MismatchError
	if !errors.Is(err, pledge.ErrCurrencyMismatch) || !errors.As(err, &me) {
		t.Fatalf("USD+KRW error = %v, want a *MismatchError", err)
	}
	if got, want := err.Error(), "pledge: currency mismatch: USD vs KRW"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if _, err := usd("1").Cmp(pledge.MustAmount("1", "KRW")); !errors.Is(err, pledge.ErrCurrencyMismatch) {
		t.Errorf("Cmp across currencies: %v", err)
	}
	if got := pledge.MustAmount("1.005", "USD").Round().String(); got != "USD 1.01" {
		t.Errorf("Round = %s, want USD 1.01", got)
	}
	if got := pledge.MustAmount("1500.5", "KRW").Round().String(); got != "KRW 1501" {
		t.Errorf("Round = %s, want KRW 1501", got)
	}
	a := pledge.AmountOf(decimal.RequireFromString("7"), currency.JPY)
	if a.Currency() != currency.JPY || !a.Decimal().Equal(decimal.NewFromInt(7)) {
		t.Errorf("AmountOf = %v", a)
	}
}

func TestAmountEncoding(t *testing.T) {
	a := pledge.MustAmount("2300000000.5", "USD")
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"value":"2300000000.5","currency":"USD"}`, string(data)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back pledge.Amount
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	text, _ := a.MarshalText()
	var fromText pledge.Amount
	if err := fromText.UnmarshalText(text); err != nil || !fromText.Equal(a) {
		t.Errorf("text round trip: %v, %v", fromText, err)
	}

	for _, bad := range []string{
		`{"value":2300000000,"currency":"USD"}`,
		`{"value":"1","currency":"USD","extra":1}`,
		`{"value":"1","currency":"USD","Value":"2"}`, // encoding/json alone would read 2
		`{"value":"1","currency":"USD","value":"2"}`,
		`{"value":"1","currency":"USD","CURRENCY":"EUR"}`,
		`{"value":"1","currency":"DOLLARS"}`,
		`{"value":"1.2.3","currency":"USD"}`,
		`"USD 1"`,
		`null`,
	} {
		var got pledge.Amount
		if err := json.Unmarshal([]byte(bad), &got); err == nil && bad != "null" {
			t.Errorf("Unmarshal(%s) = %v, want an error", bad, got)
		}
	}
}

// TestZeroAmountJSON: the zero Amount is JSON null, which reads back as
// the zero Amount, alone and inside a record, a part and a conversion; an
// amount of some value without a currency cannot be written.
func TestZeroAmountJSON(t *testing.T) {
	data, err := json.Marshal(pledge.Amount{})
	if err != nil || string(data) != "null" {
		t.Errorf("Marshal(Amount{}) = %s, %v; want null", data, err)
	}
	back := pledge.MustAmount("1", "USD")
	if err := json.Unmarshal(data, &back); err != nil || !back.Equal(pledge.MustAmount("1", "USD")) {
		t.Errorf("null read into an amount: %v, %v; want it unchanged", back, err)
	}
	var zero pledge.Amount
	if err := json.Unmarshal(data, &zero); err != nil || zero != (pledge.Amount{}) {
		t.Errorf("null read back as %v, %v", zero, err)
	}
	for _, v := range []any{pledge.Pledge{ID: "a", Donor: "d"}, pledge.Part{Year: 2024}, pledge.Conversion{}} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%T: %v", v, err)
			continue
		}
		if bytes.Contains(data, []byte("XXX")) {
			t.Errorf("%T: %s holds XXX", v, data)
		}
	}
	var p pledge.Pledge
	data, _ = json.Marshal(pledge.Pledge{ID: "a", Donor: "d", Parts: []pledge.Part{{Year: 2024}}})
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	if diff := cmp.Diff(pledge.Pledge{ID: "a", Donor: "d", Parts: []pledge.Part{{Year: 2024}}}, p); diff != "" {
		t.Errorf("%s read back (-want +got):\n%s", data, diff)
	}
	if data, err := json.Marshal(pledge.AmountOf(decimal.NewFromInt(5), currency.XXX)); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("Marshal of 5 without a currency = %s, %v; want ErrInvalidAmount", data, err)
	}
}
