package meeting_test

import (
	"errors"
	"testing"

	"github.com/summitry/summitry/meeting"
)

// TestParseWordsRefuseControls: ParseKind and ParseStatus ignore case,
// spacing and hyphens, but not what is no text: a NUL, an escape, a C1
// control or bytes that are not UTF-8 make the word unknown, where folding
// used to drop them ("talks\x00" read as Talks). White space around a word
// is still ignored.
func TestParseWordsRefuseControls(t *testing.T) {
	for _, text := range []string{"talks\x00", "\x1btalks", "ta\u009blks", "talks\xff", "talks\x7f"} {
		if _, err := meeting.ParseKind(text); !errors.Is(err, meeting.ErrInvalidKind) {
			t.Errorf("ParseKind(%q) = %v, want ErrInvalidKind", text, err)
		}
	}
	for _, text := range []string{"held\x00", "\x1bheld", "he\u009bld", "held\xff", "held\x7f", "held\ufffd"} {
		if _, err := meeting.ParseStatus(text); !errors.Is(err, meeting.ErrInvalidStatus) {
			t.Errorf("ParseStatus(%q) = %v, want ErrInvalidStatus", text, err)
		}
	}
	if k, err := meeting.ParseKind(" Pull-aside\r\n"); err != nil || k != meeting.PullAside {
		t.Errorf("ParseKind with white space = %v, %v; want PullAside", k, err)
	}
	if s, err := meeting.ParseStatus("\tHeld "); err != nil || s != meeting.Held {
		t.Errorf("ParseStatus with white space = %v, %v; want Held", s, err)
	}
}
