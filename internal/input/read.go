package input

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// MaxEmptyReads is how many reads in a row may give no bytes and no error
// before [Checked] takes the reader to be stuck: bufio's bound.
const MaxEmptyReads = 100

// Checked returns r held to the contract of io.Reader, for code that reads
// a caller's reader: a reader that breaks it is an error, where it would
// otherwise panic the code reading it (bufio panics on a negative count; a
// count past the buffer is a slice out of range) or keep it reading for
// ever.
//
//   - A count below 0 or above len(p) is an error saying so, and no bytes.
//   - [MaxEmptyReads] reads in a row that give no bytes and no error are an
//     error that matches io.ErrNoProgress, as bufio's does, and says what
//     the reader did.
//
// Once it has returned one of these it returns it to every later read: the
// reader cannot be trusted after. The reader's own errors, and the bytes
// that come with them, pass as they are. Checked of a reader it returned is
// that reader.
func Checked(r io.Reader) io.Reader {
	if c, ok := r.(*checked); ok {
		return c
	}
	return &checked{r: r}
}

type checked struct {
	r     io.Reader
	empty int   // reads in a row that gave nothing
	err   error // what the reader broke, once it has
}

func (c *checked) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	switch {
	case n < 0 || n > len(p):
		c.err = &countError{n: n, len: len(p)}
		return 0, c.err
	case n > 0 || err != nil || len(p) == 0:
		c.empty = 0
		return n, err
	}
	if c.empty++; c.empty >= MaxEmptyReads {
		c.err = stuckError{}
		return 0, c.err
	}
	return 0, nil
}

// countError is a reader's count outside 0 to the buffer's length.
type countError struct{ n, len int }

func (e *countError) Error() string {
	return fmt.Sprintf("broken reader: Read returned %d for a buffer of %d bytes (want 0 to %[2]d)", e.n, e.len)
}

// stuckError is a reader that gave no bytes and no error MaxEmptyReads
// times in a row.
type stuckError struct{}

func (stuckError) Error() string {
	return fmt.Sprintf("reader stuck: %d reads in a row returned no bytes and no error", MaxEmptyReads)
}

func (stuckError) Unwrap() error { return io.ErrNoProgress }

// ReadAll reads r to its end, or to limit bytes, as io.ReadAll of an
// io.LimitReader does, holding r to io.Reader's contract as [Checked]
// does.
//
// When r's size is sure ([Size]: a file, a bytes.Reader ...) the buffer
// has that size at once, so that a large input is read without being
// copied as the buffer grows. Any other reader is read by io.ReadAll,
// whatever it says of its size: a Len or Stat method of another type is
// only its word, and any type can say anything: a reader that says 900
// MB and gives 10 bytes costs what 10 bytes cost. io.ReadAll reads into
// pieces that grow by half and copies them once, at the end, into a slice
// of the size read, so an honest word would save little more than that
// copy.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	size := Size(r)
	lr := io.LimitReader(Checked(r), limit)
	if size < 0 {
		return io.ReadAll(lr)
	}
	// +1: room for the read that finds the end.
	buf := make([]byte, 0, max(min(size+1, limit), 1))
	for {
		if len(buf) == cap(buf) { // longer than it said: go on as io.ReadAll does
			if int64(len(buf)) >= limit {
				return buf, nil
			}
			rest, err := io.ReadAll(lr)
			return append(buf, rest...), err
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// Size returns how many bytes r has left to read when that is sure: r is
// a *bytes.Reader, *strings.Reader or *bytes.Buffer, or an *os.File of a
// regular file (its size by Stat, less its offset). Otherwise -1,
// whatever r says of itself: a Len or Stat method of another type is its
// word only, and any type can say anything.
func Size(r io.Reader) int64 {
	switch v := r.(type) {
	case *bytes.Reader:
		return int64(v.Len())
	case *strings.Reader:
		return int64(v.Len())
	case *bytes.Buffer:
		return int64(v.Len())
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		at, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return max(fi.Size()-at, 0)
	}
	return -1
}

// BufferSize returns the size of a buffer for reading r: room for all of
// r and one more byte when its size is sure and less than most, else
// most.
func BufferSize(r io.Reader, most int) int {
	if n := Size(r); n >= 0 && n < int64(most) {
		return int(n) + 1
	}
	return most
}
