package verbs

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/dict"
)

// Options configure a Coder.
type Options struct {
	// Verbs are the verb dictionaries to code with. A word that is a verb
	// of several is coded with the longest form that matches, the first
	// dictionary's between equals. Required.
	Verbs []*Dict
	// Actors are actor dictionaries whose slash groups ("THE_SHIRE
	// [FRO/BIL/SAM]") stand for several actors, each coded as one: a mention
	// of such an entry takes all of them. Optional.
	Actors []*dict.Dict
	// Agents are agent dictionaries whose role nouns are added to the actor
	// of the noun phrase they are in ("Bree Prime Minister Romendacil"
	// BREGOV), as PETRARCH composes codes. Without them the role nouns the
	// actor stage recognised are used.
	Agents []*dict.Dict
	// Discards are discard dictionaries: a sentence with one of their
	// phrases codes nothing, and an article with one of their story
	// phrases ('+') codes nothing at all. As PETRARCH compares them, the
	// words are the sentence's blank-separated words, upper-cased, so
	// "AGO," is not "AGO". Optional.
	Discards []*dict.Dict
	// Lookup describes a code; codes it does not know are kept with no
	// name or scores. Optional.
	Lookup func(code string) (cameo.Code, bool)
	// MinWords is the fewest words a sentence needs to be coded: 0 means
	// TABARI's default of 8 when a TABARI dictionary is among the verbs and
	// none otherwise; a negative number means none.
	MinWords int
}

// Coder is an event-coding stage that codes with TABARI or PETRARCH verb
// dictionaries instead of dyad's rules. It runs after the actor stage, reads
// tokens, tags, the parse and the actor mentions, and fills Doc.Events. It is
// safe for concurrent use.
type Coder struct {
	exact    map[string][]formRef // verb word -> forms whose verb word it is
	stems    map[string][]formRef // TABARI stems
	lemmas   map[string][]formRef // PETRARCH base forms, for forms the dictionary does not list
	slash    map[string]*dict.Actor
	agents   map[string][]agentForm
	lookup   func(string) (cameo.Code, bool)
	tabari   bool
	minWords int
	// classic and p2 say which dialects the dictionaries are in: PETRARCH
	// or TABARI, and PETRARCH-2.
	classic, p2 bool
	// verbCodes are the codes of the verb words of the PETRARCH-2
	// dictionaries, which their transformations name.
	verbCodes map[*Dict]map[string]string
	// discards and storyDiscards are the discard phrases by first word.
	discards, storyDiscards map[string][][]string
}

type formRef struct {
	d     *Dict
	entry *Entry
	verb  *Verb
	form  int
}

type agentForm struct {
	words  []string
	loose  []bool
	code   string
	prefix bool
}

