package historian

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/summitry/summitry/internal/fold"
)

// A title the visitor element may start with: its spellings in the data
// (typos included), the form [Visit].Title gets and the office it is held
// in, as a [meeting.Leader]'s Office would say it ("" for a title that is
// not an office a visitor holds while visiting: ranks, a president-elect).
type title struct {
	spellings []string
	title     string
	office    string
}

// titles is the table of title words [SplitVisitor] recognises. It is
// matched longest spelling first, ignoring case, so "Crown Prince" wins over
// "Prince" and "President-elect" over "President".
var titles = []title{
	{[]string{"President"}, "President", "president"},
	{[]string{"President-elect", "President- elect"}, "President-elect", ""},
	{[]string{"President-designate", "President- designate"}, "President-designate", ""},
	{[]string{"Vice President"}, "Vice President", "vice president"},
	{[]string{"Prime Minister", "Prime Minster", "Prime Ministere"}, "Prime Minister", "prime minister"},
	{[]string{"Vice Prime Minister", "Deputy Prime Minister"}, "Deputy Prime Minister", "deputy prime minister"},
	{[]string{"Premier"}, "Premier", "premier"},
	{[]string{"Premier and Prince", "Premier & Prince"}, "Premier and Prince", "premier"},
	{[]string{"Vice Premier"}, "Vice Premier", "vice premier"},
	{[]string{"Chancellor"}, "Chancellor", "chancellor"},
	{[]string{"Federal Chancellor"}, "Federal Chancellor", "chancellor"},
	{[]string{"Chancellor-elect"}, "Chancellor-elect", ""},
	{[]string{"Taoiseach"}, "Taoiseach", "taoiseach"},
	{[]string{"King"}, "King", "king"},
	{[]string{"Queen"}, "Queen", "queen"},
	{[]string{"Emperor"}, "Emperor", "emperor"},
	{[]string{"Empress"}, "Empress", "empress"},
	{[]string{"Emir"}, "Emir", "emir"},
	{[]string{"Amir"}, "Amir", "emir"},
	{[]string{"Sultan"}, "Sultan", "sultan"},
	{[]string{"Shah"}, "Shah", "shah"},
	{[]string{"Pope"}, "Pope", "pope"},
	{[]string{"Prince"}, "Prince", "prince"},
	{[]string{"Princess"}, "Princess", "princess"},
	{[]string{"Crown Prince"}, "Crown Prince", "crown prince"},
	{[]string{"Grand Duke"}, "Grand Duke", "grand duke"},
	{[]string{"Grand Duchess"}, "Grand Duchess", "grand duchess"},
	{[]string{"Regent"}, "Regent", "regent"},
	{[]string{"Governor General", "Governor-General"}, "Governor General", "governor general"},
	{[]string{"Chairman"}, "Chairman", "chairman"},
	{[]string{"Chairman of the Presidency"}, "Chairman of the Presidency", "chairman of the presidency"},
	{[]string{"General Secretary"}, "General Secretary", "general secretary"},
	{[]string{"First Secretary"}, "First Secretary", "first secretary"},
	{[]string{"Secretary-General", "Secretary General"}, "Secretary-General", "secretary-general"},
	{[]string{"Head of State"}, "Head of State", "head of state"},
	{[]string{"Chief of State"}, "Chief of State", "head of state"},
	{[]string{"Junta Member"}, "Junta Member", ""},
	{[]string{"General"}, "General", ""},
	{[]string{"Lieutenant General"}, "Lieutenant General", ""},
	{[]string{"Brigadier General"}, "Brigadier General", ""},
}

// qualifiers may precede a title: "Acting President", "Interim Prime
// Minister". The title keeps the qualifier; the office is the title's.
var qualifiers = []string{"Acting", "Interim", "Provisional", "Transitional"}

// spelling is one entry of the matching order.
type spelling struct {
	text string
	t    *title
}

// byLength is the table in matching order: longest spelling first, then
// alphabetical, so the order does not depend on the table's layout.
var byLength = func() []spelling {
	var out []spelling
	for i := range titles {
		for _, s := range titles[i].spellings {
			out = append(out, spelling{s, &titles[i]})
		}
	}
	slices.SortFunc(out, func(a, b spelling) int {
		if c := cmp.Compare(len(b.text), len(a.text)); c != 0 {
			return c
		}
		return cmp.Compare(a.text, b.text)
	})
	return out
}()

// officeOf maps each title to its office, with and without the form used.
var officeOf = func() map[string]string {
	m := map[string]string{}
	for _, t := range titles {
		m[fold.Key(t.title)] = t.office
		for _, s := range t.spellings {
			m[fold.Key(s)] = t.office
		}
	}
	return m
}()

