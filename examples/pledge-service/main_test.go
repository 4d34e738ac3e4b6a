package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/summitry/summitry/pledge"
)

// TestMain runs the program itself when TestProgram starts this test
// binary as it.
func TestMain(m *testing.M) {
	if os.Getenv("PLEDGE_SERVICE_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// program is the program running in a process of its own.
type program struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
}

// startProgram starts the program with args and reads the URL it prints
// first.
func startProgram(t *testing.T, args ...string) *program {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PLEDGE_SERVICE_RUN_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &program{cmd: cmd, stderr: new(syncBuffer)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- s
		io.Copy(io.Discard, stdout)
	}()
	select {
	case s := <-line:
		p.url = strings.TrimSpace(s)
	case <-time.After(30 * time.Second):
		t.Fatalf("no URL printed in 30 s; stderr:\n%s", p.stderr)
	}
	if !strings.HasPrefix(p.url, "http://127.0.0.1:") {
		t.Fatalf("first line %q; want the URL (stderr:\n%s)", p.url, p.stderr)
	}
	return p
}

// stop sends SIGTERM and waits for the program to exit.
func (p *program) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v; stderr:\n%s", err, p.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30 s after SIGTERM; stderr:\n%s", p.stderr)
	}
}

// TestProgram starts the program as `go run ./examples/pledge-service`
// would, with a journal of its own: it prints its URL first, serves,
// stops on SIGTERM with exit status 0, and serves the same totals when
// started again. CI runs it in place of `go run`, which would not stop.
func TestProgram(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM is not sent on Windows")
	}
	journal := filepath.Join(t.TempDir(), "pledges.journal")
	p := startProgram(t, "-addr", "127.0.0.1:0", "-journal", journal)
	resp, err := http.Post(p.url+"/pledges", "application/json", strings.NewReader(story))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %s", resp.Status)
	}
	first := getBody(t, p.url+"/totals?group=donor,category")
	p.stop(t)
	for _, want := range []string{"journal " + journal + ": 0 records, version 0", "shutting down", "stopped: 2 records, version 1"} {
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, p.stderr)
		}
	}

	p = startProgram(t, "-journal", journal)
	if again := getBody(t, p.url+"/totals?group=donor,category"); again != first {
		t.Errorf("totals after a restart:\n%s\nwant\n%s", again, first)
	}
	p.stop(t)
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	a := readAnswer(t)(http.Get(url))
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, a.status, a.body)
	}
	return a.body
}

// runFor runs the program in this process until it has printed its URL,
// asks the URL's path, and stops it; it returns the answer, what the
// program logged, and run's error.
func runFor(t *testing.T, path string, args ...string) (body, logged string, err error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw, &stderr)
		pw.Close()
		done <- err
	}()
	url, _ := bufio.NewReader(pr).ReadString('\n')
	if url = strings.TrimSpace(url); url != "" {
		body = getBody(t, url+path)
		cancel()
	}
	go io.Copy(io.Discard, pr)
	err = <-done
	return body, stderr.String(), err
}

