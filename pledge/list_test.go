package pledge_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// listBook is a book with a bit of everything List filters on: donors,
// recipients, stages, dates of every precision and none, parts that
// cover the whole or not, revisions and fulfilment.
func listBook(t *testing.T) *pledge.Book {
	t.Helper()
	donors := []string{"South Korea", "Japan", "Côte d'Ivoire"}
	var ps []pledge.Pledge
	for i := range 240 {
		p := pledge.Pledge{
			ID:        fmt.Sprintf("r%03d", (i*7)%240), // not in date order
			Donor:     donors[i%3],
			Recipient: []string{"", "Ukraine", "Gaza"}[i%3*(i%2)],
			Amount:    usd(fmt.Sprint(100 + i)),
			Stage:     pledge.Stage(i % 4),
			Date:      day("2023-01-01").AddDate(0, 0, (i*37)%700),
		}
		switch i % 5 {
		case 0:
			p.Categories = cats(pledge.Humanitarian)
		case 1:
			p.Categories = cats(pledge.MilitaryNonLethal, pledge.Humanitarian)
		case 2: // parts that cover the whole: the record's own categories hold nothing
			p.Categories = cats(pledge.Military)
			p.Parts = []pledge.Part{{Amount: p.Amount, Categories: cats(pledge.FinancialLoan)}}
		case 3:
			p.Parts = []pledge.Part{{Amount: usd("10"), Categories: cats(pledge.Reconstruction)}}
		}
		switch i % 11 {
		case 4:
			p.Date = time.Time{}
		case 5:
			p.Date, p.DatePrecision = time.Date(p.Date.Year(), p.Date.Month(), 1, 0, 0, 0, 0, time.UTC), pledge.Month
		case 6:
			p.Date, p.DatePrecision = time.Date(p.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC), pledge.Year
		}
		ps = append(ps, p)
	}
	b := bookOf(t, ps...)
	// Restatements and a fulfilment: the restated records no longer count.
	var more []pledge.Pledge
	for i := 0; i < 240; i += 17 {
		old, _ := b.Pledge(fmt.Sprintf("r%03d", i))
		r := old
		r.ID, r.Revises, r.Amount = old.ID+"b", old.ID, usd("500")
		more = append(more, r)
	}
	more = append(more, pledge.Pledge{ID: "paid", Donor: "Japan", Amount: usd("1"), Stage: pledge.Disbursed, Under: "r001", Date: day("2024-06-01")})
	if err := b.Add(more...); err != nil {
		t.Fatal(err)
	}
	return b
}

// matches is List's rule, written out plainly over the records that
// count.
func matches(p pledge.Pledge, q pledge.Query) bool {
	if p.Stage < q.Stage {
		return false
	}
	in := func(name string, names []string) bool {
		if len(names) == 0 {
			return true
		}
		for _, n := range names {
			if strings.EqualFold(strings.ReplaceAll(n, "ô", "o"), strings.ReplaceAll(name, "ô", "o")) {
				return true
			}
		}
		return false
	}
	if !in(p.Donor, q.Donors) || !in(p.Recipient, q.Recipients) {
		return false
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		if p.Date.IsZero() {
			return false
		}
		last := p.Date
		switch p.DatePrecision {
		case pledge.Month:
			last = p.Date.AddDate(0, 1, -1)
		case pledge.Year:
			last = p.Date.AddDate(1, 0, -1)
		}
		if !q.From.IsZero() && p.Date.Before(q.From) || !q.To.IsZero() && last.After(q.To) {
			return false
		}
	}
	if len(q.Categories) == 0 {
		return true
	}
	within := func(cs []pledge.Category) bool {
		if len(cs) == 0 {
			cs = cats(pledge.Unspecified)
		}
		for _, c := range cs {
			for _, f := range q.Categories {
				if c.Within(f) {
					return true
				}
			}
		}
		return false
	}
	rest := p.Amount
	for _, pt := range p.Parts {
		if within(pt.Categories) {
			return true
		}
		rest, _ = rest.Sub(pt.Amount)
	}
	return (len(p.Parts) == 0 || rest.Sign() > 0) && within(p.Categories)
}

// TestList pages through the records of several queries and checks them
// against the plain rule, in Pledges' order, at several page sizes.
func TestList(t *testing.T) {
	b := listBook(t)
	queries := []pledge.Query{
		{},
		{Stage: pledge.Committed},
		{Donors: []string{"south korea"}},
		{Donors: []string{"Japan", "cote d'ivoire"}, Recipients: []string{"Ukraine"}},
		{Categories: cats(pledge.Humanitarian)},
		{Categories: cats(pledge.Military)},
		{Categories: cats(pledge.Financial, pledge.Unspecified)},
		{Categories: cats(pledge.Reconstruction), Stage: pledge.Allocated},
		{From: day("2023-06-01")},
		{From: day("2023-06-01"), To: day("2024-03-31"), Donors: []string{"Japan"}},
		{To: day("2023-12-31"), GroupBy: []pledge.Dimension{pledge.ByDonor}}, // grouping does not apply
	}
	for _, q := range queries {
		t.Run(q.String(), func(t *testing.T) {
			var want []pledge.Pledge
			for _, p := range b.Pledges() {
				if matches(p, q) {
					want = append(want, p)
				}
			}
			if len(want) == 0 {
				t.Fatal("the query finds nothing: a weak test")
			}
			for _, size := range []int{1, 7, 100, 1000} {
				var got []pledge.Pledge
				for offset := 0; ; offset += size {
					page, err := b.List(q, offset, size)
					if err != nil {
						t.Fatal(err)
					}
					if page.Total != len(want) || page.Offset != offset || page.Version != b.Version() || len(page.Records) > size {
						t.Fatalf("page at %d of %d: total %d, offset %d, version %d, %d records; want total %d",
							offset, size, page.Total, page.Offset, page.Version, len(page.Records), len(want))
					}
					if len(page.Records) == 0 {
						break
					}
					got = append(got, page.Records...)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("pages of %d (-want +got):\n%s", size, diff)
				}
			}
		})
	}
}

