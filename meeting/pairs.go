package meeting

import (
	"cmp"
	"slices"
)

// PairCount is how many times two leaders met under a rule. A is the one
// whose name sorts first.
type PairCount struct {
	A, B  Leader
	Count int
}

// PairCounts is the result of [Ledger.Pairs]: every pair of leaders that met
// at least once under the rule, most meetings first.
type PairCounts struct {
	rule Rule
	rows []PairCount
	err  error
}

// Rows returns the pairs, most meetings first, then by the names of A and B.
func (pc PairCounts) Rows() []PairCount {
	out := make([]PairCount, len(pc.rows))
	for i, r := range pc.rows {
		out[i] = PairCount{A: r.A.clone(), B: r.B.clone(), Count: r.Count}
	}
	return out
}

// Rule returns the rule the pairs were counted under.
func (pc PairCounts) Rule() Rule { return pc.rule.clone() }

// Err returns the error of an invalid rule ([Rule.Validate]) given to
// [Ledger.Pairs], or nil. With an error the PairCounts have no rows, and
// String, Markdown, HTML and SVG say that the rule is invalid and why.
func (pc PairCounts) Err() error { return pc.err }

// Pairs counts the meetings of every pair of leaders under r. Under a
// Multilateral rule a meeting of n leaders adds one to each of its
// n(n-1)/2 pairs. The counts agree with [Ledger.Count] pair by pair. An
// invalid r counts nothing: the result's Err says why.
func (l *Ledger) Pairs(r Rule) PairCounts {
	if err := r.Validate(); err != nil {
		return PairCounts{rule: r.clone(), err: err}
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	p := r.plan()
	rank := l.ranks()
	counts := map[[2]int32]int{}
	for _, x := range l.window(l.all, p.from, p.to) {
		m := &l.meetings[x]
		if !p.counts(&m.Meeting) {
			continue
		}
		for i, a := range m.who {
			for _, b := range m.who[i+1:] {
				if rank[b] < rank[a] {
					counts[[2]int32{b, a}]++
				} else {
					counts[[2]int32{a, b}]++
				}
			}
		}
	}
	keys := make([][2]int32, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]int32) int {
		if c := cmp.Compare(counts[y], counts[x]); c != 0 {
			return c
		}
		if c := cmp.Compare(rank[x[0]], rank[y[0]]); c != 0 {
			return c
		}
		return cmp.Compare(rank[x[1]], rank[y[1]])
	})
	rows := make([]PairCount, len(keys))
	for i, k := range keys {
		rows[i] = PairCount{A: l.leaders[k[0]].clone(), B: l.leaders[k[1]].clone(), Count: counts[k]}
	}
	return PairCounts{rule: r.clone(), rows: rows}
}
