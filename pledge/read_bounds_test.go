package pledge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// TestReadBookRefusesBadText: bytes that are not UTF-8 ("Kor\xe9a" in
// Latin-1) and escapes of half a surrogate pair would become U+FFFD, so
// that two donors merged into one; noncharacters and control characters
// break XML. The reader refuses each, by line and field, on the fast path
// (records as WriteJSON writes them) and the checked one alike.
func TestReadBookRefusesBadText(t *testing.T) {
	rec := func(id, field, value string) string {
		fields := map[string]string{"id": `"` + id + `"`, "donor": `"D"`}
		fields[field] = value
		return fmt.Sprintf(`{"id": %s, "donor": %s, "amount": {"value": "1", "currency": "USD"}%s}`, fields["id"], fields["donor"], fields["rest"])
	}
	book := func(recs ...string) string {
		return "{\"pledges\": [\n" + strings.Join(recs, ",\n") + "\n]}"
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"Latin-1 donors", book(rec("a", "donor", "\"Kor\xe9a\""), rec("b", "donor", "\"Kor\xe8a\"")), []string{
			`pledge (line 2) "a" donor: invalid value: "Kor\xe9a" is not valid UTF-8 at byte 3`,
			`pledge (line 3) "b" donor: invalid value: "Kor\xe8a" is not valid UTF-8 at byte 3`,
		}},
		{"lone surrogates", book(rec("a", "donor", `"\ud800"`), rec("b", "donor", `"x\udc00y"`), rec("c", "donor", `"\ud83d\ude00"`)), []string{
			`pledge (line 2) "a" donor: invalid value: "\\ud800" escapes half a surrogate pair, \ud800, at byte 0`,
			`pledge (line 3) "b" donor: invalid value: "x\\udc00y" escapes half a surrogate pair, \udc00, at byte 1`,
		}},
		{"in an ID", book(rec("\xff", "donor", `"D"`)), []string{
			`pledge (line 2) #0 id: invalid value: "\xff" is not valid UTF-8 at byte 0`,
		}},
		{"deep inside", book(rec("a", "rest", `, "sources": [{"title": "t"}, {"quote": "\"\u00e9\" `+"\xe9"+`"}]`)), []string{
			`pledge (line 2) "a" sources[1].quote: invalid value: "\\\"\\u00e9\\\" \xe9" is not valid UTF-8 at byte 11`,
		}},
		{"in a field name", book(rec("a", "rest", ", \"n\xf6te\": \"x\"")), []string{
			`pledge (line 2) "a": invalid value: field name "n\xf6te" is not valid UTF-8 at byte 1`,
		}},
		{"in a part's category", book(rec("a", "rest", `, "parts": [{"amount": {"value": "1", "currency": "USD"}, "categories": ["\udfff"]}]`)), []string{
			`pledge (line 2) "a" parts[0].categories[0]: invalid value: "\\udfff" escapes half a surrogate pair, \udfff, at byte 0`,
		}},
		{"noncharacter", book(rec("a", "donor", `"Korea\uffff"`)), []string{
			`pledge (line 2) "a" donor: invalid value: "Korea\uffff" holds U+FFFF (a Unicode noncharacter) at byte 5`,
		}},
		{"control character", book(rec("a", "rest", `, "note": "\u0007"`)), []string{
			`pledge (line 2) "a" note: invalid value: "\a" holds the control character U+0007 at byte 0`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// As written, and with the spacing WriteJSON would use, so
			// that both the fast reader and the checked one see it.
			for _, in := range []string{tt.in, strings.ReplaceAll(tt.in, "\": ", "\":")} {
				b, err := pledge.ReadBook(strings.NewReader(in))
				if err == nil {
					t.Fatalf("ReadBook = %v, want an error", b.All())
				}
				var ve *pledge.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("ReadBook = %v, want a *ValidationError", err)
				}
				var got []string
				for _, p := range ve.Problems {
					got = append(got, p.Error())
					if !errors.Is(p, pledge.ErrInvalid) {
						t.Errorf("%v is not ErrInvalid", p)
					}
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
	// An escaped pair and an escaped backslash before "u" are text.
	b, err := pledge.ReadBook(strings.NewReader(book(rec("a", "donor", `"\ud83d\ude00 \\ud800"`))))
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := b.Pledge("a"); p.Donor != "😀 \\ud800" {
		t.Errorf("donor %q", p.Donor)
	}
}

// TestUnmarshalRefusesBadText: json.Unmarshal into a Pledge or a Source
// refuses what ReadBook refuses.
func TestUnmarshalRefusesBadText(t *testing.T) {
	tests := []struct {
		in   string
		into any
		want string
	}{
		{`[{"id": "a", "donor": "Kor` + "\xe9" + `a"}]`, &[]pledge.Pledge{}, `donor: pledge: invalid value: "Kor\xe9a" is not valid UTF-8 at byte 3`},
		{`{"p": {"id": "a", "note": "\ud800"}}`, &struct{ P pledge.Pledge }{}, `note: pledge: invalid value: "\\ud800" escapes half a surrogate pair, \ud800, at byte 0`},
		{`{"title": "\udbff"}`, &pledge.Source{}, `title: pledge: invalid value: "\\udbff" escapes half a surrogate pair, \udbff, at byte 0`},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), tt.into)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, pledge.ErrInvalid) {
			t.Errorf("Unmarshal(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestReadBookSkipsBOM: a byte-order mark at the start is skipped, as
// ReadRates skips it; one anywhere else is not.
func TestReadBookSkipsBOM(t *testing.T) {
	b, err := pledge.ReadBook(strings.NewReader("\ufeff" + storyJSON))
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 2 {
		t.Errorf("Len = %d, want 2", b.Len())
	}
	var other pledge.Book
	if err := other.UnmarshalJSON([]byte("\ufeff" + storyJSON)); err != nil || other.Len() != 2 {
		t.Errorf("UnmarshalJSON with a mark: %v, %d records", err, other.Len())
	}
	if err := other.UnmarshalJSON([]byte("\ufeffnull")); err != nil || other.Len() != 2 {
		t.Errorf("UnmarshalJSON of a mark and null: %v, %d records", err, other.Len())
	}
	if _, err := pledge.ReadBook(strings.NewReader("\ufeff\ufeff" + storyJSON)); err == nil {
		t.Error("a second mark was skipped too")
	}
}

// emptyRecords is a book of n records "{}", each missing its ID, donor and
// amount: 3n problems.
func emptyRecords(n int) []byte {
	return []byte(`{"pledges":[` + strings.TrimSuffix(strings.Repeat("{},\n", n), ",\n") + "]}\n")
}

// TestReadBookKeepsTheFirstProblems reads 300 KB of "{}" records: the
// error lists the first 100 problems and counts the rest, and reading it
// allocates a few times the input, where keeping every problem took
// hundreds of megabytes.
func TestReadBookKeepsTheFirstProblems(t *testing.T) {
	const n = 100_000
	data := emptyRecords(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := pledge.ReadBook(bytes.NewReader(data))
	runtime.ReadMemStats(&after)
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadBook = %v, want a *ValidationError", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 3*n-100 {
		t.Errorf("%d problems and %d omitted, want 100 and %d", len(ve.Problems), ve.Omitted, 3*n-100)
	}
	if first, last := ve.Problems[0], ve.Problems[99]; first.Line != 1 || first.Field != "id" || last.Index != 33 || last.Line != 34 {
		t.Errorf("first %+v, last %+v: want record 0 on line 1 to record 33 on line 34", first, last)
	}
	msg := err.Error()
	if want := fmt.Sprintf("\n\t... and %d more", 3*n-100); !strings.HasSuffix(msg, want) || !strings.HasPrefix(msg, fmt.Sprintf("pledge: %d problems:", 3*n)) {
		t.Errorf("message %.80q…%q, want it to count %d problems and end %q", msg, msg[len(msg)-40:], 3*n, want)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20*uint64(len(data)) {
		t.Errorf("reading %d bytes allocated %d bytes, want at most 20 times the input", len(data), alloc)
	}
}

// TestErrorsQuoteABoundedPrefix: a 1 MB value makes a short message.
func TestErrorsQuoteABoundedPrefix(t *testing.T) {
	huge := strings.Repeat("9", 1_000_000)
	for _, in := range []string{
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"` + huge + `","currency":"USD"}}]}`,
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"1","currency":"` + huge + `"}}]}`,
		`{"pledges":[{"id":"` + huge + `","donor":"D","amount":{"value":"-1","currency":"USD"}}]}`,
		`{"pledges":[{"id":"a","donor":"D ` + huge + `\u0000","amount":{"value":"1","currency":"USD"}}]}`,
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"parts":[{"year":` + huge + `}]}]}`,
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"x` + huge + `":1}]}`,
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"categories":["` + huge + `X"]}]}`,
		`{"pledges":[{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"under":"` + huge + `"}]}`,
		`{"` + huge + `":[]}`,
	} {
		_, err := pledge.ReadBook(strings.NewReader(in))
		if err == nil {
			t.Fatalf("ReadBook(%.60q…) = nil", in)
		}
		if len(err.Error()) > 400 {
			t.Errorf("ReadBook(%.60q…): %d-byte message %.300q…", in, len(err.Error()), err)
		}
	}
	for _, f := range []func() error{
		func() error { _, err := pledge.NewAmount(huge+"x", "USD"); return err },
		func() error { _, err := pledge.NewAmount("1", huge); return err },
		func() error { _, err := pledge.ParseAmount("$" + huge + "x"); return err },
		func() error {
			_, err := pledge.ReadRates(strings.NewReader("2023-09-01,USD,KRW," + huge + "x\n"))
			return err
		},
		func() error { _, err := pledge.ReadRates(strings.NewReader(huge + ",USD,KRW,1\n")); return err },
	} {
		if err := f(); err == nil || len(err.Error()) > 400 {
			t.Errorf("%d-byte message %.300q…", len(fmt.Sprint(err)), err)
		}
	}
}

// BenchmarkReadBookBadRecords reads books of records missing a donor, at
// two sizes: the time per record stays flat where finding each problem's
// line from the start made it grow with the input.
func BenchmarkReadBookBadRecords(b *testing.B) {
	for _, n := range []int{10_000, 80_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var buf bytes.Buffer
			buf.WriteString("{\"pledges\": [\n")
			for i := range n {
				if i > 0 {
					buf.WriteString(",\n")
				}
				fmt.Fprintf(&buf, `{"id": "p%d", "amount": {"value": "1", "currency": "USD"}}`, i)
			}
			buf.WriteString("\n]}\n")
			benchReadBook(b, buf.Bytes(), n, "record", true)
		})
	}
}

// BenchmarkReadBookEmptyRecords reads 30 KB and 300 KB of "{}" records,
// three problems each: time and bytes per record stay flat.
func BenchmarkReadBookEmptyRecords(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			benchReadBook(b, emptyRecords(n), n, "record", true)
		})
	}
}

// TestReadRatesRefusesBadText: a source that is not UTF-8 or holds what a
// pledge's text may not is refused by its line and field, as SetFrom
// refuses it.
func TestReadRatesRefusesBadText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-09-01,USD,KRW,1322.5,BOK\n2023-09-02,USD,KRW,1322.5,Bank of Kor\xe9a\n",
			`pledge: rates line 2 source: invalid value: source "Bank of Kor\xe9a" is not valid UTF-8 at byte 11`},
		{"2023-09-01,USD,KRW,1322.5,BOK\ufffe\n",
			`pledge: rates line 1 source: invalid value: source "BOK\ufffe" holds U+FFFE (a Unicode noncharacter) at byte 3`},
		{"2023-09-01,USD,KRW,1322.5,\"a\x00b\"\n",
			`pledge: rates line 1 source: invalid value: source "a\x00b" holds the control character U+0000 at byte 1`},
		{"2023-09-01,US\xc4,KRW,1322.5\n",
			`pledge: rates line 1 base: invalid currency "US\xc4": want an ISO 4217 code such as USD, EUR or KRW`},
	}
	for _, tt := range tests {
		_, err := pledge.ReadRates(strings.NewReader(tt.in))
		if err == nil {
			t.Errorf("ReadRates(%q) = nil, want an error", tt.in)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("ReadRates(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if err := new(pledge.Rates).SetFrom(rateDay("2023-09-01"), currency.USD, currency.KRW, rateDec("1"), "\uffff"); !errors.Is(err, pledge.ErrInvalid) {
		t.Errorf("SetFrom with a noncharacter in the source = %v, want ErrInvalid", err)
	}
}

// TestReadRatesKeepsTheFirstProblems: a file of a thousand bad lines gives
// the first 100 and a count of the rest.
func TestReadRatesKeepsTheFirstProblems(t *testing.T) {
	in := strings.Repeat("2023-09-01,USD,KRW,-1\n", 1000)
	_, err := pledge.ReadRates(strings.NewReader(in))
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadRates = %v, want a *ValidationError", err)
	}
	if len(ve.Problems) != 100 || ve.Omitted != 900 || ve.Problems[99].Line != 100 {
		t.Errorf("%d problems, %d omitted, the last on line %d; want 100, 900, 100", len(ve.Problems), ve.Omitted, ve.Problems[len(ve.Problems)-1].Line)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "pledge: 1000 problems in rates:\n") || !strings.HasSuffix(msg, "\n\t... and 900 more") {
		t.Errorf("message %.60q…%q", msg, msg[len(msg)-30:])
	}
}
