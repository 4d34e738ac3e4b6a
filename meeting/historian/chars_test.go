package historian

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// filterAll reads data through a charFilter and returns what the decoder
// would read and what the filter found.
func filterAll(t *testing.T, r io.Reader) ([]byte, []badChar) {
	f := newCharFilter(r)
	out, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return out, f.take(f.pos + 1)
}

// FuzzCharFilter: the filter passes every byte of the file, writing
// spaces over what it found and nothing else; what it found is in order,
// on the line where it is, and is a reference as written or characters
// XML forbids (bytes not UTF-8 among them); read a byte at a time it
// passes and finds the same.
func FuzzCharFilter(f *testing.F) {
	f.Add([]byte("<visits a='&#0;' b=\"&#x41;\">x&#xD800;\x01\xed\xa0\x80\uffff<![CDATA[\x00&#0;]]><!-- &#0; \x01 --><?pi &#0;?></visits>"))
	f.Add([]byte("<!DOCTYPE x [<!ENTITY e \"<!--\"> <!-- > --> <a>]>&#x0000000110000;&#1&#;&amp;#0;"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, found := filterAll(t, bytes.NewReader(data))
		out1, found1 := filterAll(t, iotest.OneByteReader(bytes.NewReader(data)))
		if !bytes.Equal(out, out1) {
			t.Fatalf("whole and a byte at a time pass different bytes:\n%q\n%q", out, out1)
		}
		if diff := cmp.Diff(found, found1, cmp.AllowUnexported(badChar{})); diff != "" {
			t.Fatalf("whole (-) and a byte at a time (+) find:\n%s", diff)
		}
		if len(out) != len(data) {
			t.Fatalf("passed %d bytes of %d", len(out), len(data))
		}
		at := int64(0)
		for _, b := range found {
			if b.at < at || b.end <= b.at || b.end > int64(len(data)) {
				t.Fatalf("found %+v out of order or place", b)
			}
			if !bytes.Equal(out[at:b.at], data[at:b.at]) {
				t.Fatalf("changed %q to %q, which it did not find", data[at:b.at], out[at:b.at])
			}
			if line := 1 + bytes.Count(data[:b.at], newline); b.line != line {
				t.Fatalf("found %+v on line %d", b, line)
			}
			what := data[b.at:b.end]
			if !bytes.Equal(out[b.at:b.end], bytes.Repeat([]byte{' '}, len(what))) {
				t.Fatalf("found %q and passed %q", what, out[b.at:b.end])
			}
			r, n := utf8.DecodeRune(what)
			switch {
			case b.ref != "":
				if string(what) != b.ref || xmlChar(b.r) {
					t.Fatalf("found %q as a reference %+v", what, b)
				}
			case b.r < 0:
				if utf8.Valid(what[:1]) || b.b != what[0] {
					t.Fatalf("found %q as not UTF-8 %+v", what, b)
				}
			case r != b.r || n != len(what) || xmlChar(r) || r == utf8.RuneError:
				t.Fatalf("found %q as %+v", what, b)
			}
			at = b.end
		}
		if !bytes.Equal(out[at:], data[at:]) {
			t.Fatalf("changed %q to %q, which it did not find", data[at:], out[at:])
		}
	})
}
