package postgres

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxIndexed is how much of an article's text the full-text index holds.
// PostgreSQL limits a tsvector to 1 MB and word positions to 16,383, so the
// index of a longer text would fail or lose its positions; news articles are
// far shorter.
const maxIndexed = 256 << 10

// fold returns s without diacritics ("Zürich" becomes "Zurich"), as SQLite's
// remove_diacritics tokenizer option sees it, so that a search matches
// either spelling. PostgreSQL folds case itself.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// indexed returns the folded text the full-text index is built from: at most
// maxIndexed bytes, cut at a rune boundary.
func indexed(text string) string {
	if len(text) > maxIndexed {
		cut := maxIndexed
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return fold(text)
}

// search adds the full-text condition "the tsvector column col has every
// term of text": each term of dyad.SearchTerms, folded, becomes
// phraseto_tsquery of a parameter (a single word, or a phrase whose words
// must be consecutive), and the queries are joined with &&. The user's text
// never becomes query syntax.
func search(w *sqlstore.Where, col, text string) {
	terms := dyad.SearchTerms(text)
	if len(terms) == 0 {
		return
	}
	qs := make([]string, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		qs[i] = "phraseto_tsquery('dyad', ?)"
		args[i] = fold(t)
	}
	w.Add(col+" @@ ("+strings.Join(qs, " && ")+")", args...)
}
