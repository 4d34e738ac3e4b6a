package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// dsnVar names the environment variable with the server's connection
// string; .ci/with-postgres sets it.
const dsnVar = "SUMMITRY_PG_DSN"

// server returns the connection string of the test server, or skips the
// test when there is none. In CI (CI set) a missing server fails the test:
// there .ci/run starts one, and a skip would hide that it did not.
func server(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(dsnVar)
	if dsn == "" {
		msg := "no PostgreSQL server: " + dsnVar + " is not set. Run the tests with one, from the repository's root: bash .ci/with-postgres go -C examples/postgres test ./..."
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return dsn
}

var schemas atomic.Int64

// freshDB returns a connection pool to an empty schema of its own, with
// the tables and functions made, dropped when the test ends.
func freshDB(tb testing.TB) *sql.DB {
	tb.Helper()
	dsn := server(tb)
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("test_%d_%d", os.Getpid(), schemas.Add(1))
	if _, err := admin.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE; CREATE SCHEMA "+name); err != nil {
		tb.Fatalf("PostgreSQL at %s=%q: %v", dsnVar, dsn, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	db, err := sql.Open("pgx", dsn+" search_path="+name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := Create(ctx, db); err != nil {
		tb.Fatal(err)
	}
	return db
}

// TestGeneratedBook writes 100,000 generated records, reads them back
// equal, and checks that SQL's sums of the NUMERIC amounts, per currency
// and per donor × categories × currency, at every stage, are Book.Total's
// digit for digit.
func TestGeneratedBook(t *testing.T) {
	db := freshDB(t)
	var book pledge.Book
	if err := book.Add(generate(100_000, 1)...); err != nil {
		t.Fatalf("the generated records are not a valid book: %v", err)
	}
	checkBook(t, db, &book)
}

// TestFTSFlows does the same with the real FTS flows in
// ../shared/testdata/fts, in their original currencies.
func TestFTSFlows(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "fts")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no FTS test data in %s: it lives beside the repository, in ../shared/testdata", dir)
	}
	db := freshDB(t)
	var flows fts.Flows
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		err = flows.Read(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	records, err := flows.Pledges(fts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		t.Fatal(err)
	}
	checkBook(t, db, &book)
}

// checkBook saves the book's records, loads them back and compares them
// one by one, then compares the totals in SQL with the book's.
func checkBook(t *testing.T, db *sql.DB, book *pledge.Book) {
	t.Helper()
	ctx := context.Background()
	want := book.All()

	start := time.Now()
	if err := Save(ctx, db, want); err != nil {
		t.Fatal(err)
	}
	saved := time.Since(start)
	start = time.Now()
	got, err := Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records: saved in %v, loaded in %v", len(want), saved.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	if len(got) != len(want) {
		t.Fatalf("loaded %d records, saved %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !want[i].Equal(got[i]) {
			if bad++; bad <= 3 {
				t.Errorf("record %d (%s) read back differs (-saved +loaded):\n%s", i, want[i].ID, cmp.Diff(want[i], got[i]))
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d records read back differ", bad, len(want))
	}
	var restored pledge.Book
	if err := restored.Add(got...); err != nil {
		t.Fatalf("the records read back do not make a book: %v", err)
	}

	byDonorCategory := []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}
	for _, stage := range pledge.Stages() {
		start := time.Now()
		sql, err := Total(ctx, db, stage)
		if err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		totals, err := book.Total(pledge.Query{Stage: stage, GroupBy: byDonorCategory})
		if err != nil {
			t.Fatal(err)
		}
		again, err := restored.Total(pledge.Query{Stage: stage, GroupBy: byDonorCategory})
		if err != nil {
			t.Fatal(err)
		}
		if totals.String() != again.String() {
			t.Errorf("%s: the book read back totals differently:\n%s\nwant:\n%s", stage, again, totals)
		}
		t.Logf("%s: %d currencies, %d donor × categories rows, from %d records; SQL took %v",
			stage, len(sql.Sum), len(sql.Rows), totals.Records(), elapsed.Round(time.Millisecond))
		compareSums(t, stage.String()+": per currency", totals.Sum(), sql.Sum)
		compareRows(t, stage.String()+": per donor × categories", totals.Rows(), sql.Rows)
	}
}

// compareSums compares the grand totals of SQL with the book's. Both are
// exact decimals, so Amount.Equal (same currency, Cmp == 0) is digit for
// digit equality: it leaves out only the trailing zeros that NUMERIC's
// scale adds (SUM of 1.50 and 2 is 3.50, which the book keeps as 3.5).
func compareSums(t *testing.T, what string, want, got []pledge.Amount) {
	t.Helper()
	if len(want) == 0 {
		t.Errorf("%s: the book counts nothing: the test proves nothing", what)
	}
	if !slices.EqualFunc(want, got, pledge.Amount.Equal) {
		t.Errorf("%s: SQL sums %v, the book %v", what, got, want)
	}
}

// compareRows compares the groups of SQL with the book's: keys, amount
// (Amount.Equal, as compareSums) and the number of records.
func compareRows(t *testing.T, what string, want, got []pledge.Row) {
	t.Helper()
	key := func(r pledge.Row) string {
		return strings.Join(r.Keys, " | ") + " | " + r.Amount.Currency().String()
	}
	index := map[string]pledge.Row{}
	for _, r := range got {
		index[key(r)] = r
	}
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 5 {
			t.Errorf(what+": "+format, args...)
		}
	}
	for _, w := range want {
		g, ok := index[key(w)]
		delete(index, key(w))
		switch {
		case !ok:
			report("%s: the book has %v from %d records, SQL nothing", key(w), w.Amount, w.Count)
		case !w.Amount.Equal(g.Amount) || w.Count != g.Count:
			report("%s: SQL sums %v from %d records, the book %v from %d", key(w), g.Amount, g.Count, w.Amount, w.Count)
		}
	}
	for k, g := range index {
		report("%s: SQL sums %v from %d records, the book has no such row", k, g.Amount, g.Count)
	}
	if bad > 5 {
		t.Errorf("%s: %d rows differ in all, of %d", what, bad, len(want))
	}
}

// TestStory checks the counting rules one at a time on the package
// overview's story: a part and its remainder, an undivided amount in two
// categories, a commitment with payments under it that add up to less and
// then to more than it, and a restatement.
func TestStory(t *testing.T) {
	db := freshDB(t)
	ctx := context.Background()
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	records := []pledge.Pledge{
		{ID: "g20", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("2300000000"), Date: day("2023-09-10"),
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: []pledge.Category{pledge.Humanitarian}}}},
		{ID: "vilnius", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("150000000"), Date: day("2023-07-15"),
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal}},
		{ID: "commit", Donor: "Japan", Amount: usd("300000000.00"), Stage: pledge.Committed, Date: day("2024-01-01"),
			Categories: []pledge.Category{pledge.FinancialGrant}},
		{ID: "paid-1", Donor: "Japan", Amount: usd("100000000"), Stage: pledge.Disbursed, Under: "commit", Date: day("2024-03-01"),
			Categories: []pledge.Category{pledge.FinancialGrant}},
		{ID: "paid-2", Donor: "Japan", Amount: usd("250000000.5"), Stage: pledge.Disbursed, Under: "commit", Date: day("2024-06-01"),
			Categories: []pledge.Category{pledge.FinancialLoan}},
		{ID: "old", Donor: "Canada", Amount: pledge.MustAmount("5", "CAD")},
		{ID: "new", Donor: "Canada", Amount: pledge.MustAmount("7.25", "CAD"), Revises: "old"},
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		t.Fatal(err)
	}
	if err := Save(ctx, db, book.All()); err != nil {
		t.Fatal(err)
	}
	want := map[pledge.Stage][]pledge.Row{
		pledge.Pledged: {
			{Keys: []string{"Canada", "unspecified"}, Amount: pledge.MustAmount("7.25", "CAD"), Count: 1},
			{Keys: []string{"Japan", "financial/grant"}, Amount: usd("300000000"), Count: 1},
			{Keys: []string{"Japan", "financial/loan"}, Amount: usd("50000000.5"), Count: 1}, // 100 + 250.0000005 − 300 million
			{Keys: []string{"South Korea", "humanitarian"}, Amount: usd("300000000"), Count: 1},
			{Keys: []string{"South Korea", "humanitarian+military/non-lethal"}, Amount: usd("150000000"), Count: 1},
			{Keys: []string{"South Korea", "unspecified"}, Amount: usd("2000000000"), Count: 1},
		},
		pledge.Disbursed: {
			{Keys: []string{"Japan", "financial/grant"}, Amount: usd("100000000"), Count: 1},
			{Keys: []string{"Japan", "financial/loan"}, Amount: usd("250000000.5"), Count: 1},
		},
	}
	for stage, rows := range want {
		for i := range rows {
			rows[i].Dimensions = []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}
		}
		sums, err := Total(ctx, db, stage)
		if err != nil {
			t.Fatal(err)
		}
		got := sums.Rows
		eq := cmp.Comparer(pledge.Amount.Equal)
		if diff := cmp.Diff(rows, got, eq); diff != "" {
			t.Errorf("%s: SQL rows (-want +got):\n%s", stage, diff)
		}
		totals, err := book.Total(pledge.Query{Stage: stage, GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(totals.Rows(), got, eq); diff != "" {
			t.Errorf("%s: SQL rows and Book.Total (-book +sql):\n%s", stage, diff)
		}
	}
}

