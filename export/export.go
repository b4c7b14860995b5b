// Package export writes the events of a store in the formats other tools
// read: GDELT 2.0 event tables, PLOVER JSON Lines, a flat CSV for R and
// pandas, and JSON Lines of whole documents.
//
// Every writer takes Events: an event record with its article's document
// (for actor names, the sentence's text and the article's URL). Events
// pages through a store in ingest order, so the same store and filter give
// byte-identical output.
//
// # GDELT
//
// NewGDELT writes the 61 tab-separated columns of the GDELT 2.0 event
// table, in GDELT's order, without a header line (as GDELT's files) unless
// asked. The columns dyad fills:
//
//   - GlobalEventID: a number derived from the article and event ids (the
//     first 63 bits of their SHA-256), stable across exports.
//   - Day, MonthYear, Year, FractionDate: the event's date as far as its
//     precision goes (a month-precise date fills MonthYear and Year only);
//     an event without a date takes the article's publication date.
//   - Actor1Code, Actor1Name (the actor's name, upper-cased as GDELT does),
//     Actor1CountryCode (the code's first three letters unless they are a
//     CAMEO type such as IGO), Actor1KnownGroupCode (the organisation after
//     IGO, NGO, IMG, INT, MNC or NGM: UNO in IGOUNO) and Actor1Type1Code to
//     Actor1Type3Code (the code's CAMEO role codes: GOV in IRNGOV, IGO in
//     IGOUNO); the same for Actor2 from the target.
//   - IsRootEvent: 1 when the event is in the article's first sentence
//     (GDELT's lead paragraph).
//   - EventCode, EventBaseCode (three digits), EventRootCode (two),
//     QuadClass, GoldsteinScale.
//   - NumMentions, NumSources, NumArticles: 1, as each record is one event
//     in one article; dyad does not merge reports across articles.
//   - ActionGeo_Type (4 a world city, 3 a US city: the place has
//     coordinates; 1 a country: it has only a country), ActionGeo_FullName,
//     ActionGeo_Lat, ActionGeo_Long.
//   - SOURCEURL: the article's URL, else its source's name.
//
// Left empty, as dyad does not produce them: the ethnic and religion codes,
// AvgTone, every Actor1Geo_ and Actor2Geo_ column, ActionGeo_CountryCode
// (GDELT's is a FIPS 10-4 code; dyad holds ISO 3166-1 alpha-3, which the
// CSV and PLOVER exports give), the ADM1 and ADM2 codes and feature ids,
// and DATEADDED (dyad does not record when an article was added).
//
// # PLOVER
//
// NewPLOVER writes one JSON object per event with the field names of the
// PLOVER specification and of PLOVER data sets: id, story_id, event_date,
// event_type, mode, context (when known), the source and target actors'
// text, code, country and sectors, event_text (the sentence), and dyad's
// own modality, attributed_to, rule and more; see PLOVERRecord.
//
// # CSV and documents
//
// NewCSV writes a header row and one row per event, every field of the
// event flattened (CSVColumns). NewDocs writes each article's whole
// document, text included, as one JSON line.
package export

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/dyadhq/dyad"
)

// Format is an export format.
type Format string

// The formats.
const (
	GDELT  Format = "gdelt"  // GDELT 2.0 event table (TSV)
	PLOVER Format = "plover" // PLOVER JSON Lines, one event per line
	CSV    Format = "csv"    // flat CSV with a header row, one event per row
	JSONL  Format = "jsonl"  // JSON Lines of whole documents
)

// Formats lists the formats.
var Formats = []Format{GDELT, PLOVER, CSV, JSONL}

// Event is one event with the document of its article.
type Event struct {
	dyad.EventRecord
	Doc *dyad.Doc
}

// Writer writes events in one format. Flush writes what is buffered (and
// a CSV header when no event was written); call it once at the end.
type Writer interface {
	Write(e Event) error
	Flush() error
}

// Options say what Export writes.
type Options struct {
	Format Format
	// Filter selects the events. Its Limit is the most events written
	// (0: all), or for JSONL the most documents; After starts after an
	// event's cursor (not for JSONL).
	Filter dyad.EventFilter
	// Header adds a header line to the GDELT table.
	Header bool
}

// NewWriter returns the writer of format f.
func NewWriter(w io.Writer, f Format, header bool) (Writer, error) {
	switch f {
	case GDELT:
		return NewGDELT(w, header), nil
	case PLOVER:
		return NewPLOVER(w), nil
	case CSV:
		return NewCSV(w), nil
	case JSONL:
		return NewDocs(w), nil
	}
	return nil, fmt.Errorf("%w: unknown export format %q (want gdelt, plover, csv or jsonl)", dyad.ErrInvalid, f)
}

