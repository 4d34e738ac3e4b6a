package table

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Bar is one bar of a [Chart]: a label, a value that sets its length on its
// Scale's axis, and the exact figure printed beside it.
type Bar struct {
	// Label names the bar, in parts (the two leaders of a pair, the keys
	// of a row). The chart writes as many whole parts on a line, separated
	// by spaces, as fit its label column, and wraps a part wider than the
	// column at its spaces. A label is never cut.
	Label   []string
	Value   decimal.Decimal // the bar's length on its Scale's axis
	Display string          // the figure printed right of the bar
	Scale   string          // the unit, such as "USD": one panel and axis per Scale
}

// Chart is a horizontal bar chart. Bars of one Scale share a panel with an
// axis of its own, so amounts in different currencies are never drawn
// against each other; panels come in order of Scale. A chart is a white
// card with dark text, legible on light and dark themes alike.
type Chart struct {
	Title string
	Bars  []Bar
	// Headings names the panel of each Scale. A Scale not named here is
	// headed by itself, and the Scale "" gets no heading.
	Headings map[string]string
	// Shares says that the bars of a Scale are parts of a whole (totals by
	// category, say): in a panel of two or more bars, none negative, each
	// figure is followed by its share of the panel's sum.
	Shares bool
}

// Chart geometry, in SVG user units (CSS pixels).
const (
	fontSize   = 13
	smallSize  = 11
	lineHeight = 16
	margin     = 12
	barHeight  = 18
	rowGap     = 8
	plotWidth  = 360
	maxLabel   = 280 // label lines are wrapped beyond this width
	gap        = 8   // between the label column, the plot and the figures
	headSpace  = 22  // a panel's heading
	axisSpace  = 24  // a panel's axis and its tick labels
	panelGap   = 14
	minWidth   = 480
	maxSteps   = 6 // at most as many intervals on an axis
)

// Chart colours: dark text on white, whatever the page around it.
const (
	paper = "#ffffff"
	ink   = "#222222"
	faint = "#666666"
	rule  = "#dddddd"
	fill  = "#4e79a7"
)

// panel is the bars of one Scale and their axis.
type panel struct {
	heading  string
	bars     []int // indexes into Chart.Bars
	from, to decimal.Decimal
	step     step
	shares   decimal.Decimal // the sum to take shares of; zero for none
}

// SVG renders the chart as one self-contained <svg> element: inline
// attributes only, every text escaped, and well-formed XML whatever the
// labels hold (see escapeXML).
func (c Chart) SVG() string {
	s, _, _ := c.render()
	return s
}

// Render returns both [Chart.SVG] and [Chart.HTML], drawing the chart once.
func (c Chart) Render() (svg, html string) {
	svg, w, h := c.render()
	return svg, c.img(svg, w, h)
}

// HTML renders the chart as one <img> element whose source is the SVG as a
// data: URI, its alternative text the title and every bar's label and
// figure. Jupyter front ends and nbconvert's HTML export keep such an image
// where they strip or sanitize an inline <svg>. The element is closed XML
// style (<img .../>), so the result is also a well-formed XML fragment.
func (c Chart) HTML() string {
	return c.img(c.render())
}

