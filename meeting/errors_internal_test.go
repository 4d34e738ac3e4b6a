package meeting

import (
	"strings"
	"testing"
)

func TestJSONPath(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "ID": "id", "Name": "name", "Terms[1].Start": "terms[1].start",
		"Sources[0].URL": "sources[0].url", "Participants[12]": "participants[12]",
		"AsOf": "as_of", "Most": "count", "As": "kinds", "As.Kinds[1]": "kinds[1]",
		"As.Multilateral": "multilateral", "participants[1]": "participants[1]",
		"source2_date": "source2_date",
	} {
		if got := jsonPath(in); got != want {
			t.Errorf("jsonPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadLedgerBounded: ReadLedger refuses an input larger than its
// bound, reading no further than one byte past it (issue 10, review: it
// read without limit). The bound is lowered from 1 GiB for the test.
func TestReadLedgerBounded(t *testing.T) {
	defer func(max int64) { maxLedgerBytes = max }(maxLedgerBytes)
	maxLedgerBytes = 1 << 10
	var endless endlessSpace
	_, err := ReadLedger(&endless)
	if want := "meeting: reading ledger: larger than 1024 bytes"; err == nil || err.Error() != want {
		t.Errorf("ReadLedger of endless white space: %v, want %s", err, want)
	}
	if endless.n > maxLedgerBytes+1 {
		t.Errorf("read %d bytes, want at most %d", endless.n, maxLedgerBytes+1)
	}
	doc := `{"leaders": []}` + strings.Repeat(" ", 1<<10-len(`{"leaders": []}`))
	if _, err := ReadLedger(strings.NewReader(doc)); err != nil {
		t.Errorf("ReadLedger of %d bytes, the bound: %v", len(doc), err)
	}
	if _, err := ReadLedger(strings.NewReader(doc + " ")); err == nil {
		t.Errorf("ReadLedger of %d bytes, one past the bound: no error", len(doc)+1)
	}
}

// endlessSpace reads as white space without end, counting what was read.
type endlessSpace struct{ n int64 }

func (e *endlessSpace) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.n += int64(len(p))
	return len(p), nil
}