// TestAmountColumns checks pledge.Amount's Scan and Value against what
// PostgreSQL itself writes and reads: the composite type, NUMERIC with a
// scale, the two-column form, NULL, and amounts no float holds.
func TestAmountColumns(t *testing.T) {
	db := freshDB(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE a (k INT PRIMARY KEY, x amount, v NUMERIC, c CHAR(3))`); err != nil {
		t.Fatal(err)
	}
	amounts := []pledge.Amount{
		pledge.MustAmount("2300000000", "USD"),
		pledge.MustAmount("0.000756", "KRW"),
		pledge.MustAmount("1.50", "EUR"),
		pledge.MustAmount("123456789012345678901234567890.123456789", "JPY"),
		pledge.MustAmount("0", "KWD"),
	}
	for k, a := range amounts {
		if _, err := db.ExecContext(ctx, `INSERT INTO a VALUES ($1, $2, $3, $4)`, k, a, a.Decimal(), a.Currency().String()); err != nil {
			t.Fatalf("insert %v: %v", a, err)
		}
	}
	// What PostgreSQL made of them, as text.
	var texts []string
	rows, err := db.QueryContext(ctx, `SELECT x::text || ' ' || v::text || ' ' || c FROM a ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantTexts := []string{
		"(2300000000,USD) 2300000000 USD",
		"(0.000756,KRW) 0.000756 KRW",
		"(1.5,EUR) 1.5 EUR", // Value writes a decimal as shopspring's String does, without trailing zeros
		"(123456789012345678901234567890.123456789,JPY) 123456789012345678901234567890.123456789 JPY",
		"(0,KWD) 0 KWD",
	}
	if diff := cmp.Diff(wantTexts, texts); diff != "" {
		t.Errorf("PostgreSQL's text of the stored amounts (-want +got):\n%s", diff)
	}
	for k, want := range amounts {
		var composite, two pledge.Amount
		var scaled pledge.Amount
		var code string
		var v sql.Null[string]
		err := db.QueryRowContext(ctx, `SELECT x, v::text, c, ROW((x).value::NUMERIC(70,12), (x).currency)::amount FROM a WHERE k = $1`, k).
			Scan(&composite, &v, &code, &scaled)
		if err != nil {
			t.Fatalf("%v: %v", want, err)
		}
		if two, err = pledge.NewAmount(v.V, code); err != nil {
			t.Fatal(err)
		}
		for _, got := range []pledge.Amount{composite, two, scaled} {
			if !got.Equal(want) {
				t.Errorf("read back %v, wrote %v", got, want)
			}
		}
	}
	// NULL: an error for an Amount, no amount for a NullAmount; a NULL
	// inside the composite is an error for both.
	var a pledge.Amount
	var n pledge.NullAmount
	if err := db.QueryRowContext(ctx, `SELECT NULL::amount`).Scan(&a); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("NULL into an Amount: %v, want ErrInvalidAmount", err)
	}
	if err := db.QueryRowContext(ctx, `SELECT NULL::amount`).Scan(&n); err != nil || n.Valid {
		t.Errorf("NULL into a NullAmount: %+v, %v", n, err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO a (k, x) VALUES (100, $1)`, pledge.NullAmount{}); err != nil {
		t.Errorf("writing an invalid NullAmount: %v", err)
	}
	// A NULL inside the composite is named as such, for both; both fields
	// NULL is NULL, as PostgreSQL itself takes it.
	for _, tt := range []struct{ q, want string }{
		{`SELECT ROW(NULL, 'USD')::amount`, `pledge: invalid amount "(,USD)": a NULL value`},
		{`SELECT ROW(1, NULL)::amount`, `pledge: invalid amount "(1,)": a NULL currency`},
	} {
		if err := db.QueryRowContext(ctx, tt.q).Scan(&n); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s into a NullAmount: %+v, %v; want an error with %q", tt.q, n, err, tt.want)
		}
		if err := db.QueryRowContext(ctx, tt.q).Scan(&a); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s into an Amount: %+v, %v; want an error with %q", tt.q, a, err, tt.want)
		}
	}
	var isNull bool
	if err := db.QueryRowContext(ctx, `SELECT ROW(NULL, NULL)::amount IS NULL`).Scan(&isNull); err != nil || !isNull {
		t.Errorf("PostgreSQL: ROW(NULL, NULL)::amount IS NULL = %v, %v", isNull, err)
	}
	n = pledge.NullAmount{Amount: pledge.MustAmount("1", "USD"), Valid: true}
	if err := db.QueryRowContext(ctx, `SELECT ROW(NULL, NULL)::amount`).Scan(&n); err != nil || n.Valid {
		t.Errorf("ROW(NULL, NULL) into a NullAmount: %+v, %v; want NULL", n, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT ROW(NULL, NULL)::amount`).Scan(&a); !errors.Is(err, pledge.ErrInvalidAmount) || !strings.Contains(err.Error(), "NULL") {
		t.Errorf("ROW(NULL, NULL) into an Amount: %v, want a NULL error matching ErrInvalidAmount", err)
	}
	// The zero Amount has no currency: writing it is an error, not a NULL.
	if _, err := db.ExecContext(ctx, `INSERT INTO a (k, x) VALUES (101, $1)`, pledge.Amount{}); !errors.Is(err, pledge.ErrInvalidAmount) {
		t.Errorf("writing the zero Amount: %v, want ErrInvalidAmount", err)
	}
}

// TestSaveAllOrNothing checks that a Save that fails writes nothing.
func TestSaveAllOrNothing(t *testing.T) {
	db := freshDB(t)
	ctx := context.Background()
	records := generate(300, 2)
	if err := Save(ctx, db, records[:100]); err != nil {
		t.Fatal(err)
	}
	// The same IDs again, after 200 new records: the UNIQUE id refuses
	// them, in the one INSERT of all 300.
	again := append(slices.Clone(records[100:]), records[:100]...)
	err := Save(ctx, db, again)
	want := fmt.Sprintf("pledges, the rows of records 0 to 299: ERROR: duplicate key value violates unique constraint \"pledges_id_key\" (SQLSTATE 23505): Key (id)=(%s) already exists.", records[0].ID)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("saving records twice: %v\nwant an error with %q", err, want)
	}
	// A link to a record that is not there fails at commit.
	orphan := records[100]
	orphan.Under = "nowhere"
	want = `violates foreign key constraint "pledges_under_fkey" (SQLSTATE 23503): Key (under)=(nowhere) is not present in table "pledges".`
	if err := Save(ctx, db, []pledge.Pledge{orphan}); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("saving a record under a missing one: %v\nwant an error with %q", err, want)
	}
	got, err := Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 {
		t.Fatalf("after failed saves, %d records, want the first 100", len(got))
	}
}

