// Command korea-japan checks a claim of the July 2024 news report that the
// summitry library was built from: that President Yoon Suk Yeol's 11
// meetings with Prime Minister Fumio Kishida put him "third among Korea's
// leaders since 1948" in bilateral talks with Japan.
//
// It reads a sourced data set (data/*.csv, embedded in the program): South
// Korea's presidents and Japan's prime ministers since 1948 with their
// terms, the Korea–Japan summits that could be dated from public sources
// (every one of Yoon's, Roh Moo-hyun's, Moon Jae-in's and Park Geun-hye's,
// a few of Lee Myung-bak's), and the counts sources report without
// listing the meetings (YTN's figures per president from foreign ministry
// data, March 2023, and one bound the data set infers from them, marked
// so). It ranks the presidents with
// [meeting.Ledger.Rank], which weighs the dated meetings against the
// reported counts, and prints what the ranking depends on and where every
// figure comes from.
package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
)

//go:embed data/*.csv
var files embed.FS

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// day returns a civil date; the layout is fixed, so a bad literal is a bug.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ledger reads the data set.
func ledger() (*meeting.Ledger, error) {
	data, err := fs.Sub(files, "data")
	if err != nil {
		return nil, err
	}
	return meeting.ReadCSV(data)
}

const (
	yoon = "kr-yoon-suk-yeol"
	roh  = "kr-roh-moo-hyun"
)

var (
	// strict counts formal talks only.
	strict = meeting.Rule{}
	// press also counts informal talks, as the presidential office does:
	// its count starts with the 30-minute talk in New York of 21 September
	// 2022.
	press = meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}}
)

// through returns r with its window closed at day.
func through(r meeting.Rule, day time.Time) meeting.Rule {
	r.To = day
	return r
}

// run tells the story on w.
func run(w io.Writer) error {
	l, err := ledger()
	if err != nil {
		return err
	}
	report := day("2024-07-10")
	fmt.Fprintln(w, `The claim (July 2024): Yoon Suk Yeol's 11 meetings with Fumio Kishida put him
"third among Korea's leaders since 1948" in bilateral talks with Japan.`)

	fmt.Fprintln(w, "\n1. The ranking on 10 July 2024, counting as the sources do: the presidential office")
	fmt.Fprintln(w, "   counts the informal talks in New York; YTN's figures from foreign ministry data say")
	fmt.Fprintln(w, "   \"standalone summits\" without saying whether such talks count.")
	s, err := l.Rank("KR", "JP", through(press, report))
	if err != nil {
		return err
	}
	fmt.Fprint(w, indent(s.String()))
	y, r := row(s, yoon), row(s, roh)
	fmt.Fprintf(w, "\n   Yoon, with %s, ranks %s at best and %s at worst. Certainly above him: %s.\n",
		y.Meetings(), ordinal(y.Rank), ordinal(y.Lowest), ahead(s, y))
	fmt.Fprintf(w, "   What it depends on: Roh Moo-hyun's count. The ledger holds %d of his summits, each\n", r.Recorded)
	fmt.Fprintf(w, "   dated; no source gives his total. YTN gives no figure for him but says Lee's 20 were\n")
	fmt.Fprintf(w, "   the most, so the data set infers at most 19 (the table's \"%s (inferred)\": not a\n", r.Reported.Range())
	fmt.Fprintf(w, "   figure YTN gave), and he had %s. The claim holds if Roh had no more than %d\n", r.Meetings(), y.Count)
	fmt.Fprintf(w, "   (with exactly %d, Yoon shares", y.Count)
	fmt.Fprintf(w, " third place with him); with more, Yoon is %s.\n", ordinal(y.Lowest))

	fmt.Fprintln(w, "\n2. Whether New York counts. Tokyo called it an informal talk (懇談), Seoul an")
	fmt.Fprintln(w, "   abbreviated summit (약식 회담). Counting formal talks only:")
	st, err := l.Rank("KR", "JP", through(strict, report))
	if err != nil {
		return err
	}
	ys, rs := row(st, yoon), row(st, roh)
	fmt.Fprintf(w, "   %s\n   %s\n", ys, rs)
	fmt.Fprintf(w, "   Yoon's %s formal talks rank %s, behind Roh's %d dated formal summits: the claim\n", ys.Meetings(), ordinal(ys.Rank), rs.Recorded)
	fmt.Fprintln(w, "   needs the informal talks in New York, the 10-or-11 question of the NATO story.")

	claim := meeting.Claim{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: report,
		Source: meeting.Source{Publisher: "news report on the NATO summit in Washington", Date: report}}
	fmt.Fprintln(w, "\n   The reported 11, reconciled with the ledger:")
	for _, rule := range []meeting.Rule{strict, press} {
		for _, f := range l.Reconcile([]meeting.Claim{claim}, rule) {
			if f.Err != nil {
				return f.Err
			}
			fmt.Fprintf(w, "   %s\n     under %s\n", f, rule)
		}
	}

	fmt.Fprintln(w, "\n3. The 12th meeting: Kishida's farewell visit to Seoul on 6 September 2024.")
	sept, err := l.Rank("KR", "JP", through(press, day("2024-09-06")))
	if err != nil {
		return err
	}
	y12 := row(sept, yoon)
	fmt.Fprintf(w, "   %s\n", y12)
	fmt.Fprintf(w, "   Reported: %s as of %s (%s). Still %s: Roh's total may be %d or more.\n",
		y12.Reported.Range(), y12.Reported.AsOf.Format(time.DateOnly), y12.Reported.Sources[0].Publisher, y12.Place(), y12.Count)

	fmt.Fprintln(w, "\n4. To the end of Yoon's term. The National Assembly impeached him on 14 December 2024,")
	fmt.Fprintln(w, "   which suspended his powers (Devdiscourse, 2024-12-14), and the Constitutional Court")
	fmt.Fprintln(w, "   removed him on 4 April 2025 (RTTNews, 2025-04-04); his term is counted to that day,")
	fmt.Fprintln(w, "   the suspended months included. The last of his summits the data set holds is Lima's,")
	fmt.Fprintln(w, "   16 November 2024.")
	lima := day("2024-11-16")
	var kishida, ishiba meeting.Tally
	for _, t := range l.Tallies() {
		switch {
		case t.Leader == yoon && t.With == "jp-kishida-fumio" && !t.AsOf.After(lima) && t.AsOf.After(kishida.AsOf):
			kishida = t
		case t.Leader == yoon && t.With == "jp-ishiba-shigeru" && !t.AsOf.After(lima) && t.AsOf.After(ishiba.AsOf):
			ishiba = t
		}
	}
	fmt.Fprintf(w, "   Sources give %s with Kishida (%s, %s)\n   and %s with Ishiba (%s, %s): ",
		kishida.Range(), kishida.Sources[0].Publisher, kishida.Sources[0].Date.Format(time.DateOnly),
		ishiba.Range(), ishiba.Sources[0].Publisher, ishiba.Sources[0].Date.Format(time.DateOnly))
	nov, err := l.Rank("KR", "JP", through(press, lima))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d together as of 2024-11-16, the %d the ledger holds.\n",
		kishida.Count+ishiba.Count, row(nov, yoon).Recorded)
	end, err := l.Rank("KR", "JP", through(press, day("2025-04-04")))
	if err != nil {
		return err
	}
	ye := row(end, yoon)
	fmt.Fprintf(w, "   %s\n", ye)
	fmt.Fprintf(w, "   The ranking weighs each of those counts alone, for one prime minister each, as a least;\n")
	fmt.Fprintf(w, "   no source counts his summits with Japan after 16 November 2024, so nothing bounds the\n")
	fmt.Fprintf(w, "   count from above and the ranking cannot close: %s, place %s.\n", ye.Meetings(), ye.Place())

	fmt.Fprintln(w, "\nNot ranked, for want of any count: "+unknown(s)+".")
	fmt.Fprintln(w, "Syngman Rhee met Shigeru Yoshida informally in Tokyo in January 1953 (his statement of")
	fmt.Fprintln(w, "7 January 1953); no source counts his meetings.")

	fmt.Fprintln(w, "\nSources of the data set:")
	for _, src := range sources(l) {
		fmt.Fprintln(w, "  "+src)
	}
	return nil
}

