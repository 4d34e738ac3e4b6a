package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
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

// TestLedgerSurvivesJSON checks that the story's ledger, sources and all,
// reads back from its JSON unchanged.
func TestLedgerSurvivesJSON(t *testing.T) {
	l, err := ledger()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := l.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := meeting.ReadLedger(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(l.Meetings(), back.Meetings()); diff != "" {
		t.Errorf("meetings after JSON (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(l.Leaders(), back.Leaders()); diff != "" {
		t.Errorf("leaders after JSON (-want +got):\n%s", diff)
	}
}
