package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/pledge"
)

// story is the README's two pledges, as a client posts them
// (story.json, which the README posts with curl).
var story = func() string {
	data, err := os.ReadFile("story.json")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

// testServer is a server over a new book and a journal in a temporary
// directory.
type testServer struct {
	*httptest.Server
	book    *pledge.Book
	journal *pledge.Journal
	path    string
}

func newTestServer(t *testing.T, rates *pledge.Rates) *testServer {
	t.Helper()
	return openTestServer(t, filepath.Join(t.TempDir(), "pledges.journal"), rates)
}

// openTestServer starts a server over the journal at path, replayed.
func openTestServer(t *testing.T, path string, rates *pledge.Rates) *testServer {
	t.Helper()
	book := new(pledge.Book)
	j, err := pledge.OpenJournal(path, book)
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(book, j, rates)
	s.log = log.New(io.Discard, "", 0)
	ts := &testServer{Server: httptest.NewServer(s), book: book, journal: j, path: path}
	t.Cleanup(ts.close)
	return ts
}

func (ts *testServer) close() {
	ts.Server.Close()
	ts.journal.Close()
}

// answer is a response, its body read.
type answer struct {
	status int
	header http.Header
	body   string
}

func (ts *testServer) do(t *testing.T, method, path, contentType, body string, header ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	return readAnswer(t)(ts.Client().Do(req))
}

// readAnswer returns a function that reads the answer of a request.
func readAnswer(t *testing.T) func(*http.Response, error) answer {
	return func(resp *http.Response, err error) answer {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return answer{resp.StatusCode, resp.Header, string(data)}
	}
}

func (ts *testServer) post(t *testing.T, body string) answer {
	t.Helper()
	return ts.do(t, "POST", "/pledges", "application/json", body)
}

func (ts *testServer) get(t *testing.T, path string, header ...string) answer {
	t.Helper()
	return ts.do(t, "GET", path, "", "", header...)
}

// check fails the test unless a has the status and the body.
func (a answer) check(t *testing.T, what string, status int, body string) {
	t.Helper()
	if a.status != status {
		t.Errorf("%s: status %d; want %d (%s)", what, a.status, status, a.body)
	}
	if diff := cmp.Diff(body, a.body); diff != "" {
		t.Errorf("%s: body (-want +got):\n%s", what, diff)
	}
}

// TestStory posts the README's pledges and reads them back: the answers
// the README shows.
func TestStory(t *testing.T) {
	ts := newTestServer(t, nil)
	a := ts.post(t, story)
	a.check(t, "POST", http.StatusCreated, `{"added":["kr-ua-2023-g20","kr-ua-2023-07"],"unchanged":[],"version":1}`+"\n")

	a = ts.get(t, "/totals?group=donor,category")
	a.check(t, "totals", http.StatusOK, `{"query":{"stage":"pledged","donors":[],"recipients":[],"categories":[],"from":null,"to":null,"group_by":["donor","category"],"depth":0,"in":null,"rate_period":"day"},`+
		`"dimensions":["donor","category"],"rows":[`+
		`{"keys":{"donor":"South Korea","category":"humanitarian"},"amount":{"value":"300000000","currency":"USD"},"qualifier":"at least","records":1},`+
		`{"keys":{"donor":"South Korea","category":"humanitarian+military/non-lethal"},"amount":{"value":"150000000","currency":"USD"},"records":1},`+
		`{"keys":{"donor":"South Korea","category":"unspecified"},"amount":{"value":"2000000000","currency":"USD"},"qualifier":"at most","records":1}],`+
		`"sums":[{"amount":{"value":"2450000000","currency":"USD"},"records":2}],"records":2,"conversions":[]}`+"\n")
	if got := a.header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	var back pledge.Totals
	if err := json.Unmarshal([]byte(a.body), &back); err != nil {
		t.Errorf("the totals do not read back: %v", err)
	}

	const csv = "donor,category,currency,amount,qualifier,records\r\n" +
		"South Korea,humanitarian,USD,300000000,at least,1\r\n" +
		"South Korea,humanitarian+military/non-lethal,USD,150000000,,1\r\n" +
		"South Korea,unspecified,USD,2000000000,at most,1\r\n"
	for _, h := range [][]string{{"Accept", "text/csv"}, {"Accept", "text/csv;q=0.9, application/json;q=0.5"}, {"Accept", "text/*"}} {
		a = ts.get(t, "/totals?group=donor,category", h...)
		a.check(t, "totals, "+strings.Join(h, ": "), http.StatusOK, strings.ReplaceAll(csv, "\r\n", "\n"))
		if got := a.header.Get("Content-Type"); got != "text/csv; charset=utf-8; header=present" {
			t.Errorf("CSV Content-Type %q", got)
		}
	}
	ts.get(t, "/totals?group=donor,category&format=csv", "Accept", "application/json").check(t, "format=csv", http.StatusOK, strings.ReplaceAll(csv, "\r\n", "\n"))

	ts.get(t, "/totals?stage=commitment").check(t, "committed", http.StatusOK,
		`{"query":{"stage":"committed","donors":[],"recipients":[],"categories":[],"from":null,"to":null,"group_by":[],"depth":0,"in":null,"rate_period":"day"},"dimensions":[],"rows":[],"sums":[],"records":0,"conversions":[]}`+"\n")

	ts.get(t, "/pledges?donor=south+korea&category=military&limit=1").check(t, "list", http.StatusOK,
		`{"records":[{"id":"kr-ua-2023-07","donor":"South Korea","recipient":"Ukraine","amount":{"value":"150000000","currency":"USD"},"categories":["humanitarian","military/non-lethal"],"stage":"pledged","date":"2023-07"}],"total":1,"offset":0,"version":1}`+"\n")
	ts.get(t, "/pledges?offset=1&limit=5").check(t, "second page", http.StatusOK,
		`{"records":[{"id":"kr-ua-2023-g20","donor":"South Korea","recipient":"Ukraine","amount":{"value":"2300000000","currency":"USD"},"parts":[{"amount":{"value":"300000000","currency":"USD"},"qualifier":"at least","categories":["humanitarian"]}],"stage":"pledged","date":"2023-09","occasion":"G20 Summit 2023"}],"total":2,"offset":1,"version":1}`+"\n")
	ts.get(t, "/pledges/kr-ua-2023-07").check(t, "one", http.StatusOK,
		`{"id":"kr-ua-2023-07","donor":"South Korea","recipient":"Ukraine","amount":{"value":"150000000","currency":"USD"},"categories":["humanitarian","military/non-lethal"],"stage":"pledged","date":"2023-07"}`+"\n")
	ts.get(t, "/pledges/kr-ua-9").check(t, "unknown ID", http.StatusNotFound, `{"error":"pledge-service: no pledge \"kr-ua-9\" in the book"}`+"\n")
	ts.get(t, "/").check(t, "index", http.StatusOK,
		`{"service":"pledge-service","records":2,"version":1,"rates":false,"endpoints":["GET /","GET /pledges","POST /pledges","GET /pledges/{id}","GET /totals"]}`+"\n")
}

// TestPost checks every answer of POST /pledges, and that nothing
// refused reaches the book or the journal.
func TestPost(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, story).check(t, "story", http.StatusCreated, `{"added":["kr-ua-2023-g20","kr-ua-2023-07"],"unchanged":[],"version":1}`+"\n")
	journal := func() string {
		data, err := os.ReadFile(ts.path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	before := journal()

	disbursed := `{"id": "kr-ua-2024-paid", "donor": "South Korea", "amount": {"value": "100000000", "currency": "USD"},
	  "stage": "disbursed", "under": "kr-ua-2023-g20", "date": "2024-03-05"}`
	tests := []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"the same records again", "application/json", story, http.StatusOK,
			`{"added":[],"unchanged":["kr-ua-2023-g20","kr-ua-2023-07"],"version":1}`},
		{"malformed JSON", "application/json", "[\n" + disbursed + ",\n{\"id\": }]", http.StatusBadRequest,
			`{"error":"pledge: JSON line 4: invalid character '}' looking for beginning of value"}`},
		{"cut short", "application/json", `[{"id": "x"`, http.StatusBadRequest,
			`{"error":"pledge: JSON line 1: unexpected end of input"}`},
		{"unknown field", "application/json", `{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "EUR", "cents": 5}}`, http.StatusBadRequest,
			`{"error":"pledge-service: no record was added: 1 problem","problems":[{"index":0,"id":"x","line":1,"field":"amount.cents","code":"invalid","error":"invalid value: unknown field \"cents\""}],"omitted":0}`},
		{"a field in another case", "application/json", `[{"id": "x", "Donor": "D", "amount": {"value": "1", "currency": "EUR"}}]`, http.StatusBadRequest,
			`{"error":"pledge-service: no record was added: 1 problem","problems":[{"index":0,"id":"x","line":1,"field":"Donor","code":"invalid","error":"invalid value: unknown field \"Donor\": field names are exact, want \"donor\""}],"omitted":0}`},
		{"invalid records, every problem", "application/json", `[` + disbursed + `,
		  {"id": "y", "amount": {"value": "-1", "currency": "EUR"}},
		  {"id": "z", "donor": "D", "amount": {"value": "1", "currency": "EUR"}, "categories": ["military//x"]}]`, http.StatusBadRequest,
			`{"error":"pledge-service: no record was added: 3 problems","problems":[` +
				`{"index":1,"id":"y","line":3,"field":"donor","code":"missing","error":"missing field: who gives the money?"},` +
				`{"index":1,"id":"y","line":3,"field":"amount","code":"invalid_amount","error":"invalid amount: EUR -1 is negative; record a reduction as a revision"},` +
				`{"index":2,"id":"z","line":4,"field":"categories[0]","code":"invalid_category","error":"invalid category \"military//x\": empty segment between slashes"}],"omitted":0}`},
		{"a link to nothing", "application/json", `{"id": "x", "donor": "D", "amount": {"value": "1", "currency": "USD"}, "revises": "nope"}`, http.StatusBadRequest,
			`{"error":"pledge-service: no record was added: 1 problem","problems":[{"index":0,"id":"x","field":"revises","code":"unknown_pledge","error":"unknown pledge: \"nope\""}],"omitted":0}`},
		{"another record under a taken ID", "application/json", `[` + disbursed + `,
		  {"id": "kr-ua-2023-07", "donor": "South Korea", "recipient": "Ukraine", "amount": {"value": "160000000", "currency": "USD"}, "date": "2023-07", "categories": ["humanitarian", "military/non-lethal"]}]`, http.StatusConflict,
			`{"error":"pledge-service: no record was added: 1 problem","problems":[{"index":1,"id":"kr-ua-2023-07","field":"id","code":"duplicate","error":"duplicate: \"kr-ua-2023-07\" is already in the book with amount USD 150000000, not USD 160000000"}],"omitted":0}`},
		{"an ID given twice, differently", "application/json", `[` + disbursed + `,` + strings.Replace(disbursed, "100000000", "1", 1) + `]`, http.StatusBadRequest,
			`{"error":"pledge-service: no record was added: 1 problem","problems":[{"index":1,"id":"kr-ua-2024-paid","field":"id","code":"duplicate","error":"duplicate: \"kr-ua-2024-paid\" is given twice, first with amount USD 100000000, then USD 1"}],"omitted":0}`},
		{"empty", "application/json", " \n", http.StatusBadRequest,
			`{"error":"pledge-service: the body is empty: want a pledge, an array of pledges, or JSON Lines"}`},
		{"a number", "application/json", "1", http.StatusBadRequest,
			`{"error":"pledge: JSON line 1: want a pledge, an array of pledges or {\"pledges\":[...]}, found 1"}`},
		{"no Content-Type", "", story, http.StatusUnsupportedMediaType,
			`{"error":"pledge-service: Content-Type none: want application/json (or application/jsonl for JSON Lines)"}`},
		{"a form", "application/x-www-form-urlencoded", story, http.StatusUnsupportedMediaType,
			`{"error":"pledge-service: Content-Type application/x-www-form-urlencoded: want application/json (or application/jsonl for JSON Lines)"}`},
		{"over the limit", "application/json", "[" + strings.Repeat(" ", maxBody) + "]", http.StatusRequestEntityTooLarge,
			`{"error":"pledge-service: the body is over 8388608 bytes (8 MiB): send the records in smaller batches"}`},
	}
	for _, tt := range tests {
		ts.do(t, "POST", "/pledges", tt.contentType, tt.body).check(t, tt.name, tt.status, tt.want+"\n")
	}
	if got := journal(); got != before {
		t.Errorf("refused posts changed the journal:\n%s", got[len(before):])
	}
	if v := ts.book.Version(); v != 1 {
		t.Errorf("refused posts changed the book: version %d", v)
	}

	// A body just under the limit is read; JSON Lines, with a Location for
	// the one record added.
	a := ts.do(t, "POST", "/pledges", "application/jsonl; charset=utf-8", disbursed+strings.Repeat(" ", maxBody-len(disbursed)))
	a.check(t, "JSON Lines at the limit", http.StatusCreated, `{"added":["kr-ua-2024-paid"],"unchanged":[],"version":2}`+"\n")
	if got := a.header.Get("Location"); got != "/pledges/kr-ua-2024-paid" {
		t.Errorf("Location %q", got)
	}
	a = ts.post(t, `[`+disbursed+`, {"id": "jp ua/1", "donor": "Japan", "amount": {"value": "4500000000", "currency": "USD"}}]`)
	a.check(t, "one new, one there", http.StatusCreated, `{"added":["jp ua/1"],"unchanged":["kr-ua-2024-paid"],"version":3}`+"\n")
	if got := a.header.Get("Location"); got != "/pledges/jp%20ua%2F1" {
		t.Errorf("Location %q", got)
	}
	ts.get(t, "/pledges/jp%20ua%2F1").check(t, "an ID with a slash", http.StatusOK,
		`{"id":"jp ua/1","donor":"Japan","amount":{"value":"4500000000","currency":"USD"},"stage":"pledged"}`+"\n")
}

