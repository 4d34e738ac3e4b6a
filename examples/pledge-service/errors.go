package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/summitry/summitry/pledge"
)

// httpError is an answer other than a success. Its JSON always has
// "error", a sentence, and what else helps a client put it right:
//
//	{"error": "...", "param": "donor", "nearest": ["South Korea"]}
//	{"error": "...", "problems": [{"index": 1, "id": "jp-ua", "line": 1,
//	  "field": "amount", "code": "invalid_amount", "error": "..."}], "omitted": 0}
//	{"error": "...", "param": "in", "missing_rates": [{"from": "KRW", "to": "USD", ...}]}
type httpError struct {
	Status       int               `json:"-"`
	Message      string            `json:"error"`
	Param        string            `json:"param,omitempty"`
	Nearest      []string          `json:"nearest,omitempty"`
	Problems     []problemJSON     `json:"problems,omitempty"`
	Omitted      *int              `json:"omitted,omitempty"`
	MissingRates []missingRateJSON `json:"missing_rates,omitempty"`
}

// problemJSON is one problem of one record: its position in the body
// (from 0), its ID, the line of the body it starts on, the field's path,
// a code to branch on, and the problem in words.
type problemJSON struct {
	Index int    `json:"index"`
	ID    string `json:"id,omitempty"`
	Line  int    `json:"line,omitempty"`
	Field string `json:"field,omitempty"`
	Code  string `json:"code"`
	Error string `json:"error"`
}

// codes name the package's sentinel errors, most particular first.
var codes = []struct {
	err  error
	code string
}{
	{pledge.ErrDuplicate, "duplicate"},
	{pledge.ErrUnknownPledge, "unknown_pledge"},
	{pledge.ErrCycle, "cycle"},
	{pledge.ErrConflict, "conflict"},
	{pledge.ErrPartsExceed, "parts_exceed"},
	{pledge.ErrCurrencyMismatch, "currency_mismatch"},
	{pledge.ErrInvalidCurrency, "invalid_currency"},
	{pledge.ErrInvalidAmount, "invalid_amount"},
	{pledge.ErrInvalidCategory, "invalid_category"},
	{pledge.ErrApproximate, "approximate"},
	{pledge.ErrMissing, "missing"},
	{pledge.ErrInvalid, "invalid"},
}

func codeOf(err error) string {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return "invalid"
}

// invalid is the 400 of records that cannot be added: every problem,
// when err lists them, else err's sentence (JSON that is not
// well-formed, naming its line).
func invalid(err error) *httpError {
	e := &httpError{Status: http.StatusBadRequest, Message: err.Error()}
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		return e
	}
	n := len(ve.Problems) + ve.Omitted
	e.Message = fmt.Sprintf("pledge-service: no record was added: %d problem%s", n, plural(n))
	e.Problems = make([]problemJSON, len(ve.Problems))
	for i, p := range ve.Problems {
		e.Problems[i] = problemJSON{Index: p.Index, ID: p.ID, Line: p.Line, Field: p.Field, Code: codeOf(p.Err),
			Error: strings.TrimPrefix(p.Err.Error(), "pledge: ")}
	}
	e.Omitted = &ve.Omitted
	return e
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// missingRateJSON is a rate a conversion needed and did not find, and
// what would have made it: a rate quoted the other way ("inverse", which
// -inverse would use), a rate too old ("stale", its day), or an average
// of the month or year ("average"), which rate_period would use.
type missingRateJSON struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Day     *string  `json:"day"`    // null: the records have no date
	Period  string   `json:"period"` // day, month or year
	Records []string `json:"records"`
	More    int      `json:"more"`
	Inverse bool     `json:"inverse"`
	Stale   *string  `json:"stale"`
	Average *string  `json:"average"` // month or year; null: none
}

func dateOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// queryError answers an error of Book.Total or Book.List: a name the book
// does not hold, rates that are missing, or a query that cannot be, all
// the client's to put right (400).
func queryError(err error) *httpError {
	e := &httpError{Status: http.StatusBadRequest, Message: err.Error()}
	var ne *pledge.NameError
	var re *pledge.RateError
	switch {
	case errors.As(err, &ne):
		e.Param, e.Nearest = ne.Role, ne.Nearest
	case errors.As(err, &re):
		e.Param = "in"
		inverse, average := false, false
		for _, m := range re.Missing {
			j := missingRateJSON{From: m.From.String(), To: m.To.String(), Day: dateOrNull(pledge.FormatDate(m.Day, pledge.Day)),
				Period: m.Period.String(), Records: m.Records, More: m.More, Inverse: m.Inverse,
				Stale: dateOrNull(pledge.FormatDate(m.Stale, pledge.Day))}
			if m.Average != pledge.Day {
				j.Average = dateOrNull(m.Average.String())
			}
			if j.Records == nil {
				j.Records = []string{}
			}
			e.MissingRates = append(e.MissingRates, j)
			inverse = inverse || m.Inverse
			average = average || m.Average != pledge.Day
		}
		if inverse {
			e.Message += "; the service derives a rate quoted the other way when started with -inverse N (decimal places)"
		}
		if average {
			e.Message += "; rate_period=month or rate_period=year lets a total use averages (Query.RatePeriod)"
		}
	case errors.Is(err, pledge.ErrInvalid):
	default:
		e.Status = http.StatusInternalServerError
		e.Message = "pledge-service: " + err.Error()
	}
	return e
}
