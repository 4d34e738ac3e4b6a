package pledge

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// takeUpByScans is the rule pipe documents, as three scans of the parent's
// pieces for every child piece: the reference taker is held to.
func takeUpByScans(own []piece, pc piece) {
	left := pc.amount
	take := func(k int) {
		if left.Sign() <= 0 || own[k].amount.Sign() <= 0 {
			return
		}
		x := decimal.Min(left, own[k].amount)
		own[k].amount = own[k].amount.Sub(x)
		own[k].qual = own[k].qual.plus(pc.qual.negated())
		own[k].full = false
		left = left.Sub(x)
	}
	for k := range own {
		if own[k].cats == pc.cats {
			take(k)
		}
	}
	for k := range own {
		if own[k].cats == 0 {
			take(k)
		}
	}
	for k := range own {
		take(k)
	}
}

// TestTakerIsTheScans: on random parents (few and many category lists,
// zero pieces, unspecified ones) and random children, taker leaves the
// parent's pieces exactly as the three scans do, qualifiers included, and
// one taker reused from parent to parent forgets the last.
func TestTakerIsTheScans(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	quals := []Qualifier{Exact, Approximately, AtLeast, AtMost, MoreThan, LessThan, Mixed}
	var tk taker
	for round := range 3000 {
		kinds := 1 + r.IntN(3)
		if round%4 == 0 {
			kinds = 2 + r.IntN(3*manyGroups) // past the map's threshold
		}
		own := make([]piece, 1+r.IntN(4*kinds))
		for k := range own {
			own[k] = piece{rec: 1, amount: decimal.New(r.Int64N(1000), -1), cats: uint32(r.IntN(kinds)), full: true, qual: quals[r.IntN(len(quals))]}
		}
		want := append([]piece(nil), own...)
		tk.reset(own)
		for range r.IntN(3 * len(own)) {
			pc := piece{rec: 2, amount: decimal.New(r.Int64N(400), -1), cats: uint32(r.IntN(kinds + 1)), qual: quals[r.IntN(len(quals))]}
			takeUpByScans(want, pc)
			tk.take(pc)
		}
		if diff := cmp.Diff(want, own, cmp.AllowUnexported(piece{}), cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })); diff != "" {
			t.Fatalf("round %d (-scans +taker):\n%s", round, diff)
		}
	}
}
