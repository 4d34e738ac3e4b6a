package pledge

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// exactBook returns a Book that shares b's records but lays none of them
// out for Total's integer scan: every record that stands alone takes the
// general path, with exact decimals and the years of its pieces as keys.
func exactBook(b *Book) *Book {
	e := &Book{st: b.st, version: b.version}
	e.st.pieces = pieces{}
	for i := range e.st.recs {
		if e.st.standalone(int32(i)) {
			e.st.slowRecs = append(e.st.slowRecs, int32(i))
		}
	}
	return e
}

// totalsOutcome is what a Total says: its rows, its sums with their
// qualifiers, and the records counted in all and in each currency.
type totalsOutcome struct {
	Rows      []Row
	Figures   []Figure
	Records   int
	RecordsIn map[string]int
}

func outcomeOf(tot Totals) totalsOutcome {
	o := totalsOutcome{Rows: tot.Rows(), Figures: tot.Figures(), Records: tot.Records(), RecordsIn: map[string]int{}}
	for _, s := range tot.Sum() {
		o.RecordsIn[s.Currency().String()] = tot.RecordsIn(s.Currency())
	}
	return o
}

// sameAsExact checks that Total of q over b says what the general path
// alone says.
func sameAsExact(t *testing.T, what string, b *Book, q Query) Totals {
	t.Helper()
	got, err := b.Total(q)
	if err != nil {
		t.Fatalf("%s: %v: %v", what, q, err)
	}
	want, err := exactBook(b).Total(q)
	if err != nil {
		t.Fatalf("%s: %v by the general path: %v", what, q, err)
	}
	if diff := cmp.Diff(outcomeOf(want), outcomeOf(got)); diff != "" {
		t.Fatalf("%s: %v: the fast path against the general path (-want +got):\n%s", what, q, diff)
	}
	return got
}

// yearsQueries are the queries by year the tests of years run: alone,
// with a dimension of many keys (donors: laid out densely or not as the
// years span few or many), with every dimension, and by stage.
var yearsQueries = [][]Dimension{
	{ByYear},
	{ByYear, ByDonor},
	{ByDonor, ByCategory, ByYear, ByCurrency},
	{ByStage, ByYear},
}