// New indexes the dictionaries.
func New(opt Options) (*Coder, error) {
	if len(opt.Verbs) == 0 {
		return nil, fmt.Errorf("verbs: no verb dictionary: %w", dyad.ErrInvalid)
	}
	c := &Coder{exact: map[string][]formRef{}, stems: map[string][]formRef{},
		lemmas: map[string][]formRef{}, slash: map[string]*dict.Actor{}, agents: map[string][]agentForm{},
		lookup: opt.Lookup, verbCodes: map[*Dict]map[string]string{}}
	for _, d := range opt.Verbs {
		if d == nil {
			return nil, errors.New("verbs: nil verb dictionary")
		}
		switch d.Format {
		case TABARI:
			c.tabari, c.classic = true, true
		case PETRARCH2:
			c.p2 = true
			if _, err := loadCompose(); err != nil {
				return nil, fmt.Errorf("verbs: %w", err)
			}
			c.verbCodes[d] = d.verbCodes()
		default:
			c.classic = true
		}
		for _, e := range d.Entries {
			for _, v := range e.Verbs {
				for fi, f := range v.Forms {
					if f.Anchor < 0 || f.Anchor >= len(f.Words) {
						return nil, fmt.Errorf("verbs: %s:%d: verb form without its verb word: %w", d.Name, v.Line, dyad.ErrInvalid)
					}
					w := f.Words[f.Anchor]
					ref := formRef{d: d, entry: e, verb: v, form: fi}
					if w.Stem {
						c.stems[w.Text] = append(c.stems[w.Text], ref)
					} else {
						c.exact[w.Text] = append(c.exact[w.Text], ref)
					}
					if fi == 0 && d.Format.blocks() {
						c.lemmas[w.Text] = append(c.lemmas[w.Text], ref)
					}
				}
			}
		}
	}
	c.minWords = opt.MinWords
	if c.minWords == 0 && c.tabari {
		c.minWords = 8
	}
	for _, ad := range opt.Actors {
		for i := range ad.Actors {
			a := &ad.Actors[i]
			if !slices.ContainsFunc(a.Codes, func(c dict.Code) bool { return strings.Contains(c.Code, "/") }) {
				continue
			}
			for _, ph := range append([]dict.Phrase{a.Phrase}, a.Synonyms...) {
				c.slash[ph.String()] = a
			}
		}
	}
	c.discards, c.storyDiscards = map[string][][]string{}, map[string][][]string{}
	for _, dd := range opt.Discards {
		if dd == nil {
			return nil, errors.New("verbs: nil discard dictionary")
		}
		for _, ds := range dd.Discards {
			if len(ds.Phrase.Words) == 0 {
				continue
			}
			m := c.discards
			if ds.Story {
				m = c.storyDiscards
			}
			w := ds.Phrase.Words
			m[w[0]] = append(m[w[0]], w)
		}
	}
	for _, ad := range opt.Agents {
		for _, a := range ad.Agents {
			for _, ph := range append([]dict.Phrase{a.Phrase}, a.Plurals...) {
				if len(ph.Words) == 0 {
					continue
				}
				af := agentForm{words: ph.Words, loose: ph.Loose, code: a.Code, prefix: a.Prefix}
				c.agents[ph.Words[0]] = append(c.agents[ph.Words[0]], af)
			}
		}
	}
	return c, nil
}

// Annotate codes the events of d. It needs tokens with tags and, for the
// best results, a parse, and the actors of the actor stage.
func (c *Coder) Annotate(ctx context.Context, d *dyad.Doc) error {
	bySent := c.mentions(d)
	var events []dyad.Event
	story := false
	for si := range d.Sentences {
		if len(c.storyDiscards) > 0 && hasPhrase(c.storyDiscards, sentenceWords(d, &d.Sentences[si])) {
			story = true
		}
	}
	for si := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := &d.Sentences[si]
		if len(s.Tokens) == 0 || story || len(c.discards) > 0 && hasPhrase(c.discards, sentenceWords(d, s)) {
			continue
		}
		if c.classic {
			events = append(events, c.codeSentence(d, s, bySent[s.N])...)
		}
		if c.p2 {
			events = append(events, c.codeSentence2(d, s, bySent[s.N])...)
		}
	}
	for i := range events {
		events[i].ID = "e" + strconv.Itoa(i+1)
	}
	if events == nil {
		events = []dyad.Event{}
	}
	d.Events = events
	d.Claims = []dyad.Claim{}
	return nil
}

// sentenceWords returns the blank-separated words of a sentence,
// upper-cased.
func sentenceWords(d *dyad.Doc, s *dyad.Sentence) []string {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return nil
	}
	return strings.Fields(strings.ToUpper(d.Text[s.Start:s.End]))
}

// hasPhrase reports whether one of the phrases, indexed by first word, is
// a run of words.
func hasPhrase(phrases map[string][][]string, words []string) bool {
	if len(phrases) == 0 {
		return false
	}
	for i, w := range words {
		for _, ph := range phrases[w] {
			if i+len(ph) <= len(words) && slices.Equal(words[i:i+len(ph)], ph) {
				return true
			}
		}
	}
	return false
}

