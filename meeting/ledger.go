package meeting

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/internal/civil"
	"github.com/summitry/summitry/internal/fold"
	"github.com/summitry/summitry/internal/problem"
)

// Ledger records leaders and their meetings and answers questions about them
// under a [Rule]. The zero value is an empty ledger ready to use. A Ledger is
// safe for concurrent use; every slice and struct it returns is a copy.
// Records are added, never removed; the one change to a recorded meeting is
// its status ([Ledger.SetStatus]), so a planned meeting can become held or
// cancelled.
//
// Counting is indexed: each leader's meetings are kept in date order, so
// [Ledger.Count] reads only the meetings of the less busy of the two leaders
// within the rule's window, never the whole ledger.
type Ledger struct {
	mu sync.RWMutex
	store

	// rank caches the collation order of leader names; see ranks.
	rankMu sync.Mutex
	rank   []int32
}

// store is the content of a ledger: records and their indexes. Leaders and
// meetings are numbered by position; the indexes hold those numbers.
type store struct {
	leaders   []Leader
	byID      map[string]int32   // leader ID → leader
	byIDKey   map[string][]int32 // folded ID → leaders, ascending
	byNameKey map[string][]int32 // folded name or alias → leaders, ascending
	byCountry map[string][]int32 // alpha-2 → leaders, ascending

	meetings    []record
	meetingByID map[string]int32
	bySig       map[string]int32 // date, kind and participant set → meeting
	byLeader    [][]int32        // leader → its meetings, by date then ID
	all         []int32          // every meeting, by date then ID

	tallies   []tallyRecord // reported counts, in the order added; see tally.go
	tallyByID map[string]int32
}

// record is a stored meeting with its participants resolved to leader numbers.
type record struct {
	Meeting
	who []int32
	sig string // see signature; set while the record is checked
}

// AddLeader adds leaders. It adds all of them or, when any is invalid or its
// ID is taken (in the ledger or earlier in the same call), none, and returns
// a *ValidationError listing the problems (the first 100, and a count of
// the rest). Countries are stored as alpha-2 codes, dates as civil dates,
// terms in start order. An ID, name, alias or office is one line of at
// most 1000 bytes of UTF-8, and no text may hold a control character
// other than tab, line feed and carriage return or a Unicode noncharacter
// (ErrInvalidID, ErrInvalidText; see "Text and limits" in the package
// documentation). It takes time in proportion to the size of the batch,
// however many terms and aliases a leader has.
//
// Two leaders may share a name or an alias: looking that name up is then
// ErrAmbiguous, and the ID still finds each of them. But one leader's ID may
// not read as another leader's name or alias, folded as [Ledger.Leader]
// folds them: an exact ID wins a lookup, so ID "Fumio Kishida" for one
// leader would hide the name "Fumio Kishida" of another. Such a clash, in
// either direction, with a leader in the ledger or in the same call, is
// ErrDuplicate naming both leaders.
func (l *Ledger) AddLeader(ls ...Leader) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	add, ps := l.checkLeaders(ls)
	if err := ps.err(); err != nil {
		return err
	}
	l.addLeaders(add)
	return nil
}

