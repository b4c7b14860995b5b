package eval

import (
	"bufio"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// ReadTABARI reads the TABARI validation suite (Validate.text). Records are
// separated by blank lines; lines starting with '#' outside records are
// comments. A record is a header line "DATE ID [DOC-ID]", where DATE is YYMMDD
// (years 69-99 are 19xx, 00-68 20xx) or YYYYMMDD (the suite switches to
// four-digit years with an option record), then the text, then a comment
// "/* ... */" (which runs to the end of the record if it is not closed). In the
// comment each expectation is a brace group:
//
//	{ SRC / TGT / CODE }   an expected event (a date or label may follow it)
//	{ --- }                no event may be coded
//	{###}                  the record must be discarded
//	{+++}                  complex: not checked
//	{ OPTION: ... }        a change of TABARI's options (the record is not checked)
//
// A group written "-{...}" is disabled and ignored, as TABARI does. Records
// after the one whose text says "This is the end of the standard validation
// records" need other options or crash TABARI; they are returned unchecked
// (Complex). A record expecting events and also none is an error.
func ReadTABARI(r io.Reader, name string) ([]Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var (
		out   []Record
		errs  []error
		block []string // the lines of the current record
		start int      // its first line
		skip  bool     // inside a bad record: skip to the blank line
		after bool     // past the end-of-validation record
		n     int
	)
	flush := func() {
		if len(block) > 0 {
			rec, err := tabariRecord(name, start, block)
			if err != nil {
				errs = append(errs, err)
			} else {
				rec.Complex = rec.Complex || after
				if strings.Contains(strings.ToLower(rec.Text), "this is the end of the standard validation records") {
					after = true
				}
				out = append(out, rec)
			}
		}
		block, skip = nil, false
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if skip {
			continue
		}
		if len(block) == 0 {
			if strings.HasPrefix(line, "#") {
				continue
			}
			if !tabariHeaderRE.MatchString(line) {
				errs = append(errs, recordErr(name, n, "", "record header %q is not \"DATE ID\"", clip(line)))
				skip = true
				continue
			}
			start = n
		}
		block = append(block, line)
	}
	flush()
	if err := sc.Err(); err != nil {
		errs = append(errs, &dyad.InputError{Input: name, Line: n + 1, Offset: -1, Err: err})
	}
	return out, joinErrs(errs)
}

var (
	tabariHeaderRE = regexp.MustCompile(`^[0-9]+\s+\S`)
	braceRE        = regexp.MustCompile(`(-?)\{([^{}]*)\}`)
)

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// tabariDate reads a date written YYMMDD or YYYYMMDD.
func tabariDate(s string) (string, bool) {
	var t time.Time
	var err error
	switch len(s) {
	case 6:
		t, err = time.Parse("060102", s) // 69-99 are 19xx, 00-68 20xx
	case 8:
		t, err = time.Parse("20060102", s)
	default:
		return "", false
	}
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func tabariRecord(name string, line int, block []string) (Record, error) {
	head := strings.Fields(block[0])
	r := Record{Set: "tabari", ID: strings.Join(head[1:], " "), Line: line}
	bad := func(format string, args ...any) (Record, error) {
		return Record{}, recordErr(name, line, r.ID, format, args...)
	}
	date, ok := tabariDate(head[0])
	if !ok {
		return bad("bad date %q (want YYMMDD or YYYYMMDD)", head[0])
	}
	r.Date = date
	body := strings.Join(block[1:], "\n")
	text, comment, _ := strings.Cut(body, "/*")
	comment, _, _ = strings.Cut(comment, "*/")
	r.Text = oneLine(text)
	if r.Text == "" {
		return bad("no text")
	}
	for _, m := range braceRE.FindAllStringSubmatch(comment, -1) {
		if m[1] == "-" {
			continue // disabled
		}
		g := strings.TrimSpace(m[2])
		switch {
		case g == "":
		case g == "---":
			r.NoEvent = true
		case g == "###":
			r.Discard, r.DiscardKind = true, "discard"
		case g == "+++":
			r.Complex = true
		case strings.HasPrefix(g, "OPTION:"):
		case strings.Count(g, "/") == 2:
			f := strings.Split(g, "/")
			t := Triple{Source: f[0], Target: f[1], Code: f[2]}.Norm()
			if t.Code == "" || strings.ContainsAny(t.Code, " \t") {
				return bad("bad event code in {%s}", g)
			}
			r.Events = append(r.Events, t)
		default:
			return bad("unknown expectation {%s}", g)
		}
	}
	if len(r.Events) > 0 && (r.NoEvent || r.Discard) {
		return bad("expects events and also none")
	}
	return r, nil
}
