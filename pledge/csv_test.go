package pledge_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// storyBook is South Korea's aid to Ukraine as the July 2024 report gives
// it, with a source, a restatement, a payment under a commitment and a
// figure given only as "more than", in a month.
func storyBook(t testing.TB) *pledge.Book {
	t.Helper()
	var b pledge.Book
	err := b.Add(
		pledge.Pledge{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("2300000000", "USD"), Date: day("2023-09-10"), Occasion: "G20 Summit 2023",
			Parts:   []pledge.Part{{Amount: pledge.MustAmount("300000000", "USD"), Categories: []pledge.Category{pledge.Humanitarian}, Year: 2024}},
			Sources: []pledge.Source{{Publisher: "Yonhap", Title: "Yoon pledges $2.3 bln", URL: "https://en.yna.co.kr/", Quote: `"$2.3 billion, including $300 million"`, Date: day("2023-09-10")}},
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("150000000", "USD"),
			Categories: []pledge.Category{pledge.MilitaryNonLethal, pledge.Humanitarian}, Date: day("2023-07-15"),
			Note: "humanitarian and non-lethal military aid,\nno split given",
		},
		pledge.Pledge{
			ID: "kr-ua-2024-budget", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("200000000", "USD"),
			Qualifier: pledge.MoreThan, Stage: pledge.Allocated, Date: day("2024-01-01"), DatePrecision: pledge.Month,
			Categories: []pledge.Category{pledge.Humanitarian}, Under: "kr-ua-2023-g20",
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07-r", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("150000000.50", "USD"),
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal}, Date: day("2023-07-16"), Revises: "kr-ua-2023-07",
		},
	)
	if err != nil {
		t.Fatal(err)
	}
	return &b
}

const storyCSV = `id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote
kr-ua-2023-g20,pledge,South Korea,Ukraine,2300000000,USD,,2023-09-10,pledged,,,G20 Summit 2023,,,,,,,
kr-ua-2023-g20,part,,,300000000,USD,,,,humanitarian,2024,,,,,,,,
kr-ua-2023-g20,source,,,,,,2023-09-10,,,,,,,,Yonhap,Yoon pledges $2.3 bln,https://en.yna.co.kr/,"""$2.3 billion, including $300 million"""
kr-ua-2023-07,pledge,South Korea,Ukraine,150000000,USD,,2023-07-15,pledged,military/non-lethal+humanitarian,,,,,"humanitarian and non-lethal military aid,
no split given",,,,
kr-ua-2024-budget,pledge,South Korea,Ukraine,200000000,USD,more than,2024-01,allocated,humanitarian,,,,kr-ua-2023-g20,,,,,
kr-ua-2023-07-r,pledge,South Korea,Ukraine,150000000.5,USD,,2023-07-16,pledged,humanitarian+military/non-lethal,,,kr-ua-2023-07,,,,,,
`

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := storyBook(t).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storyCSV, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// encoding/csv, as a sheet or pandas would, reads one header and 6 rows of 19 cells.
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 7 || len(rows[6]) != 19 {
		t.Errorf("encoding/csv reads %d rows: %v", len(rows), err)
	}
}

func TestReadCSV(t *testing.T) {
	book := storyBook(t)
	got, err := pledge.ReadCSV(strings.NewReader(storyCSV))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(book.All(), got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	var back pledge.Book
	if err := back.ReadCSV(strings.NewReader(storyCSV)); err != nil {
		t.Fatal(err)
	}
	q := pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByCategory}}
	want, _ := book.Total(q)
	have, _ := back.Total(q)
	if diff := cmp.Diff(want.Rows(), have.Rows()); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
}