// mentions locates every actor mention by tokens, per sentence number.
func (c *Coder) mentions(d *dyad.Doc) map[int][]mentionTok {
	index := map[int]int{}
	for i := range d.Sentences {
		index[d.Sentences[i].N] = i
	}
	out := map[int][]mentionTok{}
	for ai := range d.Actors {
		a := &d.Actors[ai]
		for _, m := range a.Mentions {
			si, ok := index[m.Sentence]
			if !ok {
				continue
			}
			toks := d.Sentences[si].Tokens
			start, end := -1, -1
			for i, t := range toks {
				if t.End > m.Start && t.Start < m.End {
					if start < 0 {
						start = i
					}
					end = i + 1
				}
			}
			if start < 0 {
				continue
			}
			code, rule := m.Code, m.Rule
			if code == "" {
				code = a.Code
			}
			if rule == "" {
				rule = a.Rule
			}
			mt := mentionTok{start: start, end: end, code: code, actor: a.ID, rule: rule, text: normWord(m.Text)}
			if len(c.agents) > 0 && strings.HasSuffix(rule, ".role") && a.Code != "" {
				// The agents are composed again from the agent dictionaries.
				mt.code = a.Code
			}
			out[m.Sentence] = append(out[m.Sentence], mt)
		}
	}
	for n := range out {
		slices.SortStableFunc(out[n], func(x, y mentionTok) int { return x.start - y.start })
	}
	return out
}

// verbAt is a verb of the dictionaries found at a token.
type verbAt struct {
	ref    formRef
	vs, ve int // the tokens the verb's form covers
	anchor int
	weight int // longer forms and stems win
}

// findVerb returns the verb at token i, if any, of the PETRARCH-2
// dictionaries (p2) or of the others.
func (c *Coder) findVerb(st *sent, mt *matcher, i int, p2 bool) (verbAt, bool) {
	w := st.words[i]
	var cands []formRef
	cands = append(cands, c.exact[w]...)
	for n := len(w); n > 0; n-- {
		cands = append(cands, c.stems[w[:n]]...)
	}
	// TABARI's whole words take the regular endings.
	for _, end := range []string{"S", "ES", "ED", "D", "EN", "ING", "'S"} {
		if root, ok := strings.CutSuffix(w, end); ok && root != "" {
			for _, r := range [...]string{root, root + "E"} {
				if r == root+"E" && end != "ING" {
					continue
				}
				for _, ref := range c.exact[r] {
					if ref.d.Format == TABARI {
						cands = append(cands, ref)
					}
				}
			}
		}
	}
	if len(cands) == 0 && st.toks[i].UPOS == "VERB" {
		cands = append(cands, c.lemmas[st.lemmas[i]]...)
	}
	best, found := verbAt{}, false
	for _, ref := range cands {
		if (ref.d.Format == PETRARCH2) != p2 {
			continue
		}
		f := ref.verb.Forms[ref.form]
		vs, ve, ok := mt.form(f, i)
		if !ok {
			continue
		}
		weight := 1000*(ve-vs) + len(f.Words[f.Anchor].Text)
		if !found || weight > best.weight {
			best, found = verbAt{ref: ref, vs: vs, ve: ve, anchor: i, weight: weight}, true
		}
	}
	return best, found
}

