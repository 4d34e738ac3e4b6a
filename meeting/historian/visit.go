package historian

import (
	"fmt"
	"time"

	"github.com/summitry/summitry/internal/civil"
)

// Visit is one record of the Office of the Historian's "Visits by Foreign
// Leaders".
//
// ID is the record's id, which is positive. Start and End are civil dates
// (midnight UTC), End not before Start. Visitor is the visitor element's
// text with its white space collapsed; Title and Name are Visitor split by
// [SplitVisitor] ("President" and "Yoon Suk Yeol"; "" and the whole text
// when no title is recognised). CountryID and CountryLabel are the from
// element's id attribute and text ("korea-south", "South Korea"); Country is
// their ISO 3166-1 alpha-2 code by [CountryCode], empty when they name no
// country or one the tables do not know. Description is the description's
// text with the <em> markup dropped and white space collapsed; it may be
// empty.
type Visit struct {
	ID           int
	Start, End   time.Time
	Visitor      string
	Title, Name  string
	CountryID    string
	CountryLabel string
	Country      string
	Description  string
}

// String returns one line: "3157 2023-04-26..2023-04-26 President Yoon Suk
// Yeol (South Korea)".
func (v Visit) String() string {
	return fmt.Sprintf("%d %s..%s %s (%s)", v.ID, civil.Format(v.Start), civil.Format(v.End), v.Visitor, v.CountryLabel)
}

// Equal reports whether v and o are the same record field by field, dates
// compared as instants.
func (v Visit) Equal(o Visit) bool {
	return v.ID == o.ID && v.Start.Equal(o.Start) && v.End.Equal(o.End) &&
		v.Visitor == o.Visitor && v.Title == o.Title && v.Name == o.Name &&
		v.CountryID == o.CountryID && v.CountryLabel == o.CountryLabel && v.Country == o.Country &&
		v.Description == o.Description
}

// Covers reports whether the visit's dates include the civil date of day,
// both ends included.
func (v Visit) Covers(day time.Time) bool {
	day = civil.Date(day)
	return !day.IsZero() && !day.Before(v.Start) && !day.After(v.End)
}
