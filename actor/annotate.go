package actor

import (
	"sort"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
)

// actorState is an actor being assembled for one document.
type actorState struct {
	key      string
	name     string
	code     string
	country  string
	sector   string
	office   string
	gender   string
	kind     dyad.ActorKind
	rule     string
	plural   bool
	person   *entry // the known person, if any
	mentions []dyad.Mention
}

// ref is one resolved mention, kept for coreference.
type ref struct {
	a       *actorState
	sent    int
	i, j    int // words of its sentence
	start   int
	code    string // the mention's own code ("" when the actor's)
	subject bool
	role    int // salience: 0 subject, 1 object, 2 oblique ("talks with Iraqi officials")
	quoted  bool
	conj    bool
	plural  bool
}

// docState is the per-document work of Annotate. It is not shared.
type docState struct {
	kb       *knowledge
	d        *dyad.Doc
	day      dict.Date
	byKey    map[string]*actorState
	order    []*actorState
	history  []ref
	aliases  map[string]*actorState // doc-level surnames and name parts, by normalised words
	aliasMax int
	sentRefs [][]int // per sentence: indexes into history
}

func newDocState(kb *knowledge, d *dyad.Doc, day dict.Date) *docState {
	return &docState{kb: kb, d: d, day: day, byKey: map[string]*actorState{}, aliases: map[string]*actorState{},
		sentRefs: make([][]int, len(d.Sentences))}
}

// hit is one match of the gazetteer or of a document alias over words [i, j).
type hit struct {
	i, j  int
	e     *entry
	alias *actorState
}

// sentence recognises and resolves the mentions of sentence si.
func (ds *docState) sentence(si int) {
	s := &ds.d.Sentences[si]
	ws := buildWords(ds.d.Text, s.Tokens)
	if len(ws) == 0 {
		return
	}
	hits := ds.match(ws)
	items := ds.assemble(si, ws, hits)
	ds.resolve(si, ws, items)
}

// match finds the longest known phrase at each position, left to right.
func (ds *docState) match(ws []word) []hit {
	var hits []hit
	for i := 0; i < len(ws); {
		if ws[i].punct {
			i++
			continue
		}
		best := ds.longestAt(ws, i)
		// "The UN General Assembly": a longer match one word on wins over
		// one that starts here ("the UN").
		if best.j > i+1 && best.j < len(ws) {
			if next := ds.longestAt(ws, i+1); next.j > best.j {
				i++
				continue
			}
		}
		if best.j > i {
			hits = append(hits, best)
			i = best.j
			continue
		}
		i++
	}
	return hits
}

// longestAt returns the longest match starting at word i (j == i when none).
func (ds *docState) longestAt(ws []word, i int) hit {
	best := hit{i: i, j: i}
	for _, p := range ds.kb.index[ws[i].norm] {
		n := len(p.words)
		// A place (a city, a region) yields to an actor of the same words
		// from a dictionary ("Alaska" in the Phoenix dictionary is USA).
		place := best.e != nil && best.e.kind == eCity && n == best.j-i
		if n <= best.j-i && !place || i+n > len(ws) || !wordsMatch(ws[i:i+n], p) {
			continue
		}
		if e := ds.choose(p); e != nil {
			if place && e.kind == eCity {
				continue
			}
			best = hit{i: i, j: i + n, e: e}
			if e.kind != eCity {
				break // longest first
			}
		}
	}
	// A person's name typed in lower case after a capitalized title
	// ("President obama"): the title vouches for the name.
	if best.j == i && i > 0 && !ws[i].upper && ws[i-1].upper && ds.isPersonTitle(ws[i-1].norm) {
		for _, p := range ds.kb.index[ws[i].norm] {
			n := len(p.words)
			if i+n > len(ws) {
				continue
			}
			up := make([]word, n)
			copy(up, ws[i:i+n])
			for k := range up {
				up[k].upper = true
			}
			if !wordsMatch(up, p) {
				continue
			}
			if e := ds.choose(p); e != nil && e.kind == ePerson {
				best = hit{i: i, j: i + n, e: e}
				break
			}
		}
	}
	// Dictionary stems ("KUWAIT" for "Kuwaiti"): they win over a built-in
	// match of the same length unless it is about the same country.
	if len(ds.kb.stems) > 0 && best.j <= i+1 {
		if st := ds.stemAt(ws, i); st.e != nil && (best.e == nil || !best.e.user && best.e.root != dictRoot(st.e)) {
			best = st
		}
	}
	// Names of people already in the document ("Kanaani").
	for n := min(ds.aliasMax, len(ws)-i); n > best.j-i; n-- {
		if a := ds.aliasAt(ws[i : i+n]); a != nil {
			best = hit{i: i, j: i + n, alias: a}
			break
		}
	}
	return best
}