// checkLeaders normalizes a batch of leaders and finds its problems.
func (s *store) checkLeaders(ls []Leader) ([]Leader, problems) {
	var ps problems
	out := make([]Leader, len(ls))
	first := map[string]int{}
	idKeys := map[string][]int{}   // folded ID → leaders earlier in the batch
	nameKeys := map[string][]int{} // folded name or alias → leaders earlier in the batch
	for i, x := range ls {
		out[i] = x.normalize(i, &ps)
		report := func(field string, err error) { ps.add("leader", i, x.ID, field, err) }
		if x.ID == "" || x.oversized() {
			continue
		}
		taken := true
		if _, ok := s.byID[x.ID]; ok {
			report("ID", fmt.Errorf("%w leader ID %s: already in the ledger", ErrDuplicate, problem.Quote(x.ID)))
		} else if j, ok := first[x.ID]; ok {
			report("ID", fmt.Errorf("%w leader ID %s: also leader[%d]", ErrDuplicate, problem.Quote(x.ID), j))
		} else {
			first[x.ID] = i
			taken = false
		}

		// An ID must not read as another leader's name or alias.
		idKey := fold.Key(x.ID)
		if !taken && idKey != "" {
			olds, news := s.byNameKey[idKey], nameKeys[idKey]
			ps.each(len(olds), func(k int) {
				o := &s.leaders[olds[k]]
				report("ID", fmt.Errorf("%w: ID %s reads as %s of %s", ErrDuplicate, problem.Quote(x.ID), o.nameFor(idKey), o))
			})
			ps.each(len(news), func(k int) {
				j := news[k]
				o := &ls[j]
				report("ID", fmt.Errorf("%w: ID %s reads as %s of leader[%d] %s", ErrDuplicate, problem.Quote(x.ID), o.nameFor(idKey), j, o))
			})
		}
		// Nor a name or alias as another leader's ID.
		seen := map[string]bool{}
		for _, f := range x.names() {
			k := fold.Key(f[1])
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			olds, news := s.byIDKey[k], idKeys[k]
			ps.each(len(olds), func(i int) {
				o := &s.leaders[olds[i]]
				report(f[0], fmt.Errorf("%w: %s reads as the ID of %s", ErrDuplicate, problem.Quote(f[1]), o))
			})
			ps.each(len(news), func(i int) {
				j := news[i]
				report(f[0], fmt.Errorf("%w: %s reads as the ID of leader[%d] %s", ErrDuplicate, problem.Quote(f[1]), j, ls[j]))
			})
		}

		if idKey != "" {
			idKeys[idKey] = append(idKeys[idKey], i)
		}
		for k := range seen {
			nameKeys[k] = append(nameKeys[k], i)
		}
	}
	return out, ps
}

// addLeaders stores checked leaders and indexes them.
func (s *store) addLeaders(ls []Leader) {
	if s.byID == nil {
		s.byID = map[string]int32{}
		s.byIDKey = map[string][]int32{}
		s.byNameKey = map[string][]int32{}
		s.byCountry = map[string][]int32{}
	}
	for _, x := range ls {
		n := int32(len(s.leaders))
		s.leaders = append(s.leaders, x)
		s.byLeader = append(s.byLeader, nil)
		s.byID[x.ID] = n
		s.byCountry[x.Country] = append(s.byCountry[x.Country], n)
		if k := fold.Key(x.ID); k != "" {
			s.byIDKey[k] = append(s.byIDKey[k], n)
		}
		for _, k := range x.nameKeys() {
			s.byNameKey[k] = append(s.byNameKey[k], n)
		}
	}
}

// byKey returns the leaders whose folded ID, name or alias is key, in
// ascending order without repeats.
func (s *store) byKey(key string) []int32 {
	if key == "" {
		return nil
	}
	ids, names := s.byIDKey[key], s.byNameKey[key]
	switch {
	case len(ids) == 0:
		return names
	case len(names) == 0:
		return ids
	}
	out := make([]int32, 0, len(ids)+len(names))
	i, j := 0, 0
	for i < len(ids) || j < len(names) {
		switch {
		case j == len(names) || i < len(ids) && ids[i] < names[j]:
			out = append(out, ids[i])
			i++
		case i == len(ids) || names[j] < ids[i]:
			out = append(out, names[j])
			j++
		default: // the same leader: its ID and a name fold alike
			out = append(out, ids[i])
			i++
			j++
		}
	}
	return out
}

// AddMeeting adds meetings. It adds all of them or, when any is bad, none,
// and returns a *ValidationError listing the problems (the first 100, and a
// count of the rest): an empty or taken ID, text that breaks the rule of
// "Text and limits" in the package documentation (ErrInvalidText), a zero
// date, a kind or status outside the defined values, fewer than two
// distinct participants or more than [MaxParticipants]
// (ErrTooManyParticipants; the participants are then not checked one by
// one), a participant ID the ledger does not know (ErrUnknownLeader), a
// date outside a participant's terms (ErrOutOfTerm; for every status, both
// ends of a term included; reported once per leader), or a meeting of the
// same participants on the same date and of the same kind as one already
// recorded or earlier in the call (ErrDuplicate, whatever the statuses: a
// planned meeting that took place is not recorded again, its status is
// changed with [Ledger.SetStatus]). Participants are leader IDs, not
// names. Dates are stored as civil dates. It takes time in proportion to
// the size of the batch and, for each participant, the logarithm of the
// number of the participant's terms.
func (l *Ledger) AddMeeting(ms ...Meeting) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	add, ps := l.checkMeetings(ms)
	if err := ps.err(); err != nil {
		return err
	}
	l.addMeetings(add)
	return nil
}

