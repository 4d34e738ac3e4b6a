package pledge

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
)

// Dimension is a key that [Book.Total] can group by.
type Dimension int

const (
	// ByDonor groups by Pledge.Donor.
	ByDonor Dimension = iota + 1
	// ByRecipient groups by Pledge.Recipient ("" when not given).
	ByRecipient
	// ByCategory groups by category, cut to Query.Depth; an undivided amount
	// in several categories has the joined key of [JoinCategories].
	ByCategory
	// ByYear groups by Part.Year where given, else the year of Pledge.Date
	// ("" when the record has no date), whatever its precision: "2023-09"
	// and "2023" are in 2023. Query.From and Query.To filter by
	// Pledge.Date only, so a 2023 pledge's part for 2025 is in a 2025 row
	// but outside a 2025 date window.
	ByYear
	// ByCurrency groups by the ISO 4217 code of the amount.
	ByCurrency
	// ByStage groups by where the money still is: "pledged" is money
	// pledged and not yet committed, "committed" committed and not yet
	// allocated or disbursed, "allocated" allocated and not yet disbursed,
	// "disbursed" paid. A record that stands alone is in its own stage's
	// row; in a fulfilment tree, what a parent has not passed on to records
	// at later stages stays in the parent's row (see the package overview,
	// "Money at each stage"). The rows never count money twice: in each
	// of the records' currencies they add up to the total at [Pledged],
	// and with Query.Stage set only the stages from it on appear, adding
	// up to the total at that stage. With Query.In each stage's money
	// converts at its own record's date, so the converted rows add up to
	// their own sums but may differ from the converted total.
	ByStage
)

var dimensionNames = map[Dimension]string{
	ByDonor: "donor", ByRecipient: "recipient", ByCategory: "category",
	ByYear: "year", ByCurrency: "currency", ByStage: "stage",
}

// String returns "donor", "recipient", "category", "year", "currency" or
// "stage".
func (d Dimension) String() string {
	if n, ok := dimensionNames[d]; ok {
		return n
	}
	return fmt.Sprintf("Dimension(%d)", int(d))
}

// Query says what [Book.Total] adds up. The zero Query totals every record
// that counts, at every stage, in its own currency, without grouping.
type Query struct {
	// Stage is the least stage a record must have reached to count: Pledged
	// (the zero value) counts everything promised, Disbursed only money paid.
	// Stages of the same money are never added together (see the package
	// overview, "Stages and fulfilment").
	Stage Stage

	// Donors and Recipients keep the records of these donors, or for these
	// recipients; empty keeps all. Names compare as the meeting ledger
	// compares leaders' names: case, accents, spaces, hyphens and
	// full-width forms aside ("south korea" is "South Korea"). A name that
	// fits no donor (recipient) of a record that counts is an error, a
	// *[NameError] with the book's nearest names, rather than an empty
	// total. [Book.Donors] and [Book.Recipients] list the names.
	Donors     []string
	Recipients []string

	// Categories keeps the amounts within these categories (by
	// [Category.Within]: "military" keeps "military/non-lethal"). An
	// undivided amount in several categories is kept when any of them is
	// within the filter, and its row keeps the joined key, so it is never
	// passed off as belonging to one category alone. A category that is
	// not predefined ([DefaultCategories]) and holds none of the book's
	// is a *[NameError], as a misspelt donor is; [Book.Categories] lists
	// them.
	Categories []Category

	// From and To bound Pledge.Date, inclusive, as civil dates; zero is
	// open. A record with no date is left out once either bound is set. A
	// record dated only by month or year counts only when its whole period
	// lies within the bounds: "2023-09" is within 2023-09-01..2023-09-30
	// and within 2023, but not within 2023-09-10..2023-12-31, nor within
	// 2023-01-01..2023-09-29. A bound must be a day from 0001-01-02 to
	// 9999-12-31, the days a record can be dated (0001-01-01 is the zero
	// time: no date); a query with another is refused.
	From, To time.Time

	GroupBy []Dimension // rows, in this key order; empty: one row per currency
	Depth   int         // category depth for ByCategory; 0: as recorded

	// In converts every amount into this currency at the rate of its
	// record's date, using Rates; a record with no date cannot be converted.
	// A record dated only by month or year is converted at an average rate
	// for its period ([Rates.ConvertPeriod]), never at the rate of a day.
	// The zero value (currency.XXX) converts nothing, and amounts in
	// different currencies stay on separate rows.
	In    currency.Unit
	Rates *Rates

	// RatePeriod is the shortest period whose rate a conversion may use.
	// Day (the zero value) converts a record dated by day at the rate of
	// that day ([Rates.Convert]), never at an average, even one that is
	// there. Month converts it at the average of its month, or failing
	// that of its year; Year at the average of its year, such as the
	// IMF's annual averages, which apply to every day of their year. A
	// record dated only by month or year uses an average of its own
	// period or longer whatever RatePeriod says, and Year makes it the
	// year's.
	//
	// Each record takes the finest rate allowed that there is for it, so
	// with Month one total may convert a January record at January's
	// average and a February one at the year's, when February has none;
	// each of [Totals.Conversions] says in RatePeriod and RateDate which
	// rate it used. What RatePeriod settles is that a record dated by day
	// never takes an average for lack of its day's rate: with Day, a
	// missing daily rate is an error, which names an average that could
	// stand in (MissingRate.Average), and with Month or Year no daily
	// rate is used at all.
	RatePeriod Precision
}