// stemAt returns the match of a one-word dictionary stem at word i.
func (ds *docState) stemAt(ws []word, i int) hit {
	w := ws[i].norm
	for n := len(w); n >= len(w)-maxStemSuffix && n >= minStem; n-- {
		for _, p := range ds.kb.stems[w[:n]] {
			if !wordsMatch(ws[i:i+1], p) {
				continue
			}
			if e := ds.choose(p); e != nil {
				return hit{i: i, j: i + 1, e: e}
			}
		}
	}
	return hit{i: i, j: i}
}

// dictRoot is the country root of a dictionary entry's first code.
func dictRoot(e *entry) string {
	if len(e.codes) > 0 && len(e.codes[0].Code) >= 3 {
		return e.codes[0].Code[:3]
	}
	return ""
}

func wordsMatch(ws []word, p *phrase) bool {
	for k := range p.words {
		w := &ws[k]
		if w.norm != p.words[k] && !(p.stem && k == len(p.words)-1 && stemMatches(w.norm, p.words[k])) ||
			w.punct && len(p.words) > 1 {
			return false
		}
		if k < len(p.words)-1 && w.poss {
			return false
		}
		if p.exact != nil {
			if strings.TrimSuffix(w.form, ".") != p.exact[k] {
				return false
			}
		} else if p.caps[k] && !w.upper {
			return false
		}
	}
	return true
}

// choose picks the entry a phrase stands for here: user entries first, then
// by kind; a person known only by a one-word alias needs to be in office on
// the article's date or already named in the document.
func (ds *docState) choose(p *phrase) *entry {
	var best *entry
	for _, e := range p.entries {
		if e.kind == ePerson && p.surname {
			if _, seen := ds.byKey[e.id]; !seen {
				if _, ok, _ := e.officeOn(ds.day); !ok || ds.day == 0 {
					continue
				}
			}
		}
		if e.kind == eDict && !ds.dictUsable(e) {
			continue
		}
		if best == nil || e.user && !best.user || e.user == best.user && kindRank(e.kind) < kindRank(best.kind) {
			best = e
			continue
		}
		// Two people of one name ("George Bush"): the one in office on the
		// article's date.
		if e.kind == ePerson && best.kind == ePerson && e.user == best.user && ds.day != 0 {
			if _, ok, _ := e.officeOn(ds.day); ok {
				if _, bok, _ := best.officeOn(ds.day); !bok {
					best = e
				}
			}
		}
	}
	return best
}

func (ds *docState) dictUsable(e *entry) bool {
	c, ok := (&dict.Actor{Codes: e.codes}).CodeOn(ds.day)
	return ok && !c.Null()
}

func kindRank(k entryKind) int {
	switch k {
	case eDict:
		return 0
	case ePerson:
		return 1
	case eOrg:
		return 2
	case eGroup:
		return 3
	case eCountry:
		return 4
	case eCapital:
		return 5
	case eDemonym:
		return 6
	case eCity:
		return 7
	}
	return 8
}

func (ds *docState) aliasAt(ws []word) *actorState {
	var b strings.Builder
	for k, w := range ws {
		if !w.upper || w.punct || k < len(ws)-1 && w.poss {
			return nil
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.norm)
	}
	return ds.aliases[b.String()]
}

// item is a mention found in a sentence, or a place where a coreference
// (pronoun, title, description) must be resolved.
type item struct {
	i, j   int
	a      *actorState // a named mention's actor
	code   string      // mention code when it differs from the actor's
	rule   string
	plural bool
	// For coreference items:
	coref   corefKind
	pron    string   // the pronoun, lower case
	title   []string // title words of a description ("ministry", "spokesman")
	head    string   // the description's head noun
	sector  string
	wantOrg bool
	// possessor: a possessive pronoun right before a state's role noun
	// ("its forces"), which only an agent can own.
	possessor bool
}

type corefKind uint8

const (
	noCoref corefKind = iota
	corefPronoun
	corefTitle
	corefDefinite
	corefDemonstrative
	corefRelative
)

var locativePreps = map[string]bool{
	"in": true, "at": true, "to": true, "from": true, "into": true, "near": true, "via": true,
	"across": true, "outside": true, "around": true, "toward": true, "towards": true, "through": true,
	"inside": true, "within": true, "throughout": true,
}

