package pledge

import (
	"fmt"

	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

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

// stageOrder ranks the stages' names, for rows in pipeline order.
var stageOrder = map[string]Stage{"pledged": Pledged, "committed": Committed, "allocated": Allocated, "disbursed": Disbursed}

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

// ParseStage reads a stage as people and data sources write it, ignoring
// case, spaces, hyphens and accents as [ParseCategory] and the meeting
// package's ParseKind do: the names [Stage.String] writes ("pledged",
// "Committed"), their nouns ("pledge", "commitment", "allocation",
// "disbursement"), OCHA FTS's flow statuses ("pledge", "commitment",
// "paid") and IATI's transaction types ("Outgoing Pledge", "Incoming
// Commitment", "Disbursement"). Anything else is an error matching
// [ErrInvalid] that lists the names, as is a word that holds a control
// character other than white space (a NUL, an escape) or bytes that are
// not UTF-8: folding ignores punctuation, not what is not text.
func ParseStage(text string) (Stage, error) {
	if len(text) <= maxWord {
		if k, ok := fold.Word(text); ok {
			if s, ok := stageWords[k]; ok {
				return s, nil
			}
		}
	}
	return 0, fmt.Errorf("%w: stage %s: want pledged, committed, allocated or disbursed", ErrInvalid, problem.Quote(text))
}

// maxWord bounds the text a vocabulary parser folds: far more than any
// word it knows.
const maxWord = 100

// stageWords maps folded words to stages.
var stageWords = map[string]Stage{
	"pledged": Pledged, "pledge": Pledged, "outgoingpledge": Pledged, "incomingpledge": Pledged,
	"committed": Committed, "commitment": Committed, "outgoingcommitment": Committed, "incomingcommitment": Committed,
	"allocated": Allocated, "allocation": Allocated,
	"disbursed": Disbursed, "disbursement": Disbursed, "paid": Disbursed, "delivered": Disbursed,
}
