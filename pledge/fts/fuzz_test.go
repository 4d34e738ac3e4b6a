package fts_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// FuzzReadFlows: no input makes the reader panic or return flows with an
// error; what it reads is JSON in UTF-8 without half surrogate pairs, and
// reads as encoding/json reads it; the text it keeps holds no noncharacter
// and no control character but tab, line feed and carriage return; and it
// becomes records a Book accepts (in USD).
func FuzzReadFlows(f *testing.F) {
	f.Add([]byte(page(flowJSON())))
	f.Add([]byte(page(flowJSON(), flowJSON("id", `"7"`, "versionId", "2", "childFlowIds", "[1001]"))))
	f.Add([]byte(`[` + flowJSON() + `]`))
	f.Add([]byte(`{"data":{"flows":[]}}`))
	f.Add([]byte(input.BOM + `[{"id":1,"status":"paid","amountUSD":1e2,"date":"2020-01-01","sourceObjects":[{"type":"Organization","name":"Cura\u00e7ao"}]}]`))
	f.Add([]byte(page(flowJSON("description", `"\uFDD0\u0001"`, "keywords", `["\ud83f\udfff", "\u0085"]`))))
	f.Fuzz(func(t *testing.T, data []byte) {
		flows, err := fts.ReadFlows(bytes.NewReader(data))
		if err != nil {
			if flows != nil {
				t.Fatal("flows returned with an error")
			}
			return
		}
		data = input.TrimBOM(data)
		if !json.Valid(data) || input.BadUTF8(data) >= 0 || input.LoneSurrogate(data) >= 0 {
			t.Fatalf("read %d flows from text that is not JSON in UTF-8", len(flows))
		}
		if diff := cmp.Diff(decodeReference(t, data), summarize(flows)); diff != "" {
			t.Fatalf("(-encoding/json +ReadFlows):\n%s", diff)
		}
		keptText(t, flows)
		var fs fts.Flows
		fs.Add(flows...)
		ps, err := fs.Pledges(fts.Options{USD: true})
		if err != nil {
			t.Fatalf("in USD every flow should convert: %v", err)
		}
		var book pledge.Book
		if err := book.Add(ps...); err != nil {
			t.Fatalf("records from flows refused: %v", err)
		}
	})
}

// flowSummary is what the fuzz target compares with encoding/json.
type flowSummary struct {
	ID, Status, AmountUSD, Description string
	Donors                             []string
}

func summarize(flows []fts.Flow) []flowSummary {
	var out []flowSummary
	for _, f := range flows {
		out = append(out, flowSummary{f.ID, f.Status, f.AmountUSD.String(), f.Description, f.Source.Organizations})
	}
	return out
}

// decodeReference reads a page that ReadFlows accepted with encoding/json.
func decodeReference(t *testing.T, data []byte) []flowSummary {
	type object struct {
		Type string
		Name *string
	}
	type flow struct {
		ID            json.RawMessage `json:"id"`
		Status        string          `json:"status"`
		AmountUSD     json.Number     `json:"amountUSD"`
		Description   string          `json:"description"`
		SourceObjects []object        `json:"sourceObjects"`
	}
	var flows []flow
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var err error
	if i := bytes.IndexAny(data, "[{"); data[i] == '[' {
		err = dec.Decode(&flows)
	} else {
		var page struct{ Data struct{ Flows []flow } }
		err = dec.Decode(&page)
		flows = page.Data.Flows
	}
	if err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	var out []flowSummary
	for _, f := range flows {
		id := string(f.ID)
		if id[0] == '"' {
			json.Unmarshal(f.ID, &id)
		}
		s := flowSummary{ID: id, Status: f.Status, AmountUSD: decimal.RequireFromString(f.AmountUSD.String()).String(), Description: f.Description}
		for _, o := range f.SourceObjects {
			if o.Type == "Organization" && o.Name != nil {
				s.Donors = append(s.Donors, *o.Name)
			}
		}
		out = append(out, s)
	}
	return out
}

