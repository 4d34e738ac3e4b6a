package historian

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// ReadVisits reads one visits file: a <visits> root holding <visit>
// records, as the Office of the Historian publishes them (schema
// visits.rnc). It reads the XML as a stream and returns the visits in the
// order of the file.
//
// It is all or nothing: malformed or truncated XML (an element with an
// attribute given twice included, or a character XML forbids, raw or as a
// character reference such as "&#xD800;", reported in the field where it
// stands), a visit with a missing or unparsable field or one holding a
// Unicode noncharacter, or two visits with the same id make it return no
// visits and a [*ValidationError] listing the problems (the first 100,
// and a count of the rest) with their line, visit id and field; a bad
// character is never replaced or dropped. Elements of a visit other than
// the fields of [Visit] (the created-by and last-modified metadata) are
// skipped; inside the description only <em> markup is allowed. A UTF-8
// byte-order mark at the start is skipped. It takes time and memory in
// proportion to the input, and an error quotes at most 64 bytes of a bad
// value.
func ReadVisits(r io.Reader) ([]Visit, error) {
	var ps problems
	vs := readFile(r, "", &ps)
	duplicates([]fileVisits{{visits: vs}}, &ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return visitsOf(vs), nil
}

// ReadFiles reads several visits files as one collection, in the order
// given, each file's visits in file order. It is all or nothing across the
// files: a problem in any file, or a visit id found in two files, returns no
// visits and a [*ValidationError] whose problems name the file (the first
// 100 problems of all the files, and a count of the rest). A file that
// cannot be opened is returned as that error, wrapped.
func ReadFiles(paths ...string) ([]Visit, error) {
	var files []fileVisits
	var ps problems
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("historian: %w", err)
		}
		vs := readFile(f, path, &ps)
		f.Close()
		files = append(files, fileVisits{path: path, visits: vs})
	}
	duplicates(files, &ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	var all []visitAt
	for _, f := range files {
		all = append(all, f.visits...)
	}
	return visitsOf(all), nil
}

// ReadDir reads every file of dir whose name ends in ".xml", in name order,
// as [ReadFiles] does. A directory with no such file is an error that
// wraps fs.ErrNotExist.
func ReadDir(dir string) ([]Visit, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("historian: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".xml") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("historian: no .xml files in %s: %w", dir, fs.ErrNotExist)
	}
	slices.Sort(paths)
	return ReadFiles(paths...)
}

// visitAt is a visit with the line where it starts, for duplicate reports.
type visitAt struct {
	Visit
	index, line int
}

type fileVisits struct {
	path   string
	visits []visitAt
}

func visitsOf(vs []visitAt) []Visit {
	out := make([]Visit, len(vs))
	for i, v := range vs {
		out[i] = v.Visit
	}
	return out
}

// duplicates reports each visit whose id an earlier visit (in the same file
// or an earlier one) has.
func duplicates(files []fileVisits, ps *problems) {
	type place struct {
		path string
		line int
	}
	seen := map[int]place{}
	for _, f := range files {
		for _, v := range f.visits {
			if first, ok := seen[v.ID]; ok {
				where := fmt.Sprintf("line %d", first.line)
				if first.path != f.path {
					where = first.path + ": " + where
				}
				ps.add(Problem{File: f.path, Line: v.line, Index: v.index, Visit: v.ID, Field: "id",
					Err: fmt.Errorf("%w: also at %s", ErrDuplicate, where)})
				continue
			}
			seen[v.ID] = place{f.path, v.line}
		}
	}
}

// The fields of a visit, as the XML names them.
const (
	fID = iota
	fStart
	fEnd
	fVisitor
	fFrom
	fDescription
	nFields
)

var fieldNames = [nFields]string{"id", "start-date", "end-date", "visitor", "from", "description"}

func fieldIndex(name string) int {
	for i, n := range fieldNames {
		if n == name {
			return i
		}
	}
	return -1
}

// parser reads one file.
type parser struct {
	d     *xml.Decoder
	file  string
	chars *charFilter
	base  int64 // offset in the file of the decoder's first byte
}

