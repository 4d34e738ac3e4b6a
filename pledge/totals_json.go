package pledge

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/problem"
)

// The JSON forms of results. Every form is an object with the keys shown,
// written in that order; amounts are {"value": "...", "currency": "..."}
// with the value an exact decimal string, dates YYYY-MM-DD (or YYYY-MM,
// YYYY at a coarser precision), names of stages, dimensions, qualifiers and
// precisions their text. A qualifier is left out when the figure is exact,
// as in records; every other key is always written, null standing for
// what is not given.

// figureJSON is a figure as JSON holds it.
type figureJSON struct {
	Amount    Amount    `json:"amount"`
	Qualifier Qualifier `json:"qualifier,omitempty"`
}

// MarshalJSON writes the figure as its amount and, unless it is exact,
// its qualifier by name:
//
//	{"amount": {"value": "2300000000", "currency": "USD"}, "qualifier": "approximately"}
func (f Figure) MarshalJSON() ([]byte, error) { return json.Marshal(figureJSON(f)) }

// rowJSON is a row as JSON holds it.
type rowJSON struct {
	Keys      rowKeys   `json:"keys"`
	Amount    Amount    `json:"amount"`
	Qualifier Qualifier `json:"qualifier,omitempty"`
	Records   int       `json:"records"`
}

// rowKeys writes a row's keys as an object named by dimension, in the
// dimensions' order.
type rowKeys struct {
	dims []Dimension
	keys []string
}

func (k rowKeys) MarshalJSON() ([]byte, error) {
	if len(k.dims) != len(k.keys) {
		return nil, fmt.Errorf("%w: row: %d keys for %d dimensions", ErrInvalid, len(k.keys), len(k.dims))
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, d := range k.dims {
		name, err := d.MarshalText()
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(string(name)))
		b.WriteByte(':')
		if k.keys[i] == "" {
			b.WriteString("null")
			continue
		}
		v, err := json.Marshal(k.keys[i])
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the row with its keys named by their dimensions, in
// the dimensions' order, a key not given ("") as null, and the number of
// records as "records":
//
//	{"keys": {"donor": "South Korea", "category": "humanitarian"},
//	 "amount": {"value": "300000000", "currency": "USD"},
//	 "qualifier": "at least", "records": 1}
//
// Every key is a string, years too ("2023"). A row whose Keys and
// Dimensions differ in number is an error.
func (r Row) MarshalJSON() ([]byte, error) {
	return json.Marshal(rowJSON{rowKeys{r.Dimensions, r.Keys}, r.Amount, r.Qualifier, r.Count})
}

// conversionJSON is a conversion as JSON holds it.
type conversionJSON struct {
	From       Amount    `json:"from"`
	To         Amount    `json:"to"`
	Rate       string    `json:"rate"`
	RateDate   *string   `json:"rate_date"`
	RatePeriod Precision `json:"rate_period"`
	Source     string    `json:"source"`
	Inverse    bool      `json:"inverse"`
}

func (c Conversion) json() conversionJSON {
	j := conversionJSON{From: c.From, To: c.To, Rate: c.Rate.String(), RatePeriod: c.RatePeriod, Source: c.Source, Inverse: c.Inverse}
	if !c.RateDate.IsZero() {
		d := FormatDate(c.RateDate, c.RatePeriod)
		j.RateDate = &d
	}
	return j
}

// MarshalJSON writes the conversion with its rate as an exact decimal
// string and the rate's date at the precision of its period:
//
//	{"from": {"value": "520000000000", "currency": "KRW"},
//	 "to": {"value": "393194706.99432892249527410216", "currency": "USD"},
//	 "rate": "0.000756143667296786389413988658", "rate_date": "2023-09",
//	 "rate_period": "month", "source": "Bank of Korea", "inverse": true}
func (c Conversion) MarshalJSON() ([]byte, error) { return json.Marshal(c.json()) }

// convertedJSON is a record's conversion as JSON holds it.
type convertedJSON struct {
	ID string `json:"id"`
	conversionJSON
}

// MarshalJSON writes the record's ID and its conversion, in one object:
// {"id": "kr-2023-09", "from": ..., "to": ..., ...} with the keys of
// [Conversion.MarshalJSON] after "id".
func (c Converted) MarshalJSON() ([]byte, error) {
	return json.Marshal(convertedJSON{c.ID, c.Conversion.json()})
}

// MarshalJSON writes the rate with its day at the precision of its period:
//
//	{"date": "2023", "period": "year", "base": "USD", "quote": "KRW",
//	 "rate": "1305.6625", "source": "IMF"}
func (r Rate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Date   *string   `json:"date"`
		Period Precision `json:"period"`
		Base   string    `json:"base"`
		Quote  string    `json:"quote"`
		Rate   string    `json:"rate"`
		Source string    `json:"source"`
	}{dateAt(r.Day, r.Period), r.Period, r.Base.String(), r.Quote.String(), r.Rate.String(), r.Source})
}