// writeJournal writes a journal at path: the story's records and then
// extra, a batch each.
func writeJournal(t *testing.T, path string, extra ...pledge.Pledge) {
	t.Helper()
	book := new(pledge.Book)
	j, err := pledge.OpenJournal(path, book)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	records, err := pledge.ReadJSON(strings.NewReader(story))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(records, extra...) {
		if err := book.AddLogged(j, p); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTornJournalAtStart starts on a journal whose last batch a crash
// cut short: by default the program cuts it off, keeping its bytes, and
// serves the whole batches; with -repair=false it refuses to start. A
// journal damaged before its end is refused either way.
func TestTornJournalAtStart(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "pledges.journal")
	writeJournal(t, journal)
	whole, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	const torn = `{"id":"jp-ua","donor":"Japan","amou`
	write := func(data string) {
		if err := os.WriteFile(journal, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	write(string(whole) + torn)
	_, logged, err := runFor(t, "/", "-journal", journal, "-repair=false")
	if !errors.Is(err, pledge.ErrTornJournal) || !strings.Contains(err.Error(), "start with -repair to cut the torn batch off") {
		t.Errorf("-repair=false: %v; want a torn journal refused", err)
	}
	if data, _ := os.ReadFile(journal); string(data) != string(whole)+torn {
		t.Error("-repair=false changed the journal")
	}

	body, logged, err := runFor(t, "/", "-journal", journal)
	if err != nil {
		t.Fatalf("repairing: %v\n%s", err, logged)
	}
	if !strings.Contains(body, `"records":2,"version":2`) {
		t.Errorf("after the repair: %s; want the 2 records of the whole batches", body)
	}
	for _, want := range []string{"pledge: torn journal: line 5", "cut the torn batch off " + journal} {
		if !strings.Contains(logged, want) {
			t.Errorf("log lacks %q:\n%s", want, logged)
		}
	}
	if data, _ := os.ReadFile(journal); string(data) != string(whole) {
		t.Errorf("the journal after the repair:\n%s", data)
	}
	if data, _ := os.ReadFile(journal + ".torn"); string(data) != torn {
		t.Errorf("the torn bytes kept: %q; want %q", data, torn)
	}

	// A batch damaged with another after it.
	write(strings.Replace(string(whole), "South Korea", "South Korex", 1))
	for _, args := range [][]string{{"-journal", journal}, {"-journal", journal, "-repair=false"}} {
		if _, _, err := runFor(t, "/", args...); !errors.Is(err, pledge.ErrCorruptJournal) {
			t.Errorf("%v on a corrupt journal: %v; want ErrCorruptJournal", args, err)
		}
	}
}

// TestFlags checks that a bad command line is refused before anything
// starts.
func TestFlags(t *testing.T) {
	dir := t.TempDir()
	rates := filepath.Join(dir, "rates.csv")
	if err := os.WriteFile(rates, []byte("date,base,quote,rate\n2023-05-22,USD,KRW,1335.3\n2023-05-32,USD,KRW,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-inverse", "65"}, "usage"},
		{[]string{"-colour"}, "usage"},
		{[]string{"extra"}, "usage"},
		{[]string{"-rates", rates}, `rates.csv: pledge: rates line 3 date: invalid value: date "2023-05-32" is not YYYY-MM-DD`},
		{[]string{"-rates", filepath.Join(dir, "none.csv")}, "no such file"},
	} {
		_, _, err := runFor(t, "/", append(tt.args, "-journal", filepath.Join(dir, "j"))...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v; want an error with %q", tt.args, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "j")); !os.IsNotExist(err) {
		t.Errorf("a refused command line made a journal: %v", err)
	}

	os.WriteFile(rates, []byte("date,base,quote,rate\n2023-05-22,USD,KRW,1335.3\n"), 0o644)
	body, logged, err := runFor(t, "/", "-rates", rates, "-inverse", "8", "-journal", filepath.Join(dir, "j"))
	if err != nil || !strings.Contains(body, `"rates":true`) || !strings.Contains(logged, "1 exchange rates") {
		t.Errorf("with rates: %v, %s\n%s", err, body, logged)
	}
}

// syncBuffer is a bytes.Buffer that a program writes while a test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestIMFRates starts the program with the IMF's annual averages from the
// shared test data: conversions into won use them as given, and into
// dollars inverted to 12 places, as the program sets for -imf.
func TestIMFRates(t *testing.T) {
	imfFile := filepath.Join("..", "..", "..", "shared", "testdata", "imf-rates", "imf_annual_avg_per_usd_2019-2024.csv")
	if _, err := os.Stat(imfFile); err != nil {
		t.Skipf("the IMF rates of ../shared/testdata are not beside this clone: %v", err)
	}
	journal := filepath.Join(t.TempDir(), "pledges.journal")
	writeJournal(t, journal, pledge.Pledge{ID: "kr-won", Donor: "South Korea", Amount: pledge.MustAmount("1305662500", "KRW"),
		Date: time.Date(2023, 5, 22, 0, 0, 0, 0, time.UTC), Note: "made up for the test"})

	args := []string{"-journal", journal, "-imf", imfFile, "-imf-countries", "KR,UA,JP,U2,GB"}
	body, logged, err := runFor(t, "/totals?in=KRW&group=donor&format=csv&recipient=Ukraine", args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, logged)
	}
	// 2,450,000,000 USD at the IMF's 2023 average, 1305.6625 won a dollar.
	if want := "donor,currency,amount,qualifier,records\nSouth Korea,KRW,3198873125000,,2\n"; body != want {
		t.Errorf("in won:\n%s\nwant\n%s", body, want)
	}
	body, _, err = runFor(t, "/totals?in=USD&rate_period=year", args...)
	if err != nil || !strings.Contains(body, `{"id":"kr-won","from":{"value":"1305662500","currency":"KRW"},"to":{"value":"1000000.0004897125","currency":"USD"}`) ||
		!strings.Contains(body, `"rate":"0.000765894709","rate_date":"2023","rate_period":"year","source":"Source: International Monetary Fund.","inverse":true}`) {
		t.Errorf("in dollars: %v, %s", err, body)
	}
	if !strings.Contains(logged, "inverts them to 12 decimal places") {
		t.Errorf("the log does not say the rates are inverted:\n%s", logged)
	}
}
