package pledge

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// Figure returns the pledge's amount with its qualifier: "about $2.3
// billion" as [ParseFigure] read it.
func (p Pledge) Figure() Figure { return Figure{Amount: p.Amount, Qualifier: p.Qualifier} }

// Figure returns the part's amount with its qualifier.
func (pt Part) Figure() Figure { return Figure{Amount: pt.Amount, Qualifier: pt.Qualifier} }

// Valid reports whether q is one of the qualifiers, Exact to Mixed.
func (q Qualifier) Valid() bool { return q >= Exact && q <= Mixed }

// checkQualifier reports a qualifier that is none of the constants, or is
// Mixed, which describes sums, not a figure a source gives.
func checkQualifier(q Qualifier, field string, ps *problems) {
	switch {
	case q == Mixed:
		ps.add(field, errMixedRecord)
	case !q.Valid():
		ps.add(field, fmt.Errorf("%w: qualifier %d", ErrInvalid, int(q)))
	}
}

var errMixedRecord = fmt.Errorf("%w: qualifier mixed describes a sum of figures bounded different ways, not a figure a source gives", ErrInvalid)

// plus is the qualifier of a sum of two amounts, neither negative, that
// carry q and o. See [Figure.Add] for the table.
func (q Qualifier) plus(o Qualifier) Qualifier {
	switch {
	case q == o || o == Exact:
		return q
	case q == Exact:
		return o
	case q.lower() && o.lower():
		return MoreThan // at least a + more than b: more than a+b
	case q.upper() && o.upper():
		return LessThan
	}
	return Mixed
}

// lower reports whether q bounds the money from below.
func (q Qualifier) lower() bool { return q == AtLeast || q == MoreThan }

// upper reports whether q bounds the money from above.
func (q Qualifier) upper() bool { return q == AtMost || q == LessThan }

// negated is the qualifier of an amount taken away: what is left of an
// exact whole after "at least" a part is "at most" the difference.
func (q Qualifier) negated() Qualifier {
	switch q {
	case AtLeast:
		return AtMost
	case AtMost:
		return AtLeast
	case MoreThan:
		return LessThan
	case LessThan:
		return MoreThan
	}
	return q
}

// Add returns the sum f + g and what can honestly be said of it:
//
//   - exact      about   at least   at most    more than  less than
//     exact      exact      about   at least   at most    more than  less than
//     about      about      about   mixed      mixed      mixed      mixed
//     at least   at least   mixed   at least   mixed      more than  mixed
//     at most    at most    mixed   mixed      at most    mixed      less than
//     more than  more than  mixed   more than  mixed      more than  mixed
//     less than  less than  mixed   mixed      less than  mixed      less than
//
// Exact changes nothing; a qualifier added to itself stays; "at least" and
// "more than" make "more than" (and "at most" with "less than", "less
// than"). A bound from below with one from above, or "about" with any
// bound, bounds the sum neither way: [Mixed], and Mixed with anything is
// Mixed. The rules hold for sums of money, which is never negative. Amounts
// in different currencies are an error matching [ErrCurrencyMismatch].
//
// [Book.Total] adds by these rules, so a row or sum that holds an "about"
// figure is "about" too.
func (f Figure) Add(g Figure) (Figure, error) {
	a, err := f.Amount.Add(g.Amount)
	if err != nil {
		return Figure{}, err
	}
	return Figure{Amount: a, Qualifier: f.Qualifier.plus(g.Qualifier)}, nil
}

// Sub returns the difference f − g with what can be said of it: f's
// qualifier added to g's turned around, since taking away "at least" a
// part leaves "at most" the rest. An exact whole less "at least $300
// million" is "at most" the difference; "about" a whole less an exact part
// is "about" the rest. This is the rule for what a [Pledge]'s Parts leave
// over. Amounts in different currencies are an error matching
// [ErrCurrencyMismatch].
func (f Figure) Sub(g Figure) (Figure, error) {
	a, err := f.Amount.Sub(g.Amount)
	if err != nil {
		return Figure{}, err
	}
	return Figure{Amount: a, Qualifier: f.Qualifier.plus(g.Qualifier.negated())}, nil
}

// Display writes the figure for people as [Amount.Display] does, with the
// qualifier's words: "about USD 2,450,000,000", "at least USD 300,000,000",
// "USD 2,450,000,000 (mixed bounds)".
func (f Figure) Display() string {
	return qualifierWords(f.Amount.Display(), f.Qualifier, false, false)
}

