package pledge

import (
	"runtime"
	"slices"
	"sync"

	"github.com/summitry/summitry/internal/civil"
	"golang.org/x/text/currency"
)

// columns are the records of a store, or of a batch laid out for one: one
// entry per record in each.
type columns struct {
	recs      []record
	donor     []uint32 // interned names
	recipient []uint32 // 0: none
	day       []int32  // civil date as days since 1970-01-01; noDay when none
	prec      []uint8  // the date's Precision: the day counts for a month or a year
	cur       []uint16 // interned currency
	stage     []Stage
}

// grow makes room for n more records.
func (c *columns) grow(n int) {
	c.recs = room(c.recs, n)
	c.donor = room(c.donor, n)
	c.recipient = room(c.recipient, n)
	c.day = room(c.day, n)
	c.prec = room(c.prec, n)
	c.cur = room(c.cur, n)
	c.stage = room(c.stage, n)
}

// extend lengthens the columns by n records, whose values the caller
// writes.
func (c *columns) extend(n int) {
	c.grow(n)
	l := len(c.recs) + n
	c.recs, c.donor, c.recipient = c.recs[:l], c.donor[:l], c.recipient[:l]
	c.day, c.prec, c.cur, c.stage = c.day[:l], c.prec[:l], c.cur[:l], c.stage[:l]
}

// room returns s with room for n more elements, at least doubling its
// capacity when it grows: a column filled a chunk at a time is copied a
// few times in all, not once for every chunk.
func room[E any](s []E, n int) []E {
	if cap(s)-len(s) >= n {
		return s
	}
	return slices.Grow(s, max(n, len(s)))
}

// layout is what a store and a segment hold alike: the columns, and the
// numbering of the names, category lists and currencies they hold.
type layout struct {
	columns
	names     interner // donors and recipients
	cats      catLists
	curs      []currency.Unit
	qualified int // records with a qualifier other than Exact, on them or a part
}

// segment is a batch of records laid out as a store holds them, with
// names, category lists and currencies numbered among its own records:
// Add lays a batch out while it checks it, and a store takes it in at
// once, renumbering.
type segment struct {
	layout

	// Whether each name is a donor's name that passes checkFields, and
	// each list of categories, by number: each is checked once.
	goodNames, goodLists []bool
}

// known says which fields of p, the record laid last, are known to pass
// checkFields, for checkFieldsKnown: its names and categories, when the
// checks passed them the first time the segment met them. (Lists are
// numbered by a key that two lists can share when one of them is not
// valid, [""] and none, ["a+b"] and ["a", "b"]: so the list must be the
// one checked.)
func (g *segment) known(p *Pledge) uint8 {
	i := len(g.recs) - 1
	var k uint8
	if g.goodName(g.donor[i]) {
		k |= knownDonor
	}
	if r := g.recipient[i]; r == 0 || g.goodName(r) {
		k |= knownRecipient
	}
	for c := g.recs[i].cats; int(c) >= len(g.goodLists); {
		var scratch collector
		ps := problems{c: &scratch}
		checkCategories(g.cats.lists[len(g.goodLists)], "", &ps)
		g.goodLists = append(g.goodLists, ps.n == 0)
	}
	if c := g.recs[i].cats; g.goodLists[c] && slices.Equal(g.cats.lists[c], p.Categories) {
		k |= knownCategories
	}
	return k
}

// goodName reports whether the name numbered id is a donor's name that
// passes checkFields: not blank (a name with no other character than
// spaces does not pass checkName), and a name.
func (g *segment) goodName(id uint32) bool {
	for int(id) >= len(g.goodNames) {
		g.goodNames = append(g.goodNames, validName(g.names.names[len(g.goodNames)]))
	}
	return g.goodNames[id]
}

// newSegment returns an empty segment with room for n records, numbered
// as an empty store numbers: name 0 is "" (no recipient), list 0 is no
// categories.
func newSegment(n int) *segment {
	g := &segment{}
	g.grow(n)
	g.names.id("")
	g.cats.id(nil)
	return g
}

