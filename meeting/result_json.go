package meeting

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
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
// once in their defined order, defaults made explicit: the zero Rule and
// Rule{Kinds: []Kind{PullAside, Talks}, From: 10 May 2022} as
//
//	{"kinds": ["talks"], "statuses": ["held"], "from": null, "to": null, "multilateral": false}
//	{"kinds": ["talks", "pull-aside"], "statuses": ["held"],
//	 "from": "2022-05-10", "to": null, "multilateral": false}
//
// An open end of the window is null. A kind or status outside the defined
// ones is an error ([Rule.Validate]).
func (r Rule) MarshalJSON() ([]byte, error) {
	return json.Marshal(ruleJSON{sortedSet(r.Kinds, Talks), sortedSet(r.Statuses, Held), dateOrNull(r.From), dateOrNull(r.To), r.Multilateral})
}

// ruleKeys are the keys of a rule's JSON.
var ruleKeys = []string{"kinds", "statuses", "from", "to", "multilateral"}

// UnmarshalJSON reads a rule as [Rule.MarshalJSON] writes it, so that a
// service can take the counting rule of a question as JSON. A key left
// out, or null, is the zero value: {} is the zero Rule, held talks between
// two leaders. Kinds and statuses take what [ParseKind] and [ParseStatus]
// take, dates YYYY-MM-DD. The rule must be valid ([Rule.Validate]).
//
// The input is untrusted and read as strictly as a ledger: unknown keys,
// keys repeated or spelled in another case, wrong types, bad syntax and
// data after the rule are ErrSyntax, bytes that are not UTF-8 and \u
// escapes of half a surrogate pair ErrInvalidText, and bad values the
// sentinel of their field (ErrInvalidKind, ErrInvalidStatus,
// ErrInvalidDate, ErrInvalidRule). The error names the key at fault by its
// path, as the pledge package names a query's ("meeting: rule: kinds[1]:
// invalid kind ..."), a bad text by the byte in its string where it goes
// wrong, and bad syntax by its byte offset in data. JSON null leaves r
// unchanged; on error r is unchanged.
func (r *Rule) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var j ruleText
	var v Rule
	err := readOne("rule", data, func(d *decoder) error { return d.rule(&j) }, func() error { return j.rule(&v) })
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ruleText is a rule as its JSON gives it.
type ruleText struct {
	kinds, statuses []string
	from, to        string
	multilateral    bool
}

// rule reads a rule object into j.
func (d *decoder) rule(j *ruleText) error {
	return d.object("", ruleKeys, nil, func(key, name string) error {
		switch key {
		case "kinds":
			return d.strs(name, &j.kinds)
		case "statuses":
			return d.strs(name, &j.statuses)
		case "from":
			return d.str(name, &j.from)
		case "to":
			return d.str(name, &j.to)
		}
		return d.boolean(name, &j.multilateral)
	})
}

// rule makes the rule j gives into r, or reports the first problem with
// it, naming the field.
func (j *ruleText) rule(r *Rule) error {
	var bad firstProblem
	report := bad.report
	for i, s := range j.kinds {
		k, err := ParseKind(s)
		if err != nil {
			report(fmt.Sprintf("kinds[%d]", i), err)
		}
		r.Kinds = append(r.Kinds, k)
	}
	for i, s := range j.statuses {
		st, err := ParseStatus(s)
		if err != nil {
			report(fmt.Sprintf("statuses[%d]", i), err)
		}
		r.Statuses = append(r.Statuses, st)
	}
	r.From = parseDate(j.from, "from", report)
	r.To = parseDate(j.to, "to", report)
	r.Multilateral = j.multilateral
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		report("to", fmt.Errorf("%w: %s is before from, %s", ErrInvalidRule, j.to, j.from))
	}
	if bad.err != nil {
		return bad.err
	}
	if err := r.Validate(); err != nil { // nothing above lets an invalid rule through
		return &syntaxError{err: err}
	}
	return nil
}

