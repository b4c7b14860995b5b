package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/dyadhq/dyad"
)

// CSVColumns are the columns of the CSV export, one per field of an event
// with its article's id and date; names are actor names, and
// sentence_text is the text of the event's sentence.
var CSVColumns = []string{
	"article_id", "event_id", "published", "sentence",
	"source_code", "source_name", "target_code", "target_name",
	"cameo", "cameo_name", "goldstein", "quad_class", "plover_type", "plover_mode",
	"modality", "date", "date_precision",
	"location_name", "location_country", "location_lat", "location_lon",
	"attributed_to", "claim", "rule", "span_start", "span_end", "sentence_text",
}

// CSVWriter writes the CSV export.
type CSVWriter struct {
	w      *csv.Writer
	header bool // written
	row    []string
}

// NewCSV returns a writer of a header row and one row per event to w.
func NewCSV(w io.Writer) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), row: make([]string, len(CSVColumns))}
}

// Write writes one event.
func (c *CSVWriter) Write(e Event) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	CSVRow(c.row, e)
	return c.w.Write(c.row)
}

func (c *CSVWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(CSVColumns)
}

// Flush writes the header if no event was written, and what is buffered.
func (c *CSVWriter) Flush() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// CSVRow fills row (of len(CSVColumns) cells) with the columns of e.
// Numbers are written so that they parse back to the same value; an
// unknown latitude or longitude is empty.
func CSVRow(row []string, e Event) {
	d := e.Doc
	var loc dyad.Location
	if e.Location != nil {
		loc = *e.Location
	}
	row[0], row[1], row[2], row[3] = e.ArticleID, e.ID, e.Published, strconv.Itoa(e.Sentence)
	row[4], row[5] = e.Source.Code, ActorName(d, e.Source.Actor)
	row[6], row[7] = e.Target.Code, ActorName(d, e.Target.Actor)
	row[8], row[9] = e.CAMEO, e.CAMEOName
	row[10] = strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	row[11] = strconv.Itoa(e.QuadClass)
	row[12], row[13] = e.PLOVER.Type, e.PLOVER.Mode
	row[14], row[15], row[16] = string(e.Modality), e.Date, e.DatePrecision
	row[17], row[18], row[19], row[20] = loc.Name, loc.Country, float(loc.Lat), float(loc.Lon)
	row[21], row[22], row[23] = ActorName(d, e.AttributedTo), e.Claim, e.Rule
	row[24], row[25] = strconv.Itoa(e.Span.Start), strconv.Itoa(e.Span.End)
	row[26] = SentenceText(d, e.Sentence)
}

func float(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