// TestListKeepsUp: records added after a list are in the next, in order.
func TestListKeepsUp(t *testing.T) {
	var b pledge.Book
	for i := range 30 {
		// Dates out of order, so every batch is merged into the middle.
		if err := b.Add(pledge.Pledge{ID: fmt.Sprint("p", i), Donor: "D", Amount: usd("1"), Date: day("2024-01-01").AddDate(0, 0, (i*13)%30)}); err != nil {
			t.Fatal(err)
		}
		page, err := b.List(pledge.Query{}, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(b.Pledges(), page.Records); diff != "" || page.Total != i+1 {
			t.Fatalf("after %d adds, total %d (-Pledges +List):\n%s", i+1, page.Total, diff)
		}
	}
}

// TestListErrors: bad pages and names that fit nothing are errors; a
// page past the end and a limit of 0 are not.
func TestListErrors(t *testing.T) {
	b := listBook(t)
	for _, c := range []struct {
		q             pledge.Query
		offset, limit int
		err           error
	}{
		{pledge.Query{}, -1, 10, pledge.ErrInvalid},
		{pledge.Query{}, 0, -1, pledge.ErrInvalid},
		{pledge.Query{Stage: 9}, 0, 10, pledge.ErrInvalid},
		{pledge.Query{Donors: []string{"Freedonia"}}, 0, 10, pledge.ErrUnknownName},
		{pledge.Query{Categories: cats("military/tanks")}, 0, 10, pledge.ErrUnknownName},
	} {
		if _, err := b.List(c.q, c.offset, c.limit); !errors.Is(err, c.err) {
			t.Errorf("List(%v, %d, %d) = %v, want %v", c.q, c.offset, c.limit, err, c.err)
		}
	}
	page, err := b.List(pledge.Query{}, 10_000, 10)
	if err != nil || len(page.Records) != 0 || page.Records == nil || page.Total != len(b.Pledges()) {
		t.Errorf("a page past the end: %d records (nil: %v), total %d, %v", len(page.Records), page.Records == nil, page.Total, err)
	}
	page, err = b.List(pledge.Query{}, 0, 0)
	if err != nil || len(page.Records) != 0 || page.Total != len(b.Pledges()) {
		t.Errorf("limit 0: %d records, total %d, %v", len(page.Records), page.Total, err)
	}
	var empty pledge.Book
	if page, err := empty.List(pledge.Query{}, 0, 10); err != nil || page.Total != 0 || page.Records == nil {
		t.Errorf("an empty book: %+v, %v", page, err)
	}
}

// TestListIgnoresGrouping: what does not pick records is not looked at,
// so a query that Total refuses for its grouping or currency lists as
// the zero Query does.
func TestListIgnoresGrouping(t *testing.T) {
	b := listBook(t)
	want, err := b.List(pledge.Query{}, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []pledge.Query{
		{In: currency.EUR}, // no Rates
		{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByDonor}},
		{GroupBy: []pledge.Dimension{9}},
		{Depth: -1},
		{In: currency.XTS, RatePeriod: 9},
	} {
		if _, err := b.Total(q); err == nil {
			t.Errorf("Total(%v): no error", q)
		}
		got, err := b.List(q, 3, 5)
		if err != nil {
			t.Errorf("List(%v): %v", q, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("List(%v) (-want +got):\n%s", q, diff)
		}
	}
	for _, q := range []pledge.Query{
		{Categories: cats("Military")},
		{From: day("2024-01-01"), To: day("2023-01-01")},
	} {
		if _, err := b.List(q, 0, 1); !errors.Is(err, pledge.ErrInvalid) && !errors.Is(err, pledge.ErrInvalidCategory) {
			t.Errorf("List(%v) = %v, want an error", q, err)
		}
	}
}

// TestListTotalAndRecords: Page.Total counts the records found, a child
// under a commitment as well; Totals.Records the records whose money is
// added, and the child's is within its parent's.
func TestListTotalAndRecords(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "c", Donor: "South Korea", Amount: usd("300"), Stage: pledge.Committed, Date: day("2023-09-10")},
		pledge.Pledge{ID: "d", Donor: "South Korea", Amount: usd("100"), Stage: pledge.Disbursed, Under: "c", Date: day("2024-01-10")},
	)
	page, err := b.List(pledge.Query{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	tot, err := b.Total(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || tot.Records() != 1 {
		t.Errorf("Page.Total %d, Totals.Records %d; want 2 and 1", page.Total, tot.Records())
	}
	big := listBook(t)
	page, _ = big.List(pledge.Query{}, 0, 0)
	tot, _ = big.Total(pledge.Query{})
	if page.Total != tot.Records()+1 { // "paid", under r001
		t.Errorf("the list book: Page.Total %d, Totals.Records %d", page.Total, tot.Records())
	}
}
