package meeting

import (
	"strconv"
	"strings"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/table"
)

// This file renders PairCounts and Standings for people: aligned text,
// Markdown, a self-contained HTML table and an SVG bar chart. gophernotes
// shows a cell's value through these methods.

// label names a leader in a table: "Yoon Suk Yeol (KR)".
func label(l Leader) string {
	return l.Name + " (" + l.Country + ")"
}

// caption states the rule the pairs were counted under, or why they were
// not counted.
func (pc PairCounts) caption() string {
	if pc.err != nil {
		return "Meetings under an " + strings.TrimPrefix(pc.err.Error(), "meeting: ")
	}
	return "Meetings: " + pc.rule.String()
}

// table returns the pairs as a table.
func (pc PairCounts) table() table.Table {
	t := table.Table{
		Caption: pc.caption(),
		Header:  []string{"Leader", "Leader", "Meetings"},
		Align:   []table.Align{table.Left, table.Left, table.Right},
	}
	for _, r := range pc.rows {
		t.Rows = append(t.Rows, []string{label(pc.leaders[r.a]), label(pc.leaders[r.b]), strconv.Itoa(r.count)})
	}
	return t
}

// String renders the pairs as aligned text under a caption stating the rule.
func (pc PairCounts) String() string { return pc.table().Text() }

// Markdown renders the pairs as a Markdown table.
func (pc PairCounts) Markdown() string { return pc.table().Markdown() }

// HTML renders the pairs as a self-contained, escaped HTML table.
func (pc PairCounts) HTML() string { return pc.table().HTML() }

// Chart is a bar chart of a result. Its HTML method gives the chart as an
// image and its SVG method the same chart as SVG; it has no table form, so
// a Jupyter notebook running gophernotes shows it as a picture where it
// would show [PairCounts] or [Standings] themselves as tables.
type Chart struct {
	svg, html string
}

// SVG returns the chart: one self-contained <svg> element.
func (c Chart) SVG() string { return c.svg }

// HTML returns the chart as one <img> element holding the SVG as a data:
// URI, which Jupyter front ends and nbconvert's HTML export keep where they
// drop or sanitize an inline SVG.
func (c Chart) HTML() string { return c.html }

func chartOf(c table.Chart) Chart {
	svg, html := c.Render()
	return Chart{svg, html}
}

// Chart returns the bar chart of [PairCounts.SVG] as a value a notebook
// shows as a picture.
func (pc PairCounts) Chart() Chart { return chartOf(pc.chart()) }

// Chart returns the bar chart of [Standings.SVG] as a value a notebook
// shows as a picture.
func (s Standings) Chart() Chart { return chartOf(s.chart()) }

// SVG renders the pairs as a horizontal bar chart, each bar labelled with
// both leaders' names, whole.
func (pc PairCounts) SVG() string { return pc.chart().SVG() }

func (pc PairCounts) chart() table.Chart {
	c := table.Chart{Title: pc.caption()}
	for _, r := range pc.rows {
		c.Bars = append(c.Bars, table.Bar{
			Label:   []string{pc.leaders[r.a].Name + " –", pc.leaders[r.b].Name},
			Value:   decimalOf(r.count),
			Display: strconv.Itoa(r.count),
		})
	}
	return c
}

// caption states what the standings rank, under which rule, and the day
// time in office is measured to.
func (s Standings) caption() string {
	c := "Leaders of " + s.country + " by meetings with leaders of " + s.counterpart + ": " + s.rule.String()
	if s.reported {
		c += "; recorded meetings weighed with reported counts"
	}
	if !s.asOf.IsZero() {
		c += "; years in office to " + civil.Format(s.asOf)
	}
	return c
}

// table returns the standings as a table: rank, leader, office, meetings,
// years and rate; with reported counts, what ranked, the ledger's count,
// the tally shown beside it and how they compare.
func (s Standings) table() table.Table {
	if !s.reported {
		t := table.Table{
			Caption: s.caption(),
			Header:  []string{"Rank", "Leader", "Office", "Meetings", "Years in office", "Per year"},
			Align:   []table.Align{table.Right, table.Left, table.Left, table.Right, table.Right, table.Right},
		}
		for _, r := range s.rows {
			t.Rows = append(t.Rows, []string{r.Place(), r.Name, r.Office, r.Meetings(), r.years(), r.perYear()})
		}
		return t
	}
	t := table.Table{
		Caption: s.caption(),
		Header:  []string{"Rank", "Leader", "Meetings", "By", "Ledger", "Reported", "Source", "Rule", "Difference", "Years in office", "Per year"},
		Align: []table.Align{table.Right, table.Left, table.Right, table.Left, table.Right, table.Left, table.Left,
			table.Left, table.Left, table.Right, table.Right},
	}
	for _, r := range s.rows {
		reported, source, match, diff := "", "", "", ""
		if r.Reported.ID != "" {
			reported = r.Reported.rangeText() + " as of " + civil.Format(r.Reported.AsOf)
			if len(r.Reported.Sources) > 0 {
				source = r.Reported.Sources[0].Publisher
			}
			match, diff = r.Match.String(), difference(r.Missing, "recorded", "as recorded")
		}
		t.Rows = append(t.Rows, []string{
			r.Place(), r.Name, r.Meetings(), r.By.String(), strconv.Itoa(r.Recorded),
			reported, source, match, diff, r.years(), r.perYear(),
		})
	}
	return t
}

// difference describes a reported count less a recorded one: "missing 2"
// (the ledger lacks two), "1 more <what>" (the ledger has one more),
// or same.
func difference(missing int, what, same string) string {
	switch {
	case missing > 0:
		return "missing " + strconv.Itoa(missing)
	case missing < 0:
		return strconv.Itoa(-missing) + " more " + what
	}
	return same
}

// String renders the standings as aligned text under a caption stating the
// countries, the rule and the as-of date ([Standings.AsOf]).
func (s Standings) String() string { return s.table().Text() }

// Markdown renders the standings as a Markdown table.
func (s Standings) Markdown() string { return s.table().Markdown() }

// HTML renders the standings as a self-contained, escaped HTML table.
func (s Standings) HTML() string { return s.table().HTML() }

// SVG renders the standings as a horizontal bar chart of meeting counts
// (the least of a bounded count; 0 for an unknown one, labelled so).
func (s Standings) SVG() string { return s.chart().SVG() }

func (s Standings) chart() table.Chart {
	c := table.Chart{Title: s.caption()}
	for _, r := range s.rows {
		display := r.Meetings()
		if r.By != NoData && r.YearsKnown {
			display += " (" + r.perYear() + " a year)"
		}
		c.Bars = append(c.Bars, table.Bar{
			Label:   []string{r.Place() + ". " + r.Name},
			Value:   decimalOf(r.Count),
			Display: display,
		})
	}
	return c
}
