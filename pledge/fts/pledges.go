package fts

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/summitry/summitry/internal/problem"
	"github.com/summitry/summitry/pledge"
)

// Options say how [Flows.Pledges] turns flows into pledge records.
type Options struct {
	// USD records every flow in US dollars (AmountUSD) instead of the
	// original currency.
	USD bool
	// NewMoneyOnly leaves out flows whose NewMoney is false: re-grants from
	// pooled funds, pass-through and carry-over flows, which restate money
	// the contributions that funded them already count. A flow that does
	// not say (NewMoneyUnknown, as every flow read from CSV) is then an
	// error ([ErrNotGiven]) rather than a guess.
	NewMoneyOnly bool
	// ByLocation names donors and recipients by the source and destination
	// locations (countries) instead of the organisations.
	ByLocation bool
}

// Publisher is the Source.Publisher of every record made from a flow.
const Publisher = "OCHA Financial Tracking Service"

// Pledges turns the flows into pledge records, one per flow, in flow ID
// order, ready for [pledge.Book.Add]:
//
//   - ID "fts-" + the flow ID; stage Pledged, Committed or Disbursed for
//     the statuses pledge, commitment and paid.
//   - The original amount and currency when FTS gives them, else amountUSD
//     in USD (always amountUSD with Options.USD). An original amount of 0
//     beside a dollar figure that is not is a gap in the data, not a flow
//     of nothing: such a flow is recorded in USD too. The other figures, the
//     exchange rate as FTS gives it, the version, flow type and whether it
//     is new money are kept in the record's Note.
//   - Donor and recipient: the source and destination organisations (or
//     locations), joined with " / " when there are several, each on one
//     line: runs of white space become one space, the ends trimmed (and,
//     in a flow made by hand, any control character a space). The
//     description, so made one line, is the source's Title.
//   - Categories: "humanitarian/<global cluster>" for each destination
//     cluster ("humanitarian/food security"), one undivided amount when
//     there are several; "humanitarian" when FTS names none.
//   - Date: the decision date, else the flow date.
//
// A parked flow keeps the balance not yet allocated and its child flows hold
// what was split off, so parent and children are separate records whose
// amounts add up without counting anything twice; the links are in the
// Notes. A flow recorded in its original currency whose currency is not an
// ISO 4217 code is an error naming the flow and the field, as is a flow
// made by hand whose amount has more than 60 digits, and, with
// Options.NewMoneyOnly, a flow that does not say whether it is new money
// (read from CSV: [ErrNotGiven]); a *[ValidationError]
// lists the first 100 such flows and counts the rest, and nothing is
// returned with it.
func (fs *Flows) Pledges(o Options) ([]pledge.Pledge, error) {
	var (
		out     []pledge.Pledge
		bad     []Problem
		omitted int
	)
	for i, f := range fs.All() {
		if o.NewMoneyOnly && f.NewMoneyUnknown {
			bad = problem.Keep(bad, &omitted, Problem{Index: i, Flow: f.ID, Field: "newMoney", Err: errNewMoney})
			continue
		}
		if o.NewMoneyOnly && !f.NewMoney {
			continue
		}
		p, field, err := toPledge(f, o)
		if err != nil {
			bad = problem.Keep(bad, &omitted, Problem{Index: i, Flow: f.ID, Field: field, Err: err})
			continue
		}
		out = append(out, p)
	}
	if len(bad) > 0 {
		return nil, &ValidationError{Problems: bad, Omitted: omitted}
	}
	return out, nil
}

var errNewMoney = fmt.Errorf("%w: Options.NewMoneyOnly needs it, and HDX's CSV does not say (read the flow from the FTS API)", ErrNotGiven)

var stages = map[string]pledge.Stage{
	"pledge": pledge.Pledged, "commitment": pledge.Committed, "paid": pledge.Disbursed,
}

// toPledge makes the record of a flow, or says which field of the flow
// stands in the way.
func toPledge(f Flow, o Options) (pledge.Pledge, string, error) {
	amount, field, err := amountOf(f, o)
	if err != nil {
		return pledge.Pledge{}, field, err
	}
	donor, recipient := names(f.Source.Organizations), names(f.Destination.Organizations)
	if o.ByLocation {
		donor, recipient = names(f.Source.Locations), names(f.Destination.Locations)
	}
	if donor == "" {
		donor = "(not reported)"
	}
	date := f.DecisionDate
	if date.IsZero() {
		date = f.Date
	}
	return pledge.Pledge{
		ID:         "fts-" + f.ID,
		Donor:      donor,
		Recipient:  recipient,
		Amount:     amount,
		Categories: categories(f.Destination.GlobalClusters),
		Stage:      stages[f.Status],
		Date:       date,
		Sources: []pledge.Source{{
			Publisher: Publisher,
			Title:     clean(f.Description),
			Date:      f.Date,
		}},
		Note: note(f),
	}, "", nil
}