// TestJournalFails checks that a batch the journal cannot take is not
// added, and says so as the server's fault.
func TestJournalFails(t *testing.T) {
	book := new(pledge.Book)
	s := newServer(book, pledge.NewJournal(failingWriter{}), nil)
	var logged bytes.Buffer
	s.log = log.New(&logged, "", 0)
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := ts.Client().Post(ts.URL+"/pledges", "application/json", strings.NewReader(story))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	const want = `{"error":"pledge-service: no record was added: pledge: journal: writing a batch of 2 records: disk full"}` + "\n"
	if resp.StatusCode != http.StatusInternalServerError || string(body) != want {
		t.Errorf("answer %d %s; want 500 %s", resp.StatusCode, body, want)
	}
	if book.Len() != 0 {
		t.Errorf("the book holds %d records", book.Len())
	}
	if !strings.Contains(logged.String(), "disk full") {
		t.Errorf("not logged: %q", logged.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestQueries checks what a bad query gets, naming its parameter, and
// the conversions of a server with rates.
func TestQueries(t *testing.T) {
	rates := new(pledge.Rates)
	if err := rates.Set(time.Date(2023, 5, 22, 0, 0, 0, 0, time.UTC), currency.USD, currency.KRW, decimal.RequireFromString("1335.3")); err != nil {
		t.Fatal(err)
	}
	if err := rates.SetAverage(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), pledge.Year, currency.EUR, currency.USD, decimal.RequireFromString("1.0813")); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, rates)
	plain := newTestServer(t, nil)
	for _, s := range []*testServer{ts, plain} {
		s.post(t, story).check(t, "story", http.StatusCreated, `{"added":["kr-ua-2023-g20","kr-ua-2023-07"],"unchanged":[],"version":1}`+"\n")
	}
	ts.post(t, `[{"id": "kr-won", "donor": "South Korea", "amount": {"value": "1335300000", "currency": "KRW"}, "date": "2023-05-22"},
	             {"id": "de-eur", "donor": "Germany", "amount": {"value": "1000", "currency": "EUR"}, "date": "2023-05-22"}]`)

	tests := []struct {
		server       *testServer
		path, accept string
		status       int
		want         string
	}{
		{ts, "/totals?grop=donor", "", 400, `{"error":"pledge-service: parameter grop: unknown; want stage, donor, recipient, category, from, to, group, depth, in, rate_period, format","param":"grop"}`},
		{ts, "/totals?limit=5", "", 400, `{"error":"pledge-service: parameter limit: not taken here; GET /pledges takes it","param":"limit"}`},
		{ts, "/pledges?group=donor", "", 400, `{"error":"pledge-service: parameter group: not taken here; GET /totals takes it","param":"group"}`},
		{ts, "/totals?group=donor,colour", "", 400, `{"error":"pledge-service: parameter group: invalid value: dimension \"colour\": want donor, recipient, category, year, currency, stage","param":"group"}`},
		{ts, "/totals?group=donor&group=donors", "", 400, `{"error":"pledge-service: parameter group: donor given twice","param":"group"}`},
		{ts, "/totals?stage=promised", "", 400, `{"error":"pledge-service: parameter stage: invalid value: stage \"promised\": want pledged, committed, allocated or disbursed","param":"stage"}`},
		{ts, "/totals?stage=paid&stage=pledged", "", 400, `{"error":"pledge-service: parameter stage: given 2 times; give it once","param":"stage"}`},
		{ts, "/totals?stage=", "", 400, `{"error":"pledge-service: parameter stage: empty","param":"stage"}`},
		{ts, "/totals?from=2023-13", "", 400, `{"error":"pledge-service: parameter from: invalid value: date \"2023-13\" is not YYYY, YYYY-MM or YYYY-MM-DD","param":"from"}`},
		{ts, "/totals?from=2024&to=2023-06", "", 400, `{"error":"pledge-service: parameter to: 2023-06-30 is before from, 2024-01-01","param":"to"}`},
		{ts, "/totals?depth=-1", "", 400, `{"error":"pledge-service: parameter depth: \"-1\": want a whole number from 0 to 1000","param":"depth"}`},
		{ts, "/totals?category=military//x", "", 400, `{"error":"pledge-service: parameter category: invalid category \"military//x\": empty segment between slashes","param":"category"}`},
		{ts, "/totals?donor=South+Koera", "", 400, `{"error":"pledge: query: donors[0]: no donor \"South Koera\" in the book (nearest: \"South Korea\")","param":"donor","nearest":["South Korea"]}`},
		{ts, "/pledges?recipient=Ukrainia", "", 400, `{"error":"pledge: query: recipients[0]: no recipient \"Ukrainia\" in the book (nearest: \"Ukraine\")","param":"recipient","nearest":["Ukraine"]}`},
		{ts, "/totals?in=XTS", "", 400, `{"error":"pledge-service: parameter in: \"XTS\": want the ISO 4217 code of a currency, such as USD, EUR or KRW","param":"in"}`},
		{ts, "/totals?rate_period=year", "", 400, `{"error":"pledge-service: parameter rate_period: applies to a conversion: give in too","param":"rate_period"}`},
		{plain, "/totals?in=USD", "", 400, `{"error":"pledge-service: parameter in: no exchange rates: the service converts nothing unless started with -rates FILE or -imf FILE","param":"in"}`},
		{ts, "/totals?in=USD&group=donor&from=2023-05&to=2023-05", "", 400,
			`{"error":"pledge: missing exchange rate: EUR→USD on 2023-05-22 for \"de-eur\" (an average for 2023 is there: Query.RatePeriod Year would use it); KRW→USD on 2023-05-22 for \"kr-won\" (a USD→KRW rate is there: set Rates.Inverse to derive it); the service derives a rate quoted the other way when started with -inverse N (decimal places); rate_period=month or rate_period=year lets a total use averages (Query.RatePeriod)","param":"in",` +
				`"missing_rates":[{"from":"EUR","to":"USD","day":"2023-05-22","period":"day","records":["de-eur"],"more":0,"inverse":false,"stale":null,"average":"year"},{"from":"KRW","to":"USD","day":"2023-05-22","period":"day","records":["kr-won"],"more":0,"inverse":true,"stale":null,"average":null}]}`},
		{ts, "/totals?in=USD&donor=Germany&group=donor&rate_period=year", "text/csv", 200, "donor,currency,amount,qualifier,records\nGermany,USD,1081.3,,1\n"},
		{ts, "/totals?format=xml", "", 400, `{"error":"pledge-service: parameter format: \"xml\": want json or csv","param":"format"}`},
		{ts, "/totals", "application/xml", 406, `{"error":"pledge-service: Accept application/xml: /totals answers application/json or text/csv"}`},
		{ts, "/totals", "text/csv;q=0, */*;q=0.1", 200, `{"query":{"stage":"pledged","donors":[],"recipients":[],"categories":[],"from":null,"to":null,"group_by":[],"depth":0,"in":null,"rate_period":"day"},"dimensions":[],"rows":[{"keys":{},"amount":{"value":"1000","currency":"EUR"},"records":1},{"keys":{},"amount":{"value":"1335300000","currency":"KRW"},"records":1},{"keys":{},"amount":{"value":"2450000000","currency":"USD"},"records":2}],"sums":[{"amount":{"value":"1000","currency":"EUR"},"records":1},{"amount":{"value":"1335300000","currency":"KRW"},"records":1},{"amount":{"value":"2450000000","currency":"USD"},"records":2}],"records":4,"conversions":[]}`},
		{ts, "/pledges", "text/csv", 406, `{"error":"pledge-service: Accept text/csv: /pledges answers application/json"}`},
		{ts, "/pledges?limit=1001", "", 400, `{"error":"pledge-service: parameter limit: \"1001\": want a whole number from 0 to 1000","param":"limit"}`},
		{ts, "/pledges?offset=x", "", 400, `{"error":"pledge-service: parameter offset: \"x\": want a whole number from 0 to 2147483647","param":"offset"}`},
		{ts, "/pledges?from=2023-09&to=2023&limit=0", "", 200, `{"records":[],"total":1,"offset":0,"version":2}`},
		{ts, "/nowhere", "", 404, `{"error":"pledge-service: no /nowhere here; GET / lists the endpoints"}`},
	}
	for _, tt := range tests {
		var h []string
		if tt.accept != "" {
			h = []string{"Accept", tt.accept}
		}
		want := tt.want
		if !strings.HasSuffix(want, "\n") {
			want += "\n"
		}
		tt.server.get(t, tt.path, h...).check(t, tt.path+" "+tt.accept, tt.status, want)
	}
	for _, m := range []struct{ method, path, allow string }{
		{"DELETE", "/pledges", "GET, HEAD, POST"},
		{"PUT", "/pledges/kr-won", "GET, HEAD"},
		{"POST", "/totals", "GET, HEAD"},
	} {
		a := ts.do(t, m.method, m.path, "application/json", "{}")
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != m.allow || !strings.HasPrefix(a.body, `{"error":"pledge-service: `+m.method) {
			t.Errorf("%s %s: %d, Allow %q, %s; want 405, Allow %q", m.method, m.path, a.status, a.header.Get("Allow"), a.body, m.allow)
		}
	}
}

// TestETag checks that a client that has the totals of the book's
// version gets 304, until the book changes.
func TestETag(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, story)
	a := ts.get(t, "/totals?group=donor")
	tag := a.header.Get("ETag")
	if tag != `"1-0-json"` || a.header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", tag, a.header.Get("Cache-Control"))
	}
	csvTag := ts.get(t, "/totals?group=donor&format=csv").header.Get("ETag")
	if csvTag == tag {
		t.Errorf("JSON and CSV share the ETag %s", tag)
	}
	for _, inm := range []string{tag, `"0-0-json", ` + tag, "W/" + tag, "*"} {
		a := ts.get(t, "/totals?group=donor", "If-None-Match", inm)
		if a.status != http.StatusNotModified || a.body != "" || a.header.Get("ETag") != tag {
			t.Errorf("If-None-Match %s: %d %q, ETag %q; want 304", inm, a.status, a.body, a.header.Get("ETag"))
		}
	}
	if a := ts.get(t, "/totals?group=donor", "If-None-Match", csvTag); a.status != http.StatusOK {
		t.Errorf("the CSV tag for JSON: %d; want 200", a.status)
	}
	if a := ts.get(t, "/pledges", "If-None-Match", `"1-0-json"`); a.status != http.StatusNotModified {
		t.Errorf("a page: %d; want 304", a.status)
	}
	ts.post(t, story) // nothing new: the version stays
	if a := ts.get(t, "/totals?group=donor", "If-None-Match", tag); a.status != http.StatusNotModified {
		t.Errorf("after a post that added nothing: %d; want 304", a.status)
	}
	ts.post(t, `{"id": "jp-ua", "donor": "Japan", "amount": {"value": "4500000000", "currency": "USD"}}`)
	a = ts.get(t, "/totals?group=donor", "If-None-Match", tag)
	if a.status != http.StatusOK || a.header.Get("ETag") != `"2-0-json"` {
		t.Errorf("after a post that added: %d, ETag %q; want 200, \"2-0-json\"", a.status, a.header.Get("ETag"))
	}
}

