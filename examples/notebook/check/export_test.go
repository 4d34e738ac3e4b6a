package main

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

const testSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#fff"/>` +
	`<text x="1" y="12">a</text><rect class="bar" x="10" y="5" width="80" height="18" fill="#4e79a7"/>` +
	`<rect class="bar" x="10" y="28" width="40" height="18" fill="#4e79a7"/></svg>`

func img(svg string) string {
	return svgImage + base64.StdEncoding.EncodeToString([]byte(svg)) + `" alt="chart"/>`
}

// notebookWith returns a notebook of one code cell per output data.
func notebookWith(data ...map[string]string) *Notebook {
	nb := &Notebook{}
	for i, d := range data {
		count := i + 1
		md := map[string]MultiLine{}
		for k, v := range d {
			md[k] = MultiLine(v)
		}
		outs := []Output{{OutputType: "execute_result", ExecutionCount: &count, Data: md, Metadata: json.RawMessage("{}")}}
		nb.Cells = append(nb.Cells, Cell{CellType: "code", Outputs: &outs})
	}
	return nb
}

func TestCheckExport(t *testing.T) {
	table := map[string]string{"text/html": "<table><tr><td>1</td></tr></table>", "image/svg+xml": testSVG}
	chart := map[string]string{"text/html": img(testSVG), "image/svg+xml": testSVG}
	svgOnly := map[string]string{"image/svg+xml": testSVG}
	// What Debian's nbconvert 6.5 leaves of an image/svg+xml output.
	stripped := `<div data-mime-type="image/svg+xml"><svg width="100" height="50">a</svg></div>`

	nb := notebookWith(table, chart, svgOnly)
	charts, err := nb.Charts()
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 2 || charts[0].Cell != 2 || charts[1].Cell != 3 || len(charts[0].Bars) != 2 {
		t.Fatalf("Charts = %+v, want the charts of cells 2 and 3, with two bars each", charts)
	}
	tests := []struct {
		name, page string
		ok         bool
	}{
		{"images", "<table></table>" + img(testSVG) + "<p>" + img(testSVG), true},
		{"inline and image", `<div><svg xmlns="http://www.w3.org/2000/svg">` + testSVG[strings.Index(testSVG, "<rect"):] + "</div>" + img(testSVG), true},
		{"stripped", img(testSVG) + stripped, false},
		{"one missing", img(testSVG), false},
		{"nothing", "<html></html>", false},
		{"other bars", img(strings.Replace(testSVG, `width="40"`, `width="41"`, 1)) + img(testSVG), false},
	}
	for _, tt := range tests {
		err := CheckExport(nb, tt.page)
		if (err == nil) != tt.ok {
			t.Errorf("%s: CheckExport = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
	if err := CheckExport(notebookWith(table), img(testSVG)); err == nil {
		t.Error("a notebook without charts passes")
	}
}

// TestStoredChartsAreImages: every chart the stored notebook shows is an
// image of its own SVG in text/html, which nbconvert's HTML export and the
// Jupyter front ends prefer to image/svg+xml; a page made of the text/html
// outputs shows them all.
func TestStoredChartsAreImages(t *testing.T) {
	nb := readNotebook(t)
	var page strings.Builder
	images := 0
	for _, c := range nb.Cells {
		if c.Outputs == nil {
			continue
		}
		for _, o := range *c.Outputs {
			html := string(o.Data["text/html"])
			page.WriteString(html)
			if !strings.HasPrefix(html, svgImage) {
				continue
			}
			images++
			src := strings.TrimPrefix(html, svgImage)
			svg, err := base64.StdEncoding.DecodeString(src[:strings.IndexByte(src, '"')])
			if err != nil || string(svg) != string(o.Data["image/svg+xml"]) {
				t.Errorf("an image's SVG differs from the output's image/svg+xml (%v)", err)
			}
		}
	}
	charts, err := nb.Charts()
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) == 0 || images != len(charts) {
		t.Errorf("%d charts, %d of them images", len(charts), images)
	}
	if err := CheckExport(nb, page.String()); err != nil {
		t.Error(err)
	}
}
