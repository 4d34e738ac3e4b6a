package pledge_test

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

func usd(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func cats(cs ...pledge.Category) []pledge.Category { return cs }

// koreaUkraine is the seed article's book: the G20 package with its
// humanitarian share, and the undivided July 2023 pledge.
func koreaUkraine() []pledge.Pledge {
	return []pledge.Pledge{
		{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("2300000000"), Date: day("2023-09-10"), Occasion: "G20 Summit 2023",
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: cats(pledge.Humanitarian)}},
		},
		{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount: usd("150000000"), Date: day("2023-07-15"),
			Categories: cats(pledge.Humanitarian, pledge.MilitaryNonLethal),
		},
	}
}

func TestAddRejects(t *testing.T) {
	good := pledge.Pledge{ID: "p", Donor: "D", Amount: usd("10")}
	with := func(f func(*pledge.Pledge)) pledge.Pledge { p := good; f(&p); return p }
	type want struct {
		Field string
		Err   string // the sentinel's name
	}
	tests := []struct {
		name  string
		batch []pledge.Pledge
		want  []want
	}{
		{"missing id", []pledge.Pledge{with(func(p *pledge.Pledge) { p.ID = "" })}, []want{{"id", "ErrMissing"}}},
		{"missing donor", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Donor = " " })}, []want{{"donor", "ErrMissing"}}},
		{"negative", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Amount = usd("-1") })}, []want{{"amount", "ErrInvalidAmount"}}},
		{"no currency", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Amount = pledge.Amount{} })}, []want{{"amount", "ErrInvalidCurrency"}}},
		{"bad category", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Categories = cats("Humanitarian") })}, []want{{"categories[0]", "ErrInvalidCategory"}}},
		{"empty category", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Categories = cats("") })}, []want{{"categories[0]", "ErrInvalidCategory"}}},
		{"overlapping categories", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Categories = cats(pledge.Military, pledge.MilitaryNonLethal) })}, []want{{"categories[1]", "ErrInvalidCategory"}}},
		{"bad stage", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Stage = 7 })}, []want{{"stage", "ErrInvalid"}}},
		{"parts exceed", []pledge.Pledge{with(func(p *pledge.Pledge) {
			p.Parts = []pledge.Part{{Amount: usd("6")}, {Amount: usd("5")}}
		})}, []want{{"parts", "ErrPartsExceed"}}},
		{"part in other currency", []pledge.Pledge{with(func(p *pledge.Pledge) {
			p.Parts = []pledge.Part{{Amount: pledge.MustAmount("1", "EUR")}}
		})}, []want{{"parts[0].amount", "ErrConflict"}}},
		{"negative part", []pledge.Pledge{with(func(p *pledge.Pledge) {
			p.Parts = []pledge.Part{{Amount: usd("-1")}}
		})}, []want{{"parts[0].amount", "ErrInvalidAmount"}}},
		{"duplicate in batch", []pledge.Pledge{good, with(func(p *pledge.Pledge) { p.Amount = usd("11") })}, []want{{"id", "ErrDuplicate"}}},
		{"duplicate in book", []pledge.Pledge{with(func(p *pledge.Pledge) { p.ID = "base" })}, []want{{"id", "ErrDuplicate"}}},
		{"revises nowhere", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Revises = "nope" })}, []want{{"revises", "ErrUnknownPledge"}}},
		{"under nowhere", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Under = "nope" })}, []want{{"under", "ErrUnknownPledge"}}},
		{"revises itself", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Revises = "p" })}, []want{{"revises", "ErrCycle"}}},
		{"under itself", []pledge.Pledge{with(func(p *pledge.Pledge) { p.Under = "p" })}, []want{{"under", "ErrCycle"}}},
		{"revision cycle", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.ID, p.Revises = "a", "b" }),
			with(func(p *pledge.Pledge) { p.ID, p.Revises = "b", "a" }),
		}, []want{{"revises", "ErrCycle"}, {"revises", "ErrCycle"}}},
		{"fulfilment cycle", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.ID, p.Under = "a", "b" }),
			with(func(p *pledge.Pledge) { p.ID, p.Under = "b", "a" }),
		}, []want{{"under", "ErrCycle"}, {"under", "ErrCycle"}}},
		{"cycle through a revision", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.ID, p.Revises, p.Under, p.Stage = "base2", "base", "child", pledge.Disbursed }),
		}, []want{{"under", "ErrCycle"}}},
		{"second revision", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.ID, p.Revises = "r1", "base" }),
			with(func(p *pledge.Pledge) { p.ID, p.Revises = "r2", "base" }),
		}, []want{{"revises", "ErrConflict"}}},
		{"under in another currency", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.Under, p.Amount = "base", pledge.MustAmount("1", "EUR") }),
		}, []want{{"under", "ErrConflict"}}},
		{"pledge under a disbursement", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.Under = "paid" }),
		}, []want{{"under", "ErrConflict"}}},
		{"one bad record among good ones", []pledge.Pledge{
			with(func(p *pledge.Pledge) { p.ID = "ok1" }),
			with(func(p *pledge.Pledge) { p.ID, p.Donor = "bad", "" }),
			with(func(p *pledge.Pledge) { p.ID = "ok2" }),
		}, []want{{"donor", "ErrMissing"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b pledge.Book
			base := []pledge.Pledge{
				{ID: "base", Donor: "D", Amount: usd("100")},
				{ID: "child", Donor: "D", Amount: usd("10"), Under: "base", Stage: pledge.Disbursed},
				{ID: "paid", Donor: "D", Amount: usd("10"), Stage: pledge.Disbursed},
			}
			if err := b.Add(base...); err != nil {
				t.Fatal(err)
			}
			before := b.All()
			err := b.Add(tt.batch...)
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Add = %v, want a *ValidationError", err)
			}
			var got []want
			for _, p := range ve.Problems {
				got = append(got, want{p.Field, sentinel(p)})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
			}
			for _, p := range ve.Problems {
				if !strings.Contains(err.Error(), p.Field) {
					t.Errorf("error %q does not name field %q", err, p.Field)
				}
			}
			if diff := cmp.Diff(before, b.All()); diff != "" {
				t.Errorf("a failed Add changed the book (-before +after):\n%s", diff)
			}
		})
	}
}

