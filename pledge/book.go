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
// wait only while the checked batch is stored. A batch of 8,192 records
// or more is checked and laid out on up to every processor (GOMAXPROCS),
// a chunk of at least 4,096 records each; what Add accepts, and every problem it reports, is
// the same however the batch is cut.
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
	return b.add(pledges, false, b.unlogged)
}

// add records batch all or nothing; checked says that checkFields has
// passed every record already. It does not change batch, and keeps none
// of its slices.
// When log is given, it is handed the records to store (the batch less the
// records already there, Under inherited) before they are stored, and its
// error stops the batch: the book changes only after log has succeeded,
// and the order of what log sees is the order of the book. A failed check
// is a *ValidationError.
func (b *Book) add(batch []Pledge, checked bool, log func([]Pledge) error) error {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	// Only writers change the store, and this is the one writer: checking
	// under the read lock lets queries go on meanwhile.
	b.mu.RLock()
	cb, ve := b.st.check(batch, checked)
	b.mu.RUnlock()
	if ve != nil {
		return ve
	}
	if len(cb.seg.recs) == 0 {
		return nil
	}
	if log != nil {
		if err := log(cb.recs); err != nil {
			return err
		}
	}
	b.keep(cb)
	return nil
}

// keep stores a checked batch, under the write lock; the caller holds wmu.
func (b *Book) keep(cb checkedBatch) {
	b.mu.Lock()
	b.st.add(cb)
	b.version++
	b.mu.Unlock()
}

// checkedBatch is a batch that check has passed: the records to store,
// laid out, and the index of their IDs.
type checkedBatch struct {
	recs   []Pledge // as given, with Under inherited
	seg    *segment
	ids    idIndex // positions in recs
	linked bool    // some records may refer to others (Revises, Under)
}

// check validates batch against the store and returns the records to
// store: the batch less the records the store holds already and the
// repeats of a record in the batch, each with Under inherited, in the
// order given, and laid out. It does not change batch: a batch with
// records to leave out or Unders to inherit is copied first.
func (s *store) check(batch []Pledge, checked bool) (checkedBatch, *ValidationError) {
	return s.checkBatch(batch, checked, true)
}

// checkBatch is check; memo says to check each name and category list of
// the batch once (segment.known), as check does, else every time.
func (s *store) checkBatch(batch []Pledge, checked, memo bool) (checkedBatch, *ValidationError) {
	var c collector
	bad := batchProblems{c: &c, batch: batch}
	seg, tags, links := layOut(batch, checked, memo, &bad)

	// Duplicates: IDs the store holds, and IDs given twice. The IDs are
	// taken in the order of their tags' regions, so that the tables are
	// read and written a region at a time; a record is read only when its
	// tag matches another's.
	byID := byRegion(tags...)
	var ids idIndex
	ids.reserve(len(byID))
	var drop []bool // records already there: identical ones, to leave out
	for _, f := range s.indexIDs(batch, byID, regioned(len(byID), len(tags)), &ids) {
		if f.err != nil {
			bad.at(int(f.pos)).add("id", f.err)
		} else {
			drop = dropAt(drop, len(batch), f.pos)
		}
	}
	if drop != nil {
		batch, ids = bad.leaveOut(drop, ids)
		seg.leaveOut(drop)
	}

	// Links: only a batch with records that refer to others has any to
	// check (see overlay).
	if links {
		if drop == nil {
			batch = slices.Clone(batch) // inheriting Unders writes them
			bad.batch = batch
		}
		o := newOverlay(s, batch, &ids)
		o.inheritUnder(batch)
		o.checkLinks(batch, &bad)
		for i := range batch {
			if p := &batch[i]; p.Revises != "" {
				seg.recs[i].extra.under = p.Under
			}
		}
	}
	if err := c.err(); err != nil {
		return checkedBatch{}, err
	}
	return checkedBatch{recs: batch, seg: seg, ids: ids, linked: links}, nil
}

// idFound is a record of a batch whose ID the store holds or an earlier
// record of the batch has: err says how they differ, or is nil when the
// record is the same, to leave out.
type idFound struct {
	pos int32
	err error
}

