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
// count share a rank and the next rank skips), the years in office within
// the rule's window and the meetings per year in office.
type Standing struct {
	Leader
	Count         int
	Rank          int
	YearsInOffice decimal.Decimal // days in office / 365.25, two places
	PerYear       decimal.Decimal // Count / YearsInOffice, two places; 0 when no years
}

// Equal reports whether s and o are the same standing, decimals compared by
// value.
func (s Standing) Equal(o Standing) bool {
	return s.Leader.Equal(o.Leader) && s.Count == o.Count && s.Rank == o.Rank &&
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

// Rank ranks the leaders of country by the meetings, counted under r, they
// had with any leader of counterpart (ISO 3166-1 alpha-2 or alpha-3 codes,
// any case; the two may be the same). A meeting counts once for a leader
// however many leaders of counterpart were in it.
//
// Every leader of country is listed, those with no meetings last, except
// that when r has a window (From or To) leaders with no term in it are left
// out. YearsInOffice is the time in office within the window, each term's
// length being End − Start in days, divided by 365.25 and rounded to two
// places. An open term (End zero) ends at r.To or, when To is zero, at the
// date of the latest meeting in the ledger, so the result depends on the
// data and not on the clock. PerYear is Count divided by the rounded
// YearsInOffice, rounded to two places; zero when YearsInOffice is zero.
func (l *Ledger) Rank(country, counterpart string, r Rule) (Standings, error) {
	c, err := ParseCountry(country)
	if err != nil {
		return Standings{}, err
	}
	k, err := ParseCountry(counterpart)
	if err != nil {
		return Standings{}, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	p := r.plan()
	asOf := p.to
	if asOf.IsZero() && len(l.all) > 0 {
		asOf = l.meetings[l.all[len(l.all)-1]].Date
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
		rows = append(rows, Standing{Leader: ld.clone(), Count: count, YearsInOffice: years, PerYear: perYear})
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
	return Standings{country: c, counterpart: k, rule: r.clone(), rows: rows}, nil
}

// tenure returns the days in office within [from, to] (zero bounds open),
// open terms ending at asOf, and whether any term meets the window at all.
// A leader with no terms meets every window with no days.
func tenure(terms []Term, from, to, asOf time.Time) (days int64, meets bool) {
	if len(terms) == 0 {
		return 0, true
	}
	for _, t := range terms {
		start, end := t.Start, t.End
		if (to.IsZero() || !start.After(to)) && (end.IsZero() || from.IsZero() || !end.Before(from)) {
			meets = true
		}
		if end.IsZero() {
			end = asOf
		}
		if !from.IsZero() && start.Before(from) {
			start = from
		}
		if !to.IsZero() && end.After(to) {
			end = to
		}
		if end.After(start) {
			days += (end.Unix() - start.Unix()) / secondsPerDay
		}
	}
	return days, meets
}

// decimalOf returns a count as a decimal.
func decimalOf(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
