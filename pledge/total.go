package pledge

import (
	"cmp"
	"errors"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
)

// piece is a share of one record's money that counts in a total: an
// itemised part, the remainder, or what a fulfilling record adds beyond
// its parent.
type piece struct {
	rec    int32
	amount decimal.Decimal
	cats   uint32 // interned category list; 0 is none (Unspecified)
	year   int16  // 0: unknown
	full   bool   // one of the record's own pieces, unchanged (see qualRec)
	qual   Qualifier
}

// Total adds up the records that count for q and groups them by
// q.GroupBy. Category rows always add up exactly to the grand total: an
// undivided amount is one row under its joined key, and the part of a
// pledge its Parts do not cover is a row of its own ([Unspecified], or the
// pledge's Categories). A query error, or a conversion without a rate, is
// returned instead of a partial total. A query error names the field by
// its JSON path, "pledge: query: group_by[1]: ByDonor given twice", and
// matches [ErrInvalid] (or [ErrInvalidCategory], [ErrInvalidCurrency], or
// [ErrUnknownName] through a *[NameError]); missing rates are all listed
// in one *[RateError].
//
// Rows and sums carry the qualifiers of what they hold by the rules of
// [Figure.Add]; [ByStage] lays out the pipeline (see the package
// overview).
//
// Records that stand alone are summed as integers in a single pass over
// columns laid out when they were added, into a group for each key that
// can occur: by year, only the years from the first to the last that the
// records within From and To, and their parts, carry, not every year from
// 1 to 9999. Amounts too large for that, records with a qualifier, and
// records in fulfilment trees or to convert, take the general path with
// exact decimals. Both give the same digits.
//
// The Totals keep the book's version ([Totals.Version]): a service can
// cache them until [Book.Version] changes.
func (b *Book) Total(q Query) (Totals, error) {
	if err := q.check(); err != nil {
		return Totals{}, err
	}
	q = q.clone()
	b.mu.RLock()
	defer b.mu.RUnlock()

	t, err := newTotaler(&b.st, q)
	if err != nil {
		return Totals{}, err
	}
	convert := q.In != currency.XXX
	if !convert {
		t.scanFast()
	}
	var pieces []piece
	if convert {
		for i := range t.st.recs {
			if t.st.standalone(int32(i)) {
				pieces = t.own(int32(i), pieces)
			}
		}
	} else {
		pieces = t.slowFastPieces(pieces)
	}
	t.pipeline = slices.Contains(q.GroupBy, ByStage)
	pieces = t.treePieces(pieces, t.pipeline)
	if err := t.addSlow(pieces); err != nil {
		return Totals{}, err
	}
	if t.pipeline && t.st.qualified > 0 {
		// The stage rows of a tree split what the total at the stage
		// counts once; the sums say what can be said of that total.
		for _, pc := range t.treePieces(nil, false) {
			if t.pass(pc.rec) && (t.catOK == nil || t.catOK[pc.cats]) {
				t.noteSum(pc, t.unitOf(pc.rec))
			}
		}
	}
	out := t.result()
	out.version = b.version
	return out, nil
}

// recordFilter is what a Query keeps: the records that pass its Stage,
// Donors, Recipients, From and To, and the pieces within its Categories.
// Total and List share it.
type recordFilter struct {
	st    *store
	stage Stage

	// by interned ID; nil means everything passes
	donorOK, recipientOK []bool
	catOK                []bool
	from                 int32
	toBy                 [3]int32 // by Precision: the last day, month or year that lies within To
	dated                bool
}

// newRecordFilter returns the filter of q, which has passed q.check, over
// st; a name that fits nothing is a *NameError.
func newRecordFilter(st *store, q Query) (recordFilter, error) {
	f := recordFilter{st: st, stage: q.Stage}
	var err error
	if f.donorOK, err = st.nameFilter("donors", q.Donors, isDonor); err != nil {
		return f, err
	}
	if f.recipientOK, err = st.nameFilter("recipients", q.Recipients, isRecipient); err != nil {
		return f, err
	}
	if err := st.categoryFilter(q.Categories); err != nil {
		return f, err
	}
	if len(q.Categories) > 0 {
		f.catOK = make([]bool, len(st.cats.lists))
		for id, list := range st.cats.lists {
			f.catOK[id] = anyWithin(orUnspecified(list), q.Categories)
		}
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		f.dated = true
		f.from, f.toBy = noDay+1, [3]int32{1<<31 - 1, 1<<31 - 1, 1<<31 - 1}
		if !q.From.IsZero() {
			f.from = dayOf(civil.Date(q.From))
		}
		if !q.To.IsZero() {
			f.toBy = lastStarts(civil.Date(q.To))
		}
	}
	return f, nil
}

