package meeting_test

import (
	"encoding/base64"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

// labelLines returns the label lines of an SVG chart (its right-aligned
// text), read strictly with encoding/xml.
func labelLines(t *testing.T, svg string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var lines []string
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return lines
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			in = false
			for _, a := range e.Attr {
				if e.Name.Local == "text" && a.Name.Local == "text-anchor" && a.Value == "end" {
					in = true
					lines = append(lines, "")
				}
			}
		case xml.CharData:
			if in {
				lines[len(lines)-1] += string(e)
			}
		case xml.EndElement:
			in = false
		}
	}
}

// TestPairChartKeepsBothNames: a pair's label is never cut; when the two
// names do not fit one line, the second starts a line of its own, whole.
func TestPairChartKeepsBothNames(t *testing.T) {
	const long = "Maria Cristina Fernández de Kirchner de la Santísima Trinidad"
	var l meeting.Ledger
	if err := l.AddLeader(
		meeting.Leader{ID: "a", Name: "Yoon Suk Yeol", Country: "KR"},
		meeting.Leader{ID: "b", Name: "Fumio Kishida", Country: "JP"},
		meeting.Leader{ID: "c", Name: long, Country: "AR"},
	); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMeeting(
		meeting.Meeting{ID: "1", Date: day("2024-01-01"), Participants: []string{"a", "b"}},
		meeting.Meeting{ID: "2", Date: day("2024-01-02"), Participants: []string{"a", "b"}},
		meeting.Meeting{ID: "3", Date: day("2024-01-03"), Participants: []string{"a", "c"}},
	); err != nil {
		t.Fatal(err)
	}
	pc := l.Pairs(meeting.Rule{})
	want := []string{"Fumio Kishida – Yoon Suk Yeol", "Maria Cristina Fernández de Kirchner de", "la Santísima Trinidad –", "Yoon Suk Yeol"}
	if diff := cmp.Diff(want, labelLines(t, pc.SVG())); diff != "" {
		t.Errorf("label lines (-want +got):\n%s", diff)
	}
	if strings.Contains(pc.SVG(), "…") {
		t.Error("a label is cut")
	}
}

func TestChartsAreImages(t *testing.T) {
	l := storyLedger()
	pc := l.Pairs(meeting.Rule{})
	s, err := l.Rank("KR", "JP", meeting.Rule{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		chart meeting.Chart
		svg   string
	}{"PairCounts": {pc.Chart(), pc.SVG()}, "Standings": {s.Chart(), s.SVG()}} {
		if c.chart.SVG() != c.svg {
			t.Errorf("%s.Chart().SVG() differs from SVG()", name)
		}
		src, ok := strings.CutPrefix(c.chart.HTML(), `<img src="data:image/svg+xml;base64,`)
		if !ok {
			t.Errorf("%s.Chart().HTML() is not an image: %.80s", name, c.chart.HTML())
			continue
		}
		img, err := base64.StdEncoding.DecodeString(src[:strings.IndexByte(src, '"')])
		if err != nil || string(img) != c.svg {
			t.Errorf("%s.Chart().HTML() does not show SVG(): %v", name, err)
		}
	}
}
