package pledge

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// The columns of a book's CSV, in the order [Book.WriteCSV] writes them.
const (
	colID = iota
	colKind
	colDonor
	colRecipient
	colAmount
	colCurrency
	colQualifier
	colDate
	colStage
	colCategory
	colYear
	colOccasion
	colRevises
	colUnder
	colNote
	colPublisher
	colTitle
	colURL
	colQuote
	numBookColumns
)

// BookColumns returns the header of a book's CSV, the names of its
// columns in the order [Book.WriteCSV] writes them: id, kind, donor,
// recipient, amount, currency, qualifier, date, stage, category, year,
// occasion, revises, under, note, publisher, title, url, quote.
func BookColumns() []string { return append([]string(nil), bookColumns[:]...) }

var bookColumns = [numBookColumns]string{
	"id", "kind", "donor", "recipient", "amount", "currency", "qualifier", "date", "stage", "category",
	"year", "occasion", "revises", "under", "note", "publisher", "title", "url", "quote",
}

// The kinds of row of a book's CSV.
const (
	pledgeRow = iota
	partRow
	sourceRow
)

var rowKinds = [...]string{"pledge", "part", "source"}

// kindColumns are the columns each kind of row may fill.
var kindColumns = [...]uint32{
	pledgeRow: columnSet(colID, colKind, colDonor, colRecipient, colAmount, colCurrency, colQualifier, colDate,
		colStage, colCategory, colOccasion, colRevises, colUnder, colNote),
	partRow:   columnSet(colID, colKind, colAmount, colCurrency, colQualifier, colCategory, colYear, colNote),
	sourceRow: columnSet(colID, colKind, colDate, colPublisher, colTitle, colURL, colQuote),
}

func columnSet(cols ...int) uint32 {
	var m uint32
	for _, c := range cols {
		m |= 1 << c
	}
	return m
}

// WriteCSV writes every record of the book as CSV, revised ones included,
// in the order they were added: the layout [ReadCSV] reads back into
// records equal to these, which add up to an equal book. A spreadsheet,
// pandas or DuckDB reads it as it is.
//
// The first row is the header, always the same 19 columns:
//
//	id,kind,donor,recipient,amount,currency,qualifier,date,stage,category,year,occasion,revises,under,note,publisher,title,url,quote
//
// A record takes one row of kind "pledge", and a record with parts or
// sources takes one row more for each part (kind "part") and each source
// (kind "source"), right after its own, in order, with the record's ID in
// the id column. So a record with neither is one line, and every column
// but the ID's means one thing in every row that fills it:
//
//   - pledge rows: id, kind, donor, recipient, amount (the whole, an
//     exact decimal such as 2300000000 or 150.25, never an exponent),
//     currency (ISO 4217), qualifier (empty for an exact amount, else
//     "approximately", "at least", "at most", "more than" or "less
//     than"), date ("2023-09-10", or "2023-09" and "2023" for a date
//     given only by month or year, as [FormatDate] writes it; empty when
//     unknown), stage ("pledged", "committed", "allocated" or
//     "disbursed"), category (the record's categories joined by "+" in
//     the record's order, "humanitarian+military/non-lethal"; empty for
//     none), occasion, revises, under and note;
//   - part rows: amount, currency (the record's), qualifier, category,
//     year (the year the share is for, empty when not given) and note;
//   - source rows: publisher, title, url, quote and date (the day it was
//     published).
//
// Every other cell is empty. Cells are quoted only when they must be (a
// comma, a quote, a line break, a space at the start), so the common
// columns never are.
//
// Read amount as an exact decimal: DuckDB and pandas otherwise take it
// for a float, and DuckDB's sum of KRW 2300000000000000.31 is then
// 2300000000000000.5. In DuckDB give the column's type; to sum the
// records that count, keep the rows of kind "pledge" whose id no other
// row revises:
//
//	SELECT currency, sum(amount) FROM read_csv('book.csv', types = {'amount': 'DECIMAL(38,10)'})
//	WHERE kind = 'pledge' AND id NOT IN (SELECT revises FROM read_csv('book.csv') WHERE revises IS NOT NULL)
//	GROUP BY currency
//
// (which still adds the stages of the same money together, and what is
// recorded Under a record to that record: [Book.Total] does not).
// DECIMAL(38,10) holds 28 digits before the point and 10 after it, and
// DuckDB rounds further places away without a word: for amounts with
// more, count them first, SELECT max(length(split_part(amount, '.', 2)))
// FROM read_csv('book.csv', all_varchar = true), and make that the
// scale (38 digits in all is DuckDB's most). In pandas, read every cell
// as its text and amounts as decimal.Decimal (a source row has none):
//
//	b = pd.read_csv('book.csv', dtype=str, keep_default_na=False)
//	b['amount'] = b['amount'].map(lambda s: Decimal(s) if s else None)
//
// Text is written as it is, so a donor's name or a note may start with
// "=", "+", "-" or "@", which a spreadsheet program runs as a formula
// when it opens the file. For a file people will open in Excel,
// LibreOffice or Google Sheets, use [Book.WriteCSVWith] with
// [CSVOptions].Spreadsheet.
//
// The book is read in chunks of records, so writing takes little memory
// beyond the output's buffer, and the records added while it writes are
// not written.
func (b *Book) WriteCSV(w io.Writer) error { return b.WriteCSVWith(w, CSVOptions{}) }

