package meeting

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// The JSON forms of results and records. Every form is an object with the
// keys shown, written in that order. Records (leaders, meetings, tallies,
// sources) have the shape they have in a ledger's JSON ([Ledger.WriteJSON]),
// with empty optional fields left out; results (pair counts, standings,
// findings) write every key, null standing for what is unknown or not
// given. Dates are YYYY-MM-DD; kinds, statuses, bases and rule matches are
// their text; years in office and meetings a year are decimal strings
// with two places ("2.17"), never floats.

// MarshalText writes the basis's text form: "ledger", "report" or "none".
// A value outside Recorded..NoData is an error matching [ErrSyntax].
func (b Basis) MarshalText() ([]byte, error) {
	if b < 0 || int(b) >= len(basisNames) {
		return nil, fmt.Errorf("%w: basis %d", ErrSyntax, int(b))
	}
	return []byte(basisNames[b]), nil
}

// UnmarshalText reads a basis as [ParseBasis] does. It is for encoding
// packages; in the gomacro interpreter, which cannot call it, use
// ParseBasis.
func (b *Basis) UnmarshalText(text []byte) error {
	v, err := ParseBasis(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// ParseBasis reads a basis from its text form, "ledger", "report" or
// "none", in any case. Anything else is an error matching [ErrSyntax].
func ParseBasis(s string) (Basis, error) {
	for b, name := range basisNames {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Basis(b), nil
		}
	}
	return 0, fmt.Errorf("%w: basis %s (want ledger, report or none)", ErrSyntax, problem.Quote(s))
}

// MarshalText writes the match's text form: "unknown", "same", "wider",
// "narrower" or "other". A value outside UnknownRule..OtherRule is an
// error matching [ErrInvalidRule].
func (m RuleMatch) MarshalText() ([]byte, error) {
	if !m.valid() {
		return nil, fmt.Errorf("%w: rule match %d", ErrInvalidRule, int(m))
	}
	return []byte(matchNames[m]), nil
}

// UnmarshalText reads a match as [ParseRuleMatch] does. It is for encoding
// packages; in the gomacro interpreter, which cannot call it, use
// ParseRuleMatch.
func (m *RuleMatch) UnmarshalText(text []byte) error {
	v, err := ParseRuleMatch(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Equal reports whether r and o count the same meetings: the same kinds
// and statuses (as sets, an empty list read as its default, Talks or
// Held), the same window (as civil dates) and the same Multilateral. A
// rule read back from its JSON equals the rule written.
func (r Rule) Equal(o Rule) bool {
	return slices.Equal(sortedSet(r.Kinds, Talks), sortedSet(o.Kinds, Talks)) &&
		slices.Equal(sortedSet(r.Statuses, Held), sortedSet(o.Statuses, Held)) &&
		civil.Date(r.From).Equal(civil.Date(o.From)) && civil.Date(r.To).Equal(civil.Date(o.To)) &&
		r.Multilateral == o.Multilateral
}

// ruleJSON is a rule as JSON holds it.
type ruleJSON struct {
	Kinds        []Kind   `json:"kinds"`
	Statuses     []Status `json:"statuses"`
	From         *string  `json:"from"`
	To           *string  `json:"to"`
	Multilateral bool     `json:"multilateral"`
}

// MarshalJSON writes the rule with the kinds and statuses it counts, each
// once in their defined order, defaults made explicit:
//
//	{"kinds": ["talks", "pull-aside"], "statuses": ["held"],
//	 "from": "2022-05-10", "to": null, "multilateral": false}
//
// An open end of the window is null. A kind or status outside the defined
// ones is an error ([Rule.Validate]).
func (r Rule) MarshalJSON() ([]byte, error) {
	return json.Marshal(ruleJSON{sortedSet(r.Kinds, Talks), sortedSet(r.Statuses, Held), dateOrNull(r.From), dateOrNull(r.To), r.Multilateral})
}

// ruleFields are the keys of a rule's JSON.
var ruleFields = []field{{"kinds", "Kinds"}, {"statuses", "Statuses"}, {"from", "From"}, {"to", "To"},
	{"multilateral", "Multilateral"}}

// UnmarshalJSON reads a rule as [Rule.MarshalJSON] writes it, so that a
// service can take the counting rule of a question as JSON. A key left
// out, or null, is the zero value: {} is the zero Rule, held talks between
// two leaders. Kinds and statuses take what [ParseKind] and [ParseStatus]
// take, dates YYYY-MM-DD. The rule must be valid ([Rule.Validate]).
//
// The input is untrusted and read as strictly as a ledger: unknown keys,
// keys repeated or spelled in another case, wrong types and trailing data
// are ErrSyntax, bytes that are not UTF-8 and \u escapes of half a
// surrogate pair ErrInvalidText, and bad values the sentinel of their
// field (ErrInvalidKind, ErrInvalidStatus, ErrInvalidDate,
// ErrInvalidRule); the error names the key ("kinds[1]"). JSON null leaves
// r unchanged; on error r is unchanged.
func (r *Rule) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var v Rule
	err := readOne("rule", data, func(d *decoder) error { return d.rule("", &v) })
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// rule reads a rule object into r; prefix names its fields in errors.
func (d *decoder) rule(prefix string, r *Rule) error {
	var from, to string
	var kinds, statuses []string
	err := d.object(prefix, ruleFields, nil, func(f field, name string) error {
		switch f.key {
		case "kinds":
			return d.strs(name, &kinds)
		case "statuses":
			return d.strs(name, &statuses)
		case "from":
			return d.str(name, &from)
		case "to":
			return d.str(name, &to)
		}
		return d.boolean(name, &r.Multilateral)
	})
	if err != nil {
		return err
	}
	var bad error
	report := func(field string, err error) {
		if bad == nil {
			bad = &syntaxError{off: d.pos, field: prefix + field, err: err}
		}
	}
	for i, s := range kinds {
		k, err := ParseKind(s)
		if err != nil {
			report(fmt.Sprintf("Kinds[%d]", i), err)
		}
		r.Kinds = append(r.Kinds, k)
	}
	for i, s := range statuses {
		st, err := ParseStatus(s)
		if err != nil {
			report(fmt.Sprintf("Statuses[%d]", i), err)
		}
		r.Statuses = append(r.Statuses, st)
	}
	r.From = parseDate(from, "From", report)
	r.To = parseDate(to, "To", report)
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		report("To", fmt.Errorf("%w: %s is before from, %s", ErrInvalidRule, to, from))
	}
	if bad != nil {
		return bad
	}
	if err := r.Validate(); err != nil { // nothing above lets an invalid rule through
		return &syntaxError{off: d.pos, field: strings.TrimSuffix(prefix, "."), err: err}
	}
	return nil
}

// readOne reads data, one JSON value, strictly: what names it in errors
// ("rule", "claim") and read walks it.
func readOne(what string, data []byte, read func(d *decoder) error) error {
	data = input.TrimBOM(data)
	d := &decoder{data: data, lines: map[string][]int{}, lineAt: input.NewLines(data)}
	if off := input.BadUTF8(data); off >= 0 {
		return &jsonError{what, "", fmt.Errorf("%w: byte %#x at offset %d is not UTF-8", ErrInvalidText, data[off], off)}
	}
	if off := input.LoneSurrogate(data); off >= 0 {
		return &jsonError{what, "", fmt.Errorf("%w: %s at offset %d escapes half of a surrogate pair", ErrInvalidText, data[off:off+6], off)}
	}
	if !json.Valid(data) {
		var v any
		return &jsonError{what, "", fmt.Errorf("%w: %v", ErrSyntax, json.Unmarshal(data, &v))}
	}
	if err := read(d); err != nil {
		if se, ok := err.(*syntaxError); ok {
			return &jsonError{what, jsonPath(se.field), se.err}
		}
		return &jsonError{what, "", err}
	}
	return nil
}

// jsonError is a problem in the JSON of a value read on its own (a rule, a
// claim): what it is, the key at fault by its path, and why.
type jsonError struct {
	what, field string
	err         error
}

func (e *jsonError) Error() string {
	msg := strings.TrimPrefix(e.err.Error(), "meeting: ")
	msg = strings.Replace(msg, "malformed ledger JSON", "malformed JSON", 1)
	if e.field == "" {
		return "meeting: " + e.what + ": " + msg
	}
	return "meeting: " + e.what + ": " + e.field + ": " + msg
}

func (e *jsonError) Unwrap() error { return e.err }

// dateOrNull returns t as YYYY-MM-DD, or nil for the zero time.
func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := civil.Format(t)
	return &s
}

// toJSONSource returns a source in its JSON shape.
func toJSONSource(s Source) jsonSource {
	return jsonSource{s.Publisher, s.Title, s.URL, s.Quote, civil.Format(s.Date)}
}

// MarshalJSON writes the source as a ledger's records hold it, empty
// fields left out:
//
//	{"publisher": "Yonhap", "title": "...", "url": "https://...",
//	 "quote": "...", "date": "2024-07-11"}
func (s Source) MarshalJSON() ([]byte, error) { return json.Marshal(toJSONSource(s)) }

// MarshalJSON writes the term as a ledger's leaders hold it:
// {"start": "2022-05-10", "end": "2025-04-04"}, "end" left out while in
// office.
func (t Term) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonTerm{Start: civil.Format(t.Start), End: civil.Format(t.End)})
}

