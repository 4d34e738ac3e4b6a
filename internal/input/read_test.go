package input

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// script is a reader that answers each read with the next of its steps:
// up to n bytes of its data (all that fit when n is 0), or a count it
// makes up, and an error; after its steps it gives the rest of its data
// and io.EOF.
type script struct {
	data  []byte
	steps []step
}

type step struct {
	n     int  // bytes of data to give; with fake, the count to return
	fake  bool // return n without giving data
	err   error
	times int // how many times to take this step (0: once)
}

func (s *script) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(s.steps) == 0 {
		n := copy(p, s.data)
		s.data = s.data[n:]
		if len(s.data) == 0 {
			return n, io.EOF
		}
		return n, nil
	}
	st := &s.steps[0]
	if st.times--; st.times <= 0 {
		s.steps = s.steps[1:]
	}
	if st.fake {
		return st.n, st.err
	}
	n := copy(p[:min(st.n, len(p))], s.data)
	s.data = s.data[n:]
	return n, st.err
}

var errBoom = errors.New("boom")

// brokenCases are readers that break io.Reader's contract, or fail, after
// giving "head": what ReadAll returns, and the error.
var brokenCases = []struct {
	name   string
	steps  []step
	want   string // what ReadAll returns
	err    string
	target error // the error must match, when set
}{
	{"a negative count", []step{{n: 4}, {n: -1, fake: true}}, "head", "broken reader: Read returned -1 for a buffer of ", nil},
	{"a negative count with EOF", []step{{n: 4}, {n: -7, fake: true, err: io.EOF}}, "head", "broken reader: Read returned -7 for a buffer of ", nil},
	{"a count past the buffer", []step{{n: 4}, {n: 1 << 30, fake: true}}, "head", "broken reader: Read returned 1073741824 for a buffer of ", nil},
	{"nothing for ever", []step{{n: 4}, {n: 0, times: 1 << 30}}, "head", "reader stuck: 100 reads in a row returned no bytes and no error", io.ErrNoProgress},
	{"an error with bytes", []step{{n: 4}, {n: 3, err: errBoom}}, "headtai", "boom", errBoom},
	{"an error at the start", []step{{n: 0, err: errBoom}}, "", "boom", errBoom},
}

func TestCheckedBroken(t *testing.T) {
	for _, tc := range brokenCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadAll(&script{data: []byte("headtail"), steps: tc.steps}, 1<<30)
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("ReadAll (-want +got):\n%s", diff)
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("error %v, want one starting %q", err, tc.err)
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("error %v does not match %v", err, tc.target)
			}
		})
	}
}

// A reader may give nothing, and no error, now and then; fewer than
// MaxEmptyReads times in a row is no error.
func TestCheckedPatient(t *testing.T) {
	r := &script{data: []byte("headtail"), steps: []step{
		{n: 0, times: MaxEmptyReads - 1}, {n: 4}, {n: 0, times: MaxEmptyReads - 1},
	}}
	got, err := ReadAll(r, 1<<30)
	if err != nil || string(got) != "headtail" {
		t.Errorf("ReadAll = %q, %v; want all and no error", got, err)
	}
}

// Once broken, always broken: the reader is not read again. Reads of no
// bytes are not counted, and the reader's own errors pass as they are.
func TestCheckedSticky(t *testing.T) {
	r := &script{data: []byte("data"), steps: []step{{n: -1, fake: true}, {n: 4}}}
	c := Checked(r)
	if Checked(c) != c {
		t.Error("Checked of a checked reader wraps it again")
	}
	p := make([]byte, 8)
	_, err1 := c.Read(p)
	n, err2 := c.Read(p)
	if err1 == nil || err2 != err1 || n != 0 || len(r.steps) != 1 {
		t.Errorf("after a broken count: %d, %v (first %v), %d steps left", n, err2, err1, len(r.steps))
	}

	c = Checked(&script{data: []byte("x"), steps: []step{{n: 0, err: iotest.ErrTimeout}, {n: 0, times: MaxEmptyReads - 1}}})
	if _, err := c.Read(p); err != iotest.ErrTimeout {
		t.Errorf("a timeout: %v", err)
	}
	for i := range MaxEmptyReads - 1 {
		if n, err := c.Read(p); n != 0 || err != nil {
			t.Fatalf("read %d: %d, %v", i, n, err)
		}
		for range 2 * MaxEmptyReads {
			if n, err := c.Read(p[:0]); n != 0 || err != nil {
				t.Fatalf("a read of nothing: %d, %v", n, err)
			}
		}
	}
	if n, err := c.Read(p); n != 1 || err != io.EOF {
		t.Errorf("%d, %v after a timeout, 99 reads that gave nothing and reads of nothing", n, err)
	}
}

