package pledge

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/summitry/summitry/internal/problem"
)

// Book is a set of pledge records. The zero value is an empty book ready to
// use. A Book is safe for concurrent use; the records it returns are copies.
//
// A Book keeps every record it is given, including those a later record
// revises, so the history stays; totals count only the latest restatement.
// It holds records compactly (names and categories interned, amounts as
// integers where they fit) and keeps them laid out for [Book.Total] to scan.
//
// Writers take turns; a batch is checked while readers go on, and they
// wait only while the checked batch is stored.
type Book struct {
	wmu       sync.Mutex   // held by the one writer at work
	mu        sync.RWMutex // guards st and version
	st        store
	version   uint64
	journaled atomic.Bool // set by OpenJournal and AddLogged: Add and Merge then refuse to add
}

// Add records pledges, all or nothing: when any is invalid, none is added
// and the error is a *[ValidationError] that lists the problems found, each
// naming the record and the field: the first 100 by record, and a count of
// the rest. A record may refer (Revises, Under) to records already in the
// book or elsewhere in the same call. Dates are reduced to civil dates, and
// a restatement that names no Under takes the Under of the record it
// restates. Text fields follow the rule in the package overview.
//
// A record equal ([Pledge.Equal]) to the one the book holds under its ID,
// once reduced as Add reduces it and with each list of categories (the
// record's, each part's) taken as a set, as totals take it, is already
// there (the book keeps the order it was first given): Add accepts it and
// changes nothing, so that a book can take in another that overlaps it
// ([Book.Merge]) and a journal can be replayed twice. The same holds for a
// record given twice in one call. A different record under an ID the
// book holds, or given twice in one call, is [ErrDuplicate], and the error
// names the first field in which they differ. [Book.Version] changes when
// Add adds something, and only then.
//
// Once the book keeps a journal (after [OpenJournal] or [Book.AddLogged]),
// Add refuses to add anything, with an error matching [ErrNotLogged]: a
// record the journal lacks would leave it unable to replay once a logged
// record refers to it. Add of records the book holds already still
// succeeds, as it changes nothing.
func (b *Book) Add(pledges ...Pledge) error {
	batch := make([]Pledge, len(pledges))
	for i, p := range pledges {
		batch[i] = p.clone()
		batch[i].normalize()
	}
	return b.add(batch, false, b.unlogged)
}

// add records batch, which it owns, all or nothing; checked says that
// checkFields has passed every record already. When log is given, it is
// handed the records to store (the batch less the records already there,
// Under inherited) before they are stored, and its error stops the batch:
// the book changes only after log has succeeded, and the order of what log
// sees is the order of the book. A failed check is a *ValidationError.
func (b *Book) add(batch []Pledge, checked bool, log func([]Pledge) error) error {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	// Only writers change the store, and this is the one writer: checking
	// under the read lock lets queries go on meanwhile.
	b.mu.RLock()
	batch, ve := b.st.check(batch, checked)
	b.mu.RUnlock()
	if ve != nil {
		return ve
	}
	if len(batch) == 0 {
		return nil
	}
	if log != nil {
		if err := log(batch); err != nil {
			return err
		}
	}
	b.mu.Lock()
	b.st.add(batch)
	b.version++
	b.mu.Unlock()
	return nil
}

// check validates batch, which it owns, against the store and returns the
// records to store: the batch less the records the store holds already
// and the repeats of a record in the batch, each with Under inherited.
// The records kept move to the front of batch.
func (s *store) check(batch []Pledge, checked bool) ([]Pledge, *ValidationError) {
	var c collector
	all := make([]problems, len(batch))
	first := make(map[string]int, len(batch)) // ID → position of its first record in batch
	keep := make([]bool, len(batch))
	for i := range batch {
		p := &batch[i]
		all[i] = problems{index: i, id: p.ID, c: &c}
		keep[i] = true
		if !checked {
			checkFields(p, &all[i])
		}
		if p.ID == "" {
			continue
		}
		if at, dup := s.index[p.ID]; dup {
			if d := s.differs(at, p); d != "" {
				all[i].add("id", fmt.Errorf("%w: %s is already in the book%s", ErrDuplicate, problem.Quote(p.ID), d))
			} else {
				keep[i] = false
			}
		} else if j, dup := first[p.ID]; dup {
			if d := repeated(batch[j], *p); d != "" {
				all[i].add("id", fmt.Errorf("%w: %s is given twice%s", ErrDuplicate, problem.Quote(p.ID), d))
			} else {
				keep[i] = false
			}
		} else {
			first[p.ID] = i
		}
	}
	n := 0
	for i := range batch {
		if keep[i] {
			batch[n], all[n] = batch[i], all[i]
			n++
		}
	}
	batch, all = batch[:n], all[:n]
	o := newOverlay(s, len(batch))
	for i := range batch {
		if p := &batch[i]; p.ID != "" {
			if _, seen := o.batch[p.ID]; !seen {
				o.batch[p.ID] = p
			}
		}
	}
	o.inheritUnder(batch)
	o.checkLinks(batch, all)
	if err := c.err(); err != nil {
		return nil, err
	}
	return batch, nil
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

// Version returns a number that changes whenever the book does: every
// [Book.Add] (or Merge, AddLogged, Replay, UnmarshalJSON) that adds
// something makes it larger, and nothing else changes it. A service can
// keep a result computed at one version ([Totals.Version], [Page].Version)
// for as long as the book's version stays the same, and use it as an HTTP
// ETag. It counts changes since the Book was made; it is not saved with
// the records.
func (b *Book) Version() uint64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.version
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
