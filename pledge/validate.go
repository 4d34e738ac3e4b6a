package pledge

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// problems collects what is wrong with one record.
type problems struct {
	index int
	id    string
	list  []Problem
}

func (ps *problems) add(field string, err error) {
	ps.list = append(ps.list, Problem{Index: ps.index, ID: ps.id, Field: field, Err: err})
}

// checkFields validates what a record says about itself, without looking at
// other records.
func checkFields(p *Pledge, ps *problems) {
	switch {
	case p.ID == "":
		ps.add("id", fmt.Errorf("%w: every pledge needs an ID", ErrMissing))
	default:
		checkName(p.ID, "id", ps)
	}
	if strings.TrimSpace(p.Donor) == "" {
		ps.add("donor", fmt.Errorf("%w: who gives the money?", ErrMissing))
	} else {
		checkName(p.Donor, "donor", ps)
	}
	if p.Recipient != "" {
		checkName(p.Recipient, "recipient", ps)
	}
	for field, text := range map[string]string{"occasion": p.Occasion, "revises": p.Revises, "under": p.Under, "note": p.Note} {
		checkText(text, field, ps)
	}
	if !p.Stage.Valid() {
		ps.add("stage", fmt.Errorf("%w: stage %d", ErrInvalid, int(p.Stage)))
	}
	checkDate(p.Date, "date", ps)
	checkPeriod(p.Date, p.DatePrecision, ps)
	checkQualifier(p.Qualifier, "qualifier", ps)
	for i, src := range p.Sources {
		f := fmt.Sprintf("sources[%d]", i)
		checkText(src.Publisher, f+".publisher", ps)
		checkText(src.Title, f+".title", ps)
		checkText(src.URL, f+".url", ps)
		checkText(src.Quote, f+".quote", ps)
		checkDate(src.Date, f+".date", ps)
	}
	checkAmount(p.Amount, "amount", ps)
	checkCategories(p.Categories, "categories", ps)

	if len(p.Parts) == 0 {
		return
	}
	sum := decimal.Zero
	partsOK := true
	for i, pt := range p.Parts {
		field := fmt.Sprintf("parts[%d]", i)
		checkText(pt.Note, field+".note", ps)
		checkQualifier(pt.Qualifier, field+".qualifier", ps)
		if !checkAmount(pt.Amount, field+".amount", ps) {
			partsOK = false
			continue
		}
		if p.Amount.hasCurrency() && pt.Amount.cur != p.Amount.cur {
			ps.add(field+".amount", fmt.Errorf("%w: part in %s, pledge in %s", ErrConflict, pt.Amount.cur, p.Amount.cur))
			partsOK = false
		}
		checkCategories(pt.Categories, field+".categories", ps)
		if pt.Year < 0 || pt.Year > 9999 {
			ps.add(field+".year", fmt.Errorf("%w: year %d", ErrInvalid, pt.Year))
		}
		sum = sum.Add(pt.Amount.value)
	}
	if partsOK && sum.Cmp(p.Amount.value) > 0 {
		ps.add("parts", fmt.Errorf("%w: parts add up to %s %s, the pledge is %s",
			ErrPartsExceed, p.Amount.cur, sum, p.Amount))
	}
}

// checkName checks an ID or a name that becomes a key in totals: valid
// UTF-8, no control characters, no spaces at either end.
func checkName(s, field string, ps *problems) {
	if !checkText(s, field, ps) {
		return
	}
	if strings.TrimSpace(s) != s {
		ps.add(field, fmt.Errorf("%w: %q has spaces at an end", ErrInvalid, s))
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			ps.add(field, fmt.Errorf("%w: %q holds a control character", ErrInvalid, s))
			return
		}
	}
}

// checkText checks that free text is valid UTF-8, so that it survives a
// JSON round trip unchanged.
func checkText(s, field string, ps *problems) bool {
	if !utf8.ValidString(s) {
		ps.add(field, fmt.Errorf("%w: %q is not valid UTF-8", ErrInvalid, s))
		return false
	}
	return true
}

// checkDate checks that a date can be written as YYYY-MM-DD.
func checkDate(d time.Time, field string, ps *problems) {
	if !d.IsZero() && (d.Year() < 1 || d.Year() > 9999) {
		ps.add(field, fmt.Errorf("%w: year %d is outside 1..9999", ErrInvalid, d.Year()))
	}
}

// checkAmount reports whether a is an amount of money that can be recorded.
func checkAmount(a Amount, field string, ps *problems) bool {
	switch {
	case !a.hasCurrency():
		ps.add(field, fmt.Errorf("%w: amount %s has no currency", ErrInvalidCurrency, a.value))
	case a.cur == currency.XTS:
		ps.add(field, &CurrencyError{Code: a.cur.String()})
	case tooManyDigits(a.value):
		ps.add(field, &AmountError{Value: a.cur.String() + " " + shortDecimal(a.value), Reason: fmt.Sprintf("more than %d digits", maxDigits)})
	case a.Sign() < 0:
		ps.add(field, fmt.Errorf("%w: %s is negative; record a reduction as a revision", ErrInvalidAmount, a))
	default:
		return true
	}
	return false
}