// lay appends record p, whose dates are civil dates (see civilized) and
// whose amount's coefficient has the given number of digits. The segment
// keeps its own copies of the parts and sources.
func (g *segment) lay(p *Pledge, digits int) {
	r := record{id: p.ID, cats: g.cats.id(p.Categories)}
	if v := p.Amount.value; digits <= 18 {
		r.value, r.exp = v.CoefficientInt64(), v.Exponent()
	} else {
		big := v // its own variable: v stays off the heap
		r.extra = &extra{big: &big}
	}
	if len(p.Parts) > 0 || len(p.Sources) > 0 || p.Occasion != "" || p.Revises != "" || p.Under != "" || p.Note != "" || p.Qualifier != Exact {
		if r.extra == nil {
			r.extra = &extra{}
		}
		e := r.extra
		e.qual = p.Qualifier
		if p.Parts != nil {
			e.parts = make([]Part, len(p.Parts))
			e.partCats = make([]uint32, len(p.Parts))
			for i, pt := range p.Parts {
				pt.Categories = slices.Clone(pt.Categories)
				e.parts[i], e.partCats[i] = pt, g.cats.id(pt.Categories)
			}
		}
		if p.Sources != nil {
			e.sources = slices.Clone(p.Sources)
		}
		e.occasion, e.revises, e.under, e.note = p.Occasion, p.Revises, p.Under, p.Note
		if e.qualified() {
			g.qualified++
		}
	}
	g.recs = append(g.recs, r)
	g.donor = append(g.donor, g.names.id(p.Donor))
	g.recipient = append(g.recipient, g.names.id(p.Recipient))
	g.day = append(g.day, dayOf(p.Date))
	g.prec = append(g.prec, uint8(p.DatePrecision))
	g.cur = append(g.cur, g.currencyID(p.Amount.cur))
	g.stage = append(g.stage, p.Stage)
}

func (l *layout) currencyID(u currency.Unit) uint16 {
	for i, c := range l.curs {
		if c == u {
			return uint16(i)
		}
	}
	l.curs = append(l.curs, u)
	return uint16(len(l.curs) - 1)
}

// leaveOut drops the records that drop marks.
func (g *segment) leaveOut(drop []bool) {
	c := &g.columns
	n := 0
	g.qualified = 0
	for i := range c.recs {
		if drop[i] {
			continue
		}
		c.recs[n], c.donor[n], c.recipient[n] = c.recs[i], c.donor[i], c.recipient[i]
		c.day[n], c.prec[n], c.cur[n], c.stage[n] = c.day[i], c.prec[i], c.cur[i], c.stage[i]
		if c.recs[n].extra.qualified() {
			g.qualified++
		}
		n++
	}
	c.recs, c.donor, c.recipient = c.recs[:n], c.donor[:n], c.recipient[:n]
	c.day, c.prec, c.cur, c.stage = c.day[:n], c.prec[:n], c.cur[:n], c.stage[:n]
}

// civilized returns p with its dates reduced to civil dates: p itself when
// they are already, else a copy.
func civilized(p *Pledge) *Pledge {
	plain := isCivil(p.Date)
	for i := 0; plain && i < len(p.Sources); i++ {
		plain = isCivil(p.Sources[i].Date)
	}
	if plain {
		return p
	}
	q := *p
	q.Date = civil.Date(q.Date)
	if q.Sources != nil {
		q.Sources = slices.Clone(q.Sources)
		for i := range q.Sources {
			q.Sources[i].Date = civil.Date(q.Sources[i].Date)
		}
	}
	return &q
}

// take appends the records of g to l's columns, renumbering its names,
// category lists and currencies as l numbers them. An empty layout takes
// g's columns as they are when the numbers agree, as they do for the
// first batch of a store. g is not to be used after.
func (l *layout) take(g *layout) {
	names := make([]uint32, len(g.names.names))
	same := len(l.recs) == 0
	for k, name := range g.names.names {
		names[k] = l.names.id(name)
		same = same && names[k] == uint32(k)
	}
	cats := make([]uint32, len(g.cats.lists))
	for k, cs := range g.cats.lists {
		cats[k] = l.cats.id(cs)
		same = same && cats[k] == uint32(k)
	}
	curs := make([]uint16, len(g.curs))
	for k, u := range g.curs {
		curs[k] = l.currencyID(u)
		same = same && curs[k] == uint16(k)
	}
	l.qualified += g.qualified
	if same {
		l.columns = g.columns
		return
	}
	n := len(g.recs)
	l.columns.grow(n)
	for i := range n {
		r := g.recs[i]
		r.cats = cats[r.cats]
		if r.extra != nil {
			for k, c := range r.extra.partCats {
				r.extra.partCats[k] = cats[c]
			}
		}
		l.recs = append(l.recs, r)
		l.donor = append(l.donor, names[g.donor[i]])
		l.recipient = append(l.recipient, names[g.recipient[i]])
		l.cur = append(l.cur, curs[g.cur[i]])
	}
	l.day = append(l.day, g.day...)
	l.prec = append(l.prec, g.prec...)
	l.stage = append(l.stage, g.stage...)
}

