package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// The JSON form of a ledger, as [Ledger.WriteJSON] writes Yoon Suk Yeol and
// Fumio Kishida, their talks of 10 July 2024 and the count of their
// meetings the presidential office gave on 5 September 2024, from the
// sourced data set of examples/korea-japan:
//
//	{"leaders": [{"id": "jp-kishida-fumio", "name": "Fumio Kishida", "country": "JP",
//	              "office": "prime minister",
//	              "terms": [{"start": "2021-10-04", "end": "2024-10-01"}],
//	              "aliases": ["Kishida Fumio", "岸田文雄", "기시다 후미오"],
//	              "sources": [{"publisher": "Wikipedia", "title": "List of prime ministers of Japan",
//	                           "url": "https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan"},
//	                          ...]},
//	             {"id": "kr-yoon-suk-yeol", ...}],
//	 "meetings": [{"id": "kr-jp-2024-07-10", "date": "2024-07-10",
//	               "participants": ["kr-yoon-suk-yeol", "jp-kishida-fumio"],
//	               "kind": "talks", "status": "held", "place": "Washington, D.C.",
//	               "occasion": "NATO Summit 2024",
//	               "sources": [{"publisher": "KBS World", "title": "...", "url": "http://...",
//	                            "date": "2024-07-11"}, ...],
//	               "note": "about 35 minutes"}],
//	 "tallies": [{"id": "newsis-2024-09-05-yoon", "leader": "kr-yoon-suk-yeol",
//	              "with": "jp-kishida-fumio", "count": "11", "as_of": "2024-09-05",
//	              "rule": "...", "match": "same", "kinds": ["talks", "pull-aside"],
//	              "sources": [...], "note": "..."}]}
//
// Keys are spelled exactly as shown, each at most once per object, in the
// order of leaderKeys, meetingKeys, sourceKeys, termKeys and tallyKeys;
// empty optional ones are left out (a source's "quote" goes between "url"
// and "date"). A tally's count is text, as [ParseRange] reads it;
// "tallies" is left out when there are none (see tally_json.go).
type (
	jsonLedger struct {
		Leaders  []jsonLeader  `json:"leaders"`
		Meetings []jsonMeeting `json:"meetings"`
		Tallies  []jsonTally   `json:"tallies,omitempty"`
	}
	jsonTerm struct {
		Start string `json:"start"`
		End   string `json:"end,omitempty"`
	}
	jsonLeader struct {
		ID      string       `json:"id"`
		Name    string       `json:"name"`
		Country string       `json:"country"`
		Office  string       `json:"office,omitempty"`
		Terms   []jsonTerm   `json:"terms,omitempty"`
		Aliases []string     `json:"aliases,omitempty"`
		Sources []jsonSource `json:"sources,omitempty"`
	}
	jsonSource struct {
		Publisher string `json:"publisher,omitempty"`
		Title     string `json:"title,omitempty"`
		URL       string `json:"url,omitempty"`
		Quote     string `json:"quote,omitempty"`
		Date      string `json:"date,omitempty"`
	}
	jsonMeeting struct {
		ID           string       `json:"id"`
		Date         string       `json:"date"`
		Participants []string     `json:"participants"`
		Kind         string       `json:"kind"`
		Status       string       `json:"status"`
		Place        string       `json:"place,omitempty"`
		Occasion     string       `json:"occasion,omitempty"`
		Sources      []jsonSource `json:"sources,omitempty"`
		Note         string       `json:"note,omitempty"`
	}
)

// MarshalJSON writes the ledger as one JSON object: {"leaders": [...],
// "meetings": [...], "tallies": [...]}, leaders in name order, meetings in
// date order, tallies by as-of day, then ID, "tallies" left out when there
// are none; each record as [Leader.MarshalJSON], [Meeting.MarshalJSON] and
// [Tally.MarshalJSON] write it, dates as "YYYY-MM-DD", kinds and statuses
// as text, empty optional fields left out. Call it on a *Ledger. The
// example of [Ledger.WriteJSON] shows a whole ledger.
func (l *Ledger) MarshalJSON() ([]byte, error) {
	return json.Marshal(l.document())
}

// WriteJSON writes the ledger's JSON, indented, followed by a newline.
func (l *Ledger) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l.document()); err != nil {
		return fmt.Errorf("meeting: writing ledger: %w", err)
	}
	return nil
}

