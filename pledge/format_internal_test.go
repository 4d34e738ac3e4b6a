package pledge

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// TestFormatCacheKeys: the caches are keyed by what decides the figure,
// so tags that differ only in variants or private use share one entry.
func TestFormatCacheKeys(t *testing.T) {
	var got []string
	for _, s := range []string{"de", "de-CH", "de-1901", "de-x-summitry", "en-u-nu-arab", "en-u-nu-arab-x-a", "sr-Latn-RS-u-ca-buddhist"} {
		_, key := formatTag(language.MustParse(s))
		got = append(got, key)
	}
	want := []string{"de", "de-CH", "de", "de", "en-u-nu-arab", "en-u-nu-arab", "sr-Latn-RS"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("formatTag keys (-want +got):\n%s", diff)
	}
	before := numberSystems.n.Load()
	a := MustAmount("1234.5", "EUR")
	for i := range 200 {
		if got := a.Format(language.MustParse(fmt.Sprintf("fr-x-t%d", i))); got != "1\u202f234,50\u00a0€" && got != "1\u00a0234,50\u00a0€" {
			t.Fatalf("Format(fr-x-t%d) = %q", i, got)
		}
	}
	if grown := numberSystems.n.Load() - before; grown > 1 {
		t.Errorf("200 private-use tags of one language added %d number systems", grown)
	}
}

// TestFormatCacheBound: past formatCacheMax entries, nothing more is
// stored but every value is still returned.
func TestFormatCacheBound(t *testing.T) {
	var c formatCache
	for i := range formatCacheMax + 10 {
		if got := c.store(fmt.Sprint(i), i); got != i {
			t.Fatalf("store(%d) = %v", i, got)
		}
	}
	if n := c.n.Load(); n != formatCacheMax {
		t.Errorf("cache holds %d entries, want %d", n, formatCacheMax)
	}
	if _, ok := c.load(fmt.Sprint(formatCacheMax + 5)); ok {
		t.Error("an entry past the bound was stored")
	}
}
