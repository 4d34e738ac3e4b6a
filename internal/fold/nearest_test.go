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