// toJSONLeader returns a leader in its JSON shape; it shares the leader's
// slices.
func toJSONLeader(ld *Leader) jsonLeader {
	j := jsonLeader{ID: ld.ID, Name: ld.Name, Country: ld.Country, Office: ld.Office, Aliases: ld.Aliases,
		Sources: toJSONSources(ld.Sources)}
	for _, t := range ld.Terms {
		j.Terms = append(j.Terms, jsonTerm{Start: civil.Format(t.Start), End: civil.Format(t.End)})
	}
	return j
}

// MarshalJSON writes the leader as a ledger's "leaders" hold it
// ([Ledger.WriteJSON]), empty optional fields left out:
//
//	{"id": "kr-yoon-suk-yeol", "name": "Yoon Suk Yeol", "country": "KR",
//	 "office": "president", "terms": [{"start": "2022-05-10", "end": "2025-04-04"}],
//	 "aliases": ["윤석열"], "sources": [...]}
func (l Leader) MarshalJSON() ([]byte, error) { return json.Marshal(toJSONLeader(&l)) }

// toJSONMeeting returns a meeting in its JSON shape; it shares the
// meeting's participants.
func toJSONMeeting(m *Meeting) jsonMeeting {
	return jsonMeeting{
		ID: m.ID, Date: civil.Format(m.Date), Participants: m.Participants,
		Kind: m.Kind.String(), Status: m.Status.String(),
		Place: m.Place, Occasion: m.Occasion, Note: m.Note, Sources: toJSONSources(m.Sources),
	}
}

