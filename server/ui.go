package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
)

// page is what every page template gets: its title and navigation tab, and
// the page's own data.
type page struct {
	Title string
	Tab   string
	Data  any
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"static":   s.staticURL,
		"quadName": quadName,
		"signed":   func(f float64) string { return fmt.Sprintf("%+.1f", f) },
		"pathEsc":  url.PathEscape,
		"count":    count,
		"orDash": func(s string) string {
			if s == "" {
				return "–"
			}
			return s
		},
		"eventDate": func(r dyad.EventRecord) string {
			if r.Date != "" {
				return r.Date
			}
			return r.Published
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return strconv.Itoa(n) + " " + many
		},
	}
}

// quadName names a quad class.
func quadName(q int) string {
	if q < 1 || q > 4 {
		return "unclassified"
	}
	return quadNames[q-1]
}

// render executes a page into a buffer, then sends it, so a template error
// never leaves half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) error {
	var b bytes.Buffer
	if err := s.pages[name].Execute(&b, p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(b.Bytes())
	return err
}

// pageError renders err as an HTML page with its status.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, _ := errorStatus(err)
	s.logError(r, status, err)
	data := struct {
		Status  int
		Text    string
		Message string
	}{status, http.StatusText(status), publicMessage(status, err)}
	if rerr := s.render(w, status, "error", page{Title: http.StatusText(status), Data: data}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, data.Message, status)
	}
}

// nextURL returns the current URL with after set to cursor, or "" without
// a cursor.
func nextURL(r *http.Request, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set("after", cursor)
	return r.URL.Path + "?" + q.Encode()
}

// cameoRoot is an option of the CAMEO selector.
type cameoRoot struct{ Code, Name string }

// cameoRoots lists the twenty CAMEO root codes.
func cameoRoots() []cameoRoot {
	var out []cameoRoot
	for _, c := range cameo.All() {
		if c.Parent == "" {
			out = append(out, cameoRoot{c.Code, c.Name})
		}
	}
	return out
}

// form holds a page's query for its filter form.
type form map[string]string

func formOf(r *http.Request) form {
	f := form{}
	for k, v := range r.URL.Query() {
		if k != "after" && len(v) > 0 {
			f[k] = v[0]
		}
	}
	return f
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := dyad.ArticleFilter{Text: p.text("q"), Source: p.str("source"), Dates: p.dates(), Page: p.page(25)}
	if err := p.done(); err != nil {
		return err
	}
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	recs, err := s.store.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	l := newList(recs, size, func(r dyad.ArticleRecord) string { return r.Cursor })
	data := struct {
		Form     form
		Stats    dyad.Stats
		Articles []dyad.ArticleRecord
		Next     string
		Searched bool
	}{formOf(r), st, l.Items, nextURL(r, l.Next), f.Text != "" || f.Source != "" || f.From != "" || f.To != ""}
	return s.render(w, http.StatusOK, "search", page{Title: "Search", Tab: "search", Data: data})
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := p.eventFilter(50)
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	l := newList(recs, size, func(r dyad.EventRecord) string { return r.Cursor })
	data := struct {
		Form       form
		Events     []dyad.EventRecord
		Next       string
		Roots      []cameoRoot
		Modalities []string
	}{formOf(r), l.Items, nextURL(r, l.Next), cameoRoots(), modalities}
	return s.render(w, http.StatusOK, "events", page{Title: "Events", Tab: "events", Data: data})
}

// dyadData is the dyad page's data.
type dyadData struct {
	Form       form
	A, B       string
	Timeline   *timeline
	Chart      template.HTML
	Events     []dyad.EventRecord
	Next       string
	Roots      []cameoRoot
	Modalities []string
	Counted    string // the modalities the chart counts
}

func (s *Server) pageDyadForm(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	a, b := p.code("a"), p.code("b")
	if err := p.done(); err != nil {
		return err
	}
	if a != "" && b != "" {
		http.Redirect(w, r, "/dyads/"+url.PathEscape(a)+"/"+url.PathEscape(b), http.StatusSeeOther)
		return nil
	}
	data := dyadData{Form: formOf(r), Roots: cameoRoots(), Modalities: modalities}
	return s.render(w, http.StatusOK, "dyad", page{Title: "Dyads", Tab: "dyads", Data: data})
}

func (s *Server) pageDyad(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	q := timelineParams(p, r)
	pg := p.page(50)
	if err := p.done(); err != nil {
		return err
	}
	t, err := s.timeline(r.Context(), q)
	if err != nil {
		return err
	}
	f := dyad.EventFilter{Dyad: [2]string{q.A, q.B}, CAMEO: q.CAMEO, Dates: q.Dates, Page: pg}
	if len(q.Modalities) == 1 {
		f.Modality = q.Modalities[0]
	}
	recs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	l := newList(recs, size, func(r dyad.EventRecord) string { return r.Cursor })
	fm := formOf(r)
	fm["a"], fm["b"] = q.A, q.B
	counted := make([]string, len(q.Modalities))
	for i, m := range q.Modalities {
		counted[i] = string(m)
	}
	data := dyadData{Form: fm, A: q.A, B: q.B, Timeline: t, Chart: timelineSVG(t), Events: l.Items,
		Next: nextURL(r, l.Next), Roots: cameoRoots(), Modalities: modalities, Counted: strings.Join(counted, ", ")}
	return s.render(w, http.StatusOK, "dyad", page{Title: q.A + " – " + q.B, Tab: "dyads", Data: data})
}

