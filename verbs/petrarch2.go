package verbs

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
)

// PETRARCH-2 coding (see the package documentation): each verb of the
// dictionary is matched with its dependents (frame, matchPattern) and gets
// an event (event); the events of the clauses it governs join its own
// (meaning, join); the main clauses' events are coded (emit).

// p2event is the event of a verb or of a verb joined with a governed one.
type p2event struct {
	src, tgt []party
	srcTok   int    // the source's noun phrase head, -1
	code     string // "A", "A:B" or ":B"; "" or a null code for none
	neg      bool   // negated, and no reject code says so
	planned  bool   // will, would, shall
	hypo     bool   // if, unless
	rule     string
	vs, ve   int // the tokens of the verb
	d        *Dict
}

// complete reports whether the event has both sides and a code.
func (e *p2event) complete() bool {
	return e != nil && len(e.src) > 0 && len(e.tgt) > 0 && !nullCode2(e.code)
}

// nullCode2 reports a code that codes nothing on either side.
func nullCode2(code string) bool {
	f, b := SplitCode(code)
	return NullCode(f) && NullCode(b)
}

// active returns the code of the source's side.
func active(code string) string {
	f, _ := SplitCode(code)
	return f
}

// root returns the first two characters of a code.
func root(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// p2state is the coding of one sentence.
type p2state struct {
	c    *Coder
	st   *sent
	mt   *matcher
	date string
	at   map[int]verbAt
	own  map[int]*p2event
	memo map[int][]p2event
	busy map[int]bool
}

// p2pp is a prepositional phrase candidate: its preposition (or particle)
// token, the head of its noun phrase (-1 when it has none) and the token it
// hangs on: the verb, an object or another phrase.
type p2pp struct{ prep, np, on int }

// p2frame is what a verb's patterns are matched against.
type p2frame struct {
	v       int // the verb
	subj    int // the deep subject's head: the subject, or the "by" agent of a passive
	passive bool
	nouns   []int // objects (a passive's subject), particles, adverbs, predicates
	pps     []p2pp
	upNouns []int
	upPPs   []p2pp
	objs    []int // the objects proper, for the target
}

// p2bind is what a pattern's match found.
type p2bind struct {
	src, tgt, comp int
	used           []int // noun phrase heads the pattern's words matched
	// on are the heads prepositional phrases may hang on: the verb or the
	// subject, and the phrases matched so far.
	on    []int
	score int
}

// codeSentence2 codes a sentence with the PETRARCH-2 dictionaries.
func (c *Coder) codeSentence2(d *dyad.Doc, s *dyad.Sentence, ments []mentionTok) []dyad.Event {
	st := newSent(s)
	if len(st.toks) == 0 || st.wordCount() < c.minWords {
		return nil
	}
	verbs, isVerb := c.findVerbs(st, true)
	if len(verbs) == 0 {
		return nil
	}
	at := map[int]verbAt{}
	for _, v := range verbs {
		at[v.anchor] = v
	}
	st.buildUnits(ments, isVerb)
	ps := &p2state{c: c, st: st, mt: newMatcher(st, nil), date: d.Article.Published, at: at,
		own: map[int]*p2event{}, memo: map[int][]p2event{}, busy: map[int]bool{}}
	var events []dyad.Event
	for _, t := range ps.tops() {
		for _, e := range ps.meaning(t, 0) {
			events = append(events, ps.emit(e)...)
		}
	}
	return distinct(events)
}

// isVerbTok reports whether token i heads a clause: a verb, or a word the
// coder took for a verb of the dictionary.
func (s *p2state) isVerbTok(i int) bool {
	if _, ok := s.at[i]; ok {
		return true
	}
	return s.st.toks[i].UPOS == "VERB"
}

// tops returns the heads of the main clauses: the root and the clauses
// coordinated with it or set beside it; under a root that is no verb, the
// clauses it governs.
func (s *p2state) tops() []int {
	st := s.st
	var out []int
	var add func(i, depth int)
	add = func(i, depth int) {
		if depth > 8 || slices.Contains(out, i) {
			return
		}
		if s.isVerbTok(i) {
			out = append(out, i)
		}
		for _, k := range st.kids[i] {
			switch st.rel[k] {
			case "conj", "parataxis":
				if s.isVerbTok(k) {
					add(k, depth+1)
				}
			case "ccomp", "xcomp", "advcl", "csubj":
				if !s.isVerbTok(i) {
					add(k, depth+1)
				}
			}
		}
	}
	for i := range st.toks {
		if st.rel[i] == "root" || st.head[i] < 0 && st.parsed() && st.rel[i] != "punct" {
			add(i, 0)
		}
	}
	return out
}

// clause is a clause a verb governs: its head, and whether it is an
// adjunct (an adverbial clause) rather than a complement (xcomp, ccomp).
type clause struct {
	head    int
	adjunct bool
}

// lower returns the clauses verb v governs whose events join its own: its
// xcomp and ccomp, an advcl of purpose or of the same time ("to discuss",
// "as Israel announced"), and the clauses coordinated with those.
func (s *p2state) lower(v int) []clause {
	st := s.st
	var out []clause
	for _, k := range st.kids[v] {
		ok, adj := false, false
		switch st.rel[k] {
		case "xcomp", "ccomp":
			ok = s.isVerbTok(k)
		case "advcl":
			ok, adj = s.isVerbTok(k) && st.sameOccasion(k), true
		}
		if !ok {
			continue
		}
		out = append(out, clause{k, adj})
		for _, c := range st.kids[k] {
			if st.rel[c] == "conj" && s.isVerbTok(c) {
				out = append(out, clause{c, adj})
			}
		}
	}
	return out
}

// sameOccasion reports an adverbial clause of purpose or of the same
// time: one marked "to", "as", "while" or "when" ("met to discuss", "came
// as Israel announced"), not "before", "after", "if" or a participle.
func (st *sent) sameOccasion(k int) bool {
	for _, c := range st.kids[k] {
		if st.rel[c] == "mark" {
			switch st.words[c] {
			case "TO", "AS", "WHILE", "WHEN":
				return true
			}
		}
	}
	return false
}

// meaning returns the events of the clause headed by v joined with those
// of the clauses it governs.
func (s *p2state) meaning(v, depth int) []p2event {
	if m, ok := s.memo[v]; ok {
		return m
	}
	if depth > 8 || s.busy[v] {
		return nil
	}
	s.busy[v] = true
	defer delete(s.busy, v)
	own := s.event(v)
	var out []p2event
	joined := false
	for _, u := range s.lower(v) {
		for _, e := range s.meaning(u.head, depth+1) {
			out = append(out, s.join(own, e, u.adjunct)...)
			joined = true
		}
	}
	if !joined && own != nil && !nullCode2(own.code) {
		out = append(out, *own)
	}
	s.memo[v] = out
	return out
}

// join joins the event of a verb with one of a clause it governs. An
// adjunct's event stands in for a verb that has no complete event of its
// own; a complement's joins it.
func (s *p2state) join(own *p2event, e p2event, adjunct bool) []p2event {
	if own != nil && len(e.src) == 0 && e.srcTok < 0 {
		// A clause that names no subject has the governing one's.
		e.src, e.srcTok = own.src, own.srcTok
	}
	if own == nil || nullCode2(own.code) {
		return []p2event{e}
	}
	if adjunct {
		if own.complete() {
			return []p2event{*own}
		}
		return []p2event{e}
	}
	same := len(e.src) == 0 || sameParties(e.src, own.src)
	statement := root(active(own.code)) == "01"
	if statement && e.complete() && !same && !sameParties(e.tgt, own.src) && named(e.tgt) {
		// A statement that reports what others did to others it names:
		// that is the event ("officials said Syrian rebels engaged
		// Filipino peacekeepers"). Of an attack on someone unnamed
		// ("people were killed by government forces") it is an
		// accusation, as the transformations say.
		return []p2event{e}
	}
	if e.neg {
		// What did not happen joins nothing: it stays a negated event, or
		// the governing verb's own.
		if own.complete() && !statement {
			return []p2event{*own}
		}
		return []p2event{e}
	}
	if r, ok := s.transform(own, e); ok {
		return []p2event{r}
	}
	table, err := loadCompose()
	if err != nil {
		return []p2event{e}
	}
	if statement {
		// A statement: what was said is the event. When the speaker speaks
		// of what it will do, it states an intent.
		if same && e.planned {
			if r, rule := table.join("03", active(e.code)); r != "" {
				e.code, e.planned = r, false
				e.rule += "+" + rule
			}
		}
		return []p2event{e}
	}
	if !nullCode2(e.code) {
		if r, rule := table.join(root(active(own.code)), active(e.code)); r != "" {
			j := *own
			j.code = r
			j.rule = own.rule + "+" + e.rule + "+" + rule
			if !own.complete() {
				j.tgt = e.tgt
				if !same {
					j.tgt = e.src
				}
			}
			return []p2event{j}
		}
	}
	if own.complete() {
		if !nullCode2(e.code) && verbal(active(e.code)) {
			// A stance on a verbal act that does not join it ("want Obama
			// to head back"): neither is an event, as in PETRARCH-2.
			return nil
		}
		return []p2event{*own}
	}
	return []p2event{e}
}

// verbal reports a code of CAMEO's verbal quad classes: cooperation (01-05)
// and conflict (10-14).
func verbal(code string) bool {
	switch root(code) {
	case "01", "02", "03", "04", "05", "10", "11", "12", "13", "14":
		return true
	}
	return false
}

// named reports whether every actor of a side has a country or group
// code, not a bare role ("---PPL").
func named(ps []party) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.code, "---") || strings.HasPrefix(p.code, "~") {
			return false
		}
	}
	return len(ps) > 0
}