// document returns the ledger in its JSON shape. It shares slices with the
// stored records, which are never changed once added (SetStatus changes a
// record's Status, which is copied here under the lock), so encoding it
// after the lock is released is safe.
func (l *Ledger) document() jsonLedger {
	l.mu.RLock()
	defer l.mu.RUnlock()
	doc := jsonLedger{Leaders: make([]jsonLeader, 0, len(l.leaders)), Meetings: make([]jsonMeeting, 0, len(l.all))}
	for _, n := range l.leaderOrder() {
		doc.Leaders = append(doc.Leaders, toJSONLeader(&l.leaders[n]))
	}
	for _, n := range l.all {
		doc.Meetings = append(doc.Meetings, toJSONMeeting(&l.meetings[n].Meeting))
	}
	doc.Tallies = l.jsonTallies()
	return doc
}

// ReadLedger reads a ledger written by [Ledger.WriteJSON] or
// [Ledger.MarshalJSON], as [Ledger.UnmarshalJSON] does; the JSON null is an
// empty ledger, and a UTF-8 byte-order mark at the start is skipped.
//
// It reads untrusted input within these bounds: at most 1 GiB, and an
// input larger than that is an error, read no further; time and memory in
// proportion to the input (it holds the input, the records read from it
// and the ledger they make, about ten times the input for a typical
// ledger); records within the limits of [Ledger.AddLeader] and
// [Ledger.AddMeeting] (IDs, names, aliases and offices of at most 1000
// bytes, at most [MaxParticipants] participants a meeting); and an error
// of at most 100 problems with the count of the rest, each quoting at most
// 64 bytes of a bad value.
func ReadLedger(r io.Reader) (*Ledger, error) {
	data, err := input.ReadAll(r, maxLedgerBytes+1)
	if err != nil {
		return nil, fmt.Errorf("meeting: reading ledger: %w", err)
	}
	if int64(len(data)) > maxLedgerBytes {
		return nil, fmt.Errorf("meeting: reading ledger: larger than %d bytes", maxLedgerBytes)
	}
	l := new(Ledger)
	if err := l.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return l, nil
}

// maxLedgerBytes bounds what ReadLedger reads: 1 GiB, far beyond any
// ledger held in memory. A test lowers it.
var maxLedgerBytes int64 = 1 << 30

// UnmarshalJSON replaces the ledger's contents with the ledger in data. The
// input is untrusted and read strictly: unknown fields, fields repeated or
// not spelled exactly as documented ("ID" for "id"), in the ledger object
// and in every record, term and source, wrong types, records that are not
// objects and trailing data are ErrSyntax; bytes that are not UTF-8 and \u
// escapes of half a surrogate pair, which encoding/json would replace with
// U+FFFD, are ErrInvalidText, each named by its record, field and line (in
// a field name, ErrSyntax too), and a record holding any is not checked
// further; bad dates are ErrInvalidDate; and every record is checked as
// [Ledger.AddLeader] and [Ledger.AddMeeting] check them. Errors are a
// *ValidationError whose problems carry the line: of the fault for
// malformed JSON and bad text, of the record for a record's other
// problems; it lists the first 100 problems and counts the rest. A UTF-8 byte-order mark at
// the start of data is skipped. On error the ledger is unchanged.
//
// As encoding/json's convention for Unmarshalers asks, the JSON null
// changes nothing, so a null ledger in a larger document is no error.
func (l *Ledger) UnmarshalJSON(data []byte) error {
	data = input.TrimBOM(data)
	if isNull(data) {
		return nil
	}
	s, err := decode(data)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.store = s
	l.rankMu.Lock()
	l.rank = nil
	l.rankMu.Unlock()
	return nil
}

// isNull reports whether data is the JSON null, with optional white space.
func isNull(data []byte) bool {
	return string(bytes.Trim(data, " \t\r\n")) == "null"
}

// The keys of each kind of JSON object, in the order they are written.
// Problems name a field by its path of keys ("terms[1].start").
var (
	ledgerKeys  = []string{"leaders", "meetings", "tallies"}
	leaderKeys  = []string{"id", "name", "country", "office", "terms", "aliases", "sources"}
	termKeys    = []string{"start", "end"}
	meetingKeys = []string{"id", "date", "participants", "kind", "status", "place", "occasion", "sources", "note"}
	sourceKeys  = []string{"publisher", "title", "url", "quote", "date"}
)

