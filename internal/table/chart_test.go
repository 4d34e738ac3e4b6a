package table

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// drawn is what a test reads back from a chart's SVG.
type drawn struct {
	root     element
	els      []element
	bars     []element // rect class="bar", in order
	headings []element // bold text
	ticks    []element // tick values (text-anchor middle)
	labels   []element // label lines (text-anchor end)
}

func draw(t *testing.T, c Chart) drawn {
	t.Helper()
	els, err := parseXML(c.SVG())
	if err != nil {
		t.Fatalf("SVG is not well-formed: %v\n%s", err, c.SVG())
	}
	d := drawn{root: els[0], els: els}
	for _, e := range els {
		switch {
		case e.name == "rect" && e.attr["class"] == "bar":
			d.bars = append(d.bars, e)
		case e.name == "text" && e.attr["font-weight"] == "bold":
			d.headings = append(d.headings, e)
		case e.name == "text" && e.attr["text-anchor"] == "middle":
			d.ticks = append(d.ticks, e)
		case e.name == "text" && e.attr["text-anchor"] == "end":
			d.labels = append(d.labels, e)
		}
	}
	return d
}

func attrNum(t *testing.T, e element, name string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(e.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, name, e.attr[name], err)
	}
	return f
}

func texts(es []element) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.text)
	}
	return out
}

// TestChartPanelPerCurrency: the report's case, USD 4.5 billion and EUR 300
// million, and one with KRW, EUR and USD rows. Each currency gets a panel
// with a heading and an axis of its own; bars are measured on their own
// axis only, and panels do not overlap.
func TestChartPanelPerCurrency(t *testing.T) {
	c := Chart{Title: "Totals", Bars: []Bar{
		{Label: []string{"United States"}, Value: dec("4500000000"), Display: "USD 4,500,000,000", Scale: "USD"},
		{Label: []string{"Germany"}, Value: dec("300000000"), Display: "EUR 300,000,000", Scale: "EUR"},
		{Label: []string{"South Korea"}, Value: dec("3000000000000"), Display: "KRW 3,000,000,000,000", Scale: "KRW"},
		{Label: []string{"Japan"}, Value: dec("900000000"), Display: "USD 900,000,000", Scale: "USD"},
	}}
	d := draw(t, c)
	if diff := cmp.Diff([]string{"Totals", "EUR", "KRW", "USD"}, texts(d.headings)); diff != "" {
		t.Errorf("title and panel headings (-want +got):\n%s", diff)
	}
	wantTicks := []string{
		"0", "50M", "100M", "150M", "200M", "250M", "300M", // EUR
		"0", "500B", "1T", "1.5T", "2T", "2.5T", "3T", // KRW
		"0", "1B", "2B", "3B", "4B", "5B", // USD
	}
	if diff := cmp.Diff(wantTicks, texts(d.ticks)); diff != "" {
		t.Errorf("axes (-want +got):\n%s", diff)
	}
	// Bars in panel order: EUR, KRW, then USD 4.5B and 0.9B on a 0-5B axis.
	var widths []float64
	for _, b := range d.bars {
		widths = append(widths, attrNum(t, b, "width"))
	}
	if diff := cmp.Diff([]float64{360, 360, 324, 64.8}, widths); diff != "" {
		t.Errorf("bar widths (-want +got):\n%s", diff)
	}
	// Each panel lies below the one before: heading, bars, axis.
	y := func(e element) float64 { return attrNum(t, e, "y") }
	if !(y(d.headings[1]) < y(d.bars[0]) && y(d.bars[0]) < y(d.headings[2]) &&
		y(d.headings[2]) < y(d.bars[1]) && y(d.bars[1]) < y(d.headings[3]) && y(d.headings[3]) < y(d.bars[2])) {
		t.Errorf("panels overlap: headings at %v, bars at %v", texts(d.headings), d.bars)
	}
	if !strings.Contains(c.SVG(), "compare bars within a panel, not across panels") {
		t.Error("a chart of several panels does not say that they are on different scales")
	}
	one := draw(t, Chart{Bars: c.Bars[:1]})
	if len(one.headings) != 1 || strings.Contains(Chart{Bars: c.Bars[:1]}.SVG(), "across panels") {
		t.Errorf("a chart of one panel: headings %v", texts(one.headings))
	}
}

