package pledge

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/summitry/summitry/internal/csvrow"
	"github.com/summitry/summitry/internal/input"
)

// csvBlock is how much of a book's CSV the fast reader reads at a time:
// what it holds of the file, whatever the file's size; csvSpan is the
// least a processor takes of a block. (Tests make them small.)
var csvBlock, csvSpan = 4 << 20, 64 << 10

// readCSVFast reads a book's CSV into b, all or nothing, when every row is
// a record's own row as WriteCSV writes it, the record valid, with no
// parts, sources, Revises or Under, its ID new to the book and the file:
// the common case of a long file. It reads the input in blocks, splits
// each at record boundaries into one chunk for each processor, and lays
// each chunk's records out as columns straight from the text, as Add lays
// out records; the book takes them in at once, and it returns nil.
//
// For any other input, and on any problem, it adds nothing and returns
// the plain reader (ReadCSV's) that carries on where it stopped, which
// says what is wrong, in the same words as ever: it holds the records
// read so far as if it had read them, and reads the rest of the input,
// from the first row the fast path did not take. So r is read once, and
// none of it is kept beyond a block; a reader that fails fails the plain
// reader at the same byte.
func (b *Book) readCSVFast(r io.Reader) *bookReader {
	size := input.Size(r)
	r = input.Checked(r) // a broken reader is an error, not a panic or a reader stuck
	acc := newSegment(0)
	var tags []taggedID
	chunks := make([]csvChunk, runtime.GOMAXPROCS(0))
	// The buffer holds the input when it is smaller than a block and its
	// size sure; else it starts small, for small inputs, and doubles to a
	// block.
	var buf []byte
	if size >= 0 {
		buf = make([]byte, 0, min(int64(csvBlock)-1, size)+1)
	} else {
		buf = make([]byte, 0, min(csvBlock, 64<<10))
	}
	header, sized := true, false
	// stop hands over to the plain reader: the bytes of buf from start on
	// are the first it has not taken, and rest (when not at the end, or
	// failing) is what follows.
	eof, failed := false, error(nil)
	stop := func(start int) *bookReader {
		rest := r
		switch {
		case failed != nil:
			rest = errReader{failed}
		case eof:
			rest = eofReader{}
		}
		return carryOn(acc, !header, io.MultiReader(bytes.NewReader(buf[start:]), rest))
	}
	for !eof {
		// Fill the block after what is left of the last one.
		for len(buf) < cap(buf) && !eof {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			switch {
			case err == io.EOF:
				eof = true
			case err != nil:
				failed = err
				return stop(0)
			}
		}
		filled := len(buf) == cap(buf)
		end := len(buf)
		if !eof {
			end = bytes.LastIndexByte(buf, '\n') + 1 // whole lines
		}
		if end == 0 && cap(buf) >= csvBlock {
			return stop(0) // a row longer than a block
		}
		if block := buf[:end]; end > 0 {
			if header {
				block = input.TrimBOM(block)
				line, rest, ended := bytes.Cut(block, []byte{'\n'})
				if string(lineText(line, ended)) != bookHeader {
					return stop(0)
				}
				header = false
				block = rest
			}
			if len(block) > 0 {
				var ok bool
				if tags, ok = readCSVBlock(block, acc, tags, chunks); !ok {
					return stop(end - len(block))
				}
			}
			if first := len(acc.recs); size > 0 && !sized && !eof && first > 0 {
				// The first block tells about how many records the
				// input holds: room for them all, and a few more, at
				// once, rather than as the columns double. The size
				// may mislead (a file cut short as it is read, a
				// sparse one): room for sizedBlocks blocks at most.
				sized = true
				n := int(min(float64(size)/float64(end)*float64(first)*1.02, float64(sizedBlocks*first)))
				acc.grow(n - first)
				tags = room(tags, n-first)
			}
		}
		buf = buf[:copy(buf, buf[end:])]
		if filled && cap(buf) < csvBlock {
			buf = slices.Grow(buf, min(csvBlock, 2*cap(buf))-len(buf))
		}
	}
	if header {
		return stop(0) // no header: nothing to read
	}
	ids, ok := uniqueIDs(tags, func(k int32) string { return acc.recs[k].id })
	if !ok || !b.addNew(checkedBatch{seg: acc, ids: ids}) {
		return stop(len(buf))
	}
	return nil
}

