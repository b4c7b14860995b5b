package event

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// The CAMEO codebook gives the verbal families the same subcodes by what is
// asked for, promised, demanded, refused, threatened or protested for: 0253
// "appeal for release of persons", 0353 "express intent to release", 1053
// "demand release", 1243 "refuse to release", and the actual release 0841.
// A rule for the family's verb ("urge", "promise", "demand", "refuse",
// "threaten", "rally") codes the family; the act in its complement ("urged
// Uganda to repatriate ...", "rejected a proposal for a ceasefire",
// "rallies to demand political reforms") gives the subcode. The act is coded
// by the rule that matches it (an event rule, or a topic rule for a noun
// that names an act but is no event by itself: "ceasefire", "elections"),
// and its code is carried into the family through the intent codes (03x),
// which mirror every cooperative subcode, or the threat codes (13x).
// The act that gave the subcode is not coded again on its own.

// family is a CAMEO verbal family whose subcode comes from its complement.
type family uint8

const (
	famNone    family = iota
	famAppeal         // 02
	famIntent         // 03
	famDemand         // 10
	famReject         // 12 (not 128 defy, 129 veto)
	famThreat         // 13 (not 139 ultimatum)
	famProtest        // 141-145
	famYield          // 080 yield, 083 accede to demands
	famAccuse         // 112
)

func familyOf(code string) family {
	switch {
	case strings.HasPrefix(code, "02"):
		return famAppeal
	case strings.HasPrefix(code, "03"):
		return famIntent
	case strings.HasPrefix(code, "10"):
		return famDemand
	case strings.HasPrefix(code, "12") && code != "128" && code != "129":
		return famReject
	case strings.HasPrefix(code, "13") && code != "139":
		return famThreat
	case len(code) >= 3 && code[:3] >= "141" && code[:3] <= "145":
		return famProtest
	case code == "080" || strings.HasPrefix(code, "083"):
		return famYield
	case code == "112":
		return famAccuse
	}
	return famNone
}

// refines reports whether code may be replaced by the finer sub: the same
// family, and code is its family's residual ("020", "100") or sub's parent.
// An appeal to others to back or oppose a third party leaves the family
// (053, 113), and "meet demands" or "concede" takes any yield (08).
func refines(code, sub string) bool {
	if sub == code || len(sub) < len(code) {
		return false
	}
	switch familyOf(code) {
	case famAppeal:
		if code == "020" && (sub == "053" || sub == "113") {
			return true
		}
	case famYield:
		return sub[:2] == "08" && (strings.HasPrefix(sub, code) || code == "080" || code == "083")
	}
	if familyOf(sub) != familyOf(code) {
		return false
	}
	if strings.HasPrefix(sub, code) {
		return true
	}
	residual := len(code) == 3 && code[2] == '0' && code[:2] == sub[:2]
	return residual && familyOf(code) != famProtest
}

// mirror returns the intent (03x) or threat (13x) code that mirrors an
// act's code, or the code itself when it is one already.
func mirror(code string) string {
	if strings.HasPrefix(code, "03") || strings.HasPrefix(code, "13") {
		return code
	}
	if c, ok := intentCode(code); ok {
		return c
	}
	return ""
}

// quadConflict reports a verbal or material conflict code (11-20).
func quadConflict(code string) bool {
	return len(code) >= 2 && code[:2] >= "11" && code[:2] <= "20"
}

