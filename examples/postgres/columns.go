package postgres

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// The mapping between a record and its rows is one list of columns per
// table. Each column names a field once; writing takes its value from
// there and reading scans into it, so a field added to pledge.Pledge or
// pledge.Part is one line here, and the tables, the INSERTs and the SELECTs
// follow. The types carry their own database/sql methods: an Amount writes
// "(2300000000,USD)" into the composite type amount and scans it back, a
// Stage is its name in the enum stage, a Category its text.
//
// A new field is one line such as
//
//	field("qualifier", "TEXT NOT NULL", func(p *pledge.Pledge) *pledge.Qualifier { return &p.Qualifier }),
//
// in its table's columns.

// column is one column of table T: its name, its SQL type and constraints,
// and the field of T it holds.
type column[T any] struct {
	name, sql string
	value     func(*T) any // what is written: a driver.Valuer or a plain Go value
	dest      func(*T) any // where the column is scanned: a pointer or an sql.Scanner
}

// field is a NOT NULL column holding *f(t) as it is.
func field[T, V any](name, sqlType string, f func(*T) *V) column[T] {
	return column[T]{name, sqlType,
		func(t *T) any { return *f(t) },
		func(t *T) any { return f(t) }}
}

// orNull is a nullable column whose NULL is the field's zero value: "" for
// a Revises or an Under that names nothing, 0 for a part's unknown year.
func orNull[T any, V comparable](name, sqlType string, f func(*T) *V) column[T] {
	return column[T]{name, sqlType,
		func(t *T) any {
			var zero V
			if v := *f(t); v != zero {
				return v
			}
			return nil
		},
		func(t *T) any { return nullScanner[V]{f(t)} }}
}

// date is a DATE column for a civil date; NULL is the zero time, a date
// not given.
func date[T any](name string, f func(*T) *time.Time) column[T] {
	return column[T]{name, "DATE",
		func(t *T) any {
			if d := *f(t); !d.IsZero() {
				return d
			}
			return nil
		},
		func(t *T) any { return nullScanner[time.Time]{f(t)} }}
}

// text is a NOT NULL TEXT column for a field whose type writes and reads
// itself as text (encoding.TextMarshaler and TextUnmarshaler) but has no
// database/sql methods of its own, such as pledge.Precision.
func text[T, V any, PV interface {
	*V
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}](name string, f func(*T) PV) column[T] {
	return column[T]{name, "TEXT NOT NULL",
		func(t *T) any { return textValuer{f(t)} },
		func(t *T) any { return textScanner{f(t)} }}
}

type textValuer struct{ m encoding.TextMarshaler }

func (v textValuer) Value() (driver.Value, error) {
	b, err := v.m.MarshalText()
	return string(b), err
}

type textScanner struct{ u encoding.TextUnmarshaler }

func (s textScanner) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return s.u.UnmarshalText([]byte(v))
	case []byte:
		return s.u.UnmarshalText(v)
	}
	return fmt.Errorf("want text, found %T", src)
}

// nullScanner scans a nullable column into *p, NULL as the zero value.
type nullScanner[V any] struct{ p *V }

func (s nullScanner[V]) Scan(src any) error {
	var n sql.Null[V]
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.p = n.V
	return nil
}

// table is a table of rows of T, each row keyed by its record's position
// in the book (column pledge, or seq in pledges itself) and, for a list,
// by positions within the record.
type table[T any] struct {
	name    string
	keys    []string // key columns, outermost first; each a BIGINT or INT
	columns []column[T]
	ddl     string // the key columns' types and the table's constraints
}

// pledges holds a record's scalar fields; the amount is one composite
// column. seq is the record's position in the book, which is the order
// Book.Add needs them in and the key of the child tables.
var pledges = table[pledge.Pledge]{
	name: "pledges",
	keys: []string{"seq"},
	ddl:  "seq BIGINT PRIMARY KEY",
	columns: []column[pledge.Pledge]{
		field("id", "TEXT NOT NULL UNIQUE", func(p *pledge.Pledge) *string { return &p.ID }),
		field("donor", "TEXT NOT NULL", func(p *pledge.Pledge) *string { return &p.Donor }),
		field("recipient", "TEXT NOT NULL", func(p *pledge.Pledge) *string { return &p.Recipient }),
		field("amount", "amount NOT NULL CHECK ((amount).value >= 0 AND (amount).currency IS NOT NULL)", func(p *pledge.Pledge) *pledge.Amount { return &p.Amount }),
		field("qualifier", "TEXT NOT NULL", func(p *pledge.Pledge) *pledge.Qualifier { return &p.Qualifier }),
		field("stage", "stage NOT NULL", func(p *pledge.Pledge) *pledge.Stage { return &p.Stage }),
		date("date", func(p *pledge.Pledge) *time.Time { return &p.Date }),
		text("date_precision", func(p *pledge.Pledge) *pledge.Precision { return &p.DatePrecision }),
		field("occasion", "TEXT NOT NULL", func(p *pledge.Pledge) *string { return &p.Occasion }),
		orNull("revises", "TEXT UNIQUE REFERENCES pledges (id) DEFERRABLE INITIALLY DEFERRED", func(p *pledge.Pledge) *string { return &p.Revises }),
		orNull("under", "TEXT REFERENCES pledges (id) DEFERRABLE INITIALLY DEFERRED", func(p *pledge.Pledge) *string { return &p.Under }),
		field("note", "TEXT NOT NULL", func(p *pledge.Pledge) *string { return &p.Note }),
	},
}

