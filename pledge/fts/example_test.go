package fts_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

func ExampleFlows_Pledges() {
	const response = `{"data": {"flows": [
  {"id": "158080", "versionId": 1, "status": "commitment", "amountUSD": 118868,
   "originalAmount": 119700, "originalCurrency": "CHF", "exchangeRate": 1.007,
   "date": "2016-03-31T00:00:00Z", "newMoney": true, "flowType": "Standard",
   "sourceObjects": [{"type": "Organization", "name": "Switzerland, Government of"}],
   "destinationObjects": [{"type": "Organization", "name": "World Food Programme"},
                          {"type": "GlobalCluster", "name": "Coordination and support services"}]}
]}}`
	var flows fts.Flows
	if err := flows.Read(strings.NewReader(response)); err != nil {
		panic(err)
	}
	records, err := flows.Pledges(fts.Options{})
	if err != nil {
		panic(err)
	}
	var book pledge.Book
	if err := book.Add(records...); err != nil {
		panic(err)
	}
	p := records[0]
	fmt.Println(p.ID, p.Stage, p.Amount, p.Categories)
	fmt.Println(p.Note)
	usd, _ := flows.Pledges(fts.Options{USD: true})
	fmt.Println(usd[0].Amount)
	// Output:
	// fts-158080 committed CHF 119700 [humanitarian/coordination and support services]
	// FTS flow 158080 v1, commitment; amountUSD 118868; original CHF 119700; exchangeRate 1.007 (original units per USD, as given); flow type Standard
	// USD 118868
}

func ExampleReadFlows() {
	_, err := fts.ReadFlows(strings.NewReader(`{"data": {"flows": [
  {"id": "1", "status": "promised", "amountUSD": 5, "date": "2020-01-01T00:00:00Z"}
]}}`))
	fmt.Println(err)
	// Output: fts: line 2: flow "1" status: unknown status "promised": want pledge, commitment or paid
}

// ReadFlows refuses what encoding/json would quietly resolve: a donor
// written in Latin-1 (encoding/json reads the é as U+FFFD) and an amount
// given twice, the second time in another case (encoding/json believes the
// last).
func ExampleReadFlows_strict() {
	_, err := fts.ReadFlows(strings.NewReader("{\"data\": {\"flows\": [\n" +
		`  {"id": "1", "status": "paid", "amountUSD": 100, "AMOUNTUSD": 5, "date": "2020-01-01",` + "\n" +
		"   \"sourceObjects\": [{\"type\": \"Organization\", \"name\": \"Kor\xe9a\"}]}\n" +
		"]}}"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, fts.ErrInvalidText))
	// Output:
	// fts: 2 problems:
	// 	fts: line 2: flow "1" AMOUNTUSD: invalid flow: field names are exact: want "amountUSD"
	// 	fts: line 3: flow "1" sourceObjects[0].name: invalid text: byte 0xe9 is not UTF-8
	// true
}

// ReadCSV reads the CSV files of FTS flows that HDX publishes, here two
// rows cut from HDX's file for Jordan (fewer columns, and the row of HXL
// hashtags HDX's files carried as row 2). "Canada, Government of" is one
// name; "Health,Nutrition" is two clusters. The CSV does not say whether a
// flow is new money, so Options.NewMoneyOnly refuses its flows.
func ExampleFlows_ReadCSV() {
	const file = `date,description,amountUSD,srcOrganization,destOrganization,destGlobalClusters,destLocations,contributionType,flowType,status,decisionDate,originalAmount,originalCurrency,exchangeRate,id
#date,#description+notes,#value+funding+total+usd,#org+name+funder,#org+name+impl,#sector+cluster+name+list,#country+iso3+impl+list,#financial+contribution+type,#financial+contribution+type,#status+text,#date+decision,#value+funding+total,#value+funding+total+currency,#financial+fx,#activity+id+fts_internal
2021-02-16,Contribution to OCHA pooled funding,725689,"Canada, Government of",Jordan Humanitarian Fund,,JOR,financial,Standard,paid,2020-05-13,1000000,CAD,1.378,227992
2020-12-28,Health & Nutrition. SC170416,437121,"Japan, Government of",United Nations Children's Fund,"Health,Nutrition",JOR,financial,Standard,paid,2020-12-28,,,,226022
`
	var flows fts.Flows
	if err := flows.ReadCSV(strings.NewReader(file)); err != nil {
		panic(err)
	}
	records, err := flows.Pledges(fts.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range records {
		fmt.Println(p.ID, p.Donor, "|", p.Stage, p.Amount, p.Categories)
	}
	fmt.Println(records[1].Note)
	_, err = flows.Pledges(fts.Options{NewMoneyOnly: true})
	fmt.Println(errors.Is(err, fts.ErrNotGiven))
	// Output:
	// fts-226022 Japan, Government of | disbursed USD 437121 [humanitarian/health humanitarian/nutrition]
	// fts-227992 Canada, Government of | disbursed CAD 1000000 [humanitarian]
	// FTS flow 227992, paid; amountUSD 725689; original CAD 1000000; exchangeRate 1.378 (original units per USD, as given); flow type Standard; new money or not: not given
	// true
}
