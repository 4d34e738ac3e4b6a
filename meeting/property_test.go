package meeting_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/width"

	"github.com/summitry/summitry/meeting"
)

// randomLedger builds a ledger of k leaders in a few countries, some with
// terms, and about n meetings of two to four of them, every kind and status,
// over four years. Meetings that would be rejected are left out.
func randomLedger(t *testing.T, seed uint64, k, n int) *meeting.Ledger {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed*7919))
	start := day("2020-01-01")
	var l meeting.Ledger
	for i := range k {
		ld := meeting.Leader{ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Person %c%d", 'A'+r.IntN(26), i), Country: []string{"KR", "JP", "US"}[r.IntN(3)]}
		if r.IntN(2) == 0 {
			ld.Terms = []meeting.Term{{Start: start.AddDate(0, 0, r.IntN(400)), End: start.AddDate(2, 0, r.IntN(800))}}
		}
		if err := l.AddLeader(ld); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		who := r.Perm(k)[:2+r.IntN(3)]
		m := meeting.Meeting{
			ID: fmt.Sprintf("m%04d", i), Date: start.AddDate(0, 0, r.IntN(4*365)),
			Kind: meeting.Kind(r.IntN(4)), Status: meeting.Status(r.IntN(4)),
		}
		for _, w := range who {
			m.Participants = append(m.Participants, fmt.Sprintf("p%02d", w))
		}
		_ = l.AddMeeting(m) // out of term or repeated: skipped
	}
	return &l
}

// randomRule returns a valid rule with random kinds, statuses, window and
// multilateral setting.
func randomRule(r *rand.Rand) meeting.Rule {
	var rule meeting.Rule
	for k := range 4 {
		if r.IntN(3) == 0 {
			rule.Kinds = append(rule.Kinds, meeting.Kind(k))
		}
	}
	for s := range 4 {
		if r.IntN(3) == 0 {
			rule.Statuses = append(rule.Statuses, meeting.Status(s))
		}
	}
	if r.IntN(2) == 0 {
		rule.From = day("2020-01-01").AddDate(0, 0, r.IntN(4*365))
	}
	if r.IntN(2) == 0 {
		rule.To = day("2020-01-01").AddDate(0, 0, r.IntN(4*365))
	}
	if !rule.From.IsZero() && !rule.To.IsZero() && rule.From.After(rule.To) {
		rule.From, rule.To = rule.To, rule.From
	}
	rule.Multilateral = r.IntN(2) == 0
	return rule
}

// countsUnder reports whether m counts under r: the definition of a Rule,
// written independently of the ledger's indexes.
func countsUnder(m meeting.Meeting, r meeting.Rule) bool {
	kinds, statuses := r.Kinds, r.Statuses
	if len(kinds) == 0 {
		kinds = []meeting.Kind{meeting.Talks}
	}
	if len(statuses) == 0 {
		statuses = []meeting.Status{meeting.Held}
	}
	return slices.Contains(kinds, m.Kind) && slices.Contains(statuses, m.Status) &&
		(r.From.IsZero() || !m.Date.Before(r.From)) && (r.To.IsZero() || !m.Date.After(r.To)) &&
		(len(m.Participants) == 2 || r.Multilateral)
}

// reference counts a's meetings with b by reading every meeting.
func reference(ms []meeting.Meeting, a, b string, r meeting.Rule) int {
	n := 0
	for _, m := range ms {
		if a != b && countsUnder(m, r) && slices.Contains(m.Participants, a) && slices.Contains(m.Participants, b) {
			n++
		}
	}
	return n
}

func TestCountProperties(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		l := randomLedger(t, seed, 12, 400)
		ms := l.Meetings()
		leaders := l.Leaders()
		r := rand.New(rand.NewPCG(seed, 1))
		for range 20 {
			rule := randomRule(r)
			listed := map[[2]string]int{}
			for _, pc := range l.Pairs(rule).Rows() {
				if pc.Count <= 0 {
					t.Errorf("seed %d: Pairs lists %s–%s with count %d", seed, pc.A.ID, pc.B.ID, pc.Count)
				}
				listed[[2]string{pc.A.ID, pc.B.ID}] = pc.Count
				listed[[2]string{pc.B.ID, pc.A.ID}] = pc.Count
			}
			for _, a := range leaders {
				for _, b := range leaders {
					ab, err := l.Count(a.ID, b.ID, rule)
					if err != nil {
						t.Fatal(err)
					}
					ba, _ := l.Count(b.ID, a.ID, rule)
					if ab != ba {
						t.Errorf("seed %d, %v: Count(%s, %s) = %d but Count(%s, %s) = %d", seed, rule, a.ID, b.ID, ab, b.ID, a.ID, ba)
					}
					if want := reference(ms, a.ID, b.ID, rule); ab != want {
						t.Errorf("seed %d, %v: Count(%s, %s) = %d, reading every meeting gives %d", seed, rule, a.ID, b.ID, ab, want)
					}
					if got := listed[[2]string{a.ID, b.ID}]; got != ab {
						t.Errorf("seed %d, %v: Pairs gives %s–%s %d, Count %d", seed, rule, a.ID, b.ID, got, ab)
					}
					ms, err := l.Between(a.ID, b.ID, rule)
					if err != nil {
						t.Fatal(err)
					}
					if len(ms) != ab {
						t.Errorf("seed %d, %v: Between(%s, %s) has %d meetings, Count %d", seed, rule, a.ID, b.ID, len(ms), ab)
					}
					for i, m := range ms {
						if !countsUnder(m, rule) || !slices.Contains(m.Participants, a.ID) || !slices.Contains(m.Participants, b.ID) {
							t.Errorf("seed %d, %v: Between(%s, %s) lists %s", seed, rule, a.ID, b.ID, m)
						}
						if i > 0 && (m.Date.Before(ms[i-1].Date) || m.Date.Equal(ms[i-1].Date) && m.ID < ms[i-1].ID) {
							t.Errorf("seed %d: Between out of order at %d", seed, i)
						}
					}
				}
			}
		}
	}
}