// dateAt returns FormatDate(d, p), or nil for the zero time.
func dateAt(d time.Time, p Precision) *string {
	if d.IsZero() {
		return nil
	}
	s := FormatDate(d, p)
	return &s
}

// MarshalJSON writes the figure found and where, in bytes of the text:
//
//	{"figure": {"amount": {"value": "2300000000", "currency": "USD"}},
//	 "start": 27, "end": 39, "bracketed": false, "range": false}
func (f Found) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Figure    Figure `json:"figure"`
		Start     int    `json:"start"`
		End       int    `json:"end"`
		Bracketed bool   `json:"bracketed"`
		Range     bool   `json:"range"`
	}{f.Figure, f.Start, f.End, f.Bracketed, f.Range})
}

// MarshalJSON writes the part as a record's "parts" hold it ([Pledge.MarshalJSON]):
// {"amount": ..., "qualifier": ..., "categories": [...], "year": 2025, "note": "..."},
// empty fields left out.
func (pt Part) MarshalJSON() ([]byte, error) { return json.Marshal(partJSON(pt)) }

// MarshalJSON writes {"svg": "<svg ...>...</svg>"}: the chart's SVG. Its
// HTML form is the same picture as an image and is not written.
func (c Chart) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		SVG string `json:"svg"`
	}{c.svg})
}

// sumJSON is a sum of totals as JSON holds it: a figure and the records
// counted in it.
type sumJSON struct {
	Amount    Amount    `json:"amount"`
	Qualifier Qualifier `json:"qualifier,omitempty"`
	Records   int       `json:"records"`
}

// totalsJSON is totals as JSON holds them.
type totalsJSON struct {
	Query       Query           `json:"query"`
	Dimensions  []Dimension     `json:"dimensions"`
	Rows        []rowJSON       `json:"rows"`
	Sums        []sumJSON       `json:"sums"`
	Records     int             `json:"records"`
	Conversions []convertedJSON `json:"conversions"`
}

// MarshalJSON writes the totals as one object: the query
// ([Query.MarshalJSON]), the dimensions by name, the rows
// ([Row.MarshalJSON]) in the order of [Totals.Rows], the sums one per
// currency ([Totals.Figures], as [Figure.MarshalJSON] writes them, with
// the records counted in each, [Totals.RecordsIn]), the number of records
// ([Totals.Records], the sum of the sums' records) and the conversions by
// record ID ([Converted.MarshalJSON]):
//
//	{"query": {"stage": "pledged", "donors": [], "recipients": [], "categories": [],
//	           "from": null, "to": null, "group_by": ["donor", "category"],
//	           "depth": 0, "in": null, "rate_period": "day"},
//	 "dimensions": ["donor", "category"],
//	 "rows": [{"keys": {"donor": "South Korea", "category": "humanitarian"},
//	           "amount": {"value": "300000000", "currency": "USD"}, "records": 1},
//	          ...],
//	 "sums": [{"amount": {"value": "2450000000", "currency": "USD"}, "records": 2}],
//	 "records": 2,
//	 "conversions": []}
//
// Keys are an object, so "dimensions" gives their order. [Totals.UnmarshalJSON]
// reads the form back.
func (t Totals) MarshalJSON() ([]byte, error) {
	j := totalsJSON{
		Query: t.query, Dimensions: orEmpty(t.dims), Rows: make([]rowJSON, len(t.rows)),
		Sums: make([]sumJSON, len(t.sums)), Records: t.records, Conversions: make([]convertedJSON, len(t.conversions)),
	}
	for i, s := range t.sums {
		j.Sums[i] = sumJSON{s.Amount, s.Qualifier, t.RecordsIn(s.Amount.cur)}
	}
	for i, r := range t.rows {
		j.Rows[i] = rowJSON{rowKeys{t.dims, r.Keys}, r.Amount, r.Qualifier, r.Count}
	}
	for i, c := range t.conversions {
		j.Conversions[i] = convertedJSON{c.ID, c.Conversion.json()}
	}
	return json.Marshal(j)
}

