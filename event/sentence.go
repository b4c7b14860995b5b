package event

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/when"
)

var (
	negators  = []string{"not", "never", "n't", "no"}
	futureAux = []string{"will", "shall", "'ll", "wo"}
	hypoAux   = []string{"could", "might", "may", "would"}
	demandAux = []string{"must", "should"}
	planVerbs = map[string]bool{"plan": true, "intend": true, "set": true, "schedule": true, "expect": true, "aim": true, "prepare": true, "hope": true, "want": true, "seek": true, "due": true, "going": true, "go": true, "decide": true, "agree": true, "promise": true, "pledge": true, "vow": true, "threaten": true, "offer": true,
		"swear": true, "ready": true, "willing": true, "prepared": true, "committed": true, "determined": true, "eager": true, "consent": true, "volunteer": true}
	// desireVerbs state a wish; under "might", "may" or "could" the wish is
	// only supposed.
	desireVerbs = map[string]bool{"want": true, "wish": true, "hope": true, "desire": true, "like": true}
	// refuseVerbs negate the act of their infinitive: "refused to lift the curfew".
	refuseVerbs = map[string]bool{"refuse": true, "decline": true, "fail": true}
	falsely     = []string{"falsely", "wrongly", "baselessly", "unfairly", "groundlessly", "unjustly"}
	claimNouns  = map[string]bool{"accusation": true, "allegation": true, "claim": true, "charge": true, "report": true, "rumor": true, "rumour": true, "assertion": true, "suggestion": true}
	historyNoun = map[string]bool{"history": true, "tradition": true, "record": true}
	// lightVerbs take an event noun as their object and lend it their
	// subject: "launched an offensive", "pay a visit", "hold talks".
	lightVerbs = map[string]bool{"launch": true, "conduct": true, "carry": true, "stage": true, "mount": true,
		"wage": true, "pay": true, "make": true, "hold": true, "begin": true, "start": true, "continue": true,
		"undertake": true, "commit": true, "perform": true, "order": true, "step": true, "resume": true, "have": true,
		"organize": true, "organise": true, "engage": true, "renew": true,
		// "X is responsible for mass killings": a predicate adjective lends its subject too.
		"responsible": true, "guilty": true}
	// announceVerbs lend their subject to the event noun that is their
	// direct object: "Italy announced a suspension of air links".
	announceVerbs = map[string]bool{"announce": true, "declare": true, "proclaim": true}
)

func (sc *sentenceCoder) code(claims *claimBook) []dyad.Event {
	t := sc.t
	n := len(t.toks)
	preds := make([]*pred, n)
	for i := 0; i < n; i++ {
		preds[i] = sc.matchAt(i)
	}
	// A noun that is a word of the rule its verb matched ("held talks",
	// "provide aid"), or its infinitive that is ("asking Obama to help
	// Iran": an appeal for aid), is part of that event, not another one.
	for i, p := range preds {
		if p == nil {
			continue
		}
		for _, w := range p.words {
			if w != i && preds[w] != nil && (preds[w].rule.Nominal || t.rel(w) == "xcomp" && !p.rule.gated()) && t.head[w] == i {
				preds[w] = nil
			}
			// The object's infinitive read as a clause on the noun: "ordered
			// three diplomats to leave".
			if w != i && preds[w] != nil && t.rel(w) == "acl" && !p.rule.gated() && t.head[w] >= 0 && t.head[t.head[w]] == i && t.rel(t.head[w]) == "obj" {
				preds[w] = nil
			}
		}
	}
	// Demands stated with "must"/"should" in reported speech.
	for i := 0; i < n; i++ {
		// "the US must be ready to mediate": a predicative adjective too.
		verbal := t.toks[i].UPOS == "VERB" || t.toks[i].UPOS == "ADJ" && t.child(i, "cop") >= 0
		if !verbal || !t.hasChildLemma(i, "aux", demandAux...) {
			continue
		}
		preds[i] = sc.demandAt(i, preds[i])
	}
	// "Israeli negotiators are expected to meet Egyptian mediators", "is
	// set to visit": a passive verb of plan says what others expect; the
	// infinitive is the event, planned, and the subject its actor.
	for i, p := range preds {
		if p != nil && planVerbs[t.lemma(i)] && t.child(i, "aux:pass") >= 0 && t.child(i, "xcomp") >= 0 {
			preds[i] = nil
		}
	}
	// "Russia would respond by expelling diplomats", "answered by
	// imposing tariffs": a speech verb whose complement is a means says
	// nothing; the means is what its subject does.
	for i, p := range preds {
		if p == nil || !p.rule.Flags.Has(FlagSay) || t.child(i, "ccomp") >= 0 {
			continue
		}
		for _, k := range t.children(i, "advcl") {
			if markOf(t, k) == "by" && t.toks[k].XPOS == "VBG" {
				preds[i] = nil
				break
			}
		}
	}
	sc.coded = make([]bool, n)
	for _, p := range preds {
		if p == nil {
			continue
		}
		p.say = sc.speaker(p.head, preds)
		sc.coded[p.head] = !p.rule.Flags.Has(FlagSay)
	}
	for i, p := range preds {
		if p == nil {
			continue
		}
		if p.rule.Flags.Has(FlagSay) {
			p.src = sc.subject(p.head, preds, 0)
			continue
		}
		if p.must && p.say < 0 {
			preds[i] = nil // "X must do Y" outside reported speech: no speaker to demand it
			continue
		}
		p.src = sc.sourceOf(p, preds)
		if p.must && p.say >= 0 {
			if t.child(p.head, "nsubj:pass") >= 0 {
				preds[i] = nil // "X must be restored": no one is addressed
				continue
			}
			addressee := p.src
			p.src = preds[p.say].src
			p.tgt = nil
			for _, a := range addressee {
				if len(p.src) > 0 && country(a.code) != country(p.src[0].code) {
					p.tgt = append(p.tgt, a)
				}
			}
			p.mod = dyad.Asserted
			continue
		}
		p.tgt = sc.targetOf(p)
		sc.reciprocal(p)
		sc.receivedFrom(p)
		if len(p.src) == 0 && !p.rule.Nominal && isViolent(p.rule.Code) && sc.unnamedAgent(p.head, len(p.tgt) > 0) {
			// "A roadside bombing killed one U.S. soldier", "were killed by
			// an improvised explosive device": an attacker no one names is
			// PLOVER's unidentified armed force (UAF) of the place.
			p.src = []party{{tok: -1, code: "UAF"}}
		}
		p.mod = sc.modality(p.head)
		if sc.supposedWish(p.head) {
			preds[i] = nil
			continue
		}
		if p.rule.Nominal && p.mod == dyad.Asserted {
			if v := sc.lightVerb(p.head); v >= 0 {
				p.mod = sc.modality(v)
			} else if v := sc.governingVerb(p.head); v >= 0 && sc.modality(v) == dyad.Planned {
				// "will host a new round of talks between Israel and
				// Hamas": the talks are as planned as their hosting.
				p.mod = dyad.Planned
			}
		}
	}
	// Scopes: complements of accusations are claimed, of denials denied.
	for _, p := range preds {
		if p == nil || p.rule.Flags.Has(FlagSay) {
			continue
		}
		for j, prev := t.head[p.head], p.head; j >= 0; j, prev = t.head[j], j {
			if r := t.rel(prev); r == "nsubj" || r == "csubj" {
				break // in a subject, not in what is said or claimed
			}
			q := preds[j]
			if q == nil || q == p {
				continue
			}
			if q.rule.Flags.Has(FlagDeny) {
				p.mod = dyad.Denied
				break
			}
			if q.rule.Flags.Has(FlagAccuse) {
				p.mod = dyad.Claimed
				break
			}
			// What an appeal or demand asks for has not happened: "urged
			// Ankara to withdraw", "the council must act to end the fighting".
			if r := t.rel(prev); (q.must || q.rule.Flags.Has(FlagDemand) || strings.HasPrefix(q.rule.Code, "02") || strings.HasPrefix(q.rule.Code, "10")) && (r == "xcomp" || r == "ccomp" || r == "advcl") {
				p.mod = dyad.Hypothetical
				break
			}
		}
	}
	sc.refine(preds)
	sc.dropEchoes(preds)
	var out []dyad.Event
	byHead := map[int][]int{} // pred head -> indices into out
	emit := func(p *pred, src, tgt party, code, rule string, mod dyad.Modality) int {
		ev := sc.event(p, src, tgt, code, rule, mod)
		if ev == nil {
			return -1
		}
		for _, e := range out { // no duplicate of the same dyad and code in one sentence
			if e.Source.Code == ev.Source.Code && e.Target.Code == ev.Target.Code && e.CAMEO == ev.CAMEO {
				return -1
			}
		}
		ev.ID = "t" + strconv.Itoa(sc.s.N) + "." + strconv.Itoa(len(out))
		out = append(out, *ev)
		byHead[p.head] = append(byHead[p.head], len(out)-1)
		return len(out) - 1
	}
	// Plain events first (propositions before the accusations and denials about them).
	for _, p := range preds {
		if p == nil || p.absorbed || p.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) || p.rule.Code == "---" {
			continue
		}
		for _, pair := range sc.pairs(p) {
			emit(p, pair[0], pair[1], p.code(), p.ruleID(), p.mod)
			// "Hosting a visit is typically accompanied by the linked
			// event 'Make a visit' (042)" (CAMEO codebook, 043): the
			// guest received made the visit.
			// Not when the visit was told before ("welcomed the visit").
			if p.code() == "043" && pair[1].code != "" && !p.earlier {
				emit(p, pair[1], pair[0], "042", p.ruleID()+"+linked", p.mod)
			}
		}
	}
	// Reported hostile acts by a third party are accusations by the speaker.
	for _, p := range preds {
		if p == nil || p.say < 0 || p.mod != dyad.Asserted && p.mod != dyad.Historical {
			continue
		}
		sp := preds[p.say]
		if len(sp.src) == 0 {
			continue
		}
		for _, k := range byHead[p.head] {
			ev := &out[k]
			info, _ := sc.c.lookup(ev.CAMEO)
			spk := sp.src[0]
			if country(ev.Source.Code) == country(spk.code) || ev.Source.Code == "" {
				continue
			}
			// "officials said": a speaker of no known state or body
			// reports; it accuses no one.
			if sectorCodes[spk.code] {
				continue
			}
			// ", Reuters reports", "state media reported": a news outlet
			// passes the report on; it accuses no one.
			if strings.HasSuffix(spk.code, "MED") {
				continue
			}
			hostileToSpeaker := info.QuadClass == 3 && country(ev.Target.Code) == country(spk.code)
			if info.QuadClass != 4 && !hostileToSpeaker {
				continue
			}
			ev.Modality = dyad.Claimed
			code := accusationCode("112", ev.CAMEO)
			acc := party{tok: sp.head, actor: spk.actor, code: spk.code}
			tgt := party{actor: nil, code: ev.Source.Code}
			tgt.actor = sc.actorByID(ev.Source.Actor)
			prop := *ev
			if i := emit(sp, acc, tgt, code, "accuse.reported+"+p.rule.ID, dyad.Asserted); i >= 0 {
				c := claims.forProposition(prop)
				c.assert(spk, out[i].ID)
				out[i].Claim = c.id
				claims.setEvent(c, &out[k])
			}
		}
	}
	// Accusations.
	for _, p := range preds {
		if p == nil || !p.rule.Flags.Has(FlagAccuse) || len(p.src) == 0 {
			continue
		}
		props := sc.scoped(p, byHead, out)
		tgts := p.tgt
		if len(tgts) == 0 && len(props) > 0 {
			e := out[props[0]]
			tgts = []party{{actor: sc.actorByID(e.Source.Actor), code: e.Source.Code}}
		}
		if len(tgts) == 0 && len(props) == 0 && allegeVerbs[t.lemma(p.head)] {
			// "Rwanda alleged that France was aware of the preparations":
			// what is alleged codes no event, but whom it is about is the
			// accused.
			for _, c := range t.children(p.head, "ccomp") {
				if k := t.child(c, "nsubj", "nsubj:pass"); k >= 0 {
					for _, a := range sc.parties(k) {
						if len(p.src) > 0 && country(a.code) != country(p.src[0].code) {
							tgts = append(tgts, a)
						}
					}
				}
			}
		}
		if len(tgts) == 0 {
			continue
		}
		code := p.code()
		if len(props) > 0 && p.sub == "" {
			code = accusationCode(code, out[props[0]].CAMEO)
		}
		for _, s := range p.src {
			for _, tg := range tgts {
				if p.each && country(tg.code) == country(s.code) {
					continue
				}
				code, rule := code, p.ruleID()
				if len(props) > 0 && tg.code == s.code && t.lemma(p.head) == "claim" {
					// "The US claimed that they had attacked Iraq": to
					// claim one's own act is to claim responsibility for
					// it (015), toward its target.
					e := out[props[0]]
					tg = party{actor: sc.actorByID(e.Target.Actor), code: e.Target.Code}
					code, rule = "015", rule+"+own"
				}
				i := emit(p, s, tg, code, rule, p.mod)
				if i >= 0 && len(props) == 0 && tg.code != "" && p.mod == dyad.Asserted {
					c := claims.open(tg.code)
					c.assert(s, out[i].ID)
					out[i].Claim = c.id
				}
				if i < 0 || len(props) == 0 {
					continue
				}
				c := claims.forProposition(out[props[0]])
				c.assert(s, out[i].ID)
				out[i].Claim = c.id
				for _, k := range props {
					out[k].Modality = dyad.Claimed
					claims.setEvent(c, &out[k])
				}
				// "falsely charge": the speaker reporting it denies it.
				if p.say >= 0 && sc.t.hasChildLemma(p.head, "advmod", falsely...) {
					sp := preds[p.say]
					for _, d := range sp.src {
						if j := emit(sp, d, s, "016", "deny.falsely+"+p.rule.ID, dyad.Asserted); j >= 0 {
							c.deny(d, out[j].ID)
							out[j].Claim = c.id
						}
					}
				}
			}
		}
	}
	// Denials.
	for _, p := range preds {
		if p == nil || !p.rule.Flags.Has(FlagDeny) || len(p.src) == 0 {
			continue
		}
		props := sc.scoped(p, byHead, out)
		var c *claim
		claimNoun := -1
		for _, k := range t.kids[p.head] {
			if r := t.rel(k); (r == "obj" || r == "obl") && claimNouns[t.lemma(k)] {
				claimNoun = k
				break
			}
		}
		if claimNoun >= 0 {
			c = claims.latestAbout(p.src[0].code)
		}
		if c == nil && len(props) > 0 {
			e := out[props[0]]
			c = claims.matching(e)
			if c == nil {
				if c = claims.uncodedAbout(e.Source.Code); c != nil && country(e.Source.Code) == country(p.src[0].code) {
					c.fill(e)
				} else {
					c = claims.forProposition(e)
				}
			}
		}
		tgts := p.tgt
		if c != nil && len(c.asserters) > 0 {
			tgts = c.asserters
		} else if claimNoun >= 0 {
			// "denied charges by Ivory Coast that ...": the accuser.
			for _, k := range t.kids[claimNoun] {
				if t.rel(k) == "nmod" && (t.caseOf(k) == "by" || t.caseOf(k) == "from") {
					if ps := sc.parties(k); len(ps) > 0 {
						tgts = ps
					}
				}
			}
		}
		for _, s := range p.src {
			if len(tgts) == 0 {
				tgts = []party{{}}
			}
			for _, tg := range tgts {
				i := emit(p, s, tg, p.code(), p.ruleID(), p.mod)
				if i < 0 || c == nil {
					continue
				}
				c.deny(s, out[i].ID)
				out[i].Claim = c.id
			}
		}
		for _, k := range props {
			out[k].Modality = dyad.Denied
			if c != nil {
				claims.setEvent(c, &out[k])
			}
		}
	}
	// An event negated in the same sentence as a denial of a claim with the
	// same proposition is that proposition denied.
	for i := range out {
		if out[i].Modality != dyad.Negated {
			continue
		}
		if c := claims.matching(out[i]); c != nil && c.deniedIn(sc.s.N) {
			out[i].Modality = dyad.Denied
			claims.setEvent(c, &out[i])
		}
	}
	return out
}

