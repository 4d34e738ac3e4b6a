package fts_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/summitry/summitry/pledge/fts"
)

// manyFlows is a page of n flows; bad ones have three wrong fields each.
func manyFlows(n int, bad bool) []byte {
	flows := make([]string, n)
	for i := range flows {
		id := strconv.Quote(strconv.Itoa(1000 + i))
		if bad {
			flows[i] = flowJSON("id", id, "status", `"promised"`, "amountUSD", `"5"`, "date", `"31/03/2020"`)
		} else {
			flows[i] = flowJSON("id", id)
		}
	}
	return []byte(page(flows...))
}

// BenchmarkReadPage reads pages of good flows and of bad flows (three
// problems each) at two sizes: time per flow and bytes allocated per input
// byte (B-alloc/B-in) should not grow with the size of the page, and what
// the error of a bad page holds (B-held) should not grow at all.
func BenchmarkReadPage(b *testing.B) {
	for _, bad := range []bool{false, true} {
		for _, n := range []int{1_000, 10_000} {
			kind := "good"
			if bad {
				kind = "bad"
			}
			data := manyFlows(n, bad)
			b.Run(fmt.Sprintf("%s/flows=%d", kind, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				for b.Loop() {
					flows, err := fts.ReadFlows(bytes.NewReader(data))
					if (err != nil) != bad || (!bad && len(flows) != n) {
						b.Fatalf("%d flows, %.200v", len(flows), err)
					}
				}
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/flow")
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N*len(data)), "B-alloc/B-in")
				b.ReportMetric(float64(held(data)), "B-held")
			})
		}
	}
}

// held returns the bytes of heap that what ReadFlows returns holds: the
// flows, or the error.
func held(data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	flows, err := fts.ReadFlows(bytes.NewReader(data))
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(flows)
	runtime.KeepAlive(err)
	return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
}

// TestManyFlowsIsValid keeps the benchmark honest: its good page reads.
func TestManyFlowsIsValid(t *testing.T) {
	flows, err := fts.ReadFlows(bytes.NewReader(manyFlows(3, false)))
	if err != nil || len(flows) != 3 {
		t.Fatalf("%d flows, %v", len(flows), err)
	}
	if _, err := fts.ReadFlows(bytes.NewReader(manyFlows(3, true))); err == nil || !strings.Contains(err.Error(), "9 problems") {
		t.Fatalf("bad page: %v", err)
	}
}
