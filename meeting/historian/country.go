package historian

import (
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/summitry/summitry/internal/fold"
)

// countryExceptions maps the country ids and labels of the data that the
// English region names of golang.org/x/text do not match to ISO 3166-1
// alpha-2 codes. An empty code means "known, and not a country with a
// code". Keys are written as ids; ids and labels are looked up by the same
// normalised key (see countryKey), so "Czech Republic" finds "czech-republic".
var countryExceptions = map[string]string{
	// Current countries under another name than CLDR's English one.
	"korea-south":               "KR", // CLDR: "South Korea"
	"korea-north":               "KP", // CLDR: "North Korea"
	"czech-republic":            "CZ", // CLDR: "Czechia"
	"turkiye":                   "TR", // CLDR (x/text): "Turkey"
	"north-macedonia":           "MK", // CLDR (x/text): "Macedonia"
	"eswatini":                  "SZ", // CLDR (x/text): "Swaziland"
	"holy-see":                  "VA", // CLDR: "Vatican City"
	"congo-democratic-republic": "CD", // CLDR: "Congo - Kinshasa"
	"zaire":                     "CD",
	"congo-republic":            "CG", // CLDR: "Congo - Brazzaville"
	"ivory-coast":               "CI", // CLDR: "Côte d’Ivoire"
	"east-timor":                "TL",
	"somoa":                     "WS", // a typo in the data for Samoa
	// Former states, with their ISO 3166-3 codes, which meeting.ParseCountry
	// accepts. Labels are looked up first, so a visit of the Soviet era
	// filed under the id "russia" with the label "U.S.S.R." is SU.
	"u-s-s-r":                    "SU",
	"soviet-union":               "SU",
	"czechoslovakia":             "CS",
	"german-democratic-republic": "DD",
	"yugoslavia":                 "YU",
	// Not countries with an ISO 3166-1 code.
	"hawaii":         "", // the Kingdom of Hawaii (1874); today a US state
	"european-union": "",
	"united-nations": "",
}

// countryIndex maps the normalised English name of every region that
// golang.org/x/text/language calls a country (current codes only, not
// deprecated ones such as BU or ZR) to its alpha-2 code. A name with a
// parenthesis is indexed whole and in its two parts: "Myanmar (Burma)",
// "Myanmar", "Burma".
var countryIndex = func() map[string]string {
	names := display.English.Regions()
	index := map[string]string{}
	add := func(name, code string) {
		if k := countryKey(name); k != "" {
			if _, taken := index[k]; !taken {
				index[k] = code
			}
		}
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || r.String() != code || !r.IsCountry() || r.Canonicalize() != r || r.ISO3() == "ZZZ" {
				continue
			}
			name := names.Name(r)
			add(name, code)
			if open, close := strings.IndexByte(name, '('), strings.IndexByte(name, ')'); open > 0 && close > open {
				add(name[:open], code)
				add(name[open+1:close], code)
			}
		}
	}
	return index
}()

// countryKey normalises a country id or name: letters folded (case, accents,
// width) as leader names are, words split at anything that is not a letter
// or digit, "St" read as "saint", the words "and" and "the" dropped, and
// a label of the form "Korea, South" read as "South Korea".
func countryKey(s string) string {
	if before, after, ok := strings.Cut(s, ","); ok && !strings.Contains(after, ",") {
		s = after + " " + before
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	for _, w := range words {
		w = fold.Key(w)
		switch w {
		case "and", "the":
			continue
		case "st":
			w = "saint"
		}
		b.WriteString(w)
	}
	return b.String()
}

// exceptionIndex is countryExceptions by normalised key.
var exceptionIndex = func() map[string]string {
	m := make(map[string]string, len(countryExceptions))
	for k, v := range countryExceptions {
		m[countryKey(k)] = v
	}
	return m
}()

// CountryCode returns the ISO 3166-1 alpha-2 code of a visit's country from
// the from element's id and label ("korea-south", "South Korea": "KR"), or ""
// when they name no country or one it does not know.
//
// It looks the label up in a small table of exceptions (former states such
// as the U.S.S.R. are found by label, so they win over the id of their
// successor), then the id in the exceptions, then the id and last the label
// in an index of the English names golang.org/x/text/language/display gives
// every region that language.Region.IsCountry accepts. Ids and names are
// compared normalised: case, accents, punctuation and the words "and" and
// "the" ignored, "St." read as "Saint", "Korea, South" as "South Korea". So
// "czechia", "united-kingdom", "russia", "bosnia-herzegovina" and
// "cote-divoire" match CLDR's names, and the exceptions cover the rest:
// korea-south KR, korea-north KP, czech-republic CZ, turkiye TR,
// north-macedonia MK, eswatini SZ, holy-see VA, congo-democratic-republic CD,
// congo-republic CG, the data's typo somoa WS; the former states U.S.S.R.
// SU, czechoslovakia CS, german-democratic-republic DD, yugoslavia YU (ISO
// 3166-3 codes, which meeting.ParseCountry accepts); and hawaii (the
// Kingdom of Hawaii), european-union and united-nations, which have none.
func CountryCode(id, label string) string {
	if code, ok := exceptionIndex[countryKey(label)]; ok {
		return code
	}
	for _, s := range []string{id, label} {
		k := countryKey(s)
		if k == "" {
			continue
		}
		if code, ok := exceptionIndex[k]; ok {
			return code
		}
		if code, ok := countryIndex[k]; ok {
			return code
		}
	}
	return ""
}
