package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kong"
	"golang.org/x/tools/txtar"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dict"
	"github.com/dyadhq/dyad/eval"
	"github.com/dyadhq/dyad/pipeline"
)

// evalFlags are the flags that every gold-set command shares.
type evalFlags struct {
	Data     string   `help:"Reference data folder; default: $DYAD_SHARED/data, else ../shared/data beside the repository root." type:"path" placeholder:"DIR"`
	Dict     []string `help:"Dictionary file, or folder of *actors*, *agents* and *discards* files, to code with instead of the set's own (repeatable)." type:"path" placeholder:"DIR"`
	DictOnly bool     `help:"With --dict: know only the given dictionaries' actors, not the built-in ones."`
	Rules    []string `help:"Extra event rule file (repeatable)." type:"existingfile"`
	Verbs    string   `help:"TABARI, PETRARCH or PETRARCH-2 verb dictionary to code with instead of the set's own verbs or dyad's event rules." type:"existingfile" placeholder:"FILE"`
	// DyadRules codes the sets that bring a verb dictionary with dyad's
	// event rules instead.
	DyadRules bool   `help:"Code with dyad's own event rules, not the set's verb dictionary (petrarch, tabari, petrarch2-gsr)."`
	Format    string `help:"Output: text, json, or markdown (rows of the README table)." enum:"text,json,markdown" default:"text"`
	Errors    int    `help:"How many of the worst records to print (0: none)." default:"10" placeholder:"N"`
	Limit     int    `help:"Score only the first N records of the set (0: all)." placeholder:"N"`
	Workers   int    `help:"Records coded at once (0: one per CPU)."`
}

// EvalSetCmd scores the event coder on one of the public gold sets that
// package eval reads; the command's name is the set's name.
type EvalSetCmd struct {
	evalFlags
}

// EvalGoldenCmd scores the pipeline on dyad's own golden corpus: the share
// of cases whose whole document equals the case's want.json, and the event
// triples of the produced documents against those of want.json.
type EvalGoldenCmd struct {
	evalFlags
	Golden string `help:"Folder of golden cases (*.txtar); default: pipeline/testdata/golden of the repository." type:"path" placeholder:"DIR"`
}

// EvalAllCmd scores every gold set and the golden corpus in turn.
type EvalAllCmd struct {
	evalFlags
	Golden string `help:"Folder of golden cases (*.txtar); default: pipeline/testdata/golden of the repository." type:"path" placeholder:"DIR"`
}

// goldenSet is the name of dyad's own golden corpus among the sets.
const goldenSet = "golden"

// SetResult is the outcome of one `dyad eval SET`, as --format json prints
// it: what was read of the set and one report per run of the coder.
type SetResult struct {
	Set     string `json:"set"`
	File    string `json:"file"`
	Source  string `json:"source"`
	License string `json:"license"`
	// Read counts the records read from the file; Malformed the records
	// skipped as malformed, the first few of whose errors are in
	// MalformedErrors.
	Read            int      `json:"read"`
	Malformed       int      `json:"malformed"`
	MalformedErrors []string `json:"malformed_errors,omitempty"`
	// Limit is the --limit in force (0: none); Counts describes the records
	// that were scored.
	Limit   int         `json:"limit,omitempty"`
	Counts  eval.Counts `json:"counts"`
	Command string      `json:"command"`
	Runs    []SetRun    `json:"runs"`
}

// SetRun is one coding of a set with one choice of dictionaries.
type SetRun struct {
	Name string `json:"name"`
	// Dicts are the actor, agent and discard dictionaries added to the
	// built-in knowledge, or replacing its actors when ReplaceActors is set.
	Dicts         []string `json:"dicts,omitempty"`
	ReplaceActors bool     `json:"replace_actors"`
	// DictErrors counts the dictionaries' malformed lines (skipped).
	DictErrors int `json:"dict_errors"`
	// Verbs says what coded the events: a verb dictionary (VerbFile) or
	// dyad's event rules; UnusedVerbs names the set's own verb dictionary
	// when it is not used. VerbErrors counts the verb dictionary's
	// malformed lines (skipped).
	Verbs       string       `json:"verbs"`
	VerbFile    string       `json:"verb_file,omitempty"`
	VerbErrors  int          `json:"verb_errors,omitempty"`
	UnusedVerbs string       `json:"unused_verbs,omitempty"`
	Seconds     float64      `json:"seconds"`
	Report      *eval.Report `json:"report"`
}

