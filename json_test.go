package summitry_test

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/pledge"
)

// A service hands results to other programs as JSON (issue 15). The tests
// here keep every exported type that pledge and meeting hand out readable
// there: none marshals as {} or with Go's field names, and none loses a
// field or an accessor's value on the way.

// jsonExempt are the exported types results reach that have no JSON form
// of their own here, and why.
var jsonExempt = map[string]string{
	"pledge.Book":    "a handle: Book.WriteJSON and ReadBook save and read it",
	"pledge.Rates":   "a handle: Rates.WriteCSV and ReadRates save and read it",
	"pledge.Parser":  "settings for reading figures, not a result",
	"meeting.Ledger": "a handle: Ledger.WriteJSON and ReadLedger save and read it",
	"pledge.Journal": "a handle on a file: Book.AddLogged writes it, Book.Replay and OpenJournal read it",
}

// jsonToo are exported types that no function returns but that a program
// hands on as JSON, and why; they have samples like result types.
var jsonToo = map[string]string{
	"pledge.NullAmount": "a database/sql column type: a service scans a row into it and writes it as JSON",
}

// notWritten are members of result types that their JSON leaves out on
// purpose, and why. Each is documented at the type's MarshalJSON.
var notWritten = map[string]string{
	"pledge.Query.Rates":          "a table of its own (Rates.WriteCSV); a query read back has nil Rates",
	"pledge.Totals.Sum":           "the amounts of the sums, written as such",
	"pledge.Totals.Version":       "the book's version in this process (Book.Version), for a cache or an ETag: nothing another process can use",
	"pledge.Amount.Value":         "database/sql's form of the amount, written as such",
	"meeting.Standing.YearsKnown": "null years_in_office, days_in_office and per_year when false",
}

// derived are accessors that compute from what is written rather than add
// to it: methods of no arguments that are not members of the JSON form.
var derived = map[string]bool{
	"String": true, "Markdown": true, "HTML": true, "SVG": true, "Chart": true, "Display": true,
	"Error": true, "Valid": true, "IsZero": true, "Sign": true, "Neg": true, "Round": true,
	"Parent": true, "Depth": true, "Check": true, "Exact": true, "Place": true, "Meetings": true,
	"Range": true, "Validate": true,
}

