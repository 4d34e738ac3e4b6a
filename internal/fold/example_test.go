package fold_test

import (
	"fmt"

	"github.com/summitry/summitry/internal/fold"
)

func ExampleKey() {
	for _, name := range []string{
		"Yoon Suk-yeol",
		"YOON SUK YEOL",
		"ＹＯＯＮ　ＳＵＫ　ＹＥＯＬ", // full-width
		"Shinzō Abe",
		"Lech Wałęsa",
		"Дми́трий Медве́дев", // stress marks
		"윤 석-열",
	} {
		fmt.Printf("%s → %s\n", name, fold.Key(name))
	}
	// Output:
	// Yoon Suk-yeol → yoonsukyeol
	// YOON SUK YEOL → yoonsukyeol
	// ＹＯＯＮ　ＳＵＫ　ＹＥＯＬ → yoonsukyeol
	// Shinzō Abe → shinzoabe
	// Lech Wałęsa → lechwalesa
	// Дми́трий Медве́дев → дмитриймедведев
	// 윤 석-열 → 윤석열
}

// Spellings match when their keys are equal; letters that are distinct in
// their own script keep names apart.
func ExampleKey_match() {
	same := func(a, b string) bool { return fold.Key(a) == fold.Key(b) }
	fmt.Println(same("Shinzō Abe", "SHINZO ABE"))
	fmt.Println(same("Jonas Gahr Støre", "jonas-gahr-store"))
	fmt.Println(same("Горбачёв", "Горбачев")) // ё is not е
	fmt.Println(same("きしだ", "キシダ"))           // hiragana is not katakana
	// Output:
	// true
	// true
	// false
	// false
}

// Suggestions for a name that fits none: names a small edit away first,
// then names that hold it as a whole word, in a fixed order.
func ExampleNearest() {
	donors := []string{"Japan", "South Korea", "Koreana", "Germany", "North Korea"}
	for _, asked := range []string{"Japn", "korea", "Kore", "Mars"} {
		var near []string
		for _, i := range fold.Nearest(asked, donors, 3) {
			near = append(near, donors[i])
		}
		fmt.Printf("%s: %q\n", asked, near)
	}
	// Output:
	// Japn: ["Japan"]
	// korea: ["Koreana" "South Korea" "North Korea"]
	// Kore: []
	// Mars: []
}
