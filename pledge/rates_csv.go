package pledge

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// rateColumns are the columns of a rates CSV file, in order.
var rateColumns = []string{"date", "base", "quote", "rate", "source"}

// ReadRates reads exchange rates from CSV into new Rates; see
// [Rates.ReadCSV] for the format.
func ReadRates(r io.Reader) (*Rates, error) {
	rates := new(Rates)
	if err := rates.ReadCSV(r); err != nil {
		return nil, err
	}
	return rates, nil
}

// ReadCSV reads exchange rates from CSV and records them, all or nothing.
// Each record is date,base,quote,rate[,source]: "2023-09-01,USD,KRW,1322.5,Bank
// of Korea" means that on 1 September 2023, 1 USD = 1322.5 KRW. Dates are
// YYYY-MM-DD, currencies ISO 4217 codes, rates positive plain decimals
// (exact: no exponent, no grouping), and a source is text as a pledge's
// text is (valid UTF-8, no control character but tab, line feed and
// carriage return, no Unicode noncharacter). A date of only a year or a
// month, "2023,USD,KRW,1305.6625,IMF" or "2023-09,...", is an average over
// that period, as [Rates.SetAverage] records it. A first line
// "date,base,quote,rate[,source]" is a header; lines starting with # are
// comments.
//
// A UTF-8 byte order mark at the start, as spreadsheets write, is skipped.
//
// On bad input nothing is recorded and the error lists the bad records
// with their line and field: "pledge: rates line 3 date: invalid value: date
// "2023-09-31" is not YYYY-MM-DD, or YYYY-MM or YYYY for an average". It
// wraps a *ValidationError (use errors.As) whose Problems give each line
// and field; a rate given twice for the same pair and day is an error
// matching [ErrDuplicate]. Rates in the file replace recorded rates for
// the same pair and day, as [Rates.Set] does.
//
// Bounds: ReadCSV reads at most 1 GiB and refuses more. It reads a line at
// a time and holds the rates read until it records them, a few hundred
// bytes each; a bad line is not kept. The error keeps the first 100
// problems and counts the rest (ValidationError.Omitted), and quotes at
// most 64 bytes of any value.
func (r *Rates) ReadCSV(rd io.Reader) error {
	limited := &limitReader{r: input.Checked(rd), left: maxRatesBytes}
	br := bufio.NewReader(limited)
	input.SkipBOM(br)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true

	var (
		rates    []Rate
		problems []Problem
		omitted  int
		seen     = map[string]int{} // "day base quote" → line
	)
	for index := 0; ; index++ {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, errTooLarge) {
			return fmt.Errorf("pledge: reading rates: larger than %d bytes", maxRatesBytes)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problems = problem.Keep(problems, &omitted, Problem{Index: index, Line: pe.Line, Err: fmt.Errorf("%w: %v", ErrInvalid, pe.Err)})
			break // the reader cannot go on reliably
		}
		if err != nil {
			return fmt.Errorf("pledge: reading rates: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if index == 0 && isRateHeader(record) {
			index--
			continue
		}
		rt, field, err := parseRateRecord(record)
		if err == nil {
			when := FormatDate(rt.Day, rt.Period)
			key := when + " " + rt.Base.String() + " " + rt.Quote.String()
			if first, dup := seen[key]; dup {
				field, err = "", fmt.Errorf("%w: rate %s→%s on %s, first given on line %d", ErrDuplicate, rt.Base, rt.Quote, when, first)
			} else {
				seen[key] = line
			}
		}
		if err != nil {
			problems = problem.Keep(problems, &omitted, Problem{Index: index, Line: line, Field: field, Err: err})
			continue
		}
		rates = append(rates, rt)
	}
	if len(problems) > 0 {
		return &ratesFileError{&ValidationError{Problems: problems, Omitted: omitted}}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rt := range rates {
		r.insert(rt)
	}
	return nil
}

// maxRatesBytes bounds what ReadCSV reads: 1 GiB, as for a book.
const maxRatesBytes = 1 << 30

var errTooLarge = errors.New("pledge: input too large")

// limitReader reads from r until more than left bytes have come, then
// fails with errTooLarge.
type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

// ratesFileError is the error of a bad rates file: a *ValidationError whose
// message speaks of rates lines rather than pledge records.
type ratesFileError struct {
	v *ValidationError
}

// Error names each bad line: "pledge: rates line 3 date: invalid value:
// ...", one per line after the first when there are several, and how many
// more there are beyond those kept.
func (e *ratesFileError) Error() string {
	if len(e.v.Problems) == 1 && e.v.Omitted == 0 {
		return "pledge: " + rateProblem(e.v.Problems[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pledge: %d problems in rates:", len(e.v.Problems)+e.v.Omitted)
	for _, p := range e.v.Problems {
		b.WriteString("\n\t")
		b.WriteString(rateProblem(p))
	}
	if e.v.Omitted > 0 {
		fmt.Fprintf(&b, "\n\t... and %d more", e.v.Omitted)
	}
	return b.String()
}

// Unwrap returns the *ValidationError, so that errors.As finds it and
// errors.Is sees each problem's sentinel.
func (e *ratesFileError) Unwrap() error { return e.v }

// rateProblem writes one problem of a rates file: "rates line 3 date:
// invalid value: ...".
func rateProblem(p Problem) string {
	var b strings.Builder
	b.WriteString("rates")
	if p.Line > 0 {
		fmt.Fprintf(&b, " line %d", p.Line)
	} else {
		fmt.Fprintf(&b, " record %d", p.Index+1)
	}
	if p.Field != "" {
		b.WriteString(" " + p.Field)
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(p.Err.Error(), "pledge: "))
	return b.String()
}

// isRateHeader reports whether record is the header line.
func isRateHeader(record []string) bool {
	if len(record) < 4 || len(record) > len(rateColumns) {
		return false
	}
	for i, f := range record {
		if !strings.EqualFold(strings.TrimSpace(f), rateColumns[i]) {
			return false
		}
	}
	return true
}

// parseRateRecord reads one record, naming the field of the first problem.
func parseRateRecord(record []string) (Rate, string, error) {
	if len(record) < 4 || len(record) > 5 {
		return Rate{}, "", fmt.Errorf("%w: %d fields, want date,base,quote,rate[,source]", ErrInvalid, len(record))
	}
	field := func(i int) string { return strings.TrimSpace(record[i]) }
	day, period, err := ParseDate(field(0))
	if err != nil || day.IsZero() {
		return Rate{}, "date", fmt.Errorf("%w: date %s is not YYYY-MM-DD, or YYYY-MM or YYYY for an average", ErrInvalid, problem.Quote(field(0)))
	}
	base, err := parseCurrency(field(1))
	if err != nil {
		return Rate{}, "base", err
	}
	quote, err := parseCurrency(field(2))
	if err != nil {
		return Rate{}, "quote", err
	}
	value, err := parseDecimal(field(3))
	if err != nil {
		return Rate{}, "rate", err
	}
	rt := Rate{Day: day, Period: period, Base: base, Quote: quote, Rate: value}
	if len(record) == 5 {
		rt.Source = field(4)
		if err := checkSource(rt.Source); err != nil {
			return Rate{}, "source", err
		}
	}
	if err := rt.check(); err != nil {
		if rt.Base == rt.Quote {
			return Rate{}, "quote", err
		}
		return Rate{}, "rate", err
	}
	return rt, "", nil
}

// WriteCSV writes every rate as CSV with a header line, in the form
// [Rates.ReadCSV] reads, by base, quote and day.
func (r *Rates) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(rateColumns); err != nil {
		return err
	}
	for _, rt := range r.All() {
		if err := cw.Write([]string{FormatDate(rt.Day, rt.Period), rt.Base.String(), rt.Quote.String(), rt.Rate.String(), rt.Source}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