// badChars adds a problem for each character XML forbids (see
// charFilter) that the decoder has read past since the last call, in the
// visit at index (-1: outside any) and the element elem, or its attribute
// (elem/@name; @name when elem is ""). It reports whether any was in
// text, and whether any was in an attribute id.
func (p *parser) badChars(ps *problems, index int, elem string) (inText, inID bool) {
	for _, b := range p.chars.take(p.base + p.d.InputOffset()) {
		field := elem
		if b.attr != "" {
			field += "/@" + b.attr
			if elem == "" {
				field = "@" + b.attr
			}
			inID = inID || b.attr == "id"
		} else {
			inText = true
		}
		ps.add(Problem{File: p.file, Line: b.line, Index: index, Field: field, Err: fmt.Errorf("%w: %s", ErrSyntax, b.why())})
	}
	return inText, inID
}

func (p *parser) line() int {
	l, _ := p.d.InputPos()
	return l
}

// token returns the next token, as the decoder's Token does, and refuses
// what encoding/xml lets pass in well-formed XML: an element with an
// attribute given twice (<from id="greece" id="korea-south">), wherever the
// element is, skipped elements included.
func (p *parser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if t, ok := tok.(xml.StartElement); ok && err == nil {
		if a, twice := repeatedAttr(t.Attr); twice {
			name := a.Local
			if a.Space != "" {
				name = a.Space + ":" + name
			}
			return nil, &xml.SyntaxError{Line: p.line(),
				Msg: fmt.Sprintf("attribute %s given twice in %s", clip(name, problem.QuoteMax), tag(t.Name.Local))}
		}
	}
	return tok, err
}

// repeatedAttr returns the name of an attribute given twice, if any.
func repeatedAttr(attrs []xml.Attr) (xml.Name, bool) {
	if len(attrs) <= 8 {
		for i, a := range attrs {
			for _, b := range attrs[:i] {
				if a.Name == b.Name {
					return a.Name, true
				}
			}
		}
		return xml.Name{}, false
	}
	seen := make(map[xml.Name]bool, len(attrs))
	for _, a := range attrs {
		if seen[a.Name] {
			return a.Name, true
		}
		seen[a.Name] = true
	}
	return xml.Name{}, false
}

// skip reads up to the end of the element whose start tag was just read,
// as the decoder's Skip does, checking every token on the way.
func (p *parser) skip() error {
	for depth := 1; depth > 0; {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// syntax turns a decoder error or a structural fault into a problem.
func (p *parser) syntax(index int, err error) Problem {
	line := p.line()
	msg := err.Error()
	var se *xml.SyntaxError
	if read := p.chars.err; read != nil && read != io.EOF && errors.Is(err, read) {
		// The reader's error, not the file's.
		return Problem{File: p.file, Line: line, Index: index, Err: fmt.Errorf("reading: %w", err)}
	}
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of input"
	}
	return Problem{File: p.file, Line: line, Index: index, Err: fmt.Errorf("%w: %s", ErrSyntax, cut(msg))}
}

// readFile reads one file into visits, adding its problems to ps; on a
// syntax error it returns no visits. A byte-order mark at the start of the
// file is skipped.
func readFile(r io.Reader, file string, ps *problems) []visitAt {
	chars := newCharFilter(r)
	br := bufio.NewReader(chars)
	bom := input.SkipBOM(br)
	p := &parser{d: xml.NewDecoder(br), file: file, chars: chars, base: int64(bom)}
	var visits []visitAt
	const (
		before = iota
		inRoot
		after
	)
	state := before
	index := 0
	fatal := func(err error) []visitAt {
		ps.add(p.syntax(-1, err))
		return nil
	}
	for {
		tok, err := p.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fatal(err)
		}
		if t, ok := tok.(xml.StartElement); !ok || state != inRoot || t.Name.Local != "visit" {
			p.badChars(ps, -1, elemName(tok)) // a visit's start tag is the visit's
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case state == before && t.Name.Local == "visits":
				state = inRoot
			case state == before:
				return fatal(fmt.Errorf("root element is %s, not <visits>", tag(t.Name.Local)))
			case state == after:
				return fatal(fmt.Errorf("element %s after </visits>", tag(t.Name.Local)))
			case t.Name.Local != "visit":
				return fatal(fmt.Errorf("element %s in <visits>, not <visit>", tag(t.Name.Local)))
			default:
				v, ok, stop := p.visit(index, ps)
				if stop {
					return nil
				}
				if ok {
					visits = append(visits, v)
				}
				index++
			}
		case xml.EndElement:
			state = after // the decoder matches end tags: this is </visits>
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				return fatal(fmt.Errorf("text %s outside any visit", problem.Quote(s)))
			}
		}
	}
	p.badChars(ps, -1, "") // none: each token's were taken
	switch state {
	case before:
		return fatal(errors.New("no <visits> element"))
	case inRoot:
		return fatal(errors.New("unexpected end of input: <visits> not closed"))
	}
	if visits == nil {
		visits = []visitAt{}
	}
	return visits
}

