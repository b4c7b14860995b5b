package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// list is the JSON of every paginated answer: the records, and the cursor
// of the next page ("" on the last one).
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

// newList makes a page's answer: next is the last record's cursor when the
// page is full.
func newList[T any](items []T, size int, cursor func(T) string) list[T] {
	if items == nil {
		items = []T{}
	}
	l := list[T]{Items: items}
	if len(items) > 0 && len(items) >= size {
		l.Next = cursor(items[len(items)-1])
	}
	return l
}

// docJSON is a document with its text, as /api/articles/{id} and /api/code
// answer it.
type docJSON struct {
	*dyad.Doc
	Text string `json:"text"`
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	if err := newParams(r.URL.RawQuery).done(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(openAPI)
	return err
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) error {
	if err := newParams(r.URL.RawQuery).done(); err != nil {
		return err
	}
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

// articleFilter reads the article search.
func articleFilter(p *params, defLimit int) dyad.ArticleFilter {
	return dyad.ArticleFilter{Text: p.text("text"), Source: p.str("source"), URL: p.str("url"),
		Dates: p.dates(), Page: p.page(defLimit)}
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := articleFilter(p, dyad.DefaultLimit)
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	writeJSON(w, http.StatusOK, newList(recs, size, func(r dyad.ArticleRecord) string { return r.Cursor }))
	return nil
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	if err := newParams(r.URL.RawQuery).done(); err != nil {
		return err
	}
	d, err := s.store.Doc(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, docJSON{Doc: d, Text: d.Text})
	return nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := p.eventFilter(dyad.DefaultLimit)
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	writeJSON(w, http.StatusOK, newList(recs, size, func(r dyad.EventRecord) string { return r.Cursor }))
	return nil
}

var actorKinds = []string{string(dyad.KindState), string(dyad.KindOrganisation), string(dyad.KindGroup), string(dyad.KindPerson)}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := dyad.ActorFilter{Article: p.str("article"), Code: p.code("code"), Name: p.str("name"),
		Kind: dyad.ActorKind(p.choice("kind", "", actorKinds...)), Dates: p.dates(), Page: p.page(dyad.DefaultLimit)}
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Actors(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	writeJSON(w, http.StatusOK, newList(recs, size, func(r dyad.ActorRecord) string { return r.Cursor }))
	return nil
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := dyad.QuoteFilter{Article: p.str("article"), Speaker: p.str("speaker"), Text: p.text("text"),
		Direct: p.boolean("direct"), Dates: p.dates(), Page: p.page(dyad.DefaultLimit)}
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Quotes(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	writeJSON(w, http.StatusOK, newList(recs, size, func(r dyad.QuoteRecord) string { return r.Cursor }))
	return nil
}

var votePositions = []string{dyad.VoteYes, dyad.VoteNo, dyad.VoteAbstain, dyad.VoteAbsent, dyad.VoteVeto}

// voteFilter reads the vote search.
func voteFilter(p *params, defLimit int) dyad.VoteFilter {
	f := dyad.VoteFilter{Article: p.str("article"), Body: p.code("body"), Country: p.code("country"),
		Position: p.choice("position", "", votePositions...), Text: p.text("text"),
		Dates: p.dates(), Page: p.page(defLimit)}
	if f.Country != "" && len(f.Country) != 3 {
		p.fail("country", "%q is not an ISO 3166-1 alpha-3 code", f.Country)
	}
	return f
}

func (s *Server) apiVotes(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := voteFilter(p, dyad.DefaultLimit)
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Votes(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	writeJSON(w, http.StatusOK, newList(recs, size, func(r dyad.VoteRecord) string { return r.Cursor }))
	return nil
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := claimFilter{Article: p.str("article"), Actor: p.code("actor"), CAMEO: p.cameo("cameo"),
		Text: p.text("text"), Dates: p.dates(), Page: p.page(dyad.DefaultLimit)}
	if err := p.done(); err != nil {
		return err
	}
	l, err := s.claims(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, l)
	return nil
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	q := timelineParams(p, r)
	if err := p.done(); err != nil {
		return err
	}
	t, err := s.timeline(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

// pathCode checks an actor code given in the path.
func pathCode(p *params, name, s string) string {
	c, ok := actorCode(s)
	if !ok {
		p.fail(name, "%q is not an actor code (letters and digits, like IRN or IGOUNO)", s)
	}
	return c
}

// timelineParams reads a dyad timeline's parameters: the pair from the
// path, the rest from the query.
func timelineParams(p *params, r *http.Request) timelineQuery {
	return timelineQuery{
		A:          pathCode(p, "a", r.PathValue("a")),
		B:          pathCode(p, "b", r.PathValue("b")),
		Interval:   p.choice("interval", "month", "day", "week", "month"),
		CAMEO:      p.cameo("cameo"),
		Modalities: p.modalitySet("modality", defaultModalities),
		Dates:      p.dates(),
	}
}

// networkParams reads the network's parameters.
func networkParams(p *params) networkQuery {
	return networkQuery{
		Actor:      p.code("actor"),
		CAMEO:      p.cameo("cameo"),
		QuadClass:  p.num("quad", 1, 4, 0),
		Modalities: p.modalitySet("modality", defaultModalities),
		Text:       p.text("text"),
		Level:      p.choice("level", "root", "root", "code"),
		Nodes:      p.num("nodes", 2, 500, 40),
		Dates:      p.dates(),
	}
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	q := networkParams(p)
	if err := p.done(); err != nil {
		return err
	}
	n, err := s.network(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, n)
	return nil
}

// articleInput is the JSON body of POST /api/articles and /api/code.
type articleInput struct {
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	Dateline  string `json:"dateline,omitempty"`
	License   string `json:"license,omitempty"`
}

// article checks the input and returns its metadata.
func (in articleInput) article() (dyad.Article, error) {
	if strings.TrimSpace(in.Text) == "" {
		return dyad.Article{}, fmt.Errorf("%w: text is empty", dyad.ErrInvalid)
	}
	if in.Published != "" {
		if _, err := time.Parse(time.DateOnly, in.Published); err != nil {
			return dyad.Article{}, fmt.Errorf("%w: published %q is not YYYY-MM-DD", dyad.ErrInvalid, in.Published)
		}
	}
	return dyad.Article{Title: in.Title, URL: in.URL, Source: in.Source, Published: in.Published,
		Dateline: in.Dateline, License: in.License}, nil
}

// readBody reads a request body up to the size limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.opt.MaxBody {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", errTooLarge, r.ContentLength, s.opt.MaxBody)
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, mbe.Limit)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: reading the body: %v", dyad.ErrInvalid, err)
	}
	return b, nil
}

// readArticle reads a JSON article, or with textPlain a plain-text body
// whose metadata are query parameters.
func (s *Server) readArticle(w http.ResponseWriter, r *http.Request, textPlain bool) (dyad.Article, []byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return dyad.Article{}, nil, fmt.Errorf("%w: Content-Type %q", errMediaType, r.Header.Get("Content-Type"))
	}
	var in articleInput
	p := newParams(r.URL.RawQuery)
	switch {
	case mt == "application/json":
		if err := p.done(); err != nil {
			return dyad.Article{}, nil, err
		}
		body, err := s.readBody(w, r)
		if err != nil {
			return dyad.Article{}, nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return dyad.Article{}, nil, fmt.Errorf("%w: body is not an article object {text, title, url, source, published}: %v", dyad.ErrInvalid, err)
		}
		if dec.More() {
			return dyad.Article{}, nil, fmt.Errorf("%w: body holds more than one JSON value", dyad.ErrInvalid)
		}
	case textPlain && (mt == "text/plain" || mt == ""):
		in = articleInput{Title: p.str("title"), URL: p.str("url"), Source: p.str("source"),
			Published: p.date("published"), Dateline: p.str("dateline"), License: p.str("license")}
		if err := p.done(); err != nil {
			return dyad.Article{}, nil, err
		}
		body, err := s.readBody(w, r)
		if err != nil {
			return dyad.Article{}, nil, err
		}
		in.Text = string(body)
	default:
		want := "application/json"
		if textPlain {
			want += " or text/plain"
		}
		return dyad.Article{}, nil, fmt.Errorf("%w: %q; send %s", errMediaType, mt, want)
	}
	a, err := in.article()
	return a, []byte(in.Text), err
}

// code runs the coder, at most one article per CPU at a time.
func (s *Server) code(r *http.Request, a dyad.Article, text []byte) (*dyad.Doc, error) {
	if s.coder == nil {
		return nil, fmt.Errorf("%w: this server has no coder", dyad.ErrUnavailable)
	}
	select {
	case s.coding <- struct{}{}:
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	defer func() { <-s.coding }()
	d, err := s.coder.Code(r.Context(), a, text)
	if err != nil {
		return nil, fmt.Errorf("code: %w", err)
	}
	return d, nil
}

func (s *Server) apiCode(w http.ResponseWriter, r *http.Request) error {
	a, text, err := s.readArticle(w, r, true)
	if err != nil {
		return err
	}
	d, err := s.code(r, a, text)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, docJSON{Doc: d, Text: d.Text})
	return nil
}

// ingestResult is the answer of POST /api/articles.
type ingestResult struct {
	ID     string `json:"id"`
	Added  bool   `json:"added"`
	URL    string `json:"url"` // of the stored article in the API
	Counts counts `json:"counts"`
}

type counts struct {
	Sentences int `json:"sentences"`
	Actors    int `json:"actors"`
	Events    int `json:"events"`
	Claims    int `json:"claims"`
	Quotes    int `json:"quotes"`
	Amounts   int `json:"amounts"`
	Votes     int `json:"votes"`
}

func countsOf(d *dyad.Doc) counts {
	return counts{Sentences: len(d.Sentences), Actors: len(d.Actors), Events: len(d.Events), Claims: len(d.Claims),
		Quotes: len(d.Quotes), Amounts: len(d.Amounts), Votes: len(d.Votes)}
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) error {
	a, text, err := s.readArticle(w, r, false)
	if err != nil {
		return err
	}
	d, err := s.code(r, a, text)
	if err != nil {
		return err
	}
	id, added, err := s.store.Put(r.Context(), d)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	res := ingestResult{ID: id, Added: added, URL: "/api/articles/" + id, Counts: countsOf(d)}
	status := http.StatusOK
	if added {
		status = http.StatusCreated
		w.Header().Set("Location", res.URL)
		s.log.Info("article stored", "id", id, "events", len(d.Events), "bytes", strconv.Itoa(len(text)))
	}
	writeJSON(w, status, res)
	return nil
}
