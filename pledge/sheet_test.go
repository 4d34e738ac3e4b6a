package pledge_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// kielSample is a made-up sample in the layout of the Kiel Institute's
// Ukraine Support Tracker (sheet "Bilateral Assistance, MAIN DATA"): its
// rows are invented for the tests, with plausible values, and are not the
// tracker's data.
const kielSample = `donor,aid_type_general,measure,announcement_date,reporting_currency,source_reported_value,tot_activity_value_EUR
United States,Military,Allocation,2022-03-12,USD,200000000,182600000
Germany,Humanitarian,Commitment,2022-04-05,EUR,25000000,25000000
South Korea,Humanitarian,Commitment,2022-03-01,KRW,12000000000,8900000.5
Japan,Financial,Allocation,2022-05,JPY,30000000000,217000000
South Korea,Military,Commitment,2023,USD,150000000,139500000
`

// kielSheet maps the sample: the tracker's euro valuation, its words for
// stages and categories read as ParseStage and ParseCategory read them.
var kielSheet = pledge.Sheet{
	Donor: "donor", Category: "aid_type_general", Stage: "measure", Date: "announcement_date",
	Amount: "tot_activity_value_EUR", DefaultCurrency: "EUR", DefaultRecipient: "Ukraine", IDPrefix: "kiel-",
	Source: pledge.Source{Publisher: "Kiel Institute for the World Economy", Title: "Ukraine Support Tracker (made-up sample)"},
}