func TestAddErrorsIs(t *testing.T) {
	var b pledge.Book
	err := b.Add(pledge.Pledge{ID: "x", Amount: usd("-1")})
	for _, target := range []error{pledge.ErrMissing, pledge.ErrInvalidAmount} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(%v, %v) = false", err, target)
		}
	}
	if errors.Is(err, pledge.ErrDuplicate) {
		t.Errorf("errors.Is(%v, ErrDuplicate) = true", err)
	}
	want := "pledge: 2 problems:\n\tpledge \"x\" donor: missing field: who gives the money?\n\tpledge \"x\" amount: invalid amount: USD -1 is negative; record a reduction as a revision"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestBookReturnsCopies(t *testing.T) {
	var b pledge.Book
	in := koreaUkraine()
	if err := b.Add(in...); err != nil {
		t.Fatal(err)
	}
	in[1].Categories[0] = "changed" // the caller's slice is not the book's
	got, ok := b.Pledge("kr-ua-2023-07")
	if !ok || got.Categories[0] != pledge.Humanitarian {
		t.Fatalf("Pledge = %v, %v", got.Categories, ok)
	}
	got.Categories[0] = "changed" // nor is the returned one
	got.Parts = nil
	again, _ := b.Pledge("kr-ua-2023-07")
	if again.Categories[0] != pledge.Humanitarian {
		t.Errorf("returned slice aliases the book: %v", again.Categories)
	}
	all := b.Pledges()
	all[0].Parts = append(all[0].Parts, pledge.Part{})
	if ids := pledgeIDs(b.Pledges()); !cmp.Equal(ids, []string{"kr-ua-2023-07", "kr-ua-2023-g20"}) {
		t.Errorf("Pledges order = %v, want date order", ids)
	}
}

