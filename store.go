package dyad

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Store is dyad's archive: articles with every annotation layer, and the
// queries over them. It has two implementations, package sqlite (one embedded
// file, the default) and package postgres; package storetest holds the suite
// both must pass. Every method is safe for concurrent use.
//
// Articles are deduplicated by content hash (see ContentHash) and by URL, so
// storing the same article twice, from whichever format it was read, is a
// no-op. Lists are returned in ingest order, oldest first; each record carries
// a Cursor that, passed back as a filter's After, gives the next page. A
// cursor stays valid while other articles are added and across Replace.
type Store interface {
	// Put stores d (the article and all its annotations) in one transaction.
	// It returns the stored article's id and true, or the id of the article
	// already stored with the same content hash or URL and false, in which
	// case nothing is written. The id is d.Article.ID when set, otherwise
	// ArticleID of the content hash, or "a" and the whole hash when a recoded
	// article holds that. Put does not modify d. A set id that is already
	// taken by another article gives ErrConflict.
	Put(ctx context.Context, d *Doc) (id string, added bool, err error)

	// PutMany stores docs in order in one transaction, each as Put would,
	// and returns what became of each: a document refused with ErrInvalid
	// or ErrConflict gets that error in its result and the others are
	// stored. The batch commits as a whole: any other error writes nothing
	// and is returned, and after a crash either every stored document of
	// the batch is there, complete, or none is. Batching spreads the cost
	// of a commit over many articles.
	PutMany(ctx context.Context, docs []*Doc) ([]PutResult, error)

	// Replace overwrites the article id and all its annotations with d (a
	// recode), keeping the id and the article's place in ingest order.
	// d.Article.ID is ignored. It gives ErrNotFound for an unknown id and
	// ErrConflict if d's text or URL belongs to another stored article.
	Replace(ctx context.Context, id string, d *Doc) error

	// Doc returns the stored article id with its text and every annotation
	// layer, or ErrNotFound. Tokens are not stored: sentences come back with
	// their spans only, and empty layers as empty slices.
	Doc(ctx context.Context, id string) (*Doc, error)

	// Articles lists article metadata matching f.
	Articles(ctx context.Context, f ArticleFilter) ([]ArticleRecord, error)
	// Events lists coded events matching f.
	Events(ctx context.Context, f EventFilter) ([]EventRecord, error)
	// EventCounts counts the events matching f without listing them, in
	// the database: one row per combination of the keys by that the
	// matching events have, with their number and the sum of their
	// Goldstein values. f's Page is ignored: the counts are always of every
	// match. Rows are sorted by their keys in the order of by (strings byte
	// by byte). Without keys, one row counts every match; nothing matching
	// gives no rows. Timelines and networks are drawn from these rows. It
	// gives ErrInvalid for a bad filter or keys (see ValidateEventKeys).
	EventCounts(ctx context.Context, f EventFilter, by ...EventKey) ([]EventCount, error)
	// Quotes lists quotations matching f.
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteRecord, error)
	// Votes lists roll-call votes matching f.
	Votes(ctx context.Context, f VoteFilter) ([]VoteRecord, error)
	// Actors lists the actors of articles matching f, one record per
	// article and actor, with its mentions.
	Actors(ctx context.Context, f ActorFilter) ([]ActorRecord, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store. Calls after Close fail.
	Close() error
}

// PutResult is what PutMany did with one document: its id and whether it
// was added (as Put returns them), or the error that refused it.
type PutResult struct {
	ID    string
	Added bool
	Err   error
}

// Paging limits: a filter's Limit of 0 means DefaultLimit; more than
// MaxLimit is cut to MaxLimit.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Page is the paging part of every filter.
type Page struct {
	// After is the Cursor of the last record of the previous page; "" starts
	// at the beginning.
	After string `json:"after,omitempty"`
	// Limit is the most records to return (0: DefaultLimit).
	Limit int `json:"limit,omitempty"`
}

// Size returns the number of records a page holds after applying the
// defaults, or ErrInvalid for a negative limit.
func (p Page) Size() (int, error) {
	switch {
	case p.Limit < 0:
		return 0, fmt.Errorf("%w: negative limit %d", ErrInvalid, p.Limit)
	case p.Limit == 0:
		return DefaultLimit, nil
	case p.Limit > MaxLimit:
		return MaxLimit, nil
	}
	return p.Limit, nil
}

