package pledge

import (
	"math"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"
)

// record is how a Book holds a pledge: small, with names and category
// lists interned and the rare fields behind one pointer, so a million
// pledges take little memory. The fields that totals filter and group by
// are in the store's columns, so a scan reads only what it needs.
type record struct {
	id    string
	value int64 // the amount's coefficient, unless big is set in extra
	exp   int32 // the amount's exponent
	cats  uint32
	extra *extra
}

// extra holds what most records do not have.
type extra struct {
	big      *decimal.Decimal // the amount, when its coefficient does not fit an int64
	qual     Qualifier        // of the whole
	parts    []Part
	partCats []uint32 // interned categories of each part
	sources  []Source
	occasion string
	revises  string
	under    string
	note     string
}

// qualified reports whether the record or any of its parts is not exact:
// such a record takes the exact path of Total, which carries qualifiers.
func (e *extra) qualified() bool {
	if e == nil {
		return false
	}
	if e.qual != Exact {
		return true
	}
	for _, pt := range e.parts {
		if pt.Qualifier != Exact {
			return true
		}
	}
	return false
}

const noDay = math.MinInt32

// dayOf numbers a civil date (midnight UTC) by days since 1970-01-01. It
// works from Unix seconds, not time.Duration, which spans only ±292 years.
func dayOf(t time.Time) int32 {
	if t.IsZero() {
		return noDay
	}
	return int32(t.Unix() / secondsPerDay)
}

func dateOf(day int32) time.Time {
	if day == noDay {
		return time.Time{}
	}
	return time.Unix(int64(day)*secondsPerDay, 0).UTC()
}

const secondsPerDay = 24 * 60 * 60

// The days (as dayOf numbers them) of 1 January 1904, a leap year, and of
// 1 January 2100, the first year after it that a multiple of 4 does not
// make a leap year.
const (
	day1904 = -24_107
	day2100 = 47_482
)

// yearOfDay returns the year of a day numbered as dayOf numbers them, by
// the proleptic Gregorian calendar, without making a time.Time. From 1904
// to 2099 every fourth year is a leap year, and 4 years are 1,461 days:
// one multiplication. Otherwise it takes Howard Hinnant's
// days_from_civil, inverted (400 years are 146,097 days), whose chain of
// divisions costs about ten times as much.
func yearOfDay(day int32) int {
	if d := day - day1904; d >= 0 && day < day2100 {
		return 1904 + int(uint32(d)*4/1461)
	}
	z := int64(day) + 719_468 // days since 0000-03-01
	era := z / 146_097
	if z < 0 && z%146_097 != 0 {
		era--
	}
	doe := z - era*146_097                                    // day of the era, 0..146096
	yoe := (doe - doe/1_460 + doe/36_524 - doe/146_096) / 365 // year of the era, 0..399
	doy := doe - (365*yoe + yoe/4 - yoe/100)                  // day of the year from March 1
	year := yoe + era*400
	if doy >= 306 { // January or February: the next calendar year
		year++
	}
	return int(year)
}

// interner numbers distinct strings.
type interner struct {
	ids   map[string]uint32
	names []string
	// Strings met lately, by the address of their bytes: records made in
	// a program often share their names' strings, and a string at the
	// same address with the same length is the same string (the entry
	// keeps its bytes alive), found without hashing it.
	recent [256]recentName
}

type recentName struct {
	data *byte
	n    int
	id   uint32
}

func (in *interner) id(s string) uint32 {
	data := unsafe.StringData(s)
	r := &in.recent[uintptr(unsafe.Pointer(data))>>4%uintptr(len(in.recent))]
	if r.data == data && r.n == len(s) && data != nil {
		return r.id
	}
	id := in.lookup(s)
	*r = recentName{data, len(s), id}
	return id
}

// idBytes is id for the text b, which it copies only when new.
func (in *interner) idBytes(b []byte) uint32 {
	if id, ok := in.ids[string(b)]; ok {
		return id
	}
	return in.lookup(string(b))
}

func (in *interner) lookup(s string) uint32 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]uint32{}
	}
	id := uint32(len(in.names))
	in.ids[s] = id
	in.names = append(in.names, s)
	return id
}

