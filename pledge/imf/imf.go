package imf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/csvrow"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
	"github.com/summitry/summitry/pledge"
)

// Source is the source of every rate read, in the words the IMF's terms
// of use ask of anyone who shows or passes on its data.
const Source = "Source: International Monetary Fund."

// Options says what a file holds when the file itself does not say, and
// which of its rows to read. The zero Options reads every row of a file
// of average rates per US dollar, such as imf_exchangerates_A_ENDA_USD.csv.
type Options struct {
	// Base is the currency the rates are per: the zero value is the US
	// dollar (the IMF's ENDA and ENDE series, national currency per US
	// dollar); currency.MustParseISO("XDR") for its ENSA and ENSE series,
	// per special drawing right.
	Base currency.Unit
	// EndOfPeriod says the rates are the rates at the end of each period
	// (the ENDE and ENSE series; imf_exchangerates.csv), not averages
	// over it. Each is then recorded as the rate of the period's last
	// day, a daily rate. By default the rates are averages (ENDA, ENSA),
	// recorded over their month or year.
	EndOfPeriod bool
	// Countries keeps the rows of these IMF country codes only ("KR",
	// "JP", "U2" for the euro area), skipping the others unread but for
	// their text. Empty keeps every row. Rows of several countries that
	// share a currency (the euro area and Montenegro, the members of the
	// CFA franc zones) give that currency rates that differ in their last
	// digits, and some rows name a currency that is not the country's
	// (Haiti's as USD): naming the countries whose rates to keep is how a
	// whole IMF file is read.
	Countries []string
}

// ReadRates reads an IMF exchange-rate CSV of average rates per US dollar
// (as the zero [Options]) into new Rates; see [Read].
func ReadRates(r io.Reader) (*pledge.Rates, error) {
	rates := new(pledge.Rates)
	if err := Read(r, rates, Options{}); err != nil {
		return nil, err
	}
	return rates, nil
}

// The columns of the IMF's exchange-rate CSV.
const (
	cDate = iota
	cRate
	cCurrency
	cFrequency
	cSource
	cCountryCode
	cCountry
	numColumns
)

var columns = [numColumns]string{"Date", "Rate", "Currency", "Frequency", "Source", "Country code", "Country"}

// Read reads the IMF's exchange rates from CSV as codeforIATI's
// imf-exchangerates publishes them from the IMF's International
// Financial Statistics (the layout of imf_exchangerates_A_ENDA_USD.csv),
// and records them in into, all or nothing:
//
//	Date,Rate,Currency,Frequency,Source,Country code,Country
//	2023-12-31,1305.6625,KRW,A,IMF,KR,"Korea, Republic of"
//
// Each row is the rate of a country's currency per US dollar (Options.Base)
// over a period that ends on Date: a year for Frequency A, a month for M.
// It is recorded as 1 Base = Rate Currency, exactly as written (up to 16
// significant digits: 1305.6625, 0.8932762570674088, 0.00000002877436; an
// exponent, as a spreadsheet may write it, is read too: 2.877436E-08), as
// an average over the year or month
// ([pledge.Rates.SetAverageFrom]), so that a conversion can use it for a
// record of that year or month, and for any day of it when the query asks
// for averages (pledge.Query.RatePeriod). With Options.EndOfPeriod it is
// the rate of the period's last day instead. Every rate's source is
// [Source].
//
// The header names the columns, in any order; Date, Rate, Currency,
// Frequency and Country code must be there. Source, when there, must say
// IMF. A row in the base currency itself (the United States, and countries
// that use the dollar) must have the rate 1, and is not recorded. Two
// rows for one currency and period must agree; when they do not (two
// countries that share a currency, or a row given twice), the rows
// conflict ([ErrConflict]) and Options.Countries must choose. A date that
// is not the last day of its period, a quarterly rate (Frequency Q,
// which pledge.Rates cannot hold as an average), a rate that is not a
// positive number, a currency golang.org/x/text does not know (it lacks
// some recent ones, such as MRU and VED) are problems too.
//
// On any problem nothing is recorded, and the error is a
// *[ValidationError] naming the row, the country and the column of the
// first 100 problems, and counting the rest. The file is read as a
// stream: memory holds one row (at most 1 MiB) and the rates read; a
// leading byte-order mark is skipped, and text that is not UTF-8 is
// refused wherever it is.
func Read(r io.Reader, into *pledge.Rates, o Options) error {
	if into == nil {
		return errors.New("imf: Read into nil *pledge.Rates: pass new(pledge.Rates), or use ReadRates")
	}
	base := o.Base
	if base == currency.XXX {
		base = currency.USD
	}
	rd := &reader{rows: csvrow.New(r), o: o, base: base, seen: map[key]first{}}
	if len(o.Countries) > 0 {
		rd.countries = map[string]bool{} // whether a row of the country was read
		for _, c := range o.Countries {
			rd.countries[c] = false
		}
	}
	rd.read()
	if len(rd.bad) == 0 {
		for _, c := range o.Countries {
			if !rd.countries[c] {
				rd.bad = problem.Keep(rd.bad, &rd.omitted, Problem{Country: c,
					Err: fmt.Errorf("%w: Options.Countries names %s, which has no row in the file (codes are the IMF's: KR, JP, U2 for the euro area)", ErrInvalid, problem.Quote(c))})
				rd.countries[c] = true // named once
			}
		}
	}
	if len(rd.bad) > 0 {
		return &ValidationError{Problems: rd.bad, Omitted: rd.omitted}
	}
	return into.Add(rd.rates...)
}

