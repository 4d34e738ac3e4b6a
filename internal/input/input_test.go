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
		in   string
		off  int
		what string
	}{
		{"", -1, ""},
		{"Yoon Suk Yeol 윤석열 \U0001F600", -1, ""},
		{"tab\tline\nreturn\r", -1, ""},
		{"\u007f\u0085\ufeff\ufffd\ufdcf\ufdf0\U0010fffd", -1, ""}, // XML 1.0 allows these
		{"a\x00", 1, "U+0000, a control character XML forbids"},
		{"a\x1fb", 1, "U+001F, a control character XML forbids"},
		{"Greece\ufffe", 6, "U+FFFE, a Unicode noncharacter"},
		{"\uffff", 0, "U+FFFF, a Unicode noncharacter"},
		{"한\ufdd0", 3, "U+FDD0, a Unicode noncharacter"},
		{"\ufdef", 0, "U+FDEF, a Unicode noncharacter"},
		{"x\U0001fffe", 1, "U+1FFFE, a Unicode noncharacter"},
		{"\U0010ffff", 0, "U+10FFFF, a Unicode noncharacter"},
		{"Kor\xe9a", 3, "byte 0xe9, which is not UTF-8"},
		{"\xed\xa0\x80", 0, "byte 0xed, which is not UTF-8"}, // an encoded surrogate
	} {
		off, what := BadChar(c.in)
		if off != c.off || what != c.what {
			t.Errorf("BadChar(%q) = %d, %q; want %d, %q", c.in, off, what, c.off, c.what)
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
