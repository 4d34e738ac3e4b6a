package pledge

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

// ExcelDate is the Sheet.DateLayout of dates written as Excel's serial
// numbers in its 1900 date system: 44616 is 2022-02-24. A sheet saved as
// CSV from cells without a date format has them.
const ExcelDate = "excel"

// Sheet says how to read a CSV file laid out by someone else into pledge
// records ([ReadCSVWith]): which column holds which field, and how to read
// the sheet's own words. The Kiel Institute's Ukraine Support Tracker is
// such a sheet:
//
//	pledge.Sheet{
//		Donor: "donor", Category: "aid_type_general", Stage: "measure",
//		Date: "announcement_date", Amount: "tot_activity_value_EUR",
//		DefaultCurrency: "EUR", DefaultRecipient: "Ukraine", IDPrefix: "kiel-",
//	}
//
// Columns are named by their header cell. A name matches a header cell
// that is the same, or failing that the one cell that is the same but for
// case and spaces at its ends; a column the sheet does not have, or has
// twice, is an error that lists the sheet's columns. Columns a Sheet does
// not name are not read. A field whose column is not named is left empty,
// or given the default below.
//
// Every cell read is trimmed of spaces at both ends, but a note.
//
// A Sheet is a plain value: the interpreter of a notebook can build one.
type Sheet struct {
	// ID is the column of the records' IDs. When it is empty, each
	// record's ID is IDPrefix followed by its row's number, counting the
	// header as row 1: "kiel-2", "kiel-3" ...
	ID       string
	IDPrefix string

	Donor     string
	Recipient string

	// Amount is the column of the amount as a plain number, "300000000",
	// "1234.56", or with an exponent as spreadsheets write large or
	// small numbers, "2.3E+09"; read exactly, never through a float.
	// Grouping commas are refused: "1,234" could be a thousand or a
	// fraction. Currency is the column of its ISO 4217 code ("EUR",
	// "krw"), or DefaultCurrency the code of every row.
	Amount   string
	Currency string

	// Figure, instead of Amount, is the column of a figure as the news
	// writes it, "$300 million", "€1.5bn", "23억 달러", "about $2
	// billion", read by Parser.ParseFigure with its qualifier. A figure
	// without a currency ("300 million") takes the row's Currency or
	// DefaultCurrency; a figure with one must agree with them.
	Figure string
	Parser Parser

	// Qualifier is the column of a qualifier, as [ParseQualifier] reads
	// it ("approximately", "about", "at least", "≥"), as [ReadCSV] does,
	// or in one of the words that set it in a figure ("over", "up to",
	// "약", "이상": see [Qualifier]); empty cells are exact. "mixed"
	// describes sums, and no record takes it.
	Qualifier string

	// Date is the column of the date. DateLayout says how it is written:
	// empty for "2022-03-15", "2022-03" (a month) or "2022" (a year)
	// only; a layout of Go's time package, "02/01/2006" for 15/03/2022
	// (day first) or "01/02/2006" for 03/15/2022 (month first), "January
	// 2006" for a month; or [ExcelDate]. A date written otherwise is an
	// error: 03/04/2022 is never guessed to be April or March. A layout
	// without a day gives dates of Month precision, without a month Year.
	// A layout with a time of day ("2006-01-02 15:04", time.RFC3339)
	// reads it and keeps only the day as written, in the zone written:
	// "2022-03-15T23:30:00-05:00" is 15 March, whatever day it was in
	// UTC, since a record's date is a civil day. (An [ExcelDate] serial
	// must be a whole day: 44616.5 is refused.)
	Date       string
	DateLayout string

	// Stage is the column of the stage. Stages maps the sheet's words to
	// stages, such as the Kiel tracker's {"Commitment": Committed,
	// "Allocation": Allocated}; its words match cells as names do in a
	// query (case, accents, spaces and hyphens aside), and a word it
	// does not hold is an error. Without Stages a cell is read by
	// [ParseStage], which knows "Commitment", "paid", "Outgoing Pledge"
	// and the like. An empty cell is DefaultStage (the zero value:
	// Pledged), unless Stages maps "".
	Stage        string
	Stages       map[string]Stage
	DefaultStage Stage

	// Category is the column of the category. Categories maps the
	// sheet's words to categories, as Stages does stages: {"Military":
	// {pledge.Military}}, several for one undivided amount, none for
	// unspecified. Without Categories a cell is read as categories
	// joined by "+", each by [ParseCategory]: "Military" is military,
	// "Humanitarian+Military/Non-lethal" two of them. An empty cell is no
	// category, unless Categories maps "".
	Category   string
	Categories map[string][]Category

	Occasion string
	Note     string

	// SourceURL is the column of the address of each row's source,
	// recorded as a source after Source.
	SourceURL string
	// Source is where the sheet itself comes from: every record has it as
	// its first source, unless it is the zero Source.
	Source Source

	// DefaultRecipient is the recipient of rows that have none: no
	// Recipient column, or an empty cell ("Ukraine" for the Kiel
	// tracker). DefaultCurrency is the ISO 4217 code of amounts the same
	// way.
	DefaultRecipient string
	DefaultCurrency  string
}