// dropEchoes removes predicates that would code the same report twice:
//   - a targetless verb of intent ("wants to", "plans to") whose infinitive
//     codes an event with a target: that event already carries the intent
//     ("wants to attack Switzerland" is 138, not 030 as well);
//   - a targetless infinitive or purpose clause of a verb that codes an
//     event of the same CAMEO root with a target, by the same actors ("met
//     with Assad to discuss efforts"): it continues that event.
func (sc *sentenceCoder) dropEchoes(preds []*pred) {
	t := sc.t
	codes := func(p *pred) bool {
		return p != nil && !p.absorbed && p.rule.Code != "---" && !p.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny|FlagTopic)
	}
	sameSrc := func(a, b *pred) bool {
		if len(a.src) == 0 || len(a.src) != len(b.src) {
			return false
		}
		for i := range a.src {
			if a.src[i].code != b.src[i].code {
				return false
			}
		}
		return true
	}
	drop := make([]bool, len(preds))
	for i, p := range preds {
		if !codes(p) || p.sub != "" {
			continue
		}
		if planVerbs[t.lemma(i)] && len(p.tgt) == 0 {
			for _, k := range t.kids[i] {
				if t.rel(k) == "xcomp" && codes(preds[k]) && len(preds[k].tgt) > 0 && sameSrc(p, preds[k]) {
					drop[i] = true
				}
			}
		}
		if h := t.head[i]; h >= 0 && len(p.tgt) == 0 && (t.rel(i) == "xcomp" || t.rel(i) == "advcl") {
			// Reciprocal parties are each other's targets: "Obama and
			// Putin will meet in Zurich to discuss ..." is one meeting.
			q := preds[h]
			mutual := q != nil && len(q.src) >= 2 && q.rule.Flags.Has(FlagRecip)
			if codes(q) && (len(q.tgt) > 0 || mutual) && sameSrc(p, q) && q.code()[:2] == p.code()[:2] {
				drop[i] = true
			}
		}
	}
	// What talks are about is no act of the parties: "met ... to discuss
	// efforts to counter Islamic State militants" codes the meeting only.
	for i, p := range preds {
		if !codes(p) || drop[i] {
			continue
		}
		viaNoun := false
		for j, prev := t.head[i], i; j >= 0; j, prev = t.head[j], j {
			if r := t.rel(prev); r == "acl" || r == "nmod" {
				viaNoun = true
			}
			if q := preds[j]; codes(q) && strings.HasPrefix(q.code(), "04") {
				if viaNoun && t.rel(prev) == "obj" {
					drop[i] = true
				}
				break
			}
			if t.isVerbal(j) && t.rel(prev) != "xcomp" && !viaNoun {
				break
			}
		}
	}
	for i, d := range drop {
		if d {
			preds[i] = nil
		}
	}
}

// accusationCode refines a plain accusation by what it accuses of.
func accusationCode(code, prop string) string {
	if code != "112" || len(prop) < 2 {
		return code
	}
	switch prop[:2] {
	case "17", "18", "20":
		return "1122"
	case "19":
		return "1123"
	}
	return code
}

// country returns the country (or IGO/region) root of an actor code.
func country(code string) string {
	if len(code) >= 3 {
		return code[:3]
	}
	return code
}

// scoped returns the events whose predicates lie below p in the tree.
func (sc *sentenceCoder) scoped(p *pred, byHead map[int][]int, out []dyad.Event) []int {
	var ks []int
	for h, idx := range byHead {
		if h == p.head {
			continue
		}
		for j, prev := sc.t.head[h], h; j >= 0; j, prev = sc.t.head[j], j {
			if r := sc.t.rel(prev); r == "nsubj" || r == "csubj" {
				break
			}
			if j == p.head {
				ks = append(ks, idx...)
				break
			}
		}
	}
	// text order
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && out[ks[j]].Span.Start < out[ks[j-1]].Span.Start; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// matchAt finds the rule for the predicate at token i, if any.
func (sc *sentenceCoder) matchAt(i int) *pred {
	t := sc.t
	tok := t.toks[i]
	var rs []*Rule
	nominal := false
	// "according to", "following", "including": a verb form used as a
	// preposition is no predicate.
	if t.rel(i) == "case" || t.rel(i) == "mark" || t.child(i, "fixed") >= 0 {
		return nil
	}
	switch tok.UPOS {
	case "VERB":
		rs = lookupLemma(sc.c.ix.verbs, t.lemma(i), t.lower(i))
	case "NOUN":
		rs = lookupLemma(sc.c.ix.nouns, t.lemma(i), t.lower(i))
		nominal = true
	case "ADJ":
		// A predicative adjective is read as a verb: "he was skeptical
		// over ...", "is confident that ...".
		if t.child(i, "cop") < 0 {
			return nil
		}
		rs = sc.c.ix.verbs[t.lemma(i)]
	default:
		return nil
	}
	// "Obama wants Putin to attack Switzerland": a wish that another actor
	// act is an appeal to that actor (CAMEO 02), whatever the verb's own
	// rules say of a wish for a thing; what is wished refines it.
	if tok.UPOS == "VERB" && desireVerbs[t.lemma(i)] && t.child(i, "xcomp") >= 0 {
		if o := t.child(i, "obj", "iobj"); o >= 0 && len(sc.parties(o)) > 0 {
			return &pred{head: i, rule: wishAppeal, say: -1}
		}
	}
	if len(rs) == 0 {
		return nil
	}
	comp := t.complement(i, nominal)
	if !nominal && t.child(i, "aux:pass") >= 0 {
		// A passive's subject is its object: "evidence against Russia was
		// presented by the US" matches "present evidence".
		if k := t.child(i, "nsubj:pass"); k >= 0 && k < i {
			comp = append(t.subtree(k), comp...)
		}
	}
	r, pos := t.match(rs, comp)
	if r == nil {
		return nil
	}
	p := &pred{head: i, rule: r, words: pos, say: -1}
	if r.Target != "" {
		p.alts = t.alternatives(rs, r, comp)
	}
	return p
}

// wishAppeal is the rule of a wish addressed to an actor ("wants Putin to
// attack").
var wishAppeal = &Rule{ID: "s020.want-obj", Code: "020", Target: "obj|iobj", Bonus: 100}

// demandAt turns "Y must do Z" into a demand pattern matched on the clause.
func (sc *sentenceCoder) demandAt(i int, inner *pred) *pred {
	t := sc.t
	comp := append([]int{i}, t.complement(i, false)...)
	var best *Rule
	for _, r := range sc.c.ix.demands {
		if _, ok := t.matchRule(r, comp); ok && (best == nil || len(r.Code) > len(best.Code) || len(r.Code) == len(best.Code) && r.ID < best.ID) {
			best = r
		}
	}
	rule := &Rule{ID: "demand.must", Code: "100", Flags: FlagDemand}
	if best != nil {
		rule = &Rule{ID: "demand.must+" + best.ID, Code: best.Code, Flags: FlagDemand}
	}
	return &pred{head: i, rule: rule, say: -1, must: true, inner: inner}
}

// speaker returns the head of the speech predicate p is attributed to.
func (sc *sentenceCoder) speaker(h int, preds []*pred) int {
	t := sc.t
	viaSubject := false
	for j, prev := h, -1; j >= 0; j, prev = t.head[j], j {
		if prev >= 0 {
			r := t.rel(prev)
			viaSubject = r == "nsubj" || r == "csubj"
		}
		if j != h && preds[j] != nil && preds[j].rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) {
			if preds[j].rule.Flags.Has(FlagSay) {
				return j
			}
			if !viaSubject {
				return -1 // an accusation or denial is itself the speech act
			}
		}
		for _, k := range t.kids[j] {
			if t.rel(k) == "parataxis" && k != h && preds[k] != nil && preds[k].rule.Flags.Has(FlagSay) {
				return k
			}
		}
	}
	return -1
}

// parties resolves the actors of the noun phrase headed by k, one per conjunct.
func (sc *sentenceCoder) parties(k int) []party {
	t := sc.t
	var out []party
	add := func(p party) {
		for _, q := range out {
			if q.code == p.code && q.actor == p.actor {
				return
			}
		}
		out = append(out, p)
	}
	for _, c := range t.conjuncts(k) {
		p, ok := sc.partyAt(c, 0)
		if !ok {
			continue
		}
		add(p)
		// "U.S. and Russian negotiators": coordinated modifiers of the
		// head are actors of their own.
		for _, m := range t.kids[c] {
			if r := t.rel(m); r != "compound" && r != "amod" || t.child(m, "conj") < 0 && t.child(m, "cc") < 0 {
				continue
			}
			for _, j := range t.conjuncts(m) {
				if jm := sc.ment.at(t.toks[j].Span()); jm != nil && jm.actor != p.actor {
					add(party{tok: j, actor: jm.actor, code: jm.code})
				}
			}
		}
	}
	return out
}