// checkMeetings normalizes a batch of meetings, resolves their participants
// and finds their problems.
func (s *store) checkMeetings(ms []Meeting) ([]record, problems) {
	var ps problems
	out := make([]record, len(ms))
	firstID := map[string]int{}
	firstSig := map[string]int{}
	for i, x := range ms {
		report := func(field string, err error) { ps.add("meeting", i, x.ID, field, err) }
		m := x.normalize(i, &ps)
		rec := record{Meeting: m}
		participants := m.Participants
		if len(participants) > MaxParticipants {
			participants = nil // refused by normalize, and left at that
		}
		rec.who = make([]int32, 0, len(participants))
		known := participants != nil
		again := repeats(participants)
		for j, p := range participants {
			if p == "" || checkText(p) != nil { // reported by normalize
				known = false
				continue
			}
			if again[j] {
				continue // reported by normalize
			}
			n, ok := s.byID[p]
			if !ok {
				report(fmt.Sprintf("Participants[%d]", j), s.unknownParticipant(p))
				known = false
				continue
			}
			rec.who = append(rec.who, n)
			if ld := &s.leaders[n]; !m.Date.IsZero() && !inTerms(ld.Terms, m.Date) {
				report("Date", fmt.Errorf("%w: %s was not in office on %s", ErrOutOfTerm, ld, civil.Format(m.Date)))
			}
		}
		out[i] = rec
		if m.ID != "" {
			if _, ok := s.meetingByID[m.ID]; ok {
				report("ID", fmt.Errorf("%w meeting ID %s: already in the ledger", ErrDuplicate, problem.Quote(m.ID)))
			} else if j, ok := firstID[m.ID]; ok {
				report("ID", fmt.Errorf("%w meeting ID %s: also meeting[%d]", ErrDuplicate, problem.Quote(m.ID), j))
			} else {
				firstID[m.ID] = i
			}
		}
		if !known || len(rec.who) < 2 || m.Date.IsZero() || !m.Kind.valid() {
			continue
		}
		sig := signature(&rec)
		out[i].sig = sig
		if n, ok := s.bySig[sig]; ok {
			report("", fmt.Errorf("%w: the same participants, date and kind as meeting %s", ErrDuplicate, problem.Quote(s.meetings[n].ID)))
		} else if j, ok := firstSig[sig]; ok {
			report("", fmt.Errorf("%w: the same participants, date and kind as meeting[%d]", ErrDuplicate, j))
		} else {
			firstSig[sig] = i
		}
	}
	return out, ps
}

// unknownParticipant explains a participant that is not a leader ID,
// suggesting the ID when it is the name of exactly one leader.
func (s *store) unknownParticipant(p string) error {
	if len(p) > maxLookup {
		return fmt.Errorf("%w ID of %d bytes", ErrUnknownLeader, len(p))
	}
	if ns := s.byKey(fold.Key(p)); len(ns) == 1 {
		return fmt.Errorf("%w ID %s (did you mean %s?)", ErrUnknownLeader, problem.Quote(p), problem.Quote(s.leaders[ns[0]].ID))
	}
	return fmt.Errorf("%w ID %s", ErrUnknownLeader, problem.Quote(p))
}

// signature identifies a meeting by date, kind and participant set: the
// day number, the kind and the sorted leader numbers, in binary.
func signature(r *record) string {
	who := slices.Clone(r.who)
	slices.Sort(who)
	b := make([]byte, 0, 12+4*len(who))
	b = binary.BigEndian.AppendUint64(b, uint64(r.Date.Unix()/secondsPerDay))
	b = binary.BigEndian.AppendUint32(b, uint32(r.Kind))
	for _, w := range who {
		b = binary.BigEndian.AppendUint32(b, uint32(w))
	}
	return string(b)
}

