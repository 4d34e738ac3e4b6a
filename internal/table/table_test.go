package table

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// TestDecimal: a Decimal column lines its numbers up at the point in text,
// with spaces where a number has fewer decimals, never zeros; Markdown and
// HTML write each cell as it is, aligned right.
func TestDecimal(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		text string
	}{
		{"whole and fractions", [][]string{{"a", "321,000,000"}, {"b", "1,234.5"}, {"c", "0.125"}}, `x           amount
------------------
a  321,000,000
b        1,234.5
c            0.125
`},
		{"all whole: as Right", [][]string{{"a", "2,300,000,000"}, {"b", "150"}}, `x         amount
----------------
a  2,300,000,000
b            150
`},
		{"signs, blanks and words", [][]string{{"a", "≈ 7.10"}, {"b", ""}, {"c", "n/a"}, {"d", "≥ 12"}, {"e", "v1.x"}}, `x   amount
----------
a   ≈ 7.10
b
c   n/a
d  ≥ 12
e  v1.x
`},
	}
	for _, tt := range tests {
		tb := Table{Header: []string{"x", "amount"}, Align: []Align{Left, Decimal}, Rows: tt.rows}
		if diff := cmp.Diff(tt.text, tb.Text()); diff != "" {
			t.Errorf("%s: Text (-want +got):\n%s", tt.name, diff)
		}
		for _, r := range tt.rows {
			md := "| " + r[0] + " | " + r[1] + " |"
			if r[1] == "" {
				md = "| " + r[0] + " |  |"
			}
			if !strings.Contains(tb.Markdown(), md+"\n") {
				t.Errorf("%s: Markdown lacks %q:\n%s", tt.name, md, tb.Markdown())
			}
			if !strings.Contains(tb.HTML(), `text-align:right;font-variant-numeric:tabular-nums;">`+escapeXML(r[1])+"</td>") {
				t.Errorf("%s: HTML lacks the right-aligned cell %q:\n%s", tt.name, r[1], tb.HTML())
			}
		}
	}
}