func (sc *sentenceCoder) partyAt(c, depth int) (party, bool) {
	t := sc.t
	if depth > 3 || c < 0 {
		return party{}, false
	}
	if m := sc.ment.at(t.toks[c].Span()); m != nil {
		p := party{tok: c, actor: m.actor, code: m.code}
		if sectorCodes[m.code] {
			// A role without a country: "President Mugabe", "opposition
			// groups in Zimbabwe", "King Hassan of Morocco" take the
			// country that modifies the phrase.
			if root := sc.countryNear(c, m); root != "" {
				p.code = root + m.code
			} else if root := sc.placeCountry(c, 0); root != "" {
				// "the mayor of the West Bank city of Nablus"
				p.code = root + m.code
			}
		}
		if x := t.toks[c].XPOS; (x == "NNS" || x == "NNPS") && m.actor != nil && m.code == m.actor.Country {
			// A people named by another country's adjective or place:
			// "Bosnian Serbs", "the Albanians of southern Serbia" live in,
			// and act as part of, that country (PLOVER codes the country
			// an actor is associated with).
			root := sc.countryNear(c, m)
			if root == "" && sc.c.resolve != nil {
				for _, k := range t.kids[c] {
					if r := t.toks[k].Rel; r == "amod" || r == "compound" {
						if code, ok := sc.c.resolve(t.toks[k].Form, sc.d.Article.Published); ok && len(code) == 3 {
							root = code
						}
					}
				}
			}
			if root != "" {
				p.code = root
			}
		}
		return p, true
	}
	// A relative pronoun stands for the noun its clause modifies.
	if t.toks[c].UPOS == "PRON" || t.toks[c].UPOS == "DET" {
		switch t.lemma(c) {
		case "who", "which", "that", "whom":
			if v := t.head[c]; v >= 0 && t.toks[v].Rel == "acl:relcl" && t.head[v] >= 0 {
				return sc.partyAt(t.head[v], depth+1)
			}
		}
	}
	// A modifier naming the actor: "Iranian officials", "Iran's army".
	for _, k := range t.kids[c] {
		switch t.toks[k].Rel {
		case "compound", "amod", "nmod:poss", "flat", "appos":
			if m := sc.ment.at(t.toks[k].Span()); m != nil {
				return party{tok: k, actor: m.actor, code: m.code}, true
			}
		}
	}
	// "Kenzo Oshima, the United Nations Emergency Relief Coordinator":
	// the appositive's actor.
	for _, k := range t.kids[c] {
		if t.toks[k].Rel == "appos" {
			if p, ok := sc.partyAt(k, depth+1); ok {
				return p, true
			}
		}
	}
	// "the government of Liberia", "the leader of Iran": a role noun's
	// country; "1,800 of 2,200 Serbian teachers", "thousands of students":
	// a part of a group is the group.
	if u := t.toks[c].UPOS; u == "NOUN" || u == "NUM" || u == "PROPN" {
		for _, k := range t.kids[c] {
			if t.toks[k].Rel == "nmod" && t.caseOf(k) == "of" {
				// "tens of thousands of students"
				if sc.ment.at(t.toks[k].Span()) == nil && (u == "NUM" || quantityNouns[t.lemma(c)]) {
					if p, ok := sc.partyAt(k, depth+1); ok {
						return p, true
					}
					continue
				}
				if m := sc.ment.at(t.toks[k].Span()); m != nil && m.actor.Kind != dyad.KindPerson {
					code := m.code
					if sectorCodes[code] { // "the deployment of NATO peacekeeping troops"
						if root := sc.countryNear(k, m); root != "" {
							code = root + code
						}
					}
					if sec := roleSector[t.lemma(c)]; sec != "" && len(code) == 3 {
						code += sec
					}
					return party{tok: k, actor: m.actor, code: code}, true
				}
			}
		}
	}
	// "the mayor of the West Bank city of Nablus": a role of a place is the
	// role of the place's country.
	if sec := roleSector[t.lemma(c)]; sec != "" && t.toks[c].UPOS == "NOUN" {
		if root := sc.placeCountry(c, 0); root != "" {
			return party{tok: c, code: root + sec}, true
		}
	}
	// A name or demonym the actor stage left alone ("Indian positions").
	if sc.c.resolve != nil {
		// "withdrew from the Syrian to the Israeli-occupied sector": a
		// demonym with its article heads a phrase whose noun is left out.
		if u := t.toks[c].UPOS; u == "PROPN" || u == "ADJ" && t.child(c, "det") >= 0 && t.rel(c) != "amod" {
			if code, ok := sc.c.resolve(t.toks[c].Form, sc.d.Article.Published); ok {
				return party{tok: c, code: code}, true
			}
		}
		for _, k := range t.kids[c] {
			if r := t.toks[k].Rel; (r == "amod" || r == "compound") && (t.toks[k].UPOS == "ADJ" || t.toks[k].UPOS == "PROPN") {
				if code, ok := sc.c.resolve(t.toks[k].Form, sc.d.Article.Published); ok {
					return party{tok: k, code: code}, true
				}
			}
		}
	}
	return party{}, false
}

// lightVerb returns the light verb governing the event noun h within a few
// steps ("launched what it calls an operation"), or -1.
func (sc *sentenceCoder) lightVerb(h int) int {
	t := sc.t
	if j := t.head[h]; j >= 0 && t.rel(h) == "obj" && t.toks[j].UPOS == "VERB" && announceVerbs[t.lemma(j)] {
		return j
	}
	for j, hops := t.head[h], 0; j >= 0 && hops < 3; j, hops = t.head[j], hops+1 {
		if (t.toks[j].UPOS == "VERB" || t.toks[j].UPOS == "ADJ" && t.child(j, "cop") >= 0) && lightVerbs[t.lemma(j)] {
			return j
		}
		if t.rel(j) == "root" {
			break
		}
	}
	return -1
}

// sourceOf finds the source of p: the subject, the agent of a passive, the
// controller of an infinitive, the actor of a nominal.
func (sc *sentenceCoder) sourceOf(p *pred, preds []*pred) []party {
	t := sc.t
	h := p.head
	if p.rule.Nominal {
		for _, k := range t.kids[h] {
			switch t.toks[k].Rel {
			case "nsubj": // a predicate noun: "troops were on alert"
				if ps := sc.parties(k); len(ps) > 0 {
					return ps
				}
			case "nmod:poss", "amod", "compound":
				if ps := sc.parties(k); len(ps) > 0 {
					return ps
				}
			case "nmod":
				c := t.caseOf(k)
				// "the visit of the president to Serbia": of is the actor
				// unless the rule takes its target from of ("invasion of").
				if c == "by" || c == "of" && !slotHas(p.rule.Target, "of") && p.rule.Target != "" {
					if ps := sc.parties(k); len(ps) > 0 {
						return ps
					}
				}
			}
		}
		if p.rule.Flags.Has(FlagRecip) {
			for _, k := range t.kids[h] {
				if t.rel(k) == "nmod" && t.caseOf(k) == "between" {
					return sc.parties(k)
				}
			}
		}
		// A nominal that is the object of a light verb is that verb's
		// subject's act: "Russia launched ... an operation against Ukraine".
		if v := sc.lightVerb(h); v >= 0 {
			if ps := sc.subject(v, preds, 0); len(ps) > 0 {
				return ps
			}
			// "Serb forces were engaged in ethnic cleansing"
			if k := t.child(v, "nsubj:pass"); k >= 0 {
				return sc.parties(k)
			}
			return nil
		}
		return nil
	}
	if p.rule.Source != "" {
		return sc.slot(h, p.rule.Source, p.words)
	}
	ps := sc.subject(h, preds, 0)
	if len(ps) == 0 {
		// "Obama and Putin said they will attack Iraq", "the US claimed
		// that they had attacked": a pronoun subject that no actor
		// resolved, in what someone says or claims, is the speaker.
		if k := t.child(h, "nsubj"); k >= 0 && speakerPronouns[t.lower(k)] && sc.ment.at(t.toks[k].Span()) == nil {
			if r := sc.reporter(h, preds); r >= 0 {
				return sc.subject(r, preds, 0)
			}
		}
	}
	return ps
}

// speakerPronouns may stand for the one who reports the clause they are in.
var speakerPronouns = map[string]bool{"they": true, "we": true, "it": true, "he": true, "she": true}

// reporter returns the verb of saying, claiming or denying whose
// complement clause holds h, or -1.
func (sc *sentenceCoder) reporter(h int, preds []*pred) int {
	t := sc.t
	for j, prev := t.head[h], h; j >= 0; j, prev = t.head[j], j {
		if t.rel(prev) != "ccomp" && t.rel(prev) != "conj" {
			return -1
		}
		if q := preds[j]; q != nil && q.rule.Flags.Has(FlagSay|FlagAccuse|FlagDeny) {
			return j
		}
	}
	return -1
}

func (sc *sentenceCoder) subject(h int, preds []*pred, depth int) []party {
	t := sc.t
	if depth > 6 || h < 0 {
		return nil
	}
	if k := t.child(h, "obl:agent"); k >= 0 {
		// The parser also hangs "by 50 percent" on an active verb as an
		// agent; only an actor there is the subject.
		if ps := sc.parties(k); len(ps) > 0 || t.child(h, "nsubj", "csubj") < 0 {
			return ps
		}
	}
	if k := t.child(h, "nsubj", "csubj"); k >= 0 {
		return sc.parties(k)
	}
	if k := t.child(h, "nsubj:pass"); k >= 0 {
		// "Israel is opposed to the plan": a stative participle's subject
		// holds the attitude; no one else acts.
		if statives[t.lemma(h)] {
			return sc.parties(k)
		}
		return nil
	}
	head := t.head[h]
	if head < 0 {
		return nil
	}
	switch t.rel(h) {
	case "xcomp":
		if k := t.child(head, "obj", "iobj"); k >= 0 { // object control: "urged Iran to ..."
			if ps := sc.parties(k); len(ps) > 0 {
				return ps
			}
		}
		// A passive's subject controls: "he is prepared to lift", "Iran was urged to".
		if k := t.child(head, "nsubj:pass"); k >= 0 {
			return sc.parties(k)
		}
		return sc.subject(head, preds, depth+1)
	case "advcl":
		// "after the museum shooting": a verb form with a determiner is a
		// noun the tagger missed; it does not share the clause's subject.
		if t.child(h, "det") >= 0 {
			return nil
		}
		// "after the museum shooting", the preposition and determiner on
		// a noun before the verb form: a noun phrase too.
		if t.toks[h].XPOS == "VBG" && markOf(t, h) == "" {
			for _, k := range t.kids[h] {
				if k < h && t.caseOf(k) != "" && t.child(k, "det") >= 0 {
					return nil
				}
			}
		}
		// Hung on a noun by the parser ("Belarus of helping"): the noun acts.
		if u := t.toks[head].UPOS; u == "PROPN" || u == "NOUN" {
			if ps := sc.parties(head); len(ps) > 0 {
				return ps
			}
		}
		// "charge X with aiding Y", "accuse X of helping Y": X is the actor.
		if preds != nil && preds[head] != nil && preds[head].rule.Flags.Has(FlagAccuse) {
			if k := t.child(head, "obj"); k >= 0 {
				return sc.parties(k)
			}
		}
		return sc.subject(head, preds, depth+1)
	case "conj":
		// "ordered three diplomats to leave the country and closed the
		// consulate": a finite verb the parser conjoined to an infinitive
		// below it is conjoined to the finite verb the infinitive hangs on.
		if f := sc.finiteAbove(h); f >= 0 {
			return sc.subject(f, preds, depth+1)
		}
		// "has been indicted by the court and will resign": an active
		// conjunct shares the passive's subject, not its agent.
		if k := t.child(head, "nsubj:pass"); k >= 0 && t.child(head, "aux:pass") >= 0 && t.child(h, "aux:pass") < 0 && t.toks[h].XPOS != "VBN" {
			return sc.parties(k)
		}
		return sc.subject(head, preds, depth+1)
	case "acl":
		// A passive participle's noun is its patient: "the mayor, jailed a
		// year ago" says nothing of who jailed him.
		// But a verb of intent with its infinitive is no participle:
		// "the army prepared to resume shelling", misparsed as "the army
		// (that was) prepared".
		intent := planVerbs[t.lemma(h)] && t.child(h, "xcomp") >= 0
		if t.toks[h].XPOS == "VBN" && t.toks[h].Rel != "acl:relcl" && !intent {
			return nil
		}
		// "a relative clause's noun", "Belarus ... of helping Russia",
		// "troops firing on protesters": the modified noun acts.
		if ps := sc.parties(head); len(ps) > 0 || t.toks[h].Rel == "acl:relcl" {
			return ps
		}
		// "a resolution condemning X": the one who adopted the resolution,
		// the subject of the verb above the noun.
		for hh, hops := t.head[head], 0; hh >= 0 && hops < 3; hh, hops = t.head[hh], hops+1 {
			if t.toks[hh].UPOS == "VERB" {
				return sc.subject(hh, preds, depth+1)
			}
		}
	}
	return nil
}

