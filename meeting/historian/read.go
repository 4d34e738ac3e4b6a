package historian

import (
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
)

// ReadVisits reads one visits file: a <visits> root holding <visit>
// records, as the Office of the Historian publishes them (schema
// visits.rnc). It reads the XML as a stream and returns the visits in the
// order of the file.
//
// It is all or nothing: malformed or truncated XML, a visit with a missing
// or unparsable field, or two visits with the same id make it return no
// visits and a [*ValidationError] listing every problem with its line, visit
// id and field. Elements of a visit other than the fields of [Visit] (the
// created-by and last-modified metadata) are skipped; inside the
// description only <em> markup is allowed.
func ReadVisits(r io.Reader) ([]Visit, error) {
	vs, ps := readFile(r, "")
	ps = append(ps, duplicates([]fileVisits{{visits: vs}})...)
	if len(ps) > 0 {
		return nil, &ValidationError{Problems: ps}
	}
	return visitsOf(vs), nil
}

// ReadFiles reads several visits files as one collection, in the order
// given, each file's visits in file order. It is all or nothing across the
// files: a problem in any file, or a visit id found in two files, returns no
// visits and a [*ValidationError] whose problems name the file. A file that
// cannot be opened is returned as that error, wrapped.
func ReadFiles(paths ...string) ([]Visit, error) {
	var files []fileVisits
	var ps []Problem
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("historian: %w", err)
		}
		vs, fps := readFile(f, path)
		f.Close()
		files = append(files, fileVisits{path: path, visits: vs})
		ps = append(ps, fps...)
	}
	ps = append(ps, duplicates(files)...)
	if len(ps) > 0 {
		return nil, &ValidationError{Problems: ps}
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
func duplicates(files []fileVisits) []Problem {
	type place struct {
		path string
		line int
	}
	seen := map[int]place{}
	var ps []Problem
	for _, f := range files {
		for _, v := range f.visits {
			if first, ok := seen[v.ID]; ok {
				where := fmt.Sprintf("line %d", first.line)
				if first.path != f.path {
					where = first.path + ": " + where
				}
				ps = append(ps, Problem{File: f.path, Line: v.line, Index: v.index, Visit: v.ID, Field: "id",
					Err: fmt.Errorf("%w: also at %s", ErrDuplicate, where)})
				continue
			}
			seen[v.ID] = place{f.path, v.line}
		}
	}
	return ps
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
	d    *xml.Decoder
	file string
}

func (p *parser) line() int {
	l, _ := p.d.InputPos()
	return l
}

// syntax turns a decoder error or a structural fault into a problem.
func (p *parser) syntax(index int, err error) Problem {
	line := p.line()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of input"
	}
	return Problem{File: p.file, Line: line, Index: index, Err: fmt.Errorf("%w: %s", ErrSyntax, msg)}
}

// readFile reads one file into visits and problems; on a syntax error it
// returns no visits.
func readFile(r io.Reader, file string) ([]visitAt, []Problem) {
	p := &parser{d: xml.NewDecoder(r), file: file}
	var visits []visitAt
	var ps []Problem
	const (
		before = iota
		inRoot
		after
	)
	state := before
	index := 0
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, append(ps, p.syntax(-1, err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case state == before && t.Name.Local == "visits":
				state = inRoot
			case state == before:
				return nil, append(ps, p.syntax(-1, fmt.Errorf("root element is <%s>, not <visits>", t.Name.Local)))
			case state == after:
				return nil, append(ps, p.syntax(-1, fmt.Errorf("element <%s> after </visits>", t.Name.Local)))
			case t.Name.Local != "visit":
				return nil, append(ps, p.syntax(-1, fmt.Errorf("element <%s> in <visits>, not <visit>", t.Name.Local)))
			default:
				v, vps, fatal := p.visit(index)
				if fatal != nil {
					return nil, append(append(ps, vps...), *fatal)
				}
				if len(vps) == 0 {
					visits = append(visits, v)
				}
				ps = append(ps, vps...)
				index++
			}
		case xml.EndElement:
			state = after // the decoder matches end tags: this is </visits>
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				return nil, append(ps, p.syntax(-1, fmt.Errorf("text %q outside any visit", clip(s))))
			}
		}
	}
	switch state {
	case before:
		return nil, append(ps, p.syntax(-1, errors.New("no <visits> element")))
	case inRoot:
		return nil, append(ps, p.syntax(-1, errors.New("unexpected end of input: <visits> not closed")))
	}
	if visits == nil {
		visits = []visitAt{}
	}
	return visits, ps
}

