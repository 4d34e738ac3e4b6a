package meeting

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// daysPerYear converts days in office to years.
var daysPerYear = decimal.RequireFromString("365.25")

// secondsPerDay is the length of a civil day, which is midnight UTC to
// midnight UTC.
const secondsPerDay = 24 * 60 * 60

// Basis says where the count a leader is ranked by comes from.
// Its text form is "ledger", "report" or "none".
type Basis int

const (
	// Recorded: the meetings the ledger holds, counted under the rule.
	Recorded Basis = iota
	// Reported: a [Tally]; the ledger holds fewer meetings than it reports.
	Reported
	// NoData: neither a counted meeting nor a tally; the count is unknown,
	// not 0, and the leader is not ranked.
	NoData
)

var basisNames = [...]string{Recorded: "ledger", Reported: "report", NoData: "none"}

// String returns the text form, or "Basis(n)" for a value outside
// Recorded..NoData.
func (b Basis) String() string {
	if b >= 0 && int(b) < len(basisNames) {
		return basisNames[b]
	}
	return "Basis(" + strconv.Itoa(int(b)) + ")"
}

// Standing is one leader's place in [Standings].
//
// Count is the number of meetings the leader is ranked by: what the
// ledger counts, or a reported tally when that is more (By says which).
// It is exact when Most equals it; otherwise the evidence only bounds the
// count: Count is the least it can be and Most the most, or [Unbounded]
// when nothing limits it ("at least 11").
//
// Rank is the competition rank (1, 2, 2, 4: leaders with the same count
// share a rank and the next rank skips) where every count is exact. Where
// some are only bounded, Rank is the best place the leader can hold (one
// more than the leaders certainly ahead) and Lowest the worst (one more
// than the leaders who may be ahead); with exact counts the two are equal.
// A leader with no data (By NoData) has Rank and Lowest 0 and is listed
// last.
//
// Recorded is the ledger's count under the rule. Reported is the tally
// shown beside it (its ID is empty when there is none); Match says how
// its rule relates to the ranking's rule, and Missing, as in a [Finding],
// compares the two on the tally's day (Reported.AsOf), whatever the
// ranking's window: it is the reported count less what the ledger counts
// under the ranking's kinds, statuses and Multilateral from the start of
// the leader's tenure up to and including that day; positive when the
// ledger lacks meetings, negative when it holds more (for a range, the
// distance to the nearer end, 0 inside it).
//
// DaysInOffice counts the days of the leader's terms within the window,
// YearsInOffice the same in years, and PerYear and MostPerYear the
// meetings per year in office: PerYear of Count, MostPerYear of Most
// (equal to PerYear when the count is exact, 0 when Most is [Unbounded]).
// YearsKnown is false when the leader has no recorded terms, or a term
// still open and no date to close it at; the years and rates are then 0
// and shown as unknown.
type Standing struct {
	Leader
	Count    int
	Most     int
	Rank     int
	Lowest   int
	By       Basis
	Recorded int
	Reported Tally
	Match    RuleMatch
	Missing  int

	DaysInOffice  int             // days in office within the window, both ends included
	YearsInOffice decimal.Decimal // DaysInOffice / 365.25, two places
	PerYear       decimal.Decimal // Count / YearsInOffice, two places; 0 when no years
	MostPerYear   decimal.Decimal // Most / YearsInOffice, two places; 0 when no years or Most is Unbounded
	YearsKnown    bool
}

// Equal reports whether s and o are the same standing, decimals compared by
// value.
func (s Standing) Equal(o Standing) bool {
	return s.Leader.Equal(o.Leader) && s.Count == o.Count && s.Most == o.Most &&
		s.Rank == o.Rank && s.Lowest == o.Lowest && s.By == o.By &&
		s.Recorded == o.Recorded && s.Reported.Equal(o.Reported) && s.Match == o.Match &&
		s.Missing == o.Missing && s.DaysInOffice == o.DaysInOffice &&
		s.YearsInOffice.Equal(o.YearsInOffice) && s.PerYear.Equal(o.PerYear) &&
		s.MostPerYear.Equal(o.MostPerYear) && s.YearsKnown == o.YearsKnown
}

