package actor

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// How far back (in sentences) each kind of reference looks.
const (
	personWindow = 6
	stateWindow  = 3
	groupWindow  = 5
)

var prepositions = map[string]bool{
	"of": true, "in": true, "to": true, "with": true, "for": true, "from": true, "on": true, "at": true,
	"by": true, "between": true, "against": true, "after": true, "since": true, "about": true, "over": true,
	"under": true, "among": true, "into": true, "through": true, "toward": true, "towards": true, "than": true,
}

// resolve turns a sentence's items into mentions in text order, resolving
// each coreference item against what came before it.
func (ds *docState) resolve(si int, ws []word, items []item) {
	sentStart := len(ds.history)
	cover := make([]int, len(ws)) // word -> 1 + index into history
	conj := conjuncts(ws, items)
	parsed := false
	for _, w := range ws {
		if w.rel != "" {
			parsed = true
			break
		}
	}
	subjectDone := false
	for n, it := range items {
		a, code, rule := it.a, it.code, it.rule
		plural := it.plural
		if it.coref != noCoref {
			// "its forces": the possessor of a state's body is an agent,
			// so no plain noun between ("denied the accusation, saying its
			// forces ...") hides it.
			it.possessor = it.coref == corefPronoun && n+1 < len(items) && items[n+1].i == it.j &&
				items[n+1].rule == "actor.role.sector" && items[n+1].a != nil && stateSectors[items[n+1].a.sector]
			r := ds.corefTarget(si, ws, it, cover, sentStart)
			if r == nil {
				continue
			}
			a, code, plural = r.a, r.code, r.plural
			switch it.coref {
			case corefPronoun:
				rule = "coref.pronoun"
			case corefTitle:
				rule = "coref.title"
			case corefDefinite:
				rule = "coref.definite"
				if it.sector != "" && a.kind == dyad.KindState {
					code = a.country + it.sector
				}
			case corefDemonstrative:
				rule = "coref.demonstrative"
			case corefRelative:
				rule = "coref.relative"
			}
		}
		if a == nil {
			continue
		}
		if it.rule == "actor.role.sector" {
			a, code, rule = ds.possessedSector(ws, it, cover, a, code, rule)
		}
		r := ref{a: a, sent: si, i: it.i, j: it.j, start: ws[it.i].start, code: code,
			quoted: ws[it.i].quoted, conj: conj[n], plural: plural || a.plural}
		if parsed {
			r.subject = isSubject(ws, it.i, it.j)
		} else if !subjectDone && !r.quoted && !(it.i > 0 && prepositions[ws[it.i-1].norm]) {
			r.subject = true
		}
		if r.subject {
			subjectDone = true
		}
		r.role = mentionRole(ws, it.i, it.j, r.subject)
		ds.history = append(ds.history, r)
		ds.sentRefs[si] = append(ds.sentRefs[si], len(ds.history)-1)
		for k := it.i; k < it.j; k++ {
			cover[k] = len(ds.history)
		}
		ds.addMention(a, si, ws, it.i, it.j, code, rule)
	}
}

func (ds *docState) addMention(a *actorState, si int, ws []word, i, j int, code, rule string) {
	start, end := ws[i].start, ws[j-1].end
	if code == a.code {
		code = ""
	}
	a.mentions = append(a.mentions, dyad.Mention{
		Sentence: ds.d.Sentences[si].N, Start: start, End: end, Text: ds.d.Text[start:end], Code: code, Rule: rule,
	})
}

// possessiveWords are the possessive pronouns that can give a role noun
// its country.
var possessiveWords = map[string]bool{"its": true, "their": true, "his": true, "her": true}

// possessedSector gives a countryless role noun ("troops", "forces") the
// country of the possessive pronoun right before it when that pronoun's
// antecedent is a state, or a person or group of one: "urged Ankara to
// withdraw its troops" TURMIL. Otherwise it returns the item's own actor.
func (ds *docState) possessedSector(ws []word, it item, cover []int, a *actorState, code, rule string) (*actorState, string, string) {
	if it.i == 0 || cover[it.i-1] == 0 || !possessiveWords[ws[it.i-1].norm] || !stateSectors[a.sector] {
		return a, code, rule
	}
	r := &ds.history[cover[it.i-1]-1]
	country := r.a.country
	if _, ok := ds.kb.countries[country]; !ok || r.a.kind == dyad.KindOrganisation {
		return a, code, rule
	}
	return ds.stateActor(country), country + a.sector, "actor.role.possessive"
}

// conjuncts marks the named items joined to a neighbour by "and", "or" or a
// comma ("between Iran and Ukraine", "China, India, Iran and South Africa").
func conjuncts(ws []word, items []item) []bool {
	out := make([]bool, len(items))
	for n := 0; n+1 < len(items); n++ {
		a, b := items[n], items[n+1]
		if a.coref != noCoref || b.coref != noCoref || b.i-a.j != 1 {
			continue
		}
		switch ws[a.j].norm {
		case "and", "or", ",", "nor":
			out[n], out[n+1] = true, true
		}
	}
	return out
}

