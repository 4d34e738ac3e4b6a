package pledge

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Value writes the amount for a database column (database/sql's
// driver.Valuer) as the text of a composite value, "(2300000000,USD)": the
// exact decimal, a comma, the ISO 4217 code. That is how PostgreSQL writes
// a row of the composite type
//
//	CREATE TYPE amount AS (value NUMERIC, currency CHAR(3));
//
// so the value stays an exact NUMERIC, and SQL can sum it per currency
// (SELECT (a).currency, SUM((a).value) ... GROUP BY 1) digit for digit as
// [Book.Total] does. The form follows bojanz/currency's Amount; the value
// is written as shopspring/decimal's Value writes a decimal, in full and
// never through a float. A database without composite types keeps the
// amount in two columns instead, [Amount.Decimal] (a decimal.Decimal, itself
// a driver.Valuer) and Currency().String(), read back with [AmountOf].
// The zero Amount, which has no currency, is an error: store a
// [NullAmount] for "no amount".
func (a Amount) Value() (driver.Value, error) {
	if !a.hasCurrency() {
		return nil, &AmountError{Value: a.String(), Reason: "an amount without a currency cannot be stored; use NullAmount for none"}
	}
	return "(" + a.value.String() + "," + a.cur.String() + ")", nil
}

// Scan reads an amount from a database column (database/sql's
// sql.Scanner): the composite form [Amount.Value] writes, as PostgreSQL
// returns it ("(2300000000.00,USD)", elements possibly quoted), or the
// [Amount.String] form of a text column ("USD 2300000000"). The value is
// read exactly, with [NewAmount]'s rules. NULL is an error matching
// [ErrInvalidAmount] (scan a nullable column into a [NullAmount]), and so
// is "(,)", a composite whose fields are both NULL, which PostgreSQL
// itself takes as NULL (ROW(NULL,NULL)::amount IS NULL). A composite with
// one NULL field, "(,USD)" or "(1,)", is an error that says "a NULL
// value" or "a NULL currency", as is a bare number, which has no currency
// and may have passed through a float.
func (a *Amount) Scan(src any) error {
	got, null, err := scanSQL(src)
	if err != nil {
		return err
	}
	if null {
		return &AmountError{Value: "NULL", Reason: "a NULL column: scan it into a NullAmount"}
	}
	*a = got
	return nil
}

// scanSQL reads what Amount.Scan reads, and reports NULL, or a composite
// whose fields are both NULL, as null.
func scanSQL(src any) (a Amount, null bool, err error) {
	var text string
	switch v := src.(type) {
	case nil:
		return Amount{}, true, nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return Amount{}, false, &AmountError{Value: fmt.Sprintf("%T %v", src, src), Reason: `want text such as "(2300000000,USD)" or "USD 2300000000": a bare number has no currency`}
	}
	return scanAmount(text)
}

// scanAmount reads the composite or the String form of an amount. In the
// composite, an empty field that is not quoted is NULL, as PostgreSQL
// writes it ("" is an empty string); null reports both fields NULL.
func scanAmount(text string) (a Amount, null bool, err error) {
	s := strings.TrimSpace(text)
	inner, ok := strings.CutPrefix(s, "(")
	if !ok {
		if err := a.UnmarshalText([]byte(s)); err != nil {
			return Amount{}, false, err
		}
		return a, false, nil
	}
	inner, ok = strings.CutSuffix(inner, ")")
	value, code, comma := strings.Cut(inner, ",")
	if !ok || !comma || strings.Contains(code, ",") {
		return Amount{}, false, &AmountError{Value: problem.Quote(text), Reason: `want "(value,CODE)", as "(2300000000,USD)"`}
	}
	field := func(s string) (string, bool) {
		s = strings.TrimSpace(s)
		if s == "" {
			return "", true // NULL
		}
		if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
			s = s[1 : len(s)-1]
		}
		return strings.TrimSpace(s), false
	}
	v, noValue := field(value)
	c, noCode := field(code)
	switch {
	case noValue && noCode:
		return Amount{}, true, nil
	case noValue:
		return Amount{}, false, &AmountError{Value: text, Reason: "a NULL value: the composite has a currency and no value"}
	case noCode:
		return Amount{}, false, &AmountError{Value: text, Reason: "a NULL currency: the composite has a value and no currency"}
	}
	a, err = NewAmount(v, c)
	return a, false, err
}

