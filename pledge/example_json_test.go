package pledge_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/summitry/summitry/pledge"
)

// The story's totals as a service would send them: each row's keys named
// by dimension, amounts as exact decimal strings with their currency, a
// qualifier where a figure is not exact, and the number of records.
func ExampleTotals_MarshalJSON() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("2300000000", "USD"), Date: date(2023, 9, 10),
			Parts: []pledge.Part{{Amount: pledge.MustAmount("300000000", "USD"), Qualifier: pledge.AtLeast,
				Categories: []pledge.Category{pledge.Humanitarian}}}},
		pledge.Pledge{ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
			Amount: pledge.MustAmount("150000000", "USD"), Date: date(2023, 7, 15),
			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	totals, err := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}})
	if err != nil {
		fmt.Println(err)
		return
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(totals); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "query": {
	//     "stage": "pledged",
	//     "donors": [],
	//     "recipients": [],
	//     "categories": [],
	//     "from": null,
	//     "to": null,
	//     "group_by": [
	//       "donor",
	//       "category"
	//     ],
	//     "depth": 0,
	//     "in": null,
	//     "rate_period": "day"
	//   },
	//   "dimensions": [
	//     "donor",
	//     "category"
	//   ],
	//   "rows": [
	//     {
	//       "keys": {
	//         "donor": "South Korea",
	//         "category": "humanitarian"
	//       },
	//       "amount": {
	//         "value": "300000000",
	//         "currency": "USD"
	//       },
	//       "qualifier": "at least",
	//       "records": 1
	//     },
	//     {
	//       "keys": {
	//         "donor": "South Korea",
	//         "category": "humanitarian+military/non-lethal"
	//       },
	//       "amount": {
	//         "value": "150000000",
	//         "currency": "USD"
	//       },
	//       "records": 1
	//     },
	//     {
	//       "keys": {
	//         "donor": "South Korea",
	//         "category": "unspecified"
	//       },
	//       "amount": {
	//         "value": "2000000000",
	//         "currency": "USD"
	//       },
	//       "qualifier": "at most",
	//       "records": 1
	//     }
	//   ],
	//   "sums": [
	//     {
	//       "amount": {
	//         "value": "2450000000",
	//         "currency": "USD"
	//       },
	//       "records": 2
	//     }
	//   ],
	//   "records": 2,
	//   "conversions": []
	// }
}

// Totals kept as JSON (in a cache, a database column) read back equal, and
// print as they did. Totals that do not hold together are refused.
func ExampleTotals_UnmarshalJSON() {
	data := []byte(`{"query": {"group_by": ["donor"]}, "dimensions": ["donor"],
		"rows": [{"keys": {"donor": "South Korea"}, "amount": {"value": "2450000000", "currency": "USD"}, "records": 2}],
		"sums": [{"amount": {"value": "2450000000", "currency": "USD"}, "records": 2}], "records": 2}`)
	var totals pledge.Totals
	if err := json.Unmarshal(data, &totals); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(totals)

	bad := []byte(`{"rows": [{"amount": {"value": "1", "currency": "USD"}}], "sums": []}`)
	fmt.Println(json.Unmarshal(bad, &totals))
	// Output:
	// Totals: all stages; by donor
	// donor        currency         amount  records
	// ---------------------------------------------
	// South Korea  USD       2,450,000,000        2
	// ---------------------------------------------
	// total        USD       2,450,000,000        2
	// pledge: totals: sums: [] are not the sums of the rows, [USD 1]
}

// A service reads the query from its request. Names of stages and
// dimensions are read as people write them, and a window of whole years or
// months needs no last day. Rates are the service's own: JSON does not
// carry them.
func ExampleQuery_UnmarshalJSON() {
	var q pledge.Query
	err := json.Unmarshal([]byte(`{"stage": "Commitment", "group_by": ["donors", "year"], "from": "2023", "to": "2024-06"}`), &q)
	fmt.Println(q, err)

	out, _ := json.Marshal(q)
	fmt.Println(string(out))

	err = json.Unmarshal([]byte(`{"group_by": ["donor", "colour"]}`), &q)
	fmt.Println(err)
	// Output:
	// committed or later; 2023-01-01..2024-06-30; by donor, year <nil>
	// {"stage":"committed","donors":[],"recipients":[],"categories":[],"from":"2023-01-01","to":"2024-06-30","group_by":["donor","year"],"depth":0,"in":null,"rate_period":"day"}
	// pledge: query: group_by[1]: dimension "colour": want donor, recipient, category, year, currency, stage
}

// A service that reads a query from a request body answers a bad one
// field by field: the *DecodeError says what was read, the field by its
// JSON path and why, and still matches the sentinel of the reason.
func ExampleDecodeError() {
	body := []byte(`{"group_by": ["donor", "year"], "in": "XYZ"}`)
	var q pledge.Query
	err := json.Unmarshal(body, &q)

	var de *pledge.DecodeError
	if errors.As(err, &de) {
		fmt.Printf("400 %s: field %q: %v\n", de.What, de.Field, de.Err)
		fmt.Println(errors.Is(err, pledge.ErrInvalidCurrency))
	}
	fmt.Println(err)
	// Output:
	// 400 query: field "in": pledge: invalid currency "XYZ": want an ISO 4217 code such as USD, EUR or KRW
	// true
	// pledge: query: in: invalid currency "XYZ": want an ISO 4217 code such as USD, EUR or KRW
}

// A dimension's name, as a query string might give it.
func ExampleParseDimension() {
	for _, s := range []string{"donor", "Categories", "stage", "region"} {
		d, err := pledge.ParseDimension(s)
		fmt.Println(d, err)
	}
	// Output:
	// donor <nil>
	// category <nil>
	// stage <nil>
	// Dimension(0) pledge: invalid value: dimension "region": want donor, recipient, category, year, currency, stage
}

// A row says which dimension each of its keys belongs to.
func ExampleRow_Key() {
	var book pledge.Book
	_ = book.Add(pledge.Pledge{ID: "p", Donor: "South Korea", Amount: pledge.MustAmount("150000000", "USD"), Date: date(2023, 7, 15)})
	totals, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByYear, pledge.ByDonor}})
	for _, r := range totals.Rows() {
		donor, _ := r.Key(pledge.ByDonor)
		year, _ := r.Key(pledge.ByYear)
		_, ok := r.Key(pledge.ByRecipient)
		fmt.Println(donor, year, ok, r.Dimensions)
	}
	// Output: South Korea 2023 false [year donor]
}
