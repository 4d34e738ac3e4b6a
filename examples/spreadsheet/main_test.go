package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

// TestRun checks the story's output against testdata/output.golden; run
// `go test -update` after a deliberate change.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// TestInDollars converts the reported values at the IMF's annual averages
// of the file beside the repository, when it is there.
func TestInDollars(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "testdata", "imf-rates", "imf_annual_avg_per_usd_2019-2024.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no %s: the test data lives beside the repository", path)
	}
	defer f.Close()
	var out bytes.Buffer
	if err := inDollars(&out, f); err != nil {
		t.Fatal(err)
	}
	// The dollars as reported, unconverted; pounds at 1/0.8045389067343528
	// (the 2023 average) to 12 places, 1.242947968867 dollars a pound;
	// the table writes each amount with the decimals it has, none for a
	// whole one, lined up at the point.
	for _, want := range []string{
		"United States   USD       10,400,000,000             2\n",
		"United Kingdom  USD        2,485,895,937.734         1\n",
		"Rates: Source: International Monetary Fund.",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}