// sameParties reports whether two sides name the same actors.
func sameParties(a, b []party) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].code != b[i].code {
			return false
		}
	}
	return true
}

// transform applies the first of the dictionary's transformations that
// fits: the upper verb's code and the governed one's have the families of
// the verbs it names, and the actors fit its variables.
func (s *p2state) transform(own *p2event, e p2event) (p2event, bool) {
	for _, t := range own.d.Transforms {
		if !s.c.sameFamily(own.d, t.Upper, active(own.code)) {
			continue
		}
		if t.Lower != "Q" && !s.c.sameFamily(own.d, t.Lower, active(e.code)) {
			continue
		}
		vars := map[string][]party{t.Source: own.src}
		bind := func(v string, ps []party, isSource bool) bool {
			switch v {
			case ".":
				return true
			case "_":
				return len(ps) == 0 || isSource && sameParties(ps, own.src)
			}
			if len(ps) == 0 {
				return false
			}
			if old, ok := vars[v]; ok {
				return sameParties(old, ps)
			}
			for _, old := range vars {
				if sameParties(old, ps) {
					return false // another letter is another actor
				}
			}
			vars[v] = ps
			return true
		}
		if !bind(t.LowerSource, e.src, true) || !bind(t.LowerTarget, e.tgt, false) {
			continue
		}
		r := p2event{src: vars[t.OutSource], tgt: vars[t.OutTarget], code: t.Code, srcTok: -1,
			rule: filepath.Base(own.d.Name) + ":" + strconv.Itoa(t.Line), vs: own.vs, ve: own.ve, d: own.d,
			planned: e.planned, hypo: e.hypo || own.hypo}
		if t.Code == "Q" {
			r.code = e.code
		}
		return r, true
	}
	return p2event{}, false
}

