package pledge_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// The types a record is stored with implement database/sql's interfaces.
var (
	_ driver.Valuer = pledge.Amount{}
	_ sql.Scanner   = (*pledge.Amount)(nil)
	_ driver.Valuer = pledge.NullAmount{}
	_ sql.Scanner   = (*pledge.NullAmount)(nil)
	_ driver.Valuer = pledge.Category("")
	_ sql.Scanner   = (*pledge.Category)(nil)
	_ driver.Valuer = pledge.Stage(0)
	_ sql.Scanner   = (*pledge.Stage)(nil)
	_ driver.Valuer = pledge.Qualifier(0)
	_ sql.Scanner   = (*pledge.Qualifier)(nil)
	_ driver.Valuer = pledge.Precision(0)
	_ sql.Scanner   = (*pledge.Precision)(nil)
)

func TestAmountValue(t *testing.T) {
	for _, tt := range []struct {
		a    pledge.Amount
		want string
	}{
		{pledge.MustAmount("2300000000", "USD"), "(2300000000,USD)"},
		{pledge.MustAmount("0.000756", "KRW"), "(0.000756,KRW)"},
		{pledge.MustAmount("-3", "EUR"), "(-3,EUR)"},
		{pledge.MustAmount("123456789012345678901234567890.123456789", "JPY"), "(123456789012345678901234567890.123456789,JPY)"},
	} {
		got, err := tt.a.Value()
		if err != nil || got != tt.want {
			t.Errorf("%v.Value() = %v, %v; want %q", tt.a, got, err, tt.want)
		}
	}
	if _, err := (pledge.Amount{}).Value(); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("zero Amount.Value() = %v, want ErrInvalidAmount", err)
	}
}

func TestAmountScan(t *testing.T) {
	tests := []struct {
		src  any
		want pledge.Amount
	}{
		{"(2300000000,USD)", pledge.MustAmount("2300000000", "USD")},
		{[]byte("(2300000000.00,USD)"), pledge.MustAmount("2300000000", "USD")}, // NUMERIC(20,2) as PostgreSQL returns it
		{`("1.5","EUR")`, pledge.MustAmount("1.5", "EUR")},
		{" ( 7 , jpy ) ", pledge.MustAmount("7", "JPY")},
		{"USD 2300000000", pledge.MustAmount("2300000000", "USD")}, // a text column holding String's form
		{[]byte("KRW 520000000000"), pledge.MustAmount("520000000000", "KRW")},
	}
	for _, tt := range tests {
		var got pledge.Amount
		if err := got.Scan(tt.src); err != nil {
			t.Errorf("Scan(%v): %v", tt.src, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Scan(%v) (-want +got):\n%s", tt.src, diff)
		}
	}
	for _, src := range []any{
		nil, int64(5), 2.5, "", "()", "(5)", "(5,USD,EUR)", "(5,XXX)", "(5,USD", "(1e3,USD)",
		"(5,US D)", "USD", "5 USD", "(,USD)", true,
	} {
		a := pledge.MustAmount("1", "USD")
		if err := a.Scan(src); !errors.Is(err, pledge.ErrInvalidAmount) && !errors.Is(err, pledge.ErrInvalidCurrency) {
			t.Errorf("Scan(%#v) = %v, want an amount or currency error", src, err)
		} else if !a.Equal(pledge.MustAmount("1", "USD")) {
			t.Errorf("Scan(%#v) changed the amount to %v", src, a)
		}
	}
}

func TestNullAmount(t *testing.T) {
	var n pledge.NullAmount
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Errorf("Scan(nil) = %v, %+v", err, n)
	}
	if v, err := n.Value(); v != nil || err != nil {
		t.Errorf("invalid Value() = %v, %v", v, err)
	}
	if err := n.Scan("(5,USD)"); err != nil || !n.Valid || !n.Amount.Equal(pledge.MustAmount("5", "USD")) {
		t.Errorf("Scan = %v, %+v", err, n)
	}
	if v, err := n.Value(); v != "(5,USD)" || err != nil {
		t.Errorf("Value() = %v, %v", v, err)
	}
	if err := n.Scan(int64(5)); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("Scan(5) = %v", err)
	}
}

