package verbs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadPETRARCH2(t *testing.T) {
	d := loadAs(t, "petrarch2.verbs.txt", PETRARCH2)
	if diff := cmp.Diff(Counts{Entries: 9, Verbs: 16, Forms: 64, Patterns: 9, Synsets: 2, Transforms: 3}, d.Counts()); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	checkEntries(t, d, []entryTest{
		{"EXPLAIN_VERBAL", "010", []string{"[SAY] 010", "[SAYS] 010", "[SAID] 010", "[SAYING] 010",
			"[CLAIM] 110", "[CLAIMS] 110", "[CLAIMED] 110", "[CLAIMING] 110"}, nil},
		// The later of two identical patterns replaces the earlier one.
		{"AID", "070", nil, []string{"- * {MILITARY AID} [072]", "- * SUPPORT [060]"}},
		// A multi-word verb with its irregular forms, and none with "{}".
		{"FIGHT", "190", []string{"[ATTACK] 190", "[ATTACKS] 190", "[ATTACKED] 190", "[ATTACKING] 190",
			"[FIGHT] BACK 190", "[FOUGHT] BACK 190", "[FIGHTS] BACK 190"},
			[]string{"- * (WITH &WEAPON) [193]", "- * (WITH SWORD) [194]", "- * (IN &FIGHT_OF_WORDS) [111]"}},
		{"MEET", "040", nil, []string{"- * SUMMIT (IN ^) (ON) [042:043]", "- * SUMMIT [044]"}},
		// A hyphenated verb takes its endings on its last part, and is also
		// one word.
		{"REVIEW", "090", []string{"RE - [EXAMINE] 090", "RE - [EXAMINES] 090", "RE - [EXAMINED] 090", "RE - [EXAMINING] 090",
			"[RE-EXAMINE] 090", "[RE-EXAMINES] 090", "[RE-EXAMINED] 090", "[RE-EXAMINING] 090"}, nil},
		{"APPEAR", "---", []string{"[APPEAR] ---", "[APPEARS] ---", "[APPEARED] ---", "[APPEARING] ---", "[TURN] UP ---"},
			[]string{"- * (BEFORE COURT) [:173]", "- * (TO/FOR HELP) [020]"}},
	})
	// The phrases of a pattern: a noun phrase with its modifier, and a
	// prepositional phrase with the alternatives of its preposition.
	aid := entry(t, d, "AID").Patterns[0]
	want := []Constituent{{Nouns: []Noun{{Head: Elem{Kind: Word, Text: "AID"}, Mods: []Elem{{Kind: Word, Text: "MILITARY"}}}}}}
	if diff := cmp.Diff(want, aid.Lower); diff != "" || len(aid.Upper) != 0 || aid.Line != 30 {
		t.Errorf("{MILITARY AID} at line %d (want 30), upper %v, lower (-want +got):\n%s", aid.Line, aid.Upper, diff)
	}
	help := entry(t, d, "APPEAR").Patterns[1].Lower
	if diff := cmp.Diff([]Constituent{{Prep: []string{"TO", "FOR"}, Nouns: []Noun{{Head: Elem{Kind: Word, Text: "HELP"}}}}}, help); diff != "" {
		t.Errorf("(TO/FOR HELP) (-want +got):\n%s", diff)
	}
	// Synset names and phrases may join words; plurals as in PETRARCH.
	if diff := cmp.Diff([]string{"SWORD", "SWORDS", "BATTLE_AXE", "BATTLE_AXES"}, synonyms(d, "&WEAPON")); diff != "" {
		t.Errorf("&WEAPON (-want +got):\n%s", diff)
	}
	if ph := d.Synsets["&FIGHT_OF_WORDS"].Phrases; len(ph) != 2 {
		t.Errorf("&FIGHT_OF_WORDS_ (no plurals) has %d phrases, want 2", len(ph))
	}
	var tr []string
	for _, x := range d.Transforms {
		tr = append(tr, x.String())
	}
	if diff := cmp.Diff([]string{"~ a (a b ATTACK) SAY = a b 015", "~ a (b . ATTACK) SAY = a b 112",
		"~ a (_ b ATTACK) WANT = a b 138"}, tr); diff != "" {
		t.Errorf("transformations (-want +got):\n%s", diff)
	}
}

// TestReadPETRARCH2Errors checks the malformed lines of the PETRARCH-2
// dialect: each is reported with its line and skipped.
func TestReadPETRARCH2Errors(t *testing.T) {
	const head = "--- A [010] ---\nA\n- * (TO B) [011]\n" // makes the file PETRARCH-2
	tests := []struct {
		name   string
		src    string
		lines  []int
		pats   int
		transf int
	}{
		{"well formed", head + "- * {C D} (E) $ [:012]\n", nil, 2, 0},
		{"stray parenthesis", head + "- * (WITH VISIT) VISIT) [012]\n", []int{4}, 1, 0},
		{"unclosed parenthesis", head + "- * (WITH VISIT [012]\n", []int{4}, 1, 0},
		{"unclosed brace", head + "- * {C D [012]\n", []int{4}, 1, 0},
		{"nested parentheses", head + "- * (TO (FROM B)) [012]\n", []int{4}, 1, 0},
		{"verb mark in a phrase", head + "- (TO *) [012]\n", []int{4}, 1, 0},
		{"no preposition", head + "- * ({C D}) [012]\n- * () [013]\n", []int{4, 5}, 1, 0},
		{"slot in a noun phrase", head + "- * {C +} [012]\n", []int{4}, 1, 0},
		{"two verb marks", head + "- * C * [012]\n", []int{4}, 1, 0},
		{"bad answering code", head + "- * C [:01:2]\n- * D [:]\n", []int{4, 5}, 1, 0},
		{"undefined synset", head + "- * (TO &NOPE) [012]\n", []int{4}, 1, 0},
		{"transformation", head + "~ a (a b A) A = a b 015\n", nil, 1, 1},
		{"transformation naming no verb", head + "~ a (a b FLY) A = a b 015\n", []int{4}, 1, 0},
		{"malformed transformations", head + "~ a (a b A A = a b 015\n~ a (a b A) A = a z 015\n~ a (a b A) Q = a b 015\n~ a (a b A) A = a b 0 5\n",
			[]int{4, 5, 6, 7}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("test.verbs", strings.NewReader(tt.src))
			if d.Format != PETRARCH2 {
				t.Fatalf("format %v, want PETRARCH2", d.Format)
			}
			if diff := cmp.Diff(tt.lines, errorLines(t, "test.verbs", err)); diff != "" {
				t.Errorf("error lines (-want +got):\n%s\nerrors: %v", diff, err)
			}
			if n := len(d.Entries[0].Patterns); n != tt.pats || len(d.Transforms) != tt.transf {
				t.Errorf("%d patterns and %d transformations, want %d and %d", n, len(d.Transforms), tt.pats, tt.transf)
			}
		})
	}
}
