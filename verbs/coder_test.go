package verbs

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/dict"
)

func newCoder(t *testing.T, verbs string, opt Options) *Coder {
	t.Helper()
	opt.Verbs = []*Dict{load(t, verbs)}
	c, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readDict(t *testing.T, name, src string, kind dict.Kind) *dict.Dict {
	t.Helper()
	d, err := dict.Read(name, strings.NewReader(src), kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

type codeTest struct {
	name string
	spec string
	want []string
}

func runCodeTests(t *testing.T, c *Coder, tests []codeTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sortedTriples(code(t, c, tt.spec, "1995-06-01"))
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s\nevents (-want +got):\n%s", tt.spec, diff)
			}
		})
	}
}

func TestCodePETRARCH(t *testing.T) {
	c := newCoder(t, "petrarch.verbs.txt", Options{})
	runCodeTests(t, c, []codeTest{
		{"pattern with a synset",
			"Arnor/PROPN=ARN restored/VERB military/ADJ ties/NOUN with/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 065"}},
		{"the verb's own code",
			"Arnor/PROPN=ARN restored/VERB trade/NOUN with/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 064"}},
		{"a pattern that spells out the negation",
			"Arnor/PROPN=ARN did/AUX n't/PART clash/VERB over/ADP the/DET efforts/NOUN of/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 904"}},
		{"a negation no pattern covers",
			"Arnor/PROPN/4/nsubj=ARN will/AUX/4/aux not/PART/4/advmod restore/VERB/0/root trade/NOUN/4/obj with/ADP/7/case Gondor/PROPN/5/nmod=GON ./PUNCT/4/punct",
			[]string{"ARN GON 064 negated"}},
		{"compound before the verb, paired code",
			"Arnor/PROPN=ARN and/CCONJ Gondor/PROPN=GON agree/VERB on/ADP trade/NOUN ./PUNCT",
			[]string{"ARN GON 030", "GON ARN 030"}},
		{"compound after the verb is the target",
			"Rohan/PROPN=ROH agrees/VERB with/ADP Arnor/PROPN=ARN and/CCONJ Gondor/PROPN=GON ./PUNCT",
			[]string{"ROH ARN 031", "ROH GON 031"}},
		{"irregular form of a paired verb",
			"Arnor/PROPN=ARN left/VERB for/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 032", "GON ARN 033"}},
		{"multi-word verb",
			"Gondor/PROPN=GON cordoned/VERB off/ADP the/DET roads/NOUN into/ADP Mordor/PROPN=MOR ./PUNCT",
			[]string{"GON MOR 1721"}},
		{"skip a phrase, then the target",
			"Ithilen/PROPN=ITH warned/VERB at/ADP the/DET Gondor/PROPN=GON of/ADP the/DET Prince/PROPN=DOL ./PUNCT",
			[]string{"ITH DOL 162"}},
		{"a pattern coded --- codes nothing",
			"Arnor/PROPN=ARN riot/VERB police/NOUN in/ADP Gondor/PROPN=GON ./PUNCT",
			nil},
		{"a doubtful code gives way",
			"Arnor/PROPN=ARN says/VERB Gondor/PROPN=GON restored/VERB trade/NOUN with/ADP Rohan/PROPN=ROH ./PUNCT",
			[]string{"GON ROH 064"}},
		{"a doubtful code alone codes, without its mark",
			"Arnor/PROPN=ARN says/VERB Gondor/PROPN=GON is/AUX angry/ADJ ./PUNCT",
			[]string{"ARN GON 023"}},
		{"passive with its agent",
			"Gondor/PROPN/3/nsubj:pass=GON was/AUX/3/aux:pass warned/VERB/0/root by/ADP/5/case Arnor/PROPN/3/obl:agent=ARN ./PUNCT/3/punct",
			[]string{"ARN GON 160"}},
		{"literal word before synset",
			"Arnor/PROPN=ARN contributed/VERB rupees/NOUN to/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 071"}},
		{"synset without plurals",
			"Arnor/PROPN=ARN contributed/VERB swiss/ADJ francs/NOUN to/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 903"}},
		{"verbs inside a coded phrase are not coded",
			"Arnor/PROPN=ARN restored/VERB ties/NOUN with/ADP Gondor/PROPN=GON and/CCONJ left/VERB for/ADP Rohan/PROPN=ROH ./PUNCT",
			[]string{"ARN GON 064"}},
		{"but a coordinated clause is",
			"Arnor/PROPN/2/nsubj=ARN restored/VERB/0/root ties/NOUN/2/obj with/ADP/5/case Gondor/PROPN/3/nmod=GON and/CCONJ/7/cc left/VERB/2/conj for/ADP/9/case Rohan/PROPN/7/obl=ROH ./PUNCT/2/punct",
			[]string{"ARN GON 064", "ARN ROH 032", "ROH ARN 033"}},
		{"a subject that is no actor makes no source",
			"Crowds/NOUN/2/nsubj restored/VERB/0/root trade/NOUN/2/obj with/ADP/5/case Gondor/PROPN/3/nmod=GON ./PUNCT/2/punct",
			nil},
		{"roles alone",
			"Officials/NOUN=@GOV restored/VERB trade/NOUN with/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"---GOV GON 064"}},
		{"a pronoun is no target",
			"Arnor/PROPN=ARN restored/VERB trade/NOUN with/ADP it/PRON=^GON ./PUNCT",
			nil},
		{"no verb of the dictionary",
			"Arnor/PROPN=ARN praised/VERB Gondor/PROPN=GON ./PUNCT",
			nil},
	})
}

