// Package fts reads the OCHA Financial Tracking Service's public flow API
// into pledge records.
//
// FTS (https://fts.unocha.org) tracks humanitarian funding as flows: money
// from a source (a donor government, a pooled fund) to a destination (an
// agency, a country, a cluster), each with a status. This package reads the
// JSON of the flow API — the data.flows array of each response page — and
// keeps what the source says exactly: amounts are decimals read from the
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
// # From flows to pledges
//
// [Flows.Pledges] makes one [pledge.Pledge] per flow: pledge, commitment and
// paid become [pledge.Pledged], [pledge.Committed] and [pledge.Disbursed];
// the amount is the original one when FTS gives it, else amountUSD (or
// always amountUSD with [Options].USD; an original 0 beside a dollar figure
// that is not 0 counts as not given); donor and recipient are the source
// and destination organisations (or countries with [Options].ByLocation);
// each destination global cluster becomes a category under "humanitarian".
//
// # What is not counted twice
//
// Parked flows hold money whose destination or year is not yet assigned.
// When FTS assigns part of it, it splits that part off into a child flow and
// the parked flow keeps only the balance ("Balance not yet allocated", as
// one parked flow in the test data says of itself, with child flows worth a
// thousand times its own amount). Parent and children therefore add up
// without overlap, and each becomes a record of its own; the links are in
// [Flow].ParentID and ChildIDs and in each record's Note.
//
// Money that moves twice is another matter: a contribution to a pooled fund
// and the fund's later allocation of it are two flows of the same money.
// FTS marks the second with newMoney false ([Flow].NewMoney);
// [Options].NewMoneyOnly leaves such flows out.
package fts
