package pledge

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// problems collects what is wrong with one record into the collector of
// its batch, and counts it.
type problems struct {
	index int
	id    string
	line  int // where the record starts in a file; 0 if not read from one
	n     int // problems found in the record
	c     *collector
}

func (ps *problems) add(field string, err error) {
	ps.n++
	ps.c.add(Problem{Index: ps.index, ID: ps.id, Line: ps.line, Field: field, Err: err})
}

// collector keeps the first problem.Max problems of a batch, first by
// record, then in the order found, and counts the rest: however many
// records are bad, and in whatever order the checks find their problems,
// the error lists the same first ones and stays small. It holds the kept
// problems as a heap whose top is the last of them.
type collector struct {
	kept    []keptProblem
	seq     int
	omitted int
}

type keptProblem struct {
	p   Problem
	seq int
}

// after orders problems by record, then by row of a CSV file (a record's
// parts and sources have rows of their own), then as found.
func (a keptProblem) after(b keptProblem) bool {
	if a.p.Index != b.p.Index {
		return a.p.Index > b.p.Index
	}
	if a.p.Row != b.p.Row {
		return a.p.Row > b.p.Row
	}
	return a.seq > b.seq
}

func (c *collector) add(p Problem) {
	k := keptProblem{p, c.seq}
	c.seq++
	h := c.kept
	if len(h) < problem.Max {
		h = append(h, k)
		for i := len(h) - 1; i > 0; { // sift up
			up := (i - 1) / 2
			if !h[i].after(h[up]) {
				break
			}
			h[i], h[up] = h[up], h[i]
			i = up
		}
		c.kept = h
		return
	}
	c.omitted++
	if !h[0].after(k) {
		return
	}
	h[0] = k
	for i := 0; ; { // sift down
		big := i
		for _, j := range []int{2*i + 1, 2*i + 2} {
			if j < len(h) && h[j].after(h[big]) {
				big = j
			}
		}
		if big == i {
			break
		}
		h[i], h[big] = h[big], h[i]
		i = big
	}
}

// merge adds what o found to what c has found, as if c had found it
// after: the problems o kept, in the order o found them, and the count of
// those it left out. When every problem o found is about records after
// c's, c then keeps and counts what it would had it found them all.
func (c *collector) merge(o *collector) {
	slices.SortFunc(o.kept, func(a, b keptProblem) int { return cmp.Compare(a.seq, b.seq) })
	for _, k := range o.kept {
		c.add(k.p)
	}
	c.omitted += o.omitted
}

// err returns the problems in order as a *ValidationError, or nil.
func (c *collector) err() *ValidationError {
	if len(c.kept) == 0 {
		return nil
	}
	slices.SortFunc(c.kept, func(a, b keptProblem) int {
		if a.after(b) {
			return 1
		}
		return -1
	})
	e := &ValidationError{Problems: make([]Problem, len(c.kept)), Omitted: c.omitted}
	for i, k := range c.kept {
		e.Problems[i] = k.p
	}
	return e
}

// The errors of fields left out, made once: a million records "{}" make
// no garbage of them.
var (
	errNoID        = fmt.Errorf("%w: every pledge needs an ID", ErrMissing)
	errNoDonor     = fmt.Errorf("%w: who gives the money?", ErrMissing)
	errUnsetAmount = fmt.Errorf("%w: amount 0 has no currency", ErrInvalidCurrency)
)

// checkFields validates what a record says about itself, without looking at
// other records.
func checkFields(p *Pledge, ps *problems) { checkFieldsKnown(p, ps, 0, p.Amount.value.NumDigits()) }

// Fields that checkFieldsKnown can be told pass already: a batch checks
// each name and list of categories it meets once (see segment.known).
const (
	knownDonor = 1 << iota
	knownRecipient
	knownCategories
)

