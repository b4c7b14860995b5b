package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/export"
)

// QueryCmd lists what the database holds. Its flags apply to every kind of
// record; each kind has filters of its own.
type QueryCmd struct {
	DB     string `help:"SQLite database file (${default})." default:"dyad.db" placeholder:"FILE"`
	Format string `help:"Output: table (aligned, for people), json or csv." enum:"table,json,csv" default:"table"`

	Events   QueryEventsCmd   `cmd:"" help:"Coded events: who did what to whom, when."`
	Quotes   QueryQuotesCmd   `cmd:"" help:"Quotations with their speakers."`
	Votes    QueryVotesCmd    `cmd:"" help:"Roll-call votes with their counts and positions."`
	Articles QueryArticlesCmd `cmd:"" help:"Stored articles."`
	Actors   QueryActorsCmd   `cmd:"" help:"The actors of stored articles, one line per article and actor."`
}

// eventFlags are the event filters of query events and export.
type eventFlags struct {
	Actor    string    `help:"Actor code of the source or the target, by prefix (IRN matches IRNGOV)." placeholder:"CODE"`
	Source   string    `help:"Actor code of the source, by prefix." placeholder:"CODE"`
	Target   string    `help:"Actor code of the target, by prefix." placeholder:"CODE"`
	Dyad     []string  `help:"Two actor codes, in either direction: --dyad RUS,IGOUNO." placeholder:"A,B"`
	CAMEO    string    `name:"cameo" help:"CAMEO event code, or a prefix of one: 11 matches 110 to 1125." placeholder:"CODE"`
	Quad     int       `help:"Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."`
	Modality string    `help:"Modality: asserted, planned, claimed, denied, negated, hypothetical or historical."`
	Text     string    `help:"Full-text search of the article: words that must all occur, or \"a phrase\"." placeholder:"WORDS"`
	Article  string    `help:"Article id." placeholder:"ID"`
	Dates    dateFlags `embed:""`
}

// filter returns the event filter of the flags, validated.
func (f eventFlags) filter() (dyad.EventFilter, error) {
	ef := dyad.EventFilter{Article: f.Article, Actor: f.Actor, Source: f.Source, Target: f.Target,
		CAMEO: f.CAMEO, QuadClass: f.Quad, Modality: dyad.Modality(f.Modality), Text: f.Text, Dates: f.Dates.dates()}
	switch len(f.Dyad) {
	case 0:
	case 2:
		ef.Dyad = [2]string{f.Dyad[0], f.Dyad[1]}
		if ef.Dyad[0] == "" || ef.Dyad[1] == "" {
			return ef, fmt.Errorf("--dyad %q: %w: want two actor codes A,B", strings.Join(f.Dyad, ","), dyad.ErrInvalid)
		}
	default:
		return ef, fmt.Errorf("--dyad %q: %w: want two actor codes A,B", strings.Join(f.Dyad, ","), dyad.ErrInvalid)
	}
	if err := ef.Validate(); err != nil {
		return ef, err
	}
	return ef, nil
}

// dateFlags are the date range of every filter.
type dateFlags struct {
	From string `help:"First day, YYYY-MM-DD." placeholder:"DATE"`
	To   string `help:"Last day, YYYY-MM-DD." placeholder:"DATE"`
}

func (d dateFlags) dates() dyad.Dates { return dyad.Dates{From: d.From, To: d.To} }

// pageFlags page through long lists.
type pageFlags struct {
	Limit int    `help:"Most records to list (0: 100; at most 10000)."`
	After string `help:"Cursor of the last record of the previous page: list what follows it." placeholder:"CURSOR"`
}

func (p pageFlags) page() dyad.Page { return dyad.Page{Limit: p.Limit, After: p.After} }

// QueryEventsCmd lists events.
type QueryEventsCmd struct {
	Filter eventFlags `embed:""`
	Page   pageFlags  `embed:""`
}