// TestCodeActorsAndAgents checks the codes PETRARCH composes: slash groups
// of the actor dictionary and roles of the agent dictionary.
func TestCodeActorsAndAgents(t *testing.T) {
	actors := readDict(t, "actors.txt", "THE_SHIRE [FRO/BIL]\nLORIEN [ELR/GAL]\nBREE [BRE]\n", dict.KindActors)
	agents := readDict(t, "agents.txt", "PRIME_MINISTER [~GOV]\nMSF {} [NGO~]\nOFFICIAL [~GOV]\nSOLDIER [~MIL]\nGOVERNMENT [~GOV]\n", dict.KindAgents)
	c := newCoder(t, "petrarch.verbs.txt", Options{Actors: []*dict.Dict{actors}, Agents: []*dict.Dict{agents}})
	runCodeTests(t, c, []codeTest{
		{"slash groups",
			"The/DET=FRO Shire/PROPN=+ restored/VERB trade/NOUN with/ADP Lorien/PROPN=ELR ./PUNCT",
			[]string{"FRO ELR 064", "FRO GAL 064", "BIL ELR 064", "BIL GAL 064"}},
		{"roles after and before the actor",
			"Bree/PROPN=BRE Prime/ADJ Minister/PROPN Romendacil/PROPN=BRE restored/VERB trade/NOUN with/ADP MSF/PROPN Gondor/PROPN=GON ./PUNCT",
			[]string{"BREGOV NGOGON 064"}},
		{"a role from a prepositional phrase",
			"Soldiers/NOUN from/ADP Gondor/PROPN=GON restored/VERB trade/NOUN with/ADP Bree/PROPN=BRE ./PUNCT",
			[]string{"GONMIL BRE 064"}},
		{"former",
			"Arnor/PROPN=ARN former/ADJ officials/NOUN restored/VERB trade/NOUN with/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARNELI GON 064"}},
		{"the roles of a coordination are shared",
			"Danish/ADJ=DNK media/NOUN and/CCONJ government/NOUN restored/VERB trade/NOUN with/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"DNK GON 064", "DNKGOV GON 064"}},
	})
}

