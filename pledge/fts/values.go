package fts

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/input"
	"github.com/summitry/summitry/internal/problem"
)

// The rules for the values of a flow, which the JSON and the CSV readers
// share: each reads the text of a value and says what is wrong with it.

const (
	// maxNumberLen bounds the text of a number read, so hostile input
	// cannot make decimal arithmetic slow.
	maxNumberLen = 64
	// maxDigits bounds the digits of an amount or a rate written as a plain
	// decimal, as pledge.NewAmount does.
	maxDigits = 60
	// maxIDLen bounds a flow ID.
	maxIDLen = 40
)

// What a value must be, as error messages say it after "want".
const (
	anID      = "a flow ID (a whole number, or up to 40 characters without spaces)"
	aDate     = "a date from 0001-01-02 to 9999-12-31 such as 2020-03-31T00:00:00Z"
	aYear     = "a year from 1 to 9999"
	aCurrency = "the three-letter ISO 4217 code of the originalAmount, such as CHF"
	noRate    = "0 is not a rate (original units per US dollar)"
)

// numberEnd returns the end of the number, in the grammar of JSON (RFC
// 8259), that starts at data[j]; when there is none, it returns where a
// digit is missing and says what should be there.
func numberEnd[T ~string | ~[]byte](data T, j int) (end int, want string) {
	digits := func() bool {
		k := j
		for j < len(data) && '0' <= data[j] && data[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(data) && data[j] == '-' {
		j++
	}
	switch {
	case j < len(data) && data[j] == '0':
		j++
	case !digits():
		return j, "a digit"
	}
	if j < len(data) && data[j] == '.' {
		j++
		if !digits() {
			return j, "a digit after the decimal point"
		}
	}
	if j < len(data) && (data[j] == 'e' || data[j] == 'E') {
		j++
		if j < len(data) && (data[j] == '+' || data[j] == '-') {
			j++
		}
		if !digits() {
			return j, "a digit in the exponent"
		}
	}
	return j, ""
}

// isNumber reports whether s is one number in the grammar of JSON.
func isNumber(s string) bool {
	end, want := numberEnd(s, 0)
	return want == "" && end == len(s)
}

// amount reads the text of a number, in the grammar of JSON, as an amount
// or a rate: an exact decimal of at most maxDigits digits written plainly,
// not negative. It says what is wrong otherwise.
func amount[T ~string | ~[]byte](text T) (decimal.Decimal, string) {
	if len(text) > maxNumberLen {
		return decimal.Zero, fmt.Sprintf("number %s is longer than %d characters", quoteJSON([]byte(text), ""), maxNumberLen)
	}
	d, err := decimal.NewFromString(string(text))
	// Written plainly, d has no more digits than its text: only a number
	// with an exponent, or a long one, needs them counted.
	plain := len(text) <= maxDigits
	for i := 0; plain && i < len(text); i++ {
		plain = text[i] != 'e' && text[i] != 'E'
	}
	switch {
	case err != nil || !plain && (d.Exponent() > maxDigits || d.Exponent() < -maxDigits || digits(d) > maxDigits):
		return decimal.Zero, fmt.Sprintf("want at most %d digits written plainly, found %s", maxDigits, text)
	case d.Sign() < 0:
		return decimal.Zero, fmt.Sprintf("negative: %s", text)
	}
	return d, ""
}

// digits counts the digits of d written plainly, as pledge.NewAmount
// counts them.
func digits(d decimal.Decimal) int {
	n := 0
	for _, c := range d.String() {
		if '0' <= c && c <= '9' {
			n++
		}
	}
	return n
}

// wholeNumber reads a whole number of at most 18 digits.
func wholeNumber[T ~string | ~[]byte](text T) (int, bool) {
	if len(text) == 0 || len(text) > 18 {
		return 0, false
	}
	n := 0
	for i := range len(text) {
		c := text[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// year reads a year from 1 to 9999 written in digits.
func year[T ~string | ~[]byte](text T) (int, bool) {
	y, ok := wholeNumber(text)
	return y, ok && y >= 1 && y <= 9999
}

// isID reports whether s can be a flow ID.
func isID(s string) bool {
	return s != "" && len(s) <= maxIDLen && strings.IndexFunc(s, notInID) < 0
}

func notInID(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`"{}[],`, r)
}

// isCurrency reports whether s can be the code of a currency: three
// letters, in any case.
func isCurrency(s string) bool {
	return len(s) == 3 && strings.IndexFunc(s, notLetter) < 0
}

func notLetter(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }

// date reads FTS's timestamps ("2020-03-31T00:00:00Z") or plain dates as
// civil dates, from 0001-01-02 (the first that is not the zero time, which
// means no date) to 9999-12-31.
func date(s string) (time.Time, bool) {
	if len(s) == len("2006-01-02") { // HDX's dates; time.Parse would fail slowly
		d, err := civil.Parse(s)
		return d, err == nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if d := civil.Date(t); d.Year() >= 1 && d.Year() <= 9999 && !d.IsZero() {
			return d, true
		}
	} else if d, err := civil.Parse(s); err == nil && s != "" {
		return d, true
	}
	return time.Time{}, false
}

// status returns the status s as the package spells it, or an error.
func status(s string) (string, error) {
	switch s {
	case "pledge":
		return "pledge", nil
	case "commitment":
		return "commitment", nil
	case "paid":
		return "paid", nil
	}
	return "", fmt.Errorf("%w %s: want pledge, commitment or paid", ErrStatus, problem.Quote(s))
}

// notUTF8 says that byte c, which starts no UTF-8 encoding, is bad text.
func notUTF8(c byte) string { return fmt.Sprintf("byte %#x is not UTF-8", c) }

// charFault finds the first character of s, text a flow keeps, that no
// pledge record may hold (see input.BadChar): a control character other
// than tab, line feed and carriage return, or a Unicode noncharacter. It
// returns its byte offset and says what it is, quoting s; -1 and "" when
// there is none. s is valid UTF-8.
func charFault(s string) (int, string) {
	at, why := input.BadChar(s, false)
	if at < 0 {
		return -1, ""
	}
	return at, fmt.Sprintf("%s %s at byte %d", problem.Quote(s), why, at)
}

// interner keeps one copy of each text: the names of organisations,
// locations and clusters, flow types and methods repeat from flow to flow.
type interner struct {
	names map[string]string
}

// lookup returns the copy of the text b, if there is one.
func (in *interner) lookup(b []byte) (string, bool) {
	s, ok := in.names[string(b)]
	return s, ok
}

// intern returns the copy of s, making one (not sharing s's memory) the
// first time.
func (in *interner) intern(s string) string {
	if t, ok := in.names[s]; ok {
		return t
	}
	if in.names == nil {
		in.names = map[string]string{}
	}
	s = strings.Clone(s)
	in.names[s] = s
	return s
}