// TestLoadBadRows checks that rows the library would not accept, written
// by hand, fail Load with an error naming the table and the row.
func TestLoadBadRows(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name, sql, want string
	}{
		{"category", `UPDATE pledge_categories SET category = 'military//weapons' WHERE pledge = 0`,
			`pledge_categories: row [0 0]: sql: Scan error on column index 2, name "category": pledge: invalid category "military//weapons"`},
		{"part currency", `UPDATE parts SET currency = 'XYZ' WHERE pledge = 0`,
			`parts: row [0 0]: currency "XYZ"`},
		{"amount", `UPDATE pledges SET amount = ROW(NULL, 'USD') WHERE seq = 0`,
			`pledges: row [0]: sql: Scan error on column index 4, name "amount": pledge: invalid amount`},
		{"missing part", `DELETE FROM parts WHERE pledge = 0 AND pos = 0`,
			`parts: row [0 1] is out of place: 0 rows before it`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := freshDB(t)
			p := pledge.Pledge{ID: "a", Donor: "d", Amount: pledge.MustAmount("10", "USD"),
				Categories: []pledge.Category{pledge.Military},
				Parts: []pledge.Part{
					{Amount: pledge.MustAmount("1", "USD")},
					{Amount: pledge.MustAmount("2", "USD")},
				}}
			if err := Save(ctx, db, []pledge.Pledge{p}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, "SET CONSTRAINTS ALL IMMEDIATE; "+tt.sql); err != nil {
				t.Fatal(err)
			}
			_, err := Load(ctx, db)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v\nwant an error with %q", err, tt.want)
			}
		})
	}
}