// addMeetings stores checked meetings and merges them into the indexes.
func (s *store) addMeetings(rs []record) {
	if s.meetingByID == nil {
		s.meetingByID = map[string]int32{}
		s.bySig = map[string]int32{}
	}
	base := int32(len(s.meetings))
	s.meetings = append(s.meetings, rs...)
	added := make([]int32, len(rs))
	perLeader := map[int32][]int32{}
	for i := range rs {
		n := base + int32(i)
		added[i] = n
		r := &s.meetings[n]
		s.meetingByID[r.ID] = n
		if r.sig == "" {
			r.sig = signature(r)
		}
		s.bySig[r.sig] = n
		r.sig = ""
		for _, w := range r.who {
			perLeader[w] = append(perLeader[w], n)
		}
	}
	s.all = s.merge(s.all, added)
	for w, ns := range perLeader {
		s.byLeader[w] = s.merge(s.byLeader[w], ns)
	}
}

// compare orders meetings by date, then ID.
func (s *store) compare(a, b int32) int {
	ma, mb := &s.meetings[a], &s.meetings[b]
	if c := ma.Date.Compare(mb.Date); c != 0 {
		return c
	}
	return cmp.Compare(ma.ID, mb.ID)
}

// merge returns the sorted union of a sorted index and new meetings. Adding
// in date order, the common case, only appends.
func (s *store) merge(have, add []int32) []int32 {
	slices.SortFunc(add, s.compare)
	if len(have) == 0 {
		return add
	}
	if s.compare(have[len(have)-1], add[0]) < 0 {
		return append(have, add...)
	}
	out := make([]int32, 0, len(have)+len(add))
	i, j := 0, 0
	for i < len(have) && j < len(add) {
		if s.compare(have[i], add[j]) <= 0 {
			out = append(out, have[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	out = append(out, have[i:]...)
	return append(out, add[j:]...)
}

// window returns the part of a date-sorted index within [from, to]; a zero
// bound is open.
func (s *store) window(index []int32, from, to time.Time) []int32 {
	lo, hi := 0, len(index)
	if !from.IsZero() {
		lo = sort.Search(len(index), func(i int) bool { return !s.meetings[index[i]].Date.Before(from) })
	}
	if !to.IsZero() {
		hi = sort.Search(len(index), func(i int) bool { return s.meetings[index[i]].Date.After(to) })
	}
	if hi <= lo {
		return nil
	}
	return index[lo:hi]
}

// Leader finds a leader by ID, name or alias. An exact ID wins; otherwise
// the ID, name and aliases of every leader are compared folded, ignoring
// case, accents on Latin and Greek letters, width, compatibility forms,
// spaces, hyphens, apostrophes and other punctuation: "Yoon Suk-yeol", "YOON
// SUK YEOL", "yoon_suk_yeol" and "ＹＯＯＮ ＳＵＫ ＹＥＯＬ" find the same
// leader, "Shinzō Abe" finds "Shinzo Abe", "Jonas Gahr Store" finds "Jonas
// Gahr Støre". Letters that differ by a mark in other scripts stay apart
// ("Зеленський" does not find "Зеленськии"), as do Hangul syllables, kana
// and ideographs. Word order is not ignored: "Kishida Fumio" needs an alias.
// No match is ErrUnknownLeader; a match with two or more leaders is an
// *AmbiguousError (errors.Is ErrAmbiguous) naming them all. Since
// [Ledger.AddLeader] keeps IDs from reading as other leaders' names, the
// exact-ID rule never hides a name.
func (l *Ledger) Leader(nameOrID string) (Leader, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n, err := l.find(nameOrID)
	if err != nil {
		return Leader{}, err
	}
	return l.leaders[n].clone(), nil
}

// maxLookup bounds the text a lookup folds. A name has at most maxText
// bytes, but a spelling of it may take four bytes a letter (full-width or
// mathematical letters) and add spaces, hyphens and accents; no real one
// needs sixteen times as many.
const maxLookup = 16 * maxText

// find resolves a leader's ID, name or alias to its number.
func (l *Ledger) find(nameOrID string) (int32, error) {
	if n, ok := l.byID[nameOrID]; ok {
		return n, nil
	}
	if len(nameOrID) > maxLookup {
		return 0, fmt.Errorf("%w: a name of %d bytes", ErrUnknownLeader, len(nameOrID))
	}
	ns := l.byKey(fold.Key(nameOrID))
	switch len(ns) {
	case 0:
		return 0, fmt.Errorf("%w %s", ErrUnknownLeader, problem.Quote(nameOrID))
	case 1:
		return ns[0], nil
	}
	ns = slices.Clone(ns)
	l.sortLeaders(ns)
	e := &AmbiguousError{Name: nameOrID}
	for _, n := range ns {
		e.Candidates = append(e.Candidates, l.leaders[n].clone())
	}
	return 0, e
}

// Leaders returns every leader, sorted by name with the Unicode collation
// algorithm (golang.org/x/text/collate), then by ID.
func (l *Ledger) Leaders() []Leader {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ns := l.leaderOrder()
	out := make([]Leader, len(ns))
	for i, n := range ns {
		out[i] = l.leaders[n].clone()
	}
	return out
}

// ranks returns each leader's position in name order (collated, then by
// ID). It is computed once per set of leaders; the caller holds l.mu.
func (l *Ledger) ranks() []int32 {
	l.rankMu.Lock()
	defer l.rankMu.Unlock()
	if len(l.rank) == len(l.leaders) {
		return l.rank
	}
	c := collate.New(language.Und)
	var buf collate.Buffer
	keys := make([][]byte, len(l.leaders))
	order := make([]int32, len(l.leaders))
	for i, ld := range l.leaders {
		keys[i] = bytes.Clone(c.KeyFromString(&buf, ld.Name))
		buf.Reset()
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := bytes.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return cmp.Compare(l.leaders[a].ID, l.leaders[b].ID)
	})
	rank := make([]int32, len(order))
	for pos, n := range order {
		rank[n] = int32(pos)
	}
	l.rank = rank
	return rank
}

// leaderOrder returns every leader's number, in name order; the caller
// holds l.mu.
func (l *Ledger) leaderOrder() []int32 {
	ns := make([]int32, len(l.leaders))
	for i := range ns {
		ns[i] = int32(i)
	}
	l.sortLeaders(ns)
	return ns
}

// sortLeaders sorts leader numbers into name order.
func (l *Ledger) sortLeaders(ns []int32) {
	rank := l.ranks()
	slices.SortFunc(ns, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
}

// Meeting returns the meeting with the given ID.
func (l *Ledger) Meeting(id string) (Meeting, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n, ok := l.meetingByID[id]
	if !ok {
		return Meeting{}, false
	}
	return l.meetings[n].clone(), true
}

// Meetings returns every meeting, in date order, then by ID.
func (l *Ledger) Meetings() []Meeting {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.clones(l.all)
}

// clones copies the meetings with the given numbers.
func (s *store) clones(ns []int32) []Meeting {
	out := make([]Meeting, len(ns))
	for i, n := range ns {
		out[i] = s.meetings[n].clone()
	}
	return out
}

// Count returns how many meetings between leaders a and b (each an ID, name
// or alias, as [Ledger.Leader] finds them) count under r. It is symmetric:
// Count(a, b, r) == Count(b, a, r). A leader does not meet themself: a and b
// naming the same leader count 0. An invalid rule is an error
// ([Rule.Validate]), never a count of 0.
func (l *Ledger) Count(a, b string, r Rule) (int, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	na, nb, err := l.pair(a, b)
	if err != nil {
		return 0, err
	}
	p := r.plan()
	return l.count(na, nb, &p, nil), nil
}

// Between returns the meetings behind [Ledger.Count]: those of leaders a and
// b (IDs, names or aliases) that count under r, in date order, then by ID.
// len(Between(a, b, r)) == Count(a, b, r).
func (l *Ledger) Between(a, b string, r Rule) ([]Meeting, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	na, nb, err := l.pair(a, b)
	if err != nil {
		return nil, err
	}
	p := r.plan()
	var out []Meeting
	l.count(na, nb, &p, func(m *record) { out = append(out, m.clone()) })
	return out, nil
}

// pair finds two leaders.
func (l *Ledger) pair(a, b string) (int32, int32, error) {
	na, err := l.find(a)
	if err != nil {
		return 0, 0, err
	}
	nb, err := l.find(b)
	if err != nil {
		return 0, 0, err
	}
	return na, nb, nil
}

// count scans the meetings of whichever of a and b has fewer in the window,
// calling each (when not nil) with every meeting that counts, in date order.
func (s *store) count(a, b int32, p *plan, each func(*record)) int {
	if a == b {
		return 0
	}
	scan, other := s.window(s.byLeader[a], p.from, p.to), b
	if ib := s.window(s.byLeader[b], p.from, p.to); len(ib) < len(scan) {
		scan, other = ib, a
	}
	n := 0
	for _, x := range scan {
		if m := &s.meetings[x]; p.counts(&m.Meeting) && slices.Contains(m.who, other) {
			n++
			if each != nil {
				each(m)
			}
		}
	}
	return n
}

// SetStatus changes the status of the recorded meeting with the given ID:
// a planned or unconfirmed meeting that took place becomes Held, one called
// off Cancelled. It is the one change the ledger allows to a recorded
// meeting; everything else about it stays as added. An unknown ID is
// ErrUnknownMeeting, a status outside Held..Cancelled ErrInvalidStatus.
func (l *Ledger) SetStatus(id string, s Status) error {
	if !s.valid() {
		return fmt.Errorf("%w: %s", ErrInvalidStatus, s)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n, ok := l.meetingByID[id]
	if !ok {
		return fmt.Errorf("%w %s", ErrUnknownMeeting, problem.Quote(id))
	}
	l.meetings[n].Status = s
	return nil
}

// Schedule returns every meeting the leader (an ID, name or alias) is in on
// the civil date of day, of every kind and status: held, planned,
// unconfirmed and cancelled. They are sorted by status in that order, then by
// ID.
func (l *Ledger) Schedule(leader string, day time.Time) ([]Meeting, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n, err := l.find(leader)
	if err != nil {
		return nil, err
	}
	day = civil.Date(day)
	if day.IsZero() {
		return nil, fmt.Errorf("%w: schedule day", ErrMissing)
	}
	out := l.clones(l.window(l.byLeader[n], day, day))
	slices.SortFunc(out, func(a, b Meeting) int {
		if c := cmp.Compare(a.Status, b.Status); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Streak returns how many consecutive years, ending with the year through,
// the leader (an ID, name or alias) attended an occasion of the series: 0
// when not in the year through itself.
//
// A year counts when the leader is a participant of a held, in-person
// meeting (Talks, PullAside or Visit; a Call is not attendance), with any
// number of participants, whose Occasion is the series name followed by
// that year: "NATO Summit 2024" is series "NATO Summit", year 2024. The year is the last space-separated word of the Occasion, not the
// meeting's date; the series names are compared folded, as names are (case,
// accents, spaces and punctuation ignored). An empty series is ErrMissing.
func (l *Ledger) Streak(leader, series string, through int) (int, error) {
	want := fold.Key(series)
	if want == "" {
		return 0, fmt.Errorf("%w: series %s", ErrMissing, problem.Quote(series))
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	n, err := l.find(leader)
	if err != nil {
		return 0, err
	}
	years := map[int]bool{}
	for _, x := range l.byLeader[n] {
		m := &l.meetings[x]
		if m.Status != Held || m.Kind == Call {
			continue
		}
		if name, year, ok := splitOccasion(m.Occasion); ok && fold.Key(name) == want {
			years[year] = true
		}
	}
	streak := 0
	for y := through; years[y]; y-- {
		streak++
	}
	return streak, nil
}

// splitOccasion splits "NATO Summit 2024" into its series and year.
func splitOccasion(occasion string) (series string, year int, ok bool) {
	occasion = strings.TrimSpace(occasion)
	i := strings.LastIndexFunc(occasion, unicode.IsSpace)
	if i < 0 {
		return "", 0, false
	}
	_, size := utf8.DecodeRuneInString(occasion[i:])
	year, err := strconv.Atoi(occasion[i+size:])
	if err != nil || year <= 0 {
		return "", 0, false
	}
	return occasion[:i], year, true
}