// MarshalJSON writes the meeting as a ledger's "meetings" hold it
// ([Ledger.WriteJSON]), empty optional fields left out: the entries of a
// [Ledger.Schedule], say, as
//
//	{"id": "m-2024-07-10-jp", "date": "2024-07-10",
//	 "participants": ["kr-yoon-suk-yeol", "jp-kishida-fumio"],
//	 "kind": "talks", "status": "held", "place": "Washington, D.C.",
//	 "occasion": "NATO Summit 2024", "sources": [...], "note": "..."}
func (m Meeting) MarshalJSON() ([]byte, error) { return json.Marshal(toJSONMeeting(&m)) }

// toJSONTally returns a tally in its JSON shape.
func toJSONTally(t *Tally) jsonTally {
	j := jsonTally{
		ID: t.ID, Leader: t.Leader, With: t.With, Count: t.Range(), AsOf: civil.Format(t.AsOf),
		Rule: t.Rule, Match: t.Match.String(), Multilateral: t.As.Multilateral,
		Sources: toJSONSources(t.Sources), Note: t.Note, Inferred: t.Inferred,
	}
	for _, k := range t.As.Kinds {
		j.Kinds = append(j.Kinds, k.String())
	}
	return j
}

// MarshalJSON writes the tally as a ledger's "tallies" hold it, its count
// as text ([Tally.Range]):
//
//	{"id": "t-lee-jp", "leader": "kr-lee-myung-bak", "with": "JP", "count": "20",
//	 "as_of": "2023-03-16", "rule": "standalone summits", "match": "unknown",
//	 "sources": [...]}
func (t Tally) MarshalJSON() ([]byte, error) { return json.Marshal(toJSONTally(&t)) }

