package pledge

import (
	"fmt"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// Precision says how much of a date a source gives: the day, only the
// month ("in September 2023") or only the year. A date of Month or Year
// precision stands for the whole period and is held as its first day
// (2023-09-01 for "2023-09"), so the day is never made up. The zero
// Precision is Day.
type Precision int

const (
	// Day: the date is a calendar day, "2023-09-10".
	Day Precision = iota
	// Month: only the month is known, "2023-09".
	Month
	// Year: only the year is known, "2023".
	Year
)

var precisionNames = [...]string{"day", "month", "year"}

// Valid reports whether p is Day, Month or Year.
func (p Precision) Valid() bool { return p >= Day && p <= Year }

// String returns "day", "month" or "year".
func (p Precision) String() string {
	if !p.Valid() {
		return fmt.Sprintf("Precision(%d)", int(p))
	}
	return precisionNames[p]
}

// MarshalText writes the precision's name; an invalid one is an error.
func (p Precision) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("%w: precision %d", ErrInvalid, int(p))
	}
	return []byte(precisionNames[p]), nil
}

// UnmarshalText reads a precision as [ParsePrecision] does. It is for
// encoding packages; in the gomacro interpreter, which cannot call it, use
// ParsePrecision.
func (p *Precision) UnmarshalText(text []byte) error {
	v, err := ParsePrecision(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePrecision reads "day", "month" or "year" in any case; anything else
// is an error matching [ErrInvalid].
func ParsePrecision(text string) (Precision, error) {
	for i, n := range precisionNames {
		if strings.EqualFold(strings.TrimSpace(text), n) {
			return Precision(i), nil
		}
	}
	return 0, fmt.Errorf("%w: precision %s: want day, month or year", ErrInvalid, problem.Quote(text))
}

// ParseDate reads a date with its precision, as records write it in JSON
// (and CSV): "2023" (Year), "2023-09" (Month) or "2023-09-10" (Day). The
// date returned is the first day of the period, as a civil date (midnight
// UTC). The empty string is no date: the zero time, Day. Years run from
// 0001 to 9999; anything else is an error matching [ErrInvalid].
func ParseDate(s string) (time.Time, Precision, error) {
	var p Precision
	switch len(s) {
	case 0:
		return time.Time{}, Day, nil
	case 4:
		p = Year
	case 7:
		p = Month
	case 10:
		p = Day
	default:
		return time.Time{}, Day, dateError(s)
	}
	full := s
	switch p {
	case Year:
		full += "-01-01"
	case Month:
		full += "-01"
	}
	d, err := time.Parse(civil.Layout, full)
	if err != nil || d.Year() < 1 {
		return time.Time{}, Day, dateError(s)
	}
	if d.IsZero() { // 0001-01-01 would read as no date
		return time.Time{}, Day, fmt.Errorf("%w: date %s is too early: the first is 0001-01-02, 0001-02 or 0002", ErrInvalid, problem.Quote(s))
	}
	return d, p, nil
}

// plainDate reads a date as FormatDate writes it ("2023-09-10",
// "2023-09", "2023") as the day dayOf gives its ParseDate time, and its
// precision, without time.Parse; false for anything else and anything
// ParseDate refuses.
func plainDate(b []byte) (int32, Precision, bool) {
	num := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d, p := -1, 1, 1, Year
	switch len(b) {
	case 10:
		if b[7] != '-' {
			return 0, 0, false
		}
		d, p = num(b[8:10]), Day
		fallthrough
	case 7:
		if b[4] != '-' {
			return 0, 0, false
		}
		m = num(b[5:7])
		if p == Year {
			p = Month
		}
		fallthrough
	case 4:
		y = num(b[:4])
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) || y == 1 && m == 1 && d == 1 {
		return 0, 0, false
	}
	return daysFromCivil(y, m, d), p, true
}

// daysIn returns the number of days of month m of year y.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// daysFromCivil numbers the date y-m-d (y ≥ 1) as dayOf does, by the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400                        // 0..399
	doy := (153*((m+9)%12)+2)/5 + d - 1       // day of the year from March 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy    // 0..146096
	return int32(era*146_097 + doe - 719_468) // days since 1970-01-01
}

func dateError(s string) error {
	return fmt.Errorf("%w: date %s is not YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, problem.Quote(s))
}

// FormatDate writes a date at its precision: "2023", "2023-09" or
// "2023-09-10", the form [ParseDate] reads; the zero time is "". It writes
// the period that holds d, whatever its day.
func FormatDate(d time.Time, p Precision) string {
	if d.IsZero() {
		return ""
	}
	switch p {
	case Year:
		return d.Format("2006")
	case Month:
		return d.Format("2006-01")
	}
	return d.Format(civil.Layout)
}

// periodStart returns the first day of the period of precision p that holds
// the civil date d.
func periodStart(d time.Time, p Precision) time.Time {
	switch p {
	case Year:
		return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

// periodEnd returns the last day of the period of precision p that starts
// on the civil date d.
func periodEnd(d time.Time, p Precision) time.Time {
	switch p {
	case Year:
		return d.AddDate(1, 0, -1)
	case Month:
		return d.AddDate(0, 1, -1)
	}
	return d
}

// checkPeriod checks a record's date against its precision: a month or a
// year is held as its first day, and a precision needs a date.
func checkPeriod(d time.Time, p Precision, ps *problems) {
	switch {
	case !p.Valid():
		ps.add("date", fmt.Errorf("%w: date precision %d: want Day, Month or Year", ErrInvalid, int(p)))
	case p == Day:
	case d.IsZero():
		ps.add("date", fmt.Errorf("%w: date precision %s without a date", ErrInvalid, p))
	case !periodStart(d, p).Equal(d):
		ps.add("date", fmt.Errorf("%w: %s is not the first day of its %s: a date of %s precision is held as %s (%s)",
			ErrInvalid, civil.Format(d), p, p, civil.Format(periodStart(d, p)), FormatDate(d, p)))
	}
}

// lastStarts returns, for a window that ends on the civil date to, the day
// number of the latest day, month start and year start whose whole period
// ends on or before to, indexed by Precision: a month counts within the
// window only when its last day does.
func lastStarts(to time.Time) [3]int32 {
	next := to.AddDate(0, 0, 1)
	return [3]int32{
		Day:   dayOf(to),
		Month: dayOf(periodStart(next, Month).AddDate(0, -1, 0)),
		Year:  dayOf(periodStart(next, Year).AddDate(-1, 0, 0)),
	}
}
