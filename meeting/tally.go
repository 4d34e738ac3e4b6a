package meeting

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// ErrInvalidCount: a tally's count is negative, or its most is below its
// least, or its text is not a count ("20", "2..8", "11..", "..19").
var ErrInvalidCount = errors.New("meeting: invalid count")

// Unbounded is [Tally.Most] (and [Standing.Most]) when nothing bounds a
// count from above: "at least 11".
const Unbounded = -1

// Tally is a count of meetings a source reports without listing them:
// "Lee Myung-bak held 20 summits with Japan's prime ministers", "Yoon and
// Kishida have met 12 times". A ledger keeps tallies beside its meetings
// ([Ledger.AddTally]) and [Ledger.Rank] weighs them against what it
// counts itself, so a total is never turned into invented meetings.
//
// ID is the tally's stable key. Leader is the ID of the leader whose
// meetings were counted; With is the counterpart: the ID of one leader
// (a count for a pair), or an ISO 3166-1 country code standing for every
// leader of that country ("JP": Japan's prime ministers, whoever they
// were).
//
// Count is the number reported. A source that gives only bounds is a
// range: Most is the most the count can be, Count the least. Most 0 means
// exactly Count (the zero value of Most reads as "no range"); [Unbounded]
// means no upper bound ("at least 11"); Count 0 with Most 19 is "at most
// 19". AsOf is the day the count stood at (required): a count reported
// after the leader left office is the count of the whole tenure.
//
// Inferred marks a count that the source does not give but that follows
// from what it says, as the data set's author worked it out: a report that
// gives no figure for Roh Moo-hyun but says that Lee Myung-bak's 20 were
// the most bounds Roh's at "..19". Rule or Note should say how. It is
// weighed as any tally is; tables show it as "(inferred)" beside the count,
// so that it is never read as a figure the source gave.
//
// Rule says in words how the source counted ("standalone summits, as the
// foreign ministry counts them"). Match says how that relates to the
// ledger's rules: [UnknownRule] when it cannot be told, or [SameRule] when
// the source counts the meetings As counts. As is then a Rule of kinds
// and of Multilateral alone: a tally counts held meetings, up to AsOf, so
// As has no statuses but Held and no window. With UnknownRule, As is the
// zero Rule.
type Tally struct {
	ID       string
	Leader   string
	With     string
	Count    int
	Most     int
	Inferred bool
	AsOf     time.Time
	Rule     string
	Match    RuleMatch
	As       Rule
	Sources  []Source
	Note     string
}

// Equal reports whether t and o are the same tally, dates compared as
// instants and rules as sets of kinds and statuses.
func (t Tally) Equal(o Tally) bool {
	return t.ID == o.ID && t.Leader == o.Leader && t.With == o.With &&
		t.Count == o.Count && t.Most == o.Most && t.Inferred == o.Inferred && t.AsOf.Equal(o.AsOf) &&
		t.Rule == o.Rule && t.Match == o.Match && sameRule(t.As, o.As) &&
		t.As.From.Equal(o.As.From) && t.As.To.Equal(o.As.To) &&
		slices.EqualFunc(t.Sources, o.Sources, Source.Equal) && t.Note == o.Note
}

// Range returns the count as text: "20", "2..8", "11.." (at least),
// "..19" (at most). [ParseRange] reads it back.
func (t Tally) Range() string {
	return rangeText(t.Count, t.most())
}

// most returns Most with the zero value read as "exactly Count".
func (t Tally) most() int {
	if t.Most == 0 {
		return t.Count
	}
	return t.Most
}

// exact reports whether the tally is one number.
func (t Tally) exact() bool { return t.most() == t.Count }

// rangeText writes a count range: "20", "2..8", "11..", "..19".
func rangeText(least, most int) string {
	switch {
	case most == least:
		return strconv.Itoa(least)
	case most == Unbounded:
		return strconv.Itoa(least) + ".."
	case least == 0:
		return ".." + strconv.Itoa(most)
	}
	return strconv.Itoa(least) + ".." + strconv.Itoa(most)
}

