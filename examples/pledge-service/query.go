package main

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// The parameters of a query in the URL. Filters go with both GET /totals
// and GET /pledges: stage, donor, recipient and category as pledge.Query
// reads them (names as people write them; donor, recipient and category
// repeat for several), from and to as a date, a month or a year (to=2024-06
// ends on 30 June). GET /totals adds group (a comma list of dimensions),
// depth, in (a currency; needs rates), rate_period and format (json or
// csv, over Accept); GET /pledges adds offset and limit.
var (
	filterParams = []string{"stage", "donor", "recipient", "category", "from", "to"}
	totalsParams = append(slices.Clone(filterParams), "group", "depth", "in", "rate_period", "format")
	listParams   = append(slices.Clone(filterParams), "offset", "limit")
)

// params reads the parameters of one request, naming the parameter of
// every problem.
type params struct{ vals url.Values }

// badParam is a 400 that names the parameter at fault.
func badParam(name, format string, args ...any) *httpError {
	return &httpError{Status: http.StatusBadRequest, Param: name,
		Message: fmt.Sprintf("pledge-service: parameter %s: %s", name, fmt.Sprintf(format, args...))}
}

// badValue is a 400 for a value a parser refused with err.
func badValue(name string, err error) *httpError {
	return badParam(name, "%s", strings.TrimPrefix(err.Error(), "pledge: "))
}

// check refuses a parameter that is not among allowed: a misspelt one
// would otherwise be ignored and answer something not asked for.
func (p params) check(allowed, other []string, otherPath string) *httpError {
	names := make([]string, 0, len(p.vals))
	for name := range p.vals {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch {
		case slices.Contains(allowed, name):
		case slices.Contains(other, name):
			return badParam(name, "not taken here; %s takes it", otherPath)
		default:
			return badParam(name, "unknown; want %s", strings.Join(allowed, ", "))
		}
	}
	return nil
}

// one returns the value of a parameter given at most once, and whether
// it is there; an empty value is a mistake, not "any".
func (p params) one(name string) (string, bool, *httpError) {
	vs, ok := p.vals[name]
	switch {
	case !ok:
		return "", false, nil
	case len(vs) > 1:
		return "", false, badParam(name, "given %d times; give it once", len(vs))
	case strings.TrimSpace(vs[0]) == "":
		return "", false, badParam(name, "empty")
	}
	return vs[0], true, nil
}

// all returns every value of a parameter that may repeat.
func (p params) all(name string) ([]string, *httpError) {
	vs := p.vals[name]
	for _, v := range vs {
		if strings.TrimSpace(v) == "" {
			return nil, badParam(name, "empty")
		}
	}
	return vs, nil
}