// decoder reads one ledger document, remembering where each record starts.
//
// It checks the syntax first, with encoding/json, and then walks the bytes
// itself, knowing they are valid JSON: so it sees every key as written
// (encoding/json would match keys whatever their case and let a repeated
// key win), knows the offset of every fault, never recurses beyond the
// fixed depth of a ledger, and takes time and memory in proportion to the
// input.
type decoder struct {
	data     []byte
	pos      int // the walk's position in data
	leaders  []Leader
	meetings []Meeting
	tallies  []Tally
	lines    map[string][]int // record kind → line of each record
	id       string           // the ID of the record being read, once read
	ps       problems

	// With dirty set (the input has bytes that are not UTF-8 or escapes of
	// half a surrogate pair somewhere), every string read is checked, and
	// the faults of the record being read (record, index) are kept in
	// pending until its ID is known; a record with any is not converted,
	// so no other problem is reported of text it does not hold. found
	// counts them all.
	dirty        bool
	record       string
	index, found int
	pending      []Problem

	// Line counting moves on from the last offset asked about, so finding
	// the line of every record takes linear time in all.
	lineAt *input.Lines
}

// syntaxError is a problem with the JSON text at a byte offset, or with a
// value read from it.
type syntaxError struct {
	off   int
	field string // the path of the key at fault in the JSON, as in Problem.Field
	err   error  // wraps ErrSyntax, or the sentinel of the value
	// byOffset is set when off alone says where the fault is: bad syntax,
	// data after the value.
	byOffset bool
}

func (e *syntaxError) Error() string { return e.err.Error() }

// decode parses and checks a ledger document into a new store.
func decode(data []byte) (store, error) {
	d := &decoder{data: data, lines: map[string][]int{}, lineAt: input.NewLines(data)}
	d.dirty = input.BadUTF8(data) >= 0 || input.LoneSurrogate(data) >= 0
	if err := d.syntax("ledger object", d.walk); err != nil {
		if se, ok := err.(*syntaxError); ok {
			return store{}, d.fail("", 0, se)
		}
		return store{}, err
	}
	if d.dirty && d.found == 0 {
		return store{}, d.encoding() // outside any string the walk reads: not so in valid JSON
	}
	if err := d.located(&d.ps).err(); err != nil {
		return store{}, err
	}
	var s store
	leaders, ps := s.checkLeaders(d.leaders)
	if err := d.located(&ps).err(); err != nil {
		return store{}, err
	}
	s.addLeaders(leaders)
	meetings, ps := s.checkMeetings(d.meetings)
	if err := d.located(&ps).err(); err != nil {
		return store{}, err
	}
	s.addMeetings(meetings)
	tallies, ps := s.checkTallies(d.tallies)
	if err := d.located(&ps).err(); err != nil {
		return store{}, err
	}
	s.addTallies(tallies)
	return s, nil
}

// located sets the line of each problem kept from the record it names,
// unless it has the line of its fault.
func (d *decoder) located(ps *problems) *problems {
	for i := range ps.list {
		p := &ps.list[i]
		if lines := d.lines[p.Record]; p.Index < len(lines) && p.Line == 0 {
			p.Line = lines[p.Index]
		}
	}
	return ps
}

// lineOf returns the line number of a byte offset.
func (d *decoder) lineOf(off int) int { return d.lineAt.At(off) }

// encoding reports the first byte that is not UTF-8 or \u escape of half
// a surrogate pair in the input, outside any string read.
func (d *decoder) encoding() error {
	off, why := input.BadText(d.data)
	return &ValidationError{Problems: []Problem{{Line: d.lineOf(off),
		Err: &wrapped{fmt.Sprintf("malformed ledger JSON: invalid text: byte %d %s", off, why), []error{ErrSyntax, ErrInvalidText}}}}}
}

// badText describes the bytes that are not UTF-8 or the escape of half a
// surrogate pair in the string just read from start, which encoding/json,
// and text, would turn into U+FFFD, changing the text without a word; it
// returns their offset in the input, or -1.
func (d *decoder) badText(start int) (int, string) {
	raw := d.data[start+1 : d.pos-1]
	off, why := input.BadText(raw)
	if off < 0 {
		return -1, ""
	}
	return start + 1 + off, fmt.Sprintf("%s %s at byte %d", problem.Quote(string(raw)), why, off)
}

