// Command nato-2024 tells the meeting story of the NATO summit in Washington,
// July 2024, with the meeting ledger of github.com/summitry/summitry/meeting.
//
// South Korea's President Yoon Suk Yeol was reported to have met Japan's
// Prime Minister Fumio Kishida 11 times since taking office in May 2022. The
// ledger shows that this holds when informal talks count (one of the eleven,
// in New York in September 2022, was a 30-minute informal meeting) and that
// the strict count of formal talks is 10: the counting rule is the point.
// It also prints Yoon's schedule at the summit, his streak of NATO summits
// and a reconciliation of the reported count.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/summitry/summitry/meeting"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// day returns a civil date; the layout is fixed, so a bad literal is a bug.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// term returns a term in office; an empty end is an open term.
func term(start, end string) meeting.Term {
	t := meeting.Term{Start: day(start)}
	if end != "" {
		t.End = day(end)
	}
	return t
}

const (
	yoon    = "kr-yoon-suk-yeol"
	kishida = "jp-kishida-fumio"
	biden   = "us-biden-joe"
)

// leaders are everyone Yoon met in the story.
//
// Terms in office are recorded as they stood in July 2024, when the story
// takes place, for every leader alike: a term that was running on 11 July
// 2024 is open (no End), whatever happened since (Kishida left office in
// October 2024, Biden in January 2025, Yoon was removed in April 2025, Fiala
// was succeeded in December 2025, and so on); only terms that had ended by
// then, such as Tusk's first, have an End. The ledger is a snapshot of the
// story's date, not a current register of office holders.
var leaders = []meeting.Leader{
	{ID: yoon, Name: "Yoon Suk Yeol", Country: "KOR", Office: "president",
		Terms: []meeting.Term{term("2022-05-10", "")}, Aliases: []string{"Yoon Suk-yeol", "윤석열"}},
	{ID: kishida, Name: "Fumio Kishida", Country: "JPN", Office: "prime minister",
		Terms: []meeting.Term{term("2021-10-04", "")}, Aliases: []string{"Kishida Fumio", "岸田文雄", "기시다 후미오"}},
	{ID: biden, Name: "Joe Biden", Country: "USA", Office: "president",
		Terms: []meeting.Term{term("2021-01-20", "")}, Aliases: []string{"Joseph R. Biden Jr."}},
	{ID: "de-scholz-olaf", Name: "Olaf Scholz", Country: "DE", Office: "chancellor",
		Terms: []meeting.Term{term("2021-12-08", "")}},
	{ID: "ca-trudeau-justin", Name: "Justin Trudeau", Country: "CA", Office: "prime minister",
		Terms: []meeting.Term{term("2015-11-04", "")}},
	{ID: "nl-schoof-dick", Name: "Dick Schoof", Country: "NL", Office: "prime minister",
		Terms: []meeting.Term{term("2024-07-02", "")}},
	{ID: "se-kristersson-ulf", Name: "Ulf Kristersson", Country: "SE", Office: "prime minister",
		Terms: []meeting.Term{term("2022-10-18", "")}},
	{ID: "cz-fiala-petr", Name: "Petr Fiala", Country: "CZ", Office: "prime minister",
		Terms: []meeting.Term{term("2021-11-28", "")}},
	{ID: "fi-stubb-alexander", Name: "Alexander Stubb", Country: "FI", Office: "president",
		Terms: []meeting.Term{term("2024-03-01", "")}},
	{ID: "gb-starmer-keir", Name: "Keir Starmer", Country: "GB", Office: "prime minister",
		Terms: []meeting.Term{term("2024-07-05", "")}},
	{ID: "no-store-jonas-gahr", Name: "Jonas Gahr Støre", Country: "NO", Office: "prime minister",
		Terms: []meeting.Term{term("2021-10-14", "")}},
	{ID: "lu-frieden-luc", Name: "Luc Frieden", Country: "LU", Office: "prime minister",
		Terms: []meeting.Term{term("2023-11-17", "")}},
	{ID: "pl-tusk-donald", Name: "Donald Tusk", Country: "PL", Office: "prime minister",
		Terms: []meeting.Term{term("2007-11-16", "2014-09-22"), term("2023-12-13", "")}},
}