// sizedBlocks bounds the room the columns take at once by the size of the
// input to what this many blocks like the first hold: the input's size
// is what it was when asked, and rows vary. A larger input (over 256 MB of blocks of
// 4 MB) grows the columns as it is read.
const sizedBlocks = 64

// carryOn returns the plain reader of a book's CSV that goes on where the
// fast reader stopped, reading rest, the input from the first byte the
// fast reader did not take. When that is past the header, the records of
// g are the rows from the second on, one line each, taken as the plain
// reader would have read them.
func carryOn(g *segment, pastHeader bool, rest io.Reader) *bookReader {
	if !pastHeader {
		return newBookReader(rest)
	}
	br := newBookReader(io.MultiReader(strings.NewReader(bookHeader+"\n"), rest))
	br.taken = func() {
		st := store{layout: g.layout}
		for i := range g.recs {
			br.finish()
			br.index++
			row := place{row: 2 + i, line: 2 + i}
			br.open, br.ok, br.partsOK, br.start = true, true, true, row
			br.p, br.partAt, br.srcAt = st.pledge(int32(i)), br.partAt[:0], br.srcAt[:0]
		}
		br.rows.Skip(len(g.recs))
	}
	return br
}

// bookHeader is the header row WriteCSV writes.
var bookHeader = strings.Join(bookColumns[:], ",")

// readCSVBlock lays out the rows of block, whole lines, into acc, and
// appends their IDs' tags to tags; false when a row is not for the fast
// path, acc then as it was. The block is split at line ends into a chunk for each processor,
// and each chunk writes its rows straight into its window of acc's
// columns, numbering names, category lists and currencies its own way;
// the windows are then renumbered as acc numbers, each by its chunk.
func readCSVBlock(block []byte, acc *segment, tags []taggedID, chunks []csvChunk) ([]taggedID, bool) {
	if bytes.IndexByte(block, '"') >= 0 || !utf8.Valid(block) {
		return tags, false // quoted cells, or text that is not: the plain path
	}
	spans := splitLines(block, min(len(chunks), 1+len(block)/csvSpan))
	chunks = chunks[:len(spans)]
	base := len(acc.recs)
	counts := make([]int, len(spans))
	total := 0
	for i, sp := range spans {
		counts[i] = bytes.Count(block[sp[0]:sp[1]], []byte{'\n'})
		if block[sp[1]-1] != '\n' {
			counts[i]++ // the last line of the input
		}
		total += counts[i]
	}
	acc.columns.extend(total)
	for i, at := 0, base; i < len(chunks); i++ {
		chunks[i].window(&acc.columns, at, counts[i])
		at += counts[i]
	}
	inParallel(len(chunks), func(i int) { chunks[i].read(block[spans[i][0]:spans[i][1]]) })
	for i := range chunks {
		if !chunks[i].ok {
			c := &acc.columns
			c.recs, c.donor, c.recipient = c.recs[:base], c.donor[:base], c.recipient[:base]
			c.day, c.prec, c.cur, c.stage = c.day[:base], c.prec[:base], c.cur[:base], c.stage[:base]
			return tags, false
		}
	}
	joinChunks(acc, len(chunks), func(i int) *chunk { return &chunks[i].chunk })
	for i := range chunks {
		tags = append(tags, chunks[i].tags...)
	}
	return tags, true
}

// splitLines cuts data, whole lines, into n spans of about equal size
// that start and end at line ends.
func splitLines(data []byte, n int) [][2]int {
	spans := make([][2]int, 0, n)
	start := 0
	for k := 1; k <= n; k++ {
		end := len(data)
		if k < n {
			at := max(start, k*len(data)/n)
			i := bytes.IndexByte(data[at:], '\n')
			if i < 0 {
				continue
			}
			end = at + i + 1
		}
		if end > start {
			spans = append(spans, [2]int{start, end})
		}
		start = end
	}
	return spans
}

