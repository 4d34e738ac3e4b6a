package pledge_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

func TestCategoryTree(t *testing.T) {
	type result struct {
		Parent          pledge.Category
		Depth           int
		Top             pledge.Category
		InMilitary, Own bool
	}
	tests := []struct {
		c    pledge.Category
		want result
	}{
		{"military/non-lethal", result{"military", 2, "military", true, true}},
		{"military", result{"", 1, "military", true, true}},
		{"militaryish", result{"", 1, "militaryish", false, true}},
		{"financial/loan/concessional", result{"financial/loan", 3, "financial", false, true}},
		{"", result{"", 0, "", false, false}},
	}
	for _, tt := range tests {
		got := result{tt.c.Parent(), tt.c.Depth(), tt.c.Truncate(1), tt.c.Within(pledge.Military), tt.c.Within(tt.c)}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.c, diff)
		}
	}
	if got := pledge.Category("a/b/c").Truncate(2); got != "a/b" {
		t.Errorf("Truncate(2) = %q", got)
	}
	if got := pledge.Category("a/b/c").Truncate(0); got != "a/b/c" {
		t.Errorf("Truncate(0) = %q", got)
	}
}

func TestCategoryCheck(t *testing.T) {
	for _, c := range pledge.DefaultCategories() {
		if err := c.Check(); err != nil {
			t.Errorf("default %q: %v", c, err)
		}
	}
	for _, bad := range []pledge.Category{"", "/military", "military/", "a//b", "Military", " military", "a  b", "humanitarian+military", "a\tb", "a.b"} {
		if err := bad.Check(); !errors.Is(err, pledge.ErrInvalidCategory) {
			t.Errorf("Check(%q) = %v, want ErrInvalidCategory", bad, err)
		}
	}
	got, err := pledge.ParseCategory(" Military / Non-Lethal ")
	if err != nil || got != pledge.MilitaryNonLethal {
		t.Errorf("ParseCategory = %q, %v", got, err)
	}
	if _, err := pledge.ParseCategory("a//b"); err == nil {
		t.Error("ParseCategory(a//b): want an error")
	}
}

func TestJoinCategories(t *testing.T) {
	tests := []struct {
		in   []pledge.Category
		want string
	}{
		{nil, "unspecified"},
		{[]pledge.Category{pledge.Humanitarian}, "humanitarian"},
		{[]pledge.Category{pledge.MilitaryNonLethal, pledge.Humanitarian}, "humanitarian+military/non-lethal"},
		{[]pledge.Category{pledge.Military, pledge.Military, pledge.Financial}, "financial+military"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, pledge.JoinCategories(tt.in)); diff != "" {
			t.Errorf("JoinCategories(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestStageText(t *testing.T) {
	for _, s := range pledge.Stages() {
		text, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back pledge.Stage
		if err := back.UnmarshalText(text); err != nil || back != s {
			t.Errorf("%v: round trip gave %v, %v", s, back, err)
		}
	}
	if _, err := pledge.Stage(9).MarshalText(); err == nil {
		t.Error("Stage(9).MarshalText: want an error")
	}
}
