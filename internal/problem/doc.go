// Package problem holds what the packages' ValidationError types share:
// how a list of problems reads as one error, and how errors.Is and errors.As
// see each of them.
//
// Four packages report every problem in a batch of records at once:
// [github.com/summitry/summitry/pledge.ValidationError],
// [github.com/summitry/summitry/pledge/fts.ValidationError],
// [github.com/summitry/summitry/meeting.ValidationError] and
// [github.com/summitry/summitry/meeting/historian.ValidationError]. Each of
// these types has an Error method that calls [List], so that one problem
// reads as itself and several as a counted list, one per line, and an
// Unwrap() []error method that calls [Errors], so that errors.Is and
// errors.As look into every problem.
package problem
