// Command check runs every code cell of examples/notebook/summitry.ipynb, in
// order, in the gomacro interpreter that the gophernotes Jupyter kernel
// runs, against this working tree, and compares what the cells print and
// display with examples/notebook/testdata/summitry.golden.
//
//	go run ./examples/notebook/check          # check (what CI runs)
//	go run ./examples/notebook/check -update  # rewrite the golden file, the
//	                                          # notebook's stored outputs and
//	                                          # summitry.gomacro
//	go run ./examples/notebook/check -exported page.html
//	                                          # check an HTML export of the
//	                                          # notebook instead (see below)
//
// It builds the interpreter at the revision pinned in examples/notebook/tools
// (its own module: go.mod with a tool directive, and go.sum), as
// examples/notebook/tools/cellrun, which evaluates cells the way gophernotes
// does. The cells import the library by the placeholder path
// /path/to/summitry, replaced here by the working tree's absolute path;
// gomacro then compiles the packages as a plugin, which needs cgo and a C
// compiler. The library's module is not on the module proxy, so the
// interpreter's go get is served from the local module cache (filled by go
// mod download) and nothing is fetched from the network.
//
// A cell that fails stops the run with the interpreter's message, the cell's
// source and the interpreter's log. Nothing is written outside a temporary
// directory unless -update is given.
//
// With -exported, it runs nothing: it checks that page.html, the notebook
// converted by jupyter nbconvert --to html, shows every chart of the
// notebook's stored outputs with all its bars (see CheckExport). .ci/run
// does this with Debian's nbconvert, which strips the inside of image/svg+xml
// outputs; the charts survive as images in their text/html form.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Files, relative to the repository root.
const (
	notebookPath = "examples/notebook/summitry.ipynb"
	scriptPath   = "examples/notebook/summitry.gomacro"
	goldenPath   = "examples/notebook/testdata/summitry.golden"
	toolsDir     = "examples/notebook/tools"
	modulePath   = "github.com/summitry/summitry"
)

// scriptHeader opens summitry.gomacro.
const scriptHeader = `// The code cells of summitry.ipynb as one gomacro script; each cell follows
// a "// %%" line. Do not edit: go run ./examples/notebook/check -update writes
// it from the notebook.
//
// Replace /path/to/summitry with the absolute path of your clone, then run it
// with the gomacro pinned in examples/notebook/tools:
//
//	cd examples/notebook/tools
//	GODEBUG=gotypesalias=0 go tool gomacro ../summitry.gomacro
//
// A file run in gomacro prints only what the cells print; in Jupyter the last
// value of a cell is displayed too (see testdata/summitry.golden).
`

