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

// Chart is a bar chart of a result as SVG. It has no other display method,
// so a Jupyter notebook running gophernotes shows it as a picture where it
// would show [PairCounts] or [Standings] themselves as tables.
type Chart struct {
	svg string
}

// SVG returns the chart: one self-contained <svg> element.
func (c Chart) SVG() string { return c.svg }

// Chart returns the bar chart of [PairCounts.SVG] as a value a notebook
// shows as a picture.
func (pc PairCounts) Chart() Chart { return Chart{pc.SVG()} }

// Chart returns the bar chart of [Standings.SVG] as a value a notebook
// shows as a picture.
func (s Standings) Chart() Chart { return Chart{s.SVG()} }

// SVG renders the pairs as a horizontal bar chart.
func (pc PairCounts) SVG() string {
	bars := make([]table.Bar, len(pc.rows))
	for i, r := range pc.rows {
		n := strconv.Itoa(r.count)
		bars[i] = table.Bar{Label: pc.leaders[r.a].Name + " – " + pc.leaders[r.b].Name, Value: decimalOf(r.count), Display: n}
	}
	return table.SVG(pc.caption(), bars)
}

// caption states what the standings rank, under which rule, and the day
// open terms were closed at.
func (s Standings) caption() string {
	c := "Leaders of " + s.country + " by meetings with leaders of " + s.counterpart + ": " + s.rule.String()
	if !s.asOf.IsZero() {
		c += "; years in office to " + civil.Format(s.asOf)
	}
	return c
}

// table returns the standings as a table.
func (s Standings) table() table.Table {
	t := table.Table{
		Caption: s.caption(),
		Header:  []string{"Rank", "Leader", "Office", "Meetings", "Years in office", "Per year"},
		Align:   []table.Align{table.Right, table.Left, table.Left, table.Right, table.Right, table.Right},
	}
	for _, r := range s.rows {
		t.Rows = append(t.Rows, []string{
			strconv.Itoa(r.Rank), r.Name, r.Office, strconv.Itoa(r.Count),
			r.YearsInOffice.StringFixed(2), r.PerYear.StringFixed(2),
		})
	}
	return t
}

// String renders the standings as aligned text under a caption stating the
// countries, the rule and the as-of date ([Standings.AsOf]).
func (s Standings) String() string { return s.table().Text() }

// Markdown renders the standings as a Markdown table.
func (s Standings) Markdown() string { return s.table().Markdown() }

// HTML renders the standings as a self-contained, escaped HTML table.
func (s Standings) HTML() string { return s.table().HTML() }

// SVG renders the standings as a horizontal bar chart of meeting counts.
func (s Standings) SVG() string {
	bars := make([]table.Bar, len(s.rows))
	for i, r := range s.rows {
		bars[i] = table.Bar{
			Label:   strconv.Itoa(r.Rank) + ". " + r.Name,
			Value:   decimalOf(r.Count),
			Display: strconv.Itoa(r.Count) + " (" + r.PerYear.StringFixed(2) + " a year)",
		}
	}
	return table.SVG(s.caption(), bars)
}
