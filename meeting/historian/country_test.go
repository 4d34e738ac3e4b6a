package historian_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting"
	"github.com/summitry/summitry/meeting/historian"
)

func TestCountryCode(t *testing.T) {
	for _, tc := range []struct{ id, label, want string }{
		// Names CLDR gives, normalised.
		{"korea", "Korea, South", "KR"},
		{"czechia", "Czechia", "CZ"},
		{"united-kingdom", "United Kingdom", "GB"},
		{"russia", "Russia", "RU"},
		{"bosnia-herzegovina", "Bosnia-Herzegovina", "BA"},
		{"antigua-barbuda", "Antigua and Barbuda", "AG"},
		{"saint-kitts-nevis", "St. Kitts and Nevis", "KN"},
		{"saint-vincent-grenadines", "St. Vincent and the Grenadines", "VC"},
		{"sao-tome-and-principe", "Sao Tome and Principe", "ST"},
		{"cote-divoire", "Cote d’Ivoire", "CI"},
		{"burma", "Burma", "MM"},
		{"gambia", "The Gambia", "GM"},
		{"turkey", "Turkey", "TR"},
		{"germany", "Germany, Federal Republic of", "DE"},
		{"taiwan", "China, Republic of", "TW"},
		{"kosovo", "Kosovo", "XK"},
		{"", "Japan", "JP"},
		// The exceptions.
		{"korea-south", "Korea", "KR"},
		{"korea-north", "North Korea", "KP"},
		{"turkiye", "Türkiye", "TR"},
		{"czech-republic", "Czech Republic", "CZ"},
		{"north-macedonia", "North Macedonia", "MK"},
		{"eswatini", "Eswatini", "SZ"},
		{"holy-see", "Vatican City", "VA"},
		{"congo-democratic-republic", "Democratic Republic of the Congo (Zaire)", "CD"},
		{"congo-republic", "Congo, Republic of", "CG"},
		{"somoa", "Somoa", "WS"},
		{"russia", "U.S.S.R.", "SU"},
		{"czechoslovakia", "Czechoslovakia", "CS"},
		{"german-democratic-republic", "German Democratic Republic", "DD"},
		{"yugoslavia", "Yugoslavia", "YU"},
		// Not countries, or unknown.
		{"hawaii", "Hawaii", ""},
		{"european-union", "European Union", ""},
		{"atlantis", "Atlantis", ""},
		{"", "", ""},
	} {
		if got := historian.CountryCode(tc.id, tc.label); got != tc.want {
			t.Errorf("CountryCode(%q, %q) = %q, want %q", tc.id, tc.label, got, tc.want)
		}
		if tc.want != "" {
			if code, err := meeting.ParseCountry(tc.want); err != nil || code != tc.want {
				t.Errorf("%s: meeting.ParseCountry = %q, %v", tc.want, code, err)
			}
		}
	}
}

// TestCountriesOfSharedData maps every country id of the real files and
// lists, in the log, what does not map.
func TestCountriesOfSharedData(t *testing.T) {
	vs := readShared(t)
	ids := map[string]string{}
	unmappedVisits := 0
	for _, v := range vs {
		ids[v.CountryID] = v.Country
		if v.Country == "" {
			unmappedVisits++
		}
	}
	var unmapped []string
	for id, code := range ids {
		if code == "" {
			unmapped = append(unmapped, id)
		}
	}
	t.Logf("country ids: %d, mapped to ISO codes: %d; visits without a code: %d of %d; unmapped ids: %v",
		len(ids), len(ids)-len(unmapped), unmappedVisits, len(vs), unmapped)
	if diff := cmp.Diff([]string{"hawaii"}, unmapped); diff != "" {
		t.Errorf("unmapped ids (-want +got):\n%s", diff)
	}
	for _, v := range vs {
		if v.Country == "" {
			continue
		}
		if code, err := meeting.ParseCountry(v.Country); err != nil || code != v.Country {
			t.Errorf("visit %d: %q is not a code meeting.ParseCountry accepts: %v", v.ID, v.Country, err)
		}
	}
}