// text is one field as read.
type text struct {
	s      string
	line   int
	seen   bool
	attrID string
	hasID  bool
	bad    bool // the text holds a character XML forbids, reported
	badID  bool // so does the id attribute
}

// visit reads one <visit> element, its start tag just read, adding its
// problems to ps. It reports whether the visit is sound (ok) and whether a
// syntax error stops the file (stop): then ps has that error alone among
// the visit's problems.
func (p *parser) visit(index int, ps *problems) (v visitAt, ok, stop bool) {
	start := p.line()
	mark := ps.mark()
	fatal := func(err error) (visitAt, bool, bool) {
		ps.reset(mark)
		ps.add(p.syntax(index, err))
		return visitAt{}, false, true
	}
	var f [nFields]text
	p.badChars(ps, index, "") // in the start tag
	for done := false; !done; {
		tok, err := p.token()
		if err != nil {
			return fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line := p.line()
			k := fieldIndex(t.Name.Local)
			if k < 0 {
				if err := p.skip(); err != nil {
					return fatal(err)
				}
				p.badChars(ps, index, clip(t.Name.Local, problem.QuoteMax))
				continue
			}
			_, badID := p.badChars(ps, index, fieldNames[k]) // in the start tag
			s, bad, err := p.text(k == fDescription)
			if err != nil {
				return fatal(err)
			}
			badText, _ := p.badChars(ps, index, fieldNames[k])
			if bad != "" {
				ps.add(Problem{File: p.file, Line: line, Index: index, Field: fieldNames[k],
					Err: fmt.Errorf("%w: element %s inside <%s>", ErrSyntax, tag(bad), fieldNames[k])})
			}
			if f[k].seen {
				ps.add(Problem{File: p.file, Line: line, Index: index, Field: fieldNames[k],
					Err: fmt.Errorf("%w: given twice (first at line %d)", ErrInvalid, f[k].line)})
				continue
			}
			f[k] = text{s: s, line: line, seen: true, bad: badText, badID: badID}
			if k == fFrom {
				for _, a := range t.Attr {
					if a.Name.Local == "id" && a.Name.Space == "" {
						f[k].attrID, f[k].hasID = a.Value, true
					}
				}
			}
		case xml.EndElement:
			done = true // the decoder matches end tags: this is </visit>
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				ps.add(Problem{File: p.file, Line: p.line(), Index: index,
					Err: fmt.Errorf("%w: text %s outside any field", ErrSyntax, problem.Quote(s))})
			}
		}
		p.badChars(ps, index, "")
	}

	report := func(k int, field string, err error) {
		line := start
		if k >= 0 && f[k].seen {
			line = f[k].line
		}
		ps.add(Problem{File: p.file, Line: line, Index: index, Field: field, Err: err})
	}
	need := func(k int) (string, bool) {
		switch {
		case !f[k].seen:
			report(k, fieldNames[k], fmt.Errorf("%w: no <%s>", ErrMissing, fieldNames[k]))
			return "", false
		case f[k].bad:
			return "", false // a character XML forbids, reported
		}
		// Checked as written: collapsing white space would make U+0085
		// (NEL, a control character) a space, and drop it at either end.
		if err := checkText(f[k].s); err != nil {
			report(k, fieldNames[k], err)
			return "", false
		}
		s := collapse(f[k].s)
		if s == "" && k != fDescription {
			report(k, fieldNames[k], fmt.Errorf("%w: <%s> is empty", ErrMissing, fieldNames[k]))
			return "", false
		}
		return s, true
	}
	if s, ok := need(fID); ok {
		id, err := strconv.Atoi(s)
		if err != nil || id <= 0 {
			report(fID, "id", fmt.Errorf("%w: %s is not a positive integer", ErrInvalid, problem.Quote(s)))
		} else {
			v.ID = id
		}
	}
	date := func(k int) time.Time {
		s, ok := need(k)
		if !ok {
			return time.Time{}
		}
		t, err := civil.Parse(s)
		if err != nil {
			report(k, fieldNames[k], fmt.Errorf("%w: %s is not a date (YYYY-MM-DD)", ErrInvalid, problem.Quote(s)))
		}
		return t
	}
	v.Start, v.End = date(fStart), date(fEnd)
	if !v.Start.IsZero() && !v.End.IsZero() && v.End.Before(v.Start) {
		report(fEnd, "end-date", fmt.Errorf("%w: %s is before start-date %s", ErrInvalid, civil.Format(v.End), civil.Format(v.Start)))
	}
	if s, ok := need(fVisitor); ok {
		v.Visitor = s
		v.Title, v.Name = SplitVisitor(s)
	}
	if s, ok := need(fFrom); ok {
		v.CountryLabel = s
	}
	if f[fFrom].seen && !f[fFrom].badID {
		id := strings.TrimSpace(f[fFrom].attrID)
		switch err := checkText(f[fFrom].attrID); { // as written, as need checks
		case err != nil:
			report(fFrom, "from/@id", err)
		case id == "":
			what := "no id attribute"
			if f[fFrom].hasID {
				what = "empty id attribute"
			}
			report(fFrom, "from/@id", fmt.Errorf("%w: %s", ErrMissing, what))
		default:
			v.CountryID = id
		}
	}
	if v.CountryID != "" || v.CountryLabel != "" {
		v.Country = CountryCode(v.CountryID, v.CountryLabel)
	}
	if s, ok := need(fDescription); ok {
		v.Description = s
	}
	ps.since(mark, func(p *Problem) { p.Visit = v.ID })
	v.index, v.line = index, start
	return v, !ps.grew(mark), false
}

