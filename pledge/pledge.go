package pledge

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/problem"
)

// Part is an itemised share of a pledge: "including $300 million in
// humanitarian aid". Several categories mean one undivided amount in all of
// them ("$150 million in humanitarian and non-lethal military aid"), which is
// never split by guess.
type Part struct {
	Amount Amount
	// Qualifier says how exact Amount is: "including more than $300
	// million" is MoreThan. The zero value is Exact; Mixed is refused, as
	// on a record.
	Qualifier  Qualifier
	Categories []Category // none: Unspecified
	Year       int        // the year the share is for; 0 when not given
	Note       string
}

// Source says where a figure comes from.
type Source struct {
	Publisher string // "Yonhap", "OCHA FTS"
	Title     string
	URL       string
	Quote     string // the sentence that carries the figure, as published
	Date      time.Time
}

// Pledge is one record of money promised, committed, allocated or paid by a
// donor to a recipient.
//
// Categories describe the whole when there are no Parts. When there are
// Parts, the remainder Amount − ΣParts is counted in Categories, or in
// [Unspecified] when Categories is empty, so nothing is lost.
type Pledge struct {
	ID        string // unique within a Book
	Donor     string // required: "South Korea"
	Recipient string // "Ukraine"; may be empty when the source does not say
	Amount    Amount // the whole, not negative
	// Qualifier says how exact Amount is, as the source gives it: "about
	// $2.3 billion" is Approximately, "at least" AtLeast. The zero value is
	// Exact; Mixed, which describes sums, is refused. Totals carry it by
	// the rules of [Figure.Add].
	Qualifier Qualifier

	Categories []Category
	Parts      []Part

	Stage Stage
	// Date is the civil date (kept as midnight UTC), or the first day of
	// the month or year when DatePrecision says the source gives no more;
	// zero when unknown.
	Date time.Time
	// DatePrecision says how much of Date the source gives: Day (the zero
	// value), Month ("in September 2023", Date 2023-09-01) or Year. A
	// partial date is never a made-up day: filters, ByYear and conversions
	// treat it as the whole period (see the package overview, "Dates").
	DatePrecision Precision
	Occasion      string // "G20 Summit 2023"

	// Revises is the ID of an earlier record this one restates. The earlier
	// one stops counting; it stays in the Book as history.
	Revises string
	// Under is the ID of a record this one fulfils in part: a disbursement
	// under a commitment, a yearly tranche under a multi-year pledge. See
	// the package overview, "Stages and fulfilment".
	Under string

	Sources []Source
	Note    string
}

// clone returns a deep copy of p, so callers never share slices with a Book.
func (p Pledge) clone() Pledge {
	p.Categories = slices.Clone(p.Categories)
	p.Sources = slices.Clone(p.Sources)
	if p.Parts != nil {
		parts := make([]Part, len(p.Parts))
		for i, pt := range p.Parts {
			pt.Categories = slices.Clone(pt.Categories)
			parts[i] = pt
		}
		p.Parts = parts
	}
	return p
}

// isCivil reports whether t is a civil date already (midnight UTC) or
// zero, as civil.IsDate does, without building the date to compare.
func isCivil(t time.Time) bool {
	return t.IsZero() || t.Location() == time.UTC && t.Nanosecond() == 0 && t.Unix()%secondsPerDay == 0
}

// normalize reduces dates to civil dates.
func (p *Pledge) normalize() {
	p.Date = civil.Date(p.Date)
	for i := range p.Sources {
		p.Sources[i].Date = civil.Date(p.Sources[i].Date)
	}
}

// Equal reports whether p and q record the same thing, comparing amounts
// with [Amount.Equal] and dates by calendar day. go-cmp uses it.
func (p Pledge) Equal(q Pledge) bool {
	a, b := p.clone(), q.clone()
	a.normalize()
	b.normalize()
	return a.ID == b.ID && a.Donor == b.Donor && a.Recipient == b.Recipient &&
		a.Amount.Equal(b.Amount) && a.Qualifier == b.Qualifier && slices.Equal(a.Categories, b.Categories) &&
		slices.EqualFunc(a.Parts, b.Parts, Part.Equal) &&
		a.Stage == b.Stage && a.Date.Equal(b.Date) && a.DatePrecision == b.DatePrecision && a.Occasion == b.Occasion &&
		a.Revises == b.Revises && a.Under == b.Under &&
		slices.EqualFunc(a.Sources, b.Sources, Source.Equal) && a.Note == b.Note
}

// Equal reports whether two parts are the same share.
func (pt Part) Equal(o Part) bool {
	return pt.Amount.Equal(o.Amount) && pt.Qualifier == o.Qualifier && slices.Equal(pt.Categories, o.Categories) &&
		pt.Year == o.Year && pt.Note == o.Note
}

