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
// it. A [Chart] is a horizontal bar chart of [Bar] values: bars of one
// Scale (a currency, say) share a panel with an axis of its own, so amounts
// in different units are never drawn against each other; [Chart.SVG] draws
// it and [Chart.HTML] wraps that SVG in an <img>. Two helpers format cells:
// [Group] puts commas between thousands, and [Cells] measures text in
// display columns, so that Korean and Japanese names line up in text.
//
// # Escaping
//
// Every renderer takes any string. HTML and SVG output is well-formed XML
// (HTML as one element, closed XML style where HTML has void elements):
// markup characters become references, and what XML 1.0 cannot hold
// (control characters, U+FFFE, U+FFFF and the other non-characters, bytes
// that are not UTF-8) becomes U+FFFD. Markdown cells are plain text in
// GitHub-flavoured Markdown: no emphasis, strikethrough, code, link,
// autolink, math or raw HTML comes out of them, and pipes stay inside their
// cell. Text tables turn tabs and line breaks into spaces and replace the
// same characters as HTML, so a row stays one line and no escape sequence
// reaches a terminal.
package table
