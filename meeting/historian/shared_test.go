package historian_test

import (
	"path/filepath"
	"testing"

	"github.com/summitry/summitry/meeting/historian"
)

// sharedDir returns ../shared/testdata/historian (from the repository root),
// or skips the test when it is not there (a plain clone).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "historian")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("no Office of the Historian test data in %s: it lives beside the repository, in ../shared/testdata", dir)
	}
	return dir
}

func readShared(t testing.TB) []historian.Visit {
	t.Helper()
	vs, err := historian.ReadDir(sharedDir(t))
	if err != nil {
		t.Fatal(err)
	}
	return vs
}