// FuzzReadCSV: no input makes the CSV reader panic or add flows with an
// error; what it reads is UTF-8, the text it keeps as FuzzReadFlows says,
// and each row that is not the header, a
// row 2 of hashtags or empty is one flow whose ID, status, amount and
// description are the cells encoding/csv reads; and the flows become
// records a Book accepts (in USD).
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(hdxFile(flowCSV())))
	f.Add([]byte(hdxFile(flowCSV(), flowCSV("id", "1002", "description", "two\nlines, \"quoted\"", "destGlobalClusters", "Health,Protection - Housing, Land and Property"))))
	f.Add([]byte(input.BOM + csvLine(hdxColumns) + hxlRow + flowCSV("originalAmount", "", "destUsageYearStart", "2018")))
	f.Add([]byte("id,status,amountUSD,date\r\n1,paid,5,2020-01-01\r\n,,,\r\n2,pledge,1e3,2020-02-29\r\n"))
	f.Add([]byte(hdxFile(flowCSV("amountUSD", "1,5", "status", "Paid"), flowCSV("id", "10 01", "date", "31/03/2020"))))
	f.Add([]byte("id,status,amountUSD,decisionDate,srcUsageYearStart,srcUsageYearEnd\n7,paid,0,2020-01-01,2019,2021\n"))
	f.Add([]byte(hdxFile(flowCSV("description", "\ufdd0\x01", "srcOrganization", "\u0085", "keywords", "a,\U0001FFFF"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		var flows fts.Flows
		if err := flows.ReadCSV(bytes.NewReader(data)); err != nil {
			if flows.Len() != 0 {
				t.Fatalf("%d flows added with an error", flows.Len())
			}
			return
		}
		data = input.TrimBOM(data)
		if input.BadUTF8(data) >= 0 {
			t.Fatalf("read %d flows from text that is not UTF-8", flows.Len())
		}
		byID := map[string]flowSummary{}
		for _, f := range summarize(flows.All()) {
			byID[f.ID] = f
		}
		if diff := cmp.Diff(csvReference(t, data), byID); diff != "" {
			t.Fatalf("(-encoding/csv +ReadCSV):\n%s", diff)
		}
		keptText(t, flows.All())
		ps, err := flows.Pledges(fts.Options{USD: true})
		if err != nil {
			t.Fatalf("in USD every flow should convert: %v", err)
		}
		var book pledge.Book
		if err := book.Add(ps...); err != nil {
			t.Fatalf("records from flows refused: %v", err)
		}
	})
}

// keptText fails t when a text of a flow holds a character no pledge
// record may hold: a noncharacter, or a control character but tab, line
// feed and carriage return.
func keptText(t *testing.T, flows []fts.Flow) {
	t.Helper()
	for _, f := range flows {
		texts := []string{f.ID, f.Status, f.OriginalCurrency, f.Description, f.FlowType, f.ContributionType, f.Method, f.Boundary, f.RefCode, f.ParentID}
		texts = append(append(texts, f.Keywords...), f.ChildIDs...)
		for _, s := range []fts.Side{f.Source, f.Destination} {
			for _, list := range [][]string{s.Organizations, s.Locations, s.Plans, s.Emergencies, s.GlobalClusters, s.Clusters, s.Projects} {
				texts = append(texts, list...)
			}
		}
		for _, s := range texts {
			if at, why := input.BadChar(s, false); at >= 0 {
				t.Fatalf("flow %s: kept %q, which %s at byte %d", f.ID, s, why, at)
			}
		}
	}
}

// csvReference reads a CSV file that ReadCSV accepted with encoding/csv,
// as flowSummary values by ID.
func csvReference(t *testing.T, data []byte) map[string]flowSummary {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv: %v", err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	cell := func(rec []string, name string) string {
		if i, ok := col[name]; ok {
			return rec[i]
		}
		return ""
	}
	out := map[string]flowSummary{}
	for i, rec := range recs[1:] {
		hashtags, empty := true, true
		for _, c := range rec {
			c = strings.TrimLeft(c, " ")
			hashtags = hashtags && (c == "" || c[0] == '#')
			empty = empty && c == ""
		}
		if empty || i == 0 && hashtags {
			continue
		}
		s := flowSummary{ID: cell(rec, "id"), Status: cell(rec, "status"),
			AmountUSD: decimal.RequireFromString(cell(rec, "amountUSD")).String(), Description: cell(rec, "description")}
		if org := cell(rec, "srcOrganization"); org != "" {
			s.Donors = []string{org}
		}
		if _, dup := out[s.ID]; dup {
			t.Fatalf("flow %s read from two rows", s.ID)
		}
		out[s.ID] = s
	}
	return out
}
