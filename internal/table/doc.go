// Package table renders the result tables of summitry as aligned text,
// Markdown, a self-contained HTML table and an SVG bar chart. Both public
// packages build a [Table] or a list of [Bar] values and hand it here, so
// every result looks and escapes the same way:
// [github.com/summitry/summitry/pledge.Totals] for totals of money, and
// [github.com/summitry/summitry/meeting.PairCounts] and
// [github.com/summitry/summitry/meeting.Standings] for counts of meetings.
//
// A [Table] has a caption, a header, rows and footer lines, with an [Align]
// for each column; [Table.Text], [Table.Markdown] and [Table.HTML] render
// it. [SVG] draws bars as a horizontal bar chart, scaling each bar against
// the longest bar of its own scale, so amounts in different currencies are
// never drawn against each other. Two helpers format cells: [Group] puts
// commas between thousands, and [Cells] measures text in display columns,
// so that Korean and Japanese names line up in text.
package table