// totaler computes one Total.
type totaler struct {
	recordFilter
	q Query

	// grouping
	catKey   []uint32 // category list → key ID at the query's depth
	catNames []string // key ID → key text
	cards    []uint64 // cardinality of each dimension, then currency
	dense    uint64   // number of mixed-radix keys, when few enough for the fast path to lay out; else 0
	years    yearSlots
	sparse   map[groupKey]int32
	accs     []acc

	children map[int32][]int32
	heads    map[string]string
	taker    taker // pipe's, reused from parent to parent

	records    int
	curRecords []int // by currency ID, the query's In last: records counted in that currency
	lastRecord int32
	seen       map[int32]bool        // records counted by the general path
	pipeline   bool                  // ByStage: trees laid out by pipe
	accQuals   map[groupKey]qualRecs // by group key: what qualified records put there; apart, so that acc stays small
	sumQuals   map[currency.Unit]qualRecs
	conv       *conversions
	missing    []MissingRate
	seenMiss   map[missingKey]int
	missingRec map[missingRec]bool
}

// acc is one group's running total: a 128-bit count of fast units, plus an
// exact decimal for what came the general way.
type acc struct {
	used   bool
	key    groupKey
	lo, hi uint64
	slow   decimal.Decimal
	count  int32
	last   int32
	recs   map[int32]bool // general-path records, counted once
}

// qualRec is what one record put into a group or a sum: the qualifiers of
// its pieces there, added up, and how many of its own pieces, unchanged,
// are among them. When all of them are, the record is there whole and
// counts with the whole's qualifier: an exact $100 with "at least $30" in
// one category is exact in a row of every category, though its pieces are
// "at least" and "at most".
type qualRec struct {
	qual Qualifier
	full int
}

// qualRecs holds the qualRec of each qualified record, by record.
type qualRecs map[int32]qualRec

// add records that piece pc went where qs belongs.
func (qs *qualRecs) add(pc piece) {
	if *qs == nil {
		*qs = qualRecs{}
	}
	r := (*qs)[pc.rec]
	r.qual = r.qual.plus(pc.qual)
	if pc.full {
		r.full++
	}
	(*qs)[pc.rec] = r
}

// noteSum records that piece pc counts in the sum of currency u, when it
// has a qualifier to carry.
func (t *totaler) noteSum(pc piece, u currency.Unit) {
	if pc.qual == Exact && !t.st.recs[pc.rec].extra.qualified() {
		return
	}
	if t.sumQuals == nil {
		t.sumQuals = map[currency.Unit]qualRecs{}
	}
	qs := t.sumQuals[u]
	qs.add(pc)
	t.sumQuals[u] = qs
}

// unitOf is the currency record i counts in: its own, or the query's.
func (t *totaler) unitOf(i int32) currency.Unit {
	if t.q.In != currency.XXX {
		return t.q.In
	}
	return t.st.curs[t.st.cur[i]]
}

// qualifier is what can be said of the sum qs belongs to.
func (t *totaler) qualifier(qs qualRecs) Qualifier {
	q := Exact
	for rec, r := range qs {
		if r.full == t.ownPieces(rec) {
			r.qual = t.st.extraOf(rec).qual
		}
		q = q.plus(r.qual)
	}
	return q
}

const maxDense = 1 << 16

func newTotaler(st *store, q Query) (*totaler, error) {
	f, err := newRecordFilter(st, q)
	if err != nil {
		return nil, err
	}
	t := &totaler{recordFilter: f, q: q, lastRecord: -1, seen: map[int32]bool{}, conv: newConversions(), seenMiss: map[missingKey]int{}, missingRec: map[missingRec]bool{}}
	t.curRecords = make([]int, len(st.curs)+1)
	nNames := len(st.names.names)
	// Category keys at the query's depth, numbered.
	keys := map[string]uint32{}
	t.catKey = make([]uint32, len(st.cats.lists))
	for id, list := range st.cats.lists {
		k := JoinCategories(truncateAll(orUnspecified(list), q.Depth))
		n, ok := keys[k]
		if !ok {
			n = uint32(len(t.catNames))
			keys[k] = n
			t.catNames = append(t.catNames, k)
		}
		t.catKey[id] = n
	}
	total := uint64(1)
	for _, d := range q.GroupBy {
		var c uint64
		switch d {
		case ByDonor, ByRecipient:
			c = uint64(max(nNames, 1))
		case ByCategory:
			c = uint64(max(len(t.catNames), 1))
		case ByYear:
			t.years = st.years.slots(f)
			c = t.years.n
		case ByCurrency:
			c = uint64(max(len(st.curs), 1))
		case ByStage:
			c = uint64(Disbursed) + 1
		}
		t.cards = append(t.cards, c)
		if total <= maxDense {
			total *= c
		}
	}
	t.cards = append(t.cards, uint64(max(len(st.curs), 1)))
	if total <= maxDense {
		total *= t.cards[len(t.cards)-1]
	}
	if total <= maxDense {
		t.dense = total
	}
	t.sparse = map[groupKey]int32{}
	return t, nil
}

