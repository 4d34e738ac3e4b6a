package pledge

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		fast, ok := fastWire(data)
		if !ok {
			return
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
