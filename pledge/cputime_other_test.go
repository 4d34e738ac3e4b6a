//go:build !unix

package pledge_test

// cpuTime reports false where the process's processor time is not known.
func cpuTime() (int64, bool) { return 0, false }
