package pledge

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestLimitReader: ReadCSV's reader lets exactly its limit through and
// fails past it.
func TestLimitReader(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{{"0123456789", nil}, {"0123456789x", errTooLarge}, {"", nil}} {
		_, err := io.ReadAll(&limitReader{r: strings.NewReader(tt.in), left: 10})
		if !errors.Is(err, tt.want) {
			t.Errorf("%q: %v, want %v", tt.in, err, tt.want)
		}
	}
}
