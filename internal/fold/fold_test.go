package fold_test

import (
	"testing"
	"unicode/utf8"

	"github.com/summitry/summitry/internal/fold"
)

func TestKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Yoon Suk Yeol", "yoonsukyeol"},
		{"Yoon Suk-yeol", "yoonsukyeol"},
		{"YOON SUK YEOL", "yoonsukyeol"},
		{"yoon_suk_yeol", "yoonsukyeol"},
		{"ＹＯＯＮ　ＳＵＫ　ＹＥＯＬ", "yoonsukyeol"},
		{"Shinzō Abe", "shinzoabe"},
		{"Jonas Gahr Støre", "jonasgahrstore"},
		{"Lech Wałęsa", "lechwalesa"},
		{"Recep Tayyip Erdoğan", "receptayyiperdogan"},
		{"Nguyễn Phú Trọng", "nguyenphutrong"},
		{"Olaf Scholz", "olafscholz"},
		{"Straße", "strasse"},
		{"윤석열", "윤석열"},
		{"윤 석-열", "윤석열"},
		{"岸田文雄", "岸田文雄"},
		{"ガ", "ガ"},  // the voicing mark is part of the kana, not an accent
		{"ｶﾞ", "ガ"}, // half-width katakana widen to the same kana
		{"Дми́трий", "дмитрии"},
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fold.Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Yoon Suk-yeol", "Shinzō Abe", "윤석열", "ＡＢＥ", "ｶﾞ", "İstanbul", "ǅ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := fold.Key(s)
		if !utf8.ValidString(s) {
			return
		}
		if again := fold.Key(k); again != k {
			t.Errorf("Key(Key(%q)) = %q, want %q", s, again, k)
		}
	})
}

// TestASCIIFastPath checks the ASCII shortcut against the full Unicode path.
func TestASCIIFastPath(t *testing.T) {
	for c := 0; c < 0x80; c++ {
		s := "A" + string(rune(c)) + "z"
		if got, want := fold.Key(s), fold.Key(s + "é")[:len(fold.Key(s))]; got != want {
			t.Errorf("Key(%q) = %q, the Unicode path gives %q", s, got, want)
		}
	}
}