// catLists numbers distinct category lists, keeping each list's order.
type catLists struct {
	in    interner
	lists [][]Category
}

func (c *catLists) id(cs []Category) uint32 {
	var key string
	switch len(cs) {
	case 0:
	case 1:
		key = string(cs[0])
	default:
		var b strings.Builder
		for i, x := range cs {
			if i > 0 {
				b.WriteByte('+')
			}
			b.WriteString(string(x))
		}
		key = b.String()
	}
	id := c.in.id(key)
	if int(id) == len(c.lists) {
		c.lists = append(c.lists, append([]Category(nil), cs...))
	}
	return id
}

// store is the Book's data, guarded by the Book's mutex.
type store struct {
	layout                      // the records, names, category lists and currencies
	ids       idIndex           // ID → position in recs
	revisedBy map[string]string // ID → ID of the record that revises it
	under     map[string][]int32
	idx       *nameIndex // the folded names, for query filters; built as queries need it
	order     *dateOrder // positions in date then ID order, for List; built as it needs it

	// More columns, one entry per record.
	revised []bool // a later record restates this one: it no longer counts

	// The fast path of Total: the pieces of every record that stands
	// alone (no Under either way), in record order, amounts in units of
	// 10^-fastScale. fastStage[i] is the record's stage + 1, or 0 for a
	// record that is revised or part of a fulfilment tree; those count
	// through the general path.
	fastStage []uint8
	pieces
	inTree []bool
	tree   []int32 // records in fulfilment trees
}

// pieces are the pieces of records that Total's fast path scans, one
// entry per piece in each column, and the records whose pieces do not
// fit it.
//
// A record's pieces take one path together: when any of them does not
// fit an int64 of units, none is laid out here and the record is in
// slowRecs, summed exactly by the general path. So each record is
// counted by one path only, once.
type pieces struct {
	pieceRec   []int32
	pieceCats  []uint32
	pieceYear  []int16
	pieceUnits []int64
	slowRecs   []int32 // standalone records whose pieces do not all fit
	// years holds every year in pieceYear, and whether any piece has none:
	// whatever writes pieceYear notes the year here too (piecesOf, join),
	// for a total by year sizes its table by it and indexes it unchecked.
	years yearSpan
}

// yearSpan is what years the pieces laid out carry, so that a total by
// year lays out a group for each of them rather than for every year from 1
// to 9999. It may hold more than the pieces that count (a record revised
// or joined to a tree keeps its pieces in the columns, and one whose
// pieces do not all fit the columns notes those it tried), never less.
type yearSpan struct {
	dates  yearRange // years of the records' dates, which Query.From and To bound
	parts  yearRange // a part's own Year, which they do not
	noYear bool      // a piece of an undated record with no year of its own
}

// yearRange is the years from 10,000-below to hi, in that form so that
// the zero value is empty (years are 1 to 9999) and adding a year takes no
// branch.
type yearRange struct{ below, hi int16 }

// add adds year y, 1 to 9999.
func (r *yearRange) add(y int16) {
	r.below = max(r.below, 10_000-y)
	r.hi = max(r.hi, y)
}

func (r *yearRange) join(o yearRange) {
	r.below = max(r.below, o.below)
	r.hi = max(r.hi, o.hi)
}

// bounds returns the first and the last year; lo > hi when r is empty.
func (r yearRange) bounds() (lo, hi int32) {
	return 10_000 - int32(r.below), int32(r.hi)
}

// date notes a piece in the year of its record's date, y, 0 for none.
func (s *yearSpan) date(y int16) {
	if y == 0 {
		s.noYear = true
		return
	}
	s.dates.add(y)
}

func (s *yearSpan) join(o yearSpan) {
	s.dates.join(o.dates)
	s.parts.join(o.parts)
	s.noYear = s.noYear || o.noYear
}

// grow makes room for n more pieces.
func (pc *pieces) grow(n int) {
	pc.pieceRec = room(pc.pieceRec, n)
	pc.pieceCats = room(pc.pieceCats, n)
	pc.pieceYear = room(pc.pieceYear, n)
	pc.pieceUnits = room(pc.pieceUnits, n)
}