// Equal reports whether t and o hold the same figures from the same
// query: the same rows, sums (amounts compared by value, as
// [Amount.Equal] does), record counts (in all and by currency) and
// conversions. The queries are
// compared as [Query.Equal] compares them but for their Rates, which JSON
// does not carry: totals read back from their JSON equal the totals
// written.
func (t Totals) Equal(o Totals) bool {
	return t.query.equalAsideRates(o.query) && slices.Equal(t.dims, o.dims) &&
		slices.EqualFunc(t.rows, o.rows, func(a, b Row) bool {
			return slices.Equal(a.Keys, b.Keys) && a.Amount.Equal(b.Amount) && a.Qualifier == b.Qualifier && a.Count == b.Count
		}) &&
		slices.EqualFunc(t.sums, o.sums, equalFigures) && t.records == o.records && slices.Equal(t.sumRecords, o.sumRecords) &&
		slices.EqualFunc(t.conversions, o.conversions, func(a, b Converted) bool {
			return a.ID == b.ID && equalConversions(a.Conversion, b.Conversion)
		})
}

func equalFigures(a, b Figure) bool { return a.Amount.Equal(b.Amount) && a.Qualifier == b.Qualifier }

func equalConversions(a, b Conversion) bool {
	return a.From.Equal(b.From) && a.To.Equal(b.To) && a.Rate.Equal(b.Rate) && a.RateDate.Equal(b.RateDate) &&
		a.RatePeriod == b.RatePeriod && a.Source == b.Source && a.Inverse == b.Inverse
}

// The shapes of totals' JSON.
var (
	sumShape  = object(map[string]*shape{"amount": amountShape, "qualifier": stringShape, "records": {kind: kindWhole}})
	keysShape = object(map[string]*shape{
		"donor": stringShape, "recipient": stringShape, "category": stringShape,
		"year": stringShape, "currency": stringShape, "stage": stringShape,
	})
	rowShape = object(map[string]*shape{
		"keys": keysShape, "amount": amountShape, "qualifier": stringShape, "records": {kind: kindWhole},
	})
	conversionShape = object(map[string]*shape{
		"id": stringShape, "from": amountShape, "to": amountShape, "rate": stringShape,
		"rate_date": stringShape, "rate_period": stringShape, "source": stringShape, "inverse": anyShape,
	})
	totalsShape = object(map[string]*shape{
		"query": anyShape, "dimensions": stringList, "rows": {kind: kindArray, elem: rowShape},
		"sums": {kind: kindArray, elem: sumShape}, "records": {kind: kindWhole},
		"conversions": {kind: kindArray, elem: conversionShape},
	})
)

