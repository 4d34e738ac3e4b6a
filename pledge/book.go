package pledge

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

// Book is a set of pledge records. The zero value is an empty book ready to
// use. A Book is safe for concurrent use; the records it returns are copies.
//
// A Book keeps every record it is given, including those a later record
// revises, so the history stays; totals count only the latest restatement.
type Book struct {
	mu        sync.RWMutex
	recs      []Pledge          // in the order added
	index     map[string]int    // ID → position in recs
	revisedBy map[string]string // ID → ID of the record that revises it
	under     map[string][]int  // ID named by Under → positions of its children
}

// Add records pledges, all or nothing: when any is invalid, none is added
// and the error is a *[ValidationError] that lists every problem found, each
// naming the record and the field. A record may refer (Revises, Under) to
// records already in the book or elsewhere in the same call. Dates are
// reduced to civil dates, and a restatement that names no Under takes the
// Under of the record it restates.
func (b *Book) Add(pledges ...Pledge) error {
	batch := make([]Pledge, len(pledges))
	for i, p := range pledges {
		batch[i] = p.clone()
		batch[i].normalize()
	}

	b.mu.Lock()
	defer b.mu.Unlock()

	all := make([]problems, len(batch))
	o := newOverlay(b, len(batch))
	for i := range batch {
		p := &batch[i]
		all[i] = problems{index: i, id: p.ID}
		checkFields(p, &all[i])
		if p.ID == "" {
			continue
		}
		if _, dup := b.index[p.ID]; dup {
			all[i].add("id", fmt.Errorf("%w: %q is already in the book", ErrDuplicate, p.ID))
		} else if _, dup := o.batch[p.ID]; dup {
			all[i].add("id", fmt.Errorf("%w: %q is given twice", ErrDuplicate, p.ID))
		} else {
			o.batch[p.ID] = p
		}
	}
	o.inheritUnder(batch)
	o.checkLinks(batch, all)

	var found []Problem
	for _, ps := range all {
		found = append(found, ps.list...)
	}
	if len(found) > 0 {
		return &ValidationError{Problems: found}
	}

	if b.index == nil {
		b.index = make(map[string]int, len(batch))
		b.revisedBy = map[string]string{}
		b.under = map[string][]int{}
	}
	for i := range batch {
		p := batch[i]
		pos := len(b.recs)
		b.recs = append(b.recs, p)
		b.index[p.ID] = pos
		if p.Revises != "" {
			b.revisedBy[p.Revises] = p.ID
		}
		if p.Under != "" {
			b.under[p.Under] = append(b.under[p.Under], pos)
		}
	}
	return nil
}

// Pledge returns the record with the given ID, whether or not a later record
// revises it.
func (b *Book) Pledge(id string) (Pledge, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	i, ok := b.index[id]
	if !ok {
		return Pledge{}, false
	}
	return b.recs[i].clone(), true
}

// Pledges returns the records that count (those no later record revises),
// in date then ID order.
func (b *Book) Pledges() []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]Pledge, 0, len(b.recs)-len(b.revisedBy))
	for _, p := range b.recs {
		if _, revised := b.revisedBy[p.ID]; !revised {
			out = append(out, p.clone())
		}
	}
	sortByDate(out)
	return out
}

// All returns every record in the order added, revised ones included: the
// book's full history, as [Book.WriteJSON] saves it.
func (b *Book) All() []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]Pledge, len(b.recs))
	for i, p := range b.recs {
		out[i] = p.clone()
	}
	return out
}

// History returns the chain of restatements that ends in the record now
// counting for id: the original first, the record that counts last. It is
// empty when id is unknown.
func (b *Book) History(id string) []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	i, ok := b.index[id]
	if !ok {
		return nil
	}
	// Walk back to the original, then forward to the latest.
	for b.recs[i].Revises != "" {
		i = b.index[b.recs[i].Revises]
	}
	out := []Pledge{b.recs[i].clone()}
	for next, ok := b.revisedBy[b.recs[i].ID]; ok; next, ok = b.revisedBy[next] {
		i = b.index[next]
		out = append(out, b.recs[i].clone())
	}
	return out
}

// Len returns the number of records, revised ones included.
func (b *Book) Len() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.recs)
}

func sortByDate(ps []Pledge) {
	slices.SortFunc(ps, func(a, b Pledge) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
