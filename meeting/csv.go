package meeting

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// The files of a data set, as [ReadCSV] reads them and [Ledger.WriteCSV]
// writes them.
const (
	LeadersFile  = "leaders.csv"
	MeetingsFile = "meetings.csv"
	TalliesFile  = "tallies.csv"
)

// The columns of each file, in the order WriteCSV writes them; source
// columns follow. The first columns of each are required.
var (
	leaderColumns  = []string{"id", "name", "country", "office", "terms", "aliases"}
	meetingColumns = []string{"id", "date", "participants", "kind", "status", "place", "occasion", "note"}
	tallyColumns   = []string{"id", "leader", "with", "count", "as_of", "rule", "match", "kinds", "multilateral", "note", "inferred"}
	sourceParts    = []string{"publisher", "title", "date", "url", "quote"}
)

// maxSources is how many sources a row of a data set can hold: columns
// source_..., source2_... up to source9_....
const maxSources = 9

// sourcePrefix returns the prefix of the columns of source group g (1..9):
// "source_", "source2_", ...
func sourcePrefix(g int) string {
	if g == 1 {
		return "source_"
	}
	return "source" + strconv.Itoa(g) + "_"
}

// ReadCSV reads a data set of leaders, meetings and tallies, three CSV
// files at the root of fsys (os.DirFS(dir), an embed.FS): leaders.csv,
// meetings.csv and, when present, tallies.csv. It returns a new ledger
// holding all of them, or, when anything is wrong, no ledger and a
// *ValidationError whose problems name the file, the line, the record and
// the column (at most 100 of them, and a count of the rest).
//
// Each file starts with a header naming its columns, in any order; names
// are spelled exactly as below, each at most once, and every row has as
// many fields as the header. A UTF-8 byte-order mark at the start, as
// spreadsheets write, is skipped. Empty lines are skipped.
//
//	leaders.csv   id, name, country (required); office, terms, aliases
//	meetings.csv  id, date, participants (required); kind, status, place, occasion, note
//	tallies.csv   id, leader, with, count, as_of (required); rule, match, kinds,
//	              multilateral, note, inferred
//
// Every file may also have source columns, source_publisher,
// source_title, source_date, source_url and source_quote, and the same for
// a second to ninth source (source2_publisher, ...): a row's sources are
// the groups with any cell filled.
//
// Dates are YYYY-MM-DD. Lists are separated by semicolons: participants
// and kinds ("talks; pull-aside"), aliases, and terms, each written
// "2022-05-10..2025-04-04" (a term still running ends in ".."). An empty
// kind is talks and an empty status held. A tally's count is text as
// [ParseRange] reads it ("20", "2..8", "11..", "..19"), its match
// "unknown" (or empty) or "same", with kinds and multilateral ("true",
// "false" or empty) the rule it then counts by; inferred is "true" for a
// count the source does not give but that follows from it ([Tally]).
// Records are checked as
// [Ledger.AddLeader], [Ledger.AddMeeting] and [Ledger.AddTally] check
// them.
func ReadCSV(fsys fs.FS) (*Ledger, error) {
	var ps csvProblems
	var leaders []Leader
	lf, err := readFile(fsys, LeadersFile, "leader", leaderColumns, 3, false, &ps, func(row *csvRow) {
		leaders = append(leaders, row.leader())
	})
	if err != nil {
		return nil, err
	}
	var meetings []Meeting
	mf, err := readFile(fsys, MeetingsFile, "meeting", meetingColumns, 3, false, &ps, func(row *csvRow) {
		meetings = append(meetings, row.meeting())
	})
	if err != nil {
		return nil, err
	}
	var tallies []Tally
	tf, err := readFile(fsys, TalliesFile, "tally", tallyColumns, 5, true, &ps, func(row *csvRow) {
		tallies = append(tallies, row.tally())
	})
	if err != nil {
		return nil, err
	}
	if err := ps.err(); err != nil {
		return nil, err
	}

	var s store
	checkedLeaders, lps := s.checkLeaders(leaders)
	if ps.located(lps.err(), lf); ps.err() != nil {
		return nil, ps.err()
	}
	s.addLeaders(checkedLeaders)
	checkedMeetings, mps := s.checkMeetings(meetings)
	ps.located(mps.err(), mf)
	checkedTallies, tps := s.checkTallies(tallies)
	ps.located(tps.err(), tf)
	if err := ps.err(); err != nil {
		return nil, err
	}
	s.addMeetings(checkedMeetings)
	s.addTallies(checkedTallies)
	l := new(Ledger)
	l.store = s
	return l, nil
}