// assemble turns hits into mentions: titles and appositions, a demonym or
// country with role nouns, capitals as governments or places; and marks the
// places where coreference must be resolved.
func (ds *docState) assemble(si int, ws []word, hits []hit) []item {
	var items []item
	covered := make([]bool, len(ws))
	cover := func(i, j int) {
		for k := i; k < j; k++ {
			covered[k] = true
		}
	}
	hitAt := map[int]int{}
	for k, h := range hits {
		hitAt[h.i] = k
	}
	var lead *hit // a title modifier before a demonym: "Former Iranian President"
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		if h.e != nil && h.e.kind == eRole && h.e.role == roleModifier && k+1 < len(hits) && hits[k+1].i == h.j &&
			hits[k+1].e != nil && (hits[k+1].e.kind == eDemonym || hits[k+1].e.kind == eCountry) {
			lead = &hits[k]
			continue
		}
		if lead != nil && lead.j != h.i {
			lead = nil
		}
		if h.alias != nil {
			a := h.alias
			items = append(items, item{i: h.i, j: h.j, a: a, rule: "actor.person.surname"})
			cover(h.i, h.j)
			continue
		}
		e := h.e
		// A chain of role nouns right after the hit (no possessive inside).
		m := k + 1
		for m < len(hits) && (hits[m].i == hits[m-1].j || m == k+1 && adjectiveGap(ws, e, hits[m-1].j, hits[m].i)) &&
			hits[m].e != nil && hits[m].e.kind == eRole &&
			(m == k+1 || !ws[hits[m-1].j-1].poss) && (e.kind != eRole || !ws[hits[m-1].j-1].poss) {
			m++
		}
		roles := hits[k+1 : m]
		if e.kind == eRole {
			roles = hits[k:m]
		}
		// Modifiers ("deputy", "former") only count before a role noun.
		for len(roles) > 0 && roles[len(roles)-1].e.role == roleModifier {
			roles = roles[:len(roles)-1]
			m--
		}
		if e.kind == eRole && len(roles) == 0 {
			continue
		}
		// A dictionary person takes no agents ("Romendacil spokesman").
		if e.kind == eDict && (e.actorKind == dyad.KindPerson || ds.codeOn(e.codes) == "") {
			roles = nil
		}
		switch e.kind {
		case eDemonym, eCountry, eCapital, eOrg, eRole, eDict:
			if len(roles) == 0 {
				break
			}
			last := roles[len(roles)-1]
			title := roleWords(ws, roles)
			sector := chainSector(roles)
			if lead != nil && lead.e.sector != "" {
				sector = lead.e.sector
			}
			// Title + name: a person.
			if last.e.role == rolePerson && !last.e.plural {
				if end, ph := ds.nameRun(ws, hits, last.j); end > last.j {
					titled := ph == nil
					if titled {
						ph = ds.titledSurname(ws, last.j, end, title)
					}
					start := h.i
					if lead != nil {
						start = lead.i
					}
					if e.kind == eRole && start > 0 && ws[start-1].norm == "the" {
						start-- // "the Iranian foreign minister X" keeps its article
					}
					a := ds.personFromTitle(ws, last.j, end, ph, e, title, last.e, sector)
					items = append(items, item{i: start, j: end, a: a, rule: "actor.title.apposition"})
					cover(start, end)
					k = m - 1
					if ph != nil && !titled {
						k = hitAt[ph.i]
					}
					continue
				}
			}
			if e.kind == eRole {
				// "the ministry spokesman", "The official": a description.
				if h.i > 0 && ws[h.i-1].norm == "the" && !covered[h.i-1] && ds.descriptionEnds(ws, roles) && !ofNamed(ws, hits, last.j) {
					it := item{i: h.i - 1, j: last.j, title: title, head: title[len(title)-1], sector: sector}
					switch {
					case last.e.role == rolePerson && !last.e.plural:
						it.coref = corefTitle
					case last.e.role == roleBody && stateSectors[sector]:
						it.coref = corefDefinite
					}
					if it.coref != noCoref {
						items = append(items, it)
						cover(it.i, it.j)
						k = m - 1
						continue
					}
				}
				// "rebels rejected", "journalists in Sudan": a sector actor.
				if it, ok := ds.sectorItem(ws, hits, m, roles); ok {
					items = append(items, it)
					cover(it.i, it.j)
				}
				k = m - 1
				continue
			}
			if e.kind == eOrg {
				// "UN envoy": the organisation itself; "UN troops",
				// "NATO forces": its military (IGOUNOMIL), as CAMEO adds
				// a role code to an organisation's code.
				a := ds.orgActor(e)
				code := ""
				if sector == "MIL" && a != nil && a.code != "" {
					code = a.code + sector
				}
				items = append(items, item{i: h.i, j: last.j, a: a, code: code, rule: orgRule(e)})
				cover(h.i, last.j)
				k = m - 1
				continue
			}
			if e.kind == eDict {
				// A dictionary actor with agents: "The Calenardhon
				// government" CALGOV, "Bree officials" BREGOV.
				start := h.i
				if start > 0 && ws[start-1].norm == "the" && !covered[start-1] {
					start--
				}
				root := ds.codeOn(e.codes)
				code := root + sector
				if last.e.prefix {
					code = sector + root
				}
				items = append(items, item{i: start, j: last.j, a: ds.dictActor(e), code: code, rule: "actor.dict.role",
					plural: last.e.plural || last.e.role == roleCollective})
				cover(start, last.j)
				k = m - 1
				continue
			}
			// A state with a role: "Iranian officials", "Russia's military".
			start := h.i
			if lead != nil {
				start = lead.i
			}
			if start > 0 && ws[start-1].norm == "the" && e.kind == eDemonym {
				start--
			}
			c := ds.stateActor(e.root)
			rule := "actor.country.role"
			if e.kind == eDemonym {
				rule = "actor.demonym.role"
			}
			code := e.root + sector
			if last.e.prefix {
				code = sector + e.root // a dictionary agent CODE~: "NGO" + "IRN"
			}
			items = append(items, item{i: start, j: last.j, a: c, code: code, rule: rule,
				plural: last.e.plural || last.e.role == roleCollective})
			cover(start, last.j)
			k = m - 1
			continue
		}
		switch e.kind {
		case eDemonym:
			if e.plural {
				items = append(items, item{i: h.i, j: h.j, a: ds.stateActor(e.root), rule: "actor.demonym.people", plural: true})
				cover(h.i, h.j)
			}
		case eCountry:
			items = append(items, item{i: h.i, j: h.j, a: ds.stateActor(e.root), rule: "actor.country.name"})
			cover(h.i, h.j)
		case eCapital:
			it := item{i: h.i, j: h.j, a: ds.stateActor(e.root)}
			switch {
			case si == 0 && h.i == 0 && (allCaps(ws[h.i].form) || h.j < len(ws) && ws[h.j].punct):
				it.rule = "actor.dateline"
			case h.i > 0 && locativePreps[ws[h.i-1].norm] && !ws[h.j-1].poss:
				it.rule = "actor.capital.place"
			default:
				it.rule = "actor.capital.government"
				it.code = e.root + "GOV"
			}
			items = append(items, it)
			cover(h.i, h.j)
		case eOrg, eGroup:
			a := ds.orgActor(e)
			items = append(items, item{i: h.i, j: h.j, a: a, rule: orgRule(e), plural: e.plural})
			cover(h.i, h.j)
		case eDict:
			a := ds.dictActor(e)
			if a != nil {
				items = append(items, item{i: h.i, j: h.j, a: a, rule: "actor.dict"})
				cover(h.i, h.j)
			}
		case ePerson:
			start := h.i
			a := ds.personActor(e, "", "")
			rule := "actor.person.known"
			if ph := ds.kb.byKey[normPhrase(spanForm(ws, h.i, h.j))]; ph != nil && ph.surname {
				rule = "actor.person.surname"
			}
			items = append(items, item{i: start, j: h.j, a: a, rule: rule})
			cover(start, h.j)
			ds.appositionAfter(ws, hits, h.j, a)
		}
	}
	items = append(items, ds.unknownAppositions(ws, hits, covered)...)
	items = append(items, corefItems(ws, covered)...)
	sort.SliceStable(items, func(a, b int) bool { return items[a].i < items[b].i })
	shareRoles(ws, items)
	return items
}

