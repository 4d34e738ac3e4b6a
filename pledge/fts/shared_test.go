package fts_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// sharedFiles returns the real FTS responses in ../shared/testdata/fts, or
// skips the test when that folder is not there (a plain clone).
func sharedFiles(t testing.TB) []string { return sharedData(t, "fts", "*.json") }

// sharedData returns the files of ../shared/testdata/dir that match
// pattern, in order, or skips the test when there are none.
func sharedData(t testing.TB, dir, pattern string) []string {
	t.Helper()
	dir = filepath.Join("..", "..", "..", "shared", "testdata", dir)
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(files) == 0 {
		t.Skipf("no %s in %s: the test data lives beside the repository, in ../shared/testdata", pattern, dir)
	}
	slices.Sort(files)
	return files
}

// rawFlow is what the independent reference reads: the fields it totals,
// straight from the JSON, numbers as text.
type rawFlow struct {
	ID               string       `json:"id"`
	VersionID        int          `json:"versionId"`
	Status           string       `json:"status"`
	AmountUSD        json.Number  `json:"amountUSD"`
	OriginalAmount   *json.Number `json:"originalAmount"`
	OriginalCurrency string       `json:"originalCurrency"`
	NewMoney         bool         `json:"newMoney"`
	SourceObjects    []struct {
		Type, Name string
	} `json:"sourceObjects"`
}

// reference totals the raw files by hand: each flow once (its newest
// version), amounts as exact decimals, grouped by the given key.
func reference(t *testing.T, files []string, key func(rawFlow) string, usd, newOnly bool) map[string]string {
	t.Helper()
	newest := map[string]rawFlow{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Data struct {
				Flows []rawFlow `json:"flows"`
			} `json:"data"`
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&page); err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Data.Flows {
			if old, ok := newest[f.ID]; !ok || f.VersionID > old.VersionID {
				newest[f.ID] = f
			}
		}
	}
	sums := map[string]decimal.Decimal{}
	for _, f := range newest {
		if newOnly && !f.NewMoney {
			continue
		}
		cur, value := "USD", f.AmountUSD.String()
		// The original figure, unless it is missing or a 0 beside a
		// dollar figure that is not (eight flows in these files).
		if !usd && f.OriginalCurrency != "" && f.OriginalAmount != nil &&
			!(isZero(*f.OriginalAmount) && !isZero(f.AmountUSD)) {
			cur, value = f.OriginalCurrency, f.OriginalAmount.String()
		}
		k := key(f) + " | " + cur
		sums[k] = sums[k].Add(decimal.RequireFromString(value))
	}
	out := map[string]string{}
	for k, v := range sums {
		out[k] = v.String()
	}
	return out
}

func TestSharedData(t *testing.T) {
	files := sharedFiles(t)
	var flows fts.Flows
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := flows.Read(f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		f.Close()
	}
	if flows.Len() != 800 {
		t.Errorf("read %d flows, want the 800 distinct flows of the four pages", flows.Len())
	}

	stageName := map[string]string{"pledge": "pledged", "commitment": "committed", "paid": "disbursed"}
	byStatus := func(f rawFlow) string { return stageName[f.Status] }
	byDonor := func(f rawFlow) string {
		for _, o := range f.SourceObjects {
			if o.Type == "Organization" {
				return o.Name
			}
		}
		return "(not reported)"
	}
	// Flows with several source organisations would be joined; the shared
	// files have at most one, which the reference relies on.
	for _, tc := range []struct {
		name    string
		opts    fts.Options
		dim     pledge.Dimension
		key     func(rawFlow) string
		usd     bool
		newOnly bool
	}{
		{"by status in USD", fts.Options{USD: true}, 0, byStatus, true, false},
		{"by status in original currencies", fts.Options{}, 0, byStatus, false, false},
		{"by donor in USD", fts.Options{USD: true}, pledge.ByDonor, byDonor, true, false},
		{"by donor in original currencies", fts.Options{}, pledge.ByDonor, byDonor, false, false},
		{"new money by donor in USD", fts.Options{USD: true, NewMoneyOnly: true}, pledge.ByDonor, byDonor, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := bookTotals(t, &flows, tc.opts, tc.dim)
			want := reference(t, files, tc.key, tc.usd, tc.newOnly)
			for k, v := range want {
				if v == "0" {
					delete(want, k)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-reference +summitry):\n%s", diff)
			}
		})
	}
}

// bookTotals puts the records of the flows in a Book and totals them as
// the references do, "key | currency" to an amount: by status (each stage
// alone) when dim is 0, else by dim over every stage; zero totals are left
// out.
func bookTotals(t *testing.T, flows *fts.Flows, opts fts.Options, dim pledge.Dimension) map[string]string {
	t.Helper()
	records, err := flows.Pledges(opts)
	if err != nil {
		t.Fatal(err)
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, stage := range pledge.Stages() {
		if dim != 0 && stage != pledge.Pledged {
			continue // every record has reached Pledged
		}
		q := pledge.Query{Stage: stage, GroupBy: []pledge.Dimension{pledge.ByCurrency}}
		if dim != 0 {
			q.GroupBy = []pledge.Dimension{dim, pledge.ByCurrency}
		}
		tot, err := book.Total(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range tot.Rows() {
			switch {
			case r.Amount.IsZero():
			case dim == 0:
				// Stages nest: unnest subtracts the next stage's total.
				got[stage.String()+" | "+r.Keys[0]] = r.Amount.Decimal().String()
			default:
				got[r.Keys[0]+" | "+r.Keys[1]] = r.Amount.Decimal().String()
			}
		}
	}
	if dim == 0 {
		got = unnest(got)
	}
	return got
}

// unnest turns totals at each least stage ("at least committed") into
// totals of each stage alone, as the reference counts them: FTS flows have
// no Under links, so each stage's total is its own plus every later one's.
func unnest(atLeast map[string]string) map[string]string {
	order := []string{"pledged", "committed", "allocated", "disbursed"}
	out := map[string]string{}
	for k, v := range atLeast {
		var stage, cur string
		for i := range len(k) {
			if k[i] == '|' {
				stage, cur = k[:i-1], k[i+2:]
				break
			}
		}
		total := decimal.RequireFromString(v)
		if i := slices.Index(order, stage); i+1 < len(order) {
			if next, ok := atLeast[order[i+1]+" | "+cur]; ok {
				total = total.Sub(decimal.RequireFromString(next))
			}
		}
		if !total.IsZero() {
			out[stage+" | "+cur] = total.String()
		}
	}
	return out
}

// BenchmarkReadShared reads the four shared pages and reports flows per
// second.
func BenchmarkReadShared(b *testing.B) {
	files := sharedFiles(b)
	var pages [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	flowsRead := 0
	for b.Loop() {
		for _, p := range pages {
			flows, err := fts.ReadFlows(bytes.NewReader(p))
			if err != nil {
				b.Fatal(err)
			}
			flowsRead += len(flows)
		}
	}
	b.ReportMetric(float64(flowsRead)/b.Elapsed().Seconds(), "flows/s")
}

// isZero reports whether a JSON number is zero, from its text.
func isZero(n json.Number) bool { return decimal.RequireFromString(n.String()).IsZero() }