// verbal reports whether token i can be the verb of an event. PETRARCH
// codes only what the parser calls a verb; since taggers err on unusual
// names, a word the tagger calls a noun or adjective counts when the parse
// gives it a subject, makes it the root after a noun, or an auxiliary
// precedes it ("have delayed"). TABARI codes any word that is not plainly a
// noun: a name, or a word after an article.
func (c *Coder) verbal(st *sent, i int, f formRef) bool {
	t := st.toks[i]
	if i+1 < len(st.toks) && st.words[i+1] == "'S" {
		return false // a possessor: "donate's"
	}
	if f.d.Format == TABARI {
		if t.UPOS == "PROPN" || i > 0 && t.Form != "" && unicode.IsUpper([]rune(t.Form)[0]) && !st.allCaps() {
			return false // a name, or capitalised inside the sentence
		}
		// After an article, with only adjectives or numbers between.
		for j := i - 1; j >= 0; j-- {
			switch {
			case st.words[j] == "A" || st.words[j] == "AN" || st.words[j] == "THE":
				return false
			case st.toks[j].UPOS == "ADJ" || st.toks[j].UPOS == "NUM":
				continue
			}
			break
		}
		return true
	}
	if i > 0 {
		switch st.words[i-1] {
		case "A", "AN", "THE":
			return false
		}
		if st.possessive(i - 1) {
			return false
		}
	}
	switch t.UPOS {
	case "VERB":
		// A participle modifying a noun after a determiner or adjective
		// ("the affected villages") is no event; for PETRARCH-2, which
		// reads the parse, no participle the parse makes a modifier is.
		if st.rel[i] == "amod" && (i == 0 || st.toks[i-1].UPOS == "DET" || st.toks[i-1].UPOS == "ADJ" || st.possessive(i-1) ||
			f.d.Format == PETRARCH2) {
			return false
		}
		return true
	case "NOUN", "ADJ", "ADV":
		for _, k := range st.kids[i] {
			if r := st.rel[k]; r == "nsubj" || r == "nsubj:pass" {
				return true
			}
		}
		if i > 0 {
			switch st.words[i-1] {
			case "HAVE", "HAS", "HAD", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "DID", "DOES", "DO":
				return true
			}
		}
		if st.rel[i] == "root" {
			for j := 0; j < i; j++ {
				if isNominal(st.toks[j].UPOS) {
					return true
				}
			}
		}
		if f.d.Format == PETRARCH2 {
			// PETRARCH-2 reads the verbs off the parse: no guessing from
			// the words around.
			return false
		}
		// Right after a name that starts its phrase, before a preposition
		// or another phrase ("Ethiopia departs from Libya").
		if i > 0 && i+1 < len(st.toks) && (st.toks[i-1].UPOS == "PROPN" || st.toks[i-1].UPOS == "PRON" && !st.possessive(i-1)) {
			j := i - 1
			for j > 0 && st.toks[j-1].UPOS == "PROPN" {
				j--
			}
			if j > 0 && (st.toks[j-1].UPOS == "DET" || st.possessive(j-1) || st.words[j-1] == "'S") {
				return false
			}
			switch st.toks[i+1].UPOS {
			case "ADP", "DET", "PROPN", "PRON", "NUM":
				return true
			}
		}
	}
	return false
}

// codeSentence codes every verb of one sentence.
func (c *Coder) codeSentence(d *dyad.Doc, s *dyad.Sentence, ments []mentionTok) []dyad.Event {
	st := newSent(s)
	if st.wordCount() < c.minWords {
		return nil
	}
	verbs, isVerb := c.findVerbs(st, false)
	if len(verbs) == 0 {
		return nil
	}
	st.buildUnits(ments, isVerb)
	mt := newMatcher(st, nil)
	var strong, weak []dyad.Event
	// Like PETRARCH and TABARI, go on past the end of a verb phrase that
	// coded: the verbs inside it ("called on Gondor to be allowed to
	// leave") are not coded.
	var done [][2]int
	var codedHeads []int // clause heads of the verbs that made events
	for _, v := range verbs {
		if slices.ContainsFunc(done, func(r [2]int) bool { return v.anchor >= r[0] && v.anchor < r[1] }) {
			continue
		}
		if v.ref.d.Format == TABARI && len(codedHeads) > 0 && !st.newClause(st.clauseHead(v.anchor), codedHeads) {
			// TABARI codes the first verb of a clause.
			continue
		}
		mt.syn = v.ref.d.Synsets
		mt.coded = nil
		if v.ref.d.Format == TABARI {
			mt.coded = func(k int) bool { return len(c.parties(st, k, true, d.Article.Published)) > 0 }
		}
		res := c.codeVerb(d, st, mt, v)
		if res.coded && !res.weak {
			done = append(done, [2]int{v.ve, res.lim})
		}
		if res.weak {
			weak = append(weak, res.events...)
		} else {
			strong = append(strong, res.events...)
			if len(res.events) > 0 {
				codedHeads = append(codedHeads, st.clauseHead(v.anchor))
			}
		}
	}
	if len(strong) == 0 {
		strong = weak
	}
	return distinct(strong)
}

