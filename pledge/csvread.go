package pledge

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/csvrow"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// chunkRecords is how many records a CSV reader keeps in one slice: a
// million records in one slice that doubles as it grows would be held up
// to three times over while it is copied.
const chunkRecords = 4096

// place is where a value of a record read from CSV is: its row, the line
// the row starts on, and the column's name.
type place struct {
	row, line int
	column    string
}

// recordReader is what the CSV readers of records share: the rows, the
// problems, the records kept, and one copy of each name, currency, date
// and list of categories that many records repeat.
type recordReader struct {
	rows  *csvrow.Reader
	names []string // the header's cells, by position, for errors

	c     collector // every problem, by record
	one   collector // the problems of the record being checked
	index int       // the record read last, from 0; -1 before the first
	ids   map[string]int
	kept  [][]Pledge
	at    []place // where each kept record starts: its first row
	fails bool    // a record was not kept

	text  map[string]string
	curs  map[string]currency.Unit
	dates map[string]parsedDate
	cats  map[string][]Category
}

type parsedDate struct {
	day  time.Time
	prec Precision
	err  error
}

func newRecordReader(r io.Reader) *recordReader {
	return &recordReader{
		rows: csvrow.New(r), index: -1, ids: map[string]int{},
		text: map[string]string{}, curs: map[string]currency.Unit{},
		dates: map[string]parsedDate{}, cats: map[string][]Category{},
	}
}

// next reads the next row that is not empty; false at the end of the
// input or after a syntax error, which it records.
func (rr *recordReader) next() bool {
	for {
		err := rr.rows.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			p := Problem{Index: rr.index + 1, Row: rr.rows.Row() + 1, Err: fmt.Errorf("pledge: reading: %w", err)}
			var se *csvrow.SyntaxError
			if errors.As(err, &se) {
				p.Row, p.Line, p.Err = se.Row, se.Line, fmt.Errorf("%w: %v", ErrInvalid, se)
			}
			rr.c.add(p)
			rr.fails = true
			return false
		}
		if !rr.rows.Empty() {
			return true
		}
	}
}

// here returns the place of cell i of the row read last.
func (rr *recordReader) here(i int) place {
	p := place{row: rr.rows.Row(), line: rr.rows.Line()}
	if i >= 0 && i < len(rr.names) {
		p.column = rr.names[i]
	}
	if i >= 0 && i < rr.rows.Cells() {
		p.line = rr.rows.CellLine(i)
	}
	return p
}

// problem records a problem of the record being read at p.
func (rr *recordReader) problem(id string, p place, err error) {
	rr.c.add(Problem{Index: max(rr.index, 0), ID: id, Row: p.row, Line: p.line, Field: p.column, Err: err})
}

// headerProblem records a problem of the header at column i (-1: none).
func (rr *recordReader) headerProblem(i int, column string, err error) {
	p := rr.here(i)
	if column != "" {
		p.column = column
	}
	rr.c.add(Problem{Index: -1, Row: 1, Line: p.line, Field: p.column, Err: err})
}

// header reads the first row: the names of the columns, each valid UTF-8
// text. It reports false when there is no first row.
func (rr *recordReader) header() bool {
	if !rr.next() {
		if !rr.fails {
			rr.c.add(Problem{Index: -1, Err: fmt.Errorf("%w: no header row", ErrMissing)})
		}
		return false
	}
	rr.names = make([]string, rr.rows.Cells())
	for i := range rr.names {
		s := rr.rows.Text(i)
		if at, why := input.BadChar(s, true); at >= 0 {
			rr.names[i] = fmt.Sprintf("column %d", i+1)
			rr.headerProblem(i, "", fmt.Errorf("%w: column name %s %s at byte %d", ErrInvalid, problem.Quote(s), why, at))
			continue
		}
		rr.names[i] = s
	}
	return true
}

// badText checks that every cell of the row read last is valid UTF-8,
// recording a problem for each that is not; it reports whether any was
// bad.
func (rr *recordReader) badText(id string) bool {
	bad := false
	for i := range rr.rows.Cells() {
		cell := rr.rows.Cell(i)
		if utf8.Valid(cell) {
			continue
		}
		bad = true
		off := input.BadUTF8(cell)
		p := rr.here(i)
		p.line += strings.Count(string(cell[:off]), "\n")
		rr.problem(id, p, fmt.Errorf("%w: %s is not valid UTF-8 at byte %d", ErrInvalid, problem.Quote(string(cell)), off))
	}
	return bad
}

// intern returns one copy of s.
func (rr *recordReader) intern(b []byte) string {
	if s, ok := rr.text[string(b)]; ok {
		return s
	}
	if len(rr.text) >= 1<<16 {
		return string(b) // not a short list of names: keep memory to the records
	}
	s := string(b)
	rr.text[s] = s
	return s
}