// Export writes the events of s that opt.Filter selects to w in
// opt.Format and returns how many records it wrote: events, or documents
// for JSONL. For JSONL a filter with no condition selects every article,
// events or not; any condition selects the articles with a matching event.
func Export(ctx context.Context, s dyad.Store, w io.Writer, opt Options) (int, error) {
	f := opt.Filter
	if err := f.Validate(); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	ew, err := NewWriter(w, opt.Format, opt.Header)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n := 0
	if opt.Format == JSONL {
		if f.After != "" {
			return 0, fmt.Errorf("export: %w: a cursor pages events, not documents", dyad.ErrInvalid)
		}
		n, err = exportDocs(ctx, s, ew.(*DocWriter), f)
	} else {
		for e, err2 := range Events(ctx, s, f) {
			if err2 != nil {
				err = err2
				break
			}
			if err = ew.Write(e); err != nil {
				break
			}
			n++
		}
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	if err := ew.Flush(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// exportDocs writes whole documents: every article when f has no
// condition, else those with an event f selects.
func exportDocs(ctx context.Context, s dyad.Store, w *DocWriter, f dyad.EventFilter) (int, error) {
	limit := f.Limit
	cond := f
	cond.Page = dyad.Page{}
	if isZero(cond) {
		n := 0
		af := dyad.ArticleFilter{Page: dyad.Page{Limit: dyad.MaxLimit}}
		for {
			arts, err := s.Articles(ctx, af)
			if err != nil {
				return n, err
			}
			for _, a := range arts {
				d, err := s.Doc(ctx, a.ID)
				if err != nil {
					return n, err
				}
				if err := w.WriteDoc(d); err != nil {
					return n, err
				}
				n++
				if limit > 0 && n == limit {
					return n, nil
				}
			}
			if len(arts) < af.Limit {
				return n, nil
			}
			af.After = arts[len(arts)-1].Cursor
		}
	}
	f.Limit = 0
	n := 0
	for e, err := range Events(ctx, s, f) {
		if err != nil {
			return n, err
		}
		if w.written(e.Doc) {
			continue
		}
		if err := w.WriteDoc(e.Doc); err != nil {
			return n, err
		}
		n++
		if limit > 0 && n == limit {
			break
		}
	}
	return n, nil
}

func isZero(f dyad.EventFilter) bool {
	return f.Article == "" && f.Actor == "" && f.Source == "" && f.Target == "" && f.Dyad == [2]string{} &&
		f.CAMEO == "" && f.QuadClass == 0 && f.Modality == "" && f.Text == "" && f.Dates == dyad.Dates{}
}

// pageSize is how many events Events asks the store for at a time.
var pageSize = dyad.MaxLimit

// Events yields the events of s that f selects, each with its article's
// document, in ingest order, reading page after page: up to f.Limit events
// (0: all of them), starting after f.After.
func Events(ctx context.Context, s dyad.Store, f dyad.EventFilter) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		left := f.Limit
		var doc *dyad.Doc
		for {
			page := f
			page.Limit = pageSize
			if left > 0 && left < page.Limit {
				page.Limit = left
			}
			evs, err := s.Events(ctx, page)
			if err != nil {
				yield(Event{}, err)
				return
			}
			for _, r := range evs {
				if doc == nil || doc.Article.ID != r.ArticleID {
					if doc, err = s.Doc(ctx, r.ArticleID); err != nil {
						yield(Event{}, err)
						return
					}
				}
				if !yield(Event{EventRecord: r, Doc: doc}, nil) {
					return
				}
			}
			if left > 0 {
				left -= len(evs)
				if left <= 0 {
					return
				}
			}
			if len(evs) < page.Limit {
				return
			}
			f.After = evs[len(evs)-1].Cursor
		}
	}
}

// actorOf returns the actor of d with id, or nil.
func actorOf(d *dyad.Doc, id string) *dyad.Actor {
	if id == "" || d == nil {
		return nil
	}
	for i := range d.Actors {
		if d.Actors[i].ID == id {
			return &d.Actors[i]
		}
	}
	return nil
}

// ActorName returns the name of the actor of d with id, or "".
func ActorName(d *dyad.Doc, id string) string {
	if a := actorOf(d, id); a != nil {
		return a.Name
	}
	return ""
}

// actorText returns how the participant is written in sentence n: the
// actor's first mention there, else its name.
func actorText(d *dyad.Doc, p dyad.Participant, n int) string {
	a := actorOf(d, p.Actor)
	if a == nil {
		return ""
	}
	for _, m := range a.Mentions {
		if m.Sentence == n {
			return m.Text
		}
	}
	return a.Name
}

// SentenceText returns the text of sentence n (1-based) of d, or "".
func SentenceText(d *dyad.Doc, n int) string {
	if d == nil {
		return ""
	}
	i := slices.IndexFunc(d.Sentences, func(s dyad.Sentence) bool { return s.N == n })
	if i < 0 {
		return ""
	}
	s := d.Sentences[i]
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// codeParts splits a CAMEO actor code into its three-letter parts.
func codeParts(code string) []string {
	var parts []string
	for len(code) >= 3 {
		parts = append(parts, code[:3])
		code = code[3:]
	}
	if code != "" {
		parts = append(parts, code)
	}
	return parts
}

// oneLine makes s fit in one cell of a tab- or line-separated format.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
