// Command visits reads the US Office of the Historian's "Visits by Foreign
// Leaders" (1874–2024) and answers two questions with a meeting ledger of
// hand-written leader data (leaders.go): which South Korean presidents
// visited the United States most often, ranked, with visits per year in
// office; and who came for the NATO summit in Washington on 10 July 2024.
// It prints what it could not resolve, never dropping a visit silently.
//
//	go run ./examples/visits                 # data in ../shared/testdata/historian
//	go run ./examples/visits -data DIR       # or in DIR
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
)

func main() {
	data := flag.String("data", "", "folder of the Historian's visits XML (default: ../shared/testdata/historian beside the repository)")
	flag.Parse()
	dir := *data
	if dir == "" {
		var err error
		if dir, err = defaultDir(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := run(os.Stdout, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// defaultDir finds ../shared/testdata/historian relative to the root of the
// repository, the nearest folder up from the working directory with a
// go.mod.
func defaultDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "testdata", "historian"), nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("visits: no go.mod above the working directory; give the data folder with -data")
		}
	}
}

// natoDay is the first day of the NATO summit in Washington.
var natoDay = time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)

func run(w io.Writer, dir string) error {
	visits, err := historian.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%w\n(the Office of the Historian's visits XML: pass the folder holding 1870.xml … 2020.xml with -data)", err)
	}
	var l meeting.Ledger
	if err := l.AddLeader(append(usPresidents(), koreanPresidents()...)...); err != nil {
		return err
	}
	unresolved, err := historian.Add(&l, visits)
	if err != nil {
		return err
	}

	// The data.
	first, last := visits[0].Start, visits[0].End
	ids := map[string]string{}
	for _, v := range visits {
		if v.Start.Before(first) {
			first = v.Start
		}
		if v.End.After(last) {
			last = v.End
		}
		ids[v.CountryID] = v.Country
	}
	var unmapped []string
	for id, code := range ids {
		if code == "" {
			unmapped = append(unmapped, id)
		}
	}
	slices.Sort(unmapped)
	fmt.Fprintf(w, "Office of the Historian, Visits by Foreign Leaders: %d visits, %s..%s\n",
		len(visits), first.Format(time.DateOnly), last.Format(time.DateOnly))
	fmt.Fprintf(w, "Country ids with an ISO 3166 code: %d of %d (without: %s)\n\n",
		len(ids)-len(unmapped), len(ids), strings.Join(unmapped, ", "))

	// Question 1: South Korean presidents by visits, up to the end of the data.
	standings, err := l.Rank("KR", "US", meeting.Rule{Kinds: []meeting.Kind{meeting.Visit}, To: last})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Which South Korean presidents visited the United States most often?")
	fmt.Fprintf(w, "(counted: %s, the host being the US president; time in office up to %s)\n",
		standings.Rule(), last.Format(time.DateOnly))
	for _, s := range standings.Rows() {
		fmt.Fprintf(w, "  %2d. %-16s %2d visits in %5s years  %s a year\n",
			s.Rank, s.Name, s.Count, s.YearsInOffice.StringFixed(2), s.PerYear.StringFixed(2))
	}
	fmt.Fprintln(w)

	// Question 2: the NATO summit.
	var nato []historian.Visit
	for _, v := range visits {
		if v.Covers(natoDay) && strings.Contains(v.Description, "NATO") {
			nato = append(nato, v)
		}
	}
	slices.SortFunc(nato, func(a, b historian.Visit) int {
		return cmp.Or(cmp.Compare(a.CountryLabel, b.CountryLabel), cmp.Compare(a.ID, b.ID))
	})
	fmt.Fprintf(w, "Who came for the NATO summit on %s? %d leaders:\n", natoDay.Format(time.DateOnly), len(nato))
	for _, v := range nato {
		fmt.Fprintf(w, "  %-16s %-2s  %s\n", v.CountryLabel, v.Country, v.Visitor)
	}
	fmt.Fprintln(w)

	// What could not be resolved.
	meetings := len(l.Meetings())
	fmt.Fprintf(w, "Meetings recorded: %d; visits not resolved: %d (the ledger holds only US and South Korean presidents)\n",
		meetings, len(unresolved))
	for _, c := range countReasons(unresolved) {
		fmt.Fprintf(w, "  %-20s %4d\n", c.reason, c.n)
	}
	fmt.Fprintln(w, "South Korean visits not resolved:")
	for _, u := range unresolved {
		if u.Country == "KR" {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, "Leader data from:")
	for _, s := range leaderSources {
		fmt.Fprintf(w, " %s;", s.Publisher)
	}
	fmt.Fprintln(w, " see leaders.go.")
	return nil
}

type reasonCount struct {
	reason string
	n      int
}

// countReasons groups unresolved visits by the sentinel of their error.
func countReasons(us []historian.Unresolved) []reasonCount {
	kinds := []struct {
		err    error
		reason string
	}{
		{meeting.ErrUnknownLeader, "unknown visitor"},
		{meeting.ErrAmbiguous, "ambiguous"},
		{meeting.ErrOutOfTerm, "visitor out of term"},
		{historian.ErrNoHost, "no US president"},
		{meeting.ErrDuplicate, "duplicate"},
	}
	counts := make([]reasonCount, len(kinds)+1)
	for i, k := range kinds {
		counts[i].reason = k.reason
	}
	counts[len(kinds)].reason = "other"
	for _, u := range us {
		i := slices.IndexFunc(kinds, func(k struct {
			err    error
			reason string
		}) bool {
			return errors.Is(u.Err, k.err)
		})
		if i < 0 {
			i = len(kinds)
		}
		counts[i].n++
	}
	return slices.DeleteFunc(counts, func(c reasonCount) bool { return c.n == 0 })
}
