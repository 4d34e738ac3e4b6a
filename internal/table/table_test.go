package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestGroup(t *testing.T) {
	tests := map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "2300000000": "2,300,000,000",
		"-1234567.891": "-1,234,567.891", "123456": "123,456", "abc": "abc", "": "",
	}
	for in, want := range tests {
		if got := Group(in); got != want {
			t.Errorf("Group(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCells(t *testing.T) {
	tests := map[string]int{"Yoon": 4, "윤석열": 6, "岸田文雄": 8, "Ｙｏｏｎ": 8, "Shinzō": 6, "Shinzo\u0304": 6, "": 0}
	for in, want := range tests {
		if got := Cells(in); got != want {
			t.Errorf("Cells(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	tb := Table{
		Caption: "Meetings",
		Header:  []string{"leader", "count"},
		Align:   []Align{Left, Right},
		Rows:    [][]string{{"윤석열", "11"}, {"Kishida", "9"}},
		Footer:  [][]string{{"total", "20"}},
	}
	want := `Meetings
leader   count
--------------
윤석열      11
Kishida      9
--------------
total       20
`
	if diff := cmp.Diff(want, tb.Text()); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
	md := `**Meetings**

| leader | count |
|:---|---:|
| 윤석열 | 11 |
| Kishida | 9 |
| **total** | **20** |
`
	if diff := cmp.Diff(md, tb.Markdown()); diff != "" {
		t.Errorf("Markdown (-want +got):\n%s", diff)
	}
}

func TestEscaping(t *testing.T) {
	evil := `<img src=x onerror="alert(1)"> | *bold* & _it_`
	tb := Table{Caption: evil, Header: []string{evil}, Rows: [][]string{{evil}}, Footer: [][]string{{evil}}}
	h := tb.HTML()
	if strings.Contains(h, "<img") || strings.Contains(h, `"alert`) {
		t.Errorf("HTML not escaped: %s", h)
	}
	if strings.Count(h, "<table") != 1 || !strings.HasSuffix(h, "</table>") {
		t.Errorf("HTML is not one table: %s", h)
	}
	m := tb.Markdown()
	if strings.Contains(m, "<img") || strings.Contains(m, " | *bold*") {
		t.Errorf("Markdown not escaped: %s", m)
	}
	s := SVG(evil, []Bar{{Label: evil, Value: decimal.NewFromInt(1), Display: evil}})
	if strings.Contains(s, "<img") {
		t.Errorf("SVG not escaped: %s", s)
	}
}

func TestSVGScales(t *testing.T) {
	bars := []Bar{
		{Label: "a", Value: decimal.NewFromInt(300), Display: "300", Scale: "USD"},
		{Label: "b", Value: decimal.NewFromInt(150), Display: "150", Scale: "USD"},
		{Label: "c", Value: decimal.NewFromInt(5), Display: "5", Scale: "EUR"},
		{Label: "d", Value: decimal.Zero, Display: "0", Scale: "EUR"},
	}
	s := SVG("", bars)
	for _, want := range []string{`width="360" height="20"`, `width="180" height="20"`} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s: %s", want, s)
		}
	}
	// EUR 5 is the longest EUR bar, so it is full length too; the zero bar draws nothing.
	if got := strings.Count(s, `width="360"`); got != 2 {
		t.Errorf("%d full-length bars, want 2: %s", got, s)
	}
	if got := strings.Count(s, "<rect"); got != 3 {
		t.Errorf("%d rects, want 3", got)
	}
}
