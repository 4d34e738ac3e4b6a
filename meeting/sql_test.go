package meeting_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"testing"

	"github.com/summitry/summitry/meeting"
)

var (
	_ driver.Valuer = meeting.Talks
	_ sql.Scanner   = (*meeting.Kind)(nil)
	_ driver.Valuer = meeting.Held
	_ sql.Scanner   = (*meeting.Status)(nil)
)

func TestKindStatusColumns(t *testing.T) {
	var k meeting.Kind
	if err := k.Scan([]byte("Pull-aside")); err != nil || k != meeting.PullAside {
		t.Errorf("Kind.Scan = %v, %v", k, err)
	}
	if v, err := meeting.PullAside.Value(); v != "pull-aside" || err != nil {
		t.Errorf("Kind.Value = %v, %v", v, err)
	}
	var s meeting.Status
	if err := s.Scan("canceled"); err != nil || s != meeting.Cancelled {
		t.Errorf("Status.Scan = %v, %v", s, err)
	}
	if v, err := meeting.Planned.Value(); v != "planned" || err != nil {
		t.Errorf("Status.Value = %v, %v", v, err)
	}
	for _, src := range []any{nil, int64(1), "lunch"} {
		if err := k.Scan(src); !errors.Is(err, meeting.ErrInvalidKind) {
			t.Errorf("Kind.Scan(%v) = %v", src, err)
		}
		if err := s.Scan(src); !errors.Is(err, meeting.ErrInvalidStatus) {
			t.Errorf("Status.Scan(%v) = %v", src, err)
		}
	}
	if _, err := meeting.Kind(9).Value(); !errors.Is(err, meeting.ErrInvalidKind) {
		t.Errorf("Kind(9).Value = %v", err)
	}
}