// WriteCSVWith writes the book as [Book.WriteCSV] does, in the same
// layout, as opts say: with opts.Spreadsheet, a file for a spreadsheet
// program, guarded against formula injection, which is not meant to be
// read back (see [CSVOptions]).
func (b *Book) WriteCSVWith(w io.Writer, opts CSVOptions) error {
	out := newCSVOut(w, opts)
	if err := out.write(bookColumns[:]); err != nil {
		return err
	}
	row := make([]string, numBookColumns)
	n := b.Len()
	chunk := make([]Pledge, 0, min(n, 1024))
	for start := 0; start < n; start += len(chunk) {
		chunk = b.records(chunk[:0], start, min(n, start+cap(chunk)))
		for i := range chunk {
			if err := writeRecord(out, row, &chunk[i]); err != nil {
				return err
			}
		}
	}
	return out.flush()
}

// records appends the records from position start to end, in the order
// added, to out.
func (b *Book) records(out []Pledge, start, end int) []Pledge {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for i := start; i < end; i++ {
		out = append(out, b.st.pledge(int32(i)))
	}
	return out
}

// writeRecord writes the rows of one record.
func writeRecord(cw *csvOut, row []string, p *Pledge) error {
	clear(row)
	row[colID], row[colKind] = p.ID, rowKinds[pledgeRow]
	row[colDonor], row[colRecipient] = p.Donor, p.Recipient
	row[colAmount], row[colCurrency] = p.Amount.value.String(), p.Amount.cur.String()
	row[colQualifier] = qualifierCell(p.Qualifier)
	row[colDate] = FormatDate(p.Date, p.DatePrecision)
	row[colStage] = p.Stage.String()
	row[colCategory] = joinCell(p.Categories)
	row[colOccasion], row[colRevises], row[colUnder], row[colNote] = p.Occasion, p.Revises, p.Under, p.Note
	if err := cw.write(row); err != nil {
		return err
	}
	for _, pt := range p.Parts {
		clear(row)
		row[colID], row[colKind] = p.ID, rowKinds[partRow]
		row[colAmount], row[colCurrency] = pt.Amount.value.String(), pt.Amount.cur.String()
		row[colQualifier] = qualifierCell(pt.Qualifier)
		row[colCategory] = joinCell(pt.Categories)
		if pt.Year != 0 {
			row[colYear] = strconv.Itoa(pt.Year)
		}
		row[colNote] = pt.Note
		if err := cw.write(row); err != nil {
			return err
		}
	}
	for _, s := range p.Sources {
		clear(row)
		row[colID], row[colKind] = p.ID, rowKinds[sourceRow]
		row[colDate] = civil.Format(s.Date)
		row[colPublisher], row[colTitle], row[colURL], row[colQuote] = s.Publisher, s.Title, s.URL, s.Quote
		if err := cw.write(row); err != nil {
			return err
		}
	}
	return nil
}

// qualifierCell writes a qualifier for a cell: empty when exact.
func qualifierCell(q Qualifier) string {
	if q == Exact {
		return ""
	}
	return q.String()
}

// joinCell joins categories with "+" in their order.
func joinCell(cs []Category) string {
	switch len(cs) {
	case 0:
		return ""
	case 1:
		return string(cs[0])
	}
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte('+')
		}
		b.WriteString(string(c))
	}
	return b.String()
}

