package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestRankingDetails checks what the story's prose relies on: the
// difference is taken on the tally's day (Yoon's 11 of 5 September 2024
// are all in the ledger, whatever the ranking's end), Roh's bound is
// marked inferred, a bounded count has a range of rates, and a president
// not yet in office is left out.
func TestRankingDetails(t *testing.T) {
	l, err := ledger()
	if err != nil {
		t.Fatal(err)
	}
	may, err := l.Rank("KR", "JP", through(press, day("2024-05-26")))
	if err != nil {
		t.Fatal(err)
	}
	y := row(may, yoon)
	if y.Recorded != 10 || y.Reported.ID != "newsis-2024-09-05-yoon" || y.Missing != 0 {
		t.Errorf("Yoon on 2024-05-26: ledger %d, tally %s, missing %d; want 10, newsis-2024-09-05-yoon, 0", y.Recorded, y.Reported.ID, y.Missing)
	}
	july, err := l.Rank("KR", "JP", through(press, day("2024-07-10")))
	if err != nil {
		t.Fatal(err)
	}
	r := row(july, roh)
	if !r.Reported.Inferred || !strings.Contains(july.String(), "..19 (inferred) as of 2023-03-16") {
		t.Errorf("Roh's bound is not shown as inferred: %+v", r.Reported)
	}
	if want := "2–3. Roh Moo-hyun: 11 to 19 in 5.00 years (2.20 to 3.80 a year)"; r.String() != want {
		t.Errorf("Roh: %q, want %q", r.String(), want)
	}
	open, err := l.Rank("KR", "JP", press) // no end date: as of the latest meeting, 2024-11-16
	if err != nil {
		t.Fatal(err)
	}
	if got := row(open, "kr-lee-jae-myung"); got.ID != "" {
		t.Errorf("Lee Jae-myung, in office from 2025, is ranked as of %s: %s", open.AsOf().Format(time.DateOnly), got)
	}
}

// undated are the sources of the data set whose page gives no date of its
// own, each with the reason; the data README lists them under "Known
// gaps". Every other source must have a date.
var undated = map[string]string{
	"https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea":                                     "a Wikipedia list, revised continually",
	"https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan":                                      "a Wikipedia list, revised continually",
	"https://www.president.go.kr":                                                                         "a home page",
	"https://www.kantei.go.jp/jp/rekidainaikaku/index.html":                                               "an index page",
	"https://archives.go.kr/next/newsearch/listSubjectDescription.do?id=003095&pageFlag=A&sitePage=1-2-1": "an archive index page",
	"https://www.mofa.go.jp/mofaj/kaidan/s_koi/apec_05/s_jk_gai.html":                                     "no date found on the page",
	"https://www.mofa.go.jp/mofaj/kaidan/s_abe/apec_06/kaidan_jk.html":                                    "dated by month only (平成18年11月)",
	"https://www.mofa.go.jp/mofaj/a_o/na/kr/page4_004357.html":                                            "no date found on the page",
	"https://krtube.net/view/SIVAgBU-pks.html":                                                            "a transcript page with no date",
	"https://news.kbs.co.kr/news/pc/view/view.do?ncd=8108896":                                             "no date found on the page",
	"https://www.ktv.go.kr/content/view?content_id=114564":                                                "no date found on the page",
}

// TestSourcesDated: every source names its publisher and address, and
// has a date unless its page gives none (undated); undated lists only
// sources the data set uses.
func TestSourcesDated(t *testing.T) {
	l, err := ledger()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	check := func(what string, srcs []meeting.Source) {
		if len(srcs) == 0 {
			t.Errorf("%s has no source", what)
		}
		for _, s := range srcs {
			used[s.URL] = true
			switch {
			case s.Publisher == "" || s.URL == "":
				t.Errorf("%s: a source without a publisher or address: %+v", what, s)
			case s.Date.IsZero() && undated[s.URL] == "":
				t.Errorf("%s: %s has no date", what, s.URL)
			case !s.Date.IsZero() && undated[s.URL] != "":
				t.Errorf("%s: %s is listed as undated but has %s", what, s.URL, s.Date.Format(time.DateOnly))
			}
		}
	}
	for _, ld := range l.Leaders() {
		check(ld.ID, ld.Sources)
	}
	for _, m := range l.Meetings() {
		check(m.ID, m.Sources)
	}
	for _, tl := range l.Tallies() {
		check(tl.ID, tl.Sources)
	}
	for url := range undated {
		if !used[url] {
			t.Errorf("undated lists %s, which no record cites", url)
		}
	}
}
