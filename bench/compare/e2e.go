package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/benchdata"
	"github.com/summitry/summitry/pledge"
)

// pledgesOf turns rows of the data set into pledge records: the row's ID,
// donor, amount in USD, category and date, recipient Ukraine, stage
// pledged (as pledge's own benchmarks make them).
func pledgesOf(rows []benchdata.Row) []pledge.Pledge {
	ps := make([]pledge.Pledge, len(rows))
	for i, r := range rows {
		ps[i] = pledge.Pledge{
			ID: r.ID, Donor: r.Donor, Recipient: benchdata.Recipient, Amount: pledge.AmountOf(r.Decimal(), currency.USD),
			Categories: []pledge.Category{pledge.Category(r.Category)}, Stage: pledge.Pledged, Date: r.Date,
		}
	}
	return ps
}

// writeBookCSV writes the rows as a book's CSV, through the book's own
// writer (Book.WriteCSV).
func writeBookCSV(path string, rows []benchdata.Row) error {
	var book pledge.Book
	if err := book.Add(pledgesOf(rows)...); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := book.WriteCSV(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// byDonorCategory is the query of every comparison.
var byDonorCategory = pledge.Query{GroupBy: []pledge.Dimension{pledge.ByDonor, pledge.ByCategory}}

// totalLines writes totals as canonical lines: "donor,category,amount",
// two decimals, sorted.
func totalLines(t pledge.Totals) ([]string, error) {
	var lines []string
	for _, r := range t.Rows() {
		v := r.Amount.Decimal()
		if !v.Round(2).Equal(v) {
			return nil, fmt.Errorf("total %q %s has more than two decimals", r.Keys, v)
		}
		if r.Amount.Currency() != currency.USD {
			return nil, fmt.Errorf("total %q in %s", r.Keys, r.Amount.Currency())
		}
		lines = append(lines, r.Keys[0]+","+r.Keys[1]+","+v.StringFixed(2))
	}
	slices.Sort(lines)
	return lines, nil
}

// endToEnd measures each tool from the book's CSV file to the totals by
// donor and category, checks that they agree digit for digit, and prints
// the table with the ratios of this run's medians.
func (c *comparison) endToEnd(rows []benchdata.Row) error {
	path := filepath.Join(c.work, "book.csv")
	if err := writeBookCSV(path, rows); err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Printf("book's CSV: %s, %.1f MB, written by Book.WriteCSV\n", path, float64(fi.Size())/1e6)

	goRes, err := c.goLoad(path)
	if err != nil {
		return err
	}
	floor := c.readFloor(path)
	results := []*result{goRes}
	if c.duckVer != "" {
		amount := "DECIMAL(18,2)"
		if c.spec.Big > 0 {
			amount = "DECIMAL(38,2)" // 25-digit amounts do not fit 18 digits
		}
		r := &result{name: "DuckDB `read_csv` + `SUM(amount) … GROUP BY`"}
		if dir, note := c.duckDir(); dir == "" {
			r.note = note
		} else {
			fmt.Println("node duckdb.mjs --book")
			c.runRef(r, exec.Command("node", filepath.Join(dir, "duckdb.mjs"), "--book", path, strconv.Itoa(c.runs), amount))
			if v := r.meta["duckdb"]; v != "" {
				r.name = fmt.Sprintf("DuckDB %s `read_csv` + `SUM(amount::%s) … GROUP BY` (%s threads)", strings.TrimPrefix(v, "v"), amount, r.meta["threads"])
			}
		}
		results = append(results, r)
	}
	if c.python {
		r := &result{name: "Python `csv` + `decimal` + dict"}
		if py, err := exec.LookPath("python3"); err != nil {
			r.note = "no python3 on PATH"
		} else {
			fmt.Println("python3 bench/reference.py --book")
			c.runRef(r, exec.Command(py, filepath.Join(c.root, "bench", "reference.py"), "--book", path, strconv.Itoa(max(1, c.runs/2))))
		}
		results = append(results, r)
	}

	for _, r := range results[1:] {
		switch {
		case r.lines == nil:
			fmt.Printf("%s: skipped (%s)\n", r.name, r.note)
		case diffLines(goRes.lines, r.lines) != "":
			c.failed = true
			fmt.Printf("%s: DIFFERENT from summitry:\n%s", r.name, diffLines(goRes.lines, r.lines))
		default:
			fmt.Printf("%s: the same %d groups as summitry, digit for digit\n", r.name, len(r.lines))
		}
		if n := r.meta["rows"]; r.lines != nil && n != strconv.Itoa(c.spec.N) {
			c.failed = true
			fmt.Printf("%s: read %s records, want %d\n", r.name, n, c.spec.N)
		}
	}

	fmt.Println()
	n := float64(c.spec.N)
	fmt.Printf("| CSV file to totals by donor × category, %s records, %.0f MB | median | spread | ns/record | summitry is |\n", count(c.spec.N), float64(fi.Size())/1e6)
	fmt.Println("|---|---:|---:|---:|---:|")
	base := goRes.times.median()
	for _, r := range results {
		if r.lines == nil {
			fmt.Printf("| %s | skipped | | | |\n", r.name)
			continue
		}
		vs := "—"
		if r != goRes {
			vs = versus(r.times.median() / base)
		}
		fmt.Printf("| %s | %s | %s | %.0f | %s |\n", r.name, fmtDuration(r.times.median()), r.times.spread(), r.times.median()/n, vs)
	}
	fmt.Printf("| the file's bytes alone, read in 4 MB blocks (the floor) | %s | %s | %.0f | %.1f GB/s |\n",
		fmtDuration(floor.median()), floor.spread(), floor.median()/n, float64(fi.Size())/floor.median())
	fmt.Println()
	for _, r := range results[1:] {
		if r.lines != nil {
			fmt.Printf("summitry is %s than %s (median over median, this run)\n", versus(r.times.median()/base), r.name)
		}
	}
	return nil
}

// goLoad times summitry from the file to the totals, c.runs times, in this
// process: open, Book.ReadCSV, Total. With -profile, it writes a CPU
// profile of the runs.
func (c *comparison) goLoad(path string) (*result, error) {
	r := &result{name: "summitry `Book.ReadCSV` + `Total`", meta: map[string]string{}}
	if c.profile != "" {
		f, err := os.Create(c.profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	var peak uint64
	for range c.runs {
		runtime.GC()
		start := time.Now()
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		var book pledge.Book
		err = book.ReadCSV(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		t, err := book.Total(byDonorCategory)
		if err != nil {
			return nil, err
		}
		r.times = append(r.times, float64(time.Since(start)))
		if r.lines, err = totalLines(t); err != nil {
			return nil, err
		}
		r.meta["rows"] = strconv.Itoa(book.Len())
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
		runtime.KeepAlive(&book)
	}
	fmt.Printf("summitry: median %s (%s), %d records; heap in use after a load, the book and the garbage of the last: at most %.0f MB\n",
		fmtDuration(r.times.median()), r.times.spread(), c.spec.N, float64(peak)/1e6)
	return r, nil
}

// readFloor times reading the file's bytes, in the blocks the fast path
// reads, doing nothing with them: no reader of the file can be faster.
func (c *comparison) readFloor(path string) timing {
	var t timing
	buf := make([]byte, 4<<20)
	for range c.runs {
		start := time.Now()
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		for {
			n, err := f.Read(buf)
			if n == 0 || err != nil {
				break
			}
		}
		f.Close()
		t = append(t, float64(time.Since(start)))
	}
	return t
}
