package fts

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"github.com/summitry/summitry/internal/input"
)

// maxPageBytes bounds one page: FTS serves pages of a few megabytes.
const maxPageBytes = 256 << 20

// Flows gathers flows from one or more pages of the FTS public API. A flow
// that appears on two pages (same ID and version) is kept once; a newer
// version of a flow replaces an older one, whatever the order the pages
// come in. The zero value is ready to use and safe for concurrent use.
type Flows struct {
	mu   sync.RWMutex
	byID map[string]Flow
}

// Read reads one page, a response of the FTS flow API
// ({"data":{"flows":[...]}}) or a bare array of flows, and adds its flows.
// It is all or nothing: on any error, no flow of the page is added.
func (fs *Flows) Read(r io.Reader) error {
	flows, err := ReadFlows(r)
	if err != nil {
		return err
	}
	fs.add(false, flows)
	return nil
}

// Add adds flows, keeping the newest version of each: of two with the same
// ID and version, the one added first.
func (fs *Flows) Add(flows ...Flow) { fs.add(true, flows) }

// add adds the flows of each chunk, copying them when they are the
// caller's, and lets go of each chunk once it is in, so that the flows are
// not held twice over.
func (fs *Flows) add(clone bool, chunks ...[]Flow) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.byID == nil {
		n := 0
		for _, flows := range chunks {
			n += len(flows)
		}
		fs.byID = make(map[string]Flow, n)
	}
	for i, flows := range chunks {
		for _, f := range flows {
			if old, ok := fs.byID[f.ID]; ok && old.VersionID >= f.VersionID {
				continue
			}
			if clone {
				f = f.clone()
			}
			fs.byID[f.ID] = f
		}
		chunks[i] = nil
	}
}

// Len returns the number of distinct flows.
func (fs *Flows) Len() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.byID)
}

// Flow returns the flow with the given ID.
func (fs *Flows) Flow(id string) (Flow, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	f, ok := fs.byID[id]
	return f.clone(), ok
}

// All returns every flow, in the numeric order of their IDs.
func (fs *Flows) All() []Flow {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	out := make([]Flow, 0, len(fs.byID))
	for _, f := range fs.byID {
		out = append(out, f.clone())
	}
	slices.SortFunc(out, func(a, b Flow) int { return compareIDs(a.ID, b.ID) })
	return out
}

// compareIDs orders numeric IDs as numbers and others after them as text.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}

// ReadFlows reads one page (see [Flows.Read]) and returns its flows in the
// order given. A leading UTF-8 byte-order mark is skipped.
//
// The page must be JSON (RFC 8259) in UTF-8, with no \u escape of half a
// surrogate pair, nested at most 100 deep and at most 256 MiB long. In the
// objects it reads (the response, its "data", each flow and each of a
// flow's source and destination objects), a field it uses must appear
// once, its name spelled exactly: a repeated name, or one in another case
// ("AmountUSD"), is an error rather than a guess at which to believe.
// Other fields are skipped unread, though their text must be UTF-8 without
// half surrogate pairs too. The text of a field it reads holds no control
// character but tab, line feed and carriage return and no Unicode
// noncharacter (U+FFFE, U+FDD0, ...), raw or escaped ([ErrInvalidText]).
// The package overview lists what each field must hold.
//
// Errors name the line and, within a flow, the flow and the field. A
// *[ValidationError] lists the first 100 problems and counts the rest; no
// flows come with it. A bad value is quoted to at most 64 bytes. Reading
// takes time in proportion to the page and memory of about its size (about
// twice from a stream: a reader other than a file, a bytes.Reader, a
// strings.Reader or a bytes.Buffer), plus the flows it returns, however
// many problems it finds.
func ReadFlows(r io.Reader) ([]Flow, error) {
	data, err := readPage(r)
	if err != nil {
		return nil, err
	}
	p := pageReader{scanner: newScanner(input.TrimBOM(data)), index: -1}
	return p.read()
}

// readPage reads all of r, at most maxPageBytes.
func readPage(r io.Reader) ([]byte, error) {
	buf, err := input.ReadAll(r, maxPageBytes+1)
	switch {
	case err != nil:
		return nil, fmt.Errorf("fts: reading: %w", err)
	case len(buf) > maxPageBytes:
		return nil, fmt.Errorf("%w: page larger than %d bytes", ErrSyntax, maxPageBytes)
	}
	return buf, nil
}