// Run lists the events that match.
func (c *QueryEventsCmd) Run(ctx context.Context, env *Env, q *QueryCmd) error {
	f, err := c.Filter.filter()
	if err != nil {
		return fmt.Errorf("query events: %w", err)
	}
	f.Page = c.Page.page()
	s, err := openExisting(ctx, q.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.Events(ctx, f)
	if err != nil {
		return fmt.Errorf("query events: %w", err)
	}
	docs := docCache{s: s}
	err = emit(env.Stdout, q.Format, recs,
		[]string{"DATE", "SOURCE", "TARGET", "CAMEO", "EVENT", "MODALITY", "ARTICLE", "S"},
		func(r dyad.EventRecord) []string {
			date := r.Date
			if date == "" {
				date = r.Published
			}
			return []string{orDash(date), orDash(r.Source.Code), orDash(r.Target.Code), r.CAMEO, r.CAMEOName,
				string(r.Modality), r.ArticleID, strconv.Itoa(r.Sentence)}
		},
		export.CSVColumns,
		func(r dyad.EventRecord) ([]string, error) {
			d, err := docs.get(ctx, r.ArticleID)
			if err != nil {
				return nil, err
			}
			row := make([]string, len(export.CSVColumns))
			export.CSVRow(row, export.Event{EventRecord: r, Doc: d})
			return row, nil
		})
	if err != nil {
		return err
	}
	return morePages(env, f.Page, len(recs), func() string { return recs[len(recs)-1].Cursor })
}

// docCache keeps the last document loaded: records come article by article.
type docCache struct {
	s   dyad.Store
	doc *dyad.Doc
}

func (c *docCache) get(ctx context.Context, id string) (*dyad.Doc, error) {
	if c.doc == nil || c.doc.Article.ID != id {
		d, err := c.s.Doc(ctx, id)
		if err != nil {
			return nil, err
		}
		c.doc = d
	}
	return c.doc, nil
}

// QueryQuotesCmd lists quotations.
type QueryQuotesCmd struct {
	Speaker string    `help:"Speaker's actor code by prefix, or name (ignoring case)." placeholder:"CODE|NAME"`
	Text    string    `help:"Full-text search of the quotation: words that must all occur, or \"a phrase\"." placeholder:"WORDS"`
	Direct  string    `help:"Only direct (yes) or reported (no) quotations." enum:",yes,no" default:""`
	Article string    `help:"Article id." placeholder:"ID"`
	Dates   dateFlags `embed:""`
	Page    pageFlags `embed:""`
}

// Run lists the quotations that match.
func (c *QueryQuotesCmd) Run(ctx context.Context, env *Env, q *QueryCmd) error {
	f := dyad.QuoteFilter{Article: c.Article, Speaker: c.Speaker, Text: c.Text, Dates: c.Dates.dates(), Page: c.Page.page()}
	if c.Direct != "" {
		direct := c.Direct == "yes"
		f.Direct = &direct
	}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("query quotes: %w", err)
	}
	s, err := openExisting(ctx, q.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.Quotes(ctx, f)
	if err != nil {
		return fmt.Errorf("query quotes: %w", err)
	}
	err = emit(env.Stdout, q.Format, recs,
		[]string{"DATE", "SPEAKER", "CODE", "KIND", "QUOTE", "ARTICLE", "S"},
		func(r dyad.QuoteRecord) []string {
			kind := "reported"
			if r.Direct {
				kind = "direct"
			}
			return []string{orDash(r.Published), orDash(r.Speaker.Name), orDash(r.Speaker.Code), kind,
				clip(r.Text, 70), r.ArticleID, strconv.Itoa(r.Sentence)}
		},
		[]string{"article_id", "published", "sentence", "speaker_name", "speaker_code", "speaker_actor",
			"verb", "direct", "text", "span_start", "span_end", "rule"},
		func(r dyad.QuoteRecord) ([]string, error) {
			return []string{r.ArticleID, r.Published, strconv.Itoa(r.Sentence), r.Speaker.Name, r.Speaker.Code,
				r.Speaker.Actor, r.Verb, strconv.FormatBool(r.Direct), r.Text, strconv.Itoa(r.Span.Start),
				strconv.Itoa(r.Span.End), r.Rule}, nil
		})
	if err != nil {
		return err
	}
	return morePages(env, f.Page, len(recs), func() string { return recs[len(recs)-1].Cursor })
}

// QueryVotesCmd lists roll-call votes.
type QueryVotesCmd struct {
	Body     string    `help:"Code of the voting body, by prefix (IGOUNO)." placeholder:"CODE"`
	Country  string    `help:"Only votes that give this country's position (ISO alpha-3)." placeholder:"ISO3"`
	Position string    `help:"With --country: only votes where it voted so (yes, no, abstain, absent or veto)."`
	Text     string    `help:"Full-text search of the article." placeholder:"WORDS"`
	Article  string    `help:"Article id." placeholder:"ID"`
	Dates    dateFlags `embed:""`
	Page     pageFlags `embed:""`
}

// Run lists the votes that match.
func (c *QueryVotesCmd) Run(ctx context.Context, env *Env, q *QueryCmd) error {
	f := dyad.VoteFilter{Article: c.Article, Body: c.Body, Country: c.Country, Position: c.Position, Text: c.Text,
		Dates: c.Dates.dates(), Page: c.Page.page()}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("query votes: %w", err)
	}
	s, err := openExisting(ctx, q.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.Votes(ctx, f)
	if err != nil {
		return fmt.Errorf("query votes: %w", err)
	}
	count := func(n int) string {
		if n < 0 {
			return "?"
		}
		return strconv.Itoa(n)
	}
	positions := func(v dyad.Vote) string {
		var b strings.Builder
		for i, p := range v.Positions {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.Country + ":" + p.Vote)
		}
		return b.String()
	}
	err = emit(env.Stdout, q.Format, recs,
		[]string{"DATE", "BODY", "YES", "NO", "ABSTAIN", "CONSISTENT", "MOTION", "ARTICLE"},
		func(r dyad.VoteRecord) []string {
			date := r.Date
			if date == "" {
				date = r.Published
			}
			body := r.BodyName
			if body == "" {
				body = r.Body
			}
			return []string{orDash(date), orDash(body), count(r.Yes), count(r.No), count(r.Abstain),
				strconv.FormatBool(r.Consistent), clip(r.Motion, 60), r.ArticleID}
		},
		[]string{"article_id", "published", "body", "body_name", "motion", "date", "place", "yes", "no",
			"abstain", "absent", "consistent", "positions", "sentences", "rule"},
		func(r dyad.VoteRecord) ([]string, error) {
			sents := make([]string, len(r.Sentences))
			for i, n := range r.Sentences {
				sents[i] = strconv.Itoa(n)
			}
			return []string{r.ArticleID, r.Published, r.Body, r.BodyName, r.Motion, r.Date, r.Place,
				strconv.Itoa(r.Yes), strconv.Itoa(r.No), strconv.Itoa(r.Abstain), strconv.Itoa(r.Absent),
				strconv.FormatBool(r.Consistent), positions(r.Vote), strings.Join(sents, " "), r.Rule}, nil
		})
	if err != nil {
		return err
	}
	return morePages(env, f.Page, len(recs), func() string { return recs[len(recs)-1].Cursor })
}

