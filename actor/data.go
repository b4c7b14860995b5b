package actor

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
)

//go:embed data/*.tsv
var dataFS embed.FS

// ErrData is the cause of every error in a knowledge file. It wraps
// dyad.ErrInvalid.
var ErrData = fmt.Errorf("%w: bad knowledge entry", dyad.ErrInvalid)

// sectors is the closed set of CAMEO role codes that roles.tsv and
// people.tsv may use (the CAMEO codebook's role codes and PLOVER's sectors).
var sectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true, "REB": true,
	"INS": true, "SEP": true, "UAF": true, "OPP": true, "MED": true, "BUS": true, "CVL": true,
	"REF": true, "EDU": true, "LAB": true, "AGR": true, "HLH": true, "REL": true, "ELI": true,
	"CRM": true, "DEV": true, "ENV": true, "HRI": true, "GOVMED": true, "PTY": true, "MOD": true,
	"RAD": true, "NGO": true,
}

// table reads one embedded TSV file: '#' lines are comments, the first other
// line names the columns. Each row is handed to fn with its line number; an
// error from fn is collected with file:line and reading goes on.
func table(fsys fs.FS, name string, ncol int, fn func(line int, f []string) error) error {
	data, err := fs.ReadFile(fsys, "data/"+name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	var errs []error
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if !header {
			header = true
			if len(f) != ncol {
				errs = append(errs, dataErr(name, line, "header has %d columns, want %d", len(f), ncol))
			}
			continue
		}
		for len(f) < ncol && len(f) >= ncol-2 {
			f = append(f, "") // trailing empty notes may be cut by editors
		}
		if len(f) != ncol {
			errs = append(errs, dataErr(name, line, "%d columns, want %d", len(f), ncol))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := fn(line, f); err != nil {
			errs = append(errs, &dyad.InputError{Input: "actor/data/" + name, Line: line, Offset: -1, Err: err})
		}
	}
	if !header {
		errs = append(errs, dataErr(name, line, "no header"))
	}
	return errors.Join(errs...)
}

func dataErr(name string, line int, format string, args ...any) error {
	return &dyad.InputError{Input: "actor/data/" + name, Line: line, Offset: -1,
		Err: fmt.Errorf("%w: %s", ErrData, fmt.Sprintf(format, args...))}
}

func rowErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrData, fmt.Sprintf(format, args...))
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// loadBuiltin adds the knowledge files of fsys (the embedded data/ folder in
// production) to kb.
func loadBuiltin(fsys fs.FS, kb *knowledge) error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(loadCountries(fsys, kb))
	add(loadAliases(fsys, kb))
	add(loadCities(fsys, kb))
	add(loadOrgs(fsys, kb, "igos.tsv"))
	add(loadOrgs(fsys, kb, "media.tsv"))
	add(loadOrgs(fsys, kb, "groups.tsv"))
	add(loadRoles(fsys, kb))
	add(loadPeople(fsys, kb))
	return errors.Join(errs...)
}

func loadCountries(fsys fs.FS, kb *knowledge) error {
	return table(fsys, "countries.tsv", 8, func(line int, f []string) error {
		code := f[0]
		if len(code) != 3 || strings.ToUpper(code) != code {
			return rowErr("country code %q is not three capitals", code)
		}
		src := source("countries.tsv", line)
		c := kb.country(code)
		c.name = f[2]
		c.source = src
		for _, n := range append([]string{f[2], f[3]}, list(f[4])...) {
			if n != "" {
				kb.addPhrase(n, c, src)
			}
		}
		for _, d := range list(f[5]) {
			kb.addDemonym(d, c, src)
		}
		for _, cap := range list(f[6]) {
			kb.addPhrase(cap, kb.capital(c, cap, src), src)
		}
		return nil
	})
}

func loadAliases(fsys fs.FS, kb *knowledge) error {
	return table(fsys, "aliases.tsv", 4, func(line int, f []string) error {
		c, ok := kb.countries[f[0]]
		if !ok {
			return rowErr("unknown country code %q", f[0])
		}
		src := source("aliases.tsv", line)
		switch f[1] {
		case "name":
			kb.addPhrase(f[2], c, src)
		case "demonym":
			kb.addDemonym(f[2], c, src)
			kb.preferDemonym(f[2], c)
		case "capital":
			kb.addPhrase(f[2], kb.capital(c, f[2], src), src)
		case "city", "region":
			// A region (a state, province or territory) is, like a city, a
			// place of its country and never an actor by itself.
			kb.addPhrase(f[2], &entry{kind: eCity, id: f[1] + ":" + f[2], name: f[2], root: c.root, source: src}, src)
		default:
			return rowErr("type %q is not name, demonym, capital, city or region", f[1])
		}
		return nil
	})
}