// categories holds a record's categories, in order.
var categories = table[pledge.Category]{
	name: "pledge_categories",
	keys: []string{"pledge", "pos"},
	ddl:  "pledge BIGINT NOT NULL REFERENCES pledges (seq) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, pos INT NOT NULL, PRIMARY KEY (pledge, pos)",
	columns: []column[pledge.Category]{
		field("category", "TEXT NOT NULL", func(c *pledge.Category) *pledge.Category { return c }),
	},
}

// partRow is a part as its row holds it: the amount in two columns, an
// exact NUMERIC and a currency code, the form for databases without
// composite types (and for SQL that wants plain columns). part and
// rowOfPart convert.
type partRow struct {
	pledge.Part
	value decimal.Decimal
	code  string
}

func rowOfPart(pt pledge.Part) partRow {
	return partRow{Part: pt, value: pt.Amount.Decimal(), code: pt.Amount.Currency().String()}
}

func (r partRow) part() (pledge.Part, error) {
	cur, err := currency.ParseISO(r.code)
	if err != nil {
		return pledge.Part{}, fmt.Errorf("currency %q: %w", r.code, err)
	}
	r.Part.Amount = pledge.AmountOf(r.value, cur)
	return r.Part, nil
}

// parts holds a record's itemised parts, in order; their categories are in
// part_categories.
var parts = table[partRow]{
	name: "parts",
	keys: []string{"pledge", "pos"},
	ddl:  "pledge BIGINT NOT NULL REFERENCES pledges (seq) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, pos INT NOT NULL, PRIMARY KEY (pledge, pos)",
	columns: []column[partRow]{
		field("value", "NUMERIC NOT NULL CHECK (value >= 0)", func(r *partRow) *decimal.Decimal { return &r.value }),
		field("currency", "CHAR(3) NOT NULL", func(r *partRow) *string { return &r.code }),
		field("qualifier", "TEXT NOT NULL", func(r *partRow) *pledge.Qualifier { return &r.Qualifier }),
		orNull("year", "INT", func(r *partRow) *int { return &r.Year }),
		field("note", "TEXT NOT NULL", func(r *partRow) *string { return &r.Note }),
	},
}

// partCategories holds each part's categories, in order.
var partCategories = table[pledge.Category]{
	name: "part_categories",
	keys: []string{"pledge", "part", "pos"},
	ddl:  "pledge BIGINT NOT NULL, part INT NOT NULL, pos INT NOT NULL, PRIMARY KEY (pledge, part, pos), FOREIGN KEY (pledge, part) REFERENCES parts (pledge, pos) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
	columns: []column[pledge.Category]{
		field("category", "TEXT NOT NULL", func(c *pledge.Category) *pledge.Category { return c }),
	},
}

// sources holds a record's sources, in order.
var sources = table[pledge.Source]{
	name: "sources",
	keys: []string{"pledge", "pos"},
	ddl:  "pledge BIGINT NOT NULL REFERENCES pledges (seq) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, pos INT NOT NULL, PRIMARY KEY (pledge, pos)",
	columns: []column[pledge.Source]{
		field("publisher", "TEXT NOT NULL", func(s *pledge.Source) *string { return &s.Publisher }),
		field("title", "TEXT NOT NULL", func(s *pledge.Source) *string { return &s.Title }),
		field("url", "TEXT NOT NULL", func(s *pledge.Source) *string { return &s.URL }),
		field("quote", "TEXT NOT NULL", func(s *pledge.Source) *string { return &s.Quote }),
		date("date", func(s *pledge.Source) *time.Time { return &s.Date }),
	},
}

// create returns the CREATE TABLE statement.
func (t table[T]) create() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n\t%s", t.name, t.ddl)
	for _, c := range t.columns {
		fmt.Fprintf(&b, ",\n\t%s %s", c.name, c.sql)
	}
	b.WriteString("\n)")
	return b.String()
}

// names returns the column names, keys first, joined with commas.
func (t table[T]) names() string {
	names := append([]string(nil), t.keys...)
	for _, c := range t.columns {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// width is the number of columns, keys included.
func (t table[T]) width() int { return len(t.keys) + len(t.columns) }

// values appends the row of v under the given keys to args.
func (t table[T]) values(args []any, v *T, keys ...int64) []any {
	for _, k := range keys {
		args = append(args, k)
	}
	for _, c := range t.columns {
		args = append(args, c.value(v))
	}
	return args
}

// dests returns where Scan puts a row: the keys into keys, the columns
// into v.
func (t table[T]) dests(v *T, keys []int64) []any {
	out := make([]any, 0, t.width())
	for i := range keys {
		out = append(out, &keys[i])
	}
	for _, c := range t.columns {
		out = append(out, c.dest(v))
	}
	return out
}
