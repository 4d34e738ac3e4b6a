package pledge_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/summitry/summitry/pledge"
)

// A service keeps its book in a journal: it opens the journal at start,
// which rebuilds the book, adds each accepted batch through AddLogged,
// and after a crash cuts the torn last batch off and goes on.
func ExampleJournal() {
	dir, err := os.MkdirTemp("", "pledges")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "pledges.journal")

	// open rebuilds a book from the journal, repairing a torn tail.
	open := func() (*pledge.Book, *pledge.Journal) {
		book := new(pledge.Book)
		j, err := pledge.OpenJournal(path, book)
		if errors.Is(err, pledge.ErrTornJournal) {
			fmt.Println(err)
			if err = pledge.RepairJournal(path); err == nil {
				j, err = pledge.OpenJournal(path, book)
			}
		}
		if err != nil {
			log.Fatal(err) // a corrupt journal needs a person
		}
		return book, j
	}

	book, j := open()
	err = book.AddLogged(j,
		pledge.Pledge{ID: "kr-ua-g20", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("2300000000", "USD"), Stage: pledge.Committed},
		pledge.Pledge{ID: "kr-ua-07", Donor: "South Korea", Recipient: "Ukraine", Amount: pledge.MustAmount("150000000", "USD")},
	)
	if err != nil {
		log.Fatal(err)
	}
	err = book.AddLogged(j, pledge.Pledge{ID: "kr-ua-paid", Donor: "South Korea", Recipient: "Ukraine",
		Amount: pledge.MustAmount("300000000", "USD"), Stage: pledge.Disbursed, Under: "kr-ua-g20"})
	if err != nil {
		log.Fatal(err)
	}
	j.Close()

	// The process dies while writing a batch: half of it reaches the disk.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"id":"jp-ua","donor":"Japan","amou`)
	f.Close()

	book, j = open()
	defer j.Close()
	fmt.Println(book.Len(), "records")
	// Output:
	// pledge: torn journal: line 6 (byte 478): the batch has no commit marker and its last line, 6, no end, as a crash during a write leaves it; the 2 batches before it are whole
	// 3 records
}

// A service lists records a page at a time, with the filters of a total;
// the page says how many there are in all and the book's version, which
// changes with every Add, for a cache or an ETag.
func ExampleBook_List() {
	var book pledge.Book
	for i, donor := range []string{"South Korea", "Japan", "South Korea", "Germany", "South Korea"} {
		err := book.Add(pledge.Pledge{
			ID: fmt.Sprintf("p%d", i), Donor: donor, Recipient: "Ukraine",
			Amount: pledge.MustAmount(fmt.Sprint(100*(i+1)), "USD"), Date: date(2024, 1, 10-i),
			Categories: []pledge.Category{pledge.Humanitarian},
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	q := pledge.Query{Donors: []string{"south korea"}, Categories: []pledge.Category{pledge.Humanitarian}}
	for offset := 0; ; offset += 2 {
		page, err := book.List(q, offset, 2)
		if err != nil {
			log.Fatal(err)
		}
		if len(page.Records) == 0 {
			break
		}
		fmt.Printf("%d-%d of %d (version %d):", page.Offset+1, page.Offset+len(page.Records), page.Total, page.Version)
		for _, p := range page.Records {
			fmt.Printf(" %s %s %s;", p.ID, p.Date.Format("2006-01-02"), p.Amount)
		}
		fmt.Println()
	}
	// Output:
	// 1-2 of 3 (version 5): p4 2024-01-06 USD 500; p2 2024-01-08 USD 300;
	// 3-3 of 3 (version 5): p0 2024-01-10 USD 100;
}

// Two books that share records merge: records already there change
// nothing, and a record that differs under the same ID is refused.
func ExampleBook_Merge() {
	g20 := pledge.Pledge{ID: "kr-ua-g20", Donor: "South Korea", Amount: pledge.MustAmount("2300000000", "USD")}
	var a, b pledge.Book
	a.Add(g20, pledge.Pledge{ID: "kr-ua-07", Donor: "South Korea", Amount: pledge.MustAmount("150000000", "USD")})
	b.Add(g20, pledge.Pledge{ID: "jp-ua", Donor: "Japan", Amount: pledge.MustAmount("4500000000", "USD")})
	fmt.Println(a.Merge(&b), a.Len())

	var c pledge.Book
	c.Add(pledge.Pledge{ID: "kr-ua-07", Donor: "South Korea", Amount: pledge.MustAmount("160000000", "USD")})
	fmt.Println(a.Merge(&c))
	// Output:
	// <nil> 3
	// pledge "kr-ua-07" id: duplicate: "kr-ua-07" is already in the book with amount USD 150000000, not USD 160000000
}

// A service reads the records of a request with ReadJSON, which names the
// record and the field of every problem, and adds them with AddLogged.
func ExampleReadJSON() {
	body := `[{"id": "kr-ua-07", "donor": "South Korea", "amount": {"value": "150000000", "currency": "USD"}},
	          {"id": "jp-ua", "donor": "Japan", "amount": {"value": "4.5 billion", "currency": "USD"}},
	          {"id": "de-ua", "donor": "Germany", "amount": {"value": "500000000", "currency": "EUR"}, "colour": "red"}]`
	_, err := pledge.ReadJSON(strings.NewReader(body))
	var ve *pledge.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("record %d (%s), field %s: %v\n", p.Index, p.ID, p.Field, p.Err)
		}
	}

	records, err := pledge.ReadJSON(strings.NewReader(`{"id": "kr-ua-07", "donor": "South Korea", "amount": {"value": "150000000", "currency": "USD"}}`))
	if err != nil {
		log.Fatal(err)
	}
	var book pledge.Book
	j := pledge.NewJournal(io.Discard) // a file in a service: OpenJournal
	fmt.Println(book.AddLogged(j, records...), book.Len())
	// Output:
	// record 1 (jp-ua), field amount: pledge: invalid amount "4.5 billion": unexpected " "
	// record 2 (de-ua), field colour: pledge: invalid value: unknown field "colour"
	// <nil> 1
}
