package fts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors for errors.Is.
var (
	// ErrSyntax: the input is not JSON, or not shaped like an FTS response.
	ErrSyntax = errors.New("fts: malformed input")
	// ErrInvalid: a flow with a missing or malformed field.
	ErrInvalid = errors.New("fts: invalid flow")
	// ErrStatus: a flow status other than pledge, commitment or paid.
	ErrStatus = errors.New("fts: unknown status")
)

// Problem is one thing wrong with one flow: its position in the page, its
// ID when it has one, the line where it starts, the field and the cause.
type Problem struct {
	Index int
	Flow  string
	Line  int
	Field string
	Err   error
}

// Error names the line, the flow and the field: `fts: line 12: flow
// "158080" amountUSD: invalid flow: missing`.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("fts: ")
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Flow != "" {
		fmt.Fprintf(&b, "flow %q", p.Flow)
	} else {
		fmt.Fprintf(&b, "flow #%d", p.Index)
	}
	if p.Field != "" {
		b.WriteString(" " + p.Field)
	}
	b.WriteString(": " + strings.TrimPrefix(p.Err.Error(), "fts: "))
	return b.String()
}

// Unwrap returns the cause.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists every bad flow of a page. When reading returns one,
// nothing of the page was kept.
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