// pass reports whether record i passes the query's record filters (all
// but Categories, which keep pieces).
func (f *recordFilter) pass(i int32) bool {
	st := f.st
	if st.stage[i] < f.stage {
		return false
	}
	if f.donorOK != nil && !f.donorOK[st.donor[i]] {
		return false
	}
	if f.recipientOK != nil && !f.recipientOK[st.recipient[i]] {
		return false
	}
	if d := st.day[i]; f.dated && (d == noDay || d < f.from || d > f.toBy[st.prec[i]]) {
		return false
	}
	return true
}

// groupKey is a group's key: one ID per dimension of the query, then the
// currency's. A query groups by at most the six dimensions, each once.
type groupKey [7]uint32

// keyOf returns the group key of a piece of record i: one ID per
// dimension, then the currency.
func (t *totaler) keyOf(i int32, cats uint32, year int16, cur uint16) (key groupKey) {
	for k, d := range t.q.GroupBy {
		switch d {
		case ByDonor:
			key[k] = t.st.donor[i]
		case ByRecipient:
			key[k] = t.st.recipient[i]
		case ByCategory:
			key[k] = t.catKey[cats]
		case ByYear:
			key[k] = uint32(year)
		case ByCurrency:
			key[k] = uint32(cur)
		case ByStage:
			key[k] = uint32(t.st.stage[i])
		}
	}
	key[len(t.q.GroupBy)] = uint32(cur)
	return key
}

// group returns the accumulator of key.
func (t *totaler) group(key groupKey) *acc {
	i, ok := t.sparse[key]
	if !ok {
		i = int32(len(t.accs))
		t.sparse[key] = i
		t.accs = append(t.accs, acc{used: true, key: key, last: -1})
	}
	return &t.accs[i]
}

// scanFast sums the pieces of standalone records as integers, in one pass
// over the store's columns: no decimal, no allocation, no map when the
// groups are few.
func (t *totaler) scanFast() {
	st := t.st
	if t.dense == 0 {
		t.scanFastSparse()
		return
	}
	// Mixed-radix multipliers: the key of a piece is the sum of each
	// dimension's ID times its multiplier.
	var mDonor, mRecipient, mCat, mYear, mCur, mStage uint64
	mult := uint64(1)
	mCur = mult
	mult *= t.cards[len(t.cards)-1]
	for k := len(t.q.GroupBy) - 1; k >= 0; k-- {
		switch t.q.GroupBy[k] {
		case ByDonor:
			mDonor = mult
		case ByRecipient:
			mRecipient = mult
		case ByCategory:
			mCat = mult
		case ByYear:
			mYear = mult
		case ByCurrency:
			mCur += mult // the currency counts twice: as a key and as the row's currency
		case ByStage:
			mStage = mult
		}
		mult *= t.cards[k]
	}
	if len(st.curs) <= 1 {
		mCur = 0
	}
	m := mults{mDonor, mRecipient, mCat, mYear, mCur, mStage, uint64(t.years.base)}
	// Split the pieces at record boundaries among the processors: each
	// part sums into groups of its own, merged after.
	n := len(st.pieceRec)
	parts := min(runtime.GOMAXPROCS(0), maxParts, max(n/minPart, 1))
	results := make([][]fastAcc, parts)
	counted := make([][]int, parts) // by part, records by currency ID
	var wg sync.WaitGroup
	lo := 0
	for p := range parts {
		hi := n * (p + 1) / parts
		for hi < n && hi > 0 && st.pieceRec[hi] == st.pieceRec[hi-1] {
			hi++ // keep a record's pieces together
		}
		from, to := lo, hi
		lo = hi
		scan := func() {
			fast := make([]fastAcc, t.dense)
			for i := range fast {
				fast[i].last = -1
			}
			counted[p] = make([]int, len(st.curs))
			t.scanRange(from, to, m, fast, counted[p])
			results[p] = fast
		}
		if parts == 1 {
			scan()
		} else {
			wg.Go(scan)
		}
	}
	wg.Wait()
	for _, c := range counted {
		for id, n := range c {
			t.records += n
			t.curRecords[id] += n
		}
	}
	fast := results[0]
	for p := 1; p < parts; p++ {
		for idx := range fast {
			g, f := &results[p][idx], &fast[idx]
			if g.last < 0 {
				continue
			}
			var carry uint64
			f.lo, carry = bits.Add64(f.lo, g.lo, 0)
			f.hi += g.hi + carry
			f.count += g.count
			f.last = g.last
		}
	}
	yk := slices.Index(t.q.GroupBy, ByYear)
	for idx := range fast {
		f := &fast[idx]
		if f.last < 0 {
			continue
		}
		// Decode the key from the index, last dimension first.
		var key groupKey
		rest := uint64(idx)
		n := len(t.cards)
		for k := n - 1; k >= 0; k-- {
			key[k] = uint32(rest % t.cards[k])
			rest /= t.cards[k]
		}
		if yk >= 0 {
			key[yk] = t.years.year(key[yk]) // its slot, till now
		}
		a := t.group(key)
		a.lo, a.hi, a.count = f.lo, f.hi, f.count
		a.last = f.last
	}
}