// leaderRef is a leader as a result names it.
type leaderRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
}

func refOf(l *Leader) leaderRef { return leaderRef{l.ID, l.Name, l.Country} }

// pairJSON is a pair count as JSON holds it.
type pairJSON struct {
	A     leaderRef `json:"a"`
	B     leaderRef `json:"b"`
	Count int       `json:"count"`
}

// MarshalJSON writes the pair with each leader as its ID, name and
// country (the rest of a leader is the ledger's: [Ledger.Leader]):
//
//	{"a": {"id": "jp-kishida-fumio", "name": "Fumio Kishida", "country": "JP"},
//	 "b": {"id": "kr-yoon-suk-yeol", "name": "Yoon Suk Yeol", "country": "KR"},
//	 "count": 11}
func (p PairCount) MarshalJSON() ([]byte, error) {
	return json.Marshal(pairJSON{refOf(&p.A), refOf(&p.B), p.Count})
}

// ruleOrNull returns r for JSON, or nil for the rule of a result whose
// rule was invalid: such a rule may hold kinds no text names.
func ruleOrNull(r Rule, err error) *Rule {
	if err != nil {
		return nil
	}
	return &r
}

// errorOrNull returns err's text, or nil.
func errorOrNull(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	return &s
}

// MarshalJSON writes the pair counts: the rule ([Rule.MarshalJSON]), the
// pairs in the order of [PairCounts.Rows] ([PairCount.MarshalJSON]), and
// "error", the text of [PairCounts.Err], only when there is one (the rule
// is then null and there are no rows):
//
//	{"rule": {"kinds": ["talks"], "statuses": ["held"], "from": null, "to": null,
//	          "multilateral": false},
//	 "rows": [{"a": {...}, "b": {...}, "count": 11}, ...]}
func (pc PairCounts) MarshalJSON() ([]byte, error) {
	rows := pc.Rows()
	j := struct {
		Rule  *Rule      `json:"rule"`
		Rows  []pairJSON `json:"rows"`
		Error *string    `json:"error,omitempty"`
	}{ruleOrNull(pc.rule, pc.err), make([]pairJSON, len(rows)), errorOrNull(pc.err)}
	for i := range rows {
		j.Rows[i] = pairJSON{refOf(&rows[i].A), refOf(&rows[i].B), rows[i].Count}
	}
	return json.Marshal(j)
}

// standingJSON is a standing as JSON holds it.
type standingJSON struct {
	Leader        leaderRef  `json:"leader"`
	Count         *int       `json:"count"`
	Most          *int       `json:"most"`
	Rank          *int       `json:"rank"`
	Lowest        *int       `json:"lowest"`
	By            Basis      `json:"by"`
	Recorded      int        `json:"recorded"`
	Reported      *jsonTally `json:"reported,omitempty"`
	Match         *RuleMatch `json:"match,omitempty"`
	Missing       *int       `json:"missing,omitempty"`
	DaysInOffice  *int       `json:"days_in_office"`
	YearsInOffice *string    `json:"years_in_office"`
	PerYear       *string    `json:"per_year"`
	MostPerYear   *string    `json:"most_per_year"`
}