// shareRoles gives a bare state the role of the state coordinated after it:
// "U.S. and Russian negotiators", "US and British activists" are American
// negotiators and activists too.
func shareRoles(ws []word, items []item) {
	for n := 0; n+1 < len(items); n++ {
		a, b := &items[n], &items[n+1]
		if a.a == nil || b.a == nil || a.rule != "actor.country.name" && a.rule != "actor.demonym.people" ||
			b.rule != "actor.demonym.role" && b.rule != "actor.country.role" ||
			a.j+1 != b.i || ws[a.j].norm != "and" || ws[a.j-1].poss {
			continue
		}
		root, code := b.a.code, b.code
		if !strings.HasPrefix(code, root) || len(code) == len(root) {
			continue
		}
		a.code = a.a.code + code[len(root):]
		a.rule = "actor.country.role"
		a.plural = b.plural
	}
}

// adjectiveGap reports whether the words [i, j) between a country or
// demonym e and a role noun are one or two plain adjectives (or lower-case
// compound nouns), so that the role still belongs to the country: "Iraq's
// interim government", "Israel's high court", "Irish nationalist
// guerrillas", "the Latvian Constitutional Court", "Liberian riot police".
func adjectiveGap(ws []word, e *entry, i, j int) bool {
	if e == nil || e.kind != eDemonym && e.kind != eCountry || j <= i || j-i > 2 {
		return false
	}
	if e.kind == eCountry && !ws[i-1].poss {
		return false // "Iraq interim government" is no phrase of news copy
	}
	for _, w := range ws[i:j] {
		if w.punct || w.quote || w.poss {
			return false
		}
		// An adjective, or a lower-case noun in a compound: "riot police",
		// "paper workers", "university students".
		if w.upos != "ADJ" && !(w.upos == "NOUN" && !w.upper && w.rel == "compound") {
			return false
		}
	}
	return true
}

