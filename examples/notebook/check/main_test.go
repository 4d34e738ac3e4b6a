package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// These tests need no interpreter: they keep the notebook valid, and the
// notebook, its stored outputs, the gomacro script and the golden file in
// step. Running the cells is the checker's job (go run ./examples/notebook/check).

func root(t *testing.T) string {
	t.Helper()
	dir, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func readNotebook(t *testing.T) *Notebook {
	t.Helper()
	nb, err := ReadNotebook(filepath.Join(root(t), notebookPath))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestNotebookIsNBFormat4(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root(t), notebookPath))
	if err != nil {
		t.Fatal(err)
	}
	// Plain JSON first: an object with the top-level keys of nbformat 4.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	for _, k := range []string{"cells", "metadata", "nbformat", "nbformat_minor"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	nb := readNotebook(t) // checks structure and kernel
	var code, markdown int
	for _, c := range nb.Cells {
		switch c.CellType {
		case "code":
			code++
		case "markdown":
			markdown++
		}
	}
	if code == 0 || markdown == 0 {
		t.Errorf("%d code and %d markdown cells; the notebook tells a story in both", code, markdown)
	}
}

func TestNotebookCheckFindsProblems(t *testing.T) {
	one := 1
	outs := []Output{{OutputType: "execute_result"}, {OutputType: "display"}}
	nb := Notebook{
		NBFormat: 3, NBFormatMinor: 5,
		Metadata: map[string]any{"kernelspec": map[string]any{"name": "python3"}},
		Cells: []Cell{
			{CellType: "code", ID: "a", Metadata: map[string]any{}, Outputs: &outs},
			{CellType: "markdown", ID: "a", ExecutionCount: &one},
			{CellType: "code", Metadata: map[string]any{}},
		},
	}
	err := nb.Check()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"nbformat is 3", `kernelspec.name is "python3"`, `kernelspec.display_name is ""`,
		`language_info.name is ""`, "output 0: an execute_result needs", `output_type "display"`,
		`id "a" used twice`, "only code cells have outputs", "cell 1 (markdown): no metadata",
		"cell 2 (code): no id", "cell 2 (code): no outputs list",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}

// The script holds exactly the notebook's code cells.
func TestScriptMatchesNotebook(t *testing.T) {
	nb := readNotebook(t)
	data, err := os.ReadFile(filepath.Join(root(t), scriptPath))
	if err != nil {
		t.Fatal(err)
	}
	header, cells := ScriptCells(string(data))
	if header != scriptHeader {
		t.Errorf("%s: header differs from the one the checker writes", scriptPath)
	}
	code := nb.Code()
	if len(cells) != len(code) {
		t.Fatalf("%s has %d cells, the notebook %d code cells; run: go run ./examples/notebook/check -update", scriptPath, len(cells), len(code))
	}
	for i := range code {
		if strings.TrimRight(code[i], "\n") != cells[i] {
			t.Errorf("cell %d differs between the notebook and %s; run: go run ./examples/notebook/check -update\nnotebook:\n%s\nscript:\n%s",
				i+1, scriptPath, code[i], cells[i])
		}
	}
	if Script(scriptHeader, code) != string(data) {
		t.Errorf("%s is not as the checker writes it; run: go run ./examples/notebook/check -update", scriptPath)
	}
}

// The outputs stored in the notebook are the golden file's, and the file is
// laid out as the checker (and Jupyter) write it.
func TestNotebookOutputsMatchGolden(t *testing.T) {
	dir := root(t)
	golden, err := os.ReadFile(filepath.Join(dir, goldenPath))
	if err != nil {
		t.Fatal(err)
	}
	results, err := ParseGolden(string(golden))
	if err != nil {
		t.Fatalf("%s: %v", goldenPath, err)
	}
	if got := FormatGolden(results); got != string(golden) {
		t.Errorf("%s does not read back to itself:\n%s", goldenPath, diff(string(golden), got))
	}
	nb := readNotebook(t)
	if err := nb.SetOutputs(results); err != nil {
		t.Fatalf("%s against the notebook: %v; run: go run ./examples/notebook/check -update", goldenPath, err)
	}
	want, err := nb.Encode()
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(filepath.Join(dir, notebookPath))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("the notebook's stored outputs or layout differ from %s (-stored +golden):\n%s\nrun: go run ./examples/notebook/check -update",
			goldenPath, diff(string(have), string(want)))
	}
}