func (s *Server) pageNetwork(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	q := networkParams(p)
	if err := p.done(); err != nil {
		return err
	}
	n, err := s.network(r.Context(), q)
	if err != nil {
		return err
	}
	top := n.Edges
	if len(top) > 25 {
		top = top[:25]
	}
	data := struct {
		Form    form
		Network *network
		Chart   template.HTML
		Top     []edge
		Roots   []cameoRoot
	}{formOf(r), n, networkSVG(n, r.URL.Query()), top, cameoRoots()}
	return s.render(w, http.StatusOK, "network", page{Title: "Network", Tab: "network", Data: data})
}

// voteView is a vote with its positions grouped and named as the article
// names them.
type voteView struct {
	dyad.VoteRecord
	Ref    string // element id of its card
	Tally  template.HTML
	Groups []positionGroup
}

type positionGroup struct {
	Vote      string
	Countries []countryView
	Complete  bool // the article names every voter of this position
	Total     int  // the tally of this position, -1 unknown
}

type countryView struct{ Code, Name string }

// groupPositions groups a vote's positions; text is its article's text for
// the names ("" leaves codes only).
func groupPositions(v *dyad.Vote, text string) []positionGroup {
	var groups []positionGroup
	for _, pos := range votePositions {
		g := positionGroup{Vote: pos, Total: -1}
		switch pos {
		case dyad.VoteYes:
			g.Complete, g.Total = v.Complete.Yes, v.Yes
		case dyad.VoteNo:
			g.Complete, g.Total = v.Complete.No, v.No
		case dyad.VoteAbstain:
			g.Complete, g.Total = v.Complete.Abstain, v.Abstain
		case dyad.VoteAbsent:
			g.Total = v.Absent
		}
		for _, p := range v.Positions {
			if p.Vote != pos {
				continue
			}
			c := countryView{Code: p.Country}
			if p.Span.Start >= 0 && p.Span.End <= len(text) && p.Span.Start < p.Span.End {
				c.Name = text[p.Span.Start:p.Span.End]
			}
			g.Countries = append(g.Countries, c)
		}
		if len(g.Countries) > 0 || g.Total > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

func (s *Server) pageVotes(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.RawQuery)
	f := voteFilter(p, 20)
	if err := p.done(); err != nil {
		return err
	}
	recs, err := s.store.Votes(r.Context(), f)
	if err != nil {
		return err
	}
	size, _ := f.Size()
	l := newList(recs, size, func(r dyad.VoteRecord) string { return r.Cursor })
	texts := map[string]string{}
	views := make([]voteView, len(l.Items))
	for i, v := range l.Items {
		text, ok := texts[v.ArticleID]
		if !ok {
			d, err := s.store.Doc(r.Context(), v.ArticleID)
			if err != nil {
				return err
			}
			text = d.Text
			texts[v.ArticleID] = text
		}
		views[i] = voteView{VoteRecord: v, Ref: "vt-" + strconv.Itoa(i+1), Tally: tallySVG(&v.Vote), Groups: groupPositions(&v.Vote, text)}
	}
	data := struct {
		Form      form
		Votes     []voteView
		Next      string
		Positions []string
	}{formOf(r), views, nextURL(r, l.Next), votePositions}
	return s.render(w, http.StatusOK, "votes", page{Title: "Votes", Tab: "votes", Data: data})
}

// actorView is an actor as the article page shows it.
type actorView struct {
	dyad.Actor
	Ref   string
	Codes []string // distinct mention codes other than the actor's
}

// participantView names an event's source or target.
type participantView struct {
	Code   string
	Name   string
	Office string
	Ref    string
}

type eventView struct {
	dyad.Event
	Ref          string
	Src, Tgt     participantView
	AttributedTo participantView
	QuadName     string
}

type quoteView struct {
	dyad.Quote
	Ref     string
	Speaker participantView
}

type stanceView struct {
	dyad.Stance
	Actor participantView
	Ref   string
}

type claimView struct {
	dyad.Claim
	Ref       string
	CAMEOName string
	Event     string // ref of the proposition's event
	Stances   []stanceView
}

type articleData struct {
	Doc     *dyad.Doc
	Text    template.HTML
	Actors  []actorView
	Events  []eventView
	Quotes  []quoteView
	Claims  []claimView
	Votes   []voteView
	Amounts []dyad.Amount
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) error {
	if err := newParams(r.URL.RawQuery).done(); err != nil {
		return err
	}
	d, err := s.store.Doc(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	data := articleView(d)
	title := d.Article.Title
	if title == "" {
		title = "Article " + d.Article.ID
	}
	return s.render(w, http.StatusOK, "article", page{Title: title, Tab: "search", Data: data})
}

// articleView prepares a document for the article page: the highlighted
// text and a card for every actor, event, quote, claim and vote.
func articleView(d *dyad.Doc) *articleData {
	actors := map[string]*dyad.Actor{}
	for i := range d.Actors {
		actors[d.Actors[i].ID] = &d.Actors[i]
	}
	who := func(id, code string) participantView {
		p := participantView{Code: code}
		if a := actors[id]; a != nil {
			p.Name, p.Office, p.Ref = a.Name, a.Office, "ac-"+a.ID
			if p.Code == "" {
				p.Code = a.Code
			}
		}
		return p
	}
	data := &articleData{Doc: d, Amounts: d.Amounts}
	var marks []mark
	for _, st := range d.Sentences {
		marks = append(marks, mark{span: dyad.Span{Start: st.Start, End: st.End}, kind: hlSentence, id: "s" + strconv.Itoa(st.N)})
	}
	for _, a := range d.Actors {
		v := actorView{Actor: a, Ref: "ac-" + a.ID}
		for _, m := range a.Mentions {
			code := m.Code
			if code == "" {
				code = a.Code
			} else if code != a.Code && !slices.Contains(v.Codes, code) {
				v.Codes = append(v.Codes, code)
			}
			title := a.Name + " — " + code + ", " + string(a.Kind)
			if a.Office != "" {
				title += ", " + a.Office
			}
			title += " (rule " + a.Rule
			if m.Rule != "" {
				title += ", mention " + m.Rule
			}
			title += ")"
			marks = append(marks, mark{span: dyad.Span{Start: m.Start, End: m.End}, kind: hlMention,
				ref: v.Ref, class: "hl-mention kind-" + string(a.Kind), title: title})
		}
		data.Actors = append(data.Actors, v)
	}
	for _, e := range d.Events {
		v := eventView{Event: e, Ref: "ev-" + e.ID, Src: who(e.Source.Actor, e.Source.Code),
			Tgt: who(e.Target.Actor, e.Target.Code), QuadName: quadName(e.QuadClass)}
		if e.AttributedTo != "" {
			v.AttributedTo = who(e.AttributedTo, "")
		}
		data.Events = append(data.Events, v)
		marks = append(marks, mark{span: e.Span, kind: hlEvent, ref: v.Ref,
			class: "hl-event q" + strconv.Itoa(e.QuadClass) + " mod-" + string(e.Modality),
			title: fmt.Sprintf("%s %s: %s → %s, %s, Goldstein %+.1f (rule %s)", e.CAMEO, e.CAMEOName,
				orQ(e.Source.Code), orQ(e.Target.Code), e.Modality, e.Goldstein, e.Rule)})
	}
	for i, q := range d.Quotes {
		v := quoteView{Quote: q, Ref: "qt-" + strconv.Itoa(i+1), Speaker: who(q.Speaker.Actor, q.Speaker.Code)}
		if v.Speaker.Name == "" {
			v.Speaker.Name = q.Speaker.Name
		}
		data.Quotes = append(data.Quotes, v)
		kind := "reported"
		if q.Direct {
			kind = "direct"
		}
		title := fmt.Sprintf("Quote (%s) of %s", kind, orQ(v.Speaker.Name))
		if v.Speaker.Code != "" {
			title += " (" + v.Speaker.Code + ")"
		}
		if q.Verb != "" {
			title += ", " + q.Verb
		}
		if q.Rule != "" {
			title += " (rule " + q.Rule + ")"
		}
		marks = append(marks, mark{span: q.Span, kind: hlQuote, ref: v.Ref, class: "hl-quote " + kind, title: title})
	}
	for _, c := range d.Claims {
		v := claimView{Claim: c, Ref: "cl-" + c.ID}
		if info, ok := cameo.Lookup(c.Proposition.CAMEO); ok {
			v.CAMEOName = info.Name
		}
		if c.Event != "" {
			v.Event = "ev-" + c.Event
		}
		for _, st := range c.Stances {
			sv := stanceView{Stance: st, Actor: who(st.Actor, st.Code)}
			if st.Event != "" {
				sv.Ref = "ev-" + st.Event
			}
			v.Stances = append(v.Stances, sv)
		}
		data.Claims = append(data.Claims, v)
	}
	for i, vt := range d.Votes {
		ref := "vt-" + strconv.Itoa(i+1)
		data.Votes = append(data.Votes, voteView{VoteRecord: dyad.VoteRecord{Vote: vt, ArticleID: d.Article.ID, Published: d.Article.Published}, Ref: ref,
			Tally: tallySVG(&vt), Groups: groupPositions(&vt, d.Text)})
		for _, p := range vt.Positions {
			marks = append(marks, mark{span: p.Span, kind: hlPosition, ref: ref, class: "hl-position vote-" + p.Vote,
				title: fmt.Sprintf("Vote of %s: %s (%s)", p.Country, p.Vote, vt.BodyName)})
		}
	}
	data.Text = highlight(d.Text, marks)
	return data
}

func orQ(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
