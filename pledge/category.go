package pledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/summitry/summitry/internal/problem"
)

// Category classifies money as a slash path from general to specific:
// "humanitarian", "military/non-lethal", "financial/loan". A category is
// lower case; its segments are letters, digits, spaces and hyphens, never
// empty. "+" is reserved for the joined key of an undivided amount in several
// categories (see [JoinCategories]).
type Category string

// The default categories follow the Kiel Institute's Ukraine Support
// Tracker: military, financial and humanitarian aid, with reconstruction
// beside them. Any other valid path may be used as well.
const (
	Military           Category = "military"
	MilitaryWeapons    Category = "military/weapons"
	MilitaryEquipment  Category = "military/equipment"
	MilitaryNonLethal  Category = "military/non-lethal"
	Financial          Category = "financial"
	FinancialGrant     Category = "financial/grant"
	FinancialLoan      Category = "financial/loan"
	FinancialGuarantee Category = "financial/guarantee"
	Humanitarian       Category = "humanitarian"
	Reconstruction     Category = "reconstruction"

	// Unspecified is the category of money whose purpose the source does not
	// give: the remainder of a pledge beyond its itemised parts, or a pledge
	// recorded with no category.
	Unspecified Category = "unspecified"
)

// DefaultCategories returns the predefined categories, parents first.
func DefaultCategories() []Category {
	return []Category{
		Military, MilitaryWeapons, MilitaryEquipment, MilitaryNonLethal,
		Financial, FinancialGrant, FinancialLoan, FinancialGuarantee,
		Humanitarian, Reconstruction, Unspecified,
	}
}

// ParseCategory reads a category path written loosely, as a person would:
// it trims spaces, lowers the case and removes spaces around slashes
// (" Military / Non-Lethal " is "military/non-lethal"), then checks it.
func ParseCategory(s string) (Category, error) {
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		segs[i] = strings.Join(strings.Fields(strings.ToLower(seg)), " ")
	}
	c := Category(strings.Join(segs, "/"))
	if err := c.Check(); err != nil {
		return "", err
	}
	return c, nil
}

// Check reports whether c is a well-formed category; the error matches
// [ErrInvalidCategory] and says what to change.
func (c Category) Check() error {
	if plainCategory(string(c)) {
		return nil
	}
	return c.check()
}

// plainCategory reports whether s is a category that passes Check at a
// glance: segments of lower-case ASCII letters, digits, hyphens and single
// spaces inside, joined by slashes. Most categories are.
func plainCategory(s string) bool {
	prev := byte('/') // as if a segment had just ended
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-':
		case c == ' ' || c == '/':
			if prev == '/' || prev == ' ' {
				return false // an empty segment, or a space at its end or start, or two
			}
		default:
			return false
		}
		prev = c
	}
	return prev != '/' && prev != ' '
}

// check is Check for any category.
func (c Category) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %s: %s", ErrInvalidCategory, problem.Quote(string(c)), fmt.Sprintf(format, args...))
	}
	if c == "" {
		return bad("empty")
	}
	for seg := range strings.SplitSeq(string(c), "/") {
		if seg == "" {
			return bad("empty segment between slashes")
		}
		if strings.TrimSpace(seg) != seg || strings.Contains(seg, "  ") {
			return bad("stray spaces")
		}
		for _, r := range seg {
			switch {
			case r == '+':
				return bad(`"+" joins categories in totals; list each category separately`)
			case unicode.IsUpper(r):
				return bad("use lower case (%s)", problem.Quote(strings.ToLower(string(c))))
			case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == ' ':
			default:
				return bad("unexpected %q", r)
			}
		}
	}
	return nil
}

// Parent returns the category one level up: "military" for
// "military/non-lethal"; the empty Category for a top-level category.
func (c Category) Parent() Category {
	i := strings.LastIndexByte(string(c), '/')
	if i < 0 {
		return ""
	}
	return c[:i]
}

// Within reports whether c is ancestor or lies below it:
// "military/non-lethal" is within "military" and within itself, not within
// "mil" or "humanitarian".
func (c Category) Within(ancestor Category) bool {
	if ancestor == "" {
		return false
	}
	n := len(ancestor)
	return c == ancestor || len(c) > n && c[n] == '/' && c[:n] == ancestor
}

// Depth returns the number of segments: 1 for "military", 2 for
// "military/non-lethal", 0 for the empty Category.
func (c Category) Depth() int {
	if c == "" {
		return 0
	}
	return strings.Count(string(c), "/") + 1
}

// Truncate returns c cut to at most depth segments ("military" for
// "military/non-lethal" at depth 1). Depth 0 or less returns c unchanged.
func (c Category) Truncate(depth int) Category {
	if depth <= 0 {
		return c
	}
	s := string(c)
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			depth--
			if depth == 0 {
				return Category(s[:i])
			}
		}
	}
	return c
}

// JoinCategories returns the key under which an undivided amount in several
// categories is totalled: the distinct categories, sorted, joined with "+"
// ("humanitarian+military/non-lethal"). No categories give [Unspecified].
func JoinCategories(cs []Category) string {
	switch len(cs) {
	case 0:
		return string(Unspecified)
	case 1:
		return string(cs[0])
	}
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	slices.Sort(s)
	return strings.Join(slices.Compact(s), "+")
}
