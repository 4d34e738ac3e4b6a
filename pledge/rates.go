package pledge

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// Rates holds dated exchange rates: on a day, 1 base = rate quote, an exact
// decimal with the source it came from. The zero value is ready to use and
// safe for concurrent use; set MaxAge and Inverse before sharing it.
//
// A conversion on a day uses the rate of that day or, failing that, the
// latest rate before it, no older than MaxAge. Rates are directional: a
// USD→KRW rate converts dollars into won, and converts won into dollars
// only when Inverse asks for it.
//
// Rates also hold averages over a month or a year ([Rates.SetAverage]),
// such as the IMF's annual averages. A record dated only by month or year
// is converted at the average of its period ([Rates.ConvertPeriod]), never
// at the rate of a day picked for it.
type Rates struct {
	// MaxAge is how much older than the day of a conversion its rate may
	// be. Days are civil dates, so 4*24*time.Hour allows a rate from up to
	// four days before (a weekend and a holiday); a positive MaxAge under a
	// day allows only the same day. Zero allows a rate of any age. A
	// negative MaxAge is a mistake, not "any age": Convert refuses it with
	// an error matching [ErrInvalid].
	MaxAge time.Duration
	// Inverse, when positive, lets Convert use a rate quoted the other way:
	// with only USD→KRW rates, converting won into dollars uses 1/rate,
	// rounded half away from zero to Inverse decimal places, and marks the
	// Conversion as Inverse. Decimal places are digits after the point, not
	// significant digits: 1/1335.3 is 0.0007 at 4 places (6.5% off) and
	// 0.00074890 at 8, so choose enough places for the smaller currency.
	// The latest usable rate wins, direct or inverse; a direct rate wins on
	// the same day. An inverse that rounds to zero is not used. Zero (the
	// default) never inverts. At most 64 places; more, or a
	// negative value, makes Convert return an error matching [ErrInvalid].
	Inverse int32

	mu       sync.RWMutex
	pairs    map[ratePair][]rateEntry // sorted by day
	averages map[averageKey]rateEntry
}

// averageKey names an average rate: the pair and the period, by its
// precision and first day.
type averageKey struct {
	pair   ratePair
	period Precision
	start  time.Time
}

// maxInverse is the most decimal places Rates.Inverse may ask for: far
// more than any currency needs, and it keeps a conversion from computing
// millions of digits.
const maxInverse = 64

type ratePair struct{ base, quote currency.Unit }

type rateEntry struct {
	day    time.Time
	rate   decimal.Decimal
	source string
}

// Rate is one exchange rate: on Day, 1 Base = Rate Quote, from Source. An
// average rate has Period Month or Year and holds over the month or year
// that starts on Day.
type Rate struct {
	Day         time.Time // civil date; the first day of the period of an average
	Period      Precision // Day (the zero value): the rate of the day; Month, Year: an average over the period
	Base, Quote currency.Unit
	Rate        decimal.Decimal
	Source      string
}

// Equal reports whether r and o are the same rate from the same source;
// go-cmp uses it.
func (r Rate) Equal(o Rate) bool {
	return r.Day.Equal(o.Day) && r.Period == o.Period && r.Base == o.Base && r.Quote == o.Quote && r.Rate.Equal(o.Rate) && r.Source == o.Source
}

// String writes "2023-09-01 1 USD = 1322.5 KRW (source)", or for an
// average "2023 average 1 USD = 1305.6625 KRW (IMF)".
func (r Rate) String() string {
	when := civil.Format(r.Day)
	if r.Period != Day {
		when = FormatDate(r.Day, r.Period) + " average"
	}
	s := fmt.Sprintf("%s 1 %s = %s %s", when, r.Base, r.Rate, r.Quote)
	if r.Source != "" {
		s += " (" + r.Source + ")"
	}
	return s
}

// Conversion records one conversion: both amounts, the rate used and the
// day it was quoted for, and where the rate came from. To is the exact
// product From × Rate, not rounded (call [Amount.Round] for a display
// figure).
type Conversion struct {
	From, To Amount
	Rate     decimal.Decimal // 1 From currency = Rate To currency
	RateDate time.Time
	// RatePeriod is the kind of rate used: Day for the rate of RateDate,
	// Month or Year for the average over the month or year that starts on
	// RateDate.
	RatePeriod Precision
	Source     string
	// Inverse reports that Rate is the rounded inverse of a rate quoted the
	// other way (see Rates.Inverse).
	Inverse bool
}

