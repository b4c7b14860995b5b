package dyad_test

import (
	"errors"
	"testing"

	"github.com/dyadhq/dyad"
	"github.com/google/go-cmp/cmp"
)

func TestContentHash(t *testing.T) {
	base := dyad.ContentHash("Iran denied it. Russia said nothing.")
	same := []string{
		"Iran denied it. Russia said nothing.",
		"  Iran denied it.\n\nRussia said nothing.\n",
		"Iran\tdenied\u00a0it.   Russia said nothing.",
	}
	for _, s := range same {
		if got := dyad.ContentHash(s); got != base {
			t.Errorf("ContentHash(%q) differs from the same text's", s)
		}
	}
	// NFC: a precomposed and a decomposed é are one text.
	if dyad.ContentHash("Caf\u00e9") != dyad.ContentHash("Cafe\u0301") {
		t.Error("ContentHash differs between NFC and NFD")
	}
	for _, s := range []string{"Iran denied it. Russia said something.", "iran denied it. Russia said nothing."} {
		if dyad.ContentHash(s) == base {
			t.Errorf("ContentHash(%q) equals another text's", s)
		}
	}
	if id := dyad.ArticleID(base); len(id) != 17 || id[0] != 'a' || id[1:] != base[:16] {
		t.Errorf("ArticleID = %q", id)
	}
}

func TestSearchTerms(t *testing.T) {
	tests := map[string][]string{
		"drones Russia":                {"drones", "Russia"},
		`"military drones" Iran`:       {"military drones", "Iran"},
		`say "  illegal   aggression"`: {"say", "illegal aggression"},
		`unclosed "quote here`:         {"unclosed", "quote here"},
		`* -- "" OR`:                   {"OR"},
		"":                             nil,
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, dyad.SearchTerms(in)); diff != "" {
			t.Errorf("SearchTerms(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestPageSize(t *testing.T) {
	for limit, want := range map[int]int{0: dyad.DefaultLimit, 5: 5, dyad.MaxLimit + 1: dyad.MaxLimit} {
		if got, err := (dyad.Page{Limit: limit}).Size(); err != nil || got != want {
			t.Errorf("Page{Limit: %d}.Size() = %d, %v; want %d", limit, got, err, want)
		}
	}
}

func TestCursor(t *testing.T) {
	a, o, err := dyad.ParseCursor(dyad.FormatCursor(42, 7))
	if err != nil || a != 42 || o != 7 {
		t.Errorf("round trip gave %d, %d, %v", a, o, err)
	}
	for _, bad := range []string{"", "42", "42.", ".7", "x.7", "42.y"} {
		if _, _, err := dyad.ParseCursor(bad); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("ParseCursor(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}
