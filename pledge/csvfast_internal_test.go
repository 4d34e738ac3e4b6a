package pledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/internal/csvrow"
)

// csvBoth reads in into two books, each holding base first: by
// Book.ReadCSV (the fast path when it can) and by the plain path alone.
func csvBoth(t *testing.T, base []Pledge, in []byte, r func([]byte) io.Reader) (fast, plain *Book, ferr, perr error) {
	t.Helper()
	fast, plain = new(Book), new(Book)
	if err := fast.Add(base...); err != nil {
		t.Fatal(err)
	}
	if err := plain.Add(base...); err != nil {
		t.Fatal(err)
	}
	return fast, plain, fast.ReadCSV(r(in)), plain.readCSV(r(in))
}

// sameBooks fails unless the two reads gave the same error or the same
// book: the same records, version and totals.
func sameBooks(t *testing.T, in []byte, fast, plain *Book, ferr, perr error) {
	t.Helper()
	if fmt.Sprint(ferr) != fmt.Sprint(perr) {
		t.Fatalf("%.300q:\nfast path: %v\nplain path: %v", in, ferr, perr)
	}
	if diff := cmp.Diff(plain.All(), fast.All()); diff != "" {
		t.Fatalf("%.300q: plain (-) and fast (+) books differ:\n%s", in, diff)
	}
	sameText(t, in, fast, plain, (*Book).WriteCSV)
	if fast.Version() != plain.Version() {
		t.Fatalf("%.300q: version %d by the fast path, %d by the plain", in, fast.Version(), plain.Version())
	}
	for _, q := range []Query{{GroupBy: []Dimension{ByDonor, ByCategory, ByYear, ByCurrency, ByStage}}} {
		a, err1 := fast.Total(q)
		b, err2 := plain.Total(q)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(b.Rows(), a.Rows()); diff != "" || a.Records() != b.Records() {
			t.Fatalf("%.300q: totals %v differ (-plain +fast):\n%s", in, q.GroupBy, diff)
		}
	}
}

// sameText fails unless write writes the two books to the same bytes:
// the same records digit for digit, where Pledge.Equal takes 1.50 for 1.5.
func sameText(t *testing.T, in []byte, fast, plain *Book, write func(*Book, io.Writer) error) {
	t.Helper()
	var f, p bytes.Buffer
	if err := write(fast, &f); err != nil {
		t.Fatal(err)
	}
	if err := write(plain, &p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Bytes(), p.Bytes()) {
		t.Fatalf("%.300q: the books are written differently:\nplain: %.500q\nfast:  %.500q", in, p.Bytes(), f.Bytes())
	}
}

// The ways a file reaches the reader: all at once and seekable, a byte at
// a time, as a stream that cannot seek, and with its end and its last
// bytes together. (A reader that fails by the count of calls, not at a
// byte, fails the two paths at different bytes: see TestReadCSVFastReaders.)
var csvSources = []func([]byte) io.Reader{
	func(b []byte) io.Reader { return bytes.NewReader(b) },
	func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
	func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) },
	func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) },
}

// csvSizes sets the fast reader's block and span to one of three sizes,
// by k: as they are, and small enough that a small file spans blocks and
// chunks; it returns what puts them back.
func csvSizes(k int) func() {
	block, span := csvBlock, csvSpan
	switch k % 3 {
	case 1:
		csvBlock, csvSpan = 1<<10, 64<<10 // blocks of one chunk
	case 2:
		csvBlock, csvSpan = 512, 64 // chunks of a line or two
	}
	return func() { csvBlock, csvSpan = block, span }
}

const csvHead = "id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote\n"

