package fts_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/pledge/fts"
)

// hdxColumns are the columns of HDX's CSV of FTS flows, in HDX's order
// (OCHA-DAP/hdx-scraper-fts, project_configuration.yaml, plans_headers).
var hdxColumns = strings.Split("date,budgetYear,description,amountUSD,srcOrganization,srcOrganizationTypes,"+
	"srcLocations,srcUsageYearStart,srcUsageYearEnd,destPlan,destPlanCode,destPlanId,destOrganization,"+
	"destOrganizationTypes,destGlobalClusters,destLocations,destProject,destProjectCode,destEmergency,"+
	"destUsageYearStart,destUsageYearEnd,contributionType,flowType,method,boundary,onBoundary,status,"+
	"firstReportedDate,decisionDate,keywords,originalAmount,originalCurrency,exchangeRate,id,refCode,"+
	"createdAt,updatedAt", ",")

// hxlRow is the row of HXL hashtags that HDX's published files carried as
// row 2 until 2026 (OCHA-DAP/hdx-scraper-fts before commit 66bade1, "Remove
// hxl from FTS"), one for each of hdxColumns.
const hxlRow = "#date,#date+year+budget,#description+notes,#value+funding+total+usd,#org+name+funder," +
	"#org+type+funder+list,#country+iso3+funder+list,#date+year+start+funder,#date+year+end+funder," +
	"#activity+appeal+name,#activity+appeal+id+external,#activity+appeal+id+fts_internal,#org+name+impl," +
	"#org+type+impl+list,#sector+cluster+name+list,#country+iso3+impl+list,#activity+project+name," +
	"#activity+project+code,#crisis+name,#date+year+start+impl,#date+year+end+impl," +
	"#financial+contribution+type,#financial+contribution+type,#financial+method,#financial+direction," +
	"#financial+direction+type,#status+text,#date+reported,#date+decision,#description+keywords," +
	"#value+funding+total,#value+funding+total+currency,#financial+fx,#activity+id+fts_internal," +
	"#activity+code,#date+created,#date+updated\n"

// flowCSV is one row shaped like HDX's, the CSV twin of flowJSON(), with
// cells to override: flowCSV("id", "1002", "status", "pledge").
func flowCSV(cells ...string) string {
	row := map[string]string{
		"date": "2020-03-31", "description": "WFP emergency food assistance", "amountUSD": "118868",
		"srcOrganization": "Switzerland, Government of", "srcOrganizationTypes": "Government", "srcLocations": "CHE",
		"destOrganization": "World Food Programme", "destOrganizationTypes": "UN agency",
		"destGlobalClusters": "Food Security", "destLocations": "AFG", "destUsageYearStart": "2020", "destUsageYearEnd": "2020",
		"contributionType": "financial", "flowType": "Standard", "method": "Traditional aid", "boundary": "incoming",
		"onBoundary": "single", "status": "paid", "firstReportedDate": "2020-04-02", "originalAmount": "119700",
		"originalCurrency": "CHF", "exchangeRate": "1.007", "id": "1001", "createdAt": "2020-04-02", "updatedAt": "2020-04-02",
	}
	for i := 0; i+1 < len(cells); i += 2 {
		if _, ok := row[cells[i]]; !ok && !slices.Contains(hdxColumns, cells[i]) {
			panic("flowCSV: no column " + cells[i])
		}
		row[cells[i]] = cells[i+1]
	}
	rec := make([]string, len(hdxColumns))
	for i, c := range hdxColumns {
		rec[i] = row[c]
	}
	return csvLine(rec)
}

// csvLine writes one row as encoding/csv (and Python's csv) quote it.
func csvLine(rec []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(rec)
	w.Flush()
	return b.String()
}

// hdxFile is a CSV file of HDX's header and the rows given.
func hdxFile(rows ...string) string { return csvLine(hdxColumns) + strings.Join(rows, "") }

