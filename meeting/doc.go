// Package meeting keeps a ledger of meetings between leaders and answers how
// often they met under an explicit counting rule.
//
// "President Yoon had met Prime Minister Kishida 11 times" is true when an
// informal 30-minute talk on the sidelines of the UN General Assembly counts,
// and 10 when only formal talks do. A [Rule] says which it is; every count
// this package gives is a count under a Rule.
//
// # Leaders
//
// A [Leader] has a stable ID ("kr-yoon-suk-yeol"), a display name, a country
// (ISO 3166-1, see [ParseCountry]), an office, terms in office and aliases
// in any script. Terms include both their first and last day; a term may
// start on the day the previous one ended. [Ledger.AddLeader] checks and
// adds leaders (see "Text and limits" below); one leader's ID may not read
// as another leader's name or alias. [Ledger.Leader] finds a leader by ID,
// name or alias: an exact ID first,
// then everything folded (case, accents on Latin and Greek letters, width,
// compatibility forms, spaces, hyphens and apostrophes ignored; Cyrillic
// letters such as й and и, Hangul syllables, kana and ideographs kept
// apart), so "YOON SUK-YEOL", "윤석열" (an alias) and "kr-yoon-suk-yeol"
// find the same leader. A name two leaders share is ErrAmbiguous: the
// *[AmbiguousError] lists both. [Ledger.Leaders] lists every leader in
// collated name order. A leader's Sources say where its record, its terms
// above all, comes from.
//
// # Meetings
//
// A [Meeting] has a date, two or more participants (leader IDs), a [Kind]
// (Talks, PullAside, Call, Visit), a [Status] (Held, Planned, Unconfirmed,
// Cancelled), a place, an occasion ("NATO Summit 2024") and its sources.
// [Ledger.AddMeeting] rejects unknown participants, meetings outside a
// participant's terms, more than [MaxParticipants] (400) participants and
// repeated records. Dates are civil dates: only the year, month and day
// are kept, as midnight UTC. Records are never removed
// or edited, except that [Ledger.SetStatus] changes a meeting's status, so
// a planned meeting can become held or cancelled.
//
// [ParseKind] and [ParseStatus] read kinds and statuses from text ("talks",
// "talk", "pull-aside", "held", "cancelled", "canceled", ...). Kind and
// Status also have UnmarshalText methods for encoding/json, but with
// pointer receivers, which gomacro (the gophernotes interpreter) cannot
// call: there, use ParseKind and ParseStatus.
//
// # Text and limits
//
// One rule holds for every text of a record, whatever reader or call it
// comes through. Every text field (IDs, names, aliases, offices,
// participants, places, occasions, notes, a tally's rule, each source's
// publisher, title, URL and quote) must be valid UTF-8 and hold no control
// character other than tab, line feed and carriage return, and none of
// Unicode's 66 noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF in
// every plane). That keeps out every character XML 1.0 forbids, so the
// HTML and SVG of every result parse as XML, and every character that JSON
// would not carry back unchanged. IDs, names, aliases and offices are on
// one line (no tab, line feed or carriage return) and at most 1000 bytes,
// and an ID has no spaces at either end. [Ledger.AddLeader],
// [Ledger.AddMeeting] and [Ledger.AddTally] refuse any other text
// (ErrInvalidText; ErrInvalidID for an ID), naming the field, the
// character and its byte offset, and so does every reader, since each
// passes what it reads through them.
//
// A meeting has at most [MaxParticipants] participants, 400: the UN
// General Assembly's 193 members would fit with a head of state and a head
// of government each. The bound keeps the pairs one meeting adds to
// [Ledger.Pairs] under a Multilateral rule at 79,800 or fewer.
//
// Checking a batch takes time in proportion to its size: a meeting's date
// is checked against the one term of each participant that can hold it,
// found by binary search, and a leader's aliases are compared through a
// map, so a leader of 10,000 terms or 40,000 aliases costs no more per
// term or alias than one of a few; and an ID that reads as the name of
// thousands of leaders makes the first 100 problems and counts the rest.
//
// # Counting rules
//
// The zero [Rule] is the strict count: held, formal talks between exactly two
// leaders. Rule{Kinds: []Kind{Talks, PullAside}} adds informal encounters,
// as press tallies often do; Statuses adds planned meetings; From and To set
// a window, both days included; Multilateral counts every pair inside
// meetings of three or more. [Rule.String] says it in words. [Rule.Validate]
// rejects kinds and statuses outside the defined ones and a From after To;
// every question below reports an invalid rule rather than counting nothing.
//
// # Reported counts
//
// Sources often give a total without the meetings: "Lee Myung-bak held 20
// summits with Japan". A [Tally] records such a count for a leader with a
// country's leaders or with one leader, as of a day, with its sources and
// the counting rule in words; it never becomes invented meetings.
// [Ledger.AddTally] adds tallies, all or nothing. A count may be exact or
// a range ("2..8", "11.." at least, "..19" at most; [ParseRange]). A
// tally's Match says whether its rule is unknown or the same as a ledger
// [Rule] (As), so that a ranking can tell whether the tally counts what
// it counts ([RuleMatch]: same, wider, narrower, other, unknown).
// [Ledger.Rank] weighs tallies against the meetings the ledger holds.
//
// # Questions
//
//   - [Ledger.Count]: how many times two leaders met, and [Ledger.Between]:
//     which meetings those were, in date order.
//   - [Ledger.Pairs]: every pair by count, as [PairCounts] ([PairCounts.Err]
//     tells of an invalid rule).
//   - [Ledger.Rank]: the leaders of one country by meetings with leaders of
//     another, as [Standings] with competition ranks, days and years in
//     office and meetings per year. Terms are measured up to
//     [Standings.AsOf]: the rule's To, or else the latest meeting that counts
//     under the rule, never the clock; a leader without terms has unknown
//     years, and one not yet in office then is left out. With tallies in the
//     ledger, each [Standing] says what ranked it (Recorded, Reported, or
//     NoData: unknown, not 0), shows the tally beside the ledger's count and
//     their difference on the tally's day, and a count the evidence only
//     bounds gives a best and a worst rank, and a range of rates ("2.20 to
//     3.80 a year", "at least 4.83 a year").
//   - [Ledger.Schedule]: a leader's meetings on one day, in every status.
//   - [Ledger.Streak]: how many consecutive years a leader attended an
//     occasion series, such as the NATO summit, in person (calls do not
//     count).
//   - [Ledger.Reconcile]: reported counts ([Claim]) against the ledger, as
//     [Finding] values of what is missing.
//
// # Errors
//
// Bad input is an error, never a panic and never a partial write:
// [Ledger.AddLeader], [Ledger.AddMeeting] and [Ledger.AddTally] add every
// record or none and return a *[ValidationError] whose [Problem] values name
// the record (index and ID), the field (by its path in the ledger's JSON,
// "terms[1].start", whether the record came from JSON or from Go; for CSV,
// the column) and, for JSON and CSV, the line and the file. errors.Is
// finds the sentinels (ErrUnknownLeader, ErrDuplicate, ErrOutOfTerm, ...)
// through it. An error stays small however bad the input: it lists the
// first 100 problems and counts the rest ([ValidationError].Omitted), and
// quotes at most 64 bytes of a bad value, then its length.
//
// # Saving and showing
//
// [Ledger.WriteJSON] and [ReadLedger] (or [Ledger.MarshalJSON] and
// [Ledger.UnmarshalJSON]) save and load a ledger losslessly, tallies
// included. [ReadCSV] reads a data set a spreadsheet can edit, three CSV
// files of leaders, meetings and tallies with a source in every row, all
// or nothing, with errors naming the file, the line and the column;
// [Ledger.WriteCSV] writes one. Reading is strict and takes time and
// memory in proportion to the input (ReadLedger reads at most 1 GiB and
// refuses more): keys must be spelled exactly and appear once, text must
// be valid UTF-8 without escaped half surrogate pairs and keep the rule
// above, and every fault is reported with its line, record and field (the
// first 100 of them); the JSON null is an empty ledger, and a UTF-8
// byte-order mark at the start of a file is skipped, as every reader of
// this module skips it.
// [PairCounts] and [Standings] print as aligned text (String), Markdown,
// HTML and SVG, all escaped (HTML and SVG are well-formed XML whatever the
// names hold); Jupyter notebooks running gophernotes show them as tables,
// and their Chart methods as bar charts.
//
// # JSON in a service
//
// Every result marshals to JSON another language reads without knowing
// Go: [PairCounts] as {"rule", "rows"}, each row {"a", "b", "count"} with
// the leaders as {"id", "name", "country"}; [Standings] as {"country",
// "counterpart", "rule", "as_of", "reported", "rows"}, each [Standing]
// with its counts and ranks as numbers, null where they are unknown or
// unbounded, and years in office and meetings a year as decimal strings
// ("2.17"), never floats; a [Finding] as {"claim", "recorded", "missing"},
// or with "error" and null counts. A [Rule] writes the kinds and statuses
// it counts, defaults made explicit. [Leader], [Meeting] (the entries of
// [Ledger.Schedule]), [Tally], [Source] and [Term] marshal as the
// ledger's JSON holds them. Kinds, statuses, a [Basis] and a [RuleMatch]
// are their text, dates YYYY-MM-DD. A service takes its questions as
// JSON too: [Rule.UnmarshalJSON], [Claim.UnmarshalJSON] and
// [Finding.UnmarshalJSON] read as strictly as [ReadLedger] and leave the
// value unchanged on error. Every error names the key at fault by its
// path, as the pledge package names a query's ("meeting: rule: kinds[1]:
// invalid kind ...", "meeting: claim: source.URL: malformed JSON: unknown
// field "URL": field names are exact, want "url""), bad text by the byte
// in its string where it goes wrong, and bad syntax or data after the
// value by its byte offset in the input; a claim needs "a", "b" and
// "count" (ErrMissing). Each such error is a [*DecodeError], whose What
// ("rule", "claim", "finding"), Field (the key's path), Offset and Err
// (the reason, matching its sentinel) a service takes with errors.As to
// answer a bad request body key by key. A rule read back is [Rule.Equal] to the rule
// written. Each type's MarshalJSON shows its form, as its example writes
// it from the package's data.
//
// # Concurrency and the interpreter
//
// A [Ledger] is safe for concurrent use and its zero value is ready. Results
// are copies. The API has no type parameters or iterators and its result
// types have value-receiver methods, so it works from gomacro; the
// exceptions, the UnmarshalText methods of Kind, Status, Basis and
// RuleMatch and the Scan methods of Kind and Status (for database/sql,
// which stores them as their text), have ParseKind, ParseStatus,
// ParseBasis and ParseRuleMatch beside them, and the UnmarshalJSON
// methods are for encoding/json.
package meeting
