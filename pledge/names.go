package pledge

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

// nameIndex finds donors and recipients by their folded names. It is
// built as queries need it, not as records are added, so Add pays nothing
// for it; it has a lock of its own because queries share the store's read
// lock.
type nameIndex struct {
	mu      sync.Mutex
	names   int // names keyed so far
	recs    int // records whose roles are noted so far
	revised int // len(store.revisedBy) when the roles were noted
	keys    map[string][]uint32
	role    []uint8 // per name ID: isDonor | isRecipient, in records that count
}

const (
	isDonor uint8 = 1 << iota
	isRecipient
)

// update brings the index up to the store; the caller holds idx.mu and
// the store's read lock.
func (idx *nameIndex) update(st *store) {
	if idx.keys == nil {
		idx.keys = map[string][]uint32{}
	}
	for ; idx.names < len(st.names.names); idx.names++ {
		k := fold.Key(st.names.names[idx.names])
		idx.keys[k] = append(idx.keys[k], uint32(idx.names))
		idx.role = append(idx.role, 0)
	}
	if idx.revised != len(st.revisedBy) {
		// A record that counted may be revised now: note the roles anew.
		clear(idx.role)
		idx.recs, idx.revised = 0, len(st.revisedBy)
	}
	for ; idx.recs < len(st.recs); idx.recs++ {
		if _, revised := st.revisedBy[st.recs[idx.recs].id]; revised {
			continue
		}
		idx.role[st.donor[idx.recs]] |= isDonor
		if r := st.recipient[idx.recs]; r != 0 {
			idx.role[r] |= isRecipient
		}
	}
}

// nameFilter returns, by name ID, the names a Donors or Recipients filter
// keeps: those of records that count. Names compare as the meeting ledger compares leaders' names (case,
// accents, spaces, hyphens and width folded); a filter name that fits no
// donor (or recipient) of the book is a *[NameError] naming the nearest.
func (st *store) nameFilter(field string, names []string, role uint8) ([]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	ok := make([]bool, len(st.names.names))
	idx := st.idx
	if idx == nil {
		idx = &nameIndex{} // an empty book
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	idx.update(st)
	for i, name := range names {
		found := false
		for _, id := range idx.keys[fold.Key(name)] {
			if idx.role[id]&role != 0 {
				ok[id], found = true, true
			}
		}
		if !found {
			var all []string
			for id, r := range idx.role {
				if r&role != 0 {
					all = append(all, st.names.names[id])
				}
			}
			collateSort(all) // ties among the nearest in alphabetical order
			e := &NameError{Field: fmt.Sprintf("%s[%d]", field, i), Name: name, Role: strings.TrimSuffix(field, "s")}
			for _, k := range fold.Nearest(name, all, 3) {
				e.Nearest = append(e.Nearest, all[k])
			}
			return nil, e
		}
	}
	return ok, nil
}

// NameError is a query filter that names a donor, recipient or category
// the book does not hold, so it would match nothing without a word. It
// matches [ErrUnknownName].
type NameError struct {
	Field string // "donors[0]"
	Role  string // "donor", "recipient" or "category"
	Name  string // the name as given
	// Nearest are at most 3 of the book's names that the one given may
	// have meant: first names a small edit away ("Japn": "Japan"),
	// nearest first, then names that hold every word of it as a whole
	// word ("Korea": "South Korea"), shortest first; ties in
	// alphabetical order, as [Book.Donors] lists names.
	Nearest []string
}

// Error names the filter, as every query error does, and suggests the
// nearest names: `pledge: query: donors[0]: no donor "Fredonia" in the
// book (nearest: "Freedonia")`.
func (e *NameError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pledge: query: %s: no %s %s in the book", e.Field, e.Role, problem.Quote(e.Name))
	if len(e.Nearest) > 0 {
		b.WriteString(" (nearest: ")
		for i, n := range e.Nearest {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(problem.Quote(n))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns [ErrUnknownName].
func (e *NameError) Unwrap() error { return ErrUnknownName }

// Donors returns the donors of the records that count, in the order of
// the Unicode collation algorithm.
func (b *Book) Donors() []string {
	return b.names(func(st *store, i int) uint32 { return st.donor[i] })
}

// Recipients returns the recipients named by the records that count, in
// the order of the Unicode collation algorithm; records that name none
// add nothing.
func (b *Book) Recipients() []string {
	return b.names(func(st *store, i int) uint32 { return st.recipient[i] })
}

func (b *Book) names(of func(st *store, i int) uint32) []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	st := &b.st
	seen := make([]bool, len(st.names.names))
	var out []string
	for i := range st.recs {
		if _, revised := st.revisedBy[st.recs[i].id]; revised {
			continue
		}
		if id := of(st, i); id != 0 || st.names.names[0] != "" {
			if !seen[id] && st.names.names[id] != "" {
				seen[id] = true
				out = append(out, st.names.names[id])
			}
		}
	}
	collateSort(out)
	return out
}

// Categories returns every category that the records that count give
// their money, parts included, one by one (an undivided amount in two
// categories lists both), with [Unspecified] when some money has none; in
// the order of [Category.Within] paths, parents before children.
func (b *Book) Categories() []Category {
	b.mu.RLock()
	defer b.mu.RUnlock()
	st := &b.st
	seen := map[Category]bool{}
	add := func(list uint32) {
		for _, c := range orUnspecified(st.cats.lists[list]) {
			seen[c] = true
		}
	}
	for i := range st.recs {
		if _, revised := st.revisedBy[st.recs[i].id]; revised {
			continue
		}
		r := &st.recs[i]
		e := st.extraOf(int32(i))
		for _, c := range e.partCats {
			add(c)
		}
		rest := st.amount(int32(i)).value
		for _, pt := range e.parts {
			rest = rest.Sub(pt.Amount.value)
		}
		if len(e.parts) == 0 || rest.Sign() > 0 {
			add(r.cats)
		}
	}
	out := make([]Category, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Category) int { return compareKey(string(a), string(b)) })
	return out
}

// categoryFilter checks that each category of a Categories filter can
// match something: a category of the book, one of its ancestors, or a
// predefined category. Anything else is a *[NameError].
func (st *store) categoryFilter(filter []Category) error {
	for i, f := range filter {
		if slices.Contains(DefaultCategories(), f) || f == Unspecified {
			continue
		}
		found := false
		var all []string
		for _, list := range st.cats.lists {
			for _, c := range list {
				if c.Within(f) {
					found = true
				}
				all = append(all, string(c))
			}
		}
		if found {
			continue
		}
		slices.Sort(all)
		all = slices.Compact(all)
		e := &NameError{Field: fmt.Sprintf("categories[%d]", i), Role: "category", Name: string(f)}
		for _, k := range fold.Nearest(string(f), all, 3) {
			e.Nearest = append(e.Nearest, all[k])
		}
		return e
	}
	return nil
}

func collateSort(names []string) {
	c := collate.New(language.Und)
	slices.SortFunc(names, func(a, b string) int {
		if x := c.CompareString(a, b); x != 0 {
			return x
		}
		return strings.Compare(a, b)
	})
}