// runConfig is one way of coding a set: which dictionaries, relative to the
// reference data folder.
type runConfig struct {
	name    string
	dicts   []string // slash-separated, relative to the data folder
	replace bool     // the dictionaries replace the built-in actors
	verbs   string   // the set's own verb dictionary
	// ownVerbs says the verb dictionary is in a format package verbs reads
	// (TABARI, PETRARCH or PETRARCH-2), so it codes the run unless
	// --dyad-rules is given.
	ownVerbs bool
}

// setRuns says how each gold set is coded. PETRARCH's and TABARI's
// validation records are about fictional actors (Arnor, Gondor, ...), so
// their own dictionaries replace dyad's actors and their own verb
// dictionaries code the events; the UniversalPetrarch records are coded with
// dyad's knowledge and rules, and again with the Phoenix dictionaries added
// and their PETRARCH-2 verb dictionary (CAMEO.2.0.txt) coding the events,
// as the set's <Environment> names them. Sets not listed are coded with the
// built-in knowledge only.
var setRuns = map[string][]runConfig{
	"petrarch": {{name: "PETR.Validate dictionaries",
		dicts:   []string{"petrarch/PETR.Validate.actors.txt", "petrarch/PETR.Validate.agents.txt"},
		replace: true, verbs: "petrarch/PETR.Validate.verbs.txt", ownVerbs: true}},
	"tabari": {{name: "TABARI validation dictionaries",
		dicts:   []string{"tabari/TABARI.Demo.actors", "tabari/Validate.agents"},
		replace: true, verbs: "tabari/TABARI.Demo.verbs", ownVerbs: true}},
	"petrarch2-gsr": {
		{name: "built-in"},
		{name: "Phoenix dictionaries",
			dicts: []string{"phoenix/Phoenix.Countries.actors.txt", "phoenix/Phoenix.International.actors.txt",
				"phoenix/Phoenix.MilNonState.actors.txt", "phoenix/Phoenix.agents.txt", "phoenix/Phoenix.discards.txt"},
			verbs: "phoenix/CAMEO.2.0.txt", ownVerbs: true},
	},
}

// maxShown bounds the errors printed for malformed records or lines.
const maxShown = 5

// Run runs the command.
func (c *EvalSetCmd) Run(ctx context.Context, env *Env, k *kong.Context) error {
	name := k.Selected().Name
	res, err := c.evalSet(ctx, env, name)
	if err != nil {
		return fmt.Errorf("eval %s: %w", name, err)
	}
	return c.write(env, []*SetResult{res})
}

// Run runs the command.
func (c *EvalGoldenCmd) Run(ctx context.Context, env *Env) error {
	res, err := c.evalGolden(ctx, env, c.Golden)
	if err != nil {
		return fmt.Errorf("eval golden: %w", err)
	}
	return c.write(env, []*SetResult{res})
}

// Run scores every set; a set that cannot be read is reported and the
// others go on.
func (c *EvalAllCmd) Run(ctx context.Context, env *Env) error {
	var out []*SetResult
	failed := false
	names := []string{}
	for _, s := range eval.Sets() {
		names = append(names, s.Name)
	}
	for _, name := range append(names, goldenSet) {
		var res *SetResult
		var err error
		if name == goldenSet {
			res, err = c.evalGolden(ctx, env, c.Golden)
		} else {
			res, err = c.evalSet(ctx, env, name)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(env.Stderr, "dyad: eval %s: %v\n", name, err)
			failed = true
			continue
		}
		out = append(out, res)
	}
	if err := c.write(env, out); err != nil {
		return err
	}
	if failed {
		return ErrPartial
	}
	return nil
}