// sheetField is one field a Sheet can map: its name in a Sheet, for
// errors, and its column.
type sheetField struct {
	name, column string
}

// fields lists the fields the sheet maps, in an order errors can use.
func (s Sheet) fields() []sheetField {
	return []sheetField{
		{"ID", s.ID}, {"Donor", s.Donor}, {"Recipient", s.Recipient}, {"Amount", s.Amount},
		{"Currency", s.Currency}, {"Figure", s.Figure}, {"Qualifier", s.Qualifier}, {"Date", s.Date},
		{"Stage", s.Stage}, {"Category", s.Category}, {"Occasion", s.Occasion}, {"Note", s.Note},
		{"SourceURL", s.SourceURL},
	}
}

// ReadCSVWith reads pledge records from a CSV file laid out by someone
// else, as s maps it, as a stream and all or nothing, as [ReadCSV] reads
// a book's own CSV: the records it returns are valid one by one, with
// distinct IDs, and [Book.Add] takes them.
//
// A mistake in s itself (no donor or amount column named, both Amount and
// Figure, an amount without a currency, a layout without a year, a bad
// default) is an error matching [ErrInvalid] before anything is read. On
// bad input it returns no records and a *[ValidationError] listing the
// first 100 problems, each with the row (counting the header as row 1),
// the line, the record's ID and the sheet's column, and counting the
// rest: a column s names that the sheet does not have, a row with more or
// fewer cells than the header, text that is not UTF-8, a cell that does
// not read (a date in another layout, a word Stages does not hold), an ID
// given twice, and anything [Book.Add] refuses in a record. Rows whose
// every cell is empty and blank lines are skipped, as is a leading UTF-8
// byte-order mark.
//
// It holds one row (at most 1 MiB) and the records it has read, never the
// file.
func ReadCSVWith(r io.Reader, s Sheet) ([]Pledge, error) {
	sr, err := newSheetReader(r, s)
	if err != nil {
		return nil, err
	}
	sr.read()
	return sr.records()
}

// sheetReader reads a sheet as a Sheet maps it.
type sheetReader struct {
	*recordReader
	s        Sheet
	col      map[string]int // the position of each column named
	cur      currency.Unit  // DefaultCurrency; XXX when none
	prec     Precision      // of DateLayout
	stages   map[string]Stage
	cats     map[string][]Category
	source   bool // s.Source is not the zero Source
	recStart place
	recCells [numSheetCells]int // the position of each field's column; -1 when none
}

// The fields of a record a sheet can give.
const (
	sID = iota
	sDonor
	sRecipient
	sAmount
	sCurrency
	sFigure
	sQualifier
	sDate
	sStage
	sCategory
	sOccasion
	sNote
	sSourceURL
	numSheetCells
)

