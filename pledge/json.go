package pledge

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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
// it is. Errors are as [ReadBook]'s.
func (b *Book) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
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
// Malformed JSON, unknown fields, field names in another case ("Amount")
// or given twice, malformed values and invalid records are errors that
// name the line, the record and the field by its path ("parts[1].year",
// "sources[0].date"); a *[ValidationError]
// lists every invalid record, and errors.Is matches the same sentinels as
// [Book.Add]. Nothing partial is ever returned.
func ReadBook(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBookBytes+1))
	if err != nil {
		return nil, fmt.Errorf("pledge: reading book: %w", err)
	}
	if len(data) > maxBookBytes {
		return nil, fmt.Errorf("pledge: reading book: larger than %d bytes", maxBookBytes)
	}
	line := func(offset int64) int {
		offset = min(max(offset, 0), int64(len(data)))
		return bytes.Count(data[:offset], []byte{'\n'}) + 1
	}

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
			return fmt.Errorf("pledge: book line %d: want %s, found %v", line(dec.InputOffset()), what, tok)
		}
		return nil
	}

	if err := expect('{', `an object {"pledges":[...]}`); err != nil {
		return nil, err
	}
	var (
		pledges []Pledge
		starts  []int64 // byte offset where each record starts
		index   []int   // position of each decoded record in the file
		bad     []Problem
		badIDs  = map[string]bool{}
		seen    bool
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		if tok != "pledges" {
			return nil, fmt.Errorf("pledge: book line %d: unknown field %v", line(dec.InputOffset()), tok)
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
			start := dec.InputOffset() - int64(len(raw))
			var p Pledge
			if err := p.decode(raw); err != nil {
				id := peekID(raw)
				badIDs[id] = true
				field, cause := explainJSON(err)
				bad = append(bad, Problem{Index: i, ID: id, Line: line(start), Field: field, Err: cause})
				continue
			}
			pledges = append(pledges, p)
			starts = append(starts, start)
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

	if len(bad) > 0 {
		// Check the records that did decode too, so the error lists every
		// problem at once; links to records that failed are not errors of
		// their own.
		for i := range pledges {
			if badIDs[pledges[i].Revises] {
				pledges[i].Revises = ""
			}
			if badIDs[pledges[i].Under] {
				pledges[i].Under = ""
			}
		}
	}
	b := &Book{}
	if err := b.Add(pledges...); err != nil {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		for _, p := range ve.Problems {
			p.Line = line(starts[p.Index])
			p.Index = index[p.Index]
			bad = append(bad, p)
		}
	}
	if len(bad) > 0 {
		slices.SortStableFunc(bad, func(a, b Problem) int { return cmp.Compare(a.Index, b.Index) })
		return nil, &ValidationError{Problems: bad}
	}
	return b, nil
}
