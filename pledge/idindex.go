package pledge

import (
	"hash/maphash"
	"math"
	"math/bits"
	"slices"
)

// idSeed seeds the hash of record IDs: one seed per process, so that no
// input can be made to collide on purpose.
var idSeed = maphash.MakeSeed()

// idTag is the top half of the hash of a record ID.
func idTag(id string) uint32 { return uint32(maphash.String(idSeed, id) >> 32) }

// idIndex finds a record's position by its ID. It is a hash table with
// open addressing and linear probing, of 8-byte slots holding the top half
// of the ID's hash (its tag) and the position. A slot's home is given by
// the tag's top bits, so walking the slots in order meets the tags in
// about increasing order: the table grows, and takes a batch of IDs, in
// passes that read and write memory in order. A map of a million string
// keys is filled in random order, and on a machine whose memory is far
// (a virtual machine, 4 KB pages) each insertion then waits for memory
// about as long as all the rest of Add's work on the record.
//
// The table holds no strings: a tag that matches is confirmed by comparing
// the record's ID, which the caller's idOf gives by position.
type idIndex struct {
	slots []idSlot // len is a power of two, or 0
	n     int      // slots in use
	bits  uint8    // log2(len(slots))
}

type idSlot struct {
	tag uint32
	pos uint32 // position + 1; 0 marks an empty slot
}

// taggedID is an ID's tag and its position, for filling a table in bulk.
type taggedID struct {
	tag uint32
	pos int32
}

// home returns the slot where tag's probe starts.
func (x *idIndex) home(tag uint32) uint32 {
	if x.bits == 0 {
		return 0
	}
	return tag >> (32 - x.bits)
}

// find returns the position of the ID whose tag is tag, or false; is
// tells whether the ID at a position is the one sought. Only a slot whose
// tag matches is asked about, so the ID is seldom read.
func (x *idIndex) find(tag uint32, is func(pos int32) bool) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := uint32(len(x.slots) - 1)
	for i := x.home(tag); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s.pos == 0 {
			return 0, false
		}
		if s.tag == tag && is(int32(s.pos-1)) {
			return int32(s.pos - 1), true
		}
	}
}

// lookup returns the position of id, or false; idOf gives the ID at a
// position.
func (x *idIndex) lookup(id string, idOf func(int32) string) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	return x.find(idTag(id), func(pos int32) bool { return idOf(pos) == id })
}

// reserve makes room for n more IDs, rebuilding the table at a larger size
// when it would be more than three quarters full.
func (x *idIndex) reserve(n int) {
	want := x.n + n
	if want*4 <= len(x.slots)*3 {
		return
	}
	size := max(8, 1<<bits.Len(uint(want*4/3)))
	old := x.slots
	x.slots, x.bits, x.n = make([]idSlot, size), uint8(bits.TrailingZeros(uint(size))), 0
	writePages(x.slots)
	// The old slots are in about increasing order of tag, and so are their
	// homes in the new table: this pass writes it in order too.
	for _, s := range old {
		if s.pos != 0 {
			x.put(s)
		}
	}
}

// put stores s in the first free slot from its home, without looking for
// its ID: the caller knows it is not there. The table must have room.
func (x *idIndex) put(s idSlot) {
	mask := uint32(len(x.slots) - 1)
	i := x.home(s.tag)
	for x.slots[i].pos != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = s
	x.n++
}

// insert adds the ID at pos, whose tag is tag, unless an equal ID is
// there (is tells, as for find): then it returns that one's position and
// true.
func (x *idIndex) insert(tag uint32, pos int32, is func(pos int32) bool) (int32, bool) {
	x.reserve(1)
	mask := uint32(len(x.slots) - 1)
	i := x.home(tag)
	for ; x.slots[i].pos != 0; i = (i + 1) & mask {
		if s := x.slots[i]; s.tag == tag && is(int32(s.pos-1)) {
			return int32(s.pos - 1), true
		}
	}
	x.slots[i] = idSlot{tag: tag, pos: uint32(pos) + 1}
	x.n++
	return 0, false
}

// insertBefore is insert for one of several inserting side by side, each
// into its own run of slots, which ends before the slot end: it puts the
// ID only in a free slot before end, and reports past, having put
// nothing, when the probe would go on to end. A run that ends with the
// table has end 0: its probes do not wrap around. With end noEnd, it
// probes as insert does. It neither makes room nor counts the ID in x.n:
// the caller reserves room for all before, and counts after.
func (x *idIndex) insertBefore(tag uint32, pos int32, is func(pos int32) bool, end uint32) (at int32, dup, past bool) {
	mask := uint32(len(x.slots) - 1)
	i := x.home(tag)
	for ; x.slots[i].pos != 0; i = (i + 1) & mask {
		if s := x.slots[i]; s.tag == tag && is(int32(s.pos-1)) {
			return int32(s.pos - 1), true, false
		}
		if (i+1)&mask == end {
			return 0, false, true
		}
	}
	x.slots[i] = idSlot{tag: tag, pos: uint32(pos) + 1}
	return 0, false, false
}

