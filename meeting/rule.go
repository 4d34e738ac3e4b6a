package meeting

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
)

// Rule says which meetings count. "How many times did A meet B" has no
// answer without one: press tallies often include informal talks, official
// ones do not; some count trilaterals, some only what has been held.
//
// The zero Rule is the strict count: held, formal talks (Kind Talks, Status
// Held) between exactly two leaders, on any date.
//
// A Rule that names a kind or status outside the defined ones, or whose From
// is after its To, is invalid ([Rule.Validate]): [Ledger.Count],
// [Ledger.Between] and [Ledger.Rank] return the error, [Ledger.Reconcile]
// sets it on every Finding and [Ledger.Pairs] returns empty [PairCounts]
// that say so.
type Rule struct {
	// Kinds that count; empty means Talks only.
	Kinds []Kind
	// Statuses that count; empty means Held only.
	Statuses []Status
	// From and To bound the window, both days included; a zero bound is
	// open. They are read as civil dates.
	From, To time.Time
	// Multilateral counts every pair of participants of meetings of three or
	// more leaders too. When false only two-leader meetings count.
	Multilateral bool
}

// String describes the rule in words, for captions:
// "held talks or pull-asides between two leaders, 2022-05-10..2024-07-10".
// Kinds and statuses are listed in their defined order, each once; one
// outside the defined values shows as "Kind(9)" or "Status(-1)".
func (r Rule) String() string {
	p := r.plan()
	var statuses, kinds []string
	for _, s := range sortedSet(r.Statuses, Held) {
		statuses = append(statuses, s.String())
	}
	for _, k := range sortedSet(r.Kinds, Talks) {
		kinds = append(kinds, k.plural())
	}
	var b strings.Builder
	b.WriteString(orList(statuses) + " " + orList(kinds))
	if r.Multilateral {
		b.WriteString(" between two or more leaders (each pair)")
	} else {
		b.WriteString(" between two leaders")
	}
	switch {
	case !p.from.IsZero() && !p.to.IsZero():
		b.WriteString(", " + civil.Format(p.from) + ".." + civil.Format(p.to))
	case !p.from.IsZero():
		b.WriteString(", from " + civil.Format(p.from))
	case !p.to.IsZero():
		b.WriteString(", through " + civil.Format(p.to))
	}
	return b.String()
}

// Validate reports what makes r unusable: a kind outside Talks..Visit
// (ErrInvalidKind), a status outside Held..Cancelled (ErrInvalidStatus), or
// From after To (compared as civil dates). The error lists every problem and
// matches ErrInvalidRule under errors.Is, and ErrInvalidKind or
// ErrInvalidStatus when it has such a problem. A valid rule gives nil.
func (r Rule) Validate() error {
	var e ruleError
	for i, k := range r.Kinds {
		if !k.valid() {
			e.add(ErrInvalidKind, fmt.Sprintf("Kinds[%d] is %s, not a kind", i, k))
		}
	}
	for i, s := range r.Statuses {
		if !s.valid() {
			e.add(ErrInvalidStatus, fmt.Sprintf("Statuses[%d] is %s, not a status", i, s))
		}
	}
	if from, to := civil.Date(r.From), civil.Date(r.To); !from.IsZero() && !to.IsZero() && from.After(to) {
		e.add(nil, fmt.Sprintf("From %s is after To %s", civil.Format(from), civil.Format(to)))
	}
	if len(e.problems) == 0 {
		return nil
	}
	return &e
}

// ruleError is the error of an invalid Rule.
type ruleError struct {
	problems []string
	errs     []error
}

// add records a problem and the sentinel it falls under (nil for none but
// ErrInvalidRule).
func (e *ruleError) add(sentinel error, problem string) {
	e.problems = append(e.problems, problem)
	if sentinel != nil && !slices.Contains(e.errs, sentinel) {
		e.errs = append(e.errs, sentinel)
	}
}

func (e *ruleError) Error() string {
	return "meeting: invalid rule: " + strings.Join(e.problems, "; ")
}

func (e *ruleError) Unwrap() []error {
	return append([]error{ErrInvalidRule}, e.errs...)
}

// sortedSet returns the values of vs in ascending order without repeats, or
// just def when vs is empty.
func sortedSet[T cmp.Ordered](vs []T, def T) []T {
	if len(vs) == 0 {
		return []T{def}
	}
	out := slices.Clone(vs)
	slices.Sort(out)
	return slices.Compact(out)
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// plan is a Rule made ready to test meetings against.
type plan struct {
	kinds    [len(kindNames)]bool
	statuses [len(statusNames)]bool
	from, to time.Time
	multi    bool
}

// plan resolves the defaults of r. Kinds and statuses outside the defined
// ones match no meeting; callers validate r first.
func (r Rule) plan() plan {
	p := plan{from: civil.Date(r.From), to: civil.Date(r.To), multi: r.Multilateral}
	if len(r.Kinds) == 0 {
		p.kinds[Talks] = true
	}
	for _, k := range r.Kinds {
		if k.valid() {
			p.kinds[k] = true
		}
	}
	if len(r.Statuses) == 0 {
		p.statuses[Held] = true
	}
	for _, s := range r.Statuses {
		if s.valid() {
			p.statuses[s] = true
		}
	}
	return p
}

// counts reports whether m counts under the plan, its date aside (the
// ledger's indexes select the window).
func (p *plan) counts(m *Meeting) bool {
	n := len(m.Participants)
	return p.kinds[m.Kind] && p.statuses[m.Status] && (n == 2 || p.multi && n > 2)
}

// through returns the plan with its window closed at day, when day is set
// and earlier than the window's own end.
func (p plan) through(day time.Time) plan {
	day = civil.Date(day)
	if !day.IsZero() && (p.to.IsZero() || day.Before(p.to)) {
		p.to = day
	}
	return p
}

// clone returns a copy that shares no slices with r.
func (r Rule) clone() Rule {
	r.Kinds = slices.Clone(r.Kinds)
	r.Statuses = slices.Clone(r.Statuses)
	return r
}
