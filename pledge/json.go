package pledge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxBookBytes bounds what ReadBook reads, so a hostile file cannot exhaust
// memory: 1 GiB, far beyond any book of pledges held in memory.
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
// nothing: on any error the book is unchanged. Errors are as [ReadBook]'s.
func (b *Book) UnmarshalJSON(data []byte) error {
	nb, err := ReadBook(bytes.NewReader(data))
	if err != nil {
		return err
	}
	nb.mu.Lock()
	defer nb.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.recs, b.index, b.revisedBy, b.under = nb.recs, nb.index, nb.revisedBy, nb.under
	return nil
}

// ReadBook reads a book written by [Book.WriteJSON] from untrusted input.
// Malformed JSON, unknown fields, malformed values and invalid records are
// errors that name the line, the record and the field; a *[ValidationError]
// lists every invalid record. Nothing partial is ever returned.
func ReadBook(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBookBytes+1))
	if err != nil {
		return nil, fmt.Errorf("pledge: reading book: %w", err)
	}
	if len(data) > maxBookBytes {
		return nil, fmt.Errorf("pledge: reading book: larger than %d bytes", maxBookBytes)
	}
	lines := newLineIndex(data)

	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("pledge: book line %d: %w", lines.line(se.Offset), err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("pledge: book line %d: unexpected end of input", lines.line(int64(len(data))))
		}
		return fmt.Errorf("pledge: book line %d: %w", lines.line(dec.InputOffset()), err)
	}
	expect := func(want json.Delim, what string) error {
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return fmt.Errorf("pledge: book line %d: want %s, found %v", lines.line(dec.InputOffset()), what, tok)
		}
		return nil
	}

	if err := expect('{', `an object {"pledges":[...]}`); err != nil {
		return nil, err
	}
	var (
		pledges []Pledge
		starts  []int
		seen    bool
		bad     []Problem
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		if tok != "pledges" {
			return nil, fmt.Errorf("pledge: book line %d: unknown field %v", lines.line(dec.InputOffset()), tok)
		}
		if seen {
			return nil, fmt.Errorf(`pledge: book line %d: "pledges" given twice`, lines.line(dec.InputOffset()))
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
			start := lines.line(dec.InputOffset() - int64(len(raw)))
			var p Pledge
			if err := json.Unmarshal(raw, &p); err != nil {
				bad = append(bad, Problem{Index: i, ID: peekID(raw), Line: start, Err: fmt.Errorf("%w: %v", ErrInvalid, describeJSON(err))})
				continue
			}
			pledges = append(pledges, p)
			starts = append(starts, start)
		}
		if err := expect(']', "the end of the pledges array"); err != nil {
			return nil, err
		}
	}
	if err := expect('}', "the end of the book"); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("pledge: book line %d: unexpected data after the book", lines.line(dec.InputOffset()))
	}
	if len(bad) > 0 {
		return nil, &ValidationError{Problems: bad}
	}

	b := &Book{}
	if err := b.Add(pledges...); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			for i := range ve.Problems {
				ve.Problems[i].Line = starts[ve.Problems[i].Index]
			}
		}
		return nil, err
	}
	return b, nil
}

// peekID returns the "id" of a record that failed to decode, if it has one.
func peekID(raw []byte) string {
	var v struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(raw, &v) == nil {
		if s, ok := v.ID.(string); ok {
			return s
		}
	}
	return ""
}

// describeJSON makes encoding/json's errors say which field in words.
func describeJSON(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s: want %s, found JSON %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int64

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			idx = append(idx, int64(i+1))
		}
	}
	return idx
}

func (l lineIndex) line(offset int64) int {
	lo, hi := 0, len(l)
	for lo < hi {
		mid := (lo + hi) / 2
		if l[mid] <= offset {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
