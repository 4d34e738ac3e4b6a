package csvrow_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/internal/csvrow"
)

// rows reads every row of s, with the row and line each starts on.
func rows(s string) ([][]string, [][2]int, error) { return rowsOf(strings.NewReader(s)) }

// rowsOf reads every row of in, with the row and line each starts on.
func rowsOf(in io.Reader) ([][]string, [][2]int, error) {
	r := csvrow.New(in)
	var out [][]string
	var at [][2]int
	for {
		err := r.Read()
		if err == io.EOF {
			return out, at, nil
		}
		if err != nil {
			return out, at, err
		}
		var row []string
		for i := range r.Cells() {
			row = append(row, r.Text(i))
		}
		out = append(out, row)
		at = append(at, [2]int{r.Row(), r.Line()})
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
		at   [][2]int
	}{
		{"a,b\n1,2\n", [][]string{{"a", "b"}, {"1", "2"}}, [][2]int{{1, 1}, {2, 2}}},
		{"a,b\r\n1,2", [][]string{{"a", "b"}, {"1", "2"}}, [][2]int{{1, 1}, {2, 2}}},
		{"\ufeffa,,\n", [][]string{{"a", "", ""}}, [][2]int{{1, 1}}},
		{"\n\r\na\n\nb\n", [][]string{{"a"}, {"b"}}, [][2]int{{1, 3}, {2, 5}}},
		{`"x, ""y"""` + ",z\n", [][]string{{`x, "y"`, "z"}}, [][2]int{{1, 1}}},
		{"\"line\r\nbreak\",next\nq,r\n", [][]string{{"line\r\nbreak", "next"}, {"q", "r"}}, [][2]int{{1, 1}, {2, 3}}},
		{"\"\"\n", [][]string{{""}}, [][2]int{{1, 1}}},
		{" a ,\tb\n", [][]string{{" a ", "\tb"}}, [][2]int{{1, 1}}},
		{"a\rb,c\n", [][]string{{"a\rb", "c"}}, [][2]int{{1, 1}}},
	}
	for _, tt := range tests {
		got, at, err := rows(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q: cells (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.at, at); diff != "" {
			t.Errorf("%q: rows and lines (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		in   string
		want csvrow.SyntaxError
	}{
		{"a,b\nc\"d,e\n", csvrow.SyntaxError{Row: 2, Line: 2, Why: "a quote inside a cell that does not start with one (quote the whole cell, and write the quote twice)"}},
		{"a\n\"b\"c\n", csvrow.SyntaxError{Row: 2, Line: 2, Why: `'c' after a closing quote: want a comma or the end of the row (a quote inside a quoted cell is written twice)`}},
		{"a\n\n\"b\nc\n", csvrow.SyntaxError{Row: 2, Line: 3, Why: "a quote opened here is never closed"}},
		{"a\n" + strings.Repeat("x", csvrow.MaxRowBytes+1) + "\n", csvrow.SyntaxError{Row: 2, Line: 2, Why: "a row longer than 1048576 bytes"}},
		{"a\n\"" + strings.Repeat("x\n", csvrow.MaxRowBytes/2+1) + "\"\n", csvrow.SyntaxError{Row: 2, Line: 2, Why: "a row longer than 1048576 bytes"}},
	}
	for _, tt := range tests {
		_, _, err := rows(tt.in)
		var se *csvrow.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%.20q: %v, want a *SyntaxError", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *se); diff != "" {
			t.Errorf("%.20q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// FuzzRead holds the reader to encoding/csv: both read the same input or
// both refuse it, and read the same cells, but that a carriage return
// and line feed inside quotes stays as written here.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a\r\nb\",c\r\n", "\"\"\"\",\n\n", "a\"b\n", "\"a\"b\n", "\"open\n", "x\r", "\r\n\r\n", ",\n,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _, err := rows(s)
		cr := csv.NewReader(strings.NewReader(s))
		cr.FieldsPerRecord = -1
		want, werr := cr.ReadAll()
		if strings.HasPrefix(s, "\ufeff") || strings.Count(s, "\r") != strings.Count(s, "\r\n") {
			// encoding/csv keeps a byte-order mark, and reads a carriage
			// return without a line feed its own way.
			return
		}
		for _, row := range got {
			for i := range row {
				row[i] = strings.ReplaceAll(row[i], "\r\n", "\n") // as encoding/csv reads it
			}
		}
		if (err != nil) != (werr != nil) {
			t.Fatalf("%q: error %v, encoding/csv's %v", s, err, werr)
		}
		if err != nil {
			return
		}
		if len(want) == 0 {
			want = nil
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (-encoding/csv +csvrow):\n%s", s, diff)
		}
	})
}

// TestSkip: rows another reader took count as read, in rows, lines and
// the rows of errors.
func TestSkip(t *testing.T) {
	r := csvrow.New(strings.NewReader("h\n\na\n\"b"))
	if err := r.Read(); err != nil {
		t.Fatal(err)
	}
	r.Skip(5) // lines 2 to 6
	if err := r.Read(); err != nil {
		t.Fatal(err)
	}
	if got, want := [3]any{r.Text(0), r.Row(), r.Line()}, [3]any{"a", 7, 8}; got != want {
		t.Errorf("after Skip(5): %v, want %v", got, want)
	}
	var se *csvrow.SyntaxError
	if err := r.Read(); !errors.As(err, &se) || se.Row != 8 || se.Line != 9 {
		t.Errorf("after Skip(5): %v, want a syntax error in row 8, line 9", err)
	}
}

// TestBuffer: a small input costs a small buffer, of its size when that
// is sure, and 4 KB from a stream: every reader took 64 KB, a plain
// pledge.ReadCSV of three lines too.
func TestBuffer(t *testing.T) {
	const small = "id,amount\nkr,5\njp,7\n"
	for _, tc := range []struct {
		name string
		r    io.Reader
		most uint64
	}{
		{"a strings.Reader", strings.NewReader(small), 1 << 10},
		{"a stream", iotest.HalfReader(strings.NewReader(small)), 6 << 10},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, _, err := rowsOf(tc.r)
		runtime.ReadMemStats(&after)
		if err != nil || len(got) != 3 {
			t.Fatalf("%s: %d rows, %v", tc.name, len(got), err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > tc.most {
			t.Errorf("%s: reading %d bytes allocated %d bytes, want at most %d", tc.name, len(small), n, tc.most)
		}
	}
}

// TestBufferGrows: an input longer than the first buffer reads the same
// as from one buffer of 64 KB, by whatever reads it comes in, and rows
// and quoted cells that span the buffer's growth, or are longer than
// either buffer, are read whole.
func TestBufferGrows(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeffid,text\n")
	for i := range 400 {
		switch {
		case i%97 == 0:
			fmt.Fprintf(&b, "%d,%s\n", i, strings.Repeat("long", 1000+i*50))
		case i%31 == 0:
			fmt.Fprintf(&b, "%d,\"a cell\r\nof %d\nlines, \"\"quoted\"\"\"\n", i, i)
		default:
			fmt.Fprintf(&b, "%d,%s\n", i, strings.Repeat("x", i%50))
		}
	}
	in := b.String()
	want, wantAt, err := rows(in)
	if err != nil || len(want) != 401 {
		t.Fatalf("%d rows, %v", len(want), err)
	}
	for name, r := range map[string]io.Reader{
		"a stream":      struct{ io.Reader }{strings.NewReader(in)},
		"OneByteReader": iotest.OneByteReader(strings.NewReader(in)),
		"HalfReader":    iotest.HalfReader(strings.NewReader(in)),
		"DataErrReader": iotest.DataErrReader(strings.NewReader(in)),
	} {
		got, at, err := rowsOf(r)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: cells (-one buffer +%s):\n%s", name, name, diff)
		}
		if diff := cmp.Diff(wantAt, at); diff != "" {
			t.Errorf("%s: rows and lines (-one buffer +%s):\n%s", name, name, diff)
		}
	}
}

// BenchmarkSmall reads an input of three rows, from a strings.Reader
// and from a stream.
func BenchmarkSmall(b *testing.B) {
	const small = "id,amount\nkr,5\njp,7\n"
	for name, r := range map[string]func() io.Reader{
		"sized":  func() io.Reader { return strings.NewReader(small) },
		"stream": func() io.Reader { return struct{ io.Reader }{strings.NewReader(small)} },
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := csvrow.New(r())
				for r.Read() == nil {
				}
			}
		})
	}
}