// readCSV reads a CSV file into new Flows.
func readCSV(t *testing.T, in string) []fts.Flow {
	t.Helper()
	var flows fts.Flows
	if err := flows.ReadCSV(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	return flows.All()
}

// TestReadCSVSameAsJSON: a row of HDX's CSV reads as the same Flow as the
// flow of the API it was written from, but for what the CSV does not carry
// (version, new money, parent and child links, clusters) and writes another
// way (locations as ISO 3166 codes).
func TestReadCSVSameAsJSON(t *testing.T) {
	fromCSV := readCSV(t, hdxFile(flowCSV(
		"keywords", "Humanitarian aid,Multiyear", "budgetYear", "2020", "decisionDate", "2020-03-01", "refCode", "7F-09904.01",
		"destPlan", "Afghanistan 2020", "destEmergency", "Multiple", "destProject", "WFP Afghanistan",
		"srcUsageYearStart", "2019", "srcUsageYearEnd", "2021")))
	json, err := fts.ReadFlows(strings.NewReader(page(flowJSON(
		"keywords", `["Humanitarian aid", "Multiyear"]`, "budgetYear", "2020", "decisionDate", `"2020-03-01T00:00:00Z"`, "refCode", `"7F-09904.01"`,
		"contributionType", `"financial"`, "method", `"Traditional aid"`, "boundary", `"incoming"`,
		"sourceObjects", `[{"type":"Organization","name":"Switzerland, Government of"},{"type":"Location","name":"Switzerland"},
			{"type":"UsageYear","name":"2019"},{"type":"UsageYear","name":"2020"},{"type":"UsageYear","name":"2021"}]`,
		"destinationObjects", `[{"type":"Organization","name":"World Food Programme"},{"type":"GlobalCluster","name":"Food Security"},
			{"type":"Cluster","name":"Food Security and Agriculture"},{"type":"Plan","name":"Afghanistan 2020"},
			{"type":"Emergency","name":"Multiple"},{"type":"Project","name":"WFP Afghanistan"},
			{"type":"Location","name":"Afghanistan"},{"type":"UsageYear","name":"2020"}]`))))
	if err != nil {
		t.Fatal(err)
	}
	want := json[0]
	want.VersionID = 0
	want.NewMoneyUnknown = true
	want.Source.Locations = []string{"CHE"}
	want.Destination.Locations = []string{"AFG"}
	want.Destination.Clusters = nil
	if diff := cmp.Diff([]fts.Flow{want}, fromCSV, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-JSON, but for what the CSV lacks +CSV):\n%s", diff)
	}
}

