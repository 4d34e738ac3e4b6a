package pledge_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/summitry/summitry/pledge"
)

// TestConcurrentUse adds, reads and totals from many goroutines at once; run
// it with -race. Every writer's records must all arrive, and every total seen
// must be one the book actually held at some moment (a multiple of the
// records added so far, never a half-added batch).
func TestConcurrentUse(t *testing.T) {
	var b pledge.Book
	const writers, batches, size = 4, 25, 4
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for n := range batches {
				batch := make([]pledge.Pledge, size)
				for i := range batch {
					batch[i] = pledge.Pledge{ID: fmt.Sprintf("w%d-%d-%d", w, n, i), Donor: fmt.Sprint("D", w), Amount: usd("1.25")}
				}
				if err := b.Add(batch...); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 50 {
				tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
				if err != nil {
					t.Error(err)
					return
				}
				for _, s := range tot.Sum() {
					if !s.Decimal().Mod(usd("5").Decimal()).IsZero() {
						t.Errorf("total %s is not whole batches of USD 5", s)
					}
				}
				_ = b.Pledges()
				_, _ = b.Pledge("w0-0-0")
				_ = tot.String()
			}
		})
	}
	wg.Wait()
	tot, err := b.Total(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tot.Sum()[0].String(), "USD 500"; got != want || b.Len() != writers*batches*size {
		t.Errorf("after all writers: %s over %d records, want %s over %d", got, b.Len(), want, writers*batches*size)
	}
}
