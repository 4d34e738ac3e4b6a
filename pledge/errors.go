package pledge

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors that callers branch on with errors.Is. Every error the
// package returns wraps one of them, directly or through a typed error that
// carries the details.
var (
	// ErrCurrencyMismatch: arithmetic or comparison across currencies.
	ErrCurrencyMismatch = errors.New("pledge: currency mismatch")
	// ErrInvalidCurrency: not an ISO 4217 code, or one of the codes that
	// are no money at all: XXX (no currency) and XTS (testing).
	ErrInvalidCurrency = errors.New("pledge: invalid currency")
	// ErrInvalidAmount: a value that is not an exact decimal, or is negative
	// where only sums of money can stand.
	ErrInvalidAmount = errors.New("pledge: invalid amount")
	// ErrInvalidCategory: an empty or malformed category path.
	ErrInvalidCategory = errors.New("pledge: invalid category")
	// ErrMissing: a required field is empty.
	ErrMissing = errors.New("pledge: missing field")
	// ErrDuplicate: an ID already recorded, or given twice.
	ErrDuplicate = errors.New("pledge: duplicate")
	// ErrUnknownPledge: a Revises or Under that points to no record.
	ErrUnknownPledge = errors.New("pledge: unknown pledge")
	// ErrCycle: Revises or Under links that loop back on themselves.
	ErrCycle = errors.New("pledge: cycle")
	// ErrConflict: a record that disagrees with another (two revisions of
	// the same record, a part in another currency, a record that fulfils
	// another but is at an earlier stage or in another currency).
	ErrConflict = errors.New("pledge: conflict")
	// ErrPartsExceed: parts that add up to more than the whole.
	ErrPartsExceed = errors.New("pledge: parts exceed the whole")
	// ErrInvalid: any other malformed value (a stage, a date, a year).
	ErrInvalid = errors.New("pledge: invalid value")
	// ErrUnknownName: a query filter that names a donor, recipient or
	// category the book does not hold (see [NameError]).
	ErrUnknownName = errors.New("pledge: unknown name")
	// ErrMissingRate: no exchange rate for a conversion.
	ErrMissingRate = errors.New("pledge: missing exchange rate")
)

// MismatchError reports two amounts in different currencies. It matches
// [ErrCurrencyMismatch].
type MismatchError struct {
	A, B Amount
}

// Error says which currencies met.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("pledge: currency mismatch: %s vs %s", e.A.cur, e.B.cur)
}

// Is makes errors.Is(err, ErrCurrencyMismatch) true.
func (e *MismatchError) Is(target error) bool { return target == ErrCurrencyMismatch }

// CurrencyError reports a code that is not the ISO 4217 code of a currency.
// It matches [ErrInvalidCurrency].
type CurrencyError struct {
	Code string
}

// Error names the code, quoting at most its first 64 bytes, and what is
// wanted instead.
func (e *CurrencyError) Error() string {
	return fmt.Sprintf("pledge: invalid currency %s: want an ISO 4217 code such as USD, EUR or KRW", problem.Quote(e.Code))
}

// Is makes errors.Is(err, ErrInvalidCurrency) true.
func (e *CurrencyError) Is(target error) bool { return target == ErrInvalidCurrency }

// AmountError reports a value that is not an exact decimal amount. It
// matches [ErrInvalidAmount].
type AmountError struct {
	Value  string // the text as given
	Reason string
}

// Error names the value, quoting at most its first 64 bytes, and what is
// wrong with it.
func (e *AmountError) Error() string {
	return fmt.Sprintf("pledge: invalid amount %s: %s", problem.Quote(e.Value), e.Reason)
}

// Is makes errors.Is(err, ErrInvalidAmount) true.
func (e *AmountError) Is(target error) bool { return target == ErrInvalidAmount }

// Problem is one thing wrong with one record: which record (its position in
// the batch, its ID, and for files the line it starts on, and for CSV the
// row), which field, and what is wrong. Err matches one of the package's
// sentinel errors.
type Problem struct {
	Index int    // position in the batch given to Add or in the file, from 0; -1 outside any record (a CSV header)
	ID    string // the record's ID, when it has one
	Line  int    // line in the input file where the record (in CSV, the row) starts; 0 if not read from a file
	// Row is the row of a CSV file that holds the bad value, counting the
	// header as row 1, as a spreadsheet numbers its rows (blank lines are
	// not rows); 0 for other input. A record with parts or sources spans
	// several rows, and a cell may span lines, so Row and Line may differ.
	Row int
	// Field is the field's path in the record ("amount", "categories[1]",
	// "parts[0].amount", "revises" ...), or in CSV the column's name
	// ("amount", "category"), the row saying which part or source.
	Field string
	Err   error
}

// Error names the record (row or line, ID or position), the field and the
// problem: `pledge (line 3) "kr-ua" amount: invalid amount: USD -1 is
// negative`, `pledge (row 7, line 9) "kr-ua" category: ...`. An ID or a
// value is quoted up to its first 64 bytes, then by its length.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("pledge")
	switch {
	case p.Row > 0 && p.Line > 0 && p.Line != p.Row:
		fmt.Fprintf(&b, " (row %d, line %d)", p.Row, p.Line)
	case p.Row > 0:
		fmt.Fprintf(&b, " (row %d)", p.Row)
	case p.Line > 0:
		fmt.Fprintf(&b, " (line %d)", p.Line)
	}
	switch {
	case p.ID != "":
		b.WriteString(" " + problem.Quote(p.ID))
	case p.Index >= 0 && p.Row == 0: // a row says where already
		fmt.Fprintf(&b, " #%d", p.Index)
	}
	if p.Field != "" {
		b.WriteString(" " + p.Field)
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(p.Err.Error(), "pledge: "))
	return b.String()
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists the problems found in a batch of records or an
// input file: the first 100 by record, in the order found within a record,
// and a count of the rest. When [Book.Add] returns one, none of the batch
// was added. errors.Is sees through it to each listed problem's sentinel.
type ValidationError struct {
	Problems []Problem
	// Omitted counts the problems found beyond those listed: a reader or a
	// batch keeps the first 100 (problem.Max) and counts the rest.
	Omitted int
}