// uniqueIDs builds the index of the IDs whose tags are given, reporting
// false when an ID is given twice.
func uniqueIDs(tags []taggedID, idOf func(int32) string) (idIndex, bool) {
	var ids idIndex
	ids.reserve(len(tags))
	for _, e := range byRegion(tags) {
		// A record's ID is read only when its tag matches another's.
		if _, dup := ids.insert(e.tag, e.pos, func(k int32) bool { return idOf(k) == idOf(e.pos) }); dup {
			return ids, false
		}
	}
	return ids, true
}

// addNew adds a checked batch whose records are not linked (no Revises or
// Under) and have IDs of their own, when none of those IDs is in the book;
// it reports whether it did. A book that keeps a journal takes nothing
// this way: the plain path refuses the records with ErrNotLogged.
func (b *Book) addNew(cb checkedBatch) bool {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	if b.journaled.Load() {
		return false
	}
	b.mu.RLock()
	held := false
	if b.st.ids.n > 0 {
		cb.ids.each(func(tag uint32, pos int32) {
			id := cb.seg.recs[pos].id
			_, found := b.st.ids.find(tag, func(k int32) bool { return b.st.recs[k].id == id })
			held = held || found
		})
	}
	b.mu.RUnlock()
	if held {
		return false
	}
	if len(cb.seg.recs) > 0 {
		b.keep(cb)
	}
	return true
}

// csvChunk reads the rows of part of a block into its window of the
// columns. Its numbering and what it remembers carry on from block to
// block.
type csvChunk struct {
	chunk
	ids arena // the records' IDs
	ok  bool

	// What the chunk's rows repeat, read once, and the last of them.
	recentNames, recentCells *cellCache
	cells                    map[string]uint32 // a category cell's list, when it is valid
	texts                    map[string]string
	cur                      lastWord[uint16]
	qual                     lastWord[Qualifier]
}

// lastWord remembers the last text a chunk read in a column, and what it
// read as: most rows repeat the row before.
type lastWord[T any] struct {
	text string // a copy: the block's bytes are the next block's
	v    T
}

// read returns what b reads as, by read when b is not the last text.
func (l *lastWord[T]) read(b []byte, read func(string) (T, bool)) (T, bool) {
	if l.text != "" && string(b) == l.text {
		return l.v, true
	}
	v, ok := read(string(b))
	if ok {
		l.text, l.v = string(b), v
	}
	return v, ok
}

// read lays out the rows of data, whole lines, in the window, which they
// must fill.
func (ch *csvChunk) read(data []byte) {
	if ch.cells == nil {
		ch.cells, ch.texts = map[string]uint32{}, map[string]string{}
		ch.recentNames, ch.recentCells = new(cellCache), new(cellCache)
	}
	ch.ok = false
	for len(data) > 0 {
		line, ended := data, false
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data, ended = data[:i], data[i+1:], true
		} else {
			data = nil
		}
		// A line longer than csvrow takes is for the plain path to refuse.
		if ch.full() || len(line) > csvrow.MaxRowBytes || !ch.row(lineText(line, ended)) {
			return
		}
	}
	ch.ok = ch.full()
}

// lineText returns a line without its line end, "\n" or "\r\n", as
// csvrow reads it: ended says that a line feed ended it. The last line of
// an input, with no line feed, keeps a carriage return at its end, in its
// last cell.
func lineText(line []byte, ended bool) []byte {
	if ended {
		return bytes.TrimSuffix(line, []byte{'\r'})
	}
	return line
}

