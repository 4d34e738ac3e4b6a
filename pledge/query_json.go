package pledge

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// dimensionOrder lists the dimensions in their defined order, for messages.
var dimensionOrder = []Dimension{ByDonor, ByRecipient, ByCategory, ByYear, ByCurrency, ByStage}

// dimensionWords maps the folded names of dimensions, and their plurals,
// to dimensions.
var dimensionWords = map[string]Dimension{
	"donor": ByDonor, "donors": ByDonor, "recipient": ByRecipient, "recipients": ByRecipient,
	"category": ByCategory, "categories": ByCategory, "year": ByYear, "years": ByYear,
	"currency": ByCurrency, "currencies": ByCurrency, "stage": ByStage, "stages": ByStage,
}

// MarshalText writes the dimension's name as [Dimension.String] does:
// "donor", "recipient", "category", "year", "currency" or "stage". An
// unknown dimension is an error matching [ErrInvalid].
func (d Dimension) MarshalText() ([]byte, error) {
	n, ok := dimensionNames[d]
	if !ok {
		return nil, fmt.Errorf("%w: dimension %d", ErrInvalid, int(d))
	}
	return []byte(n), nil
}

// UnmarshalText reads a dimension as [ParseDimension] does. It is for
// encoding packages; in the gomacro interpreter, which cannot call it, use
// ParseDimension.
func (d *Dimension) UnmarshalText(text []byte) error {
	v, err := ParseDimension(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDimension reads a dimension's name as [Dimension.String] writes it
// ("donor", "category") or its plural ("donors", "categories"), ignoring
// case, spaces and hyphens, so that a query string such as
// ?group_by=Donors,category reads as it was meant. Anything else is an
// error matching [ErrInvalid] that lists the names, as is a word with a
// control character other than white space, or bytes not UTF-8.
func ParseDimension(text string) (Dimension, error) {
	if len(text) <= maxWord {
		if k, ok := fold.Word(text); ok {
			if d, ok := dimensionWords[k]; ok {
				return d, nil
			}
		}
	}
	names := make([]string, len(dimensionOrder))
	for i, d := range dimensionOrder {
		names[i] = d.String()
	}
	return 0, fmt.Errorf("%w: dimension %s: want %s", ErrInvalid, problem.Quote(text), strings.Join(names, ", "))
}

// Equal reports whether q and o ask for the same totals: the same stage,
// filters, window, grouping, depth and currency, and the same *Rates (the
// same pointer). A nil and an empty list are the same, and From and To are
// compared as the civil dates they stand for.
func (q Query) Equal(o Query) bool {
	return q.equalAsideRates(o) && q.Rates == o.Rates
}

// equalAsideRates is Equal without the Rates.
func (q Query) equalAsideRates(o Query) bool {
	return q.Stage == o.Stage && slices.Equal(q.Donors, o.Donors) && slices.Equal(q.Recipients, o.Recipients) &&
		slices.Equal(q.Categories, o.Categories) && civil.Date(q.From).Equal(civil.Date(o.From)) &&
		civil.Date(q.To).Equal(civil.Date(o.To)) && slices.Equal(q.GroupBy, o.GroupBy) &&
		q.Depth == o.Depth && q.In == o.In && q.RatePeriod == o.RatePeriod
}

// queryJSON is a query as JSON holds it.
type queryJSON struct {
	Stage      Stage       `json:"stage"`
	Donors     []string    `json:"donors"`
	Recipients []string    `json:"recipients"`
	Categories []Category  `json:"categories"`
	From       *string     `json:"from"`
	To         *string     `json:"to"`
	GroupBy    []Dimension `json:"group_by"`
	Depth      int         `json:"depth"`
	In         *string     `json:"in"`
	RatePeriod Precision   `json:"rate_period"`
}

// queryShape is the shape of a query's JSON.
var queryShape = object(map[string]*shape{
	"stage": stringShape, "donors": stringList, "recipients": stringList, "categories": stringList,
	"from": stringShape, "to": stringShape, "group_by": stringList, "depth": {kind: kindWhole}, "in": stringShape,
	"rate_period": stringShape,
})

// MarshalJSON writes the query as one object with every field, in this
// order:
//
//	{"stage": "committed", "donors": ["South Korea"], "recipients": [],
//	 "categories": ["humanitarian"], "from": "2023-01-01", "to": null,
//	 "group_by": ["donor", "category"], "depth": 1, "in": "USD",
//	 "rate_period": "day"}
//
// The stage and the dimensions are their names, a list that keeps
// everything is [], an open bound of the window is null and so is "in"
// when nothing is converted; "rate_period" is "day", "month" or "year"
// (see Query.RatePeriod). Dates are YYYY-MM-DD, the civil dates the
// query stands for. Rates are not written: they are a table of their own
// (see [Rates.WriteCSV]), and a query read back has nil Rates.
//
// A query JSON cannot carry back as it is, and one [Query.UnmarshalJSON]
// would refuse, is an error written as [Book.Total] writes its query
// errors ("pledge: query: stage: unknown stage 9: ..."), matching
// [ErrInvalid] or the sentinel of the value at fault: MarshalJSON and
// UnmarshalJSON share one check. That is a query Book.Total refuses
// (Rates aside: "in" is written without them), such as a negative Depth,
// To before From, a dimension given twice, an unknown stage or dimension,
// In XTS or a category that is not in [Category.Check]'s form; text that
// is not valid UTF-8; and a bound of the window whose civil date is
// outside 0001-01-02 to 9999-12-31.
func (q Query) MarshalJSON() ([]byte, error) {
	if err := q.checkCarried(); err != nil {
		return nil, err
	}
	j := queryJSON{
		Stage: q.Stage, Donors: orEmpty(q.Donors), Recipients: orEmpty(q.Recipients),
		Categories: orEmpty(q.Categories), From: dateOrNull(q.From), To: dateOrNull(q.To),
		GroupBy: orEmpty(q.GroupBy), Depth: q.Depth, RatePeriod: q.RatePeriod,
	}
	if q.In != currency.XXX {
		code := q.In.String()
		j.In = &code
	}
	return json.Marshal(j)
}

// categoryStrings returns the categories as strings.
func categoryStrings(cs []Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// withStandInRates returns q with empty Rates where it converts and has
// none, so that check passes what only Rates would refuse.
func (q Query) withStandInRates() Query {
	if q.In != currency.XXX && q.Rates == nil {
		q.Rates = &Rates{}
	}
	return q
}

// orEmpty returns s, or an empty slice for nil, which JSON writes as []
// rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// dateOrNull returns the civil date of t as YYYY-MM-DD, or nil for the zero
// time.
func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := civil.Format(t)
	return &s
}

// UnmarshalJSON reads a query as [Query.MarshalJSON] writes it. A field
// left out, or null, is the zero value: {} is the zero Query. "stage" and
// "group_by" take what [ParseStage] and [ParseDimension] take, "in" an ISO
// 4217 code, and "from" and "to" a date at any precision [ParseDate]
// reads: "from": "2023" is 2023-01-01 and "to": "2023" is 2023-12-31, so
// that a window of whole months or years is easy to write. The query must
// be one [Book.Total] accepts, Rates aside: the result has nil Rates, and
// one with "in" needs Rates set before it is used.
//
// Input is read strictly, as [ReadBook] reads records: unknown fields,
// names in another case, repeated names, wrong types, text that is not
// valid UTF-8 and escapes of half a surrogate pair are errors matching
// [ErrInvalid], naming the field ("group_by[1]"). JSON null leaves q
// unchanged.
func (q *Query) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	v, err := readQuery(data, "query")
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// readQuery reads a query's JSON; what names the value in errors.
func readQuery(data []byte, what string) (Query, error) {
	if err := checkJSON(data, queryShape); err != nil {
		return Query{}, decodeErr(what, "", err)
	}
	if err := badText(data); err != nil {
		return Query{}, decodeErr(what, "", err)
	}
	var j struct {
		Stage      *string  `json:"stage"`
		Donors     []string `json:"donors"`
		Recipients []string `json:"recipients"`
		Categories []string `json:"categories"`
		From       string   `json:"from"`
		To         string   `json:"to"`
		GroupBy    []string `json:"group_by"`
		Depth      int      `json:"depth"`
		In         string   `json:"in"`
		RatePeriod *string  `json:"rate_period"`
	}
	if err := json.Unmarshal(data, &j); err != nil {
		return Query{}, decodeErr(what, "", err)
	}
	q := Query{Donors: j.Donors, Recipients: j.Recipients, Depth: j.Depth}
	if j.Stage != nil {
		s, err := ParseStage(*j.Stage)
		if err != nil {
			return Query{}, decodeErr(what, "stage", err)
		}
		q.Stage = s
	}
	for i, c := range j.Categories {
		if err := Category(c).Check(); err != nil {
			return Query{}, decodeErr(what, fmt.Sprintf("categories[%d]", i), err)
		}
		q.Categories = append(q.Categories, Category(c))
	}
	for i, name := range j.GroupBy {
		d, err := ParseDimension(name)
		if err != nil {
			return Query{}, decodeErr(what, fmt.Sprintf("group_by[%d]", i), err)
		}
		q.GroupBy = append(q.GroupBy, d) // check says if one is given twice
	}
	if j.RatePeriod != nil {
		p, err := ParsePrecision(*j.RatePeriod)
		if err != nil {
			return Query{}, decodeErr(what, "rate_period", err)
		}
		q.RatePeriod = p
	}
	var err error
	if q.From, err = windowDate(j.From, false); err != nil {
		return Query{}, decodeErr(what, "from", err)
	}
	if q.To, err = windowDate(j.To, true); err != nil {
		return Query{}, decodeErr(what, "to", err)
	}
	if j.In != "" {
		if q.In, err = currency.ParseISO(j.In); err != nil {
			return Query{}, decodeErr(what, "in", &CurrencyError{Code: j.In})
		}
	}
	// The check MarshalJSON makes: nothing above lets through what it
	// refuses.
	if err := q.checkCarried(); err != nil {
		return Query{}, decodeErr(what, "", err)
	}
	return q, nil
}

// checkCarried reports what makes q a query its JSON cannot carry back, as
// both MarshalJSON and readQuery check it: what Book.Total refuses, with
// stand-in Rates for In (a bound of the window outside the dates ParseDate
// reads among it); text that is not valid UTF-8.
func (q Query) checkCarried() error {
	for _, list := range []struct {
		field string
		names []string
	}{{"donors", q.Donors}, {"recipients", q.Recipients}, {"categories", categoryStrings(q.Categories)}} {
		for i, s := range list.names {
			if !utf8.ValidString(s) {
				return queryInvalid(fmt.Sprintf("%s[%d]", list.field, i), "%s is not valid UTF-8", problem.Quote(s))
			}
		}
	}
	return q.withStandInRates().check()
}

// windowDate reads a bound of a query's window at any precision: the
// first day of its period, or the last when end is set.
func windowDate(s string, end bool) (time.Time, error) {
	d, p, err := ParseDate(s)
	if err != nil || !end || d.IsZero() {
		return d, err
	}
	return periodEnd(d, p), nil
}

// DecodeError is a problem in a value the package reads from JSON or
// checks on its own: a [Query] (from [Query.UnmarshalJSON], or from
// [Book.Total], [Book.List] and [Query.MarshalJSON], which check it) or
// [Totals] (from [Totals.UnmarshalJSON]). It says what the value is, the
// field at fault by its JSON path, and why, so that a service can answer
// a bad request body field by field through errors.As. It matches its
// Err, and so the sentinel Err wraps, under errors.Is. (Through
// json.Unmarshal or a json.Decoder, JSON that is malformed as a whole is
// refused by encoding/json before the method sees it, as a
// *json.SyntaxError.)
//
// It writes "pledge: query: group_by[1]: ByDonor given twice": the
// sentinel the error matches is left unsaid when it is [ErrInvalid],
// which says nothing the field and the reason do not.
type DecodeError struct {
	// What is the value at fault: "query" or "totals".
	What string
	// Field is the key at fault by its path in the value's JSON
	// ("group_by[1]", "rows[3].keys.year"), empty for the whole value
	// (malformed JSON, a query that cannot be as a whole).
	Field string
	// Err is the reason. It wraps one of the package's sentinels:
	// ErrInvalid, or the sentinel of the value at fault
	// (ErrInvalidCurrency, ErrInvalidCategory, ErrUnknownName...).
	Err error
}

// Error names the value, the field and the reason.
func (e *DecodeError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "pledge: ")
	msg = strings.TrimPrefix(msg, strings.TrimPrefix(ErrInvalid.Error(), "pledge: ")+": ")
	if e.Field == "" {
		return "pledge: " + e.What + ": " + msg
	}
	return "pledge: " + e.What + ": " + e.Field + ": " + msg
}

// Unwrap returns Err, so errors.Is finds its sentinel.
func (e *DecodeError) Unwrap() error { return e.Err }

// decodeErr places err, which may name a field already, in field of what.
// An error that matches none of the package's sentinels is made to match
// ErrInvalid.
func decodeErr(what, field string, err error) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		if field != "" && fe.field != "" {
			field += "." + fe.field
		} else if fe.field != "" {
			field = fe.field
		}
		err = fe.err
	}
	var de *DecodeError
	if errors.As(err, &de) {
		if field != "" && de.Field != "" {
			field += "." + de.Field
		} else if de.Field != "" {
			field = de.Field
		}
		err = de.Err
	}
	if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok || !isSentinel(err) {
		_, cause := explainJSON(err)
		err = cause
	}
	return &DecodeError{What: what, Field: field, Err: err}
}

// isSentinel reports whether err matches one of the package's sentinel
// errors.
func isSentinel(err error) bool {
	for _, s := range []error{ErrInvalid, ErrInvalidAmount, ErrInvalidCurrency, ErrInvalidCategory, ErrMissing,
		ErrDuplicate, ErrConflict, ErrCurrencyMismatch} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// checkOneLine reports a name that is not valid text for a key: a
// character [Book.Add] refuses in a name, or spaces at either end.
func checkOneLine(s string) error {
	if off, why := input.BadChar(s, true); off >= 0 {
		return fmt.Errorf("%w: %s %s at byte %d", ErrInvalid, problem.Quote(s), why, off)
	}
	if strings.TrimSpace(s) != s {
		return fmt.Errorf("%w: %s has spaces at an end", ErrInvalid, problem.Quote(s))
	}
	return nil
}