// TestTotalByYearSpread totals books whose years lie at the ends of what
// a date may be (year 1 and year 9999), in one year, or nowhere (undated),
// with parts of years of their own, by year and within windows of dates,
// and holds each total to the exact path's and to the amounts by hand.
func TestTotalByYearSpread(t *testing.T) {
	usd := func(v string) Amount { return MustAmount(v, "USD") }
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	spread := []Pledge{
		{ID: "first", Donor: "A", Amount: usd("1"), Date: date(1, 1, 2)}, // 0001-01-01 is time.Time's zero: no date
		{ID: "last", Donor: "B", Amount: usd("2"), Date: date(9999, 12, 31)},
		{ID: "undated", Donor: "A", Amount: usd("4"), Parts: []Part{{Amount: usd("1"), Year: 1}, {Amount: usd("1"), Year: 9999}}},
		{ID: "month", Donor: "B", Amount: usd("8"), Date: date(2024, 3, 1), DatePrecision: Month, Parts: []Part{{Amount: usd("3"), Year: 2020}}},
		{ID: "year", Donor: "C", Amount: usd("16"), Date: date(2023, 1, 1), DatePrecision: Year},
		{ID: "huge", Donor: "C", Amount: usd("1000000000000000000000.5"), Date: date(9999, 1, 1)}, // beyond the integer scan
	}
	type row struct{ Year, Amount string }
	for _, c := range []struct {
		name     string
		book     []Pledge
		from, to time.Time
		want     []row
	}{
		{"one record", spread[:1], time.Time{}, time.Time{}, []row{{"1", "1"}}},
		{"one year", []Pledge{
			{ID: "a", Donor: "A", Amount: usd("1.25"), Date: date(2024, 7, 10)},
			{ID: "b", Donor: "B", Amount: usd("2"), Date: date(2024, 1, 1), DatePrecision: Year},
		}, time.Time{}, time.Time{}, []row{{"2024", "3.25"}}},
		{"years 1 and 9999", spread, time.Time{}, time.Time{}, []row{
			{"1", "2"}, {"2020", "3"}, {"2023", "16"}, {"2024", "5"}, {"9999", "1000000000000000000003.5"}, {"", "2"},
		}},
		{"from 2024", spread, date(2024, 1, 1), time.Time{}, []row{
			{"2020", "3"}, {"2024", "5"}, {"9999", "1000000000000000000002.5"},
		}},
		{"to 2023", spread, time.Time{}, date(2023, 12, 31), []row{{"1", "1"}, {"2023", "16"}}},
		{"within 2023", spread, date(2023, 6, 1), date(2023, 12, 31), nil}, // the year 2023 is not within June to December
		{"parts outside the window", spread, date(2024, 1, 1), date(2024, 12, 31), []row{{"2020", "3"}, {"2024", "5"}}},
		{"undated only", spread[2:3], time.Time{}, time.Time{}, []row{{"1", "1"}, {"9999", "1"}, {"", "2"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := &Book{}
			if err := b.Add(c.book...); err != nil {
				t.Fatal(err)
			}
			for _, dims := range yearsQueries {
				sameAsExact(t, c.name, b, Query{GroupBy: dims, From: c.from, To: c.to})
			}
			tot := sameAsExact(t, c.name, b, Query{GroupBy: []Dimension{ByYear}, From: c.from, To: c.to})
			var got []row
			for _, r := range tot.Rows() {
				got = append(got, row{r.Keys[0], r.Amount.Decimal().String()})
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("rows by year (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTotalByYearLaysOutItsYears: the integer scan lays out a group for
// each year the book's pieces carry (and one for no year), not one for
// each of the years 1 to 9999, which cost a book of one record 600 KB and
// a millisecond a total by year.
func TestTotalByYearLaysOutItsYears(t *testing.T) {
	usd := func(v string) Amount { return MustAmount(v, "USD") }
	one := []Pledge{{ID: "a", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("2300000000"), Date: time.Date(2023, 9, 10, 0, 0, 0, 0, time.UTC)}}
	for _, c := range []struct {
		name string
		book []Pledge
		q    Query
		want uint64 // groups laid out
	}{
		{"one record", one, Query{GroupBy: []Dimension{ByYear}}, 1},
		{"one record by donor", one, Query{GroupBy: []Dimension{ByYear, ByDonor}}, 3}, // names: none, the donor, the recipient
		{"undated", append([]Pledge{{ID: "b", Donor: "Japan", Amount: usd("1")}}, one...), Query{GroupBy: []Dimension{ByYear}}, 2},
		{"undated, in a window", append([]Pledge{{ID: "b", Donor: "Japan", Amount: usd("1")}}, one...), Query{GroupBy: []Dimension{ByYear}, From: one[0].Date}, 1},
		{"a part's year", []Pledge{{ID: "c", Donor: "Japan", Amount: usd("3"), Date: one[0].Date, Parts: []Part{{Amount: usd("1"), Year: 2026}}}}, Query{GroupBy: []Dimension{ByYear}}, 4},
		{"years 2021 to 2023, from 2023", []Pledge{
			{ID: "x", Donor: "A", Amount: usd("1"), Date: time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)},
			{ID: "y", Donor: "A", Amount: usd("1"), Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
		}, Query{GroupBy: []Dimension{ByYear}, From: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := &Book{}
			if err := b.Add(c.book...); err != nil {
				t.Fatal(err)
			}
			tl, err := newTotaler(&b.st, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if tl.dense != c.want {
				t.Errorf("%d groups laid out, want %d", tl.dense, c.want)
			}
			sameAsExact(t, c.name, b, c.q)
		})
	}
}

// TestPropertyTotalByYear totals random books whose dates and parts' years
// lie anywhere from year 1 to year 9999, or in a few years, undated or
// given by month or year, some of them too large for the integer scan,
// qualified, revised or in fulfilment trees, added in one batch or in
// several, by year with other dimensions and in random windows, and holds
// every total to the exact path's.
func TestPropertyTotalByYear(t *testing.T) {
	r := rand.New(rand.NewPCG(9999, 1))
	curs := []currency.Unit{currency.USD, currency.EUR}
	cats := DefaultCategories()
	for round := range 150 {
		wide := r.IntN(2) == 0 // years anywhere, or a few around 2024
		year := func() int {
			switch k := r.IntN(8); {
			case !wide:
				return 2022 + r.IntN(4)
			case k == 0:
				return 1
			case k == 1:
				return 9999
			default:
				return 1 + r.IntN(9999)
			}
		}
		donors := 1 + r.IntN(12)
		var book []Pledge
		for i := range 1 + r.IntN(60) {
			cur := curs[r.IntN(len(curs))]
			p := Pledge{
				ID: fmt.Sprint("p", i), Donor: fmt.Sprint("d", r.IntN(donors)),
				Amount:     AmountOf(decimal.New(r.Int64N(1_000_000), -int32(r.IntN(3))), cur),
				Categories: []Category{cats[r.IntN(len(cats))]},
				Stage:      Stage(r.IntN(4)),
			}
			if r.IntN(20) == 0 {
				p.Amount = AmountOf(decimal.RequireFromString("123456789012345678901234"), cur)
			}
			if r.IntN(6) != 0 {
				p.Date = time.Date(year(), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
				switch r.IntN(4) {
				case 0:
					p.Date, p.DatePrecision = time.Date(p.Date.Year(), p.Date.Month(), 1, 0, 0, 0, 0, time.UTC), Month
				case 1:
					p.Date, p.DatePrecision = time.Date(p.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC), Year
				}
				if p.Date.IsZero() { // 0001-01-01 is time.Time's zero: no date
					p.Date, p.DatePrecision = time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), Day
				}
			}
			if r.IntN(3) == 0 {
				left := p.Amount.Decimal()
				for range 1 + r.IntN(3) {
					v := left.Mul(decimal.New(r.Int64N(50), -2)).Truncate(2)
					left = left.Sub(v)
					pt := Part{Amount: AmountOf(v, cur), Categories: []Category{cats[r.IntN(len(cats))]}}
					if r.IntN(2) == 0 {
						pt.Year = year()
					}
					p.Parts = append(p.Parts, pt)
				}
			}
			if r.IntN(10) == 0 {
				p.Qualifier = Approximately
			}
			if i > 0 && r.IntN(8) == 0 {
				// Fulfil an earlier record of the same currency, at its stage
				// or later.
				j := r.IntN(i)
				if book[j].Amount.Currency() == cur && book[j].Revises == "" {
					p.Under, p.Stage = book[j].ID, max(p.Stage, book[j].Stage)
				}
			}
			book = append(book, p)
		}
		b := &Book{}
		for at := 0; at < len(book); {
			n := 1 + r.IntN(len(book)-at)
			if err := b.Add(book[at : at+n]...); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			at += n
		}
		if r.IntN(3) == 0 {
			// Restate a record that stands alone: its pieces stay in the
			// columns, no longer counting.
			old := book[r.IntN(len(book))]
			if old.Under == "" {
				re := Pledge{ID: "re", Donor: old.Donor, Amount: old.Amount, Revises: old.ID, Stage: old.Stage,
					Date: time.Date(year(), 6, 1, 0, 0, 0, 0, time.UTC)}
				if err := b.Add(re); err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			}
		}
		for _, dims := range yearsQueries {
			q := Query{GroupBy: dims, Stage: Stage(r.IntN(2))}
			switch r.IntN(4) {
			case 0:
				q.From = time.Date(year(), 1+time.Month(r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
			case 1:
				q.To = time.Date(year(), 1+time.Month(r.IntN(12)), 28, 0, 0, 0, 0, time.UTC)
			case 2:
				y1, y2 := year(), year()
				q.From = time.Date(min(y1, y2), 1+time.Month(r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
				q.To = time.Date(max(y1, y2), 12, 31, 0, 0, 0, 0, time.UTC)
			}
			sameAsExact(t, fmt.Sprintf("round %d", round), b, q)
		}
	}
}