// Sources the meetings cite.
var (
	koreaHerald2022 = meeting.Source{
		Publisher: "The Korea Herald", Date: day("2022-09-22"),
		URL:   "https://www.koreaherald.com/view.php?ud=20220922000024",
		Quote: "The talks were held in the form of informal talks without specific agenda",
	}
	japanTimes2022 = meeting.Source{
		Publisher: "The Japan Times", Date: day("2022-09-22"),
		URL:   "https://www.japantimes.co.jp/news/2022/09/22/national/politics-diplomacy/kishida-yoon-meeting/",
		Quote: "the talks between Kishida and Yoon on the sidelines of the annual U.N. General Assembly in New York were described by Tokyo and Seoul as “informal”",
	}
	koreaHeraldPhnomPenh = meeting.Source{
		Publisher: "The Korea Herald (Yonhap)", Title: "Yoon, Japan's Kishida to hold summit in Cambodia", Date: day("2022-11-12"),
		URL: "https://www.koreaherald.com/view.php?ud=20221112000092",
	}
	joongAngPhnomPenh = meeting.Source{
		Publisher: "Korea JoongAng Daily", Title: "Yoon and Kishida to meet for summit in Tokyo on March 16 and 17", Date: day("2023-03-09"),
		URL:   "https://koreajoongangdaily.joins.com/2023/03/09/national/diplomacy/Korea-Japan-Yoon-Suk-Yeol/20230309181648718.html",
		Quote: "Yoon and Kishida previously met on the sidelines of multilateral forums, including in September 2022 in New York during the UN General Assembly and last November in Phnom Penh, Cambodia, during Asean meetings.",
	}
	yomiuriTokyo = meeting.Source{
		Publisher: "The Japan News (Yomiuri Shimbun)", Title: "Japan, South Korean Leaders Hold Summit in Tokyo", Date: day("2023-03-16"),
		URL: "https://japannews.yomiuri.co.jp/politics/politics-government/20230316-97697/",
	}
	trtSeoul = meeting.Source{
		Publisher: "TRT World", Title: "Prime ministers hail improved ties as 'shuttle diplomacy' resumes", Date: day("2023-05-08"),
		URL:   "https://trt.global/world/article/13155963",
		Quote: "South Korean President Yoon Suk-yeol has hosted Japanese Prime Minister Fumio Kishida for a summit in Seoul",
	}
	kbsHiroshima = meeting.Source{
		Publisher: "KBS World", Title: "Yoon, Kishida Honor Korean Victims of Atomic Bombing, Hold Summits", Date: day("2023-05-22"),
		URL:   "https://world.kbs.co.kr/service/news_keyword_view.htm?lang=e&Seq_Code=177964&gr_seq=169",
		Quote: "Yoon and Kishida then sat down for their third summit meeting in two months on the margins of the Group of Seven(G7) Summit",
	}
	nipponVilnius = meeting.Source{
		Publisher: "Nippon.com (Kyodo)", Title: "Japan PM assures S. Korea of safety of Fukushima water release", Date: day("2023-07-12"),
		URL:   "https://www.nippon.com/en/news/kd1051831704569267165/urgent-japan-pm-assures-s-korea-of-safety-of-fukushima-water-release.html",
		Quote: "During a meeting in the Lithuanian capital of Vilnius, held on the sidelines of a NATO summit, Kishida and Yoon also agreed to work toward holding high-level economic talks",
	}
	kanteiCampDavid = meeting.Source{
		Publisher: "Prime Minister's Office of Japan", Title: "Japan-U.S.-ROK Summit and Working Lunch (Summary)", Date: day("2023-08-19"),
		URL: "https://japan.kantei.go.jp/101_kishida/diplomatic/202308/usarok.html",
	}
	mbcCampDavid = meeting.Source{
		Publisher: "MBC", Date: day("2023-08-19"),
		URL:   "https://imnews.imbc.com/news/2023/politics/article/6515923_36120.html",
		Quote: "윤 대통령 취임 이후 7번째 열리는 오늘 한일 정상회담은 현지시각 18일 오후 2시부터 20분 동안 개최됐습니다.",
	}
	yomiuriNewDelhi = meeting.Source{
		Publisher: "The Japan News (Yomiuri Shimbun)", Date: day("2023-09-11"),
		URL:   "https://japannews.yomiuri.co.jp/politics/politics-government/20230911-135940/",
		Quote: "Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol met Sunday on the sidelines of the G20 Summit in New Delhi",
	}
	yomiuriSanFrancisco = meeting.Source{
		Publisher: "The Japan News (Yomiuri Shimbun)", Date: day("2023-11-17"),
		URL:   "https://japannews.yomiuri.co.jp/world/asia-pacific/20231117-150153/",
		Quote: "It was for seventh time for the two leaders to meet this year.",
	}
	presidencyPhnomPenh = meeting.Source{
		Publisher: "The American Presidency Project",
		Title:     "Joint Statement by President Biden, Prime Minister Fumio Kishida of Japan, and President Yoon Suk Yeol of South Korea—Phnom Penh Statement on Trilateral Partnership for the Indo-Pacific",
		URL:       "https://presidency.ucsb.edu/documents/joint-statement-president-biden-prime-minister-fumio-kishida-japan-and-president-yoon-suk",
		Date:      day("2022-11-13"),
		Quote:     "Together, in their second trilateral meeting this year, the Leaders resolved to forge still-closer trilateral links",
	}
	// The White House readout of the Hiroshima trilateral, as TASS and
	// Reuters quoted it the same day; its own URL is not recorded here.
	whiteHouseHiroshima = meeting.Source{
		Publisher: "The White House", Date: day("2023-05-21"),
		Quote: "President Biden met today with Prime Minister Kishida Fumio of Japan and President Yoon Suk Yeol of the Republic of Korea in Hiroshima, Japan.",
	}
	koreaHeraldHiroshima = meeting.Source{
		Publisher: "The Korea Herald (Yonhap)", Title: "Yoon, Biden, Kishida hold summit in Hiroshima", Date: day("2023-05-21"),
		URL:   "https://www.koreaherald.com/view.php?ud=20230521000133",
		Quote: "South Korean President Yoon Suk Yeol held a trilateral summit with U.S. President Joe Biden and Japanese Prime Minister Fumio Kishida on Sunday.",
	}
	presidencyMadrid = meeting.Source{
		Publisher: "The American Presidency Project",
		Title:     "Remarks Prior to a Meeting With President Yoon Suk Yeol of South Korea and Prime Minister Fumio Kishida of Japan in Madrid, Spain",
		URL:       "https://www.presidency.ucsb.edu/documents/remarks-prior-meeting-with-president-yoon-suk-yeol-south-korea-and-prime-minister-fumio",
		Date:      day("2022-06-29"),
	}
	yonhapVilnius = meeting.Source{
		Publisher: "Yonhap", Title: "Yoon to attend NATO summit in Lithuania, visit Poland", Date: day("2023-07-06"),
		URL: "https://en.yna.co.kr/view/AEN20230706005900315",
	}
	nikkeiSeoul = meeting.Source{
		Publisher: "Nikkei Asia", Title: "Japan, South Korea leaders tout growing 'trust' before summit with China", Date: day("2024-05-26"),
		URL: "https://asia.nikkei.com/Politics/International-relations/Japan-South-Korea-leaders-tout-growing-trust-before-summit-with-China",
	}
	kbsWashington = meeting.Source{
		Publisher: "KBS World", Title: "Yoon Holds Series of Summit Talks with Leaders of 7 Nations", Date: day("2024-07-11"),
		URL:   "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=186605",
		Quote: "Yoon also held separate bilateral summit talks with the leaders of Canada, the Netherlands, Sweden, Czech Republic, Finland and Japan.",
	}
	koreaHeraldWashington = meeting.Source{
		Publisher: "The Korea Herald (Yonhap)", Title: "Yoon arrives in Washington to attend high-stakes NATO Summit", Date: day("2024-07-10"),
		URL:   "http://news.koreaherald.com/view.php?ud=20240710050746",
		Quote: "During his two-day stay, Yoon is expected to have a series of bilateral meetings with leaders from over 10 countries",
	}
)