// filters reads the filters a total and a list share.
func (p params) filters() (pledge.Query, *httpError) {
	var q pledge.Query
	var herr *httpError
	if v, ok, herr := p.one("stage"); herr != nil {
		return q, herr
	} else if ok {
		st, err := pledge.ParseStage(v)
		if err != nil {
			return q, badValue("stage", err)
		}
		q.Stage = st
	}
	if q.Donors, herr = p.all("donor"); herr != nil {
		return q, herr
	}
	if q.Recipients, herr = p.all("recipient"); herr != nil {
		return q, herr
	}
	cats, herr := p.all("category")
	if herr != nil {
		return q, herr
	}
	for _, v := range cats {
		c, err := pledge.ParseCategory(v)
		if err != nil {
			return q, badValue("category", err)
		}
		q.Categories = append(q.Categories, c)
	}
	if q.From, herr = p.date("from", false); herr != nil {
		return q, herr
	}
	if q.To, herr = p.date("to", true); herr != nil {
		return q, herr
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, badParam("to", "%s is before from, %s", q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
	}
	return q, nil
}

// date reads a date, a month or a year: the first day of its period, or
// with end the last.
func (p params) date(name string, end bool) (time.Time, *httpError) {
	v, ok, herr := p.one(name)
	if !ok {
		return time.Time{}, herr
	}
	d, prec, err := pledge.ParseDate(v)
	if err != nil {
		return time.Time{}, badValue(name, err)
	}
	if end {
		switch prec {
		case pledge.Month:
			d = d.AddDate(0, 1, -1)
		case pledge.Year:
			d = d.AddDate(1, 0, -1)
		}
	}
	return d, nil
}

// number reads a whole number from 0 to most, def when not given.
func (p params) number(name string, def, most int) (int, *httpError) {
	v, ok, herr := p.one(name)
	if !ok {
		return def, herr
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > most {
		return 0, badParam(name, "%q: want a whole number from 0 to %d", v, most)
	}
	return n, nil
}

// totalsQuery reads the query of GET /totals, and the media type its
// format asks for ("" when it asks none).
func (s *server) totalsQuery(vals url.Values) (pledge.Query, string, *httpError) {
	p := params{vals}
	if herr := p.check(totalsParams, listParams, "GET /pledges"); herr != nil {
		return pledge.Query{}, "", herr
	}
	format, ok, herr := p.one("format")
	if herr != nil {
		return pledge.Query{}, "", herr
	}
	if ok {
		switch strings.ToLower(format) {
		case "json":
			format = jsonType
		case "csv":
			format = csvType
		default:
			return pledge.Query{}, "", badParam("format", "%q: want json or csv", format)
		}
	}
	q, herr := p.totals()
	if herr == nil && q.In != currency.XXX {
		if s.rates == nil {
			herr = badParam("in", "no exchange rates: the service converts nothing unless started with -rates FILE or -imf FILE")
		}
		q.Rates = s.rates
	}
	return q, format, herr
}

// totals reads the parameters of a total.
func (p params) totals() (pledge.Query, *httpError) {
	q, herr := p.filters()
	if herr != nil {
		return q, herr
	}
	groups, herr := p.all("group")
	if herr != nil {
		return q, herr
	}
	for _, g := range groups {
		for name := range strings.SplitSeq(g, ",") {
			d, err := pledge.ParseDimension(name)
			if err != nil {
				return q, badValue("group", err)
			}
			if slices.Contains(q.GroupBy, d) {
				return q, badParam("group", "%s given twice", d)
			}
			q.GroupBy = append(q.GroupBy, d)
		}
	}
	if q.Depth, herr = p.number("depth", 0, 1000); herr != nil {
		return q, herr
	}
	v, ok, herr := p.one("in")
	if herr != nil {
		return q, herr
	}
	if ok {
		cur, err := currency.ParseISO(v)
		if err != nil || cur == currency.XXX || cur == currency.XTS {
			return q, badParam("in", "%q: want the ISO 4217 code of a currency, such as USD, EUR or KRW", v)
		}
		q.In = cur
	}
	if v, ok, herr := p.one("rate_period"); herr != nil {
		return q, herr
	} else if ok {
		if q.In == currency.XXX {
			return q, badParam("rate_period", "applies to a conversion: give in too")
		}
		per, err := pledge.ParsePrecision(v)
		if err != nil {
			return q, badValue("rate_period", err)
		}
		q.RatePeriod = per
	}
	return q, nil
}

// listQuery reads the query of GET /pledges, and its page.
func (s *server) listQuery(vals url.Values) (q pledge.Query, offset, limit int, herr *httpError) {
	p := params{vals}
	if herr = p.check(listParams, totalsParams, "GET /totals"); herr != nil {
		return q, 0, 0, herr
	}
	if q, herr = p.filters(); herr != nil {
		return q, 0, 0, herr
	}
	if offset, herr = p.number("offset", 0, 1<<31-1); herr != nil {
		return q, 0, 0, herr
	}
	if limit, herr = p.number("limit", defaultLimit, maxLimit); herr != nil {
		return q, 0, 0, herr
	}
	return q, offset, limit, nil
}
