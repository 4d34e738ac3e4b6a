package benchdata_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/summitry/summitry/internal/benchdata"
)

// The same Spec gives the same rows on every machine; one row in four here
// has a 25-digit amount.
func ExampleSpec_Rows() {
	spec := benchdata.Spec{N: 4, Donors: 3, Categories: 5, Big: 1, Seed: 1}
	for _, r := range spec.Rows() {
		fmt.Println(r.Donor, r.Category, r.Amount())
	}
	// Output:
	// donor-000 humanitarian/health 30664285.19
	// donor-000 humanitarian/water 9300.48
	// donor-000 humanitarian/health 26595550405635417411202.41
	// donor-001 humanitarian/protection 0.02
}

func ExampleWriteCSV() {
	rows := benchdata.Rows(3, 2, 2, 7)
	if err := benchdata.WriteCSV(os.Stdout, rows); err != nil {
		panic(err)
	}
	// Output:
	// donor,category,amount
	// donor-000,humanitarian/food,35949558.04
	// donor-000,humanitarian/health,44554655483.05
	// donor-001,humanitarian/health,136244205044.25
}

// ReadCSV reads amounts exactly: into Cents, or into BigCents when they do
// not fit an int64.
func ExampleReadCSV() {
	const data = `donor,category,amount
donor-000,financial/loan,1234.50
donor-001,financial/grant,12345678901234567890123.45
`
	rows, err := benchdata.ReadCSV(strings.NewReader(data))
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Println(r.Donor, r.Cents, r.BigCents)
	}
	// Output:
	// donor-000 123450 <nil>
	// donor-001 0 1234567890123456789012345
}

// Each row has an ID and a date, for whoever makes records of it.
func ExampleRow() {
	for _, r := range benchdata.Rows(2, 2, 2, 1) {
		fmt.Println(r.ID, r.Date.Format("2006-01-02"), r.Donor, r.Category, benchdata.Currency, r.Amount())
	}
	// Output:
	// p0000001 2022-01-01 donor-000 humanitarian/food USD 30664285.19
	// p0000002 2022-09-05 donor-001 humanitarian/food USD 9300.48
}
