package historian_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/summitry/summitry/meeting/historian"
)

var sink []historian.Visit

// BenchmarkReadVisits reads every shared file from memory and reports
// visits read per second.
func BenchmarkReadVisits(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "*.xml"))
	var data [][]byte
	size := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, d := range data {
			vs, err := historian.ReadVisits(bytes.NewReader(d))
			if err != nil {
				b.Fatal(err)
			}
			n += len(vs)
			sink = vs
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "visits/s")
}

// BenchmarkReadVisitsBad reads files of many bad visits: the error keeps
// 100 problems, and the bytes allocated per byte of input stay the same
// as the input grows.
func BenchmarkReadVisitsBad(b *testing.B) {
	bad := `<visit><id>x</id><start-date>?</start-date><end-date>?</end-date><visitor/><from/></visit>`
	for _, n := range []int{10_000, 100_000} {
		data := []byte("<visits>" + strings.Repeat(bad, n) + "</visits>")
		b.Run(fmt.Sprintf("visits=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				if _, err := historian.ReadVisits(bytes.NewReader(data)); err == nil {
					b.Fatal("no error")
				}
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N*len(data)), "B/input-B")
		})
	}
}
