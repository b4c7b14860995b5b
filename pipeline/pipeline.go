// Package pipeline wires dyad's stages into the coder that every command
// uses: metadata, tokens and sentences, tags and lemmas, the dependency
// parse, actors, events and claims, quotations, amounts and votes. The
// stages run in order over one Doc; the pipeline is built once and is safe
// for concurrent use by many workers.
package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/actor"
	"github.com/dyadhq/dyad/article"
	"github.com/dyadhq/dyad/cameo"
	"github.com/dyadhq/dyad/event"
	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

// Stage is one step over a Doc.
type Stage interface {
	Annotate(ctx context.Context, d *dyad.Doc) error
}

// Options configure the pipeline.
type Options struct {
	// Dicts are TABARI/PETRARCH actor or agent dictionary files added to the
	// built-in actor knowledge (or replacing it with ReplaceActors).
	Dicts         []string
	ReplaceActors bool
	// Rules are extra event rule files (name -> contents).
	Rules map[string][]byte
	// MaxBytes bounds the text of one article (0: 64 MiB).
	MaxBytes int
	// Events, when set, replaces dyad's rule-based event coder (and Rules):
	// another stage that fills Doc.Events after the actor stage, such as a
	// coder with a TABARI or PETRARCH verb dictionary.
	Events Stage
}

type named struct {
	name  string
	stage Stage
}

// Pipeline codes articles.
type Pipeline struct {
	stages   []named
	maxBytes int
}

// New builds the pipeline: models and dictionaries are loaded here, once.
func New(opt Options) (*Pipeline, error) {
	tagger, err := tag.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: tagger: %w", err)
	}
	parser, err := parse.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: parser: %w", err)
	}
	actors, err := actor.New(actor.Options{Dicts: opt.Dicts, ReplaceBuiltin: opt.ReplaceActors})
	if err != nil {
		return nil, fmt.Errorf("pipeline: actors: %w", err)
	}
	coder := opt.Events
	if coder == nil {
		if coder, err = event.New(event.Options{Lookup: cameo.Lookup, Place: actors.Place, Resolve: resolver(actors), Rules: opt.Rules}); err != nil {
			return nil, fmt.Errorf("pipeline: events: %w", err)
		}
	}
	max := opt.MaxBytes
	if max <= 0 {
		max = 64 << 20
	}
	return &Pipeline{maxBytes: max, stages: []named{
		{"meta", article.NewMeta()},
		{"tokenize", tokenize.New(tokenize.SplitHyphens())}, // as EWT, which the parser learnt from
		{"guard", sentenceGuard{max: MaxSentenceTokens}},
		{"tag", tagger},
		{"parse", parser},
		{"actor", actors},
		{"event", coder},
		{"quote", extract.NewQuotes()},
		{"amount", extract.NewAmounts()},
		{"vote", extract.NewVotes()},
	}}, nil
}

// Code runs every stage over one article. A stage that panics is reported
// as an error naming the stage; the pipeline stays usable.
func (p *Pipeline) Code(ctx context.Context, a dyad.Article, raw []byte) (d *dyad.Doc, err error) {
	if len(raw) > p.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", article.ErrTooLarge, len(raw), p.maxBytes)
	}
	text, bad := article.Text(raw)
	d = &dyad.Doc{Article: a, Text: text,
		Sentences: []dyad.Sentence{}, Actors: []dyad.Actor{}, Events: []dyad.Event{}, Claims: []dyad.Claim{},
		Quotes: []dyad.Quote{}, Amounts: []dyad.Amount{}, Votes: []dyad.Vote{}}
	if bad > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%d invalid UTF-8 or NUL bytes replaced", bad))
	}
	for _, s := range p.stages {
		if err := p.run(ctx, s, d); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (p *Pipeline) run(ctx context.Context, s named, d *dyad.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage %s panicked: %v\n%s", s.name, r, debug.Stack())
		}
	}()
	if err := s.stage.Annotate(ctx, d); err != nil {
		return fmt.Errorf("stage %s: %w", s.name, err)
	}
	return nil
}

// MaxSentenceTokens is the longest sentence the pipeline tags and parses;
// a longer run of text without a sentence end (a table, a word list, a
// 50 MB line of garbage) is kept in the text and skipped with a warning.
const MaxSentenceTokens = 400

type sentenceGuard struct{ max int }

func (g sentenceGuard) Annotate(ctx context.Context, d *dyad.Doc) error {
	for i := range d.Sentences {
		s := &d.Sentences[i]
		if len(s.Tokens) > g.max {
			d.Warnings = append(d.Warnings, fmt.Sprintf("sentence %d has %d tokens (more than %d): not prose, skipped", s.N, len(s.Tokens), g.max))
			s.Tokens = nil
		}
	}
	return nil
}

// resolver lets the event coder resolve a lone name or demonym through the
// actor knowledge, remembering answers (names repeat across articles).
func resolver(r *actor.Resolver) func(phrase, date string) (string, bool) {
	var cache sync.Map
	type answer struct {
		code string
		ok   bool
	}
	return func(phrase, date string) (string, bool) {
		key := phrase + "|" + date
		if a, ok := cache.Load(key); ok {
			return a.(answer).code, a.(answer).ok
		}
		code, ok := r.Demonym(phrase)
		if !ok {
			m, found := r.Lookup(phrase, date)
			code, ok = m.Code, found && m.Kind != "" && m.Code != ""
		}
		cache.Store(key, answer{code, ok})
		return code, ok
	}
}