// Equal reports whether two sources are the same, dates by calendar day.
func (s Source) Equal(o Source) bool {
	return s.Publisher == o.Publisher && s.Title == o.Title && s.URL == o.URL &&
		s.Quote == o.Quote && civil.Date(s.Date).Equal(civil.Date(o.Date))
}

type sourceJSON struct {
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Quote     string `json:"quote,omitempty"`
	Date      string `json:"date,omitempty"`
}

// MarshalJSON writes the source with its date as YYYY-MM-DD.
func (s Source) MarshalJSON() ([]byte, error) {
	return json.Marshal(sourceJSON{s.Publisher, s.Title, s.URL, s.Quote, civil.Format(s.Date)})
}

// UnmarshalJSON reads the form [Source.MarshalJSON] writes.
func (s *Source) UnmarshalJSON(data []byte) error {
	if err := checkJSON(data, sourceShape); err != nil {
		return err
	}
	if err := badText(data); err != nil {
		return err
	}
	var j sourceJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	v, err := j.source()
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// source is the Source j describes.
func (j sourceJSON) source() (Source, error) {
	d, err := civil.Parse(j.Date)
	if err != nil {
		return Source{}, &fieldError{"date", fmt.Errorf("%w: %v", ErrInvalid, err)}
	}
	return Source{j.Publisher, j.Title, j.URL, j.Quote, d}, nil
}

type partJSON struct {
	Amount     Amount     `json:"amount"`
	Qualifier  Qualifier  `json:"qualifier,omitempty"`
	Categories []Category `json:"categories,omitempty"`
	Year       int        `json:"year,omitempty"`
	Note       string     `json:"note,omitempty"`
}

type pledgeJSON struct {
	ID         string     `json:"id"`
	Donor      string     `json:"donor"`
	Recipient  string     `json:"recipient,omitempty"`
	Amount     Amount     `json:"amount"`
	Qualifier  Qualifier  `json:"qualifier,omitempty"`
	Categories []Category `json:"categories,omitempty"`
	Parts      []partJSON `json:"parts,omitempty"`
	Stage      Stage      `json:"stage"`
	Date       string     `json:"date,omitempty"`
	Occasion   string     `json:"occasion,omitempty"`
	Revises    string     `json:"revises,omitempty"`
	Under      string     `json:"under,omitempty"`
	Sources    []Source   `json:"sources,omitempty"`
	Note       string     `json:"note,omitempty"`
}

// MarshalJSON writes the pledge with amounts as {"value","currency"} objects
// holding decimal strings, a qualifier other than exact by name
// ("qualifier":"approximately"), the stage by name and the date at its
// precision: "2023-09-10", "2023-09" or "2023" ([FormatDate]).
func (p Pledge) MarshalJSON() ([]byte, error) {
	j := pledgeJSON{
		ID: p.ID, Donor: p.Donor, Recipient: p.Recipient, Amount: p.Amount, Qualifier: p.Qualifier,
		Categories: p.Categories, Stage: p.Stage, Date: FormatDate(p.Date, p.DatePrecision),
		Occasion: p.Occasion, Revises: p.Revises, Under: p.Under,
		Sources: p.Sources, Note: p.Note,
	}
	for _, pt := range p.Parts {
		j.Parts = append(j.Parts, partJSON(pt))
	}
	return json.Marshal(j)
}

// pledgeWire is what a pledge decodes from, once checkShape has made sure
// of every name and kind; amounts and dates are read after, so their
// errors can name their field.
type pledgeWire struct {
	ID         string       `json:"id"`
	Donor      string       `json:"donor"`
	Recipient  string       `json:"recipient"`
	Amount     *amountWire  `json:"amount"`
	Qualifier  *string      `json:"qualifier"`
	Categories []Category   `json:"categories"`
	Parts      []partWire   `json:"parts"`
	Stage      *string      `json:"stage"`
	Date       string       `json:"date"`
	Occasion   string       `json:"occasion"`
	Revises    string       `json:"revises"`
	Under      string       `json:"under"`
	Sources    []sourceJSON `json:"sources"`
	Note       string       `json:"note"`
}

type partWire struct {
	Amount     *amountWire `json:"amount"`
	Qualifier  *string     `json:"qualifier"`
	Categories []Category  `json:"categories"`
	Year       int         `json:"year"`
	Note       string      `json:"note"`
}

// UnmarshalJSON reads the form [Pledge.MarshalJSON] writes; a missing
// "stage" is pledged. It refuses unknown fields, names in another case,
// repeated names, malformed values and strings that are not valid UTF-8
// or escape half a surrogate pair (which encoding/json would silently turn
// into U+FFFD), naming the field by its path ("parts[1].year"), but does
// not validate the record as a whole: [Book.Add] does.
func (p *Pledge) UnmarshalJSON(data []byte) error {
	if !json.Valid(data) {
		return checkJSON(data, pledgeShape)
	}
	if err := badText(data); err != nil {
		return err
	}
	return p.decode(data)
}

// decode is UnmarshalJSON for data known to be valid JSON. A record as
// WriteJSON writes it takes the fast reader; anything else is checked for
// its shape and read by encoding/json, so that errors name their field.
func (p *Pledge) decode(data []byte) error {
	w, ok := fastWire(data)
	if !ok {
		if err := checkShape(data, pledgeShape); err != nil {
			return err
		}
		var slow pledgeWire // its own variable: w stays off the heap
		if err := json.Unmarshal(data, &slow); err != nil {
			return err
		}
		w = slow
	}
	return p.fromWire(&w, nil)
}

// fromWire sets p to the record w holds, reading its amounts, words and
// dates, with their errors naming their field; sh, when given, is shared
// by the records of a file.
func (p *Pledge) fromWire(w *pledgeWire, sh *wireShare) error {
	v := Pledge{
		ID: w.ID, Donor: w.Donor, Recipient: w.Recipient, Categories: w.Categories,
		Occasion: w.Occasion, Revises: w.Revises, Under: w.Under, Note: w.Note,
	}
	var err error
	if w.Amount != nil {
		a, err := w.Amount.amount(sh)
		if err != nil {
			return &fieldError{"amount", err}
		}
		v.Amount = a
	}
	if v.Qualifier, err = readQualifier(w.Qualifier, "qualifier"); err != nil {
		return err
	}
	for i, pw := range w.Parts {
		pt := Part{Categories: pw.Categories, Year: pw.Year, Note: pw.Note}
		if pw.Amount != nil {
			a, err := pw.Amount.amount(sh)
			if err != nil {
				return &fieldError{fmt.Sprintf("parts[%d].amount", i), err}
			}
			pt.Amount = a
		}
		if pt.Qualifier, err = readQualifier(pw.Qualifier, fmt.Sprintf("parts[%d].qualifier", i)); err != nil {
			return err
		}
		v.Parts = append(v.Parts, pt)
	}
	if w.Stage != nil {
		st, err := sh.stage(*w.Stage)
		if err != nil {
			return &fieldError{"stage", err}
		}
		v.Stage = st
	}
	if v.Date, v.DatePrecision, err = sh.date(w.Date); err != nil {
		return &fieldError{"date", err}
	}
	for i, j := range w.Sources {
		src, err := j.source()
		if err != nil {
			return within(fmt.Sprintf("sources[%d]", i), err)
		}
		v.Sources = append(v.Sources, src)
	}
	*p = v
	return nil
}

// readQualifier reads a qualifier's name from JSON; none (absent or null)
// is Exact.
func readQualifier(s *string, field string) (Qualifier, error) {
	if s == nil {
		return Exact, nil
	}
	q, err := ParseQualifier(*s)
	if err != nil {
		return 0, &fieldError{field, err}
	}
	return q, nil
}

// fieldError is a decoding problem in one field of a record.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// within places err, which may already name a field, inside field.
func within(field string, err error) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		return &fieldError{field + "." + fe.field, fe.err}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return &fieldError{field + "." + te.Field, err}
	}
	return &fieldError{field, err}
}

// explainJSON turns an error from decoding a record into the field it is in
// and a cause in words that matches one of the package's sentinels.
func explainJSON(err error) (string, error) {
	field := ""
	var fe *fieldError
	if errors.As(err, &fe) {
		field, err = fe.field, fe.err
	}
	join := func(name string) string {
		if field == "" {
			return name
		}
		return field + "." + name
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		f := field
		if te.Field != "" && !strings.HasSuffix(field, te.Field) {
			f = join(te.Field)
		}
		return f, fmt.Errorf("%w: want %s, found JSON %s", ErrInvalid, jsonKind(te.Type), shortJSON([]byte(te.Value)))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return join(name), fmt.Errorf("%w: unknown field %s", ErrInvalid, problem.Quote(name))
	}
	for _, s := range []error{ErrInvalidAmount, ErrInvalidCurrency, ErrInvalidCategory, ErrInvalid} {
		if errors.Is(err, s) {
			return field, err
		}
	}
	return field, fmt.Errorf("%w: %v", ErrInvalid, err)
}

// jsonKind names the JSON a Go type wants, in words.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another kind of value"
}