// QueryArticlesCmd lists articles.
type QueryArticlesCmd struct {
	Text   string    `help:"Full-text search of title and text: words that must all occur, or \"a phrase\"." placeholder:"WORDS"`
	Source string    `help:"Source (news outlet) name, exactly." placeholder:"NAME"`
	URL    string    `name:"url" help:"Article URL, exactly." placeholder:"URL"`
	Dates  dateFlags `embed:""`
	Page   pageFlags `embed:""`
}

// Run lists the articles that match.
func (c *QueryArticlesCmd) Run(ctx context.Context, env *Env, q *QueryCmd) error {
	f := dyad.ArticleFilter{Text: c.Text, Source: c.Source, URL: c.URL, Dates: c.Dates.dates(), Page: c.Page.page()}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("query articles: %w", err)
	}
	s, err := openExisting(ctx, q.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.Articles(ctx, f)
	if err != nil {
		return fmt.Errorf("query articles: %w", err)
	}
	err = emit(env.Stdout, q.Format, recs,
		[]string{"ID", "PUBLISHED", "SOURCE", "BYTES", "TITLE"},
		func(r dyad.ArticleRecord) []string {
			return []string{r.ID, orDash(r.Published), orDash(clip(r.Source, 30)), strconv.Itoa(r.Length), orDash(clip(r.Title, 60))}
		},
		[]string{"id", "published", "source", "title", "url", "dateline", "license", "hash", "length"},
		func(r dyad.ArticleRecord) ([]string, error) {
			return []string{r.ID, r.Published, r.Source, r.Title, r.URL, r.Dateline, r.License, r.Hash,
				strconv.Itoa(r.Length)}, nil
		})
	if err != nil {
		return err
	}
	return morePages(env, f.Page, len(recs), func() string { return recs[len(recs)-1].Cursor })
}

