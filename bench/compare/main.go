// Command compare measures summitry against the exact tools an analyst
// would use instead, on the same data set, and checks that they all give
// the same totals, digit for digit.
//
// Usage, from the module root:
//
//	go run ./bench/compare [-n 1000000] [-big 0] [-count 3] [-runs 7] [-profile cpu.out]
//	go run ./bench/compare -emit data.csv    # only print the Go totals of a CSV
//
// It generates n pledges (internal/benchdata: 100 donors, 20 categories,
// amounts up to 10^12 with two decimals, -big of them with 25-digit
// amounts) and writes them as CSV in a temporary folder, then
//
//   - builds a pledge.Book from that CSV and takes its totals by donor and
//     category (what -emit prints);
//   - runs go test -bench 'BookTotal1M|NaiveShopspring1M' -benchmem ./pledge
//     on the same rows (through SUMMITRY_BENCH_N, _BIG and _SEED);
//   - runs bench/reference.py with python3 (decimal.Decimal and a dict);
//   - when node and npm are present, installs @duckdb/node-api into the
//     temporary folder and runs bench/duckdb.mjs (SUM over DECIMAL(38,2),
//     grouped by VARCHAR keys and, as DuckDB at its best, by ENUM keys);
//
// and prints the medians of their runs, the spread and the ratios. Then,
// end to end, it writes the same records as a book's CSV with
// Book.WriteCSV and times each tool from that file to the totals by donor
// and category, -runs times: summitry (Book.ReadCSV and Total, in this
// process), DuckDB (read_csv and SUM ... GROUP BY in one query) and Python
// (csv, decimal and a dict); and, as the floor, reading the file's bytes
// alone. It checks that every tool printed the same totals and prints a
// Markdown table, ready to paste, with the ratios of this run's medians.
// Python and DuckDB are skipped, with a note, when they cannot run. The
// exit status is 1 when totals differ or a step fails.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/benchdata"
	"github.com/summitry/summitry/pledge"
)

// duckDBVersion is the @duckdb/node-api release installed from the npm
// registry.
const duckDBVersion = "1.5.6-r.1"