// NullAmount is an [Amount] that may be NULL in a database, as
// sql.NullString is a string that may be. Valid reports that it is not.
type NullAmount struct {
	Amount Amount
	Valid  bool
}

// Value writes NULL when n is not valid, and otherwise the amount as
// [Amount.Value] does.
func (n NullAmount) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return n.Amount.Value()
}

// Scan reads NULL, and the composite "(,)" whose fields are both NULL, as
// an invalid NullAmount, and anything else as [Amount.Scan] does: a
// composite with one NULL field is an error. On error n is unchanged.
func (n *NullAmount) Scan(src any) error {
	a, null, err := scanSQL(src)
	if err != nil {
		return err
	}
	*n = NullAmount{Amount: a, Valid: !null}
	return nil
}

// MarshalJSON writes null when n is not valid, and otherwise the amount as
// [Amount.MarshalJSON] does: {"value":"2300000000","currency":"USD"}, so
// that a column scanned into a NullAmount goes to JSON as the amount or
// null.
func (n NullAmount) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	if !n.Amount.hasCurrency() {
		return nil, &AmountError{Value: n.Amount.String(), Reason: "a valid NullAmount needs an amount with a currency"}
	}
	return n.Amount.MarshalJSON()
}

// UnmarshalJSON reads null as a NullAmount that is not valid, and
// anything else as [Amount.UnmarshalJSON] reads an amount, valid. On
// error n is unchanged.
func (n *NullAmount) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*n = NullAmount{}
		return nil
	}
	var a Amount
	if err := a.UnmarshalJSON(data); err != nil {
		return err
	}
	*n = NullAmount{Amount: a, Valid: true}
	return nil
}

// scanText reads a text column for the Scan methods of named strings and
// numbers: NULL and anything but text are errors naming what.
func scanText(what string, src any) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case nil:
		return "", fmt.Errorf("%w: %s: a NULL column", ErrInvalid, what)
	}
	return "", fmt.Errorf("%w: %s: want text, found %T", ErrInvalid, what, src)
}

// Value writes the category as text, refusing a malformed one.
func (c Category) Value() (driver.Value, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	return string(c), nil
}

// Scan reads a category from a text column as [ParseCategory] does. It
// has a pointer receiver, for database/sql; gomacro users call
// ParseCategory.
func (c *Category) Scan(src any) error {
	s, err := scanText("category", src)
	if err != nil {
		return err
	}
	v, err := ParseCategory(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Value writes the stage's name as text ("committed").
func (s Stage) Value() (driver.Value, error) {
	b, err := s.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a stage from a text column as [ParseStage] does.
func (s *Stage) Scan(src any) error {
	text, err := scanText("stage", src)
	if err != nil {
		return err
	}
	v, err := ParseStage(text)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Value writes the qualifier's name as text ("at least").
func (q Qualifier) Value() (driver.Value, error) {
	b, err := q.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a qualifier from a text column as [ParseQualifier] does.
func (q *Qualifier) Scan(src any) error {
	text, err := scanText("qualifier", src)
	if err != nil {
		return err
	}
	v, err := ParseQualifier(text)
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// Value writes the precision's name as text ("month").
func (p Precision) Value() (driver.Value, error) {
	b, err := p.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a precision from a text column as [ParsePrecision] does.
func (p *Precision) Scan(src any) error {
	text, err := scanText("precision", src)
	if err != nil {
		return err
	}
	v, err := ParsePrecision(text)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
