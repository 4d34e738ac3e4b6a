package meeting

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// Term is one continuous period in office, both days included. Start is
// required; a zero End means the leader is still in office. Both are civil
// dates: the ledger keeps only their year, month and day. A leader's next
// term may start on the day this one ends (an inauguration day), as
// 2009-01-20..2013-01-20 and 2013-01-20..2017-01-20 do.
type Term struct {
	Start, End time.Time
}

// Contains reports whether day (a civil date) falls within the term. An open
// term contains every day from its start on.
func (t Term) Contains(day time.Time) bool {
	day = civil.Date(day)
	return !day.Before(civil.Date(t.Start)) && (t.End.IsZero() || !day.After(civil.Date(t.End)))
}

// String returns "2022-05-10..2025-04-04", or "2022-05-10.." for an open term.
func (t Term) String() string {
	return civil.Format(t.Start) + ".." + civil.Format(t.End)
}

// Leader is a head of state or government. ID is the stable key meetings
// refer to ("kr-yoon-suk-yeol"); Name is the display form, kept as given.
// Country is an ISO 3166-1 code: AddLeader accepts alpha-2 or alpha-3 in any
// case and stores the alpha-2 form ("kor" becomes "KR"). Office is the title
// ("president"). Terms are the periods in office; AddLeader keeps them in
// start order. A leader with no terms has unknown terms: meetings on any
// date are accepted and [Standing.YearsInOffice] is zero. Aliases are other
// spellings and scripts that find the leader with [Ledger.Leader]. ID,
// Name, Office and Aliases are one line of at most 1000 bytes, and keep
// the text rule of "Text and limits" in the package documentation.
// Sources are where the record, its terms above all, comes from.
type Leader struct {
	ID      string
	Name    string
	Country string
	Office  string
	Terms   []Term
	Aliases []string
	Sources []Source
}

// String returns the name and ID: "Yoon Suk Yeol (kr-yoon-suk-yeol)".
func (l Leader) String() string {
	return fmt.Sprintf("%s (%s)", l.Name, l.ID)
}

// Equal reports whether l and o are the same record field by field, dates
// compared as instants.
func (l Leader) Equal(o Leader) bool {
	return l.ID == o.ID && l.Name == o.Name && l.Country == o.Country && l.Office == o.Office &&
		slices.EqualFunc(l.Terms, o.Terms, func(a, b Term) bool {
			return a.Start.Equal(b.Start) && a.End.Equal(b.End)
		}) &&
		slices.Equal(l.Aliases, o.Aliases) && slices.EqualFunc(l.Sources, o.Sources, Source.Equal)
}

// InOffice reports whether day falls within one of the leader's terms. A
// leader with no terms is taken to be in office on every day. It looks at
// every term, in whatever order they are given; the ledger itself, which
// keeps terms in start order, finds the one term that can hold a meeting's
// date by binary search.
func (l Leader) InOffice(day time.Time) bool {
	if len(l.Terms) == 0 {
		return true
	}
	for _, t := range l.Terms {
		if t.Contains(day) {
			return true
		}
	}
	return false
}

// inTerms reports whether day (a civil date) falls within one of terms,
// which are in start order and overlap at most on one day, as the ledger
// keeps them; no terms at all is every day, as for [Leader.InOffice]. It
// looks at one term, found by binary search, so checking a meeting of a
// leader with many terms costs time in the logarithm of their number.
func inTerms(terms []Term, day time.Time) bool {
	if len(terms) == 0 {
		return true
	}
	// Only the last term that starts by day can hold it: any term before
	// that one ends on or before the day it starts.
	i := sort.Search(len(terms), func(i int) bool { return terms[i].Start.After(day) })
	return i > 0 && terms[i-1].Contains(day)
}

// clone returns a deep copy, so callers never share the ledger's slices.
func (l Leader) clone() Leader {
	l.Terms = slices.Clone(l.Terms)
	l.Aliases = slices.Clone(l.Aliases)
	l.Sources = slices.Clone(l.Sources)
	return l
}

