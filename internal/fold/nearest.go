package fold

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Nearest returns the positions in names of at most n names near name,
// for a "did you mean" list, in this order:
//
//  1. names whose keys ([Key]) are within a small edit distance of the key
//     of name (insertions, deletions and substitutions of characters: at
//     most a third of the longer key's characters, and at least one),
//     nearest first: "Japn" finds "Japan";
//  2. then names that hold every word of name as a whole word, words
//     folded as Key folds them (case, accents, width), fewest other
//     characters first: "Korea" finds "South Korea" and "Korea, Republic
//     of", but not "Koreana"; "south korea" finds "Korea, South".
//
// A name that fits both counts by its distance. Ties keep the order
// given, so the result depends only on the arguments. Names further off
// are left out, so a guess that resembles nothing gets no suggestions,
// and so does a name with no letters or digits.
func Nearest(name string, names []string, n int) []int {
	key := []rune(Key(name))
	want := words(name)
	type cand struct{ pos, class, measure int }
	var found []cand
	var prev, cur []int
	for i, other := range names {
		k := Key(other)
		limit := max(1, max(len(key), utf8.RuneCountInString(k))/3)
		if d := distance(key, k, limit, &prev, &cur); d <= limit {
			found = append(found, cand{i, 0, d})
		} else if len(want) > 0 && holds(words(other), want) {
			found = append(found, cand{i, 1, utf8.RuneCountInString(k) - len(key)})
		}
	}
	slices.SortStableFunc(found, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.measure, b.measure))
	})
	out := make([]int, 0, min(n, len(found)))
	for _, c := range found[:min(n, len(found))] {
		out = append(out, c.pos)
	}
	return out
}

// words returns the keys of the words of s: its runs of letters, marks and
// digits, each folded by Key; runs that fold to nothing are dropped.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsNumber(r)
	}) {
		if k := Key(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// holds reports whether have holds every word of want, a word wanted
// twice twice.
func holds(have, want []string) bool {
	left := make(map[string]int, len(have))
	for _, h := range have {
		left[h]++
	}
	for _, w := range want {
		if left[w] == 0 {
			return false
		}
		left[w]--
	}
	return true
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
