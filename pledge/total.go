package pledge

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
)

// piece is a share of one record's money that counts in a total: an
// itemised part, the remainder, or what a fulfilling record adds beyond
// its parent.
type piece struct {
	rec    int // position in Book.recs
	amount decimal.Decimal
	cats   []Category // never empty
	year   int        // 0: unknown
}

// Total adds up the records that count for q and groups them by
// q.GroupBy. Category rows always add up exactly to the grand total: an
// undivided amount is one row under its joined key, and the part of a
// pledge its Parts do not cover is a row of its own ([Unspecified], or the
// pledge's Categories). A query error, or a conversion without a rate, is
// returned instead of a partial total; missing rates are all listed in one
// *[RateError].
func (b *Book) Total(q Query) (Totals, error) {
	if err := q.check(); err != nil {
		return Totals{}, err
	}
	q = q.clone()
	b.mu.RLock()
	defer b.mu.RUnlock()

	t := totaler{b: b, q: q}
	pieces := t.pieces()
	pieces = t.filter(pieces)
	return t.group(pieces)
}

type totaler struct {
	b        *Book
	q        Query
	children map[int][]int     // parent position → children positions, date then ID order
	heads    map[string]string // memo of head
}

// pieces lays out the money of every counting record for the query's stage.
func (t *totaler) pieces() []piece {
	b := t.b
	t.children = map[int][]int{}
	var roots []int
	for i := range b.recs {
		p := &b.recs[i]
		if _, revised := b.revisedBy[p.ID]; revised {
			continue
		}
		if p.Under == "" {
			roots = append(roots, i)
			continue
		}
		parent := b.index[t.head(p.Under)]
		t.children[parent] = append(t.children[parent], i)
	}
	for _, kids := range t.children {
		slices.SortFunc(kids, func(x, y int) int {
			return compareDated(&b.recs[x], &b.recs[y])
		})
	}
	out := make([]piece, 0, len(roots))
	for _, r := range roots {
		out = t.emit(r, out)
	}
	return out
}

// emit appends the pieces of record i and the records under it. A record
// that has reached the query's stage counts in full; what its children add
// counts only beyond it, taken from the children in date order. A record
// that has not reached the stage counts only through its children.
func (t *totaler) emit(i int, out []piece) []piece {
	kids := t.children[i]
	p := &t.b.recs[i]
	if p.Stage < t.q.Stage {
		for _, k := range kids {
			out = t.emit(k, out)
		}
		return out
	}
	out = own(i, p, out)
	if len(kids) == 0 {
		return out
	}
	var sub []piece
	for _, k := range kids {
		sub = t.emit(k, sub)
	}
	covered := p.Amount.value
	for _, pc := range sub {
		switch {
		case t.b.recs[pc.rec].Amount.cur != p.Amount.cur:
			out = append(out, pc) // never netted across currencies (Add forbids it)
		case covered.Sign() <= 0:
			out = append(out, pc)
		case pc.amount.Cmp(covered) <= 0:
			covered = covered.Sub(pc.amount)
		default:
			pc.amount = pc.amount.Sub(covered)
			covered = decimal.Zero
			out = append(out, pc)
		}
	}
	return out
}