// Dates is the date part of the filters: an inclusive range of YYYY-MM-DD
// days. Either end may be "" (open). A record is in range when its day is:
// the event's or vote's own date when known, else the article's publication
// date. Records with no day at all match only an open range.
type Dates struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// Validate reports ErrInvalid unless both ends are "" or a valid YYYY-MM-DD
// date and From is not after To.
func (d Dates) Validate() error {
	for _, s := range []string{d.From, d.To} {
		if s == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, s)
		}
	}
	if d.From != "" && d.To != "" && d.From > d.To {
		return fmt.Errorf("%w: date range %s to %s is empty", ErrInvalid, d.From, d.To)
	}
	return nil
}

// ArticleFilter selects articles. Zero fields match everything.
type ArticleFilter struct {
	// Text is a full-text search of title and text: whitespace-separated
	// words that must all occur (case and inflection ignored), or "quoted
	// phrases". See SearchTerms.
	Text string `json:"text,omitempty"`
	// Source is the outlet's name, exactly ("Mehr News Agency").
	Source string `json:"source,omitempty"`
	// URL is the article's URL, exactly.
	URL string `json:"url,omitempty"`
	Dates
	Page
}

// Validate reports ErrInvalid for a bad date range or limit.
func (f ArticleFilter) Validate() error { return validate(f.Dates, f.Page, f.Text) }

// EventFilter selects events. Actor codes match by prefix, so "IRN" matches
// IRN, IRNGOV and IRNMIL, and "IGOUNO" matches IGOUNOLEG. Zero fields match
// everything.
type EventFilter struct {
	Article string    `json:"article,omitempty"` // article id
	Actor   string    `json:"actor,omitempty"`   // code of the source or the target
	Source  string    `json:"source,omitempty"`  // code of the source
	Target  string    `json:"target,omitempty"`  // code of the target
	Dyad    [2]string `json:"dyad,omitempty"`    // codes of a pair, in either direction; both must be set
	// CAMEO is an event code or a prefix of one: "19" matches 190 to 196,
	// "111" matches 111 only (and its four-digit children).
	CAMEO     string   `json:"cameo,omitempty"`
	QuadClass int      `json:"quad_class,omitempty"` // 1 to 4
	Modality  Modality `json:"modality,omitempty"`
	Text      string   `json:"text,omitempty"` // full-text search of the article (as in ArticleFilter)
	Dates
	Page
}

// Validate reports ErrInvalid for a bad date range, limit, quad class, CAMEO
// code, modality or a half-set dyad.
func (f EventFilter) Validate() error {
	if f.QuadClass < 0 || f.QuadClass > 4 {
		return fmt.Errorf("%w: quad class %d is not 1 to 4", ErrInvalid, f.QuadClass)
	}
	for _, c := range f.CAMEO {
		if c < '0' || c > '9' {
			return fmt.Errorf("%w: CAMEO code %q is not digits", ErrInvalid, f.CAMEO)
		}
	}
	switch f.Modality {
	case "", Asserted, Planned, Claimed, Denied, Negated, Hypothetical, Historical:
	default:
		return fmt.Errorf("%w: unknown modality %q", ErrInvalid, f.Modality)
	}
	if (f.Dyad[0] == "") != (f.Dyad[1] == "") {
		return fmt.Errorf("%w: a dyad needs two actor codes", ErrInvalid)
	}
	return validate(f.Dates, f.Page, f.Text)
}

// QuoteFilter selects quotations. Zero fields match everything.
type QuoteFilter struct {
	Article string `json:"article,omitempty"` // article id
	// Speaker matches the speaker's code by prefix (as in EventFilter) or,
	// ignoring case, the speaker's name exactly.
	Speaker string `json:"speaker,omitempty"`
	Text    string `json:"text,omitempty"` // full-text search of the quotation itself
	Direct  *bool  `json:"direct,omitempty"`
	Dates          // of the article
	Page
}

// Validate reports ErrInvalid for a bad date range or limit.
func (f QuoteFilter) Validate() error { return validate(f.Dates, f.Page, f.Text) }