// checkText keeps a problem when the string just read from start into
// field name is bad text (see badText).
func (d *decoder) checkText(name string, start int) {
	if off, what := d.badText(start); off >= 0 {
		d.found++
		d.pending = append(d.pending, Problem{Record: d.record, Index: d.index, Field: name, Line: d.lineOf(off),
			Err: fmt.Errorf("%w: %s", ErrInvalidText, what)})
	}
}

// checkKey returns a syntax error when the key just read from start, in
// the object named name, is bad text (see badText).
func (d *decoder) checkKey(name string, start int) error {
	off, what := d.badText(start)
	if off < 0 {
		return nil
	}
	d.found++
	return &syntaxError{off: off, field: name,
		err: &wrapped{"malformed ledger JSON: invalid text: field name " + what, []error{ErrSyntax, ErrInvalidText}}}
}

// syntax checks that data is one JSON value, walks it with walk when it
// is, and reports the first fault: what walk returns, or a *syntaxError at
// the fault's offset for bad syntax and for data after the value ("data
// after the " + what).
func (d *decoder) syntax(what string, walk func() error) error {
	if json.Valid(d.data) {
		return walk()
	}
	// Find the fault. The offsets of a Decoder's errors count from the start
	// of the value it reads, which for the first value is the start of data.
	dec := json.NewDecoder(bytes.NewReader(d.data))
	var first json.RawMessage
	err := dec.Decode(&first)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &syntaxError{off: int(se.Offset) - 1, err: fmt.Errorf("%w: %s", ErrSyntax, se), byOffset: true}
	case err != nil: // the end of the input, within the value
		return &syntaxError{off: len(d.data), err: fmt.Errorf("%w: unexpected end of input", ErrSyntax), byOffset: true}
	}
	// The first value is sound; something follows it. Report what is wrong
	// within the value first, if anything.
	all, end := d.data, int(dec.InputOffset())
	d.data = all[:end]
	if err := walk(); err != nil {
		return err
	}
	d.data = all
	d.pos = end
	d.space()
	return &syntaxError{off: d.pos, err: fmt.Errorf("%w: data after the %s", ErrSyntax, what), byOffset: true}
}

// fail turns a syntax error into a *ValidationError with the line of the
// fault, in record i of a kind when record is set.
func (d *decoder) fail(record string, i int, err error) error {
	p := Problem{Err: err}
	if record != "" {
		p.Record, p.Index, p.ID = record, i, d.id
	}
	var se *syntaxError
	if errors.As(err, &se) {
		p.Line, p.Field, p.Err = d.lineOf(se.off), se.field, se.err
	}
	return &ValidationError{Problems: []Problem{p}}
}

// malformed returns a syntax error at the walk's position.
func (d *decoder) malformed(name string, format string, args ...any) error {
	return &syntaxError{off: d.pos, field: name, err: fmt.Errorf("%w: "+format, append([]any{ErrSyntax}, args...)...)}
}

// The rest of the decoder walks data, which is valid JSON: every value is
// complete and well formed, so the walk only has to tell them apart.

// space skips white space.
func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\r', '\n':
			d.pos++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, without taking it.
func (d *decoder) next() byte {
	d.space()
	return d.data[d.pos]
}

// more takes the separator after a member or element, reporting whether
// another follows (a comma) or the object or array ends.
func (d *decoder) more() bool {
	if d.next() == ',' {
		d.pos++
		return true
	}
	d.pos++ // the closing brace or bracket
	return false
}

// first takes the opening brace or bracket, reporting whether the object
// or array has a member.
func (d *decoder) first() bool {
	d.pos++
	if c := d.next(); c == '}' || c == ']' {
		d.pos++
		return false
	}
	return true
}

// text reads the string at the walk's position.
func (d *decoder) text() string {
	start := d.pos
	escaped := false
	i := start + 1
	for ; d.data[i] != '"'; i++ {
		if d.data[i] == '\\' {
			escaped = true
			i++
		}
	}
	d.pos = i + 1
	if !escaped {
		return string(d.data[start+1 : i])
	}
	var s string
	if err := json.Unmarshal(d.data[start:d.pos], &s); err != nil {
		panic("meeting: a valid JSON string did not decode: " + err.Error()) // unreachable
	}
	return s
}

