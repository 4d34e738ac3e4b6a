package pledge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/summitry/summitry/internal/input"
)

// FuzzFastWire holds the fast record reader to encoding/json: whatever it
// accepts, checkShape accepts and encoding/json reads the same way.
func FuzzFastWire(f *testing.F) {
	for _, s := range []string{
		`{"id":"kr-2023-g20","donor":"South Korea","recipient":"Ukraine","amount":{"value":"2300000000","currency":"USD"},` +
			`"parts":[{"amount":{"value":"300000000","currency":"USD"},"categories":["humanitarian"],"year":2024,"note":"n"}],` +
			`"stage":"pledged","date":"2023-09-10","occasion":"G20","sources":[{"publisher":"Yonhap","title":"t","url":"https://x","quote":"q","date":"2023-09-10"}],"note":"\u00e9\n"}`,
		`{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"categories":[],"parts":[],"sources":null,"stage":null}`,
		`{"id":"a","donor":"D","amount":{"value":"1","currency":"USD"},"qualifier":"approximately","date":"2023-09",` +
			`"parts":[{"amount":{"value":"1","currency":"USD"},"qualifier":"at least"}]}`,
		`{"id":"a","qualifier":null,"parts":[{"qualifier":null}],"date":"2023"}`,
		`{"id":"a","qualifier":1}`,
		`{"id":"a","id":"b"}`,
		`{"ID":"a"}`,
		`{"id":"a","amount":{"value":1.5,"currency":"USD"}}`,
		`{"id":"a","amount":{"value":{"x":1},"currency":"USD"}}`,
		`{"id":"a","parts":[{"year":2023.0}]}`,
		`{"id":"a","parts":[{"year":-0}]}`,
		`{"id":"\ud83d\ude00","donor":"\xff"}`,
		` { "id" : "a" , "categories" : [ "x" , "y" ] } `,
		`null`,
		`{}`,
		`{"id":"a" "donor":"b"}`,
		`{"id":"a",}`,
		`{"categories":["a" "b"]}`,
		`{"parts":[{"year":012}]}`,
		`{"amount":{"value":1x,"currency":tru}}`,
		`{"amount":{"value":"1\u0000","currency":"USD"}}`,
		"{\"id\":\"a\tb\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := fastWire(data)
		if !ok {
			return
		}
		if !json.Valid(data) {
			t.Fatalf("fastWire read %q, which is not JSON", data)
		}
		// With a share, as ReadBook reads, the same record.
		r := fastReader{jsonText: jsonText{data: data}, share: newWireShare()}
		shared, ok := r.pledge()
		if r.space(); !ok || r.i != len(data) {
			t.Fatalf("fastWire read %s, but not with a share", data)
		}
		if diff := cmp.Diff(fast, shared, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s: fastWire alone (-) and with a share (+) differ:\n%s", data, diff)
		}
		if err := checkShape(data, pledgeShape); err != nil {
			t.Fatalf("fastWire read %s, but checkShape says %v", data, err)
		}
		var std pledgeWire
		if err := json.Unmarshal(data, &std); err != nil {
			t.Fatalf("fastWire read %s, but encoding/json says %v", data, err)
		}
		if diff := cmp.Diff(std, fast, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s: encoding/json (-) and fastWire (+) differ:\n%s", data, diff)
		}
	})
}

