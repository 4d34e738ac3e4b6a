package table

import (
	"fmt"
	"html"
	"strings"

	"github.com/shopspring/decimal"
)

// Bar is one bar of a chart. Value sets its length; Display is the exact
// figure printed beside it. Bars are scaled against the longest bar of the
// same Scale (a currency, say), so amounts in different units are never
// drawn against each other.
type Bar struct {
	Label   string          // the text left of the bar, cut to 40 characters
	Value   decimal.Decimal // the bar's length, relative to its Scale's longest
	Display string          // the figure printed right of the bar
	Scale   string          // the unit the bar is measured in, such as "USD"
}

// Chart geometry, in SVG user units.
const (
	barHeight  = 20
	barGap     = 6
	labelWidth = 260
	plotWidth  = 360
	textWidth  = 220
	margin     = 8
	titleSpace = 24
	maxLabel   = 40
)

// SVG renders bars as a self-contained horizontal bar chart: one <svg>
// element, inline styles, every label escaped. Bars of zero or negative value
// draw no rectangle but keep their row and figure.
func SVG(title string, bars []Bar) string {
	longest := map[string]decimal.Decimal{}
	for _, b := range bars {
		if m, ok := longest[b.Scale]; !ok || b.Value.Cmp(m) > 0 {
			longest[b.Scale] = b.Value
		}
	}
	top := margin
	if title != "" {
		top += titleSpace
	}
	w := margin*2 + labelWidth + plotWidth + textWidth
	h := top + len(bars)*(barHeight+barGap) + margin
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">`, w, h, w, h)
	if title != "" {
		fmt.Fprintf(&s, `<text x="%d" y="%d" font-weight="bold">%s</text>`, margin, margin+14, html.EscapeString(title))
	}
	for i, b := range bars {
		y := top + i*(barHeight+barGap)
		ty := y + barHeight - 5
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end">%s</text>`, margin+labelWidth-6, ty, html.EscapeString(truncate(b.Label, maxLabel)))
		length := 0
		if m := longest[b.Scale]; b.Value.Sign() > 0 && m.Sign() > 0 {
			length = int(b.Value.Mul(decimal.NewFromInt(plotWidth)).DivRound(m, 0).IntPart())
			length = max(length, 1)
		}
		if length > 0 {
			fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="#4e79a7"/>`, margin+labelWidth, y, length, barHeight)
		}
		fmt.Fprintf(&s, `<text x="%d" y="%d">%s</text>`, margin+labelWidth+length+6, ty, html.EscapeString(b.Display))
	}
	s.WriteString("</svg>")
	return s.String()
}