// csvProblems collects the problems of a data set: the first problem.Max,
// and a count of the rest.
type csvProblems struct {
	list    []Problem
	omitted int
}

func (c *csvProblems) add(p Problem) { c.list = problem.Keep(c.list, &c.omitted, p) }

// err returns a *ValidationError when there is any problem, else nil.
func (c *csvProblems) err() error {
	if len(c.list) == 0 && c.omitted == 0 {
		return nil
	}
	return &ValidationError{Problems: c.list, Omitted: c.omitted}
}

// located adds the problems of a check of the records read from file f,
// with their file, line and column.
func (c *csvProblems) located(err error, f *csvFile) {
	var v *ValidationError
	if !errors.As(err, &v) {
		return
	}
	for _, p := range v.Problems {
		p.File = f.name
		if p.Index >= 0 && p.Index < len(f.lines) {
			p.Line = f.lines[p.Index]
			p.Field = f.column(p.Index, p.Field)
		}
		c.add(p)
	}
	c.omitted += v.Omitted
}

// csvFile is one file of a data set as read: its header and where each
// row is.
type csvFile struct {
	name    string
	record  string         // "leader", "meeting", "tally"
	col     map[string]int // column name → field index
	sources []int          // the source groups in the header, ascending
	lines   []int          // the line where each row starts
	groups  [][]int        // each row's sources: the group each came from
}

// readFile reads one file of a data set, calling each for every row; the
// first `required` of columns must be in the header. A missing file is a
// problem, or nothing when optional; a file that cannot be read is an
// error.
func readFile(fsys fs.FS, name, record string, columns []string, required int, optional bool,
	ps *csvProblems, each func(row *csvRow)) (*csvFile, error) {
	f := &csvFile{name: name, record: record}
	file, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		if !optional {
			ps.add(Problem{File: name, Err: fmt.Errorf("%w: the data set has no %s", ErrMissing, name)})
		}
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("meeting: reading %s: %w", name, err)
	}
	defer file.Close()
	br := bufio.NewReader(input.Checked(file))
	input.SkipBOM(br)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	fail := func(err error) {
		var pe *csv.ParseError
		line := 0
		if errors.As(err, &pe) {
			line, err = pe.Line, pe.Err
		}
		ps.add(Problem{File: name, Line: line, Err: malformedCSV("%s", err)})
	}
	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		ps.add(Problem{File: name, Err: fmt.Errorf("%w: no header", ErrMissing)})
		return f, nil
	case err != nil:
		if errors.Is(err, io.ErrUnexpectedEOF) || isParseError(err) {
			fail(err)
			return f, nil
		}
		return nil, fmt.Errorf("meeting: reading %s: %w", name, err)
	}
	width := len(header)
	if !f.header(header, columns, required, ps) {
		return f, nil
	}
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if isParseError(err) {
				fail(err)
				break // the reader cannot go on reliably
			}
			return nil, fmt.Errorf("meeting: reading %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		f.lines = append(f.lines, line)
		row := &csvRow{f: f, rec: rec, i: i, line: line, ps: ps}
		if len(rec) != width {
			row.rec = make([]string, width)
			copy(row.rec, rec)
		}
		row.id = row.get("id")
		if len(rec) != width {
			row.report("", malformedCSV("%d fields, the header has %d", len(rec), width))
		}
		each(row)
	}
	return f, nil
}

// malformedCSV returns an error of a file that is not a data set's CSV,
// matching ErrSyntax.
func malformedCSV(format string, args ...any) error {
	return &wrapped{"malformed CSV: " + fmt.Sprintf(format, args...), []error{ErrSyntax}}
}