// mults are the mixed-radix multipliers of the fast path's dimensions; 0
// for a dimension the query does not group by. Year y is in slot
// y - yearBase, and a piece of no year (0) in slot 0 (see yearSlots).
type mults struct {
	donor, recipient, cat, year, cur, stage uint64
	yearBase                                uint64
}

// yearSlots are the years a total by year lays out on the fast path: slot
// k is the year base+k, but for slot 0, which is year 0 (no year) when
// noYear is set. n slots cover every year of a piece that passes the
// query.
type yearSlots struct {
	base   int32
	noYear bool
	n      uint64
}

// year returns the year of slot k.
func (s yearSlots) year(k uint32) uint32 {
	if k == 0 && s.noYear {
		return 0
	}
	return uint32(s.base + int32(k))
}

// slots returns the years of the pieces in s that pass filter f: those of
// the records' dates within f's window, the parts' own years, and no year
// unless f keeps only dated records. The window's years are those of the
// days f compares, so a record that passes is within them.
func (s yearSpan) slots(f recordFilter) yearSlots {
	lo, hi := s.dates.bounds()
	if f.dated {
		lo = max(lo, int32(max(min(yearOfDay(f.from), 10_000), 0)))
		hi = min(hi, int32(max(min(yearOfDay(max(f.toBy[0], f.toBy[1], f.toBy[2])), 10_000), 0)))
	}
	switch plo, phi := s.parts.bounds(); {
	case plo > phi: // no part has a year of its own
	case lo > hi:
		lo, hi = plo, phi
	default:
		lo, hi = min(lo, plo), max(hi, phi)
	}
	out := yearSlots{noYear: s.noYear && !f.dated}
	switch {
	case lo > hi:
		out.n = 1 // at most no year
	case out.noYear:
		out.base, out.n = lo-1, uint64(hi-lo+2)
	default:
		out.base, out.n = lo, uint64(hi-lo+1)
	}
	return out
}

// The fast scan splits into at most maxParts parts of at least minPart
// pieces.
const (
	maxParts = 8
	minPart  = 1 << 16
)

// scanRange sums pieces [from, to) into fast and counts the records it
// counted in byCur, by currency ID. Only the store is read, so parts run
// in parallel.
func (t *totaler) scanRange(from, to int, m mults, fast []fastAcc, byCur []int) {
	st := t.st
	qs := uint8(t.q.Stage) + 1
	filtered := t.donorOK != nil || t.recipientOK != nil || t.dated || t.catOK != nil
	pieceRec := st.pieceRec[from:to]
	pieceCats, pieceYear, pieceUnits := st.pieceCats[from:to], st.pieceYear[from:to], st.pieceUnits[from:to]
	// Locals, so the loop reads each slice header once.
	fastStage, donor, recipient, cur, catKey := st.fastStage, st.donor, st.recipient, st.cur, t.catKey
	last := int32(-1)
	for i, ri := range pieceRec {
		if fastStage[ri] < qs {
			continue // revised, in a tree, or below the stage
		}
		cats := pieceCats[i]
		if filtered && (!t.pass(ri) || t.catOK != nil && !t.catOK[cats]) {
			continue
		}
		units := pieceUnits[i]
		idx := uint64(0)
		if m.donor != 0 {
			idx += uint64(donor[ri]) * m.donor
		}
		if m.recipient != 0 {
			idx += uint64(recipient[ri]) * m.recipient
		}
		if m.cat != 0 {
			idx += uint64(catKey[cats]) * m.cat
		}
		if m.year != 0 {
			y := uint64(pieceYear[i])
			if y == 0 {
				y = m.yearBase
			}
			idx += (y - m.yearBase) * m.year
		}
		if m.cur != 0 {
			idx += uint64(cur[ri]) * m.cur
		}
		if m.stage != 0 {
			idx += uint64(fastStage[ri]-1) * m.stage
		}
		a := &fast[idx]
		var carry uint64
		a.lo, carry = bits.Add64(a.lo, uint64(units), 0)
		a.hi += carry
		if a.last != ri {
			a.last = ri
			a.count++
			if last != ri {
				last = ri
				byCur[cur[ri]]++
			}
		}
	}
}

// fastAcc is a group of the fast path: a 128-bit sum of units, and the
// records counted.
type fastAcc struct {
	lo, hi uint64
	last   int32
	count  int32
}

