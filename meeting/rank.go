package meeting

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// daysPerYear converts days in office to years.
var daysPerYear = decimal.RequireFromString("365.25")

// secondsPerDay is the length of a civil day, which is midnight UTC to
// midnight UTC.
const secondsPerDay = 24 * 60 * 60

// Standing is one leader's place in [Standings]: the leader, the number of
// meetings counted, the competition rank (1, 2, 2, 4: leaders with the same
// count share a rank and the next rank skips), the days and years in office
// within the rule's window and the meetings per year in office.
type Standing struct {
	Leader
	Count         int
	Rank          int
	DaysInOffice  int             // days in office within the window, both ends included
	YearsInOffice decimal.Decimal // DaysInOffice / 365.25, two places
	PerYear       decimal.Decimal // Count / YearsInOffice, two places; 0 when no years
}

// Equal reports whether s and o are the same standing, decimals compared by
// value.
func (s Standing) Equal(o Standing) bool {
	return s.Leader.Equal(o.Leader) && s.Count == o.Count && s.Rank == o.Rank &&
		s.DaysInOffice == o.DaysInOffice &&
		s.YearsInOffice.Equal(o.YearsInOffice) && s.PerYear.Equal(o.PerYear)
}

// String returns "1. Yoon Suk Yeol: 11 in 2.17 years (5.07 a year)".
func (s Standing) String() string {
	return fmt.Sprintf("%d. %s: %d in %s years (%s a year)", s.Rank, s.Name, s.Count,
		s.YearsInOffice.StringFixed(2), s.PerYear.StringFixed(2))
}

// Standings is the result of [Ledger.Rank]: the leaders of one country
// ranked by their meetings with leaders of another.
type Standings struct {
	country, counterpart string
	rule                 Rule
	asOf                 time.Time
	rows                 []Standing
}

// Rows returns the standings, best first; leaders with the same count are
// listed by name.
func (s Standings) Rows() []Standing {
	out := make([]Standing, len(s.rows))
	for i, r := range s.rows {
		out[i] = r
		out[i].Leader = r.Leader.clone()
	}
	return out
}

// Country returns the alpha-2 code of the ranked leaders' country.
func (s Standings) Country() string { return s.country }

// Counterpart returns the alpha-2 code of the country they met.
func (s Standings) Counterpart() string { return s.counterpart }

// Rule returns the rule the meetings were counted under.
func (s Standings) Rule() Rule { return s.rule.clone() }

// AsOf returns the day at which open terms (in office, End zero) were closed
// to measure time in office: the rule's To when set, otherwise the date of
// the latest meeting in the ledger that counts under the rule; zero when no
// meeting counts, and then open terms add no days. The captions of String,
// Markdown, HTML and SVG state it.
func (s Standings) AsOf() time.Time { return s.asOf }

// Rank ranks the leaders of country by the meetings, counted under r, they
// had with any leader of counterpart (ISO 3166-1 alpha-2 or alpha-3 codes,
// any case; the two may be the same). A meeting counts once for a leader
// however many leaders of counterpart were in it.
//
// Every leader of country is listed, those with no meetings last, except
// that when r has a window (From or To) leaders with no term in it are left
// out. An invalid r is an error ([Rule.Validate]).
//
// DaysInOffice counts the days of the leader's terms within the window,
// both ends included: a term of one day is one day, and a day two terms
// share (an inauguration day ending one term and starting the next) counts
// once. An open term (End zero) ends at the as-of date, [Standings.AsOf]:
// r.To when set, otherwise the date of the latest meeting in the ledger, of
// any leaders, that counts under r (held talks under the zero Rule), so the
// result depends on the data, not on the clock, and a meeting planned for
// years ahead moves it only under a rule that counts planned meetings.
// YearsInOffice is DaysInOffice divided by 365.25, rounded to two places;
// PerYear is Count divided by the rounded YearsInOffice, rounded to two
// places, zero when YearsInOffice is zero.
func (l *Ledger) Rank(country, counterpart string, r Rule) (Standings, error) {
	c, err := ParseCountry(country)
	if err != nil {
		return Standings{}, err
	}
	k, err := ParseCountry(counterpart)
	if err != nil {
		return Standings{}, err
	}
	if err := r.Validate(); err != nil {
		return Standings{}, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	p := r.plan()
	asOf := p.to
	if asOf.IsZero() {
		asOf = l.latest(&p)
	}
	windowed := !p.from.IsZero() || !p.to.IsZero()
	var rows []Standing
	for _, n := range l.byCountry[c] {
		ld := l.leaders[n]
		days, inWindow := tenure(ld.Terms, p.from, p.to, asOf)
		if windowed && !inWindow {
			continue
		}
		count := 0
		for _, x := range l.window(l.byLeader[n], p.from, p.to) {
			m := &l.meetings[x]
			if !p.counts(&m.Meeting) {
				continue
			}
			for _, w := range m.who {
				if w != n && l.leaders[w].Country == k {
					count++
					break
				}
			}
		}
		years := decimal.NewFromInt(days).DivRound(daysPerYear, 2)
		perYear := decimal.Zero
		if years.Sign() > 0 {
			perYear = decimalOf(count).DivRound(years, 2)
		}
		rows = append(rows, Standing{Leader: ld.clone(), Count: count, DaysInOffice: int(days), YearsInOffice: years, PerYear: perYear})
	}
	rank := l.ranks()
	ids := l.byID
	slices.SortFunc(rows, func(a, b Standing) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(rank[ids[a.ID]], rank[ids[b.ID]])
	})
	for i := range rows {
		if i > 0 && rows[i].Count == rows[i-1].Count {
			rows[i].Rank = rows[i-1].Rank
		} else {
			rows[i].Rank = i + 1
		}
	}
	return Standings{country: c, counterpart: k, rule: r.clone(), asOf: asOf, rows: rows}, nil
}

// latest returns the date of the latest meeting in the ledger that counts
// under p, from the start of its window on, or the zero time when none does.
func (s *store) latest(p *plan) time.Time {
	index := s.window(s.all, p.from, p.to)
	for i := len(index) - 1; i >= 0; i-- {
		if m := &s.meetings[index[i]]; p.counts(&m.Meeting) {
			return m.Date
		}
	}
	return time.Time{}
}

// tenure returns the days in office within [from, to] (zero bounds open),
// both ends of every term included and a day two terms share counted once,
// open terms ending at asOf (adding nothing when asOf is zero), and whether
// any term meets the window at all. Terms are in start order and overlap at
// most by a day. A leader with no terms meets every window with no days.
func tenure(terms []Term, from, to, asOf time.Time) (days int64, meets bool) {
	if len(terms) == 0 {
		return 0, true
	}
	var last time.Time // the last day counted so far
	for _, t := range terms {
		start, end := t.Start, t.End
		if (to.IsZero() || !start.After(to)) && (end.IsZero() || from.IsZero() || !end.Before(from)) {
			meets = true
		}
		if end.IsZero() {
			if asOf.IsZero() {
				continue
			}
			end = asOf
		}
		if !from.IsZero() && start.Before(from) {
			start = from
		}
		if !to.IsZero() && end.After(to) {
			end = to
		}
		if !last.IsZero() && !start.After(last) {
			start = last.AddDate(0, 0, 1)
		}
		if end.Before(start) {
			continue
		}
		days += (end.Unix()-start.Unix())/secondsPerDay + 1
		last = end
	}
	return days, meets
}

// decimalOf returns a count as a decimal.
func decimalOf(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