// Exact reports whether the count is known exactly.
func (s Standing) Exact() bool { return s.By != NoData && s.Most == s.Count }

// Place returns the rank as text: "3", "3–4" when the leader may hold
// either, "–" for a leader not ranked.
func (s Standing) Place() string {
	switch {
	case s.Rank == 0:
		return "–"
	case s.Lowest > s.Rank:
		return strconv.Itoa(s.Rank) + "–" + strconv.Itoa(s.Lowest)
	}
	return strconv.Itoa(s.Rank)
}

// Meetings returns the count as text: "11", "at least 11", "2 to 8",
// "at most 19", "unknown".
func (s Standing) Meetings() string {
	if s.By == NoData {
		return "unknown"
	}
	return countText(s.Count, s.Most)
}

// countText writes a count range in words.
func countText(least, most int) string {
	return rangeWords(least, most, strconv.Itoa(least), strconv.Itoa(most))
}

// rangeWords writes a range in words, from the least and most counts it
// stands for and their texts: "11", "at least 11", "at most 19",
// "11 to 19".
func rangeWords(least, most int, lo, hi string) string {
	switch {
	case most == least:
		return lo
	case most == Unbounded:
		return "at least " + lo
	case least == 0:
		return "at most " + hi
	}
	return lo + " to " + hi
}

// years returns the years in office as text, or "unknown".
func (s Standing) years() string {
	if !s.YearsKnown {
		return "unknown"
	}
	return s.YearsInOffice.StringFixed(2)
}

// perYear returns the meetings per year as text, a range as the count is
// one ("2.20 to 3.80", "at least 4.83"), or "unknown": also when the years
// in office round to 0.00, where PerYear is 0 for want of a rate, not a
// rate of none.
func (s Standing) perYear() string {
	if !s.YearsKnown || s.By == NoData || s.YearsInOffice.Sign() == 0 {
		return "unknown"
	}
	return rangeWords(s.Count, s.Most, s.PerYear.StringFixed(2), s.MostPerYear.StringFixed(2))
}

// String returns "1. Yoon Suk Yeol: 11 in 2.17 years (5.07 a year)", or
// with bounds "2–3. Roh Moo-hyun: 11 to 19 in 5.00 years (2.20 to 3.80 a
// year)" and "1–3. Yoon Suk Yeol: at least 14 in 2.90 years (at least
// 4.83 a year)"; unknown parts read "unknown".
func (s Standing) String() string {
	return fmt.Sprintf("%s. %s: %s in %s years (%s a year)", s.Place(), s.Name, s.Meetings(), s.years(), s.perYear())
}

// Standings is the result of [Ledger.Rank]: the leaders of one country
// ranked by their meetings with leaders of another.
type Standings struct {
	country, counterpart string
	rule                 Rule
	asOf                 time.Time
	rows                 []Standing
	reported             bool // tallies were weighed
}

// Rows returns the standings, best first; leaders of the same place are
// listed by count, then by name.
func (s Standings) Rows() []Standing {
	out := make([]Standing, len(s.rows))
	for i, r := range s.rows {
		out[i] = r
		out[i].Leader = r.Leader.clone()
		out[i].Reported = r.Reported.clone()
	}
	return out
}

// Country returns the alpha-2 code of the ranked leaders' country.
func (s Standings) Country() string { return s.country }

// Counterpart returns the alpha-2 code of the country they met.
func (s Standings) Counterpart() string { return s.counterpart }

// Rule returns the rule the meetings were counted under.
func (s Standings) Rule() Rule { return s.rule.clone() }

// AsOf returns the day the standings are taken at: the rule's To when set,
// otherwise the date of the latest meeting in the ledger that counts under
// the rule; zero when no meeting counts. Time in office is measured up to
// it, for closed terms and open ones alike. The captions of String,
// Markdown, HTML and SVG state it.
func (s Standings) AsOf() time.Time { return s.asOf }

