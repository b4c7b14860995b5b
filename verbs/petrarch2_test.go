package verbs

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
	"github.com/dyadhq/dyad/dyadtest"
)

// TestCodePETRARCH2 codes parsed sentences with the PETRARCH-2 test
// dictionary: the patterns against the verb's dependents, the source and
// target, and the joining of a verb with the clauses it governs.
func TestCodePETRARCH2(t *testing.T) {
	c := newCoder(t, "petrarch2.verbs.txt", Options{})
	runCodeTests(t, c, []codeTest{
		// Patterns.
		{"the verb's own code",
			"Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 190"}},
		{"a prepositional phrase with a synset's plural",
			"Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON with/ADP/5/case swords/NOUN/2/obl ./PUNCT/2/punct",
			[]string{"ARN GON 193"}},
		{"a literal word beats the synset",
			"Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON with/ADP/6/case a/DET/6/det sword/NOUN/2/obl ./PUNCT/2/punct",
			[]string{"ARN GON 194"}},
		{"a synset phrase of joined words, with another modifier",
			"Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON with/ADP/8/case a/DET/8/det heavy/ADJ/8/amod " +
				"battle/NOUN/8/compound axe/NOUN/2/obl ./PUNCT/2/punct",
			[]string{"ARN GON 193"}},
		{"but not without all its words",
			"Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON with/ADP/5/case axes/NOUN/2/obl ./PUNCT/2/punct",
			[]string{"ARN GON 190"}},
		{"a noun phrase with its modifier; matched words are no target",
			"Arnor/PROPN/2/nsubj=ARN provided/VERB/0/root military/ADJ/4/amod aid/NOUN/2/obj to/ADP/6/case Gondor/PROPN/2/obl=GON ./PUNCT/2/punct",
			[]string{"ARN GON 072"}},
		{"the modifier missing",
			"Arnor/PROPN/2/nsubj=ARN provided/VERB/0/root aid/NOUN/2/obj to/ADP/5/case Gondor/PROPN/2/obl=GON ./PUNCT/2/punct",
			[]string{"ARN GON 060"}},
		{"a noun's prepositional phrases, a paired code",
			"Arnor/PROPN/2/nsubj=ARN attended/VERB/0/root a/DET/4/det summit/NOUN/2/obj in/ADP/6/case Rohan/PROPN/4/nmod=ROH " +
				"on/ADP/8/case trade/NOUN/4/nmod ./PUNCT/2/punct",
			[]string{"ARN ROH 042", "ROH ARN 043"}},
		{"without them",
			"Arnor/PROPN/2/nsubj=ARN attended/VERB/0/root a/DET/4/det summit/NOUN/2/obj on/ADP/6/case trade/NOUN/4/nmod " +
				"in/ADP/8/case Rohan/PROPN/6/nmod=ROH ./PUNCT/2/punct",
			[]string{"ARN ROH 044"}},
		{"a prepositional phrase of the object does not match the verb's",
			"Arnor/PROPN/2/nsubj=ARN appeared/VERB/0/root Gondor/PROPN/2/obj=GON before/ADP/5/case court/NOUN/3/nmod ./PUNCT/2/punct",
			nil},
		{"the answering side only, alternatives of a preposition",
			"Arnor/PROPN/2/nsubj=ARN appeared/VERB/0/root before/ADP/5/case the/DET/5/det court/NOUN/2/obl of/ADP/7/case " +
				"Gondor/PROPN/5/nmod=GON ./PUNCT/2/punct",
			[]string{"GON ARN 173"}},
		{"a multi-word verb",
			"Arnor/PROPN/2/nsubj=ARN fought/VERB/0/root back/ADV/2/advmod against/ADP/5/case Gondor/PROPN/2/obl=GON ./PUNCT/2/punct",
			[]string{"ARN GON 190"}},
		{"a hyphenated verb kept whole",
			"Arnor/PROPN/2/nsubj=ARN re-examined/VERB/0/root Gondor/PROPN/2/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 090"}},
		{"a hyphenated verb split",
			"Arnor/PROPN/4/nsubj=ARN re/X/4/compound -/PUNCT/4/punct examined/VERB/0/root Gondor/PROPN/4/obj=GON ./PUNCT/4/punct",
			[]string{"ARN GON 090"}},

		// Source and target.
		{"a passive: its agent and its subject",
			"Gondor/PROPN/3/nsubj:pass=GON was/AUX/3/aux:pass attacked/VERB/0/root by/ADP/5/case Arnor/PROPN/3/obl:agent=ARN ./PUNCT/3/punct",
			[]string{"ARN GON 190"}},
		{"a passive's source from where it came",
			"a/DET/2/det sword/NOUN/4/nsubj:pass was/AUX/4/aux:pass freed/VERB/0/root from/ADP/6/case Arnor/PROPN/4/obl=ARN " +
				"at/ADP/8/case Gondor/PROPN/4/obl=GON ./PUNCT/4/punct",
			[]string{"ARN GON 080"}},
		{"the first actor inside a subject that names none",
			"a/DET/2/det report/NOUN/6/nsubj released/VERB/2/acl in/ADP/5/case Arnor/PROPN/3/obl=ARN attacked/VERB/0/root " +
				"Gondor/PROPN/6/obj=GON ./PUNCT/6/punct",
			[]string{"ARN GON 190"}},
		{"the subject of a governed clause is the target",
			"Arnor/PROPN/2/nsubj=ARN claimed/VERB/0/root that/SCONJ/6/mark Gondor/PROPN/6/nsubj=GON was/AUX/6/cop weak/ADJ/2/ccomp ./PUNCT/2/punct",
			[]string{"ARN GON 110"}},
		{"several sources cooperating, no target",
			"Arnor/PROPN/4/nsubj=ARN and/CCONJ/3/cc Gondor/PROPN/1/conj=GON met/VERB/0/root ./PUNCT/4/punct",
			[]string{"ARN GON 040", "GON ARN 040"}},

		// Governed clauses.
		{"intent to act",
			"Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root to/PART/4/mark help/VERB/2/xcomp Gondor/PROPN/4/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 033"}},
		{"an appeal to the object, who is to act",
			"Arnor/PROPN/2/nsubj=ARN asked/VERB/0/root Gondor/PROPN/2/obj=GON to/PART/5/mark help/VERB/2/xcomp Rohan/PROPN/5/obj=ROH ./PUNCT/2/punct",
			[]string{"ARN GON 023"}},
		{"a transformation: the speaker's own attack",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root it/PRON/4/nsubj=^ARN attacked/VERB/2/ccomp Gondor/PROPN/4/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 015"}},
		{"a transformation: another's attack",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root Gondor/PROPN/4/nsubj=GON attacked/VERB/2/ccomp ./PUNCT/2/punct",
			[]string{"ARN GON 112"}},
		{"a transformation with a subject the clause does not name",
			"Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root to/PART/4/mark attack/VERB/2/xcomp Gondor/PROPN/4/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 138"}},
		{"a statement of what others did is that event",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root Gondor/PROPN/4/nsubj=GON attacked/VERB/2/ccomp Rohan/PROPN/4/obj=ROH ./PUNCT/2/punct",
			[]string{"GON ROH 190"}},
		{"a speaker's will is an intent",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root it/PRON/5/nsubj=^ARN will/AUX/5/aux release/VERB/2/ccomp Gondor/PROPN/5/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 0353"}},
		{"a bare statement is no event",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root Gondor/PROPN/5/nsubj=GON is/AUX/5/cop big/ADJ/2/ccomp ./PUNCT/2/punct",
			nil},
		{"a negated act is its rejection",
			"Arnor/PROPN/4/nsubj=ARN did/AUX/4/aux not/PART/4/advmod release/VERB/0/root Gondor/PROPN/4/obj=GON ./PUNCT/4/punct",
			[]string{"ARN GON 1243"}},
		{"a negated act is no transformation's",
			"Arnor/PROPN/2/nsubj=ARN said/VERB/0/root it/PRON/6/nsubj=^ARN did/AUX/6/aux not/PART/6/advmod attack/VERB/2/ccomp Gondor/PROPN/6/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 190 negated"}},
		{"or negated when none says so",
			"Arnor/PROPN/4/nsubj=ARN did/AUX/4/aux not/PART/4/advmod attack/VERB/0/root Gondor/PROPN/4/obj=GON ./PUNCT/4/punct",
			[]string{"ARN GON 190 negated"}},
		{"a stance on a verbal act that does not join it",
			"Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root Gondor/PROPN/2/obj=GON to/PART/5/mark meet/VERB/2/xcomp Rohan/PROPN/5/obj=ROH ./PUNCT/2/punct",
			nil},
		{"a complement the dictionary codes as nothing leaves the stance",
			"Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root Gondor/PROPN/2/obj=GON to/PART/5/mark appear/VERB/2/xcomp ./PUNCT/2/punct",
			[]string{"ARN GON 030"}},
		{"an unknown complement verb lends its object",
			"Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root to/PART/4/mark lease/VERB/2/xcomp Gondor/PROPN/4/obj=GON ./PUNCT/2/punct",
			[]string{"ARN GON 030"}},
		{"an adverbial clause of the same time stands in",
			"the/DET/2/det envoy/NOUN/3/nsubj came/VERB/0/root as/SCONJ/6/mark Arnor/PROPN/6/nsubj=ARN attacked/VERB/3/advcl " +
				"Gondor/PROPN/6/obj=GON ./PUNCT/3/punct",
			[]string{"ARN GON 190"}},
		{"one before it does not",
			"the/DET/2/det envoy/NOUN/3/nsubj came/VERB/0/root before/SCONJ/6/mark Arnor/PROPN/6/nsubj=ARN attacked/VERB/3/advcl " +
				"Gondor/PROPN/6/obj=GON ./PUNCT/3/punct",
			nil},
		{"nor does a verb in a relative clause",
			"Arnor/PROPN/2/nsubj=ARN met/VERB/0/root envoys/NOUN/2/obj who/PRON/5/nsubj attacked/VERB/3/acl:relcl Gondor/PROPN/5/obj=GON ./PUNCT/2/punct",
			nil},
	})
}

