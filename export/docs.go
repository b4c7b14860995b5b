package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/dyadhq/dyad"
)

// DocWriter writes JSON Lines of whole documents: each article once, with
// its text.
type DocWriter struct {
	w    *bufio.Writer
	enc  *json.Encoder
	last string // id of the last document written
}

// NewDocs returns a writer of one document per line to w.
func NewDocs(w io.Writer) *DocWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &DocWriter{w: bw, enc: enc}
}

// docJSON is a document with its text, which dyad.Doc's JSON leaves out.
type docJSON struct {
	*dyad.Doc
	Text string `json:"text"`
}

// Write writes the document of e unless it was the last one written, so
// that the events of one article give one line.
func (w *DocWriter) Write(e Event) error {
	if w.written(e.Doc) {
		return nil
	}
	return w.WriteDoc(e.Doc)
}

// WriteDoc writes one document.
func (w *DocWriter) WriteDoc(d *dyad.Doc) error {
	w.last = d.Article.ID
	return w.enc.Encode(docJSON{Doc: d, Text: d.Text})
}

func (w *DocWriter) written(d *dyad.Doc) bool {
	return d != nil && w.last != "" && d.Article.ID == w.last
}

// Flush writes what is buffered.
func (w *DocWriter) Flush() error { return w.w.Flush() }
