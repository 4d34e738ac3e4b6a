package main

import (
	"time"

	"github.com/summitry/summitry/meeting"
)

// The leader and term data below is written by hand from public records:
//
//   - US presidents: "Presidents" at whitehouse.gov
//     (https://www.whitehouse.gov/about-the-white-house/presidents/) and the
//     Office of the Historian's own list of presidents
//     (https://history.state.gov/departmenthistory/people/principals-chiefs);
//     a term ends on the day the next begins (March 4 until 1933, January 20
//     since 1937) or on the day of a death or resignation.
//   - South Korean presidents: the Office of the President of the Republic of
//     Korea (https://www.president.go.kr) and Wikipedia's "List of presidents
//     of South Korea" and "... by time in office"
//     (https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea),
//     checked against news reports for the end of Park Geun-hye's term
//     (removed by the Constitutional Court on 10 March 2017) and Yoon Suk
//     Yeol's (removed on 4 April 2025). Acting presidents who never held the
//     office in full are left out; Park Chung-hee's time as acting president
//     (from 24 March 1962) is his first term, because the Historian records
//     his 1963 visit as "Acting President Park". Choi Kyu-hah's term starts
//     with his election on 6 December 1979, not with his time as acting
//     president.
//
// Aliases are the spellings the Historian uses where they differ from the
// name beyond case and hyphens ("Kim Yong-sam", "Rhee Syngman"), and the
// names in Hangul.
var leaderSources = []meeting.Source{
	{Publisher: "The White House", Title: "Presidents", URL: "https://www.whitehouse.gov/about-the-white-house/presidents/"},
	{Publisher: "Office of the President of the Republic of Korea", URL: "https://www.president.go.kr"},
	{Publisher: "Wikipedia", Title: "List of presidents of South Korea", URL: "https://en.wikipedia.org/wiki/List_of_presidents_of_South_Korea"},
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // the tables below are literals
	}
	return t
}

// terms reads "start..end" pairs; an empty end is a term still running.
func terms(spans ...string) []meeting.Term {
	var ts []meeting.Term
	for _, s := range spans {
		start, end := s[:10], s[12:]
		t := meeting.Term{Start: day(start)}
		if end != "" {
			t.End = day(end)
		}
		ts = append(ts, t)
	}
	return ts
}

func president(id, name, country string, aliases []string, spans ...string) meeting.Leader {
	return meeting.Leader{ID: id, Name: name, Country: country, Office: "president", Terms: terms(spans...), Aliases: aliases}
}

