package pledge

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// maxBookBytes bounds what ReadBook reads: 1 GiB, far beyond any book of
// pledges held in memory. Reading holds the input and the decoded records.
const maxBookBytes = 1 << 30

// WriteJSON writes the book as {"pledges":[...]}: every record in the order
// added, revised ones included, indented for people and diffs. Amounts are
// decimal strings, stages names and dates YYYY-MM-DD, so [ReadBook] gets
// back exactly what was written.
func (b *Book) WriteJSON(w io.Writer) error {
	data, err := b.MarshalJSON()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = out.WriteTo(w)
	return err
}

// WriteJSONLines writes the book as JSON Lines: every record in the order
// added, revised ones included, one a line as [Pledge.MarshalJSON] writes
// it. [ReadBook] reads it back, and so do tools that take a record a line
// (jq, DuckDB's read_json, BigQuery). An empty book writes nothing. It
// writes through a buffer: when w fails, part of the book may have been
// written, so a service writes a snapshot to a new file and renames it
// into place once it is synced.
func (b *Book) WriteJSONLines(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	for _, p := range b.All() {
		var err error
		if line, err = appendLine(line[:0], p); err != nil {
			return err
		}
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendLine appends p as one line of JSON Lines.
func appendLine(buf []byte, p Pledge) ([]byte, error) {
	data, err := p.MarshalJSON()
	if err != nil {
		return buf, err
	}
	return append(append(buf, data...), '\n'), nil
}

// MarshalJSON writes the compact form of [Book.WriteJSON].
func (b *Book) MarshalJSON() ([]byte, error) {
	recs := b.All()
	if recs == nil {
		recs = []Pledge{}
	}
	return json.Marshal(struct {
		Pledges []Pledge `json:"pledges"`
	}{recs})
}

// UnmarshalJSON replaces the book's records with those in data, all or
// nothing: on any error the book is unchanged. JSON null leaves the book as
// it is. A leading byte-order mark is skipped; errors and bounds are as
// [ReadBook]'s.
func (b *Book) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(input.TrimBOM(data))) == "null" {
		return nil
	}
	nb, err := ReadBook(bytes.NewReader(data))
	if err != nil {
		return err
	}
	nb.mu.Lock()
	defer nb.mu.Unlock()
	b.wmu.Lock()
	defer b.wmu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.st = nb.st
	b.version++
	return nil
}

// ReadBook reads a book from untrusted input: the {"pledges":[...]}
// document [Book.WriteJSON] writes, or JSON Lines, one record a line, as
// [Book.WriteJSONLines] writes them. Input whose first field is "pledges"
// (or that is the empty object {}) is a document; any other input is JSON
// Lines, where each line that is not blank holds one whole record, and an
// input of no records (empty, or blank lines) is an empty book. JSON Lines
// has no end to check: a file cut short at the end of a line reads as the
// records before the cut. For a file that grows as records come, use a
// [Journal], whose batches are checked.
//
// A UTF-8 byte-order mark at the start is skipped. Malformed JSON, unknown
// fields, field names in another case ("Amount") or given twice, strings
// that are not valid UTF-8 or escape half a surrogate pair, malformed
// values and invalid records are errors that name the line, the record and
// the field by its path ("parts[1].year", "sources[0].date"). A
// *[ValidationError] lists the invalid records' problems, and errors.Is
// matches the same sentinels as [Book.Add]; in JSON Lines, a line that is
// not JSON is one more problem of the list, and the lines after it are
// read on. A record that appears twice, the same both times, is recorded
// once, as [Book.Add] does. Nothing partial is ever returned.
//
// A book as WriteJSON and WriteJSONLines write it, every record valid,
// takes a fast path (no reflection, repeated names, dates and categories
// read once); anything else takes the plain path, from the start, which
// reports what is wrong. An input that the fast path gives up on late
// (an invalid record near the end of a large file) is read twice.
//
// Bounds: ReadBook reads at most 1 GiB and refuses more. It holds the
// input and the valid records read from it: a 29 MB book of 100,000
// pledges as WriteJSON writes it allocates 106 MB in all, under 4 times
// the input; the plain path peaks at about 6 times the input. An invalid
// record is not kept once read (400 KB of records "{}": 8 MB). The
// error keeps the first 100 problems, by record, and counts the rest
// (ValidationError.Omitted), and quotes at most 64 bytes of any value, so
// it stays small whatever the input. Lines are counted once through the
// input, however many problems there are, so reading takes time in
// proportion to the input.
func ReadBook(r io.Reader) (*Book, error) {
	data, err := readBounded(r, "reading book")
	if err != nil {
		return nil, err
	}
	return readBook(data, true)
}

