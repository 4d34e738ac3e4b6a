package summitry_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEveryPackageTellsItsStory keeps a promise of the README ("Examples
// to run") and of the package overviews: every library package has, in a
// file example*_test.go, a function named Example, its whole story, which
// go test runs and pkgsite shows first.
func TestEveryPackageTellsItsStory(t *testing.T) {
	dirs := libraryDirs(t)
	for _, want := range []string{".", "pledge", "pledge/fts", "pledge/imf", "meeting", "meeting/historian"} {
		if !slices.Contains(dirs, want) {
			t.Errorf("library packages found: %v; want %s among them", dirs, want)
		}
	}
	for _, dir := range dirs {
		fset := token.NewFileSet()
		if files := parseDir(t, fset, dir); len(files) > 0 && files[0].Name.Name == "main" {
			continue // a command, such as bench/compare, not a library package
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, e := range entries {
			name := e.Name()
			if !strings.HasPrefix(name, "example") || !strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, decl := range f.Decls {
				if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "Example" {
					found = append(found, name)
				}
			}
		}
		if len(found) != 1 {
			t.Errorf("package %s: %d functions named Example in its example*_test.go files %v; want one, the package's whole story", dir, len(found), found)
		}
	}
}
