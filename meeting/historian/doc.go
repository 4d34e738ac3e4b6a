// Package historian reads the US Office of the Historian's "Visits by
// Foreign Leaders" and turns the visits into meetings of a [meeting.Ledger].
//
// The Office of the Historian of the US Department of State publishes every
// visit of a foreign head of state or government to the United States since
// 1874 (https://history.state.gov/departmenthistory/visits), as XML files in
// the public domain (CC0): a <visits> root of <visit> records, each with an
// id, start and end dates, the visitor as one line of text ("President Yoon
// Suk Yeol"), the country (<from id="korea-south">South Korea</from>) and a
// description that may hold <em> markup.
//
// # Reading
//
// [ReadVisits] reads one file, [ReadFiles] several and [ReadDir] every .xml
// file of a folder, into [Visit] records. The XML is read as a stream with
// encoding/xml. Dates are civil dates (midnight UTC). The visitor is split
// into a title and a name with [SplitVisitor] and its documented table of
// titles, longest first ("Crown Prince" before "Prince"); the description's
// markup is flattened to text.
//
// Reading is all or nothing. A truncated or malformed file (an attribute
// given twice included, which encoding/xml lets pass), a character XML
// forbids in text or an attribute value (bytes that are not UTF-8, a
// control character other than tab, line feed and carriage return,
// U+FFFE, U+FFFF), written raw or as a character reference ("&#0;", or
// "&#xD800;", a surrogate, which encoding/xml would read as U+FFFD without
// a word), a visit with a missing field, a date that does not parse, a
// field holding a Unicode noncharacter or a control character U+007F to
// U+009F (which XML allows but a [meeting.Ledger] refuses; the text is
// checked as written, before runs of white space are collapsed, so U+0085
// NEL is not taken for a space) or an id given twice returns no visits and a [*ValidationError] whose [Problem] values
// name the file, the line, the visit id and the field (an attribute as
// "from/@id"); errors.Is finds [ErrSyntax], [ErrMissing], [ErrInvalid] and
// [ErrDuplicate] through it. A bad character is never replaced or
// dropped. No input makes a reader panic.
//
// The readers take untrusted input within these bounds: a UTF-8
// byte-order mark at the start of a file is skipped, as every reader of
// this module skips it; time and memory are in proportion to the input
// (the XML is read as a stream and only the visits are kept; reading
// allocates about 8 bytes for each byte of the published files, under 30
// for a file of nothing but bad visits); an error lists the first 100
// problems of all the files read and counts the rest
// ([ValidationError].Omitted); and a message quotes at most 64 bytes of a
// bad value or element name, and 200 bytes of a message of the XML
// decoder.
//
// # Countries
//
// [CountryCode] maps the data's country ids and labels ("korea-south",
// "czechia", "turkiye", "united-kingdom") to ISO 3166-1 alpha-2 codes with
// the English region names of golang.org/x/text and a small documented table
// of exceptions: names CLDR spells differently, former states (U.S.S.R. is
// SU) and the entries that are not countries (Hawaii before 1898).
//
// # Meetings
//
// [Meetings] makes a held meeting of kind [meeting.Visit] of each visit,
// between the visitor and the US president in office on its first day, the
// host. Visitors are found by name or alias in the ledger or, failing that,
// as the leader of the visit's country holding the title's office ([Office])
// on that day whose name shares a word with the visitor's. Visits that
// cannot be resolved — an unknown or ambiguous visitor, a visitor out of
// office, no president in office, a meeting the ledger already has, text a
// ledger refuses in a visit made by hand — come back as [Unresolved] with
// the reason; none is dropped. Two visits of one leader on one day become
// one meeting with both sources. [Add] does the same and adds the meetings
// to the ledger.
//
// # Concurrency and the interpreter
//
// The functions keep no state and are safe for concurrent use. The API has
// no type parameters or iterators, results are slices of structs, and the
// result types' methods have value receivers, so it works from gomacro.
package historian