// isSubject reports whether words [i, j) hold the nominal subject of the
// sentence's main verb (parsed input).
func isSubject(ws []word, i, j int) bool {
	for _, w := range ws[i:j] {
		if !strings.HasPrefix(w.rel, "nsubj") || w.head <= 0 {
			continue
		}
		for _, h := range ws {
			if h.tok <= w.head-1 && w.head-1 <= h.last {
				return h.rel == "root"
			}
		}
	}
	return false
}

// sentenceInitial reports whether only punctuation and quotes precede word i.
func sentenceInitial(ws []word, i int) bool {
	for _, w := range ws[:i] {
		if !w.punct && !w.quote {
			return false
		}
	}
	return true
}

// corefTarget finds the antecedent of a coreference item, or nil.
func (ds *docState) corefTarget(si int, ws []word, it item, cover []int, sentStart int) *ref {
	switch it.coref {
	case corefPronoun:
		switch g := pronouns[it.pron]; g {
		case "m", "f":
			r := ds.personPronoun(si, ws, it, g)
			if r != nil && r.a.gender == "" {
				r.a.gender = g
			}
			return r
		case "n":
			return ds.itPronoun(si, ws, it, cover)
		case "p":
			return ds.recent(si, stateWindow, func(r *ref) bool { return r.plural && r.a.kind != dyad.KindPerson })
		}
	case corefTitle:
		return ds.recent(si, personWindow, func(r *ref) bool {
			return r.a.kind == dyad.KindPerson && titleMatches(r.a, it.title, it.sector)
		})
	case corefDefinite:
		if it.wantOrg {
			// "the group" is also a named armed or political group
			// ("Hamas ... the group said"), not a crowd named by its role.
			named := it.head == "group" || it.head == "movement"
			return ds.recent(si, stateWindow, func(r *ref) bool {
				return r.a.kind == dyad.KindOrganisation || named && r.a.kind == dyad.KindGroup && r.a.rule != "actor.role.sector" && !r.plural
			})
		}
		return ds.definiteState(si, it)
	case corefDemonstrative, corefRelative:
		return ds.recent(si, groupWindow, func(r *ref) bool { return r.a.kind == dyad.KindGroup })
	}
	return nil
}

// definiteState resolves a description of a state or of one of its bodies
// ("the country", "the ministry", "the army") to the most salient compatible
// antecedent, centering-style: the latest sentence that holds one, and in it
// a subject before an object before an oblique ("X will travel to Baghdad
// for talks with Iraqi officials, the ministry announced": X's ministry),
// a single actor before one of a pair ("Iran and Ukraine"), then the
// nearest. A body goes with the government of a person or group of its
// sector: "the ministry" after a minister is the minister's country's.
func (ds *docState) definiteState(si int, it item) *ref {
	compatible := func(r *ref) *actorState {
		switch {
		case r.plural && r.a.kind == dyad.KindState:
			return nil
		case r.a.kind == dyad.KindState:
			return r.a
		case it.sector != "" && r.a.country != "" && r.a.sector == it.sector &&
			(r.a.kind == dyad.KindPerson || r.a.kind == dyad.KindGroup):
			if _, ok := ds.kb.countries[r.a.country]; ok {
				return ds.stateActor(r.a.country)
			}
		}
		return nil
	}
	rank := func(r *ref) int {
		n := r.role
		if r.conj {
			n += 3
		}
		return n
	}
	var best *ref
	var bestA *actorState
	bestRank := 1 << 30
	for n := len(ds.history) - 1; n >= 0; n-- {
		r := &ds.history[n]
		if si-r.sent > stateWindow || best != nil && r.sent != best.sent {
			break
		}
		a := compatible(r)
		if a == nil {
			continue
		}
		if k := rank(r); k < bestRank {
			best, bestA, bestRank = r, a, k
		}
	}
	if best == nil || bestA == best.a {
		return best
	}
	out := *best
	out.a, out.code, out.plural = bestA, "", false
	return &out
}

// mentionRole ranks a mention for salience: 0 a subject (of the main
// clause, or of any clause when parsed), 1 an object or other argument, 2
// an oblique: a preposition right before it, or (parsed) an oblique or
// nominal-modifier relation on its head word.
func mentionRole(ws []word, i, j int, subject bool) int {
	if subject {
		return 0
	}
	if i > 0 && prepositions[ws[i-1].norm] {
		return 2
	}
	for _, w := range ws[i:j] {
		if w.head <= 0 || w.rel == "" {
			continue
		}
		inside := false
		for _, v := range ws[i:j] {
			inside = inside || v.tok <= w.head-1 && w.head-1 <= v.last
		}
		if inside {
			continue
		}
		switch {
		case strings.HasPrefix(w.rel, "nsubj"):
			return 0
		case strings.HasPrefix(w.rel, "obl"), strings.HasPrefix(w.rel, "nmod") && w.rel != "nmod:poss":
			return 2
		}
		return 1
	}
	return 1
}