// jsonSample is a populated value of a result type and the JSON key each
// of its members is written under (by default the member's name in
// snake_case).
type jsonSample struct {
	values []any             // one or more populated values; each member must show in one
	keys   map[string]string // member → JSON key, where it is not the default
	// text marks a type written as a JSON string.
	text bool
	// also are methods to check beside the members: a chart's SVG, which
	// is display for other types (its HTML is the SVG again, as an image).
	also []string
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// jsonSamples builds a populated value of every result type.
func jsonSamples(t *testing.T) map[string]jsonSample {
	t.Helper()
	usd := func(v string) pledge.Amount { return pledge.MustAmount(v, "USD") }
	book := &pledge.Book{}
	err := book.Add(
		pledge.Pledge{
			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("2300000000"),
			Qualifier: pledge.Approximately, Date: day("2023-09-10"), Occasion: "G20 Summit 2023",
			Parts: []pledge.Part{{Amount: usd("300000000"), Qualifier: pledge.AtLeast, Categories: []pledge.Category{pledge.Humanitarian},
				Year: 2024, Note: "humanitarian share"}},
			Sources: []pledge.Source{{Publisher: "Yonhap", Title: "t", URL: "https://example.org", Quote: "q", Date: day("2023-09-10")}},
			Note:    "n", Stage: pledge.Pledged,
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("150000000"),
			Date: day("2023-07-15"), Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
		},
		pledge.Pledge{
			ID: "kr-ua-2023-07-paid", Donor: "South Korea", Recipient: "Ukraine", Amount: usd("50000000"),
			Date: day("2023-12-01"), Stage: pledge.Disbursed, Under: "kr-ua-2023-07", Revises: "",
			Categories: []pledge.Category{pledge.Humanitarian},
		},
	)
	if err != nil {
		t.Fatal(err)
	}
	rates := &pledge.Rates{}
	krw := currency.MustParseISO("KRW")
	for _, d := range []string{"2023-07-14", "2023-09-08", "2023-11-30"} {
		if err := rates.SetFrom(day(d), currency.USD, krw, decimal.RequireFromString("1300.5"), "Bank of Korea"); err != nil {
			t.Fatal(err)
		}
	}
	q := pledge.Query{
		Stage: pledge.Pledged, Donors: []string{"South Korea"}, Recipients: []string{"Ukraine"},
		Categories: []pledge.Category{pledge.Humanitarian, pledge.Military}, From: day("2023-01-01"), To: day("2024-12-31"),
		GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory, pledge.ByStage, pledge.ByYear}, Depth: 1,
		In: krw, Rates: rates,
	}
	totals, err := book.Total(q)
	if err != nil {
		t.Fatal(err)
	}
	rows := totals.Rows()
	if err := rates.SetAverageFrom(day("2023-01-01"), pledge.Year, currency.USD, krw, decimal.RequireFromString("1305.6625"), "IMF"); err != nil {
		t.Fatal(err)
	}
	conv, err := rates.ConvertPeriod(usd("100"), krw, day("2023-01-01"), pledge.Year)
	if err != nil {
		t.Fatal(err)
	}
	conv.Inverse = true // as a rate quoted the other way would give
	found := pledge.FindFigures("about $5 billion to $6 billion ($1 billion)")
	found[0].Bracketed = true
	p, _ := book.Pledge("kr-ua-2023-g20")
	page, err := book.List(pledge.Query{}, 1, 1)
	if err != nil {
		t.Fatal(err)
	}

	ledger, err := meeting.ReadCSV(os.DirFS("examples/korea-japan/data"))
	if err != nil {
		t.Fatal(err)
	}
	rule := meeting.Rule{Kinds: []meeting.Kind{meeting.Talks, meeting.PullAside}, Statuses: []meeting.Status{meeting.Held},
		To: day("2024-12-31"), Multilateral: true}
	pairs := ledger.Pairs(rule)
	window := rule
	window.From = day("1990-01-01")
	badPairs := ledger.Pairs(meeting.Rule{Kinds: []meeting.Kind{9}})
	standings, err := ledger.Rank("KR", "JP", rule)
	if err != nil {
		t.Fatal(err)
	}
	yoon, err := ledger.Leader("Yoon Suk Yeol")
	if err != nil {
		t.Fatal(err)
	}
	schedule, err := ledger.Schedule("Yoon Suk Yeol", day("2023-03-16"))
	if err != nil || len(schedule) == 0 {
		t.Fatalf("schedule: %v, %v", schedule, err)
	}
	m := schedule[0]
	m.Note, m.Place, m.Occasion, m.Kind, m.Status = "n", "Tokyo", "Visit 2023", meeting.PullAside, meeting.Planned
	claim := meeting.Claim{A: "Yoon Suk Yeol", B: "Fumio Kishida", Count: 12, AsOf: day("2024-07-10"),
		Source: meeting.Source{Publisher: "The Korea Herald", Title: "t", URL: "https://example.org", Quote: "q", Date: day("2024-07-11")}}
	findings := ledger.Reconcile([]meeting.Claim{claim, {A: "nobody", B: "Fumio Kishida", Count: 1}}, rule)
	var tally meeting.Tally
	for _, tl := range ledger.Tallies() {
		if tl.Match == meeting.SameRule && len(tl.Sources) > 0 {
			tally = tl
		}
	}
	tally.Note, tally.Most, tally.Inferred = "n", meeting.Unbounded, true
	yoon.Aliases, yoon.Sources = []string{"윤석열"}, []meeting.Source{claim.Source}

	return map[string]jsonSample{
		"pledge.Amount": {values: []any{usd("2300000000")}, keys: map[string]string{"Decimal": "value"}},
		// A NullAmount is the amount's JSON when valid (null when not).
		"pledge.NullAmount": {values: []any{pledge.NullAmount{Amount: usd("2300000000"), Valid: true}},
			keys: map[string]string{"Amount": "value", "Valid": "currency"}},
		"pledge.Figure":    {values: []any{rows[0].Figure()}},
		"pledge.Found":     {values: []any{found[0], found[1]}},
		"pledge.Category":  {values: []any{pledge.MilitaryNonLethal}, text: true},
		"pledge.Stage":     {values: []any{pledge.Committed}, text: true},
		"pledge.Qualifier": {values: []any{pledge.AtLeast}, text: true},
		"pledge.Precision": {values: []any{pledge.Month}, text: true},
		"pledge.Dimension": {values: []any{pledge.ByStage}, text: true},
		"pledge.Pledge": {values: []any{p, pledge.Pledge{ID: "b", Donor: "d", Amount: usd("1"), Categories: []pledge.Category{pledge.Military},
			Stage: pledge.Disbursed, Date: day("2023-09-01"), DatePrecision: pledge.Month, Revises: "a", Under: "c"}},
			keys: map[string]string{"DatePrecision": "date"}},
		"pledge.Part":       {values: []any{p.Parts[0]}},
		"pledge.Source":     {values: []any{p.Sources[0]}},
		"pledge.Query":      {values: []any{totals.Query(), pledge.Query{Stage: pledge.Committed, RatePeriod: pledge.Month}}},
		"pledge.Totals":     {values: []any{totals}, keys: map[string]string{"Figures": "sums"}},
		"pledge.Page":       {values: []any{page}},
		"pledge.Row":        {values: rowValues(rows), keys: map[string]string{"Count": "records", "Dimensions": "keys"}},
		"pledge.Converted":  {values: []any{totals.Conversions()[0]}, keys: map[string]string{"Conversion": "from"}},
		"pledge.Conversion": {values: []any{conv}},
		"pledge.Rate":       {values: anys(rates.All()), keys: map[string]string{"Day": "date"}},
		"pledge.Chart":      {values: []any{totals.Chart()}, also: []string{"SVG"}},

		"meeting.Leader":     {values: []any{yoon}},
		"meeting.Term":       {values: []any{meeting.Term{Start: day("2022-05-10"), End: day("2025-04-04")}}},
		"meeting.Source":     {values: []any{claim.Source}},
		"meeting.Meeting":    {values: []any{m}},
		"meeting.Kind":       {values: []any{meeting.PullAside}, text: true},
		"meeting.Status":     {values: []any{meeting.Planned}, text: true},
		"meeting.Basis":      {values: []any{meeting.Reported}, text: true},
		"meeting.RuleMatch":  {values: []any{meeting.WiderRule}, text: true},
		"meeting.Rule":       {values: []any{window}},
		"meeting.Tally":      {values: []any{tally}, keys: map[string]string{"Most": "count", "As": "kinds"}},
		"meeting.PairCounts": {values: []any{pairs, badPairs}, keys: map[string]string{"Err": "error"}},
		"meeting.PairCount":  {values: []any{pairs.Rows()[0]}},
		"meeting.Standings":  {values: []any{standings}},
		"meeting.Standing":   {values: anys(standings.Rows())},
		"meeting.Claim":      {values: []any{claim}},
		"meeting.Finding":    {values: []any{findings[0], findings[1]}, keys: map[string]string{"Err": "error"}},
		"meeting.Chart":      {values: []any{standings.Chart()}, also: []string{"SVG"}},
	}
}

