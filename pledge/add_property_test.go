package pledge_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// TestPropertyBatchesMakeOneBook adds the same valid records in one call,
// one by one and in batches of random sizes, with dates in other time
// zones in some calls: every way gives the same book (records, history,
// totals by every dimension), whether a batch's columns are taken as they
// are by an empty book or renumbered into one that holds records.
func TestPropertyBatchesMakeOneBook(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 4))
	dims := []pledge.Dimension{pledge.ByDonor, pledge.ByCategory, pledge.ByStage, pledge.ByYear, pledge.ByCurrency}
	seoul := time.FixedZone("KST", 9*3600)
	for round := range 40 {
		recs := randomBook(r, 1+r.IntN(120))
		var whole pledge.Book
		if err := whole.Add(recs...); err != nil {
			t.Fatal(err)
		}
		var pieces pledge.Book
		for rest := recs; len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(9))
			batch := append([]pledge.Pledge(nil), rest[:k]...)
			if r.IntN(2) == 0 { // the same days, seen from Seoul before noon
				for i := range batch {
					if d := batch[i].Date; !d.IsZero() {
						batch[i].Date = time.Date(d.Year(), d.Month(), d.Day(), 11, 30, 0, 0, seoul)
					}
				}
			}
			if err := pieces.Add(batch...); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			rest = rest[k:]
		}
		if diff := cmp.Diff(whole.All(), pieces.All()); diff != "" {
			t.Fatalf("round %d: one call (-) and batches (+) differ:\n%s", round, diff)
		}
		for _, p := range recs {
			if diff := cmp.Diff(whole.History(p.ID), pieces.History(p.ID)); diff != "" {
				t.Fatalf("round %d: history of %s differs:\n%s", round, p.ID, diff)
			}
		}
		for _, s := range pledge.Stages() {
			i := r.IntN(len(dims))
			j := (i + 1 + r.IntN(len(dims)-1)) % len(dims)
			q := pledge.Query{Stage: s, GroupBy: []pledge.Dimension{dims[i], dims[j]}}
			a, err1 := whole.Total(q)
			b, err2 := pieces.Total(q)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff := cmp.Diff(a.Rows(), b.Rows()); diff != "" {
				t.Fatalf("round %d: totals %v differ:\n%s", round, q.GroupBy, diff)
			}
		}
	}
}