// firstProblem keeps the first problem reported of a value read alone, as
// a *syntaxError naming the field by its JSON path.
type firstProblem struct{ err error }

func (p *firstProblem) report(field string, err error) {
	if p.err == nil {
		p.err = &syntaxError{field: field, err: err}
	}
}

// readOne reads data, one JSON value, strictly: what names it in errors
// ("rule", "claim"), walk reads its JSON and build makes the value of what
// walk read. Bad syntax, data after the value and what walk finds are
// reported first, then bad text, then what build finds.
func readOne(what string, data []byte, walk func(d *decoder) error, build func() error) error {
	text := input.TrimBOM(data)
	d := &decoder{data: text, lines: map[string][]int{}, lineAt: input.NewLines(text)}
	d.dirty = input.BadUTF8(text) >= 0 || input.LoneSurrogate(text) >= 0
	err := d.syntax(what, func() error { return walk(d) })
	if err == nil {
		err = d.textFault()
	}
	if err == nil {
		err = build()
	}
	if err == nil {
		return nil
	}
	if se, ok := err.(*syntaxError); ok {
		e := &DecodeError{What: what, Field: se.field, Err: se.err, Offset: -1}
		if se.byOffset {
			e.Offset = se.off + len(data) - len(text)
		}
		return e
	}
	return &DecodeError{What: what, Err: err, Offset: -1}
}

// textFault returns the first string of bad text the walk of a value read
// alone found (see badText), as a *syntaxError naming its field; nil when
// there is none. It is checked before the value's strings are read as
// kinds, dates and names, which would see U+FFFD in place of the bytes.
func (d *decoder) textFault() error {
	if len(d.pending) > 0 {
		return &syntaxError{field: d.pending[0].Field, err: d.pending[0].Err}
	}
	if !d.dirty {
		return nil
	}
	if off, why := input.BadText(d.data); off >= 0 { // unreachable: not so in valid JSON
		return &syntaxError{off: off,
			err: &wrapped{fmt.Sprintf("malformed ledger JSON: invalid text: byte %d %s", off, why), []error{ErrSyntax, ErrInvalidText}}}
	}
	return nil
}

// DecodeError is a problem in the JSON of a value read on its own by
// [Rule.UnmarshalJSON], [Claim.UnmarshalJSON] or [Finding.UnmarshalJSON]:
// what the value is, the key at fault by its path, why, and for bad
// syntax where in the input. A service takes it with errors.As to answer
// a bad request body field by field; it matches its Err, and so the
// sentinel Err wraps, under errors.Is. (Through json.Unmarshal or a
// json.Decoder, JSON that is malformed as a whole is refused by
// encoding/json before the method sees it, as a *json.SyntaxError.)
//
// It writes "meeting: rule: kinds[1]: invalid kind ...", "meeting: claim:
// malformed JSON: ... at byte 12".
type DecodeError struct {
	// What is the value at fault: "rule", "claim" or "finding".
	What string
	// Field is the key at fault by its path in the value's JSON
	// ("kinds[1]", "source.url", a finding's "claim.b"), as [Problem.Field] names a
	// record's; empty for the whole value (bad syntax, data after it).
	Field string
	// Offset is the byte offset in the input of bad syntax or of data
	// after the value, and -1 for every other problem (bad text in a
	// string is placed by the byte in the string, in Err).
	Offset int
	// Err is the reason. It wraps one of the package's sentinels:
	// ErrSyntax for malformed JSON (its text says "malformed ledger JSON",
	// which Error shortens to "malformed JSON"), else the sentinel of the
	// value at fault (ErrInvalidKind, ErrInvalidText, ErrMissing...).
	Err error
}

// Error names the value, the field and the reason, and the byte offset
// when there is one.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("meeting: " + e.What + ": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	msg := strings.TrimPrefix(e.Err.Error(), "meeting: ")
	b.WriteString(strings.Replace(msg, "malformed ledger JSON", "malformed JSON", 1))
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at byte %d", e.Offset)
	}
	return b.String()
}