// familyCode returns the code of the family of base whose complement is the
// act code act; targeted says whether that act has a target of its own
// ("urged the EC to support the PLO").
func familyCode(base, act string, targeted bool) (string, bool) {
	f := familyOf(base)
	m := mirror(act)
	swap := func(root string) (string, bool) {
		if !strings.HasPrefix(m, "03") {
			return "", false
		}
		switch m[:3] {
		case "038", "039":
			return root + "8", true
		}
		return root + m[2:], true
	}
	switch f {
	case famIntent:
		if strings.HasPrefix(m, "03") {
			return m, true
		}
	case famAppeal:
		if strings.HasPrefix(act, "051") && targeted {
			return "053", true // rally support on behalf of the act's target
		}
		if quadConflict(act) && targeted {
			return "113", true // solicit others against the act's target
		}
		return swap("02")
	case famDemand:
		return swap("10")
	case famReject:
		if !strings.HasPrefix(m, "03") {
			return "", false
		}
		suffix := m[3:]
		switch m[:3] {
		case "031":
			if suffix == "4" {
				return "121", true
			}
			return "121" + suffix, true
		case "033":
			return "122" + suffix, true
		case "034":
			return "123" + suffix, true
		case "035":
			return "124" + suffix, true
		case "036":
			return "125", true
		case "037":
			return "127", true
		case "038", "039":
			return "126", true
		}
		return "120", true
	case famThreat:
		if strings.HasPrefix(m, "13") {
			return m, true
		}
	case famYield:
		if strings.HasPrefix(act, "08") {
			return act, true
		}
		if strings.HasPrefix(m, "034") {
			return "083" + m[3:], true
		}
	case famAccuse:
		if strings.HasPrefix(act, "112") {
			return act, true
		}
		if c := accusationCode("112", act); c != "112" {
			return c, true
		}
	case famProtest:
		// What a protest is for: leadership (1), policy or unspecified
		// reform (2), rights, including the release of prisoners and an end
		// to repression (3), institutions or regime, independence (4).
		b := base[:3]
		switch {
		case strings.HasPrefix(m, "0341"):
			return b + "1", true
		case m == "034" || strings.HasPrefix(m, "0342"):
			return b + "2", true
		case strings.HasPrefix(m, "0343") || strings.HasPrefix(m, "0353") || m == "137" || strings.HasPrefix(m, "132") || act == "1122":
			return b + "3", true
		case strings.HasPrefix(m, "0344"):
			return b + "4", true
		}
	}
	return "", false
}

// contentRel reports the relations a family verb's complement is searched
// through for the act it is about.
func contentRel(rel string) bool {
	switch rel {
	case "obj", "obl", "nmod", "xcomp", "ccomp", "advcl", "acl", "conj", "compound", "appos":
		return true
	}
	return false
}

// refine gives family predicates the subcode of the act in their complement,
// and reads a refused or negated future cooperation as a rejection ("will
// not accept refugees" is 1223, "refuse to lift the curfew" 1241).
func (sc *sentenceCoder) refine(preds []*pred) {
	for _, p := range preds {
		if p != nil {
			sc.weapon(p)
		}
	}
	for _, p := range preds {
		if p == nil || p.rule.Flags.Has(FlagSay|FlagDeny) || p.rule.Code == "---" {
			continue
		}
		code := p.code()
		if familyOf(code) == famNone {
			continue
		}
		f, ok := sc.content(p, preds, code)
		if !ok {
			continue
		}
		if _, ok := sc.c.lookup(f.sub); !ok {
			continue
		}
		// An intent to settle is the adversaries' own (037): it needs the
		// other side, as a target or a second source.
		if f.sub == "037" && len(p.tgt) == 0 && len(p.src) < 2 {
			continue
		}
		p.sub, p.subRule = f.sub, f.rule
		if f.from >= 0 && preds[f.from] != nil {
			q := preds[f.from]
			q.absorbed = true
			// "agreed to lift the sanctions on Iran": a promise, threat or
			// concession is about the act's target when it names none.
			switch familyOf(code) {
			case famIntent, famThreat, famYield, famReject:
				if len(p.tgt) == 0 && len(q.tgt) > 0 {
					p.tgt, p.adopted = q.tgt, true
				}
			}
		}
		for _, j := range f.through {
			q := preds[j]
			if q == nil || q == p || q.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) {
				continue
			}
			// "rallies to demand reforms": one protest event; "ask banks
			// to help finance": one appeal for economic aid.
			if familyOf(q.code()) != famNone || q.code()[:2] == f.act[:2] {
				q.absorbed = true
			}
		}
	}
	// "will not accept refugees", "cannot meet their demands": a negated
	// future cooperation is a refusal.
	for _, p := range preds {
		if p == nil || p.absorbed || p.mod != dyad.Negated || !sc.refusal(p.head) || p.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) {
			continue
		}
		code := p.code()
		if !strings.HasPrefix(mirror(code), "03") {
			continue
		}
		if r, ok := familyCode("120", code, false); ok {
			if _, ok := sc.c.lookup(r); ok {
				p.sub, p.subRule = r, "refuse"
				p.mod = dyad.Asserted
			}
		}
	}
}

