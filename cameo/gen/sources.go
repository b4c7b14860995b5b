package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// sources is everything read from the reference data sets.
type sources struct {
	codebook  []cbRow
	gdelt     map[string]float64 // GDELT CAMEO.goldsteinscale.txt
	phoenix   map[string]float64 // Phoenix goldstein scale
	phoenixQ  map[string]int     // Phoenix quad class by root, 0..4
	roles     [][2]string        // actor role (type) codes
	regions   [][2]string        // region codes
	types     []ploverType       // from the PLOVER manual
	contexts  []string           // PLOVER contexts
	crosswalk map[string]xwRow   // CAMEO2PLOVER-2021 by CAMEO code
	xwUnknown []string           // crosswalk codes that the codebook lacks
}

// cbRow is one code of the CAMEO codebook.
type cbRow struct {
	code, name  string
	goldstein   float64
	description string
	usage       string
	example     string
	line        int
}

type ploverType struct {
	name        string
	quad        int
	score       float64
	hasScore    bool
	description string
	modes       []ploverMode
}

type ploverMode struct {
	name, description string
	score             float64
	hasScore          bool
}

// xwRow is one line of the CAMEO-to-PLOVER crosswalk.
type xwRow struct {
	typ, mode string
	contexts  []string
	line      int
}

var (
	codeRE    = regexp.MustCompile(`^[0-9]{2,4}$`)
	contextRE = regexp.MustCompile(`^[a-z_]+$`)
)

func readSources(data string) (*sources, error) {
	p := func(rel string) string { return filepath.Join(data, filepath.FromSlash(rel)) }
	var s sources
	var err error
	if s.codebook, err = readCodebook(p("cameo/cameo_codes.tsv")); err != nil {
		return nil, err
	}
	if s.gdelt, err = readScores(p("cameo/gdelt_CAMEO.goldsteinscale.txt"), "CAMEOEVENTCODE", "GOLDSTEINSCALE"); err != nil {
		return nil, err
	}
	if s.phoenix, err = readScores(p("cameo/phoenix_goldstein_scale.tsv"), "cameo_code", "goldstein"); err != nil {
		return nil, err
	}
	if s.phoenixQ, err = readQuads(p("cameo/phoenix_quadclass.tsv")); err != nil {
		return nil, err
	}
	if s.roles, err = readLabels(p("cameo/gdelt_CAMEO.type_codes.tsv")); err != nil {
		return nil, err
	}
	if s.regions, err = readLabels(p("cameo/gdelt_CAMEO.region_codes.tsv")); err != nil {
		return nil, err
	}
	if s.types, err = readManual(p("plover/PLOVER_MANUAL.tex")); err != nil {
		return nil, err
	}
	if err = readModeScores(p("plover/plover_event_mode_scores.tsv"), s.types); err != nil {
		return nil, err
	}
	if s.contexts, err = readContexts(p("plover/plover_contexts.txt")); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, r := range s.codebook {
		known[r.code] = true
	}
	if s.crosswalk, s.xwUnknown, err = readCrosswalk(p("plover/CAMEO2PLOVER-2021.txt"), known); err != nil {
		return nil, err
	}
	return &s, nil
}

// lines returns the lines of a file without line ends.
func lines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}

func lineErr(path string, line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
}

func readCodebook(path string) ([]cbRow, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	want := "code\tname\tgoldstein\tdescription\tusage_notes\texample"
	if len(ls) == 0 || ls[0] != want {
		return nil, lineErr(path, 1, "header is not %q", want)
	}
	var out []cbRow
	seen := map[string]bool{}
	for i, l := range ls[1:] {
		n := i + 2
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 6 {
			return nil, lineErr(path, n, "want 6 fields, got %d", len(f))
		}
		if !codeRE.MatchString(f[0]) || seen[f[0]] {
			return nil, lineErr(path, n, "bad or repeated code %q", f[0])
		}
		seen[f[0]] = true
		g, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, lineErr(path, n, "bad Goldstein value %q", f[2])
		}
		out = append(out, cbRow{code: f[0], name: sentenceCase(strings.TrimSpace(f[1])), goldstein: g,
			description: clean(f[3]), usage: clean(f[4]), example: clean(f[5]), line: n})
	}
	return out, nil
}

// clean collapses runs of white space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func readScores(path, h1, h2 string) (map[string]float64, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 || ls[0] != h1+"\t"+h2 {
		return nil, lineErr(path, 1, "header is not %q", h1+"\t"+h2)
	}
	out := map[string]float64{}
	for i, l := range ls[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 2 || !codeRE.MatchString(f[0]) {
			return nil, lineErr(path, i+2, "bad line %q", l)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, lineErr(path, i+2, "bad value %q", f[1])
		}
		if _, dup := out[f[0]]; dup {
			return nil, lineErr(path, i+2, "repeated code %s", f[0])
		}
		out[f[0]] = v
	}
	return out, nil
}

