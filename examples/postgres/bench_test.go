package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"github.com/summitry/summitry/pledge"
)

// benchSizes are the book sizes of the benchmarks: two, so that the cost
// per record shows whether it stays flat.
var benchSizes = []int{10_000, 100_000}

var benchBooks sync.Map // n → []pledge.Pledge, generated once per size

// benchRecords returns n generated records as a Book holds them.
func benchRecords(b *testing.B, n int) []pledge.Pledge {
	if v, ok := benchBooks.Load(n); ok {
		return v.([]pledge.Pledge)
	}
	var book pledge.Book
	if err := book.Add(generate(n, 1)...); err != nil {
		b.Fatal(err)
	}
	all := book.All()
	benchBooks.Store(n, all)
	return all
}

// reportPerRecord adds the time per record to a benchmark's results.
func reportPerRecord(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
}

// empty removes every record, outside the benchmark's timer.
func empty(b *testing.B, db *sql.DB) {
	b.StopTimer()
	if _, err := db.Exec("TRUNCATE pledges CASCADE"); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
}

// BenchmarkSave writes n records (every value through Amount.Value,
// Stage.Value, Category.Value...) in one transaction, statistics included.
func BenchmarkSave(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			records := benchRecords(b, n)
			db := freshDB(b)
			b.ReportAllocs()
			for b.Loop() {
				empty(b, db)
				if err := Save(ctx, db, records); err != nil {
					b.Fatal(err)
				}
			}
			reportPerRecord(b, n)
		})
	}
}

// BenchmarkLoad reads n records back (every amount through Amount.Scan).
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			db := freshDB(b)
			if err := Save(ctx, db, benchRecords(b, n)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				got, err := Load(ctx, db)
				if err != nil || len(got) != n {
					b.Fatalf("loaded %d records, %v", len(got), err)
				}
			}
			reportPerRecord(b, n)
		})
	}
}

// BenchmarkTotal sums n records in SQL, as Total does for the stage
// Committed, against Book.Total on the same records.
func BenchmarkTotal(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		records := benchRecords(b, n)
		b.Run(fmt.Sprintf("sql/records=%d", n), func(b *testing.B) {
			db := freshDB(b)
			if err := Save(ctx, db, records); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Total(ctx, db, pledge.Committed); err != nil {
					b.Fatal(err)
				}
			}
			reportPerRecord(b, n)
		})
		b.Run(fmt.Sprintf("book/records=%d", n), func(b *testing.B) {
			var book pledge.Book
			if err := book.Add(records...); err != nil {
				b.Fatal(err)
			}
			q := pledge.Query{Stage: pledge.Committed, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := book.Total(q); err != nil {
					b.Fatal(err)
				}
			}
			reportPerRecord(b, n)
		})
	}
}