// FuzzReadCSVFast holds Book.ReadCSV's fast path to the plain one (ReadCSV
// and Add): on any input, into an empty book and one that holds records,
// both give the same book, or the same error.
func FuzzReadCSVFast(f *testing.F) {
	for _, s := range []string{
		csvHead + "a,pledge,Japan,Ukraine,1.50,USD,,2023-09-10,pledged,humanitarian,,,,,,,,,\n" +
			"b,,South Korea,,300,usd,about,2023-09,Commitment,military/non-lethal+humanitarian,,G20,,,a note,,,,\r\n",
		csvHead + "a,pledge,Japan,Ukraine,1.50,USD,,2023,disbursed,,,,,,,,,,",
		csvHead + "a,pledge,Japan,Ukraine,1.50,USD,,2023-02-30,pledged,,,,,,,,,,\n",
		csvHead + "a,pledge,Japan,,1,USD,,,,Bad,,,,,,,,,\n",
		csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\na,pledge,Japan,,1,USD,,,,,,,,,,,,,\n",
		csvHead + "p1,pledge,Japan,,1,USD,,,,,,,,,,,,,\n",
		csvHead + "x,pledge,Japan,,1,USD,,,,,,,b,,,,,,\nb,pledge,Japan,,1,USD,,,,,,,,,,,,,\n",
		csvHead + "a,pledge,\"Japan\",,1,USD,,,,,,,,,,,,,\n",
		csvHead + "a,pledge,Japan,,1,XTS,,,,,,,,,,,,,\n\n",
		csvHead + "a,pledge, Japan,,12345678901234567890,USD,,,,,,,,,,,,,\n",
		"\ufeff" + csvHead + "a,pledge,Japan,,-1,USD,,,,,,,,,,,,,\na,part,,1,,,,,,,,,,,,,,\n",
		"id,donor,amount,currency\na,Japan,1,USD\n",
		csvHead + "a,pledge,Japan,,1,USD,mixed,,,,,,,,,,,,\n", // Add refuses mixed on a record
		csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\r",      // a CR at the end is the quote's
	} {
		f.Add([]byte(s))
	}
	base := []Pledge{{ID: "p1", Donor: "Japan", Amount: MustAmount("1", "USD"), Categories: []Category{"humanitarian"}}}
	f.Fuzz(func(t *testing.T, in []byte) {
		src := csvSources[len(in)%len(csvSources)] // one way each, for speed
		defer csvSizes(len(in) / 3)()
		for _, held := range [][]Pledge{nil, base} {
			fast, plain, ferr, perr := csvBoth(t, held, in, src)
			sameBooks(t, in, fast, plain, ferr, perr)
		}
	})
}