// readBook reads a book from data, without its byte-order mark, through
// readBookFast when fast is set.
func readBook(data []byte, fast bool) (*Book, error) {
	f := newFileRecords(data)
	lines := isJSONLines(data)
	if fast && !f.dirty {
		if b, ok := readBookFast(data, lines); ok {
			return b, nil
		}
	}
	if lines {
		readLines(data, f)
	} else if err := readDocument(data, f); err != nil {
		return nil, err
	}
	b := &Book{}
	if err := f.into(b, nil); err != nil {
		return nil, err
	}
	return b, nil
}

// firstKey returns the name of the first field of data, an object, or ""
// when it has none or is not well-formed.
func firstKey(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	key, _ := dec.Token()
	s, _ := key.(string)
	return s
}

// readBookFast reads a book as WriteJSON or WriteJSONLines (lines) writes
// it, every record valid, without encoding/json: its records are read by
// the fast reader, sharing their repeated strings, and added to a new
// Book at once. It reports false for any other input, and for any problem
// at all: the plain path then reads the input again and says what is
// wrong, so that a book read either way is the same, and so is an error.
func readBookFast(data []byte, lines bool) (*Book, bool) {
	r := fastReader{jsonText: jsonText{data: data}, share: newWireShare()}
	var pledges []Pledge
	read := func() bool {
		if r.peek() != '{' {
			return false
		}
		w, ok := r.pledge()
		// A record without its ID, donor or amount stops the reading at
		// once: a file of records "{}" costs no more than it must.
		var p Pledge
		if !ok || w.ID == "" || w.Donor == "" || w.Amount == nil || p.fromWire(&w, r.share) != nil {
			return false
		}
		if pledges == nil { // room for as many more as the first one's size says
			pledges = make([]Pledge, 0, len(data)/max(r.i, 64)+16)
		}
		pledges = append(pledges, p)
		return true
	}
	if lines {
		for rest := data; len(rest) > 0; {
			line := rest
			if k := bytes.IndexByte(rest, '\n'); k >= 0 {
				line, rest = rest[:k], rest[k+1:]
			} else {
				rest = nil
			}
			if line = trimJSONSpace(line); len(line) == 0 {
				continue
			}
			r.data, r.i = line, 0
			if !read() || r.i != len(line) {
				return nil, false
			}
		}
	} else {
		if r.peek() != '{' {
			return nil, false
		}
		r.i++
		if name, ok := r.plain(); !ok || string(name) != "pledges" || r.peek() != ':' {
			return nil, false
		}
		r.i++
		if r.peek() != '[' {
			return nil, false
		}
		r.i++
		for more := r.peek() != ']'; more; {
			if !read() {
				return nil, false
			}
			switch r.peek() {
			case ',':
				r.i++
			case ']':
				more = false
			default:
				return nil, false
			}
		}
		r.i++ // ]
		if r.peek() != '}' {
			return nil, false
		}
		r.i++
		if r.space(); r.i != len(data) {
			return nil, false
		}
	}
	b := &Book{}
	if b.add(pledges, false, nil) != nil {
		return nil, false
	}
	return b, true
}

// isJSONLines reports whether data, a book without its byte-order mark,
// is JSON Lines rather than a {"pledges":[...]} document: it is unless it
// is an object whose first field is "pledges", or an empty object, or is
// not an object at all (which the document's reader reports). Nothing but
// space is JSON Lines of no records.
func isJSONLines(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err == io.EOF {
		return true
	}
	if err != nil || tok != json.Delim('{') {
		return false
	}
	tok, err = dec.Token()
	return err == nil && tok != "pledges" && tok != json.Delim('}')
}

