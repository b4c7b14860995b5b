package postgres

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
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

// where collects the conditions of a query. Every condition is a constant of
// this package in which ? stands for the next parameter; every value from a
// filter is a parameter.
type where struct {
	conds []string
	args  []any
}

// add appends cond, numbering its ? placeholders after the ones before.
func (w *where) add(cond string, args ...any) {
	var b strings.Builder
	n := len(w.args)
	for _, part := range strings.SplitAfter(cond, "?") {
		if strings.HasSuffix(part, "?") {
			n++
			b.WriteString(part[:len(part)-1] + "$" + strconv.Itoa(n))
			continue
		}
		b.WriteString(part)
	}
	w.conds = append(w.conds, b.String())
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// next returns the placeholder of one more parameter v, for the LIMIT.
func (w *where) next(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// maxRune sorts after every character a code may hold, so under the "C"
// collation code >= p AND code < p||maxRune selects the codes that begin
// with p, using the index; % and _ in p are plain characters.
const maxRune = "\U0010FFFF"

// prefix returns the condition "col starts with p" for a constant column.
func prefix(col, p string) (string, []any) {
	return "(" + col + " >= ? AND " + col + " < ?)", []any{p, p + maxRune}
}

func (w *where) prefix(col, p string) {
	if p != "" {
		c, args := prefix(col, p)
		w.add(c, args...)
	}
}

// dates adds the range condition over the constant column col.
func (w *where) dates(col string, d dyad.Dates) {
	if d.From == "" && d.To == "" {
		return
	}
	w.add(col + " <> ''")
	if d.From != "" {
		w.add(col+" >= ?", d.From)
	}
	if d.To != "" {
		w.add(col+" <= ?", d.To)
	}
}

// search adds the full-text condition "the tsvector column col has every
// term of text": each term of dyad.SearchTerms, folded, becomes
// phraseto_tsquery of a parameter (a single word, or a phrase whose words
// must be consecutive), and the queries are joined with &&. The user's text
// never becomes query syntax.
func (w *where) search(col, text string) {
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
	w.add(col+" @@ ("+strings.Join(qs, " && ")+")", args...)
}
