package eval

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// fuzzReader runs a reader over arbitrary bytes, seeded with its testdata
// file: it must not panic, every error must name where it is, and every record
// it returns must be whole and consistent.
func fuzzReader(f *testing.F, file string, read func(io.Reader, string) ([]Record, error)) {
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte{})
	f.Add(b[:len(b)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := read(bytes.NewReader(data), "fuzz")
		for _, e := range Errors(err) {
			var ie *dyad.InputError
			if !errors.As(e, &ie) || ie.Input != "fuzz" {
				t.Fatalf("error %v is not an InputError naming the input", e)
			}
		}
		for _, r := range recs {
			if r.ID == "" || r.Line < 1 {
				t.Fatalf("record without id or line: %+v", r)
			}
			if r.Label == "" && r.PLOVER == nil && r.Text == "" {
				t.Fatalf("record %s without text", r.ID)
			}
			if len(r.Events) > 0 && (r.NoEvent || r.Discard) {
				t.Fatalf("record %s expects events and none", r.ID)
			}
			if r.Date != "" && len(r.Date) != 10 {
				t.Fatalf("record %s has date %q", r.ID, r.Date)
			}
			for _, e := range r.Events {
				if e.Code == "" || e != e.Norm() {
					t.Fatalf("record %s has an event not in normal form: %+v", r.ID, e)
				}
			}
			if p := r.PLOVER; p != nil {
				for _, s := range p.Spans {
					if s.Start < 0 || s.End < s.Start || s.End > len(p.MarkupText) || p.MarkupText[s.Start:s.End] != s.Text {
						t.Fatalf("record %s: span %+v outside its text %q", r.ID, s, p.MarkupText)
					}
				}
			}
		}
	})
}

func FuzzReadPETRARCH(f *testing.F)  { fuzzReader(f, "petrarch.xml", ReadPETRARCH) }
func FuzzReadPETRARCH2(f *testing.F) { fuzzReader(f, "petrarch2.xml", ReadPETRARCH2) }
func FuzzReadTABARI(f *testing.F)    { fuzzReader(f, "tabari.txt", ReadTABARI) }
func FuzzReadPLOVER(f *testing.F)    { fuzzReader(f, "plover.json", ReadPLOVER) }
func FuzzReadCAMEOExamples(f *testing.F) {
	fuzzReader(f, "cameo.tsv", ReadCAMEOExamples)
}

// FuzzParseMarkup checks that every span of a markup lies in its text.
func FuzzParseMarkup(f *testing.F) {
	f.Add("(SRC: Arnor) (EVT: sent} (LOC:to (TAR: Gondor))).)")
	f.Add("((((SRC/TAR: x")
	f.Fuzz(func(t *testing.T, m string) {
		text, spans := parseMarkup(m)
		if utf8.ValidString(m) && !utf8.ValidString(text) {
			t.Fatalf("markup %q gave invalid UTF-8 %q", m, text)
		}
		for _, s := range spans {
			if s.Start < 0 || s.End < s.Start || s.End > len(text) || text[s.Start:s.End] != s.Text || len(s.Tags) == 0 {
				t.Fatalf("span %+v outside %q", s, text)
			}
		}
	})
}
