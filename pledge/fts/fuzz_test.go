package fts_test

import (
	"bytes"
	"testing"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
)

// FuzzReadFlows: no input makes the reader panic or return flows with an
// error, and whatever it reads becomes records a Book accepts (in USD).
func FuzzReadFlows(f *testing.F) {
	f.Add([]byte(page(flowJSON())))
	f.Add([]byte(page(flowJSON(), flowJSON("id", `"7"`, "versionId", "2", "childFlowIds", "[1001]"))))
	f.Add([]byte(`[` + flowJSON() + `]`))
	f.Add([]byte(`{"data":{"flows":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		flows, err := fts.ReadFlows(bytes.NewReader(data))
		if err != nil {
			if flows != nil {
				t.Fatal("flows returned with an error")
			}
			return
		}
		var fs fts.Flows
		fs.Add(flows...)
		ps, err := fs.Pledges(fts.Options{USD: true})
		if err != nil {
			t.Fatalf("in USD every flow should convert: %v", err)
		}
		var book pledge.Book
		if err := book.Add(ps...); err != nil {
			t.Fatalf("records from flows refused: %v", err)
		}
	})
}