// isParseError reports whether err is the CSV reader's own.
func isParseError(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe)
}

// header reads a file's header, reporting unknown, misspelled, repeated
// and missing columns.
func (f *csvFile) header(header, columns []string, required int, ps *csvProblems) bool {
	f.col = map[string]int{}
	known := map[string]bool{}
	for _, c := range columns {
		known[c] = true
	}
	seen := map[int]bool{}
	for g := 1; g <= maxSources; g++ {
		for _, part := range sourceParts {
			known[sourcePrefix(g)+part] = true
		}
	}
	ok := true
	bad := func(format string, args ...any) {
		ps.add(Problem{File: f.name, Line: 1, Err: malformedCSV(format, args...)})
		ok = false
	}
	for i, h := range header {
		switch {
		case known[h]:
			if _, dup := f.col[h]; dup {
				bad("column %s repeated", problem.Quote(h))
				continue
			}
			f.col[h] = i
			if g := sourceGroup(h); g > 0 && !seen[g] {
				seen[g] = true
			}
		case known[strings.ToLower(strings.TrimSpace(h))]:
			bad("column %s must be spelled %q", problem.Quote(h), strings.ToLower(strings.TrimSpace(h)))
		default:
			bad("unknown column %s", problem.Quote(h))
		}
	}
	for _, c := range columns[:required] {
		if _, ok := f.col[c]; !ok {
			bad("no column %q", c)
		}
	}
	for g := 1; g <= maxSources; g++ {
		if seen[g] {
			f.sources = append(f.sources, g)
		}
	}
	return ok
}

// sourceGroup returns the group of a source column (1 for source_..., 2
// for source2_...), or 0.
func sourceGroup(col string) int {
	rest, ok := strings.CutPrefix(col, "source")
	if !ok {
		return 0
	}
	if strings.HasPrefix(rest, "_") {
		return 1
	}
	if len(rest) > 1 && rest[0] >= '2' && rest[0] <= '9' && rest[1] == '_' {
		return int(rest[0] - '0')
	}
	return 0
}

// column turns a problem's field, named by its JSON path, into the column
// of row i: "terms[1].end" is "terms[1]", "sources[0].date" the date
// column of the row's first source ("source2_date" when its first filled
// group is the second); every other field is its column already.
func (f *csvFile) column(i int, field string) string {
	if rest, ok := strings.CutPrefix(field, "sources["); ok {
		j, part, ok := strings.Cut(rest, "].")
		n, err := strconv.Atoi(j)
		if ok && err == nil && i < len(f.groups) && n >= 0 && n < len(f.groups[i]) {
			return sourcePrefix(f.groups[i][n]) + part
		}
		return field
	}
	if rest, ok := strings.CutPrefix(field, "terms["); ok {
		if j, _, ok := strings.Cut(rest, "]"); ok {
			return "terms[" + j + "]"
		}
	}
	return field
}

// csvRow is one row of a data set being read.
type csvRow struct {
	f    *csvFile
	rec  []string
	i    int
	line int
	id   string
	ps   *csvProblems
}

// get returns the cell of a column, "" when the file has no such column.
func (r *csvRow) get(col string) string {
	if i, ok := r.f.col[col]; ok {
		return r.rec[i]
	}
	return ""
}

// report records a problem with the row's cell in a column.
func (r *csvRow) report(col string, err error) {
	r.ps.add(Problem{File: r.f.name, Line: r.line, Record: r.f.record, Index: r.i, ID: r.id, Field: col, Err: err})
}

// list splits a cell at semicolons, trimming spaces around each item; an
// empty cell is no items, an empty item a problem.
func (r *csvRow) list(col string) []string {
	cell := r.get(col)
	if strings.TrimSpace(cell) == "" {
		return nil
	}
	items := strings.Split(cell, ";")
	for j := range items {
		items[j] = strings.TrimSpace(items[j])
		if items[j] == "" {
			r.report(col+"["+strconv.Itoa(j)+"]", fmt.Errorf("%w: an empty item in %s", ErrMissing, problem.Quote(cell)))
		}
	}
	return items
}