// wordOwner returns the state that owns a thing the rule's pattern names,
// when it is not the source's: "closed the German consulate in
// Kaliningrad" is against Germany.
func (sc *sentenceCoder) wordOwner(p *pred) []party {
	t := sc.t
	if len(p.src) == 0 {
		return nil // "after Russia launched its invasion" misparsed: no owner without a known source
	}
	for _, w := range p.words {
		if w == p.head || t.toks[w].UPOS != "NOUN" {
			continue
		}
		for _, m := range t.kids[w] {
			if r := t.toks[m].Rel; r != "amod" && r != "nmod:poss" {
				continue
			}
			for _, a := range sc.parties(m) {
				if len(a.code) < 3 || sectorCodes[a.code] || country(p.src[0].code) == country(a.code) {
					continue
				}
				return []party{a}
			}
		}
		// "the German consulate" read as one mention of a state's body.
		if ps := sc.parties(w); len(ps) > 0 && len(ps[0].code) > 3 && !sectorCodes[ps[0].code] && country(p.src[0].code) != country(ps[0].code) {
			return ps[:1]
		}
	}
	return nil
}

// reciprocal makes the targets of coordinated sources acting on "each
// other's" people the sources themselves, with the people's sector:
// "Germany and Russia have expelled dozens of each other's diplomats" (DEU
// -> RUSGOV, RUS -> DEUGOV).
func (sc *sentenceCoder) reciprocal(p *pred) {
	if len(p.src) < 2 || len(p.tgt) == 0 || !sc.eachOther(p.tgt[0].tok) {
		return
	}
	sector := ""
	if c := p.tgt[0].code; sectorCodes[c] {
		sector = c
	} else if len(c) > 3 {
		sector = c[3:]
	}
	var tgts []party
	for _, b := range p.src {
		tgts = append(tgts, party{tok: -1, actor: b.actor, code: country(b.code) + sector})
	}
	p.tgt, p.each = tgts, true
}

// eachOther reports whether the noun phrase at k is, or is the head of, a
// phrase owned by "each other" ("each other's diplomats", "dozens of each
// other's diplomats").
func (sc *sentenceCoder) eachOther(k int) bool {
	t := sc.t
	if k < 0 {
		return false
	}
	for _, n := range append([]int{k}, t.children(k, "nmod")...) {
		for _, m := range t.kids[n] {
			switch t.toks[m].Rel {
			case "nmod:poss": // "other" owning, "each" its determiner
				if t.lower(m) == "other" && t.hasChildLemma(m, "det", "each") || t.lower(m) == "each" && t.hasChildLemma(m, "fixed", "other") {
					return true
				}
			case "det": // "each" with "other" fixed to it
				if t.lower(m) == "each" && t.hasChildLemma(m, "fixed", "other") {
					return true
				}
			}
		}
	}
	return false
}

// hostVerbs bring about the meeting, talks or visit that is their object,
// and lend it their modality: "will host a new round of talks".
var hostVerbs = map[string]bool{"host": true, "hold": true, "convene": true, "organise": true, "organize": true,
	"arrange": true, "attend": true, "join": true, "chair": true, "sponsor": true, "broker": true}

// governingVerb returns the host verb whose object (or a noun within it) the
// event noun h is, or -1.
func (sc *sentenceCoder) governingVerb(h int) int {
	t := sc.t
	for j, hops := h, 0; j >= 0 && hops < 3; j, hops = t.head[j], hops+1 {
		switch t.rel(j) {
		case "obj", "nmod", "compound":
		default:
			return -1
		}
		if v := t.head[j]; v >= 0 && t.toks[v].UPOS == "VERB" {
			if t.rel(j) != "obj" || !hostVerbs[t.lemma(v)] {
				return -1
			}
			return v
		}
	}
	return -1
}

// finiteAbove repairs a finite verb h that the parser conjoined to a "to"
// infinitive: it returns the finite verb the infinitive's clause hangs on,
// or -1.
func (sc *sentenceCoder) finiteAbove(h int) int {
	t := sc.t
	head := t.head[h]
	if !finiteXPOS(t.toks[h].XPOS) || head < 0 || t.toks[head].XPOS != "VB" || markOf(t, head) != "to" {
		return -1
	}
	for j, i := t.head[head], 0; j >= 0 && i < 4; j, i = t.head[j], i+1 {
		if finiteXPOS(t.toks[j].XPOS) && t.toks[j].UPOS == "VERB" {
			if finiteXPOS(t.toks[h].XPOS) && t.toks[j].XPOS == t.toks[h].XPOS {
				return j
			}
			return -1
		}
	}
	return -1
}

func finiteXPOS(x string) bool { return x == "VBD" || x == "VBZ" || x == "VBP" }

// targetOf finds the target of p from its rule's slot or the default slots.
func (sc *sentenceCoder) targetOf(p *pred) []party {
	h := p.head
	if p.rule.Target != "" {
		// The rule says where its target is; nothing else will do, but an
		// equally specific rule whose slot is filled may code instead.
		if ps := sc.slot(h, p.rule.Target, p.words); len(ps) > 0 {
			return ps
		}
		for _, a := range p.alts {
			if a.rule.Code == "---" {
				continue
			}
			if ps := sc.slot(h, a.rule.Target, a.words); len(ps) > 0 {
				p.rule, p.words = a.rule, a.words
				return ps
			}
		}
		if slotHas(p.rule.Target, "obj") {
			if ps := sc.earlierOwner(p); len(ps) > 0 {
				return ps
			}
		}
		if ps := sc.wordOwner(p); len(ps) > 0 {
			return ps
		}
		// "warned that Berlin would bear responsibility": a warning is
		// aimed at the one its clause says will suffer or act.
		if strings.HasPrefix(p.rule.Code, "13") {
			for _, c := range sc.t.children(h, "ccomp") {
				if k := sc.t.child(c, "nsubj", "nsubj:pass"); k >= 0 {
					for _, a := range sc.parties(k) {
						if len(p.src) == 0 || country(a.code) != country(p.src[0].code) {
							return []party{a}
						}
					}
				}
			}
		}
		return sc.placeTarget(p)
	}
	if p.rule.Flags.Has(FlagDemand) {
		return sc.demanded(p)
	}
	if p.rule.Nominal {
		for _, prep := range []string{"of", "against", "on", "to", "with", "in"} {
			if ps := sc.slot(h, prep, p.words); len(ps) > 0 {
				return ps
			}
		}
		return nil
	}
	for _, s := range []string{"obj", "iobj", "against", "with", "to", "on", "toward", "towards", "at", "into", "over", "from"} {
		if ps := sc.slot(h, s, p.words); len(ps) > 0 {
			return ps
		}
	}
	// Last, as PETRARCH does, the first actor inside the verb's object:
	// "welcomed a resumption of ties between Eriador and Osgiliath".
	if o := sc.t.child(h, "obj"); o >= 0 {
		for _, k := range sc.t.complement(o, true) {
			if k == o {
				continue
			}
			if m := sc.ment.at(sc.t.toks[k].Span()); m != nil && sc.t.rel(k) == "nmod" {
				return sc.parties(k)
			}
		}
		// An object that is a place, or a thing in one, stands for the
		// country it lies in: "re-examine the refineries in Iran", "taken
		// the city of Mosul", "bombarded a part of Syria's second city".
		if c := sc.placeCountry(o, 0); c != "" {
			return []party{{tok: o, code: c}}
		}
	}
	if ps := sc.earlierVisitor(p); len(ps) > 0 {
		p.earlier = true
		return ps
	}
	if ps := sc.earlierOwner(p); len(ps) > 0 {
		return ps
	}
	// An investigation or a use or show of force with no one named as its
	// object is aimed at the country where it happens, when that is not the
	// source itself: "conducting military exercises in Alaska", "launched
	// attacks in northeastern Nigeria" (CAMEO 15: "targets are actors
	// against whom the source mobilizes its military capabilities").
	return sc.placeTarget(p)
}

// placeTarget returns the country where p happens as its target when p is
// an investigation or a use or show of force and the country is not the
// source itself, else nil.
func (sc *sentenceCoder) placeTarget(p *pred) []party {
	switch p.code()[:2] {
	case "09", "15", "18", "19", "20":
	default:
		return nil
	}
	loc := sc.location(p, party{})
	if loc == nil || len(loc.Country) != 3 {
		return nil
	}
	for _, s := range p.src {
		if s.code == loc.Country {
			return nil
		}
	}
	return []party{{tok: -1, code: loc.Country}}
}

// placeCountry returns the country of the place the phrase headed by k
// names or lies in ("the city of Mosul", "the refineries in Iran", "a part
// of Syria's second city"), or "".
func (sc *sentenceCoder) placeCountry(k, depth int) string {
	t := sc.t
	if depth > 3 || k < 0 {
		return ""
	}
	if u := t.toks[k].UPOS; depth > 0 && u == "PROPN" {
		if loc, ok := sc.c.place(sc.nameAt(k)); ok && loc.Country != "" {
			return loc.Country
		}
		if loc, ok := sc.c.place(t.toks[k].Form); ok && loc.Country != "" {
			return loc.Country
		}
		if m := sc.ment.at(t.toks[k].Span()); m != nil && m.actor != nil && m.actor.Kind == dyad.KindState && len(m.code) == 3 {
			return m.code
		}
	}
	for _, m := range t.kids[k] {
		switch t.rel(m) {
		case "nmod", "appos", "flat":
			if c := t.caseOf(m); c != "" && c != "in" && c != "of" && c != "near" && c != "outside" {
				continue
			}
		default:
			if t.toks[m].Rel != "nmod:poss" {
				continue
			}
		}
		if c := sc.placeCountry(m, depth+1); c != "" {
			return c
		}
	}
	return ""
}

// slot resolves one slot of the predicate at h.
func (sc *sentenceCoder) slot(h int, slot string, words []int) []party {
	t := sc.t
	for _, s := range strings.Split(slot, "|") {
		for _, k := range sc.slotTokens(h, s, words) {
			// A role word on a word of the rule's pattern says what is
			// done, not to whom: "offering military support to Lebanon"
			// is not to the military ("attack Indian positions" is India).
			if ps := sc.parties(k); len(ps) > 0 && !(slices.Contains(words, k) && len(ps) == 1 && sectorCodes[ps[0].code]) {
				return ps
			}
			// A place named as the object stands for its country: "annexed
			// Crimea" (UKR), as "took the city of Mosul" does.
			if t.toks[k].UPOS == "PROPN" && s == "obj" {
				if c := sc.placeCountry(k, 1); c != "" {
					return []party{{tok: k, code: c}}
				}
			}
			// An event noun stands for its actor: "condemning Russia's invasion".
			if t.toks[k].UPOS == "NOUN" {
				if _, ok := sc.c.ix.nouns[t.lemma(k)]; ok {
					for _, m := range t.kids[k] {
						switch t.toks[m].Rel {
						case "nmod:poss", "amod", "compound":
							if ps := sc.parties(m); len(ps) > 0 {
								return ps
							}
						}
					}
				}
				// An object that is a thing, not an actor, is the actor's
				// it names (as PETRARCH reads an object): "praised Haiti's
				// efforts", "endorsed an agreement with the EU".
				if s == "obj" {
					for _, m := range t.kids[k] {
						r := t.toks[m].Rel
						if r == "nmod:poss" || r == "nmod" && (t.caseOf(m) == "with" || t.caseOf(m) == "between" || t.caseOf(m) == "by") {
							if ps := sc.parties(m); len(ps) > 0 {
								return ps
							}
						}
					}
					// "condemned the veto by Russia" with "by Russia" hung
					// on the active verb: the author of the thing.
					if t.child(h, "aux:pass") < 0 {
						for _, m := range t.children(h, "obl") {
							if m > k && t.caseOf(m) == "by" {
								if ps := sc.parties(m); len(ps) > 0 {
									return ps
								}
							}
						}
					}
				}
				// A place, or a thing in one, stands for its country:
				// "attacked the refineries in Iran", "expressed sorrow for
				// the shootings in South Carolina".
				if c := sc.placeCountry(k, 0); c != "" {
					return []party{{tok: k, code: c}}
				}
				// People of a body or country named after them: "asset
				// freezes against four senior officers in the Russian
				// military" (RUSMIL).
				if _, event := sc.c.ix.nouns[t.lemma(k)]; !event {
					for _, m := range t.children(k, "nmod") {
						if c := t.caseOf(m); c == "in" || c == "from" || c == "within" {
							if ps := sc.parties(m); len(ps) > 0 {
								return ps
							}
						}
					}
				}
			}
		}
	}
	return nil
}

