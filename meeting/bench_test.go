package meeting_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/summitry/summitry/meeting"
)

// Sinks keep the compiler from optimizing benchmarked calls away.
var (
	sinkInt    int
	sinkLedger *meeting.Ledger
	sinkPairs  meeting.PairCounts
)

// ledgerJSON returns the JSON of a ledger of 200 leaders and n meetings,
// with sources and notes.
func ledgerJSON(tb testing.TB, n int) []byte {
	var l meeting.Ledger
	leaders := make([]meeting.Leader, 200)
	for i := range leaders {
		leaders[i] = meeting.Leader{ID: fmt.Sprintf("l%03d", i), Name: fmt.Sprintf("Leader %03d", i), Country: []string{"KR", "JP"}[i%2],
			Office: "president", Terms: []meeting.Term{{Start: day("1950-01-01")}}, Aliases: []string{fmt.Sprintf("지도자 %d", i)}}
	}
	if err := l.AddLeader(leaders...); err != nil {
		tb.Fatal(err)
	}
	ms := make([]meeting.Meeting, n)
	for i := range ms {
		a, b := i%200, (i%200+1+(i/200)%199)%200
		ms[i] = meeting.Meeting{
			ID: fmt.Sprintf("m%07d", i), Date: day("1950-01-01").AddDate(0, 0, i/100),
			Participants: []string{leaders[a].ID, leaders[b].ID}, Place: "Seoul", Occasion: "Summit 1950",
			Sources: []meeting.Source{{Publisher: "Yonhap", URL: "https://example.com/" + strconv.Itoa(i), Date: day("1950-01-02")}},
			Note:    "talks on the sidelines",
		}
	}
	if err := l.AddMeeting(ms...); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := l.WriteJSON(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkReadLedger(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		data := ledgerJSON(b, n)
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) { benchReadLedger(b, data, n) })
	}
}

// benchReadLedger reads data, a ledger of n meetings, b.N times and
// reports the time per meeting.
func benchReadLedger(b *testing.B, data []byte, n int) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		l, err := meeting.ReadLedger(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		sinkLedger = l
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/meeting")
}

// bigLedger returns a ledger of n meetings among k leaders, each leader in
// office throughout.
func bigLedger(tb testing.TB, k, n int) *meeting.Ledger {
	var l meeting.Ledger
	leaders := make([]meeting.Leader, k)
	for i := range leaders {
		leaders[i] = meeting.Leader{ID: fmt.Sprintf("l%04d", i), Name: fmt.Sprintf("Leader %04d", i), Country: []string{"KR", "JP", "US", "DE"}[i%4]}
	}
	if err := l.AddLeader(leaders...); err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ms := make([]meeting.Meeting, n)
	seen := map[[4]int]bool{}
	for i := range ms {
		d, kind := i/200, r.IntN(4)
		a, b := r.IntN(k), 0
		for {
			b = (a + 1 + r.IntN(k-1)) % k
			if key := [4]int{d, min(a, b), max(a, b), kind}; !seen[key] {
				seen[key] = true
				break
			}
		}
		ms[i] = meeting.Meeting{
			ID: fmt.Sprintf("m%07d", i), Date: day("2000-01-01").AddDate(0, 0, d),
			Participants: []string{leaders[a].ID, leaders[b].ID}, Kind: meeting.Kind(kind),
		}
	}
	if err := l.AddMeeting(ms...); err != nil {
		tb.Fatal(err)
	}
	return &l
}

func BenchmarkCount(b *testing.B) {
	l := bigLedger(b, 2000, 200_000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		n, err := l.Count(fmt.Sprintf("l%04d", i%2000), fmt.Sprintf("l%04d", (i*7+1)%2000), meeting.Rule{})
		if err != nil {
			b.Fatal(err)
		}
		sinkInt = n
	}
}

func BenchmarkPairs(b *testing.B) {
	l := bigLedger(b, 2000, 200_000)
	b.ResetTimer()
	for b.Loop() {
		sinkPairs = l.Pairs(meeting.Rule{})
	}
}

