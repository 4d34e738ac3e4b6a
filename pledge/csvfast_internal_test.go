package pledge

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
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
	// Digit for digit: Pledge.Equal takes 1.50 for 1.5.
	var fw, pw bytes.Buffer
	if err := fast.WriteCSV(&fw); err != nil {
		t.Fatal(err)
	}
	if err := plain.WriteCSV(&pw); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fw.Bytes(), pw.Bytes()) {
		t.Fatalf("%.300q: the books write different CSV:\nplain: %.500q\nfast:  %.500q", in, pw.Bytes(), fw.Bytes())
	}
	if fast.Version() != plain.Version() {
		t.Fatalf("%.300q: version %d by the fast path, %d by the plain", in, fast.Version(), plain.Version())
	}
	for _, q := range []Query{{GroupBy: []Dimension{ByDonor, ByCategory, ByYear, ByCurrency}}} {
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

// The ways a file reaches the reader: all at once and seekable, a byte at
// a time, and as a stream that cannot seek.
var csvSources = []func([]byte) io.Reader{
	func(b []byte) io.Reader { return bytes.NewReader(b) },
	func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
	func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) },
}

// csvSizes sets the fast reader's block and span to one of three sizes,
// by k: as they are, and small enough that a small file spans blocks and
// chunks; it returns what puts them back.
func csvSizes(k int) func() {
	block, span := csvBlock, csvSpan
	switch k % 3 {
	case 1:
		csvBlock, csvSpan = 4<<10, 64<<10 // blocks of one chunk
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
// takes (and some it does not), in blocks of 4 KB so that they span many,
// and reads them both ways: the same book, and the fast path takes them.
func TestPropertyReadCSVFast(t *testing.T) {
	defer func(n int) { csvBlock = n }(csvBlock)
	csvBlock = 4 << 10
	r := rand.New(rand.NewPCG(8, 1))
	donors := []string{"Japan", "South Korea", "Germany", "Canada", "Korea, Republic of", "Türkiye"}
	cats := []string{"", "humanitarian", "military/non-lethal", "humanitarian+financial/loan", "reconstruction/energy"}
	for round := range 12 {
		var b strings.Builder
		b.WriteString(csvHead)
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
			fmt.Fprintf(&b, "r%d,pledge,%s,%s,%d.%02d,%s,%s,%s,%s,%s,,%s,,,%s,,,,\n",
				i, strings.Replace(donors[r.IntN(len(donors))], ",", "", 1), [...]string{"", "Ukraine"}[r.IntN(2)],
				r.Int64N(1e12), r.IntN(100), [...]string{"USD", "EUR", "KRW"}[r.IntN(3)], qual, date, stage,
				cats[r.IntN(len(cats))], [...]string{"", "G7"}[r.IntN(2)], note)
		}
		in := []byte(b.String())
		if round%3 == 2 { // one bad row, late: the fast path must give up and say nothing
			in = append(in, "late,pledge,,,1,USD,,,,,,,,,,,,,\n"...)
		}
		fast, plain, ferr, perr := csvBoth(t, nil, in, csvSources[0])
		sameBooks(t, in, fast, plain, ferr, perr)
		if round%3 != 2 {
			var again Book
			if !again.readCSVFast(bytes.NewReader(in)) {
				t.Fatalf("round %d: the fast path did not take %d records it should", round, n)
			}
		}
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

// TestReadCSVFastHeld: Book.ReadCSV allocates about what the book holds,
// not what the file holds: it copied every occasion and note it checked.
// Rows of long occasions, which the book holds once, make the input far
// larger than the book.
func TestReadCSVFastHeld(t *testing.T) {
	defer func(n int) { csvBlock = n }(csvBlock)
	csvBlock = 64 << 10
	occasion := strings.Repeat("o", 2000)
	var in bytes.Buffer
	in.WriteString(csvHead)
	for i := range 10_000 {
		fmt.Fprintf(&in, "r%d,pledge,Japan,,%d,USD,,,,,,%s,,,,,,,\n", i, i, occasion)
	}
	data := in.Bytes()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := new(Book).ReadCSV(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	t.Logf("reading %d bytes allocated %d bytes", len(data), got)
	if got > uint64(len(data))/4 {
		t.Errorf("reading %d bytes allocated %d bytes", len(data), got)
	}
}