// ofNamed reports whether the words from j are "of" and a named state,
// organisation or group ("the president of Armenia", "the leader of the
// PLO"): the title then belongs to that actor and names no one mentioned
// before.
func ofNamed(ws []word, hits []hit, j int) bool {
	if j >= len(ws) || ws[j].norm != "of" {
		return false
	}
	at := j + 1
	if at < len(ws) && ws[at].norm == "the" {
		at++
	}
	for _, h := range hits {
		if h.i == at && h.e != nil {
			switch h.e.kind {
			case eCountry, eCapital, eOrg, eGroup, eDict:
				return true
			}
		}
	}
	return false
}

func orgRule(e *entry) string {
	if e.kind == eGroup {
		return "actor.group.name"
	}
	return "actor.org.name"
}

func allCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func spanForm(ws []word, i, j int) string {
	parts := make([]string, 0, j-i)
	for _, w := range ws[i:j] {
		parts = append(parts, w.form)
	}
	return strings.Join(parts, " ")
}

func roleWords(ws []word, roles []hit) []string {
	var out []string
	for _, r := range roles {
		for _, w := range ws[r.i:r.j] {
			out = append(out, w.norm)
		}
	}
	return out
}

// descriptionEnds reports whether a definite role phrase ends a noun phrase
// ("the ministry spokesman stressed") rather than modifying a noun ("the
// military connections"). With tags the last role word must be a noun that
// is not a compound or modifier; without, the next word must be
// punctuation, an auxiliary or a past-tense-looking verb.
func (ds *docState) descriptionEnds(ws []word, roles []hit) bool {
	last := roles[len(roles)-1]
	lw := ws[last.j-1]
	if lw.upos != "" {
		if lw.rel == "compound" || lw.rel == "amod" {
			return false
		}
		next := ""
		if last.j < len(ws) {
			next = ws[last.j].upos
		}
		switch next {
		case "CCONJ", "NOUN", "PROPN", "ADJ", "NUM":
			return false
		}
		// Taggers often read "official" in "The official said" as an
		// adjective: a verb right after it settles that it is the head.
		return lw.upos == "NOUN" || lw.upos == "PROPN" || lw.upos == "ADJ" && (next == "VERB" || next == "AUX")
	}
	if last.j >= len(ws) {
		return true
	}
	next := ws[last.j]
	if next.punct || next.quote {
		return true
	}
	switch next.norm {
	case "has", "have", "had", "is", "was", "are", "were", "will", "would", "said", "says", "can", "could",
		"may", "might", "must", "should", "did", "does", "also", "told", "added", "of":
		return true
	}
	return strings.HasSuffix(next.norm, "ed") && !next.upper
}

// nameRun finds a person's name starting at word p: a known person or
// document alias there, or a run of capitalised words (proper nouns when
// tagged) that are not other known things. It returns the end of the name
// and the person hit, if any.
func (ds *docState) nameRun(ws []word, hits []hit, p int) (int, *hit) {
	for k := range hits {
		h := &hits[k]
		if h.i == p && (h.alias != nil || h.e != nil && (h.e.kind == ePerson || h.e.kind == eDict && h.e.actorKind == dyad.KindPerson)) {
			return h.j, h
		}
	}
	isHit := func(i int) bool {
		for _, h := range hits {
			if i >= h.i && i < h.j {
				return true
			}
		}
		return false
	}
	end := p
	for q := p; q < len(ws) && q-p < 5; q++ {
		w := ws[q]
		// A particle joins the name to the capitalised word after it,
		// ("bin Salman", "von der Leyen"); a hyphenated one ("al-Sudani") is
		// one capitalised word already.
		particle := q > p && nameParticles[w.norm] && q+1 < len(ws) && (ws[q+1].upper || nameParticles[ws[q+1].norm])
		if w.punct || w.quote || isHit(q) && !particle || nameStop[w.norm] {
			break
		}
		if w.upos != "" && w.upos != "PROPN" && w.upos != "X" && !(nameParticles[w.norm] && !w.upper) {
			break
		}
		if !w.upper {
			if particle {
				continue
			}
			break
		}
		end = q + 1
		if w.poss {
			break
		}
	}
	return end, nil
}

// titledSurname finds the known person a title names by surname alone
// ("President Bush") when the surname did not match by itself because the
// person held no office on the article's date. The title must name an office
// the person held ("president" for a president), and only one known person
// of that surname may have held it; the hit covers the name run [p, end).
func (ds *docState) titledSurname(ws []word, p, end int, title []string) *hit {
	if len(title) == 0 {
		return nil
	}
	office := title[len(title)-1]
	var found *entry
	for _, ph := range ds.kb.index[ws[end-1].norm] {
		if !ph.surname || len(ph.words) != 1 || !wordsMatch(ws[end-1:end], ph) {
			continue
		}
		for _, e := range ph.entries {
			if e.kind != ePerson || e.user || e == found {
				continue
			}
			held := false
			for _, t := range e.terms {
				held = held || strings.HasSuffix(t.office, office)
			}
			if !held {
				continue
			}
			if found != nil && found.lastRoot() != e.lastRoot() {
				return nil // two people of that name and office: do not guess
			}
			found = e
		}
	}
	if found == nil {
		return nil
	}
	return &hit{i: p, j: end, e: found}
}

