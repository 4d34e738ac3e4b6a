package fts

import (
	"strings"
	"unicode/utf8"
)

// keySet is the fields of an object that the reader uses.
type keySet struct {
	names []string
	// byFirst lists the fields by the first letter of their name, in
	// lower case.
	byFirst [128][]int
}

func newKeySet(names ...string) *keySet {
	ks := &keySet{names: names}
	for i, n := range names {
		c := lowerASCII(n[0])
		ks.byFirst[c] = append(ks.byFirst[c], i)
	}
	return ks
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// find returns the index of the field named key, or -1. A key that is no
// field's name but one in another case, as encoding/json would match it
// (strings.EqualFold), returns -1 and that name.
func (ks *keySet) find(key []byte) (int, string) {
	if len(key) == 0 {
		return -1, ""
	}
	if c := key[0]; c < utf8.RuneSelf {
		for _, i := range ks.byFirst[lowerASCII(c)] {
			switch n := ks.names[i]; {
			case len(n) != len(key):
			case n == string(key):
				return i, ""
			case equalFoldASCII(n, key):
				return -1, n
			}
		}
	}
	// Rare: K (Kelvin) and ſ fold to ASCII letters. Each is at most three
	// bytes, and the names are short.
	if len(key) <= 64 && !isASCII(key) {
		k := string(key)
		for _, n := range ks.names {
			if strings.EqualFold(n, k) {
				return -1, n
			}
		}
	}
	return -1, ""
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// equalFoldASCII reports whether the ASCII name n and key are equal but
// for case; they have the same length.
func equalFoldASCII(n string, key []byte) bool {
	for i := range len(n) {
		if lowerASCII(n[i]) != lowerASCII(key[i]) {
			return false
		}
	}
	return true
}

// The fields of a flow that the reader uses, in the order of flowKeys.
const (
	fID = iota
	fVersionID
	fStatus
	fAmountUSD
	fOriginalAmount
	fOriginalCurrency
	fExchangeRate
	fDate
	fDecisionDate
	fBudgetYear
	fDescription
	fFlowType
	fContributionType
	fMethod
	fBoundary
	fKeywords
	fRefCode
	fNewMoney
	fParentFlowID
	fChildFlowIDs
	fSourceObjects
	fDestinationObjects
)

var (
	flowKeys = newKeySet("id", "versionId", "status", "amountUSD", "originalAmount", "originalCurrency",
		"exchangeRate", "date", "decisionDate", "budgetYear", "description", "flowType", "contributionType",
		"method", "boundary", "keywords", "refCode", "newMoney", "parentFlowId", "childFlowIds",
		"sourceObjects", "destinationObjects")
	objectKeys = newKeySet("type", "name")
)

// flows reads an array of flows. Once a problem is found, it keeps no
// more flows: none will be returned.
func (p *pageReader) flows() []Flow {
	var flows []Flow
	page := p.path
	p.path = page[len(page):] // a flow's paths start from the flow
	p.open()
	for i := 0; p.more(i); i++ {
		p.index = i
		if f, ok := p.flow(); ok && len(p.bad) == 0 {
			flows = append(flows, f)
		}
	}
	p.index, p.path = -1, page
	return flows
}

// member reads the name of an object's next field, checks it against ks
// and pushes it onto the path: a field read twice or named in another
// case is a problem, and its value is skipped (k is -1).
func (p *pageReader) member(ks *keySet, seen *uint64) (k int, off int) {
	key, off := p.key()
	p.push(key)
	k, variant := ks.find(key)
	switch {
	case p.err != nil:
		return -1, off
	case variant != "":
		p.invalid(off, "field names are exact: want %q", variant)
	case k >= 0 && *seen&(1<<k) != 0:
		p.invalid(off, "given twice")
		k = -1
	case k >= 0:
		*seen |= 1 << k
		return k, off
	}
	p.skip()
	return -1, off
}

// flow reads one flow. It reports whether the flow is good: its problems
// are recorded, named by its ID once that is known.
func (p *pageReader) flow() (Flow, bool) {
	f := Flow{NewMoney: true} // FTS counts money as new unless it says otherwise
	first, omitted := len(p.bad), p.omitted
	c := p.peek()
	start := p.i
	if c != '{' {
		p.wrongKind(p.value(), "a flow (an object)")
		return f, false
	}
	var (
		seen     uint64 // fields read
		given    uint64 // fields read that are not null
		currency value
	)
	p.open()
	for n := 0; p.more(n); n++ {
		k, _ := p.member(flowKeys, &seen)
		if k < 0 {
			p.pop()
			continue
		}
		if p.peek() != 'n' {
			given |= 1 << k
		}
		var v value
		if k != fKeywords && k != fChildFlowIDs && k != fSourceObjects && k != fDestinationObjects {
			v = p.value()
		}
		switch k {
		case fID:
			f.ID, _ = p.id(v)
		case fVersionID:
			var ok bool
			if f.VersionID, ok = whole(v, false); !ok && v.kind != 'n' {
				p.wrongKind(v, "a whole number")
			}
		case fStatus:
			if s, ok := p.name(v); ok && v.kind != 'n' {
				p.status(&f, s, v.off)
			}
		case fAmountUSD:
			f.AmountUSD, _ = p.number(v)
		case fOriginalAmount:
			f.OriginalAmount, _ = p.number(v)
		case fOriginalCurrency:
			currency = v
		case fExchangeRate:
			if rate, ok := p.number(v); ok && v.kind != 'n' && rate.IsZero() {
				p.invalid(v.off, "%s: write null when there is none", noRate)
			} else {
				f.ExchangeRate = rate
			}
		case fDate:
			f.Date, _ = p.date(v)
		case fDecisionDate:
			f.DecisionDate, _ = p.date(v)
		case fBudgetYear:
			if y, ok := whole(v, true); ok && y >= 1 && y <= 9999 {
				f.BudgetYear = y
			} else if v.kind != 'n' {
				p.wrongKind(v, aYear)
			}
		case fDescription:
			f.Description, _ = p.text(v)
		case fFlowType:
			f.FlowType, _ = p.name(v)
		case fContributionType:
			f.ContributionType, _ = p.name(v)
		case fMethod:
			f.Method, _ = p.name(v)
		case fBoundary:
			f.Boundary, _ = p.name(v)
		case fRefCode:
			f.RefCode, _ = p.text(v)
		case fNewMoney:
			switch v.kind {
			case 't', 'n':
			case 'f':
				f.NewMoney = false
			default:
				p.wrongKind(v, "true or false")
			}
		case fParentFlowID:
			if v.kind != 'n' {
				f.ParentID, _ = p.id(v)
			}
		case fKeywords:
			p.array(func() {
				if v := p.value(); v.kind == 'n' {
					p.wrongKind(v, "a string")
				} else if s, ok := p.name(v); ok {
					f.Keywords = append(f.Keywords, s)
				}
			})
		case fChildFlowIDs:
			p.array(func() {
				if id, ok := p.id(p.value()); ok {
					f.ChildIDs = append(f.ChildIDs, id)
				}
			})
		case fSourceObjects:
			p.array(func() { p.object(&f.Source) })
		case fDestinationObjects:
			p.array(func() { p.object(&f.Destination) })
		}
		p.pop()
	}
	if p.err != nil {
		return f, false
	}
	if given&(1<<fOriginalAmount) != 0 {
		f.OriginalCurrency = p.currency(currency, start)
	}
	for _, k := range []int{fID, fStatus, fAmountUSD} {
		if given&(1<<k) == 0 {
			p.missing(start, k, "missing")
		}
	}
	if given&(1<<fDate|1<<fDecisionDate) == 0 {
		p.missing(start, fDate, "missing, and no decisionDate either")
	}
	for i := first; i < len(p.bad); i++ {
		p.bad[i].Flow = f.ID
	}
	return f, len(p.bad) == first && p.omitted == omitted
}

// missing records a problem with field k of the flow that starts at off.
func (p *pageReader) missing(off, k int, why string) {
	p.push([]byte(flowKeys.names[k]))
	p.invalid(off, "%s", why)
	p.pop()
}

func (p *pageReader) status(f *Flow, s string, off int) {
	st, err := status(s)
	if err == nil {
		f.Status = st
	} else if !p.full() {
		p.record(off, err)
	}
}

// currency reads the currency of an original amount: a three-letter code,
// in any case.
func (p *pageReader) currency(v value, flowStart int) string {
	if v.kind == 0 || v.kind == 'n' {
		v.off = max(v.off, flowStart)
	} else if s, ok := p.name(v); !ok {
		return ""
	} else if isCurrency(s) {
		return s
	}
	p.push([]byte("originalCurrency"))
	p.invalid(v.off, "want %s, found %s", aCurrency, v)
	p.pop()
	return ""
}

// array reads an array or null, calling elem for each element with its
// index on the path.
func (p *pageReader) array(elem func()) {
	if p.peek() != '[' {
		if v := p.value(); v.kind != 'n' {
			p.wrongKind(v, "an array")
		}
		return
	}
	p.open()
	for i := 0; p.more(i); i++ {
		p.pushIndex(i)
		elem()
		p.pop()
	}
}

// object reads one of a flow's source or destination objects into s.
func (p *pageReader) object(s *Side) {
	if p.peek() != '{' {
		p.wrongKind(p.value(), "an object")
		return
	}
	var (
		seen      uint64
		typ, name string
		nameOK    bool
		nameAt    value
	)
	p.open()
	for n := 0; p.more(n); n++ {
		switch k, _ := p.member(objectKeys, &seen); k {
		case 0:
			typ, _ = p.name(p.value())
		case 1:
			nameAt = p.value()
			name, nameOK = p.name(nameAt)
		}
		p.pop()
	}
	if p.err != nil || !nameOK || nameAt.kind == 'n' {
		return
	}
	switch typ {
	case "Organization":
		s.Organizations = append(s.Organizations, name)
	case "Location":
		s.Locations = append(s.Locations, name)
	case "UsageYear":
		if y, ok := whole(nameAt, true); ok && y >= 1 && y <= 9999 {
			s.UsageYears = append(s.UsageYears, y)
		} else {
			p.push([]byte("name"))
			p.invalid(nameAt.off, "want a usage year from 1 to 9999, found %s", nameAt)
			p.pop()
		}
	case "Plan":
		s.Plans = append(s.Plans, name)
	case "Emergency":
		s.Emergencies = append(s.Emergencies, name)
	case "GlobalCluster":
		s.GlobalClusters = append(s.GlobalClusters, name)
	case "Cluster":
		s.Clusters = append(s.Clusters, name)
	case "Project":
		s.Projects = append(s.Projects, name)
	}
}
