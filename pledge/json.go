package pledge

import (
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
	b.mu.Lock()
	defer b.mu.Unlock()
	b.st = nb.st
	return nil
}

// ReadBook reads a book written by [Book.WriteJSON] from untrusted input.
// A UTF-8 byte-order mark at the start is skipped. Malformed JSON, unknown
// fields, field names in another case ("Amount") or given twice, strings
// that are not valid UTF-8 or escape half a surrogate pair, malformed
// values and invalid records are errors that name the line, the record and
// the field by its path ("parts[1].year", "sources[0].date"). A
// *[ValidationError] lists the invalid records' problems, and errors.Is
// matches the same sentinels as [Book.Add]. Nothing partial is ever
// returned.
//
// Bounds: ReadBook reads at most 1 GiB and refuses more. It holds the
// input and the valid records read from it, and peaks at about 6 times
// the input (a 26 MB book of 100,000 pledges: 144 MB of memory in all); an
// invalid record is not kept once read (400 KB of records "{}": 8 MB). The
// error keeps the first 100 problems, by record, and counts the rest
// (ValidationError.Omitted), and quotes at most 64 bytes of any value, so
// it stays small whatever the input. Lines are counted once through the
// input, however many problems there are, so reading takes time in
// proportion to the input.
func ReadBook(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBookBytes+1))
	if err != nil {
		return nil, fmt.Errorf("pledge: reading book: %w", err)
	}
	if len(data) > maxBookBytes {
		return nil, fmt.Errorf("pledge: reading book: larger than %d bytes", maxBookBytes)
	}
	data = input.TrimBOM(data)
	lines := input.NewLines(data)
	line := func(offset int64) int { return lines.At(int(offset)) }

	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("pledge: book line %d: %w", line(se.Offset), err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("pledge: book line %d: unexpected end of input", line(int64(len(data))))
		}
		return fmt.Errorf("pledge: book line %d: %w", line(dec.InputOffset()), err)
	}
	expect := func(want json.Delim, what string) error {
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return fmt.Errorf("pledge: book line %d: want %s, found %s", line(dec.InputOffset()), what, shortJSON(fmt.Append(nil, tok)))
		}
		return nil
	}

	if err := expect('{', `an object {"pledges":[...]}`); err != nil {
		return nil, err
	}
	// Strings that are not UTF-8 are looked for record by record only when
	// the input has some.
	dirty := input.BadUTF8(data) >= 0 || input.LoneSurrogate(data) >= 0
	var (
		pledges []Pledge
		at      []int               // line where each kept record starts
		index   []int               // position of each kept record in the file
		c       collector           // the problems of every record
		badIDs  = map[string]bool{} // IDs of records not kept
		seen    bool
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		if tok != "pledges" {
			return nil, fmt.Errorf("pledge: book line %d: unknown field %s", line(dec.InputOffset()), problem.Quote(fmt.Sprint(tok)))
		}
		if seen {
			return nil, fmt.Errorf(`pledge: book line %d: "pledges" given twice`, line(dec.InputOffset()))
		}
		seen = true
		if err := expect('[', "an array of pledges"); err != nil {
			return nil, err
		}
		for i := 0; dec.More(); i++ {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntax(err)
			}
			ln := line(dec.InputOffset() - int64(len(raw)))
			var p Pledge
			var err error
			badID := false // the ID is not text to show
			if dirty {
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
				badIDs[id] = true
				c.add(Problem{Index: i, ID: id, Line: ln, Field: field, Err: cause})
				continue
			}
			// Check each record as it comes, so that an invalid one is
			// not kept.
			ps := problems{index: i, id: p.ID, line: ln, c: &c}
			if checkFields(&p, &ps); ps.n > 0 {
				badIDs[p.ID] = true
				continue
			}
			pledges = append(pledges, p)
			at = append(at, ln)
			index = append(index, i)
		}
		if err := expect(']', "the end of the pledges array"); err != nil {
			return nil, err
		}
	}
	if err := expect('}', "the end of the book"); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("pledge: book line %d: unexpected data after the book", line(dec.InputOffset()))
	}

	if len(badIDs) > 0 {
		// Check the records that are kept too, so that the error lists
		// every problem at once; links to records not kept are not errors
		// of their own, but an ID that one of them has too is.
		kept := 0
		for k := range pledges {
			p := &pledges[k]
			if badIDs[p.ID] {
				c.add(Problem{Index: index[k], ID: p.ID, Line: at[k], Field: "id",
					Err: fmt.Errorf("%w: %s is given twice", ErrDuplicate, problem.Quote(p.ID))})
				continue
			}
			if badIDs[p.Revises] {
				p.Revises = ""
			}
			if badIDs[p.Under] {
				p.Under = ""
			}
			pledges[kept], at[kept], index[kept] = *p, at[k], index[k]
			kept++
		}
		pledges, at, index = pledges[:kept], at[:kept], index[:kept]
	}
	b := &Book{}
	if ve := b.add(pledges, true); ve != nil {
		for _, p := range ve.Problems {
			p.Line, p.Index = at[p.Index], index[p.Index]
			c.add(p)
		}
		c.omitted += ve.Omitted
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return b, nil
}
