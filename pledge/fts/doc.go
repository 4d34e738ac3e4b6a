// Package fts reads the OCHA Financial Tracking Service's public flow API,
// and the CSV files of its flows that HDX publishes, into pledge records.
//
// FTS (https://fts.unocha.org) tracks humanitarian funding as flows: money
// from a source (a donor government, a pooled fund) to a destination (an
// agency, a country, a cluster), each with a status. This package reads the
// JSON of the flow API — the data.flows array of each response page — and
// the CSV that the Humanitarian Data Exchange makes of it ([Flows.ReadCSV],
// below), and keeps what the source says exactly: amounts are decimals read from the
// JSON text, never through a float, and the exchange rate FTS gives
// (original units per US dollar) is stored as given, never recomputed, even
// where it does not reproduce FTS's own dollar figure.
//
// # Pages and versions
//
// [Flows] gathers pages: a flow that appears on two pages is kept once, and
// a newer versionId of a flow replaces an older one whatever the order the
// pages arrive in. Reading a page is all or nothing; errors name the line,
// the flow ID and the field ([ValidationError]).
//
// # What a page must be
//
// The reader trusts nothing it has not checked, and guesses at nothing:
//
//   - A page is JSON (RFC 8259) in UTF-8, at most 256 MiB, nested at most
//     100 deep; a leading byte-order mark is skipped. Bytes that are not
//     UTF-8 and \u escapes of half a surrogate pair are refused
//     ([ErrInvalidText]) wherever they are, even in fields the reader
//     skips: encoding/json would read either as U+FFFD, so that two donors
//     written in Latin-1, "Kor\xe9a" and "Kor\xe8a", would become one.
//   - The text it keeps (every string it reads into a [Flow]) holds no
//     control character but tab, line feed and carriage return (no
//     U+0000 to U+001F, U+007F to U+009F) and no Unicode noncharacter
//     (U+FDD0 to U+FDEF, U+FFFE and U+FFFF in every plane), written raw
//     or escaped ("\u0001", "\uFFFE", "\ud83f\udffe"): such text is
//     refused ([ErrInvalidText]), naming the flow and the field, not
//     cleaned, for no pledge record may hold it (the published pages and
//     files the package is tested on hold none). In the fields it skips,
//     only the encoding is checked.
//   - In the objects it reads (the response, its data, each flow, each
//     source and destination object), a field it uses appears once and is
//     spelled exactly: "amountUSD" twice, or "AmountUSD", is refused, not
//     resolved. Fields it does not use are skipped, whatever their names.
//   - Amounts and exchange rates are JSON numbers, not negative, with at
//     most 60 digits written plainly (1e59 has 60), as a pledge amount may;
//     a rate is not 0 (null says there is none). An original amount comes
//     with a three-letter currency code. IDs are whole numbers (up to 18 digits) or up
//     to 40 characters without spaces or control characters; dates run from
//     0001-01-02 to 9999-12-31, years from 1 to 9999.
//
// A page with problems returns the first 100 ([ValidationError].Problems,
// each naming the line, the flow and the field) and counts the rest
// (Omitted); an error quotes at most 64 bytes of a bad value. Reading takes
// time in proportion to the page, whatever is wrong with it, and memory of
// about its size (about twice from a stream: a reader other than a file,
// a bytes.Reader, a strings.Reader or a bytes.Buffer), plus the flows
// read; a page of bad flows holds no more than its 100
// problems once read.
//
// # HDX's CSV
//
// HDX (https://data.humdata.org) publishes each country's FTS flows of the
// year as CSV: fts_incoming_funding_jor.csv, fts_internal_funding_jor.csv
// and so on, one row per flow, written from the same API pages.
// [Flows.ReadCSV] reads them into the same [Flow] values, so that
// [Flows.Pledges] and everything after it work unchanged: id, status,
// amountUSD, originalAmount, originalCurrency, exchangeRate, date,
// decisionDate, budgetYear, description, flowType, contributionType,
// method, boundary, keywords and refCode become the fields of those names;
// srcOrganization and destOrganization the organisations of each side;
// destPlan, destProject, destEmergency and destGlobalClusters the plans,
// projects, emergencies and global clusters of the destination;
// srcLocations and destLocations the locations; the usage year start and
// end of each side every year from the one to the other. Cells are read
// with the rules of the JSON (amounts in the grammar of a JSON number,
// dates as YYYY-MM-DD or timestamps); an empty cell is a missing value.
//
// HDX writes a list as its names joined by "," with no space
// ("Health,Nutrition", "JOR,PSE"), so a comma followed by a space is part
// of a name ("Protection - Housing, Land and Property"); the organisation,
// plan, project and emergency columns hold one name each ("Canada,
// Government of" is one organisation), or the word "Multiple" where FTS
// names several, which the reader keeps as written: such a flow's donor is
// "Multiple".
//
// The CSV carries less than the API, and the reader does not make up what
// is missing:
//
//   - No versionId: a flow read from CSV has VersionID 0, so that the API's
//     version of the same flow replaces it, read before or after; of two
//     CSV rows of one flow in different files, the first read is kept,
//     and one flow on two rows of a file is an error.
//   - No newMoney: [Flow].NewMoneyUnknown is true, and
//     [Options].NewMoneyOnly refuses the flow ([ErrNotGiven]) rather than
//     guess whether it re-grants money counted before. Without it, pooled
//     fund allocations (the internal flows) and pass-through flows are
//     records like any other; to total only new money, read the flows from
//     the API.
//   - No parentFlowId or childFlowIds: the parked flows are there, each
//     with its balance, and the flows split from them are there too, so
//     totals are the same as the API's (nothing is counted twice); what is
//     lost is which flows were split from which.
//   - No clusters but the global ones, no source plans, emergencies or
//     projects, and no location names: HDX writes locations as ISO 3166
//     codes ("JOR"), and only those it knows, so [Options].ByLocation
//     groups by code, and a flow may name fewer locations than in the API.
//
// Reading a CSV file is a stream, all or nothing: it takes memory for the
// flows it keeps and for one row, never for the file, so a file of a
// million rows needs what its million flows need (about 1 KB each). A row
// is at most 1 MiB and a usage period at most 100 years; the row of HXL
// hashtags that HDX's files carried as row 2 (#date, #value+funding+total+usd,
// ...) is skipped. Errors name the row (the header is row 1), the line
// when a cell of several lines before it makes it another number, the flow
// and the column. Text is refused as in a page: bytes that are not UTF-8
// in any cell, and in the columns the reader uses a control character but
// tab, line feed and carriage return or a Unicode noncharacter.
//
// # From flows to pledges
//
// [Flows.Pledges] makes one [pledge.Pledge] per flow: pledge, commitment and
// paid become [pledge.Pledged], [pledge.Committed] and [pledge.Disbursed];
// the amount is the original one when FTS gives it, else amountUSD (or
// always amountUSD with [Options].USD; an original 0 beside a dollar figure
// that is not 0 counts as not given); donor and recipient are the source
// and destination organisations (or countries with [Options].ByLocation);
// each destination global cluster becomes a category under "humanitarian".
// Names and the description (the record's source title) are cleaned: each
// run of white space (tab, line feed, carriage return, space, U+00A0 and
// Unicode's other spaces) becomes one space and the ends are trimmed, as a
// pledge's names are one line; a flow made by hand, which no reader
// checked, has any other control character made a space first.
//
// # What is not counted twice
//
// Parked flows hold money whose destination or year is not yet assigned.
// When FTS assigns part of it, it splits that part off into a child flow and
// the parked flow keeps only the balance ("Balance not yet allocated", as
// one parked flow in the test data says of itself, with child flows worth
// some 1,200 times its own amount). Parent and children therefore add up
// without overlap, and each becomes a record of its own; the links are in
// [Flow].ParentID and ChildIDs and in each record's Note.
//
// Money that moves twice is another matter: a contribution to a pooled fund
// and the fund's later allocation of it are two flows of the same money.
// FTS marks the second with newMoney false ([Flow].NewMoney);
// [Options].NewMoneyOnly leaves such flows out.
package fts
