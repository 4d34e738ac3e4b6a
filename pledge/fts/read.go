package fts

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/civil"
)

// maxPageBytes bounds one page: FTS serves pages of a few megabytes.
const maxPageBytes = 256 << 20

// maxNumberLen bounds the text of a number, so hostile input cannot make
// decimal arithmetic slow.
const maxNumberLen = 64

// Flows gathers flows from one or more pages of the FTS public API. A flow
// that appears on two pages (same ID and version) is kept once; a newer
// version of a flow replaces an older one, whatever the order the pages
// come in. The zero value is ready to use and safe for concurrent use.
type Flows struct {
	mu   sync.RWMutex
	byID map[string]Flow
}

// Read reads one page, a response of the FTS flow API
// ({"data":{"flows":[...]}}) or a bare array of flows, and adds its flows.
// It is all or nothing: on any error, no flow of the page is added.
func (fs *Flows) Read(r io.Reader) error {
	flows, err := ReadFlows(r)
	if err != nil {
		return err
	}
	fs.Add(flows...)
	return nil
}

// Add adds flows, keeping the newest version of each.
func (fs *Flows) Add(flows ...Flow) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.byID == nil {
		fs.byID = make(map[string]Flow, len(flows))
	}
	for _, f := range flows {
		if old, ok := fs.byID[f.ID]; ok && old.VersionID >= f.VersionID {
			continue
		}
		fs.byID[f.ID] = f.clone()
	}
}

// Len returns the number of distinct flows.
func (fs *Flows) Len() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.byID)
}

// Flow returns the flow with the given ID.
func (fs *Flows) Flow(id string) (Flow, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	f, ok := fs.byID[id]
	return f.clone(), ok
}

// All returns every flow, in the numeric order of their IDs.
func (fs *Flows) All() []Flow {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	out := make([]Flow, 0, len(fs.byID))
	for _, f := range fs.byID {
		out = append(out, f.clone())
	}
	slices.SortFunc(out, func(a, b Flow) int { return compareIDs(a.ID, b.ID) })
	return out
}

// compareIDs orders numeric IDs as numbers and others after them as text.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}

// ReadFlows reads one page (see [Flows.Read]) and returns its flows in the
// order given. Errors name the line, the flow and the field; a
// *[ValidationError] lists every bad flow, and no flows come with it.
func ReadFlows(r io.Reader) ([]Flow, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fts: reading: %w", err)
	}
	if len(data) > maxPageBytes {
		return nil, fmt.Errorf("%w: page larger than %d bytes", ErrSyntax, maxPageBytes)
	}
	p := &pageReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	return p.read()
}

type pageReader struct {
	data []byte
	dec  *json.Decoder
	// lines counts newlines forward from a remembered offset: offsets only
	// grow, so finding every record's line is linear.
	lineOff  int64
	lineSeen int
}

func (p *pageReader) line(off int64) int {
	off = min(max(off, 0), int64(len(p.data)))
	if off < p.lineOff {
		p.lineOff, p.lineSeen = 0, 0
	}
	p.lineSeen += bytes.Count(p.data[p.lineOff:off], []byte{'\n'})
	p.lineOff = off
	return p.lineSeen + 1
}

func (p *pageReader) fail(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrSyntax, p.line(p.dec.InputOffset()), fmt.Sprintf(format, args...))
}

func (p *pageReader) token() (json.Token, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.wrap(err)
	}
	return tok, nil
}

// wrap turns a decoder error into one that names the line.
func (p *pageReader) wrap(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w: line %d: %v", ErrSyntax, p.line(se.Offset), se)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: line %d: unexpected end of input", ErrSyntax, p.line(int64(len(p.data))))
	}
	return p.fail("%v", err)
}

func (p *pageReader) skip() error {
	var raw json.RawMessage
	if err := p.dec.Decode(&raw); err != nil {
		return p.wrap(err)
	}
	return nil
}

func (p *pageReader) read() ([]Flow, error) {
	tok, err := p.token()
	if err != nil {
		return nil, err
	}
	var flows []Flow
	switch tok {
	case json.Delim('['):
		flows, err = p.flows()
	case json.Delim('{'):
		flows, err = p.response()
	default:
		return nil, p.fail(`want a response {"data":{"flows":[...]}} or an array of flows, found %v`, tok)
	}
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, p.fail("unexpected data after the page")
	}
	return flows, nil
}