// TestPropertyReadCSVFast writes random books of records the fast path
// takes (and some it does not), in blocks of 1 KB and of 512 bytes in
// chunks of a line or two, so that they span many, and reads them both
// ways, from a file and from a stream: the same book, and the fast path
// takes them. A third of them have a row the fast path gives up on
// somewhere (a bad row, a part, an ID given twice, one the book holds),
// which the plain path takes on from.
func TestPropertyReadCSVFast(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	donors := []string{"Japan", "South Korea", "Germany", "Canada", "Korea, Republic of", "Türkiye"}
	cats := []string{"", "humanitarian", "military/non-lethal", "humanitarian+financial/loan", "reconstruction/energy"}
	base := []Pledge{{ID: "held", Donor: "Japan", Amount: MustAmount("1", "USD")}}
	amount := func() string {
		switch r.IntN(4) {
		case 0:
			return fmt.Sprint(r.Int64N(1e18)) // up to 18 digits
		case 1:
			return fmt.Sprintf("%d.%0*d", r.Int64N(1e6), 1+r.IntN(6), r.IntN(100)) // leading and trailing zeros
		}
		return fmt.Sprintf("%d.%02d", r.Int64N(1e12), r.IntN(100))
	}
	for round := range 12 {
		restore := csvSizes(1 + round%2)
		var rows []string
		n := 1 + r.IntN(3000)
		for i := range n {
			date := ""
			switch r.IntN(4) {
			case 0:
				date = time.Date(1990+r.IntN(40), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			case 1:
				date = fmt.Sprintf("%04d-%02d", 1990+r.IntN(40), 1+r.IntN(12))
			case 2:
				date = fmt.Sprint(1990 + r.IntN(40))
			}
			qual := [...]string{"", "", "", "approximately", "at least"}[r.IntN(5)]
			stage := [...]string{"", "pledged", "committed", "allocated", "disbursed"}[r.IntN(5)]
			note := [...]string{"", "", "", "first tranche", "über"}[r.IntN(5)]
			rows = append(rows, fmt.Sprintf("r%d,pledge,%s,%s,%s,%s,%s,%s,%s,%s,,%s,,,%s,,,,\n",
				i, strings.Replace(donors[r.IntN(len(donors))], ",", "", 1), [...]string{"", "Ukraine"}[r.IntN(2)],
				amount(), [...]string{"USD", "EUR", "KRW", "usd"}[r.IntN(4)], qual, date, stage,
				cats[r.IntN(len(cats))], [...]string{"", "G7"}[r.IntN(2)], note))
		}
		late := round%3 == 2
		if late { // one row the fast path gives up on, anywhere
			at := r.IntN(n)
			rows = slices.Insert(rows, at+1, [...]string{
				"late,pledge,,,1,USD,,,,,,,,,,,,,\n",
				fmt.Sprintf("r%d,part,,,0.01,,,,,,2024,,,,,,,,\n", at),
				fmt.Sprintf("r%d,pledge,Japan,,1,USD,,,,,,,,,,,,,\n", r.IntN(n)),
				"held,pledge,Japan,,1,USD,,,,,,,,,,,,,\n",
			}[round/3%4])
		}
		in := []byte(csvHead + strings.Join(rows, ""))
		for _, src := range csvSources[:3:3] {
			fast, plain, ferr, perr := csvBoth(t, base, in, src)
			sameBooks(t, in, fast, plain, ferr, perr)
		}
		if !late {
			var again Book
			if again.readCSVFast(bytes.NewReader(in)) != nil {
				t.Fatalf("round %d: the fast path did not take %d records it should", round, n)
			}
		}
		restore()
	}
}

// FuzzPlainDate holds the fast reading of a date to ParseDate.
func FuzzPlainDate(f *testing.F) {
	for _, s := range []string{"2023-09-10", "2023-09", "2023", "0001-01-01", "0001-01-02", "0001", "0000-03-01", "2024-02-29", "2023-02-29", "9999-12-31", "2023-9-10", "+023-09-10", "2023-13"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		day, prec, ok := plainDate([]byte(s))
		if !ok {
			return
		}
		d, p, err := ParseDate(s)
		if err != nil || dayOf(d) != day || p != prec {
			t.Fatalf("plainDate(%q) = %d %v; ParseDate: %v %v %v (day %d)", s, day, prec, d, p, err, dayOf(d))
		}
	})
}

// TestSplitCells holds the eight-bytes-at-a-time cutting of a row to
// cutting it at each comma.
func TestSplitCells(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	alphabet := []byte("ab,,,-,\xff\x2d\x2c\x00\x01\x7f\x80 ")
	for range 20000 {
		line := make([]byte, r.IntN(60))
		for i := range line {
			line[i] = alphabet[r.IntN(len(alphabet))]
		}
		if r.IntN(3) == 0 {
			line = []byte(strings.Repeat("x,", numBookColumns-1) + string(line))
		}
		var cells [numBookColumns][]byte
		ok := splitCells(line, &cells)
		want := bytes.Split(line, []byte{','})
		if ok != (len(want) == numBookColumns) {
			t.Fatalf("splitCells(%q) = %v, with %d cells", line, ok, len(want))
		}
		if !ok {
			continue
		}
		for k := range cells {
			if !bytes.Equal(cells[k], want[k]) {
				t.Fatalf("splitCells(%q): cell %d is %q, want %q", line, k, cells[k], want[k])
			}
		}
	}
}

// csvRows writes a book's CSV of n records that take a line of exactly
// the header's length each, the currency of record i cur(i): a file whose
// rows fall at the same places of every block.
func csvRows(n int, cur func(i int) string) []byte {
	var b strings.Builder
	b.WriteString(csvHead)
	for i := range n {
		row := fmt.Sprintf("r%04d,pledge,Japan,,1,%s,,,,,,,,,", i, cur(i))
		row += strings.Repeat("x", len(csvHead)-len(row)-len(",,,,\n")) + ",,,,\n"
		b.WriteString(row)
	}
	return []byte(b.String())
}