// scanFastSparse is scanFast for queries with too many possible groups to
// lay out densely.
func (t *totaler) scanFastSparse() {
	st := t.st
	qs := uint8(t.q.Stage) + 1
	for i, ri := range st.pieceRec {
		if st.fastStage[ri] < qs || !t.pass(ri) {
			continue
		}
		cats := st.pieceCats[i]
		if t.catOK != nil && !t.catOK[cats] {
			continue
		}
		units := st.pieceUnits[i]
		a := t.group(t.keyOf(ri, cats, st.pieceYear[i], st.cur[ri]))
		var carry uint64
		a.lo, carry = bits.Add64(a.lo, uint64(units), 0)
		a.hi += carry
		if a.last != ri {
			a.last = ri
			a.count++
			if t.lastRecord != ri {
				t.lastRecord = ri
				t.records++
				t.curRecords[st.cur[ri]]++
			}
		}
	}
}

// slowFastPieces returns, as exact pieces, those of the standalone records
// whose amounts do not all fit the fast path's integers.
func (t *totaler) slowFastPieces(out []piece) []piece {
	for _, i := range t.st.slowRecs {
		if t.st.standalone(i) {
			out = t.own(i, out)
		}
	}
	return out
}

// treePieces lays out the money of the records in fulfilment trees for the
// query's stage.
func (t *totaler) treePieces(out []piece, pipeline bool) []piece {
	st := t.st
	if len(st.tree) == 0 {
		return out
	}
	t.children = map[int32][]int32{}
	var roots []int32
	for _, i := range st.tree {
		if _, revised := st.revisedBy[st.recs[i].id]; revised {
			continue
		}
		under := st.extraOf(i).under
		if under == "" {
			roots = append(roots, i)
			continue
		}
		parent, _ := st.pos(t.head(under))
		t.children[parent] = append(t.children[parent], i)
	}
	slices.Sort(roots)
	for _, kids := range t.children {
		slices.SortFunc(kids, func(x, y int32) int { return t.compareDated(x, y) })
	}
	lay := t.emit
	if pipeline {
		lay = t.pipe
	}
	for _, r := range roots {
		out = lay(r, out)
	}
	return out
}

// emit appends the pieces of record i and the records under it. A record
// that has reached the query's stage counts in full; what its children add
// counts only beyond it, taken from the children in date order. A record
// that has not reached the stage counts only through its children.
func (t *totaler) emit(i int32, out []piece) []piece {
	kids := t.children[i]
	if t.st.stage[i] < t.q.Stage {
		for _, k := range kids {
			out = t.emit(k, out)
		}
		return out
	}
	out = t.own(i, out)
	if len(kids) == 0 {
		return out
	}
	var sub []piece
	for _, k := range kids {
		sub = t.emit(k, sub)
	}
	c := cover{left: t.st.amount(i).value, qual: t.st.extraOf(i).qual}
	for _, pc := range sub {
		if t.st.cur[pc.rec] != t.st.cur[i] {
			out = append(out, pc) // never netted across currencies (Add forbids it)
		} else if pc, ok := c.net(pc); ok {
			out = append(out, pc)
		}
	}
	return out
}

// cover is what a parent still covers of the money its children count in
// its currency: what they count beyond it is the excess.
type cover struct {
	left decimal.Decimal
	qual Qualifier
}

// net takes the child piece pc against the cover and returns what of it
// counts beyond, if anything. Taking an amount away turns its qualifier
// around, as [Figure.Sub] does.
func (c *cover) net(pc piece) (piece, bool) {
	switch {
	case c.left.Sign() <= 0:
		return pc, true
	case pc.amount.Cmp(c.left) <= 0:
		c.left = c.left.Sub(pc.amount)
		c.qual = c.qual.plus(pc.qual.negated())
		return pc, false
	}
	pc.amount = pc.amount.Sub(c.left)
	pc.qual = pc.qual.plus(c.qual.negated())
	pc.full = false
	c.left = decimal.Zero
	return pc, true
}

// pipe appends the pieces of record i and the records under it as
// [ByStage] lays them out: each piece in the row of its record's stage, so
// that for every stage s the pieces of records at s or later add up to
// what emit counts at s, and nothing is counted twice.
//
// What children at later stages count passes on in full, and it takes up
// the parent's own pieces: first those in the child piece's own
// categories, then the parent's unspecified pieces, then the others in
// order. What is left of the parent stays in the parent's stage, in its
// categories and year. Children at the parent's own stage net against that
// rest as emit nets them, adding only what exceeds it. Nothing is divided:
// every step subtracts whole amounts, so every piece is exact and none is
// negative.
func (t *totaler) pipe(i int32, out []piece) []piece {
	st := t.st
	var sub []piece
	for _, k := range t.children[i] {
		sub = t.pipe(k, sub)
	}
	own := t.own(i, nil)
	if len(sub) == 0 {
		return append(out, own...)
	}
	stage, cur := st.stage[i], st.cur[i]
	ready := false
	for _, pc := range sub {
		if st.cur[pc.rec] == cur && st.stage[pc.rec] > stage {
			if !ready {
				t.taker.reset(own)
				ready = true
			}
			t.taker.take(pc)
			out = append(out, pc)
		}
	}
	c := cover{qual: Exact}
	for _, pc := range own {
		if pc.full || pc.amount.Sign() > 0 {
			out = append(out, pc)
			c.left = c.left.Add(pc.amount)
			c.qual = c.qual.plus(pc.qual)
		}
	}
	for _, pc := range sub {
		if st.cur[pc.rec] != cur {
			out = append(out, pc)
		} else if st.stage[pc.rec] <= stage {
			if pc, ok := c.net(pc); ok {
				out = append(out, pc)
			}
		}
	}
	return out
}

