package meeting_test

import (
	"fmt"
	"testing"

	"github.com/summitry/summitry/meeting"
)

var sinkStandings meeting.Standings

// BenchmarkRank ranks the 500 Korean leaders of a ledger of 200,000
// meetings among 2,000 leaders by their meetings with the 500 Japanese
// ones, from the ledger alone and with a tally for every Korean leader.
func BenchmarkRank(b *testing.B) {
	l := bigLedger(b, 2000, 200_000)
	b.Run("ledger", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, err := l.Rank("KR", "JP", meeting.Rule{})
			if err != nil {
				b.Fatal(err)
			}
			sinkStandings = s
		}
	})
	var ts []meeting.Tally
	for i := 0; i < 2000; i += 4 { // the Korean leaders: l0000, l0004, ...
		ts = append(ts, meeting.Tally{ID: fmt.Sprintf("t%04d", i), Leader: fmt.Sprintf("l%04d", i), With: "JP",
			Count: 100, AsOf: day("2002-01-01")})
	}
	if err := l.AddTally(ts...); err != nil {
		b.Fatal(err)
	}
	b.Run("tallies", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, err := l.Rank("KR", "JP", meeting.Rule{})
			if err != nil {
				b.Fatal(err)
			}
			sinkStandings = s
		}
	})
}
