package actor

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// roleCountryPreps introduce the country of a role noun after it: "rebels
// in Nepal", "members of parliament from Kenya", "journalists at Sudan's
// newspaper".
var roleCountryPreps = map[string]bool{"of": true, "from": true, "in": true, "at": true}

// roleDeterminers make a singular title noun a mention by itself: "a
// journalist said". Without one, singular titles are too often parts of
// other phrases ("in general", "head of the delegation") to be actors.
var roleDeterminers = map[string]bool{"a": true, "an": true, "one": true, "another": true}

// sectorItem makes a mention of a chain of role nouns that heads a noun
// phrase with no country before it ("rebels rejected", "journalists",
// "Parliament approved", "a journalist"). CAMEO codes such an actor by its
// sector alone (REB, MED, LEG); a country in an of/from/in/at modifier right
// after the chain ("rebels in Nepal", "journalists at Sudan's newspaper")
// gives the code its root (NPLREB, SDNMED). hits[m] is the first hit after
// the chain.
func (ds *docState) sectorItem(ws []word, hits []hit, m int, roles []hit) (item, bool) {
	first, last := roles[0], roles[len(roles)-1]
	sector := chainSector(roles)
	if sector == "" || !sectorHead(ws, last.j) {
		return item{}, false
	}
	plural := last.e.plural || last.e.role == roleCollective
	if last.e.role == rolePerson && !plural && (first.i == 0 || !roleDeterminers[ws[first.i-1].norm]) {
		return item{}, false
	}
	root := ds.roleCountry(ws, hits, m, last.j)
	// A state's own sector without a country after a preposition ("the
	// withdrawal of troops") mostly belongs to a state the text implies:
	// better no actor than a countryless one.
	before := first.i - 1
	if before >= 0 && ws[before].norm == "the" {
		before--
	}
	if root == "" && stateSectors[sector] && before >= 0 && prepositions[ws[before].norm] {
		return item{}, false
	}
	if root != "" {
		code := root + sector
		if last.e.prefix {
			code = sector + root
		}
		return item{i: first.i, j: last.j, a: ds.stateActor(root), code: code, rule: "actor.role.country", plural: plural}, true
	}
	key := sectorKey(sector, last.e, plural)
	a, ok := ds.byKey[key]
	if !ok {
		kind := dyad.KindOrganisation
		switch {
		case plural:
			kind = dyad.KindGroup
		case last.e.role == rolePerson:
			kind = dyad.KindPerson
		}
		country, sec := ds.kb.splitCode(sector)
		if country == "" {
			sec = sector
		}
		a = ds.newActor(key, normPhrase(spanForm(ws, first.i, last.j)), sector, country, sec, kind, "actor.role.sector")
		a.plural = plural
	}
	return item{i: first.i, j: last.j, a: a, rule: "actor.role.sector", plural: plural}, true
}

// sectorKey is the document key of a countryless role actor. Sharing a
// code does not make two mentions one actor: "opposition leaders" and
// "protesters" are both OPP but two groups. Mentions are one actor only
// when their sector, the head noun of their role ("leader" of "opposition
// leader", "officer" of "police officer") and their number agree, so
// "protesters" in one sentence and "Protesters" in another are the same
// group, "police" and "officers" or "a journalist" and "journalists" not.
func sectorKey(sector string, head *entry, plural bool) string {
	name := head.name
	if head.group != "" {
		name = head.group
	}
	if i := strings.LastIndexAny(name, " _"); i >= 0 {
		name = name[i+1:]
	}
	n := "one"
	if plural {
		n = "many"
	}
	return "sector:" + sector + ":" + n + ":" + name
}

// roleCountry returns the country of an of/from/in/at modifier starting at
// word p, right after a role chain: a country, capital, city or demonym
// ("in Nepal", "from Kenya's party", "at the Sudanese embassy"), or "".
func (ds *docState) roleCountry(ws []word, hits []hit, m, p int) string {
	if p >= len(ws) || !roleCountryPreps[ws[p].norm] || m >= len(hits) {
		return ""
	}
	p++
	if p < len(ws) && ws[p].norm == "the" {
		p++
	}
	h := hits[m]
	if h.i != p || h.e == nil {
		return ""
	}
	// "from" also says where people move from ("the withdrawal of troops
	// from Ukraine"): only a body of the country counts ("from Kenya's
	// party", "from the Kenyan parliament").
	if ws[p-1].norm == "from" || p >= 2 && ws[p-1].norm == "the" && ws[p-2].norm == "from" {
		if !ws[h.j-1].poss && h.e.kind != eDemonym {
			return ""
		}
	}
	switch h.e.kind {
	case eCountry, eCapital, eCity, eDemonym:
		return h.e.root
	}
	return ""
}

// sectorHead reports whether a role chain ending before word j heads its
// noun phrase ("rebels rejected", "the opposition,") rather than modifying
// a noun ("police station", "military connections"). With tags the last
// role word must be a noun that is no compound or modifier and the next
// word no noun; without, the next word must end the phrase: punctuation, a
// function word, an auxiliary or a past-tense-looking verb.
func sectorHead(ws []word, j int) bool {
	lw := ws[j-1]
	if lw.poss {
		return true
	}
	next := word{punct: true}
	if j < len(ws) {
		next = ws[j]
	}
	if lw.upos != "" {
		switch lw.rel {
		case "compound", "amod", "flat", "flat:name":
			return false
		}
		switch next.upos {
		case "NOUN", "PROPN", "NUM":
			return false
		}
		return lw.upos == "NOUN" || lw.upos == "PROPN" || lw.upos == "ADJ" && (next.upos == "VERB" || next.upos == "AUX")
	}
	if next.punct || next.quote {
		return true
	}
	if next.upper {
		return false
	}
	if phraseEnders[next.norm] || prepositions[next.norm] {
		return true
	}
	return len(next.norm) > 3 && next.norm[len(next.norm)-2:] == "ed"
}

// stateSectors are the sectors of a state's own institutions.
var stateSectors = map[string]bool{"GOV": true, "MIL": true, "COP": true, "SPY": true, "JUD": true, "LEG": true, "GOVMED": true}

// phraseEnders are words that cannot continue a noun phrase.
var phraseEnders = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "was": true, "are": true, "were": true, "will": true,
	"would": true, "said": true, "say": true, "says": true, "can": true, "could": true, "may": true,
	"might": true, "must": true, "should": true, "did": true, "do": true, "does": true, "also": true,
	"told": true, "but": true, "who": true, "which": true, "that": true,
	"as": true, "when": true, "while": true, "if": true, "because": true, "not": true, "to": true,
}
