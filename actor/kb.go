package actor

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
)

// entryKind is the closed set of kinds of knowledge entry.
type entryKind uint8

const (
	eCountry entryKind = iota + 1 // a state by one of its names
	eDemonym                      // an adjective or people noun of a state ("Iranian", "Russians")
	eCapital                      // a capital or seat of government
	eCity                         // a city: a place, never an actor by itself
	eOrg                          // an organisation, outlet or armed group
	eGroup                        // a regional or political group of states
	ePerson                       // an office-holder
	eRole                         // a role noun or title giving a sector
	eDict                         // an actor of a user dictionary
)

type roleType uint8

const (
	rolePerson     roleType = iota + 1 // one person's title: minister, spokesman
	roleBody                           // an institution: ministry, army
	roleCollective                     // people: officials, troops
	roleModifier                       // extends a title: deputy, former
)

// term is one office of a person with its dates (inclusive; 0 is open).
type term struct {
	root   string // country or IGO code
	office string
	sector string
	from   dict.Date
	to     dict.Date
	source string
}

// entry is one thing the resolver knows.
type entry struct {
	kind      entryKind
	id        string // identity of the actor it makes
	name      string // canonical name
	root      string // country code (or IGO code) it belongs to
	codes     []dict.Code
	actorKind dyad.ActorKind
	sector    string
	group     string // for a role: the role naming the same people ("demonstrator": "protester")
	role      roleType
	plural    bool
	prefix    bool   // dictionary agent CODE~ (goes before the actor code)
	of        *entry // a demonym's or capital's country
	terms     []term
	gender    string
	lat, lon  float64
	source    string
	user      bool // from a user dictionary
}

// phrase is one indexed way of writing an entry.
type phrase struct {
	key     string   // index key
	words   []string // normalised words
	caps    []bool   // caps[i]: the word must start with a capital in the text
	exact   []string // for acronyms: the exact forms ("US", "WHO"); nil otherwise
	surname bool     // a one-word person alias: needs the office on the date or an earlier full mention
	stem    bool     // a dictionary stem: the last word matches longer words too ("kuwait": "Kuwaiti")
	entries []*entry
}

// knowledge is the index the resolver matches against. It is built once and
// read-only afterwards, so Resolvers are safe for concurrent use.
type knowledge struct {
	countries map[string]*entry // by code
	people    map[string]*entry // by canonical name
	byKey     map[string]*phrase
	index     map[string][]*phrase // by first word, longest first
	stems     map[string][]*phrase // one-word dictionary stems, by the stem
}

// Stems of user dictionaries: the stem must have minStem letters (shorter
// entries, "US", "UN", match whole words only) and the matched word at most
// maxStemSuffix letters more ("Kuwaitis").
const (
	minStem       = 4
	maxStemSuffix = 3
	stemKey       = "\x01stem"
)

// stemMatches reports whether the normalised word w is the stem s or s
// with a short ending of letters.
func stemMatches(w, s string) bool {
	if !strings.HasPrefix(w, s) || len(w)-len(s) > maxStemSuffix {
		return false
	}
	for _, r := range w[len(s):] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func newKnowledge() *knowledge {
	return &knowledge{
		countries: map[string]*entry{},
		people:    map[string]*entry{},
		byKey:     map[string]*phrase{},
		index:     map[string][]*phrase{},
		stems:     map[string][]*phrase{},
	}
}

func (kb *knowledge) country(code string) *entry {
	c, ok := kb.countries[code]
	if !ok {
		c = &entry{kind: eCountry, id: "state:" + code, name: code, root: code, actorKind: dyad.KindState}
		kb.countries[code] = c
	}
	return c
}

// capital makes the entry of one name of a capital or seat of government
// of c; each name keeps its own position.
func (kb *knowledge) capital(c *entry, name, src string) *entry {
	return &entry{kind: eCapital, id: c.id, name: name, root: c.root, of: c, actorKind: dyad.KindState, source: src}
}

func (kb *knowledge) capitalNamed(key, root string) *entry {
	p := kb.byKey[key]
	if p == nil {
		return nil
	}
	for _, e := range p.entries {
		if e.kind == eCapital && e.root == root {
			return e
		}
	}
	return nil
}

func (kb *knowledge) person(name string) *entry {
	p, ok := kb.people[name]
	if !ok {
		p = &entry{kind: ePerson, id: "person:" + name, name: name, actorKind: dyad.KindPerson}
		kb.people[name] = p
	}
	return p
}

// preferDemonym puts c's entries first among those of the demonym d (and
// its people noun), so a demonym that several countries share ("French":
// France and the French Southern Territories) resolves to the one that
// aliases.tsv names.
func (kb *knowledge) preferDemonym(d string, c *entry) {
	for _, form := range []string{d, d + "s"} {
		words := splitWords(form)
		for i, w := range words {
			words[i] = normWord(w)
		}
		p, ok := kb.byKey[strings.Join(words, " ")]
		if !ok {
			continue
		}
		sort.SliceStable(p.entries, func(i, j int) bool {
			return p.entries[i].of == c && p.entries[j].of != c
		})
	}
}

func (kb *knowledge) addDemonym(d string, c *entry, src string) {
	kb.addPhrase(d, &entry{kind: eDemonym, id: c.id, name: d, root: c.root, of: c, source: src}, src)
	// The people noun: Iranians, Russians, Pakistanis, Israelis, and the
	// noun demonyms Turks, Serbs, Greeks; not British, Chinese, French, Swiss.
	if !strings.Contains(d, " ") && !hasAnySuffix(d, "ish", "ese", "ch", "sh", "s", "x", "z") {
		kb.addPhrase(d+"s", &entry{kind: eDemonym, id: c.id, name: d + "s", root: c.root, of: c, plural: true, source: src}, src)
	}
}

func (kb *knowledge) addPersonAlias(a string, p *entry, src string) {
	ph := kb.addPhrase(a, p, src)
	if ph != nil && len(ph.words) == 1 && ph.exact == nil {
		ph.surname = true
	}
}

func (kb *knowledge) hasPhrase(key string) bool { _, ok := kb.byKey[key]; return ok }

// addPhrase indexes text as a way of writing e and returns its phrase.
func (kb *knowledge) addPhrase(text string, e *entry, src string) *phrase {
	forms := splitWords(text)
	if len(forms) == 0 {
		return nil
	}
	words := make([]string, len(forms))
	caps := make([]bool, len(forms))
	for i, f := range forms {
		words[i] = normWord(f)
		r, _ := utf8.DecodeRuneInString(f)
		caps[i] = unicode.IsUpper(r)
	}
	var exact []string
	if isAcronym(text) {
		exact = make([]string, len(forms))
		for i, f := range forms {
			exact[i] = strings.TrimSuffix(f, ".")
		}
	}
	key := strings.Join(words, " ")
	if exact != nil {
		key += "\x00" + strings.Join(exact, " ")
	}
	p, ok := kb.byKey[key]
	if !ok {
		p = &phrase{key: key, words: words, caps: caps, exact: exact}
		kb.byKey[key] = p
		kb.index[words[0]] = append(kb.index[words[0]], p)
	}
	for _, x := range p.entries {
		if x == e {
			return p
		}
	}
	p.entries = append(p.entries, e)
	return p
}

// finish sorts the index: longer phrases first, then by key for determinism.
func (kb *knowledge) finish() {
	for _, ps := range kb.index {
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].words) != len(ps[j].words) {
				return len(ps[i].words) > len(ps[j].words)
			}
			return ps[i].key < ps[j].key
		})
	}
}