// newSheetReader checks s.
func newSheetReader(r io.Reader, s Sheet) (*sheetReader, error) {
	bad := func(format string, args ...any) (*sheetReader, error) {
		return nil, fmt.Errorf("%w: Sheet: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	sr := &sheetReader{s: s, cur: currency.XXX}
	switch {
	case s.Donor == "":
		return bad("Donor names no column: every record needs a donor")
	case s.Amount == "" && s.Figure == "":
		return bad("Amount and Figure name no column: name the column of the amounts")
	case s.Amount != "" && s.Figure != "":
		return bad("Amount and Figure are both set: name one column of amounts")
	case s.Amount != "" && s.Currency == "" && s.DefaultCurrency == "":
		return bad("Amount %q has no currency: name its Currency column or set DefaultCurrency", s.Amount)
	case s.ID == "" && s.IDPrefix != "":
		if at, why := textFault(s.IDPrefix, true); at >= 0 || strings.TrimSpace(s.IDPrefix) != s.IDPrefix {
			if at < 0 {
				why = "has spaces at an end"
			}
			return bad("IDPrefix %s %s", problem.Quote(s.IDPrefix), why)
		}
	case !s.DefaultStage.Valid():
		return bad("DefaultStage %d is not a stage", int(s.DefaultStage))
	}
	if s.DefaultRecipient != "" {
		if at, why := textFault(s.DefaultRecipient, true); at >= 0 || strings.TrimSpace(s.DefaultRecipient) != s.DefaultRecipient {
			if at < 0 {
				why = "has spaces at an end"
			}
			return bad("DefaultRecipient %s %s", problem.Quote(s.DefaultRecipient), why)
		}
	}
	if s.DefaultCurrency != "" {
		u, err := parseCurrency(strings.TrimSpace(s.DefaultCurrency))
		if err != nil {
			return bad("DefaultCurrency: %v", strings.TrimPrefix(err.Error(), "pledge: "))
		}
		sr.cur = u
	}
	if s.Source != (Source{}) {
		for _, f := range []sheetField{{"Publisher", s.Source.Publisher}, {"Title", s.Source.Title}, {"URL", s.Source.URL}, {"Quote", s.Source.Quote}} {
			if at, why := textFault(f.column, false); at >= 0 {
				return bad("Source.%s %s %s at byte %d", f.name, problem.Quote(f.column), why, at)
			}
		}
		if y := s.Source.Date.Year(); !s.Source.Date.IsZero() && (y < 1 || y > 9999) {
			return bad("Source.Date: year %d is outside 1..9999", y)
		}
		sr.source = true
		sr.s.Source.Date = civilDate(s.Source.Date)
	}
	prec, err := layoutPrecision(s.DateLayout)
	if err != nil {
		return bad("DateLayout %s: %v", problem.Quote(s.DateLayout), err)
	}
	sr.prec = prec
	if s.Stages != nil {
		sr.stages = map[string]Stage{}
		for word, st := range s.Stages {
			if !st.Valid() {
				return bad("Stages[%s] is %d, not a stage", problem.Quote(word), int(st))
			}
			k, ok := fold.Word(word)
			if !ok {
				return bad("Stages[%s] is not a word: it holds a control character or is not UTF-8", problem.Quote(word))
			}
			if _, dup := sr.stages[k]; dup {
				return bad("Stages has two words that read the same: %s and another", problem.Quote(word))
			}
			sr.stages[k] = st
		}
	}
	if s.Categories != nil {
		sr.cats = map[string][]Category{}
		for word, cs := range s.Categories {
			var c collector
			ps := problems{c: &c}
			checkCategories(cs, "", &ps)
			if err := c.err(); err != nil {
				return bad("Categories[%s]: %v", problem.Quote(word), strings.TrimPrefix(err.Problems[0].Err.Error(), "pledge: "))
			}
			k, ok := fold.Word(word)
			if !ok {
				return bad("Categories[%s] is not a word: it holds a control character or is not UTF-8", problem.Quote(word))
			}
			if _, dup := sr.cats[k]; dup {
				return bad("Categories has two words that read the same: %s and another", problem.Quote(word))
			}
			sr.cats[k] = cs
		}
	}
	sr.recordReader = newRecordReader(r)
	return sr, nil
}

// civilDate is the civil date of t.
func civilDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// layoutPrecision returns the precision of the dates a layout writes.
func layoutPrecision(layout string) (Precision, error) {
	if layout == "" || layout == ExcelDate {
		return Day, nil
	}
	base := time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC)
	same := func(years, months, days int) bool {
		return base.Format(layout) == base.AddDate(years, months, days).Format(layout)
	}
	switch {
	case same(1, 0, 0) || same(10, 0, 0):
		return 0, errors.New("it writes no year with four digits: want 2006 in the layout")
	case !same(0, 0, 1) && !same(0, 0, 7): // the day, not just the weekday
		if same(0, 1, 0) {
			return 0, errors.New("it writes a day but no month")
		}
		return Day, nil
	case !same(0, 1, 0):
		return Month, nil
	}
	return Year, nil
}

func (sr *sheetReader) read() {
	if !sr.header() {
		return
	}
	sr.col = map[string]int{}
	fields := sr.s.fields()
	for k, f := range fields {
		sr.recCells[k] = -1
		if f.column == "" {
			continue
		}
		if i, ok := sr.find(f); ok {
			sr.recCells[k] = i
		}
	}
	if sr.c.err() != nil {
		sr.fails = true
		return
	}
	for sr.next() {
		sr.row()
	}
}

// find returns the position of the column of f, or records why there is
// none.
func (sr *sheetReader) find(f sheetField) (int, bool) {
	var exact, loose []int
	for i, name := range sr.names {
		switch {
		case name == f.column:
			exact = append(exact, i)
		case strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(f.column)):
			loose = append(loose, i)
		}
	}
	found := exact
	if len(found) == 0 {
		found = loose
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		why := fmt.Sprintf("the sheet has no column %s (Sheet.%s)", problem.Quote(f.column), f.name)
		if near := fold.Nearest(f.column, sr.names, 1); len(near) > 0 {
			why += fmt.Sprintf(": did you mean %s?", problem.Quote(sr.names[near[0]]))
		} else {
			why += "; its columns: " + listNames(sr.names)
		}
		sr.headerProblem(-1, f.column, fmt.Errorf("%w: %s", ErrMissing, why))
	default:
		sr.headerProblem(found[1], f.column, fmt.Errorf("%w: column %s (Sheet.%s) is given twice, as columns %d and %d",
			ErrInvalid, problem.Quote(f.column), f.name, found[0]+1, found[1]+1))
	}
	return -1, false
}