// TestScanNullFields: a NULL field inside the composite is named as such,
// and "(,)", both fields NULL, is NULL, as PostgreSQL takes
// ROW(NULL,NULL)::amount: an error for an Amount, not valid for a
// NullAmount.
func TestScanNullFields(t *testing.T) {
	tests := []struct {
		src  any
		want string // the error of both Scans; "" for "(,)"
	}{
		{"(,USD)", `pledge: invalid amount "(,USD)": a NULL value: the composite has a currency and no value`},
		{[]byte(`( , "USD")`), `pledge: invalid amount "( , \"USD\")": a NULL value`},
		{"(1,)", `pledge: invalid amount "(1,)": a NULL currency: the composite has a value and no currency`},
		{`("",USD)`, `pledge: invalid amount "": no digits`}, // a quoted empty string is not NULL
		{"(,)", ""},
		{[]byte(" ( , ) "), ""},
	}
	for _, tt := range tests {
		a := pledge.MustAmount("1", "USD")
		err := a.Scan(tt.src)
		want := tt.want
		if want == "" {
			want = `pledge: invalid amount "NULL": a NULL column: scan it into a NullAmount`
		}
		if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, pledge.ErrInvalidAmount) {
			t.Errorf("Amount.Scan(%q) = %v, want %q", tt.src, err, want)
		}
		if !a.Equal(pledge.MustAmount("1", "USD")) {
			t.Errorf("Amount.Scan(%q) changed the amount to %v", tt.src, a)
		}
		n := pledge.NullAmount{Amount: pledge.MustAmount("1", "USD"), Valid: true}
		err = n.Scan(tt.src)
		switch {
		case tt.want == "" && (err != nil || n != pledge.NullAmount{}):
			t.Errorf("NullAmount.Scan(%q) = %+v, %v; want NULL", tt.src, n, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("NullAmount.Scan(%q) = %v, want %q", tt.src, err, tt.want)
		case tt.want != "" && !n.Valid:
			t.Errorf("NullAmount.Scan(%q) changed it on error: %+v", tt.src, n)
		}
	}
}

// TestNullAmountJSON: null when not valid, the amount's form when valid,
// and back.
func TestNullAmountJSON(t *testing.T) {
	for _, tt := range []struct {
		n    pledge.NullAmount
		want string
	}{
		{pledge.NullAmount{}, `null`},
		{pledge.NullAmount{Amount: pledge.MustAmount("5", "USD")}, `null`},
		{pledge.NullAmount{Amount: pledge.MustAmount("2300000000", "USD"), Valid: true}, `{"value":"2300000000","currency":"USD"}`},
	} {
		data, err := json.Marshal(tt.n)
		if err != nil || string(data) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.n, data, err, tt.want)
			continue
		}
		back := pledge.NullAmount{Amount: pledge.MustAmount("1", "EUR"), Valid: true}
		if err := json.Unmarshal(data, &back); err != nil {
			t.Errorf("%s: %v", data, err)
		}
		want := tt.n
		if !want.Valid {
			want = pledge.NullAmount{}
		}
		if back != want && !(back.Valid && want.Valid && back.Amount.Equal(want.Amount)) {
			t.Errorf("%s read back as %+v, want %+v", data, back, want)
		}
	}
	if _, err := json.Marshal(pledge.NullAmount{Valid: true}); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("Marshal of a valid NullAmount without an amount: %v, want ErrInvalidAmount", err)
	}
	n := pledge.NullAmount{Amount: pledge.MustAmount("1", "EUR"), Valid: true}
	if err := json.Unmarshal([]byte(`{"value":5,"currency":"USD"}`), &n); !errors.Is(err, pledge.ErrInvalidAmount) || !n.Valid {
		t.Errorf("a number value: %v, %+v; want ErrInvalidAmount and n unchanged", err, n)
	}
}