// found is the act a family predicate's complement names.
type found struct {
	sub     string // the family code it gives
	act     string // the act's own code
	rule    string // the id of the rule that coded the act
	from    int    // the predicate that coded it, -1 for a topic rule
	through []int  // the tokens passed through to reach it
}

// content searches the complement of the family predicate p for the act it
// is about: breadth first through objects, obliques, clauses and the nouns
// that carry them ("a proposal for a ceasefire", "calls ... for economic
// aid"), taking the first act that refines base.
func (sc *sentenceCoder) content(p *pred, preds []*pred, base string) (found, bool) {
	t := sc.t
	maxDepth := 3
	if familyOf(base) == famProtest {
		maxDepth = 4
	}
	topic := func(k int) (found, bool) {
		if r := sc.topicAt(k); r != nil {
			if c, ok := familyCode(base, r.Code, false); ok && refines(base, c) {
				return found{sub: c, act: r.Code, rule: r.ID, from: -1}, true
			}
		}
		return found{}, false
	}
	act := func(q *pred, k int) (found, bool) {
		code := q.rule.Code
		if q.must && q.inner != nil {
			code = q.inner.rule.Code
		}
		if c, ok := familyCode(base, code, len(q.tgt) > 0); ok && refines(base, c) {
			return found{sub: c, act: code, rule: q.rule.ID, from: k}, true
		}
		return found{}, false
	}
	try := func(k int) (found, bool) {
		if f, ok := topic(k); ok {
			return f, true
		}
		q := preds[k]
		if q == nil || q == p || q.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) || q.rule.Code == "---" {
			return found{}, false
		}
		if familyOf(base) == famAccuse {
			return found{}, false // the accused act stays a claimed event of its own
		}
		if f := familyOf(q.rule.Code); f != famNone && f != famYield {
			return found{}, false // pass through: "rallied to demand reforms"
		}
		f, ok := act(q, k)
		if !ok {
			return found{}, false
		}
		// "help finance": a finer act of the same kind below wins.
		for _, x := range t.children(k, "xcomp") {
			if y := preds[x]; y != nil && len(y.rule.Code) > len(f.act) && y.rule.Code[:2] == f.act[:2] {
				if g, ok := act(y, x); ok {
					return g, true
				}
			}
		}
		return f, true
	}
	// "Sudan must return the helicopter": the demanded act is the verb itself.
	if p.must {
		if f, ok := topic(p.head); ok {
			return f, true
		}
		if p.inner != nil {
			if f, ok := act(p.inner, -1); ok {
				return f, true
			}
		}
	}
	starts := []int{p.head}
	if p.rule.Nominal {
		if v := sc.lightVerb(p.head); v >= 0 {
			starts = append(starts, v)
		}
	}
	type node struct{ tok, depth int }
	parent := map[int]int{}
	queue := make([]node, 0, 16)
	for _, s := range starts {
		parent[s] = -1
		queue = append(queue, node{s, 0})
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, k := range t.kids[n.tok] {
			if _, seen := parent[k]; seen || !contentRel(t.rel(k)) {
				continue
			}
			// A conjunct of the family verb itself is another clause; an
			// appeal's addressee is not what it asks for.
			if n.depth == 0 && (t.rel(k) == "conj" || addressee(t, p, k) && len(sc.parties(k)) > 0) {
				continue
			}
			// What is said is another act, but protesters "saying he must
			// resign" state what they protest for.
			if q := preds[k]; q != nil && q.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) && !(familyOf(base) == famProtest && q.rule.Flags.Has(FlagSay)) {
				continue
			}
			parent[k] = n.tok
			if f, ok := try(k); ok {
				for j := k; j >= 0; j = parent[j] {
					f.through = append(f.through, j)
				}
				return f, true
			}
			if n.depth+1 < maxDepth {
				queue = append(queue, node{k, n.depth + 1})
			}
		}
	}
	return found{}, false
}