// sameFamily reports whether code is of the family (the same root) as the
// code of the dictionary's verb word, as PETRARCH-2 compares codes in its
// transformations.
func (c *Coder) sameFamily(d *Dict, verb, code string) bool {
	vc, ok := c.verbCodes[d][verb]
	return ok && code != "" && !NullCode(vc) && root(active(vc)) == root(code)
}

// event returns the event of the dictionary verb at token v, nil if none.
func (s *p2state) event(v int) *p2event {
	if e, ok := s.own[v]; ok {
		return e
	}
	va, ok := s.at[v]
	if !ok {
		s.own[v] = nil
		return nil
	}
	st := s.st
	f := s.frame(v)
	best, bb := (*Pattern)(nil), p2bind{src: -1, tgt: -1, comp: -1}
	for _, p := range va.ref.entry.Patterns {
		if p.Upper == nil && p.Lower == nil {
			continue
		}
		b, ok := s.matchPattern(p, &f, va.ref.d.Synsets)
		if ok && (best == nil || b.score > bb.score) {
			best, bb = p, b
		}
	}
	code, line := codeLine(va.ref.verb, best)
	code = strings.Map(func(r rune) rune {
		if r == '?' || r == '!' {
			return -1
		}
		return r
	}, code)
	e := &p2event{code: code, srcTok: -1, rule: filepath.Base(va.ref.d.Name) + ":" + strconv.Itoa(line),
		vs: va.vs, ve: va.ve, d: va.ref.d}
	used := func(t int) bool { return slices.Contains(bb.used, t) }

	// Source: the pattern's $, else the deep subject: for a passive, its
	// "by", "from" or "in" phrase ("fired from Gaza"); for a subject that
	// names no actor, the first actor inside it ("a report released in the
	// Rwandan capital").
	switch {
	case bb.src >= 0:
		e.src, e.srcTok = s.partiesAt(bb.src, true), bb.src
	case f.passive:
		e.srcTok = v // a passive never takes the governing clause's subject
		for _, prep := range []string{"BY", "FROM", "IN"} {
			for _, p := range f.pps {
				// "by" may hang on a phrase of the verb ("killed in an air
				// strike by government forces").
				if p.np >= 0 && st.words[p.prep] == prep && (p.on == v || prep == "BY") {
					if ps := s.partiesAt(p.np, true); len(ps) > 0 && len(e.src) == 0 {
						e.src, e.srcTok = ps, p.np
					}
				}
			}
		}
		if f.subj >= 0 && len(e.src) == 0 {
			e.src, e.srcTok = s.partiesAt(f.subj, true), f.subj
		}
	case f.subj >= 0:
		e.src, e.srcTok = s.partiesAt(f.subj, true), f.subj
		if len(e.src) == 0 && st.toks[f.subj].UPOS != "PRON" {
			e.src = s.insideParties(f.subj)
		}
	}
	if len(e.src) == 0 && f.subj >= 0 && st.toks[f.subj].UPOS == "PRON" && !f.passive {
		e.srcTok = -1 // a pronoun the actor stage did not resolve: the governing clause's subject
	}
	// Target: the pattern's +, else the (passive) object, else the subject
	// of a governed clause, else the first prepositional phrase with an
	// actor after the verb; for a passive, its subject, else its "at",
	// "against", "into" or "towards" phrase.
	switch {
	case bb.tgt >= 0:
		e.tgt = s.partiesAt(bb.tgt, true)
	case bb.comp >= 0 && bb.src < 0:
		e.tgt = s.partiesAt(bb.comp, true)
	case f.passive:
		for _, o := range f.objs {
			if st.rel[o] == "nsubj:pass" && !used(o) && len(e.tgt) == 0 {
				e.tgt = s.partiesAt(o, true)
			}
		}
		for _, p := range f.pps {
			if len(e.tgt) > 0 {
				break
			}
			switch st.words[p.prep] {
			case "AT", "AGAINST", "INTO", "TOWARDS", "TOWARD":
				if p.np >= 0 && !used(p.np) {
					e.tgt = s.partiesAt(p.np, true)
				}
			}
		}
	}
	if len(e.tgt) == 0 {
		for _, o := range f.objs {
			if !used(o) {
				if ps := s.partiesAt(o, false); len(ps) > 0 {
					e.tgt = ps
					break
				}
			}
		}
	}
	if len(e.tgt) == 0 {
		for _, k := range st.kids[v] {
			if st.rel[k] == "ccomp" {
				if sj := s.subject(k); sj >= 0 {
					if ps := s.partiesAt(sj, false); len(ps) > 0 {
						e.tgt = ps
						break
					}
				}
			}
		}
	}
	if len(e.tgt) == 0 {
		// A clause the verb governs whose verb the dictionary does not
		// know lends its object ("requested to lease a Russian training
		// ground").
		for _, k := range st.kids[v] {
			if _, known := s.at[k]; known || st.rel[k] != "xcomp" || !s.isVerbTok(k) {
				continue
			}
			for _, o := range st.kids[k] {
				if (st.rel[o] == "obj" || st.rel[o] == "iobj") && len(e.tgt) == 0 {
					e.tgt = s.partiesAt(o, false)
				}
			}
		}
	}
	if len(e.tgt) == 0 {
		for _, p := range f.pps {
			if p.np < 0 || p.np < v && !f.passive || used(p.np) || p.np == f.subj || p.np == e.srcTok {
				continue
			}
			if ps := s.partiesAt(p.np, false); len(ps) > 0 {
				e.tgt = ps
				break
			}
		}
	}
	// A reflexive or coreferent target that is the source is none.
	if sameParties(e.src, e.tgt) {
		e.tgt = nil
	}

	// Negation, intent and conditions.
	for _, k := range st.kids[v] {
		switch st.rel[k] {
		case "advmod":
			switch st.words[k] {
			case "NOT", "N'T", "NEVER":
				e.neg = true
			}
		case "aux":
			switch st.words[k] {
			case "WILL", "WOULD", "SHALL", "'LL":
				e.planned = true
			}
		case "mark":
			if st.words[k] == "IF" || st.words[k] == "UNLESS" {
				e.hypo = true
			}
		}
	}
	if e.neg && !nullCode2(e.code) {
		if table, err := loadCompose(); err == nil {
			if r, rule := table.join("12", active(e.code)); r != "" {
				e.code, e.neg = r, false
				e.rule += "+" + rule
			}
		}
	}
	s.own[v] = e
	return e
}

