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
	// ErrInvalidText: bytes that are not UTF-8, or a \u escape of half a
	// surrogate pair, which encoding/json would silently turn into U+FFFD
	// (so that "Kor\xe9a" and "Kor\xe8a" read as one donor). In a flow, the
	// problem is ErrInvalid too.
	ErrInvalidText = errors.New("fts: invalid text")
)

// Problem is one thing wrong with one flow, or with the page around the
// flows: the flow's position in the page (-1 outside the flows), its ID
// when it has one, the line of the bad value, the field and the cause.
type Problem struct {
	Index int
	Flow  string
	Line  int
	// Field is the path of the bad value from the flow ("amountUSD",
	// "sourceObjects[1].name"), or from the top of the page outside the
	// flows ("meta.language").
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
	switch {
	case p.Flow != "":
		fmt.Fprintf(&b, "flow %q", p.Flow)
	case p.Index >= 0:
		fmt.Fprintf(&b, "flow #%d", p.Index)
	}
	if p.Field != "" {
		if p.Flow != "" || p.Index >= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.Field)
	}
	if p.Flow != "" || p.Index >= 0 || p.Field != "" {
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(p.Err.Error(), "fts: "))
	return b.String()
}

// Unwrap returns the cause.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists what is wrong with a page: its bad flows, and any
// bad text around them. When reading returns one, nothing of the page was
// kept.
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
