package pledge_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

func namesBook(t *testing.T) *pledge.Book {
	t.Helper()
	var b pledge.Book
	err := b.Add(
		pledge.Pledge{ID: "a", Donor: "Freedonia", Recipient: "Sylvania", Amount: pledge.MustAmount("10", "USD"),
			Categories: []pledge.Category{pledge.Humanitarian}},
		pledge.Pledge{ID: "b", Donor: "Österreich", Recipient: "Ukraine", Amount: pledge.MustAmount("5", "EUR"),
			Parts: []pledge.Part{{Amount: pledge.MustAmount("2", "EUR"), Categories: []pledge.Category{pledge.MilitaryNonLethal, "demining"}}}},
		pledge.Pledge{ID: "c", Donor: "Zambia", Amount: pledge.MustAmount("1", "USD"), Categories: []pledge.Category{"health/vaccines"}},
		pledge.Pledge{ID: "d", Donor: "Freedonai", Amount: pledge.MustAmount("1", "USD")},
		pledge.Pledge{ID: "d2", Revises: "d", Donor: "Freedonia", Amount: pledge.MustAmount("1", "USD"), Categories: []pledge.Category{pledge.Humanitarian}},
	)
	if err != nil {
		t.Fatal(err)
	}
	return &b
}

// Filters compare names as the meeting ledger compares leaders' names, and
// a name the book does not hold is an error naming the nearest ones, not
// an empty total.
func TestQueryNameFilters(t *testing.T) {
	b := namesBook(t)
	for _, q := range []pledge.Query{
		{Donors: []string{"freedonia"}},
		{Donors: []string{"FREEDONIA"}},
		{Donors: []string{" Free-donia "}},
		{Recipients: []string{"sylvania"}},
	} {
		got, err := b.Total(q)
		if err != nil {
			t.Errorf("%v: %v", q, err)
			continue
		}
		if diff := cmp.Diff([]string{"USD 11"}, sumsOf(got)); diff != "" && q.Recipients == nil {
			t.Errorf("%v (-want +got):\n%s", q, diff)
		}
	}
	if got, err := b.Total(pledge.Query{Donors: []string{"osterreich"}}); err != nil || len(got.Rows()) != 1 {
		t.Errorf("accents folded: %v, %v", got, err)
	}

	tests := []struct {
		q    pledge.Query
		want *pledge.NameError
		text string
	}{
		{pledge.Query{Donors: []string{"Fredonia"}},
			&pledge.NameError{Field: "donors[0]", Role: "donor", Name: "Fredonia", Nearest: []string{"Freedonia"}},
			`pledge: query: donors[0]: no donor "Fredonia" in the book (nearest: "Freedonia")`},
		{pledge.Query{Donors: []string{"Zambia", "Sylvania"}}, // a recipient, not a donor
			&pledge.NameError{Field: "donors[1]", Role: "donor", Name: "Sylvania"},
			`pledge: query: donors[1]: no donor "Sylvania" in the book`},
		{pledge.Query{Recipients: []string{"Ukrain"}},
			&pledge.NameError{Field: "recipients[0]", Role: "recipient", Name: "Ukrain", Nearest: []string{"Ukraine"}},
			`pledge: query: recipients[0]: no recipient "Ukrain" in the book (nearest: "Ukraine")`},
		{pledge.Query{Categories: []pledge.Category{"health/vacines"}},
			&pledge.NameError{Field: "categories[0]", Role: "category", Name: "health/vacines", Nearest: []string{"health/vaccines"}},
			`pledge: query: categories[0]: no category "health/vacines" in the book (nearest: "health/vaccines")`},
	}
	for _, tt := range tests {
		_, err := b.Total(tt.q)
		var ne *pledge.NameError
		if !errors.As(err, &ne) || !errors.Is(err, pledge.ErrUnknownName) {
			t.Errorf("%v: %v, want a *NameError", tt.q, err)
			continue
		}
		if diff := cmp.Diff(tt.want, ne); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.q, diff)
		}
		if diff := cmp.Diff(tt.text, err.Error()); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.q, diff)
		}
	}

	// A predefined category, a parent of the book's, or unspecified is a
	// fair question even when the answer is nothing.
	for _, c := range []pledge.Category{pledge.FinancialLoan, "health", pledge.Unspecified, pledge.Military} {
		if _, err := b.Total(pledge.Query{Categories: []pledge.Category{c}}); err != nil {
			t.Errorf("category %q: %v", c, err)
		}
	}
	var empty pledge.Book
	if _, err := empty.Total(pledge.Query{Donors: []string{"Freedonia"}}); !errors.Is(err, pledge.ErrUnknownName) {
		t.Errorf("empty book: %v, want ErrUnknownName", err)
	}
}

