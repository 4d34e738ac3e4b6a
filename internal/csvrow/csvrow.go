package csvrow

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/summitry/summitry/internal/input"
)

// MaxRowBytes bounds one row, which is held whole while it is read: far
// more than any row of a spreadsheet needs.
const MaxRowBytes = 1 << 20

// SyntaxError is CSV that cannot be read on: a quote inside an unquoted
// cell, anything but a comma or the end of the row after a closing
// quote, a quote never closed, a row longer than MaxRowBytes. Row and
// Line say where.
type SyntaxError struct {
	Row, Line int
	Why       string
}

// Error says why, as "malformed CSV: <why>"; the caller adds where.
func (e *SyntaxError) Error() string { return "malformed CSV: " + e.Why }

// Reader reads rows. Rows end with a line feed or a carriage return and
// line feed; blank lines are skipped and are not rows, as encoding/csv
// skips them. A quoted cell keeps everything between its quotes, a
// doubled quote read as one.
type Reader struct {
	br    *bufio.Reader
	long  []byte // a line longer than the bufio buffer, gathered
	row   int    // the row read last, from 1
	line  int    // the line where the row read last starts, from 1
	next  int    // the line where the next read starts
	buf   []byte // the cells of the row read last, end to end
	ends  []int  // where each cell ends in buf
	lines []int  // the line where each cell starts
	// The buffer's growth, last: placed after br, these made Read run
	// 0.3% more instructions (callgrind, pledge.ReadCSV of 100,000 rows).
	size  int // the size of br's buffer
	taken int // bytes read from br, up to more than size
}

// New returns a Reader of r that has skipped a leading byte-order mark.
// Its buffer holds all of r when r's size is sure and less than
// bigBuffer, as for a small file; else it starts at smallBuffer bytes and
// grows to bigBuffer once r has given more than that.
func New(r io.Reader) *Reader {
	size := smallBuffer
	if n := input.Size(r); n >= 0 {
		size = int(min(n+1, bigBuffer))
	}
	br := bufio.NewReaderSize(input.Checked(r), size)
	return &Reader{br: br, size: size, taken: input.SkipBOM(br), next: 1}
}

// The sizes of a Reader's buffer: at first, for an input of no sure size,
// and at most, once the input has proved longer than the first.
const (
	smallBuffer = 4 << 10
	bigBuffer   = 64 << 10
)

// Row returns the number of the row read last, from 1.
func (c *Reader) Row() int { return c.row }

// Line returns the line where the row read last starts, from 1.
func (c *Reader) Line() int { return c.line }

// CellLine returns the line where cell i of the row read last starts.
func (c *Reader) CellLine(i int) int { return c.lines[i] }

// Skip counts n rows of one line each as read: rows that another reader
// took from the input before this one, which reads on after them.
func (c *Reader) Skip(n int) {
	c.row += n
	c.next += n
}

// Cells returns the number of cells of the row read last.
func (c *Reader) Cells() int { return len(c.ends) }

// Cell returns cell i of the row read last; it is valid until the next
// read.
func (c *Reader) Cell(i int) []byte {
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.buf[start:c.ends[i]]
}

// Text returns cell i as a new string.
func (c *Reader) Text(i int) string { return string(c.Cell(i)) }

// Empty reports whether every cell of the row read last is empty.
func (c *Reader) Empty() bool { return len(c.buf) == 0 }

// readLine returns the next line with its line end, or io.EOF. The slice
// is valid until the next call.
func (c *Reader) readLine() ([]byte, error) {
	if c.taken > c.size && c.size < bigBuffer {
		// Longer than the buffer: a larger one reads on from the
		// small one, which it reads past once it has handed on what
		// it holds (bufio reads straight into a buffer at least as
		// large as its own).
		c.br, c.size = bufio.NewReaderSize(c.br, bigBuffer), bigBuffer
	}
	line, err := c.br.ReadSlice('\n')
	c.taken += len(line)
	if errors.Is(err, bufio.ErrBufferFull) {
		c.long = append(c.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(c.long) > MaxRowBytes {
				return nil, errLong
			}
			line, err = c.br.ReadSlice('\n')
			c.taken += len(line)
			c.long = append(c.long, line...)
		}
		line = c.long
	}
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	return line, err
}

// errLong is a line longer than a row may be.
var errLong = errors.New("line too long")

// tooLong is the error of the row that starts on line being too long.
func (c *Reader) tooLong(row, line int) error {
	return &SyntaxError{row, line, fmt.Sprintf("a row longer than %d bytes", MaxRowBytes)}
}

// Read reads the next row; it returns io.EOF after the last. A
// *SyntaxError stops the reading: what follows cannot be read reliably.
// Other errors are the underlying reader's.
func (c *Reader) Read() error {
	c.buf, c.ends, c.lines = c.buf[:0], c.ends[:0], c.lines[:0]
	var line []byte
	for {
		var err error
		if line, err = c.readLine(); errors.Is(err, errLong) {
			return c.tooLong(c.row+1, c.next)
		} else if err != nil {
			return err
		}
		c.line = c.next
		c.next++
		if string(line) != "\n" && string(line) != "\r\n" {
			break // a blank line is not a row
		}
	}
	c.row++
	syntax := func(why string) error { return &SyntaxError{c.row, c.next - 1, why} }
	pos := 0
	for {
		// The start of a cell.
		c.lines = append(c.lines, c.next-1)
		if pos < len(line) && line[pos] == '"' {
			start := c.next - 1
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i >= 0 {
					c.buf = append(c.buf, line[pos:pos+i]...)
					pos += i + 1
					if pos < len(line) && line[pos] == '"' {
						c.buf = append(c.buf, '"') // a doubled quote
						pos++
						continue
					}
					break
				}
				c.buf = append(c.buf, line[pos:]...)
				if len(c.buf) > MaxRowBytes {
					return c.tooLong(c.row, c.line)
				}
				var err error
				if line, err = c.readLine(); err == io.EOF {
					return &SyntaxError{c.row, start, "a quote opened here is never closed"}
				} else if errors.Is(err, errLong) {
					return c.tooLong(c.row, c.line)
				} else if err != nil {
					return err
				}
				c.next++
				pos = 0
			}
			c.ends = append(c.ends, len(c.buf))
			switch rest := line[pos:]; {
			case len(rest) > 0 && rest[0] == ',':
				pos++
				continue
			case len(rest) == 0 || string(rest) == "\n" || string(rest) == "\r\n":
				return c.check()
			default:
				return syntax(fmt.Sprintf("%q after a closing quote: want a comma or the end of the row (a quote inside a quoted cell is written twice)", rest[0]))
			}
		}
		rest := line[pos:]
		end := bytes.IndexByte(rest, ',')
		last := end < 0
		if last {
			end = len(rest)
			if end > 0 && rest[end-1] == '\n' {
				end--
				if end > 0 && rest[end-1] == '\r' {
					end--
				}
			}
		}
		if bytes.IndexByte(rest[:end], '"') >= 0 {
			return syntax("a quote inside a cell that does not start with one (quote the whole cell, and write the quote twice)")
		}
		c.buf = append(c.buf, rest[:end]...)
		c.ends = append(c.ends, len(c.buf))
		if last {
			return c.check()
		}
		pos += end + 1
	}
}

// check bounds the row read.
func (c *Reader) check() error {
	if len(c.buf) > MaxRowBytes {
		return c.tooLong(c.row, c.line)
	}
	return nil
}