func pledgeIDs(ps []pledge.Pledge) []string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestRevisionHistory(t *testing.T) {
	var b pledge.Book
	err := b.Add(
		pledge.Pledge{ID: "v1", Donor: "D", Amount: usd("100"), Date: day("2023-01-01")},
		pledge.Pledge{ID: "v2", Donor: "D", Amount: usd("120"), Date: day("2023-02-01"), Revises: "v1"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(pledge.Pledge{ID: "v3", Donor: "D", Amount: usd("90"), Date: day("2023-03-01"), Revises: "v2"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"v1", "v2", "v3"}, pledgeIDs(b.History("v2"))); diff != "" {
		t.Errorf("History (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"v3"}, pledgeIDs(b.Pledges())); diff != "" {
		t.Errorf("Pledges (-want +got):\n%s", diff)
	}
	if b.Len() != 3 {
		t.Errorf("Len = %d, want 3", b.Len())
	}
	if _, ok := b.Pledge("v1"); !ok {
		t.Error("a revised record should still be found by ID")
	}
	if got := b.History("none"); got != nil {
		t.Errorf("History(none) = %v", got)
	}
}

func TestDatesAreCivil(t *testing.T) {
	var b pledge.Book
	seoul := time.FixedZone("KST", 9*3600)
	if err := b.Add(pledge.Pledge{ID: "p", Donor: "D", Amount: usd("1"), Date: time.Date(2023, 7, 15, 23, 30, 0, 0, seoul)}); err != nil {
		t.Fatal(err)
	}
	p, _ := b.Pledge("p")
	if want := time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC); !p.Date.Equal(want) || p.Date.Location() != time.UTC {
		t.Errorf("Date = %v, want %v", p.Date, want)
	}
}

// sentinel names the package sentinel err matches.
func sentinel(err error) string {
	for _, s := range []struct {
		name string
		err  error
	}{
		{"ErrMissing", pledge.ErrMissing}, {"ErrInvalidAmount", pledge.ErrInvalidAmount},
		{"ErrInvalidCurrency", pledge.ErrInvalidCurrency}, {"ErrInvalidCategory", pledge.ErrInvalidCategory},
		{"ErrInvalid", pledge.ErrInvalid}, {"ErrPartsExceed", pledge.ErrPartsExceed},
		{"ErrConflict", pledge.ErrConflict}, {"ErrDuplicate", pledge.ErrDuplicate},
		{"ErrUnknownPledge", pledge.ErrUnknownPledge}, {"ErrCycle", pledge.ErrCycle},
		{"ErrCurrencyMismatch", pledge.ErrCurrencyMismatch}, {"ErrMissingRate", pledge.ErrMissingRate},
	} {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return "unknown: " + err.Error()
}

func TestAddRejectsWhatCannotRoundTrip(t *testing.T) {
	good := pledge.Pledge{ID: "p", Donor: "D", Amount: usd("10")}
	with := func(f func(*pledge.Pledge)) pledge.Pledge { p := good; f(&p); return p }
	tests := []struct {
		name  string
		p     pledge.Pledge
		field string
		err   string
	}{
		{"year 10000", with(func(p *pledge.Pledge) { p.Date = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), "date", "ErrInvalid"},
		{"source year", with(func(p *pledge.Pledge) { p.Sources = []pledge.Source{{Date: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)}} }), "sources[0].date", "ErrInvalid"},
		{"61 digits", with(func(p *pledge.Pledge) {
			p.Amount = pledge.AmountOf(decimal.RequireFromString("1"+strings.Repeat("0", 60)), currency.USD)
		}), "amount", "ErrInvalidAmount"},
		{"huge exponent", with(func(p *pledge.Pledge) { p.Amount = pledge.AmountOf(decimal.New(1, 2_000_000_000), currency.USD) }), "amount", "ErrInvalidAmount"},
		{"tiny exponent", with(func(p *pledge.Pledge) { p.Amount = pledge.AmountOf(decimal.New(1, -2_000_000_000), currency.USD) }), "amount", "ErrInvalidAmount"},
		{"testing currency", with(func(p *pledge.Pledge) { p.Amount = pledge.AmountOf(decimal.NewFromInt(1), currency.XTS) }), "amount", "ErrInvalidCurrency"},
		{"invalid UTF-8", with(func(p *pledge.Pledge) { p.Donor = "Kor\xffea" }), "donor", "ErrInvalid"},
		{"NUL in a name", with(func(p *pledge.Pledge) { p.Recipient = "a\x00b" }), "recipient", "ErrInvalid"},
		{"trailing space", with(func(p *pledge.Pledge) { p.Donor = "South Korea " }), "donor", "ErrInvalid"},
		{"invalid UTF-8 in a note", with(func(p *pledge.Pledge) { p.Parts = []pledge.Part{{Amount: usd("1"), Note: "\xc3"}} }), "parts[0].note", "ErrInvalid"},
		// XML 1.0 forbids U+FFFE, U+FFFF and most C0 controls: an SVG or
		// HTML table of a name holding one would not parse. Unicode sets
		// aside 66 noncharacters in all.
		{"U+FFFE in a donor", with(func(p *pledge.Pledge) { p.Donor = "Korea\ufffe" }), "donor", "ErrInvalid"},
		{"U+FFFF in a recipient", with(func(p *pledge.Pledge) { p.Recipient = "\uffffUkraine" }), "recipient", "ErrInvalid"},
		{"U+FDD0 in an ID", with(func(p *pledge.Pledge) { p.ID = "p\ufdd0" }), "id", "ErrInvalid"},
		{"U+1FFFE in an occasion", with(func(p *pledge.Pledge) { p.Occasion = "G20 \U0001fffe" }), "occasion", "ErrInvalid"},
		{"U+10FFFF in a source title", with(func(p *pledge.Pledge) { p.Sources = []pledge.Source{{Title: "\U0010ffff"}} }), "sources[0].title", "ErrInvalid"},
		{"U+FDEF in a part note", with(func(p *pledge.Pledge) { p.Parts = []pledge.Part{{Amount: usd("1"), Note: "\ufdef"}} }), "parts[0].note", "ErrInvalid"},
		{"U+FFFE in a category", with(func(p *pledge.Pledge) { p.Categories = cats("aid\ufffe") }), "categories[0]", "ErrInvalidCategory"},
		{"bell in a note", with(func(p *pledge.Pledge) { p.Note = "ding\a" }), "note", "ErrInvalid"},
		{"C1 control in a quote", with(func(p *pledge.Pledge) { p.Sources = []pledge.Source{{Quote: "it\u0092s"}} }), "sources[0].quote", "ErrInvalid"},
		{"DEL in a URL", with(func(p *pledge.Pledge) { p.Sources = []pledge.Source{{URL: "https://x/\x7f"}} }), "sources[0].url", "ErrInvalid"},
		{"tab in a name", with(func(p *pledge.Pledge) { p.Donor = "South\tKorea" }), "donor", "ErrInvalid"},
		{"newline in an ID", with(func(p *pledge.Pledge) { p.ID = "a\nb" }), "id", "ErrInvalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b pledge.Book
			err := b.Add(tt.p)
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("Add = %v, want one problem", err)
			}
			if got := (struct{ F, E string }{ve.Problems[0].Field, sentinel(ve.Problems[0])}); got.F != tt.field || got.E != tt.err {
				t.Errorf("problem = %+v, want %s %s", got, tt.field, tt.err)
			}
		})
	}
}

// TestAddTextMessages shows what a refused character reads as: the field,
// the text, the character by its code point and where it is.
func TestAddTextMessages(t *testing.T) {
	tests := []struct {
		p    pledge.Pledge
		want string
	}{
		{pledge.Pledge{ID: "p", Donor: "Korea\ufffe", Amount: usd("1")},
			`pledge "p" donor: invalid value: "Korea\ufffe" holds U+FFFE (a Unicode noncharacter) at byte 5`},
		{pledge.Pledge{ID: "p", Donor: "D", Amount: usd("1"), Note: "a\x00"},
			`pledge "p" note: invalid value: "a\x00" holds the control character U+0000 at byte 1`},
		{pledge.Pledge{ID: "p", Donor: "Kor\xe9a", Amount: usd("1")},
			`pledge "p" donor: invalid value: "Kor\xe9a" is not valid UTF-8 at byte 3`},
		{pledge.Pledge{ID: "p", Donor: "D" + strings.Repeat("\u00e9", 1_000_000) + "\uffff", Amount: usd("1")},
			`pledge "p" donor: invalid value: "D` + strings.Repeat("\u00e9", 31) + `"… (2000004 bytes) holds U+FFFF (a Unicode noncharacter) at byte 2000001`},
	}
	for _, tt := range tests {
		err := new(pledge.Book).Add(tt.p)
		if err == nil {
			t.Fatalf("Add(%.40q) = nil, want an error", tt.p.Donor)
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// TestAddAcceptsText keeps what text may hold: tab, line feed and carriage
// return in free text; any other character XML 1.0 allows, U+FFFD, private
// use and unassigned code points included, everywhere; and the tables and
// charts of such names parse as XML.
func TestAddAcceptsText(t *testing.T) {
	names := []string{"<b>&amp;\"'", "line\u2028sep", "\ue000private", "\U0010fffdlast", "\ufffdreplaced", "\U000e01efvariation", "\u0378unassigned", "\ufdcfjust\ufdf0outside"}
	var ps []pledge.Pledge
	for i, n := range names {
		ps = append(ps, pledge.Pledge{ID: n, Donor: n, Recipient: n, Amount: usd(fmt.Sprint(i + 1)), Occasion: n,
			Note: "tab\tline\ncarriage\r" + n, Sources: []pledge.Source{{Quote: "a\r\nb\t" + n}}})
	}
	b := bookOf(t, ps...)
	for _, q := range []pledge.Query{{GroupBy: []pledge.Dimension{pledge.ByDonor}}, {GroupBy: []pledge.Dimension{pledge.ByRecipient, pledge.ByCategory}}} {
		tot, err := b.Total(q)
		if err != nil {
			t.Fatal(err)
		}
		for what, out := range map[string]string{"SVG": tot.SVG(), "HTML": tot.HTML()} {
			d := xml.NewDecoder(strings.NewReader(out))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s of %v does not parse as XML: %v", what, q.GroupBy, err)
				}
			}
		}
	}
}

func TestRestatementsKeepTheirChildrenConsistent(t *testing.T) {
	base := func() *pledge.Book {
		return bookOf(t,
			pledge.Pledge{ID: "P", Donor: "D", Amount: usd("300"), Stage: pledge.Committed},
			pledge.Pledge{ID: "C", Donor: "D", Amount: usd("100"), Stage: pledge.Disbursed, Under: "P"},
			pledge.Pledge{ID: "P2", Donor: "D", Amount: usd("300"), Stage: pledge.Committed, Revises: "P"},
		)
	}
	eur := pledge.MustAmount("300", "EUR")
	tests := []struct {
		name  string
		add   pledge.Pledge
		field string
	}{
		{"a later restatement cannot change the currency", pledge.Pledge{ID: "P3", Donor: "D", Amount: eur, Stage: pledge.Committed, Revises: "P2"}, "amount"},
		{"but may reach the stage of what is under it", pledge.Pledge{ID: "P3", Donor: "D", Amount: usd("300"), Stage: pledge.Disbursed, Revises: "P2"}, ""},
		{"a child of a restated record is checked against the restatement", pledge.Pledge{ID: "C2", Donor: "D", Amount: usd("5"), Stage: pledge.Pledged, Under: "P"}, "under"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base()
			err := b.Add(tt.add)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Add = %v, want it accepted (the child is disbursed too)", err)
				}
				return
			}
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) || ve.Problems[0].Field != tt.field || !errors.Is(err, pledge.ErrConflict) {
				t.Fatalf("Add = %v, want a conflict in %s", err, tt.field)
			}
		})
	}
	b := base()
	if err := b.Add(pledge.Pledge{ID: "P3", Donor: "D", Amount: usd("300"), Stage: pledge.Disbursed, Revises: "P2"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(pledge.Pledge{ID: "C3", Donor: "D", Amount: usd("1"), Stage: pledge.Committed, Under: "P"}); !errors.Is(err, pledge.ErrConflict) {
		t.Errorf("a committed child under a record now restated as disbursed: %v, want ErrConflict", err)
	}
}

func TestRestatementInheritsUnder(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "P", Donor: "D", Amount: usd("300"), Stage: pledge.Committed},
		pledge.Pledge{ID: "D1", Donor: "D", Amount: usd("100"), Stage: pledge.Disbursed, Under: "P"},
	)
	if err := b.Add(pledge.Pledge{ID: "D1b", Donor: "D", Amount: usd("120"), Stage: pledge.Disbursed, Revises: "D1"}); err != nil {
		t.Fatal(err)
	}
	if p, _ := b.Pledge("D1b"); p.Under != "P" {
		t.Errorf("D1b.Under = %q, want P inherited from D1", p.Under)
	}
	for stage, want := range map[pledge.Stage]string{pledge.Committed: "USD 300", pledge.Disbursed: "USD 120"} {
		got, _ := b.Total(pledge.Query{Stage: stage})
		if diff := cmp.Diff([]string{want}, sumsOf(got)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", stage, diff)
		}
	}
}

