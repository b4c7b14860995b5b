package actor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
)

// Options configure a Resolver.
type Options struct {
	// Dicts are TABARI/PETRARCH dictionary files (actors, agents or
	// discards; the kind comes from the file name, see dict.DetectKind).
	// Their entries are added to the built-in knowledge; where a phrase is
	// in both, the dictionary's meaning wins unless the built-in one is about
	// the same country (it then keeps its finer reading: "Tehran" stays a
	// capital of Iran).
	Dicts []string
	// ReplaceBuiltin drops the built-in actors, organisations, groups and
	// people, so only the dictionaries' actors are known. Countries' names,
	// demonyms and capitals stay (they give codes their meaning), as do role
	// nouns unless an agent dictionary is given.
	ReplaceBuiltin bool
}

// DictReport says what one dictionary file gave.
type DictReport struct {
	Path   string
	Kind   dict.Kind
	Counts dict.Counts
	// Errors are the malformed lines (each a *dyad.InputError with the
	// file and line); the rest of the file was loaded.
	Errors []error
}

// Resolver is the actor stage. Build it once with New; it is safe for
// concurrent use.
type Resolver struct {
	kb      *knowledge
	reports []DictReport
}

// New loads the built-in knowledge and the dictionaries of opts and indexes
// them. It fails when a built-in file is invalid or a dictionary cannot be
// read; malformed dictionary lines do not stop it (see Reports).
func New(opts Options) (*Resolver, error) {
	kb := newKnowledge()
	if err := loadBuiltin(dataFS, kb); err != nil {
		return nil, fmt.Errorf("actor: built-in knowledge: %w", err)
	}
	if opts.ReplaceBuiltin {
		kb.dropBuiltin(hasAgents(opts.Dicts))
	}
	r := &Resolver{kb: kb}
	for _, path := range opts.Dicts {
		d, err := dict.Load(path)
		if d == nil {
			return nil, fmt.Errorf("actor: %w", err)
		}
		rep := DictReport{Path: path, Kind: d.Kind, Counts: d.Counts()}
		if err != nil {
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				rep.Errors = j.Unwrap()
			} else {
				rep.Errors = []error{err}
			}
		}
		kb.addDict(d)
		r.reports = append(r.reports, rep)
	}
	kb.finish()
	return r, nil
}

func hasAgents(paths []string) bool {
	for _, p := range paths {
		if dict.DetectKind(p) == dict.KindAgents {
			return true
		}
	}
	return false
}

// Reports returns what each dictionary of Options.Dicts gave.
func (r *Resolver) Reports() []DictReport { return r.reports }

// dropBuiltin removes organisations, groups, people and (when agents come
// from a dictionary) roles from the index.
func (kb *knowledge) dropBuiltin(roles bool) {
	for key, p := range kb.byKey {
		kept := p.entries[:0]
		for _, e := range p.entries {
			switch e.kind {
			case eOrg, eGroup, ePerson:
				continue
			case eRole:
				if roles {
					continue
				}
			}
			kept = append(kept, e)
		}
		p.entries = kept
		if len(kept) == 0 {
			delete(kb.byKey, key)
		}
	}
	for w, ps := range kb.index {
		kept := ps[:0]
		for _, p := range ps {
			if len(p.entries) > 0 {
				kept = append(kept, p)
			}
		}
		kb.index[w] = kept
	}
	kb.people = map[string]*entry{}
}

// addDict adds a dictionary's actors and agents. Discards are counted only:
// deciding what to skip is the event coder's job.
func (kb *knowledge) addDict(d *dict.Dict) {
	for i := range d.Actors {
		a := &d.Actors[i]
		src := fmt.Sprintf("%s:%d", d.Name, a.Line)
		// A slash group ("ELR/GAL") keeps its first code: a mention has
		// one actor.
		codes := make([]dict.Code, len(a.Codes))
		for k, c := range a.Codes {
			codes[k] = c
			codes[k].Code = c.Primary()
		}
		e := &entry{kind: eDict, id: "dict:" + src, name: titleCase(a.Phrase.String()), codes: codes, source: src, user: true}
		e.actorKind = kb.dictKind(&dict.Actor{Codes: codes, Comment: a.Comment})
		for _, ph := range append([]dict.Phrase{a.Phrase}, a.Synonyms...) {
			kb.addDictPhrase(ph.Words, e, !ph.Exact)
		}
	}
	for i := range d.Agents {
		a := &d.Agents[i]
		src := fmt.Sprintf("%s:%d", d.Name, a.Line)
		e := &entry{kind: eRole, id: "role:" + src, name: strings.ToLower(a.Phrase.String()), sector: a.Code,
			role: rolePerson, prefix: a.Prefix, source: src, user: true}
		kb.addDictPhrase(a.Phrase.Words, e, false)
		for _, pl := range a.Plurals {
			pe := *e
			pe.role, pe.plural = roleCollective, true
			kb.addDictPhrase(pl.Words, &pe, false)
		}
	}
}