// TestReadCSVFastCurrencyAcrossBlocks: a chunk remembered the last
// currency code it read as a slice of the block, which the next block
// overwrites; when the next block held another code at that place, its
// records took the remembered currency (EUR read as USD).
func TestReadCSVFastCurrencyAcrossBlocks(t *testing.T) {
	defer csvSizes(1)()
	per := (csvBlock - len(csvHead)) / len(csvHead) // the rows of the first block
	in := csvRows(200, func(i int) string {
		if i == per+1 || i > 2*per { // the second block starts with EUR, then all EUR
			return "EUR"
		}
		return "USD"
	})
	for _, src := range csvSources {
		fast, plain, ferr, perr := csvBoth(t, nil, in, src)
		sameBooks(t, in, fast, plain, ferr, perr)
	}
}

// TestReadCSVFastHostile holds the fast path to the plain one on inputs
// that found it wrong, read every way, into an empty book and one that
// holds a record.
func TestReadCSVFastHostile(t *testing.T) {
	base := []Pledge{{ID: "p1", Donor: "Japan", Amount: MustAmount("1", "USD")}}
	for _, tc := range []struct{ name, in string }{
		// ParseQualifier reads "mixed" and "≶", which Add refuses on a record.
		{"mixed", csvHead + "a,pledge,Japan,,1,USD,mixed,,,,,,,,,,,,\n"},
		{"mixed sign", csvHead + "a,pledge,Japan,,1,USD,≶,,,,,,,,,,,,\n"},
		// A carriage return ends a line only before a line feed: at the
		// end of the input it is text of the last cell.
		{"CR at the end", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\r"},
		{"CR at the end of the header", strings.TrimSuffix(csvHead, "\n") + "\r"},
		{"CR CR LF", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\r\r\n"},
		{"CR in a note", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,x\ry,,,,\r\n"},
		{"BOM", "\ufeff" + csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"two BOMs", "\ufeff\ufeff" + csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"BOM in a row", csvHead + "\ufeffa,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"NUL in a note", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,x\x00y,,,,\n"},
		{"NUL in a name", csvHead + "a,pledge,Ja\x00pan,,1,USD,,,,,,,,,,,,,\n"},
		{"noncharacter in a name", csvHead + "a,pledge,Japan\ufffe,,1,USD,,,,,,,,,,,,,\n"},
		{"noncharacter in an occasion", csvHead + "a,pledge,Japan,,1,USD,,,,,,\U0010FFFF,,,,,,,\n"},
		{"bad UTF-8", csvHead + "a,pledge,Japan\xff,,1,USD,,,,,,,,,,,,,\n"},
		{"tab in a name", csvHead + "a,pledge,Ja\tpan,,1,USD,,,,,,,,,,,,,\n"},
		{"tab in a note", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,x\ty,,,,\n"},
		{"space at a name's end", csvHead + "a,pledge,Japan ,,1,USD,,,,,,,,,,,,,\n"},
		{"names by case", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\nb,pledge,japan,,2,USD,,,,,,,,,,,,,\nc,pledge,JAPAN,,2,USD,,,,,,,,,,,,,\n"},
		{"names by normalisation", csvHead + "a,pledge,T\u00fcrkiye,,1,USD,,,,,,,,,,,,,\nb,pledge,Tu\u0308rkiye,,2,USD,,,,,,,,,,,,,\n"},
		{"18 digits", csvHead + "a,pledge,Japan,,999999999999999999,USD,,,,,,,,,,,,,\nb,pledge,Japan,,0.00000000000000001,USD,,,,,,,,,,,,,\n"},
		{"19 digits", csvHead + "a,pledge,Japan,,9999999999999999999,USD,,,,,,,,,,,,,\nb,pledge,Japan,,1000000000000000000,USD,,,,,,,,,,,,,\n"},
		{"leading zeros", csvHead + "a,pledge,Japan,,007,USD,,,,,,,,,,,,,\nb,pledge,Japan,,00.10,USD,,,,,,,,,,,,,\nc,pledge,Japan,,0000000000000000000001,USD,,,,,,,,,,,,,\n"},
		{"trailing zeros", csvHead + "a,pledge,Japan,,1.50,USD,,,,,,,,,,,,,\nb,pledge,Japan,,2.000,USD,,,,,,,,,,,,,\nc,pledge,Japan,,0.00,USD,,,,,,,,,,,,,\n"},
		{"minus zero", csvHead + "a,pledge,Japan,,-0,USD,,,,,,,,,,,,,\nb,pledge,Japan,,-0.00,USD,,,,,,,,,,,,,\n"},
		{"plus", csvHead + "a,pledge,Japan,,+5,USD,,,,,,,,,,,,,\n"},
		{"exponent", csvHead + "a,pledge,Japan,,1e5,USD,,,,,,,,,,,,,\n"},
		{"points", csvHead + "a,pledge,Japan,,.5,USD,,,,,,,,,,,,,\nb,pledge,Japan,,5.,USD,,,,,,,,,,,,,\n"},
		{"dates", csvHead + "a,pledge,Japan,,1,USD,,2024-02-29,,,,,,,,,,,\nb,pledge,Japan,,1,USD,,0001-01-02,,,,,,,,,,,\nc,pledge,Japan,,1,USD,,9999-12,,,,,,,,,,,\nd,pledge,Japan,,1,USD,,0001,,,,,,,,,,,\n"},
		{"bad dates", csvHead + "a,pledge,Japan,,1,USD,,2023-02-29,,,,,,,,,,,\nb,pledge,Japan,,1,USD,,0001-01-01,,,,,,,,,,,\nc,pledge,Japan,,1,USD,,2023-1-01,,,,,,,,,,,\n"},
		{"stage words", csvHead + "a,pledge,Japan,,1,USD,,,Paid,,,,,,,,,,\nb,pledge,Japan,,1,USD,, , pledged,,,,,,,,,,\n"},
		{"kinds", csvHead + "a,Pledge,Japan,,1,USD,,,,,,,,,,,,,\nb, pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"categories", csvHead + "a,pledge,Japan,,1,USD,,,,humanitarian+humanitarian,,,,,,,,,\nb,pledge,Japan,,1,USD,,,,military+military/non-lethal,,,,,,,,,\nc,pledge,Japan,,1,USD,,,,Humanitarian,,,,,,,,,\nd,pledge,Japan,,1,USD,,,,+,,,,,,,,,\n"},
		{"category order", csvHead + "a,pledge,Japan,,1,USD,,,,military+humanitarian,,,,,,,,,\nb,pledge,Japan,,1,USD,,,,humanitarian+military,,,,,,,,,\n"},
		{"blank lines", csvHead + "\na,pledge,Japan,,1,USD,,,,,,,,,,,,,\n\r\n\nb,pledge,Japan,,1,USD,,,,,,,,,,,,,\n\n"},
		{"empty row", csvHead + ",,,,,,,,,,,,,,,,,,\na,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"twenty cells", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,,\n"},
		{"ID in the book", csvHead + "p1,pledge,Japan,,1,USD,,,,,,,,,,,,,\nq,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"ID in the book, changed", csvHead + "p1,pledge,Japan,,2,USD,,,,,,,,,,,,,\n"},
		{"ID twice", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\nb,pledge,Japan,,1,USD,,,,,,,,,,,,,\na,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"IDs by case", csvHead + "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\nA,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"no header", "a,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
		{"header only", csvHead},
		{"header without line end", strings.TrimSuffix(csvHead, "\n")},
		{"empty", ""},
		{"a quote", csvHead + "a,pledge,Ja\"pan,,1,USD,,,,,,,,,,,,,\n"},
		{"quoted cell", csvHead + "a,pledge,\"Japan, Tokyo\",,1,USD,,,,,,,,,,,,,\n"},
		{"part row", csvHead + "a,pledge,Japan,,2,USD,,,,,,,,,,,,,\na,part,,,1,,,,,humanitarian,2024,,,,,,,,\n"},
		{"qualifiers", csvHead + "a,pledge,Japan,,1,USD,about,,,,,,,,,,,,\nb,pledge,Japan,,1,USD,≥,,,,,,,,,,,,\nc,pledge,Japan,,1,USD,exact,,,,,,,,,,,,\n"},
		{"XTS and XXX", csvHead + "a,pledge,Japan,,1,XTS,,,,,,,,,,,,,\nb,pledge,Japan,,1,XXX,,,,,,,,,,,,,\n"},
		{"currency case", csvHead + "a,pledge,Japan,,1,usd,,,,,,,,,,,,,\nb,pledge,Japan,,1,Usd,,,,,,,,,,,,,\nc,pledge,Japan,,1,USD,,,,,,,,,,,,,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k := range 3 {
				restore := csvSizes(k)
				for _, src := range csvSources {
					for _, held := range [][]Pledge{nil, base} {
						fast, plain, ferr, perr := csvBoth(t, held, []byte(tc.in), src)
						sameBooks(t, []byte(tc.in), fast, plain, ferr, perr)
					}
				}
				restore()
			}
		})
	}
}

// flakyReader reads data as a stream (it cannot seek), as hostile
// readers do: its reads give at most short bytes (0: as asked); at byte
// quiet, idle reads give nothing and no error; at byte at, when err is
// set, a read gives err, with the bytes before it when withData, and from
// then on again every time unless once. No read goes past quiet or at, so
// that every reader of it meets them at the same bytes.
type flakyReader struct {
	data           []byte
	short          int
	quiet, idle    int
	at             int
	err            error
	withData, once bool
	n, failed      int
}

func (f *flakyReader) Read(p []byte) (int, error) {
	if f.short > 0 && len(p) > f.short {
		p = p[:f.short]
	}
	if f.idle > 0 {
		if f.n == f.quiet {
			f.idle--
			return 0, nil
		}
		if f.n < f.quiet {
			p = p[:min(len(p), f.quiet-f.n)]
		}
	}
	failing := f.err != nil && !(f.once && f.failed > 0) && f.n <= f.at
	if failing {
		p = p[:min(len(p), f.at-f.n)]
		if f.n+len(p) < f.at || !f.withData && len(p) > 0 { // the bytes before, then the error
			failing = false
		}
	}
	k := copy(p, f.data[f.n:])
	f.n += k
	switch {
	case failing:
		f.failed++
		return k, f.err
	case f.n == len(f.data):
		return k, io.EOF
	}
	return k, nil
}

// failingSeeker can tell where it is, but not go back.
type failingSeeker struct{ *bytes.Reader }

func (f failingSeeker) Seek(off int64, whence int) (int64, error) {
	if whence == io.SeekCurrent && off == 0 {
		return f.Reader.Seek(off, whence)
	}
	return 0, errors.New("cannot seek")
}

// TestReadCSVFastReaders: whatever the reader does, Book.ReadCSV reads
// what the plain path alone reads from the same reader: the same book, or
// the same error in the same row. Readers that fail once, return data
// with an error, make no progress or cannot seek back after the fast
// path gives up.
func TestReadCSVFastReaders(t *testing.T) {
	defer csvSizes(1)()
	var good, late bytes.Buffer
	good.WriteString(csvHead)
	for i := range 400 {
		fmt.Fprintf(&good, "r%d,pledge,Japan,,%d.5,USD,,2023-09,,humanitarian,,,,,,,,,\n", i, i)
	}
	late.Write(good.Bytes())
	late.WriteString("r0,part,,,1,,,,,,,,,,,,,,\n") // the fast path gives up at the end
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		r    flakyReader
	}{
		{"an error midway", flakyReader{at: 9000, err: boom}},
		{"an error once", flakyReader{at: 9000, err: iotest.ErrTimeout, once: true}}, // the next read goes on
		{"data and an error", flakyReader{at: 9000, err: boom, withData: true}},
		{"data and an error once", flakyReader{at: 9000, err: boom, withData: true, once: true}},
		{"an error at the start", flakyReader{at: 0, err: boom}},
		{"short reads", flakyReader{short: 7}},
		{"no progress", flakyReader{quiet: 9000, idle: 1000}},
		{"no progress for a while", flakyReader{quiet: 9000, idle: 90}},
	} {
		for _, in := range [][]byte{good.Bytes(), late.Bytes()} {
			t.Run(tc.name, func(t *testing.T) {
				fast, plain, ferr, perr := csvBoth(t, nil, in, func(b []byte) io.Reader {
					r := tc.r
					r.data = b
					return &r
				})
				sameBooks(t, in, fast, plain, ferr, perr)
			})
		}
	}
	t.Run("seek fails", func(t *testing.T) {
		for _, in := range [][]byte{good.Bytes(), late.Bytes()} {
			fast, plain, ferr, perr := csvBoth(t, nil, in, func(b []byte) io.Reader { return failingSeeker{bytes.NewReader(b)} })
			sameBooks(t, in, fast, plain, ferr, perr)
		}
	})
}

// TestReadCSVFastHeld: Book.ReadCSV allocates about what the book holds,
// not what the file holds, whatever the reader: it copied every occasion
// and note it checked, and from a stream, which cannot seek, it kept all
// it read, to read it again (a pipe of 1 GiB took more than 1 GiB on top
// of the book). When the fast path gives up at the end, it allocates
// what the plain path alone does, and the records read. Rows of long
// occasions, which the book holds once, make the input far larger than
// the book: a third of the input is a bound with room to spare, under
// -race too.
func TestReadCSVFastHeld(t *testing.T) {
	if raceEnabled() {
		t.Skip("allocations under -race say nothing of a normal build")
	}
	defer func(n int) { csvBlock = n }(csvBlock)
	csvBlock = 64 << 10
	occasion := strings.Repeat("o", 2000)
	var in bytes.Buffer
	in.WriteString(csvHead)
	for i := range 10_000 {
		fmt.Fprintf(&in, "r%d,pledge,Japan,,%d,USD,,,,,,%s,,,,,,,\n", i, i, occasion)
	}
	allocated := func(read func(r io.Reader) error, r io.Reader) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		read(r)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	file := func(b []byte) io.Reader { return bytes.NewReader(b) }
	stream := func(b []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(b)} }
	data := in.Bytes()
	late := append(slices.Clip(data), "r0,part,,,1,,,,,,,,,,,,,,\n"...)
	for name, r := range map[string]func([]byte) io.Reader{"file": file, "stream": stream} {
		got := allocated(new(Book).ReadCSV, r(data))
		t.Logf("%s: reading %d bytes allocated %d bytes", name, len(data), got)
		if got > uint64(len(data))/3 {
			t.Errorf("%s: reading %d bytes allocated %d bytes", name, len(data), got)
		}
		plain := allocated(new(Book).readCSV, r(late))
		got = allocated(new(Book).ReadCSV, r(late))
		t.Logf("%s: giving up at the end, %d bytes; the plain path alone %d", name, got, plain)
		if got > plain+uint64(len(data))/3 {
			t.Errorf("%s: reading %d bytes and giving up at the end allocated %d bytes, the plain path alone %d", name, len(late), got, plain)
		}
	}
}

// TestReadCSVFastConcurrent reads files into a book, by the fast path and
// by the plain one after it, while other goroutines total and list it:
// under -race, and each reader sees the book before a file or after it,
// never a part of one.
func TestReadCSVFastConcurrent(t *testing.T) {
	defer csvSizes(2)()
	var b Book
	if err := b.Add(Pledge{ID: "p0", Donor: "Japan", Amount: MustAmount("1", "USD")}); err != nil {
		t.Fatal(err)
	}
	file := func(prefix string, n int, tail string) []byte {
		var in bytes.Buffer
		in.WriteString(csvHead)
		for i := range n {
			fmt.Fprintf(&in, "%s%d,pledge,Japan,,1,USD,,,,,,,,,,,,,\n", prefix, i)
		}
		in.WriteString(tail)
		return in.Bytes()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				tot, err := b.Total(Query{GroupBy: []Dimension{ByDonor}})
				if err != nil {
					t.Error(err)
					return
				}
				// 1 record, then 1 + 300, then 1 + 300 + 200: never between.
				if n := tot.Records(); n != 1 && n != 301 && n != 501 {
					t.Errorf("Total counts %d records", n)
				}
				if n := len(b.Pledges()); n != 1 && n != 301 && n != 501 {
					t.Errorf("Pledges lists %d records", n)
				}
			}
		})
	}
	if err := b.ReadCSV(bytes.NewReader(file("a", 300, ""))); err != nil { // fast
		t.Error(err)
	}
	if err := b.ReadCSV(bytes.NewReader(file("b", 200, "b199,part,,,1,,,,,,,,,,,,,,\n"))); err != nil { // plain, after the fast path gave up
		t.Error(err)
	}
	if err := b.ReadCSV(bytes.NewReader(file("c", 200, "a5,pledge,Japan,,2,USD,,,,,,,,,,,,,\n"))); err == nil { // an ID the book holds
		t.Error("an ID the book holds, changed: no error")
	}
	close(done)
	wg.Wait()
	if b.Len() != 501 {
		t.Errorf("Len = %d, want 501", b.Len())
	}
}

// lenLiar says it holds size bytes, as a reader's Len or a sparse file's
// size may, whatever it holds.
type lenLiar struct {
	*bytes.Reader
	size int
}

func (l lenLiar) Len() int { return l.size }

// TestReadCSVFastSizeLies: the size a reader tells (Len, a file's Stat)
// only guides how much room the columns take at once: a reader that
// says it holds 256 MB, or the most an int holds, and holds 20 KB, is
// read as any other, into the same book, without taking room for what
// it does not hold (the columns took 240 MB; a sparse file of a
// terabyte would have asked for more memory than there is, and Len
// math.MaxInt panicked).
func TestReadCSVFastSizeLies(t *testing.T) {
	defer csvSizes(1)()
	var in bytes.Buffer
	in.WriteString(csvHead)
	for i := range 300 {
		fmt.Fprintf(&in, "r%d,pledge,Japan,,%d,USD,,,,,,,,,,,,,\n", i, i)
	}
	data := in.Bytes()
	for _, size := range []int{0, 256 << 20, math.MaxInt} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fast, plain, ferr, perr := csvBoth(t, nil, data, func(b []byte) io.Reader { return lenLiar{bytes.NewReader(b), size} })
		runtime.ReadMemStats(&after)
		sameBooks(t, data, fast, plain, ferr, perr)
		if got := after.TotalAlloc - before.TotalAlloc; got > 8<<20 {
			t.Errorf("Len %d: reading %d bytes allocated %d bytes", size, len(data), got)
		}
	}
}