// meetings returns the story's meetings.
func meetings() []meeting.Meeting {
	yk := func(date, place, occasion string, kind meeting.Kind, sources ...meeting.Source) meeting.Meeting {
		return meeting.Meeting{
			ID: date + "-kr-jp", Date: day(date), Participants: []string{yoon, kishida},
			Kind: kind, Place: place, Occasion: occasion, Sources: sources,
		}
	}
	ms := []meeting.Meeting{
		{ID: "2022-06-29-us-kr-jp", Date: day("2022-06-29"), Participants: []string{biden, yoon, kishida},
			Place: "Madrid", Occasion: "NATO Summit 2022", Sources: []meeting.Source{presidencyMadrid},
			Note: "trilateral on the sidelines of the NATO summit, the first since 2017"},
		func() meeting.Meeting {
			m := yk("2022-09-21", "New York", "UN General Assembly 2022", meeting.PullAside, koreaHerald2022, japanTimes2022)
			m.Note = "informal talks of about 30 minutes"
			return m
		}(),
		yk("2022-11-13", "Phnom Penh", "ASEAN Summit 2022", meeting.Talks, koreaHeraldPhnomPenh, joongAngPhnomPenh),
		{ID: "2022-11-13-us-kr-jp", Date: day("2022-11-13"), Participants: []string{biden, yoon, kishida},
			Place: "Phnom Penh", Occasion: "East Asia Summit 2022", Sources: []meeting.Source{presidencyPhnomPenh},
			Note: "trilateral on the sidelines of the East Asia Summit; the Phnom Penh Statement"},
		yk("2023-03-16", "Tokyo", "", meeting.Talks, yomiuriTokyo),
		yk("2023-05-07", "Seoul", "", meeting.Talks, trtSeoul),
		yk("2023-05-21", "Hiroshima", "G7 Summit 2023", meeting.Talks, kbsHiroshima),
		{ID: "2023-05-21-us-kr-jp", Date: day("2023-05-21"), Participants: []string{biden, yoon, kishida},
			Place: "Hiroshima", Occasion: "G7 Summit 2023", Sources: []meeting.Source{whiteHouseHiroshima, koreaHeraldHiroshima},
			Note: "trilateral on the sidelines of the G7 summit"},
		yk("2023-07-12", "Vilnius", "NATO Summit 2023", meeting.Talks, yonhapVilnius, nipponVilnius),
		func() meeting.Meeting {
			m := yk("2023-08-18", "Camp David", "", meeting.Talks, mbcCampDavid)
			m.Note = "about 20 minutes, beside the trilateral summit"
			return m
		}(),
		{ID: "2023-08-18-us-kr-jp", Date: day("2023-08-18"), Participants: []string{biden, yoon, kishida},
			Place: "Camp David", Note: "trilateral summit", Sources: []meeting.Source{kanteiCampDavid}},
		yk("2023-09-10", "New Delhi", "G20 Summit 2023", meeting.Talks, yomiuriNewDelhi),
		yk("2023-11-16", "San Francisco", "APEC Summit 2023", meeting.Talks, yomiuriSanFrancisco),
		yk("2024-05-26", "Seoul", "", meeting.Talks, nikkeiSeoul),
	}
	// 10 July 2024: talks with seven leaders, Kishida among them.
	for _, id := range []string{"de-scholz-olaf", "ca-trudeau-justin", "nl-schoof-dick", "se-kristersson-ulf", "cz-fiala-petr", "fi-stubb-alexander", kishida} {
		ms = append(ms, summit("2024-07-10", id, meeting.Held, kbsWashington))
	}
	// 11 July 2024: four more planned, and Biden agreed but unconfirmed.
	for _, id := range []string{"gb-starmer-keir", "no-store-jonas-gahr"} {
		ms = append(ms, summit("2024-07-11", id, meeting.Planned, koreaHeraldWashington))
	}
	for _, id := range []string{"lu-frieden-luc", "pl-tusk-donald"} {
		ms = append(ms, summit("2024-07-11", id, meeting.Planned))
	}
	us := summit("2024-07-11", biden, meeting.Unconfirmed)
	us.Note = "agreed, not confirmed"
	return append(ms, us)
}

