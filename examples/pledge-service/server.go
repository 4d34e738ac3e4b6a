package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/summitry/summitry/pledge"
)

// maxBody bounds the body of a request: far more than a batch of records
// needs (a record is a few hundred bytes), and little enough that a
// request cannot make the server hold gigabytes.
const maxBody = 8 << 20

// server answers the requests over one book and its journal.
type server struct {
	book    *pledge.Book
	journal *pledge.Journal
	rates   *pledge.Rates // nil: nothing converts
	// ratesTag tells the rates apart in an ETag: a restart with other
	// rates answers other totals at the same version.
	ratesTag string
	log      *log.Logger // errors of the server's own (5xx)
	mux      *http.ServeMux

	// mu makes posts take turns. The book lets one writer in at a time
	// anyway (and the journal syncs each batch), so this costs nothing,
	// and each post learns exactly which of its records it added.
	mu sync.Mutex
}

// newServer returns the handler of every request over book, whose
// records are added through journal, converting with rates (nil: none).
func newServer(book *pledge.Book, journal *pledge.Journal, rates *pledge.Rates) *server {
	s := &server{book: book, journal: journal, rates: rates, ratesTag: ratesTag(rates), log: log.Default(), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("POST /pledges", s.addPledges)
	s.mux.HandleFunc("GET /pledges", s.listPledges)
	s.mux.HandleFunc("GET /pledges/{id...}", s.getPledge)
	s.mux.HandleFunc("GET /totals", s.totals)
	s.mux.HandleFunc("/", s.notFound)
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// ratesTag is a checksum of the rates and their settings, "0" for none.
func ratesTag(rates *pledge.Rates) string {
	if rates == nil {
		return "0"
	}
	h := crc32.NewIEEE()
	if err := rates.WriteCSV(h); err != nil {
		panic(err) // a hash's Write never fails
	}
	fmt.Fprintf(h, "%d %d", rates.Inverse, rates.MaxAge)
	return fmt.Sprintf("%08x", h.Sum32())
}

// endpoints are the paths the server answers and their methods, for an
// index, a 404 and a 405. GET answers HEAD too.
var endpoints = []struct{ path, methods string }{
	{"/", "GET, HEAD"},
	{"/pledges", "GET, HEAD, POST"},
	{"/pledges/{id}", "GET, HEAD"},
	{"/totals", "GET, HEAD"},
}

func (s *server) index(w http.ResponseWriter, r *http.Request) {
	var list []string
	for _, e := range endpoints {
		for m := range strings.SplitSeq(e.methods, ", ") {
			if m != "HEAD" {
				list = append(list, m+" "+e.path)
			}
		}
	}
	s.reply(w, http.StatusOK, struct {
		Service   string   `json:"service"`
		Records   int      `json:"records"`
		Version   uint64   `json:"version"`
		Rates     bool     `json:"rates"`
		Endpoints []string `json:"endpoints"`
	}{"pledge-service", s.book.Len(), s.book.Version(), s.rates != nil, list})
}

// notFound answers a path the server does not serve, or a method a path
// does not take.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/pledges/"); ok && rest != "" {
		path = "/pledges/{id}"
	}
	for _, e := range endpoints {
		if e.path == path {
			w.Header().Set("Allow", e.methods)
			s.fail(w, &httpError{Status: http.StatusMethodNotAllowed,
				Message: fmt.Sprintf("pledge-service: %s %s: the method is not allowed; %s takes %s", r.Method, r.URL.Path, e.path, e.methods)})
			return
		}
	}
	s.fail(w, &httpError{Status: http.StatusNotFound, Message: fmt.Sprintf("pledge-service: no %s here; GET / lists the endpoints", r.URL.Path)})
}

// addPledges takes a batch of records, all or nothing, through the
// journal. It answers 201 with the IDs added when it added any, 200 when
// the book held every record already (a retry), 400 with the problems
// when a record is malformed or invalid, 409 when the only problems are
// records that differ from those the book holds under their IDs, 413 for
// a body over maxBody and 415 for a body that is not JSON.
func (s *server) addPledges(w http.ResponseWriter, r *http.Request) {
	if err := checkContentType(r); err != nil {
		s.fail(w, err)
		return
	}
	body := &sawJSON{r: http.MaxBytesReader(w, r.Body, maxBody)}
	records, err := pledge.ReadJSON(body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.fail(w, &httpError{Status: http.StatusRequestEntityTooLarge,
			Message: fmt.Sprintf("pledge-service: the body is over %d bytes (%d MiB): send the records in smaller batches", tooLarge.Limit, tooLarge.Limit>>20)})
		return
	case err != nil:
		s.fail(w, invalid(err))
		return
	case !body.any:
		s.fail(w, &httpError{Status: http.StatusBadRequest,
			Message: "pledge-service: the body is empty: want a pledge, an array of pledges, or JSON Lines"})
		return
	}

	s.mu.Lock()
	added, unchanged := []string{}, []string{}
	seen := make(map[string]bool, len(records))
	for _, p := range records {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if _, held := s.book.Pledge(p.ID); held {
			unchanged = append(unchanged, p.ID)
		} else {
			added = append(added, p.ID)
		}
	}
	err = s.book.AddLogged(s.journal, records...)
	var conflict bool
	if err != nil {
		conflict = s.onlyConflicts(err)
	}
	version := s.book.Version()
	s.mu.Unlock()

	var ve *pledge.ValidationError
	switch {
	case errors.As(err, &ve):
		e := invalid(err)
		if conflict {
			e.Status = http.StatusConflict
		}
		s.fail(w, e)
		return
	case err != nil:
		s.fail(w, &httpError{Status: http.StatusInternalServerError,
			Message: "pledge-service: no record was added: " + err.Error()})
		return
	}
	status := http.StatusOK
	if len(added) > 0 {
		status = http.StatusCreated
		if len(added) == 1 {
			w.Header().Set("Location", "/pledges/"+url.PathEscape(added[0]))
		}
	}
	s.reply(w, status, struct {
		Added     []string `json:"added"`
		Unchanged []string `json:"unchanged"`
		Version   uint64   `json:"version"`
	}{added, unchanged, version})
}

