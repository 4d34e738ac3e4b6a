package fold_test

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

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
		{"ガ", "ガ"},              // the voicing mark is part of the kana, not an accent
		{"ｶﾞ", "ガ"},             // half-width katakana widen to the same kana
		{"Дми́трий", "дмитрий"}, // the stress mark goes, the breve of й stays
		{"Зеленський", "зеленський"},
		{"Зеленськии", "зеленськии"},
		{"Їжак", "їжак"},
		{"Ѓорѓи", "ѓорѓи"},           // Macedonian ѓ is a letter, not a stressed г
		{"Ελευθέριος", "ελευθεριοσ"}, // case folding makes final ς a σ
		{"Nguyễn Phú Trọng", "nguyenphutrong"},
		{"Oʻzbekiston", "ozbekiston"},
		{"Vasylʼ", "vasyl"},
		{"Vasyl'", "vasyl"},
		{"①", "1"},
		{"Louis Ⅱ", "louisii"},
		{"ǅemal", "dzemal"},
		{"ǄEMAL", "dzemal"},
		{"Ŀlorenç", "llorenc"},
		{"ℌans", "hans"},
		{"a\u0301b", "ab"},
		{"-\u0301a", "a"}, // a mark on a hyphen goes with it
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, fold.Key(tt.in)); diff != "" {
			t.Errorf("Key(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestKeyKeepsNamesApart lists names that must not share a key: distinct
// letters of Cyrillic, Hangul syllables, kana and CJK ideographs.
func TestKeyKeepsNamesApart(t *testing.T) {
	for _, pair := range [][2]string{
		{"Зеленський", "Зеленськии"},
		{"Її", "Іі"},
		{"Горбачёв", "Горбачев"},
		{"Ўладзімір", "Уладзімір"},
		{"이명박", "이명"},
		{"윤석열", "윤성열"},
		{"박근혜", "박근해"},
		{"김정은", "김정일"},
		{"岸田文雄", "岸田文男"},
		{"習近平", "习近平"},
		{"きしだ", "キシダ"},
		{"カ", "ガ"},
		{"נְתַנְיָהוּ", "נתניהו"},
	} {
		if a, b := fold.Key(pair[0]), fold.Key(pair[1]); a == b {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", pair[0], pair[1], a)
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

// TestWord: a word with a control character other than white space, or
// bytes that are not UTF-8, is no word; white space is Key's to ignore.
func TestWord(t *testing.T) {
	type result struct {
		Key string
		OK  bool
	}
	tests := map[string]result{
		"Pull-aside":        {"pullaside", true},
		" Held\r\n":         {"held", true},
		"\tcall\u0085":      {"call", true},
		"talks\x00":         {"", false},
		"\x1b[31mtalks":     {"", false},
		"tal\u009bks":       {"", false},
		"talks\x7f":         {"", false},
		"talks\xff":         {"", false},
		"\xed\xa0\x80":      {"", false}, // a surrogate, as UTF-8 may not write it
		"talks\ufffd":       {"", false}, // text lost in decoding: not the word
		"":                  {"", true},
		"전화 통화":             {fold.Key("전화 통화"), true},
		"\u200btalks\u200b": {fold.Key("\u200btalks\u200b"), true}, // format characters, not controls: Key's to fold
	}
	got := map[string]result{}
	for text := range tests {
		k, ok := fold.Word(text)
		got[text] = result{k, ok}
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("Word (-want +got):\n%s", diff)
	}
}