// dirs returns the reference data folder and the shared folder that holds
// it: --data (whose parent is the shared folder), else $DYAD_SHARED/data,
// else ../shared/data beside the repository root.
func (c *evalFlags) dirs(env *Env) (data, shared string, err error) {
	switch {
	case c.Data != "":
		return c.Data, filepath.Dir(filepath.Clean(c.Data)), nil
	case env.Getenv("DYAD_SHARED") != "":
		shared = env.Getenv("DYAD_SHARED")
		return filepath.Join(shared, "data"), shared, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", "", fmt.Errorf("%w; give --data DIR or set DYAD_SHARED", err)
	}
	shared = filepath.Join(root, "..", "shared")
	return filepath.Join(shared, "data"), shared, nil
}

// repoRoot finds the root of dyad's repository above the working directory:
// the first folder with a go.mod of module github.com/dyadhq/dyad.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && isDyadModule(b) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no dyad repository (go.mod of github.com/dyadhq/dyad) above the working directory: %w", dyad.ErrNotFound)
		}
		dir = parent
	}
}

func isDyadModule(gomod []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == "github.com/dyadhq/dyad"
		}
	}
	return false
}

// evalSet reads the named gold set and scores each of its runs.
func (c *evalFlags) evalSet(ctx context.Context, env *Env, name string) (*SetResult, error) {
	s, ok := eval.LookupSet(name)
	if !ok {
		return nil, fmt.Errorf("gold set %q: %w", name, dyad.ErrNotFound)
	}
	dataDir, _, err := c.dirs(env)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dataDir); err != nil {
		return nil, fmt.Errorf("reference data folder: %w (give --data DIR or set DYAD_SHARED)", err)
	}
	recs, err := eval.Load(ctx, dataDir, name)
	if len(recs) == 0 && err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no records: %w", s.Path, dyad.ErrInvalid)
	}
	res := &SetResult{Set: name, File: filepath.Join(dataDir, filepath.FromSlash(s.Path)),
		Source: s.Source, License: s.License, Read: len(recs), Command: c.command(name)}
	res.noteMalformed(env, eval.Errors(err))
	if c.Limit > 0 && c.Limit < len(recs) {
		recs = recs[:c.Limit]
		res.Limit = c.Limit
	}
	res.Counts = eval.Count(recs)
	configs, err := c.configs(name, dataDir)
	if err != nil {
		return nil, err
	}
	for _, cfg := range configs {
		p, run, err := c.newPipeline(env, name, cfg, nil)
		if err != nil {
			return nil, err
		}
		label := name
		if len(configs) > 1 {
			label += " (" + cfg.name + ")"
		}
		start := time.Now()
		rep, err := eval.Score(ctx, label, recs, pipelineCoder(p), c.scoreOptions())
		if err != nil {
			return nil, err
		}
		run.Seconds = time.Since(start).Seconds()
		run.Report = rep
		res.Runs = append(res.Runs, run)
	}
	return res, nil
}

// noteMalformed records the per-record errors of a reader and prints their
// number and the first few on standard error.
func (res *SetResult) noteMalformed(env *Env, errs []error) {
	res.Malformed = len(errs)
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(env.Stderr, "dyad: eval %s: %d malformed records skipped\n", res.Set, len(errs))
	for i, e := range errs {
		if i == maxShown {
			fmt.Fprintf(env.Stderr, "  ... and %d more\n", len(errs)-maxShown)
			break
		}
		fmt.Fprintf(env.Stderr, "  %v\n", e)
		res.MalformedErrors = append(res.MalformedErrors, e.Error())
	}
}