// slotTokens returns the tokens that fill one slot (obj, iobj, poss, subj,
// agent or a preposition) of the predicate at h.
func (sc *sentenceCoder) slotTokens(h int, s string, words []int) []int {
	t := sc.t
	switch s {
	case "subj":
		return t.children(h, "nsubj")
	case "agent":
		return t.children(h, "obl:agent")
	case "obj":
		if cands := t.children(h, "obj"); len(cands) > 0 {
			return cands
		}
		if cands := t.children(h, "nsubj:pass"); len(cands) > 0 {
			return cands
		}
		// A heavy object after a predicative "as": "condemned as
		// unacceptable allegations by Rwanda", read as an oblique.
		var cands []int
		for _, k := range t.children(h, "obl") {
			if t.caseOf(k) == "as" && t.child(k, "amod") >= 0 && t.child(k, "det") < 0 && k > h {
				cands = append(cands, k)
			}
		}
		return cands
	case "iobj":
		return t.children(h, "iobj")
	case "poss":
		var cands []int
		for _, o := range t.children(h, "obj") {
			cands = append(cands, t.children(o, "nmod:poss")...)
		}
		return cands
	}
	// A preposition: obl of the head, nmod of the object or of a matched word.
	var cands []int
	anchors := append([]int{h}, words...)
	anchors = append(anchors, t.children(h, "obj")...)
	// "announced asset freezes and travel bans against X": the last of
	// coordinated nouns carries the phrase for all.
	for _, w := range words {
		if w != h && t.toks[w].UPOS == "NOUN" {
			anchors = append(anchors, t.children(w, "conj")...)
		}
	}
	for _, a := range anchors {
		for _, k := range t.kids[a] {
			switch t.rel(k) {
			case "obl", "nmod", "advcl":
				if t.caseOf(k) == s || markOf(t, k) == s {
					cands = append(cands, k)
				}
			}
		}
	}
	return cands
}

func markOf(t *tree, k int) string {
	for _, m := range t.kids[k] {
		if t.rel(m) == "mark" {
			return t.lemma(m)
		}
	}
	return ""
}

// pairs lists the (source, target) pairs p codes, both ways when reciprocal.
func (sc *sentenceCoder) pairs(p *pred) [][2]party {
	var out [][2]party
	add := func(a, b party) {
		if a.code == "" {
			return
		}
		if a.code == b.code && a.actor == b.actor {
			// "the teachers ended their strike", "Russia closed its
			// borders": the actor's own act, without a target. A
			// reciprocal or nominal one has no other party to stand for.
			if p.rule.Flags.Has(FlagRecip) || p.rule.Nominal && !p.rule.Flags.Has(FlagSelf) {
				return
			}
			b = party{}
		}
		// A verb's event stands without a target, as CAMEO codes
		// "Russia threatened to retaliate" (RUS --- 130); a noun's does not.
		if b.code == "" && p.rule.Nominal && !p.rule.Flags.Has(FlagSelf) {
			return
		}
		out = append(out, [2]party{a, b})
	}
	recip := p.rule.Flags.Has(FlagRecip) && !p.adopted ||
		len(p.tgt) == 0 && len(p.src) >= 2 && !p.rule.Nominal && mutualCode(p.code()) && sc.relational(p.head)
	// "Germany and Russia have expelled dozens of each other's diplomats":
	// each subject did it to the others.
	if p.each {
		for _, a := range p.src {
			for _, b := range p.tgt {
				if country(a.code) != country(b.code) {
					add(a, b)
				}
			}
		}
		return out
	}
	if len(p.tgt) == 0 && !p.rule.Flags.Has(FlagSelf) {
		if sc.unknownName(p) {
			return nil // the target is named but unknown: better no event than a wrong one
		}
		if sc.thingObject(p) || sc.helpToDo(p) {
			return nil
		}
		// The converted dictionary's residual intent to cooperate (030:
		// "plan", "take part", "want") or consultation (040: "leave",
		// "gather", "hear") with no one to cooperate or consult with and
		// no act that refines it says nothing an analyst could use.
		if (p.code() == "030" || p.code() == "040" && sc.t.child(p.head, "obj") < 0) && p.rule.gated() && p.sub == "" && sc.t.child(p.head, "xcomp", "ccomp") < 0 {
			return nil
		}
		// Nor does its bare appeal (020: "hope", "desire") that names no
		// one it is addressed to ("hoped French officials would be
		// indicted": by no one named).
		if p.rule.Code == "020" && p.rule.gated() && len(p.rule.Words) == 0 {
			return nil
		}
	}
	switch {
	case recip && len(p.tgt) == 0 && len(p.src) >= 2:
		for _, a := range p.src {
			for _, b := range p.src {
				if a != b {
					add(a, b)
				}
			}
		}
	case len(p.tgt) == 0:
		for _, a := range p.src {
			add(a, party{})
		}
	default:
		for _, a := range p.src {
			for _, b := range p.tgt {
				add(a, b)
				// An intent is its subject's alone: "X will travel for
				// talks with Y" is X's intent to meet Y, not Y's to meet X.
				if recip && p.mod != dyad.Planned {
					add(b, a)
				}
			}
		}
	}
	return out
}

// thingObject reports whether p is a bare verb of the converted Phoenix
// dictionary (a pattern of the verb alone, no words) whose direct object is
// a thing, not an actor. Such a pattern codes the verb's sense with an actor
// as its object ("support Kiev", "boost Russia"); with a thing it means
// something else ("promoting biofuels", "expanding its campaign", "plan
// killings"), and PETRARCH, whose pattern it is, codes nothing without a
// target.
func (sc *sentenceCoder) thingObject(p *pred) bool {
	r := p.rule
	if !r.gated() || len(r.Words) > 0 || p.sub != "" {
		return false
	}
	switch r.Code[:2] {
	case "03", "05", "06", "07": // cooperation, whose sense needs a partner
	default:
		return false
	}
	t := sc.t
	for _, o := range t.children(p.head, "obj") {
		if u := t.toks[o].UPOS; u == "NOUN" || u == "PROPN" {
			return true
		}
	}
	return false
}

// helpToDo reports whether p is an act of aid (CAMEO 07) whose complement
// is an act, not a recipient: "helped to plan killings", "will send a team
// to help identify victims", "contributed to planning the massacres" say
// that the source took part in the act, not that it aided anyone.
func (sc *sentenceCoder) helpToDo(p *pred) bool {
	t := sc.t
	if !strings.HasPrefix(p.code(), "07") || t.child(p.head, "obj") >= 0 {
		return false // "send material to help defend Saudi Arabia" is aid
	}
	for _, k := range t.kids[p.head] {
		switch t.rel(k) {
		case "xcomp", "ccomp":
			if t.isVerbal(k) {
				return true
			}
		case "obl", "advcl":
			if (t.caseOf(k) == "to" || markOf(t, k) == "to") && (t.isVerbal(k) || t.toks[k].XPOS == "VBG") {
				return true
			}
		}
	}
	return false
}

// nameAt returns the name headed by token k with the compounds and flat
// parts next to it ("Gaza Strip", "South Carolina"), as written.
func (sc *sentenceCoder) nameAt(k int) string {
	t := sc.t
	lo, hi := k, k
	for changed := true; changed; {
		changed = false
		for _, m := range t.kids[k] {
			r := t.toks[m].Rel
			if r != "compound" && r != "flat" && !(r == "amod" && t.toks[m].UPOS == "PROPN") {
				continue
			}
			if m == lo-1 {
				lo, changed = m, true
			}
			if m == hi+1 {
				hi, changed = m, true
			}
		}
	}
	return sc.d.Text[t.toks[lo].Start:t.toks[hi].End]
}

// allegeVerbs accuse whoever their complement clause is about; "claim" is
// no accusation by itself.
var allegeVerbs = map[string]bool{"allege": true, "accuse": true, "charge": true, "blame": true, "implicate": true}

// protesterNouns name people in a protest.
var protesterNouns = map[string]bool{"protester": true, "protestor": true, "demonstrator": true, "rioter": true,
	"protesters": true, "protestors": true, "demonstrators": true, "rioters": true, "mob": true, "crowd": true}

// receiveVerbs name the receiving end of a transfer: "received weapons
// from the government" is the government's act.
var receiveVerbs = map[string]bool{"receive": true, "obtain": true, "get": true, "gain": true, "win": true,
	"accept": true, "secure": true, "acquire": true, "earn": true, "procure": true, "attain": true}

// receivedFrom turns a received transfer into the giver's act, as the
// codebook defines its codes by who gives: "Georgian demonstrators received
// weapons from the government" is the government's military aid (072) to
// them, "received assurances from" its promise (030). Only intents,
// cooperation and aid (03, 05-07) are transfers; a host who receives a
// visitor (043) or a mission of observers (086) acts itself.
func (sc *sentenceCoder) receivedFrom(p *pred) {
	if p.rule.Nominal || !receiveVerbs[sc.t.lemma(p.head)] || len(p.src) == 0 {
		return
	}
	switch p.code()[:2] {
	case "03", "05", "06", "07":
	default:
		return
	}
	if from := sc.slot(p.head, "from", p.words); len(from) > 0 {
		p.src, p.tgt = from, p.src
	}
}

// mutualCode reports whether an act can be the parties' own relation to
// each other: cooperation (03-08) or its reduction (16). "Brazil and
// Argentina criticized the partnership" is no criticism of each other.
func mutualCode(code string) bool {
	return code[:2] >= "03" && code[:2] <= "08" || code[:2] == "16"
}

// relationNouns name a relation that holds between parties, so that
// coordinated subjects with no other target act on each other: "Brazil and
// the United States are seeking to deepen a partnership" (and the verb
// "cooperate" itself).
var relationNouns = map[string]bool{"partnership": true, "tie": true, "ties": true, "relation": true, "relations": true,
	"relationship": true, "cooperation": true, "collaboration": true, "alliance": true, "friendship": true,
	"dialogue": true, "rapprochement": true, "coordination": true, "cooperate": true}

// relational reports whether the predicate at h is about a relation between
// its parties: a relation noun is its object, or the object of its
// infinitive ("seeking to deepen a partnership").
func (sc *sentenceCoder) relational(h int) bool {
	t := sc.t
	for _, v := range append([]int{h}, t.children(h, "xcomp")...) {
		if relationNouns[t.lemma(v)] {
			return true
		}
		for _, o := range t.children(v, "obj", "nsubj:pass") {
			if relationNouns[t.lemma(o)] || relationNouns[t.lower(o)] {
				return true
			}
		}
	}
	return false
}

