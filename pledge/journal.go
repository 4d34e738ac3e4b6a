package pledge

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/summitry/summitry/internal/input"
)

// Sentinel errors of a journal that is not whole ([JournalError]).
var (
	// ErrTornJournal: the journal's last batch is not whole, as a write cut
	// short by a crash leaves it; every batch before it is.
	ErrTornJournal = errors.New("pledge: torn journal")
	// ErrCorruptJournal: a batch that is not whole with more of the journal
	// after it: damage, not a write cut short.
	ErrCorruptJournal = errors.New("pledge: corrupt journal")
)

// ErrNotLogged: [Book.Add] or [Book.Merge] would add records to a book that
// keeps a journal, which would lack them. Add them with [Book.AddLogged].
var ErrNotLogged = errors.New("pledge: the book keeps a journal: add records with AddLogged")

// unlogged is the log of Add and Merge: it refuses the records to store
// when the book keeps a journal.
func (b *Book) unlogged(batch []Pledge) error {
	if b.journaled.Load() {
		return fmt.Errorf("%w, so that the journal holds them (%s to add)", ErrNotLogged, count(len(batch), "record"))
	}
	return nil
}

// Journal is an append-only log of the batches a [Book] took, from which
// the book is rebuilt after a restart or a crash ([Book.Replay]). A service
// adds records through [Book.AddLogged], which writes each batch to the
// journal before the book changes.
//
// The journal is JSON Lines: each record of a batch on a line of its own,
// as [Book.WriteJSONLines] writes it, then a commit marker line that
// holds the number of records and the CRC-32C (Castagnoli) of their lines:
//
//	{"id":"kr-ua-1","donor":"South Korea",...}
//	{"id":"kr-ua-2","donor":"South Korea",...}
//	{"commit":2,"crc32c":"5f1d3c0a"}
//
// A batch and its marker go out in one write, then the file is synced, so
// a batch is one unit: after a crash mid-write, replay restores every batch
// before it and reports the torn one, never half of it. The format is
// plain text for jq and grep, and [ReadBook] refuses it with a pointer
// here rather than read records of a batch that may be torn.
//
// A Journal is safe for concurrent use. After a write or a sync fails, it
// refuses every later batch: what reached the disk is unknown, so the
// service must reopen the journal (see [OpenJournal]).
type Journal struct {
	mu  sync.Mutex
	w   io.Writer
	err error // the first write or sync that failed
	buf []byte
}

// NewJournal returns a journal that appends batches to w. When w has a
// method Sync() error, as an *os.File has, each batch is synced before
// [Book.AddLogged] returns, so a batch acknowledged is on disk; without
// one, nothing is synced. A file must be opened with os.O_APPEND (and its
// directory synced when the file is new): [OpenJournal] does both.
func NewJournal(w io.Writer) *Journal { return &Journal{w: w} }

// Close closes the writer of the journal when it is an io.Closer (the
// file of [OpenJournal]); the journal then takes no more batches.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err == nil {
		j.err = errJournalClosed
	}
	if c, ok := j.w.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// AddLogged adds records to the book as [Book.Add] does and writes them to
// the journal j as one batch, first: the batch is checked against the
// book, written and synced, and only then stored, all while other writers
// of the book wait (readers do not), so the journal holds the batches in
// the order the book took them and the book never holds a record the
// journal lacks. When the check fails nothing is written; when the write
// or the sync fails, the book is unchanged and the error says so. Records
// the book holds already, equal ones, are not written again; a call that
// adds nothing writes nothing.
//
// A batch may hold at most 1 GiB of JSON, as a batch of the journal is read
// back whole.
//
// The journal holds only what went through AddLogged. A book fed by a
// journal takes every record through AddLogged: from the first call on,
// [Book.Add] and [Book.Merge] refuse to add to it ([ErrNotLogged]). Records
// the book held before (a seed file read with [ReadBook], say) are not in
// the journal, and a logged record may refer to them (Revises, Under): the
// journal then replays only into a book that holds them first, so load
// them the same way before every [OpenJournal], or add them with AddLogged
// too. Replaying such a journal into an empty book fails on the first
// record that refers to one ([ErrUnknownPledge]).
func (b *Book) AddLogged(j *Journal, pledges ...Pledge) error {
	if j == nil {
		return errors.New("pledge: AddLogged: no journal")
	}
	b.journaled.Store(true)
	batch := make([]Pledge, len(pledges))
	for i, p := range pledges {
		batch[i] = p.clone()
		batch[i].normalize()
	}
	return b.add(batch, false, j.write)
}