// Unwrap returns Err, so errors.Is finds its sentinel.
func (e *DecodeError) Unwrap() error { return e.Err }

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

// MarshalJSON writes the source as a ledger's records hold it: the keys
// "publisher", "title", "url", "quote" and "date", in that order, each left
// out when empty. The two sources of Moon Jae-in and Shinzo Abe's summit
// in New York of 25 September 2018, in the sourced data set of
// examples/korea-japan (which quotes no text):
//
//	{"publisher": "Ministry of Foreign Affairs of Japan", "title": "日韓首脳会談",
//	 "url": "https://www.mofa.go.jp/mofaj/a_o/na/kr/page4_004357.html"}
//	{"publisher": "Yonhap",
//	 "title": "(2nd LD) Leaders of S. Korea, Japan hold summit on bilateral ties, N. Korea",
//	 "url": "https://en.yna.co.kr/view/AEN20180926000252315", "date": "2018-09-26"}
func (s Source) MarshalJSON() ([]byte, error) { return json.Marshal(toJSONSource(s)) }

// MarshalJSON writes the term as a ledger's leaders hold it, "end" left
// out while in office: Yoon Suk Yeol's term and Lee Jae-myung's as
//
//	{"start": "2022-05-10", "end": "2025-04-04"}
//	{"start": "2025-06-04"}
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
//	 "aliases": ["Yoon Suk-yeol", "윤석열"], "sources": [...]}
//
// as the sourced data set of examples/korea-japan holds him, with four
// sources.
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
// [Ledger.Schedule], say, as Yoon Suk Yeol's of 10 July 2024 in the
// sourced data set of examples/korea-japan,
//
//	{"id": "kr-jp-2024-07-10", "date": "2024-07-10",
//	 "participants": ["kr-yoon-suk-yeol", "jp-kishida-fumio"],
//	 "kind": "talks", "status": "held", "place": "Washington, D.C.",
//	 "occasion": "NATO Summit 2024",
//	 "sources": [{"publisher": "KBS World", ...}, ...], "note": "about 35 minutes"}
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

