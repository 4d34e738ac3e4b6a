package fts

import "testing"

// TestCleanFastPath: a name isClean lets through is the name clean's
// full rewrite makes of it, and every name the rewrite changes is one
// isClean stops.
func TestCleanFastPath(t *testing.T) {
	pieces := []string{"a", "Ré", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u0085", "\x7f", "\x00", "\u200b", "한국", "-"}
	var walk func(prefix string, n int)
	walk = func(prefix string, n int) {
		if got, want := clean(prefix), rewrite(prefix); got != want {
			t.Errorf("clean(%q) = %q, want %q", prefix, got, want)
		}
		if n == 0 {
			return
		}
		for _, p := range pieces {
			walk(prefix+p, n-1)
		}
	}
	walk("", 3)
}

// TestCleanKeepsACleanName: clean returns a name that is clean already as
// it is, allocating nothing, as Pledges calls it for every name of every
// flow (issue 10, review: it rebuilt every name).
func TestCleanKeepsACleanName(t *testing.T) {
	for _, s := range []string{"", "United States of America, Government of", "Curaçao", "대한민국 정부"} {
		if allocs := testing.AllocsPerRun(100, func() { sinkName = clean(s) }); allocs != 0 || sinkName != s {
			t.Errorf("clean(%q) = %q with %v allocations, want it as it is with none", s, sinkName, allocs)
		}
	}
}

var sinkName string