// readDocument reads the records of a {"pledges":[...]} document into f.
// A syntax error stops it, since nothing after it can be found for sure.
func readDocument(data []byte, f *fileRecords) error {
	t := newJSONDoc(data, "book")
	if err := t.expect('{', `an object {"pledges":[...]}`); err != nil {
		return err
	}
	seen := false
	for t.dec.More() {
		tok, err := t.dec.Token()
		if err != nil {
			return t.syntax(err)
		}
		if tok != "pledges" {
			return t.errorf("unknown field %s", problem.Quote(fmt.Sprint(tok)))
		}
		if seen {
			return t.errorf(`"pledges" given twice`)
		}
		seen = true
		if err := t.array(f); err != nil {
			return err
		}
	}
	if err := t.expect('}', "the end of the book"); err != nil {
		return err
	}
	return t.end("the book")
}

// jsonDoc reads the records of one JSON text, naming the line of each
// record and of a syntax error.
type jsonDoc struct {
	data  []byte
	what  string // "book" or "JSON", for errors
	lines *input.Lines
	dec   *json.Decoder
}

func newJSONDoc(data []byte, what string) *jsonDoc {
	return &jsonDoc{data: data, what: what, lines: input.NewLines(data), dec: json.NewDecoder(bytes.NewReader(data))}
}

// line returns the line of byte offset off.
func (t *jsonDoc) line(off int64) int { return t.lines.At(int(off)) }

// errorf is an error at the decoder's offset.
func (t *jsonDoc) errorf(format string, args ...any) error {
	return fmt.Errorf("pledge: %s line %d: %s", t.what, t.line(t.dec.InputOffset()), fmt.Sprintf(format, args...))
}

// syntax names the line of a decoder's error.
func (t *jsonDoc) syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("pledge: %s line %d: %w", t.what, t.line(se.Offset), err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("pledge: %s line %d: unexpected end of input", t.what, t.line(int64(len(t.data))))
	}
	return t.errorf("%v", err)
}

// expect reads the delimiter want, which starts or ends what.
func (t *jsonDoc) expect(want json.Delim, what string) error {
	tok, err := t.dec.Token()
	if err != nil {
		return t.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return t.errorf("want %s, found %s", what, shortJSON(fmt.Append(nil, tok)))
	}
	return nil
}

// array reads an array of records into f.
func (t *jsonDoc) array(f *fileRecords) error {
	if err := t.expect('[', "an array of pledges"); err != nil {
		return err
	}
	for i := 0; t.dec.More(); i++ {
		if err := t.record(f, i); err != nil {
			return err
		}
	}
	return t.expect(']', "the end of the pledges array")
}

// record reads one record, the one at position i, into f.
func (t *jsonDoc) record(f *fileRecords, i int) error {
	var raw json.RawMessage
	if err := t.dec.Decode(&raw); err != nil {
		return t.syntax(err)
	}
	f.read(raw, i, t.line(t.dec.InputOffset()-int64(len(raw))))
	return nil
}

// end makes sure that nothing but space follows what was read.
func (t *jsonDoc) end(what string) error {
	if _, err := t.dec.Token(); err != io.EOF {
		return t.errorf("unexpected data after %s", what)
	}
	return nil
}

