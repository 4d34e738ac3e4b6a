package fts_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// hdxFiles returns the CSV files HDX published for Jordan, in
// ../shared/testdata/fts-hdx, or skips the test when that folder is not
// there (a plain clone).
func hdxFiles(t testing.TB) []string { return sharedData(t, "fts-hdx", "*.csv") }

// readHDX reads the shared CSV files into Flows.
func readHDX(t *testing.T, files []string) *fts.Flows {
	t.Helper()
	flows := new(fts.Flows)
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := flows.ReadCSV(f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		f.Close()
	}
	return flows
}

// hdxRow is one row of the raw files, by column name, as encoding/csv
// reads it: what the independent reference works from.
type hdxRow map[string]string

func rawHDX(t *testing.T, files []string) []hdxRow {
	t.Helper()
	var rows []hdxRow
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] {
			row := hdxRow{}
			for i, name := range recs[0] {
				row[name] = rec[i]
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// split splits a cell of several names at its commas. The reader keeps a
// comma followed by a space in the name; the shared files have no such
// name in a cell of several, which the test checks.
func split(t *testing.T, cell string) []string {
	if strings.Contains(cell, ", ") {
		t.Fatalf("cell %q: the reference splits at every comma", cell)
	}
	if cell == "" {
		return nil
	}
	return strings.Split(cell, ",")
}

// one is a cell of one name as a list.
func one(cell string) []string {
	if cell == "" {
		return nil
	}
	return []string{cell}
}

// years lists the years from the start cell to the end cell.
func years(t *testing.T, start, end string) []int {
	if start == "" && end == "" {
		return nil
	}
	from, err1 := strconv.Atoi(start)
	to, err2 := strconv.Atoi(end)
	if err1 != nil || err2 != nil {
		t.Fatalf("usage years %q to %q", start, end)
	}
	var out []int
	for y := from; y <= to; y++ {
		out = append(out, y)
	}
	return out
}

// number writes a cell's number as decimal.Decimal writes it, or "0".
func number(cell string) string {
	if cell == "" {
		return "0"
	}
	return decimal.RequireFromString(cell).String()
}

// flowView is what the field-by-field comparison compares.
type flowView struct {
	ID, Status, USD, Original, Currency, Rate, Date, Decision, Description string
	FlowType, Contribution, Method, Boundary, RefCode                      string
	Budget                                                                 int
	Keywords, SrcOrgs, SrcLocations, DestOrgs, DestLocations, Clusters     []string
	Plans, Projects, Emergencies                                           []string
	SrcYears, DestYears                                                    []int
}

func viewOfRow(t *testing.T, r hdxRow) flowView {
	v := flowView{
		ID: r["id"], Status: r["status"], USD: number(r["amountUSD"]), Original: number(r["originalAmount"]),
		Rate: number(r["exchangeRate"]), Date: r["date"], Decision: r["decisionDate"], Description: r["description"],
		FlowType: r["flowType"], Contribution: r["contributionType"], Method: r["method"], Boundary: r["boundary"],
		RefCode: r["refCode"], Keywords: split(t, r["keywords"]),
		SrcOrgs: one(r["srcOrganization"]), SrcLocations: split(t, r["srcLocations"]),
		DestOrgs: one(r["destOrganization"]), DestLocations: split(t, r["destLocations"]),
		Clusters: split(t, r["destGlobalClusters"]), Plans: one(r["destPlan"]), Projects: one(r["destProject"]),
		Emergencies: one(r["destEmergency"]),
		SrcYears:    years(t, r["srcUsageYearStart"], r["srcUsageYearEnd"]),
		DestYears:   years(t, r["destUsageYearStart"], r["destUsageYearEnd"]),
	}
	if r["originalAmount"] != "" {
		v.Currency = r["originalCurrency"]
	}
	if r["budgetYear"] != "" {
		v.Budget, _ = strconv.Atoi(r["budgetYear"])
	}
	return v
}

func viewOfFlow(f fts.Flow) flowView {
	day := func(d interface{ Format(string) string }, zero bool) string {
		if zero {
			return ""
		}
		return d.Format("2006-01-02")
	}
	return flowView{
		ID: f.ID, Status: f.Status, USD: f.AmountUSD.String(), Original: f.OriginalAmount.String(), Currency: f.OriginalCurrency,
		Rate: f.ExchangeRate.String(), Date: day(f.Date, f.Date.IsZero()), Decision: day(f.DecisionDate, f.DecisionDate.IsZero()),
		Description: f.Description, FlowType: f.FlowType, Contribution: f.ContributionType, Method: f.Method,
		Boundary: f.Boundary, RefCode: f.RefCode, Budget: f.BudgetYear, Keywords: f.Keywords,
		SrcOrgs: f.Source.Organizations, SrcLocations: f.Source.Locations, DestOrgs: f.Destination.Organizations,
		DestLocations: f.Destination.Locations, Clusters: f.Destination.GlobalClusters, Plans: f.Destination.Plans,
		Projects: f.Destination.Projects, Emergencies: f.Destination.Emergencies,
		SrcYears: f.Source.UsageYears, DestYears: f.Destination.UsageYears,
	}
}

// TestHDXShared reads the flows HDX published for Jordan and checks each
// one, cell by cell, against the raw CSV.
func TestHDXShared(t *testing.T) {
	files := hdxFiles(t)
	flows := readHDX(t, files)
	rows := rawHDX(t, files)
	// The folder's README says 439 and 37; the files hold 440 and 38
	// rows, each a distinct flow.
	if len(rows) != 440+38 || flows.Len() != len(rows) {
		t.Fatalf("read %d flows from %d rows, want 478 of each", flows.Len(), len(rows))
	}
	counts := func(key func(fts.Flow) string) map[string]int {
		out := map[string]int{}
		for _, f := range flows.All() {
			out[key(f)]++
		}
		return out
	}
	for _, tc := range []struct {
		name string
		key  func(fts.Flow) string
		want map[string]int
	}{
		{"status", func(f fts.Flow) string { return f.Status }, map[string]int{"paid": 342, "commitment": 135, "pledge": 1}},
		{"flow type", func(f fts.Flow) string { return f.FlowType }, map[string]int{"Standard": 422, "Parked": 43, "Pass through": 13}},
		{"contribution", func(f fts.Flow) string { return f.ContributionType }, map[string]int{"financial": 461, "in kind": 17}},
		{"boundary", func(f fts.Flow) string { return f.Boundary }, map[string]int{"incoming": 440, "internal": 38}},
	} {
		if diff := cmp.Diff(tc.want, counts(tc.key)); diff != "" {
			t.Errorf("flows by %s (-want +got):\n%s", tc.name, diff)
		}
	}
	for _, r := range rows {
		f, ok := flows.Flow(r["id"])
		if !ok {
			t.Errorf("flow %s not read", r["id"])
			continue
		}
		if diff := cmp.Diff(viewOfRow(t, r), viewOfFlow(f), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("flow %s (-raw CSV +read):\n%s", r["id"], diff)
		}
		if f.VersionID != 0 || !f.NewMoneyUnknown || f.ParentID != "" || len(f.ChildIDs) > 0 {
			t.Errorf("flow %s: version %d, new money unknown %v, parent %q, children %v: the CSV gives none of these",
				f.ID, f.VersionID, f.NewMoneyUnknown, f.ParentID, f.ChildIDs)
		}
	}
}

// hdxReference totals the raw rows by hand: each row once, amounts as exact
// decimals from the cells, in the original currency when the row gives
// one (and not 0 beside a dollar figure that is not 0) or in USD.
func hdxReference(rows []hdxRow, key func(hdxRow) string, usd bool) map[string]string {
	sums := map[string]decimal.Decimal{}
	for _, r := range rows {
		cur, value := "USD", r["amountUSD"]
		if orig := r["originalAmount"]; !usd && orig != "" && r["originalCurrency"] != "" &&
			!(decimal.RequireFromString(orig).IsZero() && !decimal.RequireFromString(value).IsZero()) {
			cur, value = r["originalCurrency"], orig
		}
		k := key(r) + " | " + cur
		sums[k] = sums[k].Add(decimal.RequireFromString(value))
	}
	out := map[string]string{}
	for k, v := range sums {
		if !v.IsZero() {
			out[k] = v.String()
		}
	}
	return out
}

// TestHDXTotals: the totals of the records made from the CSV, by status
// and by donor, in US dollars and in the original currencies, are the
// sums of the raw cells.
func TestHDXTotals(t *testing.T) {
	files := hdxFiles(t)
	flows := readHDX(t, files)
	rows := rawHDX(t, files)
	stage := map[string]string{"pledge": "pledged", "commitment": "committed", "paid": "disbursed"}
	byStatus := func(r hdxRow) string { return stage[r["status"]] }
	byDonor := func(r hdxRow) string {
		if r["srcOrganization"] == "" {
			return "(not reported)"
		}
		return r["srcOrganization"]
	}
	for _, tc := range []struct {
		name string
		opts fts.Options
		dim  pledge.Dimension
		key  func(hdxRow) string
	}{
		{"by status in USD", fts.Options{USD: true}, 0, byStatus},
		{"by status in original currencies", fts.Options{}, 0, byStatus},
		{"by donor in USD", fts.Options{USD: true}, pledge.ByDonor, byDonor},
		{"by donor in original currencies", fts.Options{}, pledge.ByDonor, byDonor},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := hdxReference(rows, tc.key, tc.opts.USD)
			if diff := cmp.Diff(want, bookTotals(t, flows, tc.opts, tc.dim)); diff != "" {
				t.Errorf("(-reference +summitry):\n%s", diff)
			}
		})
	}
	if _, err := flows.Pledges(fts.Options{NewMoneyOnly: true}); err == nil {
		t.Error("NewMoneyOnly on flows that do not say whether they are new money: want an error")
	}
}

