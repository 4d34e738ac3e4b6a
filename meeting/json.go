package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/summitry/summitry/internal/civil"
)

// The JSON form of a ledger:
//
//	{"leaders": [{"id": "...", "name": "...", "country": "KR", "office": "...",
//	              "terms": [{"start": "2022-05-10", "end": "2025-04-04"}],
//	              "aliases": ["..."]}],
//	 "meetings": [{"id": "...", "date": "2024-07-10", "participants": ["...", "..."],
//	               "kind": "talks", "status": "held", "place": "...", "occasion": "...",
//	               "sources": [{"publisher": "...", "title": "...", "url": "...",
//	                            "quote": "...", "date": "2024-07-11"}],
//	               "note": "..."}]}
type (
	jsonLedger struct {
		Leaders  []jsonLeader  `json:"leaders"`
		Meetings []jsonMeeting `json:"meetings"`
	}
	jsonTerm struct {
		Start string `json:"start"`
		End   string `json:"end,omitempty"`
	}
	jsonLeader struct {
		ID      string     `json:"id"`
		Name    string     `json:"name"`
		Country string     `json:"country"`
		Office  string     `json:"office,omitempty"`
		Terms   []jsonTerm `json:"terms,omitempty"`
		Aliases []string   `json:"aliases,omitempty"`
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
// "meetings": [...]}, leaders in name order, meetings in date order, dates as
// "YYYY-MM-DD", kinds and statuses as text, empty optional fields left out.
// Call it on a *Ledger.
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
// stored records, which are never changed once added, so encoding it after
// the lock is released is safe.
func (l *Ledger) document() jsonLedger {
	l.mu.RLock()
	defer l.mu.RUnlock()
	doc := jsonLedger{Leaders: make([]jsonLeader, 0, len(l.leaders)), Meetings: make([]jsonMeeting, 0, len(l.all))}
	ns := make([]int32, len(l.leaders))
	for i := range ns {
		ns[i] = int32(i)
	}
	l.sortLeaders(ns)
	for _, n := range ns {
		ld := &l.leaders[n]
		j := jsonLeader{ID: ld.ID, Name: ld.Name, Country: ld.Country, Office: ld.Office, Aliases: ld.Aliases}
		for _, t := range ld.Terms {
			j.Terms = append(j.Terms, jsonTerm{Start: civil.Format(t.Start), End: civil.Format(t.End)})
		}
		doc.Leaders = append(doc.Leaders, j)
	}
	for _, n := range l.all {
		m := &l.meetings[n]
		j := jsonMeeting{
			ID: m.ID, Date: civil.Format(m.Date), Participants: m.Participants,
			Kind: m.Kind.String(), Status: m.Status.String(),
			Place: m.Place, Occasion: m.Occasion, Note: m.Note,
		}
		for _, s := range m.Sources {
			j.Sources = append(j.Sources, jsonSource{s.Publisher, s.Title, s.URL, s.Quote, civil.Format(s.Date)})
		}
		doc.Meetings = append(doc.Meetings, j)
	}
	return doc
}

// ReadLedger reads a ledger written by [Ledger.WriteJSON] or
// [Ledger.MarshalJSON], as [Ledger.UnmarshalJSON] does.
func ReadLedger(r io.Reader) (*Ledger, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("meeting: reading ledger: %w", err)
	}
	l := new(Ledger)
	if err := l.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return l, nil
}

// UnmarshalJSON replaces the ledger's contents with the ledger in data. The
// input is untrusted: unknown fields, repeated top-level fields, wrong
// types and trailing data are ErrSyntax, bad dates ErrInvalidDate, and every
// record is checked as [Ledger.AddLeader] and [Ledger.AddMeeting] check them.
// Errors are a *ValidationError whose problems carry the line of the record.
// On error the ledger is unchanged.
func (l *Ledger) UnmarshalJSON(data []byte) error {
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

// decoder reads one ledger document, remembering where each record starts.
type decoder struct {
	data     []byte
	dec      *json.Decoder
	leaders  []Leader
	meetings []Meeting
	lines    map[string][]int // record kind → line of each record
	ps       problems
}

// decode parses and checks a ledger document into a new store.
func decode(data []byte) (store, error) {
	d := &decoder{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: map[string][]int{}}
	d.dec.DisallowUnknownFields()
	if err := d.document(); err != nil {
		return store{}, err
	}
	if err := d.located(d.ps).err(); err != nil {
		return store{}, err
	}
	var s store
	leaders, ps := s.checkLeaders(d.leaders)
	if err := d.located(ps).err(); err != nil {
		return store{}, err
	}
	s.addLeaders(leaders)
	meetings, ps := s.checkMeetings(d.meetings)
	if err := d.located(ps).err(); err != nil {
		return store{}, err
	}
	s.addMeetings(meetings)
	return s, nil
}

// located sets the line of each problem from the record it names.
func (d *decoder) located(ps problems) problems {
	for i := range ps {
		if lines := d.lines[ps[i].Record]; ps[i].Index < len(lines) {
			ps[i].Line = lines[ps[i].Index]
		}
	}
	return ps
}

// line returns the line number of a byte offset.
func (d *decoder) line(off int64) int {
	off = min(max(off, 0), int64(len(d.data)))
	return 1 + bytes.Count(d.data[:off], []byte("\n"))
}

// malformed reports a syntax problem at a byte offset, in a record when
// record is set.
func (d *decoder) malformed(off int64, record string, i int, err error) error {
	p := Problem{Line: d.line(off), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	if record != "" {
		p.Record, p.Index = record, i
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// Decoder.Decode reports the offset within the value it decodes.
		p.Line = d.line(off + te.Offset)
		p.Field = te.Field
		p.Err = fmt.Errorf("%w: got a JSON %s, want %s", ErrSyntax, te.Value, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		p.Line = d.line(se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		p.Line = d.line(int64(len(d.data)))
		p.Err = fmt.Errorf("%w: unexpected end of input", ErrSyntax)
	}
	return &ValidationError{Problems: []Problem{p}}
}

// document reads the top-level object.
func (d *decoder) document() error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.malformed(d.dec.InputOffset(), "", 0, err)
	}
	if tok != json.Delim('{') {
		return d.malformed(0, "", 0, errors.New(`want an object {"leaders": [...], "meetings": [...]}`))
	}
	seen := map[string]bool{}
	for d.dec.More() {
		off := d.dec.InputOffset()
		tok, err := d.dec.Token()
		if err != nil {
			return d.malformed(d.dec.InputOffset(), "", 0, err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return d.malformed(off, "", 0, fmt.Errorf("field %q repeated", key))
		}
		seen[key] = true
		switch key {
		case "leaders":
			err = d.array("leader", func(i int) error {
				var j jsonLeader
				if err := d.dec.Decode(&j); err != nil {
					return err
				}
				d.leaders = append(d.leaders, j.leader(i, &d.ps))
				return nil
			})
		case "meetings":
			err = d.array("meeting", func(i int) error {
				var j jsonMeeting
				if err := d.dec.Decode(&j); err != nil {
					return err
				}
				d.meetings = append(d.meetings, j.meeting(i, &d.ps))
				return nil
			})
		default:
			return d.malformed(off, "", 0, fmt.Errorf("unknown field %q", key))
		}
		if err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing brace
		return d.malformed(d.dec.InputOffset(), "", 0, err)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return d.malformed(d.dec.InputOffset(), "", 0, errors.New("data after the ledger object"))
	}
	return nil
}

// array reads a JSON array (or null) of records, calling each for every
// element with the decoder positioned at it.
func (d *decoder) array(record string, each func(i int) error) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.malformed(d.dec.InputOffset(), "", 0, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return d.malformed(d.dec.InputOffset(), "", 0, fmt.Errorf("%ss: want an array", record))
	}
	for i := 0; d.dec.More(); i++ {
		start := d.recordStart(d.dec.InputOffset())
		d.lines[record] = append(d.lines[record], d.line(start))
		if err := each(i); err != nil {
			return d.malformed(start, record, i, err)
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing bracket
		return d.malformed(d.dec.InputOffset(), "", 0, err)
	}
	return nil
}

// recordStart skips the separators before the value at off.
func (d *decoder) recordStart(off int64) int64 {
	for off < int64(len(d.data)) {
		switch d.data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// parseDate parses a YYYY-MM-DD field ("" is the zero time), reporting a
// problem when it is malformed.
func parseDate(s, field string, report func(field string, err error)) time.Time {
	t, err := civil.Parse(s)
	if err != nil {
		report(field, fmt.Errorf("%w %q, want YYYY-MM-DD", ErrInvalidDate, s))
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
	for k, s := range j.Sources {
		m.Sources = append(m.Sources, Source{
			Publisher: s.Publisher, Title: s.Title, URL: s.URL, Quote: s.Quote,
			Date: parseDate(s.Date, fmt.Sprintf("Sources[%d].Date", k), report),
		})
	}
	return m
}
