package pledge_test

import (
	"fmt"

	"github.com/summitry/summitry/pledge"
)

// An amount goes into a database column as a composite of an exact
// NUMERIC and a currency code, and comes back from the text PostgreSQL
// returns for it.
func ExampleAmount_Value() {
	a := pledge.MustAmount("2300000000", "USD")
	v, _ := a.Value()
	fmt.Println(v)

	var back pledge.Amount
	err := back.Scan([]byte("(2300000000.00,USD)")) // a NUMERIC(20,2) value
	fmt.Println(back.Display(), back.Equal(a), err)

	var n pledge.NullAmount
	fmt.Println(n.Scan(nil), n.Valid, back.Scan(nil))
	// Output:
	// (2300000000,USD)
	// USD 2,300,000,000 true <nil>
	// <nil> false pledge: invalid amount "NULL": a NULL column: scan it into a NullAmount
}