// lenReader says it has n bytes left, whatever it has.
type lenReader struct {
	io.Reader
	n int
}

func (l lenReader) Len() int { return l.n }

// TestReadAllSizes: ReadAll reads all of r whatever r says of its size,
// and allocates for what it reads, not for what r says: a reader that
// said 900 MB and gave 10 bytes had 900 MB allocated for it.
func TestReadAllSizes(t *testing.T) {
	const text = "0123456789"
	for _, tc := range []struct {
		name  string
		r     func() io.Reader
		limit int64
		want  string
	}{
		{"bytes.Reader", func() io.Reader { return bytes.NewReader([]byte(text)) }, 100, text},
		{"strings.Reader", func() io.Reader { return strings.NewReader(text) }, 100, text},
		{"bytes.Buffer", func() io.Reader { return bytes.NewBufferString(text) }, 100, text},
		{"a stream", func() io.Reader { return iotest.OneByteReader(strings.NewReader(text)) }, 100, text},
		{"a Len too high", func() io.Reader { return lenReader{strings.NewReader(text), 900 << 20} }, 1 << 30, text},
		{"a Len too low", func() io.Reader { return lenReader{strings.NewReader(text), 3} }, 100, text},
		{"a negative Len", func() io.Reader { return lenReader{strings.NewReader(text), -5} }, 100, text},
		{"over the limit", func() io.Reader { return strings.NewReader(text) }, 4, text[:4]},
		{"a stream over the limit", func() io.Reader { return iotest.HalfReader(strings.NewReader(text)) }, 4, text[:4]},
		{"at the limit", func() io.Reader { return strings.NewReader(text) }, 10, text},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			got, err := ReadAll(r, tc.limit)
			runtime.ReadMemStats(&after)
			if err != nil || string(got) != tc.want {
				t.Errorf("ReadAll = %q, %v; want %q", got, err, tc.want)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
				t.Errorf("ReadAll allocated %d bytes for %d", n, len(got))
			}
		})
	}
}

// TestReadAllFile: a file is read into one buffer of its size, from where
// it is read to.
func TestReadAllFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(16, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if got := Size(f); got != int64(len(data)-16) {
		t.Errorf("Size = %d, want %d", got, len(data)-16)
	}
	got, err := ReadAll(f, 1<<30)
	if err != nil || !bytes.Equal(got, data[16:]) {
		t.Fatalf("ReadAll: %d bytes, %v", len(got), err)
	}
	if cap(got) != len(data)-16+1 {
		t.Errorf("cap %d: not read into one buffer of the file's size", cap(got))
	}
}

func TestSize(t *testing.T) {
	br := bytes.NewReader([]byte("abcd"))
	br.ReadByte()
	pr, pw := io.Pipe()
	defer pr.Close()
	defer pw.Close()
	for _, tc := range []struct {
		name string
		r    io.Reader
		want int64
	}{
		{"bytes.Reader, read from", br, 3},
		{"strings.Reader", strings.NewReader("ab"), 2},
		{"bytes.Buffer", bytes.NewBufferString("abc"), 3},
		{"a Len of another type", lenReader{strings.NewReader("ab"), 2}, -1},
		{"a pipe", pr, -1},
		{"a stream", iotest.HalfReader(strings.NewReader("ab")), -1},
	} {
		if got := Size(tc.r); got != tc.want {
			t.Errorf("%s: Size = %d, want %d", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		r    io.Reader
		most int
		want int
	}{
		{strings.NewReader("abc"), 4096, 4},
		{strings.NewReader(strings.Repeat("x", 100)), 4096, 101},
		{strings.NewReader(strings.Repeat("x", 5000)), 4096, 4096},
		{lenReader{strings.NewReader(""), 5}, 4096, 4096},
	} {
		if got := BufferSize(tc.r, tc.most); got != tc.want {
			t.Errorf("BufferSize = %d, want %d", got, tc.want)
		}
	}
}
