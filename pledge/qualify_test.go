package pledge_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

// TestFigureAdd is the table of Figure.Add, every pair both ways.
func TestFigureAdd(t *testing.T) {
	const (
		E = pledge.Exact
		A = pledge.Approximately
		L = pledge.AtLeast
		U = pledge.AtMost
		M = pledge.MoreThan
		S = pledge.LessThan
		X = pledge.Mixed
	)
	qs := []pledge.Qualifier{E, A, L, U, M, S, X}
	want := [][]pledge.Qualifier{
		//  E  A  L  U  M  S  X
		E: {E, A, L, U, M, S, X},
		A: {A, A, X, X, X, X, X},
		L: {L, X, L, X, M, X, X},
		U: {U, X, X, U, X, S, X},
		M: {M, X, M, X, M, X, X},
		S: {S, X, X, S, X, S, X},
		X: {X, X, X, X, X, X, X},
	}
	for _, a := range qs {
		for _, b := range qs {
			got, err := pledge.Figure{Amount: usd("2"), Qualifier: a}.Add(pledge.Figure{Amount: usd("3"), Qualifier: b})
			if err != nil {
				t.Fatal(err)
			}
			if got.Qualifier != want[a][b] || !got.Amount.Equal(usd("5")) {
				t.Errorf("%s + %s = %v, want %s USD 5", a, b, got, want[a][b])
			}
		}
	}
	if _, err := (pledge.Figure{Amount: usd("1")}).Add(pledge.Figure{Amount: pledge.MustAmount("1", "KRW")}); !errors.Is(err, pledge.ErrCurrencyMismatch) {
		t.Errorf("USD + KRW: %v", err)
	}
}

func TestFigureSub(t *testing.T) {
	tests := []struct {
		whole, part, want pledge.Qualifier
	}{
		{pledge.Exact, pledge.AtLeast, pledge.AtMost},
		{pledge.Exact, pledge.MoreThan, pledge.LessThan},
		{pledge.Exact, pledge.LessThan, pledge.MoreThan},
		{pledge.Approximately, pledge.Exact, pledge.Approximately},
		{pledge.AtLeast, pledge.AtMost, pledge.AtLeast},
		{pledge.AtLeast, pledge.AtLeast, pledge.Mixed},
		{pledge.Exact, pledge.Approximately, pledge.Approximately},
	}
	for _, tt := range tests {
		got, err := pledge.Figure{Amount: usd("10"), Qualifier: tt.whole}.Sub(pledge.Figure{Amount: usd("3"), Qualifier: tt.part})
		if err != nil || got.Qualifier != tt.want || !got.Amount.Equal(usd("7")) {
			t.Errorf("%s − %s = %v, %v; want %s USD 7", tt.whole, tt.part, got, err, tt.want)
		}
	}
}

