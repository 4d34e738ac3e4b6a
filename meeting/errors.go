package meeting

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Sentinel errors. Callers branch on them with errors.Is; they are found
// through a *ValidationError and an *AmbiguousError as well.
var (
	// ErrUnknownLeader: no leader has that ID, name or alias, or a meeting
	// names a participant ID the ledger does not know.
	ErrUnknownLeader = errors.New("meeting: unknown leader")
	// ErrUnknownMeeting: no meeting has that ID.
	ErrUnknownMeeting = errors.New("meeting: unknown meeting")
	// ErrAmbiguous: a name or alias fits more than one leader; the
	// *AmbiguousError lists them.
	ErrAmbiguous = errors.New("meeting: ambiguous leader name")
	// ErrDuplicate: a leader or meeting ID is already taken, a leader's ID
	// reads (folded, as [Ledger.Leader] compares) as another leader's name or
	// alias, a participant is listed twice, or the same participants met on
	// the same date in the same kind of meeting twice.
	ErrDuplicate = errors.New("meeting: duplicate")
	// ErrMissing: a required field is empty: an ID, a name or an alias
	// with no letters or digits, a meeting's date, the start of a term, a
	// participant, the day of a schedule, a series; a claim's leaders or
	// count, or a finding's claim or counts, left out of its JSON or null.
	// (pledge.ErrMissing means the same for pledges.)
	ErrMissing = errors.New("meeting: missing field")
	// ErrInvalidID: an ID is over 1000 bytes, has spaces at an end, or
	// breaks the text rule of ErrInvalidText or holds a tab or a line break
	// (the error then matches ErrInvalidText too).
	ErrInvalidID = errors.New("meeting: invalid ID")
	// ErrInvalidCountry: a country is not an ISO 3166-1 alpha-2 or alpha-3
	// code of a country.
	ErrInvalidCountry = errors.New("meeting: invalid country code")
	// ErrInvalidKind: a Kind outside Talks..Visit, or text that names none.
	ErrInvalidKind = errors.New("meeting: invalid kind")
	// ErrInvalidStatus: a Status outside Held..Cancelled, or text that names
	// none.
	ErrInvalidStatus = errors.New("meeting: invalid status")
	// ErrInvalidRule: a [Rule] names a kind or status outside the defined
	// ones or has From after To; see [Rule.Validate].
	ErrInvalidRule = errors.New("meeting: invalid rule")
	// ErrInvalidDate: a date in JSON is not YYYY-MM-DD, or a date's year is
	// outside 1..9999.
	ErrInvalidDate = errors.New("meeting: invalid date")
	// ErrInvalidText: a text of a record breaks the rule every text keeps
	// ("Text and limits" in the package documentation): it is not valid
	// UTF-8, or holds a control character other than tab, line feed and
	// carriage return, or one of Unicode's noncharacters (U+FDD0 to
	// U+FDEF, and U+FFFE and U+FFFF in every plane); a name, an alias or an
	// office holds a tab or a line break or is over 1000 bytes; or ledger
	// JSON has bytes that are not UTF-8 or a \u escape of half a surrogate
	// pair, which encoding/json would silently turn into U+FFFD.
	ErrInvalidText = errors.New("meeting: invalid text")
	// ErrTooFewParticipants: a meeting has fewer than two distinct participants.
	ErrTooFewParticipants = errors.New("meeting: fewer than two distinct participants")
	// ErrTooManyParticipants: a meeting lists more than [MaxParticipants]
	// participants.
	ErrTooManyParticipants = errors.New("meeting: too many participants")
	// ErrTermOrder: a term in office ends before it starts.
	ErrTermOrder = errors.New("meeting: term ends before it starts")
	// ErrTermOverlap: two terms of the same leader overlap (a term may start
	// on the day the one before it ended, but not earlier).
	ErrTermOverlap = errors.New("meeting: overlapping terms")
	// ErrOutOfTerm: a meeting falls outside a participant's terms in office.
	ErrOutOfTerm = errors.New("meeting: outside the leader's terms in office")
	// ErrSyntax: ledger JSON is malformed: bad syntax, a wrong type, an
	// unknown field, a field repeated or not spelled exactly as documented
	// ("ID" for "id"), a record that is not an object, a count that is not
	// a whole number in range, trailing data (and so is the JSON of a rule,
	// a claim or a finding: see [Rule.UnmarshalJSON]); or a
	// data set's CSV is (a bare quote, an unknown, misspelled, repeated or
	// missing column, a row of the wrong width: see [ReadCSV]).
	ErrSyntax = errors.New("meeting: malformed ledger JSON")
)

// Problem is one thing wrong with one record. Record is "leader",
// "meeting" or "tally" (empty for a problem with a whole JSON document or
// CSV file), Index the record's position in the AddLeader, AddMeeting or
// AddTally call, in the JSON array or among the rows of a CSV file,
// ID its ID as given (when known), Field the field at fault named by its
// path in the ledger's JSON, whether the record came from JSON or from Go
// ("country", "terms[1].end", "participants[0]", "sources[0].url"; empty
// for the whole record), as the pledge package names fields; Line the line of the
// JSON input (0 when not read from JSON): the line of the fault for
// malformed JSON and for text that is not UTF-8 or escapes half a
// surrogate pair, else the line where the record starts. For a data set
// read by [ReadCSV], File is the file ("meetings.csv"), Line the line in it
// and Field the column ("participants[1]", "source2_date"). Err says what
// is wrong and wraps a sentinel.
type Problem struct {
	File   string
	Record string
	Index  int
	ID     string
	Field  string
	Line   int
	Err    error
}

