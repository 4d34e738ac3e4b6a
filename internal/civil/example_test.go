package civil_test

import (
	"fmt"
	"time"

	"github.com/summitry/summitry/internal/civil"
)

func ExampleParse() {
	d, err := civil.Parse("2024-07-10")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Weekday(), civil.Format(d))

	_, err = civil.Parse("10/07/2024")
	fmt.Println(err)
	// Output:
	// Wednesday 2024-07-10
	// date "10/07/2024" is not YYYY-MM-DD
}

func ExampleFormat() {
	d := time.Date(1948, time.August, 15, 0, 0, 0, 0, time.UTC)
	fmt.Printf("%q\n", civil.Format(d))
	fmt.Printf("%q\n", civil.Format(time.Time{})) // no date
	// Output:
	// "1948-08-15"
	// ""
}

func ExampleDate() {
	// 07:30 on 11 July in Seoul is still 10 July in UTC; the civil date is
	// the day in Seoul.
	seoul := time.FixedZone("KST", 9*60*60)
	t := time.Date(2024, time.July, 11, 7, 30, 0, 0, seoul)
	d := civil.Date(t)
	fmt.Println(civil.Format(d), civil.IsDate(t), civil.IsDate(d))
	// Output:
	// 2024-07-11 false true
}

func ExampleWithin() {
	day, _ := civil.Parse("2024-07-10")
	from, _ := civil.Parse("2024-01-01")
	to, _ := civil.Parse("2024-06-30")
	fmt.Println(civil.Within(day, from, to))
	fmt.Println(civil.Within(day, from, time.Time{})) // no end
	// Output:
	// false
	// true
}