// Cells import the library only through the placeholder, never through
// a path on somebody's machine, and every code cell has run in the golden.
func TestCellsImportThroughPlaceholder(t *testing.T) {
	nb := readNotebook(t)
	importRE := regexp.MustCompile(`"(/[^"]*)"`)
	found := false
	for i, c := range nb.Code() {
		for _, m := range importRE.FindAllStringSubmatch(c, -1) {
			if strings.HasPrefix(m[1], Placeholder+"/") {
				found = true
				continue
			}
			t.Errorf("code cell %d: %q is an absolute path other than %s/...", i+1, m[1], Placeholder)
		}
	}
	if !found {
		t.Errorf("no cell imports %s/...", Placeholder)
	}
}

func TestGoldenRoundTrip(t *testing.T) {
	results := []Result{
		{Stdout: "a\n#### not a mark\n", Data: map[string]string{"text/plain": "2", "text/x-other": "x\n", "image/svg+xml": "<svg/>"}},
		{},
		{Stderr: "warning", Stdout: "---- table rule\n\n"},
	}
	if err := CheckGoldenable(results); err == nil || !strings.Contains(err.Error(), "cell 1 stdout") {
		t.Errorf("CheckGoldenable = %v, want an error about cell 1 stdout", err)
	}
	results[0].Stdout = "a\n"
	if err := CheckGoldenable(results); err != nil {
		t.Error(err)
	}
	text := FormatGolden(results)
	back, err := ParseGolden(text)
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatGolden(back); got != text {
		t.Errorf("round trip:\n%s", diff(text, got))
	}
	for i := range results {
		if back[i].Stdout != results[i].Stdout || back[i].Stderr != results[i].Stderr || len(back[i].Data) != len(results[i].Data) {
			t.Errorf("cell %d: got %+v, want %+v", i+1, back[i], results[i])
		}
		for k, v := range results[i].Data {
			if back[i].Data[k] != v {
				t.Errorf("cell %d %s: got %q, want %q", i+1, k, back[i].Data[k], v)
			}
		}
	}
}

// The tool module pins the interpreter that gophernotes' main branch uses,
// with the x/tools it needs to build on current Go.
func TestToolModulePins(t *testing.T) {
	dir := filepath.Join(root(t), toolsDir)
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"tool github.com/cosmos72/gomacro\n",
		"github.com/cosmos72/gomacro v0.0.0-20231101204900-3dc08f5f8fea",
		"golang.org/x/tools v0.52.0",
	} {
		if !strings.Contains(string(mod), want) {
			t.Errorf("%s/go.mod does not have %q", toolsDir, want)
		}
	}
	for _, want := range []string{
		"github.com/cosmos72/gomacro v0.0.0-20231101204900-3dc08f5f8fea h1:",
		"golang.org/x/tools v0.52.0 h1:",
	} {
		if !strings.Contains(string(sum), want) {
			t.Errorf("%s/go.sum does not have %q", toolsDir, want)
		}
	}
	// A plugin and the interpreter that loads it must agree on every package
	// they share: the tool module may not link another x/text than the library.
	rootMod, err := os.ReadFile(filepath.Join(root(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	version := func(mod []byte, path string) string {
		m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(path) + ` (v\S+)`).FindSubmatch(mod)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	for _, path := range []string{"golang.org/x/text", "github.com/shopspring/decimal"} {
		if v := version(mod, path); v != "" && v != version(rootMod, path) {
			t.Errorf("%s requires %s %s, the library %s", toolsDir, path, v, version(rootMod, path))
		}
	}
}