// Error describes the problem, naming the record and the field:
//
//	meeting: line 12: meeting[3] "m4": participants[1]: unknown leader ID "x"
//	meeting: meetings.csv line 12: meeting[3] "m4": participants[1]: unknown leader ID "x"
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("meeting: ")
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(" ")
		}
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Record != "" {
		fmt.Fprintf(&b, "%s[%d]", p.Record, p.Index)
		if p.ID != "" {
			b.WriteString(" " + problem.Quote(p.ID))
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	if p.Err == nil {
		b.WriteString("invalid")
	} else {
		b.WriteString(strings.TrimPrefix(p.Err.Error(), "meeting: "))
	}
	return b.String()
}

// Unwrap returns the underlying error, so errors.Is finds its sentinel.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError reports the problems found in a batch of records or a
// JSON document: every one of them up to 100, and beyond that the first
// 100 and a count of the rest, so that an error stays small however bad
// the input. Nothing was added when it is returned.
type ValidationError struct {
	Problems []Problem
	// Omitted counts the problems found beyond the first 100, which
	// Problems lists.
	Omitted int
}

// Error lists the problems, one per line after the first.
func (e *ValidationError) Error() string { return problem.List("meeting", e.Unwrap(), e.Omitted) }

// Unwrap returns the problems, so errors.Is(err, ErrUnknownLeader) and
// errors.As(err, &problem) look inside.
func (e *ValidationError) Unwrap() []error { return problem.Errors(e.Problems) }

// AmbiguousError is returned when a name or alias fits more than one leader.
// It matches ErrAmbiguous under errors.Is.
type AmbiguousError struct {
	Name       string   // the name as asked
	Candidates []Leader // every leader it fits, sorted by name
}

// Error names the candidates.
func (e *AmbiguousError) Error() string {
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = c.String()
	}
	return fmt.Sprintf("meeting: ambiguous leader name %s: fits %s", problem.Quote(e.Name), strings.Join(names, ", "))
}

// Is reports whether target is ErrAmbiguous.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// wrapped is an error that falls under several sentinels with a message of
// its own.
type wrapped struct {
	msg  string
	errs []error
}

func (e *wrapped) Error() string   { return "meeting: " + e.msg }
func (e *wrapped) Unwrap() []error { return e.errs }

// problems collects the problems of one batch: the first problem.Max of
// them, and a count of the rest.
type problems struct {
	list    []Problem
	omitted int
}

// add records a problem with record i, naming the field by its JSON path.
func (ps *problems) add(record string, i int, id, field string, err error) {
	if len(ps.list) >= problem.Max {
		ps.omitted++
		return
	}
	ps.list = append(ps.list, Problem{Record: record, Index: i, ID: id, Field: jsonPath(field), Err: err})
}

// addLine records a problem with record i, as add does, at a line of the
// input.
func (ps *problems) addLine(line int, record string, i int, id, field string, err error) {
	n := len(ps.list)
	ps.add(record, i, id, field, err)
	if len(ps.list) > n {
		ps.list[n].Line = line
	}
}

// jsonNames are the fields whose JSON key is not their Go name with a
// lower-case first letter.
var jsonNames = map[string]string{
	"ID": "id", "URL": "url", "AsOf": "as_of",
	"Most": "count", // a tally's bounds are one "count" in JSON: "2..8"
	"As":   "kinds", // the rule a tally matches: its kinds (and multilateral)
}

// jsonPath turns a Go field path ("Terms[1].Start", "Sources[0].URL")
// into the ledger JSON's ("terms[1].start", "sources[0].url"). A path
// already in JSON form is left as it is.
func jsonPath(path string) string {
	if path == "" || path[0] < 'A' || path[0] > 'Z' {
		return path
	}
	segs := strings.Split(path, ".")
	if segs[0] == "As" && len(segs) > 1 {
		segs = segs[1:] // a tally's As.Kinds and As.Multilateral are top-level keys
	}
	out := segs[:0]
	for _, seg := range segs {
		name, index, _ := strings.Cut(seg, "[")
		if j, ok := jsonNames[name]; ok {
			name = j
		} else if name != "" {
			name = strings.ToLower(name[:1]) + name[1:]
		}
		if index != "" {
			name += "[" + index
		}
		out = append(out, name)
	}
	return strings.Join(out, ".")
}

// each records n problems, the i-th made by calling add(i) while fewer
// than problem.Max are kept; the rest are counted unmade, so that a record
// that clashes with thousands of others costs no more than the count.
func (ps *problems) each(n int, add func(i int)) {
	for i := range n {
		if len(ps.list) >= problem.Max {
			ps.omitted += n - i
			return
		}
		add(i)
	}
}

// err returns a *ValidationError when there is any problem, else nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 && ps.omitted == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list, Omitted: ps.omitted}
}
