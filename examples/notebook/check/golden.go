package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Result is what one cell did, as cellrun (examples/notebook/tools/cellrun)
// reports it.
type Result struct {
	Stdout  string            `json:"stdout"`
	Stderr  string            `json:"stderr"`
	Data    map[string]string `json:"data,omitempty"`
	Error   string            `json:"error,omitempty"`
	Log     string            `json:"log"`
	Seconds float64           `json:"seconds"`
}

// The golden file lists, for each code cell, what it printed and what
// Jupyter would display for it, in sections that start with a "#### " line:
//
//	#### cell 3
//	#### stdout
//	...
//	#### text/plain
//	...
//
// A section whose text does not end in a newline is marked "(no final
// newline)". Sections come in a fixed order: stdout, stderr, then the
// display data by MIME type.
const mark = "#### "

const noNewline = " (no final newline)"

// mimeOrder is the order of display data in the golden file; types not
// listed follow in sorted order.
var mimeOrder = []string{"text/plain", "text/markdown", "text/html", "image/svg+xml"}

// CheckGoldenable reports output that the golden format cannot hold: a line
// that starts with the section mark.
func CheckGoldenable(results []Result) error {
	for i, r := range results {
		texts := map[string]string{"stdout": r.Stdout, "stderr": r.Stderr}
		for k, v := range r.Data {
			texts[k] = v
		}
		for _, k := range append([]string{"stdout", "stderr"}, mimeTypes(r.Data)...) {
			if strings.HasPrefix(texts[k], mark) || strings.Contains(texts[k], "\n"+mark) {
				return fmt.Errorf("cell %d %s has a line starting with %q, which the golden file uses to separate sections", i+1, k, mark)
			}
		}
	}
	return nil
}

// FormatGolden returns the golden text for results.
func FormatGolden(results []Result) string {
	var b strings.Builder
	b.WriteString("# What each code cell of summitry.ipynb prints and displays when run in gomacro.\n")
	b.WriteString("# Written by: go run ./examples/notebook/check -update\n")
	section := func(name, text string) {
		if text == "" {
			return
		}
		b.WriteString(mark + name)
		if !strings.HasSuffix(text, "\n") {
			b.WriteString(noNewline)
			text += "\n"
		}
		b.WriteString("\n" + text)
	}
	for i, r := range results {
		fmt.Fprintf(&b, "%scell %d\n", mark, i+1)
		section("stdout", r.Stdout)
		section("stderr", r.Stderr)
		for _, k := range mimeTypes(r.Data) {
			section(k, r.Data[k])
		}
	}
	return b.String()
}

func mimeTypes(data map[string]string) []string {
	var rest []string
	for k := range data {
		if !slices.Contains(mimeOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	var keys []string
	for _, k := range mimeOrder {
		if _, ok := data[k]; ok {
			keys = append(keys, k)
		}
	}
	return append(keys, rest...)
}

// ParseGolden reads what FormatGolden writes.
func ParseGolden(text string) ([]Result, error) {
	var results []Result
	var cur *Result
	var name string
	var body strings.Builder
	trim := false
	flush := func() {
		if cur == nil || name == "" {
			return
		}
		s := body.String()
		if trim {
			s = strings.TrimSuffix(s, "\n")
		}
		switch name {
		case "stdout":
			cur.Stdout = s
		case "stderr":
			cur.Stderr = s
		default:
			if cur.Data == nil {
				cur.Data = map[string]string{}
			}
			cur.Data[name] = s
		}
		name = ""
		body.Reset()
	}
	for i, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		head, ok := strings.CutPrefix(line, mark)
		if !ok {
			if cur == nil {
				if strings.HasPrefix(line, "#") {
					continue // comment before the first cell
				}
				return nil, fmt.Errorf("line %d: text before the first cell", i+1)
			}
			if name == "" {
				return nil, fmt.Errorf("line %d: text outside a section", i+1)
			}
			body.WriteString(line)
			continue
		}
		flush()
		head = strings.TrimSuffix(head, "\n")
		if n, ok := strings.CutPrefix(head, "cell "); ok {
			k, err := strconv.Atoi(n)
			if err != nil || k != len(results)+1 {
				return nil, fmt.Errorf("line %d: %q, want cell %d", i+1, line, len(results)+1)
			}
			results = append(results, Result{})
			cur = &results[len(results)-1]
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("line %d: section before the first cell", i+1)
		}
		name, trim = strings.CutSuffix(head, noNewline)
	}
	flush()
	return results, nil
}