// usPresidents are the presidents of the United States from Ulysses S.
// Grant, in office at the first visit of the data (1874), on.
func usPresidents() []meeting.Leader {
	return []meeting.Leader{
		president("us-grant", "Ulysses S. Grant", "US", nil, "1869-03-04..1877-03-04"),
		president("us-hayes", "Rutherford B. Hayes", "US", nil, "1877-03-04..1881-03-04"),
		president("us-garfield", "James A. Garfield", "US", nil, "1881-03-04..1881-09-19"),
		president("us-arthur", "Chester A. Arthur", "US", nil, "1881-09-19..1885-03-04"),
		president("us-cleveland", "Grover Cleveland", "US", nil, "1885-03-04..1889-03-04", "1893-03-04..1897-03-04"),
		president("us-b-harrison", "Benjamin Harrison", "US", nil, "1889-03-04..1893-03-04"),
		president("us-mckinley", "William McKinley", "US", nil, "1897-03-04..1901-09-14"),
		president("us-t-roosevelt", "Theodore Roosevelt", "US", nil, "1901-09-14..1909-03-04"),
		president("us-taft", "William Howard Taft", "US", nil, "1909-03-04..1913-03-04"),
		president("us-wilson", "Woodrow Wilson", "US", nil, "1913-03-04..1921-03-04"),
		president("us-harding", "Warren G. Harding", "US", nil, "1921-03-04..1923-08-02"),
		president("us-coolidge", "Calvin Coolidge", "US", nil, "1923-08-02..1929-03-04"),
		president("us-hoover", "Herbert Hoover", "US", nil, "1929-03-04..1933-03-04"),
		president("us-f-roosevelt", "Franklin D. Roosevelt", "US", nil, "1933-03-04..1945-04-12"),
		president("us-truman", "Harry S. Truman", "US", nil, "1945-04-12..1953-01-20"),
		president("us-eisenhower", "Dwight D. Eisenhower", "US", nil, "1953-01-20..1961-01-20"),
		president("us-kennedy", "John F. Kennedy", "US", nil, "1961-01-20..1963-11-22"),
		president("us-l-johnson", "Lyndon B. Johnson", "US", nil, "1963-11-22..1969-01-20"),
		president("us-nixon", "Richard Nixon", "US", nil, "1969-01-20..1974-08-09"),
		president("us-ford", "Gerald Ford", "US", nil, "1974-08-09..1977-01-20"),
		president("us-carter", "Jimmy Carter", "US", nil, "1977-01-20..1981-01-20"),
		president("us-reagan", "Ronald Reagan", "US", nil, "1981-01-20..1989-01-20"),
		president("us-bush-41", "George H. W. Bush", "US", nil, "1989-01-20..1993-01-20"),
		president("us-clinton", "Bill Clinton", "US", nil, "1993-01-20..2001-01-20"),
		president("us-bush-43", "George W. Bush", "US", nil, "2001-01-20..2009-01-20"),
		president("us-obama", "Barack Obama", "US", nil, "2009-01-20..2017-01-20"),
		president("us-trump", "Donald Trump", "US", nil, "2017-01-20..2021-01-20", "2025-01-20.."),
		president("us-biden", "Joe Biden", "US", nil, "2021-01-20..2025-01-20"),
	}
}

// koreanPresidents are the presidents of South Korea since 1948.
func koreanPresidents() []meeting.Leader {
	a := func(aliases ...string) []string { return aliases }
	return []meeting.Leader{
		president("kr-syngman-rhee", "Syngman Rhee", "KR", a("Rhee Syngman", "Rhee Syng-man", "이승만"), "1948-07-24..1960-04-26"),
		president("kr-yun-posun", "Yun Posun", "KR", a("Yun Po-sun", "Yun Bo-seon", "윤보선"), "1960-08-13..1962-03-24"),
		president("kr-park-chung-hee", "Park Chung-hee", "KR", a("박정희"), "1962-03-24..1963-12-17", "1963-12-17..1979-10-26"),
		president("kr-choi-kyu-hah", "Choi Kyu-hah", "KR", a("최규하"), "1979-12-06..1980-08-16"),
		president("kr-chun-doo-hwan", "Chun Doo-hwan", "KR", a("전두환"), "1980-09-01..1988-02-24"),
		president("kr-roh-tae-woo", "Roh Tae-woo", "KR", a("노태우"), "1988-02-25..1993-02-24"),
		president("kr-kim-young-sam", "Kim Young-sam", "KR", a("Kim Yong-sam", "김영삼"), "1993-02-25..1998-02-24"),
		president("kr-kim-dae-jung", "Kim Dae-jung", "KR", a("김대중"), "1998-02-25..2003-02-24"),
		president("kr-roh-moo-hyun", "Roh Moo-hyun", "KR", a("노무현"), "2003-02-25..2008-02-24"),
		president("kr-lee-myung-bak", "Lee Myung-bak", "KR", a("이명박"), "2008-02-25..2013-02-24"),
		president("kr-park-geun-hye", "Park Geun-hye", "KR", a("박근혜"), "2013-02-25..2017-03-10"),
		president("kr-moon-jae-in", "Moon Jae-in", "KR", a("문재인"), "2017-05-10..2022-05-09"),
		president("kr-yoon-suk-yeol", "Yoon Suk Yeol", "KR", a("Yoon Suk-yeol", "윤석열"), "2022-05-10..2025-04-04"),
		president("kr-lee-jae-myung", "Lee Jae-myung", "KR", a("이재명"), "2025-06-04.."),
	}
}
