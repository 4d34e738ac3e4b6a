package meeting_test

// Benchmarks at scale (issue 7): Ledger.Pairs and Ledger.Count over
// 1,000,000 meetings among 2,000 leaders. bench_test.go measures the same
// calls on 200,000 meetings; Count should cost about the same on both, as it
// does not scan all meetings.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/summitry/summitry/meeting"
)

var (
	perfSinkInt   int
	perfSinkPairs meeting.PairCounts
)

// perf1M is the ledger of the 1M benchmarks, built once per test binary,
// and pairs of leaders that met, for Count.
var perf1M struct {
	once   sync.Once
	ledger *meeting.Ledger
	pairs  [][2]string
	err    error
}

// perfLedger returns a ledger of n meetings among k leaders in office
// throughout: about 400 meetings a day from 2010 on, 95% bilateral and 5%
// trilateral, every kind (half of them talks) and status (90% held).
func perfLedger(k, n int) (*meeting.Ledger, [][2]string, error) {
	var l meeting.Ledger
	countries := []string{"KR", "JP", "US", "DE", "FR", "GB", "CA", "IT", "PL", "UA"}
	leaders := make([]meeting.Leader, k)
	for i := range leaders {
		leaders[i] = meeting.Leader{ID: fmt.Sprintf("x%04d", i), Name: fmt.Sprintf("Leader %04d", i), Country: countries[i%len(countries)], Office: "president"}
	}
	if err := l.AddLeader(leaders...); err != nil {
		return nil, nil, err
	}
	r := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2010, time.January, 1, 0, 0, 0, 0, time.UTC)
	ms := make([]meeting.Meeting, 0, n)
	var pairs [][2]string
	seen := map[[4]int]bool{} // one day's participants and kind
	for i := 0; len(ms) < n; i++ {
		d := len(ms) / 400
		if len(ms)%400 == 0 {
			clear(seen)
		}
		who := []int{r.IntN(k), r.IntN(k), -1}
		if r.IntN(20) == 0 {
			who[2] = r.IntN(k)
		}
		kind := []meeting.Kind{meeting.Talks, meeting.Talks, meeting.Talks, meeting.Talks, meeting.Talks,
			meeting.PullAside, meeting.PullAside, meeting.Call, meeting.Call, meeting.Visit}[r.IntN(10)]
		slices.Sort(who)
		if who[0] == who[1] || who[1] == who[2] { // -1 (no third) sorts first and equals no leader
			continue
		}
		key := [4]int{who[0], who[1], who[2], int(kind)}
		if seen[key] {
			continue
		}
		seen[key] = true
		status := meeting.Held
		switch x := r.IntN(100); {
		case x < 5:
			status = meeting.Planned
		case x < 8:
			status = meeting.Unconfirmed
		case x < 10:
			status = meeting.Cancelled
		}
		m := meeting.Meeting{
			ID:     fmt.Sprintf("m%07d", len(ms)),
			Date:   start.AddDate(0, 0, d),
			Kind:   kind,
			Status: status,
		}
		for _, w := range who {
			if w >= 0 {
				m.Participants = append(m.Participants, leaders[w].ID)
			}
		}
		if len(pairs) < 4096 && len(m.Participants) == 2 {
			pairs = append(pairs, [2]string{m.Participants[0], m.Participants[1]})
		}
		ms = append(ms, m)
	}
	if err := l.AddMeeting(ms...); err != nil {
		return nil, nil, err
	}
	return &l, pairs, nil
}

func loadPerf1M(b *testing.B) {
	b.Helper()
	perf1M.once.Do(func() {
		perf1M.ledger, perf1M.pairs, perf1M.err = perfLedger(2_000, 1_000_000)
	})
	if perf1M.err != nil {
		b.Fatal(perf1M.err)
	}
}

// everything counts every kind of meeting held, pairs inside larger
// meetings too.
var everything = meeting.Rule{
	Kinds:        []meeting.Kind{meeting.Talks, meeting.PullAside, meeting.Call, meeting.Visit},
	Multilateral: true,
}

// BenchmarkLedgerPairs1M counts every pair of leaders over 1,000,000
// meetings among 2,000 leaders.
func BenchmarkLedgerPairs1M(b *testing.B) {
	loadPerf1M(b)
	for _, c := range []struct {
		name string
		rule meeting.Rule
	}{{"strict", meeting.Rule{}}, {"everything", everything}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				perfSinkPairs = perf1M.ledger.Pairs(c.rule)
			}
			b.ReportMetric(float64(len(perfSinkPairs.Rows())), "pairs")
		})
	}
}

// BenchmarkLedgerCount1M counts the meetings of one pair of leaders (pairs
// that met, in turn) among 1,000,000 meetings.
func BenchmarkLedgerCount1M(b *testing.B) {
	loadPerf1M(b)
	window := meeting.Rule{From: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2012, 12, 31, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		name string
		rule meeting.Rule
	}{{"strict", meeting.Rule{}}, {"everything", everything}, {"window", window}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				p := perf1M.pairs[i%len(perf1M.pairs)]
				n, err := perf1M.ledger.Count(p[0], p[1], c.rule)
				if err != nil {
					b.Fatal(err)
				}
				perfSinkInt = n
			}
		})
	}
}
