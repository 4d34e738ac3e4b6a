// Package pledge records aid pledges with exact amounts and answers "how
// much, for what, at which stage" without losing or double counting a cent.
//
// # Amounts
//
// An [Amount] is a decimal value and an ISO 4217 currency. It never passes
// through a float: [NewAmount] reads plain decimal text, [Amount.Add] and
// [Amount.Sub] are exact, and amounts in different currencies refuse to mix
// ([ErrCurrencyMismatch]) unless [Rates] convert them at a dated rate. In
// JSON an amount is {"value":"2300000000","currency":"USD"}, the value a
// string so that no reader turns it into a float; the zero Amount, which
// has no currency, is null.
//
// [Amount.String] is the machine form, "USD 2450000000"; [Amount.Display]
// writes an amount for people, "USD 2,450,000,000". Display, [Amount.Format],
// the tables of [Totals] and the full figures of [Amount.Compact] share one
// rule for decimal places: a whole amount is written whole, a fraction with
// the currency's minor units ("USD 1,234.50") or every non-zero decimal it
// has. Nothing is rounded, and trailing zeros that arithmetic leaves (a total
// kept to 4 places) are not written.
//
// # Money in text
//
// Reporters write "$2.3 billion", "US$150m", "520 billion won ($393
// million)", "23억 달러(약 3조 750억원)" and "20억 달러 이상". [ParseAmount]
// reads one exact figure; [ParseFigure] keeps a qualifier ("about", "more
// than", "약", "이상", "여") as a [Qualifier], and ParseAmount refuses a
// qualified figure ([ErrApproximate]) rather than drop the word.
// [FindFigures] returns every figure in a paragraph with its byte offsets,
// marks a bracketed conversion and both ends of a range ("$2 billion to $3
// billion"), and skips what it cannot read for certain rather than report a
// number the text does not say. A [Parser] sets what "$" and a bare "¥"
// mean. [Amount.Compact] writes "$2.3 billion" or "23억 달러" (with "about"
// or "약" when it rounds) and [Amount.Format] the full localized figure;
// neither goes through a float.
//
// # Currencies and rates
//
// [Rates] holds dated exchange rates with their sources, set one by one or
// read from CSV ([ReadRates]), and averages over a month or a year
// ([Rates.SetAverage], such as the IMF's annual averages). [Rates.Convert]
// uses the rate of the day or the latest before it, within [Rates].MaxAge,
// and inverts a rate only when [Rates].Inverse gives the precision.
// [Query].In converts every record of a total at its own date (see
// "Dates" for records dated by month or year); when rates are missing,
// one *[RateError] lists every missing pair and day, and the records that
// needed them. Query.RatePeriod converts records dated by day at a
// monthly or annual average instead, as analysts use the IMF's annual
// averages (package imf reads them): an annual average applies to every
// day of its year. A daily rate and an average never stand in for each
// other unasked. With RatePeriod Month a record takes its month's
// average, or its year's when the month has none, so one total may hold
// both; each conversion records which it used (Conversion.RatePeriod).
//
// # Approximate figures
//
// Reports give "about $2.3 billion" and "at least €300 million" more often
// than exact sums. A [Pledge] keeps such a figure as it is given: the
// amount and its [Qualifier] (Pledge.Qualifier, and Part.Qualifier for a
// share), as [ParseFigure] reads them from text. Totals carry qualifiers
// by one table of rules for sums of money ([Figure.Add]): exact changes
// nothing, "about" and "about" make "about", "at least" and "more than"
// make "more than", and a bound from below with one from above, or "about"
// with a bound, bound the sum neither way, which the total says as
// [Mixed] rather than pretend (Mixed describes sums: a record or a part
// that claims it is refused). What a pledge's parts leave over takes the
// whole's qualifier with the parts' turned around ([Figure.Sub]): an exact
// $2.3 billion less "at least $300 million" leaves "at most $2 billion". A
// record counted whole keeps its own qualifier in a row or a sum, whatever
// its pieces say. [Row].Qualifier and [Totals.Figures] give the result; the
// tables write a sign before a qualified amount ("≈ 2,300,000,000", "≥",
// "≤", ">", "<", "≶" for mixed) with a legend in the caption, the chart and
// [Figure.Compact] the words ("about $2.45 billion", "약 24억 5천만
// 달러", "3억 달러 이상"), and JSON a "qualifier" field. Compact rounds a
// bound only the way that keeps it true. Qualifiers never change an
// amount: a total's digits are the same with or without them.
//
// # Dates
//
// A source that says "in September 2023" gives a month, not a day. A
// record's Date has a [Precision] (Pledge.DatePrecision): [Day], [Month]
// or [Year], the date being the first day of the period (2023-09-01 for
// September), and [Book.Add] refuses any other day rather than keep a day
// nobody gave. JSON writes the date at its precision, "2023-09", "2023" or
// "2023-09-10"; [ParseDate] and [FormatDate] are those text forms, for any
// reader or writer of records. Three rules follow:
//
//   - Query.From and Query.To hold a partial date only when its whole
//     period lies within them: "2023-09" counts in 2023-09-01..2023-09-30
//     and in 2023, not in 2023-09-10..2023-12-31.
//   - [ByYear] puts it in its period's year.
//   - Query.In converts it at an average rate for its period
//     ([Rates.ConvertPeriod]): a month's average, or its year's; a year's
//     average for a year. Never a daily rate: with no average the total is
//     a *[RateError] that names the period and the record. (A record dated
//     by day takes an average only when Query.RatePeriod asks.)
//
// Records sort by their first day, so "2023-09" comes before "2023-09-10".
//
// # Categories
//
// A [Category] is a slash path from general to specific, such as
// "military/non-lethal". The predefined ones follow the Kiel Institute's
// Ukraine Support Tracker (military, financial, humanitarian, plus
// reconstruction); any other lower-case path works too. [Category.Within]
// rolls categories up: "military/non-lethal" is within "military".
//
// When a source gives one amount for several purposes ("$150 million in
// humanitarian and non-lethal military aid") the pledge lists both
// categories and the amount is never split by guess: totals show it under
// the joined key "humanitarian+military/non-lethal". When a source itemises
// only part of a pledge ("$2.3 billion, including $300 million in
// humanitarian aid") the pledge has a [Part] for what is itemised and the
// rest is counted as [Unspecified]. Category rows therefore always add up
// exactly to the grand total.
//
// # Stages and fulfilment
//
// Money moves through four [Stage] values, after OCHA FTS and IATI:
// [Pledged] (announced, non-binding), [Committed] (binding), [Allocated]
// (earmarked, the Kiel tracker's headline measure) and [Disbursed] (paid or
// delivered). Stages of the same money are never added together:
// [Query].Stage asks for records that have reached at least that stage.
//
// A record that fulfils part of another names it in Under: a disbursement
// under a commitment, a yearly tranche under a multi-year pledge. While the
// parent itself counts for the query, the children add nothing, so $300
// million committed with $100 million paid under it totals $300 million at
// Committed and $100 million at Disbursed. Children that add up to more than
// their parent add only the excess, taken from the children in date order
// with their own categories and dates. A record that restates another names
// it in Revises and replaces it in every total; the earlier one stays in the
// book as history ([Book.History]).
//
// # Money at each stage
//
// [Query].Stage is "at least this stage", so a loop over stages gives
// running sums. [ByStage] gives the pipeline instead: rows "pledged"
// (pledged, not yet committed), "committed" (not yet allocated or paid),
// "allocated" (not yet paid) and "disbursed", each money that went no
// further, so the rows add up to the total at [Pledged] with nothing
// counted twice, and with Query.Stage set to s the rows from s on add up
// to the total at s. A record that stands alone is in its own stage's row.
// In a fulfilment tree, what children at later stages count goes to their
// rows, and takes up the parent's own share: first the parent's pieces in
// the child's categories, then its unspecified rest, then its other parts
// in order. What the parent has left stays in the parent's stage, in its
// categories and year; children at the parent's own stage net against that
// rest as totals net them. Every step subtracts whole amounts, so every
// row is exact and none is negative. $2.3 billion pledged, $300 million of
// it committed in humanitarian aid and $100 million of that paid is $2
// billion pledged (unspecified), $200 million committed and $100 million
// disbursed. ByStage crosses with every other dimension; a stage row's
// categories and years are those of the money at that stage, so the stage
// rows of one category need not add up to that category's total at
// Pledged when a tree's records are categorised differently. The rows of
// each currency do, exactly, in the records' own currencies. Filters keep
// the pieces of the records that pass, in the stage rows as in any total;
// a filter that keeps a parent but not the records under it (another
// category, donor or date) keeps only the parent's rest in the stage
// rows, where the total at Pledged counts the parent in full.
//
// With Query.In, each stage's money converts at the date of the record it
// belongs to: what is still pledged at the pledge's date, money paid at
// the payment's date. A converted stage table adds up to its own sums, and
// [Totals.Conversions] lists what each record converted and at which rate,
// but it need not add up to the converted total at Pledged, which converts
// the pledge whole at its own date. KRW 1,000 pledged in 2023 with KRW 400
// of it paid in March 2024, at annual averages of 0.001 and 0.002 dollars a
// won, is USD 1 at Pledged, and by stage USD 0.60 pledged (KRW 600 at
// 2023's rate) and USD 0.80 disbursed (KRW 400 at 2024's), USD 1.40 in all.
// To compare stages with the total, group them in the original currencies.
//
// # Books and totals
//
// A [Book] holds the records. Its zero value is ready, it is safe for
// concurrent use and it hands out copies. [Book.Add] is all or nothing: a
// bad record is reported in a *[ValidationError] naming the record and the
// field, with errors.Is matching the sentinel errors such as
// [ErrPartsExceed] or [ErrUnknownPledge], and nothing is added.
//
// Every text field of a record (ID, donor, recipient, occasion, revises,
// under, note, each part's note, each source's publisher, title, URL and
// quote) must be valid UTF-8 and hold no control character other than
// tab, line feed and carriage return, and none of Unicode's 66
// noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF in every plane).
// That keeps out every character XML 1.0 forbids, so the HTML and SVG of
// totals always parse, and every character that JSON would not carry back
// unchanged. IDs, donors and recipients, which become keys, are on one
// line (no tab, line feed or carriage return) with no spaces at either end;
// categories have their own grammar ([Category]). [Book.Add] refuses any
// other text, naming the field, the character and its byte offset, and so
// does every reader, since each passes what it reads through Add.
//
// [Book.Total] filters by donor, recipient, category, date and stage and
// groups by any of [ByDonor], [ByRecipient], [ByCategory] (at a chosen
// depth), [ByYear], [ByCurrency] and [ByStage]. The [Totals] it returns
// print as aligned text, Markdown, an HTML table and an SVG bar chart with a
// panel and an axis per currency, which is what a Jupyter notebook running
// gophernotes shows for them; [Totals.Chart] is the chart alone, as an
// image that survives nbconvert's HTML export. A table writes each amount
// as [Amount.Display] does (text lines them up at the point with spaces,
// never with zeros), the currency once (grouped [ByCurrency], the key is
// the currency column), and a total line per currency with the records
// whose money is in it ([Totals.RecordsIn]). Every HTML and SVG rendering
// is well-formed XML, whatever the names hold.
//
// # Databases
//
// An [Amount] is a database/sql value: [Amount.Value] writes it as the text
// of a composite "(2300000000,USD)", which PostgreSQL reads into a column
// of the type (value NUMERIC, currency CHAR(3)) so that SQL can sum it per
// currency exactly, and [Amount.Scan] reads that form or a text column
// holding "USD 2300000000". NULL never reads as an amount: scan a nullable
// column into a [NullAmount], which takes ROW(NULL,NULL)::amount, "(,)", as
// NULL too, as PostgreSQL does; one NULL field inside the composite is an
// error that says "a NULL value" or "a NULL currency". A NullAmount is the
// amount's JSON, or null. [Amount.Decimal] is the value alone, for a
// NUMERIC column beside a currency column. [Category], [Stage],
// [Qualifier] and [Precision] are stored as their text. The module
// github.com/summitry/summitry/examples/postgres keeps a Book in
// PostgreSQL this way, with SQL that counts as [Book.Total] does, and its
// tests check the two totals agree digit for digit.
//
// # JSON in a service
//
// Every result marshals to JSON another language reads without knowing
// Go. [Totals] is {"query", "dimensions", "rows", "sums", "records",
// "conversions"}: each row's keys an object named by dimension,
// {"donor": "South Korea", "category": "humanitarian"} (a key not given
// is null, a year a string such as "2023"), with "dimensions" for their
// order; amounts {"value": "300000000", "currency": "USD"}, the value an
// exact decimal string; a "qualifier" by name where a figure is not
// exact; "records" the records counted, in a row, in each sum (those
// whose money is in that currency, [Totals.RecordsIn]) and in all. A
// [Query] writes every field, stages and dimensions by name, dates
// YYYY-MM-DD, an open bound or no conversion as null. [Figure], [Row] (which knows its Dimensions, so
// its keys are named on their own too; [Row.Key] finds one),
// [Converted], [Conversion], [Rate], [Found], [Part] and [Chart] have
// forms of their own; [Dimension], like [Stage], [Qualifier] and
// [Precision], is text ([ParseDimension]).
//
// A service takes its query from a request with [Query.UnmarshalJSON],
// which reads stage and dimension names as people write them and a
// window of whole years or months ("from": "2023", "to": "2024-06"), and
// may keep totals as JSON and read them back with [Totals.UnmarshalJSON]:
// both read as strictly as records (below), name the field at fault
// ("rows[3].keys.year"), and check that what they read holds together (a
// query [Book.Total] accepts; rows that add up to the sums). Every error
// in a query, from Book.Total, Book.List, Query.UnmarshalJSON or
// Query.MarshalJSON, names the field by its JSON path in one form,
// "pledge: query: group_by[1]: ByDonor given twice", "pledge: query: to:
// 2023-01-01 is before from, 2024-01-01", "pledge: query: donors[0]: no
// donor ...", and matches [ErrInvalid] or the sentinel of the value at
// fault ([ErrInvalidCategory], [ErrInvalidCurrency], [ErrUnknownName]).
// Such an error, and every error of Totals.UnmarshalJSON, is a
// [*DecodeError], whose What ("query", "totals"), Field (the JSON path)
// and Err (the reason) a service takes with errors.As to answer a bad
// request body field by field; but for a name the book does not hold,
// which is a [*NameError] with a Field of its own. A query or
// totals read back are [Query.Equal] or [Totals.Equal] to those written,
// but for Rates, which JSON does not carry: a query read back has none,
// and one that converts needs them set before use. Each type's
// MarshalJSON shows its form.
//
// # Saving and reading
//
// [Book.WriteJSON] saves every record, revised ones included, with
// qualifiers and dates at their precision, as one {"pledges":[...]}
// document; [Book.WriteJSONLines] writes the same records one a line
// (JSON Lines), for tools that read a record at a time. [ReadBook] reads
// either from untrusted input, naming the line, record and field of
// anything malformed, and never returns half a book. [ReadJSON] reads
// records as a request brings them (one record, an array, the document
// or JSON Lines) with the same care, for [Book.Add] or [Book.AddLogged]
// to check against a book. [ReadRates] reads
// exchange rates from CSV the same way.
//
// # Spreadsheets
//
// Analysts keep aid data in sheets, and a book goes in and out of them as
// CSV. [Book.WriteCSV] writes every record as a row, with a row per part
// and per source after it, under a fixed header ([BookColumns]: id, kind,
// donor, recipient, amount, currency, qualifier, date, stage, category
// ...), amounts as exact decimals beside their currency, dates at their
// precision, several categories joined by "+"; [ReadCSV] and
// [Book.ReadCSV] read it back into records equal to those written. A
// sheet laid out by someone else, such as the Kiel Institute's Ukraine
// Support Tracker, is read by [ReadCSVWith] as a [Sheet] maps its
// columns: a plain number with a currency column or a figure as the news
// writes it ("$300 million", "23억 달러"), dates in ISO form, in a layout
// given or as Excel serials (a day/month order is never guessed), the
// sheet's own words for stages and categories. [Totals.WriteCSV] writes
// totals in long form, a column per dimension, for a sheet, pandas or
// DuckDB, without the sums, whose qualifiers [Totals.Figures] gives.
// Tell those tools that amount is a decimal (DuckDB's types =
// {'amount': 'DECIMAL(38,10)'}, pandas's converters={'amount':
// Decimal}), or they read it as a float: Book.WriteCSV shows how. Both
// files hold text as it is, which a spreadsheet program may run as a
// formula ("=HYPERLINK(...)"); [CSVOptions].Spreadsheet writes a guarded
// file for people to open, not to read back.
//
// # In a service
//
// A Book serves many goroutines at once: queries share it, writers take
// turns, and a batch is checked while queries go on. Four things make it
// fit a service; github.com/summitry/summitry/examples/pledge-service is
// one, an HTTP server over a book and its journal.
//
// A journal. [OpenJournal] opens (or creates) a [Journal] file and
// replays it into a book; [Book.AddLogged] then checks each batch against
// the book, writes it to the journal with a commit marker (its count and
// CRC-32C) in one write, syncs the file, and only then stores it, so the
// journal holds the batches in the order the book took them and the book
// never holds a record the journal lacks. A batch the book refuses is not
// written; when the write or the sync fails, the book is unchanged and the
// journal takes nothing more until it is reopened, since what reached the
// disk is then unknown. A new journal file is synced into its directory.
// The journal holds only what AddLogged wrote, so a book fed by a journal
// takes every record through AddLogged: once it keeps one, [Book.Add] and
// [Book.Merge] refuse to add ([ErrNotLogged]). Records loaded before the
// journal was opened (a seed file) are not in it: load them the same way
// before every OpenJournal, since logged records may refer to them.
//
// Recovery. [Book.Replay] restores every whole batch, in order, each as
// one Add. When the last batch is not whole (a crash during a write), it
// stops there with a *[JournalError] matching [ErrTornJournal] that names
// its line and the byte offset where the whole batches end; OpenJournal
// returns it and opens nothing, [RepairJournal] cuts that batch off
// (keeping its bytes in a ".torn" file), and OpenJournal then goes on. The
// batch was never acknowledged: AddLogged returns only once it is synced.
// A batch that is not whole with more after it is damage, not a crash:
// [ErrCorruptJournal], which RepairJournal refuses to cut. Nothing is
// skipped without an error, and no batch is applied in part.
//
// Merging. A record equal to the one a book holds under its ID is already
// there: [Book.Add] accepts it and changes nothing, so a journal replayed
// twice, or into a book that has part of it, gives the same book, and
// [Book.Merge] takes in a book that overlaps. A different record under the
// same ID is still [ErrDuplicate], naming the field in which they differ.
//
// Listing and caching. [Book.List] returns a [Page] of the records that
// count and pass a Query's filters (the filters of totals), in date then
// ID order, copying only the page, with the number found in all.
// [Book.Version] changes with every Add that adds something, and nothing
// else; [Totals.Version] and Page.Version say which version a result was
// computed at, so a service can cache totals until the version moves, and
// use it as an ETag.
//
// # Reading untrusted input
//
// Every reader treats untrusted input alike. It skips a UTF-8 byte-order
// mark at the start. It refuses text that is not UTF-8, and JSON escapes of
// half a surrogate pair, rather than turn them into U+FFFD, and what
// [Book.Add] refuses in text, naming the line (in CSV, the row) and the
// field (the column). It is all or nothing. Its error keeps the first 100
// problems, by record, and counts the rest in [ValidationError].Omitted; a
// message quotes at most 64 bytes of a bad value, then gives its length.
// Lines are counted once through the input, however many problems there
// are, so a reader takes time in proportion to its input. A JSON reader
// reads at most 1 GiB and takes memory for the input and the valid
// records read from it (ReadBook: about 6 times its input at its peak); a
// CSV reader reads a stream, holding one row (at most 1 MiB) and the
// records it keeps, never the file. A bad record costs nothing once read.
package pledge