// totalsWire is totals as JSON holds them, before they are read.
type totalsWire struct {
	Query      json.RawMessage `json:"query"`
	Dimensions []string        `json:"dimensions"`
	Rows       []struct {
		Keys      map[string]*string `json:"keys"`
		Amount    *amountWire        `json:"amount"`
		Qualifier *string            `json:"qualifier"`
		Records   int                `json:"records"`
	} `json:"rows"`
	Sums []struct {
		Amount    *amountWire `json:"amount"`
		Qualifier *string     `json:"qualifier"`
		Records   int         `json:"records"`
	} `json:"sums"`
	Records     int `json:"records"`
	Conversions []struct {
		ID         string          `json:"id"`
		From       *amountWire     `json:"from"`
		To         *amountWire     `json:"to"`
		Rate       string          `json:"rate"`
		RateDate   string          `json:"rate_date"`
		RatePeriod *string         `json:"rate_period"`
		Source     string          `json:"source"`
		Inverse    json.RawMessage `json:"inverse"`
	} `json:"conversions"`
}

// UnmarshalJSON reads totals as [Totals.MarshalJSON] writes them, so that
// a service can keep totals it computed (in a cache, a database column)
// and serve them again: the totals read back are [Totals.Equal] to those
// written, and print, chart and marshal the same. Their query has nil
// Rates.
//
// The input is untrusted and read strictly. Beyond the checks of
// [Query.UnmarshalJSON] (unknown, repeated or wrongly cased names, wrong
// types, bad text), the totals must hold together: "dimensions" are the
// query's group_by; each row has a key for each dimension and no other, a
// valid one for its dimension (a name [Book.Add] would accept, categories
// as [Category.Check] reads them, years 1 to 9999, currency codes, stage
// names), an amount that is not negative, in the query's currency when it
// converts, and no two rows share their keys and currency; the sums are
// the rows' totals per currency, digit for digit, each with its records,
// no fewer than any row of its currency counts and no more than they
// count together, and "records" is the sum of the sums' records; and
// conversions, one per
// record ID, are into the query's currency at a positive rate. A field
// left out, or null, is empty or zero. Rows and conversions are kept in
// the order [Totals.Rows] and [Totals.Conversions] give, whatever the
// order of the input. Errors match [ErrInvalid] or the sentinel of the
// value at fault ([ErrInvalidAmount], [ErrInvalidCurrency],
// [ErrInvalidCategory]) and name the field ("rows[3].keys.year"). JSON
// null leaves t unchanged; on error t is unchanged.
func (t *Totals) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	v, err := readTotals(data)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// readTotals reads and checks the JSON of totals.
func readTotals(data []byte) (Totals, error) {
	const what = "totals"
	fail := func(field string, err error) (Totals, error) { return Totals{}, decodeErr(what, field, err) }
	invalid := func(field, format string, args ...any) (Totals, error) {
		return fail(field, fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
	}
	if err := checkJSON(data, totalsShape); err != nil {
		return fail("", err)
	}
	if err := badText(data); err != nil {
		return fail("", err)
	}
	var j totalsWire
	if err := json.Unmarshal(data, &j); err != nil {
		return fail("", err)
	}
	var out Totals
	if len(j.Query) > 0 && string(j.Query) != "null" {
		q, err := readQuery(j.Query, "query")
		if err != nil {
			return fail("query", err)
		}
		out.query = q
	}
	for i, name := range j.Dimensions {
		d, err := ParseDimension(name)
		if err != nil {
			return fail(fmt.Sprintf("dimensions[%d]", i), err)
		}
		out.dims = append(out.dims, d)
	}
	if !slices.Equal(out.dims, out.query.GroupBy) {
		return invalid("dimensions", "%s are not the query's group_by, %s", dimensionList(out.dims), dimensionList(out.query.GroupBy))
	}
	if j.Records < 0 {
		return invalid("records", "%d is negative", j.Records)
	}
	out.records = j.Records

	readAmount := func(field string, w *amountWire) (Amount, error) {
		if w == nil {
			return Amount{}, ErrMissing
		}
		a, err := w.amount(nil)
		if err == nil && a.Sign() < 0 {
			err = &AmountError{Value: a.value.String(), Reason: "negative"}
		}
		return a, err
	}
	out.rows = make([]Row, 0, len(j.Rows))
	for i, jr := range j.Rows {
		at := fmt.Sprintf("rows[%d]", i)
		row := Row{Keys: make([]string, len(out.dims)), Count: jr.Records}
		for name := range jr.Keys {
			if d, _ := ParseDimension(name); !slices.Contains(out.dims, d) {
				return invalid(at+".keys."+name, "not a dimension of these totals")
			}
		}
		for k, d := range out.dims {
			v, ok := jr.Keys[d.String()]
			if !ok {
				return fail(at+".keys", fmt.Errorf("%w: no key for %s", ErrMissing, d))
			}
			if v != nil {
				if err := checkKey(d, *v); err != nil {
					return fail(at+".keys."+d.String(), err)
				}
				row.Keys[k] = *v
			}
		}
		var err error
		if row.Amount, err = readAmount("amount", jr.Amount); err != nil {
			return fail(at+".amount", err)
		}
		if out.query.In != currency.XXX && row.Amount.cur != out.query.In {
			return fail(at+".amount", &MismatchError{Amount{cur: out.query.In}, row.Amount})
		}
		if row.Qualifier, err = readQualifier(jr.Qualifier, "qualifier"); err != nil {
			return fail(at, err)
		}
		if row.Count < 0 {
			return invalid(at+".records", "%d is negative", row.Count)
		}
		out.rows = append(out.rows, row)
	}
	sortRows(out.rows, out.dims)
	for i := 1; i < len(out.rows); i++ {
		a, b := out.rows[i-1], out.rows[i]
		if slices.Equal(a.Keys, b.Keys) && a.Amount.cur == b.Amount.cur {
			return invalid("rows", "two rows for %s in %s", strings.Join(a.Keys, ", "), a.Amount.cur)
		}
	}

	want := sumByCurrency(out.rows)
	type sum struct {
		Figure
		records int
		at      string
	}
	var sums []sum
	for i, js := range j.Sums {
		at := fmt.Sprintf("sums[%d]", i)
		a, err := readAmount("amount", js.Amount)
		if err != nil {
			return fail(at+".amount", err)
		}
		q, err := readQualifier(js.Qualifier, "qualifier")
		if err != nil {
			return fail(at, err)
		}
		if js.Records < 0 {
			return invalid(at+".records", "%d is negative", js.Records)
		}
		sums = append(sums, sum{Figure{a, q}, js.Records, at})
	}
	slices.SortStableFunc(sums, func(a, b sum) int { return cmp.Compare(a.Amount.cur.String(), b.Amount.cur.String()) })
	for _, s := range sums {
		out.sums = append(out.sums, s.Figure)
		out.sumRecords = append(out.sumRecords, s.records)
	}
	if !slices.EqualFunc(want, out.sums, func(w, s Figure) bool { return w.Amount.Equal(s.Amount) }) {
		return invalid("sums", "%s are not the sums of the rows, %s", figureList(out.sums), figureList(want))
	}
	all := 0
	for _, s := range sums {
		// A record counts in one currency, once however many of its rows
		// it is in: at least the count of any row, at most their total.
		most, total := 0, 0
		for _, r := range out.rows {
			if r.Amount.cur == s.Amount.cur {
				most, total = max(most, r.Count), total+r.Count
			}
		}
		if s.records < most || s.records > total {
			return invalid(s.at+".records", "%d records in %s, but its rows count %d to %d", s.records, s.Amount.cur, most, total)
		}
		all += s.records
	}
	if all != out.records {
		return invalid("records", "%d is not the sum of the sums' records, %d", out.records, all)
	}

	seen := map[string]bool{}
	for i, jc := range j.Conversions {
		at := fmt.Sprintf("conversions[%d]", i)
		c, err := readConversion(jc.From, jc.To, jc.Rate, jc.RateDate, jc.RatePeriod, jc.Source, jc.Inverse, readAmount)
		if err != nil {
			return fail(at, err)
		}
		if jc.ID == "" {
			return fail(at+".id", fmt.Errorf("%w: id", ErrMissing))
		}
		if err := checkOneLine(jc.ID); err != nil {
			return fail(at+".id", err)
		}
		if seen[jc.ID] {
			return fail(at+".id", fmt.Errorf("%w: conversion of %s given twice", ErrDuplicate, problem.Quote(jc.ID)))
		}
		seen[jc.ID] = true
		if out.query.In == currency.XXX {
			return invalid(at, "a conversion, but the query converts nothing (its \"in\" is null)")
		}
		if c.To.cur != out.query.In {
			return fail(at+".to", &MismatchError{Amount{cur: out.query.In}, c.To})
		}
		out.conversions = append(out.conversions, Converted{ID: jc.ID, Conversion: c})
	}
	slices.SortFunc(out.conversions, func(a, b Converted) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// readConversion reads the fields of a conversion's JSON.
func readConversion(from, to *amountWire, rate, rateDate string, period *string, source string, inverse json.RawMessage,
	readAmount func(string, *amountWire) (Amount, error)) (Conversion, error) {
	var c Conversion
	var err error
	if c.From, err = readAmount("from", from); err != nil {
		return c, &fieldError{"from", err}
	}
	if c.To, err = readAmount("to", to); err != nil {
		return c, &fieldError{"to", err}
	}
	if c.Rate, err = parseDecimal(rate); err != nil {
		return c, &fieldError{"rate", err}
	}
	if c.Rate.Sign() <= 0 {
		return c, &fieldError{"rate", fmt.Errorf("%w: rate %s is not positive", ErrInvalid, c.Rate)}
	}
	if period != nil {
		if c.RatePeriod, err = ParsePrecision(*period); err != nil {
			return c, &fieldError{"rate_period", err}
		}
	}
	d, p, err := ParseDate(rateDate)
	if err != nil {
		return c, &fieldError{"rate_date", err}
	}
	if !d.IsZero() && p != c.RatePeriod {
		return c, &fieldError{"rate_date", fmt.Errorf("%w: %s is a date of %s precision, for a rate of the %s", ErrInvalid, problem.Quote(rateDate), p, c.RatePeriod)}
	}
	c.RateDate = d
	if err := checkSource(source); err != nil {
		return c, &fieldError{"source", err}
	}
	c.Source = source
	if len(inverse) > 0 && string(inverse) != "null" {
		if err := json.Unmarshal(inverse, &c.Inverse); err != nil {
			return c, &fieldError{"inverse", fmt.Errorf("%w: want true or false, found JSON %s", ErrInvalid, shortJSON(inverse))}
		}
	}
	return c, nil
}

// checkKey reports a key that is not a valid value of dimension d.
func checkKey(d Dimension, k string) error {
	switch d {
	case ByDonor, ByRecipient:
		if k == "" {
			return fmt.Errorf("%w: an empty name: write null for a name not given", ErrInvalid)
		}
		return checkOneLine(k)
	case ByCategory:
		for c := range strings.SplitSeq(k, "+") {
			if err := Category(c).Check(); err != nil {
				return err
			}
		}
	case ByYear:
		if y, err := strconv.Atoi(k); err != nil || y < 1 || y > 9999 || strconv.Itoa(y) != k {
			return fmt.Errorf("%w: year %s: want a year from 1 to 9999, as \"2023\"", ErrInvalid, problem.Quote(k))
		}
	case ByCurrency:
		if _, err := parseCurrency(k); err != nil {
			return err
		}
	case ByStage:
		if _, ok := stageOrder[k]; !ok {
			return fmt.Errorf("%w: stage %s: want pledged, committed, allocated or disbursed", ErrInvalid, problem.Quote(k))
		}
	}
	return nil
}

// dimensionList writes dimensions for a message: "[donor category]".
func dimensionList(ds []Dimension) string { return fmt.Sprint(ds) }

// figureList writes figures for a message: "[USD 300000000 KRW 1]".
func figureList(fs []Figure) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.Amount.String()
	}
	return "[" + strings.Join(s, ", ") + "]"
}
