// Command pledge-service serves one pledge book over HTTP: clients add
// records in JSON, ask for totals in JSON or CSV and list records a page at
// a time. Every batch it accepts is written to a journal and synced before
// it answers, so a restart, or a crash, loses nothing it acknowledged, and
// answers the same totals.
//
//	go run ./examples/pledge-service
//
// starts it on a free loopback port, prints its URL on the first line of
// standard output, and keeps the journal in ./pledges.journal. It stops on
// SIGINT (Ctrl-C) or SIGTERM, letting requests under way finish.
//
//	POST /pledges          add records: one, an array, or JSON Lines; all or nothing
//	GET  /pledges          list records: ?donor=...&stage=...&offset=0&limit=100
//	GET  /pledges/{id}     one record
//	GET  /totals           totals: ?group=donor,category&stage=committed&in=USD
//	GET  /                 the book's size and version, and these endpoints
//
// Flags:
//
//	-addr host:port      where to listen (127.0.0.1:0: a free loopback port)
//	-journal path        the journal file (pledges.journal); created when missing
//	-repair=false        refuse to start on a torn journal rather than cut off
//	                     its last batch, which a crash left half written
//	-rates file          exchange rates as CSV (date,base,quote,rate[,source]),
//	                     for ?in=
//	-imf file            the IMF's average exchange rates per US dollar, as CSV
//	-imf-countries list  whose rows of the IMF file to keep (U2,GB,JP)
//	-inverse n           derive a rate quoted the other way, to n decimal places
//	                     (with -imf, 12 unless given: the IMF's rates are per dollar)
//
// README.md in this directory shows the requests and their answers.
package main

// ci: server. .ci/run does not `go run` this example, which would serve
// until stopped; it runs TestProgram, which starts the program, asks it
// for totals and stops it.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/imf"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "pledge-service:", err)
		os.Exit(1)
	}
}

// errUsage is a command line the flags refuse; they have said why.
var errUsage = errors.New("usage")

// shutdownGrace is how long requests under way may take to finish once
// the program is asked to stop.
const shutdownGrace = 10 * time.Second

// run serves until ctx is done: it reads the flags in args, loads the
// rates, replays the journal, prints the URL on stdout and logs to
// stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pledge-service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "`host:port` to listen on; port 0 picks a free one")
	journalPath := fs.String("journal", "pledges.journal", "the journal `file`, created when missing")
	repair := fs.Bool("repair", true, "cut a torn last batch off the journal at start (keeping it in FILE.torn); false refuses to start")
	ratesFile := fs.String("rates", "", "exchange rates as CSV (date,base,quote,rate[,source]) for ?in=")
	imfFile := fs.String("imf", "", "the IMF's average exchange rates per US dollar as CSV (codeforIATI's imf-exchangerates)")
	imfCountries := fs.String("imf-countries", "", "comma-separated country `codes` whose IMF rows to keep (U2 for the euro area); empty keeps all")
	inverse := fs.Int("inverse", 0, "derive a rate quoted the other way, rounded to `n` decimal places (0: never; with -imf, 12 unless given)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pledge-service: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return errUsage
	}
	if *inverse < 0 || *inverse > 64 {
		fmt.Fprintf(stderr, "pledge-service: -inverse %d: want 0 (never) to 64 decimal places\n", *inverse)
		return errUsage
	}
	logger := log.New(stderr, "pledge-service: ", 0)
	if *imfFile != "" && !flagGiven(fs, "inverse") {
		// The IMF gives currency per dollar: converting into dollars
		// inverts its rates, as pledge.Rates.Inverse does when asked.
		*inverse = 12
		logger.Print("the IMF's rates are per US dollar: a conversion into dollars inverts them to 12 decimal places (-inverse sets the places)")
	}

	rates, err := loadRates(*ratesFile, *imfFile, *imfCountries, *inverse)
	if err != nil {
		return err
	}
	book := new(pledge.Book)
	j, err := openJournal(*journalPath, book, *repair, logger)
	if err != nil {
		return err
	}
	defer j.Close()
	logger.Printf("journal %s: %d records, version %d", *journalPath, book.Len(), book.Version())
	if rates == nil {
		logger.Print("no exchange rates: ?in= needs -rates or -imf")
	} else {
		logger.Printf("%d exchange rates", len(rates.All()))
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	s := newServer(book, j, rates)
	s.log = logger
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          logger,
	}
	fmt.Fprintln(stdout, "http://"+hostPort(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Print("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := j.Close(); err != nil {
		return fmt.Errorf("closing the journal: %w", err)
	}
	logger.Printf("stopped: %d records, version %d", book.Len(), book.Version())
	return nil
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// hostPort writes a listener's address for a URL: an address that
// listens on every interface as localhost.
func hostPort(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", t.Port)
	}
	return a.String()
}

// openJournal opens the journal at path and replays it into book. A torn
// last batch, which a crash during a write leaves and which was never
// acknowledged, is cut off when repair is set (RepairJournal keeps its
// bytes in path+".torn") and refused otherwise; a corrupt journal is
// always refused: damage before the end needs a person.
func openJournal(path string, book *pledge.Book, repair bool, logger *log.Logger) (*pledge.Journal, error) {
	j, err := pledge.OpenJournal(path, book)
	if !errors.Is(err, pledge.ErrTornJournal) {
		return j, err
	}
	if !repair {
		return nil, fmt.Errorf("%w; start with -repair to cut the torn batch off (its bytes are kept in %s.torn)", err, path)
	}
	logger.Print(err)
	if err := pledge.RepairJournal(path); err != nil {
		return nil, err
	}
	logger.Printf("cut the torn batch off %s and kept its bytes in %s.torn", path, path)
	return pledge.OpenJournal(path, book)
}

// loadRates reads the rates files given, if any, into one Rates; nil when
// none is given.
func loadRates(ratesFile, imfFile, imfCountries string, inverse int) (*pledge.Rates, error) {
	if ratesFile == "" && imfFile == "" {
		return nil, nil
	}
	rates := new(pledge.Rates)
	rates.Inverse = int32(inverse)
	if ratesFile != "" {
		f, err := os.Open(ratesFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := rates.ReadCSV(f); err != nil {
			return nil, fmt.Errorf("%s: %w", ratesFile, err)
		}
	}
	if imfFile != "" {
		f, err := os.Open(imfFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var o imf.Options
		if imfCountries != "" {
			o.Countries = strings.Split(imfCountries, ",")
		}
		if err := imf.Read(f, rates, o); err != nil {
			return nil, fmt.Errorf("%s: %w", imfFile, err)
		}
	}
	return rates, nil
}