func TestCodeTABARI(t *testing.T) {
	c := newCoder(t, "tabari.verbs", Options{MinWords: -1})
	runCodeTests(t, c, []codeTest{
		{"a stem", "Arnor/PROPN=ARN criticized/VERB Gondor/PROPN=GON ./PUNCT", []string{"ARN GON 121"}},
		{"a whole word with an ending", "Arnor/PROPN=ARN departed/VERB from/ADP Gondor/PROPN=GON ./PUNCT", []string{"ARN GON 032"}},
		{"not any ending", "Arnor/PROPN=ARN departx/VERB from/ADP Gondor/PROPN=GON ./PUNCT", nil},
		{"an alternative with words between",
			"Arnor/PROPN=ARN asked/VERB for/ADP a/DET total/ADJ boycott/NOUN of/ADP Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 172"}},
		{"a stem joined to the next word",
			"Arnor/PROPN=ARN allowed/VERB that/SCONJ Gondor/PROPN=GON is/AUX a/DET really/ADV pleasant/ADJ place/NOUN ./PUNCT",
			[]string{"ARN GON 024"}},
		{"after an article, a noun",
			"Arnor/PROPN=ARN made/VERB a/DET departure/NOUN from/ADP Gondor/PROPN=GON ./PUNCT", nil},
		{"a role alone is written ~",
			"Officials/NOUN=@GOV criticized/VERB Gondor/PROPN=GON ./PUNCT", []string{"~GOV GON 121"}},
		{"no target past a comma",
			"Arnor/PROPN=ARN criticized/VERB the/DET plan/NOUN ,/PUNCT Gondor/PROPN=GON said/VERB ./PUNCT", nil},
		{"but past a short clause set off by commas",
			"Arnor/PROPN=ARN criticized/VERB ,/PUNCT as/SCONJ expected/VERB ,/PUNCT Gondor/PROPN=GON ./PUNCT",
			[]string{"ARN GON 121"}},
		{"the pronoun before the verb",
			"He/PRON=^ARN criticized/VERB Gondor/PROPN=GON ./PUNCT", []string{"ARN GON 121"}},
	})
	// TABARI codes no sentence of fewer than eight words by default.
	c = newCoder(t, "tabari.verbs", Options{})
	runCodeTests(t, c, []codeTest{
		{"too short", "Arnor/PROPN=ARN criticized/VERB Gondor/PROPN=GON ./PUNCT", nil},
		{"long enough",
			"Arnor/PROPN=ARN criticized/VERB Gondor/PROPN=GON on/ADP Monday/PROPN for/ADP the/DET second/ADJ time/NOUN ./PUNCT",
			[]string{"ARN GON 121"}},
	})
}

// TestCodeEvent checks what an event says beside its triple: the rule id
// names the dictionary's line, the span is the verb's, the code is
// described when the lookup knows it, and ids run in order.
func TestCodeEvent(t *testing.T) {
	c := newCoder(t, "petrarch.verbs.txt", Options{Lookup: func(code string) (cameo.Code, bool) {
		if code == "065" {
			return cameo.Code{Name: "test name", Goldstein: 7, QuadClass: 2, PLOVERType: "COOPERATE"}, true
		}
		return cameo.Code{}, false
	}})
	d := code(t, c, "Arnor/PROPN=ARN restored/VERB military/ADJ ties/NOUN with/ADP Gondor/PROPN=GON ./PUNCT", "1995-06-01")
	want := []dyad.Event{{
		ID: "e1", Sentence: 1,
		Source: dyad.Participant{Actor: "a1", Code: "ARN"}, Target: dyad.Participant{Actor: "a2", Code: "GON"},
		CAMEO: "065", CAMEOName: "test name", Goldstein: 7, QuadClass: 2, PLOVER: dyad.PLOVER{Type: "COOPERATE"},
		Modality: dyad.Asserted, DatePrecision: dyad.PrecisionUnknown,
		Rule: "petrarch.verbs.txt:18", Span: dyad.Span{Start: 6, End: 14},
	}}
	if diff := cmp.Diff(want, d.Events); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if d.Claims == nil || len(d.Claims) != 0 {
		t.Errorf("claims %v, want none", d.Claims)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("New without a verb dictionary: no error")
	}
	if _, err := New(Options{Verbs: []*Dict{nil}}); err == nil {
		t.Error("New with a nil verb dictionary: no error")
	}
}