// ReadCSV reads pledge records from CSV in the layout [Book.WriteCSV]
// writes, as a stream, all or nothing. The records it returns are valid
// one by one (they pass every check of [Book.Add] that looks at a record
// alone) and have distinct IDs; Revises and Under may name records
// elsewhere, in the book they are added to, so [Book.Add] checks those.
// [Book.ReadCSV] reads and adds in one step, naming the rows of those
// problems too.
//
// The header row names the columns; they may come in any order, but each
// name is one of [BookColumns], exactly, and given once. The columns id,
// donor, amount and currency must be there; a missing column reads as
// empty cells, and without a kind column every row is a record's. Cells
// are read as WriteCSV writes them, and a little more loosely, as a
// person typing a sheet would write them: a stage or a qualifier as
// [ParseStage] and [ParseQualifier] read it ("Commitment", "≈", "about"), a
// category as [ParseCategory] does, and the empty stage as pledged. A
// part or source row with an empty id belongs to the record above it.
// Rows whose every cell is empty and blank lines are skipped; a leading
// UTF-8 byte-order mark is skipped. CSV follows RFC 4180, and a quoted
// cell keeps its text exactly, carriage returns included.
//
// On bad input it returns no records and a *[ValidationError] that lists
// the first 100 problems, each naming the row (Problem.Row, counting the
// header as row 1), the line, the record's ID and the column, and counts
// the rest: text that is not UTF-8, a column unknown or given twice, a
// cell a row of its kind leaves empty, a part before any record, an ID
// given twice, a malformed amount, currency, date, stage or category, and
// anything [Book.Add] refuses in a record. errors.Is matches the same
// sentinels as Add's.
//
// Bounds: it holds one row (at most 1 MiB) and the records it has read,
// never the file: reading a million rows takes memory in proportion to
// the records, a bad record costing nothing once read.
func ReadCSV(r io.Reader) ([]Pledge, error) {
	br := newBookReader(r)
	br.read()
	return br.records()
}

// ReadCSV reads records as [ReadCSV] does and adds them to the book, all
// or nothing: on any problem, in the file or in what [Book.Add] checks
// (a Revises or Under that names no record of the book or the file, an ID
// already in the book), nothing is added and the *[ValidationError]
// names the row of each problem.
//
// A file whose every row is a record's own row as WriteCSV writes it (no
// quoted cell, part or source row, Revises or Under; every record valid,
// its ID new) takes a fast path: blocks of 4 MB, split at line ends, are
// read on every processor straight into the book's columns. A million
// records of one line (97 MB) take about as long as DuckDB's read_csv
// and GROUP BY of the same file (see the README's Performance section),
// and the memory of the book and a block: the book holds about 110 B a
// record, and reading peaks about 20% above that. Any other file, and any
// problem, takes the plain path from the first row the fast path did not
// take, with the records read before it, and says what is wrong, in the
// same words either way. Either way r is read once, from where it is to
// its end, and none of it is held beyond a block: a pipe or a network
// stream as little as a file.
//
// A book that keeps a journal refuses the records, as [Book.Add] does,
// with an error matching [ErrNotLogged].
func (b *Book) ReadCSV(r io.Reader) error {
	if br := b.readCSVFast(r); br != nil {
		return b.readCSVBy(br)
	}
	return nil
}

// readCSV is ReadCSV by the plain path.
func (b *Book) readCSV(r io.Reader) error { return b.readCSVBy(newBookReader(r)) }

// readCSVBy is ReadCSV by the plain reader br.
func (b *Book) readCSVBy(br *bookReader) error {
	br.read()
	batch, err := br.records()
	if err != nil {
		return err
	}
	err = b.add(batch, true, b.unlogged)
	var ve *ValidationError
	if errors.As(err, &ve) {
		for i := range ve.Problems {
			p := &ve.Problems[i]
			at := br.at[p.Index]
			p.Row, p.Line, p.Field = at.row, at.line, bookField(p.Field)
		}
	}
	return err
}

// bookReader reads a book's CSV.
type bookReader struct {
	*recordReader
	cols [numBookColumns]int // the position of each column in the file; -1 when absent

	// The record being read, the place of its first row, whether its
	// cells read well, and the rows of its parts and sources.
	p       Pledge
	open    bool
	start   place
	ok      bool
	partAt  []place
	srcAt   []place
	partsOK bool

	// taken, when set, takes the records another reader read (see
	// carryOn) once the header is read.
	taken func()
}

func newBookReader(r io.Reader) *bookReader {
	return &bookReader{recordReader: newRecordReader(r)}
}