// key is what one rate is for: a currency over a period.
type key struct {
	cur    currency.Unit
	day    time.Time
	period pledge.Precision
}

// first is the row that gave a rate first.
type first struct {
	row     int
	rate    decimal.Decimal
	country string
}

type reader struct {
	rows      *csvrow.Reader
	o         Options
	base      currency.Unit
	countries map[string]bool
	cols      [numColumns]int
	names     []string
	seen      map[key]first
	rates     []pledge.Rate
	bad       []Problem
	omitted   int
	country   string // of the row read last
}

func (rd *reader) problem(col int, err error) {
	p := Problem{Row: rd.rows.Row(), Line: rd.rows.Line(), Country: rd.country, Err: err}
	if col >= 0 {
		p.Column = columns[col]
		if i := rd.cols[col]; i >= 0 && i < rd.rows.Cells() {
			p.Line = rd.rows.CellLine(i)
		}
	}
	rd.bad = problem.Keep(rd.bad, &rd.omitted, p)
}

func (rd *reader) invalid(col int, format string, args ...any) {
	rd.problem(col, fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
}

// next reads the next row that is not empty.
func (rd *reader) next() bool {
	for {
		err := rd.rows.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			var se *csvrow.SyntaxError
			p := Problem{Row: rd.rows.Row() + 1, Err: fmt.Errorf("imf: reading: %w", err)}
			if errors.As(err, &se) {
				p.Row, p.Line, p.Err = se.Row, se.Line, fmt.Errorf("%w: %v", ErrSyntax, se)
			}
			rd.bad = problem.Keep(rd.bad, &rd.omitted, p)
			return false
		}
		if !rd.rows.Empty() {
			return true
		}
	}
}

func (rd *reader) read() {
	if !rd.next() {
		if len(rd.bad) == 0 {
			rd.bad = append(rd.bad, Problem{Err: fmt.Errorf("%w: no header row: is this the IMF's exchange-rate CSV?", ErrSyntax)})
		}
		return
	}
	rd.header()
	if len(rd.bad) > 0 {
		return
	}
	for rd.next() {
		rd.row()
	}
}

