package pledge

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFirstOverlapsMatchesPairs holds firstOverlaps to the rule it
// replaces: compare every pair, report the first earlier one.
func TestFirstOverlapsMatchesPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	segs := []string{"a", "b", "a b", "a-b", "ab"}
	for round := range 2000 {
		cs := make([]Category, r.IntN(12))
		var valid []int
		for i := range cs {
			c := segs[r.IntN(len(segs))]
			for range r.IntN(3) {
				c += "/" + segs[r.IntN(len(segs))]
			}
			if r.IntN(10) == 0 {
				c += "/" // malformed: not among the valid
			} else {
				valid = append(valid, i)
			}
			cs[i] = Category(c)
		}
		want := make([]int, len(cs))
		for _, i := range valid {
			want[i] = -1
			for _, j := range valid {
				if j < i && (cs[i].Within(cs[j]) || cs[j].Within(cs[i])) {
					want[i] = j
					break
				}
			}
		}
		for i := range cs {
			if cs[i].Check() != nil {
				want[i] = -1
			}
		}
		if diff := cmp.Diff(want, firstOverlaps(cs, valid)); diff != "" {
			t.Fatalf("round %d %q (-pairs +firstOverlaps):\n%s", round, cs, diff)
		}
	}
}
