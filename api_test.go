package summitry_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The library is used from Jupyter notebooks through gophernotes, whose
// interpreter (gomacro) cannot instantiate generics or range over functions
// (DESIGN.md, principle 6). TestAPIUsableFromInterpreter keeps the exported
// API of every library package (the module's packages outside internal/ and
// examples/) free of type parameters, and makes every exported function or
// method that returns an iterator have a sibling that returns the same
// elements as a slice.
func TestAPIUsableFromInterpreter(t *testing.T) {
	dirs := libraryDirs(t)
	if !slices.Contains(dirs, "pledge") || !slices.Contains(dirs, "meeting") {
		t.Fatalf("library packages found: %v; want pledge and meeting among them", dirs)
	}
	for _, dir := range dirs {
		fset := token.NewFileSet()
		files := parseDir(t, fset, dir)
		for _, p := range apiProblems(fset, files) {
			t.Error(p)
		}
	}
}

// TestAPIProblemsFound checks the checker on an API that breaks every rule.
func TestAPIProblemsFound(t *testing.T) {
	const src = `package p

import (
	"iter"
	it "iter"
)

type Row struct{}
type Set[T any] struct{ items []T }
type List[T any] []T
type rowSeq func(yield func(Row) bool)

func Map[K comparable, V any](m map[K]V) []K { return nil }
func (s Set[T]) Len() int                    { return 0 }

type Book struct{}

func (b *Book) Rows() iter.Seq[Row]                        { return nil }
func (b *Book) Indexed() it.Seq2[int, Row]                 { return nil }
func (b *Book) Each() func(yield func(Row) bool)           { return nil }
func (b *Book) Named() rowSeq                              { return nil }
func All() iter.Seq[string]                                { return nil }
func Keys() (iter.Seq[string], error)                      { return nil, nil }

type Ledger struct{}

func (l Ledger) Rows() iter.Seq[Row]       { return nil }
func (l Ledger) RowSlice() []Row           { return nil }
func (l Ledger) Pairs() iter.Seq2[int, Row] { return nil }
func (l *Ledger) rows() iter.Seq[Row]      { return nil }
func names() iter.Seq[string]              { return nil }
func Counts() []int                        { return nil }

type Source interface {
	Rows() iter.Seq[Row]
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	got := apiProblems(fset, []*ast.File{f})
	want := []string{
		"type Set has type parameters",
		"type List has type parameters",
		"func Map has type parameters",
		"method (*Book).Rows returns an iterator, iter.Seq[Row], and no exported method of Book returns []Row",
		"method (*Book).Indexed returns an iterator, it.Seq2[int, Row], and no exported method of Book returns []int or []Row",
		"method (*Book).Each returns an iterator, func(yield func(Row) bool), and no exported method of Book returns []Row",
		"method (*Book).Named returns an iterator, rowSeq, and no exported method of Book returns []Row",
		"func All returns an iterator, iter.Seq[string], and no exported function returns []string",
		"func Keys returns an iterator, iter.Seq[string], and no exported function returns []string",
		"interface method Source.Rows returns an iterator, iter.Seq[Row]",
	}
	if len(got) != len(want) {
		t.Errorf("found %d problems, want %d", len(got), len(want))
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasSuffix(g, ": "+w) }) {
			t.Errorf("not found: %s", w)
		}
	}
	for _, g := range got {
		if !slices.ContainsFunc(want, func(w string) bool { return strings.HasSuffix(g, ": "+w) }) {
			t.Errorf("unexpected: %s", g)
		}
	}
}

// libraryDirs returns the directories of the module's library packages,
// relative to the module root: every directory with non-test Go files,
// except internal/, examples/, testdata and nested modules.
func libraryDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != "." {
			if name == "internal" || name == "examples" || name == "testdata" ||
				strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if isSource(e.Name()) {
				dirs = append(dirs, filepath.ToSlash(path))
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

func isSource(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !isSource(e.Name()) {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// apiProblems lists what in the exported API of one package's files gomacro
// could not use: type parameters, and iterators with no slice alternative.
func apiProblems(fset *token.FileSet, files []*ast.File) []string {
	var problems []string
	report := func(pos token.Pos, format string, args ...any) {
		problems = append(problems, fset.Position(pos).String()+": "+fmt.Sprintf(format, args...))
	}

	typeSpecs := map[string]*ast.TypeSpec{}
	for _, f := range files {
		for _, decl := range f.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, s := range gd.Specs {
					ts := s.(*ast.TypeSpec)
					typeSpecs[ts.Name.Name] = ts
				}
			}
		}
	}

	// Exported results that are slices, by receiver type ("" for functions):
	// the alternatives to iterators.
	slicesOf := map[string][]string{}
	type iterResult struct {
		fn, recv, typ string
		elems         []string
		pos           token.Pos
	}
	var iters []iterResult

	for _, f := range files {
		iterNames := importNames(f, "iter")
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					if !ts.Name.IsExported() {
						continue
					}
					if ts.TypeParams != nil {
						report(ts.Pos(), "type %s has type parameters", ts.Name.Name)
					}
					if it, ok := ts.Type.(*ast.InterfaceType); ok {
						for _, m := range it.Methods.List {
							ft, ok := m.Type.(*ast.FuncType)
							if !ok || len(m.Names) == 0 || !m.Names[0].IsExported() || ft.Results == nil {
								continue
							}
							for _, r := range ft.Results.List {
								if _, ok := iterElems(r.Type, iterNames, typeSpecs, 0); ok {
									report(m.Pos(), "interface method %s.%s returns an iterator, %s", ts.Name.Name, m.Names[0].Name, types.ExprString(r.Type))
								}
							}
						}
					}
				}
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				recv, star := "", ""
				if d.Recv != nil && len(d.Recv.List) == 1 {
					recv, star = receiverName(d.Recv.List[0].Type)
					if !token.IsExported(recv) {
						continue
					}
				}
				name := d.Name.Name
				what := "func " + name
				if recv != "" {
					what = "method (" + star + recv + ")." + name
				}
				if d.Type.TypeParams != nil {
					report(d.Pos(), "%s has type parameters", what)
				}
				if d.Type.Results == nil {
					continue
				}
				for _, r := range d.Type.Results.List {
					if at, ok := r.Type.(*ast.ArrayType); ok && at.Len == nil {
						slicesOf[recv] = append(slicesOf[recv], types.ExprString(at.Elt))
					}
					if elems, ok := iterElems(r.Type, iterNames, typeSpecs, 0); ok {
						iters = append(iters, iterResult{what, recv, types.ExprString(r.Type), elems, d.Pos()})
					}
				}
			}
		}
	}
	for _, it := range iters {
		if slices.ContainsFunc(it.elems, func(e string) bool { return slices.Contains(slicesOf[it.recv], e) }) {
			continue
		}
		alts := make([]string, len(it.elems))
		for i, e := range it.elems {
			alts[i] = "[]" + e
		}
		where := "no exported function"
		if it.recv != "" {
			where = "no exported method of " + it.recv
		}
		report(it.pos, "%s returns an iterator, %s, and %s returns %s", it.fn, it.typ, where, strings.Join(alts, " or "))
	}
	return problems
}

// iterElems reports whether t is an iterator type (iter.Seq, iter.Seq2, a
// func(yield func(...) bool), or a type of the package defined as one) and
// the types it yields.
func iterElems(t ast.Expr, iterNames []string, typeSpecs map[string]*ast.TypeSpec, depth int) ([]string, bool) {
	isIter := func(x ast.Expr, name string) bool {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != name {
			return false
		}
		pkg, ok := sel.X.(*ast.Ident)
		return ok && slices.Contains(iterNames, pkg.Name)
	}
	switch t := t.(type) {
	case *ast.ParenExpr:
		return iterElems(t.X, iterNames, typeSpecs, depth)
	case *ast.IndexExpr:
		if isIter(t.X, "Seq") {
			return []string{types.ExprString(t.Index)}, true
		}
	case *ast.IndexListExpr:
		if isIter(t.X, "Seq2") {
			var elems []string
			for _, x := range t.Indices {
				elems = append(elems, types.ExprString(x))
			}
			return elems, true
		}
	case *ast.FuncType:
		if t.Params == nil || len(t.Params.List) != 1 || len(t.Params.List[0].Names) > 1 {
			return nil, false
		}
		yield, ok := t.Params.List[0].Type.(*ast.FuncType)
		if !ok || yield.Results == nil || len(yield.Results.List) != 1 {
			return nil, false
		}
		if b, ok := yield.Results.List[0].Type.(*ast.Ident); !ok || b.Name != "bool" {
			return nil, false
		}
		var elems []string
		for _, p := range yield.Params.List {
			n := max(1, len(p.Names))
			for range n {
				elems = append(elems, types.ExprString(p.Type))
			}
		}
		return elems, true
	case *ast.Ident:
		if ts, ok := typeSpecs[t.Name]; ok && depth < 10 {
			return iterElems(ts.Type, iterNames, typeSpecs, depth+1)
		}
	}
	return nil, false
}

// importNames returns the names under which f imports path.
func importNames(f *ast.File, path string) []string {
	var names []string
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p != path {
			continue
		}
		if imp.Name != nil {
			names = append(names, imp.Name.Name)
		} else {
			names = append(names, path[strings.LastIndex(path, "/")+1:])
		}
	}
	return names
}

// receiverName returns the base type name of a method receiver and "*" if
// it is a pointer.
func receiverName(t ast.Expr) (name, star string) {
	if s, ok := t.(*ast.StarExpr); ok {
		t, star = s.X, "*"
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name, star
	}
	return "", star
}

// resultTypes are the values the library hands back for notebooks to show;
// gophernotes finds their display methods only on value receivers.
var resultTypes = []string{
	"Totals", "Row", "Converted", "Conversion", "Figure", "Found", "Chart", "Amount",
	"PairCounts", "PairCount", "Standings", "Standing", "Finding", "Visit", "Unresolved", "Flow",
}

// decoders are the methods that encoding/json, encoding/text and
// database/sql call, which must have pointer receivers.
var decoders = []string{"UnmarshalText", "UnmarshalJSON", "Scan"}

// TestReceiversUsableFromInterpreter keeps the other half of principle 6:
// gomacro cannot call a pointer-receiver method on a named non-struct type,
// so the only ones allowed are decoders (UnmarshalText, which encoding/json
// needs, and Scan, which database/sql needs) whose package also offers a
// Parse function for the type; and the result types have value receivers
// throughout, but for their decoders.
func TestReceiversUsableFromInterpreter(t *testing.T) {
	for _, dir := range libraryDirs(t) {
		fset := token.NewFileSet()
		files := parseDir(t, fset, dir)
		nonStruct := map[string]bool{}
		funcs := map[string]bool{}
		for _, f := range files {
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						if ts, ok := spec.(*ast.TypeSpec); ok && ts.Assign == 0 {
							if _, isStruct := ts.Type.(*ast.StructType); !isStruct {
								nonStruct[ts.Name.Name] = true
							}
						}
					}
				case *ast.FuncDecl:
					if d.Recv == nil {
						funcs[d.Name.Name] = true
					}
				}
			}
		}
		for _, f := range files {
			for _, decl := range f.Decls {
				d, ok := decl.(*ast.FuncDecl)
				if !ok || d.Recv == nil || len(d.Recv.List) != 1 || !d.Name.IsExported() {
					continue
				}
				recv, star := receiverName(d.Recv.List[0].Type)
				if star == "" {
					continue
				}
				where := fmt.Sprintf("%s: method (*%s).%s", fset.Position(d.Pos()), recv, d.Name.Name)
				decoder := slices.Contains(decoders, d.Name.Name)
				if nonStruct[recv] && (!decoder || !funcs["Parse"+recv]) {
					t.Errorf("%s: a pointer receiver on a non-struct type, which gomacro cannot call", where)
				}
				if slices.Contains(resultTypes, recv) && !decoder {
					t.Errorf("%s: a result type's method needs a value receiver", where)
				}
			}
		}
	}
}
