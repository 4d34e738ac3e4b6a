package input

import (
	"bufio"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBOM(t *testing.T) {
	if got := string(TrimBOM([]byte(BOM + "id,x"))); got != "id,x" {
		t.Errorf("TrimBOM = %q", got)
	}
	if got := string(TrimBOM([]byte("id" + BOM))); got != "id"+BOM {
		t.Errorf("TrimBOM of a mark inside = %q", got)
	}
	br := bufio.NewReader(strings.NewReader(BOM + "a"))
	if n := SkipBOM(br); n != 3 {
		t.Errorf("SkipBOM = %d, want 3", n)
	}
	if rest, _ := br.ReadString(0); rest != "a" {
		t.Errorf("after SkipBOM: %q", rest)
	}
	br = bufio.NewReader(strings.NewReader("ab"))
	if n := SkipBOM(br); n != 0 {
		t.Errorf("SkipBOM without a mark = %d", n)
	}
}

func TestBadUTF8(t *testing.T) {
	for in, want := range map[string]int{
		"Korea": -1, "Kor\xe9a": 3, "한국": -1, "한\xed\xa0\x80": 3, "": -1,
	} {
		if got := BadUTF8([]byte(in)); got != want {
			t.Errorf("BadUTF8(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestLoneSurrogate(t *testing.T) {
	for in, want := range map[string]int{
		`"\ud800"`:              1,
		`"\udc00"`:              1,
		`"\ud83d\ude00"`:        -1,
		`"\\ud800"`:             -1, // an escaped backslash, then text
		`"\\\ud800"`:            3,
		`"a\u00e9"`:             -1,
		`"\ud83d\u0041"`:        1,
		`"\uD800\uDC00x"`:       -1,
		`"\ud800`:               1,
		`"\u12"`:                -1,
		`"x\ud83d\ude00\ud800"`: 14,
	} {
		if got := LoneSurrogate([]byte(in)); got != want {
			t.Errorf("LoneSurrogate(%s) = %d, want %d", in, got, want)
		}
	}
}

func TestBadText(t *testing.T) {
	type bad struct {
		off int
		why string
	}
	for in, want := range map[string]bad{
		`"Korea"`:         {-1, ""},
		"\"Kor\xe9a\"":    {4, "is not valid UTF-8"},
		`"Kor\udc00a"`:    {4, `escapes half a surrogate pair, \udc00,`},
		"\"\\ud800\xff\"": {1, `escapes half a surrogate pair, \ud800,`},
		"\"\xff\\ud800\"": {1, "is not valid UTF-8"},
		`"\ud83d\ude00"`:  {-1, ""},
	} {
		if off, why := BadText([]byte(in)); off != want.off || why != want.why {
			t.Errorf("BadText(%q) = %d, %q; want %d, %q", in, off, why, want.off, want.why)
		}
	}
}

func TestLines(t *testing.T) {
	l := NewLines([]byte("a\nb\nc\n"))
	for _, c := range []struct{ off, want int }{{0, 1}, {2, 2}, {5, 3}, {6, 4}, {1, 1}, {4, 3}, {100, 4}, {-1, 1}} {
		if got := l.At(c.off); got != c.want {
			t.Errorf("At(%d) = %d, want %d", c.off, got, c.want)
		}
	}
}

func TestBadChar(t *testing.T) {
	for _, c := range []struct {
		in      string
		oneLine bool
		off     int
		what    string
	}{
		{"", false, -1, ""},
		{"Yoon Suk Yeol 윤석열 \U0001F600", true, -1, ""},
		{"tab\tline\nreturn\r", false, -1, ""},
		{"tab\tline", true, 3, "holds the control character U+0009"},
		{"\ufeff\ufffd\ufdcf\ufdf0\U0010fffd\u00a0", true, -1, ""},
		{"a\x00", false, 1, "holds the control character U+0000"},
		{"a\x1fb", false, 1, "holds the control character U+001F"},
		{"del\x7f", false, 3, "holds the control character U+007F"},
		{"next\u0085line", false, 4, "holds the control character U+0085"},
		{"Greece\ufffe", false, 6, "holds U+FFFE (a Unicode noncharacter)"},
		{"\uffff", false, 0, "holds U+FFFF (a Unicode noncharacter)"},
		{"한\ufdd0", false, 3, "holds U+FDD0 (a Unicode noncharacter)"},
		{"\ufdef", false, 0, "holds U+FDEF (a Unicode noncharacter)"},
		{"x\U0001fffe", false, 1, "holds U+1FFFE (a Unicode noncharacter)"},
		{"\U0010ffff", false, 0, "holds U+10FFFF (a Unicode noncharacter)"},
		{"Kor\xe9a", false, 3, "is not valid UTF-8"},
		{"\xed\xa0\x80", false, 0, "is not valid UTF-8"}, // an encoded surrogate
	} {
		off, what := BadChar(c.in, c.oneLine)
		if off != c.off || what != c.what {
			t.Errorf("BadChar(%q, %v) = %d, %q; want %d, %q", c.in, c.oneLine, off, what, c.off, c.what)
		}
	}
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if Noncharacter(r) {
			n++
		}
	}
	if n != 66 {
		t.Errorf("%d noncharacters, want 66", n)
	}
}
