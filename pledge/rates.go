package pledge

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/civil"
)

// Rates holds dated exchange rates: on a day, 1 base = rate quote. The zero
// value is ready to use and safe for concurrent use.
type Rates struct {
	mu    sync.RWMutex
	pairs map[ratePair][]rate // sorted by day
}

type ratePair struct{ base, quote currency.Unit }

type rate struct {
	day    time.Time
	rate   decimal.Decimal
	source string
}

// Conversion records one conversion: both amounts, the rate used and the
// day it was quoted for, and where the rate came from.
type Conversion struct {
	From, To Amount
	Rate     decimal.Decimal
	RateDate time.Time
	Source   string
}

// Set records that on day, 1 base = rate quote. The rate must be positive.
func (r *Rates) Set(day time.Time, base, quote currency.Unit, rate decimal.Decimal) error {
	return r.SetFrom(day, base, quote, rate, "")
}

// SetFrom is [Rates.Set] with the rate's source recorded for provenance.
func (r *Rates) SetFrom(day time.Time, base, quote currency.Unit, value decimal.Decimal, source string) error {
	if day.IsZero() {
		return fmt.Errorf("%w: rate %s→%s has no date", ErrInvalid, base, quote)
	}
	if value.Sign() <= 0 {
		return fmt.Errorf("%w: rate %s→%s on %s is %s, want > 0", ErrInvalid, base, quote, civil.Format(day), value)
	}
	if base == currency.XXX || quote == currency.XXX || base == quote {
		return fmt.Errorf("%w: rate %s→%s needs two different currencies", ErrInvalidCurrency, base, quote)
	}
	day = civil.Date(day)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pairs == nil {
		r.pairs = map[ratePair][]rate{}
	}
	p := ratePair{base, quote}
	list := r.pairs[p]
	i := sort.Search(len(list), func(i int) bool { return !list[i].day.Before(day) })
	if i < len(list) && list[i].day.Equal(day) {
		list[i] = rate{day, value, source}
	} else {
		list = append(list, rate{})
		copy(list[i+1:], list[i:])
		list[i] = rate{day, value, source}
	}
	r.pairs[p] = list
	return nil
}

// Convert converts a into to at the rate of day, or the latest rate before
// it. Converting into a's own currency returns a at rate 1.
func (r *Rates) Convert(a Amount, to currency.Unit, day time.Time) (Conversion, error) {
	day = civil.Date(day)
	if a.cur == to {
		return Conversion{From: a, To: a, Rate: decimal.NewFromInt(1), RateDate: day}, nil
	}
	r.mu.RLock()
	list := r.pairs[ratePair{a.cur, to}]
	i := sort.Search(len(list), func(i int) bool { return list[i].day.After(day) })
	var found *rate
	if i > 0 {
		found = &list[i-1]
	}
	r.mu.RUnlock()
	if found == nil {
		return Conversion{}, &RateError{Missing: []MissingRate{{From: a.cur, To: to, Day: day}}}
	}
	return Conversion{
		From:     a,
		To:       Amount{value: a.value.Mul(found.rate), cur: to},
		Rate:     found.rate,
		RateDate: found.day,
		Source:   found.source,
	}, nil
}
