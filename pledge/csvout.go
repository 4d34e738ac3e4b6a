package pledge

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"
)

// CSVOptions say how [Book.WriteCSVWith] and [Totals.WriteCSVWith] write
// CSV. The zero value writes what WriteCSV writes.
type CSVOptions struct {
	// Spreadsheet writes a file for people to open in Excel, LibreOffice
	// or Google Sheets, guarded against formula injection: a spreadsheet
	// program runs a cell that starts with "=", "+", "-" or "@" as a
	// formula (=HYPERLINK(...) leaks data when clicked, =cmd|' /C calc'!A0
	// has run programs), and a donor's name or a note can hold any text.
	// So, after OWASP's advice on CSV injection, a cell that starts with
	// one of those, with their full-width forms (＝＋－＠), or with a tab or
	// a carriage return, after any spaces, gets an apostrophe before it:
	// "'=HYPERLINK(...)", which the program shows as text. A cell that is
	// a plain number, such as an amount ("-5", "1234.5"), is never
	// changed. Every cell is quoted, so that a program that splits cells
	// at another character (";" where the decimal mark is a comma) still
	// finds each in one piece, lines end in CRLF, and the file starts
	// with a UTF-8 byte-order mark, without which Excel reads UTF-8 as
	// the system's code page ("대한민국" as "ëŒ€í•œ...").
	//
	// Such a file is not lossless and is not meant to be read back: a
	// note that starts with "=" comes back with an apostrophe. Write the
	// plain CSV (WriteCSV) for pandas, DuckDB, [ReadCSV] or anything else
	// that reads cells as data.
	Spreadsheet bool
}

// csvOut writes the rows of a CSV file: through encoding/csv, quoting only
// what must be, or for a spreadsheet program, every cell quoted and
// guarded.
type csvOut struct {
	bw    *bufio.Writer
	cw    *csv.Writer // nil for a spreadsheet
	sheet bool
	err   error
}

func newCSVOut(w io.Writer, opts CSVOptions) *csvOut {
	o := &csvOut{bw: bufio.NewWriterSize(w, 64<<10), sheet: opts.Spreadsheet}
	if !o.sheet {
		o.cw = csv.NewWriter(o.bw)
	} else {
		_, o.err = o.bw.WriteString("\uFEFF")
	}
	return o
}

// write writes one row.
func (o *csvOut) write(row []string) error {
	if o.cw != nil {
		return o.cw.Write(row)
	}
	if o.err != nil {
		return o.err
	}
	for i, cell := range row {
		if i > 0 {
			o.bw.WriteByte(',')
		}
		o.bw.WriteByte('"')
		if formulaStart(cell) {
			o.bw.WriteByte('\'')
		}
		for {
			j := strings.IndexByte(cell, '"')
			if j < 0 {
				break
			}
			o.bw.WriteString(cell[:j+1])
			o.bw.WriteByte('"')
			cell = cell[j+1:]
		}
		o.bw.WriteString(cell)
		o.bw.WriteByte('"')
	}
	_, o.err = o.bw.WriteString("\r\n")
	return o.err
}

// flush writes what is buffered and returns the first error of writing.
func (o *csvOut) flush() error {
	if o.cw != nil {
		o.cw.Flush()
		if err := o.cw.Error(); err != nil {
			return err
		}
	} else if o.err != nil {
		return o.err
	}
	return o.bw.Flush()
}

// formulaStart reports whether a spreadsheet program could take the cell
// for a formula: it starts, after any spaces, with "=", "+", "-", "@", a
// full-width form of one of those, a tab or a carriage return, and it is
// not a plain number.
func formulaStart(cell string) bool {
	rest := strings.TrimLeft(cell, " ")
	if rest == "" {
		return false
	}
	switch rest[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		return rest != cell || !isPlainNumber(rest[1:])
	}
	r, _ := utf8.DecodeRuneInString(rest)
	switch r {
	case '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// isPlainNumber reports whether s is digits with at most one decimal point
// between digits: "5", "1234.5".
func isPlainNumber(s string) bool {
	whole, frac, point := strings.Cut(s, ".")
	return digits(whole) && (!point || digits(frac))
}