// amountOf returns the amount to record, or the field whose value cannot
// be one. A flow read by ReadFlows has amounts that can; one made by hand
// may not.
func amountOf(f Flow, o Options) (pledge.Amount, string, error) {
	if o.USD || !f.hasOriginal() {
		a, err := pledge.NewAmount(f.AmountUSD.String(), "USD")
		return a, "amountUSD", err
	}
	a, err := pledge.NewAmount(f.OriginalAmount.String(), f.OriginalCurrency)
	switch {
	case errors.Is(err, pledge.ErrInvalidCurrency):
		return a, "originalCurrency", fmt.Errorf("%w (use Options.USD to record amountUSD)", err)
	case err != nil:
		return a, "originalAmount", err
	}
	return a, "", nil
}

// names joins the distinct names of one side, cleaned for use as a key,
// in the order first given.
func names(list []string) string {
	var d distinct[string]
	for _, n := range list {
		if n = clean(n); n != "" {
			d.add(n)
		}
	}
	return strings.Join(d.list, " / ")
}

// distinct collects values, each once, in the order first added: by
// looking through the list while it is short, through a set once it is
// long, so that a flow with a hundred thousand organisations costs linear
// time and one with two allocates nothing more.
type distinct[T comparable] struct {
	list []T
	seen map[T]struct{}
}

// shortList is how many values distinct looks through before it keeps a
// set.
const shortList = 16

// add adds v unless it is there already.
func (d *distinct[T]) add(v T) {
	if d.seen == nil {
		if slices.Contains(d.list, v) {
			return
		}
		d.list = append(d.list, v)
		if len(d.list) > shortList {
			d.seen = make(map[T]struct{}, 2*len(d.list))
			for _, x := range d.list {
				d.seen[x] = struct{}{}
			}
		}
		return
	}
	if _, ok := d.seen[v]; !ok {
		d.seen[v] = struct{}{}
		d.list = append(d.list, v)
	}
}

// clean makes s one line, as a pledge's names must be: every control
// character (unicode.IsControl: U+0000 to U+001F, U+007F to U+009F)
// becomes a space, then each run of white space (unicode.IsSpace: tab,
// line feed, carriage return, space, U+00A0 and Unicode's other spaces)
// one space, and the ends are trimmed. Of the control characters, only
// tab, line feed and carriage return reach it from a page or a CSV file,
// for the readers refuse the others (charFault); a flow made by hand may
// hold any.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	return rewrite(s)
}

// rewrite is clean without its fast path: it always builds the line anew.
func rewrite(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether clean would return s as it is: no control
// characters, and no spaces but single ' ' between words.
func isClean(s string) bool {
	for i, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) && (r != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// categories maps FTS global clusters to humanitarian subcategories.
func categories(clusters []string) []pledge.Category {
	var d distinct[pledge.Category]
	for _, c := range clusters {
		slug := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
				return unicode.ToLower(r)
			}
			return ' '
		}, c)
		cat, err := pledge.ParseCategory(string(pledge.Humanitarian) + "/" + strings.Join(strings.Fields(slug), " "))
		if err == nil {
			d.add(cat)
		}
	}
	out := d.list
	if len(out) == 0 {
		return []pledge.Category{pledge.Humanitarian}
	}
	slices.Sort(out)
	return out
}

// note keeps what FTS said that a pledge has no field for.
func note(f Flow) string {
	parts := []string{fmt.Sprintf("FTS flow %s v%d, %s", f.ID, f.VersionID, f.Status)}
	if f.VersionID == 0 {
		parts[0] = fmt.Sprintf("FTS flow %s, %s", f.ID, f.Status) // no version given
	}
	parts = append(parts, "amountUSD "+f.AmountUSD.String())
	if f.OriginalCurrency != "" {
		parts = append(parts, fmt.Sprintf("original %s %s", f.OriginalCurrency, f.OriginalAmount))
		if !f.hasOriginal() {
			parts[len(parts)-1] += " (not used: amountUSD is not zero)"
		}
	}
	if !f.ExchangeRate.IsZero() {
		parts = append(parts, fmt.Sprintf("exchangeRate %s (original units per USD, as given)", f.ExchangeRate))
	}
	if f.FlowType != "" {
		parts = append(parts, "flow type "+f.FlowType)
	}
	switch {
	case f.NewMoneyUnknown:
		parts = append(parts, "new money or not: not given")
	case !f.NewMoney:
		parts = append(parts, "not new money")
	}
	if f.Parked() {
		parts = append(parts, "parked: the balance not yet allocated")
	}
	if f.ParentID != "" {
		parts = append(parts, "split from flow "+f.ParentID)
	}
	if len(f.ChildIDs) > 0 {
		parts = append(parts, "split into flows "+strings.Join(f.ChildIDs, ", "))
	}
	return strings.Join(parts, "; ")
}