var nameParticles = map[string]bool{
	"al": true, "al-": true, "bin": true, "ibn": true, "de": true, "van": true, "von": true, "der": true,
	"da": true, "du": true, "di": true, "del": true, "la": true, "le": true, "dos": true, "das": true,
	"el": true, "ben": true, "ter": true, "ten": true, "della": true,
}

var nameStop = map[string]bool{
	"the": true, "a": true, "an": true, "i": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "said": true, "says": true,
}

// personFromTitle resolves "Title Name": a known person (or alias) keeps its
// data; an unknown one is created with the title's country and office.
func (ds *docState) personFromTitle(ws []word, p, end int, ph *hit, mod *entry, title []string, role *entry, sector string) *actorState {
	office := strings.Join(title, " ")
	root := ""
	if mod != nil && mod.kind != eRole {
		if mod.kind == eOrg || mod.kind == eDict {
			root = ds.codeOn(mod.codes)
		} else {
			root = mod.root
		}
	}
	if ph != nil {
		if ph.alias != nil {
			return ph.alias
		}
		if ph.e.kind == eDict {
			return ds.dictActor(ph.e)
		}
		return ds.personActor(ph.e, sector, office)
	}
	name := spanForm(ws, p, end)
	key := "person:" + normPhrase(name)
	a, ok := ds.byKey[key]
	if !ok {
		code := root + sector
		if root != "" && !strings.HasPrefix(root, "IGO") {
			// a country root: keep the code as root+sector
		} else if root != "" {
			code = root
		}
		country, sector := ds.kb.splitCode(code)
		if country == "" {
			sector = ""
			if root == "" {
				sector = code
			}
		}
		a = ds.newActor(key, name, code, country, sector, dyad.KindPerson, "actor.title.apposition")
		a.office = office
	}
	ds.addAliases(a, name)
	return a
}

// chainSector is the sector of a title chain: its last role noun's, unless
// a modifier with a sector of its own ("former": ELI) overrides it.
func chainSector(roles []hit) string {
	sector := roles[len(roles)-1].e.sector
	for _, r := range roles {
		if r.e.role == roleModifier && r.e.sector != "" {
			sector = r.e.sector
		}
	}
	return sector
}

// appositionAfter reads ", the Iranian foreign minister," after a person's
// name and uses it when the data has no office for the person on the date.
func (ds *docState) appositionAfter(ws []word, hits []hit, j int, a *actorState) {
	if j >= len(ws) || ws[j].norm != "," || a.office != "" {
		return
	}
	mod, roles := ds.titleAt(ws, hits, j+1)
	if len(roles) == 0 {
		return
	}
	last := roles[len(roles)-1]
	if last.e.role != rolePerson || last.e.plural {
		return
	}
	a.office = strings.Join(roleWords(ws, roles), " ")
	if mod != nil && mod.kind != eRole && a.country == "" {
		a.country = mod.root
	}
	if a.sector == "" || a.sector == "ELI" {
		a.sector = chainSector(roles)
		a.code = a.country + a.sector
		a.rule = "actor.title.apposition"
	}
}

// titleAt reads "[the] [demonym|Country's] role..." starting at word p.
func (ds *docState) titleAt(ws []word, hits []hit, p int) (*entry, []hit) {
	if p < len(ws) && ws[p].norm == "the" {
		p++
	}
	var mod *entry
	k := 0
	for k < len(hits) && hits[k].i < p {
		k++
	}
	if k < len(hits) && hits[k].i == p && hits[k].e != nil && (hits[k].e.kind == eDemonym || hits[k].e.kind == eCountry) {
		mod = hits[k].e
		p = hits[k].j
		k++
	}
	var roles []hit
	for k < len(hits) && hits[k].i == p && hits[k].e != nil && hits[k].e.kind == eRole {
		roles = append(roles, hits[k])
		p = hits[k].j
		k++
	}
	return mod, roles
}