func (br *bookReader) read() {
	if !br.header() {
		return
	}
	for k := range br.cols {
		br.cols[k] = -1
	}
	for i, name := range br.names {
		k := -1
		for j, n := range bookColumns {
			if n == name {
				k = j
			}
		}
		switch {
		case k < 0 && name != br.rows.Text(i):
			// Not text: reported already.
		case k < 0:
			why := "unknown column: want one of " + strings.Join(bookColumns[:], ", ")
			for _, n := range bookColumns {
				if strings.EqualFold(strings.TrimSpace(name), n) {
					why = fmt.Sprintf("column names are exact: want %q", n)
				}
			}
			br.headerProblem(i, "", fmt.Errorf("%w: %s", ErrInvalid, why))
		case br.cols[k] >= 0:
			br.headerProblem(i, "", fmt.Errorf("%w: column %q is given twice, first as column %d", ErrInvalid, name, br.cols[k]+1))
		default:
			br.cols[k] = i
		}
	}
	for _, k := range []int{colID, colDonor, colAmount, colCurrency} {
		if br.cols[k] < 0 {
			br.headerProblem(-1, bookColumns[k], fmt.Errorf("%w: no column %q: a book's CSV has the columns %s", ErrMissing, bookColumns[k], strings.Join(bookColumns[:], ",")))
		}
	}
	if br.c.err() != nil {
		br.fails = true
		return
	}
	if br.taken != nil {
		br.taken()
		br.taken = nil
	}
	for br.next() {
		br.row()
	}
	br.finish()
}

// cell returns the cell of column k in the row read last; empty when the
// file has no such column.
func (br *bookReader) cell(k int) []byte {
	if br.cols[k] < 0 {
		return nil
	}
	return br.rows.Cell(br.cols[k])
}

// spot returns the place of column k in the row read last.
func (br *bookReader) spot(k int) place {
	p := br.here(br.cols[k])
	p.column = bookColumns[k]
	return p
}

// row reads one row that is not empty.
func (br *bookReader) row() {
	if br.rows.Cells() != len(br.names) {
		br.problem(br.p.ID, br.here(-1), fmt.Errorf("%w: %d cells, where the header has %d", ErrInvalid, br.rows.Cells(), len(br.names)))
		br.ok = false
		return
	}
	id := string(br.cell(colID))
	kind := pledgeRow
	k := string(br.cell(colKind))
	switch k { // as written, then as typed
	case "", "pledge", "part", "source":
	default:
		k = strings.ToLower(strings.TrimSpace(k))
	}
	switch k {
	case "", "pledge":
	case "part":
		kind = partRow
	case "source":
		kind = sourceRow
	default:
		// A record's row or one of its parts: either way the file fails.
		br.problem(id, br.spot(colKind), fmt.Errorf("%w: kind %s: want pledge, part or source", ErrInvalid, problem.Quote(k)))
		br.ok = false
		return
	}
	if kind == pledgeRow {
		br.finish()
		br.index++
		br.open, br.ok, br.partsOK, br.start = true, true, true, br.here(-1)
		br.p, br.partAt, br.srcAt = Pledge{ID: id}, br.partAt[:0], br.srcAt[:0]
	} else {
		switch {
		case !br.open:
			br.index++
			br.problem(id, br.spot(colKind), fmt.Errorf("%w: a %s row before any pledge row: a record's parts and sources follow its own row", ErrInvalid, rowKinds[kind]))
			br.fails = true
			return
		case id != "" && id != br.p.ID:
			br.problem(id, br.spot(colID), fmt.Errorf("%w: a %s row of %s after the record %s: a record's parts and sources follow its own row", ErrInvalid, rowKinds[kind], problem.Quote(id), problem.Quote(br.p.ID)))
			br.ok = false
			return
		}
	}
	if br.badText(br.p.ID) {
		br.ok = false
		return
	}
	for k := range numBookColumns {
		if kindColumns[kind]&(1<<k) == 0 && len(br.cell(k)) > 0 {
			br.problem(br.p.ID, br.spot(k), fmt.Errorf("%w: a %s row leaves %s empty", ErrInvalid, rowKinds[kind], bookColumns[k]))
			br.ok = false
		}
	}
	switch kind {
	case pledgeRow:
		br.pledge()
	case partRow:
		br.part()
	case sourceRow:
		br.source()
	}
}

// fail records a problem of the cell of column k.
func (br *bookReader) fail(k int, err error) {
	br.problem(br.p.ID, br.spot(k), err)
	br.ok = false
}

