package problem

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestList(t *testing.T) {
	a, b := errors.New("x: first"), errors.New("x: second")
	tests := []struct {
		in   []error
		want string
	}{
		{nil, "x: invalid input"},
		{[]error{a}, "x: first"},
		{[]error{a, b}, "x: 2 problems:\n\tx: first\n\tx: second"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, List("x", tt.in)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	if got := Errors([]error{a, b}); len(got) != 2 || got[1] != b {
		t.Errorf("Errors = %v", got)
	}
}