// ParseCountry validates an ISO 3166-1 alpha-2 or alpha-3 country code in
// any case ("kr", "KOR") with golang.org/x/text/language and returns its
// alpha-2 form ("KR").
//
// Codes of regions that are not countries ("001", "EU", "UN", "QO", "ZZ"),
// the codes ISO reserves for territories that are parts of countries (AC
// Ascension Island, CP Clipperton, DG Diego Garcia, EA Ceuta and Melilla,
// IC the Canary Islands, TA Tristan da Cunha), numeric codes and codes
// with no alpha-3 form give ErrInvalidCountry; for "UK" and "EL", which
// the EU uses for the United Kingdom and Greece, the error names the ISO
// codes GB and GR.
//
// A former code of a country that was renamed reads as the country's code
// today, as CLDR maps it: "BU" and "BUR" (Burma) are "MM", "ZR" (Zaire)
// "CD", "HV" (Upper Volta) "BF", "DY" (Dahomey) "BJ", "RH" (Rhodesia)
// "ZW", "NH" (New Hebrides) "VU", "TP" (East Timor) "TL", so a ranking of
// a country's leaders finds them all. A former state that split, or that
// joined another state that existed beside it, keeps its own code: "SU"
// (the Soviet Union), "YU" (Yugoslavia), "DD" (East Germany), "VD" (North
// Vietnam), "YD" (South Yemen), "CS". ISO gave CS to Czechoslovakia until
// 1993 and to Serbia and Montenegro from 2003 to 2006; "CSK" and "SCG" both
// read as "CS", so a ledger holding both states needs to tell them apart
// by its leaders' terms.
func ParseCountry(code string) (string, error) {
	bad := fmt.Errorf("%w %s", ErrInvalidCountry, problem.Quote(code))
	upper := strings.ToUpper(code)
	if iso, ok := notISO[upper]; ok {
		return "", fmt.Errorf("%w %q: the ISO 3166-1 code of %s is %q", ErrInvalidCountry, code, iso[1], iso[0])
	}
	if n := len(code); n != 2 && n != 3 {
		return "", bad
	}
	for _, r := range code {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return "", bad
		}
	}
	if upper == "CSK" { // ISO 3166-3; unknown to x/text, which reads CS as SCG
		return "CS", nil
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.ISO3() == "ZZZ" || partOfCountry[r.String()] {
		return "", bad
	}
	if c := r.Canonicalize(); c != r && !formerState[r.String()] {
		return c.String(), nil
	}
	return r.String(), nil
}

// partOfCountry holds the codes ISO 3166-1 reserves for territories that
// are parts of a country, which x/text counts as countries.
var partOfCountry = map[string]bool{"AC": true, "CP": true, "DG": true, "TA": true}

// formerState holds the former codes CLDR replaces with the code of the
// state that absorbed them, which stay: both states had their own leaders.
var formerState = map[string]bool{"DD": true, "VD": true, "YD": true}

// notISO maps codes that are in common use but are not ISO 3166-1 country
// codes to the ISO code and the country's name.
var notISO = map[string][2]string{
	"UK": {"GB", "the United Kingdom"},
	"EL": {"GR", "Greece"},
}

// maxText bounds a leader's ID, name, alias and office, in bytes: far
// beyond any real name, and small enough that folding one for lookup stays
// quick whatever it holds.
const maxText = 1000

// tooLong describes text over maxText without quoting all of it.
func tooLong(sentinel error, s string) error {
	return fmt.Errorf("%w: %d bytes, more than %d", sentinel, len(s), maxText)
}

// checkID reports what is wrong with a record ID, if anything: the
// one-line text rule of [checkName] (the error then wraps ErrInvalidText as
// well) and no spaces at either end.
func checkID(id string) error {
	if id == "" {
		return ErrMissing
	}
	if len(id) > maxText {
		return tooLong(ErrInvalidID, id)
	}
	if at, why := input.BadChar(id, true); at >= 0 {
		return &wrapped{fmt.Sprintf("invalid ID: %s %s at byte %d", problem.Quote(id), why, at), []error{ErrInvalidID, ErrInvalidText}}
	}
	if strings.TrimFunc(id, unicode.IsSpace) != id {
		return fmt.Errorf("%w %s: spaces at an end", ErrInvalidID, problem.Quote(id))
	}
	return nil
}

// checkText reports text a record may not hold: it must be valid UTF-8,
// so that JSON carries it back unchanged, with no control character but
// tab, line feed and carriage return and no Unicode noncharacter, so that
// every JSON, HTML and SVG output holds only what XML 1.0 allows (see
// input.BadChar). Every text of a leader and a meeting is checked so.
func checkText(s string) error {
	if at, why := input.BadChar(s, false); at >= 0 {
		return fmt.Errorf("%w: %s %s at byte %d", ErrInvalidText, problem.Quote(s), why, at)
	}
	return nil
}

// checkName reports a name, an alias or an office that is over maxText
// bytes or breaks the rule of [checkText] or holds a tab, a line feed or
// a carriage return: a name is one line.
func checkName(s string) error {
	if len(s) > maxText {
		return tooLong(ErrInvalidText, s)
	}
	if at, why := input.BadChar(s, true); at >= 0 {
		return fmt.Errorf("%w: %s %s at byte %d", ErrInvalidText, problem.Quote(s), why, at)
	}
	return nil
}

// checkDate reports a date that has no YYYY-MM-DD form.
func checkDate(t time.Time) error {
	if y := t.Year(); !t.IsZero() && (y < 1 || y > 9999) {
		return fmt.Errorf("%w: year %d is outside 1..9999", ErrInvalidDate, y)
	}
	return nil
}

// checkTexts reports each field whose text breaks the rule of [checkText].
func checkTexts(report func(field string, err error), fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		if err := checkText(fields[i+1]); err != nil {
			report(fields[i], err)
		}
	}
}