// pledge reads a record's own row.
func (br *bookReader) pledge() {
	p := &br.p
	p.Donor = br.intern(br.cell(colDonor))
	p.Recipient = br.intern(br.cell(colRecipient))
	p.Amount = br.amount(colAmount, colCurrency, Amount{})
	p.Qualifier = br.qualifier()
	var err error
	if p.Date, p.DatePrecision, err = br.date(br.cell(colDate)); err != nil {
		br.fail(colDate, err)
	}
	if s := br.cell(colStage); len(s) > 0 {
		var ok bool
		if p.Stage, ok = stageOrder[string(s)]; !ok { // as written, or else as typed
			if p.Stage, err = ParseStage(string(s)); err != nil {
				br.fail(colStage, err)
			}
		}
	}
	if p.Categories, err = br.categories(br.cell(colCategory)); err != nil {
		br.fail(colCategory, err)
	}
	p.Occasion = br.intern(br.cell(colOccasion))
	p.Revises = string(br.cell(colRevises))
	p.Under = string(br.cell(colUnder))
	p.Note = string(br.cell(colNote))
}

// amount reads an amount from the columns of its value and its currency;
// an empty currency is that of def, when it has one.
func (br *bookReader) amount(value, code int, def Amount) Amount {
	var a Amount
	if s := br.cell(code); len(s) > 0 || !def.hasCurrency() {
		cur, err := br.currency(s)
		if err != nil {
			br.fail(code, err)
		}
		a.cur = cur
	} else {
		a.cur = def.cur
	}
	s := br.cell(value)
	if len(s) == 0 {
		br.fail(value, fmt.Errorf("%w: no amount", ErrMissing))
		return a
	}
	v, err := parseDecimal(string(s))
	if err != nil {
		br.fail(value, err)
	}
	a.value = v
	return a
}

func (br *bookReader) qualifier() Qualifier {
	s := br.cell(colQualifier)
	if len(s) == 0 {
		return Exact
	}
	q, err := ParseQualifier(string(s))
	if err != nil {
		br.fail(colQualifier, err)
	}
	return q
}

// part reads a part's row.
func (br *bookReader) part() {
	pt := Part{Amount: br.amount(colAmount, colCurrency, br.p.Amount), Qualifier: br.qualifier(), Note: string(br.cell(colNote))}
	var err error
	if pt.Categories, err = br.categories(br.cell(colCategory)); err != nil {
		br.fail(colCategory, err)
	}
	if s := br.cell(colYear); len(s) > 0 {
		if pt.Year, err = yearOf(s); err != nil {
			br.fail(colYear, err)
		}
	}
	br.p.Parts = append(br.p.Parts, pt)
	br.partAt = append(br.partAt, br.here(-1))
}

// source reads a source's row.
func (br *bookReader) source() {
	s := Source{
		Publisher: br.intern(br.cell(colPublisher)), Title: string(br.cell(colTitle)),
		URL: string(br.cell(colURL)), Quote: string(br.cell(colQuote)),
	}
	d, prec, err := br.date(br.cell(colDate))
	switch {
	case err != nil:
		br.fail(colDate, err)
	case prec != Day:
		br.fail(colDate, fmt.Errorf("%w: a source's date is a day, YYYY-MM-DD: %s", ErrInvalid, problem.Quote(string(br.cell(colDate)))))
	}
	s.Date = d
	br.p.Sources = append(br.p.Sources, s)
	br.srcAt = append(br.srcAt, br.here(-1))
}

// finish checks and keeps the record read, if any.
func (br *bookReader) finish() {
	if !br.open {
		return
	}
	br.open = false
	br.keep(br.p, br.ok, br.start, br.where)
}

// where turns the path of a field of the record being read into its cell.
func (br *bookReader) where(field string) place {
	at := br.start
	rest := field
	for _, list := range []struct {
		prefix string
		rows   []place
	}{{"parts[", br.partAt}, {"sources[", br.srcAt}} {
		if s, ok := strings.CutPrefix(field, list.prefix); ok {
			n, tail, _ := strings.Cut(s, "]")
			if i, err := strconv.Atoi(n); err == nil && i < len(list.rows) {
				at = list.rows[i]
			}
			rest = strings.TrimPrefix(tail, ".")
		}
	}
	at.column = bookField(rest)
	return at
}

// bookField names the column of a record's field: "category" for
// "categories[1]", "amount" for "parts" (parts that exceed the whole).
func bookField(field string) string {
	switch name, _, _ := strings.Cut(field, "["); name {
	case "categories":
		return "category"
	case "parts":
		return "amount"
	default:
		return name
	}
}