// row lays out one row, a record's own; false when it is anything else,
// or has any problem.
func (c *csvChunk) row(line []byte) bool {
	var cells [numBookColumns][]byte
	if !splitCells(line, &cells) {
		return false
	}
	// Only a record's own row, and none that is linked or fills a cell
	// of a part or a source.
	if k := cells[colKind]; len(k) > 0 && string(k) != "pledge" {
		return false
	}
	for _, k := range [...]int{colYear, colRevises, colUnder, colPublisher, colTitle, colURL, colQuote} {
		if len(cells[k]) > 0 {
			return false
		}
	}
	g := c.seg
	id := cells[colID]
	if !plainName(id) && !validName(string(id)) {
		return false // or empty
	}
	donor := c.name(cells[colDonor])
	if !g.goodName(donor) {
		return false
	}
	recipient := c.name(cells[colRecipient])
	if recipient != 0 && !g.goodName(recipient) {
		return false
	}
	coef, exp, ok := plainDecimal(cells[colAmount])
	if !ok {
		return false
	}
	cur, ok := c.currency(cells[colCurrency])
	if !ok {
		return false
	}
	qual := Exact
	if q := cells[colQualifier]; len(q) > 0 {
		if qual, ok = c.qualifier(q); !ok {
			return false
		}
	}
	day, prec := int32(noDay), Day
	if d := cells[colDate]; len(d) > 0 {
		if day, prec, ok = plainDate(d); !ok {
			return false
		}
	}
	stage := Pledged
	if s := cells[colStage]; len(s) > 0 {
		if stage, ok = stageNamed(s); !ok {
			var err error
			if stage, err = ParseStage(string(s)); err != nil {
				return false
			}
		}
	}
	cats, ok := c.categories(cells[colCategory])
	if !ok {
		return false
	}
	occasion, note := cells[colOccasion], cells[colNote]
	if !goodText(occasion) || !goodText(note) {
		return false
	}

	r := record{id: c.ids.str(id), value: coef, exp: exp, cats: cats}
	if len(occasion) > 0 || len(note) > 0 || qual != Exact {
		r.extra = &extra{qual: qual, occasion: c.text(occasion), note: string(note)}
		if qual != Exact {
			g.qualified++
		}
	}
	w := &g.columns
	c.tags = append(c.tags, taggedID{idTag(r.id), int32(c.at + len(w.recs))})
	w.recs = append(w.recs, r)
	w.donor = append(w.donor, donor)
	w.recipient = append(w.recipient, recipient)
	w.day = append(w.day, day)
	w.prec = append(w.prec, uint8(prec))
	w.cur = append(w.cur, cur)
	w.stage = append(w.stage, stage)
	return true
}

// splitCells cuts a line into the cells of a book's CSV, which it must
// have exactly, none quoted. It looks for commas eight bytes at a time.
func splitCells(line []byte, cells *[numBookColumns][]byte) bool {
	const (
		commas = 0x2c2c2c2c2c2c2c2c
		low7   = 0x7f7f7f7f7f7f7f7f
	)
	k, start := 0, 0
	cut := func(at int) bool { // a comma at at; true once the last cell starts
		cells[k] = line[start:at]
		k, start = k+1, at+1
		return k == numBookColumns-1
	}
	i := 0
	for ; i+8 <= len(line); i += 8 {
		x := binary.LittleEndian.Uint64(line[i:]) ^ commas // a zero byte for each comma
		zero := ^((x&low7 + low7) | x | low7)              // its top bit set, exactly
		for ; zero != 0; zero &= zero - 1 {
			if cut(i + bits.TrailingZeros64(zero)/8) {
				return lastCell(line, start, cells)
			}
		}
	}
	for ; i < len(line); i++ {
		if line[i] == ',' && cut(i) {
			return lastCell(line, start, cells)
		}
	}
	return false
}

// lastCell takes the rest of the line from start as its last cell, which
// holds no comma.
func lastCell(line []byte, start int, cells *[numBookColumns][]byte) bool {
	if bytes.IndexByte(line[start:], ',') >= 0 {
		return false
	}
	cells[numBookColumns-1] = line[start:]
	return true
}