// recent returns the latest ref within window sentences that ok accepts.
func (ds *docState) recent(si, window int, ok func(*ref) bool) *ref {
	for n := len(ds.history) - 1; n >= 0; n-- {
		r := &ds.history[n]
		if si-r.sent > window {
			return nil
		}
		if ok(r) {
			return r
		}
	}
	return nil
}

// subjectOf returns the subject ref of sentence si, or nil.
func (ds *docState) subjectOf(si int) *ref {
	if si < 0 {
		return nil
	}
	for _, n := range ds.sentRefs[si] {
		if ds.history[n].subject {
			return &ds.history[n]
		}
	}
	return nil
}

// personPronoun: a sentence-initial pronoun prefers the previous sentence's
// subject; otherwise the latest compatible person.
func (ds *docState) personPronoun(si int, ws []word, it item, g string) *ref {
	compatible := func(r *ref) bool {
		return r.a.kind == dyad.KindPerson && (r.a.gender == "" || r.a.gender == g)
	}
	if sentenceInitial(ws, it.i) {
		if r := ds.subjectOf(si - 1); r != nil && compatible(r) {
			return r
		}
	}
	return ds.recent(si, personWindow, compatible)
}

var temporalNouns = map[string]bool{
	"year": true, "years": true, "day": true, "days": true, "week": true, "weeks": true, "month": true,
	"months": true, "time": true, "ago": true, "today": true, "yesterday": true, "tomorrow": true,
	"weekend": true, "morning": true, "afternoon": true, "evening": true, "night": true, "tonight": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// blockingRel reports whether a plain noun with this relation can be the
// antecedent of "it" and so hides the actors before it: a clause's subject
// or object does ("The resolution ... it calls for"), a modifier does not
// ("The Union of primary school teachers announced that it ...").
func blockingRel(rel string) bool {
	switch rel {
	case "", "nsubj", "nsubj:pass", "obj", "iobj", "root", "conj":
		return true
	}
	return false
}

// itPronoun resolves "it"/"its": the nearest preceding singular noun phrase
// of the same sentence, skipping members of a pair; a state or organisation
// there is the antecedent, while a plain noun (when tagged) blocks it. A
// sentence-initial "it" takes the previous sentence's subject.
func (ds *docState) itPronoun(si int, ws []word, it item, cover []int) *ref {
	compatible := func(r *ref) bool {
		return (r.a.kind == dyad.KindState || r.a.kind == dyad.KindOrganisation) && !r.plural
	}
	for q := it.i - 1; q >= 0; q-- {
		if cover[q] > 0 {
			r := &ds.history[cover[q]-1]
			q = r.i
			if r.conj || r.plural || r.quoted != ws[it.i].quoted {
				continue
			}
			if compatible(r) {
				return r
			}
			continue
		}
		w := ws[q]
		if strings.HasPrefix(w.rel, "nsubj") && w.head > 0 && w.head == ws[it.i].head && !strings.HasPrefix(ws[it.i].rel, "nsubj") {
			// The subject of the pronoun's own clause is never its
			// antecedent ("a mortar bomb was fired at it": not the bomb),
			// so it hides nothing.
			continue
		}
		if !it.possessor && (w.upos == "NOUN" || w.upos == "PROPN") && !temporalNouns[w.norm] && !strings.Contains(w.feats, "Number=Plur") &&
			w.xpos != "NNS" && w.xpos != "NNPS" && blockingRel(w.rel) {
			return nil
		}
	}
	if sentenceInitial(ws, it.i) {
		if r := ds.subjectOf(si - 1); r != nil && compatible(r) {
			return r
		}
	}
	return nil
}

// spokesWords are one title for matching.
var spokesWords = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}

// genericTitles fit any person of the sector.
var genericTitles = map[string]bool{
	"official": true, "diplomat": true, "leader": true, "aide": true, "envoy": true, "adviser": true, "advisor": true,
}

// titleMatches reports whether a person fits a title description: "the
// minister" needs "minister" in the office, "the ministry spokesman" both
// words, "the official" only the sector.
func titleMatches(a *actorState, title []string, sector string) bool {
	if len(title) == 0 {
		return false
	}
	head := title[len(title)-1]
	if genericTitles[head] {
		return a.sector == sector || a.sector == "" && sector == "GOV"
	}
	office := strings.Fields(a.office)
	has := func(w string) bool {
		for _, o := range office {
			if o == w || spokesWords[w] && spokesWords[o] {
				return true
			}
		}
		return false
	}
	for _, w := range title {
		if !has(w) {
			return false
		}
	}
	return true
}
