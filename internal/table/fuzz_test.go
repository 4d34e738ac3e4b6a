package table

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// FuzzRender puts arbitrary strings in every place a table or a chart
// shows text, and checks what the renderers promise whatever the text:
// HTML is one well-formed XML element (<table>, or the chart's <img>), SVG
// is one well-formed XML document, the chart's image is its SVG, a text
// table keeps one line per row, and a Markdown table keeps its columns.
func FuzzRender(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, s, int64(1), int64(2))
	}
	f.Add("Totals: all stages", "South Korea · humanitarian", int64(300000000), int64(-150))
	f.Add("a|b\\|c", "~~x~~ https://x.org kim@x.org www.x.org", int64(0), int64(0))
	f.Fuzz(func(t *testing.T, a, b string, v, w int64) {
		tb := Table{
			Caption: a,
			Header:  []string{a, b, b},
			Align:   []Align{Left, Right, Decimal},
			Rows:    [][]string{{a, b, a}, {b}, {b, a, b}},
			Footer:  [][]string{{"total", a, b}},
		}
		els, err := parseXML(tb.HTML())
		if err != nil {
			t.Fatalf("HTML: %v\n%s", err, tb.HTML())
		}
		if els[0].name != "table" {
			t.Fatalf("HTML root is <%s>", els[0].name)
		}

		text := tb.Text()
		if !utf8.ValidString(text) {
			t.Fatalf("Text is not UTF-8: %q", text)
		}
		// caption, header, rule, three rows, rule, footer
		want := 7
		if tb.Caption != "" {
			want++
		}
		if n := strings.Count(text, "\n"); n != want {
			t.Fatalf("Text has %d lines, want %d:\n%s", n, want, text)
		}

		md := tb.Markdown()
		lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
		if tb.Caption != "" && strings.TrimSpace(clean(tb.Caption)) != "" {
			lines = lines[2:]
		}
		if len(lines) != 6 {
			t.Fatalf("Markdown has %d table lines, want 6:\n%s", len(lines), md)
		}
		for _, l := range lines {
			if n := cellBars(l); n != 4 {
				t.Fatalf("Markdown line %q has %d unescaped pipes, want 4", l, n)
			}
		}

		c := Chart{
			Title: a,
			Bars: []Bar{
				{Label: []string{a, b}, Value: decimal.NewFromInt(v), Display: b, Scale: a},
				{Label: []string{b}, Value: decimal.New(w, -3), Display: a, Scale: b},
				{Label: []string{a}, Value: decimal.NewFromInt(v).Sub(decimal.NewFromInt(w)), Display: a, Scale: a},
			},
			Headings: map[string]string{a: b},
			Shares:   true,
		}
		svg, html := c.Render()
		if els, err = parseXML(svg); err != nil {
			t.Fatalf("SVG: %v\n%s", err, svg)
		}
		if els[0].name != "svg" || els[0].attr["xmlns"] != "http://www.w3.org/2000/svg" {
			t.Fatalf("SVG root: %+v", els[0])
		}
		inner, _, err := svgOfImg(html)
		if err != nil {
			t.Fatal(err)
		}
		if inner != svg {
			t.Fatal("the chart's image is not its SVG")
		}
	})
}

// cellBars counts the pipes of a Markdown table line that separate cells:
// those not escaped by a backslash.
func cellBars(line string) int {
	n := 0
	escaped := false
	for i := 0; i < len(line); i++ {
		switch {
		case escaped:
			escaped = false
		case line[i] == '\\':
			escaped = true
		case line[i] == '|':
			n++
		}
	}
	return n
}
