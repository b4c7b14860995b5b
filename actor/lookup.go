package actor

import (
	"strings"

	"github.com/dyadhq/dyad"
)

// Match is what Lookup found for a phrase.
type Match struct {
	Name    string         `json:"name"`
	Code    string         `json:"code"` // the phrase's own code ("IRNGOV" for "Iranian officials")
	Country string         `json:"country,omitempty"`
	Sector  string         `json:"sector,omitempty"`
	Kind    dyad.ActorKind `json:"kind,omitempty"` // empty for a place that is no actor
	Office  string         `json:"office,omitempty"`
	// Place is set for cities and for capitals and countries read as
	// places; Lat and Lon are known for cities.
	Place *dyad.Location `json:"place,omitempty"`
	Rule  string         `json:"rule"`
}

// Lookup resolves a noun phrase ("Iranian officials", "Tehran", "Hassan
// Rouhani", "the UN Security Council", "New York") on a date (YYYY-MM-DD, or
// "" for the latest offices). It returns the mention covering the phrase's
// head (its last word), or a place; ok is false when nothing is known.
func (r *Resolver) Lookup(phrase, date string) (Match, bool) {
	day, err := articleDate(date)
	if err != nil {
		day = 0
	}
	d := &dyad.Doc{Text: phrase, Article: dyad.Article{Published: date}}
	toks := simpleTokens(phrase, 0)
	if len(toks) == 0 {
		return Match{}, false
	}
	d.Sentences = []dyad.Sentence{{N: 1, Start: 0, End: len(phrase), Tokens: toks}}
	ds := newDocState(r.kb, d, day)
	ws := buildWords(phrase, toks)
	hits := ds.match(ws)
	items := ds.assemble(1, ws, hits) // 1: never the dateline
	ds.resolve(0, ws, items)
	// The mention that reaches furthest right is the head's.
	var best *dyad.Actor
	var bm *dyad.Mention
	actors := ds.actors()
	for i := range actors {
		for j := range actors[i].Mentions {
			m := &actors[i].Mentions[j]
			if bm == nil || m.End > bm.End || m.End == bm.End && m.Start < bm.Start {
				best, bm = &actors[i], m
			}
		}
	}
	if best != nil {
		code := best.Code
		if bm.Code != "" {
			code = bm.Code
		}
		m := Match{Name: best.Name, Code: code, Country: best.Country, Sector: best.Sector, Kind: best.Kind,
			Office: best.Office, Rule: bm.Rule}
		if bm.Code != "" {
			m.Country, m.Sector = r.kb.splitCode(bm.Code)
		}
		if bm.Rule == "actor.capital.place" || bm.Rule == "actor.dateline" {
			m.Place = &dyad.Location{Name: bm.Text, Country: best.Country}
		}
		return m, true
	}
	// A city is a place of its country.
	for _, h := range hits {
		if h.e != nil && h.e.kind == eCity {
			lat, lon := h.e.lat, h.e.lon
			loc := &dyad.Location{Name: h.e.name, Country: h.e.root}
			if lat != 0 || lon != 0 {
				loc.Lat, loc.Lon = &lat, &lon
			}
			return Match{Name: h.e.name, Code: h.e.root, Country: h.e.root, Place: loc, Rule: "actor.city"}, true
		}
	}
	return Match{}, false
}

// MentionAt returns the actor and mention of d that cover span: the shortest
// mention containing it. Both are nil when none does. The pointers point into
// d.Actors.
func MentionAt(d *dyad.Doc, span dyad.Span) (*dyad.Actor, *dyad.Mention) {
	var ba *dyad.Actor
	var bm *dyad.Mention
	for i := range d.Actors {
		a := &d.Actors[i]
		for j := range a.Mentions {
			m := &a.Mentions[j]
			if m.Start <= span.Start && span.End <= m.End && (bm == nil || m.End-m.Start < bm.End-bm.Start) {
				ba, bm = a, m
			}
		}
	}
	return ba, bm
}

// CodeOf returns the code of a mention: its own code when set, else its
// actor's.
func CodeOf(a *dyad.Actor, m *dyad.Mention) string {
	if m != nil && m.Code != "" {
		return m.Code
	}
	if a == nil {
		return ""
	}
	return a.Code
}

// regionWords are the adjectives that narrow a country to a part of it
// ("eastern Ukraine"): the place is still in that country.
var regionWords = map[string]bool{
	"eastern": true, "western": true, "northern": true, "southern": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"north": true, "south": true, "east": true, "west": true, "occupied": true,
}

// Place resolves a place name to a location: a city or capital (with its
// position), a country, or a part of a country ("eastern Ukraine"). It is
// what the event coder asks for an event's location.
func (r *Resolver) Place(name string) (dyad.Location, bool) {
	name = strings.TrimSpace(name)
	for _, p := range []string{"the ", "The "} {
		name = strings.TrimPrefix(name, p)
	}
	if name == "" {
		return dyad.Location{}, false
	}
	best := r.kb.place(normPhrase(name))
	narrowed := false
	if ws := splitWords(name); best == nil && len(ws) > 1 && regionWords[normWord(ws[0])] {
		best = r.kb.place(normPhrase(strings.Join(ws[1:], " ")))
		narrowed = true
	}
	if best == nil {
		return dyad.Location{}, false
	}
	loc := dyad.Location{Name: name, Country: best.root}
	if !narrowed && (best.kind == eCity || best.kind == eCapital) && (best.lat != 0 || best.lon != 0) {
		lat, lon := best.lat, best.lon
		loc.Lat, loc.Lon = &lat, &lon
	}
	return loc, true
}

// place returns the best place entry of a phrase key: a capital, a city or
// a country.
func (kb *knowledge) place(key string) *entry {
	p, ok := kb.byKey[key]
	if !ok {
		return nil
	}
	var best *entry
	for _, e := range p.entries {
		switch e.kind {
		case eCity, eCapital, eCountry:
			if best == nil || placeRank(e.kind) < placeRank(best.kind) {
				best = e
			}
		}
	}
	return best
}

func placeRank(k entryKind) int {
	switch k {
	case eCapital:
		return 0
	case eCity:
		return 1
	}
	return 2
}

// Demonym returns the country code of a demonym or adjective of a state
// ("Indian" is IND, "Ukrainians" is UKR), for the event coder to read
// "Indian positions" when no mention covers it.
func (r *Resolver) Demonym(word string) (string, bool) {
	p, ok := r.kb.byKey[normWord(strings.TrimSpace(word))]
	if !ok {
		return "", false
	}
	for _, e := range p.entries {
		if e.kind == eDemonym && e.root != "" {
			return e.root, true
		}
	}
	return "", false
}
