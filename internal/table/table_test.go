package table

import (
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