// row returns the standing of a leader.
func row(s meeting.Standings, id string) meeting.Standing {
	for _, r := range s.Rows() {
		if r.ID == id {
			return r
		}
	}
	return meeting.Standing{}
}

// ahead names the leaders certainly ranked above r.
func ahead(s meeting.Standings, r meeting.Standing) string {
	var names []string
	for _, o := range s.Rows() {
		if o.By != meeting.NoData && r.Most != meeting.Unbounded && o.Count > r.Most {
			names = append(names, fmt.Sprintf("%s (%s)", o.Name, o.Meetings()))
		}
	}
	return strings.Join(names, ", ")
}

// unknown names the leaders with no data.
func unknown(s meeting.Standings) string {
	var names []string
	for _, o := range s.Rows() {
		if o.By == meeting.NoData {
			names = append(names, o.Name)
		}
	}
	return strings.Join(names, ", ")
}

// ordinal writes 1 as "first" and so on, for the places the story needs.
func ordinal(n int) string {
	words := []string{"", "first", "second", "third", "fourth", "fifth", "sixth"}
	if n > 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprintf("%dth", n)
}

// indent indents every line of a table.
func indent(s string) string {
	return "   " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n   ") + "\n"
}

// sources lists every distinct source of the data set, one line each.
func sources(l *meeting.Ledger) []string {
	var all []meeting.Source
	for _, ld := range l.Leaders() {
		all = append(all, ld.Sources...)
	}
	for _, m := range l.Meetings() {
		all = append(all, m.Sources...)
	}
	for _, t := range l.Tallies() {
		all = append(all, t.Sources...)
	}
	var out []string
	for _, s := range all {
		parts := []string{s.Publisher}
		if s.Title != "" {
			parts = append(parts, "“"+s.Title+"”")
		}
		if !s.Date.IsZero() {
			parts = append(parts, s.Date.Format(time.DateOnly))
		}
		line := strings.Join(parts, ", ") + ": " + s.URL
		if !slices.Contains(out, line) {
			out = append(out, line)
		}
	}
	return out
}
