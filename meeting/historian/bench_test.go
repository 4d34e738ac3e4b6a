package historian_test

import (
	"bytes"
	"os"
	"path/filepath"
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
