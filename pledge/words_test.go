package pledge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// The vocabulary parsers read what people and data sources write, the way
// ParseCategory and meeting.ParseKind do: case, spaces and hyphens aside.
func TestParseStageWords(t *testing.T) {
	tests := map[string]pledge.Stage{
		"pledged": pledge.Pledged, "Pledge": pledge.Pledged, "Outgoing Pledge": pledge.Pledged,
		"incoming pledge": pledge.Pledged,
		"committed":       pledge.Committed, "Committed": pledge.Committed, "commitment": pledge.Committed,
		"COMMITMENT": pledge.Committed, "Outgoing Commitment": pledge.Committed,
		"allocated": pledge.Allocated, "Allocation": pledge.Allocated,
		"disbursed": pledge.Disbursed, "paid": pledge.Disbursed, "Paid": pledge.Disbursed,
		"Disbursement": pledge.Disbursed, " delivered ": pledge.Disbursed,
	}
	got := map[string]pledge.Stage{}
	for text := range tests {
		s, err := pledge.ParseStage(text)
		if err != nil {
			t.Errorf("ParseStage(%q): %v", text, err)
		}
		got[text] = s
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, text := range []string{"", "promised", "expenditure", "3", strings.Repeat("paid", 1000)} {
		_, err := pledge.ParseStage(text)
		if !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("ParseStage(%.20q) = %v, want ErrInvalid", text, err)
		} else if len(err.Error()) > 200 {
			t.Errorf("ParseStage(%.20q): error of %d bytes", text, len(err.Error()))
		}
	}
}

func TestParseQualifierWords(t *testing.T) {
	tests := map[string]pledge.Qualifier{
		"exact": pledge.Exact, "Exact": pledge.Exact,
		"approximately": pledge.Approximately, "Approximately": pledge.Approximately, "≈": pledge.Approximately, "~": pledge.Approximately,
		"at least": pledge.AtLeast, "At Least": pledge.AtLeast, "at-least": pledge.AtLeast, "≥": pledge.AtLeast, ">=": pledge.AtLeast,
		"at most": pledge.AtMost, "≤": pledge.AtMost, "<=": pledge.AtMost,
		"more than": pledge.MoreThan, "More than": pledge.MoreThan, ">": pledge.MoreThan,
		"less than": pledge.LessThan, " < ": pledge.LessThan,
		"about": pledge.Approximately, "About": pledge.Approximately, "around": pledge.Approximately,
		"approx": pledge.Approximately, "approx.": pledge.Approximately, "Approx.": pledge.Approximately,
	}
	got := map[string]pledge.Qualifier{}
	for text := range tests {
		q, err := pledge.ParseQualifier(text)
		if err != nil {
			t.Errorf("ParseQualifier(%q): %v", text, err)
		}
		got[text] = q
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, text := range []string{"", "roughly", "some", "over", "under", "≥≥", strings.Repeat("at least", 100)} {
		if _, err := pledge.ParseQualifier(text); !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("ParseQualifier(%.20q) = %v, want ErrInvalid", text, err)
		}
	}
}

// TestParseWordsRefuseControls: the vocabulary parsers ignore case,
// spacing and punctuation, but not what is no text: a word that carries a
// NUL, an escape or a C1 control, or bytes that are not UTF-8, is refused,
// where folding used to drop them ("pledged\x00" read as Pledged). White
// space around a word (a cell's "\r") is still ignored.
func TestParseWordsRefuseControls(t *testing.T) {
	parsers := map[string]func(string) error{
		"ParseStage":     func(s string) error { _, err := pledge.ParseStage(s); return err },
		"ParseDimension": func(s string) error { _, err := pledge.ParseDimension(s); return err },
		"ParseQualifier": func(s string) error { _, err := pledge.ParseQualifier(s); return err },
	}
	words := map[string]string{"ParseStage": "pledged", "ParseDimension": "donor", "ParseQualifier": "about"}
	for name, parse := range parsers {
		w := words[name]
		for _, text := range []string{w + "\x00", "\x1b" + w, w[:2] + "\u009b" + w[2:], w + "\xff", w + "\x7f"} {
			if err := parse(text); !errors.Is(err, pledge.ErrInvalid) {
				t.Errorf("%s(%q) = %v, want ErrInvalid", name, text, err)
			}
		}
		for _, text := range []string{w + "\r\n", "\t" + w + " ", w + "\u0085"} {
			if err := parse(text); err != nil {
				t.Errorf("%s(%q): %v", name, text, err)
			}
		}
	}
}
