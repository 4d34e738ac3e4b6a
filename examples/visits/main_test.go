package main

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sharedDir returns ../shared/testdata/historian from the repository root,
// or skips the test when it is not there (a plain clone).
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "historian")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.xml")); len(files) == 0 {
		t.Skipf("no Office of the Historian data in %s: it lives beside the repository, in ../shared/testdata", dir)
	}
	return dir
}

func TestRun(t *testing.T) {
	dir := sharedDir(t)
	var out bytes.Buffer
	if err := run(&out, dir); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	t.Log("\n" + got)

	lines := strings.Split(got, "\n")
	section := func(header string, n int) []string {
		for i, l := range lines {
			if strings.HasPrefix(l, header) {
				if i+1+n > len(lines) {
					break
				}
				return lines[i+1 : i+1+n]
			}
		}
		t.Fatalf("no %q in the output", header)
		return nil
	}

	if !strings.HasPrefix(got, "Office of the Historian, Visits by Foreign Leaders: 3264 visits, 1874-12-12..2024-11-12\n"+
		"Country ids with an ISO 3166 code: 202 of 203 (without: hawaii)\n") {
		t.Errorf("header:\n%s", strings.Join(lines[:2], "\n"))
	}

	// Competition ranking: 1, 2, 3, 3, 3, 3, 7, ...
	ranking := section("Which South Korean presidents", 14)[1:]
	want := []string{
		"   1. Lee Myung-bak     7 visits in  5.00 years  1.40 a year",
		"   2. Roh Tae-woo       5 visits in  5.00 years  1.00 a year",
		"   3. Kim Dae-jung      4 visits in  5.00 years  0.80 a year",
		"   3. Moon Jae-in       4 visits in  5.00 years  0.80 a year",
		"   3. Park Chung-hee    4 visits in 17.59 years  0.23 a year",
		"   3. Yoon Suk Yeol     4 visits in  2.51 years  1.59 a year",
		"   7. Kim Young-sam     3 visits in  5.00 years  0.60 a year",
		"   7. Park Geun-hye     3 visits in  4.04 years  0.74 a year",
		"   7. Roh Moo-hyun      3 visits in  5.00 years  0.60 a year",
		"  10. Chun Doo-hwan     2 visits in  7.48 years  0.27 a year",
		"  11. Syngman Rhee      1 visits in 11.76 years  0.09 a year",
		"  12. Choi Kyu-hah      0 visits in  0.70 years  0.00 a year",
		"  12. Yun Posun         0 visits in  1.61 years  0.00 a year",
	}
	if diff := cmp.Diff(want, ranking); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}

	nato := section("Who came for the NATO summit on 2024-07-10? 35 leaders:", 35)
	for _, w := range []string{
		"  South Korea      KR  President Yoon Suk Yeol",
		"  Japan            JP  Prime Minister Kishida Fumio",
		"  Germany          DE  Chancellor Olaf Scholz",
		"  Czechia          CZ  President Petr Pavel",
		"  Türkiye          TR  President Recep Tayyip Erdoğan",
		"  United Kingdom   GB  Prime Minister Keir Starmer",
	} {
		if !strings.Contains(strings.Join(nato, "\n"), w) {
			t.Errorf("NATO list lacks %q", w)
		}
	}

	// Every Korean visit is a meeting or listed: 40 + 5 = 45.
	korea := section("South Korean visits not resolved:", 5)
	for i, id := range []string{"2305 ", "2451 ", "18 ", "85 ", "192 "} {
		if !strings.HasPrefix(korea[i], "  "+id) {
			t.Errorf("unresolved Korean visit %d: %q, want visit %s", i, korea[i], id)
		}
	}
	if !strings.Contains(got, "Meetings recorded: 40; visits not resolved: 3224 ") {
		t.Error("wrong count of meetings and unresolved visits")
	}

	// Deterministic.
	var again bytes.Buffer
	if err := run(&again, dir); err != nil {
		t.Fatal(err)
	}
	if again.String() != got {
		t.Error("a second run printed something else")
	}
}

func TestRunWithoutData(t *testing.T) {
	err := run(new(bytes.Buffer), t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("empty folder: got %v, want fs.ErrNotExist", err)
	}
}

func TestLeaderData(t *testing.T) {
	// Every term is in order and a president's terms do not overlap another
	// president's of the same country by more than the day of handover.
	all := append(usPresidents(), koreanPresidents()...)
	for i, a := range all {
		for _, ta := range a.Terms {
			if !ta.End.IsZero() && ta.End.Before(ta.Start) {
				t.Errorf("%s: term %s ends before it starts", a.ID, ta)
			}
			for _, b := range all[i+1:] {
				if a.Country != b.Country {
					continue
				}
				for _, tb := range b.Terms {
					endA, endB := ta.End, tb.End
					overlap := (endB.IsZero() || !ta.Start.After(endB)) && (endA.IsZero() || !tb.Start.After(endA))
					handover := ta.Start.Equal(endB) || tb.Start.Equal(endA)
					if overlap && !handover {
						t.Errorf("%s %s and %s %s overlap", a.ID, ta, b.ID, tb)
					}
				}
			}
		}
	}
}
