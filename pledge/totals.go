package pledge

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/table"
)

// Row is one line of [Totals]: the group's keys in Query.GroupBy order, the
// amount, what can be said of it and the number of records that
// contributed to it.
type Row struct {
	// Keys are the group's values, one for each of Dimensions: a donor's
	// or recipient's name ("" when the record gives no recipient), a
	// category or the joined key of an undivided amount, a year ("" when
	// the record has no date), a currency code or a stage's name.
	Keys []string
	// Dimensions say what each key is: Keys[i] is the value of
	// Dimensions[i]. They are the query's GroupBy; the rows of one call
	// to [Totals.Rows] share one copy.
	Dimensions []Dimension
	Amount     Amount
	// Qualifier is Exact unless a figure in the row was not: a row that
	// holds "about $2.3 billion" is Approximately. It follows the rules of
	// [Figure.Add].
	Qualifier Qualifier
	Count     int
}

// Key returns the row's value for dimension d, and whether d is one of
// the row's dimensions: r.Key(ByDonor) is ("South Korea", true) in a row
// grouped by donor.
func (r Row) Key(d Dimension) (string, bool) {
	if i := slices.Index(r.Dimensions, d); i >= 0 && i < len(r.Keys) {
		return r.Keys[i], true
	}
	return "", false
}

// Figure returns the row's amount with its qualifier.
func (r Row) Figure() Figure { return Figure{Amount: r.Amount, Qualifier: r.Qualifier} }

// Converted is a record's conversion into the query's currency: the amount
// of that record that counted, at the rate used.
type Converted struct {
	ID         string
	Conversion Conversion
}

// Totals is the result of [Book.Total]. It is a value: its methods copy what
// they return. A notebook shows it through String, Markdown, HTML and SVG.
type Totals struct {
	query       Query
	dims        []Dimension
	rows        []Row
	sums        []Figure
	sumRecords  []int // by sum: the records counted in it
	records     int
	conversions []Converted
	version     uint64
}

// Rows returns the groups, sorted by their keys (an empty key, then
// "unspecified", last in their column) and then by currency.
func (t Totals) Rows() []Row {
	out := make([]Row, len(t.rows))
	dims := slices.Clone(t.dims)
	for i, r := range t.rows {
		r.Keys = slices.Clone(r.Keys)
		r.Dimensions = dims
		out[i] = r
	}
	return out
}

// Sum returns the grand total, one amount per currency, sorted by code. It
// is empty when nothing counted. [Totals.Figures] says how exact each is.
func (t Totals) Sum() []Amount {
	out := make([]Amount, len(t.sums))
	for i, f := range t.sums {
		out[i] = f.Amount
	}
	return out
}

// Figures returns the grand total as [Totals.Sum] does, each amount with
// what can be said of it: "about" when an approximate figure counted in
// it, "at least" when a lower bound did, [Mixed] when bounds of both
// directions did (see [Figure.Add]). A record counted whole counts with its
// own qualifier, whatever its parts say.
func (t Totals) Figures() []Figure { return slices.Clone(t.sums) }

// Version returns the version of the book ([Book.Version]) the totals were
// computed at: they hold for as long as the book's version is the same.
func (t Totals) Version() uint64 { return t.version }

// Records returns how many records contributed to the totals: records
// some money of which a total adds, the sum of [Totals.RecordsIn] over the
// currencies of [Totals.Sum], since a record's money counts in one
// currency, its own or the query's. A record made under another (Under)
// adds nothing while its parent counts and covers it (see the package
// overview, "Stages and fulfilment"), and is then not counted here, though
// [Book.List] lists it and counts it in Page.Total.
func (t Totals) Records() int { return t.records }

// RecordsIn returns how many records contributed to the sum in currency
// cur: those whose money is in it. It is 0 for a currency with no sum. A
// record in several rows of that currency counts once, so RecordsIn is at
// least the count of any of its rows and at most their total.
func (t Totals) RecordsIn(cur currency.Unit) int {
	for i, s := range t.sums {
		if s.Amount.cur == cur && i < len(t.sumRecords) {
			return t.sumRecords[i]
		}
	}
	return 0
}

// Dimensions returns the grouping keys, the columns before the amount.
func (t Totals) Dimensions() []Dimension { return slices.Clone(t.dims) }

// Query returns the query that produced the totals.
func (t Totals) Query() Query { return t.query.clone() }

// Conversions returns, by record ID, every conversion the totals made.
func (t Totals) Conversions() []Converted { return slices.Clone(t.conversions) }

