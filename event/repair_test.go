package event

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
)

// conll builds tokens from "form/lemma/UPOS/XPOS/head/rel" fields.
func conll(t *testing.T, s string) []dyad.Token {
	t.Helper()
	var out []dyad.Token
	for _, f := range strings.Fields(s) {
		p := strings.Split(f, "/")
		if len(p) != 6 {
			t.Fatalf("bad token %q", f)
		}
		h, err := strconv.Atoi(p[4])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dyad.Token{Form: p[0], Lemma: p[1], UPOS: p[2], XPOS: p[3], Head: h, Rel: p[5]})
	}
	return out
}

func arcs(toks []dyad.Token) []string {
	var out []string
	for _, tk := range toks {
		out = append(out, tk.Form+"<"+strconv.Itoa(tk.Head)+":"+tk.Rel)
	}
	return out
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"finite verb hung on a root noun",
			"Nigerian/Nigerian/ADJ/JJ/2/amod authorities/authority/NOUN/NNS/0/root jailed/jail/VERB/VBD/2/acl members/member/NOUN/NNS/3/obj ././PUNCT/./2/punct",
			"Nigerian<2:amod authorities<3:nsubj jailed<0:root members<3:obj .<3:punct"},
		{"a reduced relative under a verb stays",
			"troops/troop/NOUN/NNS/3/nsubj deployed/deploy/VERB/VBN/1/acl arrived/arrive/VERB/VBD/0/root",
			"troops<3:nsubj deployed<1:acl arrived<0:root"},
		{"a noun with a copula stays",
			"it/it/PRON/PRP/3/nsubj is/be/AUX/VBZ/3/cop plan/plan/NOUN/NN/0/root agreed/agree/VERB/VBN/3/acl",
			"it<3:nsubj is<3:cop plan<0:root agreed<3:acl"},
		{"an infinitive under a verb of intent is its complement",
			"Ministers/minister/NOUN/NNS/2/nsubj agreed/agree/VERB/VBD/0/root to/to/PART/TO/4/mark provide/provide/VERB/VB/2/advcl aid/aid/NOUN/NN/4/obj",
			"Ministers<2:nsubj agreed<0:root to<4:mark provide<2:xcomp aid<4:obj"},
		{"a closing reporting clause read as the root's complement",
			"Israel/Israel/PROPN/NNP/3/nsubj will/will/AUX/MD/3/aux allow/allow/VERB/VB/0/root aid/aid/NOUN/NN/3/obj ,/,/PUNCT/,/4/punct an/a/DET/DT/8/det Israeli/Israeli/ADJ/JJ/8/amod official/official/NOUN/NN/9/nsubj said/say/VERB/VBD/3/ccomp ././PUNCT/./9/punct",
			"Israel<3:nsubj will<3:aux allow<0:root aid<3:obj ,<4:punct an<8:det Israeli<8:amod official<9:nsubj said<3:parataxis .<9:punct"},
		{"a reporting verb with more than its subject stays a complement",
			"He/he/PRON/PRP/2/nsubj hopes/hope/VERB/VBZ/0/root ,/,/PUNCT/,/5/punct officials/official/NOUN/NNS/5/nsubj said/say/VERB/VBD/2/ccomp yesterday/yesterday/NOUN/NN/5/obl:tmod ././PUNCT/./5/punct",
			"He<2:nsubj hopes<0:root ,<5:punct officials<5:nsubj said<2:ccomp yesterday<5:obl:tmod .<5:punct"},
		{"a purpose clause of another verb stays",
			"UN/UN/PROPN/NNP/2/nsubj sent/send/VERB/VBD/0/root staff/staff/NOUN/NN/2/obj to/to/PART/TO/5/mark investigate/investigate/VERB/VB/2/advcl",
			"UN<2:nsubj sent<0:root staff<2:obj to<5:mark investigate<2:advcl"},
		{"no agent without by, and an active subject without a passive auxiliary",
			"Yeltsin/Yeltsin/PROPN/NNP/2/nsubj:pass hosted/host/VERB/VBN/0/root Hashimoto/Hashimoto/PROPN/NNP/2/obl:agent ,/,/PUNCT/,/2/punct according/accord/VERB/VBG/7/case to/to/ADP/TO/5/fixed aides/aide/NOUN/NNS/2/obl:agent",
			"Yeltsin<2:nsubj hosted<0:root Hashimoto<2:obj ,<2:punct according<7:case to<5:fixed aides<2:obl"},
		{"a passive with its auxiliary and agent stays",
			"Yeltsin/Yeltsin/PROPN/NNP/3/nsubj:pass was/be/AUX/VBD/3/aux:pass hosted/host/VERB/VBN/0/root by/by/ADP/IN/5/case Hashimoto/Hashimoto/PROPN/NNP/3/obl:agent",
			"Yeltsin<3:nsubj:pass was<3:aux:pass hosted<0:root by<5:case Hashimoto<3:obl:agent"},
		{"a passive subject of a reported verb without a passive auxiliary is active",
			"UN/UN/PROPN/NNP/3/nsubj:pass has/have/AUX/VBZ/3/aux sent/send/VERB/VBN/6/ccomp staff/staff/NOUN/NN/3/obj ,/,/PUNCT/,/6/punct said/say/VERB/VBD/0/root",
			"UN<3:nsubj has<3:aux sent<6:ccomp staff<3:obj ,<6:punct said<0:root"},
		{"a subject hung on an auxiliary",
			"parties/party/NOUN/NNS/2/nsubj have/have/AUX/VBP/3/aux organized/organize/VERB/VBN/0/root strike/strike/NOUN/NN/3/obj",
			"parties<3:nsubj have<3:aux organized<0:root strike<3:obj"},
		{"a subject split into adjacent subjects is one phrase",
			"Lt./Lt./PROPN/NNP/5/nsubj Gen./Gen./PROPN/NNP/1/flat Prosper/Prosper/PROPN/NNP/5/nsubj:pass Avril/Avril/PROPN/NNP/5/nsubj:pass resigned/resign/VERB/VBN/0/root",
			"Lt.<4:compound Gen.<1:flat Prosper<4:compound Avril<5:nsubj resigned<0:root"},
		{"an apposition after a comma is no split subject",
			"member/member/NOUN/NN/4/nsubj ,/,/PUNCT/,/3/punct Mamoun/Mamoun/PROPN/NNP/4/nsubj started/start/VERB/VBD/0/root",
			"member<4:nsubj ,<3:punct Mamoun<4:nsubj started<0:root"},
		{"a reported clause whose verb was read as an adjective",
			"Irish/Irish/ADJ/JJ/2/amod guerrillas/guerrilla/NOUN/NNS/10/nsubj wounded/wounded/ADJ/JJ/5/amod two/two/NUM/CD/5/nummod soldiers/soldier/NOUN/NNS/2/nmod on/on/ADP/IN/7/case Thursday/Thursday/PROPN/NNP/2/nmod ,/,/PUNCT/,/10/punct police/police/NOUN/NNS/10/nsubj said/say/VERB/VBD/0/root",
			"Irish<2:amod guerrillas<3:nsubj wounded<10:ccomp two<5:nummod soldiers<3:obj on<7:case Thursday<3:obl ,<10:punct police<10:nsubj said<0:root"},
		{"a reported clause whose verb was read as a noun",
			"Palestinians/Palestinian/PROPN/NNPS/7/nsubj reject/reject/NOUN/NN/3/obl:unmarked proposed/propose/VERB/VBN/4/amod changes/change/NOUN/NNS/7/nsubj ,/,/PUNCT/,/7/punct Erakat/Erakat/PROPN/NNP/7/nsubj said/say/VERB/VBD/0/root",
			"Palestinians<2:nsubj reject<7:ccomp proposed<4:amod changes<2:obj ,<7:punct Erakat<7:nsubj said<0:root"},
		{"coordinated subjects read as two subjects",
			"The/the/DET/DT/2/det US/US/PROPN/NNP/8/nsubj ,/,/PUNCT/,/4/punct Russia/Russia/PROPN/NNP/2/conj ,/,/PUNCT/,/8/punct and/and/CCONJ/CC/8/cc Switzerland/Switzerland/PROPN/NNP/8/nsubj met/meet/VERB/VBD/0/root",
			"The<2:det US<8:nsubj ,<4:punct Russia<2:conj ,<7:punct and<7:cc Switzerland<2:conj met<0:root"},
		{"two subjects without a conjunction are no coordination",
			"Minister/minister/NOUN/NN/3/nsubj Lavrov/Lavrov/PROPN/NNP/3/nsubj said/say/VERB/VBD/0/root",
			"Minister<2:compound Lavrov<3:nsubj said<0:root"},
		{"a reduced relative on a passive's subject",
			"The/the/DET/DT/2/det civilians/civilian/NOUN/NNS/3/nsubj imprisoned/imprison/VERB/VBN/6/advcl for/for/ADP/IN/5/case years/year/NOUN/NNS/3/obl were/be/AUX/VBD/6/aux:pass released/release/VERB/VBN/0/root",
			"The<2:det civilians<6:nsubj:pass imprisoned<2:acl for<5:case years<3:obl were<6:aux:pass released<0:root"},
		{"a clause with its own auxiliary keeps its subject",
			"troops/troop/NOUN/NNS/3/nsubj have/have/AUX/VBP/3/aux left/leave/VERB/VBN/6/advcl and/and/CCONJ/CC/6/cc were/be/AUX/VBD/6/aux:pass replaced/replace/VERB/VBN/0/root",
			"troops<3:nsubj have<3:aux left<6:advcl and<6:cc were<6:aux:pass replaced<0:root"},
		{"the subject of a complement clause read as an object",
			"Kigali/Kigali/PROPN/NNP/2/nsubj hoped/hope/VERB/VBD/0/root officials/official/NOUN/NNS/2/obj would/would/AUX/MD/6/aux be/be/AUX/VB/6/aux:pass indicted/indict/VERB/VBN/2/ccomp",
			"Kigali<2:nsubj hoped<0:root officials<6:nsubj:pass would<6:aux be<6:aux:pass indicted<2:ccomp"},
		{"an object before a clause with a subject stays",
			"Iran/Iran/PROPN/NNP/2/nsubj told/tell/VERB/VBD/0/root envoys/envoy/NOUN/NNS/2/obj it/it/PRON/PRP/6/nsubj would/would/AUX/MD/6/aux talk/talk/VERB/VB/2/ccomp",
			"Iran<2:nsubj told<0:root envoys<2:obj it<6:nsubj would<6:aux talk<2:ccomp"},
		{"a hyphenated participle read as a clause",
			"Insurgents/insurgent/NOUN/NNS/2/nsubj bombarded/bombard/VERB/VBD/0/root a/a/DET/DT/4/det government/government/NOUN/NN/6/nsubj -/-/PUNCT/HYPH/4/punct held/hold/VERB/VBN/2/ccomp part/part/NOUN/NN/6/obj ,/,/PUNCT/,/9/punct killing/kill/VERB/VBG/6/advcl",
			"Insurgents<2:nsubj bombarded<0:root a<7:det government<6:obl:npmod -<4:punct held<7:amod part<2:obj ,<9:punct killing<2:advcl"},
		{"a closing report read as a noun",
			"forces/force/NOUN/NNS/2/nsubj vowed/vow/VERB/VBD/0/root to/to/PART/TO/4/mark counter/counter/VERB/VB/2/xcomp militants/militant/NOUN/NNS/4/obj ,/,/PUNCT/,/8/punct Reuters/Reuters/PROPN/NNP/8/compound reports/report/NOUN/NNS/4/obl ././PUNCT/./2/punct",
			"forces<2:nsubj vowed<0:root to<4:mark counter<2:xcomp militants<4:obj ,<8:punct Reuters<8:nsubj reports<2:parataxis .<2:punct"},
		{"a gerund with its object read as an adjective",
			"He/he/PRON/PRP/2/nsubj accused/accuse/VERB/VBD/0/root Turkish/Turkish/ADJ/JJ/4/amod forces/force/NOUN/NNS/2/obj of/of/ADP/IN/7/case shelling/shell/VERB/VBG/7/amod villages/village/NOUN/NNS/4/nmod",
			"He<2:nsubj accused<0:root Turkish<4:amod forces<2:obj of<6:mark shelling<2:advcl villages<6:obj"},
		{"a means gerund after by tagged an adjective",
			"it/it/PRON/PRP/3/nsubj would/would/AUX/MD/3/aux respond/respond/VERB/VB/0/root by/by/SCONJ/IN/6/case imposing/imposing/ADJ/JJ/6/amod sanctions/sanction/NOUN/NNS/3/obl",
			"it<3:nsubj would<3:aux respond<0:root by<5:mark imposing<3:advcl sanctions<5:obj"},
		{"an adjective in -ing after another preposition stays",
			"talks/talk/NOUN/NNS/0/root on/on/ADP/IN/4/case pressing/pressing/ADJ/JJ/4/amod issues/issue/NOUN/NNS/1/nmod",
			"talks<0:root on<4:case pressing<4:amod issues<1:nmod"},
		{"a gerund adjective on a noun with a determiner stays",
			"history/history/NOUN/NN/0/root of/of/ADP/IN/5/case the/the/DET/DT/5/det ruling/rule/VERB/VBG/5/amod party/party/NOUN/NN/1/nmod",
			"history<0:root of<5:case the<5:det ruling<5:amod party<1:nmod"},
		{"a clause after a duration read as a noun phrase on it",
			"It/it/PRON/PRP/2/nsubj came/come/VERB/VBD/0/root a/a/DET/DT/4/det week/week/NOUN/NN/2/obl:unmarked after/after/ADP/IN/7/case the/the/DET/DT/7/det army/army/NOUN/NN/4/nmod fired/fire/VERB/VBN/4/acl artillery/artillery/NOUN/NN/8/obj",
			"It<2:nsubj came<0:root a<4:det week<2:obl:unmarked after<8:mark the<7:det army<8:nsubj fired<2:advcl artillery<8:obj"},
		{"a duration with a noun after it and no clause stays",
			"It/it/PRON/PRP/2/nsubj came/come/VERB/VBD/0/root a/a/DET/DT/4/det week/week/NOUN/NN/2/obl:unmarked after/after/ADP/IN/7/case the/the/DET/DT/7/det vote/vote/NOUN/NN/4/nmod",
			"It<2:nsubj came<0:root a<4:det week<2:obl:unmarked after<7:case the<7:det vote<4:nmod"},
		{"two subjects of a verb that is not of saying stay",
			"guerrillas/guerrilla/NOUN/NNS/6/nsubj wounded/wounded/ADJ/JJ/3/amod soldiers/soldier/NOUN/NNS/1/nmod ,/,/PUNCT/,/6/punct police/police/NOUN/NNS/6/nsubj left/leave/VERB/VBD/0/root",
			"guerrillas<6:nsubj wounded<3:amod soldiers<1:nmod ,<6:punct police<6:nsubj left<0:root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := conll(t, tt.in)
			before := arcs(in)
			got := arcs(repair(in))
			if diff := cmp.Diff(strings.Fields(tt.want), got); diff != "" {
				t.Errorf("repair (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, arcs(in)); diff != "" {
				t.Errorf("repair changed its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSubjectsAndCountries(t *testing.T) {
	c := newTestCoder(t)
	actors := map[string]string{"Czechia": "CZE", "China": "CHN", "Zimbabwe": "ZWE", "groups": "OPP",
		"Russia": "RUS", "its": "RUS", "Mugabe": "GOV", "Morocco": "MAR", "Hassan": "GOV", "Israel": "ISR",
		"Students": "EDU", "Algiers": "DZA", "Beirut": "LBN", "tanks": "USA", "Obama": "USAGOV", "Putin": "RUSGOV",
		"Guterres": "IGOUNO", "U.N.": "IGOUNO", "court": "JUD"}
	states := map[string]bool{"CZE": true, "CHN": true, "ZWE": true, "RUS": true, "MAR": true, "ISR": true,
		"DZA": true, "LBN": true, "USA": true}
	tests := []struct {
		name     string
		sentence string
		want     []string
	}{
		{"an agent phrase without an actor leaves the subject",
			"Czechia/Czechia/PROPN/4/nsubj and/and/CCONJ/1/cc China/China/PROPN/1/conj signed/sign/VERB/0/root an/a/DET/6/det agreement/agreement/NOUN/4/obj by/by/ADP/9/case 50/50/NUM/9/nummod percent/percent/NOUN/4/obl:agent",
			[]string{"1 CHN>CZE 057 asserted", "1 CZE>CHN 057 asserted"}},
		{"a sector takes the country of its place",
			"Opposition/opposition/NOUN/2/compound groups/group/NOUN/5/nsubj in/in/ADP/4/case Zimbabwe/Zimbabwe/PROPN/2/nmod demanded/demand/VERB/0/root action/action/NOUN/5/obj",
			[]string{"1 ZWEOPP> 100 asserted"}},
		{"a title takes the country it is of",
			"King/king/NOUN/2/compound Hassan/Hassan/PROPN/5/nsubj of/of/ADP/4/case Morocco/Morocco/PROPN/2/nmod criticized/criticize/VERB/0/root Israel/Israel/PROPN/5/obj",
			[]string{"1 MARGOV>ISR 111 asserted"}},
		{"the actor's own act has no target",
			"Russia/Russia/PROPN/2/nsubj closed/close/VERB/0/root its/its/PRON/5/nmod:poss southern/southern/ADJ/5/amod borders/border/NOUN/2/obj",
			[]string{"1 RUS> 172 asserted"}},
		{"a bare role takes the country named nearest to it",
			"Students/student/NOUN/2/nsubj demonstrated/demonstrate/VERB/0/root in/in/ADP/4/case Algiers/Algiers/PROPN/2/obl",
			[]string{"1 DZAEDU> 141 asserted"}},
		{"an attacker no one names is the place's unidentified armed force",
			"journalist/journalist/NOUN/3/nsubj:pass was/be/AUX/3/aux:pass killed/kill/VERB/0/root in/in/ADP/5/case Beirut/Beirut/PROPN/3/obl",
			[]string{"1 LBNUAF> 190 asserted"}},
		{"no unnamed attacker without a country",
			"journalist/journalist/NOUN/3/nsubj:pass was/be/AUX/3/aux:pass killed/kill/VERB/0/root",
			nil},
		{"a wish the writer supposes is no event, nor what is wished",
			"tanks/tank/NOUN/3/nsubj might/might/AUX/3/aux want/want/VERB/0/root Obama/Obama/PROPN/3/obj to/to/PART/6/mark meet/meet/VERB/3/xcomp Putin/Putin/PROPN/6/obj",
			nil},
		{"a converted rule's word in an oblique phrase does not match",
			"Guterres/Guterres/PROPN/2/nsubj made/make/VERB/0/root remarks/remark/NOUN/2/obj at/at/ADP/5/case start/start/NOUN/2/obl of/of/ADP/7/case trip/trip/NOUN/5/nmod",
			nil},
		{"a converted rule's word in the object matches",
			"Guterres/Guterres/PROPN/2/nsubj made/make/VERB/0/root a/a/DET/4/det trip/trip/NOUN/2/obj",
			[]string{"1 IGOUNO> 036 asserted"}},
		{"an active conjunct of a passive shares its subject, not its agent",
			"Mugabe/Mugabe/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass indicted/indict/VERB/0/root by/by/ADP/5/case Morocco/Morocco/PROPN/3/obl:agent and/and/CCONJ/8/cc will/will/AUX/8/aux resign/resign/VERB/3/conj",
			[]string{"1 MAR>MARGOV 173 asserted", "1 MARGOV> 0341 planned"}},
		{"an international body's organ named in a compound chain",
			"the/the/DET/5/det U.N./U.N./PROPN/3/compound war/war/NOUN/4/compound crimes/crime/NOUN/5/compound court/court/NOUN/6/nsubj indicted/indict/VERB/0/root Mugabe/Mugabe/PROPN/6/obj",
			[]string{"1 IGOUNOJUD>GOV 173 asserted"}},
		{"according to is no predicate",
			"Mugabe/Mugabe/PROPN/2/nsubj spoke/speak/VERB/0/root ,/,/PUNCT/7/punct according/accord/VERB/7/case to/to/ADP/4/fixed the/the/DET/7/det radio/radio/NOUN/2/obl",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, []string{tt.sentence}, actors)
			for i := range d.Actors {
				if states[d.Actors[i].Code] {
					d.Actors[i].Kind, d.Actors[i].Country = dyad.KindState, d.Actors[i].Code
				}
			}
			if err := c.Annotate(t.Context(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPeopleOfAnotherCountry(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		name, sentence, xpos string
		want                 []string
	}{
		{"a people living in another country act as part of it",
			"Albanians/Albanian/PROPN/4/nsubj of/of/ADP/3/case Serbia/Serbia/PROPN/1/nmod demonstrated/demonstrate/VERB/0/root", "NNPS",
			[]string{"1 SRB> 141 asserted"}},
		{"a singular name is no people",
			"Albanians/Albanian/PROPN/4/nsubj of/of/ADP/3/case Serbia/Serbia/PROPN/1/nmod demonstrated/demonstrate/VERB/0/root", "NNP",
			[]string{"1 ALB> 141 asserted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, []string{tt.sentence}, map[string]string{"Albanians": "ALB", "Serbia": "SRB"})
			d.Sentences[0].Tokens[0].XPOS = tt.xpos
			for i := range d.Actors {
				d.Actors[i].Kind, d.Actors[i].Country = dyad.KindState, d.Actors[i].Code
			}
			if err := c.Annotate(t.Context(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, triples(d)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}