// configs returns the runs of a set: one with the --dict dictionaries when
// they are given, else the set's own.
func (c *evalFlags) configs(name, dataDir string) ([]runConfig, error) {
	if len(c.Dict) > 0 {
		var dicts []string
		for _, d := range c.Dict {
			files, err := dictFiles(d)
			if err != nil {
				return nil, err
			}
			dicts = append(dicts, files...)
		}
		return []runConfig{{name: "--dict", dicts: dicts, replace: c.DictOnly}}, nil
	}
	runs, ok := setRuns[name]
	if !ok {
		return []runConfig{{name: "built-in"}}, nil
	}
	out := make([]runConfig, len(runs))
	for i, r := range runs {
		r.dicts = slices.Clone(r.dicts)
		for j, d := range r.dicts {
			r.dicts[j] = filepath.Join(dataDir, filepath.FromSlash(d))
		}
		if r.verbs != "" {
			r.verbs = filepath.Join(dataDir, filepath.FromSlash(r.verbs))
		}
		out[i] = r
	}
	return out, nil
}

// dictFiles returns path if it is a file, or the dictionary files of the
// folder path: those whose names contain "actor", "agent" or "discard".
func dictFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("dictionary folder: %w", err)
	}
	var out []string
	for _, e := range ents {
		n := strings.ToLower(e.Name())
		if e.Type().IsRegular() && (strings.Contains(n, "actor") || strings.Contains(n, "agent") || strings.Contains(n, "discard")) {
			out = append(out, filepath.Join(path, e.Name()))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("dictionary folder %s: no *actors*, *agents* or *discards* files: %w", path, dyad.ErrNotFound)
	}
	return out, nil
}

// newPipeline builds the coder of one run, with extra dictionaries added to
// those of cfg, and describes the run. Malformed dictionary lines are
// counted and the first few printed on standard error.
func (c *evalFlags) newPipeline(env *Env, set string, cfg runConfig, extra []string) (*pipeline.Pipeline, SetRun, error) {
	dicts := append(slices.Clone(cfg.dicts), extra...)
	run := SetRun{Name: cfg.name, Dicts: dicts, ReplaceActors: cfg.replace, Verbs: "dyad's event rules",
		UnusedVerbs: cfg.verbs}
	switch {
	case c.Verbs != "":
		run.VerbFile = c.Verbs
		if sameFile(c.Verbs, cfg.verbs) {
			run.UnusedVerbs = ""
		}
	case cfg.ownVerbs && !c.DyadRules:
		run.VerbFile, run.UnusedVerbs = cfg.verbs, ""
	}
	if len(c.Rules) > 0 && run.VerbFile == "" {
		run.Verbs += " and " + strings.Join(c.Rules, ", ")
	}
	for _, d := range dicts {
		_, err := dict.Load(d)
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, run, fmt.Errorf("dictionary: %w", err)
		}
		errs := eval.Errors(err)
		run.DictErrors += len(errs)
		if len(errs) > 0 {
			fmt.Fprintf(env.Stderr, "dyad: eval %s: dictionary %s: %d malformed lines skipped\n", set, d, len(errs))
			for _, e := range errs[:min(len(errs), maxShown)] {
				fmt.Fprintf(env.Stderr, "  %v\n", e)
			}
		}
	}
	rules := map[string][]byte{}
	for _, r := range c.Rules {
		b, err := os.ReadFile(r)
		if err != nil {
			return nil, run, err
		}
		rules[r] = b
	}
	opt := pipeline.Options{Dicts: dicts, ReplaceActors: cfg.replace, Rules: rules}
	if run.VerbFile != "" {
		vc, desc, bad, err := verbCoder(run.VerbFile, dicts, env.Stderr, "eval "+set)
		if err != nil {
			return nil, run, err
		}
		opt.Events, run.Verbs, run.VerbErrors = vc, desc, bad
		if len(c.Rules) > 0 {
			run.Verbs += " (--rules not used)"
		}
	}
	p, err := pipeline.New(opt)
	if err != nil {
		return nil, run, err
	}
	return p, run, nil
}