// termsJSON returns a ledger of one leader with n one-day terms, every
// other day, and n meetings with a leader without terms, one on each term:
// the shape that made every meeting scan every term (issue 10).
func termsJSON(n int) []byte {
	var b bytes.Buffer
	start := day("1900-01-01")
	b.WriteString(`{"leaders": [{"id": "a", "name": "A", "country": "KR", "terms": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		d := start.AddDate(0, 0, 2*i).Format(time.DateOnly)
		fmt.Fprintf(&b, `{"start": %q, "end": %q}`, d, d)
	}
	b.WriteString(`]}, {"id": "b", "name": "B", "country": "JP"}],` + "\n" + `"meetings": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "m%d", "date": %q, "participants": ["a", "b"], "kind": "talks", "status": "held"}`,
			i, start.AddDate(0, 0, 2*i).Format(time.DateOnly))
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// BenchmarkReadLedgerTerms reads a leader of many terms and as many
// meetings: the time per meeting stays the same as both grow.
func BenchmarkReadLedgerTerms(b *testing.B) {
	for _, n := range []int{2_500, 10_000, 40_000} {
		data := termsJSON(n)
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) { benchReadLedger(b, data, n) })
	}
}

// BenchmarkAddLeaderAliases adds one leader with many aliases: the time per
// alias stays the same as they grow.
func BenchmarkAddLeaderAliases(b *testing.B) {
	for _, n := range []int{10_000, 40_000} {
		ld := meeting.Leader{ID: "a", Name: "A", Country: "KR", Aliases: make([]string, n)}
		for i := range ld.Aliases {
			ld.Aliases[i] = fmt.Sprintf("Alias %d", i)
		}
		b.Run(fmt.Sprintf("aliases=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var l meeting.Ledger
				if err := l.AddLeader(ld); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/alias")
		})
	}
}

// BenchmarkPairsMultilateral counts the pairs of one meeting of k leaders
// under a Multilateral rule and reads the rows: the time and memory per
// pair stay the same as k grows.
func BenchmarkPairsMultilateral(b *testing.B) {
	for _, k := range []int{100, 400} {
		var l meeting.Ledger
		leaders := make([]meeting.Leader, k)
		ids := make([]string, k)
		for i := range leaders {
			ids[i] = fmt.Sprintf("x%04d", i)
			leaders[i] = meeting.Leader{ID: ids[i], Name: fmt.Sprintf("Leader %04d", i), Country: "KR", Office: "president",
				Terms: []meeting.Term{{Start: day("2020-01-01")}}, Aliases: []string{fmt.Sprintf("지도자 %d", i)}}
		}
		if err := l.AddLeader(leaders...); err != nil {
			b.Fatal(err)
		}
		if err := l.AddMeeting(meeting.Meeting{ID: "m", Date: day("2024-09-24"), Participants: ids}); err != nil {
			b.Fatal(err)
		}
		pairs := k * (k - 1) / 2
		b.Run(fmt.Sprintf("participants=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkPairs = l.Pairs(meeting.Rule{Multilateral: true})
				sinkInt = len(sinkPairs.Rows())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pairs), "ns/pair")
		})
	}
}

// BenchmarkReadLedgerBad reads documents of many small bad records: the
// error keeps 100 problems, and the bytes allocated per byte of input
// stay the same as the input grows.
func BenchmarkReadLedgerBad(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := []byte(`{"meetings": [` + strings.Repeat(`{"id": "m", "date": "x"},`, n-1) + `{}]}`)
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				if _, err := meeting.ReadLedger(bytes.NewReader(data)); err == nil {
					b.Fatal("no error")
				}
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N*len(data)), "B/input-B")
		})
	}
}

// BenchmarkAddLeaderClashes adds n leaders whose IDs read as the name of n
// leaders in the ledger: n² clashes, of which 100 are made into problems,
// so the time per leader added stays the same as n grows.
func BenchmarkAddLeaderClashes(b *testing.B) {
	for _, n := range []int{1_000, 4_000} {
		named, ids := clashingLeaders(n)
		var l meeting.Ledger
		if err := l.AddLeader(named...); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("leaders=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := l.AddLeader(ids...); err == nil {
					b.Fatal("no error")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/leader")
		})
	}
}