// TestTotalQualifiers: rows and sums carry the qualifiers of what they
// hold; a record counted whole counts with its own.
func TestTotalQualifiers(t *testing.T) {
	hum := []pledge.Category{pledge.Humanitarian}
	b := bookOf(t,
		// "about $2.3 billion, including $300 million in humanitarian aid"
		pledge.Pledge{ID: "g20", Donor: "South Korea", Amount: usd("2300000000"), Qualifier: pledge.Approximately,
			Parts: []pledge.Part{{Amount: usd("300000000"), Categories: hum}}},
		// "$100, at least $30 of it humanitarian"
		pledge.Pledge{ID: "jp", Donor: "Japan", Amount: usd("100"),
			Parts: []pledge.Part{{Amount: usd("30"), Qualifier: pledge.AtLeast, Categories: hum}}},
		pledge.Pledge{ID: "de", Donor: "Germany", Amount: usd("5")},
	)
	type qrow struct {
		Keys, Figure string
	}
	figures := func(tot pledge.Totals) (rows []qrow, sums []string) {
		for _, r := range tot.Rows() {
			rows = append(rows, qrow{strings.Join(r.Keys, " | "), r.Figure().String()})
		}
		for _, f := range tot.Figures() {
			sums = append(sums, f.String())
		}
		return rows, sums
	}
	tests := []struct {
		q    pledge.Query
		rows []qrow
		sums []string
	}{
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}}, []qrow{
			{"Germany", "USD 5"},
			{"Japan", "USD 100"}, // whole: exact, though its pieces are bounds
			{"South Korea", "approximately USD 2300000000"},
		}, []string{"approximately USD 2300000105"}},
		{pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}}, []qrow{
			{"humanitarian", "at least USD 300000030"},
			{"unspecified", "mixed USD 2000000075"}, // about 2 billion + at most 70 + 5
		}, []string{"approximately USD 2300000105"}},
		{pledge.Query{Categories: hum, GroupBy: []pledge.Dimension{pledge.ByDonor}}, []qrow{
			{"Japan", "at least USD 30"},
			{"South Korea", "USD 300000000"},
		}, []string{"at least USD 300000030"}},
		{pledge.Query{Donors: []string{"Germany"}}, []qrow{{"", "USD 5"}}, []string{"USD 5"}},
	}
	for _, tt := range tests {
		tot, err := b.Total(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		rows, sums := figures(tot)
		if len(tt.q.GroupBy) == 0 {
			rows[0].Keys = ""
		}
		if diff := cmp.Diff(tt.rows, rows); diff != "" {
			t.Errorf("%v rows (-want +got):\n%s", tt.q, diff)
		}
		if diff := cmp.Diff(tt.sums, sums); diff != "" {
			t.Errorf("%v sums (-want +got):\n%s", tt.q, diff)
		}
	}
}

// TestTotalQualifiersInTrees: a disbursement "of at least" under an exact
// commitment leaves "at most" the rest committed; what exceeds the parent
// keeps the child's qualifier against the parent's.
func TestTotalQualifiersInTrees(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "c", Donor: "D", Amount: usd("300"), Stage: pledge.Committed},
		pledge.Pledge{ID: "d", Donor: "D", Amount: usd("100"), Qualifier: pledge.AtLeast, Stage: pledge.Disbursed, Under: "c", Date: day("2024-01-01")},
		pledge.Pledge{ID: "p", Donor: "E", Amount: usd("10"), Qualifier: pledge.Approximately},
		pledge.Pledge{ID: "q", Donor: "E", Amount: usd("15"), Stage: pledge.Disbursed, Under: "p", Date: day("2024-01-01")},
	)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByStage, pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tot.Rows() {
		got = append(got, strings.Join(r.Keys, " ")+": "+r.Figure().String())
	}
	want := []string{
		"committed D: at most USD 200",
		"disbursed D: at least USD 100",
		"disbursed E: USD 15", // q whole: the child counts in full, and covers p
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The totals at each stage say what the records say.
	for stage, want := range map[pledge.Stage][]string{
		// D's exact 300 counts in full; q adds its 15 beyond p's about 10:
		// about 5.
		pledge.Pledged:   {"approximately USD 315"},
		pledge.Disbursed: {"at least USD 115"},
	} {
		tot, err := b.Total(pledge.Query{Stage: stage})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range tot.Figures() {
			got = append(got, f.String())
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("at %s (-want +got):\n%s", stage, diff)
		}
	}
}

