package fts_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

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

// generatedCSV is a CSV file of n flows shaped like HDX's, made as it is
// read so that the file is never in memory whole. Each row has a
// description of its own; pad adds a column the reader skips, of pad
// bytes a row.
type generatedCSV struct {
	n, pad int
	row    int // the next row to make, 0 for the header
	buf    []byte
	unread []byte
	size   int64 // bytes made
}

var benchOrgs = []string{"Germany, Government of", "European Commission", "United States of America, Government of",
	"Jordan Humanitarian Fund", "Central Emergency Response Fund", "Saudi Arabia (Kingdom of), Government of"}

func (g *generatedCSV) Read(p []byte) (int, error) {
	for len(g.unread) == 0 {
		if g.row > g.n {
			return 0, io.EOF
		}
		g.unread = g.make(g.buf[:0])
		g.buf = g.unread
		g.size += int64(len(g.unread))
		g.row++
	}
	n := copy(p, g.unread)
	g.unread = g.unread[n:]
	return n, nil
}

// make appends the next row to b.
func (g *generatedCSV) make(b []byte) []byte {
	if g.row == 0 {
		b = append(b, strings.TrimSuffix(csvLine(hdxColumns), "\n")...)
		if g.pad > 0 {
			b = append(b, ",padding"...)
		}
		return append(b, '\n')
	}
	i := g.row
	num := func(b []byte, n, width int) []byte {
		for d := strconv.Itoa(n); width > len(d); width-- {
			b = append(b, '0')
		}
		return strconv.AppendInt(b, int64(n), 10)
	}
	b = append(b, "2020-"...)
	b = num(b, 1+i%12, 2)
	b = append(b, '-')
	b = num(b, 1+i%28, 2)
	b = append(b, ",2020,Flow "...)
	b = num(b, i, 0)
	b = append(b, ": humanitarian assistance to refugees and host communities,"...)
	b = num(b, 1000+i*7, 0)
	b = append(b, '.')
	b = num(b, i%100, 2)
	b = append(b, ",\""...)
	b = append(b, benchOrgs[i%len(benchOrgs)]...)
	b = append(b, "\",Government,,2020,2020,Syria Refugee Response and Resilience Plan (3RP) 2020,RSYR20,943,"+
		"World Food Programme,UN agency,\"Food Security,Protection\",JOR,,,Syrian Arab Republic - Civil Unrest (from 2012),"+
		"2020,2021,financial,Standard,Traditional aid,incoming,single,"...)
	b = append(b, [...]string{"paid", "commitment", "pledge"}[i%3]...)
	b = append(b, ",2020-01-02,2020-01-01,,"...)
	b = num(b, 900+i*6, 0)
	b = append(b, ",EUR,0.883,"...)
	b = num(b, 100000+i, 0)
	b = append(b, ",P"...)
	b = num(b, i, 7)
	b = append(b, ",2020-01-02,2020-01-02"...)
	if g.pad > 0 {
		b = append(b, ',')
		b = append(b, strings.Repeat("x", g.pad)...)
	}
	return append(b, '\n')
}

// BenchmarkReadCSV reads generated CSV files of 10,000 and 1,000,000
// flows, and of 10,000 flows with 4 KiB a row of a column the reader
// skips. Time per flow should not grow with the file; the memory held
// after reading (B-held/flow) is that of the flows, and the peak heap
// while reading (peak-MB) follows the flows, not the file (file-MB): the
// padded file is nine times larger, its peak no larger.
func BenchmarkReadCSV(b *testing.B) {
	for _, tc := range []struct{ n, pad int }{{10_000, 0}, {1_000_000, 0}, {10_000, 4096}} {
		b.Run(fmt.Sprintf("flows=%d/pad=%d", tc.n, tc.pad), func(b *testing.B) {
			b.ReportAllocs()
			var size int64
			peak := peakHeap(func() {
				for b.Loop() {
					g := &generatedCSV{n: tc.n, pad: tc.pad}
					var flows fts.Flows
					if err := flows.ReadCSV(g); err != nil || flows.Len() != tc.n {
						b.Fatalf("%d flows, %.300v", flows.Len(), err)
					}
					size = g.size
				}
			})
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tc.n), "ns/flow")
			b.ReportMetric(float64(size)/1e6, "file-MB")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
			b.ReportMetric(float64(heldBy(func() any {
				var flows fts.Flows
				flows.ReadCSV(&generatedCSV{n: tc.n, pad: tc.pad})
				return &flows
			}))/float64(tc.n), "B-held/flow")
		})
	}
}

// peakHeap runs f and returns the most heap its objects took at once
// above what they took before, sampled every millisecond.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := read(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load() - min(base, peak.Load())
}

// heldBy returns the bytes of heap that what f returns holds.
func heldBy(f func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
}

// TestGeneratedCSVIsValid keeps the benchmark honest: its file reads, and
// its flows are what it says.
func TestGeneratedCSVIsValid(t *testing.T) {
	for _, pad := range []int{0, 10} {
		var flows fts.Flows
		if err := flows.ReadCSV(&generatedCSV{n: 3, pad: pad}); err != nil || flows.Len() != 3 {
			t.Fatalf("%d flows, %v", flows.Len(), err)
		}
		f, _ := flows.Flow("100002")
		if f.AmountUSD.String() != "1014.02" || f.Status != "pledge" || len(f.Destination.GlobalClusters) != 2 ||
			f.Source.Organizations[0] != "United States of America, Government of" || len(f.Destination.UsageYears) != 2 {
			t.Errorf("flow 100002 = %+v", f)
		}
	}
}

// BenchmarkPledgesManyOrganisations turns one flow with n source
// organisations and n global clusters into its record: the names are
// de-duplicated through a set, so the time per name stays flat as n grows
// fourfold.
func BenchmarkPledgesManyOrganisations(b *testing.B) {
	for _, n := range []int{5_000, 20_000, 80_000} {
		b.Run(fmt.Sprintf("names=%d", n), func(b *testing.B) {
			orgs, clusters := make([]string, n), make([]string, n)
			for i := range n {
				orgs[i] = "Organisation " + strconv.Itoa(i)
				clusters[i] = "Cluster " + strconv.Itoa(i)
			}
			var fs fts.Flows
			fs.Add(fts.Flow{ID: "1", Status: "paid", AmountUSD: decimal.NewFromInt(5),
				Source: fts.Side{Organizations: orgs}, Destination: fts.Side{Organizations: orgs, GlobalClusters: clusters}})
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fs.Pledges(fts.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/name")
		})
	}
}