// normalize returns the leader as the ledger keeps it (civil dates, terms in
// start order, alpha-2 country, nil for empty slices) and the problems found
// in the record on its own. Index i is reported with each problem.
func (l Leader) normalize(i int, ps *problems) Leader {
	report := func(field string, err error) { ps.add("leader", i, l.ID, field, err) }
	n := l.clone()
	if err := checkID(l.ID); err != nil {
		report("ID", err)
	}
	for _, f := range [][2]string{{"Name", l.Name}, {"Office", l.Office}} {
		if err := checkName(f[1]); err != nil {
			report(f[0], err)
		}
	}
	if len(l.Name) <= maxText && fold.Key(l.Name) == "" {
		report("Name", fmt.Errorf("%w: %s has no letters or digits", ErrMissing, problem.Quote(l.Name)))
	}
	if c, err := ParseCountry(l.Country); err != nil {
		report("Country", err)
	} else {
		n.Country = c
	}
	for j, a := range l.Aliases {
		field := fmt.Sprintf("Aliases[%d]", j)
		if err := checkName(a); err != nil {
			report(field, err)
		} else if fold.Key(a) == "" {
			report(field, fmt.Errorf("%w: %s has no letters or digits", ErrMissing, problem.Quote(a)))
		}
	}
	for j := range n.Terms {
		t := &n.Terms[j]
		t.Start, t.End = civil.Date(t.Start), civil.Date(t.End)
		for _, d := range []struct {
			field string
			t     time.Time
		}{{"Start", t.Start}, {"End", t.End}} {
			if err := checkDate(d.t); err != nil {
				report(fmt.Sprintf("Terms[%d].%s", j, d.field), err)
			}
		}
		switch {
		case t.Start.IsZero():
			report(fmt.Sprintf("Terms[%d].Start", j), ErrMissing)
		case !t.End.IsZero() && t.End.Before(t.Start):
			report(fmt.Sprintf("Terms[%d]", j), fmt.Errorf("%w: %s", ErrTermOrder, t))
		}
	}
	slices.SortStableFunc(n.Terms, compareTerms)
	for j := 1; j < len(n.Terms); j++ {
		prev, t := n.Terms[j-1], n.Terms[j]
		if prev.Start.IsZero() || t.Start.IsZero() {
			continue
		}
		// A term may start on the day the one before it ended.
		if prev.End.IsZero() || t.Start.Before(prev.End) || t.Start.Equal(prev.Start) {
			report("Terms", fmt.Errorf("%w: %s and %s", ErrTermOverlap, prev, t))
		}
	}
	if len(n.Terms) == 0 {
		n.Terms = nil
	}
	if len(n.Aliases) == 0 {
		n.Aliases = nil
	}
	n.Sources = checkSources(report, n.Sources)
	return n
}

// compareTerms orders terms by start, then by end, an open end last.
func compareTerms(a, b Term) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	switch {
	case a.End.IsZero() && b.End.IsZero():
		return 0
	case a.End.IsZero():
		return 1
	case b.End.IsZero():
		return -1
	}
	return a.End.Compare(b.End)
}

// nameKeys returns the lookup keys of the leader's name and aliases, folded,
// without repeats and without empty keys. (The folded ID is the other key
// that finds a leader.)
func (l Leader) nameKeys() []string {
	ks := make([]string, 0, 1+len(l.Aliases))
	seen := make(map[string]bool, 1+len(l.Aliases))
	for i := -1; i < len(l.Aliases); i++ {
		s := l.Name
		if i >= 0 {
			s = l.Aliases[i]
		}
		if k := fold.Key(s); k != "" && !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	return ks
}

// names returns the leader's name and aliases with the fields they are in:
// "Name", "Aliases[0]", ...
func (l Leader) names() [][2]string {
	out := make([][2]string, 0, 1+len(l.Aliases))
	out = append(out, [2]string{"Name", l.Name})
	for j, a := range l.Aliases {
		out = append(out, [2]string{fmt.Sprintf("Aliases[%d]", j), a})
	}
	return out
}

// nameFor describes the name or alias of the leader whose folded form is
// key: `the name "Fumio Kishida"`, `the alias "岸田文雄"`.
func (l Leader) nameFor(key string) string {
	if fold.Key(l.Name) == key {
		return "the name " + problem.Quote(l.Name)
	}
	for _, a := range l.Aliases {
		if fold.Key(a) == key {
			return "the alias " + problem.Quote(a)
		}
	}
	return "a name"
}

// oversized reports whether any of the leader's texts is over maxText,
// which the cross-record checks then leave alone: the record is refused.
func (l Leader) oversized() bool {
	return len(l.ID) > maxText || len(l.Name) > maxText || len(l.Office) > maxText ||
		slices.ContainsFunc(l.Aliases, func(a string) bool { return len(a) > maxText })
}