// listNames lists column names for an error, at most 20 of them.
func listNames(names []string) string {
	var quoted []string
	for _, n := range names[:min(len(names), 20)] {
		quoted = append(quoted, problem.Quote(n))
	}
	if len(names) > 20 {
		quoted = append(quoted, fmt.Sprintf("and %d more", len(names)-20))
	}
	return strings.Join(quoted, ", ")
}

// cell returns the trimmed cell of field k in the row read last; empty
// when the sheet does not map it.
func (sr *sheetReader) cell(k int) string {
	if sr.recCells[k] < 0 {
		return ""
	}
	s := sr.rows.Cell(sr.recCells[k])
	if k == sNote {
		return string(s)
	}
	return strings.TrimSpace(string(s))
}

// spot returns the place of field k's cell in the row read last.
func (sr *sheetReader) spot(k int) place {
	return sr.here(sr.recCells[k])
}

// row reads one row that is not empty into a record.
func (sr *sheetReader) row() {
	sr.index++
	start := sr.here(-1)
	if sr.rows.Cells() != len(sr.names) {
		sr.problem("", start, fmt.Errorf("%w: %d cells, where the header has %d", ErrInvalid, sr.rows.Cells(), len(sr.names)))
		sr.fails = true
		return
	}
	var p Pledge
	if sr.recCells[sID] >= 0 {
		p.ID = sr.cell(sID)
	} else {
		p.ID = sr.s.IDPrefix + strconv.Itoa(sr.rows.Row())
	}
	if sr.badText(p.ID) {
		sr.fails = true
		return
	}
	ok := true
	fail := func(k int, err error) {
		sr.problem(p.ID, sr.spot(k), err)
		ok = false
	}
	p.Donor = sr.intern([]byte(sr.cell(sDonor)))
	p.Recipient = sr.intern([]byte(sr.cell(sRecipient)))
	if p.Recipient == "" {
		p.Recipient = sr.s.DefaultRecipient
	}
	cur := sr.cur
	if s := sr.cell(sCurrency); s != "" {
		u, err := sr.currency([]byte(s))
		if err != nil {
			fail(sCurrency, err)
		}
		cur = u
	}
	if sr.recCells[sFigure] >= 0 {
		f, k, err := sr.figure(cur)
		if err != nil {
			fail(k, err)
		}
		p.Amount, p.Qualifier = f.Amount, f.Qualifier
	} else {
		v, err := plainNumber(sr.cell(sAmount))
		if err != nil {
			fail(sAmount, err)
		}
		p.Amount = Amount{value: v, cur: cur}
		if cur == currency.XXX && sr.cell(sCurrency) == "" {
			fail(sCurrency, fmt.Errorf("%w: no currency, and no Sheet.DefaultCurrency", ErrMissing))
		}
	}
	if s := sr.cell(sQualifier); s != "" {
		q, err := sheetQualifier(s)
		switch {
		case err != nil:
			fail(sQualifier, err)
		case p.Qualifier != Exact && q != p.Qualifier:
			fail(sQualifier, fmt.Errorf("%w: qualifier %s, where the figure says %s", ErrConflict, q, p.Qualifier))
		default:
			p.Qualifier = q
		}
	}
	if s := sr.cell(sDate); s != "" {
		d, prec, err := sr.date(s)
		if err != nil {
			fail(sDate, err)
		}
		p.Date, p.DatePrecision = d, prec
	}
	st, err := sr.stage(sr.cell(sStage))
	if err != nil {
		fail(sStage, err)
	}
	p.Stage = st
	if p.Categories, err = sr.category(sr.cell(sCategory)); err != nil {
		fail(sCategory, err)
	}
	p.Occasion = sr.intern([]byte(sr.cell(sOccasion)))
	p.Note = sr.cell(sNote)
	if sr.source {
		p.Sources = append(p.Sources, sr.s.Source)
	}
	if u := sr.cell(sSourceURL); u != "" {
		p.Sources = append(p.Sources, Source{URL: u})
	}
	sr.keep(p, ok, start, func(field string) place { return sr.where(field, p) })
}

