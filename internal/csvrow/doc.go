// Package csvrow reads CSV (RFC 4180) a row at a time, for the readers of
// spreadsheets: one row held at a time and at most [MaxRowBytes] of it, so
// a reader's memory is that of what it keeps, not of the file (its buffer
// is of a small file's size, else 4 KB growing to 64 KB once the input is
// longer); each row
// and cell known by its row number (blank lines are not rows, as a
// spreadsheet counts them) and its line; and a quoted cell kept exactly as
// written, where encoding/csv turns a carriage return and line feed inside
// quotes into a line feed alone, so text written to CSV comes back
// unchanged. A leading UTF-8 byte-order mark is skipped. Cells are bytes
// valid until the next row: a reader converts what it keeps, and can look
// up what it shares (names, codes) without allocating.
//
// It knows no domain: nothing here imports pledge or meeting.
package csvrow