// Compact writes the figure as news reports do, qualifier included: "about
// $2.45 billion", "at least $300 million", "약 24억 5천만 달러", "3억 달러
// 이상", "$2.45 billion (mixed bounds)". [ParseFigure] reads what it writes
// back to the same qualifier (a Mixed figure aside, which no text sets).
//
// The number is rounded as [Amount.Compact] rounds it, except that a bound
// is rounded the way that keeps it true: "at least" and "more than" down,
// "at most" and "less than" up. So "at least $2,346,000,000" is "at least
// $2.34 billion", never "at least $2.35 billion". An exact figure that
// rounds is "about", as in Amount.Compact. Korean writes 약 before the
// number and 이상, 이하, 초과 or 미만 after it; every other language the
// English words.
func (f Figure) Compact(tag language.Tag) string {
	round := rounder(decimal.Decimal.Round)
	switch {
	case f.Qualifier.lower():
		round = decimal.Decimal.RoundFloor
	case f.Qualifier.upper():
		round = decimal.Decimal.RoundCeil
	}
	if f.Amount.value.Sign() < 0 { // money is not negative; keep the bound's sense on |v| anyway
		round = decimal.Decimal.Round
	}
	ko := isKorean(tag)
	var (
		text    string
		rounded bool
	)
	if ko {
		text, rounded = f.Amount.compactKorean(round)
	} else {
		text, rounded = f.Amount.compactEnglish(round)
	}
	q := f.Qualifier
	if rounded && q == Exact {
		q = Approximately
	}
	return qualifierWords(text, q, ko, rounded && q == Mixed)
}

// Format writes the full figure as [Amount.Format] does, with the
// qualifier: in words in English ("about $2,450,000,000") and Korean ("약
// US$2,450,000,000", "US$300,000,000 이상"), and as the sign tables use in
// other languages ("≈ 2.450.000.000 $").
func (f Figure) Format(tag language.Tag) string {
	text := f.Amount.Format(tag)
	if f.Qualifier == Exact {
		return text
	}
	base, _ := tag.Base()
	switch {
	case isKorean(tag):
		return qualifierWords(text, f.Qualifier, true, false)
	case base.String() == "en":
		return qualifierWords(text, f.Qualifier, false, false)
	}
	return qualifierSign(f.Qualifier) + " " + text
}

// qualifierWords writes text with the words of q, in Korean when ko;
// about marks a Mixed figure that is also rounded.
func qualifierWords(text string, q Qualifier, ko, about bool) string {
	if ko {
		switch q {
		case Approximately:
			return "약 " + text
		case AtLeast:
			return text + " 이상"
		case AtMost:
			return text + " 이하"
		case MoreThan:
			return text + " 초과"
		case LessThan:
			return text + " 미만"
		case Mixed:
			if about {
				text = "약 " + text
			}
			return text + " (상·하한 혼재)"
		}
		return text
	}
	switch q {
	case Exact:
		return text
	case Approximately:
		return "about " + text
	case Mixed:
		if about {
			text = "about " + text
		}
		return text + " (mixed bounds)"
	}
	return q.String() + " " + text
}

// qualifierSign is the sign a table writes before a qualified amount:
// "≈", "≥", "≤", ">", "<" or "≶" (mixed); "" when exact.
func qualifierSign(q Qualifier) string {
	switch q {
	case Approximately:
		return "≈"
	case AtLeast:
		return "≥"
	case AtMost:
		return "≤"
	case MoreThan:
		return ">"
	case LessThan:
		return "<"
	case Mixed:
		return "≶"
	}
	return ""
}

// qualifierLegend explains the signs of the qualifiers in qs, in order:
// "≈ approximately, ≥ at least"; "" when every one is exact.
func qualifierLegend(qs map[Qualifier]bool) string {
	var parts []string
	for q := Approximately; q <= Mixed; q++ {
		if !qs[q] {
			continue
		}
		word := q.String()
		if q == Mixed {
			word = "mixed: no bound either way"
		}
		parts = append(parts, qualifierSign(q)+" "+word)
	}
	return strings.Join(parts, ", ")
}

// cell writes the figure in a table's amount column: the qualifier's sign,
// a space and the amount with places decimals, "≈ 2,450,000,000".
func (f Figure) cell(places int32) string {
	s := f.Amount.signed(places, "")
	if sign := qualifierSign(f.Qualifier); sign != "" {
		s = sign + " " + s
	}
	return s
}

// caption is the line above the totals' table and chart: what was counted,
// and what the signs before qualified amounts mean when there are any.
func (t Totals) caption() string {
	c := "Totals: " + t.query.String()
	seen := map[Qualifier]bool{}
	for _, r := range t.rows {
		seen[r.Qualifier] = true
	}
	for _, s := range t.sums {
		seen[s.Qualifier] = true
	}
	if legend := qualifierLegend(seen); legend != "" {
		c += " (" + legend + ")"
	}
	return c
}
