package pledge

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzFindFiguresSkip holds FindFigures, which passes over what cannot
// start a figure with nextCandidate, to the plain scan that checks every
// rune: the two find the same figures at the same places. Its seeds are
// FuzzFindFigures's too.
func FuzzFindFiguresSkip(f *testing.F) {
	for _, s := range []string{
		"South Korea announced a $2.3 billion aid package for Ukraine at the G20 in September 2023, including $300 million.",
		"정부는 우크라이나에 23억 달러(약 3조 750억원) 규모의 지원을 약속했다. 올해 인도적 지원 규모는 3억 달러 이상이다.",
		"about $5 to $10 million, US$150m, us$5, G20 COP28 USD 5, X$5, 5$, a~$5, _~$5, 5~$6, 20억~30억 달러, 5,000원~1만 원",
		"€1.5bn £2.3bn ₩3tn ¥5 JP¥1 trillion CN¥2 ￥3 ￦4 ₹1 lakh crore .5 billion dollars a.5 dollars 5½ billion dollars",
		"최대 10억 달러, 적어도 5억 원, 거의 20억 달러, 대략 3억 원, 천만 달러, 몇 백만 원, 제3조, 5 천만 원",
		"“대략 5억 원”, —약 3억 달러, 一약 3억 달러, ㄱ약 2억 원, 가약 1억 원, 약속 5억 원, ~5억 원, a~5억 원",
	} {
		f.Add(s)
	}
	// The corpus of FuzzFindFigures: every text that found a bug there.
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzFindFigures", "*"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		_, quoted, ok := strings.Cut(strings.TrimSpace(string(b)), "\nstring(")
		if s, err := strconv.Unquote(strings.TrimSuffix(quoted, ")")); ok && err == nil {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range []Parser{{}, {Yen: iso("JPY")}} {
			plain, fast := p.findFigures(text, false), p.findFigures(text, true)
			if diff := cmp.Diff(plain, fast); diff != "" {
				t.Fatalf("%+v.FindFigures(%q), fast against plain (-plain +fast):\n%s", p, text, diff)
			}
		}
	})
}
