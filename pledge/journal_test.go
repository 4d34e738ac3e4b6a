package pledge_test

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// journalBatches are four batches as a service takes them, each referring
// to records of earlier ones: a commitment, money paid under it, a
// restatement, and a record with everything a record can hold.
func journalBatches() [][]pledge.Pledge {
	return [][]pledge.Pledge{
		{
			{ID: "kr-ua-g20", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("2300000000"), Stage: pledge.Committed, Date: day("2023-09-10"),
				Parts: []pledge.Part{{Amount: usd("300000000"), Categories: cats(pledge.Humanitarian)}}},
			{ID: "kr-ua-07", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("150000000"), Date: day("2023-07-15"),
				Categories: cats(pledge.Humanitarian, pledge.MilitaryNonLethal)},
		},
		{{ID: "kr-ua-g20-paid", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("100000000"), Stage: pledge.Disbursed, Under: "kr-ua-g20", Date: day("2024-01-10")}},
		{
			{ID: "kr-ua-07b", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("160000000"), Date: day("2023-07-20"), Revises: "kr-ua-07",
				Categories: cats(pledge.Humanitarian)},
			{ID: "jp-ua", Donor: "Japan", Recipient: "Ukraine", Amount: pledge.MustAmount("4500000000", "USD"), Qualifier: pledge.Approximately,
				Date: day("2024-02-01"), DatePrecision: pledge.Month, Occasion: "Japan-Ukraine Conference", Note: "\"quoted\" <b>",
				Sources: []pledge.Source{{Publisher: "NHK", Title: "支援", URL: "https://example.org/a?b=1&c=2", Quote: "約45億ドル", Date: day("2024-02-19")}}},
		},
		{{ID: "kr-ua-paid-2", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("50000000"), Stage: pledge.Disbursed, Under: "kr-ua-g20", Date: day("2024-05-01")}},
	}
}

// journalOf logs the batches through AddLogged and returns the journal's
// bytes, where each batch ends in them, and the book.
func journalOf(t testing.TB, batches [][]pledge.Pledge) ([]byte, []int, *pledge.Book) {
	t.Helper()
	var buf bytes.Buffer
	j := pledge.NewJournal(&buf)
	b := new(pledge.Book)
	var ends []int
	for _, batch := range batches {
		if err := b.AddLogged(j, batch...); err != nil {
			t.Fatal(err)
		}
		ends = append(ends, buf.Len())
	}
	return buf.Bytes(), ends, b
}

// bookOfBatches is the book of the first n batches.
func bookOfBatches(t testing.TB, batches [][]pledge.Pledge, n int) []pledge.Pledge {
	t.Helper()
	var b pledge.Book
	for _, batch := range batches[:n] {
		if err := b.Add(batch...); err != nil {
			t.Fatal(err)
		}
	}
	return b.All()
}

// TestJournalFormat: one record a line, then the marker with the count
// and the CRC-32C of the lines.
func TestJournalFormat(t *testing.T) {
	data, ends, _ := journalOf(t, journalBatches()[:2])
	lines := strings.SplitAfter(string(data[ends[0]:ends[1]]), "\n")
	want := []string{
		`{"id":"kr-ua-g20-paid","donor":"South Korea","recipient":"Ukraine","amount":{"value":"100000000","currency":"USD"},"stage":"disbursed","date":"2024-01-10","under":"kr-ua-g20"}` + "\n",
		`{"commit":1,"crc32c":"` + fmt.Sprintf("%08x", crc32c(lines[0])) + `"}` + "\n",
		"",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("second batch (-want +got):\n%s", diff)
	}
}

// TestReplay rebuilds the book from its journal, twice into one book,
// and into a book that holds part of it: the same book each time.
func TestReplay(t *testing.T) {
	batches := journalBatches()
	data, ends, want := journalOf(t, batches)
	var b pledge.Book
	if err := b.Replay(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.All(), b.All()); diff != "" {
		t.Fatalf("replayed (-want +got):\n%s", diff)
	}
	v := b.Version()
	if err := b.Replay(bytes.NewReader(data)); err != nil {
		t.Fatalf("replaying twice: %v", err)
	}
	if diff := cmp.Diff(want.All(), b.All()); diff != "" || b.Version() != v {
		t.Errorf("replaying twice changed the book, version %d → %d (-want +got):\n%s", v, b.Version(), diff)
	}
	var part pledge.Book
	if err := part.Replay(bytes.NewReader(data[:ends[1]])); err != nil {
		t.Fatal(err)
	}
	if err := part.Replay(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.All(), part.All()); diff != "" {
		t.Errorf("replayed over its first half (-want +got):\n%s", diff)
	}
	withBOM := append([]byte("\ufeff"), data...)
	var bom pledge.Book
	if err := bom.Replay(bytes.NewReader(withBOM)); err != nil || bom.Len() != want.Len() {
		t.Errorf("a journal with a byte-order mark: %d records, %v", bom.Len(), err)
	}
}

