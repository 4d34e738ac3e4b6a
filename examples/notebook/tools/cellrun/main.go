//go:debug gotypesalias=0

// Command cellrun evaluates notebook cells in the gomacro interpreter the way
// the gophernotes Jupyter kernel does, and writes what each cell printed and
// displayed as JSON. It is the interpreter half of the notebook checker
// (examples/notebook/check); it does not compare anything itself.
//
//	cellrun -in cells.json -out results.json [-gosrc dir]
//
// cells.json is a JSON array of cell sources. Each cell is parsed, compiled
// and run in one interpreter, in order, as gophernotes runs a cell: os.Stdout
// and os.Stderr are captured while it runs, a panic or compile error is the
// cell's error, and the values of its last expression are shown as
// gophernotes would show them: a value with HTML() string, Markdown() string
// or SVG() string methods as those MIME types, anything else as text/plain
// (fmt.Sprint). Evaluation stops at the first failing cell
// unless -k is given.
//
// gomacro imports a package given by absolute path by compiling a plugin in
// $GOPATH/src/gomacro.imports; -gosrc moves that directory (it stands for
// $GOPATH/src) so that a run leaves nothing behind.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/cosmos72/gomacro/ast2"
	"github.com/cosmos72/gomacro/base"
	"github.com/cosmos72/gomacro/base/genimport"
	"github.com/cosmos72/gomacro/base/paths"
	basereflect "github.com/cosmos72/gomacro/base/reflect"
	interp "github.com/cosmos72/gomacro/fast"
	"github.com/cosmos72/gomacro/imports"
	xr "github.com/cosmos72/gomacro/xreflect"
)

// Result is what one cell did.
type Result struct {
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	// Data is the display data of the cell's last values, by MIME type;
	// empty when gophernotes shows nothing (no values, or only nil ones).
	Data map[string]string `json:"data,omitempty"`
	// Error is the interpreter's message when the cell failed.
	Error string `json:"error,omitempty"`
	// Log is what the interpreter itself wrote (warnings, go get and plugin
	// build output) while the cell ran.
	Log     string  `json:"log"`
	Seconds float64 `json:"seconds"`
}

// The rendering interfaces gophernotes looks for, by exact signature. As
// gophernotes does, they are bound into the interpreter as a compiled package
// with proxies, so that values of interpreted types with these methods can be
// converted to them too.
type (
	HTMLer     interface{ HTML() string }
	Markdowner interface{ Markdown() string }
	SVGer      interface{ SVG() string }
)

type (
	proxyHTMLer struct {
		Object any
		HTML_  func(any) string
	}
	proxyMarkdowner struct {
		Object    any
		Markdown_ func(any) string
	}
	proxySVGer struct {
		Object any
		SVG_   func(any) string
	}
)

func (p *proxyHTMLer) HTML() string         { return p.HTML_(p.Object) }
func (p *proxyMarkdowner) Markdown() string { return p.Markdown_(p.Object) }
func (p *proxySVGer) SVG() string           { return p.SVG_(p.Object) }

// displayPath is where the interfaces are bound; cells do not import it.
const displayPath = "summitry.example/cellrun/display"

var renderers = []struct {
	name, mime string
	iface      reflect.Type
	call       func(any) string
}{
	{"HTMLer", "text/html", reflect.TypeFor[HTMLer](), func(v any) string { return v.(HTMLer).HTML() }},
	{"Markdowner", "text/markdown", reflect.TypeFor[Markdowner](), func(v any) string { return v.(Markdowner).Markdown() }},
	{"SVGer", "image/svg+xml", reflect.TypeFor[SVGer](), func(v any) string { return v.(SVGer).SVG() }},
}

// ifaces are the interpreter's types of the rendering interfaces, by name.
var ifaces map[string]xr.Type

func bindDisplay(ir *interp.Interp) map[string]xr.Type {
	imports.Packages[displayPath] = imports.Package{
		Name: "display",
		Types: map[string]reflect.Type{
			"HTMLer":     reflect.TypeFor[HTMLer](),
			"Markdowner": reflect.TypeFor[Markdowner](),
			"SVGer":      reflect.TypeFor[SVGer](),
		},
		Proxies: map[string]reflect.Type{
			"HTMLer":     reflect.TypeFor[proxyHTMLer](),
			"Markdowner": reflect.TypeFor[proxyMarkdowner](),
			"SVGer":      reflect.TypeFor[proxySVGer](),
		},
	}
	return ir.ImportPackage("display", displayPath).Types
}

func main() {
	in := flag.String("in", "", "JSON array of cell sources")
	out := flag.String("out", "", "where to write the JSON array of results")
	gosrc := flag.String("gosrc", "", "directory standing for $GOPATH/src, where gomacro compiles import plugins")
	keepGoing := flag.Bool("k", false, "keep going after a cell fails")
	flag.Parse()
	if *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *gosrc, *keepGoing); err != nil {
		fmt.Fprintln(os.Stderr, "cellrun:", err)
		os.Exit(1)
	}
}

func run(in, out, gosrc string, keepGoing bool) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var cells []string
	if err := json.Unmarshal(data, &cells); err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	if gosrc != "" {
		abs, err := filepath.Abs(gosrc)
		if err != nil {
			return err
		}
		paths.GoSrcDir = abs
	}

	ir := interp.New()
	var log bytes.Buffer
	ir.Comp.Stdout = &log
	ir.Comp.Stderr = &log
	// The importer keeps a pointer to a copy of the interpreter's output
	// taken before the interpreter was set up, so it would write the go get
	// and plugin build output to the process's own stdout: give it one that
	// writes where the interpreter does.
	ir.Comp.Importer = genimport.DefaultImporter(&ir.Comp.Output)
	ifaces = bindDisplay(ir)

	results := make([]Result, 0, len(cells))
	for _, src := range cells {
		log.Reset()
		start := time.Now()
		res, err := evalCell(ir, src)
		res.Seconds = time.Since(start).Round(10 * time.Millisecond).Seconds()
		res.Log += log.String()
		if err != nil {
			res.Error = err.Error()
		}
		results = append(results, res)
		if err != nil && !keepGoing {
			break
		}
	}
	enc, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(enc, '\n'), 0o644)
}