// topicAt returns the topic rule that names the act at token k, if any.
func (sc *sentenceCoder) topicAt(k int) *Rule {
	t := sc.t
	var rs []*Rule
	nominal := false
	switch t.toks[k].UPOS {
	case "VERB":
		rs = lookupLemma(sc.c.ix.topicVerbs, t.lemma(k), t.lower(k))
	case "NOUN", "PROPN":
		rs = lookupLemma(sc.c.ix.topicNouns, t.lemma(k), t.lower(k))
		nominal = true
	}
	if len(rs) == 0 {
		return nil
	}
	r, _ := t.match(rs, t.complement(k, nominal))
	return r
}

// refusal reports whether the negation of the predicate at h is a refusal:
// "will not", "would not", "cannot", "no longer".
func (sc *sentenceCoder) refusal(h int) bool {
	t := sc.t
	return t.hasChildLemma(h, "aux", "will", "would", "shall", "wo", "'ll", "can", "ca") ||
		t.hasChildLemma(h, "advmod", "longer")
}

// addressee reports whether k, a dependent of p's head, fills the target
// slot of an appeal ("urged Uganda", "called on the UN mission").
func addressee(t *tree, p *pred, k int) bool {
	if familyOf(p.rule.Code) != famAppeal || p.rule.Target == "" {
		return false
	}
	for _, s := range strings.Split(p.rule.Target, "|") {
		switch s {
		case "obj", "iobj":
			if t.rel(k) == s {
				return true
			}
		default:
			if (t.rel(k) == "obl" || t.rel(k) == "nmod") && t.caseOf(k) == s {
				return true
			}
		}
	}
	return false
}

// aerialWeapons and heavyWeapons name the weapon of an attack whose subject
// (or "in"/"by" phrase) is the weapon: "Israeli air strikes killed 14
// people", "Soviet aircraft ... killed 46 Afghan civilians" (195, "Attack,
// bomb from air"); "Russian shelling killed three" (194, "Attack using
// artillery, tanks, and rocket fire"; CAMEO codebook 1.1b3).
var (
	aerialWeapons = map[string]bool{"airstrike": true, "air-strike": true, "aircraft": true, "warplane": true, "jet": true, "bomber": true, "helicopter": true, "gunship": true, "drone": true, "air": true, "airpower": true}
	heavyWeapons  = map[string]bool{"shelling": true, "shell": true, "artillery": true, "mortar": true, "rocket": true, "tank": true, "howitzer": true, "barrage": true, "cannon": true, "warship": true}
)

// weapon refines a general attack (190) or small-arms fire (193) to the
// weapon its subject or "in"/"by" phrase names: the noun itself ("aircraft",
// "shelling") or its compound ("air strikes", "drone attack", "rocket
// fire"). It does nothing for a rule with a finer code of its own.
func (sc *sentenceCoder) weapon(p *pred) {
	if p.sub != "" || (p.rule.Code != "190" && p.rule.Code != "193") {
		return
	}
	t := sc.t
	var cands []int
	if k := t.child(p.head, "nsubj"); k >= 0 {
		cands = append(cands, k)
	}
	for _, k := range t.children(p.head, "obl") {
		if c := t.caseOf(k); c == "in" || c == "by" {
			cands = append(cands, k)
		}
	}
	if k := t.child(p.head, "obl:agent"); k >= 0 {
		cands = append(cands, k)
	}
	for _, k := range cands {
		if t.toks[k].UPOS != "NOUN" {
			continue
		}
		words := []int{k}
		for _, m := range t.kids[k] {
			if m < k && (t.rel(m) == "compound" || t.rel(m) == "amod" && t.toks[m].UPOS == "NOUN") {
				words = append(words, m)
			}
		}
		for _, w := range words {
			l := t.lemma(w)
			if l == "air" && w == k {
				continue // "the air" alone is no weapon
			}
			switch {
			case aerialWeapons[l]:
				p.sub, p.subRule = "195", "w.aerial"
				return
			case heavyWeapons[l]:
				p.sub, p.subRule = "194", "w.heavy"
				return
			}
		}
	}
}
