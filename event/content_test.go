package event

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFamilies holds the subcodes that the verbal families take from the
// act in their complement, and the refusals read off negated cooperation.
func TestFamilies(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Kenya": "KEN", "Uganda": "UGA", "Iran": "IRN", "Iraq": "IRQ", "Teachers": "SRBEDU",
		"Students": "IDNEDU", "Brandt": "DEU", "Moscow": "RUSGOV", "Obama": "USAGOV", "League": "IGOMEAARL",
		"Community": "IGOEUREEC", "PLO": "PSEGOV", "Serbs": "SRB"}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"appeal-for-release", // 0253, and the release itself is not coded alone
			"Kenya/Kenya/PROPN/2/nsubj urged/urge/VERB/0/root Uganda/Uganda/PROPN/2/obj to/to/PART/5/mark release/release/VERB/2/xcomp prisoners/prisoner/NOUN/5/obj ././PUNCT/2/punct",
			[]string{"1 KEN>UGA 0253 asserted"}},
		{"reject-proposal-for-ceasefire", // 1246 through the noun that carries the act
			"Iran/Iran/PROPN/2/nsubj rejected/reject/VERB/0/root Iraq/Iraq/PROPN/5/nmod:poss 's/'s/PART/3/case proposal/proposal/NOUN/2/obj for/for/ADP/8/case a/a/DET/8/det ceasefire/ceasefire/NOUN/5/nmod ././PUNCT/2/punct",
			[]string{"1 IRN>IRQ 1246 asserted"}},
		{"refusal", // "will not end the strike" is a refusal to ease dissent
			"Teachers/teacher/NOUN/4/nsubj will/will/AUX/4/aux not/not/PART/4/advmod end/end/VERB/0/root the/the/DET/6/det strike/strike/NOUN/4/obj ././PUNCT/4/punct",
			[]string{"1 SRBEDU> 1242 asserted"}},
		{"past-negation-is-no-refusal",
			"Teachers/teacher/NOUN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod end/end/VERB/0/root the/the/DET/6/det strike/strike/NOUN/4/obj ././PUNCT/4/punct",
			[]string{"1 SRBEDU> 082 negated"}},
		{"threat", // threaten + impose a curfew
			"Iran/Iran/PROPN/2/nsubj threatened/threaten/VERB/0/root to/to/PART/4/mark impose/impose/VERB/2/xcomp a/a/DET/6/det curfew/curfew/NOUN/4/obj ././PUNCT/2/punct",
			[]string{"1 IRN> 1323 asserted"}},
		{"protest-for-reform", // the demand is the protest's purpose, not a second event
			"Students/student/NOUN/2/nsubj staged/stage/VERB/0/root demonstrations/demonstration/NOUN/2/obj to/to/PART/5/mark demand/demand/VERB/2/advcl political/political/ADJ/7/amod reforms/reform/NOUN/5/obj ././PUNCT/2/punct",
			[]string{"1 IDNEDU> 1412 asserted"}},
		{"intent-takes-the-act's-target", // not reciprocal: Iran agreed to nothing
			"Obama/Obama/PROPN/3/nsubj has/have/AUX/3/aux agreed/agree/VERB/0/root to/to/PART/5/mark lift/lift/VERB/3/xcomp the/the/DET/7/det sanctions/sanction/NOUN/5/obj on/on/ADP/9/case Iran/Iran/PROPN/5/obl ././PUNCT/3/punct",
			[]string{"1 USAGOV>IRN 0354 asserted"}},
		{"rally-support", // urging others to back a third party is 053
			"League/League/PROPN/2/nsubj urged/urge/VERB/0/root the/the/DET/4/det Community/Community/PROPN/2/obj to/to/PART/6/mark support/support/VERB/2/xcomp the/the/DET/8/det PLO/PLO/PROPN/6/obj ././PUNCT/2/punct",
			[]string{"1 IGOMEAARL>IGOEUREEC 053 asserted"}},
		{"predicative-adjective",
			"Brandt/Brandt/PROPN/3/nsubj was/be/AUX/3/cop skeptical/skeptical/ADJ/0/root about/about/ADP/5/case Moscow/Moscow/PROPN/3/obl ././PUNCT/3/punct",
			[]string{"1 DEU>RUSGOV 012 asserted"}},
		{"own-act-has-no-target", // "their strike" is no target of its own
			"Serbs/Serb/PROPN/2/nsubj ended/end/VERB/0/root their/their/PRON/4/nmod:poss strike/strike/NOUN/2/obj ././PUNCT/2/punct",
			[]string{"1 SRB> 082 asserted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// "their" stands for the Serbs, as coreference would have it.
			acts := actors
			if strings.Contains(tc.in, "their/") {
				acts = map[string]string{"Serbs": "SRB", "their": "SRB"}
			}
			d := doc(t, []string{tc.in}, acts)
			if err := c.Annotate(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFamilyCode(t *testing.T) {
	tests := []struct {
		base, act string
		targeted  bool
		want      string
	}{
		{"020", "0841", false, "0253"}, // appeal for release
		{"100", "0874", false, "1056"}, // demand withdrawal
		{"030", "063", false, "0313"},  // offer extradition
		{"120", "0831", false, "1231"}, // refuse to resign
		{"120", "040", false, "125"},   // refuse to meet
		{"120", "045", false, "126"},   // reject mediation
		{"130", "1723", false, "1323"}, // threaten a curfew
		{"143", "0834", false, "1434"}, // strike for independence
		{"080", "0841", false, "0841"}, // concede a release
		{"020", "051", true, "053"},    // urge others to back a third party
		{"020", "163", true, "113"},    // urge others to punish a third party
		{"020", "163", false, ""},      // no third party: no rally
		{"112", "173", false, "1122"},  // accuse of arrests
		{"100", "190", false, ""},      // no demand code for an attack
	}
	for _, tc := range tests {
		got, ok := familyCode(tc.base, tc.act, tc.targeted)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("familyCode(%s, %s, %v) = %q, want %q", tc.base, tc.act, tc.targeted, got, tc.want)
		}
	}
}

func TestTopicRulesCodeNothing(t *testing.T) {
	rules, err := ParseRules(strings.NewReader("t.cf 0871 n:ceasefire @topic\nt.x 0831 resign @topic\n"), "t.rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(rules)
	if len(ix.nouns) != 0 || len(ix.verbs) != 0 || len(ix.topicNouns["ceasefire"]) != 1 || len(ix.topicVerbs["resign"]) != 1 {
		t.Errorf("topic rules indexed as %d nouns, %d verbs, %d topic nouns, %d topic verbs; want them apart",
			len(ix.nouns), len(ix.verbs), len(ix.topicNouns), len(ix.topicVerbs))
	}
}
