package fts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors for errors.Is.
var (
	// ErrSyntax: the input is not JSON or CSV, or not shaped like an FTS
	// response or HDX's CSV of FTS flows.
	ErrSyntax = errors.New("fts: malformed input")
	// ErrInvalid: a flow with a missing or malformed field.
	ErrInvalid = errors.New("fts: invalid flow")
	// ErrStatus: a flow status other than pledge, commitment or paid.
	ErrStatus = errors.New("fts: unknown status")
	// ErrNotGiven: a fact about a flow that its source did not give and
	// that a computation needs, such as whether a flow read from HDX's CSV
	// is new money, which Options.NewMoneyOnly needs.
	ErrNotGiven = errors.New("fts: not given by the source")
	// ErrInvalidText: bytes that are not UTF-8, or a \u escape of half a
	// surrogate pair, which encoding/json would silently turn into U+FFFD
	// (so that "Kor\xe9a" and "Kor\xe8a" read as one donor); or text a
	// flow keeps holding a control character other than tab, line feed and
	// carriage return, or a Unicode noncharacter, which no pledge record
	// may hold. In a flow, the problem is ErrInvalid too.
	ErrInvalidText = errors.New("fts: invalid text")
)

// Problem is one thing wrong with one flow, or with the page or file
// around the flows: the flow's position among the flows (-1 outside them),
// its ID when it has one, where the bad value is (the line, and in a CSV
// file the row), the field and the cause.
type Problem struct {
	Index int
	Flow  string
	// Row is the row of a CSV file ([Flows.ReadCSV]), counting the header
	// as row 1, as a spreadsheet numbers its rows (blank lines are not
	// rows); 0 for JSON. A cell may span lines, so a row's line may be
	// later than its number.
	Row  int
	Line int
	// Field is the path of the bad value from the flow ("amountUSD",
	// "sourceObjects[1].name"), or from the top of the page outside the
	// flows ("meta.language"); in a CSV file it is the column's name.
	Field string
	Err   error
}

// Error names the line (or the row, and the line when it is another
// number), the flow and the field: `fts: line 12: flow "158080"
// amountUSD: invalid flow: missing`, `fts: row 7 (line 9): flow "224517"
// originalCurrency: invalid flow: ...`.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("fts: ")
	switch {
	case p.Row > 0 && p.Line > 0 && p.Line != p.Row:
		fmt.Fprintf(&b, "row %d (line %d): ", p.Row, p.Line)
	case p.Row > 0:
		fmt.Fprintf(&b, "row %d: ", p.Row)
	case p.Line > 0:
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	flow := p.Flow != "" || p.Index >= 0 && p.Row == 0 // a row names a flow without an ID
	switch {
	case p.Flow != "":
		fmt.Fprintf(&b, "flow %q", p.Flow)
	case flow:
		fmt.Fprintf(&b, "flow #%d", p.Index)
	}
	if p.Field != "" {
		if flow {
			b.WriteByte(' ')
		}
		b.WriteString(p.Field)
	}
	if flow || p.Field != "" {
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(p.Err.Error(), "fts: "))
	return b.String()
}

// Unwrap returns the cause.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists what is wrong with a page or a CSV file: its bad
// flows, and any bad text around them. When reading returns one, nothing of
// the page or file was kept.
type ValidationError struct {
	Problems []Problem
	// Omitted counts the problems found beyond those listed: a reader or a
	// batch keeps the first 100 (problem.Max) and counts the rest.
	Omitted int
}

// Error lists the problems, one per line after the first.
func (e *ValidationError) Error() string { return problem.List("fts", e.Unwrap(), e.Omitted) }

// Unwrap returns the problems, so errors.Is and errors.As look into each.
func (e *ValidationError) Unwrap() []error { return problem.Errors(e.Problems) }

// flowTextError is text in a flow that is not UTF-8 or escapes half a
// surrogate pair: both ErrInvalidText and ErrInvalid.
type flowTextError string

func (e flowTextError) Error() string   { return ErrInvalidText.Error() + ": " + string(e) }
func (e flowTextError) Unwrap() []error { return []error{ErrInvalidText, ErrInvalid} }