// TestChartLabelsWhole: labels are never cut; a long pair of names wraps
// at spaces and keeps the second name whole; the label column is as wide
// as its text, no wider.
func TestChartLabelsWhole(t *testing.T) {
	long := "Maria Cristina Fernández de Kirchner de la Santísima Trinidad y Todos los Santos"
	bars := []Bar{
		{Label: []string{"Fumio Kishida –", "Yoon Suk Yeol"}, Value: dec("11")},
		{Label: []string{long + " –", "Fumio Kishida"}, Value: dec("3")},
		{Label: []string{"Yoon Suk Yeol –", long}, Value: dec("2")},
		{Label: []string{strings.Repeat("x", 120)}, Value: dec("1")},
	}
	d := draw(t, Chart{Bars: bars})
	got := strings.Join(texts(d.labels), " ")
	var want []string
	for _, b := range bars {
		want = append(want, strings.Join(b.Label, " "))
	}
	if diff := cmp.Diff(strings.Join(want, " "), got); diff != "" {
		t.Errorf("label text (-want +got):\n%s", diff)
	}
	lines := texts(d.labels)
	if lines[0] != "Fumio Kishida – Yoon Suk Yeol" {
		t.Errorf("a short pair is not on one line: %q", lines)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "\nFumio Kishida\n") {
		t.Errorf("after a first name wrapped over lines, the second is not whole on a line of its own: %q", lines)
	}
	width := attrNum(t, d.root, "width")
	for _, l := range d.labels {
		right := attrNum(t, l, "x")
		if w := float64(measure(l.text, fontSize, false)); right-w < 0 {
			t.Errorf("label line %q (%v wide) ends at %v: cut off on the left", l.text, w, right)
		}
		if right > width {
			t.Errorf("label line %q ends outside the chart", l.text)
		}
	}

	short := draw(t, Chart{Bars: []Bar{{Label: []string{"EU"}, Value: dec("1")}}})
	if x := attrNum(t, short.bars[0], "x"); x > margin+float64(measure("EU", fontSize, false))+gap {
		t.Errorf("a short label leaves the bar starting at x=%v", x)
	}
}

// TestChartBackground: a chart is a white card with dark text, so it reads
// on a dark theme.
func TestChartBackground(t *testing.T) {
	d := draw(t, Chart{Title: "T", Bars: []Bar{{Label: []string{"a"}, Value: dec("1"), Display: "1"}}})
	if d.root.attr["fill"] != ink {
		t.Errorf("text colour %q, want %q", d.root.attr["fill"], ink)
	}
	var first element
	for _, e := range d.els[1:] {
		if e.name != "title" {
			first = e
			break
		}
	}
	if first.name != "rect" || first.attr["fill"] != paper ||
		first.attr["width"] != d.root.attr["width"] || first.attr["height"] != d.root.attr["height"] {
		t.Errorf("the first shape is not a background over the whole chart: %+v", first)
	}
}

// TestChartOneBar: one bar still says what it measures: its figure, and an
// axis from zero to a round value beyond it.
func TestChartOneBar(t *testing.T) {
	d := draw(t, Chart{Title: "Meetings", Bars: []Bar{{Label: []string{"A –", "B"}, Value: dec("11"), Display: "11"}}})
	if diff := cmp.Diff([]string{"0", "2", "4", "6", "8", "10", "12"}, texts(d.ticks)); diff != "" {
		t.Errorf("axis (-want +got):\n%s", diff)
	}
	if w := attrNum(t, d.bars[0], "width"); w != 330 {
		t.Errorf("bar of 11 on a 0-12 axis is %v wide, want 330", w)
	}
	if !strings.Contains(Chart{Bars: []Bar{{Value: dec("11"), Display: "11"}}}.SVG(), ">11</text>") {
		t.Error("the figure is missing")
	}
}