// dimensionGoNames are the dimensions' names in Go, for messages.
var dimensionGoNames = map[Dimension]string{
	ByDonor: "ByDonor", ByRecipient: "ByRecipient", ByCategory: "ByCategory",
	ByYear: "ByYear", ByCurrency: "ByCurrency", ByStage: "ByStage",
}

// queryError is a query error as every one is written: "pledge: query:
// <field>: <what>", the field by its JSON name ("group_by[1]", "to").
func queryError(field string, err error) error {
	return &DecodeError{What: "query", Field: field, Err: err}
}

// queryInvalid is a queryError matching ErrInvalid.
func queryInvalid(field, format string, args ...any) error {
	return queryError(field, fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
}

// check reports what is wrong with the query, if anything, as every query
// error is written: "pledge: query: <field>: <what>", the field by its
// JSON name ("group_by[1]", "to"), matching ErrInvalid or the sentinel of
// the value at fault.
func (q Query) check() error {
	if err := q.checkFilters(); err != nil {
		return err
	}
	for i, d := range q.GroupBy {
		field := fmt.Sprintf("group_by[%d]", i)
		if _, ok := dimensionNames[d]; !ok {
			return queryInvalid(field, "unknown dimension %d: want ByDonor, ByRecipient, ByCategory, ByYear, ByCurrency or ByStage", int(d))
		}
		if slices.Index(q.GroupBy, d) < i {
			return queryInvalid(field, "%s given twice", dimensionGoNames[d])
		}
	}
	if q.Depth < 0 {
		return queryInvalid("depth", "%d is negative", q.Depth)
	}
	if q.In == currency.XTS {
		return queryError("in", fmt.Errorf("%w XTS: the code for testing, not money", ErrInvalidCurrency))
	}
	if q.In != currency.XXX && q.Rates == nil {
		return queryInvalid("in", "converting into %s needs Rates", q.In)
	}
	if !q.RatePeriod.Valid() {
		return queryInvalid("rate_period", "unknown precision %d: want Day, Month or Year", int(q.RatePeriod))
	}
	return nil
}

// checkFilters checks what picks records, which is all [Book.List] uses
// of a query: the stage, the categories and the window.
func (q Query) checkFilters() error {
	if !q.Stage.Valid() {
		return queryInvalid("stage", "unknown stage %d: want Pledged, Committed, Allocated or Disbursed", int(q.Stage))
	}
	for i, c := range q.Categories {
		if err := c.Check(); err != nil {
			return queryError(fmt.Sprintf("categories[%d]", i), err)
		}
	}
	for _, b := range []struct {
		name string
		t    time.Time
	}{{"from", q.From}, {"to", q.To}} {
		// No record is dated outside these days (0001-01-01 is the zero
		// time, no date), and beyond them the window's day numbers would
		// overflow.
		if d := civil.Date(b.t); !b.t.IsZero() && (d.IsZero() || d.Year() < 1 || d.Year() > 9999) {
			return queryInvalid(b.name, "%s is outside 0001-01-02..9999-12-31", civil.Format(b.t))
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && civil.Date(q.To).Before(civil.Date(q.From)) {
		return queryInvalid("to", "%s is before from, %s", civil.Format(q.To), civil.Format(q.From))
	}
	return nil
}

// clone copies the query's slices, so a caller's later changes do not reach
// a Totals that holds it.
func (q Query) clone() Query {
	q.Donors = slices.Clone(q.Donors)
	q.Recipients = slices.Clone(q.Recipients)
	q.Categories = slices.Clone(q.Categories)
	q.GroupBy = slices.Clone(q.GroupBy)
	return q
}

// String describes the query in words, as a caption for its totals:
// "committed or later; donors South Korea; by category (depth 1); in USD".
func (q Query) String() string {
	parts := []string{q.Stage.String() + " or later"}
	if q.Stage == Pledged {
		parts[0] = "all stages"
	}
	if len(q.Donors) > 0 {
		parts = append(parts, "donors "+strings.Join(q.Donors, ", "))
	}
	if len(q.Recipients) > 0 {
		parts = append(parts, "recipients "+strings.Join(q.Recipients, ", "))
	}
	if len(q.Categories) > 0 {
		cs := make([]string, len(q.Categories))
		for i, c := range q.Categories {
			cs[i] = string(c)
		}
		parts = append(parts, "within "+strings.Join(cs, ", "))
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		parts = append(parts, fmt.Sprintf("%s..%s", civil.Format(q.From), civil.Format(q.To)))
	}
	if len(q.GroupBy) > 0 {
		ds := make([]string, len(q.GroupBy))
		for i, d := range q.GroupBy {
			ds[i] = d.String()
		}
		g := "by " + strings.Join(ds, ", ")
		if q.Depth > 0 && slices.Contains(q.GroupBy, ByCategory) {
			g += fmt.Sprintf(" (depth %d)", q.Depth)
		}
		parts = append(parts, g)
	}
	if q.In != currency.XXX {
		in := "in " + q.In.String()
		switch q.RatePeriod {
		case Month:
			in += " at monthly averages"
		case Year:
			in += " at annual averages"
		}
		parts = append(parts, in)
	}
	return strings.Join(parts, "; ")
}
