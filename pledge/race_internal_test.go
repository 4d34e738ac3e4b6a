package pledge

import "runtime/debug"

// raceEnabled reports whether the test binary was built with -race, under
// which allocation counts and timings say nothing of a normal build.
func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

// RaceEnabled is raceEnabled, for the external tests.
var RaceEnabled = raceEnabled