// SplitVisitor splits the visitor element's text into a title and a name:
// "President Yoon Suk Yeol" is "President" and "Yoon Suk Yeol", "Prime
// Minister Kishida Fumio" is "Prime Minister" and "Kishida Fumio", "Interim
// President Juan Guaidó" is "Interim President" and "Juan Guaidó".
//
// Titles are the documented table of this package (President, Prime
// Minister, Premier, Chancellor, Taoiseach, King, Queen, Emperor, Emir and
// Amir, Sultan, Shah, Pope, Prince, Crown Prince, Grand Duke and Duchess,
// Regent, Governor General, Chairman, General Secretary, Secretary-General,
// Vice President, President-elect and a few more), matched at the start of
// the text, ignoring case, longest first, as whole words; a qualifier
// (Acting, Interim, Provisional, Transitional) may precede one. The title
// comes back in the table's spelling, so the data's "Prime Minster" is
// "Prime Minister". Honorifics that are part of a name ("Sheikh") are not
// titles. When no title is found, or the text names two people ("President
// Francesco Cossiga and Prime Minister Giulio Andreotti"), the title is
// empty and the name is the whole text. White space is collapsed.
func SplitVisitor(visitor string) (title, name string) {
	s := collapse(visitor)
	rest := s
	qual := ""
	for _, q := range qualifiers {
		if r, ok := cutWord(rest, q); ok && r != "" {
			if _, _, ok := matchTitle(r); ok {
				qual, rest = q+" ", r
				break
			}
		}
	}
	t, r, ok := matchTitle(rest)
	if !ok || twoPeople(r) {
		return "", s
	}
	return qual + t, r
}

// matchTitle finds the longest title at the start of s.
func matchTitle(s string) (title, rest string, ok bool) {
	for _, sp := range byLength {
		if r, ok := cutWord(s, sp.text); ok {
			return sp.t.title, r, true
		}
	}
	return "", "", false
}

// cutWord cuts prefix (ignoring case) from the start of s when it ends a
// word there: the text ends, a space follows, or, for the data's typos
// ("Prime MinisterHaidar al-Abadi", "Prime Minister-Prince Norodom
// Kantol"), a capital letter follows directly or after a hyphen. It returns
// the rest with leading spaces and that hyphen removed.
func cutWord(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	rest := s[len(prefix):]
	if rest == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	switch {
	case r == ' ':
		return strings.TrimLeft(rest, " "), true
	case unicode.IsUpper(r):
		return rest, true
	case r == '-':
		if n, _ := utf8.DecodeRuneInString(rest[1:]); unicode.IsUpper(n) {
			return rest[1:], true
		}
	}
	return "", false
}

// twoPeople reports whether a name is really "X and <title> Y".
func twoPeople(name string) bool {
	for _, sep := range []string{" and ", " & "} {
		for i := 0; ; {
			j := strings.Index(name[i:], sep)
			if j < 0 {
				break
			}
			i += j + len(sep)
			if _, _, ok := matchTitle(name[i:]); ok {
				return true
			}
		}
	}
	return false
}

// Office returns the office a title is held in, in the lower-case words a
// [meeting.Leader]'s Office uses: "President" and "Acting President" are
// "president", "Amir" is "emir", "Federal Chancellor" is "chancellor". It
// returns "" for a title that is not in the table and for one whose holder
// is not in office by it: President-elect, military ranks.
func Office(title string) string {
	t := collapse(title)
	for _, q := range qualifiers {
		if r, ok := cutWord(t, q); ok && r != "" {
			if _, ok := officeOf[fold.Key(r)]; ok {
				t = r
				break
			}
		}
	}
	return officeOf[fold.Key(t)]
}

// officeSynonyms maps folded office names that name the same office to one
// key: an emir is an amir, a premier or taoiseach a prime minister, a chief
// of state a head of state.
var officeSynonyms = map[string]string{
	"amir":              "emir",
	"premier":           "primeminister",
	"taoiseach":         "primeminister",
	"federalchancellor": "chancellor",
	"chiefofstate":      "headofstate",
	"governorgeneral":   "governorgeneral",
}

// sameOffice reports whether two office names name the same office, folded
// and with the synonyms above.
func sameOffice(a, b string) bool {
	ka, kb := officeKey(a), officeKey(b)
	return ka != "" && ka == kb
}

func officeKey(s string) string {
	k := fold.Key(s)
	if o, ok := officeSynonyms[k]; ok {
		return o
	}
	return k
}