// response reads {"status":...,"data":{"flows":[...],...},"meta":...}
// after its opening brace.
func (p *pageReader) response() ([]Flow, error) {
	var flows []Flow
	found := false
	for p.dec.More() {
		key, err := p.token()
		if err != nil {
			return nil, err
		}
		if key != "data" {
			if err := p.skip(); err != nil {
				return nil, err
			}
			continue
		}
		if tok, err := p.token(); err != nil {
			return nil, err
		} else if tok != json.Delim('{') {
			return nil, p.fail(`"data" should be an object`)
		}
		for p.dec.More() {
			key, err := p.token()
			if err != nil {
				return nil, err
			}
			if key != "flows" {
				if err := p.skip(); err != nil {
					return nil, err
				}
				continue
			}
			if found {
				return nil, p.fail(`"flows" given twice`)
			}
			if tok, err := p.token(); err != nil {
				return nil, err
			} else if tok != json.Delim('[') {
				return nil, p.fail(`"flows" should be an array`)
			}
			found = true
			if flows, err = p.flows(); err != nil {
				return nil, err
			}
		}
		if _, err := p.token(); err != nil {
			return nil, err
		}
	}
	if _, err := p.token(); err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf(`%w: no "data"."flows" array: is this a response of the FTS flow API?`, ErrSyntax)
	}
	return flows, nil
}

// flows reads the flows of an array after its opening bracket, and the
// closing bracket.
func (p *pageReader) flows() ([]Flow, error) {
	var (
		flows []Flow
		bad   []Problem
	)
	for i := 0; p.dec.More(); i++ {
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return nil, p.wrap(err)
		}
		start := p.line(p.dec.InputOffset() - int64(len(raw)))
		f, probs := decodeFlow(raw)
		if len(probs) > 0 {
			for _, pr := range probs {
				pr.Index, pr.Line = i, start
				bad = append(bad, pr)
			}
			continue
		}
		flows = append(flows, f)
	}
	if _, err := p.token(); err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, &ValidationError{Problems: bad}
	}
	return flows, nil
}

type objectWire struct {
	Type string          `json:"type"`
	ID   json.RawMessage `json:"id"`
	Name string          `json:"name"`
}

type flowWire struct {
	ID                 json.RawMessage   `json:"id"`
	VersionID          json.RawMessage   `json:"versionId"`
	Status             *string           `json:"status"`
	AmountUSD          json.RawMessage   `json:"amountUSD"`
	OriginalAmount     json.RawMessage   `json:"originalAmount"`
	OriginalCurrency   *string           `json:"originalCurrency"`
	ExchangeRate       json.RawMessage   `json:"exchangeRate"`
	Date               *string           `json:"date"`
	DecisionDate       *string           `json:"decisionDate"`
	BudgetYear         json.RawMessage   `json:"budgetYear"`
	Description        *string           `json:"description"`
	FlowType           *string           `json:"flowType"`
	ContributionType   *string           `json:"contributionType"`
	Method             *string           `json:"method"`
	Boundary           *string           `json:"boundary"`
	Keywords           []string          `json:"keywords"`
	RefCode            *string           `json:"refCode"`
	NewMoney           *bool             `json:"newMoney"`
	ParentFlowID       json.RawMessage   `json:"parentFlowId"`
	ChildFlowIDs       []json.RawMessage `json:"childFlowIds"`
	SourceObjects      []objectWire      `json:"sourceObjects"`
	DestinationObjects []objectWire      `json:"destinationObjects"`
}