// noEnd is the end of insertBefore's run of slots that is the whole
// table: no slot is numbered so.
const noEnd = math.MaxUint32

// each calls f with the tag and position of every ID, in the order of the
// slots: about increasing order of tag.
func (x *idIndex) each(f func(tag uint32, pos int32)) {
	for _, s := range x.slots {
		if s.pos != 0 {
			f(s.tag, int32(s.pos-1))
		}
	}
}

// byRegion returns the ids of all parts, in order, ordered by the top
// sixteen bits of their tag, ids with the same top bits in their original
// order: inserting them in that order works on one 256th of a table at a
// time, which stays in the processor's cache, and walks through it about
// in order, so that each line of memory is fetched once and ahead of
// need. (A region's ids in their original order probe its slots at
// random: each first touch of a line waits for memory.) It leaves fewer
// than regionMin ids of one part as they are (a small table stays in
// cache anyway); see regioned.
func byRegion(parts ...[]taggedID) []taggedID {
	n := 0
	for _, ids := range parts {
		n += len(ids)
	}
	if !regioned(n, len(parts)) {
		if len(parts) == 1 {
			return parts[0]
		}
		return slices.Concat(parts...)
	}
	// Each part is counted, then placed, side by side with the others: a
	// part's run of each region follows those of the parts before it.
	at := make([][256]int, len(parts))
	inParallel(len(parts), func(k int) {
		for _, e := range parts[k] {
			at[k][e.tag>>24]++
		}
	})
	start := 0
	for r := range 256 {
		for k := range parts {
			at[k][r], start = start, start+at[k][r]
		}
	}
	out := make([]taggedID, n)
	inParallel(len(parts), func(k int) {
		at := &at[k]
		for _, e := range parts[k] {
			r := e.tag >> 24
			out[at[r]] = e
			at[r]++
		}
	})
	// Each processor orders a run of regions within, a region at a time:
	// the last part's ends (at) are where the regions end.
	k := len(parts)
	ends := &at[k-1]
	inParallel(k, func(w int) {
		var scratch []taggedID
		for r := w * 256 / k; r < (w+1)*256/k; r++ {
			start := 0
			if r > 0 {
				start = ends[r-1]
			}
			scratch = bySubregion(out[start:ends[r]], scratch)
		}
	})
	return out
}

// bySubregion orders ids, whose tags share their top eight bits, by the
// next eight, keeping the order of those that share them too; scratch is
// room to use, which it returns, grown as needed.
func bySubregion(ids, scratch []taggedID) []taggedID {
	if len(ids) < 2 {
		return scratch
	}
	var at [256]int32
	for _, e := range ids {
		at[e.tag>>16&0xff]++
	}
	start := int32(0)
	for i, c := range at {
		at[i], start = start, start+c
	}
	scratch = slices.Grow(scratch[:0], len(ids))[:len(ids)]
	for _, e := range ids {
		b := e.tag >> 16 & 0xff
		scratch[at[b]] = e
		at[b]++
	}
	copy(ids, scratch)
	return scratch
}

// regionMin is the fewest IDs worth ordering by region.
const regionMin = 1 << 12

// regioned reports whether byRegion orders n ids in parts parts by
// region: always when there are several parts.
func regioned(n, parts int) bool { return n >= regionMin || parts > 1 }

// slotsPerPage is the number of slots in a 4 KB page of memory.
const slotsPerPage = 4096 / 8

// writePages writes every page of a new table of slots, one processor to
// each part of it, before anything reads it. A large table comes straight
// from the operating system, untouched: its pages are mapped on first use.
// When that use is a read, as a probe is, Linux maps a shared page of
// zeros, and the write that follows copies it and then has every processor
// forget the old mapping; on a virtual machine that round trip costs more
// than the probe. A page first written is mapped once. (Measured:
// BenchmarkBookAdd1M.)
func writePages(slots []idSlot) {
	if len(slots) < 64*slotsPerPage {
		return
	}
	k := chunksFor(len(slots) / slotsPerPage * 8)
	inParallel(k, func(c int) {
		from, to := c*len(slots)/k, (c+1)*len(slots)/k
		for i := from; i < to; i += slotsPerPage {
			slots[i] = idSlot{}
		}
	})
}