func (s *Standing) json() standingJSON {
	num := func(n int) *int { return &n }
	text := func(s string) *string { return &s }
	j := standingJSON{Leader: refOf(&s.Leader), By: s.By, Recorded: s.Recorded}
	if s.By != NoData {
		j.Count = num(s.Count)
		if s.Most != Unbounded {
			j.Most = num(s.Most)
		}
	}
	if s.Rank != 0 {
		j.Rank, j.Lowest = num(s.Rank), num(s.Lowest)
	}
	if s.Reported.ID != "" {
		t := toJSONTally(&s.Reported)
		j.Reported, j.Match, j.Missing = &t, &s.Match, num(s.Missing)
	}
	if s.YearsKnown {
		j.DaysInOffice, j.YearsInOffice = num(s.DaysInOffice), text(s.YearsInOffice.StringFixed(2))
		if s.By != NoData {
			j.PerYear = text(s.PerYear.StringFixed(2))
			if s.Most != Unbounded {
				j.MostPerYear = text(s.MostPerYear.StringFixed(2))
			}
		}
	}
	return j
}

// MarshalJSON writes the standing with the leader as its ID, name and
// country:
//
//	{"leader": {"id": "kr-yoon-suk-yeol", "name": "Yoon Suk Yeol", "country": "KR"},
//	 "count": 11, "most": 11, "rank": 1, "lowest": 1, "by": "ledger", "recorded": 11,
//	 "days_in_office": 792, "years_in_office": "2.17", "per_year": "5.07",
//	 "most_per_year": "5.07"}
//
// "count" is the least the count can be and "most" the most, null when
// nothing bounds it (Most is [Unbounded]); both are null for a leader with
// no data ("by": "none"), whose count is unknown, not 0. "rank" and
// "lowest" are the best and worst place, null for a leader not ranked.
// "per_year" and "most_per_year" are the rates of "count" and "most"
// (PerYear and MostPerYear), so a bounded count has a range of rates and
// "most_per_year" is null when "most" is. "days_in_office",
// "years_in_office" and both rates are null when the years are unknown
// (YearsKnown is false), and the rates too when the count is. "reported" (the tally shown beside the count, as
// [Tally.MarshalJSON] writes it), "match" and "missing" are written only
// when there is such a tally.
func (s Standing) MarshalJSON() ([]byte, error) { return json.Marshal(s.json()) }

// MarshalJSON writes the standings: the two countries, the rule
// ([Rule.MarshalJSON]), the as-of day (null when no meeting counts),
// whether tallies were weighed, and the rows best first
// ([Standing.MarshalJSON]):
//
//	{"country": "KR", "counterpart": "JP",
//	 "rule": {"kinds": ["talks"], "statuses": ["held"], "from": null, "to": null,
//	          "multilateral": false},
//	 "as_of": "2024-07-10", "reported": false,
//	 "rows": [{"leader": {...}, "count": 11, ...}, ...]}
func (s Standings) MarshalJSON() ([]byte, error) {
	j := struct {
		Country     string         `json:"country"`
		Counterpart string         `json:"counterpart"`
		Rule        Rule           `json:"rule"`
		AsOf        *string        `json:"as_of"`
		Reported    bool           `json:"reported"`
		Rows        []standingJSON `json:"rows"`
	}{s.country, s.counterpart, s.rule, dateOrNull(s.asOf), s.reported, make([]standingJSON, len(s.rows))}
	for i := range s.rows {
		j.Rows[i] = s.rows[i].json()
	}
	return json.Marshal(j)
}

// claimJSON is a claim as JSON holds it.
type claimJSON struct {
	A      string      `json:"a"`
	B      string      `json:"b"`
	Count  int         `json:"count"`
	AsOf   *string     `json:"as_of"`
	Source *jsonSource `json:"source"`
}

func (c *Claim) json() claimJSON {
	j := claimJSON{A: c.A, B: c.B, Count: c.Count, AsOf: dateOrNull(c.AsOf)}
	if c.Source != (Source{}) {
		s := toJSONSource(c.Source)
		j.Source = &s
	}
	return j
}

// claimFields are the keys of a claim's JSON.
var claimFields = []field{{"a", "A"}, {"b", "B"}, {"count", "Count"}, {"as_of", "AsOf"}, {"source", "Source"}}