// findVerbs returns the verbs of a sentence, in text order, of the
// PETRARCH-2 dictionaries (p2) or of the others, and marks the tokens their
// forms cover. A token inside a verb found before it starts no other.
func (c *Coder) findVerbs(st *sent, p2 bool) (verbs []verbAt, isVerb []bool) {
	mt := newMatcher(st, nil)
	isVerb = make([]bool, len(st.toks))
	for i := range st.toks {
		if isVerb[i] {
			continue
		}
		v, ok := c.findVerb(st, mt, i, p2)
		if !ok || !c.verbal(st, i, v.ref) {
			continue
		}
		for t := v.vs; t < v.ve; t++ {
			isVerb[t] = true
		}
		verbs = append(verbs, v)
	}
	return verbs, isVerb
}

// distinct returns the events in order without those whose source, target
// and code an earlier one has.
func distinct(events []dyad.Event) []dyad.Event {
	var out []dyad.Event
	seen := map[string]bool{}
	for _, ev := range events {
		key := ev.Source.Code + "|" + ev.Target.Code + "|" + ev.CAMEO
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, ev)
	}
	return out
}

// coded is what one verb gave: its events, whether a pattern or the verb
// itself had a code (found actors or not), whether that code was marked
// doubtful with '?', and the end of the verb's clause.
type coded struct {
	events []dyad.Event
	coded  bool
	weak   bool
	lim    int
}