func TestBookNames(t *testing.T) {
	b := namesBook(t)
	if diff := cmp.Diff([]string{"Freedonia", "Österreich", "Zambia"}, b.Donors()); diff != "" {
		t.Errorf("donors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Sylvania", "Ukraine"}, b.Recipients()); diff != "" {
		t.Errorf("recipients (-want +got):\n%s", diff)
	}
	want := []pledge.Category{"demining", "health/vaccines", pledge.Humanitarian, pledge.MilitaryNonLethal, pledge.Unspecified}
	if diff := cmp.Diff(want, b.Categories()); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	var empty pledge.Book
	if len(empty.Donors())+len(empty.Recipients())+len(empty.Categories()) != 0 {
		t.Error("an empty book lists names")
	}
}

// TestNameErrorWholeWords: a name that is a whole word of the book's names
// suggests them, after names a small edit away, shortest first and ties
// in alphabetical order, whatever order the records came in.
func TestNameErrorWholeWords(t *testing.T) {
	recs := []pledge.Pledge{
		{ID: "1", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("1"), Categories: cats("health/vaccines")},
		{ID: "2", Donor: "Republic of Korea", Recipient: "Ukraine", Amount: usd("1")},
		{ID: "3", Donor: "Japan", Recipient: "Ukraine", Amount: usd("1")},
		{ID: "4", Donor: "Czech Republic", Recipient: "Republic of Moldova", Amount: usd("1")},
		{ID: "5", Donor: "North Korea", Recipient: "Ukraine", Amount: usd("1")},
	}
	tests := []struct {
		q    pledge.Query
		want string
	}{
		{pledge.Query{Donors: []string{"Korea"}}, `pledge: query: donors[0]: no donor "Korea" in the book (nearest: "North Korea", "South Korea", "Republic of Korea")`},
		{pledge.Query{Donors: []string{"korea south"}}, `pledge: query: donors[0]: no donor "korea south" in the book (nearest: "South Korea")`},
		{pledge.Query{Donors: []string{"KORÉA"}}, `pledge: query: donors[0]: no donor "KORÉA" in the book (nearest: "North Korea", "South Korea", "Republic of Korea")`},
		{pledge.Query{Donors: []string{"Japn"}}, `pledge: query: donors[0]: no donor "Japn" in the book (nearest: "Japan")`},
		{pledge.Query{Donors: []string{"Republic"}}, `pledge: query: donors[0]: no donor "Republic" in the book (nearest: "Czech Republic", "Republic of Korea")`},
		{pledge.Query{Recipients: []string{"Moldova"}}, `pledge: query: recipients[0]: no recipient "Moldova" in the book (nearest: "Republic of Moldova")`},
		{pledge.Query{Donors: []string{"Kor"}}, `pledge: query: donors[0]: no donor "Kor" in the book`},
		{pledge.Query{Categories: cats("vaccines")}, `pledge: query: categories[0]: no category "vaccines" in the book (nearest: "health/vaccines")`},
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}} {
		var in []pledge.Pledge
		for _, i := range order {
			in = append(in, recs[i])
		}
		b := bookOf(t, in...)
		for _, tt := range tests {
			_, err := b.Total(tt.q)
			if !errors.Is(err, pledge.ErrUnknownName) {
				t.Errorf("%v: %v, want ErrUnknownName", tt.q, err)
				continue
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("records in order %v, %v (-want +got):\n%s", order, tt.q, diff)
			}
		}
	}
}