// taker takes what children at later stages count out of one parent's
// own pieces, in the order pipe documents: the pieces in the child piece's
// categories, then the unspecified ones, then all in order. Each of the
// three is a list of the parent's pieces with a cursor past those already
// used up (an amount only ever shrinks), so that a parent with n pieces
// and children with m pieces costs O(n log n + m), not O(n·m).
type taker struct {
	own    []piece
	order  []int32          // own's indices grouped by category list, in order within each group
	groups []takeGroup      // one per category list in own, in order of order
	byCats map[uint32]int32 // category list → group, when there are too many groups to look through
	all    takeGroup        // every piece, for the last pass
}

// takeGroup is one list of a taker: order[at:end], where at moves past
// pieces used up.
type takeGroup struct {
	cats    uint32
	at, end int32
}

// manyGroups is how many category lists a parent may have before taker
// looks them up in a map rather than in turn.
const manyGroups = 8

// reset readies the taker for the pieces own of one parent.
func (t *taker) reset(own []piece) {
	t.own = own
	t.order = t.order[:0]
	for k := range own {
		t.order = append(t.order, int32(k))
	}
	slices.SortStableFunc(t.order, func(x, y int32) int { return cmp.Compare(own[x].cats, own[y].cats) })
	t.groups = t.groups[:0]
	for k, o := range t.order {
		if k == 0 || own[o].cats != own[t.order[k-1]].cats {
			t.groups = append(t.groups, takeGroup{cats: own[o].cats, at: int32(k)})
		}
		t.groups[len(t.groups)-1].end = int32(k + 1)
	}
	t.byCats = nil
	if len(t.groups) > manyGroups {
		t.byCats = make(map[uint32]int32, len(t.groups))
		for g := range t.groups {
			t.byCats[t.groups[g].cats] = int32(g)
		}
	}
	t.all = takeGroup{end: int32(len(own))}
}

// group returns the list of the parent's pieces in category list cats, or
// nil.
func (t *taker) group(cats uint32) *takeGroup {
	if t.byCats != nil {
		if g, ok := t.byCats[cats]; ok {
			return &t.groups[g]
		}
		return nil
	}
	for g := range t.groups {
		if t.groups[g].cats == cats {
			return &t.groups[g]
		}
	}
	return nil
}

// take takes the amount of child piece pc out of the parent's pieces, as
// far as they go.
func (t *taker) take(pc piece) {
	left := pc.amount
	if g := t.group(pc.cats); g != nil {
		left = t.drain(g, t.order, left, pc.qual)
	}
	if g := t.group(0); g != nil {
		left = t.drain(g, t.order, left, pc.qual)
	}
	t.drain(&t.all, nil, left, pc.qual)
}

// drain takes up to left out of the pieces of list g (indices into own
// through order, or own in order when order is nil) and returns what it
// could not take.
func (t *taker) drain(g *takeGroup, order []int32, left decimal.Decimal, qual Qualifier) decimal.Decimal {
	for left.Sign() > 0 && g.at < g.end {
		k := g.at
		if order != nil {
			k = order[k]
		}
		p := &t.own[k]
		if p.amount.Sign() > 0 {
			x := decimal.Min(left, p.amount)
			p.amount = p.amount.Sub(x)
			p.qual = p.qual.plus(qual.negated())
			p.full = false
			left = left.Sub(x)
		}
		if p.amount.Sign() <= 0 {
			g.at++
		}
	}
	return left
}

// own appends the pieces of one record: its parts, then the remainder,
// whose qualifier is the whole's with the parts' turned around.
func (t *totaler) own(i int32, out []piece) []piece {
	st := t.st
	r := &st.recs[i]
	year := int16(0)
	if st.day[i] != noDay {
		year = int16(dateOf(st.day[i]).Year())
	}
	rest := st.amount(i).value
	e := st.extraOf(i)
	q := e.qual
	for k, pt := range e.parts {
		y := year
		if pt.Year != 0 {
			y = int16(pt.Year)
		}
		out = append(out, piece{rec: i, amount: pt.Amount.value, cats: e.partCats[k], year: y, full: true, qual: pt.Qualifier})
		rest = rest.Sub(pt.Amount.value)
		q = q.plus(pt.Qualifier.negated())
	}
	if len(e.parts) == 0 || rest.Sign() > 0 {
		out = append(out, piece{rec: i, amount: rest, cats: r.cats, year: year, full: true, qual: q})
	}
	return out
}

