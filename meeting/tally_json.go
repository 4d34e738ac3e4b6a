package meeting

import (
	"fmt"
)

// The JSON form of a tally, one element of a ledger's "tallies"
// ([Tally.MarshalJSON] says what each key holds). Roh Moo-hyun's count,
// inferred, and Yoon Suk Yeol's with Fumio Kishida, counted as the ledger
// rule of held talks and pull-asides counts, in the sourced data set of
// examples/korea-japan:
//
//	{"id": "ytn-2023-roh-moo-hyun", "leader": "kr-roh-moo-hyun", "with": "JP",
//	 "count": "..19", "as_of": "2023-03-16", "rule": "...", "match": "unknown",
//	 "sources": [...], "note": "...", "inferred": true}
//	{"id": "newsis-2024-09-05-yoon", "leader": "kr-yoon-suk-yeol", "with": "jp-kishida-fumio",
//	 "count": "11", "as_of": "2024-09-05", "rule": "...", "match": "same",
//	 "kinds": ["talks", "pull-aside"], "sources": [...],
//	 "note": "eleven summits since New York, the next day's to be the twelfth"}
//
// "multilateral" is written only when true, after "kinds".
type jsonTally struct {
	ID           string       `json:"id"`
	Leader       string       `json:"leader"`
	With         string       `json:"with"`
	Count        string       `json:"count"`
	AsOf         string       `json:"as_of"`
	Rule         string       `json:"rule,omitempty"`
	Match        string       `json:"match"`
	Kinds        []string     `json:"kinds,omitempty"`
	Multilateral bool         `json:"multilateral,omitempty"`
	Sources      []jsonSource `json:"sources,omitempty"`
	Note         string       `json:"note,omitempty"`
	Inferred     bool         `json:"inferred,omitempty"`
}

// tallyKeys are the keys of a JSON tally, in the order they are written.
var tallyKeys = []string{"id", "leader", "with", "count", "as_of", "rule", "match", "kinds", "multilateral",
	"sources", "note", "inferred"}

// jsonTallies returns the ledger's tallies in their JSON shape, by AsOf,
// then ID; the caller holds l.mu.
func (l *Ledger) jsonTallies() []jsonTally {
	if len(l.tallies) == 0 {
		return nil
	}
	out := make([]jsonTally, 0, len(l.tallies))
	for _, t := range l.talliesSorted() {
		out = append(out, toJSONTally(&t))
	}
	return out
}

// tally reads tally i.
func (d *decoder) tally(i int) error {
	var j jsonTally
	err := d.object("", tallyKeys, d.opened("tally"), func(key, name string) error {
		switch key {
		case "id":
			err := d.str(name, &j.ID)
			d.id = j.ID
			return err
		case "leader":
			return d.str(name, &j.Leader)
		case "with":
			return d.str(name, &j.With)
		case "count":
			return d.str(name, &j.Count)
		case "as_of":
			return d.str(name, &j.AsOf)
		case "rule":
			return d.str(name, &j.Rule)
		case "match":
			return d.str(name, &j.Match)
		case "kinds":
			return d.strs(name, &j.Kinds)
		case "multilateral":
			return d.boolean(name, &j.Multilateral)
		case "note":
			return d.str(name, &j.Note)
		case "inferred":
			return d.boolean(name, &j.Inferred)
		}
		return d.sources(name, &j.Sources)
	})
	if err != nil {
		return err
	}
	if len(d.pending) > 0 {
		return nil // text that is not what was written: its values are not read
	}
	d.tallies = append(d.tallies, j.tally(i, &d.ps))
	return nil
}

// boolean reads a JSON boolean (or null, false) into dst.
func (d *decoder) boolean(name string, dst *bool) error {
	switch d.next() {
	case 't':
		*dst = true
		d.pos += len("true")
	case 'f':
		*dst = false
		d.pos += len("false")
	case 'n':
		d.pos += len("null")
	default:
		return d.wrongType(name, "true or false")
	}
	return nil
}

// tally converts a JSON tally, reporting a malformed count, date, match
// and kinds.
func (j jsonTally) tally(i int, ps *problems) Tally {
	report := func(field string, err error) { ps.add("tally", i, j.ID, field, err) }
	t := Tally{ID: j.ID, Leader: j.Leader, With: j.With, Rule: j.Rule, Note: j.Note, Inferred: j.Inferred,
		AsOf: parseDate(j.AsOf, "AsOf", report)}
	var err error
	if t.Count, t.Most, err = ParseRange(j.Count); err != nil {
		report("Count", err)
	}
	if t.Match, err = ParseRuleMatch(j.Match); err != nil {
		report("Match", err)
	}
	t.As.Multilateral = j.Multilateral
	for k, s := range j.Kinds {
		kind, err := ParseKind(s)
		if err != nil {
			report(fmt.Sprintf("As.Kinds[%d]", k), err)
		}
		t.As.Kinds = append(t.As.Kinds, kind)
	}
	t.Sources = fromJSONSources(j.Sources, report)
	return t
}

// fromJSONSources converts JSON sources, reporting malformed dates.
func fromJSONSources(js []jsonSource, report func(field string, err error)) []Source {
	var out []Source
	for k, s := range js {
		out = append(out, Source{
			Publisher: s.Publisher, Title: s.Title, URL: s.URL, Quote: s.Quote,
			Date: parseDate(s.Date, fmt.Sprintf("Sources[%d].Date", k), report),
		})
	}
	return out
}

// toJSONSources converts sources to their JSON shape.
func toJSONSources(srcs []Source) []jsonSource {
	var out []jsonSource
	for _, s := range srcs {
		out = append(out, toJSONSource(s))
	}
	return out
}
