//go:build unix

package pledge_test

import "syscall"

// cpuTime returns the processor time the process has used so far, in
// nanoseconds, user and system, on every thread (the collector's too).
func cpuTime() (int64, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
