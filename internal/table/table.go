package table

import (
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// Align says how a column's cells line up.
type Align int

const (
	// Left aligns text to the left edge of its column.
	Left Align = iota
	// Right aligns text (numbers) to the right edge of its column.
	Right
	// Decimal aligns numbers on their decimal point in [Table.Text]: the
	// whole parts to the right, each cell followed by spaces for the
	// decimals it does not have, so that "1,234.5678" and "321,000,000"
	// line up at the point without a zero the number does not have.
	// Markdown and HTML, whose readers trim or collapse such spaces, align
	// these columns as Right and write each cell as it is.
	Decimal
)

// Table is a rectangular result: a header, rows and optional footer lines
// (totals, one per currency, say). Align has one entry per column; missing
// entries are Left.
type Table struct {
	Caption string     // a line above the table; empty for none
	Header  []string   // the column names; nil for no header line
	Align   []Align    // per column; missing entries are Left
	Rows    [][]string // the body, one slice of cells per row
	Footer  [][]string // lines set apart below the body, such as totals
}

// cleaned returns t with every string passed through clean, sharing what
// clean leaves as it is.
func (t Table) cleaned() Table {
	t.Caption = clean(t.Caption)
	t.Header, _ = cleanRow(t.Header)
	t.Rows = cleanRows(t.Rows)
	t.Footer = cleanRows(t.Footer)
	return t
}

func cleanRows(rows [][]string) [][]string {
	var out [][]string
	for i, r := range rows {
		c, changed := cleanRow(r)
		if changed && out == nil {
			out = make([][]string, len(rows))
			copy(out, rows[:i])
		}
		if out != nil {
			out[i] = c
		}
	}
	if out == nil {
		return rows
	}
	return out
}

// cleanRow returns row with clean applied to each cell, and whether that
// changed any; row itself is left as it is.
func cleanRow(row []string) ([]string, bool) {
	var out []string
	for i, s := range row {
		c := clean(s)
		if c != s && out == nil {
			out = make([]string, len(row))
			copy(out, row[:i])
		}
		if out != nil {
			out[i] = c
		}
	}
	if out == nil {
		return row, false
	}
	return out, true
}

func (t Table) align(col int) Align {
	if col < len(t.Align) {
		return t.Align[col]
	}
	return Left
}

// right reports whether column col lines up to the right: Right or
// Decimal.
func (t Table) right(col int) bool { return t.align(col) != Left }

// pointed returns the rows with the cells of Decimal columns followed by
// spaces for the decimals they lack, so that their points line up when
// aligned right: a cell without a point gets one more space, for the
// point. rows is left as it is.
func (t Table) pointed(rows [][]string, cols int) [][]string {
	fracs := make([]int, cols)
	pointy := false
	for i := range cols {
		if t.align(i) != Decimal {
			continue
		}
		for _, r := range rows {
			fracs[i] = max(fracs[i], Cells(fraction(cell(r, i))))
			pointy = pointy || fracs[i] > 0
		}
	}
	if !pointy {
		return rows
	}
	out := make([][]string, len(rows))
	for n, r := range rows {
		line := slices.Clone(r)
		for i := range min(cols, len(line)) {
			if gap := fracs[i] - Cells(fraction(line[i])); gap > 0 && line[i] != "" {
				line[i] += strings.Repeat(" ", gap)
			}
		}
		out[n] = line
	}
	return out
}

// fraction returns the part of a number from its decimal point on: the
// last "." that a digit follows. It is "" when there is none.
func fraction(s string) string {
	i := strings.LastIndexByte(s, '.')
	if i < 0 || i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '9' {
		return ""
	}
	return s[i:]
}

func (t Table) columns() int {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	for _, r := range t.Footer {
		n = max(n, len(r))
	}
	return n
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// Cells counts display columns: East Asian wide and full-width characters
// take two, combining marks none, so Korean and Japanese names line up.
func Cells(s string) int {
	n := 0
	for _, r := range s {
		n += runeCells(r)
	}
	return n
}

// runeCells is the number of display columns r takes.
func runeCells(r rune) int {
	switch {
	case r < 0x300:
		return 1
	case r < 0x370, r == 0x200B, r == 0x200D:
		return 0 // combining marks and zero-width characters
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func pad(s string, w int, a Align) string {
	gap := w - Cells(s)
	if gap <= 0 {
		return s
	}
	if a != Left {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// Text renders the table as aligned plain text with a rule under the header
// and above the footer; a [Decimal] column lines its numbers up at the
// point, with spaces, never zeros, where a number has fewer decimals than
// another. Trailing spaces are trimmed from every line. Tabs
// and line breaks in cells become spaces, so that a row stays one line;
// control characters, non-characters and bytes that are not UTF-8 become
// U+FFFD, so that no cell sends a terminal an escape sequence.
func (t Table) Text() string {
	t = t.cleaned()
	cols := t.columns()
	body := t.pointed(append(slices.Clip(t.Rows), t.Footer...), cols)
	t.Rows, t.Footer = body[:len(t.Rows)], body[len(t.Rows):]
	widths := make([]int, cols)
	measure := func(row []string) {
		for i := range cols {
			widths[i] = max(widths[i], Cells(cell(row, i)))
		}
	}
	measure(t.Header)
	for _, r := range t.Rows {
		measure(r)
	}
	for _, r := range t.Footer {
		measure(r)
	}

	var b strings.Builder
	line := func(row []string) {
		var l strings.Builder
		for i := range cols {
			if i > 0 {
				l.WriteString("  ")
			}
			l.WriteString(pad(cell(row, i), widths[i], t.align(i)))
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	rule := func() {
		total := 0
		for i, w := range widths {
			if i > 0 {
				total += 2
			}
			total += w
		}
		b.WriteString(strings.Repeat("-", total))
		b.WriteByte('\n')
	}
	if t.Caption != "" {
		b.WriteString(t.Caption)
		b.WriteByte('\n')
	}
	if len(t.Header) > 0 {
		line(t.Header)
		rule()
	}
	for _, r := range t.Rows {
		line(r)
	}
	if len(t.Footer) > 0 {
		rule()
		for _, r := range t.Footer {
			line(r)
		}
	}
	return b.String()
}

// Markdown renders the table as a GitHub-flavoured Markdown table; the
// caption, when set, is a bold line above it and the footer a bold last row.
func (t Table) Markdown() string {
	cols := t.columns()
	var b strings.Builder
	if c := mdEscape(strings.TrimSpace(clean(t.Caption))); c != "" {
		b.WriteString("**" + c + "**\n\n")
	}
	row := func(r []string, bold bool) {
		b.WriteString("|")
		for i := range cols {
			c := mdEscape(strings.TrimSpace(clean(cell(r, i))))
			if bold && c != "" {
				c = "**" + c + "**"
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteByte('\n')
	}
	header := t.Header
	if len(header) == 0 {
		header = make([]string, cols)
	}
	row(header, false)
	b.WriteString("|")
	for i := range cols {
		if t.right(i) {
			b.WriteString("---:|")
		} else {
			b.WriteString(":---|")
		}
	}
	b.WriteByte('\n')
	for _, r := range t.Rows {
		row(r, false)
	}
	for _, r := range t.Footer {
		row(r, true)
	}
	return b.String()
}

// HTML renders the table as one self-contained <table> element with inline
// styles only; every cell is escaped.
func (t Table) HTML() string {
	cols := t.columns()
	var b strings.Builder
	b.WriteString(`<table style="border-collapse:collapse;font-family:sans-serif;font-size:14px">`)
	if t.Caption != "" {
		b.WriteString(`<caption style="text-align:left;font-weight:bold;padding:4px 0">` + escapeXML(t.Caption) + "</caption>")
	}
	cellTag := func(tag string, i int, s, extra string) {
		style := "padding:2px 8px;"
		if t.right(i) {
			style += "text-align:right;font-variant-numeric:tabular-nums;"
		} else {
			style += "text-align:left;"
		}
		b.WriteString("<" + tag + ` style="` + style + extra + `">` + escapeXML(s) + "</" + tag + ">")
	}
	if len(t.Header) > 0 {
		b.WriteString("<thead><tr>")
		for i := range cols {
			cellTag("th", i, cell(t.Header, i), "border-bottom:1px solid #888;")
		}
		b.WriteString("</tr></thead>")
	}
	b.WriteString("<tbody>")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for i := range cols {
			cellTag("td", i, cell(r, i), "")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody>")
	if len(t.Footer) > 0 {
		b.WriteString("<tfoot>")
		for n, r := range t.Footer {
			b.WriteString("<tr>")
			border := ""
			if n == 0 {
				border = "border-top:1px solid #888;"
			}
			for i := range cols {
				cellTag("td", i, cell(r, i), border+"font-weight:bold;")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</tfoot>")
	}
	b.WriteString("</table>")
	return b.String()
}

// Group inserts commas between thousands in a plain decimal string:
// "-2300000000.5" becomes "-2,300,000,000.5". Other text is returned as is.
func Group(s string) string {
	sign, body := "", s
	if strings.HasPrefix(body, "-") {
		sign, body = "-", body[1:]
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" {
		return s
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasPoint {
		b.WriteString("." + frac)
	}
	return b.String()
}