// Set records that on day, 1 base = rate quote. The rate must be positive.
// A rate for the same pair and day replaces the one recorded.
func (r *Rates) Set(day time.Time, base, quote currency.Unit, rate decimal.Decimal) error {
	return r.SetFrom(day, base, quote, rate, "")
}

// SetFrom is [Rates.Set] with the rate's source recorded for provenance.
// The source is text as a pledge's is (see the package overview): valid
// UTF-8, with no control character but tab, line feed and carriage return
// and no Unicode noncharacter.
func (r *Rates) SetFrom(day time.Time, base, quote currency.Unit, value decimal.Decimal, source string) error {
	return r.record(Rate{Day: day, Base: base, Quote: quote, Rate: value, Source: source})
}

// record checks a rate and records it.
func (r *Rates) record(rt Rate) error {
	if err := rt.check(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.insert(rt)
	return nil
}

// Add records rates, all or nothing: when any is invalid (no date, a
// period other than Day, Month or Year, one currency twice, a rate that
// is not positive, a source with text a pledge may not hold) none is
// recorded, and the error names the first such rate by its position. A
// rate of Period Day is recorded as [Rates.SetFrom] records it, an
// average as [Rates.SetAverageFrom] does; a rate for a pair and day (or
// period) already recorded, or given earlier in rs, is replaced.
func (r *Rates) Add(rs ...Rate) error {
	for i, rt := range rs {
		if err := rt.check(); err != nil {
			return &placedError{fmt.Sprintf("rates[%d]", i), err}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rt := range rs {
		r.insert(rt)
	}
	return nil
}

// SetAverage records that over the month or year (period Month or Year)
// that holds day, 1 base = rate quote on average: an annual average such as
// the IMF publishes is SetAverage(2023-12-31, Year, USD, KRW, 1305.6625).
// It is stored for the period, from its first day. An average for the same
// pair and period replaces the one recorded. A period of Day is an error
// matching [ErrInvalid]: a daily rate is [Rates.Set].
func (r *Rates) SetAverage(day time.Time, period Precision, base, quote currency.Unit, rate decimal.Decimal) error {
	return r.SetAverageFrom(day, period, base, quote, rate, "")
}

// SetAverageFrom is [Rates.SetAverage] with the rate's source recorded for
// provenance.
func (r *Rates) SetAverageFrom(day time.Time, period Precision, base, quote currency.Unit, value decimal.Decimal, source string) error {
	if period != Month && period != Year {
		return fmt.Errorf("%w: average rate %s→%s over a %s: want Month or Year (a daily rate is Set)", ErrInvalid, base, quote, period)
	}
	return r.record(Rate{Day: day, Period: period, Base: base, Quote: quote, Rate: value, Source: source})
}

// check validates a rate before it is recorded.
func (rt Rate) check() error {
	if rt.Day.IsZero() {
		return fmt.Errorf("%w: rate %s→%s has no date", ErrInvalid, rt.Base, rt.Quote)
	}
	if !rt.Period.Valid() {
		return fmt.Errorf("%w: rate %s→%s has period %d: want Day, Month or Year", ErrInvalid, rt.Base, rt.Quote, int(rt.Period))
	}
	if rt.Base == currency.XXX || rt.Quote == currency.XXX || rt.Base == rt.Quote {
		return fmt.Errorf("%w: rate %s→%s needs two different currencies", ErrInvalidCurrency, rt.Base, rt.Quote)
	}
	if rt.Rate.Sign() <= 0 {
		return fmt.Errorf("%w: rate %s→%s on %s is %s, want > 0", ErrInvalid, rt.Base, rt.Quote, civil.Format(rt.Day), rt.Rate)
	}
	return checkSource(rt.Source)
}

// checkSource checks a rate's source as a pledge's text is checked.
func checkSource(s string) error {
	if at, why := textFault(s, false); at >= 0 {
		return fmt.Errorf("%w: source %s %s at byte %d", ErrInvalid, problem.Quote(s), why, at)
	}
	return nil
}

// insert records a checked rate; the caller holds the write lock.
func (r *Rates) insert(rt Rate) {
	e := rateEntry{civil.Date(rt.Day), rt.Rate, rt.Source}
	p := ratePair{rt.Base, rt.Quote}
	if rt.Period != Day {
		if r.averages == nil {
			r.averages = map[averageKey]rateEntry{}
		}
		e.day = periodStart(e.day, rt.Period)
		r.averages[averageKey{p, rt.Period, e.day}] = e
		return
	}
	if r.pairs == nil {
		r.pairs = map[ratePair][]rateEntry{}
	}
	list := r.pairs[p]
	i := sort.Search(len(list), func(i int) bool { return !list[i].day.Before(e.day) })
	if i < len(list) && list[i].day.Equal(e.day) {
		list[i] = e
	} else {
		list = append(list, rateEntry{})
		copy(list[i+1:], list[i:])
		list[i] = e
	}
	r.pairs[p] = list
}

// All returns a copy of every rate, by base, quote and day.
func (r *Rates) All() []Rate {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var all []Rate
	for p, list := range r.pairs {
		for _, e := range list {
			all = append(all, Rate{Day: e.day, Base: p.base, Quote: p.quote, Rate: e.rate, Source: e.source})
		}
	}
	for k, e := range r.averages {
		all = append(all, Rate{Day: e.day, Period: k.period, Base: k.pair.base, Quote: k.pair.quote, Rate: e.rate, Source: e.source})
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Base != b.Base {
			return a.Base.String() < b.Base.String()
		}
		if a.Quote != b.Quote {
			return a.Quote.String() < b.Quote.String()
		}
		if !a.Day.Equal(b.Day) {
			return a.Day.Before(b.Day)
		}
		return a.Period > b.Period // a year, then its first month, then its first day
	})
	return all
}

// ConvertPeriod converts a for a record dated only by month or year (period
// Month or Year; the month or year that holds date) at an average rate for
// that period: for a month, the month's average or else its year's; for a
// year, the year's. A daily rate never stands in for a period, and a
// monthly average never for a year. Direct averages win over inverted ones
// of the same period, which Inverse allows as in [Rates.Convert];
// Conversion.RatePeriod says which average was used. Without one the error
// is a *[RateError] whose MissingRate names the period (Day, its first
// day, and Period). A period of Day is [Rates.Convert].
func (r *Rates) ConvertPeriod(a Amount, to currency.Unit, date time.Time, period Precision) (Conversion, error) {
	if period == Day {
		return r.Convert(a, to, date)
	}
	if !period.Valid() {
		return Conversion{}, fmt.Errorf("%w: period %d: want Day, Month or Year", ErrInvalid, int(period))
	}
	start := periodStart(civil.Date(date), period)
	if a.cur == to {
		return Conversion{From: a, To: a, Rate: decimal.NewFromInt(1), RateDate: start, RatePeriod: period}, nil
	}
	missing := MissingRate{From: a.cur, To: to, Day: start, Period: period}
	if r == nil {
		return Conversion{}, &RateError{Missing: []MissingRate{missing}}
	}
	if r.Inverse < 0 || r.Inverse > maxInverse {
		return Conversion{}, fmt.Errorf("%w: Rates.Inverse is %d: want 0 (never invert) to %d decimal places", ErrInvalid, r.Inverse, maxInverse)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for p := period; p <= Year; p++ {
		s := periodStart(start, p)
		if e, ok := r.averages[averageKey{ratePair{a.cur, to}, p, s}]; ok {
			return Conversion{From: a, To: Amount{value: a.value.Mul(e.rate), cur: to}, Rate: e.rate, RateDate: s, RatePeriod: p, Source: e.source}, nil
		}
		if e, ok := r.averages[averageKey{ratePair{to, a.cur}, p, s}]; ok {
			if r.Inverse == 0 {
				missing.Inverse = true
				continue
			}
			if rate := decimal.NewFromInt(1).DivRound(e.rate, r.Inverse); rate.Sign() > 0 {
				return Conversion{From: a, To: Amount{value: a.value.Mul(rate), cur: to}, Rate: rate, RateDate: s, RatePeriod: p, Source: e.source, Inverse: true}, nil
			}
		}
	}
	return Conversion{}, &RateError{Missing: []MissingRate{missing}}
}

// Convert converts a into to at the rate of day, or the latest rate before
// it within MaxAge, inverting a rate quoted the other way only as Inverse
// allows. Converting into a's own currency returns a at rate 1. The
// converted amount is the exact product. With no usable rate the error is
// a *RateError naming the pair and the day, and saying when a rate quoted
// the other way could be inverted or the latest rate is too old; it
// matches [ErrMissingRate]. A
// negative MaxAge, or an Inverse below zero or above 64, is an
// error matching [ErrInvalid]. A nil *Rates has no rates.
func (r *Rates) Convert(a Amount, to currency.Unit, day time.Time) (Conversion, error) {
	day = civil.Date(day)
	if a.cur == to {
		return Conversion{From: a, To: a, Rate: decimal.NewFromInt(1), RateDate: day}, nil
	}
	if r == nil {
		return Conversion{}, &RateError{Missing: []MissingRate{{From: a.cur, To: to, Day: day}}}
	}
	if r.MaxAge < 0 {
		return Conversion{}, fmt.Errorf("%w: Rates.MaxAge is %v: want zero (any age) or a positive duration", ErrInvalid, r.MaxAge)
	}
	if r.Inverse < 0 || r.Inverse > maxInverse {
		return Conversion{}, fmt.Errorf("%w: Rates.Inverse is %d: want 0 (never invert) to %d decimal places", ErrInvalid, r.Inverse, maxInverse)
	}
	c, ok := r.lookup(a.cur, to, day)
	if !ok {
		return Conversion{}, &RateError{Missing: []MissingRate{r.missing(a.cur, to, day)}}
	}
	c.From = a
	c.To = Amount{value: a.value.Mul(c.Rate), cur: to}
	return c, nil
}

// lookup finds the rate for from→to on day: Rate, RateDate, Source and
// Inverse of the Conversion.
func (r *Rates) lookup(from, to currency.Unit, day time.Time) (Conversion, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	direct, okDirect := r.latest(ratePair{from, to}, day)
	if r.Inverse > 0 {
		inv, ok := r.latest(ratePair{to, from}, day)
		if ok && (!okDirect || inv.day.After(direct.day)) {
			rate := decimal.NewFromInt(1).DivRound(inv.rate, r.Inverse)
			if rate.Sign() > 0 {
				return Conversion{Rate: rate, RateDate: inv.day, Source: inv.source, Inverse: true}, true
			}
		}
	}
	if !okDirect {
		return Conversion{}, false
	}
	return Conversion{Rate: direct.rate, RateDate: direct.day, Source: direct.source}, true
}

// missing describes a conversion lookup could not make, with what would
// have made it.
func (r *Rates) missing(from, to currency.Unit, day time.Time) MissingRate {
	m := MissingRate{From: from, To: to, Day: day}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.Inverse == 0 {
		_, m.Inverse = r.latest(ratePair{to, from}, day)
	}
	list := r.pairs[ratePair{from, to}]
	if i := sort.Search(len(list), func(i int) bool { return list[i].day.After(day) }); i > 0 {
		m.Stale = list[i-1].day // lookup found none usable, so it is too old
	}
	for p := Month; p <= Year && !day.IsZero(); p++ {
		_, ok := r.averages[averageKey{ratePair{from, to}, p, periodStart(day, p)}]
		if !ok && r.Inverse > 0 {
			_, ok = r.averages[averageKey{ratePair{to, from}, p, periodStart(day, p)}]
		}
		if ok {
			m.Average = p
			break
		}
	}
	return m
}

// latest returns the rate of p on day or the latest before it within
// MaxAge; the caller holds the read lock.
func (r *Rates) latest(p ratePair, day time.Time) (rateEntry, bool) {
	list := r.pairs[p]
	i := sort.Search(len(list), func(i int) bool { return list[i].day.After(day) })
	if i == 0 {
		return rateEntry{}, false
	}
	e := list[i-1]
	if r.MaxAge > 0 && day.Sub(e.day) > r.MaxAge {
		return rateEntry{}, false
	}
	return e, true
}

// placedError is an error of the package with the place it is in:
// "pledge: rates[2]: invalid value: ...".
type placedError struct {
	where string
	err   error
}

func (e *placedError) Error() string {
	return "pledge: " + e.where + ": " + strings.TrimPrefix(e.err.Error(), "pledge: ")
}

func (e *placedError) Unwrap() error { return e.err }