// sameFile reports whether two paths name the same file.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

func (c *evalFlags) scoreOptions() eval.Options {
	worst := c.Errors
	if worst <= 0 {
		worst = -1 // none
	}
	workers := c.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	return eval.Options{Worst: worst, Workers: workers}
}

// pipelineCoder codes a record's text as an article published on the
// record's date.
func pipelineCoder(p *pipeline.Pipeline) eval.Coder {
	return func(ctx context.Context, r eval.Record) ([]eval.Produced, error) {
		d, err := p.Code(ctx, dyad.Article{ID: r.Set + "/" + r.ID, Published: r.Date}, []byte(r.Text))
		if err != nil {
			return nil, err
		}
		return eval.FromEvents(d.Events), nil
	}
}

// command is the command line that reproduces a set's scores.
func (c *evalFlags) command(set string) string {
	args := []string{"dyad", "eval", set}
	for _, d := range c.Dict {
		args = append(args, "--dict", d)
	}
	if c.DictOnly {
		args = append(args, "--dict-only")
	}
	for _, r := range c.Rules {
		args = append(args, "--rules", r)
	}
	if c.Verbs != "" {
		args = append(args, "--verbs", c.Verbs)
	}
	if c.DyadRules {
		args = append(args, "--dyad-rules")
	}
	if c.Limit > 0 {
		args = append(args, "--limit", strconv.Itoa(c.Limit))
	}
	return strings.Join(args, " ")
}

// write prints the results in the chosen format.
func (c *evalFlags) write(env *Env, results []*SetResult) error {
	switch c.Format {
	case "json":
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if len(results) == 1 {
			return enc.Encode(results[0])
		}
		return enc.Encode(results)
	case "markdown":
		return writeMarkdown(env.Stdout, results)
	}
	for i, res := range results {
		if i > 0 {
			if _, err := io.WriteString(env.Stdout, "\n"); err != nil {
				return err
			}
		}
		if err := res.writeText(env.Stdout); err != nil {
			return err
		}
	}
	return nil
}