// ownPieces returns how many pieces own gives record i.
func (t *totaler) ownPieces(i int32) int {
	e := t.st.extraOf(i)
	if len(e.parts) == 0 {
		return 1
	}
	rest := t.st.amount(i).value
	for _, pt := range e.parts {
		rest = rest.Sub(pt.Amount.value)
	}
	if rest.Sign() > 0 {
		return len(e.parts) + 1
	}
	return len(e.parts)
}

var unspecified = []Category{Unspecified}

func orUnspecified(cs []Category) []Category {
	if len(cs) == 0 {
		return unspecified
	}
	return cs
}

// head follows revisions from id to the record that counts in its place,
// remembering every step so that long chains are walked once.
func (t *totaler) head(id string) string {
	if t.heads == nil {
		t.heads = map[string]string{}
	}
	var path []string
	h := id
	for {
		if m, ok := t.heads[h]; ok {
			h = m
			break
		}
		r, ok := t.st.revisedBy[h]
		if !ok {
			break
		}
		path = append(path, h)
		h = r
	}
	for _, p := range path {
		t.heads[p] = h
	}
	return h
}

// compareDated orders records by date, undated last, then by ID.
func (t *totaler) compareDated(x, y int32) int {
	a, b := t.st.day[x], t.st.day[y]
	switch {
	case a == noDay && b != noDay:
		return 1
	case a != noDay && b == noDay:
		return -1
	}
	if c := cmp.Compare(a, b); c != 0 {
		return c
	}
	return cmp.Compare(t.st.recs[x].id, t.st.recs[y].id)
}

func anyWithin(cs, filter []Category) bool {
	for _, c := range cs {
		for _, f := range filter {
			if c.Within(f) {
				return true
			}
		}
	}
	return false
}

// addSlow filters, converts when asked and adds the general path's pieces.
func (t *totaler) addSlow(pieces []piece) error {
	st := t.st
	convert := t.q.In != currency.XXX
	var inCur uint16
	if convert {
		inCur = uint16(len(st.curs)) // a currency ID past the book's own
		for i, c := range st.curs {
			if c == t.q.In {
				inCur = uint16(i)
			}
		}

	}
	for _, pc := range pieces {
		if !t.pass(pc.rec) || t.catOK != nil && !t.catOK[pc.cats] {
			continue
		}
		cur, value := st.cur[pc.rec], pc.amount
		if convert && st.curs[cur] != t.q.In {
			period := max(Precision(st.prec[pc.rec]), t.q.RatePeriod)
			if st.day[pc.rec] == noDay {
				period = Day // no date, no period: the error says so
			}
			c, err := t.q.Rates.ConvertPeriod(Amount{value: value, cur: st.curs[cur]}, t.q.In, dateOf(st.day[pc.rec]), period)
			if err != nil {
				var re *RateError
				if !errors.As(err, &re) {
					return err
				}
				for _, m := range re.Missing {
					t.addMissing(m, pc.rec)
				}
				continue
			}
			t.conv.add(st.recs[pc.rec].id, c)
			cur, value = inCur, c.To.value
		} else if convert {
			cur = inCur
		}
		if len(t.missing) > 0 {
			continue
		}
		a := t.group(t.keyOf(pc.rec, pc.cats, pc.year, cur))
		a.slow = a.slow.Add(value)
		if a.recs == nil {
			a.recs = map[int32]bool{}
		}
		if !a.recs[pc.rec] {
			a.recs[pc.rec] = true
			a.count++
		}
		if st.qualified > 0 && (pc.qual != Exact || st.recs[pc.rec].extra.qualified()) {
			if t.accQuals == nil {
				t.accQuals = map[groupKey]qualRecs{}
			}
			qs := t.accQuals[a.key]
			qs.add(pc)
			t.accQuals[a.key] = qs
			if !t.pipeline || !st.inTree[pc.rec] {
				t.noteSum(pc, t.unitOf(pc.rec))
			}
		}
		if !t.seen[pc.rec] {
			t.seen[pc.rec] = true
			t.records++
			t.curRecords[cur]++
		}
	}
	if len(t.missing) > 0 {
		slices.SortFunc(t.missing, compareMissing)
		for i := range t.missing {
			slices.Sort(t.missing[i].Records)
		}
		return &RateError{Missing: t.missing}
	}
	return nil
}