func readQuads(path string) (map[string]int, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 || ls[0] != "root_code\tquad_class" {
		return nil, lineErr(path, 1, "unexpected header")
	}
	out := map[string]int{}
	for i, l := range ls[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 2 || len(f[0]) != 2 {
			return nil, lineErr(path, i+2, "bad line %q", l)
		}
		q, err := strconv.Atoi(f[1])
		if err != nil || q < 0 || q > 4 {
			return nil, lineErr(path, i+2, "bad quad class %q", f[1])
		}
		out[f[0]] = q
	}
	if len(out) != 20 {
		return nil, fmt.Errorf("%s: %d roots, want 20", path, len(out))
	}
	return out, nil
}

func readLabels(path string) ([][2]string, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 || ls[0] != "CODE\tLABEL" {
		return nil, lineErr(path, 1, "unexpected header")
	}
	var out [][2]string
	seen := map[string]bool{}
	for i, l := range ls[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 2 || len(f[0]) != 3 || seen[f[0]] {
			return nil, lineErr(path, i+2, "bad or repeated line %q", l)
		}
		seen[f[0]] = true
		out = append(out, [2]string{f[0], strings.TrimSpace(f[1])})
	}
	return out, nil
}

func readContexts(path string) ([]string, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, l := range ls {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if !contextRE.MatchString(l) {
			return nil, lineErr(path, i+1, "bad context %q", l)
		}
		out = append(out, l)
	}
	return out, nil
}

func readModeScores(path string, types []ploverType) error {
	ls, err := lines(path)
	if err != nil {
		return err
	}
	// The file's header row "event mode score" is sorted in with the data.
	const header = "event\tmode\tscore"
	if !slices.Contains(ls, header) {
		return fmt.Errorf("%s: no %q header row", path, header)
	}
	byName := map[string]*ploverType{}
	for i := range types {
		byName[types[i].name] = &types[i]
	}
	for i, l := range ls {
		n := i + 1
		if strings.TrimSpace(l) == "" || l == header {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			return lineErr(path, n, "want 3 fields")
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return lineErr(path, n, "bad score %q", f[2])
		}
		t := byName[f[0]]
		if t == nil {
			return lineErr(path, n, "event type %q is not in the manual", f[0])
		}
		if f[1] == "" {
			t.score, t.hasScore = v, true
			continue
		}
		found := false
		for j := range t.modes {
			if t.modes[j].name == f[1] {
				t.modes[j].score, t.modes[j].hasScore = v, true
				found = true
			}
		}
		if !found {
			return lineErr(path, n, "mode %s of %s is not in the manual", f[1], f[0])
		}
	}
	return nil
}

var quadNames = map[string]int{
	"VERBAL COOPERATION":   1,
	"MATERIAL COOPERATION": 2,
	"VERBAL CONFLICT":      3,
	"MATERIAL CONFLICT":    4,
}

var (
	sectionRE = regexp.MustCompile(`^\\section\{([A-Z]+)\}`)
	quadRE    = regexp.MustCompile(`^\\subsection\{Quad category: ([A-Z ]+)\}`)
	modeRowRE = regexp.MustCompile(`^([a-z][a-z_-]*)\s*&\s*(.*?)\s*\\\\\s*$`)
	contRowRE = regexp.MustCompile(`^&\s*(.*?)\s*\\\\\s*$`)
)

// readManual reads the event types of the PLOVER manual's "Event Categories"
// chapter: each \section names a type; its text up to the first \subsection
// describes it; the
// rows of its mode tables (not commented out) are its modes; its "Quad
// category" subsection gives its quad class.
func readManual(path string) ([]ploverType, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, err
	}
	var out []ploverType
	var cur *ploverType
	in := false      // inside the Event Categories chapter
	inTable := false // inside a tabular of the current type
	inDesc := false  // reading the text before the first \subsection
	var desc []string
	row := "" // a table row read so far
	for i, l := range ls {
		n := i + 1
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, `\chapter{`) {
			in = t == `\chapter{Event Categories}`
			continue
		}
		if !in || strings.HasPrefix(t, "%") {
			continue
		}
		if m := sectionRE.FindStringSubmatch(t); m != nil {
			out = append(out, ploverType{name: m[1]})
			cur = &out[len(out)-1]
			inDesc, desc = true, nil
			continue
		}
		if cur == nil {
			continue
		}
		if inDesc {
			if strings.HasPrefix(t, `\subsection`) {
				d, err := latexText(strings.Join(desc, " "))
				if err != nil {
					return nil, lineErr(path, n, "%s: %v", cur.name, err)
				}
				cur.description = d
				inDesc = false
			} else if t != "" {
				desc = append(desc, t)
				continue
			}
		}
		if m := quadRE.FindStringSubmatch(t); m != nil {
			q, ok := quadNames[m[1]]
			if !ok {
				return nil, lineErr(path, n, "unknown quad category %q", m[1])
			}
			cur.quad = q
			continue
		}
		if strings.HasPrefix(t, `\begin{tabular}`) {
			inTable = true
			continue
		}
		if strings.HasPrefix(t, `\end{tabular}`) {
			inTable = false
			continue
		}
		if !inTable || t == `\hline` || strings.HasPrefix(t, "Name &") {
			continue
		}
		if row = strings.TrimSpace(row + " " + t); !strings.HasSuffix(row, `\\`) {
			continue // the row goes on on the next line
		}
		t, row = row, ""
		if m := modeRowRE.FindStringSubmatch(t); m != nil {
			d, err := latexText(m[2])
			if err != nil {
				return nil, lineErr(path, n, "%v", err)
			}
			cur.modes = append(cur.modes, ploverMode{name: m[1], description: d})
			continue
		}
		if m := contRowRE.FindStringSubmatch(t); m != nil && len(cur.modes) > 0 {
			d, err := latexText(m[1])
			if err != nil {
				return nil, lineErr(path, n, "%v", err)
			}
			last := &cur.modes[len(cur.modes)-1]
			last.description = strings.TrimSpace(last.description + " " + d)
			continue
		}
		return nil, lineErr(path, n, "cannot read mode table row %q", t)
	}
	if len(out) != 16 {
		return nil, fmt.Errorf("%s: %d event types, want PLOVER's 16", path, len(out))
	}
	for _, t := range out {
		if t.quad == 0 || t.description == "" {
			return nil, fmt.Errorf("%s: type %s lacks a quad category or description", path, t.name)
		}
	}
	return out, nil
}

