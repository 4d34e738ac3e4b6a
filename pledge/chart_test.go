package pledge_test

import (
	"encoding/base64"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// svgTexts reads an SVG strictly with encoding/xml and returns its text
// elements' content and its bars' widths.
func svgTexts(t *testing.T, svg string) (texts, bars []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return texts, bars
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "text"
			if inText {
				texts = append(texts, "")
			}
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			if e.Name.Local == "rect" && attr["class"] == "bar" {
				bars = append(bars, attr["width"])
			}
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(e)
			}
		case xml.EndElement:
			inText = false
		}
	}
}

// imgSVG returns the SVG a chart's HTML shows as an image.
func imgSVG(t *testing.T, html string) string {
	t.Helper()
	src, ok := strings.CutPrefix(html, `<img src="data:image/svg+xml;base64,`)
	if !ok {
		t.Fatalf("chart HTML is not an <img> of SVG: %.80s", html)
	}
	svg, err := base64.StdEncoding.DecodeString(src[:strings.IndexByte(src, '"')])
	if err != nil {
		t.Fatal(err)
	}
	return string(svg)
}

// TestTotalsChartPerCurrency is the report's case: USD 4.5 billion and EUR
// 300 million must not be two bars of equal length on one scale. Each
// currency has a panel headed by its code (and its total when it has more
// than one row), on an axis of its own.
func TestTotalsChartPerCurrency(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "us", Donor: "United States", Recipient: "Ukraine", Amount: usd("4500000000"), Date: day("2024-01-01")},
		pledge.Pledge{ID: "jp", Donor: "Japan", Recipient: "Ukraine", Amount: usd("900000000"), Date: day("2024-01-01")},
		pledge.Pledge{ID: "de", Donor: "Germany", Recipient: "Ukraine", Amount: pledge.MustAmount("300000000", "EUR"), Date: day("2024-01-01")},
		pledge.Pledge{ID: "kr", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("3000000000000", "KRW"), Date: day("2024-01-01")},
	)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	texts, bars := svgTexts(t, tot.SVG())
	for _, want := range []string{"EUR", "KRW", "USD, total 5,400,000,000", "300M", "3T", "5B",
		"EUR 300,000,000", "USD 4,500,000,000 (83.3%)", "USD 900,000,000 (16.7%)"} {
		if !slices.Contains(texts, want) {
			t.Errorf("chart lacks the text %q: %q", want, texts)
		}
	}
	// EUR and KRW are full length on their own axes; USD 4.5B and 0.9B on 0-5B.
	if diff := cmp.Diff([]string{"360", "360", "64.8", "324"}, bars); diff != "" {
		t.Errorf("bar widths (-want +got):\n%s", diff)
	}
}

func TestTotalsChartIsAnImage(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
	if err != nil {
		t.Fatal(err)
	}
	c := tot.Chart()
	if diff := cmp.Diff(tot.SVG(), c.SVG()); diff != "" {
		t.Errorf("Chart.SVG (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(tot.SVG(), imgSVG(t, c.HTML())); diff != "" {
		t.Errorf("Chart.HTML's image (-want +got):\n%s", diff)
	}
	if !strings.Contains(c.HTML(), `alt="Bar chart: Totals: all stages; by category; humanitarian USD 300,000,000 (12.2%);`) {
		t.Errorf("Chart.HTML's alternative text: %.400s", c.HTML())
	}
}

// TestTotalsRenderHostileQuery: a query's donors reach the caption as
// given; every rendering stays well-formed.
func TestTotalsRenderHostileQuery(t *testing.T) {
	b := bookOf(t, koreaUkraine()...)
	tot, err := b.Total(pledge.Query{Donors: []string{"<Kim \uFFFE\x00 & \xff>"}, GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Skipf("the query is refused: %v", err)
	}
	for name, out := range map[string]string{"HTML": tot.HTML(), "SVG": tot.SVG(), "Chart": imgSVG(t, tot.Chart().HTML())} {
		d := xml.NewDecoder(strings.NewReader(out))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v\n%s", name, err, out)
				break
			}
		}
	}
}