func sortRows(rows []Row, dims []Dimension) {
	slices.SortFunc(rows, func(a, b Row) int {
		for i := range a.Keys {
			if dims[i] == ByStage {
				if c := cmp.Compare(stageOrder[a.Keys[i]], stageOrder[b.Keys[i]]); c != 0 {
					return c // stages in pipeline order
				}
				continue
			}
			if c := compareKey(a.Keys[i], b.Keys[i]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Amount.cur.String(), b.Amount.cur.String())
	})
}

// compareKey orders keys as text, except that years sort as numbers and
// that "unspecified" and the empty key (not given) come last.
func compareKey(a, b string) int {
	rank := func(s string) int {
		switch s {
		case "":
			return 2
		case string(Unspecified):
			return 1
		}
		return 0
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	if digits(a) && digits(b) && len(a) != len(b) {
		return cmp.Compare(len(a), len(b)) // years: 999 before 2023
	}
	return cmp.Compare(a, b)
}

// digits reports whether s is a run of ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// sumByCurrency adds the rows up by currency; the caller sets the sums'
// qualifiers.
func sumByCurrency(rows []Row) []Figure {
	var sums []Figure
	for _, r := range rows {
		i := slices.IndexFunc(sums, func(f Figure) bool { return f.Amount.cur == r.Amount.cur })
		if i < 0 {
			sums = append(sums, Figure{Amount: Amount{cur: r.Amount.cur}})
			i = len(sums) - 1
		}
		sums[i].Amount.value = sums[i].Amount.value.Add(r.Amount.value)
	}
	slices.SortFunc(sums, func(a, b Figure) int { return cmp.Compare(a.Amount.cur.String(), b.Amount.cur.String()) })
	return sums
}

// table lays the totals out for display: key columns, currency, amount with
// grouped digits, and record count, with one total line per currency that
// counts the records of that currency ([Totals.RecordsIn]). Grouped by
// [ByCurrency], the key column is the currency column, not written twice.
// Each amount is written by the rule of [Amount.Display], on its own: a
// whole amount whole, a fraction with the currency's minor units or the
// decimals it has. In text the amounts line up at their decimal points,
// with spaces where one has fewer decimals than another, never zeros.
func (t Totals) table() table.Table {
	tb := table.Table{Caption: t.caption()}
	byCurrency := slices.Index(t.dims, ByCurrency)
	label := -1 // the key column that says "total"
	for i, d := range t.dims {
		tb.Header = append(tb.Header, d.String())
		tb.Align = append(tb.Align, table.Left)
		if label < 0 && i != byCurrency {
			label = i
		}
	}
	if byCurrency < 0 {
		tb.Header = append(tb.Header, "currency")
		tb.Align = append(tb.Align, table.Left)
	}
	tb.Header = append(tb.Header, "amount", "records")
	tb.Align = append(tb.Align, table.Decimal, table.Right)
	for _, r := range t.rows {
		line := make([]string, 0, len(r.Keys)+3)
		for _, k := range r.Keys {
			if k == "" {
				k = "(not given)"
			}
			line = append(line, k)
		}
		if byCurrency < 0 {
			line = append(line, r.Amount.cur.String())
		}
		line = append(line, r.Figure().cell(), strconv.Itoa(r.Count))
		tb.Rows = append(tb.Rows, line)
	}
	if label < 0 {
		return tb // no key but the currency: the rows are the totals already
	}
	for i, s := range t.sums {
		line := make([]string, len(t.dims))
		if i == 0 {
			line[label] = "total"
		}
		if byCurrency >= 0 {
			line[byCurrency] = s.Amount.cur.String()
		} else {
			line = append(line, s.Amount.cur.String())
		}
		line = append(line, s.cell(), strconv.Itoa(t.RecordsIn(s.Amount.cur)))
		tb.Footer = append(tb.Footer, line)
	}
	return tb
}

// String renders the totals as an aligned text table with a caption saying
// what was counted. Amounts have grouped digits and the decimal places
// [Amount.Display] gives each of them, as in [Totals.Markdown] and
// [Totals.HTML]; the text lines them up at their decimal points, with
// spaces, not zeros, after an amount with fewer decimals.
func (t Totals) String() string { return t.table().Text() }

// Markdown renders the totals as a Markdown table.
func (t Totals) Markdown() string { return t.table().Markdown() }

// HTML renders the totals as one self-contained, escaped <table> element.
func (t Totals) HTML() string { return t.table().HTML() }

// Chart is a bar chart of a result. Its HTML method gives the chart as an
// image and its SVG method the same chart as SVG; it has no table form, so
// a Jupyter notebook running gophernotes shows it as a picture where it
// would show [Totals] itself as a table.
type Chart struct {
	svg, html string
}

// SVG returns the chart: one self-contained <svg> element.
func (c Chart) SVG() string { return c.svg }

// HTML returns the chart as one <img> element holding the SVG as a data:
// URI, which Jupyter front ends and nbconvert's HTML export keep where they
// drop or sanitize an inline SVG.
func (c Chart) HTML() string { return c.html }

// Chart returns the bar chart of [Totals.SVG] as a value a notebook shows as
// a picture.
func (t Totals) Chart() Chart {
	svg, html := t.chart().Render()
	return Chart{svg, html}
}

// SVG renders the rows as a horizontal bar chart, each bar labelled with its
// keys and exact amount. Each currency has a panel and an axis of its own,
// headed by its code, and by its total when it has more than one row; a
// [ByCurrency] key is left out of the bars' labels, since the panel names
// it. Each bar's figure gives its share of the panel's total.
func (t Totals) SVG() string { return t.chart().SVG() }

func (t Totals) chart() table.Chart {
	c := table.Chart{Title: t.caption(), Shares: true, Headings: map[string]string{}}
	perCurrency := map[currency.Unit]int{}
	for _, r := range t.rows {
		perCurrency[r.Amount.cur]++
	}
	for _, s := range t.sums {
		code := s.Amount.cur.String()
		c.Headings[code] = code
		if perCurrency[s.Amount.cur] > 1 {
			c.Headings[code] += ", total " + strings.Replace(s.Display(), code+" ", "", 1)
		}
	}
	for _, r := range t.rows {
		var label []string
		for j, k := range r.Keys {
			if t.dims[j] == ByCurrency {
				continue // the panel's heading names it
			}
			if k == "" {
				k = "(not given)"
			}
			label = append(label, k)
		}
		for j := range len(label) - 1 {
			label[j] += " ·"
		}
		if label == nil {
			label = []string{"total"}
		}
		c.Bars = append(c.Bars, table.Bar{
			Label:   label,
			Value:   r.Amount.value,
			Display: r.Figure().Display(),
			Scale:   r.Amount.cur.String(),
		})
	}
	return c
}