func main() {
	var (
		spec      = benchdata.Spec{Donors: 100, Categories: 20}
		count     = flag.Int("count", 3, "runs of each Go benchmark (go test -count); the table gives their median and spread")
		benchtime = flag.String("benchtime", "1s", "go test -benchtime")
		duckVer   = flag.String("duckdb", duckDBVersion, "@duckdb/node-api version to install; \"\" skips DuckDB")
		noPython  = flag.Bool("nopython", false, "skip the Python reference")
		dir       = flag.String("dir", "", "folder for the data set and DuckDB (default: a new temporary folder, removed afterwards)")
		emit      = flag.String("emit", "", "only read this CSV and print the Go totals, as the references print theirs")
		runs      = flag.Int("runs", 7, "runs of each tool from the book's CSV to the totals (Python: half as many)")
		profile   = flag.String("profile", "", "write a CPU profile of summitry's loads from the book's CSV to this file")
	)
	flag.IntVar(&spec.N, "n", 1_000_000, "pledges in the data set")
	flag.IntVar(&spec.Big, "big", 0, "pledges with 25-digit amounts, beyond int64 (exercises the exact fallback)")
	flag.Uint64Var(&spec.Seed, "seed", 1, "generator seed")
	flag.Parse()

	if *emit != "" {
		f, err := os.Open(*emit)
		if err != nil {
			fatal(err)
		}
		rows, err := benchdata.ReadCSV(f)
		f.Close()
		if err != nil {
			fatal(err)
		}
		out, err := goTotals(rows)
		if err != nil {
			fatal(err)
		}
		w := bufio.NewWriter(os.Stdout)
		for _, l := range out {
			fmt.Fprintln(w, l)
		}
		if err := w.Flush(); err != nil {
			fatal(err)
		}
		return
	}

	c := &comparison{spec: spec, count: *count, benchtime: *benchtime, duckVer: *duckVer, python: !*noPython, runs: max(1, *runs), profile: *profile}
	if err := c.run(*dir); err != nil {
		fatal(err)
	}
	if c.failed {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}

type comparison struct {
	spec      benchdata.Spec
	count     int
	benchtime string
	duckVer   string
	python    bool
	runs      int    // of each tool, end to end
	profile   string // where to write a CPU profile of summitry's loads
	duck      struct{ dir, note string }

	root, work, csvPath string
	failed              bool
}

// result is what one tool printed: its totals, one canonical line per
// group, and its fields (times_ns, rows, versions).
type result struct {
	name  string
	lines []string
	meta  map[string]string
	times timing // of one full totalling, each run
	note  string
}

func (c *comparison) run(dir string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	c.root = root
	if dir == "" {
		tmp, err := os.MkdirTemp("", "summitry-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	c.work = dir

	fmt.Printf("machine: %s, %d CPUs, %s %s/%s, load average %s\n", cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, loadAverage())
	fmt.Printf("data:    %d pledges, %d donors × %d categories, %d with 25-digit amounts, seed %d\n",
		c.spec.N, c.spec.Donors, c.spec.Categories, c.spec.Big, c.spec.Seed)

	// The data set, as CSV, and the Go totals of that CSV.
	rows := c.spec.Rows()
	c.csvPath = filepath.Join(dir, "pledges.csv")
	if err := writeCSV(c.csvPath, rows); err != nil {
		return err
	}
	fmt.Printf("csv:     %s\n\n", c.csvPath)
	goLines, err := c.goEmit(rows)
	if err != nil {
		return err
	}

	step("go test -bench (Book.Total and the naive shopspring loop)")
	bench, err := c.goBench()
	if err != nil {
		return err
	}

	var refs []*result
	if c.python {
		step("python3 bench/reference.py")
		refs = append(refs, c.pythonRef())
	}
	if c.duckVer != "" {
		step("DuckDB through @duckdb/node-api " + c.duckVer)
		refs = append(refs, c.duckDB())
	}

	step("totals")
	fmt.Printf("Go (pledge.Book from the CSV): %d groups\n", len(goLines))
	for _, r := range refs {
		switch {
		case r.lines == nil:
			fmt.Printf("%s: skipped (%s)\n", r.name, r.note)
		default:
			if d := diffLines(goLines, r.lines); d != "" {
				c.failed = true
				fmt.Printf("%s: DIFFERENT from Go:\n%s", r.name, d)
			} else {
				fmt.Printf("%s: the same %d groups, digit for digit\n", r.name, len(r.lines))
			}
			if n := r.meta["rows"]; n != "" && n != strconv.Itoa(c.spec.N) {
				c.failed = true
				fmt.Printf("%s: read %s rows, want %d\n", r.name, n, c.spec.N)
			}
		}
	}

	step("times")
	c.report(bench, refs)

	step("end to end: the book's CSV file to the totals")
	if err := c.endToEnd(rows); err != nil {
		return err
	}
	if c.failed {
		fmt.Println("\nFAILED: see above")
	}
	return nil
}

func step(s string) { fmt.Printf("\n== %s\n", s) }

// moduleRoot returns the folder of go.mod, where bench/ and pledge/ are.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the summitry module")
	}
	return filepath.Dir(mod), nil
}

// loadAverage returns the 1, 5 and 15 minute load averages: figures taken
// on a busy machine are worth less.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return "unknown CPU"
}