// TestRestart stops a server, reopens its journal into a new book and
// starts another: every answer is the same, byte for byte, ETags too.
func TestRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pledges.journal")
	first := openTestServer(t, path, nil)
	first.post(t, story)
	first.post(t, `{"id": "kr-ua-2024-paid", "donor": "South Korea", "recipient": "Ukraine", "amount": {"value": "100000000", "currency": "USD"}, "stage": "disbursed", "under": "kr-ua-2023-g20", "date": "2024-03-05"}`)
	first.post(t, story) // nothing new
	first.post(t, `[{"id": "jp-ua", "donor": "Japan", "recipient": "Ukraine", "amount": {"value": "4500000000", "currency": "USD"}, "stage": "committed", "date": "2024-06"},
	               {"id": "jp-ua-2", "donor": "Japan", "recipient": "Ukraine", "amount": {"value": "4600000000", "currency": "USD"}, "stage": "committed", "date": "2024-07", "revises": "jp-ua"}]`)
	paths := []string{
		"/totals", "/totals?group=donor,category", "/totals?group=stage,donor&format=csv",
		"/totals?stage=committed&group=year", "/pledges", "/pledges?donor=japan", "/pledges/jp-ua", "/",
	}
	before := map[string]answer{}
	for _, p := range paths {
		before[p] = first.get(t, p)
	}
	first.close()

	second := openTestServer(t, path, nil)
	for _, p := range paths {
		a, b := before[p], second.get(t, p)
		if b.status != a.status || b.body != a.body || b.header.Get("ETag") != a.header.Get("ETag") {
			t.Errorf("%s after the restart:\n%d %s %s\nwant\n%d %s %s", p, b.status, b.header.Get("ETag"), b.body, a.status, a.header.Get("ETag"), a.body)
		}
	}
	if a := second.get(t, "/totals?group=donor", "If-None-Match", before["/totals?group=donor,category"].header.Get("ETag")); a.status != http.StatusNotModified {
		t.Errorf("a tag from before the restart: %d; want 304", a.status)
	}
}