// A sheet typed by hand in the book's layout: columns in another order,
// some left out, no kind column, words as people write them.
func TestReadCSVByHand(t *testing.T) {
	const sheet = "\ufeffdonor,amount,currency,id,stage,qualifier,category,date\r\n" +
		"South Korea,150000000,usd,kr-1,Commitment,≈,Humanitarian + Military/Non-Lethal,2023-07\r\n" +
		",,,,,,,\r\n" +
		"\r\n" +
		"Japan,4500000000,USD,jp-1,,,,2023\r\n"
	got, err := pledge.ReadCSV(strings.NewReader(sheet))
	if err != nil {
		t.Fatal(err)
	}
	want := []pledge.Pledge{
		{ID: "kr-1", Donor: "South Korea", Amount: pledge.MustAmount("150000000", "USD"), Stage: pledge.Committed, Qualifier: pledge.Approximately,
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal}, Date: day("2023-07-01"), DatePrecision: pledge.Month},
		{ID: "jp-1", Donor: "Japan", Amount: pledge.MustAmount("4500000000", "USD"), Date: day("2023-01-01"), DatePrecision: pledge.Year},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReadCSVQualifierWords: a qualifier column typed by hand reads the
// same in a book's CSV as in another sheet: "about" and "approx." are
// approximately in both; "mixed" describes sums, never a source's figure,
// and neither takes it.
func TestReadCSVQualifierWords(t *testing.T) {
	words := []string{"about", "Around", "approx.", "Approx", "approximately", "≈", "~", "at least", "≥", "more than", "less than", "at most", ""}
	var sheet strings.Builder
	sheet.WriteString("id,donor,amount,currency,qualifier\n")
	for i, w := range words {
		fmt.Fprintf(&sheet, "r%d,D,1,USD,%s\n", i, w)
	}
	book, err := pledge.ReadCSV(strings.NewReader(sheet.String()))
	if err != nil {
		t.Fatal(err)
	}
	other, err := pledge.ReadCSVWith(strings.NewReader(sheet.String()), pledge.Sheet{
		ID: "id", Donor: "donor", Amount: "amount", Currency: "currency", Qualifier: "qualifier"})
	if err != nil {
		t.Fatal(err)
	}
	want := []pledge.Qualifier{
		pledge.Approximately, pledge.Approximately, pledge.Approximately, pledge.Approximately, pledge.Approximately,
		pledge.Approximately, pledge.Approximately, pledge.AtLeast, pledge.AtLeast, pledge.MoreThan, pledge.LessThan, pledge.AtMost, pledge.Exact,
	}
	for name, records := range map[string][]pledge.Pledge{"ReadCSV": book, "ReadCSVWith": other} {
		var got []pledge.Qualifier
		for _, p := range records {
			got = append(got, p.Qualifier)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	const mixed = "id,donor,amount,currency,qualifier\nm,D,1,USD,mixed\n"
	_, err = pledge.ReadCSV(strings.NewReader(mixed))
	if diff := cmp.Diff([]string{`pledge (row 2) "m" qualifier: invalid value: qualifier mixed describes a sum of figures bounded different ways, not a figure a source gives`}, problemTexts(t, err)); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
	_, err = pledge.ReadCSVWith(strings.NewReader(mixed), pledge.Sheet{ID: "id", Donor: "donor", Amount: "amount", Currency: "currency", Qualifier: "qualifier"})
	if diff := cmp.Diff([]string{`pledge (row 2) "m" qualifier: invalid value: qualifier mixed describes a sum of figures bounded different ways, not a figure a source gives`}, problemTexts(t, err)); diff != "" {
		t.Errorf("ReadCSVWith (-want +got):\n%s", diff)
	}
}

// TestReadCSVErrors checks that each problem names the row (and the line
// when it differs), the record and the column, and that nothing is
// returned.
func TestReadCSVErrors(t *testing.T) {
	const head = "id,kind,donor,amount,currency,date,category,year,publisher\n"
	tests := []struct {
		name, in string
		want     []string
		is       error
	}{
		{"empty", "", []string{"pledge: missing field: no header row"}, pledge.ErrMissing},
		{"header", "id,Donor,amount,amount,colour\n", []string{
			`pledge (row 1) Donor: invalid value: column names are exact: want "donor"`,
			`pledge (row 1) amount: invalid value: column "amount" is given twice, first as column 3`,
			`pledge (row 1) colour: invalid value: unknown column: want one of id, kind, donor, recipient, amount, currency, qualifier, date, stage, category, year, occasion, revises, under, note, publisher, title, url, quote`,
			`pledge (row 1) donor: missing field: no column "donor": a book's CSV has the columns id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote`,
			`pledge (row 1) currency: missing field: no column "currency": a book's CSV has the columns id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote`,
		}, pledge.ErrInvalid},
		{"cells", head + "a,pledge,D,1,USD,,,,\n" +
			"b,pledge,D,1.2.3,KRW,2023-02-30,militar y/x,,\n" +
			"b,part,,-5,,,,20233,\n" +
			"b,source,,,,2023-09,,,Yonhap\n" +
			"c,pledge,D,,XYZ,,,2023,\n",
			[]string{
				`pledge (row 3) "b" amount: invalid amount "1.2.3": unexpected "."`,
				`pledge (row 3) "b" date: invalid value: date "2023-02-30" is not YYYY, YYYY-MM or YYYY-MM-DD`,
				`pledge (row 4) "b" year: invalid value: year "20233": want a year from 1 to 9999`,
				`pledge (row 5) "b" date: invalid value: a source's date is a day, YYYY-MM-DD: "2023-09"`,
				`pledge (row 6) "c" year: invalid value: a pledge row leaves year empty`,
				`pledge (row 6) "c" currency: invalid currency "XYZ": want an ISO 4217 code such as USD, EUR or KRW`,
				`pledge (row 6) "c" amount: missing field: no amount`,
			}, pledge.ErrInvalidAmount},
		{"records", head + "a,pledge,D,100,USD,,,,\n" +
			"a,part,,150,,,humanitarian,,\n" +
			"a,pledge,D,1,USD,,,,\n" +
			"x,part,,1,,,,,\n" +
			"e,pledge,,1,USD,,Military+military/weapons,,\n" +
			"f,pledge,D,1,USD,,,,\n" +
			"f,source,,,,,,,\"two\nlines\"\n" +
			"f,source,,,,,,,\"bad \x01\"\n",
			[]string{
				`pledge (row 2) "a" amount: parts exceed the whole: parts add up to USD 150, the pledge is USD 100`,
				`pledge (row 4) "a" id: duplicate: "a" is given twice, first in row 2`,
				`pledge (row 5) "x" id: invalid value: a part row of "x" after the record "a": a record's parts and sources follow its own row`,
				`pledge (row 6) "e" donor: missing field: who gives the money?`,
				`pledge (row 6) "e" category: invalid category: "military/weapons" overlaps categories[0] "military"`,
				`pledge (row 9, line 10) "f" publisher: invalid value: "bad \x01" holds the control character U+0001 at byte 4`,
			}, pledge.ErrPartsExceed},
		{"kinds", head + "p,part,,1,USD,,,,\nq,pledge,D,1,USD,,,,\nq,note,,,,,,,\n",
			[]string{
				`pledge (row 2) "p" kind: invalid value: a part row before any pledge row: a record's parts and sources follow its own row`,
				`pledge (row 4) "q" kind: invalid value: kind "note": want pledge, part or source`,
			}, pledge.ErrInvalid},
		{"text", head + "k\xf5,pledge,D,1,USD,,,,\nm,pledge,D\xff,1,USD,,,,\n",
			[]string{
				`pledge (row 2) "k\xf5" id: invalid value: "k\xf5" is not valid UTF-8 at byte 1`,
				`pledge (row 3) "m" donor: invalid value: "D\xff" is not valid UTF-8 at byte 1`,
			}, pledge.ErrInvalid},
		{"syntax", head + "a,pledge,D,1,USD,,,,\nb,pledge,D,1,USD,\"2023\"x,,,\n",
			[]string{`pledge (row 3): invalid value: malformed CSV: 'x' after a closing quote: want a comma or the end of the row (a quote inside a quoted cell is written twice)`},
			pledge.ErrInvalid},
		{"short row", head + "a,pledge,D,1,USD\n", []string{`pledge (row 2): invalid value: 5 cells, where the header has 9`}, pledge.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pledge.ReadCSV(strings.NewReader(tt.in))
			if got != nil {
				t.Errorf("%d records returned with an error", len(got))
			}
			if diff := cmp.Diff(tt.want, problemTexts(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error does not match %v", tt.is)
			}
		})
	}
}

// TestBookReadCSV reads into a book that holds records already: links to
// them resolve, and what Add refuses is named by row.
func TestBookReadCSV(t *testing.T) {
	book := storyBook(t)
	const more = "id,kind,donor,amount,currency,stage,under,revises\n" +
		"kr-ua-2024-paid,pledge,South Korea,100000000,USD,disbursed,kr-ua-2023-g20,\n" +
		"kr-ua-2023-g20-r,pledge,South Korea,2300000000,USD,pledged,,kr-ua-2023-g20\n"
	if err := book.ReadCSV(strings.NewReader(more)); err != nil {
		t.Fatal(err)
	}
	if n := book.Len(); n != 6 {
		t.Errorf("%d records, want 6", n)
	}
	const bad = "id,kind,donor,amount,currency,stage,under,revises\n" +
		"ok,pledge,South Korea,1,USD,,,\n" +
		"kr-ua-2023-07,pledge,South Korea,1,USD,,,\n" +
		"lost,pledge,South Korea,1,USD,,nowhere,\n" +
		"early,pledge,South Korea,1,USD,pledged,kr-ua-2024-paid,\n"
	msgs := problemTexts(t, book.ReadCSV(strings.NewReader(bad)))
	want := []string{
		`pledge (row 3) "kr-ua-2023-07" id: duplicate: "kr-ua-2023-07" is already in the book with recipient "Ukraine", not ""`,
		`pledge (row 4) "lost" under: unknown pledge: "nowhere"`,
		`pledge (row 5) "early" under: conflict: a pledged record cannot fulfil "kr-ua-2024-paid", which is already disbursed`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if n := book.Len(); n != 6 {
		t.Errorf("%d records after a failed read, want 6", n)
	}
}

// TestPropertyCSVRoundTrip writes random books, with every field a record
// can hold, and reads them back: the same records, the same totals, and
// the same CSV when written again.
func TestPropertyCSVRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 29))
	texts := []string{"", "plain", "comma, and \"quotes\"", " lead and trail ", "two\r\nlines\n", "é 윤석열 \u2028", "tab\there", "=1+2"}
	pick := func() string { return texts[r.IntN(len(texts))] }
	for round := range 100 {
		book := randomBook(r, r.IntN(40))
		for i := range book {
			p := &book[i]
			p.Note, p.Occasion = pick(), strings.TrimSpace(strings.ReplaceAll(pick(), "\n", " "))
			for j := range p.Parts {
				p.Parts[j].Note = pick()
			}
			for range r.IntN(3) {
				p.Sources = append(p.Sources, pledge.Source{Publisher: pick(), Title: pick(), URL: pick(), Quote: pick(), Date: day("2023-01-01").AddDate(0, 0, r.IntN(900)*(r.IntN(2)))})
			}
		}
		b := &pledge.Book{}
		if err := b.Add(book...); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := b.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := pledge.ReadCSV(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, buf.String())
		}
		if diff := cmp.Diff(b.All(), got); diff != "" {
			t.Fatalf("round %d: records (-want +got):\n%s", round, diff)
		}
		back := &pledge.Book{}
		if err := back.ReadCSV(bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		var again bytes.Buffer
		if err := back.WriteCSV(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatalf("round %d: second write differs", round)
		}
		for _, q := range []pledge.Query{
			{GroupBy: []pledge.Dimension{pledge.ByCategory, pledge.ByCurrency}},
			{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByYear, pledge.ByCurrency}},
		} {
			t1, _ := b.Total(q)
			t2, _ := back.Total(q)
			if diff := cmp.Diff(t1.Rows(), t2.Rows()); diff != "" {
				t.Fatalf("round %d: totals differ (-want +got):\n%s", round, diff)
			}
		}
	}
}

