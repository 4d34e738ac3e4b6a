package summitry_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
	"github.com/summitry/summitry/pledge"
	"github.com/summitry/summitry/pledge/fts"
	"github.com/summitry/summitry/pledge/imf"
)

// The tests here hold every reader of the library that reads a caller's
// io.Reader to the same account: a reader that breaks io.Reader's
// contract, or fails, gives a clear error that starts with the package's
// name, never a panic or a read without end; a reader's word for its size
// (a Len method) decides nothing; and the same bytes in reads of any size
// give the same result.

// publicReader is one of the library's readers of an io.Reader: read
// returns what it read as text, to compare, and its error; good and bad
// are small inputs it reads without a problem and with one.
type publicReader struct {
	name, pkg string
	good, bad string
	read      func(io.Reader) (string, error)
}

// publicReaders returns every reader of an io.Reader the library has.
func publicReaders(t *testing.T) []publicReader {
	book := func(b *pledge.Book) string {
		var out strings.Builder
		if err := b.WriteJSON(&out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	asJSON := func(v any) string {
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	const (
		csvHead = "id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote\n"
		csvGood = csvHead +
			"kr-ua-2023-07,pledge,South Korea,Ukraine,150000000,USD,,2023-07-15,,humanitarian+military/non-lethal,,,,,,,,,\n" +
			"kr-ua-2023-09,pledge,South Korea,Ukraine,2300000000,USD,,2023-09-08,,,,G20,,,,,,,\n" +
			",part,,,300000000,,,,,humanitarian,,,,,,,,,\n"
		csvFast = csvHead + // as WriteCSV writes a record of one row: Book.ReadCSV's fast path
			"kr-ua-2023-07,pledge,South Korea,Ukraine,150000000,USD,,2023-07-15,,humanitarian+military/non-lethal,,,,,,,,,\n" +
			"kr-ua-2023-09,pledge,South Korea,Ukraine,2300000000,USD,,2023-09-08,,,,G20,,,,,,,\n"
		csvBad = csvHead +
			"kr-ua-2023-07,pledge,South Korea,Ukraine,150000000,USD,,2023-07-15,,humanitarian,,,,,,,,,\n" +
			"kr-ua-2023-09,pledge,South Korea,Ukraine,-5,USD,,2023-09-31,,,,,,,,,,,\n"
	)
	const kiel = "donor,aid_type_general,measure,announcement_date,reporting_currency,source_reported_value,tot_activity_value_EUR\n" +
		"United States,Military,Allocation,2022-03-12,USD,200000000,182600000\n"
	var seed pledge.Book
	if err := seed.ReadCSV(strings.NewReader(csvGood)); err != nil {
		t.Fatal(err)
	}
	jsonGood := book(&seed)
	var journal bytes.Buffer
	if err := new(pledge.Book).AddLogged(pledge.NewJournal(&journal), seed.Pledges()...); err != nil {
		t.Fatal(err)
	}
	var ledger meeting.Ledger
	if err := ledger.AddLeader(
		meeting.Leader{ID: "kr-yoon-suk-yeol", Name: "Yoon Suk Yeol", Country: "KR"},
		meeting.Leader{ID: "jp-kishida-fumio", Name: "Fumio Kishida", Country: "JP"},
	); err != nil {
		t.Fatal(err)
	}
	if err := ledger.AddMeeting(meeting.Meeting{ID: "tokyo", Date: time.Date(2023, 3, 16, 0, 0, 0, 0, time.UTC),
		Participants: []string{"kr-yoon-suk-yeol", "jp-kishida-fumio"}}); err != nil {
		t.Fatal(err)
	}
	var ledgerJSON strings.Builder
	if err := ledger.WriteJSON(&ledgerJSON); err != nil {
		t.Fatal(err)
	}
	const leaders = "id,name,country\nkr-yoon-suk-yeol,Yoon Suk Yeol,KR\njp-kishida-fumio,Fumio Kishida,JP\n"
	const visit = `<visits>
    <visit>
        <id>3305</id>
        <start-date>2024-07-10</start-date>
        <end-date>%s</end-date>
        <visitor>President Yoon Suk Yeol</visitor>
        <from id="korea-south">South Korea</from>
        <description>Attended <em>NATO</em> 75th Anniversary Summit in Washington, DC.</description>
    </visit>
</visits>
`
	const ftsHead = "date,description,amountUSD,srcOrganization,destOrganization,destGlobalClusters,destLocations,contributionType,flowType,status,decisionDate,originalAmount,originalCurrency,exchangeRate,id\n"
	return []publicReader{
		{"ReadBook", "pledge", jsonGood, strings.Replace(jsonGood, `"2300000000"`, `"-5"`, 1), func(r io.Reader) (string, error) {
			b, err := pledge.ReadBook(r)
			if err != nil {
				return "", err
			}
			return book(b), nil
		}},
		{"ReadJSON", "pledge", jsonGood, strings.Replace(jsonGood, `"2023-09-08"`, `"2023-09-31"`, 1), func(r io.Reader) (string, error) {
			ps, err := pledge.ReadJSON(r)
			return asJSON(ps), err
		}},
		{"pledge.ReadCSV", "pledge", csvGood, csvBad, func(r io.Reader) (string, error) {
			ps, err := pledge.ReadCSV(r)
			return asJSON(ps), err
		}},
		{"ReadCSVWith", "pledge", kiel + "Germany,Humanitarian,Commitment,2022-04-05,EUR,25000000,25000000\n",
			kiel + "Germany,Humanitarian,Commitment,2022-04-31,EUR,25000000,25000000\n", func(r io.Reader) (string, error) {
				ps, err := pledge.ReadCSVWith(r, pledge.Sheet{Donor: "donor", Category: "aid_type_general", Stage: "measure", Date: "announcement_date",
					Amount: "tot_activity_value_EUR", DefaultCurrency: "EUR", DefaultRecipient: "Ukraine", IDPrefix: "kiel-"})
				return asJSON(ps), err
			}},
		{"Book.ReadCSV", "pledge", csvFast, csvBad, func(r io.Reader) (string, error) {
			var b pledge.Book
			err := b.ReadCSV(r)
			return book(&b), err
		}},
		{"Book.ReadCSV/parts", "pledge", csvGood, csvBad, func(r io.Reader) (string, error) {
			var b pledge.Book
			err := b.ReadCSV(r)
			return book(&b), err
		}},
		{"Book.Replay", "pledge", journal.String(), journal.String()[:journal.Len()-20], func(r io.Reader) (string, error) {
			var b pledge.Book
			err := b.Replay(r)
			return book(&b), err
		}},
		{"ReadRates", "pledge", "date,base,quote,rate,source\n2023-07-14,USD,KRW,1271.4,Bank of Korea\n2023-09-08,USD,KRW,1335.3,Bank of Korea\n",
			"date,base,quote,rate,source\n2023-07-14,USD,KRW,1271.4,Bank of Korea\n2023-09-31,USD,KRW,1335.3,Bank of Korea\n", func(r io.Reader) (string, error) {
				rates, err := pledge.ReadRates(r)
				if err != nil {
					return "", err
				}
				return fmt.Sprint(rates.All()), nil
			}},
		{"imf.ReadRates", "imf", "Date,Rate,Currency,Frequency,Source,Country code,Country\n2023-12-31,1305.6625,KRW,A,IMF,KR,\"Korea, Republic of\"\n2023-12-31,36.57380811666668,UAH,A,IMF,UA,Ukraine\n",
			"Date,Rate,Currency,Frequency,Source,Country code,Country\n2023-12-31,1305.6625,KRW,A,IMF,KR,\"Korea, Republic of\"\n2023-12-31,-36.5,UAH,A,IMF,UA,Ukraine\n", func(r io.Reader) (string, error) {
				rates, err := imf.ReadRates(r)
				if err != nil {
					return "", err
				}
				return fmt.Sprint(rates.All()), nil
			}},
		{"fts.ReadFlows", "fts", `{"data": {"flows": [
  {"id": "158080", "versionId": 1, "status": "commitment", "amountUSD": 118868, "date": "2016-03-31T00:00:00Z",
   "sourceObjects": [{"type": "Organization", "name": "Switzerland, Government of"}]}
]}}`, `{"data": {"flows": [
  {"id": "1", "status": "promised", "amountUSD": 5, "date": "2020-01-01T00:00:00Z"}
]}}`, func(r io.Reader) (string, error) {
			flows, err := fts.ReadFlows(r)
			return asJSON(flows), err
		}},
		{"Flows.ReadCSV", "fts", ftsHead + "2021-02-16,Contribution to OCHA pooled funding,725689,\"Canada, Government of\",Jordan Humanitarian Fund,,JOR,financial,Standard,paid,2020-05-13,1000000,CAD,1.378,227992\n",
			ftsHead + "2021-02-16,Contribution,72x5689,\"Canada, Government of\",Jordan Humanitarian Fund,,JOR,financial,Standard,paid,2020-05-13,1000000,CAD,1.378,227992\n", func(r io.Reader) (string, error) {
				var flows fts.Flows
				err := flows.ReadCSV(r)
				return asJSON(flows.All()), err
			}},
		{"ReadLedger", "meeting", ledgerJSON.String(), strings.Replace(ledgerJSON.String(), `"2023-03-16"`, `"2023-02-30"`, 1), func(r io.Reader) (string, error) {
			l, err := meeting.ReadLedger(r)
			if err != nil {
				return "", err
			}
			var out strings.Builder
			err = l.WriteJSON(&out)
			return out.String(), err
		}},
		{"meeting.ReadCSV", "meeting", "id,date,participants\ntokyo,2023-03-16,kr-yoon-suk-yeol; jp-kishida-fumio\n",
			"id,date,participants\ntokyo,2023-03-16,kr-yoon-suk-yeol; Kishida\n", func(r io.Reader) (string, error) {
				l, err := meeting.ReadCSV(readerFS{fstest.MapFS{meeting.LeadersFile: {Data: []byte(leaders)}}, meeting.MeetingsFile, r})
				if err != nil {
					return "", err
				}
				var out strings.Builder
				err = l.WriteJSON(&out)
				return out.String(), err
			}},
		{"historian.ReadVisits", "historian", fmt.Sprintf(visit, "2024-07-11"), fmt.Sprintf(visit, "2024-07-32"), func(r io.Reader) (string, error) {
			vs, err := historian.ReadVisits(r)
			return asJSON(vs), err
		}},
	}
}

// readerFS is fsys with one more file, read from r.
type readerFS struct {
	fsys fs.FS
	name string
	r    io.Reader
}

func (f readerFS) Open(name string) (fs.File, error) {
	if name != f.name {
		return f.fsys.Open(name)
	}
	return readerFile{f.r}, nil
}

type readerFile struct{ io.Reader }

func (readerFile) Stat() (fs.FileInfo, error) { return nil, errors.New("no Stat") }
func (readerFile) Close() error               { return nil }

// broken gives the first half of its data, then breaks: a count of n
// (with fake), or nothing, for ever, or the second half with err.
type broken struct {
	data []byte
	n    int
	fake bool
	err  error
	half bool // the first half given
}

func (b *broken) Read(p []byte) (int, error) {
	if !b.half {
		b.half = true
		n := copy(p, b.data[:len(b.data)/2])
		b.data = b.data[n:]
		return n, nil
	}
	if b.fake {
		return b.n, nil
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, b.err
}

// lenReader says it has n bytes left, whatever it has.
type lenReader struct {
	io.Reader
	n int
}

func (l lenReader) Len() int { return l.n }

// TestBrokenReaders: a reader that breaks io.Reader's contract makes each
// of the library's readers return an error that says so and starts with
// its package's name. A negative count panicked most of them (bufio
// panics; a slice out of range), a count past the buffer panicked or,
// for historian, read bytes that were never there; a reader that gave
// nothing for ever kept ReadBook, ReadJSON, ReadLedger, fts.ReadFlows and
// historian.ReadVisits reading for ever, and ReadRates called it an
// invalid value, which no errors.Is found; and a reader whose Len said
// 900 MB had 900 MB allocated for it by ReadBook, ReadJSON and
// ReadLedger, 256 MB by fts.ReadFlows.
func TestBrokenReaders(t *testing.T) {
	boom := errors.New("boom")
	for _, pr := range publicReaders(t) {
		want, err := pr.read(strings.NewReader(pr.good))
		if err != nil {
			t.Fatalf("%s of good input: %v", pr.name, err)
		}
		for _, tc := range []struct {
			name   string
			r      broken
			err    string
			target error
		}{
			{"a negative count", broken{n: -1, fake: true}, "broken reader: Read returned -1 for a buffer of ", nil},
			{"a count past the buffer", broken{n: 1 << 20, fake: true}, "broken reader: Read returned 1048576 for a buffer of ", nil},
			{"nothing for ever", broken{n: 0, fake: true}, "reader stuck: 100 reads in a row returned no bytes and no error", io.ErrNoProgress},
			{"bytes and an error", broken{err: boom}, "boom", boom},
		} {
			t.Run(pr.name+"/"+tc.name, func(t *testing.T) {
				r := tc.r
				r.data = []byte(pr.good)
				_, err := pr.read(&r)
				if err == nil {
					t.Fatal("no error")
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, pr.pkg+": ") && !strings.HasPrefix(msg, pr.pkg+" (") {
					t.Errorf("%q does not start with the package's name", msg)
				}
				if !strings.Contains(msg, tc.err) {
					t.Errorf("%q does not say %q", msg, tc.err)
				}
				if tc.target != nil && !errors.Is(err, tc.target) {
					t.Errorf("%q does not match %v", msg, tc.target)
				}
			})
		}
		for _, tc := range []struct {
			name string
			n    int
		}{{"a Len too high", 900 << 20}, {"a Len too low", 1}, {"a negative Len", -1}} {
			t.Run(pr.name+"/"+tc.name, func(t *testing.T) {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				got, err := pr.read(lenReader{strings.NewReader(pr.good), tc.n})
				runtime.ReadMemStats(&after)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("read (-want +got):\n%s", diff)
				}
				if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
					t.Errorf("allocated %d MB to read %d bytes", n>>20, len(pr.good))
				}
			})
		}
	}
}

// TestReadersChunked: the same bytes give the same result, or the same
// error, however a reader hands them out: a byte at a time, half of what
// is asked, reads of random sizes, reads that give nothing now and then,
// the last bytes with io.EOF.
func TestReadersChunked(t *testing.T) {
	chunkings := []struct {
		name string
		r    func([]byte) io.Reader
	}{
		{"OneByteReader", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }},
		{"HalfReader", func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) }},
		{"DataErrReader", func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) }},
		{"random sizes", func(b []byte) io.Reader { return &chunked{data: b, rng: rand.New(rand.NewPCG(1, 2))} }},
		{"empty reads", func(b []byte) io.Reader { return &chunked{data: b, rng: rand.New(rand.NewPCG(3, 4)), idle: 99} }},
		{"a stream", func(b []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(b)} }},
	}
	for _, pr := range publicReaders(t) {
		for _, in := range []struct{ name, data string }{{"good", pr.good}, {"bad", pr.bad}} {
			want, werr := pr.read(bytes.NewReader([]byte(in.data)))
			if (werr != nil) != (in.name == "bad") {
				t.Fatalf("%s of %s input: %v", pr.name, in.name, werr)
			}
			for _, c := range chunkings {
				t.Run(pr.name+"/"+in.name+"/"+c.name, func(t *testing.T) {
					got, err := pr.read(c.r([]byte(in.data)))
					if diff := cmp.Diff(fmt.Sprint(werr), fmt.Sprint(err)); diff != "" {
						t.Errorf("error (-bytes.Reader +%s):\n%s", c.name, diff)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("read (-bytes.Reader +%s):\n%s", c.name, diff)
					}
				})
			}
		}
	}
}

// chunked hands out its data in reads of random sizes, each after up to
// idle reads that give nothing.
type chunked struct {
	data []byte
	rng  *rand.Rand
	idle int
	wait int // reads still to give nothing
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	if c.wait > 0 {
		c.wait--
		return 0, nil
	}
	if c.idle > 0 {
		c.wait = c.rng.IntN(c.idle + 1)
	}
	n := copy(p[:1+c.rng.IntN(len(p))], c.data)
	c.data = c.data[n:]
	return n, nil
}