// anys returns the elements of a slice as values.
func anys[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// rowValues returns rows as values, with a qualified one among them.
func rowValues(rows []pledge.Row) []any {
	var out []any
	for _, r := range rows {
		if r.Qualifier != pledge.Exact {
			out = append(out, r)
			break
		}
	}
	return append(out, rows[0])
}

// TestJSONCoversResultTypes keeps jsonSamples complete: every exported type
// of pledge and meeting that an exported function or method returns, or
// that is a field of one, has a sample, unless it is an error or exempt;
// and so has every type in jsonToo.
func TestJSONCoversResultTypes(t *testing.T) {
	samples := jsonSamples(t)
	found := map[string]bool{}
	for _, pkg := range []string{"pledge", "meeting"} {
		for _, name := range resultTypeNames(t, pkg) {
			found[pkg+"."+name] = true
		}
	}
	for name := range jsonToo {
		found[name] = true
	}
	for name := range found {
		if _, ok := samples[name]; !ok && jsonExempt[name] == "" {
			t.Errorf("%s is handed out but has no sample in jsonSamples: give it a JSON form and a sample", name)
		}
	}
	for name := range samples {
		if !found[name] && jsonToo[name] == "" {
			t.Errorf("jsonSamples has %s, which no exported function returns", name)
		}
	}
}

// resultTypeNames returns the exported types of package dir that exported
// functions and methods return, and the exported types of their exported
// fields, recursively; errors (types with an Error method) are left out.
func resultTypeNames(t *testing.T, dir string) []string {
	fset := token.NewFileSet()
	files := parseDir(t, fset, dir)
	specs := map[string]*ast.TypeSpec{}
	isError := map[string]bool{}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						specs[ts.Name.Name] = ts
					}
				}
			case *ast.FuncDecl:
				if d.Recv != nil && d.Name.Name == "Error" {
					recv, _ := receiverName(d.Recv.List[0].Type)
					isError[recv] = true
				}
			}
		}
	}
	seen := map[string]bool{}
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.StarExpr:
			visit(x.X)
		case *ast.ArrayType:
			visit(x.Elt)
		case *ast.MapType:
			visit(x.Key)
			visit(x.Value)
		case *ast.Ident:
			ts, ok := specs[x.Name]
			if !ok || !x.IsExported() || seen[x.Name] || isError[x.Name] {
				return
			}
			seen[x.Name] = true
			if st, ok := ts.Type.(*ast.StructType); ok {
				for _, fl := range st.Fields.List {
					exported := len(fl.Names) == 0 // embedded
					for _, n := range fl.Names {
						exported = exported || n.IsExported()
					}
					if exported {
						visit(fl.Type)
					}
				}
			}
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok || !d.Name.IsExported() || d.Type.Results == nil {
				continue
			}
			if d.Recv != nil {
				if recv, _ := receiverName(d.Recv.List[0].Type); !token.IsExported(recv) || isError[recv] {
					continue
				}
			}
			for _, r := range d.Type.Results.List {
				visit(r.Type)
			}
		}
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TestJSONOfResults marshals a populated value of every result type and
// checks that it is not {}, that names are JSON's rather than Go's, and
// that every exported field, and every accessor of a type without
// exported fields, shows under its key with a value.
func TestJSONOfResults(t *testing.T) {
	samples := jsonSamples(t)
	for full := range notWritten {
		typ, m, _ := strings.Cut(full[strings.Index(full, ".")+1:], ".")
		name := full[:strings.Index(full, ".")+1] + typ
		s, ok := samples[name]
		if !ok || !slices.ContainsFunc(membersOf(t, name, reflect.ValueOf(s.values[0])), func(x member) bool { return x.name == m }) {
			t.Errorf("notWritten lists %s, which is no member of a sample", full)
		}
	}
	for name, s := range samples {
		shown := map[string]bool{} // members seen with a value
		members := []string{}
		for i, v := range s.values {
			data, err := json.Marshal(v)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if s.text {
				var text string
				if err := json.Unmarshal(data, &text); err != nil || text == "" {
					t.Errorf("%s: %s, want a JSON string", name, data)
				}
				continue
			}
			var obj map[string]any
			if err := json.Unmarshal(data, &obj); err != nil || len(obj) == 0 {
				t.Errorf("%s: %s, want an object with keys", name, data)
				continue
			}
			for k := range obj {
				if k != strings.ToLower(k) {
					t.Errorf("%s: key %q is not snake_case", name, k)
				}
			}
			ms := membersOf(t, name, reflect.ValueOf(v))
			for _, a := range s.also {
				res := reflect.ValueOf(v).MethodByName(a).Call(nil)
				ms = append(ms, member{a, res[0].IsZero()})
			}
			if i == 0 {
				for _, m := range ms {
					members = append(members, m.name)
				}
			}
			for _, m := range ms {
				key := s.keys[m.name]
				if key == "" {
					key = snake(m.name)
				}
				val, ok := obj[key]
				if ok && present(val) && !m.zero {
					shown[m.name] = true
				}
			}
		}
		for _, m := range members {
			if !shown[m] {
				if _, ok := notWritten[name+"."+m]; !ok {
					t.Errorf("%s: %s is not in its JSON with a value in any sample (populate the sample, write it, or list it in notWritten)", name, m)
				}
			}
		}
	}
}