// TestReadCSVCells: how cells become fields.
func TestReadCSVCells(t *testing.T) {
	flows := readCSV(t, hdxFile(
		flowCSV("id", "1", "srcOrganization", "Canada, Government of", "destGlobalClusters",
			"Health,Protection - Housing, Land and Property,Water Sanitation Hygiene", "destLocations", "JOR,PSE",
			"keywords", ",Multiyear,", "description", "Line one\nline two, \"quoted\"", "refCode", "2017-12467\t"),
		flowCSV("id", "2", "originalAmount", "", "originalCurrency", "JPY", "exchangeRate", "", "contributionType", "in kind",
			"destUsageYearStart", "2018", "destUsageYearEnd", "2021", "date", "", "decisionDate", "2019-12-01",
			"srcOrganization", "", "destOrganization", "", "destGlobalClusters", "", "destLocations", "", "amountUSD", "1.5e3"),
	))
	type cells struct {
		ID, Description, RefCode, USD, Original, Currency, Rate, Contribution, Date, Decision string
		Donors, Recipients, Clusters, Locations, Keywords                                     []string
		Years                                                                                 []int
	}
	var got []cells
	for _, f := range flows {
		day := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		}
		got = append(got, cells{f.ID, f.Description, f.RefCode, f.AmountUSD.String(), f.OriginalAmount.String(), f.OriginalCurrency,
			f.ExchangeRate.String(), f.ContributionType, day(f.Date), day(f.DecisionDate),
			f.Source.Organizations, f.Destination.Organizations, f.Destination.GlobalClusters, f.Destination.Locations, f.Keywords,
			f.Destination.UsageYears})
	}
	want := []cells{
		{"1", "Line one\nline two, \"quoted\"", "2017-12467\t", "118868", "119700", "CHF", "1.007", "financial", "2020-03-31", "",
			[]string{"Canada, Government of"}, []string{"World Food Programme"},
			[]string{"Health", "Protection - Housing, Land and Property", "Water Sanitation Hygiene"}, []string{"JOR", "PSE"},
			[]string{"Multiyear"}, []int{2020}},
		{"2", "WFP emergency food assistance", "", "1500", "0", "", "0", "in kind", "", "2019-12-01",
			nil, nil, nil, nil, nil, []int{2018, 2019, 2020, 2021}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !flows[0].NewMoney || !flows[0].NewMoneyUnknown || flows[0].VersionID != 0 {
		t.Errorf("a CSV flow: NewMoney %v, NewMoneyUnknown %v, VersionID %d; want true, true, 0",
			flows[0].NewMoney, flows[0].NewMoneyUnknown, flows[0].VersionID)
	}
}

// TestReadCSVLayout: what around the flows is read or skipped.
func TestReadCSVLayout(t *testing.T) {
	plain := hdxFile(flowCSV(), flowCSV("id", "1002", "description", "two\nlines"))
	want := readCSV(t, plain)
	header, rows, _ := strings.Cut(plain, "\n")
	tests := []struct{ name, in string }{
		{"HXL row", header + "\n" + hxlRow + rows},
		{"HXL row with spaces and empty cells", header + "\n" + strings.Replace(hxlRow, "#date,", " #date,,", 1)[:len(hxlRow)-len("#date+updated\n")] + "\n" + rows},
		{"byte-order mark", input.BOM + plain},
		{"CRLF", strings.ReplaceAll(header+"\n"+hxlRow+rows, "\n", "\r\n")},
		{"empty rows", header + "\n" + strings.Repeat(",", len(hdxColumns)-1) + "\n\n" + rows + "\n,,\n"},
		{"columns in another order, unknown ones, fewer", "newColumn,id,status,amountUSD,date,description,originalAmount,originalCurrency,exchangeRate," +
			"srcOrganization,destOrganization,destGlobalClusters,destLocations,srcLocations,destUsageYearStart,destUsageYearEnd," +
			"contributionType,flowType,method,boundary\n" +
			"x,1001,paid,118868,2020-03-31,WFP emergency food assistance,119700,CHF,1.007,\"Switzerland, Government of\"," +
			"World Food Programme,Food Security,AFG,CHE,2020,2020,financial,Standard,Traditional aid,incoming\n" +
			"y,1002,paid,118868,2020-03-31,\"two\nlines\",119700,CHF,1.007,\"Switzerland, Government of\"," +
			"World Food Programme,Food Security,AFG,CHE,2020,2020,financial,Standard,Traditional aid,incoming\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(want, readCSV(t, tt.in)); diff != "" {
				t.Errorf("(-plain +%s):\n%s", tt.name, diff)
			}
		})
	}
	if got := readCSV(t, hdxFile()); len(got) != 0 {
		t.Errorf("a header alone read %d flows", len(got))
	}
}

// csvErr reads a CSV file that must fail, into Flows that hold one flow,
// and checks that they still hold it alone.
func csvErr(t *testing.T, in io.Reader) error {
	t.Helper()
	var flows fts.Flows
	flows.Add(fts.Flow{ID: "1", Status: "paid", AmountUSD: decimal.NewFromInt(5)})
	err := flows.ReadCSV(in)
	if err == nil {
		t.Fatal("ReadCSV = nil; want an error")
	}
	if all := flows.All(); len(all) != 1 || all[0].ID != "1" || !all[0].AmountUSD.Equal(decimal.NewFromInt(5)) {
		t.Errorf("a bad file changed the flows: %+v", all)
	}
	return err
}