// codeVerb matches the patterns of a verb and makes its events.
func (c *Coder) codeVerb(d *dyad.Doc, st *sent, mt *matcher, v verbAt) coded {
	e := v.ref.entry
	format := v.ref.d.Format
	ch := st.clauseHead(v.anchor)
	res := coded{lim: st.lowerEnd(ch, v.ve)}
	lim := res.lim
	if format == TABARI {
		// TABARI reads on to the end of the sentence; firstAfter stops at
		// a comma.
		lim = len(st.toks)
	}
	var best *Pattern
	var bestCap capture
	for _, p := range e.Patterns {
		cp, ok := mt.pattern(p, v.vs, v.ve, 0, lim)
		if !ok {
			continue
		}
		if best == nil || cp.score > bestCap.score {
			best, bestCap = p, cp
		}
	}
	code, line := codeLine(v.ref.verb, best)
	if best == nil {
		bestCap = newCapture()
	}
	// A '?' marks a code its authors were unsure of: TABARI codes it,
	// without the mark, only when nothing else in the sentence codes
	// ("said" around the verb that says what was said).
	res.weak = strings.Contains(code, "?")
	code = strings.ReplaceAll(code, "?", "")
	fwd, back := SplitCode(code)
	if NullCode(fwd) {
		return res
	}
	res.coded = true
	rule := filepath.Base(v.ref.d.Name) + ":" + strconv.Itoa(line)

	// Source and target: the pattern's slots, else the clause's subject
	// (or the nearest actor before the verb) and the first actor after it.
	date := d.Article.Published
	var src, tgt []party
	compound := false
	switch {
	case bestCap.comp >= 0 && (format == TABARI || bestCap.compBefore):
		// "% HAVE *": the members of the compound act on each other.
		src = c.parties(st, bestCap.comp, true, date)
		tgt, compound = src, true
	default:
		if bestCap.src >= 0 {
			src = c.parties(st, bestCap.src, true, date)
		}
		if bestCap.tgt >= 0 {
			tgt = c.parties(st, bestCap.tgt, true, date)
		} else if bestCap.comp >= 0 {
			// PETRARCH's "* WITH %": the compound after the verb is its target.
			tgt = c.parties(st, bestCap.comp, true, date)
		}
		// A passive verb's "by" phrase is its source, actor or not ("to be
		// allowed by elves"); its subject is then the target.
		pass, agent := st.passive(ch)
		swap := false
		if pass && agent >= 0 && bestCap.src < 0 && bestCap.tgt < 0 {
			if k := st.unitAt[agent]; k >= 0 {
				src, swap = c.parties(st, mt.group(k), false, date), true
				if len(src) == 0 {
					return res
				}
			}
		}
		// The source is looked for before the words the pattern matched
		// ("Arnor suggested Gondor should ...": not Gondor), the target
		// from the verb on.
		to := v.vs
		for _, t := range bestCap.used {
			to = min(to, t)
		}
		if tgt == nil && !swap {
			tgt = c.firstAfter(st, mt, v.ve, lim, format, date)
		}
		if src == nil || swap && tgt == nil {
			avoid := -1
			if bestCap.tgt >= 0 {
				avoid = bestCap.tgt
			}
			subj := c.subjectParties(st, mt, ch, to, avoid, format, date)
			if swap {
				tgt = subj
			} else {
				src = subj
			}
		}
	}
	if len(src) == 0 || len(tgt) == 0 {
		return res
	}
	mod := st.modality(v, ch, bestCap.used)
	add := func(s, t party, code string) {
		if NullCode(code) || s.code == t.code || s.code == "" || t.code == "" || s.code == "---" || t.code == "---" {
			return
		}
		res.events = append(res.events, c.event(st, v, s, t, code, rule, mod))
	}
	switch {
	case compound && back != "":
		// Each pair of members once, in text order: the first does the
		// first code to the second, which answers with the second code.
		for i := range src {
			for j := i + 1; j < len(src); j++ {
				add(src[i], src[j], fwd)
				add(src[j], src[i], back)
			}
		}
	case back != "":
		// A paired code: each side does its part to the other.
		for _, s := range src {
			for _, t := range tgt {
				add(s, t, fwd)
				add(t, s, back)
			}
		}
	default:
		for _, s := range src {
			for _, t := range tgt {
				add(s, t, fwd)
			}
		}
	}
	return res
}

// codeLine returns the code of the pattern that matched, else the verb's
// own, and the dictionary line that gives it.
func codeLine(v *Verb, best *Pattern) (code string, line int) {
	if best != nil {
		return best.Code, best.Line
	}
	return v.Code, v.Line
}

// group returns the coordination unit k belongs to.
func (mt *matcher) group(k int) int { return mt.groupOf[k] }

// firstAfter returns the parties of the first coded noun phrase that starts
// in [from, lim), leaving out pronouns. TABARI does not look past a comma,
// except over a short clause set off by two of them (", rumored to
// originate in Mordor,").
func (c *Coder) firstAfter(st *sent, mt *matcher, from, lim int, format Format, date string) []party {
	for j := from; j < lim; j++ {
		if format == TABARI && st.words[j] == "," {
			k := j + 1
			for k < lim && st.words[k] != "," {
				k++
			}
			if n := wordsIn(st, j+1, k); k < lim && n >= commaMin && n <= commaMax {
				j = k
				continue
			}
			return nil
		}
		k := st.unitAt[j]
		if k < 0 || st.units[k].start != j {
			continue
		}
		if ps := c.parties(st, mt.group(k), false, date); len(ps) > 0 {
			return ps
		}
	}
	return nil
}

// The lengths in words of a clause set off by commas that TABARI and
// PETRARCH read past by default.
const (
	commaMin = 2
	commaMax = 8
)

