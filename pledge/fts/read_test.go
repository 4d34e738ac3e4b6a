package fts_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// flowJSON is one flow shaped like the FTS API's, with fields to override.
func flowJSON(fields ...string) string {
	base := map[string]string{
		"id": `"1001"`, "versionId": `1`, "status": `"paid"`, "amountUSD": `118868`,
		"originalAmount": `119700`, "originalCurrency": `"CHF"`, "exchangeRate": `1.007`,
		"date": `"2020-03-31T00:00:00Z"`, "decisionDate": `null`, "newMoney": `true`,
		"flowType": `"Standard"`, "parentFlowId": `null`, "childFlowIds": `null`,
		"description":        `"WFP emergency food assistance"`,
		"sourceObjects":      `[{"type":"Organization","id":"2924","name":"Switzerland, Government of"},{"type":"Location","id":"217","name":"Switzerland"}]`,
		"destinationObjects": `[{"type":"Organization","id":"3049","name":"World Food Programme"},{"type":"GlobalCluster","id":"1","name":"Food Security"},{"type":"Location","id":"1","name":"Afghanistan"},{"type":"UsageYear","id":"41","name":"2020"}]`,
	}
	order := []string{"id", "versionId", "status", "amountUSD", "originalAmount", "originalCurrency", "exchangeRate", "date", "decisionDate", "newMoney", "flowType", "parentFlowId", "childFlowIds", "description", "sourceObjects", "destinationObjects"}
	for i := 0; i+1 < len(fields); i += 2 {
		if _, ok := base[fields[i]]; !ok {
			order = append(order, fields[i])
		}
		base[fields[i]] = fields[i+1]
	}
	var parts []string
	for _, k := range order {
		if v := base[k]; v != "-" {
			parts = append(parts, `"`+k+`": `+v)
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func page(flows ...string) string {
	return `{"status": "ok", "data": {"incoming": {}, "flows": [
` + strings.Join(flows, ",\n") + `
]}, "meta": {"count": 1}}`
}

func TestReadFlows(t *testing.T) {
	flows, err := fts.ReadFlows(strings.NewReader(page(flowJSON(), flowJSON("id", "1002", "originalAmount", "null", "status", `"commitment"`, "parentFlowId", "999"))))
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		ID, Status, USD, Original, Currency, Rate, Date, Parent string
		Donor, Recipient                                        []string
		Clusters                                                []string
		Years                                                   []int
	}
	var got []summary
	for _, f := range flows {
		got = append(got, summary{f.ID, f.Status, f.AmountUSD.String(), f.OriginalAmount.String(), f.OriginalCurrency,
			f.ExchangeRate.String(), f.Date.Format("2006-01-02"), f.ParentID,
			f.Source.Organizations, f.Destination.Organizations, f.Destination.GlobalClusters, f.Destination.UsageYears})
	}
	want := []summary{
		{"1001", "paid", "118868", "119700", "CHF", "1.007", "2020-03-31", "", []string{"Switzerland, Government of"}, []string{"World Food Programme"}, []string{"Food Security"}, []int{2020}},
		{"1002", "commitment", "118868", "0", "", "1.007", "2020-03-31", "999", []string{"Switzerland, Government of"}, []string{"World Food Programme"}, []string{"Food Security"}, []int{2020}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The rate is kept as FTS gives it: 119700 / 1.007 is not 118868.
	if flows[0].ExchangeRate.Mul(flows[0].AmountUSD).Equal(flows[0].OriginalAmount) {
		t.Error("the example was meant to show a rate that does not reproduce amountUSD")
	}
}

func TestReadFlowsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		sentinel error
	}{
		{"empty", ``, "line 1: unexpected end of input", fts.ErrSyntax},
		{"not JSON", `<html>`, "line 1", fts.ErrSyntax},
		{"truncated", page(flowJSON())[:200], "unexpected end of input", fts.ErrSyntax},
		{"no flows", `{"data": {}}`, `no "data"."flows" array`, fts.ErrSyntax},
		{"flows not an array", `{"data": {"flows": {}}}`, `want "flows" to be an array, found '{'`, fts.ErrSyntax},
		{"trailing data", page() + "{}", "unexpected data after the page", fts.ErrSyntax},
		{"unknown status", page(flowJSON("status", `"promised"`)), `fts: line 2: flow "1001" status: unknown status "promised"`, fts.ErrStatus},
		{"missing amount", page(flowJSON("amountUSD", "-")), `flow "1001" amountUSD: invalid flow: missing`, fts.ErrInvalid},
		{"amount as text", page(flowJSON("amountUSD", `"5"`)), `amountUSD: invalid flow: want a JSON number`, fts.ErrInvalid},
		{"negative amount", page(flowJSON("originalAmount", `-5`)), `originalAmount: invalid flow: negative`, fts.ErrInvalid},
		{"bad date", page(flowJSON("date", `"31/03/2020"`)), `flow "1001" date: invalid flow: want a date`, fts.ErrInvalid},
		{"missing id", page(flowJSON("id", "-")), `flow #0 id: invalid flow: missing`, fts.ErrInvalid},
		{"wrong type", page(flowJSON("description", `5`)), `flow "1001" description: invalid flow: want a string, found number 5`, fts.ErrInvalid},
		{"huge number", page(flowJSON("amountUSD", "1e999999999")), `amountUSD: invalid flow: want at most 60 digits written plainly, found 1e999999999`, fts.ErrInvalid},
		{"second flow on line 3", page(flowJSON(), flowJSON("id", `"1002"`, "date", `"x"`)), `fts: line 3: flow "1002" date`, fts.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flows, err := fts.ReadFlows(strings.NewReader(tt.in))
			if err == nil || flows != nil {
				t.Fatalf("ReadFlows = %d flows, %v; want an error and no flows", len(flows), err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("error %q is not %v", err, tt.sentinel)
			}
		})
	}
}

func TestReadIsAllOrNothing(t *testing.T) {
	var fs fts.Flows
	if err := fs.Read(strings.NewReader(page(flowJSON()))); err != nil {
		t.Fatal(err)
	}
	err := fs.Read(strings.NewReader(page(flowJSON("id", `"2001"`), flowJSON("id", `"2002"`, "status", `"?"`))))
	if err == nil {
		t.Fatal("want an error")
	}
	if fs.Len() != 1 {
		t.Errorf("a bad page added flows: %d, want 1", fs.Len())
	}
}

func TestPagingAndVersions(t *testing.T) {
	var fs fts.Flows
	pages := []string{
		page(flowJSON("id", `"1"`, "versionId", "2", "amountUSD", "200"), flowJSON("id", `"2"`)),
		page(flowJSON("id", `"1"`, "versionId", "1", "amountUSD", "100"), flowJSON("id", `"2"`), flowJSON("id", `"10"`)),
		page(flowJSON("id", `"2"`, "versionId", "3", "amountUSD", "7")),
	}
	for _, p := range pages {
		if err := fs.Read(strings.NewReader(p)); err != nil {
			t.Fatal(err)
		}
	}
	type v struct {
		ID      string
		Version int
		USD     string
	}
	var got []v
	for _, f := range fs.All() {
		got = append(got, v{f.ID, f.VersionID, f.AmountUSD.String()})
	}
	want := []v{{"1", 2, "200"}, {"2", 3, "7"}, {"10", 1, "118868"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPledges(t *testing.T) {
	var fs fts.Flows
	err := fs.Read(strings.NewReader(page(
		flowJSON(),
		flowJSON("id", `"1002"`, "status", `"commitment"`, "originalAmount", "null", "decisionDate", `"2019-12-01T00:00:00Z"`,
			"destinationObjects", `[{"type":"Organization","name":"UNICEF"},{"type":"GlobalCluster","name":"Water Sanitation Hygiene"},{"type":"GlobalCluster","name":"Health"}]`),
		flowJSON("id", `"1003"`, "newMoney", "false", "flowType", `"Pass through"`, "parentFlowId", "1002"),
		flowJSON("id", `"1004"`, "flowType", `"Parked"`, "childFlowIds", "[1003]", "destinationObjects", `[]`, "sourceObjects", `[]`),
	)))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := fs.Pledges(fts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		ID, Donor, Recipient, Amount, Stage, Date string
		Categories                                []pledge.Category
	}
	var got []rec
	for _, p := range ps {
		got = append(got, rec{p.ID, p.Donor, p.Recipient, p.Amount.String(), p.Stage.String(), p.Date.Format("2006-01-02"), p.Categories})
	}
	want := []rec{
		{"fts-1001", "Switzerland, Government of", "World Food Programme", "CHF 119700", "disbursed", "2020-03-31", []pledge.Category{"humanitarian/food security"}},
		{"fts-1002", "Switzerland, Government of", "UNICEF", "USD 118868", "committed", "2019-12-01", []pledge.Category{"humanitarian/health", "humanitarian/water sanitation hygiene"}},
		{"fts-1003", "Switzerland, Government of", "World Food Programme", "CHF 119700", "disbursed", "2020-03-31", []pledge.Category{"humanitarian/food security"}},
		{"fts-1004", "(not reported)", "", "CHF 119700", "disbursed", "2020-03-31", []pledge.Category{"humanitarian"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(ps[0].Note, "exchangeRate 1.007 (original units per USD, as given)") || !strings.Contains(ps[2].Note, "not new money") || !strings.Contains(ps[3].Note, "parked") {
		t.Errorf("notes lack provenance: %q / %q / %q", ps[0].Note, ps[2].Note, ps[3].Note)
	}
	var book pledge.Book
	if err := book.Add(ps...); err != nil {
		t.Fatalf("the records should go into a book as they are: %v", err)
	}

	fresh, _ := fs.Pledges(fts.Options{NewMoneyOnly: true, USD: true, ByLocation: true})
	if len(fresh) != 3 || fresh[0].Amount.String() != "USD 118868" || fresh[0].Donor != "Switzerland" || fresh[0].Recipient != "Afghanistan" {
		t.Errorf("NewMoneyOnly+USD+ByLocation = %+v", fresh)
	}

	var odd fts.Flows
	odd.Add(fts.Flow{ID: "9", Status: "paid", AmountUSD: decimal.NewFromInt(1), OriginalAmount: decimal.NewFromInt(1), OriginalCurrency: "XYZ"})
	if _, err := odd.Pledges(fts.Options{}); err == nil || !strings.Contains(err.Error(), `flow "9" originalCurrency`) {
		t.Errorf("unknown currency: %v", err)
	}
	if ps, err := odd.Pledges(fts.Options{USD: true}); err != nil || len(ps) != 1 {
		t.Errorf("with USD the flow should convert: %v", err)
	}
}

// TestPledgeAmountAndDate covers the gaps FTS leaves: an original amount of
// 0 beside a dollar figure (eight flows in the shared files) and a flow
// dated only by its decision.
func TestPledgeAmountAndDate(t *testing.T) {
	tests := []struct {
		name   string
		flow   string
		amount string
		date   string
		note   string
	}{
		{"original amount", flowJSON(), "CHF 119700", "2020-03-31", "original CHF 119700"},
		{"original 0 beside USD", flowJSON("amountUSD", "117853", "originalAmount", "0", "originalCurrency", `"USD"`, "exchangeRate", "null"),
			"USD 117853", "2020-03-31", "original USD 0 (not used: amountUSD is not zero)"},
		{"original 0 in another currency", flowJSON("amountUSD", "1", "originalAmount", "0", "originalCurrency", `"EUR"`),
			"USD 1", "2020-03-31", "original EUR 0 (not used"},
		{"both 0", flowJSON("amountUSD", "0", "originalAmount", "0", "originalCurrency", `"EUR"`),
			"EUR 0", "2020-03-31", "original EUR 0"},
		{"no original amount", flowJSON("originalAmount", "null"), "USD 118868", "2020-03-31", "amountUSD 118868"},
		{"decision date first", flowJSON("decisionDate", `"2019-12-01T00:00:00Z"`), "CHF 119700", "2019-12-01", "FTS flow 1001"},
		{"decision date only", flowJSON("date", "-", "decisionDate", `"2019-12-01T00:00:00Z"`), "CHF 119700", "2019-12-01", "FTS flow 1001"},
		{"decision date, null date", flowJSON("date", "null", "decisionDate", `"2019-12-01T00:00:00Z"`), "CHF 119700", "2019-12-01", "FTS flow 1001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flows fts.Flows
			if err := flows.Read(strings.NewReader(page(tt.flow))); err != nil {
				t.Fatal(err)
			}
			ps, err := flows.Pledges(fts.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{ps[0].Amount.String(), ps[0].Date.Format("2006-01-02")}
			if diff := cmp.Diff([]string{tt.amount, tt.date}, got); diff != "" {
				t.Errorf("amount, date (-want +got):\n%s", diff)
			}
			if !strings.Contains(ps[0].Note, tt.note) {
				t.Errorf("note %q lacks %q", ps[0].Note, tt.note)
			}
		})
	}

	_, err := fts.ReadFlows(strings.NewReader(page(flowJSON("date", "null"))))
	if !errors.Is(err, fts.ErrInvalid) || !strings.Contains(err.Error(), `flow "1001" date: invalid flow: missing, and no decisionDate either`) {
		t.Errorf("a flow with no date at all: %v", err)
	}
}

// TestPledgesManyNames: a side with many organisations (past the length at
// which Pledges keeps a set) and many clusters, with repeats and names
// that clean to the same text, keeps each once in the order first given.
func TestPledgesManyNames(t *testing.T) {
	var orgs, clusters, wantOrgs []string
	var wantCats []pledge.Category
	for i := range 40 {
		name := fmt.Sprintf("Org %02d", i)
		orgs = append(orgs, name, " Org\t"+fmt.Sprintf("%02d", i)+" ", "")
		wantOrgs = append(wantOrgs, name)
		c := fmt.Sprintf("Cluster %02d", 39-i)
		clusters = append(clusters, c, strings.ToUpper(c))
		wantCats = append(wantCats, pledge.Category(fmt.Sprintf("humanitarian/cluster %02d", i)))
	}
	var fs fts.Flows
	fs.Add(fts.Flow{ID: "1", Status: "paid", AmountUSD: decimal.NewFromInt(5),
		Source: fts.Side{Organizations: orgs}, Destination: fts.Side{Organizations: []string{"B", "A", "B"}, GlobalClusters: clusters}})
	ps, err := fs.Pledges(fts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := []any{ps[0].Donor, ps[0].Recipient, ps[0].Categories}
	want := []any{strings.Join(wantOrgs, " / "), "B / A", wantCats}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("donor, recipient, categories (-want +got):\n%s", diff)
	}
}
