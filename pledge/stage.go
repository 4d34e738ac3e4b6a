package pledge

import "fmt"

// Stage is how far money has gone from promise to payment. Stages follow
// OCHA FTS and IATI and are ordered: a query for one stage counts every
// record that has reached at least that stage. The zero Stage is Pledged.
type Stage int

const (
	// Pledged: announced, non-binding (FTS "pledge"; IATI transaction type 12).
	Pledged Stage = iota
	// Committed: a binding obligation (FTS "commitment"; IATI type 2).
	Committed
	// Allocated: earmarked for delivery, the Kiel tracker's headline measure.
	Allocated
	// Disbursed: paid or delivered (FTS "paid"; IATI type 3).
	Disbursed
)

var stageNames = [...]string{"pledged", "committed", "allocated", "disbursed"}

// Stages returns every stage in order.
func Stages() []Stage { return []Stage{Pledged, Committed, Allocated, Disbursed} }

// Valid reports whether s is one of the four stages.
func (s Stage) Valid() bool { return s >= Pledged && s <= Disbursed }

// String returns "pledged", "committed", "allocated" or "disbursed".
func (s Stage) String() string {
	if !s.Valid() {
		return fmt.Sprintf("Stage(%d)", int(s))
	}
	return stageNames[s]
}

// MarshalText writes the stage's name; an invalid stage is an error.
func (s Stage) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("%w: stage %d", ErrInvalid, int(s))
	}
	return []byte(stageNames[s]), nil
}

// UnmarshalText reads a stage's name as [Stage.String] writes it. It is for
// encoding packages; in the gomacro interpreter, which cannot call it, use
// [ParseStage].
func (s *Stage) UnmarshalText(text []byte) error {
	v, err := ParseStage(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStage reads "pledged", "committed", "allocated" or "disbursed".
func ParseStage(text string) (Stage, error) {
	for i, n := range stageNames {
		if text == n {
			return Stage(i), nil
		}
	}
	return 0, fmt.Errorf("%w: stage %q: want pledged, committed, allocated or disbursed", ErrInvalid, text)
}