// TestReplayTruncated cuts the journal at every byte: replay restores
// every whole batch before the cut, none of the batch it cuts, and
// reports that batch as torn, by its line and offset.
func TestReplayTruncated(t *testing.T) {
	batches := journalBatches()
	data, ends, _ := journalOf(t, batches)
	starts := append([]int{0}, ends[:len(ends)-1]...)
	for cut := 0; cut <= len(data); cut++ {
		whole := 0
		for whole < len(ends) && ends[whole] <= cut {
			whole++
		}
		var b pledge.Book
		err := b.Replay(bytes.NewReader(data[:cut]))
		if diff := cmp.Diff(bookOfBatches(t, batches, whole), b.All()); diff != "" {
			t.Fatalf("cut at %d: not the %d whole batches (-want +got):\n%s", cut, whole, diff)
		}
		if whole == len(ends) || cut == starts[whole] {
			if err != nil {
				t.Fatalf("cut at %d, a batch boundary: %v", cut, err)
			}
			continue
		}
		var je *pledge.JournalError
		if !errors.As(err, &je) || !errors.Is(err, pledge.ErrTornJournal) {
			t.Fatalf("cut at %d: %v, want a torn journal", cut, err)
		}
		line := bytes.Count(data[:starts[whole]], []byte("\n")) + 1
		if je.Line != line || je.Offset != int64(starts[whole]) || je.Batches != whole {
			t.Errorf("cut at %d: line %d, offset %d, %d batches; want %d, %d, %d\n%v", cut, je.Line, je.Offset, je.Batches, line, starts[whole], whole, err)
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("pledge: torn journal: line %d (byte %d): ", line, starts[whole])) {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
}

// TestReplayDamaged changes each byte of the journal in turn: replay
// stops at the batch that holds it, with the batches before it, and
// reports it as corrupt, or as torn when it is the last batch.
func TestReplayDamaged(t *testing.T) {
	batches := journalBatches()
	data, ends, _ := journalOf(t, batches)
	for at := range data {
		k := 0
		for ends[k] <= at {
			k++
		}
		damaged := bytes.Clone(data)
		damaged[at] ^= 0x01
		var b pledge.Book
		err := b.Replay(bytes.NewReader(damaged))
		var je *pledge.JournalError
		if !errors.As(err, &je) {
			t.Fatalf("byte %d (%q) changed: %v, want a *JournalError", at, data[at], err)
		}
		want := pledge.ErrCorruptJournal
		if k == len(ends)-1 {
			want = pledge.ErrTornJournal
		}
		if !errors.Is(err, want) || je.Batches != k {
			t.Errorf("byte %d (%q) of batch %d changed: %v; want %v after %d batches", at, data[at], k, err, want, k)
		}
		if diff := cmp.Diff(bookOfBatches(t, batches, k), b.All()); diff != "" {
			t.Fatalf("byte %d changed: (-want +got):\n%s", at, diff)
		}
	}
}

// TestReplayRefused: a whole batch that the book refuses stops replay
// there, with the problems by line.
func TestReplayRefused(t *testing.T) {
	data, _, _ := journalOf(t, journalBatches())
	b := bookOf(t, pledge.Pledge{ID: "kr-ua-g20-paid", Donor: "Japan", Amount: usd("1")})
	err := b.Replay(bytes.NewReader(data))
	var je *pledge.JournalError
	if !errors.As(err, &je) || !errors.Is(err, pledge.ErrDuplicate) || errors.Is(err, pledge.ErrTornJournal) || errors.Is(err, pledge.ErrCorruptJournal) {
		t.Fatalf("Replay = %v, want a refused batch", err)
	}
	want := `pledge: journal line 4 (byte 475): batch 2 refused (the 1 batch before it is whole): pledge (line 4) "kr-ua-g20-paid" id: duplicate: "kr-ua-g20-paid" is already in the book with donor "Japan", not "South Korea"`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if b.Len() != 3 {
		t.Errorf("%d records, want the first batch's 2 and the book's own", b.Len())
	}
}

// TestReplayFraming: markers that do not fit, and lines that are not
// records, in a batch whose marker does fit.
func TestReplayFraming(t *testing.T) {
	rec := `{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"}}` + "\n"
	marker := func(n int, lines string) string {
		return fmt.Sprintf(`{"commit":%d,"crc32c":"%08x"}`+"\n", n, crc32c(lines))
	}
	tests := []struct {
		name, in string
		want     string
	}{
		{"records, no marker", rec, "pledge: torn journal: line 1 (byte 0): the last batch has 1 line and no commit marker"},
		{"count", rec + marker(2, rec), "the commit marker on line 2 counts 2 records, the batch has 1 line"},
		{"checksum", rec + `{"commit":1,"crc32c":"00000000"}` + "\n", "its commit marker on line 2 says 00000000"},
		{"spaced marker", rec + `{"commit": 1,"crc32c":"00000000"}` + "\n", "line 2 is not a well-formed commit marker"},
		{"count with a leading zero", rec + strings.Replace(marker(1, rec), ":1,", ":01,", 1), "line 2 is not a well-formed commit marker"},
		{"marker cut short", rec + strings.TrimSuffix(marker(1, rec), "\n"), "its last line, 2, no end"},
		{"damage, then more", rec + `{"commit":1,"crc32c":"00000000"}` + "\n" + rec, "pledge: corrupt journal: line 1 (byte 0)"},
		{"blank line in a batch", rec + "\n" + marker(2, rec+"\n"), `pledge (line 2) #1: invalid value: the line is not one JSON record`},
		{"a record that is not one", "[]\n" + marker(1, "[]\n"), `pledge (line 1) #0: invalid value: want an object, found JSON array`},
		{"empty batch", marker(0, ""), ""},
		{"nothing", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b pledge.Book
			err := b.Replay(strings.NewReader(tt.in))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Replay = %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Replay = %v, want %q", err, tt.want)
			}
			if tt.want != "" && b.Len() != 0 {
				t.Errorf("%d records replayed from a bad batch", b.Len())
			}
		})
	}
}

