package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad"
)

// params reads a request's query strictly: a malformed value, a repeated
// parameter or one the endpoint does not know is ErrInvalid, naming the
// parameter. The first error sticks; check it with done.
type params struct {
	v    url.Values
	seen map[string]bool
	err  error
}

func newParams(rawQuery string) *params {
	v, err := url.ParseQuery(rawQuery)
	p := &params{v: v, seen: map[string]bool{}}
	if err != nil {
		p.err = fmt.Errorf("%w: malformed query string: %v", dyad.ErrInvalid, err)
	}
	return p
}

func (p *params) fail(name, format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: parameter %s: %s", dyad.ErrInvalid, name, fmt.Sprintf(format, args...))
	}
}

// str returns the parameter's value, "" when absent.
func (p *params) str(name string) string {
	p.seen[name] = true
	vs := p.v[name]
	switch len(vs) {
	case 0:
		return ""
	case 1:
		s := strings.TrimSpace(vs[0])
		if len(s) > 1000 {
			p.fail(name, "longer than 1000 bytes")
			return ""
		}
		return s
	}
	p.fail(name, "given %d times", len(vs))
	return ""
}

// code returns an actor code (letters and digits, upper-cased).
func (p *params) code(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	c, ok := actorCode(s)
	if !ok {
		p.fail(name, "%q is not an actor code (letters and digits, like IRN or IGOUNO)", s)
	}
	return c
}

// actorCode upper-cases s and reports whether it is a plausible CAMEO actor
// code or prefix of one.
func actorCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 || len(s) > 32 {
		return s, false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return s, false
		}
	}
	return s, true
}

// num returns an integer in [lo, hi], or def when absent.
func (p *params) num(name string, lo, hi, def int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.fail(name, "%q is not a whole number", s)
		return def
	}
	if n < lo || n > hi {
		p.fail(name, "%d is not between %d and %d", n, lo, hi)
		return def
	}
	return n
}

// date returns a YYYY-MM-DD date.
func (p *params) date(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		p.fail(name, "%q is not a date YYYY-MM-DD", s)
		return ""
	}
	return s
}

// choice returns one of allowed, or def when absent.
func (p *params) choice(name, def string, allowed ...string) string {
	s := p.str(name)
	if s == "" {
		return def
	}
	if !slices.Contains(allowed, s) {
		p.fail(name, "%q is not one of %s", s, strings.Join(allowed, ", "))
		return def
	}
	return s
}

// boolean returns true or false, nil when absent.
func (p *params) boolean(name string) *bool {
	s := p.str(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.fail(name, "%q is not true or false", s)
		return nil
	}
	return &b
}

// cameo returns a CAMEO event code or prefix (digits).
func (p *params) cameo(name string) string {
	s := p.str(name)
	if len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		p.fail(name, "%q is not a CAMEO code (up to four digits, like 111 or 19)", s)
		return ""
	}
	return s
}

// page reads after and limit.
func (p *params) page(def int) dyad.Page {
	return dyad.Page{After: p.str("after"), Limit: p.num("limit", 1, dyad.MaxLimit, def)}
}

// dates reads from and to.
func (p *params) dates() dyad.Dates {
	d := dyad.Dates{From: p.date("from"), To: p.date("to")}
	if p.err == nil {
		if err := d.Validate(); err != nil {
			p.err = err
		}
	}
	return d
}

// text reads a full-text search.
func (p *params) text(name string) string {
	s := p.str(name)
	if s != "" && len(dyad.SearchTerms(s)) == 0 {
		p.fail(name, "%q has no words to search for", s)
	}
	return s
}

// done reports the first error, or ErrInvalid for a parameter the endpoint
// did not read.
func (p *params) done() error {
	if p.err != nil {
		return p.err
	}
	var unknown []string
	for k := range p.v {
		if !p.seen[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		known := make([]string, 0, len(p.seen))
		for k := range p.seen {
			known = append(known, k)
		}
		slices.Sort(known)
		return fmt.Errorf("%w: unknown parameter %s (known: %s)", dyad.ErrInvalid,
			strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	return nil
}

// modalities are the values of the modality parameter.
var modalities = []string{string(dyad.Asserted), string(dyad.Planned), string(dyad.Claimed), string(dyad.Denied),
	string(dyad.Negated), string(dyad.Hypothetical), string(dyad.Historical)}

// eventFilter reads the filters of `dyad query` over events.
func (p *params) eventFilter(defLimit int) dyad.EventFilter {
	f := dyad.EventFilter{
		Article:   p.str("article"),
		Actor:     p.code("actor"),
		Source:    p.code("source"),
		Target:    p.code("target"),
		CAMEO:     p.cameo("cameo"),
		QuadClass: p.num("quad", 1, 4, 0),
		Modality:  dyad.Modality(p.choice("modality", "", modalities...)),
		Text:      p.text("text"),
	}
	if d := p.str("dyad"); d != "" {
		a, b, ok := strings.Cut(d, ",")
		ca, oka := actorCode(a)
		cb, okb := actorCode(b)
		if !ok || !oka || !okb {
			p.fail("dyad", "%q is not two actor codes separated by a comma (IRN,RUS)", d)
		}
		f.Dyad = [2]string{ca, cb}
	}
	f.Dates = p.dates()
	f.Page = p.page(defLimit)
	return f
}

// modalitySet reads a comma-separated list of modalities: "all", or the
// default when absent.
func (p *params) modalitySet(name string, def []dyad.Modality) []dyad.Modality {
	s := p.str(name)
	switch s {
	case "":
		return def
	case "all":
		out := make([]dyad.Modality, len(modalities))
		for i, m := range modalities {
			out[i] = dyad.Modality(m)
		}
		return out
	}
	var out []dyad.Modality
	for _, m := range strings.Split(s, ",") {
		m = strings.TrimSpace(m)
		if !slices.Contains(modalities, m) {
			p.fail(name, "%q is not all or a list of %s", m, strings.Join(modalities, ", "))
			return def
		}
		if !slices.Contains(out, dyad.Modality(m)) {
			out = append(out, dyad.Modality(m))
		}
	}
	return out
}
