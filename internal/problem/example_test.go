package problem_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitry/summitry/internal/problem"
)

// errMissing is a sentinel error that callers test for with errors.Is.
var errMissing = errors.New("ledger: missing field")

// fieldProblem is one thing wrong with one record, as in the pledge and
// meeting packages.
type fieldProblem struct {
	ID, Field string
	Err       error
}

func (p fieldProblem) Error() string {
	return fmt.Sprintf("ledger %q %s: %s", p.ID, p.Field, strings.TrimPrefix(p.Err.Error(), "ledger: "))
}

func (p fieldProblem) Unwrap() error { return p.Err }

// validationError lists every problem in a batch of records.
type validationError struct {
	Problems []fieldProblem
}

func (e *validationError) Error() string   { return problem.List("ledger", e.Unwrap(), 0) }
func (e *validationError) Unwrap() []error { return problem.Errors(e.Problems) }

// A ValidationError type built on List and Errors prints its problems as one
// message and lets errors.Is and errors.As look into each of them.
func Example() {
	var err error = &validationError{Problems: []fieldProblem{
		{ID: "kr-ua-1", Field: "donor", Err: errMissing},
		{ID: "kr-ua-2", Field: "amount", Err: errors.New("negative")},
	}}
	fmt.Println(err)

	fmt.Println(errors.Is(err, errMissing))
	var p fieldProblem
	if errors.As(err, &p) {
		fmt.Println("first:", p.ID, p.Field)
	}
	// Output:
	// ledger: 2 problems:
	// 	ledger "kr-ua-1" donor: missing field
	// 	ledger "kr-ua-2" amount: negative
	// true
	// first: kr-ua-1 donor
}

func ExampleList() {
	first := errors.New("ledger: first problem")
	second := errors.New("ledger: second problem")
	fmt.Println(problem.List("ledger", nil, 0))
	fmt.Println(problem.List("ledger", []error{first}, 0))
	fmt.Println(problem.List("ledger", []error{first, second}, 0))
	// Output:
	// ledger: invalid input
	// ledger: first problem
	// ledger: 2 problems:
	// 	ledger: first problem
	// 	ledger: second problem
}