// failingWriter fails its n-th write, or every Sync.
type failingWriter struct {
	bytes.Buffer
	writes, failAt int
	syncFails      bool
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes == w.failAt {
		w.Buffer.Write(p[:len(p)/2]) // half a batch, as a full disk leaves it
		return len(p) / 2, errors.New("disk full")
	}
	return w.Buffer.Write(p)
}

func (w *failingWriter) Sync() error {
	if w.syncFails {
		return errors.New("EIO")
	}
	return nil
}

// TestAddLoggedFails: when the journal cannot take a batch, the book does
// not either, and the journal takes nothing more.
func TestAddLoggedFails(t *testing.T) {
	batches := journalBatches()
	for _, w := range []*failingWriter{{failAt: 2}, {failAt: -1, syncFails: true}} {
		b := new(pledge.Book)
		j := pledge.NewJournal(w)
		if !w.syncFails {
			if err := b.AddLogged(j, batches[0]...); err != nil {
				t.Fatal(err)
			}
		}
		v, n := b.Version(), b.Len()
		next := batches[1]
		if w.syncFails {
			next = batches[0]
		}
		err := b.AddLogged(j, next...)
		if err == nil || !strings.Contains(err.Error(), "pledge: journal: ") {
			t.Errorf("AddLogged to a failing journal = %v", err)
		}
		if b.Version() != v || b.Len() != n {
			t.Errorf("the book changed though its journal failed")
		}
		err = b.AddLogged(j, next...)
		if err == nil || !strings.Contains(err.Error(), "an earlier write failed") {
			t.Errorf("AddLogged after a failure = %v, want a refusal", err)
		}
		// What is on disk is whole batches and a torn one.
		var back pledge.Book
		if err := back.Replay(bytes.NewReader(w.Bytes())); err != nil && !errors.Is(err, pledge.ErrTornJournal) {
			t.Errorf("replaying what the failing journal holds: %v", err)
		}
		if diff := cmp.Diff(b.All(), back.All()); !w.syncFails && diff != "" {
			t.Errorf("(-book +replayed):\n%s", diff)
		}
	}
}