// MarshalJSON writes the claim, its source as a ledger's records hold
// one, null when it has none, and so is an as-of day not given:
//
//	{"a": "Yoon Suk Yeol", "b": "Fumio Kishida", "count": 11, "as_of": "2024-07-10",
//	 "source": {"publisher": "The Korea Herald", "date": "2024-07-11"}}
func (c Claim) MarshalJSON() ([]byte, error) { return json.Marshal(c.json()) }

// UnmarshalJSON reads a claim as [Claim.MarshalJSON] writes it, so that a
// service can take claims to check with [Ledger.Reconcile]. A key left
// out, or null, is the zero value. The input is read as strictly as
// [Rule.UnmarshalJSON] reads a rule: the count must be a whole number
// from 0 up, dates YYYY-MM-DD, names one line of at most 1000 bytes, and
// every text must keep the text rule of the package documentation
// (ErrInvalidText). JSON null leaves c unchanged; on error c is unchanged.
func (c *Claim) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var v Claim
	if err := readOne("claim", data, func(d *decoder) error { return d.claim("", &v) }); err != nil {
		return err
	}
	*c = v
	return nil
}

// claim reads a claim object into c; prefix names its keys in errors.
func (d *decoder) claim(prefix string, c *Claim) error {
	var asOf string
	var src jsonSource
	err := d.object(prefix, claimFields, nil, func(f field, name string) error {
		switch f.key {
		case "a":
			return d.str(name, &c.A)
		case "b":
			return d.str(name, &c.B)
		case "count":
			return d.whole(name, &c.Count, false)
		case "as_of":
			return d.str(name, &asOf)
		}
		if d.null() {
			return nil
		}
		return d.source(name+".", &src)
	})
	if err != nil {
		return err
	}
	var bad error
	report := func(field string, err error) {
		if bad == nil {
			field = strings.Replace(field, "Sources[0]", "Source", 1)
			bad = &syntaxError{off: d.pos, field: prefix + field, err: err}
		}
	}
	c.AsOf = parseDate(asOf, "AsOf", report)
	srcs := checkSources(report, fromJSONSources([]jsonSource{src}, report))
	c.Source = srcs[0]
	for _, n := range []struct{ field, name string }{{"A", c.A}, {"B", c.B}} {
		if err := checkName(n.name); err != nil {
			report(n.field, err)
		}
	}
	return bad
}

// whole reads a JSON whole number (or null, 0) into dst: from 0 up unless
// signed is set.
func (d *decoder) whole(name string, dst *int, signed bool) error {
	switch d.next() {
	case 'n':
		d.pos += len("null")
		return nil
	case '"', '{', '[', 't', 'f':
		return d.wrongType(name, "a whole number")
	}
	start := d.pos
	for d.pos < len(d.data) && strings.IndexByte("+-.0123456789eE", d.data[d.pos]) >= 0 {
		d.pos++
	}
	text := string(d.data[start:d.pos])
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 && !signed {
		d.pos = start
		want := "a whole number from 0 up"
		if signed {
			want = "a whole number"
		}
		return d.malformed(name, "got %s, want %s", problem.Quote(text), want)
	}
	*dst = n
	return nil
}

// source reads one source object into s; prefix names its keys.
func (d *decoder) source(prefix string, s *jsonSource) error {
	return d.object(prefix, sourceFields, nil, func(f field, name string) error {
		dst := &s.Date
		switch f.key {
		case "publisher":
			dst = &s.Publisher
		case "title":
			dst = &s.Title
		case "url":
			dst = &s.URL
		case "quote":
			dst = &s.Quote
		}
		return d.str(name, dst)
	})
}

// MarshalJSON writes the finding: the claim ([Claim.MarshalJSON]), the
// count the ledger records and the claimed count less it, and "error",
// the text of Err, only when there is one (the counts are then null):
//
//	{"claim": {"a": "Yoon Suk Yeol", "b": "Fumio Kishida", "count": 11,
//	           "as_of": "2024-07-10", "source": null},
//	 "recorded": 10, "missing": 1}
func (f Finding) MarshalJSON() ([]byte, error) {
	j := struct {
		Claim    claimJSON `json:"claim"`
		Recorded *int      `json:"recorded"`
		Missing  *int      `json:"missing"`
		Error    *string   `json:"error,omitempty"`
	}{Claim: f.Claim.json(), Error: errorOrNull(f.Err)}
	if f.Err == nil {
		j.Recorded, j.Missing = &f.Recorded, &f.Missing
	}
	return json.Marshal(j)
}