// TestHDXParked: the CSV carries no links between a parked flow and the
// flows split from it. Totals do not need them: FTS leaves a parked flow
// only the balance not yet allocated (32 of the 43 here hold 0), so each
// parked flow counts once, at its balance, beside the flows split from
// it. What is lost is which flows those are.
func TestHDXParked(t *testing.T) {
	files := hdxFiles(t)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := bytes.Cut(data, []byte("\n"))
		if bytes.Contains(header, []byte("parent")) || bytes.Contains(header, []byte("child")) {
			t.Errorf("%s now has a column of links: read it", file)
		}
	}
	flows := readHDX(t, files)
	parkedIDs := map[string]bool{}
	zero := 0
	for _, f := range flows.All() {
		if f.Parked() {
			parkedIDs["fts-"+f.ID] = true
			if f.AmountUSD.IsZero() {
				zero++
			}
		}
	}
	if len(parkedIDs) != 43 || zero != 32 {
		t.Errorf("%d parked flows, %d of them with a balance of 0; want 43 and 32", len(parkedIDs), zero)
	}
	records, err := flows.Pledges(fts.Options{USD: true})
	if err != nil {
		t.Fatal(err)
	}
	var parked []pledge.Pledge
	for _, p := range records {
		if parkedIDs[p.ID] {
			parked = append(parked, p)
			if !strings.Contains(p.Note, "parked: the balance not yet allocated") || strings.Contains(p.Note, "split") {
				t.Errorf("%s: note %q", p.ID, p.Note)
			}
		}
	}
	var book pledge.Book
	if err := book.Add(parked...); err != nil {
		t.Fatal(err)
	}
	tot, err := book.Total(pledge.Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := hdxReference(slices.DeleteFunc(rawHDX(t, files), func(r hdxRow) bool { return r["flowType"] != "Parked" }),
		func(hdxRow) string { return "parked" }, true)
	if got := tot.Sum(); len(got) != 1 || want["parked | USD"] != got[0].Decimal().String() || tot.Records() != 43 {
		t.Errorf("43 parked flows total %v in %d records, want USD %s", got, tot.Records(), want["parked | USD"])
	}
}