// window gives pw the n pieces of pc's columns from position at, past
// their end, to fill. A window filled past its end is a column of its own.
func (pw *pieces) window(pc *pieces, at, n int) {
	pw.pieceRec = pc.pieceRec[at : at : at+n]
	pw.pieceCats = pc.pieceCats[at : at : at+n]
	pw.pieceYear = pc.pieceYear[at : at : at+n]
	pw.pieceUnits = pc.pieceUnits[at : at : at+n]
}

// join appends the pieces of parts, in order, each laid out in its window
// of pc's columns (see window), of sizes[c] pieces, the windows side by
// side from pc's end.
func (pc *pieces) join(parts []pieces, sizes []int) {
	recs, cats := make([][]int32, len(parts)), make([][]uint32, len(parts))
	years, units := make([][]int16, len(parts)), make([][]int64, len(parts))
	for c := range parts {
		recs[c], cats[c], years[c], units[c] = parts[c].pieceRec, parts[c].pieceCats, parts[c].pieceYear, parts[c].pieceUnits
		pc.slowRecs = append(pc.slowRecs, parts[c].slowRecs...)
		pc.years.join(parts[c].years)
	}
	pc.pieceRec = gather(pc.pieceRec, recs, sizes)
	pc.pieceCats = gather(pc.pieceCats, cats, sizes)
	pc.pieceYear = gather(pc.pieceYear, years, sizes)
	pc.pieceUnits = gather(pc.pieceUnits, units, sizes)
}

// gather appends parts to col, in order. Part c was laid out in its
// window of col's room past its end, of sizes[c] elements, the windows
// side by side; a part longer than its window is a slice of its own.
func gather[E any](col []E, parts [][]E, sizes []int) []E {
	// A part longer than its window takes the room of those after it:
	// they are moved out of its way first.
	for c := range parts {
		if len(parts[c]) > sizes[c] {
			for d := c + 1; d < len(parts); d++ {
				if len(parts[d]) <= sizes[d] {
					parts[d] = slices.Clone(parts[d])
				}
			}
			break
		}
	}
	for _, p := range parts {
		if len(p) > 0 && len(col) < cap(col) && &col[:len(col)+1][len(col)] == &p[0] {
			col = col[:len(col)+len(p)] // in place already
		} else {
			col = append(col, p...) // moves it back over the room a part left, or copies it
		}
	}
	return col
}

// fastScale is the number of decimal places of the fast path's units: four
// covers every currency's minor unit with room to spare, and amounts below
// about 9×10^14 fit an int64.
const fastScale = 4

func (s *store) amount(i int32) Amount {
	r := &s.recs[i]
	if r.extra != nil && r.extra.big != nil {
		return Amount{value: *r.extra.big, cur: s.curs[s.cur[i]]}
	}
	return Amount{value: decimal.New(r.value, r.exp), cur: s.curs[s.cur[i]]}
}

// standalone reports whether record i counts through the fast path.
func (s *store) standalone(i int32) bool { return s.fastStage[i] != 0 }

func (s *store) unfast(i int32) { s.fastStage[i] = 0 }

func (s *store) extraOf(i int32) *extra {
	if e := s.recs[i].extra; e != nil {
		return e
	}
	return &extra{}
}

// pledge rebuilds the Pledge of record i, sharing nothing with the store.
func (s *store) pledge(i int32) Pledge {
	r := &s.recs[i]
	e := s.extraOf(i)
	p := Pledge{
		ID:            r.id,
		Donor:         s.names.names[s.donor[i]],
		Amount:        s.amount(i),
		Stage:         s.stage[i],
		Date:          dateOf(s.day[i]),
		Occasion:      e.occasion,
		Qualifier:     e.qual,
		DatePrecision: Precision(s.prec[i]),
		Revises:       e.revises,
		Under:         e.under,
		Note:          e.note,
	}
	if s.recipient[i] != 0 {
		p.Recipient = s.names.names[s.recipient[i]]
	}
	if cs := s.cats.lists[r.cats]; len(cs) > 0 {
		p.Categories = append([]Category(nil), cs...)
	}
	if e.parts != nil {
		p.Parts = e.parts
	}
	if e.sources != nil {
		p.Sources = e.sources
	}
	return p.clone()
}

