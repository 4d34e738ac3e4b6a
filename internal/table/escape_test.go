package table

import (
	"html"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestXMLWellFormed renders hostile strings in every place a table or a
// chart shows text and parses each SVG and HTML result with encoding/xml.
func TestXMLWellFormed(t *testing.T) {
	for _, s := range hostile {
		tb := Table{Caption: s, Header: []string{s, "n"}, Rows: [][]string{{s, "1"}}, Footer: [][]string{{s, "1"}}}
		if _, err := parseXML(tb.HTML()); err != nil {
			t.Errorf("HTML of %q: %v\n%s", s, err, tb.HTML())
		}
		c := Chart{Title: s, Bars: []Bar{{Label: []string{s, s}, Value: decimal.NewFromInt(1), Display: s, Scale: s}}, Headings: map[string]string{s: s}}
		svg, html := c.Render()
		if _, err := parseXML(svg); err != nil {
			t.Errorf("SVG of %q: %v\n%s", s, err, svg)
		}
		inner, _, err := svgOfImg(html)
		if err != nil {
			t.Errorf("chart HTML of %q: %v", s, err)
		} else if inner != svg {
			t.Errorf("chart HTML of %q holds another SVG than SVG()", s)
		}
		if strings.Contains(tb.HTML()+svg, "<script") {
			t.Errorf("markup of %q reached the output", s)
		}
	}
}

func TestEscapeXML(t *testing.T) {
	tests := map[string]string{
		"plain":                  "plain",
		`<a href="x">&'</a>`:     "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;",
		"\uFFFE\uFFFF\U0010FFFF": "\uFFFD\uFFFD\uFFFD",
		"\x00\x1b\x7f\u0085":     "\uFFFD\uFFFD\uFFFD\uFFFD",
		"\xff\xed\xa0\x80":       "\uFFFD\uFFFD\uFFFD\uFFFD",
		"a\tb\nc\rd":             "a b c d",
		"\uFFFD kept, 윤석열 kept":  "\uFFFD kept, 윤석열 kept",
	}
	for in, want := range tests {
		if got := escapeXML(in); got != want {
			t.Errorf("escapeXML(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextCleansCells keeps each row of Text on one line and keeps escape
// sequences away from the terminal.
func TestTextCleansCells(t *testing.T) {
	tb := Table{Header: []string{"name", "n"}, Rows: [][]string{{"Kim\nJong\x1b[2J\uFFFE", "1"}}}
	want := "name" + strings.Repeat(" ", 11) + "n\n" + strings.Repeat("-", 16) + "\nKim Jong\uFFFD[2J\uFFFD  1\n"
	if diff := cmp.Diff(want, tb.Text()); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"~~struck~~ and ~one~", `\~\~struck\~\~ and \~one\~`},
		{"see https://example.org/x or HTTP://A.B", `see https\://example.org/x or HTTP\://A.B`},
		{"www.example.org and WWW.EXAMPLE.ORG", `www\.example.org and WWW\.EXAMPLE.ORG`},
		{"kim@example.org", "kim@&#8288;example.org"},
		{"*em* _em_ `code`", `\*em\* \_em\_ \` + "`code\\`"},
		{"[link](http://x.org) ![i](x.png) [^1]", `\[link\](http\://x.org) !\[i\](x.png) \[^1\]`},
		{"<b>bold</b> <http://x.org> & &amp;", "&lt;b&gt;bold&lt;/b&gt; &lt;http\\://x.org&gt; &amp; &amp;amp;"},
		{"a | b", `a \| b`},
		{`back\slash`, `back\\slash`},
		{"# not a heading #1", `\# not a heading #1`},
		{"$x^2$ costs $5", `\$x^2\$ costs \$5`},
		{"two\nlines\r\n", "two lines"},
		{"  padded  ", "padded"},
		{"\uFFFE\x00", "\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		got := Table{Rows: [][]string{{tt.in}}}.Markdown()
		want := "|  |\n|:---|\n| " + tt.want + " |\n"
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Markdown of %q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// mdHostile are cell texts GitHub-flavoured Markdown would read as more
// than text if they were not escaped.
var mdHostile = []string{
	"~~struck~~", "~one~", "https://example.org/x?y=1", "http://a.example", "ftp://x.example",
	"www.example.org", "kim@example.org", "mailto:kim@example.org", "xmpp:kim@example.org/r",
	"*em* _em_ **b** __b__ ***bi***", "`code` ``co`de``", "[link](http://x.org)", "![img](x.png)",
	"[ref] [^1]", "<b>bold</b>", "<http://x.org>", "&amp; &#65; &copy;", "a | b | c", `back\slash \*`,
	"# heading", "## two #", "$x^2$ and $$y$$", "> quote", "- item", "1. item", "---", "===",
	"line\nbreak", "Kim \uFFFE", "a\\|b", `\`, "|", "www.x.org/a_b_c", "foo_bar_baz", "2*3*4",
}

// TestMarkdownInCmarkGFM renders escaped cells with cmark-gfm, GitHub's
// Markdown renderer, with its table, strikethrough and autolink extensions,
// and checks that each cell comes out as its own text and nothing more.
// CI installs cmark-gfm (Debian's package); elsewhere the test runs when it
// is on PATH.
func TestMarkdownInCmarkGFM(t *testing.T) {
	bin, err := exec.LookPath("cmark-gfm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("cmark-gfm is not installed; .ci/run installs it (apt-get install cmark-gfm)")
		}
		t.Skip("cmark-gfm is not installed (apt-get install cmark-gfm)")
	}
	tb := Table{Caption: "Caption ~~x~~ https://x.org", Header: []string{"name", "n"}}
	for _, s := range mdHostile {
		tb.Rows = append(tb.Rows, []string{s, "1"})
	}
	tb.Footer = [][]string{{"total *", "2"}}
	cmd := exec.Command(bin, "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink")
	cmd.Stdin = strings.NewReader(tb.Markdown())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	cells := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(page, -1)
	var want []string
	for _, r := range append(tb.Rows, tb.Footer...) {
		for _, c := range r {
			want = append(want, strings.TrimSpace(clean(c)))
		}
	}
	if len(cells) != len(want) {
		t.Fatalf("%d cells, want %d:\n%s", len(cells), len(want), page)
	}
	footer := len(want) - 2
	for i, c := range cells {
		inner := c[1]
		if i >= footer { // the footer is bold: <strong>…</strong>, and nothing else
			inner = strings.TrimSuffix(strings.TrimPrefix(inner, "<strong>"), "</strong>")
		}
		if strings.ContainsAny(inner, "<>") {
			t.Errorf("cell %q renders as markup: %s", want[i], inner)
			continue
		}
		text := strings.ReplaceAll(html.UnescapeString(inner), "\u2060", "")
		if text != want[i] {
			t.Errorf("cell %q renders as the text %q", want[i], text)
		}
	}
	caption := regexp.MustCompile(`<p><strong>(.*?)</strong></p>`).FindStringSubmatch(page)
	if caption == nil || html.UnescapeString(caption[1]) != tb.Caption {
		t.Errorf("caption renders as %q, want bold %q:\n%s", caption, tb.Caption, page)
	}
}