func TestReadCSVWithKiel(t *testing.T) {
	got, err := pledge.ReadCSVWith(strings.NewReader(kielSample), kielSheet)
	if err != nil {
		t.Fatal(err)
	}
	src := []pledge.Source{kielSheet.Source}
	rec := func(id, donor, amount string, stage pledge.Stage, cat pledge.Category, date string, prec pledge.Precision) pledge.Pledge {
		d, _, _ := pledge.ParseDate(date)
		return pledge.Pledge{ID: id, Donor: donor, Recipient: "Ukraine", Amount: pledge.MustAmount(amount, "EUR"), Stage: stage,
			Categories: []pledge.Category{cat}, Date: d, DatePrecision: prec, Sources: src}
	}
	want := []pledge.Pledge{
		rec("kiel-2", "United States", "182600000", pledge.Allocated, pledge.Military, "2022-03-12", pledge.Day),
		rec("kiel-3", "Germany", "25000000", pledge.Committed, pledge.Humanitarian, "2022-04-05", pledge.Day),
		rec("kiel-4", "South Korea", "8900000.5", pledge.Committed, pledge.Humanitarian, "2022-03-01", pledge.Day),
		rec("kiel-5", "Japan", "217000000", pledge.Allocated, pledge.Financial, "2022-05", pledge.Month),
		rec("kiel-6", "South Korea", "139500000", pledge.Committed, pledge.Military, "2023", pledge.Year),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// The amounts as reported, each in its own currency; the sheet's words
	// by a table; another reading of the same rows.
	s := kielSheet
	s.Amount, s.Currency, s.DefaultCurrency = "source_reported_value", "reporting_currency", ""
	s.Stages = map[string]pledge.Stage{"Commitment": pledge.Pledged, "allocation": pledge.Allocated}
	s.Categories = map[string][]pledge.Category{"MILITARY": {pledge.MilitaryWeapons}, "Humanitarian": {pledge.Humanitarian}, "Financial": {pledge.FinancialGrant}}
	got, err = pledge.ReadCSVWith(strings.NewReader(kielSample), s)
	if err != nil {
		t.Fatal(err)
	}
	type short struct {
		Amount string
		Stage  pledge.Stage
		Cats   []pledge.Category
	}
	var have []short
	for _, p := range got {
		have = append(have, short{p.Amount.String(), p.Stage, p.Categories})
	}
	wantShort := []short{
		{"USD 200000000", pledge.Allocated, []pledge.Category{pledge.MilitaryWeapons}},
		{"EUR 25000000", pledge.Pledged, []pledge.Category{pledge.Humanitarian}},
		{"KRW 12000000000", pledge.Pledged, []pledge.Category{pledge.Humanitarian}},
		{"JPY 30000000000", pledge.Allocated, []pledge.Category{pledge.FinancialGrant}},
		{"USD 150000000", pledge.Pledged, []pledge.Category{pledge.MilitaryWeapons}},
	}
	if diff := cmp.Diff(wantShort, have); diff != "" {
		t.Errorf("reported values (-want +got):\n%s", diff)
	}
	var book pledge.Book
	if err := book.Add(got...); err != nil {
		t.Fatal(err)
	}
}

// TestReadCSVWithForms reads the other forms a sheet may hold: figures as
// the news writes them, qualifiers, dates in a layout or as Excel
// serials, IDs and sources from columns.
func TestReadCSVWithForms(t *testing.T) {
	const sheet = "Ref , Who,To,Figure,Cur,Qual,When,Where,Note,Link\n" +
		"a, Korea ,,$300 million,,,15/03/2022,x,\" keep \",https://example.org/a\n" +
		"b,Korea,Ukraine,약 23억 달러,,,01/02/2023,,,\n" +
		"c,Japan,Ukraine,1.5 billion,JPY,at least,28/02/2024,,,\n" +
		"d,Japan,Ukraine,€2bn,EUR,over,31/12/2023,,,\n"
	s := pledge.Sheet{ID: "ref", Donor: "who", Recipient: "To", Figure: "Figure", Currency: "Cur", Qualifier: "Qual",
		Date: "When", DateLayout: "02/01/2006", Occasion: "Where", Note: "Note", SourceURL: "Link", DefaultRecipient: "Ukraine"}
	got, err := pledge.ReadCSVWith(strings.NewReader(sheet), s)
	if err != nil {
		t.Fatal(err)
	}
	want := []pledge.Pledge{
		{ID: "a", Donor: "Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("300000000", "USD"), Date: day("2022-03-15"),
			Occasion: "x", Note: " keep ", Sources: []pledge.Source{{URL: "https://example.org/a"}}},
		{ID: "b", Donor: "Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("2300000000", "USD"), Qualifier: pledge.Approximately, Date: day("2023-02-01")},
		{ID: "c", Donor: "Japan", Recipient: "Ukraine", Amount: pledge.MustAmount("1500000000", "JPY"), Qualifier: pledge.AtLeast, Date: day("2024-02-28")},
		{ID: "d", Donor: "Japan", Recipient: "Ukraine", Amount: pledge.MustAmount("2000000000", "EUR"), Qualifier: pledge.MoreThan, Date: day("2023-12-31")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	excel := "donor,value,day\nKorea,2.3E+09,44616\nJapan,1234.5,45291.000\n"
	got, err = pledge.ReadCSVWith(strings.NewReader(excel), pledge.Sheet{Donor: "donor", Amount: "value", DefaultCurrency: "USD", Date: "day", DateLayout: pledge.ExcelDate})
	if err != nil {
		t.Fatal(err)
	}
	want = []pledge.Pledge{
		{ID: "2", Donor: "Korea", Amount: pledge.MustAmount("2300000000", "USD"), Date: day("2022-02-24")},
		{ID: "3", Donor: "Japan", Amount: pledge.MustAmount("1234.5", "USD"), Date: day("2023-12-31")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Excel serials (-want +got):\n%s", diff)
	}

	months := "donor,value,month\nKorea,1,March 2022\n"
	got, err = pledge.ReadCSVWith(strings.NewReader(months), pledge.Sheet{Donor: "donor", Amount: "value", DefaultCurrency: "USD", Date: "month", DateLayout: "January 2006"})
	if err != nil {
		t.Fatal(err)
	}
	if p := got[0]; !p.Date.Equal(day("2022-03-01")) || p.DatePrecision != pledge.Month {
		t.Errorf("March 2022 read as %v, %v", p.Date, p.DatePrecision)
	}

	// A layout with a time of day keeps the day as written, in the zone
	// written, and drops the time: a record's date is a civil day.
	stamps := "donor,value,at\nKorea,1,2022-03-15T23:30:00-05:00\nJapan,2,2022-03-16T00:15:00+09:00\n"
	got, err = pledge.ReadCSVWith(strings.NewReader(stamps), pledge.Sheet{Donor: "donor", Amount: "value", DefaultCurrency: "USD", Date: "at", DateLayout: time.RFC3339})
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, p := range got {
		days = append(days, pledge.FormatDate(p.Date, p.DatePrecision)+" "+p.Date.Location().String()+" "+p.Date.Format("15:04"))
	}
	if diff := cmp.Diff([]string{"2022-03-15 UTC 00:00", "2022-03-16 UTC 00:00"}, days); diff != "" {
		t.Errorf("times of day (-want +got):\n%s", diff)
	}
}

func TestReadCSVWithSheetMistakes(t *testing.T) {
	base := pledge.Sheet{Donor: "donor", Amount: "amount", DefaultCurrency: "USD"}
	tests := []struct {
		name string
		edit func(*pledge.Sheet)
		want string
	}{
		{"no donor", func(s *pledge.Sheet) { s.Donor = "" }, "pledge: invalid value: Sheet: Donor names no column: every record needs a donor"},
		{"no amount", func(s *pledge.Sheet) { s.Amount = "" }, "pledge: invalid value: Sheet: Amount and Figure name no column: name the column of the amounts"},
		{"both", func(s *pledge.Sheet) { s.Figure = "f" }, "pledge: invalid value: Sheet: Amount and Figure are both set: name one column of amounts"},
		{"no currency", func(s *pledge.Sheet) { s.DefaultCurrency = "" }, `pledge: invalid value: Sheet: Amount "amount" has no currency: name its Currency column or set DefaultCurrency`},
		{"bad currency", func(s *pledge.Sheet) { s.DefaultCurrency = "Euro" }, `pledge: invalid value: Sheet: DefaultCurrency: invalid currency "Euro": want an ISO 4217 code such as USD, EUR or KRW`},
		{"no year", func(s *pledge.Sheet) { s.DateLayout = "02/01" }, `pledge: invalid value: Sheet: DateLayout "02/01": it writes no year with four digits: want 2006 in the layout`},
		{"day without month", func(s *pledge.Sheet) { s.DateLayout = "02 2006" }, `pledge: invalid value: Sheet: DateLayout "02 2006": it writes a day but no month`},
		{"stage", func(s *pledge.Sheet) { s.Stages = map[string]pledge.Stage{"x": 9} }, `pledge: invalid value: Sheet: Stages["x"] is 9, not a stage`},
		{"same words", func(s *pledge.Sheet) {
			s.Stages = map[string]pledge.Stage{"Pledge": pledge.Pledged, "pledge ": pledge.Committed}
		}, `pledge: invalid value: Sheet: Stages has two words that read the same: `},
		{"stage word", func(s *pledge.Sheet) { s.Stages = map[string]pledge.Stage{"Commit\x00ment": pledge.Committed} },
			`pledge: invalid value: Sheet: Stages["Commit\x00ment"] is not a word: it holds a control character or is not UTF-8`},
		{"category word", func(s *pledge.Sheet) { s.Categories = map[string][]pledge.Category{"Mil\x1b": {pledge.Military}} },
			`pledge: invalid value: Sheet: Categories["Mil\x1b"] is not a word: it holds a control character or is not UTF-8`},
		{"categories", func(s *pledge.Sheet) {
			s.Categories = map[string][]pledge.Category{"Mil": {pledge.Military, pledge.MilitaryWeapons}}
		}, `pledge: invalid value: Sheet: Categories["Mil"]: invalid category: "military/weapons" overlaps [0] "military"`},
		{"prefix", func(s *pledge.Sheet) { s.IDPrefix = "a\tb" }, `pledge: invalid value: Sheet: IDPrefix "a\tb" holds the control character U+0009`},
		{"source", func(s *pledge.Sheet) { s.Source.Title = "\ufffe" }, `pledge: invalid value: Sheet: Source.Title "\ufffe" holds U+FFFE (a Unicode noncharacter) at byte 0`},
	}
	for _, tt := range tests {
		s := base
		tt.edit(&s)
		_, err := pledge.ReadCSVWith(strings.NewReader("donor,amount\nD,1\n"), s)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestReadCSVWithErrors(t *testing.T) {
	s := pledge.Sheet{ID: "id", Donor: "donor", Amount: "amount", Currency: "cur", Date: "date", Stage: "stage",
		Stages: map[string]pledge.Stage{"Commitment": pledge.Committed}, Category: "cat"}
	tests := []struct {
		name, in string
		sheet    pledge.Sheet
		want     []string
	}{
		{"columns", "ID,Donor,amount,amount,cur,dates,stage\n", s, []string{
			`pledge (row 1) amount: invalid value: column "amount" (Sheet.Amount) is given twice, as columns 3 and 4`,
			`pledge (row 1) date: missing field: the sheet has no column "date" (Sheet.Date): did you mean "dates"?`,
			`pledge (row 1) cat: missing field: the sheet has no column "cat" (Sheet.Category); its columns: "ID", "Donor", "amount", "amount", "cur", "dates", "stage"`,
		}},
		{"cells", "id,donor,amount,cur,date,stage,cat\n" +
			"a,D,\"1,234\",USD,15/03/2022,Allocation,Military\n" +
			"b,D,1.5E+99,,2022-03-15,,military+financial/x y\n" +
			"a,,7,EUR,,commitment,mil\\itary\n" +
			"c,D,1\n" +
			"d,D,1,USD,2022-03-15,Commitment\x1b,military\n",
			s, []string{
				`pledge (row 2) "a" amount: invalid amount "1,234": grouping commas are not read (is 1,234 a thousand or a fraction?): write the number plainly, or map the column as Sheet.Figure`,
				`pledge (row 2) "a" date: invalid value: date "15/03/2022" is not YYYY-MM-DD, YYYY-MM or YYYY: for another layout set Sheet.DateLayout, such as "02/01/2006" for day/month/year or "01/02/2006" for month/day/year`,
				`pledge (row 2) "a" stage: invalid value: stage "Allocation" is not among Sheet.Stages: "Commitment"`,
				`pledge (row 3) "b" amount: invalid amount "1.5E+99": want an exponent from -60 to 60`,
				`pledge (row 3) "b" cur: missing field: no currency, and no Sheet.DefaultCurrency`,
				`pledge (row 4) "a" cat: invalid category "mil\\itary": unexpected '\\'`,
				`pledge (row 4) "a" id: duplicate: "a" is given twice, first in row 2`,
				`pledge (row 5): invalid value: 3 cells, where the header has 7`,
				`pledge (row 6) "d" stage: invalid value: stage "Commitment\x1b" is not among Sheet.Stages: "Commitment"`,
			}},
		{"figures", "donor,fig,cur\nD,$5 million,EUR\nD,5 million,\nD,about 5,USD\n",
			pledge.Sheet{Donor: "donor", Figure: "fig", Currency: "cur", IDPrefix: "r"},
			[]string{
				`pledge (row 2) "r2" cur: conflict: the figure "$5 million" is in USD, the row's currency is EUR`,
				`pledge (row 3) "r3" fig: cannot read "5 million" at byte 9: no currency: want a symbol, an ISO code or a currency word`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pledge.ReadCSVWith(strings.NewReader(tt.in), tt.sheet)
			if got != nil {
				t.Errorf("%d records returned with an error", len(got))
			}
			if diff := cmp.Diff(tt.want, problemTexts(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzReadCSVWith checks that a sheet never makes the reader panic, and
// that what it accepts is records a Book takes, that read back the same
// from the book's own CSV.
func FuzzReadCSVWith(f *testing.F) {
	f.Add(kielSample, false)
	f.Add("donor,aid_type_general,measure,announcement_date,tot_activity_value_EUR\nD,Military+Financial,paid,2022,1e3\n,,,,\n", false)
	f.Add("who,fig,when\nKorea,약 23억 달러,44616\nJapan,$5bn+,45291\n", true)
	f.Fuzz(func(t *testing.T, in string, figures bool) {
		s := kielSheet
		if figures {
			s = pledge.Sheet{Donor: "who", Figure: "fig", Date: "when", DateLayout: pledge.ExcelDate, Qualifier: "q"}
		}
		got, err := pledge.ReadCSVWith(strings.NewReader(in), s)
		if err != nil {
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) || got != nil {
				t.Fatalf("error %v (%T) with %d records", err, err, len(got))
			}
			return
		}
		var b pledge.Book
		if err := b.Add(got...); err != nil {
			t.Fatalf("ReadCSVWith took records Add refuses: %v", err)
		}
		back := roundTripCSV(t, &b)
		if diff := cmp.Diff(got, back); diff != "" {
			t.Fatalf("book CSV round trip (-want +got):\n%s", diff)
		}
	})
}