// MarshalJSON writes the tally as a ledger's "tallies" hold it. Lee
// Myung-bak's 20 summits, as YTN reported them, in the sourced data set of
// examples/korea-japan:
//
//	{"id": "ytn-2023-lee-myung-bak", "leader": "kr-lee-myung-bak", "with": "JP",
//	 "count": "20", "as_of": "2023-03-16",
//	 "rule": "standalone summits (단독 정상회담) since 1965, from foreign ministry data as YTN analysed it",
//	 "match": "unknown", "sources": [...], "note": "the most of any government, YTN says"}
//
// The keys are "id", "leader", "with", "count", "as_of", "rule", "match",
// "kinds", "multilateral", "sources", "note" and "inferred", in that
// order, empty optional ones left out. "count" is text as [ParseRange]
// reads it ([Tally.Range]: "20", "2..8", "11..", "..19"). "kinds" (the
// kinds of As, each once in their defined order, left out when As names
// none: talks alone) and "multilateral" (written only when true) are the
// tally's As rule, and so are written only with "match": "same";
// "inferred" is written only when true. The example shows such tallies.
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
// country (the rest of a leader is the ledger's: [Ledger.Leader]): Yoon
// and Kishida's held talks and pull-asides to 10 July 2024 as
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
// is then null and there are no rows). Held talks and pull-asides to 10
// July 2024, and a rule whose window ends before it starts:
//
//	{"rule": {"kinds": ["talks", "pull-aside"], "statuses": ["held"], "from": null,
//	          "to": "2024-07-10", "multilateral": false},
//	 "rows": [{"a": {...}, "b": {...}, "count": 11}, ...]}
//	{"rule": null, "rows": [],
//	 "error": "meeting: invalid rule: From 2024-07-10 is after To 2022-05-10"}
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
// country. Ranked among Korea's presidents by held talks with Japan's
// prime ministers to 10 July 2024: Yoon Suk Yeol in a ledger of his and
// Moon Jae-in's meetings, and Syngman Rhee, whose meetings no source
// counts, in the sourced data set of examples/korea-japan:
//
//	{"leader": {"id": "kr-yoon-suk-yeol", "name": "Yoon Suk Yeol", "country": "KR"},
//	 "count": 10, "most": 10, "rank": 1, "lowest": 1, "by": "ledger", "recorded": 10,
//	 "days_in_office": 793, "years_in_office": "2.17", "per_year": "4.61",
//	 "most_per_year": "4.61"}
//	{"leader": {"id": "kr-syngman-rhee", "name": "Syngman Rhee", "country": "KR"},
//	 "count": null, "most": null, "rank": null, "lowest": null, "by": "none", "recorded": 0,
//	 "days_in_office": 4295, "years_in_office": "11.76", "per_year": null,
//	 "most_per_year": null}
//
// "count" is the least the count can be and "most" the most, null when
// nothing bounds it (Most is [Unbounded]); both are null for a leader with
// no data ("by": "none"), whose count is unknown, not 0. "rank" and
// "lowest" are the best and worst place, null for a leader not ranked.
// "per_year" and "most_per_year" are the rates of "count" and "most"
// (PerYear and MostPerYear), so a bounded count has a range of rates and
// "most_per_year" is null when "most" is. "days_in_office",
// "years_in_office" and both rates are null when the years are unknown
// (YearsKnown is false), and the rates too when the count is. "reported"
// (the tally shown beside the count, as [Tally.MarshalJSON] writes it),
// "match" and "missing" are written only when there is such a tally, after
// "recorded": the example shows Roh Moo-hyun's, 11 to 19 meetings.
func (s Standing) MarshalJSON() ([]byte, error) { return json.Marshal(s.json()) }

// MarshalJSON writes the standings: the two countries, the rule
// ([Rule.MarshalJSON]), the as-of day (null when no meeting counts),
// whether tallies were weighed, and the rows best first
// ([Standing.MarshalJSON]). Korea's presidents by their held talks with
// Japan's prime ministers, in a ledger of Yoon's and Moon Jae-in's:
//
//	{"country": "KR", "counterpart": "JP",
//	 "rule": {"kinds": ["talks"], "statuses": ["held"], "from": null, "to": null,
//	          "multilateral": false},
//	 "as_of": "2024-07-10", "reported": false,
//	 "rows": [{"leader": {"id": "kr-yoon-suk-yeol", ...}, "count": 10, ...},
//	          {"leader": {"id": "kr-moon-jae-in", ...}, "count": 6, ...}]}
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

// claimKeys are the keys of a claim's JSON.
var claimKeys = []string{"a", "b", "count", "as_of", "source"}

// MarshalJSON writes the claim, its source as a ledger's records hold
// one, null when it has none, and so is an as-of day not given:
//
//	{"a": "Yoon Suk Yeol", "b": "Fumio Kishida", "count": 11, "as_of": "2024-07-10",
//	 "source": {"publisher": "The Korea Herald", "date": "2024-07-10"}}
//	{"a": "Moon Jae-in", "b": "Shinzo Abe", "count": 6, "as_of": null, "source": null}
func (c Claim) MarshalJSON() ([]byte, error) { return json.Marshal(c.json()) }