// tooManyDigits reports whether d written out in full would take more than
// maxDigits digits, without writing it out.
func tooManyDigits(d decimal.Decimal) bool {
	exp := int64(d.Exponent())
	n := int64(d.NumDigits())
	if exp >= 0 {
		return n+exp > maxDigits
	}
	whole := max(n+exp, 1)
	return whole-exp > maxDigits
}

// shortDecimal describes a decimal too long to print.
func shortDecimal(d decimal.Decimal) string {
	return fmt.Sprintf("(%d digits)e%d", d.NumDigits(), d.Exponent())
}

// checkCategories checks each category and that no two overlap: an
// undivided amount cannot be both "military" and "military/non-lethal".
func checkCategories(cs []Category, field string, ps *problems) {
	for i, c := range cs {
		f := func() string { return field + "[" + strconv.Itoa(i) + "]" }
		if err := c.Check(); err != nil {
			ps.add(f(), err)
			continue
		}
		for j, d := range cs[:i] {
			if c.Within(d) || d.Within(c) {
				ps.add(f(), fmt.Errorf("%w: %q overlaps %s[%d] %q", ErrInvalidCategory, c, field, j, d))
			}
		}
	}
}

// overlay is the Book's records with a batch laid over them, for checking
// references before anything is written. Every walk along Revises or Under
// is memoised, so checking a batch costs time in proportion to its size and
// the records it touches, however long the chains.
type overlay struct {
	b          *store
	batch      map[string]*Pledge
	revisedBy  map[string]string // new revisions only
	batchUnder map[string][]*Pledge
	heads      map[string]string // memo of head; "" marks a revision loop
	limit      int
}

func newOverlay(b *store, n int) *overlay {
	return &overlay{
		b: b, batch: make(map[string]*Pledge, n), revisedBy: map[string]string{},
		batchUnder: map[string][]*Pledge{}, heads: map[string]string{},
		limit: len(b.recs) + n + 1,
	}
}

func (o *overlay) get(id string) (*Pledge, bool) {
	if p, ok := o.batch[id]; ok {
		return p, true
	}
	if i, ok := o.b.index[id]; ok {
		return o.b.link(i), true
	}
	return nil, false
}

func (o *overlay) reviser(id string) (string, bool) {
	if r, ok := o.revisedBy[id]; ok {
		return r, true
	}
	r, ok := o.b.revisedBy[id]
	return r, ok
}

// head follows revisions from id to the record that now counts in its place;
// false means the revisions loop.
func (o *overlay) head(id string) (string, bool) {
	var path []string
	h, cur := "", id
	for {
		if m, ok := o.heads[cur]; ok {
			h = m
			break
		}
		if len(path) > o.limit {
			break // a loop: h stays ""
		}
		path = append(path, cur)
		r, ok := o.reviser(cur)
		if !ok {
			h = cur
			break
		}
		cur = r
	}
	for _, p := range path {
		o.heads[p] = h
	}
	return h, h != ""
}

// inheritUnder gives a restatement that names no Under the Under of the
// record it restates: a corrected disbursement still fulfils its commitment.
func (o *overlay) inheritUnder(batch []Pledge) {
	done := map[*Pledge]bool{}
	var resolve func(p *Pledge, depth int) string
	resolve = func(p *Pledge, depth int) string {
		if p.Under != "" || p.Revises == "" || depth > o.limit || done[p] {
			return p.Under
		}
		done[p] = true
		if t, ok := o.get(p.Revises); ok && t != p {
			p.Under = resolve(t, depth+1)
		}
		return p.Under
	}
	for i := range batch {
		resolve(&batch[i], 0)
	}
}

