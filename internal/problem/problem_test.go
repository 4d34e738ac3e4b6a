package problem

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestList(t *testing.T) {
	a, b := errors.New("x: first"), errors.New("x: second")
	tests := []struct {
		in      []error
		omitted int
		want    string
	}{
		{nil, 0, "x: invalid input"},
		{[]error{a}, 0, "x: first"},
		{[]error{a, b}, 0, "x: 2 problems:\n\tx: first\n\tx: second"},
		{[]error{a}, 3, "x: 4 problems:\n\tx: first\n\t... and 3 more"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, List("x", tt.in, tt.omitted)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	if got := Errors([]error{a, b}); len(got) != 2 || got[1] != b {
		t.Errorf("Errors = %v", got)
	}
}

func TestKeep(t *testing.T) {
	var list []int
	omitted := 0
	for i := range Max + 7 {
		list = Keep(list, &omitted, i)
	}
	if len(list) != Max || omitted != 7 || list[Max-1] != Max-1 {
		t.Errorf("kept %d, omitted %d, last %d; want %d, 7, %d", len(list), omitted, list[len(list)-1], Max, Max-1)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"USD 1", `"USD 1"`},
		{strings.Repeat("9", QuoteMax), `"` + strings.Repeat("9", QuoteMax) + `"`},
		{strings.Repeat("9", 100_000_000), `"` + strings.Repeat("9", QuoteMax) + `"… (100000000 bytes)`},
		// A cut never splits a character: 21 three-byte letters are 63 bytes.
		{strings.Repeat("억", 30), fmt.Sprintf("%q… (90 bytes)", strings.Repeat("억", 21))},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Quote(tt.in)); diff != "" {
			t.Errorf("Quote(%.20q…) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"cents", "cents"},
		{strings.Repeat("k", QuoteMax), strings.Repeat("k", QuoteMax)},
		{strings.Repeat("k", QuoteMax+1), `"` + strings.Repeat("k", QuoteMax) + `"… (65 bytes)`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Key(tt.in)); diff != "" {
			t.Errorf("Key(%.20q…) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"1e40", "1e40"},
		{strings.Repeat("9", QuoteMax), strings.Repeat("9", QuoteMax)},
		{strings.Repeat("9", 100_000_000), strings.Repeat("9", QuoteMax) + "… (100000000 bytes)"},
		{strings.Repeat("억", 30), strings.Repeat("억", 21) + "… (90 bytes)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Cut(tt.in)); diff != "" {
			t.Errorf("Cut(%.20q…) (-want +got):\n%s", tt.in, diff)
		}
	}
}
