package meeting

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

// Kind says what sort of encounter a meeting was. Its text form is
// "talks", "pull-aside", "call" or "visit"; [ParseKind] reads it. (From
// gomacro, which cannot call the pointer method [Kind.UnmarshalText], use
// ParseKind.)
type Kind int

const (
	// Talks are formal, in-person talks: a bilateral or multilateral summit.
	// The zero Rule counts only these.
	Talks Kind = iota
	// PullAside is an informal, in-person encounter: a brief talk on the
	// sidelines, a "pull-aside" or "informal talks" without an agenda.
	PullAside
	// Call is a telephone or video call.
	Call
	// Visit is a visit without talks of record: a courtesy call, a state
	// dinner, a ceremony.
	Visit
)

var kindNames = [...]string{Talks: "talks", PullAside: "pull-aside", Call: "call", Visit: "visit"}

// String returns the text form, or "Kind(n)" for a value outside Talks..Visit.
func (k Kind) String() string {
	if k.valid() {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

func (k Kind) valid() bool { return k >= 0 && int(k) < len(kindNames) }

// plural names the kind in Rule descriptions.
func (k Kind) plural() string {
	switch k {
	case Talks:
		return "talks"
	case PullAside:
		return "pull-asides"
	case Call:
		return "calls"
	case Visit:
		return "visits"
	}
	return k.String()
}

// MarshalText returns the text form; a value outside Talks..Visit is an
// ErrInvalidKind error.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidKind, int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText sets k from its text form, as [ParseKind] reads it, for
// encoding/json and encoding.TextUnmarshaler users. Like
// [Status.UnmarshalText], it is a pointer-receiver method on a non-struct
// type, which gomacro cannot call: from the interpreter, use ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// maxWord bounds the text ParseKind and ParseStatus fold: far more than any
// spelling of a kind or status needs.
const maxWord = 100

// ParseKind reads a Kind from its text form, ignoring case, spaces,
// hyphens and underscores ("Pull-aside", "pull aside", "pullaside",
// "PULL_ASIDE"), and accepts "talk" for Talks; anything else, the empty
// string and a word with a control character other than white space (a
// NUL, an escape) or bytes not UTF-8 included, is ErrInvalidKind.
func ParseKind(s string) (Kind, error) {
	if len(s) > maxWord {
		return 0, fmt.Errorf("%w: %d bytes of text", ErrInvalidKind, len(s))
	}
	key, ok := fold.Word(s)
	if !ok {
		return 0, fmt.Errorf("%w %s: not a word: it holds a control character or is not UTF-8", ErrInvalidKind, problem.Quote(s))
	}
	if key == "talk" {
		return Talks, nil
	}
	for k, name := range kindNames {
		if s == name || key == strings.ReplaceAll(name, "-", "") {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("%w %s (want talks, pull-aside, call or visit)", ErrInvalidKind, problem.Quote(s))
}

// Status says whether a meeting took place. Its text form is "held",
// "planned", "unconfirmed" or "cancelled"; [ParseStatus] reads it. (From
// gomacro, which cannot call the pointer method [Status.UnmarshalText], use
// ParseStatus.)
type Status int

const (
	// Held: the meeting took place. The zero Rule counts only these.
	Held Status = iota
	// Planned: announced for a date, not yet held.
	Planned
	// Unconfirmed: agreed or reported, but not confirmed to be held.
	Unconfirmed
	// Cancelled: announced, then called off.
	Cancelled
)

var statusNames = [...]string{Held: "held", Planned: "planned", Unconfirmed: "unconfirmed", Cancelled: "cancelled"}

// String returns the text form, or "Status(n)" for a value outside
// Held..Cancelled.
func (s Status) String() string {
	if s.valid() {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

func (s Status) valid() bool { return s >= 0 && int(s) < len(statusNames) }

// MarshalText returns the text form; a value outside Held..Cancelled is an
// ErrInvalidStatus error.
func (s Status) MarshalText() ([]byte, error) {
	if !s.valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidStatus, int(s))
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText sets s from its text form, as [ParseStatus] reads it, for
// encoding/json and encoding.TextUnmarshaler users. Like
// [Kind.UnmarshalText] it has a pointer receiver, which gomacro cannot call:
// from the interpreter, use ParseStatus.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStatus reads a Status from its text form, ignoring case and spaces,
// and accepts the American spelling "canceled" for Cancelled; anything else,
// the empty string and a word with a control character other than white
// space or bytes not UTF-8 included, is ErrInvalidStatus.
func ParseStatus(s string) (Status, error) {
	if len(s) > maxWord {
		return 0, fmt.Errorf("%w: %d bytes of text", ErrInvalidStatus, len(s))
	}
	key, ok := fold.Word(s)
	if !ok {
		return 0, fmt.Errorf("%w %s: not a word: it holds a control character or is not UTF-8", ErrInvalidStatus, problem.Quote(s))
	}
	if key == "canceled" {
		return Cancelled, nil
	}
	for st, name := range statusNames {
		if s == name || key == name {
			return Status(st), nil
		}
	}
	return 0, fmt.Errorf("%w %s (want held, planned, unconfirmed or cancelled)", ErrInvalidStatus, problem.Quote(s))
}

// Source is where a record comes from: a news report, an official readout.
// Date is a civil date (the ledger keeps year, month and day). Quote is the
// passage that supports the record.
type Source struct {
	Publisher, Title, URL, Quote string
	Date                         time.Time
}

// Equal reports whether s and o are the same, dates compared as instants.
func (s Source) Equal(o Source) bool {
	return s.Publisher == o.Publisher && s.Title == o.Title && s.URL == o.URL &&
		s.Quote == o.Quote && s.Date.Equal(o.Date)
}

// MaxParticipants is the most participants a meeting may have. The largest
// gatherings of leaders have fewer: the UN General Assembly has 193 member
// states, and a head of state and a head of government of each, with the
// observers, stay under 400. The bound keeps what one record may cost in
// proportion to its size: [Ledger.Pairs] under a Multilateral rule counts
// each pair of a meeting's participants, at most 79,800 pairs for one
// meeting. [Ledger.AddMeeting] refuses more (ErrTooManyParticipants).
const MaxParticipants = 400

// Meeting is one encounter of two or more leaders. Participants are leader
// IDs, in any order (the order given is kept), at most [MaxParticipants]. Date is a civil date. Place is
// where it happened ("Washington, D.C."), Occasion the event it was part of,
// written as series and year ("NATO Summit 2024") so [Ledger.Streak] can
// follow the series.
type Meeting struct {
	ID           string
	Date         time.Time
	Participants []string
	Kind         Kind
	Status       Status
	Place        string
	Occasion     string
	Sources      []Source
	Note         string
}

// Equal reports whether m and o are the same record field by field, dates
// compared as instants.
func (m Meeting) Equal(o Meeting) bool {
	return m.ID == o.ID && m.Date.Equal(o.Date) && slices.Equal(m.Participants, o.Participants) &&
		m.Kind == o.Kind && m.Status == o.Status && m.Place == o.Place && m.Occasion == o.Occasion &&
		slices.EqualFunc(m.Sources, o.Sources, Source.Equal) && m.Note == o.Note
}

// String returns a one-line summary:
// "2024-07-10 held talks kr-yoon-suk-yeol, jp-kishida-fumio (m-2024-07-10-jp)".
func (m Meeting) String() string {
	s := fmt.Sprintf("%s %s %s", civil.Format(m.Date), m.Status, m.Kind)
	for i, p := range m.Participants {
		if i == 0 {
			s += " " + p
		} else {
			s += ", " + p
		}
	}
	return s + " (" + m.ID + ")"
}

// clone returns a deep copy, so callers never share the ledger's slices.
func (m Meeting) clone() Meeting {
	m.Participants = slices.Clone(m.Participants)
	m.Sources = slices.Clone(m.Sources)
	return m
}

// normalize returns the meeting as the ledger keeps it (civil dates, nil for
// empty slices) and records the problems found in the record on its own:
// those that need no ledger. Index i is reported with each problem.
func (m Meeting) normalize(i int, ps *problems) Meeting {
	report := func(field string, err error) { ps.add("meeting", i, m.ID, field, err) }
	n := m.clone()
	if err := checkID(m.ID); err != nil {
		report("ID", err)
	}
	checkTexts(report, "Place", m.Place, "Occasion", m.Occasion, "Note", m.Note)
	n.Date = civil.Date(m.Date)
	if n.Date.IsZero() {
		report("Date", ErrMissing)
	} else if err := checkDate(n.Date); err != nil {
		report("Date", err)
	}
	if !m.Kind.valid() {
		report("Kind", fmt.Errorf("%w: %d", ErrInvalidKind, int(m.Kind)))
	}
	if !m.Status.valid() {
		report("Status", fmt.Errorf("%w: %d", ErrInvalidStatus, int(m.Status)))
	}
	if len(m.Participants) > MaxParticipants {
		report("Participants", fmt.Errorf("%w: %d given, at most %d", ErrTooManyParticipants, len(m.Participants), MaxParticipants))
		return n // the participants are not checked one by one
	}
	distinct := 0
	again := repeats(m.Participants)
	for j, p := range m.Participants {
		switch {
		case p == "":
			report(fmt.Sprintf("Participants[%d]", j), ErrMissing)
		case checkText(p) != nil:
			report(fmt.Sprintf("Participants[%d]", j), checkText(p))
		case again[j]:
			report(fmt.Sprintf("Participants[%d]", j), fmt.Errorf("%w participant %s", ErrDuplicate, problem.Quote(p)))
		default:
			distinct++
		}
	}
	if distinct < 2 {
		report("Participants", fmt.Errorf("%w: %d given", ErrTooFewParticipants, distinct))
	}
	n.Sources = checkSources(report, n.Sources)
	return n
}

// repeats marks each non-empty string that appears earlier in ss. It takes
// linear time, however many participants a meeting lists.
func repeats(ss []string) []bool {
	again := make([]bool, len(ss))
	if len(ss) <= 8 {
		for j, p := range ss {
			again[j] = p != "" && slices.Contains(ss[:j], p)
		}
		return again
	}
	seen := make(map[string]bool, len(ss))
	for j, p := range ss {
		again[j] = p != "" && seen[p]
		seen[p] = true
	}
	return again
}