func main() {
	update := flag.Bool("update", false, "rewrite the golden file, the notebook's outputs and the gomacro script")
	keep := flag.Bool("keep", false, "keep the temporary directory (printed)")
	timeout := flag.Duration("timeout", 15*time.Minute, "give up after this long")
	exported := flag.String("exported", "", "check this HTML export of the notebook for its charts, and run nothing")
	flag.Parse()
	if *exported != "" {
		if err := checkExported(*exported); err != nil {
			fmt.Fprintln(os.Stderr, "notebook export check FAILED:", err)
			os.Exit(1)
		}
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, *update, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "notebook check FAILED:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, update, keep bool) error {
	start := time.Now()
	root, nb, err := repoNotebook()
	if err != nil {
		return err
	}
	cells := nb.Code()
	if len(cells) == 0 {
		return fmt.Errorf("%s has no code cells", notebookPath)
	}
	script := Script(scriptHeader, cells)
	if !update {
		have, err := os.ReadFile(filepath.Join(root, scriptPath))
		if err != nil {
			return err
		}
		if string(have) != script {
			return fmt.Errorf("%s does not hold the notebook's code cells; run with -update", scriptPath)
		}
	}

	tmp, err := os.MkdirTemp("", "summitry-notebook-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("temporary directory:", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	step := func(what string, t time.Time) {
		fmt.Printf("%-58s %5.1fs\n", what, time.Since(t).Seconds())
	}

	// The interpreter's go get finds the library's dependencies in the module
	// cache, through a file:// proxy: make sure they are there.
	t := time.Now()
	if _, err := goCmd(ctx, root, nil, "mod", "download"); err != nil {
		return err
	}
	modcache, err := goCmd(ctx, root, nil, "env", "GOMODCACHE")
	if err != nil {
		return err
	}
	step("go mod download", t)

	t = time.Now()
	runner := filepath.Join(tmp, "cellrun")
	if _, err := goCmd(ctx, filepath.Join(root, toolsDir), nil, "build", "-o", runner, "./cellrun"); err != nil {
		return fmt.Errorf("building the interpreter in %s: %v", toolsDir, err)
	}
	step("build gomacro (cellrun) from "+toolsDir, t)

	src := make([]string, len(cells))
	for i, c := range cells {
		src[i] = strings.ReplaceAll(c, `"`+Placeholder+`/`, `"`+filepath.ToSlash(root)+`/`)
	}
	in, out := filepath.Join(tmp, "cells.json"), filepath.Join(tmp, "results.json")
	data, err := json.Marshal(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		return err
	}

	t = time.Now()
	cmd := exec.CommandContext(ctx, runner, "-in", in, "-out", out, "-gosrc", filepath.Join(tmp, "src"))
	cmd.Env = append(os.Environ(),
		"GODEBUG=gotypesalias=0",
		"GOPROXY=file://"+filepath.ToSlash(filepath.Join(strings.TrimSpace(modcache), "cache", "download")),
		// Modules come from the local cache, already checked against go.sum
		// by go mod download; the plugin's module has no go.sum of its own.
		"GOSUMDB=off",
		"GOFLAGS=-mod=mod",
		"GOWORK=off",
		"CGO_ENABLED=1",
	)
	var runLog bytes.Buffer
	cmd.Stdout, cmd.Stderr = &runLog, &runLog
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("the interpreter did not finish: %v\n%s", err, runLog.String())
	}
	data, err = os.ReadFile(out)
	if err != nil {
		return err
	}
	var results []Result
	if err := json.Unmarshal(data, &results); err != nil {
		return fmt.Errorf("%s: %v", out, err)
	}
	step(fmt.Sprintf("run %d cells in gomacro", len(results)), t)
	for i, r := range results {
		fmt.Printf("  cell %2d  %5.1fs\n", i+1, r.Seconds)
	}

	for i, r := range results {
		if r.Error != "" {
			return fmt.Errorf("cell %d of %s failed in gomacro:\n\n%s\n\n%s\n\ncell %d source:\n%s\n\ninterpreter log:\n%s%s",
				i+1, notebookPath, indent(r.Error), stdoutNote(r), i+1, numbered(src[i]), indent(r.Log), indent(runLog.String()))
		}
	}
	if len(results) != len(cells) {
		return fmt.Errorf("%d cells, %d results", len(cells), len(results))
	}

	if err := CheckGoldenable(results); err != nil {
		return err
	}
	got := FormatGolden(results)
	if update {
		if err := nb.SetOutputs(results); err != nil {
			return err
		}
		enc, err := nb.Encode()
		if err != nil {
			return err
		}
		for path, content := range map[string]string{
			goldenPath:   got,
			notebookPath: string(enc),
			scriptPath:   script,
		} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, path)), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(root, path), []byte(content), 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("wrote %s, %s and %s\n", goldenPath, notebookPath, scriptPath)
	} else {
		want, err := os.ReadFile(filepath.Join(root, goldenPath))
		if err != nil {
			return err
		}
		if got != string(want) {
			return fmt.Errorf("the cells' output differs from %s (-golden +gomacro):\n%s\nIf the change is intended, run: go run ./examples/notebook/check -update",
				goldenPath, diff(string(want), got))
		}
	}
	step("notebook check ok, total", start)
	return nil
}

// checkExported checks the HTML page at path against the notebook's stored
// outputs.
func checkExported(path string) error {
	_, nb, err := repoNotebook()
	if err != nil {
		return err
	}
	page, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := CheckExport(nb, string(page)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	charts, _ := nb.Charts()
	fmt.Printf("%s shows all %d charts of %s\n", path, len(charts), notebookPath)
	return nil
}

// repoNotebook returns the repository's root and its notebook.
func repoNotebook() (string, *Notebook, error) {
	root, err := repoRoot()
	if err != nil {
		return "", nil, err
	}
	nb, err := ReadNotebook(filepath.Join(root, notebookPath))
	return root, nb, err
}

// repoRoot finds the root of this module from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module "+modulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run inside the summitry repository: no go.mod of " + modulePath + " found")
		}
		dir = parent
	}
}

// goCmd runs the go command in dir and returns its standard output.
func goCmd(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return stdout.String(), nil
}

func stdoutNote(r Result) string {
	if r.Stdout == "" && r.Stderr == "" {
		return "(the cell printed nothing before failing)"
	}
	return "it printed before failing:\n" + indent(r.Stdout+r.Stderr)
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ") + "\n"
}

func numbered(src string) string {
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, line)
	}
	return b.String()
}

// diff returns a line diff of a and b: the lines around the first
// difference, then the remaining differing lines up to a limit.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	// Longest common subsequence on lines; the files are small.
	n, m := len(al), len(bl)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	shown := 0
	const limit = 80
	clip := func(s string) string {
		if len(s) > 200 {
			return s[:200] + "…"
		}
		return s
	}
	i, j := 0, 0
	for (i < n || j < m) && shown < limit {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&out, "%5d -%s\n", i+1, clip(al[i]))
			i++
			shown++
		default:
			fmt.Fprintf(&out, "%5d +%s\n", j+1, clip(bl[j]))
			j++
			shown++
		}
	}
	if shown == limit {
		out.WriteString("      … more differences\n")
	}
	return out.String()
}
