package historian

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
	"github.com/summitry/summitry/meeting"
)

// Publisher is the publisher named in the source of every meeting made from
// a visit.
const Publisher = "Office of the Historian, U.S. Department of State"

// MeetingID returns the ID of the meeting made from the visit with the given
// id: "oh-visit-3157".
func MeetingID(visitID int) string { return "oh-visit-" + strconv.Itoa(visitID) }

// Unresolved is a visit that did not become a meeting, with the reason in
// words and as an error that wraps a sentinel: [ErrNoHost],
// meeting.ErrUnknownLeader, meeting.ErrAmbiguous (an *meeting.AmbiguousError
// listing the candidates), meeting.ErrOutOfTerm or meeting.ErrDuplicate; and,
// for records the readers never return, [ErrMissing] (no id or start date),
// meeting.ErrInvalidText (a visitor, description or country id with text a
// ledger refuses, such as a Unicode noncharacter) or
// meeting.ErrTooFewParticipants (a visitor who is the host).
type Unresolved struct {
	Visit
	Reason string
	Err    error
}

// String returns one line: the visit's id, start date, visitor and country
// label, and the reason: "2451 1961-11-13 Chairman Park (Korea): unknown
// leader: no leader named "Park", and no chairman of KR with a name like it
// in office on 1961-11-13".
func (u Unresolved) String() string {
	return fmt.Sprintf("%d %s %s (%s): %s", u.ID, civil.Format(u.Start), u.Visitor, u.CountryLabel, u.Reason)
}