// unknownAppositions finds "Name, the Iranian foreign minister," where Name
// is not known: a new person with the title's country and office.
func (ds *docState) unknownAppositions(ws []word, hits []hit, covered []bool) []item {
	var out []item
	for i := 0; i < len(ws); i++ {
		if covered[i] || !ws[i].upper || ws[i].punct || nameStop[ws[i].norm] {
			continue
		}
		end, ph := ds.nameRun(ws, hits, i)
		if ph != nil || end <= i || end-i < 2 || end >= len(ws) || ws[end].norm != "," {
			i = max(i, end-1)
			continue
		}
		free := true
		for q := i; q < end; q++ {
			free = free && !covered[q]
		}
		if !free {
			continue
		}
		mod, roles := ds.titleAt(ws, hits, end+1)
		if mod == nil || len(roles) == 0 || roles[len(roles)-1].e.role != rolePerson || roles[len(roles)-1].e.plural {
			i = end - 1
			continue
		}
		last := roles[len(roles)-1]
		a := ds.personFromTitle(ws, i, end, nil, mod, roleWords(ws, roles), last.e, chainSector(roles))
		out = append(out, item{i: i, j: end, a: a, rule: "actor.title.apposition"})
		for q := i; q < end; q++ {
			covered[q] = true
		}
		i = end
	}
	return out
}

var pronouns = map[string]string{
	"he": "m", "him": "m", "his": "m", "himself": "m",
	"she": "f", "her": "f", "hers": "f", "herself": "f",
	"it": "n", "its": "n", "itself": "n",
	"they": "p", "them": "p", "their": "p", "themselves": "p",
}

// definiteHeads are nouns that, after "the", refer back to a state or an
// organisation ("the country", "the alliance").
var definiteHeads = map[string]bool{
	"country": false, "nation": false, "state": false, "republic": false, "kingdom": false,
	"organisation": true, "organization": true, "alliance": true, "bloc": true, "body": true,
	"assembly": true, "council": true, "agency": true, "union": true,
	"group": true, "movement": true,
}

var demonstrativeHeads = map[string]bool{
	"powers": true, "countries": true, "nations": true, "states": true, "governments": true, "allies": true,
}

// corefItems finds pronouns, "the country"-style descriptions, "these
// powers" and "those who" among words not yet part of a mention.
func corefItems(ws []word, covered []bool) []item {
	var out []item
	for i := 0; i < len(ws); i++ {
		if covered[i] {
			continue
		}
		w := ws[i]
		if g, ok := pronouns[w.norm]; ok {
			// "it" in "it is ... to" or "it was ... that" is often empty; so
			// is "it" before weather verbs: left to the resolver's checks.
			out = append(out, item{i: i, j: i + 1, coref: corefPronoun, pron: w.norm, plural: g == "p"})
			continue
		}
		if i+1 < len(ws) && !covered[i+1] {
			next := ws[i+1].norm
			switch w.norm {
			case "the":
				if org, ok := definiteHeads[next]; ok && (i+2 >= len(ws) || !isNounish(ws[i+2])) {
					out = append(out, item{i: i, j: i + 2, coref: corefDefinite, head: next, wantOrg: org})
					i++
				}
			case "these", "those", "such":
				if demonstrativeHeads[next] {
					out = append(out, item{i: i, j: i + 2, coref: corefDemonstrative, head: next, plural: true})
					i++
				} else if w.norm == "those" && next == "who" {
					out = append(out, item{i: i, j: i + 1, coref: corefRelative, plural: true})
				}
			}
		}
	}
	return out
}

// isNounish reports whether a word continues a noun phrase ("the country
// team"): a noun or adjective when tagged; without tags a lower-case word
// that is not punctuation, a verb-looking word or a function word.
func isNounish(w word) bool {
	if w.upos != "" {
		return w.upos == "NOUN" || w.upos == "PROPN"
	}
	if w.punct || w.quote || w.upper {
		return false
	}
	switch w.norm {
	case "is", "was", "has", "had", "have", "will", "would", "said", "says", "and", "or", "of", "in", "to",
		"on", "at", "for", "with", "by", "from", "that", "which", "who", "as", "but", "since", "after", "before":
		return false
	}
	return !strings.HasSuffix(w.norm, "ed") && !strings.HasSuffix(w.norm, "s")
}

// codeOn returns the code that applies on the article's date.
func (ds *docState) codeOn(codes []dict.Code) string {
	c, ok := (&dict.Actor{Codes: codes}).CodeOn(ds.day)
	if !ok || c.Null() {
		return ""
	}
	return c.Code
}

func (ds *docState) newActor(key, name, code, country, sector string, kind dyad.ActorKind, rule string) *actorState {
	a := &actorState{key: key, name: name, code: code, country: country, sector: sector, kind: kind, rule: rule}
	ds.byKey[key] = a
	ds.order = append(ds.order, a)
	return a
}

func (ds *docState) stateActor(root string) *actorState {
	key := "state:" + root
	if a, ok := ds.byKey[key]; ok {
		return a
	}
	name := root
	if c, ok := ds.kb.countries[root]; ok {
		name = c.name
	}
	return ds.newActor(key, name, root, root, "", dyad.KindState, "actor.country.name")
}