// VoteFilter selects roll-call votes. Zero fields match everything.
type VoteFilter struct {
	Article string `json:"article,omitempty"` // article id
	Body    string `json:"body,omitempty"`    // code of the voting body, by prefix (IGOUNO)
	// Country selects votes that name its position (ISO alpha-3); with
	// Position, only those where it voted so (yes, no, abstain, absent, veto).
	Country  string `json:"country,omitempty"`
	Position string `json:"position,omitempty"`
	Text     string `json:"text,omitempty"` // full-text search of the article
	Dates
	Page
}

// Validate reports ErrInvalid for a bad date range, limit or position.
func (f VoteFilter) Validate() error {
	switch f.Position {
	case "", VoteYes, VoteNo, VoteAbstain, VoteAbsent, VoteVeto:
	default:
		return fmt.Errorf("%w: unknown vote position %q", ErrInvalid, f.Position)
	}
	if f.Position != "" && f.Country == "" {
		return fmt.Errorf("%w: a vote position needs a country", ErrInvalid)
	}
	return validate(f.Dates, f.Page, f.Text)
}

// ActorFilter selects the actors of articles. Zero fields match everything.
type ActorFilter struct {
	Article string    `json:"article,omitempty"` // article id
	Code    string    `json:"code,omitempty"`    // by prefix, as in EventFilter
	Name    string    `json:"name,omitempty"`    // exactly, ignoring case
	Kind    ActorKind `json:"kind,omitempty"`
	Dates             // of the article
	Page
}

// Validate reports ErrInvalid for a bad date range or limit.
func (f ActorFilter) Validate() error { return validate(f.Dates, f.Page, "") }

func validate(d Dates, p Page, text string) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if _, err := p.Size(); err != nil {
		return err
	}
	if text != "" && len(SearchTerms(text)) == 0 {
		return fmt.Errorf("%w: search %q has no words", ErrInvalid, text)
	}
	return nil
}

// ArticleRecord is one article's metadata as listed by Store.Articles.
type ArticleRecord struct {
	Article
	Hash   string `json:"hash"`   // ContentHash of the text
	Length int    `json:"length"` // of the text, in bytes
	Cursor string `json:"cursor"`
}

// EventRecord is one event with the article it came from.
type EventRecord struct {
	Event
	ArticleID string `json:"article_id"`
	Published string `json:"published,omitempty"` // the article's
	Cursor    string `json:"cursor"`
}

// EventKey is a key by which Store.EventCounts groups events.
type EventKey string

// The keys of Store.EventCounts. A code and its root cannot be asked for
// together.
const (
	// ByDay groups by the day the Dates filter sees: the event's own Date
	// when set (a day, a month such as 2023-02 or a year, as the coder
	// writes them), else its article's publication date, else "".
	ByDay EventKey = "day"
	// BySource and ByTarget group by the full actor code of the source or
	// the target ("" when the event has none).
	BySource EventKey = "source"
	ByTarget EventKey = "target"
	// BySourceRoot and ByTargetRoot group by the RootCode of the source's
	// or the target's code: by state or organisation.
	BySourceRoot EventKey = "source_root"
	ByTargetRoot EventKey = "target_root"
	// ByQuadClass and ByModality group by the event's quad class and
	// modality.
	ByQuadClass EventKey = "quad_class"
	ByModality  EventKey = "modality"
)

// ValidateEventKeys reports ErrInvalid for an unknown key, a key given
// twice, or a code asked for with its root.
func ValidateEventKeys(by []EventKey) error {
	for i, k := range by {
		switch k {
		case ByDay, BySource, ByTarget, BySourceRoot, ByTargetRoot, ByQuadClass, ByModality:
		default:
			return fmt.Errorf("%w: unknown event key %q", ErrInvalid, k)
		}
		for _, o := range by[:i] {
			if o == k || o == BySource && k == BySourceRoot || o == BySourceRoot && k == BySource ||
				o == ByTarget && k == ByTargetRoot || o == ByTargetRoot && k == ByTarget {
				return fmt.Errorf("%w: event keys %q and %q together", ErrInvalid, o, k)
			}
		}
	}
	return nil
}