var (
	latexArgRE = regexp.MustCompile(`\\(plcat|plcon|plmod|txt|ti|textit|emph|texttt|textbf|textsf)\{([^{}]*)\}`)
	latexCmdRE = regexp.MustCompile(`\\[a-zA-Z]+`)
	latexRefRE = regexp.MustCompile(`(?:(?:Section|Table|Chapter)\s+)?\\(?:auto)?ref\{[^{}]*\}`)
)

// latexText turns the little LaTeX of the manual's prose into plain text. It
// refuses commands it does not know, so a new construct is seen, not mangled.
func latexText(s string) (string, error) {
	s = latexArgRE.ReplaceAllString(s, "$2")
	s = latexRefRE.ReplaceAllString(s, "the manual")
	r := strings.NewReplacer(
		`\begin{itemize}`, " ", `\end{itemize}`, " ", `\item`, " \u2022 ",
		`\ldots`, "...", `\_`, "_", `\%`, "%", `\$`, "$", `\&`, "&",
		"``", "\u201c", "''", "\u201d", "`", "\u2018", "---", "\u2014", "--", "\u2013", "~", " ", "$", "",
	)
	s = r.Replace(s)
	if m := latexCmdRE.FindString(s); m != "" {
		return "", fmt.Errorf("unknown LaTeX command %s in %q", m, s)
	}
	if strings.ContainsAny(s, "{}") {
		return "", fmt.Errorf("unbalanced braces in %q", s)
	}
	return clean(s), nil
}

var xwRE = regexp.MustCompile(`^([0-9]{2,4}):\s*(.*)$`)

// readCrosswalk reads CAMEO2PLOVER-2021.txt: "code: TYPE, mode, context # name".
// Root lines ("03: AGREE") head sections and are not mappings. A code given
// twice must be given the same way both times.
func readCrosswalk(path string, known map[string]bool) (map[string]xwRow, []string, error) {
	ls, err := lines(path)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]xwRow{}
	var unknown []string
	for i, l := range ls {
		n := i + 1
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "~") {
			continue
		}
		m := xwRE.FindStringSubmatch(t)
		if m == nil {
			return nil, nil, lineErr(path, n, "cannot read %q", t)
		}
		code, body := m[1], m[2]
		if len(code) == 2 {
			continue
		}
		body, _, _ = strings.Cut(body, "#")
		f := strings.Split(body, ",")
		if len(f) != 3 {
			return nil, nil, lineErr(path, n, "want TYPE, mode, context; got %q", body)
		}
		row := xwRow{typ: strings.TrimSpace(f[0]), mode: strings.TrimSpace(f[1]), line: n}
		for _, c := range strings.Split(f[2], ";") {
			if c = strings.TrimSpace(c); c != "" {
				row.contexts = append(row.contexts, c)
			}
		}
		if !known[code] {
			unknown = append(unknown, code)
			continue
		}
		if prev, dup := out[code]; dup {
			if prev.typ != row.typ || prev.mode != row.mode || strings.Join(prev.contexts, ";") != strings.Join(row.contexts, ";") {
				return nil, nil, lineErr(path, n, "code %s given differently at line %d", code, prev.line)
			}
			continue
		}
		out[code] = row
	}
	return out, unknown, nil
}

// sentenceCase capitalises a name's first letter: the codebook writes three
// of its names ("fight with artillery and tanks") in lower case.
func sentenceCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
