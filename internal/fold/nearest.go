package fold

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Nearest returns the positions in names of at most n names whose keys
// ([Key]) are closest to the key of name by edit distance (insertions,
// deletions and substitutions of characters), nearest first, ties in the
// order given. A name counts as near when at most a third of its key's
// characters, and at least one, would have to change; names further off
// are left out, so a guess that resembles nothing gets no suggestions.
func Nearest(name string, names []string, n int) []int {
	key := []rune(Key(name))
	type cand struct{ pos, dist int }
	var found []cand
	var prev, cur []int
	for i, other := range names {
		k := Key(other)
		limit := max(1, max(len(key), utf8.RuneCountInString(k))/3)
		if d := distance(key, k, limit, &prev, &cur); d <= limit {
			found = append(found, cand{i, d})
		}
	}
	slices.SortStableFunc(found, func(a, b cand) int { return cmp.Compare(a.dist, b.dist) })
	out := make([]int, 0, min(n, len(found)))
	for _, c := range found[:min(n, len(found))] {
		out = append(out, c.pos)
	}
	return out
}

// distance is the Levenshtein distance between a and b, or limit+1 once it
// must exceed limit. prev and cur are reused rows.
func distance(a []rune, b string, limit int, prev, cur *[]int) int {
	br := []rune(b)
	if d := len(a) - len(br); d > limit || -d > limit {
		return limit + 1
	}
	p, c := (*prev)[:0], (*cur)[:0]
	for j := 0; j <= len(br); j++ {
		p = append(p, j)
	}
	c = append(c, make([]int, len(br)+1)...)
	for i := 1; i <= len(a); i++ {
		c[0] = i
		best := c[0]
		for j := 1; j <= len(br); j++ {
			sub := p[j-1]
			if a[i-1] != br[j-1] {
				sub++
			}
			c[j] = min(sub, p[j]+1, c[j-1]+1)
			best = min(best, c[j])
		}
		if best > limit {
			*prev, *cur = p, c
			return limit + 1
		}
		p, c = c, p
	}
	*prev, *cur = p, c
	return p[len(br)]
}
