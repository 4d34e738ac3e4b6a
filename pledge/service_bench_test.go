package pledge_test

// Benchmarks of a book inside a service (issue 15): replaying a journal,
// listing a page, logging a batch, reading JSON Lines.

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/summitry/summitry/internal/benchdata"
	"github.com/summitry/summitry/pledge"
)

var benchPageSink pledge.Page

// benchPledges returns n generated pledges (100 donors, 20 categories,
// dates over 2022-2024).
func benchPledges(n int) []pledge.Pledge {
	return recordsOf(benchdata.Spec{N: n, Donors: 100, Categories: 20, Seed: 1}.Rows())
}

// BenchmarkReplay replays a journal of n records in batches of the given
// size into an empty book: read, check, decode and add, per record.
func BenchmarkReplay(b *testing.B) {
	for _, c := range []struct{ n, batch int }{{10_000, 1}, {10_000, 100}, {100_000, 100}, {100_000, 10_000}} {
		b.Run(fmt.Sprintf("records=%d/batch=%d", c.n, c.batch), func(b *testing.B) {
			ps := benchPledges(c.n)
			var buf bytes.Buffer
			j := pledge.NewJournal(&buf)
			var book pledge.Book
			for i := 0; i < len(ps); i += c.batch {
				if err := book.AddLogged(j, ps[i:min(i+c.batch, len(ps))]...); err != nil {
					b.Fatal(err)
				}
			}
			data := buf.Bytes()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var back pledge.Book
				if err := back.Replay(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
				benchBookSink = &back
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.n), "ns/record")
		})
	}
}

// BenchmarkList takes a page of 100 records from a book of 200,000, the
// size the issue measured listing at (314 ms to copy the whole book):
// unfiltered, at an offset deep in the book, and filtered by donor and
// by category. Pledges is the old way, every record copied.
func BenchmarkList(b *testing.B) {
	var book pledge.Book
	if err := book.Add(benchPledges(200_000)...); err != nil {
		b.Fatal(err)
	}
	if _, err := book.List(pledge.Query{}, 0, 1); err != nil { // sort once, as the first list does
		b.Fatal(err)
	}
	cats := benchdata.Categories(20)
	for _, c := range []struct {
		name   string
		q      pledge.Query
		offset int
	}{
		{"all/first", pledge.Query{}, 0},
		{"all/offset=150000", pledge.Query{}, 150_000},
		{"donor", pledge.Query{Donors: benchdata.Donors(100)[7:8]}, 0},
		{"category", pledge.Query{Categories: []pledge.Category{pledge.Category(cats[3])}}, 0},
		{"dates", pledge.Query{From: day("2023-03-01"), To: day("2023-03-31")}, 0},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				page, err := book.List(c.q, c.offset, 100)
				if err != nil || len(page.Records) != 100 {
					b.Fatalf("%d records, %v", len(page.Records), err)
				}
				benchPageSink = page
			}
		})
	}
	b.Run("Pledges", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchPageSink.Records = book.Pledges()
		}
	})
}

// BenchmarkAddLogged adds one record at a time through a journal: into
// memory (the cost of the journal itself), and into a file synced after
// each batch (what the disk costs; it varies with the disk).
func BenchmarkAddLogged(b *testing.B) {
	ps := benchPledges(100_000)
	run := func(b *testing.B, j *pledge.Journal) {
		var book pledge.Book
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			if err := book.AddLogged(j, ps[i%len(ps)]); err != nil {
				b.Fatal(err)
			}
			i++
			if i%len(ps) == 0 {
				book = pledge.Book{}
			}
		}
	}
	b.Run("memory", func(b *testing.B) {
		var buf bytes.Buffer
		run(b, pledge.NewJournal(&buf))
	})
	b.Run("file+fsync", func(b *testing.B) {
		var book pledge.Book
		j, err := pledge.OpenJournal(filepath.Join(b.TempDir(), "j"), &book)
		if err != nil {
			b.Fatal(err)
		}
		defer j.Close()
		run(b, j)
	})
}

// BenchmarkReadBookJSONLines reads 100,000 pledges written by
// WriteJSONLines, as BenchmarkReadBook reads the document.
func BenchmarkReadBookJSONLines(b *testing.B) {
	var book pledge.Book
	if err := book.Add(benchPledges(100_000)...); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := book.WriteJSONLines(&buf); err != nil {
		b.Fatal(err)
	}
	benchReadBook(b, buf.Bytes(), 100_000, "pledge", false)
}