func writeCSV(path string, rows []benchdata.Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := benchdata.WriteCSV(f, rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// goEmit reads the CSV back, checks it holds the generated rows (so the
// benchmark, which generates them, times what the references read), and
// returns the Book's totals.
func (c *comparison) goEmit(rows []benchdata.Row) ([]string, error) {
	f, err := os.Open(c.csvPath)
	if err != nil {
		return nil, err
	}
	back, err := benchdata.ReadCSV(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	if len(back) != len(rows) {
		return nil, fmt.Errorf("CSV has %d rows, generated %d", len(back), len(rows))
	}
	for i := range rows {
		if back[i].Donor != rows[i].Donor || back[i].Category != rows[i].Category || back[i].Amount() != rows[i].Amount() {
			return nil, fmt.Errorf("CSV row %d reads %+v, generated %+v", i+1, back[i], rows[i])
		}
	}
	return goTotals(back)
}

// goTotals builds a Book of the rows and returns its totals by donor and
// category as canonical lines: "donor,category,amount", two decimals.
func goTotals(rows []benchdata.Row) ([]string, error) {
	var book pledge.Book
	if err := book.Add(pledgesOf(rows)...); err != nil {
		return nil, err
	}
	t, err := book.Total(byDonorCategory)
	if err != nil {
		return nil, err
	}
	return totalLines(t)
}

// benchLine is one benchmark's runs.
type benchLine struct {
	runs              timing // ns/op of each run
	bytesOp, allocsOp float64
}

var benchRE = regexp.MustCompile(`^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// goBench runs the two Go benchmarks on the data set and returns, for each,
// its c.count runs.
func (c *comparison) goBench() (map[string]benchLine, error) {
	args := []string{"test", "-run", "^$", "-bench", "^Benchmark(BookTotal1M|NaiveShopspring1M)$", "-benchmem",
		"-count", strconv.Itoa(c.count), "-benchtime", c.benchtime, "./pledge"}
	fmt.Printf("go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir = c.root
	cmd.Env = append(os.Environ(),
		"SUMMITRY_BENCH_N="+strconv.Itoa(c.spec.N),
		"SUMMITRY_BENCH_BIG="+strconv.Itoa(c.spec.Big),
		"SUMMITRY_BENCH_SEED="+strconv.FormatUint(c.spec.Seed, 10))
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(os.Stdout, &out)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w", err)
	}
	best := map[string]benchLine{}
	for line := range strings.SplitSeq(out.String(), "\n") {
		m := benchRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		b := best[m[1]]
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				b.runs = append(b.runs, v)
			case "B/op":
				b.bytesOp = v
			case "allocs/op":
				b.allocsOp = v
			}
		}
		best[m[1]] = b
	}
	for _, name := range []string{"BookTotal1M", "NaiveShopspring1M"} {
		if _, ok := best[name]; !ok {
			return nil, fmt.Errorf("go test printed no result for Benchmark%s", name)
		}
	}
	return best, nil
}

// pythonRef runs bench/reference.py.
func (c *comparison) pythonRef() *result {
	r := &result{name: "Python decimal + dict"}
	py, err := exec.LookPath("python3")
	if err != nil {
		r.note = "no python3 on PATH"
		return r
	}
	c.runRef(r, exec.Command(py, filepath.Join(c.root, "bench", "reference.py"), c.csvPath))
	return r
}

// duckDB runs bench/duckdb.mjs on the data set's CSV.
func (c *comparison) duckDB() *result {
	r := &result{name: "DuckDB SUM(DECIMAL(38,2))"}
	dir, note := c.duckDir()
	if dir == "" {
		r.note = note
		return r
	}
	c.runRef(r, exec.Command("node", filepath.Join(dir, "duckdb.mjs"), c.csvPath))
	return r
}

// duckDir installs @duckdb/node-api into the work folder, once, with a
// copy of bench/duckdb.mjs beside it (ES modules resolve packages next to
// the script), and returns the folder; "" and why not when it cannot.
func (c *comparison) duckDir() (string, string) {
	if c.duck.dir != "" || c.duck.note != "" {
		return c.duck.dir, c.duck.note
	}
	c.duck.dir, c.duck.note = c.installDuckDB()
	return c.duck.dir, c.duck.note
}

func (c *comparison) installDuckDB() (string, string) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", "no node on PATH"
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", "no npm on PATH"
	}
	dir := filepath.Join(c.work, "duckdb")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err.Error()
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true, "type": "module"}`+"\n"), 0o644); err != nil {
		return "", err.Error()
	}
	install := exec.Command(npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "@duckdb/node-api@"+c.duckVer)
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		return "", fmt.Sprintf("npm install @duckdb/node-api@%s failed: %v: %s", c.duckVer, err, firstLine(out))
	}
	script, err := os.ReadFile(filepath.Join(c.root, "bench", "duckdb.mjs"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "duckdb.mjs"), script, 0o644)
	}
	if err != nil {
		return "", err.Error()
	}
	return dir, ""
}

func firstLine(b []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return line
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// runRef runs a reference and reads its lines: totals, then "# key=value"
// fields.
func (c *comparison) runRef(r *result, cmd *exec.Cmd) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		r.note = fmt.Sprintf("%v: %s", err, lastLine(stderr.Bytes()))
		c.failed = true
		return
	}
	r.meta = map[string]string{}
	lines := []string{}
	for line := range strings.SplitSeq(strings.TrimRight(string(out), "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			for _, f := range strings.Fields(rest) {
				if k, v, ok := strings.Cut(f, "="); ok {
					r.meta[k] = v
				}
			}
			continue
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	key := "times_ns"
	if r.meta[key] == "" {
		key = "e2e_ns"
	}
	times, err := parseTimes(r.meta[key])
	if err != nil {
		r.note = fmt.Sprintf("no %s in its output: %v", key, err)
		c.failed = true
		return
	}
	r.lines, r.times = lines, times
	fmt.Printf("median %s (%s); %s\n", fmtDuration(times.median()), times.spread(), versions(r.meta))
}

