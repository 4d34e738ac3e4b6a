package pledge

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// messyBatch makes n records of which some are wrong in their names,
// categories, amounts, dates or links, or repeat an ID, drawing names and
// categories from small sets so that a batch meets each many times.
func messyBatch(r *rand.Rand, n int) []Pledge {
	names := []string{"Japan", "South Korea", " Japan", "", "Ja\tpan", "Japan ", "\xff", "Kor\u00e9a", "\u2028x"}
	cats := [][]Category{nil, {"humanitarian"}, {"military", "military/weapons"}, {""}, {"Bad"}, {"a+b"}, {"a", "b"},
		{"financial/loan", "humanitarian"}, {"a b"}, {"a  b"}, {"x/"}}
	ps := make([]Pledge, n)
	for i := range ps {
		p := Pledge{
			ID:         fmt.Sprintf("p%d", r.IntN(n+n/4)), // some IDs twice
			Donor:      names[r.IntN(len(names))],
			Recipient:  names[r.IntN(len(names))],
			Amount:     AmountOf(decimal.New(r.Int64N(2000)-100, -int32(r.IntN(3))), currency.USD),
			Categories: cats[r.IntN(len(cats))],
			Date:       time.Date(2023, 1, 1+r.IntN(60), r.IntN(2)*13, 0, 0, 0, time.FixedZone("X", 3600*(r.IntN(3)-1))),
		}
		if r.IntN(5) == 0 {
			p.Revises = fmt.Sprintf("p%d", r.IntN(n))
		}
		if r.IntN(5) == 0 {
			p.Under = fmt.Sprintf("p%d", r.IntN(n))
		}
		if r.IntN(9) == 0 {
			p.Amount = Amount{}
		}
		ps[i] = p
	}
	return ps
}

// TestCheckOnceIsCheckEveryTime holds check's memo of names and category
// lists to checking every record in full: the same problems, in the same
// order, on batches where names and lists repeat, good and bad, against
// an empty store and one that holds records.
func TestCheckOnceIsCheckEveryTime(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	var held store
	base := []Pledge{{ID: "p1", Donor: "Japan", Amount: MustAmount("5", "USD")}, {ID: "p2", Donor: "Japan", Amount: MustAmount("7", "USD"), Under: "p1"}}
	cb, ve := held.check(base, false)
	if ve != nil {
		t.Fatal(ve)
	}
	held.add(cb)
	for round := range 300 {
		batch := messyBatch(r, 1+r.IntN(60))
		for _, s := range []*store{{}, &held} {
			_, memo := s.checkBatch(batch, false, true)
			_, full := s.checkBatch(batch, false, false)
			if diff := gocmp.Diff(fmt.Sprint(full), fmt.Sprint(memo)); diff != "" {
				t.Fatalf("round %d: checked every time (-) and once (+) differ:\n%s", round, diff)
			}
		}
	}
}

// TestIDIndexIsAMap holds the table of IDs to a map through growth from
// empty, bulk filling a region at a time, lookups of IDs there and not.
func TestIDIndexIsAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var ids []string
	want := map[string]int32{}
	var x idIndex
	idOf := func(k int32) string { return ids[k] }
	for round := range 40 {
		n := r.IntN(1 << uint(r.IntN(14)))
		var batch []taggedID
		for range n {
			id := fmt.Sprintf("id-%d", r.IntN(100_000))
			if _, ok := want[id]; ok {
				continue
			}
			want[id] = int32(len(ids))
			batch = append(batch, taggedID{idTag(id), int32(len(ids))})
			ids = append(ids, id)
		}
		if round%2 == 0 { // one by one
			for _, e := range batch {
				if _, dup := x.insert(e.tag, e.pos, func(k int32) bool { return ids[k] == ids[e.pos] }); dup {
					t.Fatalf("%q found before it was put", ids[e.pos])
				}
			}
		} else { // in bulk, by region
			x.reserve(len(batch))
			for _, e := range byRegion(batch) {
				x.put(idSlot{tag: e.tag, pos: uint32(e.pos) + 1})
			}
		}
		if x.n != len(want) {
			t.Fatalf("round %d: %d IDs in the table, want %d", round, x.n, len(want))
		}
		for range 500 {
			id := fmt.Sprintf("id-%d", r.IntN(120_000))
			got, ok := x.lookup(id, idOf)
			w, wok := want[id]
			if ok != wok || ok && got != w {
				t.Fatalf("round %d: lookup(%q) = %d, %v; want %d, %v", round, id, got, ok, w, wok)
			}
		}
	}
}

// TestByRegionOrder holds byRegion to its contract on parts of every
// size, with tags that share their top bits often and repeat whole: the
// result holds every id of the parts once, ordered by the top sixteen bits
// of the tag, and ids that share those bits keep their order in the parts
// taken one after another (so that, of two records with one ID, the first
// given is met first and the second is the one reported).
func TestByRegionOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for round := range 60 {
		parts := make([][]taggedID, 1+r.IntN(4))
		var all []taggedID // the parts one after another
		for k := range parts {
			n := r.IntN(1 << uint(r.IntN(15)))
			for range n {
				// Few distinct top bits, and some tags repeated whole.
				tag := uint32(r.IntN(4))<<24 | uint32(r.IntN(8))<<16 | uint32(r.IntN(3))
				if r.IntN(4) == 0 {
					tag = r.Uint32()
				}
				parts[k] = append(parts[k], taggedID{tag, int32(len(all))})
				all = append(all, taggedID{tag, int32(len(all))})
			}
		}
		got := byRegion(parts...)
		want := all
		// Ordered whenever there are several parts or a table's worth of
		// ids (regionMin), written out here rather than asked of regioned.
		if len(parts) > 1 || len(all) >= 1<<12 {
			want = slices.Clone(all)
			slices.SortStableFunc(want, func(a, b taggedID) int { return cmp.Compare(a.tag>>16, b.tag>>16) })
		}
		if diff := gocmp.Diff(want, got, gocmp.AllowUnexported(taggedID{})); diff != "" {
			t.Fatalf("round %d (%d ids in %d parts) (-want +got):\n%s", round, len(all), len(parts), diff)
		}
	}
}
