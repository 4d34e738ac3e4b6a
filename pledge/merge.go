package pledge

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// Merge adds every record of other to b, in the order other holds them
// ([Book.All]), as one call of [Book.Add]: all or nothing. Records that b
// holds already, equal ones, change nothing, so books that overlap merge,
// and merging a book twice is merging it once. A record of other that
// differs from the one b holds under its ID is [ErrDuplicate], naming the
// field; its Problem.Index is its position in other.All(). Records of
// other may refer (Revises, Under) to records of b, and the other way
// round once merged. Merging a nil book adds nothing.
func (b *Book) Merge(other *Book) error {
	if other == nil {
		return nil
	}
	// other's records passed checkFields when other took them.
	return b.add(other.All(), true, nil)
}

// differs describes how p differs from the record the store holds at
// position at, after giving p what Add would give it (the Under of the
// record it restates); "" when they are equal.
func (s *store) differs(at int32, p *Pledge) string {
	q := *p
	if q.Under == "" && q.Revises != "" {
		if r, ok := s.pos(q.Revises); ok {
			q.Under = s.extraOf(r).under
		}
	}
	old := s.pledge(at)
	if old.Equal(q) {
		return ""
	}
	field, x, y := firstDifference(old, q)
	return fmt.Sprintf(" with %s %s, not %s", field, x, y)
}

// repeated describes how b, given after a under the same ID, differs from
// it; "" when they are equal.
func repeated(a, b Pledge) string {
	if a.Equal(b) {
		return ""
	}
	field, x, y := firstDifference(a, b)
	return fmt.Sprintf(", first with %s %s, then %s", field, x, y)
}

// firstDifference names the first field in which two records that are not
// Equal differ, in the order of the Pledge type, and the two values.
func firstDifference(a, b Pledge) (field, x, y string) {
	a.normalize()
	b.normalize()
	text := func(s string) string { return problem.Quote(s) }
	switch {
	case a.Donor != b.Donor:
		return "donor", text(a.Donor), text(b.Donor)
	case a.Recipient != b.Recipient:
		return "recipient", text(a.Recipient), text(b.Recipient)
	case !a.Amount.Equal(b.Amount):
		return "amount", a.Amount.String(), b.Amount.String()
	case a.Qualifier != b.Qualifier:
		return "qualifier", a.Qualifier.String(), b.Qualifier.String()
	case !slices.Equal(a.Categories, b.Categories):
		return "categories", categoryList(a.Categories), categoryList(b.Categories)
	}
	if len(a.Parts) != len(b.Parts) {
		return "parts", count(len(a.Parts), "part"), count(len(b.Parts), "part")
	}
	for i := range a.Parts {
		p, q := a.Parts[i], b.Parts[i]
		f := "parts[" + strconv.Itoa(i) + "]."
		switch {
		case !p.Amount.Equal(q.Amount):
			return f + "amount", p.Amount.String(), q.Amount.String()
		case p.Qualifier != q.Qualifier:
			return f + "qualifier", p.Qualifier.String(), q.Qualifier.String()
		case !slices.Equal(p.Categories, q.Categories):
			return f + "categories", categoryList(p.Categories), categoryList(q.Categories)
		case p.Year != q.Year:
			return f + "year", strconv.Itoa(p.Year), strconv.Itoa(q.Year)
		case p.Note != q.Note:
			return f + "note", text(p.Note), text(q.Note)
		}
	}
	switch {
	case a.Stage != b.Stage:
		return "stage", a.Stage.String(), b.Stage.String()
	case !a.Date.Equal(b.Date) || a.DatePrecision != b.DatePrecision:
		return "date", dateText(a), dateText(b)
	case a.Occasion != b.Occasion:
		return "occasion", text(a.Occasion), text(b.Occasion)
	case a.Revises != b.Revises:
		return "revises", text(a.Revises), text(b.Revises)
	case a.Under != b.Under:
		return "under", text(a.Under), text(b.Under)
	}
	if len(a.Sources) != len(b.Sources) {
		return "sources", count(len(a.Sources), "source"), count(len(b.Sources), "source")
	}
	for i := range a.Sources {
		s, t := a.Sources[i], b.Sources[i]
		f := "sources[" + strconv.Itoa(i) + "]."
		switch {
		case s.Publisher != t.Publisher:
			return f + "publisher", text(s.Publisher), text(t.Publisher)
		case s.Title != t.Title:
			return f + "title", text(s.Title), text(t.Title)
		case s.URL != t.URL:
			return f + "url", text(s.URL), text(t.URL)
		case s.Quote != t.Quote:
			return f + "quote", text(s.Quote), text(t.Quote)
		case !s.Equal(t):
			return f + "date", FormatDate(s.Date, Day), FormatDate(t.Date, Day)
		}
	}
	return "note", text(a.Note), text(b.Note)
}

// categoryList writes categories for a message: [humanitarian,
// military/non-lethal], or "none".
func categoryList(cs []Category) string {
	if len(cs) == 0 {
		return "none"
	}
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = problem.Quote(string(c))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// count writes "1 record", "2 records", "3 batches".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "ch") {
		return strconv.Itoa(n) + " " + what + "es"
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// dateText writes a record's date at its precision, or "none".
func dateText(p Pledge) string {
	if p.Date.IsZero() {
		return "none"
	}
	return FormatDate(p.Date, p.DatePrecision)
}
