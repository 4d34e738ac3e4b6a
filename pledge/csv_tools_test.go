package pledge_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/pledge"
)

// The lines the docs of Book.WriteCSV, Totals.WriteCSV and the README give
// for reading amounts exactly, run by the tools themselves.
const (
	duckBookSQL = `SELECT currency, sum(amount) FROM read_csv('book.csv', types = {'amount': 'DECIMAL(38,10)'})
WHERE kind = 'pledge' AND id NOT IN (SELECT revises FROM read_csv('book.csv') WHERE revises IS NOT NULL)
GROUP BY currency`
	duckTotalsSQL = `SELECT currency, sum(amount) FROM read_csv('totals.csv', types = {'amount': 'DECIMAL(38,10)'}) GROUP BY currency`
	pandasBook    = `b = pd.read_csv('book.csv', dtype=str, keep_default_na=False)
b['amount'] = b['amount'].map(lambda s: Decimal(s) if s else None)
b = b[(b.kind == 'pledge') & ~b.id.isin(b.revises)]`
	pandasTotals = `t = pd.read_csv('totals.csv', converters={'amount': Decimal})`
)

// toolsDir writes a book and its totals by donor as CSV into a new folder,
// with amounts a float would round (KRW 2300000000000000.31), and returns
// the folder and the sums per currency, "KRW 2300000000000000.31", that
// both files must give.
func toolsDir(t *testing.T) (string, []string) {
	t.Helper()
	b := bookOf(t,
		pledge.Pledge{ID: "1", Donor: "South Korea", Amount: pledge.MustAmount("2300000000000000.31", "KRW"),
			Parts:   []pledge.Part{{Amount: pledge.MustAmount("0.31", "KRW"), Categories: []pledge.Category{pledge.Humanitarian}}},
			Sources: []pledge.Source{{Publisher: "Yonhap", Date: day("2024-01-02")}}},
		pledge.Pledge{ID: "2", Donor: "South Korea", Amount: pledge.MustAmount("0.0000000001", "KRW")},
		pledge.Pledge{ID: "3", Donor: "Japan", Amount: pledge.MustAmount("1234.5", "USD"), Note: "=1+1"},
		pledge.Pledge{ID: "4", Donor: "Japan", Amount: pledge.MustAmount("1234.25", "USD"), Revises: "3"},
	)
	dir := t.TempDir()
	var book bytes.Buffer
	if err := b.WriteCSV(&book); err != nil {
		t.Fatal(err)
	}
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	var totals bytes.Buffer
	if err := tot.WriteCSV(&totals); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"book.csv": book.Bytes(), "totals.csv": totals.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, sumsOf(tot)
}

// sumLines reads "CUR value" lines as amounts, sorted, so that the tools'
// trailing zeros ("1234.2500000000") compare as the numbers they are.
func sumLines(t *testing.T, out []byte) []string {
	t.Helper()
	var got []string
	for line := range strings.Lines(strings.TrimSpace(string(out))) {
		cur, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		a, err := pledge.NewAmount(v, cur)
		if err != nil {
			t.Fatalf("%q: %v\n%s", line, err, out)
		}
		got = append(got, a.String())
	}
	slices.Sort(got)
	return got
}

// TestCSVExactInDuckDB runs the DuckDB queries of the docs on a book's and
// its totals' CSV. It needs node and @duckdb/node-api: set
// SUMMITRY_DUCKDB_NODE to a folder where `npm install @duckdb/node-api`
// ran; without it the test is skipped.
func TestCSVExactInDuckDB(t *testing.T) {
	mods := os.Getenv("SUMMITRY_DUCKDB_NODE")
	node, err := exec.LookPath("node")
	if mods == "" || err != nil {
		t.Skip("set SUMMITRY_DUCKDB_NODE to a folder with node_modules/@duckdb/node-api, and have node on PATH")
	}
	if _, err := os.Stat(filepath.Join(mods, "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skipf("SUMMITRY_DUCKDB_NODE: %v", err)
	}
	dir, want := toolsDir(t)
	if err := os.Symlink(filepath.Join(mods, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	script := `import { DuckDBInstance } from '@duckdb/node-api';
const conn = await (await DuckDBInstance.create(':memory:')).connect();
for (const q of process.argv.slice(2)) {
  for (const [cur, sum] of (await conn.runAndReadAll(q)).getRows()) console.log(cur + ' ' + sum.toString());
  console.log('--');
}
`
	if err := os.WriteFile(filepath.Join(dir, "sum.mjs"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "sum.mjs", duckBookSQL, duckTotalsSQL)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	book, totals, _ := strings.Cut(string(out), "--\n")
	for name, got := range map[string]string{"book": book, "totals": strings.TrimSuffix(totals, "--\n")} {
		if diff := cmp.Diff(want, sumLines(t, []byte(got))); diff != "" {
			t.Errorf("DuckDB's sums of the %s (-Book.Total +DuckDB):\n%s", name, diff)
		}
	}
}

// TestCSVExactInPandas runs the pandas lines of the docs on a book's and
// its totals' CSV, with python3 (or SUMMITRY_PYTHON); it is skipped when
// that has no pandas.
func TestCSVExactInPandas(t *testing.T) {
	python := os.Getenv("SUMMITRY_PYTHON")
	if python == "" {
		python = "python3"
	}
	if err := exec.Command(python, "-c", "import pandas").Run(); err != nil {
		t.Skipf("%s has no pandas (%v): set SUMMITRY_PYTHON to a python3 that has", python, err)
	}
	dir, want := toolsDir(t)
	script := "import sys, warnings\nwarnings.simplefilter('error')\nfrom decimal import Decimal\nimport pandas as pd\n" +
		pandasBook + "\n" + pandasTotals + "\n" +
		"for df in (b, t):\n" +
		"    for cur, v in df.groupby('currency')['amount'].sum().items():\n" +
		"        assert isinstance(v, Decimal), type(v)\n" +
		"        print(cur, v)\n" +
		"    print('--')\n"
	cmd := exec.Command(python, "-c", script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", python, err, out)
	}
	book, totals, _ := strings.Cut(string(out), "--\n")
	for name, got := range map[string]string{"book": book, "totals": strings.TrimSuffix(totals, "--\n")} {
		if diff := cmp.Diff(want, sumLines(t, []byte(got))); diff != "" {
			t.Errorf("pandas's sums of the %s (-Book.Total +pandas):\n%s", name, diff)
		}
	}
}