// header reads the names of the columns.
func (rd *reader) header() {
	for k := range rd.cols {
		rd.cols[k] = -1
	}
	rd.names = make([]string, rd.rows.Cells())
	for i := range rd.names {
		name := rd.rows.Text(i)
		rd.names[i] = name
		syntax := func(format string, args ...any) {
			rd.bad = problem.Keep(rd.bad, &rd.omitted, Problem{Row: 1, Line: rd.rows.CellLine(i), Column: fmt.Sprintf("column %d", i+1),
				Err: fmt.Errorf("%w: %s", ErrSyntax, fmt.Sprintf(format, args...))})
		}
		if at, why := input.BadChar(name, true); at >= 0 {
			syntax("column name %s %s at byte %d", problem.Quote(name), why, at)
			continue
		}
		k := -1
		for j, c := range columns {
			switch {
			case c == name:
				k = j
			case k < 0 && strings.EqualFold(c, strings.TrimSpace(name)):
				k = -2 - j
			}
		}
		switch {
		case k <= -2:
			syntax("column names are exact: want %q, not %s", columns[-2-k], problem.Quote(name))
		case k < 0:
			syntax("unknown column %s: the IMF's exchange-rate CSV has the columns %s", problem.Quote(name), strings.Join(columns[:], ", "))
		case rd.cols[k] >= 0:
			syntax("column %q is given twice, first as column %d", name, rd.cols[k]+1)
		default:
			rd.cols[k] = i
		}
	}
	for _, k := range []int{cDate, cRate, cCurrency, cFrequency, cCountryCode} {
		if rd.cols[k] < 0 && len(rd.bad) < problem.Max {
			rd.bad = append(rd.bad, Problem{Row: 1, Line: rd.rows.Line(), Column: columns[k],
				Err: fmt.Errorf("%w: no column %q: is this the IMF's exchange-rate CSV?", ErrSyntax, columns[k])})
		}
	}
}

// cell returns the cell of column k of the row read last, trimmed; empty
// when the file has no such column.
func (rd *reader) cell(k int) string {
	if rd.cols[k] < 0 {
		return ""
	}
	return strings.TrimSpace(string(rd.rows.Cell(rd.cols[k])))
}

// row reads one row.
func (rd *reader) row() {
	rd.country = ""
	if rd.rows.Cells() != len(rd.names) {
		rd.problem(-1, fmt.Errorf("%w: %d cells, where the header has %d", ErrInvalid, rd.rows.Cells(), len(rd.names)))
		return
	}
	good := true
	for i := range rd.rows.Cells() {
		cell := rd.rows.Cell(i)
		if utf8.Valid(cell) {
			if at, why := input.BadChar(string(cell), true); at >= 0 {
				rd.bad = problem.Keep(rd.bad, &rd.omitted, Problem{Row: rd.rows.Row(), Line: rd.rows.CellLine(i), Column: rd.names[i],
					Err: fmt.Errorf("%w: %s %s at byte %d", ErrInvalid, problem.Quote(string(cell)), why, at)})
				good = false
			}
			continue
		}
		off := input.BadUTF8(cell)
		rd.bad = problem.Keep(rd.bad, &rd.omitted, Problem{Row: rd.rows.Row(), Line: rd.rows.CellLine(i), Column: rd.names[i],
			Err: fmt.Errorf("%w: %s is not valid UTF-8 at byte %d", ErrInvalid, problem.Quote(string(cell)), off)})
		good = false
	}
	if !good {
		return
	}
	rd.country = rd.cell(cCountryCode)
	if rd.countries != nil {
		if _, keep := rd.countries[rd.country]; !keep {
			return
		}
		rd.countries[rd.country] = true
	}
	if s := rd.cell(cSource); rd.cols[cSource] >= 0 && s != "IMF" {
		rd.invalid(cSource, "source %s: want IMF", problem.Quote(s))
		good = false
	}
	rate, err := parseRate(rd.cell(cRate))
	if err != nil {
		rd.invalid(cRate, "%v", err)
		good = false
	}
	code := rd.cell(cCurrency)
	cur, err := currency.ParseISO(code)
	if err != nil || cur == currency.XXX || cur == currency.XTS {
		rd.invalid(cCurrency, "currency %s is not an ISO 4217 code that golang.org/x/text knows", problem.Quote(code))
		good = false
	}
	period, day, ok := rd.period()
	if !ok || !good {
		return
	}
	if cur == rd.base {
		if !rate.Equal(decimal.NewFromInt(1)) {
			rd.invalid(cRate, "one %s per %s is 1, not %s: the Currency column does not name this country's own currency; leave the row out with Options.Countries", cur, cur, rate)
		}
		return
	}
	k := key{cur, day, period}
	if f, dup := rd.seen[k]; dup {
		if !f.rate.Equal(rate) {
			rd.problem(cRate, fmt.Errorf("%w: %s %s is %s here and %s in row %d%s: keep the rows of one country with Options.Countries",
				ErrConflict, cur, rd.what(day, period), rate, f.rate, f.row, countryOf(f.country)))
		}
		return
	}
	rd.seen[k] = first{rd.rows.Row(), rate, rd.country}
	rd.rates = append(rd.rates, pledge.Rate{Day: day, Period: period, Base: rd.base, Quote: cur, Rate: rate, Source: Source})
}

