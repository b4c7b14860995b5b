// Package dyad is the vocabulary of dyad, an event coder that turns news into a
// structured record of international relations: who did what to whom, when and
// where, who said what, who accused whom and who denied it, and how states voted.
//
// The root package holds only types and the few contracts that have more than one
// implementation. Every annotation carries byte offsets into Doc.Text, and every
// produced record names the rule that produced it. Packages one level down do the
// work: tokenize, parse, actor, event, extract, sqlite, postgres, and so on.
package dyad

// Span is a half-open byte range [Start, End) into Doc.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Article is the metadata of one input document.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or "" when unknown
	Dateline  string `json:"dateline,omitempty"`
	License   string `json:"license,omitempty"` // SPDX id, e.g. CC-BY-4.0
}

// Doc is an article with every annotation layer. Stages fill it in order:
// sentences and tokens, tags and parse, actors, events and claims, quotes,
// amounts and votes. It is also the JSON document that `dyad code` prints.
type Doc struct {
	Article   Article    `json:"article"`
	Text      string     `json:"-"`
	Sentences []Sentence `json:"sentences"`
	Actors    []Actor    `json:"actors"`
	Events    []Event    `json:"events"`
	Claims    []Claim    `json:"claims"`
	Quotes    []Quote    `json:"quotes"`
	Amounts   []Amount   `json:"amounts"`
	Votes     []Vote     `json:"votes"`
	Warnings  []string   `json:"warnings,omitempty"`
}

// Sentence is one sentence of Doc.Text. N is 1-based in reading order.
type Sentence struct {
	N      int     `json:"n"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Tokens []Token `json:"-"`
}

// Token is one syntactic word (UD sense: "can't" is "ca" + "n't"). Head is the
// 1-based index of the head token within its sentence, 0 for the root and -1
// while unparsed, as in CoNLL-U.
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Form  string `json:"form"`
	UPOS  string `json:"upos,omitempty"`
	XPOS  string `json:"xpos,omitempty"`
	Lemma string `json:"lemma,omitempty"`
	Feats string `json:"feats,omitempty"`
	Head  int    `json:"head"`
	Rel   string `json:"deprel,omitempty"`
}

// Span returns the token's byte range.
func (t Token) Span() Span { return Span{t.Start, t.End} }
