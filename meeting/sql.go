package meeting

import (
	"database/sql/driver"
	"fmt"
)

// Value writes the kind's name as text ("pull-aside") for a database
// column (database/sql's driver.Valuer).
func (k Kind) Value() (driver.Value, error) {
	b, err := k.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a kind from a text column as [ParseKind] does; NULL and
// anything but text are errors matching [ErrInvalidKind]. It has a pointer
// receiver, for database/sql; gomacro users call ParseKind.
func (k *Kind) Scan(src any) error {
	text, err := scanText(src)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidKind, err)
	}
	v, err := ParseKind(text)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Value writes the status's name as text ("planned").
func (s Status) Value() (driver.Value, error) {
	b, err := s.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a status from a text column as [ParseStatus] does; NULL and
// anything but text are errors matching [ErrInvalidStatus].
func (s *Status) Scan(src any) error {
	text, err := scanText(src)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidStatus, err)
	}
	v, err := ParseStatus(text)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// scanText returns the text of a text column.
func scanText(src any) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case nil:
		return "", fmt.Errorf("a NULL column")
	}
	return "", fmt.Errorf("want text, found %T", src)
}