// write appends batch, records the book has checked, as one unit.
func (j *Journal) write(batch []Pledge) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err == errJournalClosed {
		return j.err
	}
	if j.err != nil {
		return fmt.Errorf("pledge: journal: an earlier write failed, so what is on disk is unknown; reopen the journal: %w", j.err)
	}
	buf := j.buf[:0]
	for _, p := range batch {
		var err error
		if buf, err = appendLine(buf, p); err != nil {
			return fmt.Errorf("pledge: journal: %w", err)
		}
		if len(buf) > maxBookBytes {
			return fmt.Errorf("pledge: journal: a batch of more than %d bytes; add it in smaller batches", maxBookBytes)
		}
	}
	buf = appendMarker(buf, len(batch), crc32.Checksum(buf, castagnoli))
	if cap(buf) <= 1<<20 {
		j.buf = buf // keep a small buffer for the next batch
	}
	if _, err := j.w.Write(buf); err != nil {
		j.err = err
		return fmt.Errorf("pledge: journal: writing a batch of %d records: %w", len(batch), err)
	}
	if s, ok := j.w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			j.err = err
			return fmt.Errorf("pledge: journal: syncing a batch of %d records: %w", len(batch), err)
		}
	}
	return nil
}

var errJournalClosed = errors.New("pledge: journal closed")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendMarker appends the commit marker of a batch of n records whose
// lines have checksum sum.
func appendMarker(buf []byte, n int, sum uint32) []byte {
	return fmt.Appendf(buf, `{"commit":%d,"crc32c":"%08x"}`+"\n", n, sum)
}