// writeText prints a result for a reader at a terminal.
func (res *SetResult) writeText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d records read from %s", res.Set, res.Read, res.File)
	if res.Malformed > 0 {
		fmt.Fprintf(&b, " (%d malformed, skipped)", res.Malformed)
	}
	fmt.Fprintf(&b, "\n  source: %s (%s)\n", res.Source, res.License)
	n := res.Counts
	if res.Limit > 0 {
		fmt.Fprintf(&b, "  --limit %d: the first %d records\n", res.Limit, n.Records)
	}
	fmt.Fprintf(&b, "  %d expect %d events, %d expect none, %d discard, %d complex", n.WithEvents, n.Events, n.NoEvent, n.Discard, n.Complex)
	if n.Labelled > 0 {
		fmt.Fprintf(&b, ", %d labelled", n.Labelled)
	}
	if n.PLOVER > 0 {
		fmt.Fprintf(&b, ", %d PLOVER", n.PLOVER)
	}
	b.WriteString("\n")
	for _, run := range res.Runs {
		fmt.Fprintf(&b, "\n== run: %s (%.1fs)\n", run.Name, run.Seconds)
		switch {
		case len(run.Dicts) == 0:
			b.WriteString("actors: dyad's built-in knowledge\n")
		case run.ReplaceActors:
			fmt.Fprintf(&b, "actors: %s, replacing dyad's built-in actors\n", strings.Join(run.Dicts, ", "))
		default:
			fmt.Fprintf(&b, "actors: dyad's built-in knowledge and %s\n", strings.Join(run.Dicts, ", "))
		}
		if run.DictErrors > 0 {
			fmt.Fprintf(&b, "  (%d malformed dictionary lines skipped)\n", run.DictErrors)
		}
		fmt.Fprintf(&b, "verbs: %s", run.Verbs)
		if run.UnusedVerbs != "" {
			fmt.Fprintf(&b, " (the set's own %s is not used)", run.UnusedVerbs)
		}
		b.WriteString("\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		b.Reset()
		if err := run.Report.WriteText(w); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdown prints the README table: eval's columns plus the set's
// source, its licence and the command that produced the row.
func writeMarkdown(w io.Writer, results []*SetResult) error {
	var b strings.Builder
	cols := append(slices.Clone(eval.MarkdownColumns), "source", "licence", "command")
	b.WriteString("| " + strings.Join(cols, " | ") + " |\n|---|")
	b.WriteString(strings.Repeat("---:|", len(eval.MarkdownColumns)-1) + "---|---|---|\n")
	for _, res := range results {
		for _, run := range res.Runs {
			cells := append(run.Report.MarkdownCells(), res.Source, res.License, "`"+res.Command+"`")
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// goldenCase is one case of the golden corpus.
type goldenCase struct {
	name  string
	text  []byte
	art   dyad.Article
	dicts []txtar.File // dict*.txt: dictionaries added for this case
	want  []byte       // want.json; nil when the case has none
	// events are the triples of want.json's events that are neither
	// negated nor denied.
	events []eval.Triple
}

// evalGolden codes the cases of dyad's golden corpus as the pipeline's
// golden test does and scores their documents and event triples.
func (c *evalFlags) evalGolden(ctx context.Context, env *Env, dir string) (*SetResult, error) {
	_, shared, err := c.dirs(env)
	if dir == "" {
		root, rerr := repoRoot()
		if rerr != nil {
			return nil, fmt.Errorf("%w; give --golden DIR", rerr)
		}
		dir = filepath.Join(root, "pipeline", "testdata", "golden")
	}
	if err != nil {
		shared = "" // only needed by cases that read a shared file
	}
	cases, bad, err := readGolden(dir, shared)
	if err != nil {
		return nil, err
	}
	res := &SetResult{Set: goldenSet, File: dir, Source: "dyad's golden corpus (pipeline/testdata/golden)",
		License: "as each case says", Read: len(cases), Command: c.command(goldenSet)}
	res.noteMalformed(env, bad)
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s: no readable golden cases: %w", dir, dyad.ErrInvalid)
	}
	if c.Limit > 0 && c.Limit < len(cases) {
		cases = cases[:c.Limit]
		res.Limit = c.Limit
	}
	recs := make([]eval.Record, len(cases))
	index := map[string]int{}
	for i, gc := range cases {
		recs[i] = gc.record()
		index[gc.name] = i
	}
	res.Counts = eval.Count(recs)
	configs, err := c.configs(goldenSet, "")
	if err != nil {
		return nil, err
	}
	cfg := configs[0]
	base, run, err := c.newPipeline(env, goldenSet, cfg, nil)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "dyad-golden-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	pipes := make([]*pipeline.Pipeline, len(cases))
	for i, gc := range cases {
		pipes[i] = base
		if len(gc.dicts) == 0 {
			continue
		}
		var extra []string
		for _, f := range gc.dicts {
			p := filepath.Join(tmp, gc.name+"."+f.Name)
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return nil, err
			}
			extra = append(extra, p)
		}
		if pipes[i], _, err = c.newPipeline(env, goldenSet, cfg, extra); err != nil {
			return nil, fmt.Errorf("case %s: %w", gc.name, err)
		}
		run.Name = cfg.name + "; each case's dict*.txt added"
	}
	equal := make([]bool, len(cases))
	coder := func(ctx context.Context, r eval.Record) ([]eval.Produced, error) {
		i := index[r.ID]
		d, err := pipes[i].Code(ctx, cases[i].art, cases[i].text)
		if err != nil {
			return nil, err
		}
		got, err := docJSON(d)
		if err != nil {
			return nil, err
		}
		equal[i] = bytes.Equal(got, cases[i].want)
		return eval.FromEvents(d.Events), nil
	}
	start := time.Now()
	rep, err := eval.Score(ctx, goldenSet, recs, coder, c.scoreOptions())
	if err != nil {
		return nil, err
	}
	var ids []string
	eq := map[string]bool{}
	for i, gc := range cases {
		if gc.want != nil {
			ids = append(ids, gc.name)
			eq[gc.name] = equal[i]
		}
	}
	rep.Documents = eval.NewDocumentScores(ids, eq)
	run.Seconds = time.Since(start).Seconds()
	run.Report = rep
	res.Runs = []SetRun{run}
	return res, nil
}

// docJSON encodes a document as the golden files hold it.
func docJSON(d *dyad.Doc) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// readGolden reads the *.txtar cases of dir in name order. A case that
// cannot be read is skipped and its error returned in bad; err is set only
// when the folder cannot be read.
func readGolden(dir, shared string) (cases []goldenCase, bad []error, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		if _, serr := os.Stat(dir); serr != nil {
			return nil, nil, fmt.Errorf("golden corpus: %w", serr)
		}
		return nil, nil, fmt.Errorf("golden corpus %s: no *.txtar cases: %w", dir, dyad.ErrNotFound)
	}
	slices.Sort(files)
	for _, f := range files {
		gc, err := readGoldenCase(f, shared)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		cases = append(cases, gc)
	}
	return cases, bad, nil
}

// readGoldenCase reads one case: article.txt or shared.txt (the path of
// the input under the shared folder), meta.json, dict*.txt and want.json.
func readGoldenCase(file, shared string) (goldenCase, error) {
	gc := goldenCase{name: strings.TrimSuffix(filepath.Base(file), ".txtar")}
	bad := func(err error) (goldenCase, error) {
		return goldenCase{}, &dyad.InputError{Input: file, Record: gc.name, Offset: -1, Err: err}
	}
	ar, err := txtar.ParseFile(file)
	if err != nil {
		return bad(err)
	}
	hasText := false
	for _, f := range ar.Files {
		switch {
		case f.Name == "article.txt":
			gc.text, hasText = f.Data, true
		case f.Name == "shared.txt":
			rel := strings.TrimSpace(string(f.Data))
			if shared == "" {
				return bad(fmt.Errorf("shared.txt names %s but the shared folder is unknown (give --data DIR): %w", rel, dyad.ErrNotFound))
			}
			if gc.text, err = os.ReadFile(filepath.Join(shared, filepath.FromSlash(rel))); err != nil {
				return bad(fmt.Errorf("shared.txt: %w", err))
			}
			hasText = true
		case f.Name == "meta.json":
			if err := json.Unmarshal(f.Data, &gc.art); err != nil {
				return bad(fmt.Errorf("meta.json: %w: %w", err, dyad.ErrInvalid))
			}
		case strings.HasPrefix(f.Name, "dict"):
			gc.dicts = append(gc.dicts, f)
		case f.Name == "want.json":
			gc.want = f.Data
		}
	}
	if !hasText {
		return bad(fmt.Errorf("no article.txt or shared.txt: %w", dyad.ErrInvalid))
	}
	if gc.want != nil {
		var w struct {
			Events []dyad.Event `json:"events"`
		}
		if err := json.Unmarshal(gc.want, &w); err != nil {
			return bad(fmt.Errorf("want.json: %w: %w", err, dyad.ErrInvalid))
		}
		for _, p := range eval.FromEvents(w.Events) {
			if p.Modality != dyad.Negated && p.Modality != dyad.Denied {
				gc.events = append(gc.events, p.Triple)
			}
		}
	}
	return gc, nil
}

// record returns the case as a gold record: want.json's asserted (not
// negated or denied) events are its expected triples, and a case without
// want.json expects nothing checkable.
func (gc *goldenCase) record() eval.Record {
	return eval.Record{Set: goldenSet, ID: gc.name, Date: gc.art.Published, Text: string(gc.text),
		Events: gc.events, NoEvent: gc.want != nil && len(gc.events) == 0}
}