func loadCities(fsys fs.FS, kb *knowledge) error {
	return table(fsys, "cities.tsv", 6, func(line int, f []string) error {
		c, ok := kb.countries[f[1]]
		if !ok {
			return rowErr("unknown country code %q", f[1])
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			return rowErr("bad position %q %q", f[2], f[3])
		}
		src := source("cities.tsv", line)
		// A name already known (a capital, a country) keeps its meaning;
		// the largest city of a name wins (the file is sorted by size).
		key := normPhrase(f[0])
		if kb.hasPhrase(key) {
			if e := kb.capitalNamed(key, c.root); e != nil && e.lat == 0 && e.lon == 0 {
				e.lat, e.lon = lat, lon
			}
			return nil
		}
		kb.addPhrase(f[0], &entry{kind: eCity, id: "city:" + f[0] + "/" + c.root, name: f[0], root: c.root,
			lat: lat, lon: lon, source: src}, src)
		return nil
	})
}

// loadOrgs reads igos.tsv, media.tsv or groups.tsv: name, aliases, codes,
// kind, note.
func loadOrgs(fsys fs.FS, kb *knowledge, file string) error {
	return table(fsys, file, 5, func(line int, f []string) error {
		codes, err := parseCodes(f[2])
		if err != nil {
			return err
		}
		var kind dyad.ActorKind
		switch f[3] {
		case "organisation":
			kind = dyad.KindOrganisation
		case "group":
			kind = dyad.KindGroup
		default:
			return rowErr("kind %q is not organisation or group", f[3])
		}
		src := source(file, line)
		e := &entry{kind: eOrg, id: "org:" + f[0], name: f[0], codes: codes, actorKind: kind, source: src}
		if file == "groups.tsv" {
			e.kind = eGroup
			e.plural = true
		}
		for _, n := range append([]string{f[0]}, list(f[1])...) {
			kb.addPhrase(n, e, src)
			if e.kind == eGroup && !strings.HasPrefix(n, "the ") && strings.Contains(n, " ") {
				kb.addPhrase("the "+n, e, src)
			}
		}
		return nil
	})
}

// parseCodes reads "IGOUNO" or dictionary-style "[AFGREB <20210814] [AFGGOV >20210815]".
func parseCodes(s string) ([]dict.Code, error) {
	if s == "" {
		return nil, rowErr("no code")
	}
	if !strings.Contains(s, "[") {
		s = "[" + s + "]"
	}
	d, err := dict.Read("codes", strings.NewReader("X "+s+"\n"), dict.KindActors)
	if err != nil {
		return nil, rowErr("codes %q: %v", s, err)
	}
	if len(d.Actors) != 1 || len(d.Actors[0].Codes) == 0 {
		return nil, rowErr("codes %q: none read", s)
	}
	return d.Actors[0].Codes, nil
}

func loadRoles(fsys fs.FS, kb *knowledge) error {
	type ref struct {
		group string
		line  int
	}
	var groups []ref
	err := table(fsys, "roles.tsv", 4, func(line int, f []string) error {
		if !sectors[f[1]] && f[1] != "-" {
			return rowErr("unknown sector %q", f[1])
		}
		sector := strings.TrimPrefix(f[1], "-")
		var rt roleType
		switch f[2] {
		case "person":
			rt = rolePerson
		case "body":
			rt = roleBody
		case "collective":
			rt = roleCollective
		case "modifier":
			rt = roleModifier
		default:
			return rowErr("type %q is not person, body, collective or modifier", f[2])
		}
		if strings.ToLower(f[0]) != f[0] {
			return rowErr("role %q is not lower case", f[0])
		}
		src := source("roles.tsv", line)
		if rt != roleModifier && sector == "" {
			return rowErr("role %q needs a sector", f[0])
		}
		e := &entry{kind: eRole, id: "role:" + f[0], name: f[0], sector: sector, role: rt, source: src}
		// A note "=protester" says the role names the same people as another.
		if g, ok := strings.CutPrefix(f[3], "="); ok {
			e.group = strings.Fields(g + " ")[0]
			groups = append(groups, ref{e.group, line})
		}
		kb.addPhrase(f[0], e, src)
		// Several people of a title, or several bodies, are a group:
		// "ministers", "opposition parties".
		if rt == rolePerson || rt == roleBody {
			if plural := pluralPhrase(f[0]); kb.byKey[normPhrase(plural)] == nil {
				pl := *e
				pl.role = roleCollective
				pl.plural = true
				kb.addPhrase(plural, &pl, src)
			}
		}
		return nil
	})
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	for _, g := range groups {
		if ph := kb.byKey[normPhrase(g.group)]; ph == nil || !slices.ContainsFunc(ph.entries, func(e *entry) bool { return e.kind == eRole }) {
			errs = append(errs, dataErr("roles.tsv", g.line, "note =%s names no role", g.group))
		}
	}
	return errors.Join(errs...)
}

