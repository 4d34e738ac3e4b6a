package meeting

import (
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
func (r Rule) String() string {
	p := r.plan()
	var statuses, kinds []string
	for s, ok := range p.statuses {
		if ok {
			statuses = append(statuses, Status(s).String())
		}
	}
	for k, ok := range p.kinds {
		if ok {
			kinds = append(kinds, Kind(k).plural())
		}
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
// ones match no meeting.
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