// subject returns the head of the subject of clause v: its own, or for a
// clause without one, the object (else the subject) of the verb it
// completes, the subject of the clause it is coordinated with or that it
// modifies, or the noun a relative clause modifies.
func (s *p2state) subject(v int) int {
	st := s.st
	for depth := 0; v >= 0 && depth < 8; depth++ {
		for _, k := range st.kids[v] {
			switch st.rel[k] {
			case "nsubj", "csubj", "nsubj:outer", "nsubj:pass":
				if st.toks[k].UPOS == "PRON" && strings.Contains(st.toks[k].Feats, "PronType=Rel") &&
					strings.HasPrefix(st.rel[v], "acl") && st.head[v] >= 0 {
					return st.head[v] // "an event which will test"
				}
				return k
			}
		}
		h := st.head[v]
		switch st.rel[v] {
		case "xcomp":
			if h >= 0 {
				for _, k := range st.kids[h] {
					if st.rel[k] == "obj" || st.rel[k] == "iobj" {
						return k
					}
				}
			}
			v = h
		case "conj", "advcl":
			v = h
		case "acl":
			return h
		default:
			return -1
		}
	}
	return -1
}

// insideParties returns the actors of the first noun phrase with one
// inside the phrase headed by h, as PETRARCH-2 takes a phrase's meaning
// from its prepositional phrases and clauses when its own words have none
// ("a report released in the Rwandan capital").
func (s *p2state) insideParties(h int) []party {
	st := s.st
	for t := range st.toks {
		if t == h || !st.descends(t, h) {
			continue
		}
		if k := st.unitAt[t]; k >= 0 && st.units[k].start == t {
			if ps := s.partiesAt(t, false); len(ps) > 0 {
				return ps
			}
		}
	}
	return nil
}