// Reported reports whether the ledger holds tallies for the two countries,
// so that the standings weigh reported counts beside recorded meetings.
func (s Standings) Reported() bool { return s.reported }

// Rank ranks the leaders of country by the meetings, counted under r, they
// had with any leader of counterpart (ISO 3166-1 alpha-2 or alpha-3 codes,
// any case; the two may be the same). A meeting counts once for a leader
// however many leaders of counterpart were in it.
//
// Every leader of country is listed, except that when r has a window
// (From or To) leaders with no term in it are left out, and leaders whose
// terms all start after the as-of day ([Standings.AsOf]), who were not yet
// in office then, are left out too (a ledger holds no meeting of a leader
// outside their terms). A leader with no recorded terms is listed. An invalid r is an error ([Rule.Validate]).
//
// # Recorded and reported counts
//
// When the ledger holds no tally ([Ledger.AddTally]) of a leader of
// country with counterpart, it is taken to be complete: every count is
// exact, a leader without meetings has 0, and Rank is the competition rank.
//
// Once it holds one, it is taken to be a partial record to be weighed
// against what sources report. A leader's count is then bounded by:
//
//   - the meetings the ledger counts, which are at least what happened;
//   - tallies whose rule is the ranking's rule, or unknown (taken at their
//     word, and marked so), of the whole count against the counterpart's
//     leaders: a tally dated on the as-of day, or after both it and the
//     end of the leader's last term, gives the count; one dated earlier a
//     least; one dated later a most. A tally for a pair of leaders counts
//     for the whole country when the other leader was the only one of the
//     counterpart in office with the leader up to the tally's date, as the
//     ledger's leaders and terms show; otherwise it gives only a least;
//   - tallies of a rule that counts more than the ranking's (pull-asides as
//     well as talks) give a most; of one that counts less, a least;
//   - a tally of the ranking's rule, or of a wider one, that the ledger's
//     own count under that rule equals on the tally's date shows the
//     ledger complete up to then: if that is on or after the as-of day, the
//     ledger's count is exact.
//
// A bound that contradicts those of known rules is not applied (the
// tally's Missing shows the disagreement); tallies of unknown rules are
// weighed after the others. With a window that starts (r.From), tallies
// give only upper bounds, since they count from the start of a tenure.
// A leader with neither a counted meeting nor a tally is NoData: unknown,
// not 0.
//
// # Time in office
//
// DaysInOffice counts the days of the leader's terms within the window,
// both ends included: a term of one day is one day, and a day two terms
// share (an inauguration day ending one term and starting the next) counts
// once. Every term is cut at the as-of date, [Standings.AsOf]: r.To when
// set, otherwise the date of the latest meeting in the ledger, of any
// leaders, that counts under r (held talks under the zero Rule), so the
// result depends on the data, not on the clock, and a meeting planned for
// years ahead moves it only under a rule that counts planned meetings.
// With no as-of date (no meeting counts), closed terms count whole and a
// leader with an open term has unknown years, as does a leader with no
// terms. YearsInOffice is DaysInOffice divided by 365.25, rounded to two
// places; PerYear is Count divided by the rounded YearsInOffice, rounded to
// two places, zero when YearsInOffice is zero, and MostPerYear is Most
// divided the same way (zero when Most is [Unbounded]): a bounded count
// has a range of rates, "2.20 to 3.80 a year", and one with no upper
// bound a least, "at least 4.83 a year".
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
	tallies := l.talliesOf(c, k)
	var rows []Standing
	for _, n := range l.byCountry[c] {
		ld := l.leaders[n]
		days, known, inWindow := tenure(ld.Terms, p.from, p.to, asOf)
		if windowed && !inWindow || notYet(ld.Terms, asOf) {
			continue
		}
		row := Standing{Leader: ld.clone(), YearsKnown: known, DaysInOffice: int(days)}
		row.Recorded = l.against(n, k, -1, &p)
		if len(tallies) == 0 {
			row.Count, row.Most = row.Recorded, row.Recorded
		} else {
			w := weigher{s: &l.store, r: r, p: &p, n: n, k: k, asOf: asOf}
			w.weigh(&row, tallies[n])
		}
		if known {
			row.YearsInOffice = decimal.NewFromInt(days).DivRound(daysPerYear, 2)
			if row.YearsInOffice.Sign() > 0 && row.By != NoData {
				row.PerYear = decimalOf(row.Count).DivRound(row.YearsInOffice, 2)
				if row.Most != Unbounded {
					row.MostPerYear = decimalOf(row.Most).DivRound(row.YearsInOffice, 2)
				}
			}
		}
		rows = append(rows, row)
	}
	place(rows)
	rank := l.ranks()
	ids := l.byID
	slices.SortFunc(rows, func(a, b Standing) int {
		if c := cmp.Compare(rankKey(a), rankKey(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(mostKey(b), mostKey(a)); c != 0 {
			return c
		}
		return cmp.Compare(rank[ids[a.ID]], rank[ids[b.ID]])
	})
	return Standings{country: c, counterpart: k, rule: r.clone(), asOf: asOf, rows: rows, reported: len(tallies) > 0}, nil
}

// notYet reports whether every term starts after asOf: a leader not yet
// in office on the as-of day. With no as-of day or no terms, it is false.
func notYet(terms []Term, asOf time.Time) bool {
	return !asOf.IsZero() && len(terms) > 0 && terms[0].Start.After(asOf) // terms are in start order
}

// rankKey orders rows by rank, unranked ones last.
func rankKey(s Standing) int {
	if s.Rank == 0 {
		return int(^uint(0) >> 1)
	}
	return s.Rank
}

// mostKey orders unbounded counts above every bounded one.
func mostKey(s Standing) int {
	if s.Most == Unbounded {
		return int(^uint(0) >> 1)
	}
	return s.Most
}

// place sets each row's best and worst rank from the bounds of all rows.
// With exact counts, both are the competition rank.
func place(rows []Standing) {
	for i := range rows {
		me := &rows[i]
		if me.By == NoData {
			continue
		}
		me.Rank, me.Lowest = 1, 1
		for j, o := range rows {
			if j == i || o.By == NoData {
				continue
			}
			if me.Most != Unbounded && o.Count > me.Most {
				me.Rank++ // certainly ahead
			}
			if o.Most == Unbounded || o.Most > me.Count {
				me.Lowest++ // possibly ahead
			}
		}
	}
}

// talliesOf returns, for each leader of country c, the tallies of their
// meetings with leaders of k, or nil when there are none at all.
func (s *store) talliesOf(c, k string) map[int32][]*tallyRecord {
	var out map[int32][]*tallyRecord
	for i := range s.tallies {
		t := &s.tallies[i]
		if t.crowd != k || s.leaders[t.leader].Country != c {
			continue
		}
		if out == nil {
			out = map[int32][]*tallyRecord{}
		}
		out[t.leader] = append(out[t.leader], t)
	}
	return out
}

// against counts the meetings of leader n that count under p, within its
// window, with any leader of country k, or with leader w when w >= 0.
func (s *store) against(n int32, k string, w int32, p *plan) int {
	count := 0
	for _, x := range s.window(s.byLeader[n], p.from, p.to) {
		m := &s.meetings[x]
		if !p.counts(&m.Meeting) {
			continue
		}
		for _, o := range m.who {
			if o != n && (w < 0 && s.leaders[o].Country == k || o == w) {
				count++
				break
			}
		}
	}
	return count
}

// weigher works out one leader's count from the ledger and the tallies.
type weigher struct {
	s    *store
	r    Rule
	p    *plan
	n    int32     // the leader
	k    string    // the counterpart country
	asOf time.Time // the as-of day, zero for none (then: any day)

	lo, hi int          // the bounds so far; hi may be Unbounded
	by     *tallyRecord // the tally that set lo, nil for the ledger
}

// end returns the last day of the leader's last term, or zero when a term
// is open or there are none.
func (w *weigher) end() time.Time {
	ts := w.s.leaders[w.n].Terms
	if len(ts) == 0 {
		return time.Time{}
	}
	return ts[len(ts)-1].End // terms are in start order, an open one last
}

// when compares the tally's day with the as-of day, both cut at the end of
// the leader's tenure, after which counts no longer change: -1 when the
// tally counts less of the tenure, 0 the same, +1 more.
func (w *weigher) when(t *tallyRecord) int {
	end := w.end()
	cut := func(d time.Time) time.Time {
		if !end.IsZero() && (d.IsZero() || d.After(end)) {
			return end
		}
		return d
	}
	a, d := cut(w.asOf), cut(t.AsOf)
	switch {
	case a.IsZero(): // no as-of day: the tally stands for any day before its own
		return 0
	case d.Before(a):
		return -1
	case d.After(a):
		return 1
	}
	return 0
}

// match says how the tally's rule relates to the ranking's.
func (w *weigher) match(t *tallyRecord) RuleMatch {
	if t.Match == UnknownRule {
		return UnknownRule
	}
	return compareRules(t.As, w.r)
}

// whole reports whether a tally counts the leader's meetings with every
// leader of the counterpart country: it is for the country, or for a pair
// whose other leader was the only leader of the country in office with
// the leader up to the tally's date, as far as the ledger's terms show.
func (w *weigher) whole(t *tallyRecord) bool {
	if t.with < 0 {
		return true
	}
	mine := w.s.leaders[w.n].Terms
	if len(mine) == 0 {
		return false
	}
	for _, o := range w.s.byCountry[w.k] {
		if o == t.with || o == w.n {
			continue
		}
		theirs := w.s.leaders[o].Terms
		if len(theirs) == 0 {
			return false // unknown terms: they may have overlapped
		}
		for _, a := range mine {
			for _, b := range theirs {
				if overlap(a, b, t.AsOf) {
					return false
				}
			}
		}
	}
	return true
}

// overlap reports whether two terms share a day on or before day.
func overlap(a, b Term, day time.Time) bool {
	start := a.Start
	if b.Start.After(start) {
		start = b.Start
	}
	for _, end := range []time.Time{a.End, b.End, day} {
		if !end.IsZero() && end.Before(start) {
			return false
		}
	}
	return true
}

// counted returns the ledger's count of the leader's meetings with the
// tally's counterpart under rule q, up to day (from the rule's start when
// from is set).
func (w *weigher) counted(t *tallyRecord, q Rule, from, day time.Time) int {
	p := q.plan()
	p.from, p.to = from, day
	return w.s.against(w.n, t.crowd, t.with, &p)
}

// bound narrows [lo, hi] to the given bounds, unless they contradict it,
// and reports whether they did not.
func (w *weigher) bound(t *tallyRecord, lo, hi int) bool {
	nlo, nhi := max(w.lo, lo), w.hi
	if hi != Unbounded && (nhi == Unbounded || hi < nhi) {
		nhi = hi
	}
	if nhi != Unbounded && nlo > nhi {
		return false
	}
	if nlo > w.lo {
		w.by = t
	}
	w.lo, w.hi = nlo, nhi
	return true
}

// apply narrows the bounds by what one tally says, under the relation m of
// its rule to the ranking's (UnknownRule taken as SameRule).
func (w *weigher) apply(t *tallyRecord, m RuleMatch) {
	when, whole := w.when(t), w.whole(t)
	least := w.p.from.IsZero() // a tally counts from the start of the tenure
	switch m {
	case SameRule, UnknownRule:
		switch {
		case whole && when == 0 && least:
			w.bound(t, t.Count, t.most())
		case when <= 0 && least:
			w.bound(t, t.Count, Unbounded)
		case whole && when >= 0:
			w.bound(t, 0, t.most())
		}
	case WiderRule:
		if whole && when >= 0 {
			w.bound(t, 0, t.most())
		}
	case NarrowerRule:
		if when <= 0 && least {
			w.bound(t, t.Count, Unbounded)
		}
	}
}

// confirms reports whether a tally shows the ledger complete under the
// ranking's rule up to the as-of day: an exact tally of the whole count,
// dated on or after that day, under the ranking's rule or a wider one,
// that the ledger's own count under the tally's rule matches.
func (w *weigher) confirms(t *tallyRecord, m RuleMatch) bool {
	return (m == SameRule || m == WiderRule) && t.exact() && w.whole(t) && w.when(t) >= 0 &&
		w.counted(t, t.As, time.Time{}, t.AsOf) == t.Count
}

// weigh fills in a row's count, basis, bounds and reported tally.
func (w *weigher) weigh(row *Standing, ts []*tallyRecord) {
	w.lo, w.hi = row.Recorded, Unbounded
	if len(ts) == 0 && row.Recorded == 0 {
		row.By, row.Count, row.Most = NoData, 0, Unbounded
		return
	}
	for _, t := range ts {
		if w.confirms(t, w.match(t)) {
			w.hi = row.Recorded
			break
		}
	}
	for _, unknown := range []bool{false, true} {
		for _, t := range ts {
			if m := w.match(t); (m == UnknownRule) == unknown {
				w.apply(t, m)
			}
		}
	}
	row.Count, row.Most = w.lo, w.hi
	if w.by != nil && w.lo > row.Recorded {
		row.By = Reported
	}
	shown := w.by
	if shown == nil {
		shown = w.nearest(ts)
	}
	if shown != nil {
		row.Reported, row.Match = shown.Tally.clone(), w.match(shown)
		// On the tally's day, over the whole tenure as a tally counts it,
		// whatever the ranking's window.
		got := w.counted(shown, w.r, time.Time{}, shown.AsOf)
		switch most := shown.most(); {
		case got < shown.Count:
			row.Missing = shown.Count - got
		case most != Unbounded && got > most:
			row.Missing = most - got
		}
	}
}

// nearest picks the tally to show beside the ledger's count: one of the
// as-of day, else the latest before it, else the earliest after it; of
// those, one whose rule is the ranking's before one of unknown rule, and
// that before one of another rule; then by ID.
func (w *weigher) nearest(ts []*tallyRecord) *tallyRecord {
	pref := [...]int{SameRule: 0, UnknownRule: 1, WiderRule: 2, NarrowerRule: 3, OtherRule: 4}
	key := func(t *tallyRecord) (int, int64, int) {
		switch when := w.when(t); {
		case when == 0:
			return 0, 0, pref[w.match(t)]
		case when < 0:
			return 1, -t.AsOf.Unix(), pref[w.match(t)]
		default:
			return 2, t.AsOf.Unix(), pref[w.match(t)]
		}
	}
	var best *tallyRecord
	for _, t := range ts {
		if best == nil {
			best = t
			continue
		}
		a1, a2, a3 := key(t)
		b1, b2, b3 := key(best)
		if c := cmp.Or(cmp.Compare(a1, b1), cmp.Compare(a2, b2), cmp.Compare(a3, b3), cmp.Compare(t.ID, best.ID)); c < 0 {
			best = t
		}
	}
	return best
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
// every term cut at asOf, both ends of every term included and a day two
// terms share counted once; whether the days are known (there are terms,
// and none is open without an asOf to close it at); and whether any term
// meets the window at all. Terms are in start order and overlap at most by
// a day. A leader with no terms meets every window with unknown days.
func tenure(terms []Term, from, to, asOf time.Time) (days int64, known, meets bool) {
	if len(terms) == 0 {
		return 0, false, true
	}
	known = true
	var last time.Time // the last day counted so far
	for _, t := range terms {
		start, end := t.Start, t.End
		if (to.IsZero() || !start.After(to)) && (end.IsZero() || from.IsZero() || !end.Before(from)) {
			meets = true
		}
		if end.IsZero() {
			if asOf.IsZero() {
				if to.IsZero() || !start.After(to) {
					known = false
				}
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
		if !asOf.IsZero() && end.After(asOf) {
			end = asOf
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
	if !known {
		days = 0
	}
	return days, known, meets
}

// decimalOf returns a count as a decimal.
func decimalOf(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
