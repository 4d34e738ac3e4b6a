// Package summitry is an embeddable, pure-Go library for pledge and meeting
// accounting: exact money for aid pledges, and an honest count of leader
// meetings.
//
// The module has two packages, each with readers for public data sets:
//
//   - [github.com/summitry/summitry/pledge] records who promised what, to
//     whom, in which categories and at which stage, with exact decimal
//     amounts in ISO 4217 currencies. Its totals never lose or double count
//     money: category rows add up to the grand total, an undivided amount in
//     several categories stays undivided, and the stages of the same money
//     (pledged, committed, allocated, disbursed) are never added together.
//     Its subpackage [github.com/summitry/summitry/pledge/fts] reads the
//     OCHA Financial Tracking Service's flow API, and HDX's CSV of its
//     flows, into pledges, and its subpackage
//     [github.com/summitry/summitry/pledge/imf] reads the IMF's exchange
//     rates into the rates that convert totals.
//   - [github.com/summitry/summitry/meeting] keeps a ledger of leaders and
//     their meetings and answers "how many times has A met B" under an
//     explicit counting rule: which kinds of meeting count, held or also
//     planned, between two leaders or also inside larger meetings, and in
//     which window of dates. Its subpackage
//     [github.com/summitry/summitry/meeting/historian] reads the US Office
//     of the Historian's "Visits by Foreign Leaders" into meetings.
//
// Both are safe for concurrent use, return copies, and keep to an API that
// the gomacro interpreter behind the gophernotes Jupyter kernel can use: no
// type parameters, results as slices and structs with value-receiver methods,
// and tables that render as text, Markdown, HTML and SVG. Every result also
// marshals to JSON other languages read (snake_case names, amounts as exact
// decimal strings, null for what is unknown), and the questions a service
// takes (a pledge.Query, a meeting.Rule, claims) read back from it.
//
// A short example, from a July 2024 report on South Korea's aid to Ukraine:
//
//	var book pledge.Book
//	err := book.Add(
//		pledge.Pledge{
//			ID: "kr-ua-2023-g20", Donor: "South Korea", Recipient: "Ukraine",
//			Amount: pledge.MustAmount("2300000000", "USD"),
//			Parts: []pledge.Part{{
//				Amount:     pledge.MustAmount("300000000", "USD"),
//				Categories: []pledge.Category{pledge.Humanitarian},
//			}},
//		},
//		pledge.Pledge{
//			ID: "kr-ua-2023-07", Donor: "South Korea", Recipient: "Ukraine",
//			Amount:     pledge.MustAmount("150000000", "USD"),
//			Categories: []pledge.Category{pledge.Humanitarian, pledge.MilitaryNonLethal},
//		},
//	)
//	if err != nil {
//		log.Fatal(err) // a *pledge.ValidationError naming every bad record and field
//	}
//	totals, _ := book.Total(pledge.Query{GroupBy: []pledge.Dimension{pledge.ByCategory}})
//	fmt.Print(totals) // humanitarian 300M, humanitarian+military/non-lethal 150M, unspecified 2,000M
//
// The programs under examples/ tell whole stories; README.md has the tour.
package summitry