// currency reads an ISO 4217 code.
func (rr *recordReader) currency(b []byte) (currency.Unit, error) {
	if u, ok := rr.curs[string(b)]; ok {
		return u, nil
	}
	u, err := parseCurrency(string(b))
	if err == nil {
		rr.curs[string(b)] = u
	}
	return u, err
}

// date reads a date with its precision ([ParseDate]).
func (rr *recordReader) date(b []byte) (time.Time, Precision, error) {
	if d, ok := rr.dates[string(b)]; ok {
		return d.day, d.prec, d.err
	}
	day, prec, err := ParseDate(string(b))
	if len(rr.dates) < 1<<16 {
		rr.dates[string(b)] = parsedDate{day, prec, err}
	}
	return day, prec, err
}

// categories reads a list of categories joined by "+", each written as
// [ParseCategory] reads it; the empty cell is none. The slice is the
// caller's.
func (rr *recordReader) categories(b []byte) ([]Category, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if cs, ok := rr.cats[string(b)]; ok {
		return slices.Clone(cs), nil
	}
	var cs []Category
	for s := range strings.SplitSeq(string(b), "+") {
		c, err := ParseCategory(s)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	if len(rr.cats) < 1<<16 {
		rr.cats[string(b)] = cs
	}
	return slices.Clone(cs), nil
}

// keep checks a record read whole (read says whether reading its cells
// found no problem) and keeps it when it is valid: its problems are
// placed by where, which turns a field's path into the cell that holds
// it.
func (rr *recordReader) keep(p Pledge, read bool, start place, where func(field string) place) {
	ok := read
	if read {
		rr.one.kept, rr.one.omitted = rr.one.kept[:0], 0
		ps := problems{index: rr.index, id: p.ID, c: &rr.one}
		checkFields(&p, &ps)
		if ps.n > 0 {
			ok = false
			slices.SortFunc(rr.one.kept, func(a, b keptProblem) int { return a.seq - b.seq })
			for _, k := range rr.one.kept {
				at := where(k.p.Field)
				rr.c.add(Problem{Index: rr.index, ID: p.ID, Row: at.row, Line: at.line, Field: at.column, Err: k.p.Err})
			}
			rr.c.omitted += rr.one.omitted
		}
	}
	if p.ID != "" && utf8.ValidString(p.ID) {
		if first, dup := rr.ids[p.ID]; dup {
			at := where("id")
			rr.c.add(Problem{Index: rr.index, ID: p.ID, Row: at.row, Line: at.line, Field: at.column,
				Err: fmt.Errorf("%w: %s is given twice, first in row %d", ErrDuplicate, problem.Quote(p.ID), first)})
			ok = false
		} else {
			rr.ids[p.ID] = start.row
		}
	}
	if !ok || rr.fails {
		rr.fails = true
		rr.kept, rr.at = nil, nil // they will not be returned
		return
	}
	n := len(rr.kept)
	if n == 0 || len(rr.kept[n-1]) >= chunkRecords {
		var chunk []Pledge // the first grows as a small file needs
		if n > 0 {
			chunk = make([]Pledge, 0, chunkRecords)
		}
		rr.kept = append(rr.kept, chunk)
		n++
	}
	rr.kept[n-1] = append(rr.kept[n-1], p)
	rr.at = append(rr.at, start)
}

// records returns the records kept, in one slice, or the problems.
func (rr *recordReader) records() ([]Pledge, error) {
	if err := rr.c.err(); err != nil {
		return nil, err
	}
	// What only reading needed may go before the records are laid end
	// to end.
	rr.ids, rr.text, rr.dates, rr.cats, rr.curs = nil, nil, nil, nil, nil
	n := 0
	for _, ch := range rr.kept {
		n += len(ch)
	}
	if len(rr.kept) == 1 {
		out := rr.kept[0]
		rr.kept = nil
		return out[:n:n], nil
	}
	out := make([]Pledge, 0, n)
	for i, ch := range rr.kept {
		out = append(out, ch...)
		rr.kept[i] = nil // the chunk may go as the one slice fills
	}
	rr.kept = nil
	return out, nil
}

// yearOf reads a part's year: 1 to 9999.
func yearOf(b []byte) (int, error) {
	y, err := strconv.Atoi(string(b))
	if err != nil || y < 1 || y > 9999 || b[0] == '+' {
		return 0, fmt.Errorf("%w: year %s: want a year from 1 to 9999", ErrInvalid, problem.Quote(string(b)))
	}
	return y, nil
}
