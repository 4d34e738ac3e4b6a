package problem

import (
	"fmt"
	"strings"
)

// List writes problems as one message: a single problem as itself, several
// as "pkg: N problems:" and then one per indented line.
func List(pkg string, problems []error) string {
	switch len(problems) {
	case 0:
		return pkg + ": invalid input"
	case 1:
		return problems[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problems:", pkg, len(problems))
	for _, p := range problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
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