// parseMarker reads a commit marker line, its line feed included, exactly
// as appendMarker writes it.
func parseMarker(line []byte) (n int, sum uint32, ok bool) {
	rest := line[len(commitPrefix):]
	digits := 0
	for digits < len(rest) && '0' <= rest[digits] && rest[digits] <= '9' {
		n = n*10 + int(rest[digits]-'0')
		digits++
		if digits > 10 {
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 1 && rest[0] == '0' {
		return 0, 0, false
	}
	rest = rest[digits:]
	const mid, end = `,"crc32c":"`, "\"}\n"
	if len(rest) != len(mid)+8+len(end) || string(rest[:len(mid)]) != mid || string(rest[len(mid)+8:]) != end {
		return 0, 0, false
	}
	for _, c := range rest[len(mid) : len(mid)+8] {
		switch {
		case '0' <= c && c <= '9':
			sum = sum<<4 | uint32(c-'0')
		case 'a' <= c && c <= 'f':
			sum = sum<<4 | uint32(c-'a'+10)
		default:
			return 0, 0, false
		}
	}
	return n, sum, true
}

// JournalError says where a journal stops being whole, or which batch the
// book refused, and what came before it: every batch before Line was
// whole and has been replayed. It matches its Err.
type JournalError struct {
	// Line is the line on which the batch that is not whole, or that the
	// book refused, starts.
	Line int
	// Offset is the byte offset of Line: the whole batches before it take
	// Offset bytes, and cutting the journal to Offset bytes drops the rest
	// ([RepairJournal] does, for a torn journal).
	Offset int64
	// Batches counts the whole batches before Line.
	Batches int
	// Reason says what is wrong, in words.
	Reason string
	// Err is ErrTornJournal when the batch at Line is the last and is not
	// whole (a write cut short), ErrCorruptJournal when it is not whole and
	// more follows it, and the error of [Book.Add] (a *ValidationError) when
	// the batch is whole but the book refuses it.
	Err error
}

// Error says what is wrong, where, and what came before.
func (e *JournalError) Error() string {
	whole := fmt.Sprintf("the %s before it %s whole", count(e.Batches, "batch"), are(e.Batches))
	if e.Batches == 0 {
		whole = "no batch before it"
	}
	switch {
	case errors.Is(e.Err, ErrTornJournal):
		return fmt.Sprintf("pledge: torn journal: line %d (byte %d): %s, as a crash during a write leaves it; %s", e.Line, e.Offset, e.Reason, whole)
	case errors.Is(e.Err, ErrCorruptJournal):
		return fmt.Sprintf("pledge: corrupt journal: line %d (byte %d): %s, and more follows: the journal is damaged, not cut short; %s", e.Line, e.Offset, e.Reason, whole)
	}
	return fmt.Sprintf("pledge: journal line %d (byte %d): batch %d refused (%s): %v", e.Line, e.Offset, e.Batches+1, whole, e.Err)
}

func are(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Unwrap returns Err.
func (e *JournalError) Unwrap() error { return e.Err }

// Replay reads a journal ([Journal]) from r and adds each of its batches to
// b in order, each as one call of [Book.Add]. Batches that b holds already
// change nothing, so a journal replayed twice, or into a book that has part
// of it, gives the same book.
//
// When a batch is not whole (no commit marker, a marker whose count or
// checksum does not match its lines, a line cut short), Replay stops
// there: b keeps every batch before it, none of it, and the error is a
// *[JournalError] that names its line and byte offset and matches
// [ErrTornJournal] when the batch is the last (a crash during a write;
// [RepairJournal] cuts it off) or [ErrCorruptJournal] when more follows.
// A whole batch that b refuses stops Replay the same way, with the
// *ValidationError inside. A batch is never applied in part, and nothing
// is skipped without an error.
//
// Replay reads one batch at a time: it holds the batch, at most 1 GiB, and
// not the journal, which may be larger. A UTF-8 byte-order mark at the
// start is skipped. Records are read as [ReadBook] reads them, with errors
// that name their line.
func (b *Book) Replay(r io.Reader) error {
	s := newJournalScanner(r)
	for batches := 0; ; batches++ {
		err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return s.failed(err, batches)
		}
		f := newFileRecords(s.buf)
		start := 0
		for k, end := range s.ends {
			f.line(trimJSONSpace(s.buf[start:end]), k, s.startLine+k)
			start = end
		}
		if err := f.into(b, nil); err != nil {
			return &JournalError{Line: s.startLine, Offset: s.start, Batches: batches, Err: err}
		}
	}
}

// OpenJournal opens the journal at path to append to it, creating it when
// there is none, and replays it into b ([Book.Replay]); add records with
// [Book.AddLogged] and close the journal when done. A new file is synced
// into its directory, and the file is opened with os.O_APPEND, so each
// batch goes to its end.
//
// When the journal is not whole, OpenJournal returns the *[JournalError]
// of Replay and no journal: b holds every whole batch before the damage,
// and nothing is written until the journal is whole again. A torn tail
// ([ErrTornJournal]) is what a crash during a write leaves; the batch was
// never acknowledged, since [Book.AddLogged] returns only once it is
// synced. [RepairJournal] cuts it off, and OpenJournal then opens the
// journal (replaying it again into b changes nothing). A corrupt journal
// ([ErrCorruptJournal]) needs a person to look at it.
//
// The journal replays into b on top of what b holds: a journal that
// refers (Revises, Under) to records added without it needs them in b
// first (see [Book.AddLogged]). Once the journal is open, b takes records
// only through AddLogged: [Book.Add] and [Book.Merge] refuse to add to it
// ([ErrNotLogged]). Replay itself still adds, so that reopening the
// journal after a failed write restores a batch that reached the disk.
//
// One process at a time may write a journal: OpenJournal takes no lock on
// the file.
func OpenJournal(path string, b *Book) (*Journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o644)
	switch {
	case err == nil:
		if err := syncDir(filepath.Dir(path)); err != nil {
			f.Close()
			return nil, fmt.Errorf("pledge: journal: %w", err)
		}
	case errors.Is(err, os.ErrExist):
		if f, err = os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0); err != nil {
			return nil, fmt.Errorf("pledge: journal: %w", err)
		}
	default:
		return nil, fmt.Errorf("pledge: journal: %w", err)
	}
	if err := b.Replay(f); err != nil {
		f.Close()
		return nil, err
	}
	b.journaled.Store(true)
	return NewJournal(f), nil
}

// RepairJournal cuts a torn last batch ([ErrTornJournal]) off the journal
// at path, as a service does after a crash, and syncs the file. The bytes
// it cuts are appended to path+".torn" first, so nothing is lost without a
// trace. It checks only how the journal is framed (each batch's marker,
// count and checksum), not the records. A journal that is whole is left as
// it is, and a corrupt one ([ErrCorruptJournal]) too, with its
// *[JournalError]: cutting it would drop whole batches after the damage.
func RepairJournal(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("pledge: journal: %w", err)
	}
	defer f.Close()
	s := newJournalScanner(f)
	batches := 0
	for {
		err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			err = s.failed(err, batches)
			if !errors.Is(err, ErrTornJournal) {
				return err
			}
			break
		}
		batches++
	}
	if err := keepTail(f, s.start, path+".torn"); err != nil {
		return err
	}
	if err := f.Truncate(s.start); err != nil {
		return fmt.Errorf("pledge: journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("pledge: journal: %w", err)
	}
	return nil
}

