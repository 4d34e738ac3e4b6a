package main

import (
	"cmp"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// A chart output is an execute_result that a page shows as a picture: its
// HTML form, if it has one, is an SVG image (the Chart values of pledge and
// meeting), or it has no HTML form and an SVG one. Totals and the other
// tables also carry SVG, but a page shows their HTML table.
const svgImage = `<img src="data:image/svg+xml;base64,`

// Chart is one chart of a notebook's stored outputs.
type Chart struct {
	Cell int      // the code cell's number, from 1
	Bars []string // its bars (rect class="bar"), as their attributes
}

// Charts returns the chart outputs of the notebook's code cells with their
// bars, read from their SVG.
func (nb *Notebook) Charts() ([]Chart, error) {
	var charts []Chart
	n := 0
	for _, c := range nb.Cells {
		if c.CellType != "code" || c.Outputs == nil {
			continue
		}
		n++
		for _, o := range *c.Outputs {
			svg, ok := o.Data["image/svg+xml"]
			html, hasHTML := o.Data["text/html"]
			if o.OutputType != "execute_result" || !ok || hasHTML && !strings.HasPrefix(string(html), svgImage) {
				continue
			}
			bars, err := svgBars(string(svg))
			if err != nil {
				return nil, fmt.Errorf("cell %d: the stored chart: %v", n, err)
			}
			if len(bars) == 0 {
				return nil, fmt.Errorf("cell %d: the stored chart has no bars", n)
			}
			charts = append(charts, Chart{Cell: n, Bars: bars})
		}
	}
	return charts, nil
}

// svgBars reads an SVG document strictly and returns its bars: the
// attributes of each rect of class "bar", in order.
func svgBars(svg string) ([]string, error) {
	d := xml.NewDecoder(strings.NewReader(svg))
	var bars []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return bars, nil
		}
		if err != nil {
			return nil, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "rect" {
			var attrs []string
			class := ""
			for _, a := range e.Attr {
				attrs = append(attrs, a.Name.Local+"="+a.Value)
				if a.Name.Local == "class" {
					class = a.Value
				}
			}
			if class == "bar" {
				bars = append(bars, strings.Join(attrs, " "))
			}
		}
	}
}

var (
	dataSVG   = regexp.MustCompile(`data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)`)
	inlineSVG = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)
)

// pageSVGs returns the SVG pictures of an HTML page in order: data: URIs
// and inline <svg> elements. What does not parse as SVG has no bars.
func pageSVGs(page string) [][]string {
	type found struct {
		at   int
		bars []string
	}
	var all []found
	for _, m := range dataSVG.FindAllStringSubmatchIndex(page, -1) {
		data, err := base64.StdEncoding.DecodeString(page[m[2]:m[3]])
		if err != nil {
			continue
		}
		bars, _ := svgBars(string(data))
		all = append(all, found{m[0], bars})
	}
	for _, m := range inlineSVG.FindAllStringIndex(page, -1) {
		bars, _ := svgBars(page[m[0]:m[1]])
		all = append(all, found{m[0], bars})
	}
	// In page order: the two kinds interleave.
	slices.SortStableFunc(all, func(a, b found) int { return cmp.Compare(a.at, b.at) })
	out := make([][]string, len(all))
	for i, f := range all {
		out[i] = f.bars
	}
	return out
}

// CheckExport reports each chart of the notebook's stored outputs whose
// bars the exported page does not show, in the notebook's order: a page
// that drops a chart, or keeps its <svg> element but strips what is inside
// (as Debian's nbconvert 6.5 does to image/svg+xml outputs), fails.
func CheckExport(nb *Notebook, page string) error {
	charts, err := nb.Charts()
	if err != nil {
		return err
	}
	if len(charts) == 0 {
		return errors.New("the notebook's stored outputs have no chart to look for")
	}
	pics := pageSVGs(page)
	var errs []error
	next := 0
	for _, c := range charts {
		found := false
		for i := next; i < len(pics); i++ {
			if slices.Equal(pics[i], c.Bars) {
				found, next = true, i+1
				break
			}
		}
		if !found {
			errs = append(errs, fmt.Errorf("the chart of cell %d (%d bars) is not in the page", c.Cell, len(c.Bars)))
		}
	}
	return errors.Join(errs...)
}
