package pledge

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/summitry/summitry/internal/problem"
)

// Book is a set of pledge records. The zero value is an empty book ready to
// use. A Book is safe for concurrent use; the records it returns are copies.
//
// A Book keeps every record it is given, including those a later record
// revises, so the history stays; totals count only the latest restatement.
// It holds records compactly (names and categories interned, amounts as
// integers where they fit) and keeps them laid out for [Book.Total] to scan.
type Book struct {
	mu sync.RWMutex
	st store
}

// Add records pledges, all or nothing: when any is invalid, none is added
// and the error is a *[ValidationError] that lists the problems found, each
// naming the record and the field: the first 100 by record, and a count of
// the rest. A record may refer (Revises, Under) to records already in the
// book or elsewhere in the same call. Dates are reduced to civil dates, and
// a restatement that names no Under takes the Under of the record it
// restates. Text fields follow the rule in the package overview.
func (b *Book) Add(pledges ...Pledge) error {
	batch := make([]Pledge, len(pledges))
	for i, p := range pledges {
		batch[i] = p.clone()
		batch[i].normalize()
	}
	if err := b.add(batch, false); err != nil {
		return err
	}
	return nil
}

// add records batch, which it owns, all or nothing; checked says that
// checkFields has passed every record already.
func (b *Book) add(batch []Pledge, checked bool) *ValidationError {
	b.mu.Lock()
	defer b.mu.Unlock()

	var c collector
	all := make([]problems, len(batch))
	o := newOverlay(&b.st, len(batch))
	for i := range batch {
		p := &batch[i]
		all[i] = problems{index: i, id: p.ID, c: &c}
		if !checked {
			checkFields(p, &all[i])
		}
		if p.ID == "" {
			continue
		}
		if _, dup := b.st.index[p.ID]; dup {
			all[i].add("id", fmt.Errorf("%w: %s is already in the book", ErrDuplicate, problem.Quote(p.ID)))
		} else if _, dup := o.batch[p.ID]; dup {
			all[i].add("id", fmt.Errorf("%w: %s is given twice", ErrDuplicate, problem.Quote(p.ID)))
		} else {
			o.batch[p.ID] = p
		}
	}
	o.inheritUnder(batch)
	o.checkLinks(batch, all)
	if err := c.err(); err != nil {
		return err
	}
	b.st.add(batch)
	return nil
}

// Pledge returns the record with the given ID, whether or not a later record
// revises it.
func (b *Book) Pledge(id string) (Pledge, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	i, ok := b.st.index[id]
	if !ok {
		return Pledge{}, false
	}
	return b.st.pledge(i), true
}

// Pledges returns the records that count (those no later record revises),
// in date then ID order.
func (b *Book) Pledges() []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	st := &b.st
	out := make([]Pledge, 0, len(st.recs)-len(st.revisedBy))
	for i := range st.recs {
		if _, revised := st.revisedBy[st.recs[i].id]; !revised {
			out = append(out, st.pledge(int32(i)))
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
	out := make([]Pledge, len(b.st.recs))
	for i := range b.st.recs {
		out[i] = b.st.pledge(int32(i))
	}
	return out
}

// History returns the chain of restatements that ends in the record now
// counting for id: the original first, the record that counts last. It is
// empty when id is unknown.
func (b *Book) History(id string) []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	st := &b.st
	i, ok := st.index[id]
	if !ok {
		return nil
	}
	// Walk back to the original, then forward to the latest.
	for r := st.extraOf(i).revises; r != ""; r = st.extraOf(i).revises {
		i = st.index[r]
	}
	out := []Pledge{st.pledge(i)}
	for next, ok := st.revisedBy[st.recs[i].id]; ok; next, ok = st.revisedBy[next] {
		i = st.index[next]
		out = append(out, st.pledge(i))
	}
	return out
}

// Len returns the number of records, revised ones included.
func (b *Book) Len() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.st.recs)
}

func sortByDate(ps []Pledge) {
	slices.SortFunc(ps, func(a, b Pledge) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