// missingKey is what makes one missing rate: the pair and the day.
type missingKey struct {
	from, to currency.Unit
	day      time.Time
	period   Precision
}

// addMissing records that record id needed the rate m names: one entry a
// pair and day, listing at most MaxMissingRecords records and counting the
// rest.
func (t *totaler) addMissing(m MissingRate, rec int32) {
	k := missingKey{m.From, m.To, m.Day, m.Period}
	i, ok := t.seenMiss[k]
	if !ok {
		i = len(t.missing)
		t.seenMiss[k] = i
		t.missing = append(t.missing, m)
	}
	if t.missingRec[missingRec{k, rec}] {
		return // another piece of the same record
	}
	t.missingRec[missingRec{k, rec}] = true
	e := &t.missing[i]
	if len(e.Records) < MaxMissingRecords {
		e.Records = append(e.Records, t.st.recs[rec].id)
	} else {
		e.More++
	}
}

type missingRec struct {
	k   missingKey
	rec int32
}

// result turns the groups into Totals.
func (t *totaler) result() Totals {
	st := t.st
	out := Totals{query: t.q, dims: slices.Clone(t.q.GroupBy), conversions: t.conv.list(), records: t.records}
	out.rows = make([]Row, 0, len(t.accs))
	curOf := func(id uint32) currency.Unit {
		if int(id) < len(st.curs) {
			return st.curs[id]
		}
		return t.q.In
	}
	emit := func(a *acc) {
		if !a.used {
			return
		}
		row := Row{Keys: make([]string, len(t.q.GroupBy)), Count: int(a.count)}
		for i, d := range t.q.GroupBy {
			switch d {
			case ByDonor, ByRecipient:
				row.Keys[i] = st.names.names[a.key[i]]
			case ByCategory:
				row.Keys[i] = t.catNames[a.key[i]]
			case ByYear:
				if a.key[i] != 0 {
					row.Keys[i] = strconv.Itoa(int(a.key[i]))
				}
			case ByCurrency:
				row.Keys[i] = curOf(a.key[i]).String()
			case ByStage:
				row.Keys[i] = Stage(a.key[i]).String()
			}
		}
		value := unitsDecimal(a.lo, a.hi)
		if a.recs != nil {
			value = value.Add(a.slow)
		}
		row.Amount = Amount{value: value, cur: curOf(a.key[len(t.q.GroupBy)])}
		row.Qualifier = t.qualifier(t.accQuals[a.key])
		out.rows = append(out.rows, row)
	}
	for i := range t.accs {
		emit(&t.accs[i])
	}
	sortRows(out.rows, t.q.GroupBy)
	out.sums = sumByCurrency(out.rows)
	out.sumRecords = make([]int, len(out.sums))
	for i := range out.sums {
		out.sums[i].Qualifier = t.qualifier(t.sumQuals[out.sums[i].Amount.cur])
	}
	for id, n := range t.curRecords {
		if i := slices.IndexFunc(out.sums, func(f Figure) bool { return f.Amount.cur == curOf(uint32(id)) }); i >= 0 {
			out.sumRecords[i] += n
		}
	}
	return out
}

// unitsDecimal turns a 128-bit count of units into a decimal.
func unitsDecimal(lo, hi uint64) decimal.Decimal {
	if hi == 0 && lo <= 1<<63-1 {
		return decimal.New(int64(lo), -fastScale)
	}
	n := new(big.Int).SetUint64(hi)
	n.Lsh(n, 64)
	n.Or(n, new(big.Int).SetUint64(lo))
	return decimal.NewFromBigInt(n, -fastScale)
}

func truncateAll(cs []Category, depth int) []Category {
	if depth <= 0 {
		return cs
	}
	out := make([]Category, len(cs))
	for i, c := range cs {
		out[i] = c.Truncate(depth)
	}
	return out
}

func compareMissing(a, b MissingRate) int {
	if c := cmp.Compare(a.From.String(), b.From.String()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.To.String(), b.To.String()); c != 0 {
		return c
	}
	if c := a.Day.Compare(b.Day); c != 0 {
		return c
	}
	return cmp.Compare(a.Period, b.Period)
}

// conversions gathers, per record, what was converted and at which rate.
type conversions struct {
	byID  map[string]int
	items []Converted
}

func newConversions() *conversions { return &conversions{byID: map[string]int{}} }

func (c *conversions) add(id string, cv Conversion) {
	if i, ok := c.byID[id]; ok {
		it := &c.items[i].Conversion
		it.From.value = it.From.value.Add(cv.From.value)
		it.To.value = it.To.value.Add(cv.To.value)
		return
	}
	c.byID[id] = len(c.items)
	c.items = append(c.items, Converted{ID: id, Conversion: cv})
}

func (c *conversions) list() []Converted {
	slices.SortFunc(c.items, func(a, b Converted) int { return cmp.Compare(a.ID, b.ID) })
	return c.items
}