// text is one field as read.
type text struct {
	s      string
	line   int
	seen   bool
	attrID string
	hasID  bool
}

// visit reads one <visit> element, its start tag just read. A syntax error
// that stops the file is returned as fatal.
func (p *parser) visit(index int) (visitAt, []Problem, *Problem) {
	start := p.line()
	var f [nFields]text
	var ps []Problem
	var structural []Problem
	for done := false; !done; {
		tok, err := p.d.Token()
		if err != nil {
			pr := p.syntax(index, err)
			return visitAt{}, nil, &pr
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line := p.line()
			k := fieldIndex(t.Name.Local)
			if k < 0 {
				if err := p.d.Skip(); err != nil {
					pr := p.syntax(index, err)
					return visitAt{}, nil, &pr
				}
				continue
			}
			s, bad, err := p.text(k == fDescription)
			if err != nil {
				pr := p.syntax(index, err)
				return visitAt{}, nil, &pr
			}
			if bad != "" {
				structural = append(structural, Problem{File: p.file, Line: line, Index: index, Field: fieldNames[k],
					Err: fmt.Errorf("%w: element <%s> inside <%s>", ErrSyntax, bad, fieldNames[k])})
			}
			if f[k].seen {
				structural = append(structural, Problem{File: p.file, Line: line, Index: index, Field: fieldNames[k],
					Err: fmt.Errorf("%w: given twice (first at line %d)", ErrInvalid, f[k].line)})
				continue
			}
			f[k] = text{s: s, line: line, seen: true}
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
				structural = append(structural, Problem{File: p.file, Line: p.line(), Index: index,
					Err: fmt.Errorf("%w: text %q outside any field", ErrSyntax, clip(s))})
			}
		}
	}

	var v Visit
	report := func(k int, field string, err error) {
		line := start
		if k >= 0 && f[k].seen {
			line = f[k].line
		}
		ps = append(ps, Problem{File: p.file, Line: line, Index: index, Field: field, Err: err})
	}
	need := func(k int) (string, bool) {
		if !f[k].seen {
			report(k, fieldNames[k], fmt.Errorf("%w: no <%s>", ErrMissing, fieldNames[k]))
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
			report(fID, "id", fmt.Errorf("%w: %q is not a positive integer", ErrInvalid, clip(s)))
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
			report(k, fieldNames[k], fmt.Errorf("%w: %q is not a date (YYYY-MM-DD)", ErrInvalid, clip(s)))
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
	if f[fFrom].seen {
		id := strings.TrimSpace(f[fFrom].attrID)
		if id == "" {
			what := "no id attribute"
			if f[fFrom].hasID {
				what = "empty id attribute"
			}
			report(fFrom, "from/@id", fmt.Errorf("%w: %s", ErrMissing, what))
		}
		v.CountryID = id
	}
	if v.CountryID != "" || v.CountryLabel != "" {
		v.Country = CountryCode(v.CountryID, v.CountryLabel)
	}
	if s, ok := need(fDescription); ok {
		v.Description = s
	}
	ps = append(structural, ps...)
	for i := range ps {
		ps[i].Visit = v.ID
	}
	return visitAt{Visit: v, index: index, line: start}, ps, nil
}

// text reads the character data of a field up to its end tag. With em set,
// <em> elements (not nested) are read as text; any other element is skipped
// and named in bad.
func (p *parser) text(em bool) (s, bad string, err error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := p.d.Token()
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
			if err := p.d.Skip(); err != nil {
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

// clip shortens long input for error messages.
func clip(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
