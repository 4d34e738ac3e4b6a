package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Placeholder is the directory the notebook's cells import the library from
// ("/path/to/summitry/pledge"). A user replaces it with the absolute path of
// their clone; the checker replaces it with the working tree's.
const Placeholder = "/path/to/summitry"

// Notebook is the part of nbformat 4 this checker reads and writes. Fields
// are in the order Jupyter writes them (sorted), so a notebook saved by
// Jupyter and one written here differ only where their content does.
type Notebook struct {
	Cells         []Cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

// Cell is a notebook cell. Source and output texts are stored as lists of
// lines, as Jupyter stores them; a plain string is read too.
type Cell struct {
	CellType       string         `json:"cell_type"`
	ExecutionCount *int           `json:"execution_count,omitempty"`
	ID             string         `json:"id,omitempty"`
	Metadata       map[string]any `json:"metadata"`
	Outputs        *[]Output      `json:"outputs,omitempty"`
	Source         MultiLine      `json:"source"`
}

// Output is a code cell output: a stream, or an execution result.
type Output struct {
	Data           map[string]MultiLine `json:"data,omitempty"`
	ExecutionCount *int                 `json:"execution_count,omitempty"`
	Metadata       json.RawMessage      `json:"metadata,omitempty"`
	Name           string               `json:"name,omitempty"`
	OutputType     string               `json:"output_type"`
	Text           *MultiLine           `json:"text,omitempty"`
}

// MultiLine is nbformat's multiline string: one string, or lines to join.
type MultiLine string

// MarshalJSON writes the text as nbformat does: a list of lines, each with
// its newline.
func (m MultiLine) MarshalJSON() ([]byte, error) {
	lines := strings.SplitAfter(string(m), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if lines == nil {
		lines = []string{}
	}
	return marshal(lines)
}

// UnmarshalJSON reads either form nbformat allows: one string or a list of
// lines to join.
func (m *MultiLine) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*m = MultiLine(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(data, &lines); err != nil {
		return errors.New("want a string or a list of strings")
	}
	*m = MultiLine(strings.Join(lines, ""))
	return nil
}

// marshal encodes v as JSON without escaping <, > and &, as Jupyter does.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ReadNotebook reads and checks a notebook file.
func ReadNotebook(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb Notebook
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := nb.Check(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &nb, nil
}

// Check reports what keeps nb from being a valid nbformat 4 notebook for the
// gophernotes kernel.
func (nb *Notebook) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if nb.NBFormat != 4 {
		bad("nbformat is %d, want 4", nb.NBFormat)
	}
	if nb.NBFormatMinor < 0 {
		bad("nbformat_minor is %d", nb.NBFormatMinor)
	}
	ks, _ := nb.Metadata["kernelspec"].(map[string]any)
	for k, want := range map[string]string{"name": "gophernotes", "display_name": "Go", "language": "go"} {
		if got, _ := ks[k].(string); got != want {
			bad("metadata.kernelspec.%s is %q, want %q", k, got, want)
		}
	}
	li, _ := nb.Metadata["language_info"].(map[string]any)
	if got, _ := li["name"].(string); got != "go" {
		bad("metadata.language_info.name is %q, want %q", got, "go")
	}
	ids := map[string]bool{}
	for i, c := range nb.Cells {
		at := fmt.Sprintf("cell %d (%s)", i, c.CellType)
		if c.Metadata == nil {
			bad("%s: no metadata object", at)
		}
		if nb.NBFormatMinor >= 5 {
			switch {
			case c.ID == "":
				bad("%s: no id (required from nbformat 4.5)", at)
			case ids[c.ID]:
				bad("%s: id %q used twice", at, c.ID)
			}
			ids[c.ID] = true
		}
		switch c.CellType {
		case "code":
			if c.Outputs == nil {
				bad("%s: no outputs list", at)
				continue
			}
			for j, o := range *c.Outputs {
				switch o.OutputType {
				case "stream":
					if o.Name != "stdout" && o.Name != "stderr" || o.Text == nil {
						bad("%s output %d: a stream needs name stdout or stderr and text", at, j)
					}
				case "execute_result":
					if o.Data == nil || o.Metadata == nil || o.ExecutionCount == nil {
						bad("%s output %d: an execute_result needs data, metadata and execution_count", at, j)
					}
				default:
					bad("%s output %d: output_type %q, want stream or execute_result", at, j, o.OutputType)
				}
			}
		case "markdown", "raw":
			if c.Outputs != nil || c.ExecutionCount != nil {
				bad("%s: only code cells have outputs and execution_count", at)
			}
		default:
			bad("%s: unknown cell_type", at)
		}
	}
	return errors.Join(errs...)
}

// Code returns the sources of the code cells, in order.
func (nb *Notebook) Code() []string {
	var code []string
	for _, c := range nb.Cells {
		if c.CellType == "code" {
			code = append(code, string(c.Source))
		}
	}
	return code
}

// Encode returns the notebook as Jupyter writes it: sorted keys, one-space
// indent, a final newline.
func (nb *Notebook) Encode() ([]byte, error) {
	data, err := marshal(nb)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", " "); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// SetOutputs replaces the outputs of the code cells with those recorded in
// results, one per code cell, numbering the cells as a run from the top does.
func (nb *Notebook) SetOutputs(results []Result) error {
	n := 0
	for i := range nb.Cells {
		c := &nb.Cells[i]
		if c.CellType != "code" {
			continue
		}
		if n >= len(results) {
			return fmt.Errorf("%d results for more code cells", len(results))
		}
		r := results[n]
		n++
		count := n
		c.ExecutionCount = &count
		outs := []Output{}
		for _, s := range []struct{ name, text string }{{"stdout", r.Stdout}, {"stderr", r.Stderr}} {
			if s.text != "" {
				text := MultiLine(s.text)
				outs = append(outs, Output{OutputType: "stream", Name: s.name, Text: &text})
			}
		}
		if len(r.Data) > 0 {
			data := map[string]MultiLine{}
			for k, v := range r.Data {
				data[k] = MultiLine(v)
			}
			outs = append(outs, Output{OutputType: "execute_result", ExecutionCount: &count, Data: data, Metadata: json.RawMessage("{}")})
		}
		c.Outputs = &outs
	}
	if n != len(results) {
		return fmt.Errorf("%d results for %d code cells", len(results), n)
	}
	return nil
}

// Script returns the code cells as one gomacro script: header, then each
// cell after a "// %%" line.
func Script(header string, cells []string) string {
	var b strings.Builder
	b.WriteString(header)
	for _, c := range cells {
		b.WriteString("\n// %%\n")
		b.WriteString(strings.TrimRight(c, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

// ScriptCells splits a script written by Script into its header and cells.
func ScriptCells(script string) (header string, cells []string) {
	parts := strings.Split(script, "\n// %%\n")
	for _, p := range parts[1:] {
		cells = append(cells, strings.TrimSuffix(p, "\n"))
	}
	return parts[0], cells
}
