package pledge_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/summitry/summitry/pledge"
)

// TestDecodeErrorFields checks that the errors of the JSON decoders
// (called as they are, so that malformed JSON reaches them rather than
// encoding/json's own check) are a *DecodeError a service can take apart: what was read, the field by
// its JSON path, and a reason that still matches its sentinel.
func TestDecodeErrorFields(t *testing.T) {
	type got struct {
		What, Field string
		Sentinel    bool // errors.Is(err, sentinel), on the error and on its Err
	}
	tests := []struct {
		name     string
		totals   bool
		body     string
		sentinel error
		want     got
	}{
		{"query: a dimension twice", false, `{"group_by": ["donor", "year", "donors"]}`, pledge.ErrInvalid, got{"query", "group_by[2]", true}},
		{"query: an unknown dimension", false, `{"group_by": ["colour"]}`, pledge.ErrInvalid, got{"query", "group_by[0]", true}},
		{"query: an unknown field", false, `{"group": ["donor"]}`, pledge.ErrInvalid, got{"query", "group", true}},
		{"query: a wrong type", false, `{"stage": 5}`, pledge.ErrInvalid, got{"query", "stage", true}},
		{"query: a bad category", false, `{"categories": ["military", "//"]}`, pledge.ErrInvalidCategory, got{"query", "categories[1]", true}},
		{"query: a bad currency", false, `{"in": "XYZ"}`, pledge.ErrInvalidCurrency, got{"query", "in", true}},
		{"query: to before from", false, `{"from": "2024", "to": "2023"}`, pledge.ErrInvalid, got{"query", "to", true}},
		{"query: malformed", false, `{"group_by": [`, pledge.ErrInvalid, got{"query", "", true}},
		{"totals: an unknown field", true, `{"rows": [], "colour": 1}`, pledge.ErrInvalid, got{"totals", "colour", true}},
		{"totals: a bad query", true, `{"query": {"group_by": ["donor", "donor"]}}`, pledge.ErrInvalid, got{"totals", "query.group_by[1]", true}},
		{"totals: sums that do not add up", true, `{"rows": [{"amount": {"value": "1", "currency": "USD"}}], "sums": []}`, pledge.ErrInvalid, got{"totals", "sums", true}},
		{"totals: a bad amount", true, `{"rows": [{"amount": {"value": "1x", "currency": "USD"}}]}`, pledge.ErrInvalidAmount, got{"totals", "rows[0].amount", true}},
		{"totals: malformed", true, `[`, pledge.ErrInvalid, got{"totals", "", true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.totals {
				var v pledge.Totals
				err = v.UnmarshalJSON([]byte(tt.body))
			} else {
				var v pledge.Query
				err = v.UnmarshalJSON([]byte(tt.body))
			}
			var de *pledge.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%v (%T): not a *pledge.DecodeError", err, err)
			}
			g := got{de.What, de.Field, errors.Is(err, tt.sentinel) && errors.Is(de.Err, tt.sentinel)}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("%v: (-want +got):\n%s", err, diff)
			}
		})
	}
}

// TestDecodeErrorOfCheckedQuery checks that a query Book.Total refuses
// is reported as the same *DecodeError a query read from JSON is.
func TestDecodeErrorOfCheckedQuery(t *testing.T) {
	var b pledge.Book
	_, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByYear}})
	var de *pledge.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("%v (%T): not a *pledge.DecodeError", err, err)
	}
	want := pledge.DecodeError{What: "query", Field: "group_by[1]", Err: de.Err}
	if diff := cmp.Diff(want, *de, cmpopts.EquateErrors()); diff != "" || !errors.Is(de.Err, pledge.ErrInvalid) {
		t.Errorf("%v: (-want +got):\n%s", err, diff)
	}
}
