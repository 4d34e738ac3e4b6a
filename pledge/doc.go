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
// string so that no reader turns it into a float.
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
// read from CSV ([ReadRates]). [Rates.Convert] uses the rate of the day or
// the latest before it, within [Rates].MaxAge, and inverts a rate only when
// [Rates].Inverse gives the precision. [Query].In converts every record of a
// total at its own date; when rates are missing, one *[RateError] lists
// every missing pair and day.
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
// depth), [ByYear] and [ByCurrency]. The [Totals] it returns print as aligned
// text, Markdown, an HTML table and an SVG bar chart with a panel and an
// axis per currency, which is what a Jupyter notebook running gophernotes
// shows for them; [Totals.Chart] is the chart alone, as an image that
// survives nbconvert's HTML export. Every HTML and SVG rendering is
// well-formed XML, whatever the names hold.
//
// # Databases
//
// An [Amount] is a database/sql value: [Amount.Value] writes it as the text
// of a composite "(2300000000,USD)", which PostgreSQL reads into a column
// of the type (value NUMERIC, currency CHAR(3)) so that SQL can sum it per
// currency exactly, and [Amount.Scan] reads that form or a text column
// holding "USD 2300000000". NULL never reads as an amount: scan a nullable
// column into a [NullAmount]. [Amount.Decimal] is the value alone, for a
// NUMERIC column beside a currency column. [Category], [Stage] and
// [Qualifier] are stored as their text. The module
// github.com/summitry/summitry/examples/postgres keeps a Book in
// PostgreSQL this way, with SQL that counts as [Book.Total] does, and its
// tests check the two totals agree digit for digit.
//
// # Saving and reading
//
// [Book.WriteJSON] saves every record, revised ones included; [ReadBook]
// reads such a file from untrusted input, naming the line, record and field
// of anything malformed, and never returns half a book. [ReadRates] reads
// exchange rates from CSV the same way.
//
// Every reader treats untrusted input alike. It skips a UTF-8 byte-order
// mark at the start. It refuses text that is not UTF-8, and JSON escapes of
// half a surrogate pair, rather than turn them into U+FFFD, and what
// [Book.Add] refuses in text, naming the line and the field. It reads at
// most 1 GiB. Its error keeps the first 100 problems, by record, and
// counts the rest in [ValidationError].Omitted; a message quotes at most
// 64 bytes of a bad value, then gives its length. Lines are counted once
// through the input, however many problems there are, so a reader takes
// time in proportion to its input, and memory for the input and the valid
// records read from it (ReadBook: about 6 times its input at its peak), a
// bad record costing nothing once read.
package pledge