// checkText reports text a field may not hold: a Unicode noncharacter or
// a control character such as U+007F or U+0085, which XML allows but a
// [meeting.Ledger] refuses (see input.BadChar; what XML itself forbids
// charFilter has found).
func checkText(s string) error {
	if at, why := input.BadChar(s, false); at >= 0 {
		return fmt.Errorf("%w: %s %s at byte %d", ErrInvalid, problem.Quote(s), why, at)
	}
	return nil
}

// text reads the character data of a field up to its end tag. With em set,
// <em> elements (not nested) are read as text; any other element is skipped
// and named in bad.
func (p *parser) text(em bool) (s, bad string, err error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := p.token()
		if err != nil {
			return "", "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if em && depth == 0 && t.Name.Local == "em" {
				depth++
				continue
			}
			if bad == "" {
				bad = t.Name.Local
			}
			if err := p.skip(); err != nil {
				return "", "", err
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
				continue
			}
			return b.String(), bad, nil
		}
	}
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// clip shortens text from the input to at most max bytes, cut at a
// character boundary, ending in "…" when cut.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}

// cut shortens a message of the XML decoder, which may quote the input, to
// at most 200 bytes.
func cut(msg string) string { return clip(msg, 200) }

// elemName returns the name of the element whose start tag tok is, cut
// short, or "".
func elemName(tok xml.Token) string {
	if t, ok := tok.(xml.StartElement); ok {
		return clip(t.Name.Local, problem.QuoteMax)
	}
	return ""
}

// tag names an element for a message: "<flows>", a long name cut short as
// problem.Quote cuts a value.
func tag(name string) string { return "<" + clip(name, problem.QuoteMax) + ">" }

// problems collects the problems of one read: the first problem.Max of
// them, and a count of the rest.
type problems struct {
	list    []Problem
	omitted int
}

func (ps *problems) add(p Problem) { ps.list = problem.Keep(ps.list, &ps.omitted, p) }

// A mark is how many problems had been found at some point.
type mark struct{ kept, omitted int }

func (ps *problems) mark() mark { return mark{len(ps.list), ps.omitted} }

// reset forgets the problems found since m.
func (ps *problems) reset(m mark) { ps.list, ps.omitted = ps.list[:m.kept], m.omitted }

// grew reports whether any problem was found since m.
func (ps *problems) grew(m mark) bool { return ps.mark() != m }

// since calls f with each problem kept since m.
func (ps *problems) since(m mark, f func(*Problem)) {
	for i := m.kept; i < len(ps.list); i++ {
		f(&ps.list[i])
	}
}

// err returns a *ValidationError when there is any problem, else nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 && ps.omitted == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list, Omitted: ps.omitted}
}