// QueryActorsCmd lists the actors of articles.
type QueryActorsCmd struct {
	Code    string    `help:"Actor code, by prefix (IRN matches IRNGOV)." placeholder:"CODE"`
	Name    string    `help:"Actor name, exactly (ignoring case)." placeholder:"NAME"`
	Kind    string    `help:"Kind: state, organisation, group or person." enum:",state,organisation,group,person" default:""`
	Article string    `help:"Article id." placeholder:"ID"`
	Dates   dateFlags `embed:""`
	Page    pageFlags `embed:""`
}

// Run lists the actors that match.
func (c *QueryActorsCmd) Run(ctx context.Context, env *Env, q *QueryCmd) error {
	f := dyad.ActorFilter{Article: c.Article, Code: c.Code, Name: c.Name, Kind: dyad.ActorKind(c.Kind),
		Dates: c.Dates.dates(), Page: c.Page.page()}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("query actors: %w", err)
	}
	s, err := openExisting(ctx, q.DB, env)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.Actors(ctx, f)
	if err != nil {
		return fmt.Errorf("query actors: %w", err)
	}
	err = emit(env.Stdout, q.Format, recs,
		[]string{"ARTICLE", "CODE", "KIND", "NAME", "MENTIONS", "OFFICE"},
		func(r dyad.ActorRecord) []string {
			return []string{r.ArticleID, orDash(r.Code), string(r.Kind), r.Name, strconv.Itoa(len(r.Mentions)), orDash(r.Office)}
		},
		[]string{"article_id", "published", "actor_id", "name", "code", "country", "sector", "kind", "office",
			"gender", "mentions", "rule"},
		func(r dyad.ActorRecord) ([]string, error) {
			return []string{r.ArticleID, r.Published, r.ID, r.Name, r.Code, r.Country, r.Sector, string(r.Kind),
				r.Office, r.Gender, strconv.Itoa(len(r.Mentions)), r.Rule}, nil
		})
	if err != nil {
		return err
	}
	return morePages(env, f.Page, len(recs), func() string { return recs[len(recs)-1].Cursor })
}

// emit writes records as an aligned table, a JSON array or CSV.
func emit[T any](w io.Writer, format string, recs []T, tableHeader []string, tableRow func(T) []string,
	csvHeader []string, csvRow func(T) ([]string, error)) error {
	switch format {
	case "json":
		if recs == nil {
			recs = []T{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(recs)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		for _, r := range recs {
			row, err := csvRow(r)
			if err != nil {
				return err
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(tableHeader, "\t"))
	for _, r := range recs {
		cells := tableRow(r)
		for i, c := range cells {
			cells[i] = strings.ReplaceAll(oneLine(c), "\t", " ")
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// morePages tells on stderr how to get the next page when this one is full.
func morePages(env *Env, p dyad.Page, n int, last func() string) error {
	size, err := p.Size()
	if err != nil || n == 0 || n < size {
		return nil
	}
	fmt.Fprintf(env.Stderr, "dyad: %d records shown; for more, add --after %s\n", n, last())
	return nil
}

// clip shortens s to at most n characters for a table.
func clip(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// oneLine makes s one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