// TestReadCSVErrors: each problem names the row (and the line when the
// row has another number), the flow and the column.
func TestReadCSVErrors(t *testing.T) {
	long := strings.Repeat("9", 70)
	tests := []struct {
		name, in string
		want     []string
		sentinel error
	}{
		{"amount with a thousands separator", hdxFile(flowCSV("amountUSD", "118,868")), []string{
			`fts: row 2: flow "1001" amountUSD: invalid flow: want a number such as 1250000 or 0.883, found "118,868"`}, fts.ErrInvalid},
		{"amount with spaces", hdxFile(flowCSV("originalAmount", " 119700")), []string{
			`fts: row 2: flow "1001" originalAmount: invalid flow: want a number such as 1250000 or 0.883, found " 119700"`}, fts.ErrInvalid},
		{"NaN", hdxFile(flowCSV("exchangeRate", "nan")), []string{
			`fts: row 2: flow "1001" exchangeRate: invalid flow: want a number such as 1250000 or 0.883, found "nan"`}, fts.ErrInvalid},
		{"negative", hdxFile(flowCSV("amountUSD", "-1")), []string{
			`fts: row 2: flow "1001" amountUSD: invalid flow: negative: -1`}, fts.ErrInvalid},
		{"61 digits", hdxFile(flowCSV("originalAmount", "1e60")), []string{
			`fts: row 2: flow "1001" originalAmount: invalid flow: want at most 60 digits written plainly, found 1e60`}, fts.ErrInvalid},
		{"long number", hdxFile(flowCSV("amountUSD", long)), []string{
			`fts: row 2: flow "1001" amountUSD: invalid flow: number ` + long[:64] + `… (70 bytes) is longer than 64 characters`}, fts.ErrInvalid},
		{"rate of 0", hdxFile(flowCSV("exchangeRate", "0")), []string{
			`fts: row 2: flow "1001" exchangeRate: invalid flow: 0 is not a rate (original units per US dollar): leave the cell empty when there is none`}, fts.ErrInvalid},
		{"missing amount", hdxFile(flowCSV("amountUSD", "")), []string{
			`fts: row 2: flow "1001" amountUSD: invalid flow: missing`}, fts.ErrInvalid},
		{"missing ID", hdxFile(flowCSV("id", "")), []string{
			`fts: row 2: id: invalid flow: missing`}, fts.ErrInvalid},
		{"ID with a space", hdxFile(flowCSV("id", "10 01")), []string{
			`fts: row 2: id: invalid flow: want a flow ID (a whole number, or up to 40 characters without spaces), found "10 01"`}, fts.ErrInvalid},
		{"status", hdxFile(flowCSV("status", "Paid")), []string{
			`fts: row 2: flow "1001" status: unknown status "Paid": want pledge, commitment or paid`}, fts.ErrStatus},
		{"no date", hdxFile(flowCSV("date", "")), []string{
			`fts: row 2: flow "1001" date: invalid flow: missing, and no decisionDate either`}, fts.ErrInvalid},
		{"date as a spreadsheet writes it", hdxFile(flowCSV("date", "31/03/2020")), []string{
			`fts: row 2: flow "1001" date: invalid flow: want a date from 0001-01-02 to 9999-12-31 such as 2020-03-31T00:00:00Z, found "31/03/2020"`}, fts.ErrInvalid},
		{"budget year", hdxFile(flowCSV("budgetYear", "2020.0")), []string{
			`fts: row 2: flow "1001" budgetYear: invalid flow: want a year from 1 to 9999, found "2020.0"`}, fts.ErrInvalid},
		{"currency not a code", hdxFile(flowCSV("originalCurrency", "Swiss francs")), []string{
			`fts: row 2: flow "1001" originalCurrency: invalid flow: want the three-letter ISO 4217 code of the originalAmount, such as CHF, found "Swiss francs"`}, fts.ErrInvalid},
		{"currency missing", hdxFile(flowCSV("originalCurrency", "")), []string{
			`fts: row 2: flow "1001" originalCurrency: invalid flow: want the three-letter ISO 4217 code of the originalAmount, such as CHF, found an empty cell`}, fts.ErrInvalid},
		{"usage years backwards", hdxFile(flowCSV("destUsageYearStart", "2021")), []string{
			`fts: row 2: flow "1001" destUsageYearEnd: invalid flow: 2020 is before destUsageYearStart 2021`}, fts.ErrInvalid},
		{"usage years without end", hdxFile(flowCSV("srcUsageYearStart", "2020")), []string{
			`fts: row 2: flow "1001" srcUsageYearEnd: invalid flow: missing, where srcUsageYearStart is "2020": give both or neither`}, fts.ErrInvalid},
		{"a century of usage", hdxFile(flowCSV("destUsageYearStart", "1920")), []string{
			`fts: row 2: flow "1001" destUsageYearEnd: invalid flow: 1920 to 2020 is more than 100 years`}, fts.ErrInvalid},
		{"usage year not a year", hdxFile(flowCSV("destUsageYearEnd", "0")), []string{
			`fts: row 2: flow "1001" destUsageYearEnd: invalid flow: want a year from 1 to 9999, found "0"`}, fts.ErrInvalid},
		{"too few cells", hdxFile(flowCSV(), "2020-01-01,,x\n"), []string{
			`fts: row 3: invalid flow: 3 cells, where the header has 37`}, fts.ErrInvalid},
		{"a flow on two rows", hdxFile(flowCSV(), flowCSV("id", "1002"), flowCSV("amountUSD", "1")), []string{
			`fts: row 4: flow "1001" id: invalid flow: the flow is on row 2 too: which is it?`}, fts.ErrInvalid},
		{"after a cell of two lines", hdxFile(flowCSV("description", "a\nb"), flowCSV("id", "1002", "status", "")), []string{
			`fts: row 3 (line 4): flow "1002" status: invalid flow: missing`}, fts.ErrInvalid},
		{"hashtags after row 2", hdxFile(flowCSV()) + hxlRow, []string{
			`fts: row 3: flow "#activity+id+fts_internal" date: invalid flow: want a date from 0001-01-02 to 9999-12-31 such as 2020-03-31T00:00:00Z, found "#date"`,
			`fts: row 3: flow "#activity+id+fts_internal" budgetYear: invalid flow: want a year from 1 to 9999, found "#date+year+budget"`,
			// The rest of the row's problems follow; the test looks at the first two.
		}, fts.ErrInvalid},
		{"Latin-1 in a column not read", hdxFile(flowCSV("destOrganizationTypes", "Soci\xe9t\xe9")), []string{
			`fts: row 2: flow "1001" destOrganizationTypes: invalid text: byte 0xe9 is not UTF-8`}, fts.ErrInvalidText},
		{"Latin-1 in the second line of a cell", hdxFile(flowCSV("srcOrganization", "Cor\xe9e", "description", "one\ntwo \xe9")), []string{
			`fts: row 2 (line 3): flow "1001" description: invalid text: byte 0xe9 is not UTF-8`,
			`fts: row 2 (line 3): flow "1001" srcOrganization: invalid text: byte 0xe9 is not UTF-8`}, fts.ErrInvalidText},
		{"Latin-1 in the only date", hdxFile(flowCSV("date", "2020-03-3\xb9")), []string{
			`fts: row 2: flow "1001" date: invalid text: byte 0xb9 is not UTF-8`}, fts.ErrInvalidText},
		{"Latin-1 in the ID", hdxFile(flowCSV("id", "1001\xff")), []string{
			`fts: row 2: id: invalid text: byte 0xff is not UTF-8`}, fts.ErrInvalidText},
		{"noncharacters and control characters", hdxFile(flowCSV("srcOrganization", "Kor\ufdd0a", "description", "one\ntwo\x01", "keywords", "a,\U0010FFFF",
			"destUsageYearStart", "\u00852020", "destOrganizationTypes", "\uffff\x01")), []string{
			`fts: row 2 (line 3): flow "1001" description: invalid text: "one\ntwo\x01" holds the control character U+0001 at byte 7`,
			`fts: row 2 (line 3): flow "1001" srcOrganization: invalid text: "Kor\ufdd0a" holds U+FDD0 (a Unicode noncharacter) at byte 3`,
			`fts: row 2 (line 3): flow "1001" destUsageYearStart: invalid text: "\u00852020" holds the control character U+0085 at byte 0`,
			`fts: row 2 (line 3): flow "1001" keywords: invalid text: "a,\U0010ffff" holds U+10FFFF (a Unicode noncharacter) at byte 2`,
		}, fts.ErrInvalidText},
		{"column in another case", "id,status,AmountUSD,date\n1,paid,5,2020-01-01\n", []string{
			`fts: row 1: AmountUSD: malformed input: column names are exact: want "amountUSD"`,
			`fts: row 1: amountUSD: malformed input: no such column: is this a CSV of FTS flows from HDX?`}, fts.ErrSyntax},
		{"column twice", "id,status,amountUSD,date,amountUSD\n1,paid,5,2020-01-01,6\n", []string{
			`fts: row 1: amountUSD: malformed input: column given twice, first as column 3`}, fts.ErrSyntax},
		{"not a flow file", "countryCode,id,name,requirements,funding\nJOR,943,3RP,1,2\n", []string{
			`fts: row 1: status: malformed input: no such column: is this a CSV of FTS flows from HDX?`,
			`fts: row 1: amountUSD: malformed input: no such column: is this a CSV of FTS flows from HDX?`,
			`fts: row 1: date: malformed input: no such column, and no decisionDate either`}, fts.ErrSyntax},
		{"half a pair of columns", "id,status,amountUSD,date,srcUsageYearStart,originalAmount\n", []string{
			`fts: row 1: originalCurrency: malformed input: no such column, for originalAmount`,
			`fts: row 1: srcUsageYearEnd: malformed input: no such column, for srcUsageYearStart`}, fts.ErrSyntax},
		{"Latin-1 in the header", "id,status,amountUSD,date,Ann\xe9e\n", []string{
			`fts: row 1: "Ann\xe9e": invalid text: byte 0xe9 is not UTF-8`}, fts.ErrInvalidText},
		{"Latin-1 in the hashtags", "id,status,amountUSD,date\n#id,#status,#value,#date,#x\x9f\n1,paid,5,2020-01-01\n", []string{
			`fts: row 2: column 5: invalid text: byte 0x9f is not UTF-8`}, fts.ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := csvErr(t, strings.NewReader(tt.in))
			got := problems(t, err)
			if strings.HasPrefix(tt.name, "hashtags") {
				got = got[:len(tt.want)]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("%v is not %v", err, tt.sentinel)
			}
			var ve *fts.ValidationError
			if errors.As(err, &ve) && ve.Problems[0].Row == 0 {
				t.Errorf("problem %+v names no row", ve.Problems[0])
			}
		})
	}
}

