package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cameo"
)

// PLOVEREvent is the expected event of a PLOVER gold record.
type PLOVEREvent struct {
	Type      string        `json:"type"`     // v2 type ("REQUEST")
	OldType   string        `json:"old_type"` // as in the file (0.5b1 "DEMAND")
	Mode      string        `json:"mode,omitempty"`
	Context   string        `json:"context,omitempty"`
	Source    []PLOVERActor `json:"source,omitempty"`
	Target    []PLOVERActor `json:"target,omitempty"`
	EventText string        `json:"event_text,omitempty"`
	Location  string        `json:"location,omitempty"`
	// Markup is the record's inline markup, "(SRC: Hungarian) and ...";
	// MarkupText is the markup with the tags removed and Spans are the
	// tagged spans, as byte ranges of MarkupText (which may differ from
	// Record.Text by the markup's own typos).
	Markup     string       `json:"markup,omitempty"`
	MarkupText string       `json:"markup_text,omitempty"`
	Spans      []MarkupSpan `json:"spans,omitempty"`
}

// PLOVERActor is one source or target actor of a PLOVER record.
type PLOVERActor struct {
	Text   string `json:"text"`
	Code   string `json:"code"`
	Sector string `json:"sector,omitempty"`
}

// MarkupSpan is one tagged span of a PLOVER record's markup. Tags are SRC,
// TAR, EVT and LOC; "(SRC/TAR: x)" gives both.
type MarkupSpan struct {
	Tags  []string `json:"tags"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Text  string   `json:"text"`
}

type ploverJSON struct {
	ID        string          `json:"id"`
	Date      string          `json:"date"`
	Event     string          `json:"event"`
	Mode      string          `json:"mode"`
	Context   string          `json:"context"`
	Source    json.RawMessage `json:"source"`
	Target    json.RawMessage `json:"target"`
	EventText string          `json:"eventText"`
	EventLoc  *struct {
		Name string `json:"name"`
	} `json:"eventLoc"`
	Text     string          `json:"text"`
	TextInfo json.RawMessage `json:"textInfo"`
}

type actorJSON struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code"`
	Sector    string `json:"sector"`
}

// ReadPLOVER reads the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt): a
// JSON array of events in PLOVER 0.5b1 categories (DEMAND, DISAPPROVE, FIGHT,
// ...), each with its text, actor text, codes and sectors, and inline markup.
// The event name is mapped to its v2 type (cameo.PLOVERFromOld). The
// documentation entry (event "DOCUMENT") is not a record. A source or target is
// a list of actors or "" for none; anything else is an error, as is an unknown
// event name. The markup is read tolerantly: "}" may close a span, a stray ")"
// is text, and a span left open ends with the markup.
func ReadPLOVER(r io.Reader, name string) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &dyad.InputError{Input: name, Offset: -1, Err: err}
	}
	// lineAt returns the line of a byte offset; offsets only grow, so it
	// counts on from the last one.
	var lastOff, lastLine = 0, 1
	lineAt := func(off int64) int {
		o := min(max(int(off), lastOff), len(data))
		lastLine += bytes.Count(data[lastOff:o], []byte("\n"))
		lastOff = o
		return lastLine
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		return &dyad.InputError{Input: name, Line: lineAt(dec.InputOffset()), Offset: -1,
			Err: fmt.Errorf("%w: %w", err, dyad.ErrInvalid)}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if err == nil {
			err = fmt.Errorf("want a JSON array")
		}
		return nil, syntax(err)
	}
	var out []Record
	var errs []error
	for dec.More() {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			errs = append(errs, syntax(err))
			return out, joinErrs(errs)
		}
		// InputOffset was at the separator before the element; step over it.
		for start < int64(len(data)) && strings.IndexByte(", \t\r\n", data[start]) >= 0 {
			start++
		}
		line := lineAt(start)
		rec, ok, err := ploverRecord(name, line, raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			out = append(out, rec)
		}
	}
	if _, err := dec.Token(); err != nil {
		errs = append(errs, syntax(err))
	}
	return out, joinErrs(errs)
}