// String returns one line: "kr-lee-myung-bak–JP: 20 as of 2023-03-16
// (YTN)", or for an inferred count "kr-roh-moo-hyun–JP: ..19 (inferred)
// as of 2023-03-16 (YTN)".
func (t Tally) String() string {
	s := t.Leader + "–" + t.With + ": " + t.rangeText()
	if !t.AsOf.IsZero() {
		s += " as of " + civil.Format(t.AsOf)
	}
	if len(t.Sources) > 0 && t.Sources[0].Publisher != "" {
		s += " (" + t.Sources[0].Publisher + ")"
	}
	return s
}

// rangeText is Range, with " (inferred)" when the count is inferred.
func (t Tally) rangeText() string {
	if t.Inferred {
		return t.Range() + " (inferred)"
	}
	return t.Range()
}

// ParseRange reads a count as [Tally.Range] writes it: "20" is exactly 20
// (most 0, as in a Tally); "2..8" 2 to 8; "11.." at least 11 (most
// [Unbounded]); "..19" at most 19. Spaces around the numbers are allowed;
// anything else, a negative number and a range whose most is below its
// least are ErrInvalidCount.
func ParseRange(s string) (count, most int, err error) {
	bad := func(why string) (int, int, error) {
		return 0, 0, fmt.Errorf("%w %s: %s", ErrInvalidCount, problem.Quote(s), why)
	}
	num := func(f string) (int, bool) {
		f = strings.TrimSpace(f)
		if f == "" || len(f) > 9 || strings.Trim(f, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.Atoi(f)
		return n, err == nil
	}
	lo, hi, isRange := strings.Cut(s, "..")
	if !isRange {
		n, ok := num(s)
		if !ok {
			return bad(`want a number of meetings, "2..8", "11.." or "..19"`)
		}
		return n, 0, nil
	}
	var ok bool
	if strings.TrimSpace(lo) != "" {
		if count, ok = num(lo); !ok {
			return bad("the least is not a number")
		}
	}
	switch {
	case strings.TrimSpace(hi) == "":
		if strings.TrimSpace(lo) == "" {
			return bad("a range needs a least or a most")
		}
		return count, Unbounded, nil
	default:
		if most, ok = num(hi); !ok {
			return bad("the most is not a number")
		}
	}
	if most < count {
		return bad("the most is below the least")
	}
	if most == count {
		most = 0
	}
	return count, most, nil
}

// RuleMatch says how a reported count's rule relates to a ledger [Rule].
// A [Tally] is UnknownRule or SameRule; [Standing.Match] compares a
// tally's rule with the rule of a ranking, and may then be any of them.
// Its text form is "unknown", "same", "wider", "narrower" or "other".
type RuleMatch int

const (
	// UnknownRule: the source's rule is known in words only; it may count
	// what the ledger's rule counts, or more, or less.
	UnknownRule RuleMatch = iota
	// SameRule: the source counts exactly the meetings the rule counts.
	SameRule
	// WiderRule: the source counts every meeting the rule counts and others
	// too (it counts pull-asides, the rule does not).
	WiderRule
	// NarrowerRule: the source counts only some of the meetings the rule
	// counts.
	NarrowerRule
	// OtherRule: the source counts some meetings the rule does not and
	// leaves out some it counts.
	OtherRule
)

var matchNames = [...]string{UnknownRule: "unknown", SameRule: "same", WiderRule: "wider", NarrowerRule: "narrower", OtherRule: "other"}

// String returns the text form, or "RuleMatch(n)" for a value outside
// UnknownRule..OtherRule.
func (m RuleMatch) String() string {
	if m.valid() {
		return matchNames[m]
	}
	return "RuleMatch(" + strconv.Itoa(int(m)) + ")"
}

func (m RuleMatch) valid() bool { return m >= 0 && int(m) < len(matchNames) }

// ParseRuleMatch reads a RuleMatch from its text form, in any case; the
// empty string is UnknownRule.
func ParseRuleMatch(s string) (RuleMatch, error) {
	if s == "" {
		return UnknownRule, nil
	}
	for m, name := range matchNames {
		if strings.EqualFold(s, name) {
			return RuleMatch(m), nil
		}
	}
	return 0, fmt.Errorf("%w: rule match %s (want unknown, same, wider, narrower or other)", ErrInvalidRule, problem.Quote(s))
}

// compareRules says how the meetings rule a counts relate to those b
// counts, their windows aside.
func compareRules(a, b Rule) RuleMatch {
	pa, pb := a.plan(), b.plan()
	wider, narrower := true, true // a ⊇ b, a ⊆ b
	for k := range pa.kinds {
		wider = wider && (pa.kinds[k] || !pb.kinds[k])
		narrower = narrower && (pb.kinds[k] || !pa.kinds[k])
	}
	for s := range pa.statuses {
		wider = wider && (pa.statuses[s] || !pb.statuses[s])
		narrower = narrower && (pb.statuses[s] || !pa.statuses[s])
	}
	// Multilateral counts every two-leader meeting and more.
	wider = wider && (pa.multi || !pb.multi)
	narrower = narrower && (pb.multi || !pa.multi)
	switch {
	case wider && narrower:
		return SameRule
	case wider:
		return WiderRule
	case narrower:
		return NarrowerRule
	}
	return OtherRule
}

// sameRule reports whether two rules count the same meetings, their
// windows aside.
func sameRule(a, b Rule) bool { return compareRules(a, b) == SameRule }

// clone returns a deep copy.
func (t Tally) clone() Tally {
	t.As = t.As.clone()
	t.Sources = slices.Clone(t.Sources)
	return t
}

// tallyRecord is a stored tally with its leaders resolved to numbers.
type tallyRecord struct {
	Tally
	leader int32  // the counted leader
	with   int32  // the counterpart leader, or -1 for a country
	crowd  string // the counterpart's country (alpha-2)
}

// AddTally adds reported counts. It adds all of them or, when any is bad,
// none, and returns a *ValidationError listing every problem: an empty or
// taken ID, a Leader that is not a leader ID in the ledger
// (ErrUnknownLeader), a With that is neither a leader ID nor a country code
// (or both, ErrAmbiguous), or is Leader itself, a negative count or a most
// below the least (ErrInvalidCount), a zero or out-of-range AsOf, a Match
// outside UnknownRule and SameRule, an As that is invalid, has statuses
// other than Held or a window, or is set with UnknownRule (ErrInvalidRule),
// and text that a record may not hold. Dates are stored as civil dates,
// country codes as alpha-2, and Most as Count when it was 0.
func (l *Ledger) AddTally(ts ...Tally) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	add, ps := l.checkTallies(ts)
	if err := ps.err(); err != nil {
		return err
	}
	l.addTallies(add)
	return nil
}