// modality reads negation, futurity, conditionals and history off the clause.
func (sc *sentenceCoder) modality(h int) dyad.Modality {
	t := sc.t
	if t.hasChildLemma(h, "advmod", negators...) || t.hasChildLemma(h, "", "not", "n't", "never") {
		return dyad.Negated
	}
	for _, o := range t.children(h, "obj") {
		if t.hasChildLemma(o, "det", "no") {
			return dyad.Negated
		}
	}
	if t.rel(h) == "xcomp" && t.head[h] >= 0 && refuseVerbs[t.lemma(t.head[h])] {
		return dyad.Negated
	}
	// "would respond by expelling German diplomats": the means shares
	// the modality of the act it is the means of.
	if t.rel(h) == "advcl" && markOf(t, h) == "by" && t.toks[h].XPOS == "VBG" && t.head[h] >= 0 {
		return sc.modality(t.head[h])
	}
	for j := h; j >= 0; j = t.head[j] {
		if t.hasChildLemma(j, "mark", "if", "unless") { // the condition itself, however attached
			return dyad.Hypothetical
		}
		if t.rel(j) != "xcomp" && t.rel(j) != "conj" && j != h {
			break
		}
	}
	if t.hasChildLemma(h, "aux", "would") && (t.rel(h) == "ccomp" || t.rel(h) == "conj" && t.head[h] >= 0 && t.rel(t.head[h]) == "ccomp") {
		return dyad.Planned // reported future: "said India would send aid"
	}
	if t.hasChildLemma(h, "aux", hypoAux...) {
		// "may halt mediation if cooperation founders": a conditional
		// undertaking is a threat or a promise, as CAMEO codes it.
		for _, k := range t.children(h, "advcl") {
			if m := markOf(t, k); m == "if" || m == "unless" {
				return dyad.Planned
			}
		}
		return dyad.Hypothetical
	}
	if t.hasChildLemma(h, "aux", futureAux...) || t.hasChildLemma(h, "advmod", "soon") {
		return dyad.Planned
	}
	// "is set to pay", "plans to visit"
	for j := h; t.rel(j) == "xcomp" && t.head[j] >= 0; j = t.head[j] {
		if planVerbs[t.lemma(t.head[j])] || t.hasChildLemma(t.head[j], "aux", futureAux...) {
			return dyad.Planned
		}
	}
	if t.toks[h].UPOS == "NOUN" {
		if v := t.head[h]; v >= 0 && t.rel(h) == "nsubj" {
			for _, o := range t.children(v, "obj") {
				if historyNoun[t.lemma(o)] {
					return dyad.Historical
				}
			}
		}
	}
	// "for years", "over decades" anywhere in the clause's complements.
	for _, k := range t.complement(h, false) {
		if r := t.rel(k); r != "obl" && r != "nmod" {
			continue
		}
		c := t.caseOf(k)
		l := t.lemma(k)
		if (c == "for" || c == "over") && (l == "year" || l == "decade" || l == "century" || l == "month") && strings.HasSuffix(t.lower(k), "s") {
			return dyad.Historical
		}
	}
	return dyad.Asserted
}

// supposedWish reports whether h is, or is the infinitive of, a verb of
// wishing under "might", "may", "could" or "would" ("the tanks might want
// Obama to head back"): the writer's guess at a wish no one expressed, which
// codes no event, neither the wish nor what is wished.
func (sc *sentenceCoder) supposedWish(h int) bool {
	t := sc.t
	for j, hops := h, 0; j >= 0 && hops < 4; j, hops = t.head[j], hops+1 {
		if desireVerbs[t.lemma(j)] && t.isVerbal(j) && t.hasChildLemma(j, "aux", hypoAux...) {
			return true
		}
		if t.rel(j) != "xcomp" {
			return false
		}
	}
	return false
}

// event builds one event, or nil when the pair cannot be coded.
func (sc *sentenceCoder) event(p *pred, src, tgt party, code, rule string, mod dyad.Modality) *dyad.Event {
	if mod == dyad.Planned {
		if c, ok := intentCode(code); ok {
			code, rule = c, rule+"+intent"
		}
	}
	// "Use this event form to code demonstrations and protests that turn
	// violent" (CAMEO 145): protesters who damage or destroy property riot.
	if strings.HasPrefix(code, "171") && src.tok >= 0 && (protesterNouns[sc.t.lemma(src.tok)] ||
		sc.t.head[src.tok] >= 0 && protesterNouns[sc.t.lemma(sc.t.head[src.tok])]) {
		code, rule = "145", rule+"+protest"
	}
	info, ok := sc.c.lookup(code)
	if !ok {
		return nil
	}
	t := sc.t
	ev := &dyad.Event{
		Sentence:  sc.s.N,
		Source:    dyad.Participant{Code: src.code},
		Target:    dyad.Participant{Code: tgt.code},
		CAMEO:     code,
		CAMEOName: info.Name,
		Goldstein: info.Goldstein,
		QuadClass: info.QuadClass,
		PLOVER:    dyad.PLOVER{Type: info.PLOVERType, Mode: info.PLOVERMode},
		Modality:  mod,
		Rule:      rule,
		Span:      t.toks[p.head].Span(),
	}
	// PLOVER resolves an actor "using the context of the article" (PLOVER
	// manual, chapter "Country Names and Sector Codes"): a role that names no country of its own ("the
	// military government", "Islamic fundamentalists") takes the country
	// mentioned nearest to it in the sentence.
	if c := sc.contextCountry(src); c != "" {
		ev.Source.Code = c + src.code
	}
	if src.tok < 0 && src.actor == nil && src.code == "UAF" {
		// The unnamed attacker's country is the place's: where it came
		// from, else where the event happened, else the country named
		// nearest to the verb other than the target's and the speaker's.
		// Without one there is no event.
		c := ""
		for _, k := range t.kids[p.head] { // "fired at it from the Gaza Strip"
			if t.rel(k) != "obl" || t.caseOf(k) != "from" {
				continue
			}
			if m := sc.ment.at(t.toks[k].Span()); m != nil && m.actor != nil {
				c = m.actor.Country
			} else if loc, ok := sc.c.place(sc.nameAt(k)); ok {
				c = loc.Country
			}
		}
		if loc := sc.location(p, tgt); c == "" && loc != nil {
			c = loc.Country
		}
		if c == "" {
			// Nor the speaker's: "Israel said a mortar bomb was fired at it".
			spk := ""
			if p.say >= 0 {
				spk = country(sc.speakerParty(p.say).code)
			}
			c = sc.nearestCountry(p.head, country(tgt.code), spk)
		}
		if c == "" {
			return nil
		}
		ev.Source.Code = c + "UAF"
	}
	if c := sc.contextCountry(tgt); c != "" {
		ev.Target.Code = c + tgt.code
		// A sector the context gives the source's own code ("the
		// diplomats ... must leave", said by the German Foreign Office)
		// is no second actor.
		if ev.Target.Code == ev.Source.Code {
			return nil
		}
	}
	if src.actor != nil {
		ev.Source.Actor = src.actor.ID
	}
	if tgt.actor != nil {
		ev.Target.Actor = tgt.actor.ID
	}
	if p.say >= 0 {
		if sp := sc.speakerParty(p.say); sp.actor != nil {
			ev.AttributedTo = sp.actor.ID
		}
	}
	sc.date(p, ev)
	if start, ok := when.Start(ev.Date); ok {
		old := start.Before(sc.pub.AddDate(0, 0, -30))
		switch {
		case ev.Modality == dyad.Asserted && old:
			ev.Modality = dyad.Historical
		case ev.Modality == dyad.Historical && !old:
			// "for years" happened before the date the clause names.
			ev.Date, ev.DatePrecision = "", dyad.PrecisionUnknown
		}
	}
	ev.Location = sc.location(p, tgt)
	return ev
}

func (sc *sentenceCoder) speakerParty(say int) party {
	ps := sc.subject(say, nil, 0)
	if len(ps) == 0 {
		return party{}
	}
	return ps[0]
}

func (sc *sentenceCoder) actorByID(id string) *dyad.Actor {
	for i := range sc.d.Actors {
		if sc.d.Actors[i].ID == id {
			return &sc.d.Actors[i]
		}
	}
	return nil
}