// FuzzReadBookFast holds ReadBook's fast path to its plain one: on any
// input, documents and JSON Lines, both give the same book or the same
// error, and the fast path reads what WriteJSON and WriteJSONLines write.
func FuzzReadBookFast(f *testing.F) {
	doc := `{"pledges":[{"id":"a","donor":"D","recipient":"R","amount":{"value":"5.25","currency":"EUR"},"categories":["humanitarian"],"stage":"committed","date":"2023-09"},` +
		`{"id":"b","donor":"D","amount":{"value":"7","currency":"eur"},"stage":"disbursed","under":"a","date":"2023-09-10"},` +
		`{"id":"c","donor":"D","amount":{"value":"9","currency":"EUR"},"revises":"a","stage":"committed","parts":[{"amount":{"value":"1","currency":"EUR"},"year":2024}]}]}`
	f.Add([]byte(doc))
	f.Add([]byte(`{"pledges":[]}`))
	f.Add([]byte("{\"id\":\"a\",\"donor\":\"D\",\"amount\":{\"value\":\"5\",\"currency\":\"EUR\"}}\r\n\n{\"id\":\"b\",\"donor\":\"D\",\"amount\":{\"value\":\"7\",\"currency\":\"EUR\"},\"revises\":\"a\"}"))
	f.Add([]byte(`{"pledges":[{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"}},{"id":"a","donor":"D","amount":{"value":"5.0","currency":"EUR"}}]}`))
	f.Add([]byte(`{"pledges":[{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR"},"categories":["Bad"]}]}`))
	f.Add([]byte(`{"pledges":[{"id":"a","donor":"D","amount":{"value":"5","currency":"XTS"},"date":"2023-02-30"}]} x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast := sameJSONBooks(t, data)
		if fast == nil {
			return
		}
		// What the book writes, the fast path reads.
		var doc, lines bytes.Buffer
		if err := fast.WriteJSON(&doc); err != nil {
			t.Fatal(err)
		}
		if err := fast.WriteJSONLines(&lines); err != nil {
			t.Fatal(err)
		}
		for _, out := range [][]byte{doc.Bytes(), lines.Bytes()} {
			out = input.TrimBOM(out)
			b, ok := readBookFast(out, isJSONLines(out))
			if !ok {
				t.Fatalf("the fast path does not read what the book writes:\n%s", out)
			}
			if diff := cmp.Diff(fast.All(), b.All()); diff != "" {
				t.Fatalf("read back (-want +got):\n%s", diff)
			}
		}
	})
}

// FuzzPlainAmount holds the fast reading of an amount to NewAmount: what
// it reads, NewAmount reads to the same coefficient, exponent and
// currency.
func FuzzPlainAmount(f *testing.F) {
	for _, s := range [][2]string{{"2300000000", "USD"}, {"1.50", "eur"}, {"007", "KRW"}, {"0.00", "USD"},
		{"1.", "USD"}, {".5", "USD"}, {"-1", "USD"}, {"1.2.3", "USD"}, {"1234567890123456789", "USD"}, {"5", "XTS"}, {"5", "U$D"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, value, code string) {
		v, _ := json.Marshal(value)
		c, _ := json.Marshal(code)
		w := amountWire{Value: v, Currency: c}
		for _, sh := range []*wireShare{nil, newWireShare()} {
			fast, ok := w.plain(sh)
			if !ok {
				continue
			}
			want, err := NewAmount(value, code)
			if err != nil {
				t.Fatalf("plain read %q %q as %v; NewAmount says %v", value, code, fast, err)
			}
			if fast.cur != want.cur || fast.value.Exponent() != want.value.Exponent() || fast.value.Coefficient().Cmp(want.value.Coefficient()) != 0 {
				t.Fatalf("plain read %q %q as %v (%s e%d), NewAmount as %v (%s e%d)", value, code,
					fast, fast.value.Coefficient(), fast.value.Exponent(), want, want.value.Coefficient(), want.value.Exponent())
			}
		}
	})
}

// sameJSONBooks fails unless ReadBook's fast and plain paths read data to
// the same error or the same book, digit for digit; it returns the book
// the fast path read, or nil.
func sameJSONBooks(t *testing.T, data []byte) *Book {
	t.Helper()
	fast, ferr := readBook(data, true)
	plain, perr := readBook(data, false)
	if fmt.Sprint(ferr) != fmt.Sprint(perr) {
		t.Fatalf("%q: fast path says %v, plain path %v", data, ferr, perr)
	}
	if ferr != nil {
		return nil
	}
	if diff := cmp.Diff(plain.All(), fast.All()); diff != "" {
		t.Fatalf("%q: plain (-) and fast (+) books differ:\n%s", data, diff)
	}
	sameText(t, data, fast, plain, (*Book).WriteJSONLines)
	return fast
}

// TestReadBookFastHostile holds ReadBook's fast path to its plain one on
// inputs at its edges.
func TestReadBookFastHostile(t *testing.T) {
	rec := func(id, fields string) string {
		return `{"id":"` + id + `","donor":"D","amount":{"value":"5","currency":"EUR"}` + fields + `}`
	}
	amt := func(id, v string) string {
		return `{"id":"` + id + `","donor":"D","amount":{"value":"` + v + `","currency":"EUR"}}`
	}
	for _, in := range []string{
		"\ufeff" + rec("a", ""),
		"\ufeff\ufeff" + rec("a", ""),
		rec("a", "") + "\r\n" + rec("b", "") + "\r\n",
		rec("a", "") + "\n\n\n" + rec("b", ""),
		rec("a", "") + "\n" + rec("a", ""),
		rec("a", "") + "\n" + rec("a", `,"note":"x"`),
		rec("a", `,"categories":["humanitarian","military"]`) + "\n" + rec("a", `,"categories":["military","humanitarian"]`),
		rec("a", `,"categories":["military","military/non-lethal"]`),
		rec("a", `,"qualifier":"mixed"`),
		rec("a", `,"qualifier":"≶"`),
		rec("a", `,"qualifier":"about"`),
		rec("a", `,"stage":"Paid","date":"2024-02"`),
		rec("a", `,"date":"0001-01-01"`),
		rec("a", `,"parts":[{"amount":{"value":"1","currency":"EUR"},"year":-0}]`),
		rec("a", `,"parts":[{"amount":{"value":"1","currency":"EUR"},"year":99999999999999999999}]`),
		rec("a", `,"note":"\u0000"`),
		rec("a", `,"note":"\uFFFE"`),
		rec("a", `,"note":"\ud83d\ude00"`),
		rec("a", `,"note":"\ud83d"`),
		rec("a", `,"note":"\u2028"`),
		rec("a", `,"Note":"x"`),
		rec("a", `,"note":"x","note":"y"`),
		rec("\u0041", ""),
		rec("a\\u0000", ""),
		amt("a", "1.50") + "\n" + amt("b", "007") + "\n" + amt("c", "0.00") + "\n" + amt("d", "00.10"),
		amt("a", "-0") + "\n" + amt("b", "-0.00"),
		amt("a", "+5"), amt("a", "1e5"), amt("a", ".5"), amt("a", "5."),
		amt("a", "999999999999999999") + "\n" + amt("b", "9999999999999999999") + "\n" + amt("c", "0.000000000000000001"),
		`{"id":"a","donor":"D","amount":{"value":5,"currency":"EUR"}}`,
		`{"id":"a","donor":"D","amount":{"value":"5","currency":"eur"}}`,
		`{"id":"a","donor":"D","amount":{"currency":"EUR","value":"5"}}`,
		`{"id":"a","donor":"D","amount":{"value":"5","currency":"EUR","value":"6"}}`,
		`{"pledges":[` + rec("a", "") + `,` + rec("b", "") + `]}`,
		`{"pledges":[` + rec("a", "") + `],"pledges":[]}`,
		`{"pledges":[` + rec("a", "") + `]} `,
		`{"pledges":[` + rec("a", "") + `]}x`,
		`{"pledges":null}`,
		`{"pledges":[null]}`,
		`{}`, ``, " \n ", `null`, `[]`,
		"{\"id\":\"a\",\n\"donor\":\"D\",\"amount\":{\"value\":\"5\",\"currency\":\"EUR\"}}",
	} {
		sameJSONBooks(t, input.TrimBOM([]byte(in)))
	}
}