// TestTotalsShowQualifiers: every rendering shows the qualifier: a sign in
// the tables with a legend, words in the chart.
func TestTotalsShowQualifiers(t *testing.T) {
	b := bookOf(t,
		pledge.Pledge{ID: "a", Donor: "South Korea", Amount: usd("2300000000"), Qualifier: pledge.Approximately},
		pledge.Pledge{ID: "b", Donor: "Japan", Amount: usd("150000000"), Qualifier: pledge.AtLeast},
		pledge.Pledge{ID: "c", Donor: "Canada", Amount: usd("5")},
	)
	tot, err := b.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor}})
	if err != nil {
		t.Fatal(err)
	}
	want := `Totals: all stages; by donor (≈ approximately, ≥ at least, ≶ mixed: no bound either way)
donor        currency           amount  records
-----------------------------------------------
Canada       USD                     5        1
Japan        USD         ≥ 150,000,000        1
South Korea  USD       ≈ 2,300,000,000        1
-----------------------------------------------
total        USD       ≶ 2,450,000,005        3
`
	if diff := cmp.Diff(want, tot.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	for name, s := range map[string]string{"Markdown": tot.Markdown(), "HTML": tot.HTML()} {
		for _, part := range []string{"≈ 2,300,000,000", "≥ 150,000,000", "≶ 2,450,000,005", "≈ approximately, ≥ at least"} {
			if !strings.Contains(s, part) {
				t.Errorf("%s lacks %q:\n%s", name, part, s)
			}
		}
	}
	if svg := tot.SVG(); !strings.Contains(svg, "about USD 2,300,000,000") || !strings.Contains(svg, "at least USD 150,000,000") {
		t.Errorf("SVG lacks the qualifiers:\n%s", svg)
	}
	exact, _ := bookOf(t, pledge.Pledge{ID: "c", Donor: "Canada", Amount: usd("5")}).Total(pledge.Query{})
	if s := exact.String(); strings.ContainsAny(s, "≈≥≤<>≶(") {
		t.Errorf("an exact total shows a qualifier or legend:\n%s", s)
	}
}

func TestFigureCompact(t *testing.T) {
	tests := []struct {
		f      pledge.Figure
		en, ko string
	}{
		{pledge.Figure{Amount: usd("2450000000"), Qualifier: pledge.Approximately}, "about $2.45 billion", "약 24억 5천만 달러"},
		{pledge.Figure{Amount: usd("2450000000")}, "$2.45 billion", "24억 5천만 달러"},
		{pledge.Figure{Amount: usd("2346000000")}, "about $2.35 billion", "약 23억 5천만 달러"},
		// Bounds round the way that keeps them true.
		{pledge.Figure{Amount: usd("2346000000"), Qualifier: pledge.AtLeast}, "at least $2.34 billion", "23억 4천만 달러 이상"},
		{pledge.Figure{Amount: usd("2346000000"), Qualifier: pledge.MoreThan}, "more than $2.34 billion", "23억 4천만 달러 초과"},
		{pledge.Figure{Amount: usd("2341000000"), Qualifier: pledge.AtMost}, "at most $2.35 billion", "23억 5천만 달러 이하"},
		{pledge.Figure{Amount: usd("2341000000"), Qualifier: pledge.LessThan}, "less than $2.35 billion", "23억 5천만 달러 미만"},
		{pledge.Figure{Amount: usd("300000000"), Qualifier: pledge.AtLeast}, "at least $300 million", "3억 달러 이상"},
		{pledge.Figure{Amount: usd("2450000000"), Qualifier: pledge.Mixed}, "$2.45 billion (mixed bounds)", "24억 5천만 달러 (상·하한 혼재)"},
		{pledge.Figure{Amount: usd("2346000000"), Qualifier: pledge.Mixed}, "about $2.35 billion (mixed bounds)", "약 23억 5천만 달러 (상·하한 혼재)"},
	}
	for _, tt := range tests {
		if got := tt.f.Compact(language.English); got != tt.en {
			t.Errorf("%v.Compact(en) = %q, want %q", tt.f, got, tt.en)
		}
		if got := tt.f.Compact(language.Korean); got != tt.ko {
			t.Errorf("%v.Compact(ko) = %q, want %q", tt.f, got, tt.ko)
		}
		if tt.f.Qualifier == pledge.Mixed {
			continue
		}
		// What Compact writes reads back with the same qualifier, and a
		// bound stays true of the figure.
		for _, s := range []string{tt.en, tt.ko} {
			back, err := pledge.ParseFigure(s)
			if err != nil {
				t.Errorf("ParseFigure(%q): %v", s, err)
				continue
			}
			want := tt.f.Qualifier
			if want == pledge.Exact && strings.Contains(s, "about") || strings.HasPrefix(s, "약") {
				want = pledge.Approximately
			}
			if back.Qualifier != want {
				t.Errorf("ParseFigure(%q) = %v, want %s", s, back, want)
			}
			c, _ := back.Amount.Cmp(tt.f.Amount)
			if (want == pledge.AtLeast || want == pledge.MoreThan) && c > 0 || (want == pledge.AtMost || want == pledge.LessThan) && c < 0 {
				t.Errorf("%q is not true of %v", s, tt.f)
			}
		}
	}
}