// indexIDs puts the IDs of batch, whose tags byID gives (by region, when
// regioned says so), in ids, which has room for them all, but for those
// it finds in the store or earlier in the batch, which it returns. A large
// batch, by region, is indexed side by side: each processor takes a run
// of regions, whose IDs' probes start in its own part of the table; an ID
// whose probe would run past that part waits, and is put after the
// others.
func (s *store) indexIDs(batch []Pledge, byID []taggedID, regioned bool, ids *idIndex) []idFound {
	k := chunksFor(len(byID))
	if k == 1 || !regioned || ids.bits < 8 {
		var found []idFound
		_, put := s.indexPart(batch, byID, ids, noEnd, &found)
		ids.n += put
		return found
	}
	// Cut byID into k runs of whole regions, of about equal size.
	cuts := make([]int, k+1)
	cuts[k] = len(byID)
	for c := 1; c < k; c++ {
		at := max(cuts[c-1], c*len(byID)/k)
		for at < len(byID) && at > 0 && byID[at].tag>>24 == byID[at-1].tag>>24 {
			at++
		}
		cuts[c] = at
	}
	type part struct {
		found []idFound
		late  []taggedID
		put   int
	}
	parts := make([]part, k)
	inParallel(k, func(c int) {
		end := uint32(0) // the last run's part ends with the table
		if cuts[c+1] < len(byID) {
			// The first slot of the next run's first region: the table
			// has a run of slots for each region.
			end = byID[cuts[c+1]].tag >> 24 << (ids.bits - 8)
		}
		p := &parts[c]
		p.late, p.put = s.indexPart(batch, byID[cuts[c]:cuts[c+1]], ids, end, &p.found)
	})
	var found []idFound
	for c := range parts {
		ids.n += parts[c].put
		found = append(found, parts[c].found...)
	}
	for c := range parts {
		_, put := s.indexPart(batch, parts[c].late, ids, noEnd, &found)
		ids.n += put
	}
	return found
}

// indexPart puts the IDs that tags gives in ids, probing no further than
// the slot before end (see idIndex.insertBefore), but for those it finds
// in the store or earlier in the batch, which it appends to found. It
// returns the IDs that would probe past end and how many it put, which
// it does not count in ids.n.
func (s *store) indexPart(batch []Pledge, tags []taggedID, ids *idIndex, end uint32, found *[]idFound) (late []taggedID, put int) {
	for _, e := range tags {
		p := &batch[e.pos]
		same := func(k int32) bool { return s.recs[k].id == p.ID }
		if at, dup := s.ids.find(e.tag, same); dup {
			var err error
			if d := s.differs(at, p); d != "" {
				err = fmt.Errorf("%w: %s is already in the book%s", ErrDuplicate, problem.Quote(p.ID), d)
			}
			*found = append(*found, idFound{e.pos, err})
			continue
		}
		again := func(k int32) bool { return batch[k].ID == p.ID }
		j, dup, past := ids.insertBefore(e.tag, e.pos, again, end)
		switch {
		case past:
			late = append(late, e)
		case dup:
			var err error
			if d := repeated(batch[j], *p); d != "" {
				err = fmt.Errorf("%w: %s is given twice%s", ErrDuplicate, problem.Quote(p.ID), d)
			}
			*found = append(*found, idFound{e.pos, err})
		default:
			put++
		}
	}
	return late, put
}

// addChunk checks and lays out a chunk of a batch for Add.
type addChunk struct {
	chunk
	c     collector
	bad   batchProblems
	links bool // some record refers to another
}

// layOut checks the fields of the records of batch into bad, unless
// checked says that checkFields has passed them already, and lays them
// out, one chunk of the batch for each processor, side by side. It
// returns the segment of the batch, the tags of the records' IDs (a slice
// for each chunk, in order) and whether any record refers to another.
// Whatever the chunks, the problems are those, and bad keeps them as,
// checking the records one by one would.
func layOut(batch []Pledge, checked, memo bool, bad *batchProblems) (*segment, [][]taggedID, bool) {
	n := len(batch)
	seg := newSegment(0)
	chunks := make([]addChunk, chunksFor(n))
	if len(chunks) == 1 {
		seg.grow(n)
		chunks[0].seg = seg // laid out as the batch numbers
		chunks[0].tags = make([]taggedID, 0, n)
	} else {
		seg.columns.extend(n)
		for i := range chunks {
			at := i * n / len(chunks)
			chunks[i].window(&seg.columns, at, (i+1)*n/len(chunks)-at)
		}
	}
	inParallel(len(chunks), func(i int) {
		ch := &chunks[i]
		end := n
		if i+1 < len(chunks) {
			end = chunks[i+1].at
		}
		ch.lay(batch, ch.at, end, checked, memo)
	})
	if len(chunks) > 1 {
		joinChunks(seg, len(chunks), func(i int) *chunk { return &chunks[i].chunk })
	}
	tags := make([][]taggedID, len(chunks))
	links := false
	for i := range chunks {
		bad.merge(&chunks[i].bad)
		tags[i] = chunks[i].tags
		links = links || chunks[i].links
	}
	return seg, tags, links
}