// ploverRecord decodes one element; ok is false for the documentation entry.
func ploverRecord(name string, line int, raw json.RawMessage) (Record, bool, error) {
	var p ploverJSON
	if err := json.Unmarshal(raw, &p); err != nil {
		return Record{}, false, recordErr(name, line, "", "%v", err)
	}
	bad := func(format string, args ...any) (Record, bool, error) {
		return Record{}, false, recordErr(name, line, p.ID, format, args...)
	}
	if p.Event == "DOCUMENT" {
		return Record{}, false, nil
	}
	if p.ID == "" {
		return bad("record without an id")
	}
	typ := cameo.PLOVERFromOld(p.Event)
	if typ == "" {
		return bad("unknown PLOVER event %q", p.Event)
	}
	if strings.TrimSpace(p.Text) == "" {
		return bad("no text")
	}
	r := Record{Set: "plover-gsr", ID: p.ID, Line: line, Text: oneLine(p.Text), Category: p.Event}
	if p.Date != "" {
		t, err := time.Parse(time.DateOnly, p.Date)
		if err != nil {
			return bad("bad date %q", p.Date)
		}
		r.Date = t.Format(time.DateOnly)
	}
	ev := &PLOVEREvent{Type: typ, OldType: p.Event, Mode: strings.TrimSpace(p.Mode),
		Context: strings.TrimSpace(p.Context), EventText: strings.TrimSpace(p.EventText)}
	if ev.Mode == "" {
		ev.Mode = cameo.PLOVERModeFromOld(p.Event)
	}
	var err error
	if ev.Source, err = ploverActors(p.Source); err != nil {
		return bad("source: %v", err)
	}
	if ev.Target, err = ploverActors(p.Target); err != nil {
		return bad("target: %v", err)
	}
	if p.EventLoc != nil {
		ev.Location = strings.TrimSpace(p.EventLoc.Name)
	}
	if len(p.TextInfo) > 0 {
		// {"markup": "..."}, or the markup string itself.
		var info struct {
			Markup string `json:"markup"`
		}
		if err := json.Unmarshal(p.TextInfo, &info); err != nil {
			if err := json.Unmarshal(p.TextInfo, &info.Markup); err != nil {
				return bad("textInfo is neither an object nor a string")
			}
		}
		ev.Markup = strings.TrimSpace(info.Markup)
		ev.MarkupText, ev.Spans = parseMarkup(ev.Markup)
	}
	r.PLOVER = ev
	return r, true, nil
}

// ploverActors reads a list of actors; "" or null is none.
func ploverActors(raw json.RawMessage) ([]PLOVERActor, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil, nil
	}
	var as []actorJSON
	if err := json.Unmarshal(raw, &as); err != nil {
		return nil, fmt.Errorf("want a list of actors, got %s", clip(string(raw)))
	}
	out := make([]PLOVERActor, 0, len(as))
	for _, a := range as {
		pa := PLOVERActor{Text: oneLine(a.ActorText), Code: NormActor(a.Code), Sector: NormActor(a.Sector)}
		if pa.Code == "" && pa.Text == "" {
			return nil, fmt.Errorf("actor with neither text nor code")
		}
		out = append(out, pa)
	}
	return out, nil
}

var markupTagRE = regexp.MustCompile(`^\(([A-Z]{3}(?:/[A-Z]{3})*)\s*:\s*`)

// parseMarkup removes the tags of a PLOVER markup and returns the text with
// the tagged spans. Spans nest ("(LOC: to (TAR: Bosnia))"); untagged
// parentheses are text; "}" closes a span (a typo of the file); a ")" with no
// open parenthesis is text; spans still open at the end end there. Span ends
// exclude the white space before the closing parenthesis.
func parseMarkup(m string) (string, []MarkupSpan) {
	type open struct {
		tags  []string
		start int
		span  bool
	}
	var (
		b     strings.Builder
		stack []open
		spans []MarkupSpan
	)
	closeSpan := func(o open) {
		text := b.String()[o.start:]
		end := o.start + len(strings.TrimRight(text, " \t\n"))
		spans = append(spans, MarkupSpan{Tags: o.tags, Start: o.start, End: end, Text: b.String()[o.start:end]})
	}
	for i := 0; i < len(m); {
		c := m[i]
		switch {
		case c == '(':
			if loc := markupTagRE.FindStringSubmatchIndex(m[i:]); loc != nil {
				stack = append(stack, open{tags: strings.Split(m[i+loc[2]:i+loc[3]], "/"), start: b.Len(), span: true})
				i += loc[1]
				continue
			}
			stack = append(stack, open{})
			b.WriteByte(c)
		case c == ')' || (c == '}' && len(stack) > 0 && stack[len(stack)-1].span):
			if len(stack) == 0 {
				b.WriteByte(c)
				break
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.span {
				closeSpan(o)
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
		i++
	}
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j].span {
			closeSpan(stack[j])
		}
	}
	// Report spans in reading order, outer before inner.
	slices.SortStableFunc(spans, func(a, b MarkupSpan) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	return b.String(), spans
}