// date reads a YYYY-MM-DD cell; an empty one is the zero time.
func (r *csvRow) date(col string) time.Time {
	return parseDate(r.get(col), col, r.report)
}

// sources reads the row's source groups: those with any cell filled.
func (r *csvRow) sources() []Source {
	var out []Source
	var groups []int
	for _, g := range r.f.sources {
		p := sourcePrefix(g)
		s := Source{Publisher: r.get(p + "publisher"), Title: r.get(p + "title"),
			URL: r.get(p + "url"), Quote: r.get(p + "quote")}
		date := r.get(p + "date")
		if s == (Source{}) && date == "" {
			continue
		}
		s.Date = r.date(p + "date")
		out = append(out, s)
		groups = append(groups, g)
	}
	for len(r.f.groups) < r.i {
		r.f.groups = append(r.f.groups, nil)
	}
	r.f.groups = append(r.f.groups, groups)
	return out
}

// leader reads a leaders.csv row.
func (r *csvRow) leader() Leader {
	l := Leader{ID: r.id, Name: r.get("name"), Country: r.get("country"), Office: r.get("office"),
		Aliases: r.list("aliases"), Sources: r.sources()}
	for j, span := range r.list("terms") {
		col := "terms[" + strconv.Itoa(j) + "]"
		start, end, ok := strings.Cut(span, "..")
		if !ok {
			r.report(col, fmt.Errorf("%w: term %s, want YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DD..", ErrInvalidDate, problem.Quote(span)))
			continue
		}
		l.Terms = append(l.Terms, Term{
			Start: parseDate(strings.TrimSpace(start), col, r.report),
			End:   parseDate(strings.TrimSpace(end), col, r.report),
		})
	}
	return l
}

// meeting reads a meetings.csv row.
func (r *csvRow) meeting() Meeting {
	m := Meeting{ID: r.id, Date: r.date("date"), Participants: r.list("participants"),
		Place: r.get("place"), Occasion: r.get("occasion"), Note: r.get("note"), Sources: r.sources()}
	var err error
	if k := r.get("kind"); k != "" {
		if m.Kind, err = ParseKind(k); err != nil {
			r.report("kind", err)
		}
	}
	if s := r.get("status"); s != "" {
		if m.Status, err = ParseStatus(s); err != nil {
			r.report("status", err)
		}
	}
	return m
}

// tally reads a tallies.csv row.
func (r *csvRow) tally() Tally {
	t := Tally{ID: r.id, Leader: r.get("leader"), With: r.get("with"), AsOf: r.date("as_of"),
		Rule: r.get("rule"), Note: r.get("note"), Sources: r.sources()}
	var err error
	if t.Count, t.Most, err = ParseRange(r.get("count")); err != nil {
		r.report("count", err)
	}
	if t.Match, err = ParseRuleMatch(r.get("match")); err != nil {
		r.report("match", err)
	}
	for j, k := range r.list("kinds") {
		kind, err := ParseKind(k)
		if err != nil {
			r.report("kinds["+strconv.Itoa(j)+"]", err)
		}
		t.As.Kinds = append(t.As.Kinds, kind)
	}
	t.As.Multilateral = r.flag("multilateral", ErrInvalidRule)
	t.Inferred = r.flag("inferred", ErrInvalidCount)
	return t
}

// flag reads a column of "true", "false" or nothing (false), in any case,
// reporting anything else as an error matching sentinel.
func (r *csvRow) flag(column string, sentinel error) bool {
	switch m := strings.ToLower(r.get(column)); m {
	case "", "false":
		return false
	case "true":
		return true
	default:
		r.report(column, fmt.Errorf("%w: %s, want true, false or nothing", sentinel, problem.Quote(m)))
		return false
	}
}

