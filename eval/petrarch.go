package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dyadhq/dyad"
)

// ReadPETRARCH reads the PETRARCH validation records
// (PETR.UnitTest.records.xml): one <Sentence date= id= category=> per record
// with <EventCoding sourcecode= targetcode= eventcode=/> per expected event,
// <EventCoding noevents="true"/> when nothing may be coded, <EventCoding
// error="..."/> when the coder must discard the text or report an input error,
// the <Text> and its Penn Treebank <Parse>. A record with no EventCoding at all
// expects nothing checkable and is returned unchecked.
func ReadPETRARCH(r io.Reader, name string) ([]Record, error) {
	return readSentences(r, name, "petrarch", ParsePenn)
}

// ReadPETRARCH2 reads the UniversalPetrarch validation records
// (PETR2_GSR_validation.xml). The file is not well-formed XML: each
// <Sentence .../> is closed at once, and its EventCoding, Text and (CoNLL-U)
// Parse follow it as siblings up to a stray </Sentence>. The reader therefore
// takes everything between one <Sentence> and the next as one record, which
// reads the well-formed PETRARCH file the same way. A record with
// evaluate="false" is returned unchecked (Complex).
func ReadPETRARCH2(r io.Reader, name string) ([]Record, error) {
	return readSentences(r, name, "petrarch2-gsr", ParseCoNLLU)
}

// sentence is a record being read.
type sentence struct {
	rec     Record
	attrs   map[string]string
	codings []map[string]string
	text    *strings.Builder
	parse   *strings.Builder
}

func attrMap(as []xml.Attr) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		m[strings.ToLower(a.Name.Local)] = strings.TrimSpace(a.Value)
	}
	return m
}

func readSentences(r io.Reader, name, set, parseFormat string) ([]Record, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		out  []Record
		errs []error
		cur  *sentence
		into *strings.Builder // the element whose text is being collected
	)
	finish := func() {
		if cur == nil {
			return
		}
		rec, err := cur.record(name, set, parseFormat)
		if err != nil {
			errs = append(errs, err)
		} else {
			out = append(out, rec)
		}
		cur, into = nil, nil
	}
	for {
		// RawToken does not match end tags to start tags, so the stray
		// </Sentence> of the UniversalPetrarch file is no error.
		tok, err := d.RawToken()
		line, _ := d.InputPos()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The decoder cannot go on; the record it was in is lost.
			errs = append(errs, &dyad.InputError{Input: name, Line: line, Offset: -1,
				Err: fmt.Errorf("%w: %w", err, dyad.ErrInvalid)})
			cur = nil
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Sentence":
				finish()
				cur = &sentence{attrs: attrMap(t.Attr)}
				cur.rec.Line = line
			case "EventCoding":
				if cur == nil {
					errs = append(errs, recordErr(name, line, "", "EventCoding outside a Sentence"))
					continue
				}
				cur.codings = append(cur.codings, attrMap(t.Attr))
			case "Text", "Parse":
				if cur == nil {
					errs = append(errs, recordErr(name, line, "", "%s outside a Sentence", t.Name.Local))
					continue
				}
				b := &strings.Builder{}
				if t.Name.Local == "Text" {
					if cur.text == nil {
						cur.text = b
					}
				} else if cur.parse == nil {
					cur.parse = b
				}
				into = b
			}
		case xml.EndElement:
			if t.Name.Local == "Text" || t.Name.Local == "Parse" {
				into = nil
			}
		case xml.CharData:
			if into != nil {
				into.Write(t)
			}
		}
	}
	finish()
	return out, joinErrs(errs)
}

// record checks a sentence and returns it as a Record.
func (s *sentence) record(name, set, parseFormat string) (Record, error) {
	r := s.rec
	r.Set = set
	r.ID = s.attrs["id"]
	r.Category = s.attrs["category"]
	bad := func(format string, args ...any) (Record, error) {
		return Record{}, recordErr(name, r.Line, r.ID, format, args...)
	}
	if r.ID == "" {
		return bad("sentence without an id")
	}
	if d := s.attrs["date"]; d != "" {
		var ok bool
		if r.Date, ok = tabariDate(d); !ok {
			return bad("bad date %q (want YYYYMMDD or YYMMDD)", d)
		}
	}
	if s.parse != nil {
		if p := strings.Trim(s.parse.String(), " \t\r\n"); p != "" {
			r.Parse, r.ParseFormat = p, parseFormat
		}
	}
	if s.text != nil {
		r.Text = oneLine(s.text.String())
	}
	if r.Text == "" {
		// An empty <Text> with a parse: the parse's words are the text.
		r.Text = parseText(r.Parse, r.ParseFormat)
	}
	if r.Text == "" {
		return bad("no text")
	}
	if strings.EqualFold(s.attrs["evaluate"], "false") {
		r.Complex = true
	}
	for _, c := range s.codings {
		switch {
		case strings.EqualFold(c["noevents"], "true"):
			r.NoEvent = true
		case c["error"] != "":
			r.Discard, r.DiscardKind = true, c["error"]
		case c["eventcode"] != "":
			r.Events = append(r.Events, Triple{Source: c["sourcecode"], Target: c["targetcode"], Code: c["eventcode"]}.Norm())
		default:
			return bad("EventCoding with neither an eventcode, noevents nor error")
		}
	}
	if len(r.Events) > 0 && (r.NoEvent || r.Discard) {
		return bad("expects events and also none")
	}
	return r, nil
}

var pennLeafRE = regexp.MustCompile(`\(([^()\s]+)\s+([^()\s]+)\)`)

// parseText rebuilds a sentence from the words of its parse: CoNLL-U word
// forms, spaced as their SpaceAfter=No marks say, or the leaves of a Penn tree
// separated by spaces. It returns "" when the parse has no words.
func parseText(parse, format string) string {
	var b strings.Builder
	switch format {
	case ParseCoNLLU:
		space := false
		for _, line := range strings.Split(parse, "\n") {
			f := strings.Split(strings.TrimRight(line, "\r"), "\t")
			if len(f) != 10 || strings.ContainsAny(f[0], "-.") || strings.HasPrefix(f[0], "#") {
				continue // comments, multiword ranges and empty nodes
			}
			if space {
				b.WriteByte(' ')
			}
			b.WriteString(f[1])
			space = !strings.Contains(f[9], "SpaceAfter=No")
		}
	case ParsePenn:
		for _, m := range pennLeafRE.FindAllStringSubmatch(parse, -1) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(m[2])
		}
	}
	return oneLine(b.String())
}