func TestRankAgreesWithMeetings(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		l := randomLedger(t, seed, 12, 300)
		ms := l.Meetings()
		country := map[string]string{}
		for _, ld := range l.Leaders() {
			country[ld.ID] = ld.Country
		}
		r := rand.New(rand.NewPCG(seed, 2))
		for range 10 {
			rule := randomRule(r)
			s, err := l.Rank("KR", "JP", rule)
			if err != nil {
				t.Fatal(err)
			}
			rows := s.Rows()
			for i, row := range rows {
				want := 0
				for _, m := range ms {
					if !countsUnder(m, rule) || !slices.Contains(m.Participants, row.ID) {
						continue
					}
					for _, p := range m.Participants {
						if p != row.ID && country[p] == "JP" {
							want++
							break
						}
					}
				}
				if row.Count != want {
					t.Errorf("seed %d, %v: %s ranks with %d meetings, want %d", seed, rule, row.ID, row.Count, want)
				}
				if i > 0 && (row.Count > rows[i-1].Count || row.Rank < rows[i-1].Rank) {
					t.Errorf("seed %d: rows out of order at %d", seed, i)
				}
				if row.Rank != i+1 && (i == 0 || row.Count != rows[i-1].Count) {
					t.Errorf("seed %d: row %d has rank %d, want competition rank %d", seed, i, row.Rank, i+1)
				}
			}
		}
	}
}

// TestConcurrentUse adds meetings from several goroutines while others read;
// run it with -race.
func TestConcurrentUse(t *testing.T) {
	var l meeting.Ledger
	const k = 8
	for i := range k {
		if err := l.AddLeader(meeting.Leader{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Person %d", i), Country: "KR"}); err != nil {
			t.Fatal(err)
		}
	}
	const writers, each = 4, 50
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				m := meeting.Meeting{
					ID: fmt.Sprintf("w%d-%d", w, i), Date: day("2024-01-01").AddDate(0, 0, i),
					Participants: []string{fmt.Sprintf("p%d", w), fmt.Sprintf("p%d", w+writers)},
				}
				if err := l.AddMeeting(m); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 3 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				n, err := l.Count("p0", "Person 4", meeting.Rule{})
				if err != nil || n > each {
					t.Errorf("Count = %d, %v", n, err)
				}
				_ = l.Pairs(meeting.Rule{}).String()
				_, _ = l.Rank("KR", "KR", meeting.Rule{})
				_, _ = l.Schedule("p1", day("2024-01-02"))
				_, _ = l.MarshalJSON()
				_ = l.Leaders()
				_, _ = l.Between("p0", "p4", meeting.Rule{Statuses: []meeting.Status{meeting.Held, meeting.Planned}})
			}
		}()
	}
	// Meanwhile one goroutine turns held meetings to planned and back.
	readers.Add(1)
	go func() {
		defer readers.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("w0-%d", i%each)
			if _, ok := l.Meeting(id); !ok {
				continue
			}
			if err := l.SetStatus(id, meeting.Planned); err != nil {
				t.Error(err)
				return
			}
			if err := l.SetStatus(id, meeting.Held); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	readers.Wait()
	for w := range writers {
		n, _ := l.Count(fmt.Sprintf("p%d", w), fmt.Sprintf("p%d", w+writers), meeting.Rule{})
		if n != each {
			t.Errorf("pair %d has %d meetings, want %d", w, n, each)
		}
	}
}

func TestZeroLedger(t *testing.T) {
	var l meeting.Ledger
	if got := l.Leaders(); len(got) != 0 {
		t.Errorf("Leaders = %v", got)
	}
	if got := l.Pairs(meeting.Rule{}).Rows(); len(got) != 0 {
		t.Errorf("Pairs = %v", got)
	}
	if _, err := l.Count("a", "b", meeting.Rule{}); err == nil {
		t.Error("Count on an empty ledger found leaders")
	}
	if got := l.Reconcile([]meeting.Claim{{A: "a", B: "b"}}, meeting.Rule{}); got[0].Err == nil {
		t.Error("Reconcile on an empty ledger found leaders")
	}
	if s, err := l.Rank("KR", "JP", meeting.Rule{}); err != nil || len(s.Rows()) != 0 {
		t.Errorf("Rank = %v, %v", s.Rows(), err)
	}
}

// FuzzLeaderLookup registers a leader under a fuzzed name and alias and
// checks that the name finds it however it is spaced, hyphenated or widened.
func FuzzLeaderLookup(f *testing.F) {
	for _, s := range []string{"Yoon Suk Yeol", "윤석열", "Shinzō Abe", "岸田文雄", "ｶﾞ", "Jonas Gahr Støre", "İnönü", "ǅemal"} {
		f.Add(s, "alias "+s)
	}
	f.Fuzz(func(t *testing.T, name, alias string) {
		var l meeting.Ledger
		ld := meeting.Leader{ID: "id", Name: name, Country: "KR", Aliases: []string{alias}}
		if err := l.AddLeader(ld); err != nil {
			return // an empty name or alias, or text a ledger refuses
		}
		variants := []string{name, " " + name + " ", strings.ReplaceAll(name, " ", "-"), width.Widen.String(name), alias, "id"}
		for _, v := range variants {
			got, err := l.Leader(v)
			if err != nil {
				t.Fatalf("Leader(%q) for name %q: %v", v, name, err)
			}
			if got.ID != "id" {
				t.Fatalf("Leader(%q) = %q", v, got.ID)
			}
		}
	})
}
