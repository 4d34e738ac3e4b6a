package meeting

import (
	"fmt"
	"time"

	"github.com/summitry/summitry/internal/civil"
)

// Claim is a count reported somewhere: "Yoon and Kishida have met 11 times"
// as of a date, according to a source. A and B are IDs, names or aliases.
type Claim struct {
	A, B   string
	Count  int
	AsOf   time.Time
	Source Source
}

// Finding is what the ledger says about a claim: Recorded is the count the
// ledger gives under the rule up to the claim's date, Missing the claimed
// count less Recorded (negative when the ledger has more). Err is set, and
// the counts are zero, when a leader of the claim cannot be found
// (ErrUnknownLeader, ErrAmbiguous) or the rule is invalid (ErrInvalidRule).
type Finding struct {
	Claim
	Recorded int
	Missing  int
	Err      error
}

// String returns one line, for notebooks and logs:
// "Yoon Suk Yeol–Fumio Kishida: 11 as of 2024-07-10 (The Korea Herald); recorded 10, missing 1".
// A ledger that holds more meetings than claimed reads "recorded 12, 1 more
// than reported", one that holds as many "recorded 11, as reported".
func (f Finding) String() string {
	s := fmt.Sprintf("%s–%s: %d", f.A, f.B, f.Count)
	if !f.AsOf.IsZero() {
		s += " as of " + civil.Format(f.AsOf)
	}
	if f.Source.Publisher != "" {
		s += " (" + f.Source.Publisher + ")"
	}
	if f.Err != nil {
		return s + "; " + f.Err.Error()
	}
	return s + fmt.Sprintf("; recorded %d, %s", f.Recorded, difference(f.Missing, "than reported", "as reported"))
}

// Reconcile checks reported counts against the ledger: for each claim, the
// meetings of its two leaders counted under r with the window closed at the
// claim's AsOf date (when AsOf is set and earlier than r.To, or r.To is
// zero). A claim whose leaders cannot be found gets a Finding with Err set,
// and so does every claim when r is invalid ([Rule.Validate]); Reconcile
// itself never fails. Findings are in the order of the claims.
func (l *Ledger) Reconcile(claims []Claim, r Rule) []Finding {
	invalid := r.Validate()
	l.mu.RLock()
	defer l.mu.RUnlock()
	base := r.plan()
	out := make([]Finding, len(claims))
	for i, c := range claims {
		out[i].Claim = c
		if invalid != nil {
			out[i].Err = invalid
			continue
		}
		a, b, err := l.pair(c.A, c.B)
		if err == nil {
			p := base.through(c.AsOf)
			out[i].Recorded = l.count(a, b, &p, nil)
			out[i].Missing = c.Count - out[i].Recorded
		}
		out[i].Err = err
	}
	return out
}