func TestLongChains(t *testing.T) {
	// Long chains of restatements and of fulfilment are checked and totalled
	// in one pass; BenchmarkAddChain measures it.
	const n = 3000
	var chain, revisions []pledge.Pledge
	for i := range n {
		p := pledge.Pledge{ID: fmt.Sprint("u", i), Donor: "D", Amount: usd("1"), Stage: pledge.Committed}
		if i > 0 {
			p.Under = fmt.Sprint("u", i-1)
		}
		chain = append(chain, p)
		r := pledge.Pledge{ID: fmt.Sprint("r", i), Donor: "D", Amount: usd(fmt.Sprint(i + 1))}
		if i > 0 {
			r.Revises = fmt.Sprint("r", i-1)
		}
		revisions = append(revisions, r)
	}
	b := bookOf(t, append(chain, revisions...)...)
	got, err := b.Total(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{fmt.Sprintf("USD %d", 1+n)}, sumsOf(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if h := b.History("r0"); len(h) != n {
		t.Errorf("History has %d records, want %d", len(h), n)
	}
}

func BenchmarkAddChain(b *testing.B) {
	const n = 10000
	var batch []pledge.Pledge
	for i := range n {
		p := pledge.Pledge{ID: fmt.Sprint("u", i), Donor: "D", Amount: usd("1"), Stage: pledge.Committed}
		if i > 0 {
			p.Under = fmt.Sprint("u", i-1)
			p.Revises = ""
		}
		batch = append(batch, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		var book pledge.Book
		if err := book.Add(batch...); err != nil {
			b.Fatal(err)
		}
		if _, err := book.Total(pledge.Query{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDatesAcrossTheCalendar(t *testing.T) {
	var b pledge.Book
	for i, d := range []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1600, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2262, 4, 12, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		id := fmt.Sprint("d", i)
		if err := b.Add(pledge.Pledge{ID: id, Donor: "D", Amount: usd("1"), Date: d}); err != nil {
			t.Fatal(err)
		}
		if p, _ := b.Pledge(id); !p.Date.Equal(d) {
			t.Errorf("stored %v, got back %v", d, p.Date)
		}
	}
}

// manyCategories returns n distinct top-level categories.
func manyCategories(n int) []pledge.Category {
	cs := make([]pledge.Category, n)
	for i := range cs {
		cs[i] = pledge.Category(fmt.Sprintf("c%06d", i))
	}
	return cs
}

// TestAddManyCategories adds one record with thousands of categories, the
// last two overlapping one near the start. Each overlap is reported once,
// naming the first category it overlaps: the check finds overlaps without
// comparing every pair (BenchmarkReadBookCategories shows the time).
func TestAddManyCategories(t *testing.T) {
	const n = 5000
	cs := append(manyCategories(n), "c000002/x", "c000002")
	var b pledge.Book
	err := b.Add(pledge.Pledge{ID: "p", Donor: "D", Amount: usd("1"), Categories: cs})
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Add = %v, want a *ValidationError", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		fmt.Sprintf(`pledge "p" categories[%d]: invalid category: "c000002/x" overlaps categories[2] "c000002"`, n),
		fmt.Sprintf(`pledge "p" categories[%d]: invalid category: "c000002" overlaps categories[2] "c000002"`, n+1),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}

}

// BenchmarkReadBookCategories reads one record with n distinct categories,
// at two sizes: the time per category stays flat where checking every pair
// made it grow with n.
func BenchmarkReadBookCategories(b *testing.B) {
	for _, n := range []int{2_000, 20_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var book pledge.Book
			if err := book.Add(pledge.Pledge{ID: "p", Donor: "D", Amount: usd("1"), Categories: manyCategories(n)}); err != nil {
				b.Fatal(err)
			}
			benchReadBook(b, jsonOf(b, &book), n, "category", false)
		})
	}
}

// TestAddKeepsTheFirstProblems adds a batch in which the first 50 records
// point to no record (found when links are checked) and the next 100 have
// no donor (found first): the error keeps the first 100 problems by
// record, whatever order the checks found them in, and counts the rest.
func TestAddKeepsTheFirstProblems(t *testing.T) {
	var batch []pledge.Pledge
	for i := range 150 {
		p := pledge.Pledge{ID: fmt.Sprint("p", i), Donor: "D", Amount: usd("1")}
		if i < 50 {
			p.Under = "nowhere"
		} else {
			p.Donor = ""
		}
		batch = append(batch, p)
	}
	err := new(pledge.Book).Add(batch...)
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Add = %v, want a *ValidationError", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 50 {
		t.Fatalf("%d problems, %d omitted; want 100 and 50", len(ve.Problems), ve.Omitted)
	}
	for i, p := range ve.Problems {
		want := "under"
		if i >= 50 {
			want = "donor"
		}
		if p.Index != i || p.Field != want {
			t.Errorf("problem %d: record %d %s, want record %d %s", i, p.Index, p.Field, i, want)
		}
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "pledge: 150 problems:\n") || !strings.HasSuffix(msg, "\n\t... and 50 more") {
		t.Errorf("message %.40q…%q", msg, msg[len(msg)-30:])
	}
}