// caseTok returns the preposition of nominal i, -1 if none.
func (st *sent) caseTok(i int) int {
	for _, c := range st.kids[i] {
		if st.rel[c] == "case" && st.words[c] != "'S" && st.words[c] != "'" {
			return c
		}
	}
	return -1
}

// frame gathers what verb v's patterns are matched against.
func (s *p2state) frame(v int) p2frame {
	st := s.st
	f := p2frame{v: v, subj: -1}
	pass, agent := st.passive(v)
	f.passive = pass
	if pass {
		f.subj = agent
	} else {
		f.subj = s.subject(v)
	}
	var parts []int
	for _, k := range st.kids[v] {
		r := st.rel[k]
		base, _, _ := strings.Cut(r, ":")
		switch {
		case r == "obj" || r == "iobj" || r == "nsubj:pass":
			f.objs = append(f.objs, k)
		case (base == "obl" || base == "nmod") && k != agent:
			if c := st.caseTok(k); c >= 0 {
				f.pps = append(f.pps, p2pp{c, k, v})
				if k < v {
					f.upPPs = append(f.upPPs, p2pp{c, k, v})
				}
			} else if r != "obl:tmod" {
				f.nouns = append(f.nouns, k)
			}
		case r == "compound:prt":
			f.nouns = append(f.nouns, k)
			parts = append(parts, k)
		case r == "advmod":
			f.nouns = append(f.nouns, k)
		case r == "xcomp":
			switch st.toks[k].UPOS {
			case "ADJ", "NOUN", "PROPN", "ADV":
				f.nouns = append(f.nouns, k)
			}
		}
	}
	f.nouns = append(f.nouns, f.objs...)
	// The prepositional phrases of the objects and of the phrases found,
	// two levels down ("placed on a state of alert").
	heads := slices.Clone(f.objs)
	for _, p := range f.pps {
		heads = append(heads, p.np)
	}
	for depth := 0; depth < 2; depth++ {
		var next []int
		for _, o := range heads {
			for _, k := range st.kids[o] {
				base, _, _ := strings.Cut(st.rel[k], ":")
				if base != "nmod" && base != "obl" {
					continue
				}
				if c := st.caseTok(k); c >= 0 {
					f.pps = append(f.pps, p2pp{c, k, o})
					next = append(next, k)
				}
			}
		}
		heads = next
	}
	// A particle may stand for the preposition of the object: "set aside
	// enmity" matches (ASIDE ENMITY).
	for _, p := range parts {
		np := -1
		if len(f.objs) > 0 {
			np = f.objs[0]
		}
		f.pps = append(f.pps, p2pp{p, np, v})
	}
	if f.subj >= 0 {
		f.upNouns = append(f.upNouns, f.subj)
		for _, k := range st.kids[f.subj] {
			if strings.HasPrefix(st.rel[k], "nmod") {
				if c := st.caseTok(k); c >= 0 {
					f.upPPs = append(f.upPPs, p2pp{c, k, f.subj})
				}
			}
		}
	}
	slices.Sort(f.nouns)
	f.nouns = slices.Compact(f.nouns)
	slices.SortStableFunc(f.pps, func(a, b p2pp) int { return a.prep - b.prep })
	slices.SortStableFunc(f.upPPs, func(a, b p2pp) int { return a.prep - b.prep })
	return f
}

