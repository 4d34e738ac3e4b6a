package fold

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNearest(t *testing.T) {
	names := []string{"Freedonia", "Sylvania", "South Korea", "Korea, South", "Fredonia", "Japan"}
	tests := []struct {
		in   string
		n    int
		want []int
	}{
		{"freedonia", 3, []int{0, 4}}, // exact key first, then one letter off
		{"Fredonai", 3, []int{4, 0}},
		{"south-korea", 1, []int{2}},
		{"Germany", 3, []int{}},
		{"Japn", 3, []int{5}},
		{"", 3, []int{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Nearest(tt.in, names, tt.n)); diff != "" {
			t.Errorf("Nearest(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestNearestWords: a name that is a whole word (or words) of others finds
// them, folded as Key folds, after the names within edit distance and
// fewest other characters first; part of a word finds nothing.
func TestNearestWords(t *testing.T) {
	countries := []string{"Japan", "South Korea", "Korea, Republic of", "Koreana", "North Korea", "Korean Air", "Côte d'Ivoire", "Ivory Coast", "Czech Republic"}
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"Korea", 3, []string{"Koreana", "South Korea", "North Korea"}},                       // Koreana by distance, then the two of 10 letters
		{"Korea", 9, []string{"Koreana", "South Korea", "North Korea", "Korea, Republic of"}}, // not "Korean Air"
		{"KOREA", 2, []string{"Koreana", "South Korea"}},
		{"korea south", 3, []string{"South Korea"}}, // every word, in any order
		{"Republic", 3, []string{"Czech Republic", "Korea, Republic of"}},
		{"cote", 3, []string{"Côte d'Ivoire"}}, // accents folded
		{"Ｋｏｒｅａ", 1, []string{"Koreana"}},      // width folded
		{"Kore", 3, []string{}},                // part of a word is no word
		{"South Korea", 3, []string{"South Korea", "North Korea"}},
		{"Republic Republic", 3, []string{}}, // a word wanted twice is there once
		{"of", 3, []string{"Korea, Republic of"}},
		{"-", 3, []string{}}, // no words
		{"Germany", 3, []string{}},
	}
	for _, tt := range tests {
		got := []string{}
		for _, i := range Nearest(tt.in, countries, tt.n) {
			got = append(got, countries[i])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Nearest(%q, %d) (-want +got):\n%s", tt.in, tt.n, diff)
		}
	}
}

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"South Korea":        {"south", "korea"},
		"Korea, Republic of": {"korea", "republic", "of"},
		"Yoon Suk-yeol":      {"yoon", "suk", "yeol"},
		"Côte d'Ivoire":      {"cote", "d", "ivoire"},
		"ＳＯＵＴＨ　ＫＯＲＥＡ":        {"south", "korea"},
		"대한민국":               {"대한민국"},
		"health/vaccines":    {"health", "vaccines"},
		" - ":                nil,
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, words(in)); diff != "" {
			t.Errorf("words(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestDistance(t *testing.T) {
	var p, c []int
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3},
		{"", "abc", 5, 3},
		{"abc", "", 5, 3},
		{"한국", "한극", 2, 1},
		{"same", "same", 0, 0},
	} {
		if got := distance([]rune(tt.a), tt.b, tt.limit, &p, &c); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
