package problem

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Max is how many problems a reader or a batch keeps in its error: a
// million bad records make an error of the first Max problems and a count
// of the rest, not a million messages.
const Max = 100

// List writes problems as one message: a single problem as itself, several
// as "pkg: N problems:" and then one per indented line. Omitted counts the
// problems found beyond those listed; a last line says how many.
func List(pkg string, problems []error, omitted int) string {
	switch {
	case len(problems) == 0 && omitted == 0:
		return pkg + ": invalid input"
	case len(problems) == 1 && omitted == 0:
		return problems[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problems:", pkg, len(problems)+omitted)
	for _, p := range problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	if omitted > 0 {
		fmt.Fprintf(&b, "\n\t... and %d more", omitted)
	}
	return b.String()
}

// Errors returns problems as errors, for an Unwrap() []error method.
func Errors[P error](problems []P) []error {
	errs := make([]error, len(problems))
	for i, p := range problems {
		errs[i] = p
	}
	return errs
}

// Keep appends p to list while it holds fewer than [Max] problems, and
// otherwise counts it in *omitted.
func Keep[P any](list []P, omitted *int, p P) []P {
	if len(list) >= Max {
		*omitted++
		return list
	}
	return append(list, p)
}

// QuoteMax is how many bytes of a value [Quote] shows.
const QuoteMax = 64

// Quote quotes s for an error message, as strconv.Quote does, but shows at
// most [QuoteMax] bytes of it (cut at a character boundary) and then says
// how long the whole is, so a 100 MB value makes a short message.
func Quote(s string) string {
	if len(s) <= QuoteMax {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s… (%d bytes)", strconv.Quote(s[:cutAt(s)]), len(s))
}

// Cut shows s as it is, unquoted, for a value that needs no quotes (a
// JSON number as written), but as [Quote] does at most [QuoteMax] bytes
// of it, and then how long the whole is.
func Cut[T string | []byte](s T) string {
	if len(s) <= QuoteMax {
		return string(s)
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cutAt(s)], len(s))
}

// cutAt returns where Quote and Cut cut s: at QuoteMax bytes, or less so as
// not to split a character.
func cutAt[T string | []byte](s T) int {
	cut := QuoteMax
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return cut
}

// Key writes a field's name as the path of a field names it in an error
// ("amount.cents", "parts[1].year"): as it is, `""` for the empty name,
// and a name longer than [QuoteMax] bytes quoted and cut as [Quote] cuts
// it, so that an unknown field of 100 MB makes a short message.
func Key(name string) string {
	switch {
	case name == "":
		return `""`
	case len(name) > QuoteMax:
		return Quote(name)
	}
	return name
}
