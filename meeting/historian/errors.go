package historian

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors for errors.Is. A [*ValidationError] from the readers wraps
// one of the first four in each of its problems; [Unresolved].Err wraps
// ErrNoHost or one of the meeting package's sentinels.
var (
	// ErrSyntax: the input is not well-formed XML (it is truncated, has an
	// unclosed element, an attribute given twice in an element, or text
	// or an attribute value holding a character XML forbids: bytes that
	// are not UTF-8, a control character other than tab, line feed and
	// carriage return, U+FFFE or U+FFFF, written raw or as a character
	// reference, or a reference to a surrogate or to no character, such
	// as "&#xD800;" or "&#x110000;"), or is not shaped like the visits
	// schema: no <visits> root, text or another element where a <visit>
	// belongs, an element inside a field that holds text, content after
	// the root.
	ErrSyntax = errors.New("historian: malformed input")
	// ErrMissing: a visit lacks a required field (id, start-date, end-date,
	// visitor, from and its id attribute, description) or has it empty
	// (description alone may be empty).
	ErrMissing = errors.New("historian: missing field")
	// ErrInvalid: a field that does not parse: an id that is not a positive
	// integer, a date that is not YYYY-MM-DD, an end before the start, a
	// field given twice; or a field holding a Unicode noncharacter
	// (U+FDD0 to U+FDEF, U+1FFFE, ...) or a control character U+007F to
	// U+009F, which XML allows but a [meeting.Ledger] refuses in every
	// text.
	ErrInvalid = errors.New("historian: invalid field")
	// ErrDuplicate: two visits with the same id, in one file or across the
	// files read together.
	ErrDuplicate = errors.New("historian: duplicate visit id")

	// ErrNoHost: no leader of the ledger is the US president in office on
	// the visit's start date, so the visit has no host.
	ErrNoHost = errors.New("historian: no US president in office")
)

// Problem is one thing wrong with one visit of a file: the file (as given to
// [ReadFiles] or [ReadDir]; empty for [ReadVisits]), the line where the
// fault is, the visit's position in its file (from 0; -1 for a problem of
// the file as a whole, such as a syntax error outside any visit) and id (0
// when it has none or it does not parse), the field named as in the XML ("start-date",
// "from/@id"; empty for the whole visit or file) and the cause, which wraps
// a sentinel.
type Problem struct {
	File  string
	Line  int
	Index int
	Visit int
	Field string
	Err   error
}

// Error names the file, line, visit and field:
//
//	historian: 2020.xml: line 12: visit 3157 start-date: invalid field: "2023-02-30" is not a date (YYYY-MM-DD)
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("historian: ")
	if p.File != "" {
		b.WriteString(p.File + ": ")
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	switch {
	case p.Visit != 0:
		fmt.Fprintf(&b, "visit %d", p.Visit)
	case p.Index >= 0:
		fmt.Fprintf(&b, "visit #%d", p.Index)
	default:
		b.WriteString("file")
	}
	if p.Field != "" {
		b.WriteString(" " + p.Field)
	}
	msg := "<nil>"
	if p.Err != nil {
		msg = strings.TrimPrefix(p.Err.Error(), "historian: ")
	}
	b.WriteString(": " + msg)
	return b.String()
}

// Unwrap returns the cause, so errors.Is finds its sentinel.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists the problems found in the files read: every one of
// them up to 100, and beyond that the first 100 and a count of the rest,
// so that an error stays small however bad the input. When a reader
// returns one it returns no visits at all.
type ValidationError struct {
	Problems []Problem
	// Omitted counts the problems found beyond the first 100, which
	// Problems lists.
	Omitted int
}

// Error lists the problems, one per line after the first.
func (e *ValidationError) Error() string { return problem.List("historian", e.Unwrap(), e.Omitted) }

// Unwrap returns the problems, so errors.Is and errors.As look into each.
func (e *ValidationError) Unwrap() []error { return problem.Errors(e.Problems) }