func countryOf(c string) string {
	if c == "" {
		return ""
	}
	return " (" + c + ")"
}

// what names the period of a rate for an error.
func (rd *reader) what(day time.Time, period pledge.Precision) string {
	switch period {
	case pledge.Year:
		return fmt.Sprintf("average for %d", day.Year())
	case pledge.Month:
		return "average for " + day.Format("2006-01")
	}
	return "on " + day.Format(time.DateOnly)
}

// period reads the row's date and frequency: the period of an average and
// its first day, or the day of an end-of-period rate.
func (rd *reader) period() (pledge.Precision, time.Time, bool) {
	s := rd.cell(cDate)
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Year() < 1 {
		rd.invalid(cDate, "date %s is not YYYY-MM-DD", problem.Quote(s))
		return 0, time.Time{}, false
	}
	var period pledge.Precision
	var start time.Time
	switch f := rd.cell(cFrequency); strings.ToUpper(f) {
	case "A":
		period, start = pledge.Year, time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case "M":
		period, start = pledge.Month, time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "Q":
		if !rd.o.EndOfPeriod {
			rd.invalid(cFrequency, "a quarterly average: Rates hold averages over a month or a year only")
			return 0, time.Time{}, false
		}
		start = time.Date(d.Year(), (d.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
		end := start.AddDate(0, 3, -1)
		if !d.Equal(end) {
			rd.invalid(cDate, "date %s of a quarterly rate: want the quarter's last day, %s", s, end.Format(time.DateOnly))
			return 0, time.Time{}, false
		}
		return pledge.Day, d, true
	default:
		rd.invalid(cFrequency, "frequency %s: want A (annual) or M (monthly)", problem.Quote(f))
		return 0, time.Time{}, false
	}
	end := start.AddDate(0, 1, -1)
	if period == pledge.Year {
		end = start.AddDate(1, 0, -1)
	}
	if !d.Equal(end) {
		rd.invalid(cDate, "date %s of a %s rate: want the period's last day, %s", s, map[pledge.Precision]string{pledge.Year: "yearly", pledge.Month: "monthly"}[period], end.Format(time.DateOnly))
		return 0, time.Time{}, false
	}
	if rd.o.EndOfPeriod {
		return pledge.Day, d, true
	}
	return period, start, true
}

// maxDigits bounds a rate's digits and exponent, as a pledge amount's are
// bounded: far beyond any rate, small enough that no rate makes
// arithmetic slow.
const maxDigits = 60

// parseRate reads a positive decimal, with an exponent or without,
// exactly.
func parseRate(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, errors.New("no rate")
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mant, ".")
	digits := 0
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return decimal.Decimal{}, fmt.Errorf("rate %s is not a positive number such as 1305.6625 or 2.877436E-08", problem.Quote(s))
			}
		}
		digits += len(part)
	}
	if whole == "" && frac == "" || strings.HasSuffix(mant, ".") || strings.HasPrefix(mant, ".") {
		return decimal.Decimal{}, fmt.Errorf("rate %s is not a positive number such as 1305.6625 or 2.877436E-08", problem.Quote(s))
	}
	if digits > maxDigits {
		return decimal.Decimal{}, fmt.Errorf("rate %s has more than %d digits", problem.Quote(s), maxDigits)
	}
	if hasExp {
		e := strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if e == "" || len(e) > 3 || strings.Trim(e, "0123456789") != "" {
			return decimal.Decimal{}, fmt.Errorf("rate %s has a malformed exponent", problem.Quote(s))
		}
		var n int
		fmt.Sscan(e, &n)
		if n > maxDigits {
			return decimal.Decimal{}, fmt.Errorf("rate %s has an exponent beyond ±%d", problem.Quote(s), maxDigits)
		}
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("rate %s: %v", problem.Quote(s), err)
	}
	if v.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("rate %s is not positive", problem.Quote(s))
	}
	return v, nil
}
