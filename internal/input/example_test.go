package input_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/summitry/summitry/internal/input"
)

// A reader trims a byte-order mark, refuses text that is not UTF-8 by its
// offset, and names the line of each problem as it meets them.
func Example() {
	data := input.TrimBOM([]byte(input.BOM + "donor,amount\nKor\xe9a,5\n"))
	off := input.BadUTF8(data)
	lines := input.NewLines(data)
	fmt.Printf("byte %d (line %d) is not UTF-8\n", off, lines.At(off))
	// Output:
	// byte 16 (line 2) is not UTF-8
}

func ExampleLoneSurrogate() {
	fmt.Println(input.LoneSurrogate([]byte(`{"donor":"\ud800"}`)))
	fmt.Println(input.LoneSurrogate([]byte(`{"donor":"\ud83d\ude00"}`)))
	// Output:
	// 10
	// -1
}

func ExampleBadChar() {
	for _, s := range []string{"Yoon Suk Yeol", "Greece\ufffe", "Seoul\x01"} {
		off, what := input.BadChar(s, false)
		fmt.Printf("%d %q\n", off, what)
	}
	// Output:
	// -1 ""
	// 6 "holds U+FFFE (a Unicode noncharacter)"
	// 5 "holds the control character U+0001"
}

// stuck gives nothing, and no error, however often it is read.
type stuck struct{}

func (stuck) Read([]byte) (int, error) { return 0, nil }

// negative says it read -1 bytes.
type negative struct{}

func (negative) Read([]byte) (int, error) { return -1, nil }

// A reader that breaks io.Reader's contract is an error, not a panic or a
// read without end.
func ExampleChecked() {
	_, err := input.ReadAll(stuck{}, 1<<20)
	fmt.Println(err)
	fmt.Println(errors.Is(err, io.ErrNoProgress))
	_, err = io.ReadAll(input.Checked(negative{}))
	fmt.Println(err)
	// Output:
	// reader stuck: 100 reads in a row returned no bytes and no error
	// true
	// broken reader: Read returned -1 for a buffer of 512 bytes (want 0 to 512)
}

func ExampleReadAll() {
	data, err := input.ReadAll(strings.NewReader("donor,amount\nKorea,5\n"), 1<<30)
	fmt.Printf("%q %v %d\n", data, err, cap(data)) // one buffer of the input's size, and a byte to find its end
	data, err = input.ReadAll(strings.NewReader("donor,amount\n"), 5)
	fmt.Printf("%q %v\n", data, err)
	// Output:
	// "donor,amount\nKorea,5\n" <nil> 22
	// "donor" <nil>
}