// TestAddLoggedWritesWhatIsAdded: a refused batch, and records already
// in the book, are not written; nor is a call that adds nothing.
func TestAddLoggedWritesWhatIsAdded(t *testing.T) {
	var buf bytes.Buffer
	j := pledge.NewJournal(&buf)
	b := new(pledge.Book)
	a := pledge.Pledge{ID: "a", Donor: "D", Amount: usd("1")}
	if err := b.AddLogged(j, a); err != nil {
		t.Fatal(err)
	}
	n := buf.Len()
	if err := b.AddLogged(j, a); err != nil || buf.Len() != n {
		t.Errorf("adding the same record again: %v, wrote %d bytes", err, buf.Len()-n)
	}
	if err := b.AddLogged(j, pledge.Pledge{ID: "b", Donor: "D", Amount: usd("-1")}); err == nil || buf.Len() != n {
		t.Errorf("a refused batch: %v, wrote %d bytes", err, buf.Len()-n)
	}
	if err := b.AddLogged(j); err != nil || buf.Len() != n {
		t.Errorf("no records: %v, wrote %d bytes", err, buf.Len()-n)
	}
	if err := b.AddLogged(j, a, pledge.Pledge{ID: "b", Donor: "D", Amount: usd("2")}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String()[n:], "\n"); got != 2 {
		t.Errorf("a batch of one record already there and one new: %d lines written, want the new one and a marker", got)
	}
	if err := b.AddLogged(nil, a); err == nil {
		t.Error("AddLogged without a journal: no error")
	}
}

// TestAddLoggedConcurrent: writers adding at once, each batch referring
// to the writer's batch before it; the journal replays to the same book,
// record for record in the same order. Run it with -race.
func TestAddLoggedConcurrent(t *testing.T) {
	var buf bytes.Buffer
	j := pledge.NewJournal(&buf)
	b := new(pledge.Book)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for n := range 20 {
				p := pledge.Pledge{ID: fmt.Sprintf("w%d-%d", w, n), Donor: fmt.Sprint("D", w), Amount: usd("2"), Stage: pledge.Committed}
				if n > 0 {
					p.Revises = fmt.Sprintf("w%d-%d", w, n-1)
				}
				paid := pledge.Pledge{ID: p.ID + "-paid", Donor: p.Donor, Amount: usd("1"), Stage: pledge.Disbursed, Under: p.ID}
				if err := b.AddLogged(j, p, paid); err != nil {
					t.Error(err)
					return
				}
				if _, err := b.List(pledge.Query{}, 0, 10); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	var back pledge.Book
	if err := back.Replay(&buf); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.All(), back.All()); diff != "" {
		t.Errorf("(-book +replayed):\n%s", diff)
	}
	if back.Version() != 80 || b.Version() != 80 {
		t.Errorf("versions %d and %d, want 80 batches", b.Version(), back.Version())
	}
}

