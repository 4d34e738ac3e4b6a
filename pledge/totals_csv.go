package pledge

import (
	"io"
	"slices"
	"strconv"
)

// WriteCSV writes the totals as CSV in long form, one row per row of
// [Totals.Rows], so that a spreadsheet, pandas or DuckDB reads it as it
// is. The header names one column per dimension of the query, in GroupBy
// order, by [Dimension.String] ("donor", "category", "year" ...), then
// currency, amount, qualifier and records:
//
//	donor,category,currency,amount,qualifier,records
//	South Korea,humanitarian,USD,300000000,,1
//
// A key the records do not give (no recipient, no date) is an empty cell.
// Amounts are exact decimals, never rounded or grouped ("2450000000",
// "1234.5"), in the row's currency. The qualifier is empty for an exact
// amount and otherwise its name, as [Qualifier.String] writes it
// ("approximately", "more than", "mixed"). Records is the number of
// records counted in the row. Grouped by [ByCurrency], the currency
// column stands where that dimension does and is not written twice.
//
// The grand totals are not written: a long-form sheet adds its rows up,
// and a row of totals would count twice. Their amounts are the sums of
// the rows per currency, but what can be said of them is not always
// what the rows' qualifiers make by [Figure.Add]: a record counted whole
// keeps its own qualifier, so rows of "at least 30" and "at most 70"
// from an exact record of 100 add up to an exact 100. Take the qualified
// sums from [Totals.Figures], or the totals' JSON.
//
// Read amount as an exact decimal, as [Book.WriteCSV] says: in DuckDB,
// read_csv('totals.csv', types = {'amount': 'DECIMAL(38,10)'}), with a
// scale that holds the places of the amounts (a converted total keeps
// every place of amount × rate); in pandas, pd.read_csv('totals.csv',
// converters={'amount': Decimal}). Keys are written as they are, so for
// a file people will open in a spreadsheet program use
// [Totals.WriteCSVWith] with [CSVOptions].Spreadsheet.
func (t Totals) WriteCSV(w io.Writer) error { return t.WriteCSVWith(w, CSVOptions{}) }

// WriteCSVWith writes the totals as [Totals.WriteCSV] does, in the same
// layout, as opts say: with opts.Spreadsheet, a file for a spreadsheet
// program, guarded against formula injection, which is not meant to be
// read back (see [CSVOptions]).
func (t Totals) WriteCSVWith(w io.Writer, opts CSVOptions) error {
	out := newCSVOut(w, opts)
	byCurrency := slices.Index(t.dims, ByCurrency)
	header := make([]string, 0, len(t.dims)+4)
	for _, d := range t.dims {
		header = append(header, d.String())
	}
	if byCurrency < 0 {
		header = append(header, "currency")
	}
	header = append(header, "amount", "qualifier", "records")
	if err := out.write(header); err != nil {
		return err
	}
	line := make([]string, 0, len(header))
	for _, r := range t.rows {
		line = append(line[:0], r.Keys...)
		if byCurrency < 0 {
			line = append(line, r.Amount.cur.String())
		}
		line = append(line, r.Amount.value.String(), qualifierCell(r.Qualifier), strconv.Itoa(r.Count))
		if err := out.write(line); err != nil {
			return err
		}
	}
	return out.flush()
}