// TestReadCSVMalformed: what encoding/csv cannot read stops the reader.
func TestReadCSVMalformed(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", `fts: malformed input: no header row: is this a CSV of FTS flows from HDX?`},
		{"byte-order mark alone", input.BOM, `fts: malformed input: no header row: is this a CSV of FTS flows from HDX?`},
		{"stray quote", hdxFile(flowCSV(), `2020-01-01,,W"FP`+"\n"), `fts: malformed input: row 3 (line 3, column 14): bare " in non-quoted-field`},
		{"quote not closed", hdxFile(flowCSV(), `2020-01-01,,"WFP`+"\n"), `fts: malformed input: row 3 (line 3, column 18): extraneous or missing " in quoted-field`},
		{"row over 1 MiB", hdxFile(flowCSV(), flowCSV("id", "1002", "keywords", strings.Repeat("x", 1<<20))),
			`fts: malformed input: row 3 is longer than 1048576 bytes: is this a CSV of FTS flows from HDX?`},
		{"endless cell", hdxFile(flowCSV()) + `"` + strings.Repeat("x", 3<<20),
			`fts: malformed input: row 3 is longer than 1048576 bytes: is this a CSV of FTS flows from HDX?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := csvErr(t, strings.NewReader(tt.in))
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" || !errors.Is(err, fts.ErrSyntax) {
				t.Errorf("%v: (-want +got):\n%s", err, diff)
			}
		})
	}
	// A reader that fails fails the file.
	disk := errors.New("disk on fire")
	err := csvErr(t, io.MultiReader(strings.NewReader(hdxFile(flowCSV())), iotest.ErrReader(disk)))
	if !errors.Is(err, disk) || err.Error() != "fts: reading: disk on fire" {
		t.Errorf("a failing reader: %v", err)
	}
	// A row of just under 1 MiB reads.
	big := hdxFile(flowCSV("keywords", strings.Repeat("x", 1<<20-1000)))
	if flows := readCSV(t, big); len(flows) != 1 || len(flows[0].Keywords[0]) != 1<<20-1000 {
		t.Errorf("a long row did not read whole")
	}
}

// TestReadCSVManyProblems: the first 100 problems are kept, the rest
// counted, and reading goes on to the end of the file.
func TestReadCSVManyProblems(t *testing.T) {
	rows := make([]string, 150)
	for i := range rows {
		rows[i] = flowCSV("id", fmt.Sprint(1000+i), "status", "promised")
	}
	var ve *fts.ValidationError
	if err := csvErr(t, strings.NewReader(hdxFile(rows...))); !errors.As(err, &ve) {
		t.Fatalf("%v is not a *ValidationError", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 50 {
		t.Errorf("%d problems and %d omitted, want 100 and 50", len(ve.Problems), ve.Omitted)
	}
	if last := ve.Problems[99]; last.Row != 101 || last.Flow != "1099" || last.Field != "status" || last.Index != 99 {
		t.Errorf("the 100th problem is %+v", last)
	}
}

// TestCSVFlowsMerge: a CSV flow has no version, so the API's flow replaces
// it in either order, and reading a file twice changes nothing.
func TestCSVFlowsMerge(t *testing.T) {
	file := hdxFile(flowCSV("amountUSD", "1"), flowCSV("id", "1002"))
	api := page(flowJSON("amountUSD", "2"))
	for _, order := range []string{"CSV first", "JSON first"} {
		t.Run(order, func(t *testing.T) {
			var flows fts.Flows
			reads := []func() error{
				func() error { return flows.ReadCSV(strings.NewReader(file)) },
				func() error { return flows.Read(strings.NewReader(api)) },
				func() error { return flows.ReadCSV(strings.NewReader(file)) },
			}
			if order == "JSON first" {
				reads[0], reads[1] = reads[1], reads[0]
			}
			for _, read := range reads {
				if err := read(); err != nil {
					t.Fatal(err)
				}
			}
			type v struct {
				ID, USD string
				Version int
				Unknown bool
			}
			var got []v
			for _, f := range flows.All() {
				got = append(got, v{f.ID, f.AmountUSD.String(), f.VersionID, f.NewMoneyUnknown})
			}
			want := []v{{"1001", "2", 1, false}, {"1002", "118868", 0, true}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestCSVPledges: the records of CSV flows, and NewMoneyOnly, which needs
// what the CSV does not say.
func TestCSVPledges(t *testing.T) {
	var flows fts.Flows
	if err := flows.ReadCSV(strings.NewReader(hdxFile(flowCSV(), flowCSV("id", "1002", "flowType", "Parked")))); err != nil {
		t.Fatal(err)
	}
	ps, err := flows.Pledges(fts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "FTS flow 1001, paid; amountUSD 118868; original CHF 119700; exchangeRate 1.007 (original units per USD, as given); flow type Standard; new money or not: not given"
	if ps[0].Note != want {
		t.Errorf("note %q, want %q", ps[0].Note, want)
	}
	if !strings.HasSuffix(ps[1].Note, "; parked: the balance not yet allocated") {
		t.Errorf("note %q does not say the flow is parked", ps[1].Note)
	}
	_, err = flows.Pledges(fts.Options{NewMoneyOnly: true})
	wantErr := []string{
		`fts: flow "1001" newMoney: not given by the source: Options.NewMoneyOnly needs it, and HDX's CSV does not say (read the flow from the FTS API)`,
		`fts: flow "1002" newMoney: not given by the source: Options.NewMoneyOnly needs it, and HDX's CSV does not say (read the flow from the FTS API)`,
	}
	if diff := cmp.Diff(wantErr, problems(t, err)); diff != "" || !errors.Is(err, fts.ErrNotGiven) {
		t.Errorf("NewMoneyOnly: %v (-want +got):\n%s", err, diff)
	}
	// Once the API says, the flow counts or not as it says.
	if err := flows.Read(strings.NewReader(page(flowJSON(), flowJSON("id", "1002", "newMoney", "false")))); err != nil {
		t.Fatal(err)
	}
	if ps, err := flows.Pledges(fts.Options{NewMoneyOnly: true}); err != nil || len(ps) != 1 || ps[0].ID != "fts-1001" {
		t.Errorf("NewMoneyOnly after the API: %d records, %v", len(ps), err)
	}
}