// where turns the path of a field of a record into its cell in the row
// read last.
func (sr *sheetReader) where(field string, p Pledge) place {
	name, _, _ := strings.Cut(field, "[")
	k := -1
	switch name {
	case "id":
		k = sID
	case "donor":
		k = sDonor
	case "recipient":
		k = sRecipient
	case "amount", "parts":
		k = sAmount
		if sr.recCells[sFigure] >= 0 {
			k = sFigure
		}
	case "qualifier":
		k = sQualifier
		if sr.recCells[sQualifier] < 0 {
			k = sFigure
		}
	case "date":
		k = sDate
	case "stage":
		k = sStage
	case "categories":
		k = sCategory
	case "occasion":
		k = sOccasion
	case "note":
		k = sNote
	case "sources":
		k = sSourceURL
	}
	if k < 0 || sr.recCells[k] < 0 {
		return sr.here(-1)
	}
	return sr.spot(k)
}

// figure reads the row's figure, in cur when it gives no currency of its
// own; it returns the field of a problem.
func (sr *sheetReader) figure(cur currency.Unit) (Figure, int, error) {
	s := sr.cell(sFigure)
	if s == "" {
		return Figure{}, sFigure, fmt.Errorf("%w: no figure", ErrMissing)
	}
	f, err := sr.s.Parser.ParseFigure(s)
	var pe *ParseError
	if errors.As(err, &pe) && strings.HasPrefix(pe.Reason, "no currency") && cur != currency.XXX {
		if g, err2 := sr.s.Parser.ParseFigure(s + " " + cur.String()); err2 == nil {
			return g, sFigure, nil
		}
	}
	if err != nil {
		return Figure{}, sFigure, err
	}
	if cur != currency.XXX && f.Amount.cur != cur {
		k := sFigure
		if sr.cell(sCurrency) != "" {
			k = sCurrency
		}
		return f, k, fmt.Errorf("%w: the figure %s is in %s, the row's currency is %s", ErrConflict, problem.Quote(s), f.Amount.cur, cur)
	}
	return f, sFigure, nil
}

// plainNumber reads a number as a sheet writes it: digits with a decimal
// point, or with an exponent ("2.3E+09"), exactly.
func plainNumber(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, fmt.Errorf("%w: no amount", ErrMissing)
	}
	mant, exp, hasExp := strings.Cut(s, "E")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(s, "e")
	}
	v, err := parseDecimal(strings.TrimPrefix(mant, "+"))
	if err != nil {
		if strings.Contains(s, ",") {
			return decimal.Decimal{}, &AmountError{Value: s, Reason: "grouping commas are not read (is 1,234 a thousand or a fraction?): write the number plainly, or map the column as Sheet.Figure"}
		}
		return decimal.Decimal{}, &AmountError{Value: s, Reason: "want a plain number such as 1234567.89 or 2.3E+09; map figures such as \"$300 million\" as Sheet.Figure"}
	}
	if hasExp {
		e, err := strconv.Atoi(exp)
		if err != nil || e < -maxDigits || e > maxDigits {
			return decimal.Decimal{}, &AmountError{Value: s, Reason: fmt.Sprintf("want an exponent from -%d to %d", maxDigits, maxDigits)}
		}
		v = v.Shift(int32(e))
	}
	return v, nil
}