// text returns one copy of each occasion.
func (c *csvChunk) text(b []byte) string {
	if s, ok := c.texts[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(c.texts) < maxShared {
		c.texts[s] = s
	}
	return s
}

// name returns the chunk's number of the name b.
func (c *csvChunk) name(b []byte) uint32 {
	e := c.recentNames.at(b)
	if e.set && e.text == string(b) {
		return e.id
	}
	id := c.seg.names.idBytes(b)
	*e = recentCell{text: c.seg.names.names[id], id: id, set: true}
	return id
}

// stageNamed reads a stage's name as WriteCSV writes it.
func stageNamed(b []byte) (Stage, bool) {
	switch string(b) {
	case "pledged":
		return Pledged, true
	case "committed":
		return Committed, true
	case "allocated":
		return Allocated, true
	case "disbursed":
		return Disbursed, true
	}
	return 0, false
}

// cellCache remembers the numbers of cell texts met lately, by a cheap
// hash of the text: a map hashes the whole text, and finds its entry
// among many; most rows repeat a few names and categories.
type cellCache [1024]recentCell

type recentCell struct {
	text string
	id   uint32
	set  bool
}

// at returns the entry where b would be.
func (c *cellCache) at(b []byte) *recentCell {
	h := uint64(len(b))
	if len(b) >= 8 {
		h ^= binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[len(b)-8:])*0x9e3779b97f4a7c15
	} else {
		for _, x := range b {
			h = h<<8 | uint64(x)
		}
	}
	return &c[(h*0x9e3779b97f4a7c15)>>54]
}

// currency reads a currency's code as the plain path does.
func (c *csvChunk) currency(code []byte) (uint16, bool) {
	return c.cur.read(code, func(code string) (uint16, bool) {
		u, err := parseCurrency(code)
		if err != nil {
			return 0, false
		}
		return c.seg.currencyID(u), true
	})
}

// categories reads a category cell as the plain path does (each category
// as ParseCategory reads it, joined by "+") and checks the list as Add
// does, once for each cell text: false when either finds a problem.
func (c *csvChunk) categories(cell []byte) (uint32, bool) {
	e := c.recentCells.at(cell)
	if e.set && e.text == string(cell) {
		return e.id, true
	}
	if id, ok := c.cells[string(cell)]; ok {
		*e = recentCell{text: c.text(cell), id: id, set: true}
		return id, true
	}
	var list []Category
	if len(cell) > 0 {
		for s := range strings.SplitSeq(string(cell), "+") {
			cat, err := ParseCategory(s)
			if err != nil {
				return 0, false
			}
			list = append(list, cat)
		}
	}
	var scratch collector
	ps := problems{c: &scratch}
	if checkCategories(list, "", &ps); ps.n > 0 {
		return 0, false
	}
	id := c.seg.cats.id(list)
	c.cells[string(cell)] = id
	return id, true
}

// validName reports whether s passes checkName and is not empty.
func validName(s string) bool {
	var scratch collector
	ps := problems{c: &scratch}
	checkName(s, "", &ps)
	return s != "" && ps.n == 0
}

// qualifier reads a record's qualifier as the plain path does
// (ParseQualifier), and checks it as Add does (checkQualifier: mixed
// describes sums, not records).
func (c *csvChunk) qualifier(word []byte) (Qualifier, bool) {
	return c.qual.read(word, func(word string) (Qualifier, bool) {
		q, err := ParseQualifier(word)
		if err != nil {
			return 0, false
		}
		var scratch collector
		ps := problems{c: &scratch}
		checkQualifier(q, "", &ps)
		return q, ps.n == 0
	})
}

// goodText reports whether b passes checkText. It shows textFault, which
// keeps nothing of it, the bytes as they are: a copy of every note and
// occasion of a file would cost as much as the file.
func goodText(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	at, _ := textFault(unsafe.String(&b[0], len(b)), false)
	return at < 0
}

// arena makes strings of bytes, many to one allocation: the IDs of a
// million records are then a few dozen objects for the collector, not a
// million. A string keeps its whole block alive; the records of a book
// all live as long as it does.
type arena struct{ buf []byte }

func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(64<<10, len(b)))
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[start], len(b))
}

// errReader fails every read with its error.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// eofReader is at its end.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