// checkLinks validates Revises and Under of each batch record against the
// book and the batch, records new revisions in o, and reports cycles.
func (o *overlay) checkLinks(batch []Pledge, all []problems) {
	for i := range batch {
		p, ps := &batch[i], &all[i]
		if p.Revises == "" {
			continue
		}
		switch _, ok := o.get(p.Revises); {
		case p.Revises == p.ID:
			ps.add("revises", fmt.Errorf("%w: pledge revises itself", ErrCycle))
		case !ok:
			ps.add("revises", fmt.Errorf("%w: %q", ErrUnknownPledge, p.Revises))
		default:
			if r, taken := o.reviser(p.Revises); taken {
				ps.add("revises", fmt.Errorf("%w: %q is already revised by %q", ErrConflict, p.Revises, r))
			} else {
				o.revisedBy[p.Revises] = p.ID
			}
		}
	}
	for i := range batch {
		p, ps := &batch[i], &all[i]
		if p.Under == "" {
			continue
		}
		o.batchUnder[p.Under] = append(o.batchUnder[p.Under], p)
		if p.Under == p.ID {
			ps.add("under", fmt.Errorf("%w: pledge is under itself", ErrCycle))
			continue
		}
		if _, ok := o.get(p.Under); !ok {
			ps.add("under", fmt.Errorf("%w: %q", ErrUnknownPledge, p.Under))
			continue
		}
		h, ok := o.head(p.Under)
		if !ok {
			continue // the revision loop is reported on its own records
		}
		t, _ := o.get(h)
		via := fmt.Sprintf("%q", p.Under)
		if h != p.Under {
			via = fmt.Sprintf("%q (now restated as %q)", p.Under, h)
		}
		if t.Amount.hasCurrency() && p.Amount.hasCurrency() && t.Amount.cur != p.Amount.cur {
			ps.add("under", fmt.Errorf("%w: %s under %s in %s", ErrConflict, p.Amount.cur, via, t.Amount.cur))
		} else if t.Stage > p.Stage {
			ps.add("under", fmt.Errorf("%w: a %s record cannot fulfil %s, which is already %s", ErrConflict, p.Stage, via, t.Stage))
		}
	}
	for i := range batch {
		if o.batch[batch[i].ID] != &batch[i] {
			continue // no ID, or a duplicate: already reported
		}
		if _, revised := o.reviser(batch[i].ID); !revised {
			continue // only a revised record can be on a loop of revisions
		}
		if _, ok := o.head(batch[i].ID); !ok {
			all[i].add("revises", fmt.Errorf("%w: revisions loop back to %q", ErrCycle, batch[i].ID))
		}
	}
	o.checkCycles(batch, all)
	o.checkRevisedChildren(batch, all)
}

// checkCycles reports the batch records that sit on a loop of fulfilment,
// followed through revisions. Every such loop passes through a batch
// record, so walking up from each one, with what is known memoised, finds
// them all in one pass.
func (o *overlay) checkCycles(batch []Pledge, all []problems) {
	const (
		visiting = 1
		clear    = 2
		looped   = 3
	)
	state := map[string]int8{}
	pos := map[string]int{}
	for i := range batch {
		if batch[i].Under == "" {
			continue // a record under nothing is on no loop
		}
		var path []string
		cur := batch[i].ID
		for cur != "" {
			switch state[cur] {
			case clear, looped:
				cur = ""
				continue
			case visiting:
				for _, id := range path[pos[cur]:] {
					state[id] = looped
				}
				path = path[:pos[cur]]
				cur = ""
				continue
			}
			state[cur] = visiting
			pos[cur] = len(path)
			path = append(path, cur)
			q, _ := o.get(cur)
			next := ""
			if q != nil && q.Under != "" {
				if h, ok := o.head(q.Under); ok {
					next = h
				}
			}
			cur = next
		}
		for _, id := range path {
			state[id] = clear
		}
	}
	for i := range batch {
		if state[batch[i].ID] == looped && len(all[i].list) == 0 {
			all[i].add("under", fmt.Errorf("%w: fulfilment loops back to %q", ErrCycle, batch[i].ID))
		}
	}
}

// checkRevisedChildren makes the restatement that now counts agree with the
// records under anything in the chain it restates: same currency, no later
// stage. Each chain is walked once.
func (o *overlay) checkRevisedChildren(batch []Pledge, all []problems) {
	for i := range batch {
		p := &batch[i]
		if p.Revises == "" || len(all[i].list) > 0 {
			continue
		}
		if h, _ := o.head(p.ID); h != p.ID {
			continue // a later restatement in the batch is checked instead
		}
		id, steps := p.Revises, 0
		for id != "" && steps <= o.limit {
			for _, c := range o.childrenOf(id) {
				if c.Amount.cur != p.Amount.cur {
					all[i].add("amount", fmt.Errorf("%w: %q, under the restated %q, is in %s", ErrConflict, c.ID, id, c.Amount.cur))
					return
				}
				if c.Stage < p.Stage {
					all[i].add("stage", fmt.Errorf("%w: %q, under the restated %q, is only %s", ErrConflict, c.ID, id, c.Stage))
					return
				}
			}
			t, _ := o.get(id)
			if t == nil {
				break
			}
			id, steps = t.Revises, steps+1
		}
	}
}

// childrenOf returns the records (in the book or the batch) whose Under
// names id.
func (o *overlay) childrenOf(id string) []*Pledge {
	var out []*Pledge
	for _, c := range o.b.under[id] {
		out = append(out, o.b.link(c))
	}
	return append(out, o.batchUnder[id]...)
}