// TestEveryFieldStored fails when pledge.Pledge, Part or Source gains a
// field that no column holds, which the round trip of generated records
// would not notice until the generator set it. A new field is one line in
// columns.go, then one here.
func TestEveryFieldStored(t *testing.T) {
	stored := map[reflect.Type]map[string]string{
		reflect.TypeFor[pledge.Pledge](): {
			"ID": "pledges.id", "Donor": "pledges.donor", "Recipient": "pledges.recipient",
			"Amount": "pledges.amount", "Qualifier": "pledges.qualifier", "DatePrecision": "pledges.date_precision", "Categories": "pledge_categories", "Parts": "parts",
			"Stage": "pledges.stage", "Date": "pledges.date", "Occasion": "pledges.occasion",
			"Revises": "pledges.revises", "Under": "pledges.under", "Sources": "sources",
			"Note": "pledges.note",
		},
		reflect.TypeFor[pledge.Part](): {
			"Amount": "parts.value and parts.currency", "Qualifier": "parts.qualifier", "Categories": "part_categories",
			"Year": "parts.year", "Note": "parts.note",
		},
		reflect.TypeFor[pledge.Source](): {
			"Publisher": "sources.publisher", "Title": "sources.title", "URL": "sources.url",
			"Quote": "sources.quote", "Date": "sources.date",
		},
	}
	for typ, fields := range stored {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() && fields[f.Name] == "" {
				t.Errorf("%s.%s is stored nowhere: add its column to columns.go, then here", typ, f.Name)
			}
		}
		for name := range fields {
			if _, ok := typ.FieldByName(name); !ok {
				t.Errorf("%s has no field %s any more", typ, name)
			}
		}
	}
}