// TestOpenJournal goes through a service's life: open, add, restart, a
// crash during a write, repair, and a journal damaged before its end.
func TestOpenJournal(t *testing.T) {
	batches := journalBatches()
	path := filepath.Join(t.TempDir(), "pledges.journal")
	book := new(pledge.Book)
	j, err := pledge.OpenJournal(path, book)
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range batches[:3] {
		if err := book.AddLogged(j, batch...); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if err := book.AddLogged(j, batches[3]...); err == nil || err.Error() != "pledge: journal closed" {
		t.Errorf("AddLogged to a closed journal = %v", err)
	}

	// A restart.
	again := new(pledge.Book)
	if j, err = pledge.OpenJournal(path, again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(book.All(), again.All()); diff != "" {
		t.Fatalf("reopened (-want +got):\n%s", diff)
	}
	j.Close()

	// A crash in the middle of writing the last batch.
	var tail bytes.Buffer
	if err := bookOf(t, bookOfBatches(t, batches, 3)...).AddLogged(pledge.NewJournal(&tail), batches[3]...); err != nil {
		t.Fatal(err)
	}
	torn := tail.Bytes()[:tail.Len()/2]
	appendFile(t, path, torn)
	afterCrash := new(pledge.Book)
	j, err = pledge.OpenJournal(path, afterCrash)
	if !errors.Is(err, pledge.ErrTornJournal) || j != nil {
		t.Fatalf("OpenJournal of a torn journal = %v, %v", j, err)
	}
	if diff := cmp.Diff(book.All(), afterCrash.All()); diff != "" {
		t.Fatalf("the whole batches of a torn journal (-want +got):\n%s", diff)
	}
	if err := pledge.RepairJournal(path); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path + ".torn"); !bytes.Equal(got, torn) {
		t.Errorf("kept %q of the torn batch, want %q", got, torn)
	}
	if j, err = pledge.OpenJournal(path, afterCrash); err != nil {
		t.Fatal(err)
	}
	if err := afterCrash.AddLogged(j, batches[3]...); err != nil {
		t.Fatal(err)
	}
	j.Close()
	final := new(pledge.Book)
	if j, err = pledge.OpenJournal(path, final); err != nil {
		t.Fatal(err)
	}
	j.Close()
	if diff := cmp.Diff(bookOfBatches(t, batches, 4), final.All()); diff != "" {
		t.Errorf("after the repair (-want +got):\n%s", diff)
	}
	if err := pledge.RepairJournal(path); err != nil {
		t.Errorf("repairing a whole journal: %v", err)
	}

	// Damage before the end is not cut off.
	data, _ := os.ReadFile(path)
	data[10] ^= 1
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := pledge.RepairJournal(path); !errors.Is(err, pledge.ErrCorruptJournal) {
		t.Errorf("RepairJournal of a damaged journal = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Error("RepairJournal changed a damaged journal")
	}
	if _, err := pledge.OpenJournal(path, new(pledge.Book)); !errors.Is(err, pledge.ErrCorruptJournal) {
		t.Errorf("OpenJournal of a damaged journal = %v", err)
	}
	if _, err := pledge.OpenJournal(filepath.Join(t.TempDir(), "no", "such", "dir"), new(pledge.Book)); err == nil {
		t.Error("OpenJournal in a folder that is not there: no error")
	}
}

func appendFile(t *testing.T, path string, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// FuzzReplay: replay never panics; it stops only with a *JournalError,
// and the bytes before the error's offset replay to the same book without
// one. A valid journal cut anywhere replays to its whole batches before
// the cut.
func FuzzReplay(f *testing.F) {
	batches := journalBatches()
	data, ends, _ := journalOf(f, batches)
	f.Add(data, uint16(0))
	f.Add(data[:ends[1]+7], uint16(400))
	f.Add([]byte(`{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"}}`+"\n"+`{"commit":1,"crc32c":"00000000"}`+"\n"), uint16(17))
	f.Fuzz(func(t *testing.T, in []byte, cut uint16) {
		var b pledge.Book
		err := b.Replay(bytes.NewReader(in))
		if err != nil {
			var je *pledge.JournalError
			if !errors.As(err, &je) {
				t.Fatalf("Replay = %v, want a *JournalError", err)
			}
			if je.Offset < 0 || je.Offset > int64(len(in)) {
				t.Fatalf("offset %d of %d bytes", je.Offset, len(in))
			}
			var prefix pledge.Book
			if err := prefix.Replay(bytes.NewReader(in[:je.Offset])); err != nil {
				t.Fatalf("the %d bytes before the error: %v", je.Offset, err)
			}
			if diff := cmp.Diff(b.All(), prefix.All()); diff != "" {
				t.Fatalf("the bytes before the error replay to another book (-all +prefix):\n%s", diff)
			}
		}
		n := int(cut) % (len(data) + 1)
		whole := 0
		for whole < len(ends) && ends[whole] <= n {
			whole++
		}
		var c pledge.Book
		if err := c.Replay(bytes.NewReader(data[:n])); err != nil && !errors.Is(err, pledge.ErrTornJournal) {
			t.Fatalf("cut at %d: %v", n, err)
		}
		if diff := cmp.Diff(bookOfBatches(t, batches, whole), c.All()); diff != "" {
			t.Fatalf("cut at %d (-want +got):\n%s", n, diff)
		}
	})
}

func crc32c(s string) uint32 { return crc32.Checksum([]byte(s), crc32.MakeTable(crc32.Castagnoli)) }

// TestJournaledBookTakesOnlyLogged: once a book keeps a journal, Add and
// Merge refuse to add to it, since the journal would lack what they add;
// records added before it are not in the journal, which then replays
// only into a book that holds them.
func TestJournaledBookTakesOnlyLogged(t *testing.T) {
	a := pledge.Pledge{ID: "a", Donor: "D", Amount: usd("1")}
	restated := pledge.Pledge{ID: "b", Donor: "D", Amount: usd("2"), Revises: "a"}
	c := pledge.Pledge{ID: "c", Donor: "D", Amount: usd("3")}

	// Added before the journal: the journal refers to a record it lacks.
	var buf bytes.Buffer
	j := pledge.NewJournal(&buf)
	var b pledge.Book
	if err := b.Add(a); err != nil {
		t.Fatal(err)
	}
	if err := b.AddLogged(j, restated); err != nil {
		t.Fatal(err)
	}
	if err := new(pledge.Book).Replay(bytes.NewReader(buf.Bytes())); !errors.Is(err, pledge.ErrUnknownPledge) {
		t.Errorf("replay into an empty book = %v, want ErrUnknownPledge", err)
	}
	seeded := bookOf(t, a)
	if err := seeded.Replay(bytes.NewReader(buf.Bytes())); err != nil || seeded.Len() != 2 {
		t.Errorf("replay into a book holding the seed: %d records, %v", seeded.Len(), err)
	}

	// After AddLogged, Add and Merge refuse what the journal would lack,
	// and the book is unchanged.
	v := b.Version()
	if err := b.Add(c); !errors.Is(err, pledge.ErrNotLogged) {
		t.Errorf("Add after AddLogged = %v, want ErrNotLogged", err)
	}
	if err := b.Merge(bookOf(t, c)); !errors.Is(err, pledge.ErrNotLogged) {
		t.Errorf("Merge after AddLogged = %v, want ErrNotLogged", err)
	}
	// ReadCSV too, by its fast path (a record's own row) and its plain one
	// (a row with a quoted cell).
	for _, csv := range []string{
		"id,kind,donor,recipient,amount,currency\nc,pledge,D,,3,USD\n",
		"id,kind,donor,recipient,amount,currency\nc,pledge,\"D\",,3,USD\n",
	} {
		if err := b.ReadCSV(strings.NewReader(csv)); !errors.Is(err, pledge.ErrNotLogged) {
			t.Errorf("ReadCSV after AddLogged = %v, want ErrNotLogged", err)
		}
	}
	if b.Version() != v || b.Len() != 2 {
		t.Errorf("a refused Add changed the book: version %d → %d, %d records", v, b.Version(), b.Len())
	}
	// What changes nothing is still fine, and AddLogged goes on.
	if err := b.Add(a, restated); err != nil {
		t.Errorf("Add of records the book holds = %v", err)
	}
	if err := b.Merge(bookOf(t, a)); err != nil {
		t.Errorf("Merge of records the book holds = %v", err)
	}
	if err := b.AddLogged(j, c); err != nil {
		t.Fatal(err)
	}

	// OpenJournal: Add before it (a seed) is fine, after it refused;
	// reopening replays onto the book.
	path := filepath.Join(t.TempDir(), "pledges.journal")
	book := bookOf(t, a)
	jf, err := pledge.OpenJournal(path, book)
	if err != nil {
		t.Fatal(err)
	}
	if err := book.Add(c); !errors.Is(err, pledge.ErrNotLogged) || !strings.Contains(err.Error(), "AddLogged") {
		t.Errorf("Add after OpenJournal = %v, want ErrNotLogged naming AddLogged", err)
	}
	if err := book.AddLogged(jf, restated); err != nil {
		t.Fatal(err)
	}
	jf.Close()
	if jf, err = pledge.OpenJournal(path, book); err != nil {
		t.Fatalf("reopening onto the same book: %v", err)
	}
	jf.Close()
	restart := bookOf(t, a) // the seed, loaded as before
	if jf, err = pledge.OpenJournal(path, restart); err != nil || restart.Len() != 2 {
		t.Fatalf("a restart with the seed: %d records, %v", restart.Len(), err)
	}
	jf.Close()
}
