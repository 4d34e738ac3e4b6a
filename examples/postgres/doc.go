// Package postgres keeps a pledge.Book in PostgreSQL through database/sql,
// and totals it there as [pledge.Book.Total] does, digit for digit. It is
// an example for services that embed summitry, in a module of its own so
// that the library needs no database driver; its tests run against a
// real server (bash .ci/with-postgres go -C examples/postgres test ./...)
// and skip without one.
//
// Every value goes through the library's own database/sql methods: a
// record's amount is one column of the composite type
//
//	CREATE TYPE amount AS (value NUMERIC, currency CHAR(3));
//
// written by [pledge.Amount.Value] as "(2300000000,USD)" and read back by
// [pledge.Amount.Scan]; a part's amount is the two-column form, a NUMERIC
// ([pledge.Amount.Decimal], a decimal.Decimal) beside a currency code, for
// databases and queries without composite types. A [pledge.Stage] is the
// enum stage, ordered as the stages are; a [pledge.Category] is text.
// Categories, parts, each part's categories and sources are child tables,
// in order. [Schema] is the whole of it.
//
// [Create] makes the schema, [Save] appends records in one transaction (all
// or none) and [Load] reads them back in order, equal record for record,
// ready for [pledge.Book.Add]. The mapping is one list of columns per
// table (columns.go): each column names its field once, and both writing
// and reading go through that list, so a new field is one line there.
//
// The SQL function counted(stage) applies the book's counting rules:
// restatements replace what they revise, a record's parts and remainder
// are pieces with their own categories, and records under another count
// only beyond it. [Total] sums its pieces with SUM(...) GROUP BY per
// currency and per donor and categories; the tests check that those sums
// equal Book.Total's for 100,000 generated records and for the OCHA FTS
// flows in ../shared/testdata, at every stage.
package postgres