// TestReadCSVFastLongRow: a row longer than csvrow.MaxRowBytes, which the
// plain path refuses, fits a block of 4 MB; the fast path took it. One
// longer than a block it leaves to the plain path too.
func TestReadCSVFastLongRow(t *testing.T) {
	for _, n := range []int{csvrow.MaxRowBytes - 100, csvrow.MaxRowBytes - 18, csvrow.MaxRowBytes, 3 << 20, 5 << 20} { // blocks are 4 MB
		cells := make([]string, numBookColumns)
		cells[colID], cells[colKind], cells[colDonor], cells[colAmount], cells[colCurrency] = "a", "pledge", "Japan", "1", "USD"
		cells[colNote] = strings.Repeat("n", n-len("apledgeJapan1USD"))
		in := []byte(csvHead + strings.Join(cells, ",") + "\n")
		for _, src := range []func([]byte) io.Reader{csvSources[0], csvSources[2]} {
			fast, plain, ferr, perr := csvBoth(t, nil, in, src)
			sameBooks(t, in[:len(csvHead)+40], fast, plain, ferr, perr)
		}
	}
}

// badCount gives its data a little at a time, and once, after at bytes,
// says it read count bytes, whatever it read.
type badCount struct {
	data      []byte
	at, count int
	n         int
	done      bool
}

func (b *badCount) Read(p []byte) (int, error) {
	if b.n == len(b.data) {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), 10)], b.data[b.n:])
	b.n += k
	if !b.done && b.n >= b.at {
		b.done = true
		return b.count, nil
	}
	return k, nil
}

// TestReadCSVFastBadCount: a reader that says it read fewer than none, or
// more than it was given room for, breaks io.Reader's contract; bufio
// panics. Book.ReadCSV says so, as a reading error of the row: the fast
// path dropped bytes it had read (a count of -1), or panicked.
func TestReadCSVFastBadCount(t *testing.T) {
	in := []byte(csvHead + "a,pledge,Japan,,123,USD,,,,,,,,,,,,,\nb,pledge,Japan,,1,USD,,,,,,,,,,,,,\n")
	for _, count := range []int{-1, -5, 1 << 20} {
		var b Book
		err := b.ReadCSV(&badCount{data: in, at: len(csvHead) + 20, count: count})
		if err == nil || !strings.Contains(err.Error(), "reading: ") || b.Len() != 0 {
			t.Errorf("count %d: %v, and %d records", count, err, b.Len())
		}
	}
}