// findingFields are the keys of a finding's JSON.
var findingFields = []field{{"claim", "Claim"}, {"recorded", "Recorded"}, {"missing", "Missing"}, {"error", "Err"}}

// UnmarshalJSON reads a finding as [Finding.MarshalJSON] writes it, as
// strictly as [Claim.UnmarshalJSON] reads its claim. "missing" must be the
// claimed count less "recorded", and with an "error" both are null. The
// error read back has the text written, and matches under errors.Is the
// sentinel that text starts with ("meeting: unknown leader ...":
// ErrUnknownLeader), if any. JSON null leaves f unchanged; on error f is
// unchanged.
func (f *Finding) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var v Finding
	err := readOne("finding", data, func(d *decoder) error {
		var recorded, missing *int
		var msg *string
		err := d.object("", findingFields, nil, func(fl field, name string) error {
			switch fl.key {
			case "claim":
				if d.null() {
					return nil
				}
				return d.claim("Claim.", &v.Claim)
			case "recorded", "missing":
				if d.null() {
					return nil
				}
				n := new(int)
				if fl.key == "recorded" {
					recorded = n
				} else {
					missing = n
				}
				return d.whole(name, n, fl.key == "missing")
			}
			if d.null() {
				return nil
			}
			msg = new(string)
			return d.str(name, msg)
		})
		if err != nil {
			return err
		}
		switch {
		case msg != nil && (recorded != nil || missing != nil):
			return &syntaxError{field: "Recorded", err: fmt.Errorf("%w: a finding with an error has no counts", ErrSyntax)}
		case msg != nil && *msg == "":
			return &syntaxError{field: "Err", err: fmt.Errorf("%w: an empty error: leave \"error\" out when there is none", ErrSyntax)}
		case msg != nil:
			if err := checkText(*msg); err != nil {
				return &syntaxError{field: "Err", err: err}
			}
			v.Err = restoredErrorOf(*msg)
			return nil
		case recorded != nil:
			v.Recorded = *recorded
		}
		if missing != nil {
			v.Missing = *missing
		}
		if v.Missing != v.Count-v.Recorded {
			return &syntaxError{field: "Missing", err: fmt.Errorf("%w: missing is %d; the claim's count less recorded is %d", ErrSyntax, v.Missing, v.Count-v.Recorded)}
		}
		return nil
	})
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// sentinels are the package's sentinel errors, for errors read back from
// their text.
var sentinels = []error{ErrUnknownLeader, ErrUnknownMeeting, ErrAmbiguous, ErrDuplicate, ErrMissing,
	ErrInvalidID, ErrInvalidCountry, ErrInvalidKind, ErrInvalidStatus, ErrInvalidRule, ErrInvalidDate,
	ErrInvalidText, ErrTooFewParticipants, ErrTooManyParticipants, ErrTermOrder, ErrTermOverlap,
	ErrOutOfTerm, ErrSyntax}

// restoredError is an error read back from its text: it says what the
// text says and matches the sentinel the text starts with.
type restoredError struct {
	msg      string
	sentinel error
}

func restoredErrorOf(msg string) error {
	e := &restoredError{msg: msg}
	for _, s := range sentinels {
		if strings.HasPrefix(msg, s.Error()) {
			e.sentinel = s
			break
		}
	}
	return e
}

func (e *restoredError) Error() string { return e.msg }
func (e *restoredError) Unwrap() error { return e.sentinel }

// MarshalJSON writes {"svg": "<svg ...>...</svg>"}: the chart's SVG. Its
// HTML form is the same picture as an image and is not written.
func (c Chart) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		SVG string `json:"svg"`
	}{c.svg})
}