func TestFigureFormat(t *testing.T) {
	f := pledge.Figure{Amount: usd("2450000000"), Qualifier: pledge.Approximately}
	for tag, want := range map[language.Tag]string{
		language.English: "about $2,450,000,000",
		language.Korean:  "약 US$2,450,000,000",
		language.German:  "≈ 2.450.000.000\u00a0$",
	} {
		if got := f.Format(tag); got != want {
			t.Errorf("Format(%s) = %q, want %q", tag, got, want)
		}
	}
	if got := (pledge.Figure{Amount: usd("300000000"), Qualifier: pledge.AtLeast}).Format(language.Korean); got != "US$300,000,000 이상" {
		t.Errorf("Format(ko) = %q", got)
	}
	if got := (pledge.Figure{Amount: usd("5")}).Format(language.German); got != "5\u00a0$" {
		t.Errorf("exact Format(de) = %q", got)
	}
	if got := (pledge.Figure{Amount: usd("5"), Qualifier: pledge.Mixed}).Display(); got != "USD 5 (mixed bounds)" {
		t.Errorf("Display = %q", got)
	}
}

// TestRecordQualifiers: records keep their qualifiers through the book and
// JSON, a record read with ParseFigure keeps the qualifier the text gave,
// and an unknown qualifier is refused naming the field.
func TestRecordQualifiers(t *testing.T) {
	f, err := pledge.ParseFigure("약 23억 달러")
	if err != nil {
		t.Fatal(err)
	}
	p := pledge.Pledge{ID: "g20", Donor: "South Korea", Amount: f.Amount, Qualifier: f.Qualifier,
		Parts: []pledge.Part{{Amount: usd("300000000"), Qualifier: pledge.MoreThan}}}
	b := bookOf(t, p)
	got, _ := b.Pledge("g20")
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("book (-want +got):\n%s", diff)
	}
	data, err := got.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"qualifier":"approximately"`, `"qualifier":"more than"`} {
		if !strings.Contains(string(data), part) {
			t.Errorf("JSON lacks %s: %s", part, data)
		}
	}
	exact, _ := pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1")}.MarshalJSON()
	if strings.Contains(string(exact), "qualifier") {
		t.Errorf("an exact record writes a qualifier: %s", exact)
	}
	var back pledge.Pledge
	if err := back.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	err = (&pledge.Book{}).Add(pledge.Pledge{ID: "x", Donor: "D", Amount: usd("1"), Qualifier: 42,
		Parts: []pledge.Part{{Amount: usd("1"), Qualifier: -1}}})
	if !errors.Is(err, pledge.ErrInvalid) || !strings.Contains(err.Error(), `"x" qualifier: invalid value: qualifier 42`) ||
		!strings.Contains(err.Error(), `"x" parts[0].qualifier: invalid value: qualifier -1`) {
		t.Errorf("Add with bad qualifiers: %v", err)
	}
	// Mixed describes sums: no source gives a "mixed" figure, so neither a
	// record nor a part holds one, whichever way it comes in.
	err = (&pledge.Book{}).Add(pledge.Pledge{ID: "m", Donor: "D", Amount: usd("2"), Qualifier: pledge.Mixed,
		Parts: []pledge.Part{{Amount: usd("1"), Qualifier: pledge.Mixed}}})
	if diff := cmp.Diff([]string{
		`pledge "m" qualifier: invalid value: qualifier mixed describes a sum of figures bounded different ways, not a figure a source gives`,
		`pledge "m" parts[0].qualifier: invalid value: qualifier mixed describes a sum of figures bounded different ways, not a figure a source gives`,
	}, problemTexts(t, err)); diff != "" {
		t.Errorf("Add with Mixed (-want +got):\n%s", diff)
	}
	_, err = pledge.ReadBook(strings.NewReader(`{"pledges":[{"id":"m","donor":"D","amount":{"value":"1","currency":"USD"},"qualifier":"mixed"}]}`))
	if !errors.Is(err, pledge.ErrInvalid) || !strings.Contains(err.Error(), `"m" qualifier: invalid value: qualifier mixed`) {
		t.Errorf("ReadBook with Mixed: %v", err)
	}
	var bad pledge.Pledge
	err = bad.UnmarshalJSON([]byte(`{"id":"x","donor":"D","amount":{"value":"1","currency":"USD"},"parts":[{"amount":{"value":"1","currency":"USD"},"qualifier":"roughly"}]}`))
	if !errors.Is(err, pledge.ErrInvalid) || !strings.Contains(err.Error(), "parts[0].qualifier") {
		t.Errorf("UnmarshalJSON with a bad qualifier: %v", err)
	}
}

// FuzzFigureCompact: what Figure.Compact writes reads back with
// ParseFigure to the same qualifier ("about" when an exact figure is
// rounded), and a bound it writes is true of the figure.
func FuzzFigureCompact(f *testing.F) {
	f.Add(uint64(2346), int32(6), uint8(2), uint8(0))
	f.Add(uint64(2341), int32(6), uint8(3), uint8(1))
	f.Add(uint64(99999951), int32(-2), uint8(4), uint8(2))
	f.Add(uint64(123456789), int32(3), uint8(5), uint8(3))
	f.Add(uint64(2450), int32(6), uint8(1), uint8(0))
	f.Fuzz(func(t *testing.T, coef uint64, exp int32, qual, cur uint8) {
		if exp < -12 || exp > 20 || coef > 1<<62 {
			t.Skip()
		}
		q := pledge.Qualifier(int(qual) % 6) // Mixed reads back as no qualifier
		a := pledge.AmountOf(decimal.New(int64(coef), exp), compactCurrencies[int(cur)%len(compactCurrencies)])
		fig := pledge.Figure{Amount: a, Qualifier: q}
		for _, tag := range []language.Tag{language.English, language.Korean} {
			s := fig.Compact(tag)
			back, err := pledge.ParseFigure(s)
			if err != nil {
				t.Fatalf("%v.Compact(%s) = %q, which ParseFigure refuses: %v", fig, tag, s, err)
			}
			want := q
			if q == pledge.Exact && back.Qualifier == pledge.Approximately {
				want = pledge.Approximately // rounded
			}
			if back.Qualifier != want {
				t.Fatalf("%v.Compact(%s) = %q reads back as %v", fig, tag, s, back)
			}
			c, err := back.Amount.Cmp(a)
			if err != nil {
				t.Fatal(err)
			}
			if q == pledge.AtLeast || q == pledge.MoreThan {
				if c > 0 {
					t.Fatalf("%v.Compact(%s) = %q: rounded up past a lower bound", fig, tag, s)
				}
			}
			if q == pledge.AtMost || q == pledge.LessThan {
				if c < 0 {
					t.Fatalf("%v.Compact(%s) = %q: rounded down past an upper bound", fig, tag, s)
				}
			}
			if want == q && q == pledge.Exact && c != 0 {
				t.Fatalf("%v.Compact(%s) = %q: exact, but reads back as %v", fig, tag, s, back)
			}
		}
	})
}

func TestPledgeFigure(t *testing.T) {
	f, err := pledge.ParseFigure("20억 달러 이상")
	if err != nil {
		t.Fatal(err)
	}
	p := pledge.Pledge{Amount: f.Amount, Qualifier: f.Qualifier, Parts: []pledge.Part{{Amount: usd("5"), Qualifier: pledge.LessThan}}}
	if got := p.Figure(); got != f {
		t.Errorf("Pledge.Figure = %v, want %v", got, f)
	}
	if got := p.Parts[0].Figure().String(); got != "less than USD 5" {
		t.Errorf("Part.Figure = %s", got)
	}
}
