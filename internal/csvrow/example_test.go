package csvrow_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/summitry/summitry/internal/csvrow"
)

// A reader names each row as a spreadsheet numbers it, with the line it
// starts on, and keeps a quoted cell as written.
func Example() {
	r := csvrow.New(strings.NewReader("donor,note\n\nKorea,\"two\r\nlines\"\nJapan,\n"))
	for r.Read() != io.EOF {
		fmt.Printf("row %d (line %d): %q %q\n", r.Row(), r.Line(), r.Text(0), r.Text(1))
	}
	// Output:
	// row 1 (line 1): "donor" "note"
	// row 2 (line 3): "Korea" "two\r\nlines"
	// row 3 (line 5): "Japan" ""
}