// date reads a date in the sheet's layout.
func (sr *sheetReader) date(s string) (time.Time, Precision, error) {
	switch sr.s.DateLayout {
	case "":
		d, prec, err := sr.recordReader.date([]byte(s))
		if err != nil {
			return d, prec, fmt.Errorf("%w: date %s is not YYYY-MM-DD, YYYY-MM or YYYY: for another layout set Sheet.DateLayout, such as \"02/01/2006\" for day/month/year or \"01/02/2006\" for month/day/year", ErrInvalid, problem.Quote(s))
		}
		return d, prec, nil
	case ExcelDate:
		return excelDate(s)
	}
	t, err := time.Parse(sr.s.DateLayout, s)
	if err != nil || t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, Day, fmt.Errorf("%w: date %s is not in the layout %s", ErrInvalid, problem.Quote(s), problem.Quote(sr.s.DateLayout))
	}
	d := periodStart(civilDate(t), sr.prec)
	if d.IsZero() {
		return time.Time{}, Day, fmt.Errorf("%w: date %s is too early", ErrInvalid, problem.Quote(s))
	}
	return d, sr.prec, nil
}

// excelEpoch is the day before Excel's serial 1, as the serials from 61
// on count (Excel's 1900 date system takes 1900 for a leap year, so
// serial 60 is a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate reads a serial number of Excel's 1900 date system.
func excelDate(s string) (time.Time, Precision, error) {
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil || strings.Trim(frac, "0") != "" || whole == "" || whole[0] == '+' || whole[0] == '-' {
		return time.Time{}, Day, fmt.Errorf("%w: date %s is not a whole Excel serial number such as 44616 (a fraction is a time of day)", ErrInvalid, problem.Quote(s))
	}
	if n < 61 || n > 2958465 { // 1900-03-01 to 9999-12-31
		return time.Time{}, Day, fmt.Errorf("%w: Excel serial %s is outside 61 (1900-03-01) to 2958465 (9999-12-31)", ErrInvalid, problem.Quote(s))
	}
	return excelEpoch.AddDate(0, 0, n), Day, nil
}

// stage reads a stage in the sheet's words.
func (sr *sheetReader) stage(s string) (Stage, error) {
	if sr.stages == nil {
		if s == "" {
			return sr.s.DefaultStage, nil
		}
		return ParseStage(s)
	}
	if len(s) <= maxWord {
		if k, ok := fold.Word(s); ok {
			if st, ok := sr.stages[k]; ok {
				return st, nil
			}
		}
	}
	if s == "" {
		return sr.s.DefaultStage, nil
	}
	return 0, fmt.Errorf("%w: stage %s is not among Sheet.Stages: %s", ErrInvalid, problem.Quote(s), mapWords(sr.s.Stages))
}

// category reads the categories of a cell in the sheet's words.
func (sr *sheetReader) category(s string) ([]Category, error) {
	if sr.cats == nil {
		return sr.categories([]byte(s))
	}
	if len(s) <= maxWord {
		if k, ok := fold.Word(s); ok {
			if cs, ok := sr.cats[k]; ok {
				return slices.Clone(cs), nil
			}
		}
	}
	if s == "" {
		return nil, nil
	}
	return nil, fmt.Errorf("%w: category %s is not among Sheet.Categories: %s", ErrInvalidCategory, problem.Quote(s), mapWords(sr.s.Categories))
}

// mapWords lists the words of a map, sorted, for an error.
func mapWords[V any](m map[string]V) string {
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	slices.Sort(words)
	return listNames(words)
}

// sheetQualifier reads a qualifier by its name or sign, or by a word that
// sets it in a figure ("about", "이상").
func sheetQualifier(text string) (Qualifier, error) {
	q, err := ParseQualifier(text)
	if err == nil || len(text) > maxWord {
		return q, err
	}
	words := strings.Join(strings.Fields(text), " ")
	for _, list := range [][]token{prefixQualifiers, suffixQualifiers} {
		for _, tok := range list {
			if strings.EqualFold(words, tok.text) {
				return tok.qual, nil
			}
		}
	}
	return q, err
}
