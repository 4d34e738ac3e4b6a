package pledge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// TestAddSameRecordAgain: a record equal to the one the book holds under
// its ID is already there, whatever time of day its date has; a record
// that differs is a duplicate, and the error names the first field that
// differs, with both values. Lists of categories are sets: another order
// is the same record.
func TestAddSameRecordAgain(t *testing.T) {
	base := pledge.Pledge{ID: "a", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("100"), Date: day("2023-07-15"),
		Categories: cats(pledge.MilitaryNonLethal, pledge.Reconstruction),
		Parts:      []pledge.Part{{Amount: usd("30"), Categories: cats(pledge.Humanitarian, pledge.FinancialGrant)}},
		Sources:    []pledge.Source{{Publisher: "Yonhap", Date: day("2023-07-15")}}}
	with := func(f func(*pledge.Pledge)) pledge.Pledge {
		p := base
		p.Parts = append([]pledge.Part(nil), base.Parts...)
		p.Sources = append([]pledge.Source(nil), base.Sources...)
		f(&p)
		return p
	}
	tests := []struct {
		name string
		p    pledge.Pledge
		want string // "" when the record is already there
	}{
		{"same", base, ""},
		{"same day, another hour", with(func(p *pledge.Pledge) { p.Date = p.Date.Add(13 * 60 * 60 * 1e9) }), ""},
		{"same amount, other digits", with(func(p *pledge.Pledge) { p.Amount = usd("100.00") }), ""},
		{"categories in another order", with(func(p *pledge.Pledge) { p.Categories = cats(pledge.Reconstruction, pledge.MilitaryNonLethal) }), ""},
		{"part categories in another order", with(func(p *pledge.Pledge) {
			p.Categories = cats(pledge.Reconstruction, pledge.MilitaryNonLethal)
			p.Parts[0].Categories = cats(pledge.FinancialGrant, pledge.Humanitarian)
		}), ""},
		{"categories", with(func(p *pledge.Pledge) { p.Categories = cats(pledge.Reconstruction) }),
			`with categories ["military/non-lethal", "reconstruction"], not ["reconstruction"]`},
		{"donor", with(func(p *pledge.Pledge) { p.Donor = "Japan" }), `with donor "South Korea", not "Japan"`},
		{"amount", with(func(p *pledge.Pledge) { p.Amount = usd("101") }), `with amount USD 100, not USD 101`},
		{"qualifier", with(func(p *pledge.Pledge) { p.Qualifier = pledge.Approximately }), `with qualifier exact, not approximately`},
		{"part category", with(func(p *pledge.Pledge) { p.Parts[0].Categories = cats(pledge.Military) }),
			`with parts[0].categories ["humanitarian", "financial/grant"], not ["military"]`},
		{"parts", with(func(p *pledge.Pledge) { p.Parts = nil }), `with parts 1 part, not 0 parts`},
		{"stage", with(func(p *pledge.Pledge) { p.Stage = pledge.Committed }), `with stage pledged, not committed`},
		{"date", with(func(p *pledge.Pledge) { p.Date = day("2023-07-01"); p.DatePrecision = pledge.Month }), `with date 2023-07-15, not 2023-07`},
		{"source date", with(func(p *pledge.Pledge) { p.Sources[0].Date = day("2023-07-16") }), `with sources[0].date 2023-07-15, not 2023-07-16`},
		{"note", with(func(p *pledge.Pledge) { p.Note = "n" }), `with note "", not "n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bookOf(t, base)
			v := b.Version()
			err := b.Add(tt.p)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Add of the same record: %v", err)
				}
				if b.Len() != 1 || b.Version() != v {
					t.Errorf("Add of the same record: %d records, version %d → %d; want 1 record, no new version", b.Len(), v, b.Version())
				}
				return
			}
			if !errors.Is(err, pledge.ErrDuplicate) {
				t.Fatalf("Add = %v, want ErrDuplicate", err)
			}
			want := `pledge "a" id: duplicate: "a" is already in the book ` + tt.want
			if diff := cmp.Diff(want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if b.Version() != v || b.Len() != 1 {
				t.Errorf("a refused Add changed the book")
			}
		})
	}
}

// TestAddRepeatsInOneCall: a record given twice in one call is recorded
// once; two different records under one ID are a duplicate.
func TestAddRepeatsInOneCall(t *testing.T) {
	a := pledge.Pledge{ID: "a", Donor: "D", Amount: usd("1")}
	var b pledge.Book
	reordered := pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Categories: cats(pledge.Humanitarian, pledge.Military)}
	again := reordered
	again.Categories = cats(pledge.Military, pledge.Humanitarian)
	if err := b.Add(a, a, pledge.Pledge{ID: "b", Donor: "D", Amount: usd("2"), Revises: "a"}, a, reordered, again); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3 || b.Version() != 1 {
		t.Errorf("%d records at version %d, want 3 at version 1", b.Len(), b.Version())
	}
	if x, _ := b.Pledge("x"); !x.Equal(reordered) {
		t.Errorf("the book keeps %v, want the order first given, %v", x.Categories, reordered.Categories)
	}
	other := a
	other.Donor = "E"
	err := b.Add(pledge.Pledge{ID: "c", Donor: "D", Amount: usd("1")}, pledge.Pledge{ID: "c", Donor: "E", Amount: usd("1")})
	want := `pledge "c" id: duplicate: "c" is given twice, first with donor "D", then "E"`
	if err == nil || err.Error() != want {
		t.Errorf("Add = %v, want %s", err, want)
	}
}

// TestAddSameRestatement: a restatement given without the Under it takes
// from the record it restates is still the same record.
func TestAddSameRestatement(t *testing.T) {
	recs := []pledge.Pledge{
		{ID: "c", Donor: "D", Amount: usd("100"), Stage: pledge.Committed},
		{ID: "x", Donor: "D", Amount: usd("10"), Stage: pledge.Disbursed, Under: "c"},
		{ID: "x2", Donor: "D", Amount: usd("12"), Stage: pledge.Disbursed, Revises: "x"},
	}
	b := bookOf(t, recs...)
	if got, _ := b.Pledge("x2"); got.Under != "c" {
		t.Fatalf("x2 is under %q, want c", got.Under)
	}
	v := b.Version()
	if err := b.Add(recs...); err != nil {
		t.Fatalf("adding the same records again: %v", err)
	}
	if b.Version() != v || b.Len() != 3 {
		t.Errorf("adding the same records again changed the book")
	}
}

// TestVersion: the version changes with every Add that adds something,
// and the totals keep the version they were computed at.
func TestVersion(t *testing.T) {
	var b pledge.Book
	if b.Version() != 0 {
		t.Errorf("a new book is at version %d", b.Version())
	}
	t0, _ := b.Total(pledge.Query{})
	steps := []struct {
		add  []pledge.Pledge
		want uint64
	}{
		{[]pledge.Pledge{{ID: "a", Donor: "D", Amount: usd("1")}}, 1},
		{[]pledge.Pledge{{ID: "a", Donor: "D", Amount: usd("1")}}, 1}, // already there
		{nil, 1}, // nothing
		{[]pledge.Pledge{{ID: "a", Donor: "D", Amount: usd("2")}}, 1},            // refused
		{[]pledge.Pledge{{ID: "b", Donor: "D", Amount: usd("2")}, {ID: "c"}}, 1}, // refused
		{[]pledge.Pledge{{ID: "b", Donor: "D", Amount: usd("2")}}, 2},
	}
	for i, s := range steps {
		_ = b.Add(s.add...)
		if got := b.Version(); got != s.want {
			t.Errorf("step %d: version %d, want %d", i, got, s.want)
		}
	}
	t1, _ := b.Total(pledge.Query{})
	if t0.Version() != 0 || t1.Version() != 2 {
		t.Errorf("totals at versions %d and %d, want 0 and 2", t0.Version(), t1.Version())
	}
}

// TestMerge merges two books that overlap, with records of each that
// restate or fulfil records of the other.
func TestMerge(t *testing.T) {
	shared := pledge.Pledge{ID: "kr-ua-g20", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("2300000000"), Stage: pledge.Committed, Date: day("2023-09-10")}
	a := bookOf(t, shared,
		pledge.Pledge{ID: "kr-ua-07", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("150000000"), Date: day("2023-07-15")},
	)
	b := bookOf(t, shared,
		pledge.Pledge{ID: "kr-ua-g20-paid", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("300000000"), Stage: pledge.Disbursed, Under: "kr-ua-g20", Date: day("2024-01-10")},
	)
	// A record of a that restates one of b: it refers across the books.
	if err := a.Add(pledge.Pledge{ID: "kr-ua-07b", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("160000000"), Date: day("2023-07-20"), Revises: "kr-ua-07"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Fatalf("merging twice: %v", err)
	}
	if err := a.Merge(a); err != nil {
		t.Fatalf("merging a book into itself: %v", err)
	}
	if err := a.Merge(nil); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range a.All() {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"kr-ua-g20", "kr-ua-07", "kr-ua-07b", "kr-ua-g20-paid"}, ids); diff != "" {
		t.Errorf("merged records (-want +got):\n%s", diff)
	}
	tot, err := a.Total(pledge.Query{Stage: pledge.Disbursed})
	if err != nil || len(tot.Sum()) != 1 || tot.Sum()[0].String() != "USD 300000000" {
		t.Errorf("disbursed after the merge: %v %v, want USD 300000000", tot.Sum(), err)
	}
	tot, _ = a.Total(pledge.Query{})
	if got := tot.Sum()[0].String(); got != "USD 2460000000" {
		t.Errorf("pledged after the merge: %s, want USD 2460000000 (the restatement counts, the paid part is within its commitment)", got)
	}

	// b merges a back: the restatement of a record b never had comes with it.
	if err := b.Merge(a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Pledges(), b.Pledges()); diff != "" {
		t.Errorf("the books differ after merging both ways (-a +b):\n%s", diff)
	}

	// A conflicting record refuses the whole merge.
	c := bookOf(t, pledge.Pledge{ID: "new", Donor: "Japan", Amount: usd("1")},
		pledge.Pledge{ID: "kr-ua-07", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("150000001"), Date: day("2023-07-15")})
	v := a.Version()
	err = a.Merge(c)
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Index != 1 ||
		!strings.Contains(err.Error(), `"kr-ua-07" is already in the book with amount USD 150000000, not USD 150000001`) {
		t.Errorf("Merge of a conflicting book = %v", err)
	}
	if _, ok := a.Pledge("new"); ok || a.Version() != v {
		t.Error("a refused Merge changed the book")
	}
}