func (ds *docState) orgActor(e *entry) *actorState {
	if a, ok := ds.byKey[e.id]; ok {
		return a
	}
	code := ds.codeOn(e.codes)
	country, sector := ds.kb.splitCode(code)
	a := ds.newActor(e.id, e.name, code, country, sector, e.actorKind, orgRule(e))
	a.plural = e.plural
	return a
}

func (ds *docState) dictActor(e *entry) *actorState {
	code := ds.codeOn(e.codes)
	if code == "" {
		return nil
	}
	if e.actorKind == dyad.KindState {
		return ds.stateActor(code[:3])
	}
	if a, ok := ds.byKey[e.id]; ok {
		return a
	}
	country, sector := ds.kb.splitCode(code)
	a := ds.newActor(e.id, e.name, code, country, sector, e.actorKind, "actor.dict")
	if e.actorKind == dyad.KindPerson {
		ds.addAliases(a, e.name)
	}
	return a
}

// personActor returns the actor of a known person, coded by the office held
// on the article's date. A title in the text (role, office) is used when the
// data has no office for that date.
func (ds *docState) personActor(e *entry, titleSector string, office string) *actorState {
	a, ok := ds.byKey[e.id]
	if ok {
		return a
	}
	t, inOffice, before := e.officeOn(ds.day)
	var root, sector, off, rule string
	switch {
	case inOffice:
		root, sector, off, rule = t.root, t.sector, t.office, "actor.person.known"
	case titleSector != "":
		// Not in an office the data knows on that date: the text's title
		// tells ("former" gives ELI through the title's sector).
		root, sector, off, rule = e.lastRoot(), titleSector, office, "actor.title.apposition"
	case before:
		root, rule = e.lastRoot(), "actor.person.known"
	default:
		// Out of office: CAMEO codes former officials as elites.
		root, sector, rule = e.lastRoot(), "ELI", "actor.person.known"
	}
	if strings.HasPrefix(root, "IGO") {
		sector = ""
	}
	country := root
	if strings.HasPrefix(root, "IGO") {
		country = ""
	}
	a = ds.newActor(e.id, e.name, root+sector, country, sector, dyad.KindPerson, rule)
	a.office = off
	a.gender = e.gender
	a.person = e
	ds.addAliases(a, e.name)
	return a
}

// addAliases lets later mentions use the last words of a person's name:
// "Kanaani", "Amir Abdollahian", "Abdollahian".
func (ds *docState) addAliases(a *actorState, name string) {
	ws := splitWords(name)
	if len(ws) < 2 {
		return
	}
	// Split hyphenated surnames too: "Amir-Abdollahian" -> "Amir Abdollahian".
	var parts []string
	for _, w := range ws {
		parts = append(parts, normWord(w))
		if strings.Contains(w, "-") && len(w) > 3 {
			key := strings.ReplaceAll(normWord(w), "-", " ")
			ds.setAlias(key, a)
			ds.setAlias(normWord(w[strings.LastIndexByte(w, '-')+1:]), a)
		}
	}
	for k := 1; k < len(parts); k++ {
		if nameParticles[parts[k]] {
			continue
		}
		ds.setAlias(strings.Join(parts[k:], " "), a)
	}
	ds.setAlias(strings.Join(parts, " "), a)
}

func (ds *docState) setAlias(key string, a *actorState) {
	if key == "" || nameStop[key] {
		return
	}
	if old, ok := ds.aliases[key]; ok && old != a {
		ds.aliases[key] = nil // ambiguous within the document
		return
	}
	ds.aliases[key] = a
	if n := len(strings.Fields(key)); n > ds.aliasMax {
		ds.aliasMax = n
	}
}

// actors returns the document's actors: ids by first mention, mentions in
// text order.
func (ds *docState) actors() []dyad.Actor {
	var list []*actorState
	for _, a := range ds.order {
		if len(a.mentions) > 0 {
			sort.SliceStable(a.mentions, func(i, j int) bool { return a.mentions[i].Start < a.mentions[j].Start })
			list = append(list, a)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].mentions[0].Start < list[j].mentions[0].Start })
	out := make([]dyad.Actor, len(list))
	for i, a := range list {
		out[i] = dyad.Actor{
			ID: "a" + itoa(i+1), Name: a.name, Code: a.code, Country: a.country, Sector: a.sector,
			Kind: a.kind, Office: a.office, Gender: a.gender, Rule: a.rule, Mentions: a.mentions,
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// isPersonTitle reports whether a word is one person's title ("president",
// "minister").
func (ds *docState) isPersonTitle(norm string) bool {
	for _, p := range ds.kb.index[norm] {
		if len(p.words) != 1 {
			continue
		}
		for _, e := range p.entries {
			if e.kind == eRole && e.role == rolePerson {
				return true
			}
		}
	}
	return false
}