// EventCount is one row of Store.EventCounts: the values of its keys (the
// fields of the keys not asked for are zero) and what its events add up to.
type EventCount struct {
	Day       string   `json:"day,omitempty"`    // ByDay
	Source    string   `json:"source,omitempty"` // BySource, or BySourceRoot: the root code
	Target    string   `json:"target,omitempty"` // ByTarget, or ByTargetRoot: the root code
	QuadClass int      `json:"quad_class,omitempty"`
	Modality  Modality `json:"modality,omitempty"`
	// Events is the number of events, at least 1; GoldsteinSum the sum of
	// their Goldstein values (not the mean).
	Events       int     `json:"events"`
	GoldsteinSum float64 `json:"goldstein_sum"`
}

// RootCode returns the part of an actor code that names a state, group or
// organisation: the first six characters of an organisation's code (IGOUNO
// of IGOUNOLEG), else the first three (IRN of IRNGOV). Shorter codes are
// their own root. Characters, not bytes, so that a database counts alike.
func RootCode(code string) string {
	n := 3
	if strings.HasPrefix(code, "IGO") && utf8.RuneCountInString(code) >= 6 {
		n = 6
	}
	for i := range code {
		if n == 0 {
			return code[:i]
		}
		n--
	}
	return code
}

// QuoteRecord is one quotation with the article it came from.
type QuoteRecord struct {
	Quote
	ArticleID string `json:"article_id"`
	Published string `json:"published,omitempty"`
	Cursor    string `json:"cursor"`
}

// VoteRecord is one vote with the article it came from.
type VoteRecord struct {
	Vote
	ArticleID string `json:"article_id"`
	Published string `json:"published,omitempty"`
	Cursor    string `json:"cursor"`
}

// ActorRecord is one actor of one article, with its mentions there.
type ActorRecord struct {
	Actor
	ArticleID string `json:"article_id"`
	Published string `json:"published,omitempty"`
	Cursor    string `json:"cursor"`
}

// Stats counts the records of a store.
type Stats struct {
	Articles  int `json:"articles"`
	Sentences int `json:"sentences"`
	Actors    int `json:"actors"`
	Mentions  int `json:"mentions"`
	Events    int `json:"events"`
	Claims    int `json:"claims"`
	Quotes    int `json:"quotes"`
	Amounts   int `json:"amounts"`
	Votes     int `json:"votes"`
	// First and Last are the earliest and latest publication dates.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	// Schema is the schema version; Bytes the size of the store on disk.
	Schema int   `json:"schema"`
	Bytes  int64 `json:"bytes"`
}

// NormalizeText returns text as the content hash sees it: Unicode NFC, with
// every run of white space made one space and none at either end. Two copies
// of an article read from different formats normalise to the same string.
func NormalizeText(text string) string {
	return strings.Join(strings.Fields(norm.NFC.String(text)), " ")
}

// ContentHash returns the hex SHA-256 of NormalizeText(text): the key by
// which stores deduplicate articles.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(NormalizeText(text)))
	return hex.EncodeToString(sum[:])
}

// ArticleID returns the id a store gives an article that has none: "a" and
// the first 16 hex digits of its content hash.
func ArticleID(hash string) string {
	if len(hash) > 16 {
		hash = hash[:16]
	}
	return "a" + hash
}

// SearchTerms splits a full-text query into its terms: "quoted phrases" and
// single words. Stores match a record when it has every term, a phrase as
// consecutive words; they never pass the query's own syntax to their engine.
func SearchTerms(q string) []string {
	var terms []string
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 { // inside quotes
			if p := strings.Join(searchWords(part), " "); p != "" {
				terms = append(terms, p)
			}
			continue
		}
		terms = append(terms, searchWords(part)...)
	}
	return terms
}

// searchWords splits s at white space and drops the pieces without a letter
// or digit. A store's engine splits each word further at punctuation.
func searchWords(s string) []string {
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			words = append(words, w)
		}
	}
	return words
}

// FormatCursor is the cursor both stores give a record kept at position ord
// of the article with primary key article: "article.ord".
func FormatCursor(article int64, ord int) string {
	return strconv.FormatInt(article, 10) + "." + strconv.Itoa(ord)
}

// ParseCursor reads a FormatCursor cursor, or gives ErrInvalid.
func ParseCursor(s string) (article int64, ord int, err error) {
	a, o, ok := strings.Cut(s, ".")
	article, err1 := strconv.ParseInt(a, 10, 64)
	ord, err2 := strconv.Atoi(o)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("%w: bad cursor %q", ErrInvalid, s)
	}
	return article, ord, nil
}