// onlyConflicts reports whether every problem of err is a record that
// differs from the one the book holds under its ID: the request is well
// formed, and conflicts with what is there. It is called under s.mu.
func (s *server) onlyConflicts(err error) bool {
	var ve *pledge.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 || ve.Omitted > 0 {
		return false
	}
	for _, p := range ve.Problems {
		if _, held := s.book.Pledge(p.ID); !held || !errors.Is(p.Err, pledge.ErrDuplicate) {
			return false
		}
	}
	return true
}

// checkContentType takes JSON and JSON Lines. Refusing anything else
// also keeps a web page elsewhere from posting a form to the service.
func checkContentType(r *http.Request) *httpError {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		switch mt {
		case "application/json", "application/jsonl", "application/x-ndjson":
			return nil
		}
	}
	if ct == "" {
		ct = "none"
	}
	return &httpError{Status: http.StatusUnsupportedMediaType,
		Message: fmt.Sprintf("pledge-service: Content-Type %s: want application/json (or application/jsonl for JSON Lines)", ct)}
}

// sawJSON notes whether a body holds anything but JSON's space.
type sawJSON struct {
	r   interface{ Read([]byte) (int, error) }
	any bool
}

func (s *sawJSON) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if !s.any {
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				s.any = true
				break
			}
		}
	}
	return n, err
}

// getPledge answers one record by its ID.
func (s *server) getPledge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, ok := s.book.Pledge(id)
	if !ok {
		s.fail(w, &httpError{Status: http.StatusNotFound, Message: fmt.Sprintf("pledge-service: no pledge %q in the book", id)})
		return
	}
	s.reply(w, http.StatusOK, p)
}

// maxLimit bounds a page of GET /pledges; defaultLimit is its size when
// none is asked.
const (
	maxLimit     = 1000
	defaultLimit = 100
)

// listPledges answers a page of the records a query's filters find.
func (s *server) listPledges(w http.ResponseWriter, r *http.Request) {
	q, offset, limit, herr := s.listQuery(r.URL.Query())
	if herr == nil {
		_, herr = negotiate(r, "", jsonType)
	}
	if herr != nil {
		s.fail(w, herr)
		return
	}
	if s.notModified(w, r, s.book.Version(), "json") {
		return
	}
	page, err := s.book.List(q, offset, limit)
	if err != nil {
		s.fail(w, queryError(err))
		return
	}
	s.setETag(w, page.Version, "json")
	s.reply(w, http.StatusOK, page)
}

// totals answers the totals of a query, as JSON or CSV.
func (s *server) totals(w http.ResponseWriter, r *http.Request) {
	q, format, herr := s.totalsQuery(r.URL.Query())
	if herr == nil {
		format, herr = negotiate(r, format, jsonType, csvType)
	}
	if herr != nil {
		s.fail(w, herr)
		return
	}
	w.Header().Set("Vary", "Accept")
	kind := "json"
	if format == csvType {
		kind = "csv"
	}
	if s.notModified(w, r, s.book.Version(), kind) {
		return
	}
	t, err := s.book.Total(q)
	if err != nil {
		s.fail(w, queryError(err))
		return
	}
	s.setETag(w, t.Version(), kind)
	if format == csvType {
		var out strings.Builder
		if err := t.WriteCSV(&out); err != nil {
			s.fail(w, &httpError{Status: http.StatusInternalServerError, Message: "pledge-service: " + err.Error()})
			return
		}
		w.Header().Set("Content-Type", csvType+"; charset=utf-8; header=present")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, out.String())
		return
	}
	s.reply(w, http.StatusOK, t)
}

// etag is the tag of what the server answers at a version of the book,
// in a representation: "json" or "csv".
func (s *server) etag(version uint64, kind string) string {
	return fmt.Sprintf(`"%d-%s-%s"`, version, s.ratesTag, kind)
}

func (s *server) setETag(w http.ResponseWriter, version uint64, kind string) {
	w.Header().Set("ETag", s.etag(version, kind))
	w.Header().Set("Cache-Control", "no-cache") // keep it, but ask each time
}

// notModified answers 304 when the request's If-None-Match holds the tag
// of the book's version: the client has the answer already.
func (s *server) notModified(w http.ResponseWriter, r *http.Request, version uint64, kind string) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	tag := s.etag(version, kind)
	for t := range strings.SplitSeq(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/") // If-None-Match compares weakly
		if t == tag || t == "*" {
			s.setETag(w, version, kind)
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// reply writes v as JSON with status.
func (s *server) reply(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		s.log.Printf("encoding a reply: %v", err)
		w.Header().Set("Content-Type", jsonType)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintln(w, `{"error":"pledge-service: cannot encode the answer"}`)
		return
	}
	w.Header().Set("Content-Type", jsonType)
	w.WriteHeader(status)
	w.Write(append(data, '\n'))
}

// fail writes an error as JSON, and logs it when the fault is the
// server's.
func (s *server) fail(w http.ResponseWriter, e *httpError) {
	if e.Status >= 500 {
		s.log.Print(e.Message)
	}
	w.Header().Del("ETag")
	w.Header().Del("Cache-Control")
	s.reply(w, e.Status, e)
}