// link is what checking references needs of a stored record.
func (s *store) link(i int32) *Pledge {
	r := &s.recs[i]
	e := s.extraOf(i)
	return &Pledge{ID: r.id, Under: e.under, Revises: e.revises, Amount: Amount{cur: s.curs[s.cur[i]]}, Stage: s.stage[i]}
}

// idOf returns the ID of record i.
func (s *store) idOf(i int32) string { return s.recs[i].id }

// pos returns the position of the record with the ID, or false.
func (s *store) pos(id string) (int32, bool) { return s.ids.lookup(id, s.idOf) }

// add stores a checked batch.
func (s *store) add(cb checkedBatch) {
	if s.names.ids == nil {
		s.revisedBy = map[string]string{}
		s.under = map[string][]int32{}
		s.idx = &nameIndex{}
		s.order = &dateOrder{}
		s.names.id("") // id 0: no recipient
		s.cats.id(nil) // id 0: no categories
	}
	start := len(s.recs)
	n := len(cb.seg.recs)
	s.take(&cb.seg.layout)
	s.revised = append(room(s.revised, n), make([]bool, n)...)
	s.inTree = append(room(s.inTree, n), make([]bool, n)...)
	s.fastStage = room(s.fastStage, n)
	for _, st := range s.stage[start:] {
		s.fastStage = append(s.fastStage, uint8(st)+1)
	}
	s.index(cb.ids, start)
	if cb.linked {
		s.addLinks(start)
	}
	s.layPieces(start, cb.linked)
}

// addLinks records the links of the records from start on, once every
// one of them has its position.
func (s *store) addLinks(start int) {
	for i := start; i < len(s.recs); i++ {
		e := s.recs[i].extra
		if e == nil {
			continue
		}
		if e.revises != "" {
			s.revisedBy[e.revises] = s.recs[i].id
			old, _ := s.pos(e.revises)
			s.revised[old] = true
			s.unfast(old)
			if s.inTree[old] {
				s.joinTree(int32(i))
			}
		}
		if e.under != "" {
			s.under[e.under] = append(s.under[e.under], int32(i))
			s.joinTree(int32(i))
			head, _ := s.pos(s.head(e.under))
			s.joinTree(head)
		}
	}
}

// layPieces lays out the pieces of the records from start on that are in
// no fulfilment tree; linked says that some of them may be. When none is,
// the records are laid out in chunks side by side, each chunk's pieces in
// its window of the columns, one piece for each of its records (see
// pieces.join). Most records are one piece.
func (s *store) layPieces(start int, linked bool) {
	n := len(s.recs) - start
	k := chunksFor(n)
	s.pieces.grow(n)
	if linked || k == 1 {
		for i := start; i < len(s.recs); i++ {
			if !s.inTree[i] {
				s.piecesOf(int32(i), &s.pieces)
			}
		}
		return
	}
	parts, sizes := make([]pieces, k), make([]int, k)
	inParallel(k, func(c int) {
		from, to := c*n/k, (c+1)*n/k
		sizes[c] = to - from
		parts[c].window(&s.pieces, len(s.pieceRec)+from, to-from)
		for i := start + from; i < start+to; i++ {
			s.piecesOf(int32(i), &parts[c])
		}
	})
	s.pieces.join(parts, sizes)
}

// index adds the IDs of the records from start on, which ids holds by
// their position from start, to the store's index.
func (s *store) index(ids idIndex, start int) {
	n := len(s.recs) - start
	if ids.n != n {
		// Not one entry a record: cannot happen for a checked batch, whose
		// IDs are all given and distinct; index them one by one.
		s.ids.reserve(n)
		for i := start; i < len(s.recs); i++ {
			id := s.recs[i].id
			s.ids.insert(idTag(id), int32(i), func(k int32) bool { return s.recs[k].id == id })
		}
		return
	}
	if s.ids.n == 0 && start == 0 {
		s.ids = ids
		return
	}
	s.ids.reserve(n)
	// ids gives its IDs in about increasing order of tag: the table is
	// written in order.
	ids.each(func(tag uint32, pos int32) { s.ids.put(idSlot{tag: tag, pos: uint32(start) + uint32(pos) + 1}) })
}