func versions(meta map[string]string) string {
	var parts []string
	for k, v := range meta {
		if !strings.HasSuffix(k, "_ns") && k != "rows" {
			parts = append(parts, k+" "+v)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

// diffLines describes how got differs from want (both sorted), at most a
// few lines of it.
func diffLines(want, got []string) string {
	var b strings.Builder
	n := 0
	note := func(format string, args ...any) {
		if n < 8 {
			fmt.Fprintf(&b, "  "+format+"\n", args...)
		}
		n++
	}
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i] < got[j]:
			note("Go only:  %s", want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			note("it only:  %s", got[j])
			j++
		default:
			i++
			j++
		}
	}
	if n > 8 {
		fmt.Fprintf(&b, "  ... %d differences in all\n", n)
	}
	return b.String()
}

// fmtDuration writes a time to three significant digits: 1.70ms, 132ms.
func fmtDuration(ns float64) string {
	unit := 1.0
	for unit*1000 <= ns {
		unit *= 10
	}
	return time.Duration(math.Round(ns/unit) * unit).String()
}

// report prints the table of times and the ratios to Book.Total, from
// the medians of this run.
func (c *comparison) report(bench map[string]benchLine, refs []*result) {
	book := bench["BookTotal1M"]
	naive := bench["NaiveShopspring1M"]
	n := float64(c.spec.N)
	fmt.Printf("| exact totals by donor × category, %s records | median | spread | ns/record | allocs/op | Book.Total is |\n", count(c.spec.N))
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	row := func(name string, t timing, allocs string) {
		vs := "—"
		if name != "summitry `Book.Total`" {
			vs = versus(t.median() / book.runs.median())
		}
		fmt.Printf("| %s | %s | %s | %.1f | %s | %s |\n", name, fmtDuration(t.median()), t.spread(), t.median()/n, allocs, vs)
	}
	row("summitry `Book.Total`", book.runs, strconv.FormatFloat(book.allocsOp, 'f', -1, 64))
	row("naive shopspring `Add` into a map (Go)", naive.runs, strconv.FormatFloat(naive.allocsOp, 'f', -1, 64))
	for _, r := range refs {
		if r.lines == nil {
			fmt.Printf("| %s | skipped | | | | |\n", r.name)
			continue
		}
		row(r.name, r.times, "")
		if t, err := parseTimes(r.meta["enum_times_ns"]); err == nil {
			row(r.name+", ENUM keys", t, "")
		}
	}
	fmt.Println()
	fmt.Printf("targets (issue 7): %s\n", strings.Join(targets(book, naive, refs), "; "))
}

// versus says how Book.Total (or the load) compares with a tool that took
// ratio times as long.
func versus(ratio float64) string {
	if ratio >= 1 {
		return fmtRatio(ratio) + " faster"
	}
	return fmtRatio(1/ratio) + " slower"
}

// count writes n as people read it: "1,000,000".
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fmtRatio prints a ratio with two decimals near 1, one beyond.
func fmtRatio(r float64) string {
	if r < 2 {
		return fmt.Sprintf("%.2f×", r)
	}
	return fmt.Sprintf("%.1f×", r)
}

func targets(book, naive benchLine, refs []*result) []string {
	verdict := func(name string, ratio, want float64) string {
		ok := "met"
		if ratio < want {
			ok = "NOT met"
		}
		return fmt.Sprintf("vs %s %.1f× (want ≥ %g×: %s)", name, ratio, want, ok)
	}
	b := book.runs.median()
	out := []string{verdict("naive", naive.runs.median()/b, 20)}
	for _, r := range refs {
		if r.lines != nil && strings.HasPrefix(r.name, "Python") {
			out = append(out, verdict("Python", r.times.median()/b, 50))
		}
		if r.lines != nil && strings.HasPrefix(r.name, "DuckDB") {
			out = append(out, fmt.Sprintf("vs DuckDB %.2f× (aim: ≥ 1×)", r.times.median()/b))
			if t, err := parseTimes(r.meta["enum_times_ns"]); err == nil {
				out = append(out, fmt.Sprintf("vs DuckDB with ENUM keys %.2f×", t.median()/b))
			}
		}
	}
	return out
}

// timing is the times of the runs of one measurement, in nanoseconds.
type timing []float64

// parseTimes reads "t1,t2,...".
func parseTimes(s string) (timing, error) {
	if s == "" {
		return nil, errors.New("no times")
	}
	var t timing
	for f := range strings.SplitSeq(s, ",") {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, err
		}
		t = append(t, v)
	}
	return t, nil
}

// median is the middle run (the mean of the middle two for an even count).
func (t timing) median() float64 {
	if len(t) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(t))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is the fastest and slowest run.
func (t timing) spread() string {
	if len(t) == 0 {
		return ""
	}
	runs := "runs"
	if len(t) == 1 {
		runs = "run"
	}
	return fmt.Sprintf("%s–%s (%d %s)", fmtDuration(slices.Min(t)), fmtDuration(slices.Max(t)), len(t), runs)
}