// ReadJSON reads pledge records from JSON, as a service takes them in the
// body of a request, all or nothing: one record as [Pledge.MarshalJSON]
// writes it, an array of records, the {"pledges":[...]} document
// [Book.WriteJSON] writes, or JSON Lines, one record a line. Input is
// JSON Lines when its first line holds a whole JSON value and more
// follows; an object over several lines is one record. Empty input, or
// only space, holds no records.
//
// The records it returns are valid one by one: they pass every check of
// [Book.Add] that looks at a record alone, and are in the order given.
// What Add checks against the book and the rest of the batch (an ID the
// book holds, the same ID given twice with different records, Revises
// and Under) is left to Add, whose problems name each record by its
// Index, its position in the input.
//
// Decoding is as strict as [ReadBook]'s, and errors name what it names:
// on any problem it returns no records and a *[ValidationError] listing
// the first 100 problems, each with the record's position, ID, line and
// field path ("parts[1].year"), and a count of the rest; JSON that is not
// well-formed (outside a line of JSON Lines, which is one more problem)
// is an error naming its line. A UTF-8 byte-order mark at the start is
// skipped. It reads at most 1 GiB; a service bounds its requests far
// below that, with [net/http.MaxBytesReader], whose error it returns
// wrapped.
func ReadJSON(r io.Reader) ([]Pledge, error) {
	data, err := readBounded(r, "reading JSON")
	if err != nil {
		return nil, err
	}
	f := newFileRecords(data)
	rest := trimJSONSpace(data)
	switch {
	case len(rest) == 0:
		return nil, nil
	case rest[0] == '[':
		t := newJSONDoc(data, "JSON")
		if err := t.array(f); err != nil {
			return nil, err
		}
		if err := t.end("the array"); err != nil {
			return nil, err
		}
	case rest[0] != '{':
		t := newJSONDoc(data, "JSON")
		var raw json.RawMessage
		if err := t.dec.Decode(&raw); err != nil {
			return nil, t.syntax(err)
		}
		return nil, t.errorf("want a pledge, an array of pledges or {\"pledges\":[...]}, found %s", shortJSON(raw))
	case firstKey(data) == "pledges":
		if err := readDocument(data, f); err != nil {
			return nil, err
		}
	case oneValue(rest):
		t := newJSONDoc(data, "JSON")
		if err := t.record(f, 0); err != nil {
			return nil, err
		}
		if err := t.end("the pledge"); err != nil {
			return nil, err
		}
	default:
		readLines(data, f)
	}
	if err := f.c.err(); err != nil {
		return nil, err
	}
	return f.pledges, nil
}

// oneValue reports whether data, which starts with a JSON value, is one
// value rather than JSON Lines: its first line is not a whole value, or
// nothing but space follows that line.
func oneValue(data []byte) bool {
	k := bytes.IndexByte(data, '\n')
	if k < 0 {
		return true
	}
	return !json.Valid(data[:k]) || len(trimJSONSpace(data[k:])) == 0
}

// readBounded reads all of r, at most maxBookBytes, without a leading
// byte-order mark; doing names what is read, for errors.
func readBounded(r io.Reader, doing string) ([]byte, error) {
	data, err := input.ReadAll(r, maxBookBytes+1)
	if err != nil {
		return nil, fmt.Errorf("pledge: %s: %w", doing, err)
	}
	if len(data) > maxBookBytes {
		return nil, fmt.Errorf("pledge: %s: larger than %d bytes", doing, maxBookBytes)
	}
	return input.TrimBOM(data), nil
}

// readLines reads the records of JSON Lines into f: each line that is not
// blank is a record.
func readLines(data []byte, f *fileRecords) {
	i := 0
	for ln := 1; len(data) > 0; ln++ {
		line := data
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			line, data = data[:k], data[k+1:]
		} else {
			data = nil
		}
		if line = trimJSONSpace(line); len(line) > 0 {
			f.line(line, i, ln)
			i++
		}
	}
}

// trimJSONSpace cuts JSON's space (space, tab, line feed, carriage return)
// off both ends of b.
func trimJSONSpace(b []byte) []byte {
	return bytes.Trim(b, " \t\r\n")
}

// fileRecords gathers the records of a file as they are read: the valid
// ones, where each starts, and the problems of the rest.
type fileRecords struct {
	dirty   bool // the input has strings that are not UTF-8: look in each record
	c       collector
	pledges []Pledge
	at      []int           // line where each kept record starts
	index   []int           // position of each kept record in the file
	badIDs  map[string]bool // IDs of records not kept
}

