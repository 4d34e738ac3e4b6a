package meeting_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

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
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				l, err := meeting.ReadLedger(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				sinkLedger = l
			}
		})
	}
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