// isAcronym reports whether an alias is written in capitals and short
// ("UN", "U.S.", "WHO", "OPEC+"): such aliases match only in capitals.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '+' || r == '-' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}

// splitWords splits a phrase of the data into words the way sentences are
// split: at blanks, keeping hyphens and apostrophes inside words.
func splitWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, f)
	}
	return out
}

// normWord lower-cases a word, folds Latin diacritics, unifies apostrophes
// and drops a final full stop, so "Côte", "U.S." and "Kiev’s" compare
// with "cote", "u.s" and "kiev's".
func normWord(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			simple = false
			break
		}
	}
	if simple {
		if len(s) > 1 && s[len(s)-1] == '.' {
			return s[:len(s)-1]
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(fold(unicode.ToLower(r)))
	}
	out := b.String()
	if len(out) > 1 && out[len(out)-1] == '.' {
		out = out[:len(out)-1]
	}
	return out
}

var foldTable = map[rune]rune{}

func init() {
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăąǎạả", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęěẹẽ", 'g': "ĝğġģ",
		'h': "ĥħ", 'i': "ìíîïĩīĭįıǐị", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉ",
		'o': "òóôõöøōŏőǒọ", 'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűųǔụ",
		'w': "ŵ", 'y': "ýÿŷỳ", 'z': "źżž", '\'': "’‘ʻʼ`´", '-': "‐‑‒–",
	} {
		for _, r := range accented {
			foldTable[r] = base
		}
	}
}

func fold(r rune) rune {
	if r < 0x80 {
		return r
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	return r
}

// normPhrase normalises a whole phrase to its index key.
func normPhrase(s string) string {
	ws := splitWords(s)
	for i := range ws {
		ws[i] = normWord(ws[i])
	}
	return strings.Join(ws, " ")
}

// splitCode splits a CAMEO code into its country (or "" for IGOs and other
// non-state roots) and its first role.
func (kb *knowledge) splitCode(code string) (country, sector string) {
	if len(code) >= 3 {
		if _, ok := kb.countries[code[:3]]; ok {
			rest := code[3:]
			if len(rest) > 3 {
				rest = rest[:3]
			}
			return code[:3], rest
		}
	}
	return "", ""
}

// officeOn returns the term of person p on day d: the term covering d (the
// latest-starting one when several do), else ok is false and before tells
// whether d precedes every term. With d == 0 it returns the latest term.
func (p *entry) officeOn(d dict.Date) (t term, ok, before bool) {
	if len(p.terms) == 0 {
		return term{}, false, false
	}
	if d == 0 {
		best := p.terms[0]
		for _, x := range p.terms[1:] {
			if x.from > best.from {
				best = x
			}
		}
		return best, true, false
	}
	found := false
	before = true
	for _, x := range p.terms {
		if d >= x.from && (x.to == 0 || d <= x.to) {
			if !found || x.from > t.from {
				t, found = x, true
			}
		}
		if d >= x.from {
			before = false
		}
	}
	return t, found, before && !found
}

// lastRoot returns the country (or IGO) of a person's latest term.
func (p *entry) lastRoot() string {
	best := term{}
	for _, x := range p.terms {
		if x.from >= best.from {
			best = x
		}
	}
	return best.root
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
