package fts

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

const (
	// maxRowBytes bounds one row of a CSV file: HDX's rows are under 2
	// KB, and a row is held whole while it is read.
	maxRowBytes = 1 << 20
	// chunkFlows is how many flows the CSV reader keeps in one slice: a
	// million flows in one slice that doubles as it grows would be held
	// up to three times over while it is copied.
	chunkFlows = 1024
	// maxUsageYears bounds the years from a usage start to its end, which
	// become one number each.
	maxUsageYears = 100
)

// The columns of HDX's CSV of FTS flows that ReadCSV reads, in the order
// HDX writes them.
const (
	cDate = iota
	cBudgetYear
	cDescription
	cAmountUSD
	cSrcOrganization
	cSrcLocations
	cSrcUsageYearStart
	cSrcUsageYearEnd
	cDestPlan
	cDestOrganization
	cDestGlobalClusters
	cDestLocations
	cDestProject
	cDestEmergency
	cDestUsageYearStart
	cDestUsageYearEnd
	cContributionType
	cFlowType
	cMethod
	cBoundary
	cStatus
	cDecisionDate
	cKeywords
	cOriginalAmount
	cOriginalCurrency
	cExchangeRate
	cID
	cRefCode
	numColumns
)

var csvColumns = newKeySet("date", "budgetYear", "description", "amountUSD",
	"srcOrganization", "srcLocations", "srcUsageYearStart", "srcUsageYearEnd",
	"destPlan", "destOrganization", "destGlobalClusters", "destLocations", "destProject", "destEmergency",
	"destUsageYearStart", "destUsageYearEnd", "contributionType", "flowType", "method", "boundary",
	"status", "decisionDate", "keywords", "originalAmount", "originalCurrency", "exchangeRate", "id", "refCode")

// ReadCSV reads a CSV file of FTS flows as HDX publishes them (the
// fts_incoming_funding_*.csv, fts_internal_funding_*.csv and
// fts_outgoing_funding_*.csv resources of each country's "FTS
// requirements and funding data" dataset) and adds its flows, with the
// same meaning as the JSON of the API: the package overview says what
// each column becomes and what the CSV does not carry.
//
// Row 1 names the columns; a row 2 of HXL hashtags (#date,
// #value+funding+total+usd, ...: every cell that is not empty starts with
// '#') is skipped, as are rows whose every cell is empty and a leading
// byte-order mark. The columns id, status and amountUSD, and date or
// decisionDate, must be there; the others HDX writes are read when they
// are, and columns the reader does not use are skipped, whatever their
// names. A column it uses must appear once and be named exactly:
// "AmountUSD" is refused, not guessed at.
//
// The file is read as a stream: the memory it takes is that of the flows
// it keeps and of one row (at most 1 MiB), not of the file. It is all or
// nothing: on any error no flow of the file is added. Errors name the
// row, the line, the flow and the column; a *[ValidationError] lists the
// first 100 problems and counts the rest. Text that is not UTF-8 is
// refused ([ErrInvalidText]), and so, in a column the reader uses, is a
// control character but tab, line feed and carriage return or a Unicode
// noncharacter, as are a flow ID given on two rows and CSV that
// encoding/csv cannot read ([ErrSyntax]: a stray quote).
func (fs *Flows) ReadCSV(r io.Reader) error {
	chunks, err := readCSV(r)
	if err != nil {
		return err
	}
	fs.add(false, chunks...)
	return nil
}

// errRowTooLong stops encoding/csv in a row longer than maxRowBytes.
var errRowTooLong = errors.New("row too long")

// rowLimit is the reader under a CSV reader: it refuses to read on once
// the row being read is longer than maxRowBytes, so that one row cannot
// take memory out of proportion to the flows.
type rowLimit struct {
	r        io.Reader
	read     int64 // bytes read from r
	rowStart int64 // where the row being read starts
}