// wordsIn counts the words of tokens [i, j).
func wordsIn(st *sent, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if strings.IndexFunc(st.words[k], unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// subjectParties returns the source of a clause. PETRARCH follows the
// parse: the clause's subject, else (when the parse gives the clause no
// subject) the nearest coded noun phrase before the verb, not looking past
// a comma; a subject that is no actor ("crowds", "a hafling") makes no
// source. TABARI reads the words: the nearest actor before the verb (a
// pronoun standing for one too), reading past a short clause set off by
// commas. Unit avoid (the pattern's target) is never the source.
func (c *Coder) subjectParties(st *sent, mt *matcher, ch, vs, avoid int, format Format, date string) []party {
	skip := func(k int) bool { return k == avoid || mt.group(k) == avoid }
	if format == TABARI && st.rel[ch] == "conj" && st.head[ch] >= 0 && st.subject(ch) == st.subject(st.head[ch]) {
		// The second verb of "condemned X and promised Y" has the first's
		// source.
		h := st.head[ch]
		return c.subjectParties(st, mt, h, h, avoid, format, date)
	}
	if format == PETRARCH {
		if s := st.subject(ch); s >= 0 {
			if k := st.unitAt[s]; k >= 0 && !skip(k) {
				return c.parties(st, mt.group(k), true, date)
			}
		}
	}
	for j := vs - 1; j >= 0; j-- {
		if st.words[j] == "," || st.comma[j] && format == PETRARCH {
			if format == PETRARCH {
				break
			}
			k := j - 1
			for k >= 0 && st.words[k] != "," {
				k--
			}
			if n := wordsIn(st, k+1, j); k >= 0 && n >= commaMin && n <= commaMax {
				j = k
				continue
			}
			break
		}
		k := st.unitAt[j]
		if k < 0 || st.units[k].end != j+1 || skip(k) {
			continue
		}
		// The phrase this one is the prepositional phrase of ("soldiers
		// from Gondor") is the one that ends here.
		k = mt.group(k)
		if p := mt.ofParent[k]; p >= 0 && !skip(p) {
			k = mt.group(p)
		}
		if ps := c.parties(st, k, format == TABARI, date); len(ps) > 0 {
			return ps
		}
	}
	return nil
}

// modality reads negation off the verb: a "not", "n't" or "never" of its
// clause that the matched pattern did not account for makes the event
// negated. Conditionals are hypothetical, "will" and "would" planned.
func (st *sent) modality(v verbAt, ch int, used []int) dyad.Modality {
	consumed := func(k int) bool { return slices.Contains(used, k) }
	for _, h := range []int{v.anchor, ch} {
		for _, k := range st.kids[h] {
			switch st.words[k] {
			case "NOT", "N'T", "NEVER":
				if !consumed(k) && (st.rel[k] == "advmod" || st.rel[k] == "neg") {
					return dyad.Negated
				}
			}
		}
	}
	for _, k := range st.kids[ch] {
		if st.rel[k] == "mark" && (st.words[k] == "IF" || st.words[k] == "UNLESS") && !consumed(k) {
			return dyad.Hypothetical
		}
	}
	for _, k := range st.kids[ch] {
		if st.rel[k] == "aux" && (st.words[k] == "WILL" || st.words[k] == "WOULD" || st.words[k] == "SHALL") {
			return dyad.Planned
		}
	}
	return dyad.Asserted
}

// event builds one event.
func (c *Coder) event(st *sent, v verbAt, s, t party, code, rule string, mod dyad.Modality) dyad.Event {
	ev := dyad.Event{
		Sentence:      st.n,
		Source:        dyad.Participant{Actor: s.actor, Code: s.code},
		Target:        dyad.Participant{Actor: t.actor, Code: t.code},
		CAMEO:         code,
		Modality:      mod,
		DatePrecision: dyad.PrecisionUnknown,
		Rule:          rule,
		Span:          dyad.Span{Start: st.toks[v.vs].Start, End: st.toks[v.ve-1].End},
	}
	if c.lookup != nil {
		if info, ok := c.lookup(code); ok {
			ev.CAMEOName, ev.Goldstein, ev.QuadClass = info.Name, info.Goldstein, info.QuadClass
			ev.PLOVER = dyad.PLOVER{Type: info.PLOVERType, Mode: info.PLOVERMode}
		}
	}
	return ev
}
