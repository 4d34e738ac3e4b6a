package historian_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting/historian"
)

// sharedDir returns ../shared/testdata/historian (from the repository root),
// or skips the test when it is not there (a plain clone).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "historian")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("no Office of the Historian test data in %s: it lives beside the repository, in ../shared/testdata", dir)
	}
	return dir
}

func readShared(t testing.TB) []historian.Visit {
	t.Helper()
	vs, err := historian.ReadDir(sharedDir(t))
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestSharedData(t *testing.T) {
	vs := readShared(t)
	if len(vs) != 3264 {
		t.Errorf("read %d visits, want the 3264 of the sixteen files", len(vs))
	}
	var korea []historian.Visit
	titled := 0
	for _, v := range vs {
		if v.Country == "KR" {
			korea = append(korea, v)
		}
		if v.Title != "" {
			titled++
		}
		if v.Start.Year() < 1874 || v.Start.Year() > 2024 {
			t.Errorf("visit %d starts in %d, outside 1874–2024", v.ID, v.Start.Year())
		}
	}
	t.Logf("%d visits, %d with a title recognised, %d from South Korea", len(vs), titled, len(korea))
	if len(korea) != 45 {
		t.Errorf("%d visits from South Korea, want 45", len(korea))
	}
	if len(vs)-titled != 10 {
		t.Errorf("%d visitors without a title, want 10 (two people, or no title given)", len(vs)-titled)
	}

	type yoon struct {
		ID          int
		Start, End  string
		Description string
	}
	var got []yoon
	for _, v := range korea {
		if v.Name == "Yoon Suk Yeol" {
			got = append(got, yoon{v.ID, v.Start.Format(time.DateOnly), v.End.Format(time.DateOnly), v.Description})
		}
	}
	// The state visit of April 2023 is recorded for its day in Washington
	// (the 26th); Camp David is the trilateral summit with Japan.
	want := []string{"3157 2023-04-26..2023-04-26", "3167 2023-08-18..2023-08-18", "3204 2023-11-12..2023-11-17", "3305 2024-07-10..2024-07-11"}
	var gotDates []string
	for _, y := range got {
		gotDates = append(gotDates, strconv.Itoa(y.ID)+" "+y.Start+".."+y.End)
	}
	if diff := cmp.Diff(want, gotDates); diff != "" {
		t.Errorf("Yoon's visits (-want +got):\n%s", diff)
	}
	if len(got) == 4 {
		if !strings.Contains(got[0].Description, "State Visit") {
			t.Errorf("visit 3157: %q, want the state visit", got[0].Description)
		}
		if !strings.Contains(got[1].Description, "Camp David") {
			t.Errorf("visit 3167: %q, want Camp David", got[1].Description)
		}
		if !strings.Contains(got[3].Description, "NATO") {
			t.Errorf("visit 3305: %q, want the NATO summit", got[3].Description)
		}
	}

	nato := 0
	for _, v := range vs {
		if v.Covers(time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)) && strings.Contains(v.Description, "NATO") {
			nato++
			if historian.Occasion(v.Description, v.Start.Year()) != "NATO Summit 2024" {
				t.Errorf("visit %d: occasion %q", v.ID, historian.Occasion(v.Description, v.Start.Year()))
			}
		}
	}
	if nato != 35 {
		t.Errorf("%d visits for the NATO summit of 10 July 2024, want 35", nato)
	}
}