// partiesAt returns the actors of the noun phrase that token t heads.
func (s *p2state) partiesAt(t int, allowCoref bool) []party {
	if t < 0 || t >= len(s.st.toks) {
		return nil
	}
	k := s.st.unitAt[t]
	if k < 0 {
		return nil
	}
	return s.c.parties(s.st, s.mt.group(k), allowCoref, s.date)
}

// emit turns a main clause's event into the document's events: one per
// source and target, the answer of a paired code, and for a cooperation
// without a target between several sources, one each way between them.
// PETRARCH-2 codes no bare statement (010).
func (s *p2state) emit(e p2event) []dyad.Event {
	fwd, back := SplitCode(e.code)
	if fwd == "010" {
		fwd = ""
	}
	if NullCode(fwd) && NullCode(back) {
		return nil
	}
	mod := dyad.Asserted
	switch {
	case e.neg:
		mod = dyad.Negated
	case e.hypo:
		mod = dyad.Hypothetical
	case e.planned:
		mod = dyad.Planned
	}
	va := verbAt{vs: e.vs, ve: e.ve}
	var out []dyad.Event
	add := func(a, b party, code string) {
		if NullCode(code) || a.code == b.code || a.code == "" || b.code == "" || a.code == "---" || b.code == "---" {
			return
		}
		out = append(out, s.c.event(s.st, va, a, b, code, e.rule, mod))
	}
	for _, a := range e.src {
		for _, b := range e.tgt {
			add(a, b, fwd)
			add(b, a, back)
		}
	}
	switch r := root(fwd); {
	case len(e.tgt) == 0 && len(e.src) > 1 && (r == "03" || r == "04" || r == "05" || r == "06"):
		for i, a := range e.src {
			for j, b := range e.src {
				if i != j {
					add(a, b, fwd)
				}
			}
		}
	}
	return out
}