// newFileRecords returns a fileRecords for records read from data. Strings
// that are not UTF-8 are looked for record by record only when data has
// some.
func newFileRecords(data []byte) *fileRecords {
	return &fileRecords{dirty: input.BadUTF8(data) >= 0 || input.LoneSurrogate(data) >= 0, badIDs: map[string]bool{}}
}

// line reads one line of JSON Lines, the record at position i, starting on
// line ln: one JSON value, else a problem of its own.
func (f *fileRecords) line(raw []byte, i, ln int) {
	switch {
	case bytes.HasPrefix(raw, commitPrefix):
		f.problem(Problem{Index: i, Line: ln, Err: errMarker})
	case !json.Valid(raw):
		var v any
		err := json.Unmarshal(raw, &v)
		f.problem(Problem{Index: i, Line: ln, Err: fmt.Errorf("%w: the line is not one JSON record: %v", ErrInvalid, err)})
	default:
		f.read(raw, i, ln)
	}
}

// commitPrefix starts every commit marker line of a journal, and no
// record.
var commitPrefix = []byte(`{"commit":`)

// errMarker is a journal's commit marker found where records are read.
var errMarker = fmt.Errorf("%w: a journal's commit marker, not a record: replay a journal with Book.Replay or OpenJournal", ErrInvalid)

// problem records a problem of a record that is not kept.
func (f *fileRecords) problem(p Problem) {
	f.badIDs[p.ID] = true
	f.c.add(p)
}

// read reads the record at position i, valid JSON text starting on line
// ln, and keeps it if it is valid on its own.
func (f *fileRecords) read(raw []byte, i, ln int) {
	var p Pledge
	var err error
	badID := false // the ID is not text to show
	if f.dirty {
		err = badText(raw)
	}
	if err == nil {
		err = p.decode(raw)
	} else {
		var fe *fieldError
		badID = errors.As(err, &fe) && fe.field == "id"
	}
	if err != nil {
		field, cause := explainJSON(err)
		id := ""
		if !badID {
			id = peekID(raw)
		}
		f.problem(Problem{Index: i, ID: id, Line: ln, Field: field, Err: cause})
		return
	}
	// Check each record as it comes, so that an invalid one is not kept.
	ps := problems{index: i, id: p.ID, line: ln, c: &f.c}
	if checkFields(&p, &ps); ps.n > 0 {
		f.badIDs[p.ID] = true
		return
	}
	f.pledges = append(f.pledges, p)
	f.at = append(f.at, ln)
	f.index = append(f.index, i)
}

// into adds the records read to b, all or nothing, through log when it is
// given (see Book.add). When some records were not kept, it only checks
// the others against b, so that the error lists every problem at once;
// links to records not kept are not errors of their own, but an ID that
// one of them has too is. Problems name the records' lines.
func (f *fileRecords) into(b *Book, log func([]Pledge) error) error {
	pledges, at, index := f.pledges, f.at, f.index
	var ve *ValidationError
	if len(f.badIDs) > 0 {
		kept := 0
		for k := range pledges {
			p := &pledges[k]
			if f.badIDs[p.ID] {
				f.c.add(Problem{Index: index[k], ID: p.ID, Line: at[k], Field: "id",
					Err: fmt.Errorf("%w: %s is given twice", ErrDuplicate, problem.Quote(p.ID))})
				continue
			}
			if f.badIDs[p.Revises] {
				p.Revises = ""
			}
			if f.badIDs[p.Under] {
				p.Under = ""
			}
			pledges[kept], at[kept], index[kept] = *p, at[k], index[k]
			kept++
		}
		pledges, at, index = pledges[:kept], at[:kept], index[:kept]
		b.mu.RLock()
		_, ve = b.st.check(pledges, true)
		b.mu.RUnlock()
	} else if err := b.add(pledges, true, log); err != nil && !errors.As(err, &ve) {
		return err
	}
	if ve != nil {
		for _, p := range ve.Problems {
			p.Line, p.Index = at[p.Index], index[p.Index]
			f.c.add(p)
		}
		f.c.omitted += ve.Omitted
	}
	if err := f.c.err(); err != nil {
		return err
	}
	return nil
}
