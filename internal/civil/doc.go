// Package civil handles the calendar dates summitry records: a year, a month
// and a day with no time of day and no zone, held as midnight UTC in a
// [time.Time] so the public API stays plain. The zero time means "no date".
//
// Every package of the module that reads or prints a date uses it:
// [github.com/summitry/summitry/pledge] and
// [github.com/summitry/summitry/meeting] for the dates of records, windows
// of dates and exchange rates, and their readers
// [github.com/summitry/summitry/pledge/fts] and
// [github.com/summitry/summitry/meeting/historian] for the dates in the data
// sets they read.
//
// [Parse] reads the one text form, YYYY-MM-DD ([Layout]), and [Format]
// writes it. [Date] reduces any time to its civil date, and [IsDate]
// reports whether a time already is one. [Within] tests a date against an
// inclusive window whose zero ends are open.
package civil