func (l *rowLimit) Read(p []byte) (int, error) {
	if l.read-l.rowStart > maxRowBytes {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// csvReader reads one CSV file of flows.
type csvReader struct {
	cr    *csv.Reader
	limit *rowLimit
	bom   int64 // the bytes of a byte-order mark skipped

	row   int // the row read last, from 1
	index int // the flow read last, from 0; -1 in the header
	// cols holds the position of each column read (cDate ...), -1 for
	// one the file does not have; colNames holds the name of each column of
	// the file, for errors.
	cols     [numColumns]int
	colNames []string

	bad     []Problem
	omitted int
	seen    map[string]int // the row of each flow ID, while all is well
	interner
	// ones, lists and years keep one copy of each list of names or
	// years: the flows share them, and the Flows never hand them out
	// (Flows.Flow and All return copies).
	ones, lists map[string][]string
	years       map[[2]int][]int
}

// readCSV reads a CSV file into chunks of flows.
func readCSV(r io.Reader) ([][]Flow, error) {
	limit := &rowLimit{r: input.Checked(r)}
	br := bufio.NewReaderSize(limit, input.BufferSize(r, 64<<10))
	c := &csvReader{cr: csv.NewReader(br), limit: limit, index: -1, seen: map[string]int{},
		ones: map[string][]string{}, lists: map[string][]string{}, years: map[[2]int][]int{}}
	c.bom = int64(input.SkipBOM(br))
	c.cr.FieldsPerRecord = -1 // counted here, to name the row
	c.cr.ReuseRecord = true
	return c.read()
}

func (c *csvReader) read() ([][]Flow, error) {
	header, err := c.next()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: no header row: is this a CSV of FTS flows from HDX?", ErrSyntax)
	} else if err != nil {
		return nil, err
	}
	c.header(header)
	if len(c.bad) > 0 {
		return nil, &ValidationError{Problems: c.bad, Omitted: c.omitted}
	}
	var chunks [][]Flow
	for {
		rec, err := c.next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if c.row == 2 && isHXL(rec) {
			c.checkText(rec, false) // read or not, text must be good
			continue
		}
		if isEmpty(rec) {
			continue
		}
		c.index++
		f, ok := c.flow(rec)
		switch {
		case !ok || len(c.bad) > 0:
			chunks = nil // they will not be returned
		case len(chunks) == 0:
			chunks = [][]Flow{{f}} // grows as a small file needs
		case len(chunks[len(chunks)-1]) >= chunkFlows:
			chunks = append(chunks, append(make([]Flow, 0, chunkFlows), f))
		default:
			chunks[len(chunks)-1] = append(chunks[len(chunks)-1], f)
		}
	}
	if len(c.bad) > 0 {
		return nil, &ValidationError{Problems: c.bad, Omitted: c.omitted}
	}
	return chunks, nil
}

// next reads the next row.
func (c *csvReader) next() ([]string, error) {
	rec, err := c.cr.Read()
	c.row++
	if err == nil {
		end := c.bom + c.cr.InputOffset()
		if end-c.limit.rowStart > maxRowBytes {
			err = errRowTooLong
		}
		c.limit.rowStart = end
	}
	var pe *csv.ParseError
	switch {
	case err == nil || err == io.EOF:
		return rec, err
	case errors.Is(err, errRowTooLong):
		return nil, fmt.Errorf("%w: row %d is longer than %d bytes: is this a CSV of FTS flows from HDX?", ErrSyntax, c.row, maxRowBytes)
	case errors.As(err, &pe):
		return nil, fmt.Errorf("%w: row %d (line %d, column %d): %v", ErrSyntax, c.row, pe.Line, pe.Column, pe.Err)
	}
	return nil, fmt.Errorf("fts: reading: %w", err)
}

// header reads the names of the columns.
func (c *csvReader) header(rec []string) {
	for k := range c.cols {
		c.cols[k] = -1
	}
	c.colNames = make([]string, len(rec))
	for i, name := range rec {
		c.colNames[i] = fieldName([]byte(name))
	}
	c.checkText(rec, false)
	var seen uint64
	for i, name := range rec {
		if !utf8.ValidString(name) {
			continue
		}
		switch k, variant := csvColumns.find([]byte(name)); {
		case variant != "":
			c.malformed(i, c.colNames[i], "column names are exact: want %q", variant)
		case k >= 0 && seen&(1<<k) != 0:
			c.malformed(i, c.colNames[i], "column given twice, first as column %d", c.cols[k]+1)
		case k >= 0:
			seen |= 1 << k
			c.cols[k] = i
		}
	}
	for _, k := range []int{cID, cStatus, cAmountUSD} {
		if c.cols[k] < 0 {
			c.malformed(-1, csvColumns.names[k], "no such column: is this a CSV of FTS flows from HDX?")
		}
	}
	if c.cols[cDate] < 0 && c.cols[cDecisionDate] < 0 {
		c.malformed(-1, "date", "no such column, and no decisionDate either")
	}
	// Columns that mean something only together.
	for _, pair := range [][2]int{{cOriginalAmount, cOriginalCurrency},
		{cSrcUsageYearStart, cSrcUsageYearEnd}, {cDestUsageYearStart, cDestUsageYearEnd}} {
		a, b := pair[0], pair[1]
		if c.cols[a] < 0 {
			a, b = b, a
		}
		if c.cols[a] >= 0 && c.cols[b] < 0 {
			c.malformed(c.cols[a], csvColumns.names[b], "no such column, for %s", csvColumns.names[a])
		}
	}
}

// isHXL reports whether a row holds HXL hashtags: every cell that is not
// empty starts with '#', and one is not empty.
func isHXL(rec []string) bool {
	tags := false
	for _, s := range rec {
		switch s = strings.TrimLeft(s, " "); {
		case s == "":
		case s[0] != '#':
			return false
		default:
			tags = true
		}
	}
	return tags
}

func isEmpty(rec []string) bool {
	for _, s := range rec {
		if s != "" {
			return false
		}
	}
	return true
}

// problem records err in the cell of the row read last at position col,
// or in its first cell when col is -1.
func (c *csvReader) problem(col int, field string, err error) {
	if c.full() {
		return
	}
	line, _ := c.cr.FieldPos(max(col, 0))
	c.bad = append(c.bad, Problem{Index: c.index, Row: c.row, Line: line, Field: field, Err: err})
}

// full reports whether the list of problems is full; then it counts one
// more problem, which the caller leaves out.
func (c *csvReader) full() bool {
	if len(c.bad) < problem.Max {
		return false
	}
	c.omitted++
	return true
}

// malformed records a problem with the header.
func (c *csvReader) malformed(col int, field, format string, args ...any) {
	if !c.full() {
		c.problem(col, field, fmt.Errorf("%w: %s", ErrSyntax, fmt.Sprintf(format, args...)))
	}
}

// invalid records a problem with column k of a flow; it formats nothing
// once the list is full.
func (c *csvReader) invalid(k int, format string, args ...any) {
	if !c.full() {
		c.problem(c.cols[k], csvColumns.names[k], fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
	}
}

// checkText records a problem for each cell of rec, used or not, that is
// not UTF-8, and returns the columns read (1<<cDate ...) whose cells are
// not; flow says the row is a flow's.
func (c *csvReader) checkText(rec []string, flow bool) (bad uint64) {
	for i, s := range rec {
		if utf8.ValidString(s) {
			continue
		}
		for k, j := range c.cols {
			if j == i {
				bad |= 1 << k
			}
		}
		if c.full() {
			continue
		}
		off := input.BadUTF8([]byte(s))
		var err error = flowTextError(notUTF8(s[off]))
		if !flow {
			err = fmt.Errorf("%w: %s", ErrInvalidText, notUTF8(s[off]))
		}
		field := fmt.Sprintf("column %d", i+1)
		if i < len(c.colNames) {
			field = c.colNames[i]
		}
		line, _ := c.cr.FieldPos(i)
		c.bad = append(c.bad, Problem{Index: c.index, Row: c.row, Line: line + strings.Count(s[:off], "\n"), Field: field, Err: err})
	}
	return bad
}

// cellText describes a cell for an error message.
func cellText(s string) string {
	if s == "" {
		return "an empty cell"
	}
	return problem.Quote(s)
}

// flow reads one row into a flow. It reports whether the flow is good:
// its problems are recorded, named by its ID once that is known.
func (c *csvReader) flow(rec []string) (Flow, bool) {
	f := Flow{NewMoney: true, NewMoneyUnknown: true}
	first := len(c.bad)
	omitted := c.omitted
	if len(rec) != len(c.colNames) {
		c.problem(-1, "", fmt.Errorf("%w: %d cells, where the header has %d", ErrInvalid, len(rec), len(c.colNames)))
		return f, false
	}
	var cells [numColumns]string
	var have uint64 // the columns read: in the file, with good text
	for k, i := range c.cols {
		if i >= 0 {
			cells[k] = rec[i]
			have |= 1 << k
		}
	}
	badText := c.checkText(rec, true)
	have &^= badText
	for k, i := range c.cols {
		if have&(1<<k) == 0 {
			continue
		}
		if at, why := charFault(cells[k]); at >= 0 {
			have &^= 1 << k
			if !c.full() {
				line, _ := c.cr.FieldPos(i)
				c.bad = append(c.bad, Problem{Index: c.index, Row: c.row, Line: line + strings.Count(cells[k][:at], "\n"),
					Field: csvColumns.names[k], Err: flowTextError(why)})
			}
		}
	}
	given := func(k int) bool { return have&(1<<k) != 0 && cells[k] != "" }

	for k := range numColumns {
		s := cells[k]
		if !given(k) {
			continue
		}
		switch k {
		case cID:
			if isID(s) {
				f.ID = strings.Clone(s)
			} else {
				c.invalid(k, "want %s, found %s", anID, problem.Quote(s))
			}
		case cStatus:
			if st, err := status(s); err != nil {
				c.problem(c.cols[k], "status", err)
			} else {
				f.Status = st
			}
		case cAmountUSD:
			f.AmountUSD, _ = c.amount(k, s)
		case cOriginalAmount:
			f.OriginalAmount, _ = c.amount(k, s)
		case cExchangeRate:
			if rate, ok := c.amount(k, s); ok && rate.IsZero() {
				c.invalid(k, "%s: leave the cell empty when there is none", noRate)
			} else {
				f.ExchangeRate = rate
			}
		case cDate, cDecisionDate:
			d, ok := date(s)
			if !ok {
				c.invalid(k, "want %s, found %s", aDate, problem.Quote(s))
			} else if k == cDate {
				f.Date = d
			} else {
				f.DecisionDate = d
			}
		case cBudgetYear:
			if y, ok := year(s); ok {
				f.BudgetYear = y
			} else {
				c.invalid(k, "want %s, found %s", aYear, problem.Quote(s))
			}
		case cDescription:
			f.Description = strings.Clone(s)
		case cRefCode:
			f.RefCode = strings.Clone(s)
		case cContributionType:
			f.ContributionType = c.intern(s)
		case cFlowType:
			f.FlowType = c.intern(s)
		case cMethod:
			f.Method = c.intern(s)
		case cBoundary:
			f.Boundary = c.intern(s)
		case cKeywords:
			f.Keywords = c.list(s)
		case cSrcOrganization:
			f.Source.Organizations = c.one(s)
		case cSrcLocations:
			f.Source.Locations = c.list(s)
		case cDestOrganization:
			f.Destination.Organizations = c.one(s)
		case cDestLocations:
			f.Destination.Locations = c.list(s)
		case cDestGlobalClusters:
			f.Destination.GlobalClusters = c.list(s)
		case cDestPlan:
			f.Destination.Plans = c.one(s)
		case cDestProject:
			f.Destination.Projects = c.one(s)
		case cDestEmergency:
			f.Destination.Emergencies = c.one(s)
		}
	}

	for _, k := range []int{cID, cStatus, cAmountUSD} {
		if have&(1<<k) != 0 && cells[k] == "" {
			c.invalid(k, "missing")
		}
	}
	if !given(cDate) && !given(cDecisionDate) && badText&(1<<cDate|1<<cDecisionDate) == 0 {
		switch {
		case have&(1<<cDate) != 0:
			c.invalid(cDate, "missing, and no decisionDate either")
		case have&(1<<cDecisionDate) != 0:
			c.invalid(cDecisionDate, "missing, and no date either")
		}
	}
	if given(cOriginalAmount) {
		switch s := cells[cOriginalCurrency]; {
		case isCurrency(s):
			f.OriginalCurrency = c.intern(s)
		case have&(1<<cOriginalCurrency) != 0:
			c.invalid(cOriginalCurrency, "want %s, found %s", aCurrency, cellText(s))
		}
	}
	f.Source.UsageYears = c.usageYears(cells, have, cSrcUsageYearStart, cSrcUsageYearEnd)
	f.Destination.UsageYears = c.usageYears(cells, have, cDestUsageYearStart, cDestUsageYearEnd)

	if f.ID != "" {
		if row, ok := c.seen[f.ID]; ok {
			c.invalid(cID, "the flow is on row %d too: which is it?", row)
		} else if len(c.bad) == 0 && c.omitted == 0 {
			c.seen[f.ID] = c.row // while all is well: the IDs are the flows'
		}
	}
	for i := first; i < len(c.bad); i++ {
		c.bad[i].Flow = f.ID
	}
	return f, len(c.bad) == first && c.omitted == omitted
}

// amount reads an amount or a rate of column k, or records a problem.
func (c *csvReader) amount(k int, s string) (decimal.Decimal, bool) {
	if !isNumber(s) {
		c.invalid(k, "want a number such as 1250000 or 0.883, found %s", problem.Quote(s))
		return decimal.Zero, false
	}
	d, why := amount(s)
	if why != "" {
		c.invalid(k, "%s", why)
		return decimal.Zero, false
	}
	return d, true
}

// usageYears reads the usage years of one side, each year from the start
// to the end.
func (c *csvReader) usageYears(cells [numColumns]string, have uint64, start, end int) []int {
	if both := uint64(1)<<start | 1<<end; have&both != both {
		return nil // no such columns, or bad text
	}
	from, to := cells[start], cells[end]
	switch {
	case from == "" && to == "":
		return nil
	case from == "":
		c.invalid(start, "missing, where %s is %s: give both or neither", csvColumns.names[end], problem.Quote(to))
		return nil
	case to == "":
		c.invalid(end, "missing, where %s is %s: give both or neither", csvColumns.names[start], problem.Quote(from))
		return nil
	}
	y0, ok0 := year(from)
	if !ok0 {
		c.invalid(start, "want %s, found %s", aYear, problem.Quote(from))
	}
	y1, ok1 := year(to)
	if !ok1 {
		c.invalid(end, "want %s, found %s", aYear, problem.Quote(to))
	}
	switch {
	case !ok0 || !ok1:
		return nil
	case y1 < y0:
		c.invalid(end, "%d is before %s %d", y1, csvColumns.names[start], y0)
		return nil
	case y1-y0 >= maxUsageYears:
		c.invalid(end, "%d to %d is more than %d years", y0, y1, maxUsageYears)
		return nil
	}
	if years, ok := c.years[[2]int{y0, y1}]; ok {
		return years
	}
	years := make([]int, 0, y1-y0+1)
	for y := y0; y <= y1; y++ {
		years = append(years, y)
	}
	c.years[[2]int{y0, y1}] = years
	return years
}

// one returns a list of the one name s.
func (c *csvReader) one(s string) []string {
	if list, ok := c.ones[s]; ok {
		return list
	}
	list := []string{c.intern(s)}
	c.ones[list[0]] = list
	return list
}

// list splits a cell of several names, which HDX joins with "," and no
// space: "Health,Nutrition". A comma followed by a space is part of a
// name, as in "Protection - Housing, Land and Property"; empty names are
// left out.
func (c *csvReader) list(cell string) []string {
	if list, ok := c.lists[cell]; ok {
		return list
	}
	var out []string
	for s := cell; s != ""; {
		i := 0
		for {
			j := strings.IndexByte(s[i:], ',')
			if j < 0 {
				i = len(s)
				break
			}
			i += j
			if i+1 < len(s) && s[i+1] == ' ' {
				i++
				continue
			}
			break
		}
		if i > 0 {
			out = append(out, c.intern(s[:i]))
		}
		if i == len(s) {
			break
		}
		s = s[i+1:]
	}
	c.lists[strings.Clone(cell)] = out
	return out
}