// evalCell runs one cell with os.Stdout and os.Stderr captured.
func evalCell(ir *interp.Interp, src string) (res Result, err error) {
	restore, wait, err := capture(&res.Stdout, &res.Stderr)
	if err != nil {
		return res, err
	}
	vals, types, err := eval(ir, src)
	restore()
	wait()
	res.Stdout, res.Log = splitWarnings(res.Stdout)
	if err != nil {
		return res, err
	}
	res.Data, err = display(ir, vals, types)
	return res, err
}

// eval parses, compiles and runs src as gophernotes does for a cell,
// turning a panic (which is how gomacro reports compile and run errors)
// into an error.
func eval(ir *interp.Interp, src string) (vals []any, types []xr.Type, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = errors.New(fmt.Sprint(r))
			}
		}
	}()
	c := ir.Comp
	c.Options &^= base.OptShowPrompt | base.OptTrapPanic
	c.Line = 0
	form := ast2.AnyToAst(c.ParseBytes([]byte(src)), "cellrun")
	if form == nil {
		return nil, nil, nil
	}
	values, xtypes := ir.RunExpr(ir.CompileAst(form))
	vals = make([]any, len(values))
	for i, v := range values {
		vals[i] = basereflect.ValueInterface(v)
	}
	return vals, xtypes, nil
}

// display returns the display data gophernotes would publish for a cell's
// values: rich data when exactly one value is renderable and the others are
// nil, nothing when all are nil, otherwise their text joined by spaces.
func display(ir *interp.Interp, vals []any, types []xr.Type) (map[string]string, error) {
	var obj any
	var typ xr.Type
	nils := 0
	for i, v := range vals {
		var t xr.Type
		if i < len(types) {
			t = types[i]
		}
		if renderable(ir, v, t) {
			obj, typ = v, t
		} else if v == nil {
			nils++
		}
	}
	switch {
	case obj != nil && nils == len(vals)-1:
		return render(ir, obj, typ)
	case nils == len(vals):
		return nil, nil
	}
	var buf bytes.Buffer
	for i, v := range vals {
		if i > 0 {
			buf.WriteByte(' ')
		}
		fmt.Fprint(&buf, v)
	}
	return map[string]string{"text/plain": buf.String()}, nil
}

func renderable(ir *interp.Interp, v any, t xr.Type) bool {
	if v == nil {
		return false
	}
	for _, r := range renderers {
		if reflect.TypeOf(v).Implements(r.iface) {
			return true
		}
		// Methods of interpreted types are emulated: ask the interpreter.
		if t != nil && t.Implements(ifaces[r.name]) {
			return true
		}
	}
	return false
}

func render(ir *interp.Interp, v any, t xr.Type) (data map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering %v: %v", t, r)
		}
	}()
	data = map[string]string{}
	for _, r := range renderers {
		x := v
		if t != nil && t.Implements(ifaces[r.name]) {
			if conv := ir.Comp.Converter(t, ifaces[r.name]); conv != nil {
				x = basereflect.ValueInterface(conv(xr.ValueOf(v)))
			}
		}
		if x != nil && reflect.TypeOf(x).Implements(r.iface) {
			data[r.mime] = r.call(x)
		}
	}
	// gophernotes means to add text/plain here too, but its check for an
	// existing entry compares a missing interface{} value with "", so it
	// never does: Jupyter gets only the rich forms (checked with gophernotes
	// built from its main branch).
	return data, nil
}

// skipWarning starts the lines gomacro prints straight to os.Stdout for
// each function or type of an imported package it cannot bind, such as the
// generic functions of the standard library (which ones depends on the Go
// version). gophernotes shows them in the first cell that imports.
const skipWarning = "// warning: skipping import of "

// splitWarnings moves the skipWarning lines of out to the log.
func splitWarnings(out string) (rest, log string) {
	var r, l strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(line, skipWarning) {
			l.WriteString(line)
		} else {
			r.WriteString(line)
		}
	}
	return r.String(), l.String()
}

// capture redirects os.Stdout and os.Stderr into pipes until restore is
// called; wait returns once everything written has been copied to out and
// errOut.
func capture(out, errOut *string) (restore, wait func(), err error) {
	oldOut, oldErr := os.Stdout, os.Stderr
	rOut, wOut, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	rErr, wErr, err := os.Pipe()
	if err != nil {
		rOut.Close()
		wOut.Close()
		return nil, nil, err
	}
	var wg sync.WaitGroup
	var bufOut, bufErr bytes.Buffer
	copyFrom := func(dst *bytes.Buffer, src *os.File) {
		defer wg.Done()
		io.Copy(dst, src)
		src.Close()
	}
	wg.Add(2)
	go copyFrom(&bufOut, rOut)
	go copyFrom(&bufErr, rErr)
	os.Stdout, os.Stderr = wOut, wErr
	restore = func() {
		os.Stdout, os.Stderr = oldOut, oldErr
		wOut.Close()
		wErr.Close()
	}
	wait = func() {
		wg.Wait()
		*out, *errOut = bufOut.String(), bufErr.String()
	}
	return restore, wait, nil
}