// decodeFlow reads one flow, reporting every problem it finds.
func decodeFlow(raw []byte) (Flow, []Problem) {
	var w flowWire
	if err := json.Unmarshal(raw, &w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return Flow{}, []Problem{{Flow: peekID(raw), Field: te.Field, Err: fmt.Errorf("%w: want %s, found JSON %s", ErrInvalid, te.Type.Kind(), te.Value)}}
		}
		return Flow{}, []Problem{{Flow: peekID(raw), Err: fmt.Errorf("%w: %v", ErrInvalid, err)}}
	}
	var probs []Problem
	bad := func(field string, format string, args ...any) {
		probs = append(probs, Problem{Field: field, Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))})
	}
	var f Flow
	id, ok := idOf(w.ID)
	if !ok {
		bad("id", "missing or malformed: %s", orNothing(w.ID))
	}
	f.ID = id
	if len(w.VersionID) > 0 && string(w.VersionID) != "null" {
		if v, err := strconv.Atoi(string(w.VersionID)); err != nil || v < 0 {
			bad("versionId", "want a whole number, found %s", w.VersionID)
		} else {
			f.VersionID = v
		}
	}
	switch {
	case w.Status == nil:
		bad("status", "missing")
	case *w.Status == "pledge" || *w.Status == "commitment" || *w.Status == "paid":
		f.Status = *w.Status
	default:
		probs = append(probs, Problem{Field: "status", Err: fmt.Errorf("%w %q: want pledge, commitment or paid", ErrStatus, *w.Status)})
	}
	if v, err := number(w.AmountUSD, true); err != nil {
		bad("amountUSD", "%v", err)
	} else {
		f.AmountUSD = v
	}
	if v, err := number(w.OriginalAmount, false); err != nil {
		bad("originalAmount", "%v", err)
	} else {
		f.OriginalAmount = v
	}
	if w.OriginalCurrency != nil && len(w.OriginalAmount) > 0 && string(w.OriginalAmount) != "null" {
		f.OriginalCurrency = *w.OriginalCurrency
	}
	if v, err := number(w.ExchangeRate, false); err != nil {
		bad("exchangeRate", "%v", err)
	} else {
		f.ExchangeRate = v
	}
	if w.Date == nil {
		if w.DecisionDate == nil {
			bad("date", "missing, and no decisionDate either")
		}
	} else if d, err := parseDate(*w.Date); err != nil {
		bad("date", "%v", err)
	} else {
		f.Date = d
	}
	if w.DecisionDate != nil {
		if d, err := parseDate(*w.DecisionDate); err != nil {
			bad("decisionDate", "%v", err)
		} else {
			f.DecisionDate = d
		}
	}
	if len(w.BudgetYear) > 0 && string(w.BudgetYear) != "null" {
		y, err := strconv.Atoi(strings.Trim(string(w.BudgetYear), `"`))
		if err != nil || y < 1 || y > 9999 {
			bad("budgetYear", "want a year, found %s", w.BudgetYear)
		}
		f.BudgetYear = y
	}
	f.Description = deref(w.Description)
	f.FlowType = deref(w.FlowType)
	f.ContributionType = deref(w.ContributionType)
	f.Method = deref(w.Method)
	f.Boundary = deref(w.Boundary)
	f.Keywords = w.Keywords
	f.RefCode = deref(w.RefCode)
	f.NewMoney = w.NewMoney == nil || *w.NewMoney
	if len(w.ParentFlowID) > 0 && string(w.ParentFlowID) != "null" {
		if pid, ok := idOf(w.ParentFlowID); ok {
			f.ParentID = pid
		} else {
			bad("parentFlowId", "malformed: %s", w.ParentFlowID)
		}
	}
	for i, c := range w.ChildFlowIDs {
		if cid, ok := idOf(c); ok {
			f.ChildIDs = append(f.ChildIDs, cid)
		} else {
			bad(fmt.Sprintf("childFlowIds[%d]", i), "malformed: %s", c)
		}
	}
	f.Source = side(w.SourceObjects)
	f.Destination = side(w.DestinationObjects)
	for i := range probs {
		probs[i].Flow = f.ID
	}
	return f, probs
}

func side(objs []objectWire) Side {
	var s Side
	for _, o := range objs {
		switch o.Type {
		case "Organization":
			s.Organizations = append(s.Organizations, o.Name)
		case "Location":
			s.Locations = append(s.Locations, o.Name)
		case "UsageYear":
			if y, err := strconv.Atoi(o.Name); err == nil {
				s.UsageYears = append(s.UsageYears, y)
			}
		case "Plan":
			s.Plans = append(s.Plans, o.Name)
		case "Emergency":
			s.Emergencies = append(s.Emergencies, o.Name)
		case "GlobalCluster":
			s.GlobalClusters = append(s.GlobalClusters, o.Name)
		case "Cluster":
			s.Clusters = append(s.Clusters, o.Name)
		case "Project":
			s.Projects = append(s.Projects, o.Name)
		}
	}
	return s
}

// idOf reads an ID written as a JSON string or number.
func idOf(raw json.RawMessage) (string, bool) {
	s := string(raw)
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
	}
	if s == "" || s == "null" || len(s) > 40 || strings.ContainsAny(s, " \t\r\n\"{}[],") {
		return "", false
	}
	return s, true
}

// number reads a JSON number exactly, from its text. A missing or null
// number is zero, or an error when required.
func number(raw json.RawMessage, required bool) (decimal.Decimal, error) {
	s := string(raw)
	if s == "" || s == "null" {
		if required {
			return decimal.Zero, errors.New("missing")
		}
		return decimal.Zero, nil
	}
	if len(s) > maxNumberLen || strings.HasPrefix(s, `"`) {
		return decimal.Zero, fmt.Errorf("want a JSON number, found %s", orNothing(raw))
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() > 30 || d.Exponent() < -30 {
		return decimal.Zero, fmt.Errorf("want a JSON number, found %s", s)
	}
	if d.Sign() < 0 {
		return decimal.Zero, fmt.Errorf("negative: %s", s)
	}
	return d, nil
}

// parseDate reads FTS's timestamps ("2020-03-31T00:00:00Z") or plain
// dates as civil dates.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil && t.Year() >= 1 && t.Year() <= 9999 {
		return civil.Date(t), nil
	}
	if t, err := civil.Parse(s); err == nil && s != "" && t.Year() >= 1 {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("want a date such as 2020-03-31T00:00:00Z, found %q", s)
}

func peekID(raw []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(raw, &v) == nil {
		id, _ := idOf(v.ID)
		return id
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orNothing(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	if len(raw) > 40 {
		return string(raw[:40]) + "…"
	}
	return string(raw)
}
