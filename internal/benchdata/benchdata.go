package benchdata

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Row is one record of the data set. Cents is the amount in cents (up to
// 10^14, an amount below 10^12 dollars), except when BigCents is set: then
// BigCents holds the amount and Cents is zero. Every row has the recipient
// [Recipient] and the currency [Currency].
type Row struct {
	ID       string    // "p0000001": the row's position, from 1
	Date     time.Time // a day from 2022-01-01 to 2024-12-31, midnight UTC
	Donor    string    // one of Donors: "donor-000" ...
	Category string    // one of Categories: "humanitarian/health" ...
	Cents    int64     // the amount in cents, when BigCents is nil
	BigCents *big.Int  // a ~25-digit amount in cents, beyond int64; nil for most rows
}

// The recipient and the currency of every row.
const (
	Recipient = "Ukraine"
	Currency  = "USD"
)

// Decimal returns the amount in dollars, exactly.
func (r Row) Decimal() decimal.Decimal {
	if r.BigCents != nil {
		return decimal.NewFromBigInt(r.BigCents, -2)
	}
	return decimal.New(r.Cents, -2)
}

// Amount returns the amount in dollars as text with two decimals:
// "12345.67", "0.05".
func (r Row) Amount() string {
	var s string
	if r.BigCents != nil {
		s = r.BigCents.String()
	} else {
		s = strconv.FormatInt(r.Cents, 10)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) < 3 {
		s = strings.Repeat("0", 3-len(s)) + s
	}
	s = s[:len(s)-2] + "." + s[len(s)-2:]
	if neg {
		s = "-" + s
	}
	return s
}

// Spec describes a data set.
type Spec struct {
	N          int    // rows
	Donors     int    // distinct donors, "donor-000" ...
	Categories int    // distinct categories, the first of Categories() and then "other/category-020" ...
	Big        int    // rows (among the N) with ~25-digit amounts, spread evenly
	Seed       uint64 // the same seed gives the same rows
}

// Rows returns n rows spread at random over donors × categories, with
// amounts up to 10^12 dollars with two decimals.
func Rows(n, donors, categories int, seed uint64) []Row {
	return Spec{N: n, Donors: donors, Categories: categories, Seed: seed}.Rows()
}

// categoryList is 20 plausible category paths, after the Kiel Institute's
// Ukraine Support Tracker.
var categoryList = []string{
	"humanitarian/health", "humanitarian/food", "humanitarian/shelter",
	"humanitarian/water", "humanitarian/protection", "humanitarian/education",
	"military/weapons", "military/equipment", "military/non-lethal",
	"military/ammunition", "military/training",
	"financial/grant", "financial/loan", "financial/guarantee", "financial/budget-support",
	"reconstruction/energy", "reconstruction/housing", "reconstruction/transport",
	"reconstruction/demining", "reconstruction/water",
}

// Categories returns the names of the first k categories.
func Categories(k int) []string {
	out := make([]string, k)
	for i := range out {
		if i < len(categoryList) {
			out[i] = categoryList[i]
		} else {
			out[i] = fmt.Sprintf("other/category-%03d", i)
		}
	}
	return out
}

// Donors returns the names of the first k donors: "donor-000", "donor-001"...
func Donors(k int) []string {
	out := make([]string, k)
	for i := range out {
		out[i] = fmt.Sprintf("donor-%03d", i)
	}
	return out
}

// splitmix64 is a small, well-known generator with a fixed output stream.
type splitmix64 uint64

func (s *splitmix64) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// below returns a number in [0, n); the tiny modulo bias does not matter
// for a benchmark data set and keeps the stream simple to reproduce.
func (s *splitmix64) below(n uint64) uint64 { return s.next() % n }

var pow10 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Rows generates the data set. It panics when the spec is impossible (no
// donors or categories, Big > N), a programming error in a benchmark.
func (s Spec) Rows() []Row {
	if s.N < 0 || s.Donors <= 0 || s.Categories <= 0 || s.Big < 0 || s.Big > s.N {
		panic(fmt.Sprintf("benchdata: impossible spec %+v", s))
	}
	donors, cats := Donors(s.Donors), Categories(s.Categories)
	r := splitmix64(s.Seed)
	rows := make([]Row, s.N)
	for i := range rows {
		// Amounts spread over magnitudes, as aid is: pick the number of
		// digits of the cents (1..14), then the digits.
		digits := 1 + r.below(14)
		lo := pow10[digits-1]
		if digits == 1 {
			lo = 0
		}
		cents := lo + r.below(pow10[digits]-lo)
		rows[i] = Row{
			ID:       idOf(i),
			Date:     dateOf(i),
			Donor:    donors[r.below(uint64(s.Donors))],
			Category: cats[r.below(uint64(s.Categories))],
			Cents:    int64(cents),
		}
	}
	// Big rows: 25-digit cents, hi·10^18 + lo with hi of 7 digits, at even
	// spacing so that they land in different groups.
	for k := range s.Big {
		i := (2*k + 1) * s.N / (2 * s.Big)
		hi := new(big.Int).SetUint64(pow10[6] + r.below(9*pow10[6]))
		v := hi.Mul(hi, new(big.Int).SetUint64(pow10[18]))
		v.Add(v, new(big.Int).SetUint64(r.below(pow10[18])))
		rows[i].Cents, rows[i].BigCents = 0, v
	}
	return rows
}

var first = time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC)

// idOf and dateOf give the ID and the date of the row at position i (from
// 0): they follow from the position, so the CSV form need not carry them.
func idOf(i int) string { return fmt.Sprintf("p%07d", i+1) }

func dateOf(i int) time.Time { return first.AddDate(0, 0, (i*7919)%daysIn2022to2024) }

// daysIn2022to2024 is the number of days from 2022-01-01 to 2024-12-31.
const daysIn2022to2024 = 365 + 365 + 366

// Header is the first line of the CSV form.
var Header = []string{"donor", "category", "amount"}

// WriteCSV writes the rows as CSV with a header line: donor,category,amount,
// the amount in dollars with two decimals ("12345.67").
func WriteCSV(w io.Writer, rows []Row) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Donor, r.Category, r.Amount()}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// ReadCSV reads what WriteCSV writes. Amounts must have exactly two
// decimals; they are read exactly, into Cents or, beyond 18 digits, into
// BigCents. Each row's ID and date are those of its position.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = len(Header)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("benchdata: header: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(Header, ",") {
		return nil, fmt.Errorf("benchdata: header %q, want %q", head, Header)
	}
	var rows []Row
	names := map[string]string{} // share the few distinct names
	intern := func(s string) string {
		if v, ok := names[s]; ok {
			return v
		}
		s = strings.Clone(s)
		names[s] = s
		return s
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("benchdata: %w", err)
		}
		row := Row{ID: idOf(len(rows)), Date: dateOf(len(rows)), Donor: intern(rec[0]), Category: intern(rec[1])}
		if err := row.setAmount(rec[2]); err != nil {
			return nil, fmt.Errorf("benchdata: line %d: %w", line, err)
		}
		rows = append(rows, row)
	}
}

func (r *Row) setAmount(s string) error {
	dot := strings.IndexByte(s, '.')
	if dot < 1 || len(s)-dot != 3 {
		return fmt.Errorf("amount %q: want digits, a point and two decimals", s)
	}
	digits := s[:dot] + s[dot+1:]
	for _, c := range []byte(strings.TrimPrefix(digits, "-")) {
		if c < '0' || c > '9' {
			return fmt.Errorf("amount %q: not a number", s)
		}
	}
	if len(strings.TrimPrefix(digits, "-")) <= 18 {
		c, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			return fmt.Errorf("amount %q: %w", s, err)
		}
		r.Cents = c
		return nil
	}
	v, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return fmt.Errorf("amount %q: not a number", s)
	}
	r.BigCents = v
	return nil
}