// summit returns Yoon's talks with a leader at the 2024 NATO summit.
func summit(date, with string, status meeting.Status, sources ...meeting.Source) meeting.Meeting {
	country := strings.ToLower(with[:2])
	return meeting.Meeting{
		ID: date + "-kr-" + country, Date: day(date), Participants: []string{yoon, with},
		Status: status, Place: "Washington, D.C.", Occasion: "NATO Summit 2024", Sources: sources,
	}
}

// ledger builds the story's ledger.
func ledger() (*meeting.Ledger, error) {
	var l meeting.Ledger
	if err := l.AddLeader(leaders...); err != nil {
		return nil, err
	}
	if err := l.AddMeeting(meetings()...); err != nil {
		return nil, err
	}
	return &l, nil
}

// run tells the story on w.
func run(w io.Writer) error {
	l, err := ledger()
	if err != nil {
		return err
	}
	asOf := day("2024-07-10")
	strict := meeting.Rule{To: asOf}
	press := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, To: asOf}
	trilaterals := meeting.Rule{Multilateral: true, To: asOf}

	fmt.Fprintln(w, "How many times had Yoon Suk Yeol met Fumio Kishida by 10 July 2024?")
	for _, r := range []meeting.Rule{strict, press, trilaterals} {
		n, err := l.Count("Yoon Suk-yeol", "岸田文雄", r)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %2d  %s\n", n, r)
	}
	trilats, err := l.Between(yoon, kishida, meeting.Rule{Multilateral: true, To: asOf})
	if err != nil {
		return err
	}
	var places []string
	for _, m := range trilats {
		if len(m.Participants) > 2 {
			places = append(places, m.Place)
		}
	}
	fmt.Fprintln(w, "The press count of 11 holds when the informal talks in New York count; formal")
	fmt.Fprintf(w, "talks alone are 10, and %d with the %d trilaterals with Biden recorded here\n(%s).\n",
		len(trilats), len(places), strings.Join(places, ", "))
	fmt.Fprintln(w, "The counting rule is the point.")

	fmt.Fprintln(w, "\nTheir meetings, as the press counted them:")
	ms, err := l.Between(yoon, kishida, press)
	if err != nil {
		return err
	}
	for _, m := range ms {
		fmt.Fprintf(w, "  %s  %-10s  %s\n", m.Date.Format(time.DateOnly), m.Kind, where(m))
	}

	for _, d := range []string{"2024-07-10", "2024-07-11"} {
		ms, err := l.Schedule("윤석열", day(d))
		if err != nil {
			return err
		}
		byStatus := map[meeting.Status]int{}
		for _, m := range ms {
			byStatus[m.Status]++
		}
		var summary []string
		for s := meeting.Held; s <= meeting.Cancelled; s++ {
			if byStatus[s] > 0 {
				summary = append(summary, fmt.Sprintf("%d %s", byStatus[s], s))
			}
		}
		fmt.Fprintf(w, "\nYoon's schedule, %s (%s):\n", d, strings.Join(summary, ", "))
		for _, m := range ms {
			var with []string
			for _, id := range m.Participants {
				if id == yoon {
					continue
				}
				ld, err := l.Leader(id)
				if err != nil {
					return err
				}
				with = append(with, fmt.Sprintf("%s (%s, %s)", ld.Name, ld.Office, ld.Country))
			}
			fmt.Fprintf(w, "  %-11s  %s  %s\n", m.Status, m.Kind, strings.Join(with, ", "))
		}
	}

	streak, err := l.Streak("Yoon Suk Yeol", "NATO Summit", 2024)
	if err != nil {
		return err
	}
	var summits []string
	for _, m := range l.Meetings() {
		if m.Status == meeting.Held && slices.Contains(m.Participants, yoon) && strings.HasPrefix(m.Occasion, "NATO Summit ") {
			if s := strings.TrimPrefix(m.Occasion, "NATO Summit ") + " " + m.Place; !slices.Contains(summits, s) {
				summits = append(summits, s)
			}
		}
	}
	fmt.Fprintf(w, "\nNATO summits attended in consecutive years through 2024: %d (%s)\n", streak, strings.Join(summits, ", "))

	claim := meeting.Claim{
		A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 11, AsOf: asOf,
		// The July 2024 report the story follows; its URL is not recorded here.
		Source: meeting.Source{Publisher: "The Korea Herald", Date: asOf},
	}
	fmt.Fprintln(w, "\nReconciling the reported count:")
	for _, r := range []meeting.Rule{{}, {Kinds: press.Kinds}} {
		for _, f := range l.Reconcile([]meeting.Claim{claim}, r) {
			if f.Err != nil {
				return f.Err
			}
			fmt.Fprintf(w, "  %s\n    under %s\n", f, r)
		}
	}
	return nil
}

// where describes a meeting's place and occasion.
func where(m meeting.Meeting) string {
	if m.Occasion == "" {
		return m.Place
	}
	return m.Place + " (" + m.Occasion + ")"
}
