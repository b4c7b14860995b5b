// Package tokenize splits English news copy into sentences and tokens that
// keep byte offsets into the original text.
//
// Tokens are syntactic words in the sense of Universal Dependencies English:
// clitics are split ("can't" is "ca" + "n't", "Iran's" is "Iran" + "'s"),
// punctuation is split off words except inside abbreviations (U.S., Gen.),
// numbers (3.5, 1,200, 52-48), URLs, e-mail addresses, @handles and
// #hashtags, and a number's unit is split off ("$4.2bn" is "$" "4.2" "bn").
// Hyphenated words stay whole ("full-scale") unless the SplitHyphens option
// asks for the UD EWT v2.15 convention. Every non-space character of the text
// belongs to exactly one token; any byte string, valid UTF-8 or not, is
// tokenized without panicking.
//
// Sentences end at . ! ? and ellipses (with the closing quotes and brackets
// that follow them) when the next word may open a sentence: a capital, a
// digit, an opening quote, or, after a plain word and a period, question or
// exclamation mark, even a word in lower case. They never end after a title
// (Mr., Gen.), and after other abbreviations and initials only before a common
// sentence opener ("in the U.S. The ..."). A quoted fragment, a quotation that
// opens inside a sentence with a word in lower case, keeps its sentences with
// the sentence that quotes it (said the vote "made it clear ... aggression.
// Ukraine's ... restored".). Blank lines, indented lines, a short line such as
// a headline and, in text with one paragraph per line, every line break end a
// sentence. A wire dateline ("TEHRAN - ", "KYIV, Feb 23 (Reuters) -") at the
// start of an article, or after its headline, is recorded and left out of the
// sentences.
//
// The word lists the rules use (abbreviations, contractions, units, sentence
// openers) are embedded text files in data/, each with a header naming its
// source.
package tokenize

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad"
)

// Tokenizer splits text into sentences and tokens. It is safe for concurrent
// use; make one with New and share it.
type Tokenizer struct {
	lx           *lexicon
	splitHyphens bool
}

// Option changes how a Tokenizer splits text.
type Option func(*Tokenizer)

// SplitHyphens makes the Tokenizer split hyphenated words as UD English EWT
// v2.15 does: "full-scale" becomes "full" "-" "scale", while words with a
// bound prefix ("e-mail", "anti-war", "de-Nazify") and numbers ("52-48") stay
// whole. Without it every hyphenated word is one token.
func SplitHyphens() Option { return func(t *Tokenizer) { t.splitHyphens = true } }

// New returns a Tokenizer. It decodes the embedded word lists once; they are
// validated by the package's tests, so a failure here is a programming error
// and panics.
func New(opts ...Option) *Tokenizer {
	lx, err := loadLexicon()
	if err != nil {
		panic(fmt.Sprintf("tokenize: bad embedded data: %v", err))
	}
	t := &Tokenizer{lx: lx}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Annotate fills d.Sentences from d.Text: sentences numbered from 1 with
// their byte ranges and tokens (Head -1, unparsed). When the article opens
// with a dateline, the dateline is not part of any sentence, and its place
// ("TEHRAN") is stored in d.Article.Dateline unless that is already set.
func (t *Tokenizer) Annotate(ctx context.Context, d *dyad.Doc) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("tokenize %s: %w", d.Article.ID, err)
	}
	place, sents := t.sentences(d.Text)
	d.Sentences = sents
	if d.Article.Dateline == "" && place != "" {
		d.Article.Dateline = place
	}
	return nil
}

// Sentences splits text into sentences with their tokens, as Annotate does,
// with byte offsets into text. A dateline at the start is left out.
func (t *Tokenizer) Sentences(text string) []dyad.Sentence {
	_, sents := t.sentences(text)
	return sents
}

// Tokens splits text into tokens without splitting sentences; offsets are
// byte offsets into text. Every non-space character of text (see IsSpace)
// belongs to exactly one token.
func (t *Tokenizer) Tokens(text string) []dyad.Token {
	return t.appendTokens(make([]dyad.Token, 0, len(text)/5+1), text)
}

// Dateline returns the place of a dateline at the start of text ("TEHRAN"
// for "TEHRAN - Iran's ..."), and the byte range of the whole dateline with
// its dash, or ok false when there is none.
func (t *Tokenizer) Dateline(text string) (place string, span dyad.Span, ok bool) {
	d, ok := t.dateline(text)
	if !ok {
		return "", dyad.Span{}, false
	}
	return text[d.place.Start:d.place.End], d.span, true
}
