// Package benchdata generates the deterministic data set that summitry's
// benchmarks total: rows of donor, category and an exact amount in US cents.
//
// Two parts of the module use it: the benchmarks of
// [github.com/summitry/summitry/pledge], which turn the rows into pledge
// records and total them, and the comparison command
// [github.com/summitry/summitry/bench/compare], which writes the same rows
// as CSV for the other tools it measures (Python, DuckDB) and checks that
// every tool gives the same totals. It knows nothing of either: like
// everything under internal/, it imports no package of the module's
// domain, and each user turns the rows into what it needs.
//
// A [Spec] describes a data set (rows, donors, categories, how many rows
// carry amounts too large for an int64, and a seed); [Spec.Rows] generates
// it, and [Rows] is the short form for a set with no large amounts. Each
// [Row] carries its ID and date and gives its amount exactly, as text with
// [Row.Amount] or as a decimal with [Row.Decimal]; every row has the
// recipient [Recipient] and the currency [Currency], from which each user
// makes its own records. [WriteCSV] and [ReadCSV] write and read the CSV
// form, whose first line is [Header]. [Donors] and [Categories] name the
// donors and categories a Spec draws from.
//
// The same Spec gives the same rows on every machine and Go version: the
// generator is a SplitMix64 written out here, not math/rand, whose streams
// a Go release may change.
package benchdata