// TestCodePETRARCH2Event checks what a joined event says: its rule names
// both verbs and the table, its span is the governing verb's.
func TestCodePETRARCH2Event(t *testing.T) {
	c := newCoder(t, "petrarch2.verbs.txt", Options{})
	d := code(t, c, "Arnor/PROPN/2/nsubj=ARN wants/VERB/0/root to/PART/4/mark help/VERB/2/xcomp Gondor/PROPN/4/obj=GON ./PUNCT/2/punct", "1995-06-01")
	if len(d.Events) != 1 {
		t.Fatalf("events %v, want one", triples(d))
	}
	e := d.Events[0]
	if !strings.HasPrefix(e.Rule, "petrarch2.verbs.txt:21+petrarch2.verbs.txt:28+compose.txt:") || e.Span != (dyad.Span{Start: 6, End: 11}) {
		t.Errorf("rule %q, span %v; want WANT's line, HELP's, a line of compose.txt, and the span of \"wants\"", e.Rule, e.Span)
	}
}

// TestCodeDiscards checks the discard dictionaries: a sentence with a
// phrase codes nothing, an article with a story phrase nothing at all, and
// words are compared as PETRARCH compares them, with their punctuation.
func TestCodeDiscards(t *testing.T) {
	discards := readDict(t, "test.discards.txt", "YEARS AGO\n+HOBBIT FOOTBALL\n", dict.KindDiscards)
	c := newCoder(t, "petrarch2.verbs.txt", Options{Discards: []*dict.Dict{discards}})
	const attack = "Arnor/PROPN/2/nsubj=ARN attacked/VERB/0/root Gondor/PROPN/2/obj=GON "
	runCodeTests(t, c, []codeTest{
		{"no discard", attack + "./PUNCT/2/punct", []string{"ARN GON 190"}},
		{"a sentence discard", attack + "two/NUM/5/nummod years/NOUN/6/obl:npmod ago/ADV/2/advmod ./PUNCT/2/punct", nil},
		{"not with a comma in the word", attack + "two/NUM/5/nummod years/NOUN/6/obl:npmod ago,/ADV/2/advmod", []string{"ARN GON 190"}},
	})
	// A story discard in one sentence silences the others.
	d := testDoc(t, attack+"./PUNCT/2/punct", "1995-06-01")
	second := " Hobbit football is fun."
	start := len(d.Text) + 1
	d.Text += second
	d.Sentences = append(d.Sentences, dyad.Sentence{N: 2, Start: start, End: len(d.Text),
		Tokens: []dyad.Token{{Start: start, End: start + 6, Form: "Hobbit", UPOS: "PROPN", Head: 0, Rel: "root"}}})
	if err := c.Annotate(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 0 {
		t.Errorf("story discard: events %v", triples(d))
	}
}

func TestCompose(t *testing.T) {
	table, err := loadCompose()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ mode, act, want string }{
		{"03", "070", "033"},
		{"03", "073", "0333"},  // the longest prefix
		{"03", "0731", "0333"}, // a code the table does not list takes its parent's line
		{"03", "042", ""},      // an intent to meet is the meeting
		{"12", "084", "1243"},
		{"01", "190", ""},
	} {
		if got, _ := table.join(tt.mode, tt.act); got != tt.want {
			t.Errorf("join(%s, %s) = %q, want %q", tt.mode, tt.act, got, tt.want)
		}
	}
	bad := []string{"02 06", "02 06 x21", "2 06 021", "02 06 021\n02 06 022"}
	for _, src := range bad {
		_, err := readCompose("c.txt", "# header\n"+src)
		var ie *dyad.InputError
		if !errors.As(err, &ie) || ie.Input != "c.txt" || ie.Line < 2 {
			t.Errorf("readCompose(%q) = %v, want an error naming a line of c.txt", src, err)
		}
	}
}

// TestCodePETRARCH2Shared codes a sentence with Phoenix's dictionary, as a
// check that the whole file indexes and codes.
func TestCodePETRARCH2Shared(t *testing.T) {
	d, err := Load(dyadtest.Shared(t, filepath.Join("data", "phoenix", "CAMEO.2.0.txt")))
	if d == nil {
		t.Fatal(err)
	}
	c, err := New(Options{Verbs: []*Dict{d}})
	if err != nil {
		t.Fatal(err)
	}
	doc := code(t, c, "Obama/PROPN/3/nsubj=USAGOV has/AUX/3/aux agreed/VERB/0/root to/PART/5/mark lift/VERB/3/xcomp the/DET/7/det "+
		"sanctions/NOUN/5/obj on/ADP/9/case Iran/PROPN/7/nmod=IRN", "2015-06-09")
	if diff := cmp.Diff([]string{"USAGOV IRN 085"}, sortedTriples(doc)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}
