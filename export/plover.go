package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
)

// PLOVERRecord is one event as a PLOVER JSON object. The names are those of
// the PLOVER specification and data sets; the fields after EventText are
// dyad's own.
type PLOVERRecord struct {
	ID        string   `json:"id"`       // article id, "-", event id: unique in a store
	StoryID   string   `json:"story_id"` // the article's id
	EventDate string   `json:"event_date"`
	EventType string   `json:"event_type"`
	Mode      string   `json:"mode,omitempty"`
	Context   []string `json:"context,omitempty"`

	SourceText    string   `json:"source_text,omitempty"` // the source as the sentence names it
	SourceCode    string   `json:"source_code"`
	SourceCountry string   `json:"source_country,omitempty"`
	SourceSectors []string `json:"source_sectors,omitempty"`
	TargetText    string   `json:"target_text,omitempty"`
	TargetCode    string   `json:"target_code"`
	TargetCountry string   `json:"target_country,omitempty"`
	TargetSectors []string `json:"target_sectors,omitempty"`

	QuadCode  int            `json:"quad_code"`
	EventLoc  *dyad.Location `json:"event_loc,omitempty"`
	EventText string         `json:"event_text"` // the sentence

	DatePrecision string        `json:"date_precision"`
	CAMEO         string        `json:"cameo"`
	Goldstein     float64       `json:"goldstein"`
	Modality      dyad.Modality `json:"modality"`
	AttributedTo  string        `json:"attributed_to,omitempty"` // the speaker's name
	Claim         string        `json:"claim,omitempty"`
	Rule          string        `json:"rule"`
	Publisher     string        `json:"publisher,omitempty"`
	URL           string        `json:"url,omitempty"`
	PubDate       string        `json:"pub_date,omitempty"`
}

// NewPLOVERRecord returns the PLOVER record of e. EventDate is the event's
// date as precise as it is known (YYYY-MM-DD, YYYY-MM or YYYY, see
// DatePrecision), else the article's publication date.
func NewPLOVERRecord(e Event) PLOVERRecord {
	d := e.Doc
	r := PLOVERRecord{
		ID: e.ArticleID + "-" + e.ID, StoryID: e.ArticleID,
		EventDate: e.Date, DatePrecision: e.DatePrecision,
		EventType: e.PLOVER.Type, Mode: e.PLOVER.Mode,
		SourceCode: e.Source.Code, TargetCode: e.Target.Code,
		QuadCode: e.QuadClass, EventLoc: e.Location, EventText: SentenceText(d, e.Sentence),
		CAMEO: e.CAMEO, Goldstein: e.Goldstein, Modality: e.Modality,
		AttributedTo: ActorName(d, e.AttributedTo), Claim: e.Claim, Rule: e.Rule,
		PubDate: e.Published,
	}
	if r.EventDate == "" {
		r.EventDate, r.DatePrecision = e.Published, dyad.PrecisionDay
	}
	if c, ok := cameo.Lookup(e.CAMEO); ok {
		r.Context = c.PLOVERContexts
	}
	r.SourceText = actorText(d, e.Source, e.Sentence)
	r.SourceCountry, r.SourceSectors = countryAndSectors(d, e.Source)
	r.TargetText = actorText(d, e.Target, e.Sentence)
	r.TargetCountry, r.TargetSectors = countryAndSectors(d, e.Target)
	if d != nil {
		r.Publisher, r.URL = d.Article.Source, d.Article.URL
	}
	return r
}

// countryAndSectors returns a participant's country (its actor's, else the
// code's) and its sectors: the CAMEO role codes in its code, else its
// actor's sector.
func countryAndSectors(d *dyad.Doc, p dyad.Participant) (string, []string) {
	var cols [10]string
	gdeltActor(cols[:], nil, p)
	country := cols[2]
	var sectors []string
	for _, s := range cols[7:] {
		if s != "" {
			sectors = append(sectors, s)
		}
	}
	if a := actorOf(d, p.Actor); a != nil {
		if a.Country != "" {
			country = a.Country
		}
		if len(sectors) == 0 && a.Sector != "" {
			sectors = []string{a.Sector}
		}
	}
	return country, sectors
}

// PLOVERWriter writes PLOVER JSON Lines.
type PLOVERWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewPLOVER returns a writer of one PLOVER record per line to w.
func NewPLOVER(w io.Writer) *PLOVERWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &PLOVERWriter{w: bw, enc: enc}
}

// Write writes one event.
func (p *PLOVERWriter) Write(e Event) error { return p.enc.Encode(NewPLOVERRecord(e)) }

// Flush writes what is buffered.
func (p *PLOVERWriter) Flush() error { return p.w.Flush() }