func TestChartShares(t *testing.T) {
	c := Chart{Shares: true, Bars: []Bar{
		{Label: []string{"a"}, Value: dec("300"), Display: "USD 300", Scale: "USD"},
		{Label: []string{"b"}, Value: dec("100"), Display: "USD 100", Scale: "USD"},
		{Label: []string{"c"}, Value: dec("0.0001"), Display: "USD 0.0001", Scale: "USD"},
		{Label: []string{"d"}, Value: dec("5"), Display: "EUR 5", Scale: "EUR"},
		{Label: []string{"e"}, Value: dec("-1"), Display: "JPY -1", Scale: "JPY"},
		{Label: []string{"f"}, Value: dec("2"), Display: "JPY 2", Scale: "JPY"},
	}}
	svg := c.SVG()
	for _, want := range []string{">USD 300 (75.0%)<", ">USD 100 (25.0%)<", ">USD 0.0001 (&lt;0.1%)<", ">EUR 5<", ">JPY -1<", ">JPY 2<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
}

// TestChartNegative: a negative bar runs left of zero, on an axis that
// reaches below zero.
func TestChartNegative(t *testing.T) {
	d := draw(t, Chart{Bars: []Bar{
		{Label: []string{"in"}, Value: dec("10")},
		{Label: []string{"out"}, Value: dec("-2")},
	}})
	if diff := cmp.Diff([]string{"-2", "0", "2", "4", "6", "8", "10"}, texts(d.ticks)); diff != "" {
		t.Errorf("axis (-want +got):\n%s", diff)
	}
	in, out := d.bars[0], d.bars[1]
	if attrNum(t, out, "x")+attrNum(t, out, "width") != attrNum(t, in, "x") {
		t.Errorf("the negative bar does not end at zero, where the positive one starts: %v, %v", out, in)
	}
}

func TestChartHTML(t *testing.T) {
	c := Chart{Title: "Totals <all>", Bars: []Bar{{Label: []string{"A –", "B"}, Value: dec("2"), Display: "USD 2"}}}
	svg, attr, err := svgOfImg(c.HTML())
	if err != nil {
		t.Fatal(err)
	}
	if svg != c.SVG() {
		t.Error("HTML's image is not SVG()")
	}
	if want := "Bar chart: Totals <all>; A – B USD 2"; attr["alt"] != want {
		t.Errorf("alt = %q, want %q", attr["alt"], want)
	}
	d := draw(t, c)
	if attr["width"] != d.root.attr["width"] || attr["height"] != d.root.attr["height"] {
		t.Errorf("image is %sx%s, SVG %sx%s", attr["width"], attr["height"], d.root.attr["width"], d.root.attr["height"])
	}
	s, h := c.Render()
	if s != c.SVG() || h != c.HTML() {
		t.Error("Render differs from SVG and HTML")
	}
	if empty := (Chart{}).SVG(); !strings.HasPrefix(empty, "<svg") {
		t.Errorf("empty chart: %s", empty)
	}
}

func TestAxis(t *testing.T) {
	tests := []struct {
		lo, hi       string
		whole        bool
		from, to, st string
	}{
		{"0", "4500000000", false, "0", "5000000000", "1000000000"},
		{"0", "2000000000", false, "0", "2000000000", "500000000"},
		{"0", "11", true, "0", "12", "2"},
		{"0", "1", true, "0", "1", "1"},
		{"0", "0", true, "0", "1", "1"},
		{"0", "0", false, "0", "0.2", "0.2"},
		{"0", "0.37", false, "0", "0.4", "0.1"},
		{"-5", "10", true, "-5", "10", "5"},
		{"-3", "7", true, "-4", "8", "2"},
		{"-7", "0", true, "-8", "0", "2"},
		{"0", "3000000000000", false, "0", "3000000000000", "500000000000"},
		{"0", "123456789.123", false, "0", "150000000", "50000000"},
		{"0", "1234.5", false, "0", "1500", "500"},
		{"0", "1100", false, "0", "1200", "200"},
	}
	for _, tt := range tests {
		from, to, st := axis(dec(tt.lo), dec(tt.hi), tt.whole)
		got := []string{from.String(), to.String(), st.value().String()}
		if diff := cmp.Diff([]string{tt.from, tt.to, tt.st}, got); diff != "" {
			t.Errorf("axis(%s, %s, %v) (-want +got):\n%s", tt.lo, tt.hi, tt.whole, diff)
		}
	}
}

func TestCompact(t *testing.T) {
	tests := map[string]string{
		"0": "0", "5": "5", "999": "999", "1000": "1K", "1500": "1.5K", "300000000": "300M",
		"2500000000": "2.5B", "3000000000000": "3T", "-500000": "-500K", "0.2": "0.2",
	}
	for in, want := range tests {
		if got := compact(dec(in)); got != want {
			t.Errorf("compact(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestLabelLines(t *testing.T) {
	tests := []struct {
		parts []string
		want  []string
	}{
		{[]string{"South Korea ·", "humanitarian"}, []string{"South Korea · humanitarian"}},
		{[]string{"South Korea ·", "humanitarian+military/non-lethal"}, []string{"South Korea ·", "humanitarian+military/non-lethal"}},
		{[]string{" a\n", "", "b"}, []string{"a b"}},
		{[]string{strings.Repeat("w", 60)}, []string{strings.Repeat("w", 60)}},
		{nil, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, labelLines(tt.parts, maxLabel)); diff != "" {
			t.Errorf("labelLines(%q) (-want +got):\n%s", tt.parts, diff)
		}
	}
}

func TestMeasure(t *testing.T) {
	// Wide characters take a full em, combining marks nothing; wider text
	// measures wider.
	if a, b := measure("윤석열", 13, false), measure("Yoo", 13, false); a <= b {
		t.Errorf("윤석열 measures %d, Yoo %d", a, b)
	}
	if a, b := measure("Shinzo\u0304", 13, false), measure("Shinzo", 13, false); a != b {
		t.Errorf("a combining macron adds width: %d vs %d", a, b)
	}
	if a, b := measure("WWW", 13, false), measure("iii", 13, false); a <= b {
		t.Errorf("WWW measures %d, iii %d", a, b)
	}
	if a, b := measure("Title", 13, true), measure("Title", 13, false); a <= b {
		t.Errorf("bold measures %d, regular %d", a, b)
	}
}