func TestNamedTextColumns(t *testing.T) {
	var c pledge.Category
	if err := c.Scan([]byte("Military / Non-Lethal")); err != nil || c != pledge.MilitaryNonLethal {
		t.Errorf("Category.Scan = %q, %v", c, err)
	}
	if v, err := pledge.MilitaryNonLethal.Value(); v != "military/non-lethal" || err != nil {
		t.Errorf("Category.Value = %v, %v", v, err)
	}
	if _, err := pledge.Category("a+b").Value(); !errors.Is(err, pledge.ErrInvalidCategory) {
		t.Errorf("bad Category.Value = %v", err)
	}
	var s pledge.Stage
	if err := s.Scan("commitment"); err != nil || s != pledge.Committed {
		t.Errorf("Stage.Scan = %v, %v", s, err)
	}
	if v, err := pledge.Disbursed.Value(); v != "disbursed" || err != nil {
		t.Errorf("Stage.Value = %v, %v", v, err)
	}
	var q pledge.Qualifier
	if err := q.Scan("at least"); err != nil || q != pledge.AtLeast {
		t.Errorf("Qualifier.Scan = %v, %v", q, err)
	}
	if v, err := pledge.MoreThan.Value(); v != "more than" || err != nil {
		t.Errorf("Qualifier.Value = %v, %v", v, err)
	}
	var p pledge.Precision
	if err := p.Scan([]byte("Month")); err != nil || p != pledge.Month {
		t.Errorf("Precision.Scan = %v, %v", p, err)
	}
	if v, err := pledge.Year.Value(); v != "year" || err != nil {
		t.Errorf("Precision.Value = %v, %v", v, err)
	}
	for _, src := range []any{nil, int64(1), "weekly"} {
		if err := p.Scan(src); !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("Precision.Scan(%v) = %v", src, err)
		}
	}
	for _, src := range []any{nil, int64(1), "non+sense"} {
		if err := c.Scan(src); err == nil {
			t.Errorf("Category.Scan(%v): no error", src)
		}
		if err := s.Scan(src); !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("Stage.Scan(%v) = %v", src, err)
		}
		if err := q.Scan(src); !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("Qualifier.Scan(%v) = %v", src, err)
		}
	}
}

// Whatever Scan reads, Value writes in a form Scan reads back equal.
func FuzzAmountScan(f *testing.F) {
	for _, s := range []string{"(2300000000,USD)", "(2300000000.00,USD)", `("1.5","EUR")`, "USD 5", "(,)", "((5,USD))", "(5,USD)x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a pledge.Amount
		if err := a.Scan(s); err != nil {
			return
		}
		v, err := a.Value()
		if err != nil {
			t.Fatalf("Scan(%q) = %v, whose Value fails: %v", s, a, err)
		}
		var back pledge.Amount
		if err := back.Scan(v); err != nil || !back.Equal(a) {
			t.Fatalf("Scan(%q) = %v; Value %v scans back as %v, %v", s, a, v, back, err)
		}
	})
}

var sqlSink any

func BenchmarkAmountValue(b *testing.B) {
	a := pledge.MustAmount("2300000000.25", "USD")
	b.ReportAllocs()
	for b.Loop() {
		v, err := a.Value()
		if err != nil {
			b.Fatal(err)
		}
		sqlSink = v
	}
}

func BenchmarkAmountScan(b *testing.B) {
	src := []byte("(2300000000.25,USD)")
	b.ReportAllocs()
	for b.Loop() {
		var a pledge.Amount
		if err := a.Scan(src); err != nil {
			b.Fatal(err)
		}
		sqlSink = a
	}
}
