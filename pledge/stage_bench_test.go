package pledge_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/summitry/summitry/pledge"
)

// BenchmarkTotalByStageWideTree lays out one fulfilment tree whose parent
// has n parts, each in a category of its own, by stage × category: under it
// either one commitment with n parts in the same categories in the other
// order ("parts"), or n commitments of one category each ("children").
// What the children take up of the parent is found by category, so the
// time per part stays flat as n grows fourfold.
func BenchmarkTotalByStageWideTree(b *testing.B) {
	q := pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}}
	for _, shape := range []string{"parts", "children"} {
		for _, n := range []int{2_000, 8_000, 32_000} {
			b.Run(fmt.Sprintf("%s=%d", shape, n), func(b *testing.B) {
				book := wideTree(b, shape, n)
				b.ReportAllocs()
				for b.Loop() {
					t, err := book.Total(q)
					if err != nil {
						b.Fatal(err)
					}
					benchTotalsSink = t
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/part")
			})
		}
	}
}

// wideTree is the book of BenchmarkTotalByStageWideTree.
func wideTree(b *testing.B, shape string, n int) *pledge.Book {
	cat := func(i int) []pledge.Category { return []pledge.Category{pledge.Category("c" + strconv.Itoa(i))} }
	parent := pledge.Pledge{ID: "a", Donor: "D", Amount: pledge.MustAmount(strconv.Itoa(3*n), "USD"), Date: day("2020-01-01")}
	for i := range n {
		parent.Parts = append(parent.Parts, pledge.Part{Amount: pledge.MustAmount("2", "USD"), Categories: cat(i)})
	}
	ps := []pledge.Pledge{parent}
	if shape == "parts" {
		c := pledge.Pledge{ID: "b", Donor: "D", Amount: pledge.MustAmount(strconv.Itoa(n), "USD"), Under: "a", Stage: pledge.Committed, Date: day("2020-01-01")}
		for i := range n {
			c.Parts = append(c.Parts, pledge.Part{Amount: pledge.MustAmount("1", "USD"), Categories: cat(n - 1 - i)})
		}
		ps = append(ps, c)
	} else {
		for i := range n {
			ps = append(ps, pledge.Pledge{ID: "k" + strconv.Itoa(i), Donor: "D", Amount: pledge.MustAmount("1", "USD"),
				Categories: cat(n - 1 - i), Under: "a", Stage: pledge.Committed, Date: day("2020-01-01")})
		}
	}
	book := new(pledge.Book)
	if err := book.Add(ps...); err != nil {
		b.Fatal(err)
	}
	return book
}
