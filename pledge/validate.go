package pledge

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
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
	case strings.TrimSpace(p.ID) != p.ID:
		ps.add("id", fmt.Errorf("%w: ID %q has leading or trailing spaces", ErrInvalid, p.ID))
	}
	if strings.TrimSpace(p.Donor) == "" {
		ps.add("donor", fmt.Errorf("%w: who gives the money?", ErrMissing))
	}
	if !p.Stage.Valid() {
		ps.add("stage", fmt.Errorf("%w: stage %d", ErrInvalid, int(p.Stage)))
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

// checkAmount reports whether a is an amount of money that can be recorded.
func checkAmount(a Amount, field string, ps *problems) bool {
	switch {
	case !a.hasCurrency():
		ps.add(field, fmt.Errorf("%w: amount %s has no currency", ErrInvalidCurrency, a.value))
	case a.Sign() < 0:
		ps.add(field, fmt.Errorf("%w: %s is negative; record a reduction as a revision", ErrInvalidAmount, a))
	default:
		return true
	}
	return false
}

// checkCategories checks each category and that no two overlap: an
// undivided amount cannot be both "military" and "military/non-lethal".
func checkCategories(cs []Category, field string, ps *problems) {
	for i, c := range cs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := c.Check(); err != nil {
			ps.add(f, err)
			continue
		}
		for j, d := range cs[:i] {
			if c.Within(d) || d.Within(c) {
				ps.add(f, fmt.Errorf("%w: %q overlaps %s[%d] %q", ErrInvalidCategory, c, field, j, d))
			}
		}
	}
}

// overlay is the Book's records with a batch laid over them, for checking
// references before anything is written.
type overlay struct {
	b         *Book
	batch     map[string]*Pledge
	revisedBy map[string]string // new revisions only
}

func (o *overlay) get(id string) (*Pledge, bool) {
	if p, ok := o.batch[id]; ok {
		return p, true
	}
	if i, ok := o.b.index[id]; ok {
		return &o.b.recs[i], true
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

// head follows revisions from id to the record that now counts in its place.
// It stops after limit steps, which only a cycle can exceed.
func (o *overlay) head(id string, limit int) (string, bool) {
	for range limit {
		r, ok := o.reviser(id)
		if !ok {
			return id, true
		}
		id = r
	}
	return id, false
}

// checkLinks validates Revises and Under of each batch record against the
// book and the batch, records new revisions in o, and reports cycles.
func (o *overlay) checkLinks(batch []Pledge, all []problems) {
	limit := len(o.b.recs) + len(batch) + 1
	for i := range batch {
		p, ps := &batch[i], &all[i]
		if p.Revises != "" {
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
		if p.Under != "" {
			switch t, ok := o.get(p.Under); {
			case p.Under == p.ID:
				ps.add("under", fmt.Errorf("%w: pledge is under itself", ErrCycle))
			case !ok:
				ps.add("under", fmt.Errorf("%w: %q", ErrUnknownPledge, p.Under))
			case t.Amount.hasCurrency() && p.Amount.hasCurrency() && t.Amount.cur != p.Amount.cur:
				ps.add("under", fmt.Errorf("%w: %s under %q in %s", ErrConflict, p.Amount.cur, p.Under, t.Amount.cur))
			case t.Stage > p.Stage:
				ps.add("under", fmt.Errorf("%w: a %s record cannot fulfil %q, which is already %s", ErrConflict, p.Stage, p.Under, t.Stage))
			}
		}
	}
	// Cycles: every cycle passes through a batch record, so walk up from
	// each one, through revisions and fulfilment, and see if it comes back.
	for i := range batch {
		p := &batch[i]
		if len(all[i].list) > 0 {
			continue
		}
		if _, ok := o.head(p.ID, limit); !ok {
			all[i].add("revises", fmt.Errorf("%w: revisions loop back to %q", ErrCycle, p.ID))
			continue
		}
		id := p.ID
		for range limit {
			q, _ := o.get(id)
			if q == nil || q.Under == "" {
				id = ""
				break
			}
			h, ok := o.head(q.Under, limit)
			if !ok {
				id = ""
				break
			}
			id = h
			if id == p.ID {
				break
			}
		}
		if id == p.ID {
			all[i].add("under", fmt.Errorf("%w: fulfilment loops back to %q", ErrCycle, p.ID))
		}
	}
	// A revision must keep the currency of the records under what it revises.
	for i := range batch {
		p := &batch[i]
		if p.Revises == "" || len(all[i].list) > 0 {
			continue
		}
		for _, c := range o.childrenOf(p.Revises, batch) {
			if c.Amount.cur != p.Amount.cur {
				all[i].add("amount", fmt.Errorf("%w: %q under the revised %q is in %s", ErrConflict, c.ID, p.Revises, c.Amount.cur))
				break
			}
		}
	}
}

// childrenOf returns the records (in the book or the batch) whose Under
// names id.
func (o *overlay) childrenOf(id string, batch []Pledge) []*Pledge {
	var out []*Pledge
	for _, c := range o.b.under[id] {
		out = append(out, &o.b.recs[c])
	}
	for i := range batch {
		if batch[i].Under == id {
			out = append(out, &batch[i])
		}
	}
	return out
}
