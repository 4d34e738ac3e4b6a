package fts_test

import (
	"fmt"
	"strings"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// The whole story, with three flows of FTS's pages for Afghanistan in 2020
// (trimmed to the fields the reader uses): Canada's payment into the
// Afghanistan Humanitarian Fund, the United Kingdom's commitment to it, and
// one of the fund's grants, to Save the Children for health. The grant
// spends money the contributions already count (FTS marks it newMoney
// false), so a total of new money leaves it out; amounts are in the
// currency each donor gave, or in FTS's dollars.
func Example() {
	const page = `{"data": {"flows": [
  {"id": "212082", "versionId": 1, "status": "paid", "amountUSD": 1128350,
   "originalAmount": 1600000, "originalCurrency": "CAD", "exchangeRate": 1.418,
   "date": "2020-04-07T00:00:00Z", "newMoney": true, "flowType": "Standard",
   "sourceObjects": [{"type": "Organization", "name": "Canada, Government of"}],
   "destinationObjects": [{"type": "Organization", "name": "Afghanistan Humanitarian Fund"}]},
  {"id": "217445", "versionId": 1, "status": "commitment", "amountUSD": 6518905,
   "originalAmount": 5000000, "originalCurrency": "GBP", "exchangeRate": 0.767,
   "date": "2020-08-24T00:00:00Z", "newMoney": true, "flowType": "Standard",
   "sourceObjects": [{"type": "Organization", "name": "United Kingdom, Government of"}],
   "destinationObjects": [{"type": "Organization", "name": "Afghanistan Humanitarian Fund"}]},
  {"id": "211794", "versionId": 1, "status": "paid", "amountUSD": 244218,
   "date": "2020-05-13T00:00:00Z", "newMoney": false, "flowType": "Standard",
   "sourceObjects": [{"type": "Organization", "name": "Afghanistan Humanitarian Fund"}],
   "destinationObjects": [{"type": "Organization", "name": "Save the Children"},
                          {"type": "GlobalCluster", "name": "Health"}]}
]}}`
	var flows fts.Flows
	if err := flows.Read(strings.NewReader(page)); err != nil {
		fmt.Println(err) // names the line, the flow and the field of each problem
		return
	}
	for _, v := range []struct {
		name string
		o    fts.Options
	}{
		{"every flow, in the donor's currency", fts.Options{}},
		{"new money only, in FTS's dollars", fts.Options{USD: true, NewMoneyOnly: true}},
	} {
		records, err := flows.Pledges(v.o)
		if err != nil {
			fmt.Println(err)
			return
		}
		var book pledge.Book
		if err := book.Add(records...); err != nil {
			fmt.Println(err)
			return
		}
		totals, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByRecipient}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s:\n", v.name)
		for _, row := range totals.Rows() {
			fmt.Printf("  %-9s  %-29s  %s\n", row.Keys[0], row.Keys[1], row.Amount.Display())
		}
	}
	// Output:
	// every flow, in the donor's currency:
	//   committed  Afghanistan Humanitarian Fund  GBP 5,000,000
	//   disbursed  Afghanistan Humanitarian Fund  CAD 1,600,000
	//   disbursed  Save the Children              USD 244,218
	// new money only, in FTS's dollars:
	//   committed  Afghanistan Humanitarian Fund  USD 6,518,905
	//   disbursed  Afghanistan Humanitarian Fund  USD 1,128,350
}