// WriteCSV writes the ledger as a data set that [ReadCSV] reads back
// unchanged: leaders (by name) to leaders, meetings (by date, then ID) to
// meetings, tallies (by date, then ID) to tallies, each with a header and
// as many groups of source columns as its records need (at least one).
// Text that a list cell cannot hold, an item with a semicolon or spaces at
// either end, is an error, and so is text with a carriage return, which a
// CSV reader turns into a line feed; nothing is written then.
func (l *Ledger) WriteCSV(leaders, meetings, tallies io.Writer) error {
	l.mu.RLock()
	ns := l.leaderOrder()
	ls := make([]Leader, len(ns))
	for i, n := range ns {
		ls[i] = l.leaders[n]
	}
	ms := l.clones(l.all)
	ts := l.talliesSorted()
	l.mu.RUnlock()

	var lrows, mrows, trows [][]string
	var lsrc, msrc, tsrc [][]Source
	var bad []error
	check := func(what string, items ...string) {
		for _, s := range items {
			if strings.Contains(s, ";") || strings.TrimSpace(s) != s {
				bad = append(bad, fmt.Errorf("meeting: %s: %s has a semicolon or spaces at an end, which a list cell cannot hold", what, problem.Quote(s)))
			}
		}
	}
	for _, ld := range ls {
		var terms []string
		for _, t := range ld.Terms {
			terms = append(terms, t.String())
		}
		check("leader "+ld.ID+" aliases", ld.Aliases...)
		lrows = append(lrows, []string{ld.ID, ld.Name, ld.Country, ld.Office, strings.Join(terms, "; "), strings.Join(ld.Aliases, "; ")})
		lsrc = append(lsrc, ld.Sources)
	}
	for _, m := range ms {
		check("meeting "+m.ID+" participants", m.Participants...)
		mrows = append(mrows, []string{m.ID, civil.Format(m.Date), strings.Join(m.Participants, "; "), m.Kind.String(),
			m.Status.String(), m.Place, m.Occasion, m.Note})
		msrc = append(msrc, m.Sources)
	}
	for _, t := range ts {
		var kinds []string
		for _, k := range t.As.Kinds {
			kinds = append(kinds, k.String())
		}
		flag := func(b bool) string {
			if b {
				return "true"
			}
			return ""
		}
		trows = append(trows, []string{t.ID, t.Leader, t.With, t.Range(), civil.Format(t.AsOf), t.Rule,
			t.Match.String(), strings.Join(kinds, "; "), flag(t.As.Multilateral), t.Note, flag(t.Inferred)})
		tsrc = append(tsrc, t.Sources)
	}
	files := []struct {
		w       io.Writer
		columns []string
		rows    [][]string
		sources [][]Source
	}{{leaders, leaderColumns, lrows, lsrc}, {meetings, meetingColumns, mrows, msrc}, {tallies, tallyColumns, trows, tsrc}}
	for i := range files {
		f := &files[i]
		groups := 1
		for _, ss := range f.sources {
			groups = max(groups, len(ss))
		}
		if groups > maxSources {
			bad = append(bad, fmt.Errorf("meeting: a record has %d sources; a data set holds at most %d", groups, maxSources))
		}
		for g := 1; g <= groups; g++ {
			for _, part := range sourceParts {
				f.columns = append(f.columns[:len(f.columns):len(f.columns)], sourcePrefix(g)+part)
			}
		}
		for r := range f.rows {
			for g := range groups {
				cells := make([]string, len(sourceParts))
				if g < len(f.sources[r]) {
					s := f.sources[r][g]
					if s.Equal(Source{}) {
						bad = append(bad, errors.New("meeting: a source with nothing in it, which a data set cannot hold"))
					}
					cells = []string{s.Publisher, s.Title, civil.Format(s.Date), s.URL, s.Quote}
				}
				f.rows[r] = append(f.rows[r], cells...)
			}
			for _, cell := range f.rows[r] {
				if strings.Contains(cell, "\r") {
					bad = append(bad, fmt.Errorf("meeting: %s has a carriage return, which a CSV reader turns into a line feed", problem.Quote(cell)))
				}
			}
		}
	}
	if len(bad) > 0 {
		return errors.Join(bad...)
	}
	for _, f := range files {
		cw := csv.NewWriter(f.w)
		cw.Write(f.columns)
		cw.WriteAll(f.rows)
		if err := cw.Error(); err != nil {
			return fmt.Errorf("meeting: writing a data set: %w", err)
		}
	}
	return nil
}