// member is one exported field or accessor of a value, and whether its
// value is zero (a sample must not leave it so).
type member struct {
	name string
	zero bool
}

// membersOf lists the exported fields of a struct value, or, when it has
// none, its exported methods of no arguments that are not derived.
func membersOf(t *testing.T, name string, v reflect.Value) []member {
	var out []member
	typ := v.Type()
	if typ.Kind() == reflect.Struct {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.IsExported() {
				out = append(out, member{f.Name, v.Field(i).IsZero()})
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		if m.Type.NumIn() != 1 || m.Type.NumOut() == 0 || derived[m.Name] || strings.HasPrefix(m.Name, "Marshal") {
			continue
		}
		res := v.Method(i).Call(nil)
		zero := res[0].IsZero()
		if len(res) == 2 { // (value, error)
			if err, _ := res[1].Interface().(error); err != nil {
				t.Errorf("%s.%s: %v", name, m.Name, err)
			}
		}
		if res[0].Kind() == reflect.Slice {
			zero = res[0].Len() == 0
		}
		out = append(out, member{m.Name, zero})
	}
	return out
}

// present reports whether a decoded JSON value holds something.
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// snake writes a Go name in snake_case: "YearsInOffice" is
// "years_in_office", "ID" "id", "AsOf" "as_of".
func snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"YearsInOffice": "years_in_office", "ID": "id", "AsOf": "as_of", "URL": "url", "RatePeriod": "rate_period", "A": "a"} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}