// TestConcurrentClients has 64 clients post and read at once (run it
// with -race): each post is taken whole or not at all, a record posted by
// many is added by one, every total read holds together, and the totals
// at the end are the sum of what was accepted, the same after a restart.
func TestConcurrentClients(t *testing.T) {
	ts := newTestServer(t, nil)
	const clients, batches = 64, 4
	shared := `{"id": "shared", "donor": "Everyone", "amount": {"value": "1", "currency": "EUR"}}`

	type result struct {
		sum          decimal.Decimal
		records      int
		sharedAdded  int
		failures     []string
		maxSeenTotal int
	}
	results := make(chan result, clients)
	for c := range clients {
		go func() {
			var r result
			fail := func(format string, args ...any) { r.failures = append(r.failures, fmt.Sprintf(format, args...)) }
			call := func(method, path, body string) (int, []byte) {
				req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := ts.Client().Do(req)
				if err != nil {
					fail("%s %s: %v", method, path, err)
					return 0, nil
				}
				defer resp.Body.Close()
				data, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, data
			}
			for b := range batches {
				// Two records of this client's, then the same batch again.
				var recs []string
				for k := range 2 {
					v := decimal.New(int64(c*1000+b*10+k), -2) // 0.01 .. 640.31: distinct cents
					recs = append(recs, fmt.Sprintf(`{"id": "c%d-b%d-%d", "donor": "Donor %d", "amount": {"value": "%s", "currency": "EUR"}, "categories": ["humanitarian"], "stage": "committed"}`, c, b, k, c%7, v))
					r.sum = r.sum.Add(v)
					r.records++
				}
				body := "[" + strings.Join(recs, ",") + "]"
				if status, data := call("POST", "/pledges", body); status != http.StatusCreated {
					fail("batch %d: %d %s", b, status, data)
				}
				if status, data := call("POST", "/pledges", body); status != http.StatusOK {
					fail("batch %d again: %d %s", b, status, data)
				}
				// A batch with one bad record: none of it counts.
				bad := fmt.Sprintf(`[{"id": "c%d-bad-%d", "donor": "D", "amount": {"value": "5", "currency": "EUR"}}, {"id": "c%d-bad2-%d", "donor": "D", "amount": {"value": "-5", "currency": "EUR"}}]`, c, b, c, b)
				if status, _ := call("POST", "/pledges", bad); status != http.StatusBadRequest {
					fail("a bad batch: %d", status)
				}
				// The record everyone posts: added once, then there.
				status, data := call("POST", "/pledges", shared)
				var ans struct{ Added []string }
				json.Unmarshal(data, &ans)
				switch {
				case status == http.StatusCreated && len(ans.Added) == 1:
					r.sharedAdded++
				case status == http.StatusOK && len(ans.Added) == 0:
				default:
					fail("shared: %d %s", status, data)
				}
				// Read while others write: totals hold together.
				status, data = call("GET", "/totals?group=donor,category&stage=committed", "")
				var tot pledge.Totals
				if status != http.StatusOK {
					fail("totals: %d %s", status, data)
				} else if err := json.Unmarshal(data, &tot); err != nil {
					fail("totals do not hold together: %v", err)
				} else if tot.Records() > r.maxSeenTotal {
					r.maxSeenTotal = tot.Records()
				}
				if status, data := call("GET", "/pledges?donor=Donor+0&limit=3", ""); status != http.StatusOK && !bytes.Contains(data, []byte("no donor")) {
					fail("list: %d %s", status, data)
				}
			}
			results <- r
		}()
	}
	sum, records, sharedAdded := decimal.New(1, 0), 1, 0 // the shared record
	for range clients {
		r := <-results
		for _, f := range r.failures {
			t.Error(f)
		}
		sum, records, sharedAdded = sum.Add(r.sum), records+r.records, sharedAdded+r.sharedAdded
	}
	if sharedAdded != 1 {
		t.Errorf("the shared record was reported added %d times; want once", sharedAdded)
	}
	want := fmt.Sprintf(`{"query":{"stage":"pledged","donors":[],"recipients":[],"categories":[],"from":null,"to":null,"group_by":[],"depth":0,"in":null,"rate_period":"day"},"dimensions":[],"rows":[{"keys":{},"amount":{"value":"%s","currency":"EUR"},"records":%d}],"sums":[{"amount":{"value":"%s","currency":"EUR"},"records":%d}],"records":%d,"conversions":[]}`+"\n",
		sum, records, sum, records, records)
	a := ts.get(t, "/totals")
	a.check(t, "totals at the end", http.StatusOK, want)
	if v := ts.book.Version(); v != clients*batches+1 {
		t.Errorf("version %d; want %d: one a batch added", v, clients*batches+1)
	}
	ts.close()
	again := openTestServer(t, ts.path, nil)
	again.get(t, "/totals").check(t, "totals after a restart", http.StatusOK, want)
}