// FuzzReadCSV checks that ReadCSV never panics, returns records or a
// *ValidationError, and that whatever it accepts is a book that writes
// and reads back to the same records.
func FuzzReadCSV(f *testing.F) {
	f.Add(storyCSV)
	f.Add("id,donor,amount,currency,date,stage,category,qualifier\nx,D,1.50,eur,2023-09,Commitment,Humanitarian,≈\n")
	f.Add("id,kind,donor,amount,currency,note\nx,,D,1,USD,\"a\r\nb\"\nx,part,,1,,\nx,source,,,,\n")
	f.Add("id,kind,donor,amount,currency,date,category,year,publisher,revises,under\n" +
		"a,pledge,D,100,USD,2023,military,,,,\na,part,,50,,,humanitarian+reconstruction,2024,,,\n" +
		"b,pledge,D,1,USD,,,,,a,\nb,source,,,,2023-09-01,,,Yonhap,,\nc,pledge,D,1,USD,,,,,,b\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := pledge.ReadCSV(strings.NewReader(in))
		if err != nil {
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || got != nil {
				t.Fatalf("error %v (%T) with %d records", err, err, len(got))
			}
			return
		}
		var b pledge.Book
		if err := b.Add(got...); err != nil {
			var ve *pledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatal(err)
			}
			for _, p := range ve.Problems {
				// ReadCSV leaves links to Add; anything else it must refuse.
				if p.Field != "revises" && p.Field != "under" && p.Field != "amount" && p.Field != "stage" {
					t.Fatalf("ReadCSV took a record Add refuses: %v", err)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := b.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := pledge.ReadCSV(&buf)
		if err != nil {
			t.Fatalf("written back, it does not read: %v\n%s", err, buf.String())
		}
		if diff := cmp.Diff(got, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// roundTripCSV writes the book's CSV and reads it back.
func roundTripCSV(t testing.TB, b *pledge.Book) []pledge.Pledge {
	t.Helper()
	var buf bytes.Buffer
	if err := b.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := pledge.ReadCSV(&buf)
	if err != nil {
		t.Fatalf("written back, it does not read: %v\n%s", err, buf.String())
	}
	return back
}

// problemTexts returns the messages of the problems of err, which must be a
// *ValidationError.
func problemTexts(t testing.TB, err error) []string {
	t.Helper()
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want a *ValidationError", err)
	}
	var msgs []string
	for _, p := range ve.Problems {
		msgs = append(msgs, p.Error())
	}
	return msgs
}

// TestWriteCSVWhileAdding writes a book that grows meanwhile: what is
// written reads back, and is the records the book held when writing
// began, at least.
func TestWriteCSVWhileAdding(t *testing.T) {
	var b pledge.Book
	for i := range 3000 {
		if err := b.Add(pledge.Pledge{ID: "a" + strconv.Itoa(i), Donor: "D", Amount: usd("1")}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 3000 {
			if err := b.Add(pledge.Pledge{ID: "b" + strconv.Itoa(i), Donor: "D", Amount: usd("1"), Revises: "a" + strconv.Itoa(i)}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var buf bytes.Buffer
	if err := b.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	<-done
	got, err := pledge.ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	all := b.All()
	if len(got) < 3000 || len(got) > len(all) {
		t.Fatalf("%d records written of %d", len(got), len(all))
	}
	if diff := cmp.Diff(all[:len(got)], got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
