package pledge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/internal/problem"
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

// TestCollectorKeepsTheFirst: whatever order problems come in, the
// collector keeps the first problem.Max by record, in the order found
// within a record, and counts the rest.
func TestCollectorKeepsTheFirst(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for round := range 200 {
		n := r.IntN(400)
		var c collector
		var all []Problem
		for k := range n {
			p := Problem{Index: r.IntN(150), Field: fmt.Sprint(k)}
			all = append(all, p)
			c.add(p)
		}
		slices.SortStableFunc(all, func(a, b Problem) int { return a.Index - b.Index })
		keep := min(len(all), problem.Max)
		err := c.err()
		if n == 0 {
			if err != nil {
				t.Fatalf("round %d: no problems, error %v", round, err)
			}
			continue
		}
		if diff := cmp.Diff(all[:keep], err.Problems, cmp.Comparer(func(a, b Problem) bool { return a.Index == b.Index && a.Field == b.Field })); diff != "" || err.Omitted != n-keep {
			t.Fatalf("round %d: omitted %d, want %d (-want +got):\n%s", round, err.Omitted, n-keep, diff)
		}
	}
}

// TestYearOfDay holds yearOfDay to the time package on every day of the
// years 1 to 9999 and a few beyond, on both sides of each end of its
// fast path.
func TestYearOfDay(t *testing.T) {
	for _, c := range []struct {
		day  int32
		date time.Time
	}{
		{day1904, time.Date(1904, time.January, 1, 0, 0, 0, 0, time.UTC)},
		{day2100, time.Date(2100, time.January, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if got := dayOf(c.date); got != c.day {
			t.Errorf("the fast path's bound for %s is day %d; that day is %d", c.date.Format("2006-01-02"), c.day, got)
		}
	}
	start := dayOf(time.Date(-2, time.January, 1, 0, 0, 0, 0, time.UTC))
	end := dayOf(time.Date(10002, time.December, 31, 0, 0, 0, 0, time.UTC))
	for d := start; d <= end; d++ {
		if got, want := yearOfDay(d), dateOf(d).Year(); got != want {
			t.Fatalf("yearOfDay(%d) = %d, want %d (%s)", d, got, want, dateOf(d).Format("2006-01-02"))
		}
	}
}