// own appends the pieces of one record: its parts, then the remainder.
func own(i int, p *Pledge, out []piece) []piece {
	year := 0
	if !p.Date.IsZero() {
		year = p.Date.Year()
	}
	rest := p.Amount.value
	for _, pt := range p.Parts {
		y := year
		if pt.Year != 0 {
			y = pt.Year
		}
		out = append(out, piece{rec: i, amount: pt.Amount.value, cats: orUnspecified(pt.Categories), year: y})
		rest = rest.Sub(pt.Amount.value)
	}
	if len(p.Parts) == 0 || rest.Sign() > 0 {
		out = append(out, piece{rec: i, amount: rest, cats: orUnspecified(p.Categories), year: year})
	}
	return out
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
		r, ok := t.b.revisedBy[h]
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
func compareDated(a, b *Pledge) int {
	switch {
	case a.Date.IsZero() && !b.Date.IsZero():
		return 1
	case !a.Date.IsZero() && b.Date.IsZero():
		return -1
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// filter keeps the pieces the query's donors, recipients, dates and
// categories select.
func (t *totaler) filter(pieces []piece) []piece {
	q := t.q
	from, to := civil.Date(q.From), civil.Date(q.To)
	dated := !from.IsZero() || !to.IsZero()
	kept := pieces[:0]
	for _, pc := range pieces {
		p := &t.b.recs[pc.rec]
		if len(q.Donors) > 0 && !slices.Contains(q.Donors, p.Donor) {
			continue
		}
		if len(q.Recipients) > 0 && !slices.Contains(q.Recipients, p.Recipient) {
			continue
		}
		if dated && (p.Date.IsZero() || !civil.Within(p.Date, from, to)) {
			continue
		}
		if len(q.Categories) > 0 && !anyWithin(pc.cats, q.Categories) {
			continue
		}
		kept = append(kept, pc)
	}
	return kept
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

// group converts the pieces when asked and adds them up by the query's keys.
func (t *totaler) group(pieces []piece) (Totals, error) {
	q := t.q
	type acc struct {
		row  Row
		sum  decimal.Decimal
		last int // last record counted, to count records once per row
		recs map[int]struct{}
	}
	rows := map[string]*acc{}
	var order []*acc
	var missing []MissingRate
	seenMissing := map[MissingRate]bool{}
	conv := newConversions()
	convert := q.In != currency.XXX

	keys := make([]string, len(q.GroupBy))
	var kb strings.Builder
	for _, pc := range pieces {
		p := &t.b.recs[pc.rec]
		cur, value := p.Amount.cur, pc.amount
		if convert && cur != q.In {
			c, err := q.Rates.Convert(Amount{value: value, cur: cur}, q.In, p.Date)
			if err != nil {
				var re *RateError
				if errors.As(err, &re) {
					for _, m := range re.Missing {
						if !seenMissing[m] {
							seenMissing[m] = true
							missing = append(missing, m)
						}
					}
					continue
				}
				return Totals{}, err
			}
			conv.add(p.ID, c)
			cur, value = q.In, c.To.value
		}
		if len(missing) > 0 {
			continue
		}
		kb.Reset()
		for i, d := range q.GroupBy {
			keys[i] = key(d, p, pc, cur, q.Depth)
			// Length-prefixed, so no name can run into the next key.
			kb.WriteString(strconv.Itoa(len(keys[i])))
			kb.WriteByte(':')
			kb.WriteString(keys[i])
		}
		kb.WriteString(cur.String())
		a := rows[kb.String()]
		if a == nil {
			a = &acc{row: Row{Keys: slices.Clone(keys), Amount: Amount{cur: cur}}, last: -1, recs: map[int]struct{}{}}
			rows[kb.String()] = a
			order = append(order, a)
		}
		a.sum = a.sum.Add(value)
		if a.last != pc.rec {
			a.last = pc.rec
			a.recs[pc.rec] = struct{}{}
		}
	}
	if len(missing) > 0 {
		slices.SortFunc(missing, compareMissing)
		return Totals{}, &RateError{Missing: missing}
	}

	out := Totals{query: q, dims: slices.Clone(q.GroupBy), conversions: conv.list()}
	records := map[int]struct{}{}
	for _, a := range order {
		a.row.Amount.value = a.sum
		a.row.Count = len(a.recs)
		for r := range a.recs {
			records[r] = struct{}{}
		}
		out.rows = append(out.rows, a.row)
	}
	out.records = len(records)
	sortRows(out.rows)
	out.sums = sumByCurrency(out.rows)
	return out, nil
}

// key returns the text of one grouping key for a piece.
func key(d Dimension, p *Pledge, pc piece, cur currency.Unit, depth int) string {
	switch d {
	case ByDonor:
		return p.Donor
	case ByRecipient:
		return p.Recipient
	case ByCategory:
		return JoinCategories(truncateAll(pc.cats, depth))
	case ByYear:
		if pc.year == 0 {
			return ""
		}
		return strconv.Itoa(pc.year)
	case ByCurrency:
		return cur.String()
	}
	return ""
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
	return a.Day.Compare(b.Day)
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
