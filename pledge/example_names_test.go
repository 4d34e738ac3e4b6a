package pledge_test

import (
	"errors"
	"fmt"

	"github.com/summitry/summitry/pledge"
)

// A filter finds names the way people type them, and a name the book does
// not hold is an error that suggests the nearest, never an empty total.
func ExampleBook_Donors() {
	var book pledge.Book
	err := book.Add(
		pledge.Pledge{ID: "kr", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("2300000000", "USD")},
		pledge.Pledge{ID: "jp", Donor: "Japan", Recipient: "Ukraine", Amount: pledge.MustAmount("4500000000", "USD")},
	)
	if err != nil {
		panic(err)
	}
	fmt.Println(book.Donors(), book.Recipients())

	t, err := book.Total(pledge.Query{Donors: []string{"south-korea"}})
	fmt.Println(t.Sum(), err)

	_, err = book.Total(pledge.Query{Donors: []string{"Japn"}})
	fmt.Println(err)
	var ne *pledge.NameError
	fmt.Println(errors.As(err, &ne), ne.Nearest)
	// Output:
	// [Japan South Korea] [Ukraine]
	// [USD 2300000000] <nil>
	// pledge: query: donors[0]: no donor "Japn" in the book (nearest: "Japan")
	// true [Japan]
}