// UnmarshalJSON reads a claim as [Claim.MarshalJSON] writes it, so that a
// service can take claims to check with [Ledger.Reconcile]. "a", "b" and
// "count" are required: a key left out, or null, is ErrMissing; "as_of"
// and "source" left out, or null, are the zero value. The input is read
// as strictly as [Rule.UnmarshalJSON] reads a rule, and errors name the
// key at fault the same way ("meeting: claim: source.date: ..."): the
// count must be a whole number from 0 up, dates YYYY-MM-DD, names one line
// of at most 1000 bytes, and every text must keep the text rule of the
// package documentation (ErrInvalidText). JSON null leaves c unchanged; on
// error c is unchanged.
func (c *Claim) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var j claimText
	var v Claim
	err := readOne("claim", data, func(d *decoder) error { return d.claim("", &j) }, func() error {
		var bad firstProblem
		v = j.claim("", true, bad.report)
		return bad.err
	})
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// claimText is a claim as its JSON gives it; a nil pointer is a key left
// out or null.
type claimText struct {
	a, b   *string
	count  *int
	asOf   string
	source *jsonSource
}

// claim reads a claim object into j; prefix names its keys in errors.
func (d *decoder) claim(prefix string, j *claimText) error {
	return d.object(prefix, claimKeys, nil, func(key, name string) error {
		if d.null() {
			return nil
		}
		switch key {
		case "a":
			j.a = new(string)
			return d.str(name, j.a)
		case "b":
			j.b = new(string)
			return d.str(name, j.b)
		case "count":
			j.count = new(int)
			return d.whole(name, j.count, false)
		case "as_of":
			return d.str(name, &j.asOf)
		}
		j.source = new(jsonSource)
		return d.source(name+".", j.source)
	})
}

// claim returns the claim j gives, reporting each problem with the field
// named by prefix and its key; required says whether "a", "b" and "count"
// must be given.
func (j *claimText) claim(prefix string, required bool, report func(field string, err error)) Claim {
	var c Claim
	for _, n := range []struct {
		key  string
		name *string
		dst  *string
	}{{"a", j.a, &c.A}, {"b", j.b, &c.B}} {
		switch {
		case n.name == nil || *n.name == "":
			if required {
				report(prefix+n.key, ErrMissing)
			}
		default:
			if err := checkName(*n.name); err != nil {
				report(prefix+n.key, err)
			}
			*n.dst = *n.name
		}
	}
	if j.count != nil {
		c.Count = *j.count
	} else if required {
		report(prefix+"count", ErrMissing)
	}
	c.AsOf = parseDate(j.asOf, prefix+"as_of", report)
	if j.source != nil {
		// The checks of a ledger's sources name the Go fields of the first
		// ("Sources[0].URL"): this is the claim's one source.
		src := func(field string, err error) {
			report(prefix+"source"+strings.TrimPrefix(jsonPath(field), "sources[0]"), err)
		}
		c.Source = checkSources(src, fromJSONSources([]jsonSource{*j.source}, src))[0]
	}
	return c
}

// whole reads a JSON whole number (or null, 0) into dst: from 0 up unless
// signed is set.
func (d *decoder) whole(name string, dst *int, signed bool) error {
	want := "a whole number from 0 up"
	if signed {
		want = "a whole number"
	}
	switch d.next() {
	case 'n':
		d.pos += len("null")
		return nil
	case '"', '{', '[', 't', 'f':
		return d.wrongType(name, want)
	}
	start := d.pos
	for d.pos < len(d.data) && strings.IndexByte("+-.0123456789eE", d.data[d.pos]) >= 0 {
		d.pos++
	}
	text := string(d.data[start:d.pos])
	n, err := strconv.Atoi(text)
	if errors.Is(err, strconv.ErrRange) {
		least := "0"
		if signed {
			least = strconv.Itoa(math.MinInt)
		}
		want = fmt.Sprintf("a whole number from %s to %d", least, math.MaxInt)
	}
	if err != nil || n < 0 && !signed {
		d.pos = start
		return d.malformed(name, "want %s, found %s", want, problem.Cut(text))
	}
	*dst = n
	return nil
}