// checkFieldsKnown is checkFields for a record whose fields that known
// names are known to pass, and whose amount's coefficient has the given
// number of digits (Decimal.NumDigits, which the caller has counted
// already).
func checkFieldsKnown(p *Pledge, ps *problems, known uint8, digits int) {
	switch {
	case p.ID == "":
		ps.add("id", errNoID)
	default:
		checkName(p.ID, "id", ps)
	}
	switch {
	case known&knownDonor != 0:
	case strings.TrimSpace(p.Donor) == "":
		ps.add("donor", errNoDonor)
	default:
		checkName(p.Donor, "donor", ps)
	}
	if p.Recipient != "" && known&knownRecipient == 0 {
		checkName(p.Recipient, "recipient", ps)
	}
	checkText(p.Occasion, "occasion", ps)
	checkText(p.Revises, "revises", ps)
	checkText(p.Under, "under", ps)
	checkText(p.Note, "note", ps)
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
	checkAmountDigits(p.Amount, digits, "amount", ps)
	if known&knownCategories == 0 {
		checkCategories(p.Categories, "categories", ps)
	}

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

// checkName checks an ID or a name that becomes a key in totals: text (see
// checkText) on one line, with no spaces at either end.
func checkName(s, field string, ps *problems) {
	if plainName(s) {
		return
	}
	if !checkRunes(s, field, true, ps) {
		return
	}
	if strings.TrimSpace(s) != s {
		ps.add(field, fmt.Errorf("%w: %s has spaces at an end", ErrInvalid, problem.Quote(s)))
	}
}

// plainName reports whether s is a name that passes checkName at a glance:
// printable ASCII, with no space at either end. Most names are.
func plainName[T string | []byte](s T) bool {
	if len(s) == 0 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// checkText checks free text: valid UTF-8, so that it survives a JSON round
// trip unchanged, with no control character but tab, line feed and
// carriage return and no Unicode noncharacter, so that every JSON, HTML and
// SVG output holds only what XML 1.0 allows.
func checkText(s, field string, ps *problems) bool { return checkRunes(s, field, false, ps) }

// checkRunes checks s as checkText does; a name may not hold tab, line feed
// or carriage return either.
func checkRunes(s, field string, name bool, ps *problems) bool {
	if s == "" {
		return true
	}
	at, why := textFault(s, name)
	if at < 0 {
		return true
	}
	ps.add(field, fmt.Errorf("%w: %s %s at byte %d", ErrInvalid, problem.Quote(s), why, at))
	return false
}

// textFault returns the byte offset in s of the first character that text
// may not hold and what it is, or -1: the rule every package of the module
// keeps (input.BadChar); a name is on one line.
func textFault(s string, name bool) (int, string) { return input.BadChar(s, name) }

// checkDate checks that a date can be written as YYYY-MM-DD.
func checkDate(d time.Time, field string, ps *problems) {
	if d.IsZero() || d.Location() == time.UTC && firstSecond <= d.Unix() && d.Unix() <= lastSecond {
		return
	}
	if !d.IsZero() && (d.Year() < 1 || d.Year() > 9999) {
		ps.add(field, fmt.Errorf("%w: year %d is outside 1..9999", ErrInvalid, d.Year()))
	}
}

// The first and last second of the years 1 to 9999, UTC.
var (
	firstSecond = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()
	lastSecond  = time.Date(9999, time.December, 31, 23, 59, 59, 0, time.UTC).Unix()
)

// checkAmount reports whether a is an amount of money that can be recorded.
func checkAmount(a Amount, field string, ps *problems) bool {
	return checkAmountDigits(a, a.value.NumDigits(), field, ps)
}

// checkAmountDigits is checkAmount for an amount whose coefficient has
// the given number of digits.
func checkAmountDigits(a Amount, digits int, field string, ps *problems) bool {
	switch {
	case a.unset():
		ps.add(field, errUnsetAmount)
	case !a.hasCurrency():
		ps.add(field, fmt.Errorf("%w: amount %s has no currency", ErrInvalidCurrency, a.value))
	case a.cur == currency.XTS:
		ps.add(field, &CurrencyError{Code: a.cur.String()})
	case tooManyDigitsN(digits, a.value.Exponent()):
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
	return tooManyDigitsN(d.NumDigits(), d.Exponent())
}

// tooManyDigitsN is tooManyDigits for a decimal whose coefficient has
// digits digits and whose exponent is exponent.
func tooManyDigitsN(digits int, exponent int32) bool {
	exp, n := int64(exponent), int64(digits)
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
// undivided amount cannot be both "military" and "military/non-lethal". A
// category that overlaps one before it is reported once, naming the first.
func checkCategories(cs []Category, field string, ps *problems) {
	switch len(cs) {
	case 0:
		return
	case 1: // nothing to overlap
		if err := cs[0].Check(); err != nil {
			ps.add(field+"[0]", err)
		}
		return
	}
	errs := make([]error, len(cs))
	var valid []int
	for i, c := range cs {
		if errs[i] = c.Check(); errs[i] == nil {
			valid = append(valid, i)
		}
	}
	first := firstOverlaps(cs, valid)
	for i, c := range cs {
		switch j := first[i]; {
		case errs[i] != nil:
			ps.add(field+"["+strconv.Itoa(i)+"]", errs[i])
		case j >= 0:
			ps.add(field+"["+strconv.Itoa(i)+"]", fmt.Errorf("%w: %s overlaps %s[%d] %s",
				ErrInvalidCategory, problem.Quote(string(c)), field, j, problem.Quote(string(cs[j]))))
		}
	}
}

// firstOverlaps returns, for each category of cs at the positions valid, the
// position of the first category before it that it overlaps (is within or
// holds), or -1; other positions get -1. It takes time n log n, not the n²
// of comparing every pair: sorted with "/" before every other character,
// the categories within c follow c at once, so one pass with a stack of
// ancestors lays out the tree of the list, and a category overlaps exactly
// its ancestors and descendants in it.
func firstOverlaps(cs []Category, valid []int) []int {
	first := make([]int, len(cs))
	for i := range first {
		first[i] = -1
	}
	if len(valid) < 2 {
		return first
	}
	order := slices.Clone(valid)
	slices.SortFunc(order, func(a, b int) int {
		if c := comparePaths(string(cs[a]), string(cs[b])); c != 0 {
			return c
		}
		return a - b
	})
	const none = math.MaxInt
	parent := make([]int, len(order)) // by place in order; -1 for a root
	above := make([]int, len(order))  // least position among the ancestors
	below := make([]int, len(order))  // least position among the descendants
	var stack []int
	for k, i := range order {
		for len(stack) > 0 && !cs[i].Within(cs[order[stack[len(stack)-1]]]) {
			stack = stack[:len(stack)-1]
		}
		parent[k], above[k], below[k] = -1, none, none
		if len(stack) > 0 {
			p := stack[len(stack)-1]
			parent[k], above[k] = p, min(above[p], order[p])
		}
		stack = append(stack, k)
	}
	for k := len(order) - 1; k >= 0; k-- {
		if p := parent[k]; p >= 0 {
			below[p] = min(below[p], below[k], order[k])
		}
	}
	for k, i := range order {
		if j := min(above[k], below[k]); j < i {
			first[i] = j
		}
	}
	return first
}

// comparePaths orders category paths as strings, but with "/" before every
// other character, so that "a/b" comes right after "a", before "a b".
func comparePaths(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x == '/' {
			return -1
		}
		if y == '/' {
			return 1
		}
		return cmp.Compare(x, y)
	}
	return cmp.Compare(len(a), len(b))
}

// overlay is the Book's records with a batch laid over them, for checking
// references before anything is written. Every walk along Revises or Under
// is memoised, so checking a batch costs time in proportion to its size and
// the records it touches, however long the chains.
type overlay struct {
	b          *store
	batch      []Pledge
	ids        *idIndex          // of batch: the first record with each ID
	revisedBy  map[string]string // new revisions only
	batchUnder map[string][]*Pledge
	heads      map[string]string // memo of head; "" marks a revision loop
	limit      int
}

func newOverlay(b *store, batch []Pledge, ids *idIndex) *overlay {
	return &overlay{
		b: b, batch: batch, ids: ids, revisedBy: map[string]string{},
		batchUnder: map[string][]*Pledge{}, heads: map[string]string{},
		limit: len(b.recs) + len(batch) + 1,
	}
}

// first returns the position of the first batch record with the ID, or false.
func (o *overlay) first(id string) (int32, bool) {
	return o.ids.lookup(id, func(k int32) string { return o.batch[k].ID })
}

func (o *overlay) get(id string) (*Pledge, bool) {
	if k, ok := o.first(id); ok {
		return &o.batch[k], true
	}
	if i, ok := o.b.pos(id); ok {
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
func (o *overlay) checkLinks(batch []Pledge, all *batchProblems) {
	for i := range batch {
		p := &batch[i]
		if p.Revises == "" {
			continue
		}
		ps := all.at(i)
		switch _, ok := o.get(p.Revises); {
		case p.Revises == p.ID:
			ps.add("revises", fmt.Errorf("%w: pledge revises itself", ErrCycle))
		case !ok:
			ps.add("revises", fmt.Errorf("%w: %s", ErrUnknownPledge, problem.Quote(p.Revises)))
		default:
			if r, taken := o.reviser(p.Revises); taken {
				ps.add("revises", fmt.Errorf("%w: %s is already revised by %s", ErrConflict, problem.Quote(p.Revises), problem.Quote(r)))
			} else {
				o.revisedBy[p.Revises] = p.ID
			}
		}
	}
	for i := range batch {
		p := &batch[i]
		if p.Under == "" {
			continue
		}
		ps := all.at(i)
		o.batchUnder[p.Under] = append(o.batchUnder[p.Under], p)
		if p.Under == p.ID {
			ps.add("under", fmt.Errorf("%w: pledge is under itself", ErrCycle))
			continue
		}
		if _, ok := o.get(p.Under); !ok {
			ps.add("under", fmt.Errorf("%w: %s", ErrUnknownPledge, problem.Quote(p.Under)))
			continue
		}
		h, ok := o.head(p.Under)
		if !ok {
			continue // the revision loop is reported on its own records
		}
		t, _ := o.get(h)
		via := problem.Quote(p.Under)
		if h != p.Under {
			via = fmt.Sprintf("%s (now restated as %s)", problem.Quote(p.Under), problem.Quote(h))
		}
		if t.Amount.hasCurrency() && p.Amount.hasCurrency() && t.Amount.cur != p.Amount.cur {
			ps.add("under", fmt.Errorf("%w: %s under %s in %s", ErrConflict, p.Amount.cur, via, t.Amount.cur))
		} else if t.Stage > p.Stage {
			ps.add("under", fmt.Errorf("%w: a %s record cannot fulfil %s, which is already %s", ErrConflict, p.Stage, via, t.Stage))
		}
	}
	for i := range batch {
		if _, revised := o.reviser(batch[i].ID); !revised {
			continue // only a revised record can be on a loop of revisions
		}
		if k, ok := o.first(batch[i].ID); !ok || int(k) != i {
			continue // no ID, or a duplicate: already reported
		}
		if _, ok := o.head(batch[i].ID); !ok {
			all.at(i).add("revises", fmt.Errorf("%w: revisions loop back to %s", ErrCycle, problem.Quote(batch[i].ID)))
		}
	}
	o.checkCycles(batch, all)
	o.checkRevisedChildren(batch, all)
}

// checkCycles reports the batch records that sit on a loop of fulfilment,
// followed through revisions. Every such loop passes through a batch
// record, so walking up from each one, with what is known memoised, finds
// them all in one pass.
func (o *overlay) checkCycles(batch []Pledge, all *batchProblems) {
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
	if len(state) == 0 {
		return
	}
	for i := range batch {
		if state[batch[i].ID] == looped && all.count(i) == 0 {
			all.at(i).add("under", fmt.Errorf("%w: fulfilment loops back to %s", ErrCycle, problem.Quote(batch[i].ID)))
		}
	}
}

// checkRevisedChildren makes the restatement that now counts agree with the
// records under anything in the chain it restates: same currency, no later
// stage. Each chain is walked once.
func (o *overlay) checkRevisedChildren(batch []Pledge, all *batchProblems) {
	for i := range batch {
		p := &batch[i]
		if p.Revises == "" || all.count(i) > 0 {
			continue
		}
		if h, _ := o.head(p.ID); h != p.ID {
			continue // a later restatement in the batch is checked instead
		}
		id, steps := p.Revises, 0
		for id != "" && steps <= o.limit {
			for _, c := range o.childrenOf(id) {
				if c.Amount.cur != p.Amount.cur {
					all.at(i).add("amount", fmt.Errorf("%w: %s, under the restated %s, is in %s", ErrConflict, problem.Quote(c.ID), problem.Quote(id), c.Amount.cur))
					return
				}
				if c.Stage < p.Stage {
					all.at(i).add("stage", fmt.Errorf("%w: %s, under the restated %s, is only %s", ErrConflict, problem.Quote(c.ID), problem.Quote(id), c.Stage))
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
