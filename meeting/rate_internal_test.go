package meeting

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestPerYearOverNoTime: a standing whose years in office round to 0.00
// (a tenure of a day) has no rate to show, "unknown", where it showed
// "0.00 a year" for a leader who had met someone.
func TestPerYearOverNoTime(t *testing.T) {
	tests := map[string]struct {
		s    Standing
		want string
	}{
		"a day in office": {Standing{Count: 1, Most: 1, By: Recorded, YearsKnown: true}, "unknown"},
		"unbounded":       {Standing{Count: 1, Most: Unbounded, By: Reported, YearsKnown: true}, "unknown"},
		"a year": {Standing{Count: 2, Most: 2, By: Recorded, YearsKnown: true, YearsInOffice: decimal.New(1, 0),
			PerYear: decimal.New(2, 0), MostPerYear: decimal.New(2, 0)}, "2.00"},
	}
	got := map[string]string{}
	want := map[string]string{}
	for name, tt := range tests {
		got[name], want[name] = tt.s.perYear(), tt.want
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("perYear (-want +got):\n%s", diff)
	}
}
