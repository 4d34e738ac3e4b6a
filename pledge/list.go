package pledge

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

// Page is a page of the records [Book.List] finds.
type Page struct {
	// Records are the records of the page, in date then ID order: at most
	// the limit asked, from the offset asked. Never nil.
	Records []Pledge `json:"records"`
	// Total counts every record the query finds, on every page: records
	// that count, children made under another record (Under) included,
	// where [Totals.Records] counts only records whose money a total adds.
	Total int `json:"total"`
	// Offset is the position of the first of Records among them all.
	Offset int `json:"offset"`
	// Version is the book's version ([Book.Version]) that the page was
	// read at: pages of one version go together.
	Version uint64 `json:"version"`
}

// List returns the records that count (those no later record revises)
// and that q finds, in date then ID order as [Book.Pledges] gives them:
// limit of them from offset on, and how many there are in all. It copies
// only the records of the page; finding them and counting them all reads
// a few columns of each record once, in a few nanoseconds a record, far
// less than copying the book ([Book.Pledges]) takes.
//
// q finds records as it picks them for [Book.Total]: Stage (reached at
// least), Donors and Recipients (names folded as Total folds them; one
// that fits no record is a *[NameError]), From and To (a record dated by
// month or year only when its whole period is within), and Categories: a
// record is found when any of its pieces is within them (a part, or the
// rest of the amount that its parts leave, in the record's categories or
// Unspecified). GroupBy, Depth, In, Rates and RatePeriod do not apply to
// a list and are not looked at: {In: EUR} without Rates, or a dimension
// in GroupBy twice, lists as the zero Query does; a bad Stage, a malformed
// category or To before From is an error matching [ErrInvalid], as for
// Total. A limit of 0 returns no records, only the Total; an offset past
// the end returns none. A negative offset or limit is an error.
//
// Page.Total counts records, not money: every record that counts and
// that q finds, a record made under another (Under) as well as the one it
// fulfils. [Totals.Records] counts the records some money of which a
// total adds, and a child adds nothing while its parent counts and covers
// it (see the package overview, "Stages and fulfilment"), so for the same
// filters Page.Total can be the larger: a disbursement under a commitment
// is listed, and its money is counted in the commitment's.
func (b *Book) List(q Query, offset, limit int) (Page, error) {
	if offset < 0 || limit < 0 {
		return Page{}, fmt.Errorf("%w: list offset %d, limit %d: want neither negative", ErrInvalid, offset, limit)
	}
	if err := q.checkFilters(); err != nil {
		return Page{}, err
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	st := &b.st
	f, err := newRecordFilter(st, q)
	if err != nil {
		return Page{}, err
	}
	page := Page{Records: make([]Pledge, 0, min(limit, 1024)), Offset: offset, Version: b.version}
	// With filters, one pass in record order finds the records, reading
	// the columns in order; the walk in date order then reads one bit a
	// record rather than jumping about the columns.
	var found []uint64
	if f.donorOK != nil || f.recipientOK != nil || f.dated || f.catOK != nil || f.stage != Pledged {
		found = make([]uint64, (len(st.recs)+63)/64)
		for i := range int32(len(st.recs)) {
			if !st.revised[i] && f.pass(i) && f.anyPiece(i) {
				found[i/64] |= 1 << (i % 64)
			}
		}
	}
	for _, i := range st.byDate() {
		if found != nil && found[i/64]&(1<<(i%64)) == 0 || found == nil && st.revised[i] {
			continue
		}
		if page.Total >= offset && len(page.Records) < limit {
			page.Records = append(page.Records, st.pledge(i))
		}
		page.Total++
	}
	return page, nil
}

// anyPiece reports whether any piece of record i is within the query's
// categories: a part, or the rest of the amount its parts leave.
func (f *recordFilter) anyPiece(i int32) bool {
	if f.catOK == nil {
		return true
	}
	st := f.st
	r := &st.recs[i]
	if r.extra == nil || len(r.extra.parts) == 0 {
		return f.catOK[r.cats]
	}
	for _, c := range r.extra.partCats {
		if f.catOK[c] {
			return true
		}
	}
	if !f.catOK[r.cats] {
		return false
	}
	rest := st.amount(i).value
	for _, pt := range r.extra.parts {
		rest = rest.Sub(pt.Amount.value)
	}
	return rest.Sign() > 0
}

// dateOrder holds the positions of a store's records in date then ID
// order. Queries share the store's read lock, so it has a lock of its
// own; records added since it was brought up to date are sorted and
// merged in when next asked.
type dateOrder struct {
	mu  sync.Mutex
	pos []int32 // never changed once made: a new slice replaces it
}

// byDate returns the positions of every record, in date then ID order
// (undated first, as Book.Pledges sorts them). The caller holds the
// store's read lock.
func (s *store) byDate() []int32 {
	if s.order == nil {
		return nil // an empty book
	}
	o := s.order
	o.mu.Lock()
	defer o.mu.Unlock()
	n := len(o.pos)
	if n == len(s.recs) {
		return o.pos
	}
	compare := func(x, y int32) int {
		if c := cmp.Compare(s.day[x], s.day[y]); c != 0 {
			return c
		}
		return cmp.Compare(s.recs[x].id, s.recs[y].id)
	}
	fresh := make([]int32, len(s.recs)-n)
	for k := range fresh {
		fresh[k] = int32(n + k)
	}
	slices.SortFunc(fresh, compare)
	merged := make([]int32, 0, len(s.recs))
	a, c := o.pos, fresh
	for len(a) > 0 && len(c) > 0 {
		if compare(a[0], c[0]) <= 0 {
			merged, a = append(merged, a[0]), a[1:]
		} else {
			merged, c = append(merged, c[0]), c[1:]
		}
	}
	merged = append(append(merged, a...), c...)
	o.pos = merged
	return merged
}