func (c Chart) img(svg string, w, h int) string {
	var b strings.Builder
	b.WriteString(`<img src="data:image/svg+xml;base64,`)
	b.WriteString(base64.StdEncoding.EncodeToString([]byte(svg)))
	b.WriteString(`" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h))
	b.WriteString(`" style="max-width:100%;height:auto" alt="` + escapeXML(c.alt()) + `"/>`)
	return b.String()
}

// alt describes the chart in words: the title, then each bar's label and
// figure.
func (c Chart) alt() string {
	parts := []string{"Bar chart"}
	if t := strings.TrimSpace(clean(c.Title)); t != "" {
		parts[0] += ": " + t
	}
	figures := c.figures(c.panels())
	for i, b := range c.Bars {
		parts = append(parts, strings.Join(labelLines(b.Label, maxLabel), " ")+" "+figures[i])
	}
	return strings.Join(parts, "; ")
}

// figures returns the text printed right of each bar: its Display, and its
// share where its panel shows shares.
func (c Chart) figures(panels []panel) []string {
	figures := make([]string, len(c.Bars))
	for _, p := range panels {
		for _, i := range p.bars {
			b := c.Bars[i]
			figures[i] = clean(b.Display)
			if !p.shares.IsZero() {
				figures[i] += " (" + share(b.Value, p.shares) + ")"
			}
		}
	}
	return figures
}

// panels groups the bars by Scale and sets each panel's axis.
func (c Chart) panels() []panel {
	byScale := map[string]*panel{}
	var scales []string
	for i, b := range c.Bars {
		p := byScale[b.Scale]
		if p == nil {
			p = &panel{heading: b.Scale}
			if h, ok := c.Headings[b.Scale]; ok {
				p.heading = h
			}
			byScale[b.Scale] = p
			scales = append(scales, b.Scale)
		}
		p.bars = append(p.bars, i)
	}
	slices.Sort(scales)
	out := make([]panel, len(scales))
	for n, scale := range scales {
		p := byScale[scale]
		lo, hi := decimal.Zero, decimal.Zero
		whole := true
		sum := decimal.Zero
		for _, i := range p.bars {
			v := c.Bars[i].Value
			lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
			whole = whole && v.IsInteger()
			sum = sum.Add(v)
		}
		p.from, p.to, p.step = axis(lo, hi, whole)
		if c.Shares && len(p.bars) > 1 && lo.Sign() >= 0 && sum.Sign() > 0 {
			p.shares = sum
		}
		out[n] = *p
	}
	return out
}

// share is v's part of sum as a percentage with one decimal, "<0.1%" for a
// part too small to show.
func share(v, sum decimal.Decimal) string {
	pc := v.Mul(decimal.NewFromInt(100)).DivRound(sum, 1)
	if pc.IsZero() && v.Sign() > 0 {
		return "<0.1%"
	}
	return pc.StringFixed(1) + "%"
}

// step is an axis interval: m×10^k with m one of 1, 2 and 5.
type step struct {
	m int64
	k int32
}

func (s step) value() decimal.Decimal { return decimal.New(s.m, s.k) }

// over returns x divided by the step, exactly: dividing by 1, 2 or 5 is
// multiplying by 10, 5 or 2 and shifting.
func (s step) over(x decimal.Decimal) decimal.Decimal {
	return x.Shift(-s.k).Mul(decimal.NewFromInt(10 / s.m)).Shift(-1)
}

// axis returns a range from zero or below to zero or above that holds lo
// and hi, in whole steps of the smallest round size (1, 2 or 5 times a
// power of ten) that needs no more than maxSteps of them; whole values get
// steps of at least 1.
func axis(lo, hi decimal.Decimal, whole bool) (from, to decimal.Decimal, st step) {
	span := hi.Sub(lo)
	if span.Sign() == 0 {
		span = decimal.NewFromInt(1)
	}
	raw := span.DivRound(decimal.NewFromInt(maxSteps), 40)
	if raw.IsZero() {
		raw = decimal.New(1, -40)
	}
	k := int32(raw.NumDigits()) + raw.Exponent() - 1 // 10^k <= raw < 10^(k+1)
	st = step{1, k + 1}
	for _, m := range []int64{1, 2, 5} {
		if decimal.New(m, k).Cmp(raw) >= 0 {
			st = step{m, k}
			break
		}
	}
	if whole && st.value().LessThan(decimal.NewFromInt(1)) {
		st = step{1, 0}
	}
	from = st.over(lo).Floor().Mul(st.value())
	to = st.over(hi).Ceil().Mul(st.value())
	if from.Equal(to) {
		to = from.Add(st.value())
	}
	return from, to, st
}

// compact writes an axis value short: 2500000000 as "2.5B", 300000 as
// "300K". Tick values are round, so nothing is lost.
func compact(d decimal.Decimal) string {
	for _, u := range []struct {
		exp    int32
		suffix string
	}{{12, "T"}, {9, "B"}, {6, "M"}, {3, "K"}} {
		if d.Abs().Cmp(decimal.New(1, u.exp)) >= 0 {
			return d.Shift(-u.exp).String() + u.suffix
		}
	}
	return d.String()
}

// svgWriter collects the elements of a chart.
type svgWriter struct{ strings.Builder }

func num(d decimal.Decimal) string { return d.String() }

func itoa(n int) string { return strconv.Itoa(n) }

func (w *svgWriter) text(x, y string, anchor, attrs, s string) {
	w.WriteString(`<text x="` + x + `" y="` + y + `"`)
	if anchor != "" {
		w.WriteString(` text-anchor="` + anchor + `"`)
	}
	w.WriteString(attrs + ">" + escapeXML(s) + "</text>")
}

// row is one bar laid out: its label lines and its height.
type row struct {
	lines  []string
	height int
}

// render draws the chart and returns it with its width and height.
func (c Chart) render() (svg string, width, height int) {
	panels := c.panels()
	rows := make([]row, len(c.Bars))
	labelW, figureW := 0, 0
	figures := c.figures(panels)
	for i, b := range c.Bars {
		lines := labelLines(b.Label, maxLabel)
		for _, l := range lines {
			labelW = max(labelW, measure(l, fontSize, false))
		}
		rows[i] = row{lines: lines, height: max(barHeight, len(lines)*lineHeight)}
		figureW = max(figureW, measure(figures[i], fontSize, false))
	}
	plotX := margin + labelW + gap
	width = max(minWidth, plotX+plotWidth+gap+figureW+margin)
	// The last tick label is centred on the plot's end.
	for _, p := range panels {
		width = max(width, plotX+plotWidth+measure(compact(p.to), smallSize, false)/2+margin)
	}
	title := wrap(strings.TrimSpace(clean(c.Title)), width-2*margin, fontSize+1, true)
	for _, l := range title {
		width = max(width, measure(l, fontSize+1, true)+2*margin)
	}
	var note []string
	if len(panels) > 1 {
		note = wrap("Each panel has a scale of its own: compare bars within a panel, not across panels.", width-2*margin, smallSize+1, false)
	}

	var body svgWriter
	y := margin
	for _, l := range title {
		y += lineHeight + 2
		body.text(itoa(margin), itoa(y-4), "", ` font-size="`+itoa(fontSize+1)+`" font-weight="bold"`, l)
	}
	for _, l := range note {
		y += lineHeight
		body.text(itoa(margin), itoa(y-4), "", ` font-size="`+itoa(smallSize+1)+`" fill="`+faint+`"`, l)
	}
	if len(title)+len(note) > 0 {
		y += 6
	}
	for n, p := range panels {
		if n > 0 {
			y += panelGap
		}
		if h := strings.TrimSpace(clean(p.heading)); h != "" {
			y += headSpace
			body.text(itoa(margin), itoa(y-6), "", ` font-weight="bold"`, h)
		}
		y = c.drawPanel(&body, p, rows, figures, plotX, y)
	}
	height = y + margin

	var s strings.Builder
	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + itoa(width) + `" height="` + itoa(height) +
		`" viewBox="0 0 ` + itoa(width) + " " + itoa(height) + `" font-family="sans-serif" font-size="` + itoa(fontSize) + `" fill="` + ink + `">`)
	if len(title) > 0 {
		s.WriteString("<title>" + escapeXML(strings.Join(title, " ")) + "</title>")
	}
	s.WriteString(`<rect width="` + itoa(width) + `" height="` + itoa(height) + `" fill="` + paper + `"/>`)
	s.WriteString(body.String())
	s.WriteString("</svg>")
	return s.String(), width, height
}