// dictKind guesses what a dictionary actor is: dated codes or a
// CountryInfo comment make a person; a bare country code a state.
func (kb *knowledge) dictKind(a *dict.Actor) dyad.ActorKind {
	for _, c := range a.Codes {
		if c.Dated() {
			return dyad.KindPerson
		}
	}
	if strings.Contains(a.Comment, "CountryInfo") {
		return dyad.KindPerson
	}
	for _, c := range a.Codes {
		if len(c.Code) == 3 {
			if _, ok := kb.countries[c.Code]; ok {
				return dyad.KindState
			}
		}
		if strings.HasPrefix(c.Code, "IMG") || strings.HasSuffix(c.Code, "REB") {
			return dyad.KindGroup
		}
	}
	return dyad.KindOrganisation
}

// addDictPhrase indexes dictionary words (upper case) for e. A phrase that
// the built-in knowledge already reads as the same country keeps the
// built-in reading. With stem, the last word also matches longer words
// (TABARI and PETRARCH read an actor phrase without a final '_' as a stem:
// "KUWAIT" matches "Kuwaiti"; see minStem and maxStemSuffix).
func (kb *knowledge) addDictPhrase(words []string, e *entry, stem bool) {
	if len(words) == 0 {
		return
	}
	text := strings.Join(words, " ")
	key := normPhrase(text)
	if p, ok := kb.byKey[key]; ok && e.kind == eDict {
		root := ""
		if len(e.codes) > 0 && len(e.codes[0].Code) >= 3 {
			root = e.codes[0].Code[:3]
		}
		for _, x := range p.entries {
			// A place of the country (a city, a region) is no actor: the
			// dictionary's reading of it as one is added.
			if !x.user && x.root != "" && x.root == root && x.kind != eCity {
				return
			}
		}
	}
	// Dictionary phrases are in capitals; they match any case of the text
	// but, like the built-in names, a capital initial when they are names.
	ws := make([]string, len(words))
	caps := make([]bool, len(words))
	for i, w := range words {
		ws[i] = normWord(w)
		caps[i] = e.kind == eDict && len(w) > 0 && !isFunctionWord(ws[i])
	}
	stem = stem && len([]rune(ws[len(ws)-1])) >= minStem
	if stem {
		key += stemKey
	}
	p, ok := kb.byKey[key]
	if !ok {
		p = &phrase{key: key, words: ws, caps: caps, stem: stem}
		kb.byKey[key] = p
		if stem && len(ws) == 1 {
			kb.stems[ws[0]] = append(kb.stems[ws[0]], p)
		} else {
			kb.index[ws[0]] = append(kb.index[ws[0]], p)
		}
	}
	// A user entry goes first: it wins over built-in entries of the phrase.
	p.entries = append([]*entry{e}, p.entries...)
}

func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if isFunctionWord(w) && i > 0 {
			continue
		}
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

func isFunctionWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "in", "on", "de", "la", "le", "al", "bin", "van", "von", "der", "da", "du", "di", "del", "y":
		return true
	}
	return false
}

// Annotate fills d.Actors from d.Sentences' tokens. Actors are sorted by
// their first mention and numbered a1, a2, ...; mentions are in text order.
// The article's date (d.Article.Published, YYYY-MM-DD) decides the office of
// each person; without it, a person's latest office is used.
func (r *Resolver) Annotate(ctx context.Context, d *dyad.Doc) error {
	day, err := articleDate(d.Article.Published)
	if err != nil {
		return fmt.Errorf("actor: article %s: %w", d.Article.ID, err)
	}
	for i := range d.Sentences {
		s := &d.Sentences[i]
		for _, t := range s.Tokens {
			if t.Start < 0 || t.End > len(d.Text) || t.Start > t.End {
				return fmt.Errorf("actor: article %s sentence %d: token %q at %d-%d: %w",
					d.Article.ID, s.N, t.Form, t.Start, t.End, dyad.ErrInvalid)
			}
		}
	}
	doc := newDocState(r.kb, d, day)
	for i := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		doc.sentence(i)
	}
	d.Actors = doc.actors()
	return nil
}

func articleDate(s string) (dict.Date, error) {
	if s == "" {
		return 0, nil
	}
	if len(s) > 10 {
		s = s[:10] // a timestamp: keep the day
	}
	d, err := dict.ParseDate(s)
	if err != nil {
		return 0, errors.Join(dyad.ErrInvalid, err)
	}
	return d, nil
}
