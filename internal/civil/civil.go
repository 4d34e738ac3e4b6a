package civil

import (
	"fmt"
	"time"
)

// Layout is the one text form of a civil date: YYYY-MM-DD.
const Layout = "2006-01-02"

// Date returns the civil date of t: its year, month and day in t's own
// location, as midnight UTC. The zero time stays zero.
func Date(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// IsDate reports whether t is already a civil date (midnight UTC) or zero.
func IsDate(t time.Time) bool {
	return t.IsZero() || t.Equal(Date(t)) && t.Location() == time.UTC
}

// Parse reads a YYYY-MM-DD date from 0001-01-02 to 9999-12-31. The empty
// string is the zero time, which means "no date"; 0001-01-01 is refused
// because it would read as that zero time.
func Parse(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(Layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	if t.Year() < 1 || t.IsZero() {
		return time.Time{}, fmt.Errorf("date %q is too early: the first date is 0001-01-02", s)
	}
	return t, nil
}

// Format writes t as YYYY-MM-DD; the zero time is the empty string.
func Format(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(Layout)
}

// Within reports whether day lies in the inclusive window [from, to]; a zero
// bound is open.
func Within(day, from, to time.Time) bool {
	if !from.IsZero() && day.Before(from) {
		return false
	}
	if !to.IsZero() && day.After(to) {
		return false
	}
	return true
}
