package meeting

import "testing"

func TestJSONPath(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "ID": "id", "Name": "name", "Terms[1].Start": "terms[1].start",
		"Sources[0].URL": "sources[0].url", "Participants[12]": "participants[12]",
		"AsOf": "as_of", "Most": "count", "As": "kinds", "As.Kinds[1]": "kinds[1]",
		"As.Multilateral": "multilateral", "participants[1]": "participants[1]",
		"source2_date": "source2_date",
	} {
		if got := jsonPath(in); got != want {
			t.Errorf("jsonPath(%q) = %q, want %q", in, got, want)
		}
	}
}