// Meetings turns visits into meetings the ledger can take: one held
// meeting of kind [meeting.Visit] per visit, dated on its first day, between
// the visitor and the US president in office that day, the host. What cannot
// be resolved is returned as [Unresolved], never dropped: both results
// together account for every visit. Meetings adds nothing to the ledger; the
// meetings it returns are accepted by [meeting.Ledger.AddMeeting] as long as
// the ledger does not change in between ([Add] does both).
//
// # Host
//
// The host is the leader of country US whose office is "president" (case
// and spacing ignored) and who is in office on the visit's start date. None
// is [ErrNoHost]; two (a day on which one term ends and the next begins, or
// a ledger with overlapping presidents) is meeting.ErrAmbiguous.
//
// # Visitor
//
// The visitor is found, in this order:
//
//  1. By name: the whole visitor text, then the name without its title,
//     looked up with [meeting.Ledger.Leader] (IDs, names and aliases, folded).
//     A leader found so whose country differs from the visit's is not taken;
//     several leaders are narrowed to those of the visit's country in office
//     that day, then to those holding the title's office, and if more than
//     one is left the visit is ambiguous. A
//     leader found by name who is not in office that day makes the visit
//     unresolved (meeting.ErrOutOfTerm): the record names someone else's
//     time, so no one else is put in their place.
//  2. By country and office, when no name matches: the leader of the
//     visit's country whose office is the one the title is held in
//     ([Office]: "President" and "Acting President" are "president", "Amir"
//     is "emir", "Premier" and "Taoiseach" match "prime minister"), in
//     office on the start date, and whose name or an alias shares a word
//     with the visitor's name (folded), so "President Rhee" finds Syngman
//     Rhee and "President Kim Yong-sam" Kim Young-sam, but "Interim
//     President Juan Guaidó" is not taken for the president in office.
//     Titles with no office (President-elect, military ranks) and visits
//     with no country code do not take this path.
//
// # Records
//
// Meetings are dated on the visit's start date, ID [MeetingID], Kind
// [meeting.Visit], Status [meeting.Held], participants the visitor and the
// host in that order. Place stays empty (the data does not say where the
// leaders met); Occasion is set when the description names a summit of a
// known series ("Attended NATO 75th Anniversary Summit in Washington, DC."
// gives "NATO Summit 2024"; also G20 Summit, G8 Summit, Nuclear Security
// Summit, U.S.-Africa Leaders Summit, U.S.-ASEAN Summit), with the year of
// the start date. The one source is the Office of the Historian ([Publisher])
// with the visit id in its title, the country's page as URL and the
// description as quote; Note keeps the visitor as recorded and the dates.
//
// # Repeats
//
// Two visits of the same leader starting on the same day (the data has a
// few: a working visit and the NATO summit on one day) become one meeting:
// the one with the lower id, with the other's source added, its id in the
// note and its occasion when the first names none. A visit id given twice,
// and a visit whose meeting the ledger already has (same ID, or the same
// leaders on the same day in a meeting of kind Visit), are unresolved with
// meeting.ErrDuplicate.
//
// Results are in start-date order, then by visit id.
func Meetings(l *meeting.Ledger, visits []Visit) ([]meeting.Meeting, []Unresolved) {
	vs := slices.Clone(visits)
	slices.SortStableFunc(vs, func(a, b Visit) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	r := newResolver(l)
	var out []meeting.Meeting
	var bad []Unresolved
	seenID := map[int]bool{}
	type key struct {
		visitor, host string
		day           time.Time
	}
	made := map[key]int{} // → index in out
	for _, v := range vs {
		fail := func(err error) {
			bad = append(bad, Unresolved{Visit: v, Reason: strings.TrimPrefix(strings.TrimPrefix(err.Error(), "historian: "), "meeting: "), Err: err})
		}
		if v.ID <= 0 || v.Start.IsZero() {
			fail(fmt.Errorf("%w: visit has no id or no start date", ErrMissing))
			continue
		}
		if err := checkVisitText(v); err != nil {
			fail(err)
			continue
		}
		if seenID[v.ID] {
			fail(fmt.Errorf("%w: visit id %d is given twice", meeting.ErrDuplicate, v.ID))
			continue
		}
		seenID[v.ID] = true
		day := civil.Date(v.Start)
		host, err := r.host(day)
		if err != nil {
			fail(err)
			continue
		}
		visitor, how, err := r.visitor(v, day)
		if err != nil {
			fail(err)
			continue
		}
		if visitor.ID == host.ID {
			fail(fmt.Errorf("%w: the visitor %s is the host", meeting.ErrTooFewParticipants, visitor.Name))
			continue
		}
		src := source(v)
		k := key{visitor.ID, host.ID, day}
		if i, ok := made[k]; ok {
			out[i].Sources = append(out[i].Sources, src)
			if out[i].Occasion == "" {
				out[i].Occasion = Occasion(v.Description, v.Start.Year())
			}
			out[i].Note += fmt.Sprintf("; also visit %d (%s)", v.ID, dates(v))
			continue
		}
		if _, ok := l.Meeting(MeetingID(v.ID)); ok {
			fail(fmt.Errorf("%w: the ledger already has meeting %s", meeting.ErrDuplicate, MeetingID(v.ID)))
			continue
		}
		if id := r.recorded(visitor.ID, host.ID, day); id != "" {
			fail(fmt.Errorf("%w: the ledger already has meeting %s of %s and %s on %s", meeting.ErrDuplicate, id, visitor.Name, host.Name, civil.Format(day)))
			continue
		}
		note := fmt.Sprintf("%s, visit %d (%s)", v.Visitor, v.ID, dates(v))
		if how != "" {
			note += "; " + how
		}
		made[k] = len(out)
		out = append(out, meeting.Meeting{
			ID:           MeetingID(v.ID),
			Date:         day,
			Participants: []string{visitor.ID, host.ID},
			Kind:         meeting.Visit,
			Status:       meeting.Held,
			Occasion:     Occasion(v.Description, v.Start.Year()),
			Sources:      []meeting.Source{src},
			Note:         note,
		})
	}
	return out, bad
}

// Add makes meetings of the visits, as [Meetings] does, and adds them to the
// ledger. It returns the visits it could not resolve; the error is
// AddMeeting's, should the ledger have changed since Meetings looked at it,
// and then nothing was added.
func Add(l *meeting.Ledger, visits []Visit) ([]Unresolved, error) {
	ms, bad := Meetings(l, visits)
	if len(ms) == 0 {
		return bad, nil
	}
	return bad, l.AddMeeting(ms...)
}

// checkVisitText reports a text of v that the meeting made of it would
// carry and a ledger refuses (a Unicode noncharacter, a control character
// but tab, line feed and carriage return, bytes that are not UTF-8: see
// input.BadChar). The readers never return such a visit.
func checkVisitText(v Visit) error {
	for _, f := range [...]struct{ name, s string }{{"visitor", v.Visitor}, {"description", v.Description}, {"from/@id", v.CountryID}} {
		if at, why := input.BadChar(f.s, false); at >= 0 {
			return fmt.Errorf("%w: %s %s %s at byte %d", meeting.ErrInvalidText, f.name, problem.Quote(f.s), why, at)
		}
	}
	return nil
}

func dates(v Visit) string {
	if v.End.Equal(v.Start) {
		return civil.Format(v.Start)
	}
	return civil.Format(v.Start) + ".." + civil.Format(v.End)
}

func source(v Visit) meeting.Source {
	s := meeting.Source{
		Publisher: Publisher,
		Title:     fmt.Sprintf("Visits by Foreign Leaders, visit %d: %s", v.ID, v.Visitor),
		Quote:     v.Description,
	}
	if v.CountryID != "" && !strings.ContainsAny(v.CountryID, "/?#% ") {
		s.URL = "https://history.state.gov/departmenthistory/visits/" + v.CountryID
	}
	return s
}

// resolver holds the ledger and its leaders for one call of Meetings.
type resolver struct {
	l         *meeting.Ledger
	byCountry map[string][]meeting.Leader
	words     map[string]map[string]bool // leader ID → folded words of name and aliases
}

func newResolver(l *meeting.Ledger) *resolver {
	r := &resolver{l: l, byCountry: map[string][]meeting.Leader{}, words: map[string]map[string]bool{}}
	for _, ld := range l.Leaders() {
		r.byCountry[ld.Country] = append(r.byCountry[ld.Country], ld)
		ws := map[string]bool{}
		for _, n := range append([]string{ld.Name}, ld.Aliases...) {
			for _, w := range nameWords(n) {
				ws[w] = true
			}
		}
		r.words[ld.ID] = ws
	}
	return r
}

// nameWords splits a name into folded words at spaces, hyphens and other
// punctuation.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '.' || r == ',' || r == '\'' || r == '’'
	}) {
		if k := fold.Key(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func (r *resolver) host(day time.Time) (meeting.Leader, error) {
	var in []meeting.Leader
	for _, ld := range r.byCountry["US"] {
		if sameOffice(ld.Office, "president") && ld.InOffice(day) {
			in = append(in, ld)
		}
	}
	switch len(in) {
	case 0:
		return meeting.Leader{}, fmt.Errorf("%w on %s", ErrNoHost, civil.Format(day))
	case 1:
		return in[0], nil
	}
	return meeting.Leader{}, &meeting.AmbiguousError{Name: "US president on " + civil.Format(day), Candidates: in}
}

// visitor resolves the visitor; how says how when it was not by name.
func (r *resolver) visitor(v Visit, day time.Time) (meeting.Leader, string, error) {
	names := []string{v.Visitor}
	if v.Name != "" && v.Name != v.Visitor {
		names = append(names, v.Name)
	}
	unknown := fmt.Sprintf("no leader named %q", v.Name)
	if v.Name == "" {
		unknown = "no name"
	}
	for _, name := range names {
		ld, err := r.l.Leader(name)
		var amb *meeting.AmbiguousError
		switch {
		case err == nil:
			if v.Country != "" && ld.Country != v.Country {
				unknown = fmt.Sprintf("%s is a leader of %s, not %s", ld, ld.Country, v.Country)
				continue
			}
			if !ld.InOffice(day) {
				return meeting.Leader{}, "", fmt.Errorf("%w: %s is not in office on %s", meeting.ErrOutOfTerm, ld, civil.Format(day))
			}
			return ld, "", nil
		case errors.As(err, &amb):
			var fit []meeting.Leader
			for _, c := range amb.Candidates {
				if (v.Country == "" || c.Country == v.Country) && c.InOffice(day) {
					fit = append(fit, c)
				}
			}
			if office := Office(v.Title); len(fit) > 1 && office != "" {
				var same []meeting.Leader
				for _, c := range fit {
					if sameOffice(c.Office, office) {
						same = append(same, c)
					}
				}
				if len(same) > 0 {
					fit = same
				}
			}
			switch len(fit) {
			case 0:
				continue
			case 1:
				return fit[0], "", nil
			}
			return meeting.Leader{}, "", &meeting.AmbiguousError{Name: name, Candidates: fit}
		}
	}
	office := Office(v.Title)
	switch {
	case v.Country == "":
		return meeting.Leader{}, "", fmt.Errorf("%w: %s, and no country code to look further", meeting.ErrUnknownLeader, unknown)
	case office == "" && v.Title == "":
		return meeting.Leader{}, "", fmt.Errorf("%w: %s, and no title to look for an office", meeting.ErrUnknownLeader, unknown)
	case office == "":
		return meeting.Leader{}, "", fmt.Errorf("%w: %s, and %q is not an office in office", meeting.ErrUnknownLeader, unknown, v.Title)
	}
	want := nameWords(v.Name)
	var fit []meeting.Leader
	for _, ld := range r.byCountry[v.Country] {
		if !sameOffice(ld.Office, office) || !ld.InOffice(day) {
			continue
		}
		if len(want) > 0 && !slices.ContainsFunc(want, func(w string) bool { return r.words[ld.ID][w] }) {
			continue
		}
		fit = append(fit, ld)
	}
	switch len(fit) {
	case 0:
		return meeting.Leader{}, "", fmt.Errorf("%w: %s, and no %s of %s with a name like it in office on %s", meeting.ErrUnknownLeader, unknown, office, v.Country, civil.Format(day))
	case 1:
		return fit[0], "resolved by country and office", nil
	}
	return meeting.Leader{}, "", &meeting.AmbiguousError{Name: fmt.Sprintf("%s of %s on %s", office, v.Country, civil.Format(day)), Candidates: fit}
}

// recorded returns the ID of a meeting of kind Visit between a and b on day
// that the ledger already has, or "".
func (r *resolver) recorded(a, b string, day time.Time) string {
	ms, err := r.l.Schedule(a, day)
	if err != nil {
		return ""
	}
	for _, m := range ms {
		if m.Kind == meeting.Visit && len(m.Participants) == 2 && slices.Contains(m.Participants, a) && slices.Contains(m.Participants, b) {
			return m.ID
		}
	}
	return ""
}

// occasions are the summit series Occasion recognises, as patterns on the
// description.
var occasions = []struct {
	pattern *regexp.Regexp
	series  string
}{
	{regexp.MustCompile(`(?i)\bNATO\b.*\bSummit\b|\bNorth Atlantic (Alliance|Treaty Organization)\b.*\bSummit\b`), "NATO Summit"},
	{regexp.MustCompile(`(?i)\bG-?20\b.*\bSummit\b`), "G20 Summit"},
	{regexp.MustCompile(`(?i)\bG-?8\b.*\bSummit\b`), "G8 Summit"},
	{regexp.MustCompile(`(?i)\bNuclear Security Summit\b`), "Nuclear Security Summit"},
	{regexp.MustCompile(`(?i)\bU\.S\.-Africa Leaders Summit\b`), "U.S.-Africa Leaders Summit"},
	{regexp.MustCompile(`(?i)\bU\.S\.-ASEAN Summit\b`), "U.S.-ASEAN Summit"},
}

// Occasion returns the summit a visit's description names, as a series and
// a year ("NATO Summit 2024"), or "" when it names none of the series
// Occasion knows: the NATO summit (also "North Atlantic Alliance Summit"),
// G20 and G8 summits, the Nuclear Security Summit, the U.S.-Africa Leaders
// Summit and the U.S.-ASEAN Summit. The year is the one given, the visit's.
func Occasion(description string, year int) string {
	for _, o := range occasions {
		if o.pattern.MatchString(description) {
			return fmt.Sprintf("%s %d", o.series, year)
		}
	}
	return ""
}
