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
//
// It holds each leader once, however many pairs the leader is in, and a
// pair as two numbers and a count, so its size is in proportion to the
// number of pairs plus the size of the leaders in them.
type PairCounts struct {
	rule    Rule
	leaders []Leader // each leader of a pair once; never handed out as is
	rows    []pairRow
	err     error
}

// pairRow is one pair: two positions in PairCounts.leaders (leader
// numbers while Pairs counts) and a count.
type pairRow struct {
	a, b  int32
	count int
	order uint64 // while Pairs sorts: the name ranks of a and b, a<<32 | b
}

// Rows returns the pairs, most meetings first, then by the names of A and B.
// The rows are copies: nothing in them is shared with the ledger or with
// the rows of another call. Rows naming the same leader share one copy of
// that leader (its Terms and Aliases), so that many pairs of few leaders
// cost little.
func (pc PairCounts) Rows() []PairCount {
	leaders := make([]Leader, len(pc.leaders))
	for i, ld := range pc.leaders {
		leaders[i] = ld.clone()
	}
	out := make([]PairCount, len(pc.rows))
	for i, r := range pc.rows {
		out[i] = PairCount{A: leaders[r.a], B: leaders[r.b], Count: r.count}
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
// n(n-1)/2 pairs, at most 79,800 for a meeting of [MaxParticipants]. The
// counts agree with [Ledger.Count] pair by pair. An invalid r counts
// nothing: the result's Err says why.
//
// It takes time in proportion to the pairs counted, meeting by meeting,
// and memory in proportion to the distinct pairs found.
func (l *Ledger) Pairs(r Rule) PairCounts {
	if err := r.Validate(); err != nil {
		return PairCounts{rule: r.clone(), err: err}
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	p := r.plan()
	rank := l.ranks()
	counts := map[uint64]int{} // leader numbers a<<32 | b, a first in name order
	for _, x := range l.window(l.all, p.from, p.to) {
		m := &l.meetings[x]
		if !p.counts(&m.Meeting) {
			continue
		}
		for i, a := range m.who {
			for _, b := range m.who[i+1:] {
				if rank[b] < rank[a] {
					counts[uint64(b)<<32|uint64(a)]++
				} else {
					counts[uint64(a)<<32|uint64(b)]++
				}
			}
		}
	}
	rows := make([]pairRow, 0, len(counts))
	for k, n := range counts {
		a, b := int32(k>>32), int32(uint32(k))
		rows = append(rows, pairRow{a: a, b: b, count: n, order: uint64(rank[a])<<32 | uint64(rank[b])})
	}
	slices.SortFunc(rows, func(x, y pairRow) int {
		if c := cmp.Compare(y.count, x.count); c != 0 {
			return c
		}
		return cmp.Compare(x.order, y.order)
	})
	// Number the leaders of the pairs in order of first appearance. The
	// copies share Terms and Aliases with the ledger, which never changes a
	// leader once added; Rows copies them before handing them out.
	pos := make(map[int32]int32)
	var leaders []Leader
	at := func(n int32) int32 {
		i, ok := pos[n]
		if !ok {
			i = int32(len(leaders))
			pos[n] = i
			leaders = append(leaders, l.leaders[n])
		}
		return i
	}
	for i := range rows {
		rows[i].a, rows[i].b = at(rows[i].a), at(rows[i].b)
	}
	return PairCounts{rule: r.clone(), leaders: leaders, rows: rows}
}