// Error lists the problems, one per line after the first, and then how
// many more were found.
func (e *ValidationError) Error() string { return problem.List("pledge", e.Unwrap(), e.Omitted) }

// Unwrap returns the problems, so errors.Is and errors.As look into each.
func (e *ValidationError) Unwrap() []error { return problem.Errors(e.Problems) }

// MissingRate names one conversion that had no rate, with what would
// have made it: a rate quoted the other way, or one too old for MaxAge.
type MissingRate struct {
	From, To currency.Unit
	Day      time.Time // zero: the record has no date
	// Period is Day for the rate of a day, or Month or Year for an average
	// over the month or year that starts on Day, which a record dated only
	// by month or year needs ([Rates.ConvertPeriod]).
	Period Precision
	// Records are the IDs of the records that needed the rate, sorted: at
	// most [MaxMissingRecords] of them; More counts the rest. A single
	// [Rates.Convert] names none.
	Records []string
	More    int
	// Inverse reports that a To→From rate is there to invert: setting
	// [Rates].Inverse would derive this one.
	Inverse bool
	// Stale is the day of the latest From→To rate before Day when it is
	// older than [Rates].MaxAge allows; zero when there is none.
	Stale time.Time
	// Average is Month or Year when a daily rate is missing but an
	// average over the month or the year that holds Day is there, which
	// Query.RatePeriod could let the conversion use; Day when there is
	// none, or the missing rate is an average itself.
	Average Precision
}

// Equal reports whether m and o name the same missing rate, records and
// hints included; go-cmp uses it.
func (m MissingRate) Equal(o MissingRate) bool {
	return m.From == o.From && m.To == o.To && m.Day.Equal(o.Day) && m.Period == o.Period && slices.Equal(m.Records, o.Records) &&
		m.More == o.More && m.Inverse == o.Inverse && m.Stale.Equal(o.Stale) && m.Average == o.Average
}

// MaxMissingRecords is how many record IDs a [MissingRate] lists.
const MaxMissingRecords = 5

// String names the pair, the day, the records and what would help:
// "KRW→USD on 2023-05-22 for kr-ua-1 (a USD→KRW rate is there: set
// Rates.Inverse to derive it)".
func (m MissingRate) String() string {
	var b strings.Builder
	if m.Day.IsZero() {
		fmt.Fprintf(&b, "%s→%s for a record with no date", m.From, m.To)
		if len(m.Records) > 0 {
			b.WriteString(" (")
			writeIDs(&b, m.Records, m.More)
			b.WriteString(": give it a date)")
		}
		return b.String()
	}
	switch m.Period {
	case Month:
		fmt.Fprintf(&b, "%s→%s average for %s or %d", m.From, m.To, FormatDate(m.Day, Month), m.Day.Year())
	case Year:
		fmt.Fprintf(&b, "%s→%s average for %d", m.From, m.To, m.Day.Year())
	default:
		fmt.Fprintf(&b, "%s→%s on %s", m.From, m.To, civil.Format(m.Day))
	}
	if len(m.Records) > 0 {
		b.WriteString(" for ")
		writeIDs(&b, m.Records, m.More)
	}
	switch {
	case m.Inverse:
		fmt.Fprintf(&b, " (a %s→%s rate is there: set Rates.Inverse to derive it)", m.To, m.From)
	case !m.Stale.IsZero():
		fmt.Fprintf(&b, " (the latest, of %s, is older than Rates.MaxAge)", civil.Format(m.Stale))
	}
	switch m.Average {
	case Month:
		fmt.Fprintf(&b, " (an average for %s is there: Query.RatePeriod Month would use it)", FormatDate(m.Day, Month))
	case Year:
		fmt.Fprintf(&b, " (an average for %d is there: Query.RatePeriod Year would use it)", m.Day.Year())
	}
	return b.String()
}

func writeIDs(b *strings.Builder, ids []string, more int) {
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(id))
	}
	if more > 0 {
		fmt.Fprintf(b, " and %d more", more)
	}
}

// RateError lists every conversion a total needed and could not make. It
// matches [ErrMissingRate].
type RateError struct {
	Missing []MissingRate
}

// Error lists every missing rate.
func (e *RateError) Error() string {
	parts := make([]string, len(e.Missing))
	for i, m := range e.Missing {
		parts[i] = m.String()
	}
	return "pledge: missing exchange rate: " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrMissingRate) true.
func (e *RateError) Is(target error) bool { return target == ErrMissingRate }

// ErrApproximate: a qualified figure ("about $2.3 billion", "20억 달러
// 이상") where an exact amount is wanted; read it with [ParseFigure].
var ErrApproximate = errors.New("pledge: approximate figure")

// ParseError reports text that is not a figure of money: the text, the
// byte offset in it where the problem is, and why. It matches its Err:
// [ErrInvalidAmount], [ErrInvalidCurrency] or [ErrApproximate].
type ParseError struct {
	Text   string // the text as given
	Pos    int    // byte offset of the problem in Text
	Reason string
	Err    error
}

// Error quotes the text and says where and why it could not be read.
func (e *ParseError) Error() string {
	return fmt.Sprintf("pledge: cannot read %q at byte %d: %s", window(e.Text, e.Pos), e.Pos, e.Reason)
}

// Unwrap returns the sentinel error the problem matches.
func (e *ParseError) Unwrap() error { return e.Err }