// checkTallies normalizes a batch of tallies and finds their problems.
func (s *store) checkTallies(ts []Tally) ([]tallyRecord, problems) {
	var ps problems
	out := make([]tallyRecord, len(ts))
	first := map[string]int{}
	for i, t := range ts {
		report := func(field string, err error) { ps.add("tally", i, t.ID, field, err) }
		n := t.clone()
		rec := tallyRecord{leader: -1, with: -1}
		if err := checkID(t.ID); err != nil {
			report("ID", err)
		} else if _, ok := s.tallyByID[t.ID]; ok {
			report("ID", fmt.Errorf("%w tally ID %q: already in the ledger", ErrDuplicate, t.ID))
		} else if j, ok := first[t.ID]; ok {
			report("ID", fmt.Errorf("%w tally ID %q: also tally[%d]", ErrDuplicate, t.ID, j))
		} else {
			first[t.ID] = i
		}
		checkTexts(report, "Note", t.Note)
		if err := checkName(t.Rule); err != nil {
			report("Rule", err)
		}
		switch num, ok := s.byID[t.Leader]; {
		case t.Leader == "":
			report("Leader", ErrMissing)
		case !ok:
			report("Leader", s.unknownParticipant(t.Leader))
		default:
			rec.leader = num
		}
		switch num, isLeader := s.byID[t.With]; {
		case t.With == "":
			report("With", ErrMissing)
		case isLeader:
			if c, err := ParseCountry(t.With); err == nil {
				report("With", fmt.Errorf("%w: %q is a leader ID and the country code %s", ErrAmbiguous, t.With, c))
			} else if num == rec.leader {
				report("With", fmt.Errorf("%w: a leader does not meet themself", ErrDuplicate))
			} else {
				rec.with, rec.crowd = num, s.leaders[num].Country
			}
		default:
			c, err := ParseCountry(t.With)
			if err != nil {
				report("With", fmt.Errorf("%w: %s is neither a leader ID nor a country code", ErrUnknownLeader, problem.Quote(t.With)))
			} else {
				n.With, rec.crowd = c, c
			}
		}
		switch {
		case t.Count < 0:
			report("Count", fmt.Errorf("%w: %d is negative", ErrInvalidCount, t.Count))
		case t.Most < Unbounded || t.Most > 0 && t.Most < t.Count:
			report("Most", fmt.Errorf("%w: most %d with least %d", ErrInvalidCount, t.Most, t.Count))
		}
		if t.Most == 0 {
			n.Most = t.Count
		}
		n.AsOf = civil.Date(t.AsOf)
		if n.AsOf.IsZero() {
			report("AsOf", ErrMissing)
		} else if err := checkDate(n.AsOf); err != nil {
			report("AsOf", err)
		}
		switch {
		case !t.Match.valid() || t.Match > SameRule:
			report("Match", fmt.Errorf("%w: a tally's match is unknown or same, not %s", ErrInvalidRule, t.Match))
		case t.Match == UnknownRule && !isZeroRule(t.As):
			report("As", fmt.Errorf("%w: As is set but the match is unknown", ErrInvalidRule))
		case t.Match == SameRule:
			if err := t.As.Validate(); err != nil {
				report("As", err)
			} else if !t.As.From.IsZero() || !t.As.To.IsZero() || slices.ContainsFunc(t.As.Statuses, func(st Status) bool { return st != Held }) {
				report("As", fmt.Errorf("%w: a tally counts held meetings up to its date: As may have no window and no status but held", ErrInvalidRule))
			}
		}
		n.As = normalRule(n.As)
		n.Sources = checkSources(report, n.Sources)
		rec.Tally = n
		out[i] = rec
	}
	return out, ps
}

