package imf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors for errors.Is.
var (
	// ErrSyntax: the input is not CSV, or not shaped like the IMF's
	// exchange-rate CSV (a column missing, unknown or given twice).
	ErrSyntax = errors.New("imf: malformed input")
	// ErrInvalid: a row with a missing or malformed cell.
	ErrInvalid = errors.New("imf: invalid rate")
	// ErrConflict: two rows that give different rates for one currency
	// and period (two countries that use the currency, or one row given
	// twice with another value): which holds is not the reader's to
	// guess. Options.Countries chooses.
	ErrConflict = errors.New("imf: conflicting rates")
)

// Problem is one thing wrong with the file: where (the row, counting the
// header as row 1 as a spreadsheet does, and the line), the column, the
// row's country code when it has one, and the cause.
type Problem struct {
	Row, Line int
	Country   string
	Column    string
	Err       error
}

// Error names the row (and the line when it is another number), the
// country and the column: `imf: row 14 (KR) Rate: invalid rate: ...`.
func (p Problem) Error() string {
	var where []string
	switch {
	case p.Row > 0 && p.Line > 0 && p.Line != p.Row:
		where = append(where, fmt.Sprintf("row %d (line %d)", p.Row, p.Line))
	case p.Row > 0:
		where = append(where, fmt.Sprintf("row %d", p.Row))
	}
	if p.Country != "" {
		where = append(where, "("+p.Country+")")
	}
	if p.Column != "" {
		where = append(where, p.Column)
	}
	msg := strings.TrimPrefix(p.Err.Error(), "imf: ")
	if len(where) == 0 {
		return "imf: " + msg
	}
	return "imf: " + strings.Join(where, " ") + ": " + msg
}

// Unwrap returns the cause.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists what is wrong with a file: the first 100 problems
// by row, and a count of the rest. When reading returns one, no rate of
// the file was recorded.
type ValidationError struct {
	Problems []Problem
	Omitted  int
}

// Error lists the problems, one per line after the first.
func (e *ValidationError) Error() string { return problem.List("imf", e.Unwrap(), e.Omitted) }

// Unwrap returns the problems, so errors.Is and errors.As look into each.
func (e *ValidationError) Unwrap() []error { return problem.Errors(e.Problems) }
