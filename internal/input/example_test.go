package input_test

import (
	"fmt"

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
