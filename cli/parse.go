package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
	"github.com/dyadhq/dyad/tokenize"
)

// ParseCmd tokenizes, tags and parses raw text and prints CoNLL-U.
type ParseCmd struct {
	File string `arg:"" optional:"" default:"-" help:"Text file to parse; - or nothing reads standard input."`
}

// Run runs the command.
func (c *ParseCmd) Run(ctx context.Context, env *Env) error {
	name := c.File
	var r io.Reader = env.Stdin
	if c.File != "-" {
		f, err := os.Open(c.File)
		if err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		defer f.Close()
		r = f
	} else {
		name = "stdin"
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	nlp, err := newLanguage()
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	d := &dyad.Doc{Article: dyad.Article{ID: name}, Text: string(text)}
	if err := nlp.annotate(ctx, d); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	w := bufio.NewWriter(env.Stdout)
	for _, s := range d.Sentences {
		if err := conllu.Write(w, sentenceCoNLLU(d.Text, s)); err != nil {
			return fmt.Errorf("parse %s: %w", name, err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}

// language is the tokenizer, tagger and parser that `parse` and `eval ud`
// share.
type language struct {
	tok    *tokenize.Tokenizer
	tagger *tag.Model
	parser *parse.Model
}

// newLanguage loads the embedded models. The tokenizer splits hyphenated
// words as UD English EWT does, the convention the models learned from.
func newLanguage() (*language, error) {
	tagger, err := tag.Default()
	if err != nil {
		return nil, err
	}
	parser, err := parse.Default()
	if err != nil {
		return nil, err
	}
	return &language{tok: tokenize.New(tokenize.SplitHyphens()), tagger: tagger, parser: parser}, nil
}

func (l *language) annotate(ctx context.Context, d *dyad.Doc) error {
	if err := l.tok.Annotate(ctx, d); err != nil {
		return err
	}
	if err := l.tagger.Annotate(ctx, d); err != nil {
		return err
	}
	return l.parser.Annotate(ctx, d)
}

// sentenceCoNLLU converts a parsed sentence of text to CoNLL-U, with its
// number as sent_id, its text (line breaks as spaces) and each token's byte
// range in MISC as TokenRange=start:end.
func sentenceCoNLLU(text string, s dyad.Sentence) *conllu.Sentence {
	raw := strings.Join(strings.Fields(text[s.Start:s.End]), " ")
	out := &conllu.Sentence{
		ID:       strconv.Itoa(s.N),
		Text:     raw,
		Comments: []string{"sent_id = " + strconv.Itoa(s.N), "text = " + raw},
	}
	for i, t := range s.Tokens {
		misc := "TokenRange=" + strconv.Itoa(t.Start) + ":" + strconv.Itoa(t.End)
		if i+1 < len(s.Tokens) && s.Tokens[i+1].Start == t.End {
			misc = "SpaceAfter=No|" + misc
		}
		out.Words = append(out.Words, conllu.Word{ID: i + 1, Form: t.Form, Lemma: t.Lemma, UPOS: t.UPOS,
			XPOS: t.XPOS, Feats: t.Feats, Head: t.Head, Deprel: t.Rel, Misc: misc})
	}
	return out
}
