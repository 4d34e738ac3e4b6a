package meeting_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
)

// TestDecodeErrorFields checks that the errors of Rule, Claim and Finding
// UnmarshalJSON (called as they are, so that malformed JSON reaches them
// rather than encoding/json's own check) are a *DecodeError a service can
// take apart: what was read, the key by its JSON path, the byte offset of
// bad syntax, and a reason that still matches its sentinel.
func TestDecodeErrorFields(t *testing.T) {
	type got struct {
		What, Field string
		Offset      int
		Sentinel    bool // errors.Is(err, sentinel), on the error and on its Err
	}
	decode := map[string]func([]byte) error{
		"rule":    func(b []byte) error { var v meeting.Rule; return v.UnmarshalJSON(b) },
		"claim":   func(b []byte) error { var v meeting.Claim; return v.UnmarshalJSON(b) },
		"finding": func(b []byte) error { var v meeting.Finding; return v.UnmarshalJSON(b) },
	}
	tests := []struct {
		name, what, body string
		sentinel         error
		want             got
	}{
		{"rule: an unknown kind", "rule", `{"kinds": ["talks", "dinner"]}`, meeting.ErrInvalidKind, got{"rule", "kinds[1]", -1, true}},
		{"rule: bad text", "rule", "{\"statuses\": [\"held\", \"pl\xe4nned\"]}", meeting.ErrInvalidText, got{"rule", "statuses[1]", -1, true}},
		{"rule: a key misspelled", "rule", `{"Kinds": []}`, meeting.ErrSyntax, got{"rule", "Kinds", -1, true}},
		{"rule: to before from", "rule", `{"from": "2024-01-01", "to": "2023-01-01"}`, meeting.ErrInvalidRule, got{"rule", "to", -1, true}},
		{"rule: cut short", "rule", `{"kinds": [`, meeting.ErrSyntax, got{"rule", "", 11, true}},
		{"rule: data after it", "rule", `{} x`, meeting.ErrSyntax, got{"rule", "", 3, true}},
		{"claim: no b", "claim", `{"a": "x", "count": 1}`, meeting.ErrMissing, got{"claim", "b", -1, true}},
		{"claim: a negative count", "claim", `{"a": "x", "b": "y", "count": -1}`, meeting.ErrSyntax, got{"claim", "count", -1, true}},
		{"claim: a bad date", "claim", `{"a": "x", "b": "y", "count": 1, "as_of": "2024"}`, meeting.ErrInvalidDate, got{"claim", "as_of", -1, true}},
		{"claim: a source key misspelled", "claim", `{"a": "x", "b": "y", "count": 1, "source": {"URL": "x"}}`, meeting.ErrSyntax, got{"claim", "source.URL", -1, true}},
		{"claim: after a byte-order mark", "claim", "\ufeff{", meeting.ErrSyntax, got{"claim", "", 4, true}},
		{"finding: a claim with no b", "finding", `{"claim": {"a": "x"}}`, meeting.ErrMissing, got{"finding", "claim.b", -1, true}},
		{"finding: no claim", "finding", `{"recorded": 1}`, meeting.ErrMissing, got{"finding", "claim", -1, true}},
		{"finding: a count as a string", "finding", `{"claim": {"a": "x", "b": "y", "count": 1}, "recorded": "x"}`, meeting.ErrSyntax, got{"finding", "recorded", -1, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decode[tt.what]([]byte(tt.body))
			var de *meeting.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%v (%T): not a *meeting.DecodeError", err, err)
			}
			g := got{de.What, de.Field, de.Offset, errors.Is(err, tt.sentinel) && errors.Is(de.Err, tt.sentinel)}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("%v: (-want +got):\n%s", err, diff)
			}
		})
	}
}