// joinTree moves record i from the fast path to the fulfilment trees.
func (s *store) joinTree(i int32) {
	if s.inTree[i] {
		return
	}
	s.inTree[i] = true
	s.unfast(i)
	s.tree = append(s.tree, i)
}

// head follows revisions from id to the record that counts in its place.
func (s *store) head(id string) string {
	for {
		r, ok := s.revisedBy[id]
		if !ok {
			return id
		}
		id = r
	}
}

// piecesOf lays record i's pieces out in pc, all of them or, when any
// does not fit, none: the record then goes to pc's slowRecs. It reads s
// and writes only pc.
func (s *store) piecesOf(i int32, pc *pieces) {
	r := &s.recs[i]
	year := int16(0)
	if s.day[i] != noDay {
		year = int16(yearOfDay(s.day[i]))
	}
	if r.extra.qualified() {
		// A qualified record takes the exact path, which carries the
		// qualifiers; the integer scan stays as it is for the rest.
		pc.slowRecs = append(pc.slowRecs, i)
		return
	}
	start := len(pc.pieceRec)
	put := func(units int64, cats uint32, y int16) {
		pc.pieceRec = append(pc.pieceRec, i)
		pc.pieceCats = append(pc.pieceCats, cats)
		pc.pieceYear = append(pc.pieceYear, y)
		pc.pieceUnits = append(pc.pieceUnits, units)
	}
	fits := true
	if r.extra == nil || len(r.extra.parts) == 0 {
		var units int64
		if r.extra == nil || r.extra.big == nil {
			units, fits = smallUnits(r.value, r.exp)
		} else {
			units, fits = toUnits(*r.extra.big)
		}
		if fits {
			put(units, r.cats, year)
			pc.years.date(year)
		}
	} else {
		rest := s.amount(i).value
		for k, pt := range r.extra.parts {
			y := year
			if pt.Year != 0 {
				y = int16(pt.Year)
				pc.years.parts.add(y)
			} else {
				pc.years.date(year)
			}
			units, ok := toUnits(pt.Amount.value)
			if !ok {
				fits = false
				break
			}
			put(units, r.extra.partCats[k], y)
			rest = rest.Sub(pt.Amount.value)
		}
		if fits && rest.Sign() > 0 {
			var units int64
			if units, fits = toUnits(rest); fits {
				put(units, r.cats, year)
				pc.years.date(year)
			}
		}
	}
	if !fits {
		pc.pieceRec, pc.pieceCats = pc.pieceRec[:start], pc.pieceCats[:start]
		pc.pieceYear, pc.pieceUnits = pc.pieceYear[:start], pc.pieceUnits[:start]
		pc.slowRecs = append(pc.slowRecs, i)
	}
}

// smallUnits converts coefficient × 10^exp to units of 10^-fastScale. A
// value with more decimals fits when they are zeros ("2.00000").
func smallUnits(coef int64, exp int32) (int64, bool) {
	shift := int(exp) + fastScale
	switch {
	case coef < 0:
		return 0, false
	case coef == 0:
		return 0, true
	case shift < 0:
		if shift < -18 || coef%pow10[-shift] != 0 {
			return 0, false
		}
		return coef / pow10[-shift], true
	case shift > 18:
		return 0, false
	}
	if coef > maxTimesPow10[shift] {
		return 0, false
	}
	return coef * pow10[shift], true
}

func toUnits(v decimal.Decimal) (int64, bool) {
	c := v.Coefficient()
	if !c.IsInt64() {
		return 0, false
	}
	return smallUnits(c.Int64(), v.Exponent())
}

var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// maxTimesPow10[i] is the largest int64 that times 10^i is an int64: a
// table, as a division by a variable costs a bulk load as much as the rest
// of laying out a record's piece.
var maxTimesPow10 = func() [19]int64 {
	var m [19]int64
	for i, p := range pow10 {
		m[i] = math.MaxInt64 / p
	}
	return m
}()
