// Package problem holds what the packages' ValidationError types share:
// how a list of problems reads as one error, how errors.Is and errors.As
// see each of them, how many are kept, and how a bad value is quoted.
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
//
// Readers of untrusted input keep at most [Max] problems ([Keep]) and count
// the rest in the error's Omitted field, and quote a bad value with [Quote],
// which shows a bounded prefix: an error stays small whatever the input.
// A field is named by its path of JSON keys, each written with [Key], so a
// long unknown key is cut as a value is.
package problem