// keepTail appends the bytes of f from offset on to the file at path, and
// syncs it.
func keepTail(f *os.File, offset int64, path string) error {
	t, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("pledge: journal: keeping the torn batch: %w", err)
	}
	_, err = io.Copy(t, io.NewSectionReader(f, offset, 1<<62))
	if err == nil {
		err = t.Sync()
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("pledge: journal: keeping the torn batch: %w", err)
	}
	return nil
}

// syncDir syncs a directory, so that a file just created in it is there
// after a crash. Windows cannot sync a directory, and needs not.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// journalScanner reads a journal a batch at a time, checking how each is
// framed.
type journalScanner struct {
	br   *bufio.Reader
	off  int64 // offset of the next byte to read
	line int   // lines read

	// The batch read last: where it starts, its record lines, and the
	// end of each line in buf.
	start     int64
	startLine int
	buf       []byte
	ends      []int
}

func newJournalScanner(r io.Reader) *journalScanner {
	br := bufio.NewReaderSize(input.Checked(r), input.BufferSize(r, 64<<10))
	return &journalScanner{br: br, off: int64(input.SkipBOM(br))}
}

// scanFault is a batch that is not whole: why, and whether it ends the
// journal.
type scanFault struct {
	reason string
	atEnd  bool
}

func (f *scanFault) Error() string { return f.reason }

// failed turns what next returned into the error of a journal whose
// first batches whole batches were read.
func (s *journalScanner) failed(err error, batches int) error {
	var f *scanFault
	if !errors.As(err, &f) {
		return fmt.Errorf("pledge: reading journal: %w", err)
	}
	je := &JournalError{Line: s.startLine, Offset: s.start, Batches: batches, Reason: f.reason, Err: ErrCorruptJournal}
	if f.atEnd {
		je.Err = ErrTornJournal
	}
	return je
}

// next reads the next batch: io.EOF at the end of a journal whose batches
// are whole, a *scanFault for a batch that is not, or an error of reading.
func (s *journalScanner) next() error {
	s.buf, s.ends = s.buf[:0], s.ends[:0]
	s.start, s.startLine = s.off, s.line+1
	for {
		from := len(s.buf)
		complete, err := s.appendLine()
		if err != nil {
			return err
		}
		if len(s.buf) == from { // the end
			if from == 0 {
				return io.EOF
			}
			return &scanFault{fmt.Sprintf("the last batch has %s and no commit marker", count(len(s.ends), "line")), true}
		}
		s.line++
		if !complete {
			return &scanFault{fmt.Sprintf("the batch has no commit marker and its last line, %d, no end", s.line), true}
		}
		line := s.buf[from:]
		if bytes.HasPrefix(line, commitPrefix) {
			s.buf = s.buf[:from]
			_, peek := s.br.Peek(1)
			atEnd := peek == io.EOF
			n, sum, ok := parseMarker(line)
			if !ok {
				return &scanFault{fmt.Sprintf("line %d is not a well-formed commit marker", s.line), atEnd}
			}
			// A marker that does not fit the lines since the last one may
			// still fit its own batch, the last n of them: the damage is
			// then before a whole batch, which no torn write leaves.
			torn := atEnd && !s.wholeTail(n, sum)
			switch got := crc32.Checksum(s.buf, castagnoli); {
			case n != len(s.ends):
				return &scanFault{fmt.Sprintf("the commit marker on line %d counts %s, the batch has %s",
					s.line, count(n, "record"), count(len(s.ends), "line")), torn}
			case got != sum:
				return &scanFault{fmt.Sprintf("the batch's lines have checksum %08x, its commit marker on line %d says %08x", got, s.line, sum), torn}
			}
			return nil
		}
		s.ends = append(s.ends, len(s.buf))
	}
}

// wholeTail reports whether the last n lines of the batch read so far have
// checksum sum, as a whole batch of n records would.
func (s *journalScanner) wholeTail(n int, sum uint32) bool {
	if n >= len(s.ends) {
		return false
	}
	return crc32.Checksum(s.buf[s.ends[len(s.ends)-n-1]:], castagnoli) == sum
}

// appendLine appends the next line, its line feed included, to buf and
// reports whether it has one; at the end of the input it appends nothing.
// A batch longer than 1 GiB is a fault.
func (s *journalScanner) appendLine() (complete bool, err error) {
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.buf = append(s.buf, chunk...)
		s.off += int64(len(chunk))
		if len(s.buf) > maxBookBytes {
			return false, &scanFault{fmt.Sprintf("a batch of more than %d bytes has no commit marker", maxBookBytes), false}
		}
		switch err {
		case nil:
			return true, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return false, nil
		}
		return false, err
	}
}