// drawPanel draws one panel's grid, bars, labels, figures and axis from y
// down, and returns the y below it.
func (c Chart) drawPanel(w *svgWriter, p panel, rows []row, figures []string, plotX, y int) int {
	span := p.to.Sub(p.from)
	x := func(v decimal.Decimal) decimal.Decimal {
		return decimal.NewFromInt(int64(plotX)).Add(v.Sub(p.from).Mul(decimal.NewFromInt(plotWidth)).DivRound(span, 1))
	}
	top := y
	for i, b := range p.bars {
		if i > 0 {
			y += rowGap
		}
		r := rows[b]
		y += r.height
	}
	bottom := y
	ticks := []decimal.Decimal{}
	for t := p.from; t.LessThanOrEqual(p.to); t = t.Add(p.step.value()) {
		ticks = append(ticks, t)
	}
	// Grid first, so bars and text lie over it; each grid line runs on
	// below the axis as its tick.
	axisY := bottom + 2
	for _, t := range ticks {
		tx := num(x(t))
		colour := rule
		if t.IsZero() {
			colour = faint
		}
		w.WriteString(`<line x1="` + tx + `" y1="` + itoa(top-2) + `" x2="` + tx + `" y2="` + itoa(axisY+4) + `" stroke="` + colour + `"/>`)
	}
	y = top
	zero := x(decimal.Zero)
	for i, b := range p.bars {
		if i > 0 {
			y += rowGap
		}
		r := rows[b]
		bar := c.Bars[b]
		mid := y + r.height/2
		// Label lines, centred on the bar, right-aligned on the column.
		ly := mid - len(r.lines)*lineHeight/2 + lineHeight - 4
		for j, l := range r.lines {
			w.text(itoa(plotX-gap), itoa(ly+j*lineHeight), "end", "", l)
		}
		end := x(bar.Value)
		left, right := decimal.Min(zero, end), decimal.Max(zero, end)
		if !bar.Value.IsZero() {
			if length := right.Sub(left); length.LessThan(decimal.NewFromInt(1)) {
				if bar.Value.Sign() > 0 {
					right = left.Add(decimal.NewFromInt(1))
				} else {
					left = right.Sub(decimal.NewFromInt(1))
				}
			}
			w.WriteString(`<rect class="bar" x="` + num(left) + `" y="` + itoa(mid-barHeight/2) + `" width="` + num(right.Sub(left)) +
				`" height="` + itoa(barHeight) + `" fill="` + fill + `"/>`)
		}
		fx := decimal.Max(zero, right).Add(decimal.NewFromInt(gap))
		w.text(num(fx), itoa(mid+4), "", "", figures[b])
		y += r.height
	}
	// The axis: a line and the ticks' values.
	w.WriteString(`<line x1="` + itoa(plotX) + `" y1="` + itoa(axisY) + `" x2="` + itoa(plotX+plotWidth) + `" y2="` + itoa(axisY) + `" stroke="` + faint + `"/>`)
	for _, t := range ticks {
		w.text(num(x(t)), itoa(axisY+16), "middle", ` font-size="`+itoa(smallSize)+`" fill="`+faint+`"`, compact(t))
	}
	y = axisY
	return y + axisSpace - 2
}