// lay checks and lays out the records of batch from start to end: it
// checks their fields (unless checked), lays them out in the chunk's
// window and takes their IDs' tags.
func (ch *addChunk) lay(batch []Pledge, start, end int, checked, memo bool) {
	ch.bad = batchProblems{c: &ch.c, batch: batch}
	g := ch.seg
	for i := start; i < end; i++ {
		p := civilized(&batch[i])
		digits := p.Amount.value.NumDigits() // counted once: it follows a pointer per record
		g.lay(p, digits)
		if !checked {
			ps := problems{index: i, id: p.ID, c: &ch.c}
			var known uint8
			if memo {
				known = g.known(p)
			}
			if checkFieldsKnown(p, &ps, known, digits); ps.n > 0 {
				ch.bad.set(i, ps)
			}
		}
		if p.ID != "" {
			ch.tags = append(ch.tags, taggedID{idTag(p.ID), int32(i)})
		}
		ch.links = ch.links || p.Revises != "" || p.Under != ""
	}
}

// dropAt marks record i of a batch of n to be left out.
func dropAt(drop []bool, n int, i int32) []bool {
	if drop == nil {
		drop = make([]bool, n)
	}
	drop[i] = true
	return drop
}

// batchProblems keeps the problems of the records of a batch that have
// some, by their position in the batch as given.
type batchProblems struct {
	c     *collector
	batch []Pledge
	orig  []int32 // position as given of each record kept; nil: all kept
	recs  map[int]*problems
}

// set keeps ps, the problems of record i.
func (b *batchProblems) set(i int, ps problems) {
	if b.recs == nil {
		b.recs = map[int]*problems{}
	}
	b.recs[i] = &ps
}

// at returns the problems of record i of the batch as it now is.
func (b *batchProblems) at(i int) *problems {
	if ps, ok := b.recs[i]; ok {
		return ps
	}
	index := i
	if b.orig != nil {
		index = int(b.orig[i])
	}
	b.set(i, problems{index: index, id: b.batch[i].ID, c: b.c})
	return b.recs[i]
}

// merge takes in the problems of o, which found them in another part of
// the same batch, after those b has.
func (b *batchProblems) merge(o *batchProblems) {
	b.c.merge(o.c)
	for i, ps := range o.recs {
		ps.c = b.c
		if b.recs == nil {
			b.recs = map[int]*problems{}
		}
		b.recs[i] = ps
	}
}

// count returns the number of problems found in record i.
func (b *batchProblems) count(i int) int {
	if ps, ok := b.recs[i]; ok {
		return ps.n
	}
	return 0
}

// leaveOut returns the batch without the records drop marks, in a new
// slice, and ids with the positions in it; the problems follow the records
// they are about.
func (b *batchProblems) leaveOut(drop []bool, ids idIndex) ([]Pledge, idIndex) {
	kept := make([]Pledge, 0, len(b.batch))
	b.orig = make([]int32, 0, len(b.batch))
	now := make([]int32, len(b.batch)) // position as given → position kept
	moved := map[int]*problems{}
	for i := range b.batch {
		if drop[i] {
			continue
		}
		now[i] = int32(len(kept))
		if ps, ok := b.recs[i]; ok {
			moved[len(kept)] = ps
		}
		kept = append(kept, b.batch[i])
		b.orig = append(b.orig, int32(i))
	}
	b.batch, b.recs = kept, moved
	// Every ID in ids is the first of its kind, and kept.
	var out idIndex
	out.reserve(ids.n)
	ids.each(func(tag uint32, pos int32) { out.put(idSlot{tag: tag, pos: uint32(now[pos]) + 1}) })
	return kept, out
}

// Pledge returns the record with the given ID, whether or not a later record
// revises it.
func (b *Book) Pledge(id string) (Pledge, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	i, ok := b.st.pos(id)
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
	i, ok := st.pos(id)
	if !ok {
		return nil
	}
	// Walk back to the original, then forward to the latest.
	for r := st.extraOf(i).revises; r != ""; r = st.extraOf(i).revises {
		i, _ = st.pos(r)
	}
	out := []Pledge{st.pledge(i)}
	for next, ok := st.revisedBy[st.recs[i].id]; ok; next, ok = st.revisedBy[next] {
		i, _ = st.pos(next)
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
