package pledge

import (
	"bufio"
	"encoding/csv"
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
// column stands where that dimension does and is not written twice. The
// grand totals are not written: they are the sum of the rows per currency.
func (t Totals) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	byCurrency := slices.Index(t.dims, ByCurrency)
	header := make([]string, 0, len(t.dims)+4)
	for _, d := range t.dims {
		header = append(header, d.String())
	}
	if byCurrency < 0 {
		header = append(header, "currency")
	}
	header = append(header, "amount", "qualifier", "records")
	if err := cw.Write(header); err != nil {
		return err
	}
	line := make([]string, 0, len(header))
	for _, r := range t.rows {
		line = append(line[:0], r.Keys...)
		if byCurrency < 0 {
			line = append(line, r.Amount.cur.String())
		}
		line = append(line, r.Amount.value.String(), qualifierCell(r.Qualifier), strconv.Itoa(r.Count))
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