// labelLines lays a label's parts out in lines no wider than limit where
// the text allows: whole parts, joined by spaces, as many as fit a line; a
// part wider than limit on lines of its own, wrapped at its spaces; a word
// wider than limit on a line of its own, whole.
func labelLines(parts []string, limit int) []string {
	var lines []string
	cur, curEm := "", 0
	space := advance(' ')
	for _, p := range parts {
		p = strings.TrimSpace(clean(p))
		if p == "" {
			continue
		}
		pEm := ems(p)
		if cur != "" && px(curEm+space+pEm, fontSize, false) <= limit {
			cur, curEm = cur+" "+p, curEm+space+pEm
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		if px(pEm, fontSize, false) > limit {
			// A part too wide for a line is wrapped, and the next part
			// starts a line of its own.
			lines = append(lines, wrap(p, limit, fontSize, false)...)
			continue
		}
		cur, curEm = p, pEm
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// wrap breaks text at spaces into lines no wider than limit; a word wider
// than limit gets a line of its own, whole. Empty text has no lines.
func wrap(text string, limit, size int, bold bool) []string {
	var lines []string
	cur, curEm := "", 0
	space := advance(' ')
	for _, word := range strings.Fields(text) {
		wEm := ems(word)
		switch {
		case cur == "":
			cur, curEm = word, wEm
		case px(curEm+space+wEm, size, bold) <= limit:
			cur, curEm = cur+" "+word, curEm+space+wEm
		default:
			lines = append(lines, cur)
			cur, curEm = word, wEm
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// measure estimates the width of s, set in a sans-serif font of the given
// size, in pixels, rounded up. It errs wide, never narrow, so that text
// placed by its width is not clipped.
func measure(s string, size int, bold bool) int { return px(ems(s), size, bold) }

// ems estimates the width of s in thousandths of an em (see advance).
func ems(s string) int {
	em := 0
	for _, r := range s {
		em += advance(r)
	}
	return em
}

// px converts a width in thousandths of an em to pixels at a font size,
// rounded up. Helvetica's widths, which advance gives, are among the
// narrowest of the fonts "sans-serif" can be (DejaVu Sans is up to 17%
// wider), and bold is wider still: px errs wide.
func px(em, size int, bold bool) int {
	pct := 118
	if bold {
		pct = 126
	}
	return (em*size*pct + 100_000 - 1) / 100_000
}

// helvetica holds the advance widths of printable ASCII, space (U+0020)
// to tilde (U+007E), in Helvetica, in thousandths of an em (Adobe's
// published font metrics).
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
	334, 260, 334, 584, // { to ~
}

// advance estimates the width of r in thousandths of an em: Helvetica's
// for ASCII, nothing for combining marks and zero-width characters, a full
// em for East Asian wide and full-width characters (Hangul, kana, Han), and
// a wide Latin letter's for the rest.
func advance(r rune) int {
	switch {
	case r >= ' ' && r <= '~':
		return helvetica[r-' ']
	case r < ' ':
		return 0
	}
	switch runeCells(r) {
	case 0:
		return 0
	case 2:
		return 1000
	}
	return 722
}
