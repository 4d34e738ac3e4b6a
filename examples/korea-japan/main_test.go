package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

// TestRun checks the story's output against testdata/output.golden; run
// `go test -update` after a deliberate change.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// place is where a leader stands: best and worst rank and the count.
type place struct {
	Rank, Lowest, Count, Most int
	By                        meeting.Basis
}

// TestRanking checks the claim against the data set: Yoon third behind Lee
// Myung-bak and Kim Dae-jung when the New York talks count, fourth if Roh
// Moo-hyun had more than his 11 dated summits; fourth behind Roh when only
// formal talks count; and with 12 on 6 September 2024, still third or
// fourth.
func TestRanking(t *testing.T) {
	l, err := ledger()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		r    meeting.Rule
		want map[string]place
	}{
		{"as the sources count, 10 July 2024", through(press, day("2024-07-10")), map[string]place{
			"kr-lee-myung-bak": {1, 1, 20, 20, meeting.Reported},
			"kr-kim-dae-jung":  {2, 3, 14, 14, meeting.Reported},
			"kr-roh-moo-hyun":  {2, 3, 11, 19, meeting.Recorded},
			"kr-yoon-suk-yeol": {3, 4, 11, 11, meeting.Recorded},
			"kr-moon-jae-in":   {5, 9, 6, 6, meeting.Recorded},
			"kr-park-geun-hye": {6, 10, 3, 3, meeting.Recorded},
			"kr-syngman-rhee":  {0, 0, 0, meeting.Unbounded, meeting.NoData},
		}},
		{"formal talks only, 10 July 2024", through(strict, day("2024-07-10")), map[string]place{
			"kr-lee-myung-bak": {1, 1, 20, 20, meeting.Reported},
			"kr-roh-moo-hyun":  {2, 3, 11, 19, meeting.Recorded},
			"kr-yoon-suk-yeol": {4, 4, 10, 10, meeting.Recorded},
		}},
		{"the 12th meeting, 6 September 2024", through(press, day("2024-09-06")), map[string]place{
			"kr-yoon-suk-yeol": {3, 4, 12, 12, meeting.Recorded},
		}},
		{"Yoon's term", through(press, day("2025-04-04")), map[string]place{
			"kr-yoon-suk-yeol": {1, 3, 14, meeting.Unbounded, meeting.Recorded},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Rank("KR", "JP", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]place{}
			for id := range tt.want {
				r := row(s, id)
				got[id] = place{r.Rank, r.Lowest, r.Count, r.Most, r.By}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("standings (-want +got):\n%s", diff)
			}
		})
	}

	// Every meeting of Yoon's term is in the data set: 13 formal summits
	// and the informal talks in New York, 12 with Kishida and 2 with Ishiba.
	for _, c := range []struct {
		with string
		r    meeting.Rule
		want int
	}{
		{"jp-kishida-fumio", press, 12}, {"jp-kishida-fumio", strict, 11}, {"jp-ishiba-shigeru", press, 2},
	} {
		if n, err := l.Count(yoon, c.with, c.r); err != nil || n != c.want {
			t.Errorf("Count(Yoon, %s, %s) = %d, %v; want %d", c.with, c.r, n, err, c.want)
		}
	}
}