// chunk is one processor's part of a batch laid out side by side with
// the others: a window of the batch's columns, which it fills with its
// records, numbering their names, category lists and currencies its own
// way in its segment, and the tags of its records' IDs. Book.Add and
// ReadCSV's fast path lay a batch out in chunks; joinChunks then numbers
// them all as the batch does.
type chunk struct {
	seg  *segment   // the chunk's numbering; its columns are the window
	at   int        // the position in the batch of the window's first record
	tags []taggedID // its records' IDs, by position in the batch

	// How the chunk's numbers become the batch's (see numbering); same
	// says they are the batch's already. Its qualified records are
	// counted there.
	names, cats []uint32
	curs        []uint16
	same        bool
	qualified   int
}

// window gives the chunk the n records of c from position at, to fill.
// A chunk keeps its numbering from one window to the next.
func (ch *chunk) window(c *columns, at, n int) {
	if ch.seg == nil {
		ch.seg = newSegment(0)
	}
	ch.at = at
	ch.seg.columns = columns{
		recs: c.recs[at : at : at+n], donor: c.donor[at : at : at+n], recipient: c.recipient[at : at : at+n],
		day: c.day[at : at : at+n], prec: c.prec[at : at : at+n], cur: c.cur[at : at : at+n], stage: c.stage[at : at : at+n],
	}
	ch.tags = room(ch.tags[:0], n)
}

// full reports whether the chunk has filled its window.
func (ch *chunk) full() bool { return len(ch.seg.recs) == cap(ch.seg.recs) }

// numbering finds, for each name, category list and currency the chunk
// numbered, acc's number, numbering it there when new.
func (ch *chunk) numbering(acc *segment) {
	g := ch.seg
	same := len(ch.names) == 0 || ch.same
	for _, name := range g.names.names[len(ch.names):] {
		ch.names = append(ch.names, acc.names.id(name))
		same = same && ch.names[len(ch.names)-1] == uint32(len(ch.names)-1)
	}
	for _, cs := range g.cats.lists[len(ch.cats):] {
		ch.cats = append(ch.cats, acc.cats.id(cs))
		same = same && ch.cats[len(ch.cats)-1] == uint32(len(ch.cats)-1)
	}
	for _, u := range g.curs[len(ch.curs):] {
		ch.curs = append(ch.curs, acc.currencyID(u))
		same = same && ch.curs[len(ch.curs)-1] == uint16(len(ch.curs)-1)
	}
	ch.same = same
	acc.qualified += g.qualified - ch.qualified
	ch.qualified = g.qualified
}

// renumber writes acc's numbers into the window.
func (ch *chunk) renumber() {
	if ch.same {
		return
	}
	c := &ch.seg.columns
	for i := range c.recs {
		c.recs[i].cats = ch.cats[c.recs[i].cats]
		if e := c.recs[i].extra; e != nil {
			for k, x := range e.partCats {
				e.partCats[k] = ch.cats[x]
			}
		}
		c.donor[i] = ch.names[c.donor[i]]
		c.recipient[i] = ch.names[c.recipient[i]]
		c.cur[i] = ch.curs[c.cur[i]]
	}
}

// joinChunks numbers the records of the n chunks that part gives, which
// have filled their windows of acc's columns, as acc numbers them: acc
// numbers each chunk's names, category lists and currencies, in the
// chunks' order, then the chunks rewrite their windows side by side.
func joinChunks(acc *segment, n int, part func(i int) *chunk) {
	for i := range n {
		part(i).numbering(acc)
	}
	inParallel(n, func(i int) { part(i).renumber() })
}

// inParallel runs f(0) to f(n-1) side by side and waits for them all.
func inParallel(n int, f func(i int)) {
	if n == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}

// chunkMin is the fewest records worth a chunk of their own: fewer are
// laid out by one processor. (Tests make it small.)
var chunkMin = 1 << 12

// chunksFor returns how many chunks to lay n records out in: one for each
// processor, each of chunkMin records or more.
func chunksFor(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/chunkMin))
}