// isZeroRule reports whether r is the zero Rule.
func isZeroRule(r Rule) bool {
	return len(r.Kinds) == 0 && len(r.Statuses) == 0 && r.From.IsZero() && r.To.IsZero() && !r.Multilateral
}

// normalRule returns a tally's rule as stored: kinds sorted without
// repeats, no statuses (held is the default), nil for none.
func normalRule(r Rule) Rule {
	out := Rule{Multilateral: r.Multilateral}
	if len(r.Kinds) > 0 {
		out.Kinds = slices.Compact(slices.Sorted(slices.Values(r.Kinds)))
	}
	return out
}

// checkSources normalizes sources (civil dates, nil for none) and reports
// text a record may not hold and dates without a YYYY-MM-DD form.
func checkSources(report func(field string, err error), srcs []Source) []Source {
	for j := range srcs {
		src := &srcs[j]
		src.Date = civil.Date(src.Date)
		field := func(name string) string { return fmt.Sprintf("Sources[%d].%s", j, name) }
		if err := checkDate(src.Date); err != nil {
			report(field("Date"), err)
		}
		checkTexts(func(name string, err error) { report(field(name), err) },
			"Publisher", src.Publisher, "Title", src.Title, "URL", src.URL, "Quote", src.Quote)
	}
	if len(srcs) == 0 {
		return nil
	}
	return srcs
}

// addTallies stores checked tallies.
func (s *store) addTallies(ts []tallyRecord) {
	if s.tallyByID == nil {
		s.tallyByID = map[string]int32{}
	}
	for _, t := range ts {
		s.tallyByID[t.ID] = int32(len(s.tallies))
		s.tallies = append(s.tallies, t)
	}
}

// Tallies returns every tally, by AsOf, then by ID.
func (l *Ledger) Tallies() []Tally {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.talliesSorted()
}

// talliesSorted returns copies of the tallies, by AsOf, then by ID.
func (s *store) talliesSorted() []Tally {
	out := make([]Tally, len(s.tallies))
	for i, t := range s.tallies {
		out[i] = t.clone()
	}
	slices.SortFunc(out, func(a, b Tally) int {
		if c := a.AsOf.Compare(b.AsOf); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// Tally returns the tally with the given ID.
func (l *Ledger) Tally(id string) (Tally, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n, ok := l.tallyByID[id]
	if !ok {
		return Tally{}, false
	}
	return l.tallies[n].clone(), true
}