// TestHDXLayouts: the fixture as HDX published it until 2026, with a row
// of HXL hashtags as row 2, and as a spreadsheet might save it (byte-order
// mark, CRLF), reads as the fixture does.
func TestHDXLayouts(t *testing.T) {
	for _, file := range hdxFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var plain fts.Flows
		if err := plain.ReadCSV(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		header, rows, _ := strings.Cut(string(data), "\n")
		if got := strings.Count(hxlRow, ",") + 1; got != strings.Count(header, ",")+1 {
			t.Fatalf("%d hashtags for %d columns", got, strings.Count(header, ",")+1)
		}
		for name, in := range map[string]string{
			"HXL":            header + "\n" + hxlRow + rows,
			"BOM, HXL, CRLF": input.BOM + strings.ReplaceAll(header+"\n"+hxlRow+rows, "\n", "\r\n"),
		} {
			var flows fts.Flows
			if err := flows.ReadCSV(strings.NewReader(in)); err != nil {
				t.Fatalf("%s, %s: %v", filepath.Base(file), name, err)
			}
			if diff := cmp.Diff(plain.All(), flows.All()); diff != "" {
				t.Errorf("%s, %s (-as published +%s):\n%s", filepath.Base(file), name, name, diff)
			}
		}
	}
}

// TestHDXAndAPI: three flows are both in the CSV for Jordan and in the API
// pages of the shared data (../shared/testdata/fts, for Afghanistan and
// the occupied Palestinian territory). They read as the same flows, but
// for what the CSV does not carry or writes another way, and they make
// the same records.
func TestHDXAndAPI(t *testing.T) {
	fromCSV := readHDX(t, hdxFiles(t))
	var fromAPI fts.Flows
	for _, file := range sharedFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := fromAPI.Read(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	var both []string
	for _, f := range fromCSV.All() {
		if _, ok := fromAPI.Flow(f.ID); ok {
			both = append(both, f.ID)
		}
	}
	if diff := cmp.Diff([]string{"207188", "209248", "210819"}, both); diff != "" {
		t.Fatalf("flows in both (-want +got):\n%s", diff)
	}
	for _, id := range both {
		c, _ := fromCSV.Flow(id)
		a, _ := fromAPI.Flow(id)
		// HDX writes the locations as ISO 3166 codes, and only those it
		// covers (here AFG, JOR and PSE); the API names them all.
		for _, code := range append(c.Source.Locations, c.Destination.Locations...) {
			if len(code) != 3 || strings.ToUpper(code) != code {
				t.Errorf("flow %s: location %q is not an ISO 3166 code", id, code)
			}
		}
		if len(c.Destination.Locations) >= len(a.Destination.Locations) {
			t.Errorf("flow %s: locations %v in the CSV, %v in the API", id, c.Destination.Locations, a.Destination.Locations)
		}
		want := a
		want.VersionID, want.NewMoneyUnknown = 0, true
		want.Source.Locations, want.Destination.Locations = c.Source.Locations, c.Destination.Locations
		want.Destination.Clusters = nil
		if diff := cmp.Diff(want, c, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("flow %s (-API, but for what the CSV lacks +CSV):\n%s", id, diff)
		}
	}
	records := func(flows *fts.Flows) map[string]pledge.Pledge {
		ps, err := flows.Pledges(fts.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]pledge.Pledge{}
		for _, p := range ps {
			if slices.Contains(both, strings.TrimPrefix(p.ID, "fts-")) {
				p.Note = "" // the version and newMoney differ
				out[p.ID] = p
			}
		}
		return out
	}
	if diff := cmp.Diff(records(&fromAPI), records(fromCSV)); diff != "" {
		t.Errorf("records (-API +CSV):\n%s", diff)
	}
}