// source reads one source object into s; prefix names its keys.
func (d *decoder) source(prefix string, s *jsonSource) error {
	return d.object(prefix, sourceKeys, nil, func(key, name string) error {
		dst := &s.Date
		switch key {
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
// the text of Err, only when there is one (the counts are then null).
// Under the zero Rule, a claim of Yoon and Kishida's 11 meetings, and one
// naming a leader the ledger does not hold:
//
//	{"claim": {"a": "Yoon Suk-yeol", "b": "岸田文雄", "count": 11, "as_of": "2024-07-10",
//	           "source": {"publisher": "The Korea Herald", "date": "2024-07-10"}},
//	 "recorded": 10, "missing": 1}
//	{"claim": {"a": "Yoon Suk Yeol", "b": "Kishida Fumiko", "count": 11, "as_of": null,
//	           "source": null},
//	 "recorded": null, "missing": null, "error": "meeting: unknown leader \"Kishida Fumiko\""}
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

// findingKeys are the keys of a finding's JSON.
var findingKeys = []string{"claim", "recorded", "missing", "error"}

// UnmarshalJSON reads a finding as [Finding.MarshalJSON] writes it, as
// strictly as [Claim.UnmarshalJSON] reads its claim, naming the key at
// fault the same way ("meeting: finding: claim.count: ..."). A finding
// without an "error" needs a claim with "a", "b" and "count", "recorded"
// and "missing" (ErrMissing), and "missing" must be the claimed count less
// "recorded"; with an "error" both counts are null or left out, and the
// claim, as [Ledger.Reconcile] may have been given it, may lack any key.
// The error read back has the text written, and matches under errors.Is
// the sentinel that text starts with ("meeting: unknown leader ...":
// ErrUnknownLeader), if any. JSON null leaves f unchanged; on error f is
// unchanged.
func (f *Finding) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	var (
		claim             *claimText
		recorded, missing *int
		msg               *string
		v                 Finding
	)
	walk := func(d *decoder) error {
		return d.object("", findingKeys, nil, func(key, name string) error {
			if d.null() {
				return nil
			}
			switch key {
			case "claim":
				claim = new(claimText)
				return d.claim(name+".", claim)
			case "recorded":
				recorded = new(int)
				return d.whole(name, recorded, false)
			case "missing":
				missing = new(int)
				return d.whole(name, missing, true)
			}
			msg = new(string)
			return d.str(name, msg)
		})
	}
	err := readOne("finding", data, walk, func() error {
		switch {
		case msg != nil && recorded != nil:
			return &syntaxError{field: "recorded", err: fmt.Errorf("%w: a finding with an error has no counts", ErrSyntax)}
		case msg != nil && missing != nil:
			return &syntaxError{field: "missing", err: fmt.Errorf("%w: a finding with an error has no counts", ErrSyntax)}
		case msg != nil && *msg == "":
			return &syntaxError{field: "error", err: fmt.Errorf("%w: an empty error: leave \"error\" out when there is none", ErrSyntax)}
		case msg != nil:
			if err := checkText(*msg); err != nil {
				return &syntaxError{field: "error", err: err}
			}
		}
		var bad firstProblem
		switch {
		case claim != nil:
			v.Claim = claim.claim("claim.", msg == nil, bad.report)
		case msg == nil:
			bad.report("claim", ErrMissing)
		}
		if bad.err != nil {
			return bad.err
		}
		if msg != nil {
			v.Err = restoredErrorOf(*msg)
			return nil
		}
		switch {
		case recorded == nil:
			return &syntaxError{field: "recorded", err: ErrMissing}
		case missing == nil:
			return &syntaxError{field: "missing", err: ErrMissing}
		}
		v.Recorded, v.Missing = *recorded, *missing
		if v.Missing != v.Count-v.Recorded {
			return &syntaxError{field: "missing", err: fmt.Errorf("%w: missing is %d; the claim's count less recorded is %d", ErrSyntax, v.Missing, v.Count-v.Recorded)}
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
	ErrOutOfTerm, ErrSyntax, ErrInvalidCount}

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