// kind names the JSON type of the value at the walk's position.
func (d *decoder) kind() string {
	switch d.data[d.pos] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// wrongType reports the value at the walk's position, which is not of the
// type wanted, in the pledge package's words: "want a string, found JSON
// number".
func (d *decoder) wrongType(name, want string) error {
	return d.malformed(name, "want %s, found JSON %s", want, d.kind())
}

// null takes a null, reporting whether there was one.
func (d *decoder) null() bool {
	if d.next() == 'n' {
		d.pos += len("null")
		return true
	}
	return false
}

// walk reads the ledger object.
func (d *decoder) walk() error {
	if d.next() != '{' {
		return d.fail("", 0, d.malformed("", `want an object {"leaders": [...], "meetings": [...]}, found JSON %s`, d.kind()))
	}
	err := d.object("", ledgerKeys, nil, func(key, name string) error {
		switch key {
		case "leaders":
			return d.array(name, "leader", d.leader)
		case "meetings":
			return d.array(name, "meeting", d.meeting)
		}
		return d.array(name, "tally", d.tally)
	})
	if se, ok := err.(*syntaxError); ok {
		return d.fail("", 0, se)
	}
	return err
}

// array reads a JSON array (or null) of records, the value of key name,
// reading each with the walk positioned at it.
func (d *decoder) array(name, record string, each func(i int) error) error {
	if d.null() {
		return nil
	}
	if d.next() != '[' {
		return d.wrongType(name, "an array")
	}
	for more, i := d.first(), 0; more; more, i = d.more(), i+1 {
		d.id, d.record, d.index, d.pending = "", record, i, d.pending[:0]
		if err := each(i); err != nil {
			return d.fail(record, i, err)
		}
		for _, p := range d.pending {
			d.ps.addLine(p.Line, p.Record, p.Index, d.id, p.Field, p.Err)
		}
	}
	return nil
}

// object reads a JSON object whose keys must be among keys, spelled
// exactly and each at most once, calling value for each key with the walk
// positioned at its value and name, the key's path: prefix and the key.
// Problems with a key name it by its path as written, as the pledge
// package does: "sources[0].link: unknown field "link"". When opened is
// set, it is called with the offset of the opening brace.
func (d *decoder) object(prefix string, keys []string, opened func(off int), value func(key, name string) error) error {
	if d.next() != '{' {
		return d.wrongType(strings.TrimSuffix(prefix, "."), "an object")
	}
	if opened != nil {
		opened(d.pos)
	}
	var seen uint64 // bit i: keys[i] read
	for more := d.first(); more; more = d.more() {
		d.space()
		keyAt := d.pos
		key := d.text()
		if d.dirty {
			if err := d.checkKey(strings.TrimSuffix(prefix, "."), keyAt); err != nil {
				return err
			}
		}
		name := prefix + problem.Key(key)
		i := slices.Index(keys, key)
		if i < 0 {
			d.pos = keyAt
			hint := ""
			if j := slices.IndexFunc(keys, func(k string) bool { return strings.EqualFold(k, key) }); j >= 0 {
				hint = fmt.Sprintf(": field names are exact, want %q", keys[j])
			}
			return d.malformed(name, "unknown field %s%s", problem.Quote(key), hint)
		}
		if seen&(1<<i) != 0 {
			d.pos = keyAt
			return d.malformed(name, "field %s given twice", problem.Quote(key))
		}
		seen |= 1 << i
		d.next()
		d.pos++ // the colon
		if err := value(key, name); err != nil {
			return err
		}
	}
	return nil
}

// str reads a JSON string (or null, the empty string) into dst.
func (d *decoder) str(name string, dst *string) error {
	switch d.next() {
	case '"':
		start := d.pos
		*dst = d.text()
		if d.dirty {
			d.checkText(name, start)
		}
	case 'n':
		d.pos += len("null")
	default:
		return d.wrongType(name, "a string")
	}
	return nil
}

// list reads a JSON array (or null) of elements, calling each with the walk
// positioned at element i.
func (d *decoder) list(name string, each func(i int) error) error {
	if d.null() {
		return nil
	}
	if d.next() != '[' {
		return d.wrongType(name, "an array")
	}
	for more, i := d.first(), 0; more; more, i = d.more(), i+1 {
		if err := each(i); err != nil {
			return err
		}
	}
	return nil
}

// strs reads a JSON array (or null) of strings into dst.
func (d *decoder) strs(name string, dst *[]string) error {
	return d.list(name, func(i int) error {
		var s string
		if err := d.str(name+"["+strconv.Itoa(i)+"]", &s); err != nil {
			return err
		}
		*dst = append(*dst, s)
		return nil
	})
}

// opened records the line where a record of a kind starts.
func (d *decoder) opened(record string) func(off int) {
	return func(off int) { d.lines[record] = append(d.lines[record], d.lineOf(off)) }
}

// leader reads leader i.
func (d *decoder) leader(i int) error {
	var j jsonLeader
	err := d.object("", leaderKeys, d.opened("leader"), func(key, name string) error {
		switch key {
		case "id":
			err := d.str(name, &j.ID)
			d.id = j.ID
			return err
		case "name":
			return d.str(name, &j.Name)
		case "country":
			return d.str(name, &j.Country)
		case "office":
			return d.str(name, &j.Office)
		case "aliases":
			return d.strs(name, &j.Aliases)
		case "sources":
			return d.sources(name, &j.Sources)
		}
		return d.list(name, func(k int) error { // terms
			var t jsonTerm
			err := d.object(name+"["+strconv.Itoa(k)+"].", termKeys, nil, func(key, name string) error {
				if key == "start" {
					return d.str(name, &t.Start)
				}
				return d.str(name, &t.End)
			})
			j.Terms = append(j.Terms, t)
			return err
		})
	})
	if err != nil {
		return err
	}
	if len(d.pending) > 0 {
		return nil // text that is not what was written: its values are not read
	}
	d.leaders = append(d.leaders, j.leader(i, &d.ps))
	return nil
}

// meeting reads meeting i.
func (d *decoder) meeting(i int) error {
	var j jsonMeeting
	err := d.object("", meetingKeys, d.opened("meeting"), func(key, name string) error {
		switch key {
		case "id":
			err := d.str(name, &j.ID)
			d.id = j.ID
			return err
		case "date":
			return d.str(name, &j.Date)
		case "participants":
			return d.strs(name, &j.Participants)
		case "kind":
			return d.str(name, &j.Kind)
		case "status":
			return d.str(name, &j.Status)
		case "place":
			return d.str(name, &j.Place)
		case "occasion":
			return d.str(name, &j.Occasion)
		case "note":
			return d.str(name, &j.Note)
		}
		return d.sources(name, &j.Sources)
	})
	if err != nil {
		return err
	}
	if len(d.pending) > 0 {
		return nil // text that is not what was written: its values are not read
	}
	d.meetings = append(d.meetings, j.meeting(i, &d.ps))
	return nil
}

// sources reads a JSON array (or null) of sources into dst.
func (d *decoder) sources(name string, dst *[]jsonSource) error {
	return d.list(name, func(k int) error {
		var s jsonSource
		err := d.source(name+"["+strconv.Itoa(k)+"].", &s)
		*dst = append(*dst, s)
		return err
	})
}

// parseDate parses a YYYY-MM-DD field ("" is the zero time), reporting a
// problem when it is malformed.
func parseDate(s, field string, report func(field string, err error)) time.Time {
	t, err := civil.Parse(s)
	if err != nil {
		report(field, fmt.Errorf("%w %s, want YYYY-MM-DD", ErrInvalidDate, problem.Quote(s)))
	}
	return t
}

// leader converts a JSON leader, reporting malformed dates.
func (j jsonLeader) leader(i int, ps *problems) Leader {
	report := func(field string, err error) { ps.add("leader", i, j.ID, field, err) }
	l := Leader{ID: j.ID, Name: j.Name, Country: j.Country, Office: j.Office, Aliases: j.Aliases}
	for k, t := range j.Terms {
		l.Terms = append(l.Terms, Term{
			Start: parseDate(t.Start, fmt.Sprintf("Terms[%d].Start", k), report),
			End:   parseDate(t.End, fmt.Sprintf("Terms[%d].End", k), report),
		})
	}
	l.Sources = fromJSONSources(j.Sources, report)
	return l
}

// meeting converts a JSON meeting, reporting malformed dates, kinds and
// statuses.
func (j jsonMeeting) meeting(i int, ps *problems) Meeting {
	report := func(field string, err error) { ps.add("meeting", i, j.ID, field, err) }
	m := Meeting{
		ID: j.ID, Date: parseDate(j.Date, "Date", report), Participants: j.Participants,
		Place: j.Place, Occasion: j.Occasion, Note: j.Note,
	}
	var err error
	if m.Kind, err = ParseKind(j.Kind); err != nil {
		report("Kind", err)
	}
	if m.Status, err = ParseStatus(j.Status); err != nil {
		report("Status", err)
	}
	m.Sources = fromJSONSources(j.Sources, report)
	return m
}