// pluralPhrase makes the plural of a role phrase's last word: -man -> -men,
// otherwise the regular plural.
func pluralPhrase(p string) string {
	i := strings.LastIndexByte(p, ' ')
	last := p[i+1:]
	switch {
	case strings.HasSuffix(last, "man"):
		last = last[:len(last)-3] + "men"
	case last == "person":
		last = "people"
	default:
		last = dict.Plural(last)
	}
	return p[:i+1] + last
}

func loadPeople(fsys fs.FS, kb *knowledge) error {
	return table(fsys, "people.tsv", 9, func(line int, f []string) error {
		name, root, office, sector := f[0], f[2], f[3], f[4]
		if name == "" || office == "" {
			return rowErr("name and office are required")
		}
		if _, ok := kb.countries[root]; !ok && !strings.HasPrefix(root, "IGO") {
			return rowErr("unknown country or IGO code %q", root)
		}
		if sector != "" && !sectors[sector] {
			return rowErr("unknown sector %q", sector)
		}
		from, err := partialDate(f[5], false)
		if err != nil || from == 0 {
			return rowErr("start %q: want YYYY-MM-DD, YYYY-MM or YYYY", f[5])
		}
		to, err := partialDate(f[6], true)
		if err != nil {
			return rowErr("end %q: want YYYY-MM-DD, YYYY-MM, YYYY or empty", f[6])
		}
		if to != 0 && to < from {
			return rowErr("term ends (%v) before it starts (%v)", to, from)
		}
		if f[7] != "m" && f[7] != "f" && f[7] != "" {
			return rowErr("gender %q is not m, f or empty", f[7])
		}
		if f[8] == "" {
			return rowErr("no source")
		}
		src := source("people.tsv", line)
		p := kb.person(name)
		if p.gender == "" {
			p.gender = f[7]
		}
		p.terms = append(p.terms, term{root: root, office: office, sector: sector, from: from, to: to, source: src})
		if p.source == "" {
			p.source = src
		}
		kb.addPhrase(name, p, src)
		for _, a := range list(f[1]) {
			kb.addPersonAlias(a, p, src)
		}
		return nil
	})
}

// partialDate reads YYYY-MM-DD, YYYY-MM or YYYY; a partial date is the first
// day of its month or year, or the last when end is set.
func partialDate(s string, end bool) (dict.Date, error) {
	switch len(s) {
	case 0:
		return 0, nil
	case 10:
		return dict.ParseDate(s)
	case 7:
		y, err1 := strconv.Atoi(s[:4])
		m, err2 := strconv.Atoi(s[5:])
		if err1 != nil || err2 != nil || s[4] != '-' {
			return 0, rowErr("bad date %q", s)
		}
		if end {
			d, err := dict.NewDate(y, m, 1)
			if err != nil {
				return 0, err
			}
			for day := 31; day >= 28; day-- {
				if e, err := dict.NewDate(y, m, day); err == nil {
					return e, nil
				}
			}
			return d, nil
		}
		return dict.NewDate(y, m, 1)
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil {
			return 0, rowErr("bad date %q", s)
		}
		if end {
			return dict.NewDate(y, 12, 31)
		}
		return dict.NewDate(y, 1, 1)
	}
	return 0, rowErr("bad date %q", s)
}

func source(file string, line int) string { return "actor/data/" + file + ":" + strconv.Itoa(line) }