// date resolves the event's date from the temporal modifiers of its clause.
func (sc *sentenceCoder) date(p *pred, ev *dyad.Event) {
	ev.DatePrecision = dyad.PrecisionUnknown
	if !sc.hasPub {
		return
	}
	t := sc.t
	future := ev.Modality == dyad.Planned
	// The nearest date expression to the event's clause (its verb, or the
	// noun of a nominal event) dates it.
	anchor := p.head
	if !p.rule.Nominal {
		anchor = sc.clauseVerb(p.head)
	}
	// "one year after Russia launched ...", "two days before the vote":
	// the duration measured from the date of the clause the phrase hangs on,
	// unless the governed phrase names its own date.
	if d, ok := sc.relative(anchor); ok {
		ev.Date, ev.DatePrecision = d.Value, d.Precision
		return
	}
	best, bestDist := -1, 1<<30
	clause := sc.verbOf(anchor)
	own := sc.verbOf(p.head) // "are expected to meet ... on Wednesday"
	for i, x := range sc.timexes() {
		// Another clause's date does not count ("cooperated for years and
		// would sign in April"); a noun's event may take its date from a
		// clause above it ("condemning Russia's invasion ... a year ago").
		if v := sc.verbOf(x.head); clause >= 0 && v != clause && !(!p.rule.Nominal && v == own) && !(p.rule.Nominal && sc.above(v, anchor)) {
			continue
		}
		d := 0
		switch {
		case anchor < x.lo:
			d = x.lo - anchor
		case anchor > x.hi:
			d = anchor - x.hi
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		// A conjoined predicate of the same tense shares its first
		// conjunct's date: "expelled four diplomats on Thursday and
		// summoned the ambassador", "On Friday, Russia ordered ... and
		// closed the consulate".
		if d, ok := sc.conjunctDate(clause); ok {
			ev.Date, ev.DatePrecision = d.Value, d.Precision
			return
		}
	}
	if best >= 0 {
		x := sc.timexes()[best]
		// The tense of the verb the expression hangs on decides its direction:
		// "said on Monday that India would send aid" is last Monday.
		if v := t.head[x.head]; v >= 0 && isPast(t.toks[v]) {
			future = false
		}
		if d, ok := when.Resolve(x.words, sc.pub, future); ok {
			ev.Date, ev.DatePrecision = d.Value, d.Precision
			if d.Value != "" {
				return
			}
		}
	}
	switch ev.Modality {
	case dyad.Asserted, dyad.Claimed, dyad.Denied, dyad.Negated:
		ev.Date, ev.DatePrecision = sc.pub.Format(when.Layout), dyad.PrecisionDay
		if d, prec, ok := sc.carriedDate(anchor, ev); ok {
			ev.Date, ev.DatePrecision = d, prec
		}
	}
}

// conjunctDate is the date of the clause that verb v is conjoined to, when
// both verbs have the same tense and v's own clause names no date.
func (sc *sentenceCoder) conjunctDate(v int) (when.Date, bool) {
	t := sc.t
	for i := 0; i < 3 && v >= 0 && t.rel(v) == "conj"; i++ {
		h := t.head[v]
		if f := sc.finiteAbove(v); f >= 0 {
			h = f
		}
		if h < 0 || t.toks[h].UPOS != "VERB" || isPast(t.toks[h]) != isPast(t.toks[v]) {
			return when.Date{}, false
		}
		if d, ok := sc.clauseDate(h, -1, -1); ok {
			return d, true
		}
		v = h
	}
	return when.Date{}, false
}

// carriedDate dates a past clause that names no date and whose subject is a
// sentence-initial pronoun for the actor of the sentence before ("The UN
// General Assembly on Thursday backed a resolution ... It called for the
// withdrawal of troops"): the narrative carries on that sentence's date,
// when that sentence named one.
func (sc *sentenceCoder) carriedDate(anchor int, ev *dyad.Event) (string, string, bool) {
	t := sc.t
	v := sc.verbOf(anchor)
	if v < 0 || !isPast(t.toks[v]) || ev.Source.Actor == "" {
		return "", "", false
	}
	subj := t.child(v, "nsubj")
	if subj < 0 || t.toks[subj].UPOS != "PRON" {
		return "", "", false
	}
	for k := 0; k < subj; k++ {
		if t.toks[k].UPOS != "PUNCT" {
			return "", "", false
		}
	}
	pub := sc.pub.Format(when.Layout)
	for i := len(sc.prev) - 1; i >= 0 && sc.prev[i].Sentence == sc.s.N-1; i-- {
		e := sc.prev[i]
		if e.Source.Actor == ev.Source.Actor && e.Date != "" && e.Date != pub && e.Modality != dyad.Historical && e.Modality != dyad.Planned {
			return e.Date, e.DatePrecision, true
		}
	}
	return "", "", false
}

// relative dates an event whose clause or noun is governed by "after",
// "before" or "since" carrying a duration ("precisely one year after Russia
// launched ...", "two days before the vote", "a year after the invasion",
// "three months since the coup"): the event lies the duration before (after,
// since) or after (before) the date of the clause the phrase hangs on, which
// is the publication day when that clause names none. A date the governed
// phrase names itself ("after the attack on 3 March") wins.
func (sc *sentenceCoder) relative(anchor int) (when.Date, bool) {
	t := sc.t
	for m := 1; m < len(t.toks); m++ {
		dir := 0
		switch t.lower(m) {
		case "after", "since":
			dir = -1
		case "before":
			dir = 1
		}
		if dir == 0 || m > anchor || t.head[m] < 0 {
			continue
		}
		if r := t.rel(m); r != "case" && r != "mark" {
			continue
		}
		// The duration ends right before the preposition: "one year",
		// "a few days", "48 hours".
		u := m - 1
		if !when.IsTemporal(t.lower(u)) || !isDurationUnit(t.lower(u)) {
			continue
		}
		lo := u
		for lo > 0 && (t.toks[lo-1].UPOS == "NUM" || t.toks[lo-1].UPOS == "DET" || isVagueCount(t.lower(lo-1))) {
			lo--
		}
		// The governed phrase: the word the preposition attaches to, or the
		// clause it opens when a parse hung it on the clause's subject.
		r := t.head[m]
		for t.head[r] >= 0 && strings.HasPrefix(t.rel(r), "nsubj") && t.subtreeSpan(t.head[r]).Start >= t.toks[lo].Start {
			r = t.head[r]
		}
		if anchor != r && !sc.above(r, anchor) {
			continue
		}
		span := t.subtreeSpan(r)
		from := when.Day(sc.pub)
		if h := t.head[r]; h >= 0 {
			if d, ok := sc.clauseDate(sc.verbOf(h), lo, m); ok {
				from = d
			}
		}
		for _, x := range sc.timexes() {
			if x.lo > m && t.toks[x.lo].Start >= span.Start && t.toks[x.hi].End <= span.End {
				if d, ok := when.Resolve(x.words, sc.pub, false); ok && d.Value != "" {
					return d, true
				}
			}
		}
		ws := make([]string, 0, m-lo)
		for k := lo; k < m; k++ {
			ws = append(ws, t.lower(k))
		}
		return when.Offset(ws, from, dir)
	}
	return when.Date{}, false
}

// clauseDate resolves the first date expression of verb v's clause outside
// the tokens [lo, hi).
func (sc *sentenceCoder) clauseDate(v, lo, hi int) (when.Date, bool) {
	if v < 0 {
		return when.Date{}, false
	}
	for _, x := range sc.timexes() {
		if x.hi >= lo && x.lo < hi || sc.verbOf(x.head) != v {
			continue
		}
		future := !isPast(sc.t.toks[v])
		if d, ok := when.Resolve(x.words, sc.pub, future); ok && d.Value != "" {
			return d, true
		}
	}
	return when.Date{}, false
}

func isDurationUnit(w string) bool {
	switch w {
	case "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "hour", "hours":
		return true
	}
	return false
}

func isVagueCount(w string) bool {
	switch w {
	case "few", "several", "many", "some", "couple", "of":
		return true
	}
	return false
}

func isUnitRel(r string) bool {
	switch r {
	case "obl:npmod", "obl:tmod", "obl:unmarked", "nmod:npmod", "nmod:tmod", "nmod:unmarked":
		return true
	}
	return false
}

// clauseVerb climbs from a predicate out of infinitives, participles and
// the nouns they modify to the verb of its clause: "backed a resolution
// condemning ..." is dated and placed by "backed".
func (sc *sentenceCoder) clauseVerb(h int) int {
	t := sc.t
	j := h
	for i := 0; i < 5 && t.head[j] >= 0; i++ {
		r := t.rel(j)
		if t.toks[j].UPOS == "VERB" && r != "acl" && r != "xcomp" {
			break
		}
		j = t.head[j]
	}
	if t.toks[j].UPOS != "VERB" {
		return h
	}
	return j
}

// timex is a date expression of the sentence: its token range and words.
type timex struct {
	head   int
	lo, hi int
	words  []string
}

// timexes finds the sentence's date expressions once.
func (sc *sentenceCoder) timexes() []timex {
	if sc.tx != nil {
		return *sc.tx
	}
	t := sc.t
	var out []timex
	for k := range t.toks {
		words, ok := sc.temporal(k)
		if !ok {
			continue
		}
		_ = words
		idx := sc.timexTokens(k)
		lo, hi := idx[0], idx[len(idx)-1]
		ws := make([]string, len(idx))
		for i, j := range idx {
			ws[i] = t.lower(j)
		}
		out = append(out, timex{head: k, lo: lo, hi: hi, words: ws})
	}
	// Keep the widest: "a year ago", not "a year" inside it.
	keep := out[:0]
	for i, x := range out {
		inner := false
		for j, y := range out {
			inner = inner || i != j && x.lo >= y.lo && x.hi <= y.hi && (x.lo != y.lo || x.hi != y.hi || j < i)
		}
		if !inner {
			keep = append(keep, x)
		}
	}
	out = keep
	sc.tx = &out
	return out
}

// timexTokens returns, in order, the tokens of the date expression headed
// by k: its determiners, numbers, modifiers and prepositions, and nested
// date words ("a year" under "ago"), but no clause a bad parse hung on it.
func (sc *sentenceCoder) timexTokens(k int) []int {
	t := sc.t
	out := []int{k}
	for _, c := range t.kids[k] {
		switch t.rel(c) {
		case "compound":
			// "flood reconstruction next year": a noun hung on the date
			// by a bad parse is no part of it.
			if t.toks[c].UPOS != "NOUN" || when.IsTemporal(t.lower(c)) {
				out = append(out, sc.timexTokens(c)...)
			}
		case "case":
			if t.lower(c) != "for" {
				out = append(out, sc.timexTokens(c)...)
			}
		case "det", "nummod", "amod", "fixed", "flat", "advmod":
			out = append(out, sc.timexTokens(c)...)
		default:
			if isUnitRel(t.toks[c].Rel) && when.IsTemporal(t.lower(c)) {
				out = append(out, sc.timexTokens(c)...)
			}
		}
	}
	sort.Ints(out)
	return out
}

// temporal returns the words of k's subtree when k is a date modifier.
func (sc *sentenceCoder) temporal(k int) ([]string, bool) {
	t := sc.t
	r := t.toks[k].Rel
	switch {
	case isUnitRel(r), r == "advmod":
	case r == "obl" || r == "nmod":
		switch t.caseOf(k) {
		case "on", "in", "at", "since", "during", "by", "until":
		case "for":
			// "provide $500 million for flood reconstruction next year":
			// the parser hung the purpose's "for" on the date; a deictic
			// date ("next year", "this week") is still one.
			if !t.hasChildLemma(k, "amod", "next", "last", "this", "coming", "past") {
				return nil, false
			}
		default:
			return nil, false
		}
	default:
		return nil, false
	}
	if !when.IsTemporal(t.lower(k)) {
		return nil, false
	}
	return sc.words(k), true
}

func (sc *sentenceCoder) words(k int) []string {
	sp := sc.t.subtreeSpan(k)
	var ws []string
	for _, tk := range sc.t.toks {
		if tk.Start >= sp.Start && tk.End <= sp.End {
			ws = append(ws, strings.ToLower(tk.Form))
		}
	}
	return ws
}

// location finds where the event happened: an "in/at" place of the clause,
// else the place a visit went to.
func (sc *sentenceCoder) location(p *pred, tgt party) *dyad.Location {
	t := sc.t
	try := func(k int) *dyad.Location {
		sp := t.subtreeSpan(k)
		name := strings.TrimSpace(sc.d.Text[sp.Start:sp.End])
		if c := t.caseOf(k); c != "" {
			for _, m := range t.kids[k] {
				if t.rel(m) == "case" {
					name = strings.TrimSpace(sc.d.Text[t.toks[m].End:sp.End])
				}
			}
		}
		name = strings.TrimPrefix(name, "the ")
		if loc, ok := sc.c.place(name); ok {
			return &loc
		}
		if loc, ok := sc.c.place(t.toks[k].Form); ok {
			return &loc
		}
		return nil
	}
	for _, j := range []int{p.head, sc.clauseVerb(p.head)} {
		for _, k := range t.kids[j] {
			if (t.rel(k) == "obl" || t.rel(k) == "nmod") && (t.caseOf(k) == "in" || t.caseOf(k) == "at") {
				if loc := try(k); loc != nil {
					return loc
				}
			}
		}
		// "The UN General Assembly in New York ... backed"
		if k := t.child(j, "nsubj"); k >= 0 {
			for _, m := range t.kids[k] {
				if t.rel(m) == "nmod" && (t.caseOf(m) == "in" || t.caseOf(m) == "at") {
					if loc := try(m); loc != nil {
						return loc
					}
				}
			}
		}
	}
	if strings.HasPrefix(p.rule.Code, "042") && tgt.tok >= 0 && tgt.code != "" {
		if loc := try(tgt.tok); loc != nil {
			return loc
		}
	}
	// "killed 14 people in Gaza", "met the Chinese ambassador in
	// Islamabad": the parser hangs the place on the object; where the
	// object was is where it happened. So with an event noun's parties:
	// "talks between Israel and Hamas in Cairo".
	objs := t.children(p.head, "obj")
	if p.rule.Nominal {
		objs = t.children(p.head, "nmod")
	}
	for _, o := range objs {
		for _, m := range t.kids[o] {
			if t.rel(m) == "nmod" && (t.caseOf(m) == "in" || t.caseOf(m) == "at") {
				if loc := try(m); loc != nil {
					return loc
				}
			}
		}
	}
	return nil
}

func slotHas(slot, s string) bool {
	for _, x := range strings.Split(slot, "|") {
		if x == s {
			return true
		}
	}
	return false
}

// demanded finds whom a demand is addressed to: the actor of what is
// demanded ("called for the withdrawal of Russian troops"), the object
// ("urged Iran to ..."), else the target of the source's last event in the
// article ("It called for the withdrawal" after condemning Russia).
func (sc *sentenceCoder) demanded(p *pred) []party {
	t := sc.t
	h := p.head
	if ps := sc.slot(h, "obj|iobj", p.words); len(ps) > 0 {
		return ps
	}
	for _, w := range p.words {
		for _, k := range t.kids[w] {
			switch t.toks[k].Rel {
			case "nmod:poss", "amod", "nmod":
				if t.toks[k].Rel == "nmod" && t.caseOf(k) != "of" && t.caseOf(k) != "by" {
					continue
				}
				if ps := sc.parties(k); len(ps) > 0 {
					return ps
				}
			}
		}
	}
	if len(p.src) == 0 {
		return nil
	}
	for i := len(sc.prev) - 1; i >= 0 && i >= len(sc.prev)-20; i-- {
		e := sc.prev[i]
		if e.Sentence < sc.s.N-2 {
			break
		}
		if e.Source.Code == p.src[0].code && e.Target.Code != "" {
			return []party{{tok: -1, actor: sc.actorByID(e.Target.Actor), code: e.Target.Code}}
		}
	}
	return nil
}

// visitNouns name a visit; visitVerbs make one.
var (
	visitNouns = map[string]bool{"visit": true, "trip": true, "tour": true}
	visitVerbs = map[string]bool{"visit": true, "travel": true, "trip": true, "tour": true, "fly": true, "arrive": true, "go": true, "come": true}
)

// earlierVisitor finds who made the visit a rule's definite event noun
// refers to ("Sudani welcomed the visit" after "Fidan will travel to
// Baghdad"): with no owner in the noun phrase, the source of the latest
// visit or journey of the few sentences before, by another country than the
// source's. CAMEO 043 (host a visit) targets the visitor.
func (sc *sentenceCoder) earlierVisitor(p *pred) []party {
	t := sc.t
	if len(p.src) == 0 {
		return nil
	}
	noun := -1
	for _, w := range p.words {
		if w != p.head && visitNouns[t.lemma(w)] && t.hasChildLemma(w, "det", "the", "this", "that") && t.child(w, "nmod:poss") < 0 && t.child(w, "nmod") < 0 {
			noun = w
		}
	}
	if noun < 0 {
		return nil
	}
	for i := len(sc.prev) - 1; i >= 0; i-- {
		e := sc.prev[i]
		if e.Sentence < sc.s.N-4 {
			break
		}
		if e.Source.Code == "" || country(e.Source.Code) == country(p.src[0].code) || e.Sentence < 1 || e.Sentence > len(sc.d.Sentences) {
			continue
		}
		for _, tk := range sc.d.Sentences[e.Sentence-1].Tokens {
			if tk.Start == e.Span.Start && visitVerbs[strings.ToLower(tk.Lemma)] {
				return []party{{tok: -1, actor: sc.actorByID(e.Source.Actor), code: e.Source.Code}}
			}
		}
	}
	return nil
}

// earlierOwner finds whose thing a definite object is when the sentence
// names no one ("The United States condemned the veto" after "Russia's vote
// counted as a veto"): the same noun in one of the three sentences before,
// and its owner there, a possessor or the subject of its clause ("Russia's
// vote"). Criticism, praise or rejection of a thing is of its author.
func (sc *sentenceCoder) earlierOwner(p *pred) []party {
	t := sc.t
	o := t.child(p.head, "obj")
	if o < 0 || len(p.src) == 0 || t.toks[o].UPOS != "NOUN" || !t.hasChildLemma(o, "det", "the", "this", "that") ||
		t.child(o, "nmod:poss") >= 0 || t.child(o, "nmod") >= 0 || t.child(o, "acl") >= 0 || t.child(o, "acl:relcl") >= 0 {
		return nil
	}
	lemma := t.lemma(o)
	for j := sc.s.N - 2; j >= 0 && j >= sc.s.N-4; j-- {
		s := &sc.d.Sentences[j]
		if len(s.Tokens) == 0 {
			continue
		}
		prev := &sentenceCoder{c: sc.c, d: sc.d, s: s, t: newTree(s.Tokens), ment: sc.ment}
		pt := prev.t
		for k := len(pt.toks) - 1; k >= 0; k-- {
			if pt.lemma(k) != lemma || pt.toks[k].UPOS != "NOUN" {
				continue
			}
			var ps []party
			if m := pt.child(k, "nmod:poss"); m >= 0 {
				ps = prev.parties(m)
			} else if v := pt.head[k]; v >= 0 {
				n := pt.child(v, "nsubj")
				if n < 0 && pt.rel(v) == "acl" { // "Russia's vote counted as a veto", read as a participle
					n = pt.head[v]
				}
				if n >= 0 && n != k {
					if ps = prev.parties(n); len(ps) == 0 {
						if m := pt.child(n, "nmod:poss"); m >= 0 {
							ps = prev.parties(m)
						}
					}
				}
			}
			var out []party
			for _, q := range ps {
				if country(q.code) != country(p.src[0].code) {
					out = append(out, party{tok: -1, actor: q.actor, code: q.code})
				}
			}
			if len(out) > 0 {
				return out
			}
			return nil // the nearest mention of the noun decides
		}
	}
	return nil
}

func isPast(tk dyad.Token) bool {
	return tk.XPOS == "VBD" || strings.Contains(tk.Feats, "Tense=Past") && !strings.Contains(tk.Feats, "VerbForm=Part")
}

// lookupLemma finds the rules of a lemma; when the lemmatizer's guess has
// none it tries the base forms English inflection allows for the surface
// form ("declined": decline, declin), so an unknown word's lemma error does
// not lose its event.
func lookupLemma(m map[string][]*Rule, lemma, form string) []*Rule {
	if rs := m[lemma]; len(rs) > 0 {
		return rs
	}
	for _, c := range baseForms(form) {
		if rs := m[c]; len(rs) > 0 {
			return rs
		}
	}
	return nil
}

func baseForms(w string) []string {
	var out []string
	add := func(s string) {
		if len(s) > 1 {
			out = append(out, s)
		}
	}
	switch {
	case strings.HasSuffix(w, "ied"), strings.HasSuffix(w, "ies"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "ing"):
		b := w[:len(w)-3]
		add(b)
		add(b + "e")
		if n := len(b); n > 2 && b[n-1] == b[n-2] {
			add(b[:n-1])
		}
	case strings.HasSuffix(w, "ed"):
		b := w[:len(w)-2]
		add(b)
		add(b + "e")
		if n := len(b); n > 2 && b[n-1] == b[n-2] {
			add(b[:n-1])
		}
	case strings.HasSuffix(w, "es"):
		add(w[:len(w)-2])
		add(w[:len(w)-1])
	case strings.HasSuffix(w, "s"):
		add(w[:len(w)-1])
	}
	add(w)
	return out
}

// unknownName reports whether p's target slot (any complement, for a rule
// that names no slot) holds a proper name that no actor or place covers
// ("ties with Gxndor"): the event has a target dyad can't name.
func (sc *sentenceCoder) unknownName(p *pred) bool {
	t := sc.t
	h := p.head
	unknown := func(c int) bool {
		return t.toks[c].UPOS == "PROPN" && sc.ment.at(t.toks[c].Span()) == nil && !when.IsTemporal(t.lower(c)) && !sc.isPlace(c)
	}
	// A rule that names its target's slot: only that slot counts ("asked
	// Portugal for aid, especially instructors for its Soviet-trained
	// forces" has a name, but not in the slot).
	if p.rule.Target != "" {
		for _, s := range strings.Split(p.rule.Target, "|") {
			for _, k := range sc.slotTokens(h, s, p.words) {
				for _, c := range t.conjuncts(k) {
					if unknown(c) {
						return true
					}
					for _, m := range t.kids[c] { // "ties with the Gxndor government"
						if r := t.rel(m); (r == "compound" || r == "nmod" || r == "flat") && unknown(m) {
							return true
						}
					}
				}
			}
		}
		return false
	}
	var look func(j, depth int) bool
	look = func(j, depth int) bool {
		for _, k := range t.kids[j] {
			switch t.rel(k) {
			case "obj", "iobj", "obl", "nmod":
			default:
				continue
			}
			for _, c := range t.conjuncts(k) {
				if unknown(c) {
					return true
				}
				if depth < 1 && look(c, depth+1) { // "ties with Gxndor"
					return true
				}
			}
		}
		return false
	}
	return look(h, 0)
}

// quantityNouns head a phrase whose actor is the group after "of": "tens
// of thousands of students", "a group of Liberians".
var quantityNouns = map[string]bool{"ten": true, "tens": true, "hundred": true, "hundreds": true, "thousand": true,
	"thousands": true, "million": true, "millions": true, "dozen": true, "dozens": true, "score": true, "scores": true,
	"group": true, "number": true, "majority": true, "handful": true, "crowd": true, "member": true, "band": true}

// isPlace reports whether the name at c is where something happens ("a
// rally in Lagos") or a place the gazetteer knows: a place is no unknown actor.
func (sc *sentenceCoder) isPlace(c int) bool {
	t := sc.t
	switch t.caseOf(c) {
	case "in", "at", "near", "across", "throughout", "outside", "inside":
		return true
	}
	_, ok := sc.c.place(t.toks[c].Form)
	return ok
}

// roleSector gives the CAMEO sector of the role nouns that head "the X of
// <country>" phrases.
var roleSector = map[string]string{
	"government": "GOV", "president": "GOV", "leader": "GOV", "minister": "GOV", "ministry": "GOV",
	"prime": "GOV", "king": "GOV", "cabinet": "GOV", "administration": "GOV", "regime": "GOV",
	"army": "MIL", "military": "MIL", "force": "MIL", "troop": "MIL", "troops": "MIL", "navy": "MIL",
	"police": "COP", "parliament": "LEG", "court": "JUD", "opposition": "OPP", "people": "",
	"mayor": "GOV", "governor": "GOV",
}

// statives are participles that state their subject's own attitude or
// readiness rather than something done to it.
var statives = map[string]bool{"oppose": true, "opposed": true, "commit": true, "committed": true,
	"determine": true, "determined": true}

// sectorCodes are the CAMEO role codes an actor may carry without a country.
var sectorCodes = map[string]bool{
	"GOV": true, "MIL": true, "REB": true, "OPP": true, "COP": true, "JUD": true, "LEG": true,
	"BUS": true, "CVL": true, "MED": true, "EDU": true, "LAB": true, "HLH": true, "ELI": true,
	"RAD": true, "INS": true, "SPY": true, "UAF": true, "REF": true, "AGR": true, "ENV": true,
	"CRM": true, "HRI": true, "PTY": true, "DEV": true, "REL": true, "MOD": true, "SEP": true,
}

// countryNear returns the country of an actor that modifies the phrase
// headed by c (or the mention's other tokens): in an adjective, compound or
// possessive ("Sudanese", "Iraq's"), or in a prepositional modifier of place,
// origin or belonging ("in Zimbabwe", "of Morocco", "from Sudan",
// "throughout Indonesia", "the government of President Avril"). It returns ""
// when there is none or when two countries compete.
func (sc *sentenceCoder) countryNear(c int, m *mention) string {
	t := sc.t
	heads := []int{c}
	for k := range t.toks {
		if k != c && m.span.Contains(t.toks[k].Span()) {
			heads = append(heads, k)
		}
	}
	// "the U.N. war crimes court": a compound's own compounds modify the
	// phrase too.
	for n := 0; n < len(heads) && n < 8; n++ {
		for _, k := range t.kids[heads[n]] {
			if t.toks[k].Rel == "compound" && sc.ment.at(t.toks[k].Span()) == nil && !slices.Contains(heads, k) {
				heads = append(heads, k)
			}
		}
	}
	found := ""
	for _, h := range heads {
		for _, k := range t.kids[h] {
			if m.span.Contains(t.toks[k].Span()) {
				continue
			}
			switch t.toks[k].Rel {
			case "amod", "compound", "nmod:poss":
			case "nmod":
				switch t.caseOf(k) {
				case "in", "of", "from", "throughout", "across":
				default:
					continue
				}
			default:
				continue
			}
			km := sc.ment.at(t.toks[k].Span())
			if km == nil || km.actor == nil {
				continue
			}
			root := km.actor.Country
			if root == "" && t.toks[k].Rel != "nmod" && (strings.HasPrefix(km.code, "IGO") || strings.HasPrefix(km.code, "NGO")) {
				// "NATO peacekeeping troops", "the U.N. war crimes court":
				// an international body's own forces or organs.
				root = km.code
			}
			if root == "" || !strings.HasPrefix(km.code, root) {
				continue
			}
			if found != "" && found != root {
				return ""
			}
			found = root
		}
	}
	return found
}

// contextCountry returns, for a party that is a bare role (a sector code with
// no country), the country of the country mention nearest to it in the
// sentence, the earlier one on a tie; "" for any other party or when the
// sentence names no country. Most such events are domestic ("the military
// government declared a state of siege in Haiti"), so the other party's
// country is not excluded. Mentions of organisations, groups and people
// do not count, only countries, their capitals and demonyms, and roles
// carrying a country ("Algerian President").
func (sc *sentenceCoder) contextCountry(p party) string {
	if !sectorCodes[p.code] || p.tok < 0 || p.tok >= len(sc.t.toks) {
		return ""
	}
	return sc.nearestCountry(p.tok)
}

// unnamedAgent reports whether the verb h states its agent as no actor: a
// passive ("was killed in a car bomb explosion") or, when the victim is an
// actor (hasTarget), a subject that is a thing or an act ("a roadside
// bombing killed one U.S. soldier"); not a clause whose subject lies
// elsewhere ("opened fire, killing one person").
func (sc *sentenceCoder) unnamedAgent(h int, hasTarget bool) bool {
	t := sc.t
	if t.toks[h].UPOS != "VERB" {
		return false
	}
	switch t.rel(h) {
	case "root", "ccomp", "conj":
	default:
		return false
	}
	if t.child(h, "aux:pass", "nsubj:pass") >= 0 {
		return true
	}
	k := t.child(h, "nsubj")
	return hasTarget && k >= 0 && t.toks[k].UPOS == "NOUN" && sc.ment.at(t.toks[k].Span()) == nil
}

// isViolent reports whether a CAMEO code is an assault, a fight or mass
// violence (roots 18, 19 and 20: PLOVER's ASSAULT).
func isViolent(code string) bool {
	return strings.HasPrefix(code, "18") || strings.HasPrefix(code, "19") || strings.HasPrefix(code, "20")
}

// nearestCountry returns the country of the country mention nearest to
// token tok in the sentence, the earlier one on a tie, leaving out the
// countries except; "" when there is none.
func (sc *sentenceCoder) nearestCountry(tok int, except ...string) string {
	at := sc.t.toks[tok].Start
	best, dist := "", -1
	for i := range sc.ment {
		m := &sc.ment[i]
		if m.span.Start < sc.s.Start || m.span.End > sc.s.End || m.actor == nil {
			continue
		}
		c := m.actor.Country
		if c == "" || slices.Contains(except, c) || !strings.HasPrefix(m.code, c) || !strings.HasPrefix(m.actor.Code, c) {
			continue
		}
		d := m.span.Start - at
		if d < 0 {
			d = at - m.span.End
		}
		if dist < 0 || d < dist {
			best, dist = c, d
		}
	}
	return best
}

// verbOf returns the nearest verb at or above token i (its clause), or -1.
func (sc *sentenceCoder) verbOf(i int) int {
	t := sc.t
	for j, hops := i, 0; j >= 0 && hops < 8; j, hops = t.head[j], hops+1 {
		if t.toks[j].UPOS == "VERB" {
			return j
		}
	}
	return -1
}

// above reports whether token a is an ancestor of token b.
func (sc *sentenceCoder) above(a, b int) bool {
	if a < 0 {
		return false
	}
	for j := sc.t.head[b]; j >= 0; j = sc.t.head[j] {
		if j == a {
			return true
		}
	}
	return false
}
