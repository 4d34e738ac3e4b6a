package historian_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
)

// FuzzReadVisits: no input makes the reader panic; it returns visits or an
// error, never both (all or nothing), the same read whole or a byte at a
// time; it reads no file with an attribute given twice, nor U+FFFD from a
// file without it; every visit it returns has an id, dates in order and a
// visitor; and Meetings turns them into records a ledger accepts,
// accounting for every visit.
func FuzzReadVisits(f *testing.F) {
	f.Add([]byte(doc(visitXML())))
	f.Add([]byte(doc(visitXML(), visitXML("id", "2138", "visitor", "King <em>Kalakaua</em>", "description", "a <em>b</em> c"))))
	f.Add([]byte(doc(visitXML("id", "3314", "visitor", "Prime Minister Keir Starmer", "from", `<from id="united-kingdom">United Kingdom</from>`),
		visitXML("id", "3257", "visitor", "Prime Minister Keir Starmer", "from", `<from id="united-kingdom">United Kingdom</from>`))))
	f.Add([]byte(doc(visitXML("start-date", "2023-02-30"))))
	f.Add([]byte(doc(visitXML(), visitXML())))
	f.Add([]byte(doc(visitXML())[:150]))
	f.Add([]byte("<visits/>"))
	f.Add([]byte(""))
	// Characters XML forbids, raw and by reference, and references that
	// are none (issue 10, review).
	f.Add([]byte(doc(visitXML("from", `<from id="greece">Gr&#xD800;ece</from>`, "visitor", "Pres&#55296;ident &#x85;Yoon"))))
	f.Add([]byte(doc(visitXML("description", "<![CDATA[&#xD800;]]><!-- &#xDFFF; -->&#x00000041;&#0;"))))
	f.Add([]byte("<!DOCTYPE visits [<!ENTITY e \"<!--\"><?pi ?>]>" + doc(visitXML("visitor", "Pres\xed\xa0\x80ident", "from", `<from id='gr&#1;'>\x01</from>`))))
	f.Add([]byte(doc(visitXML("from", "<from id=\"korea-south\u0085\">South\u0085Korea</from>", "visitor", "\u0085Yoon"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		vs, err := historian.ReadVisits(bytes.NewReader(data))
		vs1, err1 := historian.ReadVisits(iotest.OneByteReader(bytes.NewReader(data)))
		if diff := cmp.Diff(fmt.Sprint(vs, err), fmt.Sprint(vs1, err1)); diff != "" {
			t.Fatalf("read whole (-) and a byte at a time (+):\n%s", diff)
		}
		if err != nil {
			if vs != nil {
				t.Fatal("visits returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "historian: ") {
				t.Fatalf("error without the package name: %v", err)
			}
			return
		}
		if err := repeatedAttribute(data); err != nil {
			t.Fatalf("read a file with %v", err)
		}
		if !bytes.Contains(data, []byte("\ufffd")) && !refToFFFD.Match(data) {
			for _, v := range vs {
				if strings.ContainsRune(fmt.Sprint(v), '\ufffd') {
					t.Fatalf("U+FFFD in a visit read from a file without it (a reference to a surrogate?): %+v", v)
				}
			}
		}
		ids := map[int]bool{}
		for _, v := range vs {
			if v.ID <= 0 || v.Start.IsZero() || v.End.IsZero() || v.End.Before(v.Start) || v.Visitor == "" || v.CountryID == "" {
				t.Fatalf("incomplete visit read: %+v", v)
			}
			if ids[v.ID] {
				t.Fatalf("visit id %d read twice", v.ID)
			}
			ids[v.ID] = true
		}
		var l meeting.Ledger
		if err := l.AddLeader(
			meeting.Leader{ID: "us-host", Name: "Host", Country: "US", Office: "president"},
			meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KR", Office: "president"},
		); err != nil {
			t.Fatal(err)
		}
		ms, bad := historian.Meetings(&l, vs)
		sources := 0
		for _, m := range ms {
			sources += len(m.Sources)
		}
		if sources+len(bad) != len(vs) {
			t.Fatalf("%d sources of meetings and %d unresolved for %d visits", sources, len(bad), len(vs))
		}
		if err := l.AddMeeting(ms...); err != nil {
			t.Fatalf("meetings from visits refused: %v", err)
		}
	})
}

// refToFFFD matches a character reference to U+FFFD.
var refToFFFD = regexp.MustCompile(`&#(x0*[fF][fF][fF][dD]|0*65533);`)

// repeatedAttribute returns an error naming an attribute given twice in an
// element of data, as written (prefix and name), or nil.
func repeatedAttribute(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		if t, ok := tok.(xml.StartElement); ok {
			seen := map[xml.Name]bool{}
			for _, a := range t.Attr {
				if seen[a.Name] {
					return fmt.Errorf("attribute %s:%s twice in <%s>", a.Name.Space, a.Name.Local, t.Name.Local)
				}
				seen[a.Name] = true
			}
		}
	}
}
