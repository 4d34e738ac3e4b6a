package fts

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Flow is one funding flow as FTS reports it, kept as the source gave it:
// the amounts are exact decimals read from the JSON text, never through a
// float, and the exchange rate is stored, never recomputed.
type Flow struct {
	ID string // FTS flow ID, "158080"
	// VersionID orders the versions of a flow: a newer one replaces an
	// older one. It is 0 for a flow read from CSV, which gives none, so
	// that any version from the API replaces it.
	VersionID int

	// Status is "pledge", "commitment" or "paid".
	Status string

	AmountUSD decimal.Decimal // FTS's US dollar figure
	// OriginalAmount and OriginalCurrency are the amount in the currency
	// the donor reported. They come together: when FTS gives no original
	// amount, OriginalCurrency is "" even if FTS names a currency.
	OriginalAmount   decimal.Decimal
	OriginalCurrency string
	// ExchangeRate is FTS's rate in original units per US dollar, as given;
	// zero when not given. It does not always reproduce AmountUSD.
	ExchangeRate decimal.Decimal

	Date         time.Time // civil date of the flow; zero when FTS gives only DecisionDate
	DecisionDate time.Time // civil date of the funding decision; zero when not given
	BudgetYear   int       // 0 when not given

	Description      string
	FlowType         string // "Standard", "Parked", "Pass through", "Carryover"
	ContributionType string // "financial", "in kind"
	Method           string // "Traditional aid" ...
	Boundary         string // "incoming", "outgoing", "internal" for the query that returned it
	Keywords         []string
	RefCode          string

	// NewMoney is false for money that re-grants what was counted before,
	// such as allocations from pooled funds and pass-through flows. Adding
	// such flows to the contributions that funded them counts money twice.
	NewMoney bool
	// NewMoneyUnknown is true when the source does not say whether the
	// flow is new money: HDX's CSV ([Flows.ReadCSV]) has no such column.
	// NewMoney is then true, as FTS's default, and means nothing.
	NewMoneyUnknown bool

	ParentID string   // the flow this one was split from; "" for none
	ChildIDs []string // the flows split from this one

	Source, Destination Side
}

// Side is one end of a flow: the organisations, locations and other
// objects FTS attaches to the source or the destination.
type Side struct {
	Organizations  []string
	Locations      []string
	UsageYears     []int
	Plans          []string
	Emergencies    []string
	GlobalClusters []string
	Clusters       []string
	Projects       []string
}

func (s Side) clone() Side {
	s.Organizations = slices.Clone(s.Organizations)
	s.Locations = slices.Clone(s.Locations)
	s.UsageYears = slices.Clone(s.UsageYears)
	s.Plans = slices.Clone(s.Plans)
	s.Emergencies = slices.Clone(s.Emergencies)
	s.GlobalClusters = slices.Clone(s.GlobalClusters)
	s.Clusters = slices.Clone(s.Clusters)
	s.Projects = slices.Clone(s.Projects)
	return s
}

func (f Flow) clone() Flow {
	f.Keywords = slices.Clone(f.Keywords)
	f.ChildIDs = slices.Clone(f.ChildIDs)
	f.Source = f.Source.clone()
	f.Destination = f.Destination.clone()
	return f
}

// Parked reports whether the flow is a parked flow: money a donor has given
// whose destination or year is not fully assigned. As parts are assigned,
// FTS splits them off into child flows and the parked flow keeps the
// balance not yet allocated.
func (f Flow) Parked() bool { return f.FlowType == "Parked" }

// hasOriginal reports whether the flow's original amount is one to record:
// FTS gives one, and it is not a 0 beside a dollar figure that is not.
func (f Flow) hasOriginal() bool {
	return f.OriginalCurrency != "" && !(f.OriginalAmount.IsZero() && !f.AmountUSD.IsZero())
}
