package civil

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	got := Date(time.Date(2024, 7, 10, 23, 59, 0, 0, seoul))
	if want := time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Date = %v, want %v", got, want)
	}
	if !Date(time.Time{}).IsZero() {
		t.Error("the zero time should stay zero")
	}
	if !IsDate(got) || IsDate(time.Date(2024, 7, 10, 1, 0, 0, 0, time.UTC)) {
		t.Error("IsDate")
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"2024-07-10", "1948-08-15", ""} {
		d, err := Parse(s)
		if err != nil || Format(d) != s {
			t.Errorf("Parse(%q) = %v, %v", s, d, err)
		}
	}
	for _, bad := range []string{"2024-7-10", "2024-13-01", "2024-02-30", "10/07/2024", "2024-07-10T00:00:00Z", "0000-01-01", "0001-01-01"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): want an error", bad)
		}
	}
}

func TestWithin(t *testing.T) {
	d := func(s string) time.Time { t, _ := Parse(s); return t }
	tests := []struct {
		day, from, to string
		want          bool
	}{
		{"2024-07-10", "", "", true},
		{"2024-07-10", "2024-07-10", "2024-07-10", true},
		{"2024-07-10", "2024-07-11", "", false},
		{"2024-07-10", "", "2024-07-09", false},
	}
	for _, tt := range tests {
		if got := Within(d(tt.day), d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("Within(%s, %s, %s) = %v", tt.day, tt.from, tt.to, got)
		}
	}
}
