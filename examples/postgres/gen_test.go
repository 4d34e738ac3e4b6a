package postgres

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"

	"github.com/summitry/summitry/internal/benchdata"
	"github.com/summitry/summitry/pledge"
)

// generate returns n valid records, the same for the same n and seed. The
// donors, categories and amounts are benchdata's (its big rows included:
// 25-digit amounts, beyond int64); on top of them come everything else a
// record holds, in proportions that exercise every column and every
// counting rule: seven currencies with 0 to 6 decimals, no category, one,
// or two undivided; parts with their own categories, years and notes;
// the four stages; undated records; restatements (Revises, 8%), some of
// them inheriting what they fulfil; records under others (Under, 20%),
// chained several deep; sources; and text with quotes, commas,
// parentheses, backslashes, line breaks, Hangul and emoji.
func generate(n int, seed uint64) []pledge.Pledge {
	rows := benchdata.Spec{N: n, Donors: 60, Categories: 20, Big: n / 5000, Seed: seed}.Rows()
	r := rand.New(rand.NewPCG(seed, 15))
	currencies := []currency.Unit{currency.USD, currency.USD, currency.USD, currency.EUR, currency.KRW, currency.JPY, currency.GBP, currency.MustParseISO("KWD"), currency.CHF}
	donorNames := map[string]string{
		"donor-000": "South Korea", "donor-001": "대한민국", "donor-002": "Côte d'Ivoire",
		"donor-003": `Fund "A", (pooled)`, "donor-004": `C:\donors\x`, "donor-005": "Türkiye 🇹🇷",
	}
	recipients := []string{"Ukraine", "Ukraine", "Ukraine", "", "Gaza, \"Palestine\"", "우크라이나", "Moldova (Republic of)"}
	occasions := []string{"", "", "G20 Summit 2023", "NATO Summit, Washington (2024)", "한-우크라이나 정상회담", `"Ramstein" group, 5th meeting`}
	notes := []string{"", "", "", "as reported", "line one\nline two\r\nline three", "tab\there, quote \" and backslash \\", "약 3조 750억원 😀", "(1,2)", "NULL"}
	all := pledge.DefaultCategories()
	start := time.Date(2022, time.January, 1, 0, 0, 0, 0, time.UTC)
	date := func() time.Time {
		if r.IntN(10) == 0 {
			return time.Time{}
		}
		return start.AddDate(0, 0, r.IntN(4*365))
	}
	// another returns a category that does not overlap those in cs, or
	// false.
	another := func(cs []pledge.Category) (pledge.Category, bool) {
		c := all[r.IntN(len(all))]
		for _, o := range cs {
			if c.Within(o) || o.Within(c) {
				return "", false
			}
		}
		return c, true
	}
	cats := func(first pledge.Category) []pledge.Category {
		switch k := r.IntN(10); {
		case k == 0:
			return nil
		case k <= 7:
			return []pledge.Category{first}
		default:
			cs := []pledge.Category{first}
			if c, ok := another(cs); ok {
				cs = append(cs, c)
			}
			return cs
		}
	}
	// amount scales the row's cents to 0..6 decimals.
	amount := func(row benchdata.Row) decimal.Decimal {
		d := row.Decimal()
		switch r.IntN(6) {
		case 0:
			return d.Truncate(0)
		case 1:
			return d.Shift(-int32(r.IntN(5))) // up to 6 decimals
		}
		return d
	}

	book := make([]pledge.Pledge, 0, n)
	revised := make(map[int]bool)
	for i, row := range rows {
		donor := row.Donor
		if name, ok := donorNames[donor]; ok {
			donor = name
		}
		p := pledge.Pledge{
			ID:        fmt.Sprintf("r%06d", i),
			Donor:     donor,
			Recipient: recipients[r.IntN(len(recipients))],
			Stage:     pledge.Stage(r.IntN(4)),
			Date:      date(),
			Occasion:  occasions[r.IntN(len(occasions))],
			Note:      notes[r.IntN(len(notes))],
		}
		cur := currencies[r.IntN(len(currencies))]
		// Links go to one of the last 2,000 records, so that fulfilment
		// chains grow several records deep.
		j := i - 1 - r.IntN(max(min(i, 2000), 1))
		switch k := r.IntN(100); {
		case i == 0:
		case k < 8 && !revised[j]: // restate j
			revised[j] = true
			p.Revises = book[j].ID
			cur = book[j].Amount.Currency()
			p.Stage = book[j].Stage // the records under j are at no earlier stage
			if r.IntN(2) == 0 {
				p.Under = book[j].Under // else Book.Add has it inherit j's
			}
		case k < 28: // fulfil part of j
			p.Under = book[j].ID
			cur = book[j].Amount.Currency()
			p.Stage = max(p.Stage, book[j].Stage)
		}
		p.Amount = pledge.AmountOf(amount(row), cur)
		if r.IntN(10) == 0 {
			p.Qualifier = pledge.Qualifier(1 + r.IntN(int(pledge.Mixed)-1)) // Approximately to LessThan: a record is never Mixed
		}
		if !p.Date.IsZero() {
			switch r.IntN(10) {
			case 0: // "in September 2023"
				p.Date, p.DatePrecision = time.Date(p.Date.Year(), p.Date.Month(), 1, 0, 0, 0, 0, time.UTC), pledge.Month
			case 1: // "in 2023"
				p.Date, p.DatePrecision = time.Date(p.Date.Year(), time.January, 1, 0, 0, 0, 0, time.UTC), pledge.Year
			}
		}
		p.Categories = cats(pledge.Category(row.Category))
		if r.IntN(3) == 0 {
			left := p.Amount.Decimal()
			places := max(-p.Amount.Decimal().Exponent(), 0)
			for range 1 + r.IntN(3) {
				v := left.Mul(decimal.New(int64(1+r.IntN(60)), -2)).Truncate(places + 2)
				if !v.IsPositive() {
					break
				}
				left = left.Sub(v)
				pt := pledge.Part{Amount: pledge.AmountOf(v, cur), Categories: cats(all[r.IntN(len(all))])}
				if r.IntN(2) == 0 {
					pt.Year = 2022 + r.IntN(4)
				}
				if r.IntN(4) == 0 {
					pt.Note = notes[r.IntN(len(notes))]
				}
				if r.IntN(8) == 0 {
					pt.Qualifier = pledge.Qualifier(1 + r.IntN(int(pledge.Mixed)-1)) // Approximately to LessThan: a record is never Mixed
				}
				p.Parts = append(p.Parts, pt)
			}
		}
		for k := range r.IntN(3) {
			p.Sources = append(p.Sources, pledge.Source{
				Publisher: []string{"Yonhap", "OCHA FTS", "Kiel Institute", "연합뉴스"}[r.IntN(4)],
				Title:     fmt.Sprintf("Aid report %d, part %d", i, k),
				URL:       fmt.Sprintf("https://example.org/aid/%d?part=%d&lang=ko", i, k),
				Quote:     strings.Repeat(`“$2.3 billion”, `, r.IntN(3)) + notes[r.IntN(len(notes))],
				Date:      date(),
			})
		}
		book = append(book, p)
	}
	return book
}
