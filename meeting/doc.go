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
// in any script. [Ledger.AddLeader] checks and adds them; [Ledger.Leader]
// finds one by ID, name or alias with case, accents, width, spaces and
// hyphens folded, so "YOON SUK-YEOL", "윤석열" (an alias) and
// "kr-yoon-suk-yeol" find the same leader. A name two leaders share is
// ErrAmbiguous: the *[AmbiguousError] lists both. [Ledger.Leaders] lists
// every leader in collated name order.
//
// # Meetings
//
// A [Meeting] has a date, two or more participants (leader IDs), a [Kind]
// (Talks, PullAside, Call, Visit), a [Status] (Held, Planned, Unconfirmed,
// Cancelled), a place, an occasion ("NATO Summit 2024") and its sources.
// [Ledger.AddMeeting] rejects unknown participants, meetings outside a
// participant's terms and repeated records. Dates are civil dates: only the
// year, month and day are kept, as midnight UTC.
//
// # Counting rules
//
// The zero [Rule] is the strict count: held, formal talks between exactly two
// leaders. Rule{Kinds: []Kind{Talks, PullAside}} adds informal encounters,
// as press tallies often do; Statuses adds planned meetings; From and To set
// a window; Multilateral counts every pair inside meetings of three or more.
// [Rule.String] says it in words.
//
// # Questions
//
//   - [Ledger.Count]: how many times two leaders met.
//   - [Ledger.Pairs]: every pair by count, as [PairCounts].
//   - [Ledger.Rank]: the leaders of one country by meetings with leaders of
//     another, as [Standings] with competition ranks, years in office and
//     meetings per year.
//   - [Ledger.Schedule]: a leader's meetings on one day, in every status.
//   - [Ledger.Streak]: how many consecutive years a leader attended an
//     occasion series, such as the NATO summit.
//   - [Ledger.Reconcile]: reported counts ([Claim]) against the ledger, as
//     [Finding]s of what is missing.
//
// # Errors
//
// Bad input is an error, never a panic and never a partial write:
// [Ledger.AddLeader] and [Ledger.AddMeeting] add every record or none and
// return a *[ValidationError] whose [Problem]s name the record (index and
// ID), the field and, for JSON, the line. errors.Is finds the sentinels
// (ErrUnknownLeader, ErrDuplicate, ErrOutOfTerm, ...) through it.
//
// # Saving and showing
//
// [Ledger.WriteJSON] and [ReadLedger] (or [Ledger.MarshalJSON] and
// [Ledger.UnmarshalJSON]) save and load a ledger losslessly. [PairCounts]
// and [Standings] print as aligned text (String), Markdown, HTML and SVG;
// Jupyter notebooks running gophernotes show them as tables and charts.
//
// # Concurrency and the interpreter
//
// A [Ledger] is safe for concurrent use and its zero value is ready. Results
// are copies. The API has no type parameters or iterators and its result
// types have value-receiver methods, so it works from gomacro.
package meeting
