package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/source"
	"github.com/dyadhq/dyad/when"
)

// CodeCmd codes articles and prints the document JSON or a view of it.
type CodeCmd struct {
	Files       []string `arg:"" optional:"" help:"Inputs: text, HTML, RSS/Atom, WARC or JSONL files, folders or URLs; - or none for standard input."`
	InputFormat string   `help:"Read every input as this format instead of detecting it: text, html, feed, warc or jsonl." enum:",text,html,feed,warc,jsonl" default:""`
	Published   string   `help:"Publication date YYYY-MM-DD, the anchor of relative dates."`
	Source      string   `help:"Source name (news outlet)."`
	URL         string   `help:"Article URL."`
	Title       string   `help:"Article title."`
	Dict        []string `help:"TABARI/PETRARCH actor or agent dictionary file to add (repeatable)." type:"existingfile"`
	DictOnly    bool     `help:"Use only the --dict dictionaries, not the built-in actors."`
	Rules       []string `help:"Extra event rule file (repeatable)." type:"existingfile"`
	Verbs       string   `help:"Code events with this TABARI, PETRARCH or PETRARCH-2 verb dictionary instead of dyad's event rules (--dict adds its actor and agent dictionaries)." type:"existingfile" placeholder:"FILE"`
	Format      string   `help:"Output: json, jsonl, triples or table." enum:"json,jsonl,triples,table" default:"json"`
	MaxBytes    int      `help:"Largest article accepted, in bytes." default:"67108864"`
}

// Run codes each input; a failing input is reported and the rest goes on.
func (c *CodeCmd) Run(ctx context.Context, env *Env) error {
	if c.Published != "" {
		if _, ok := when.ParseDay(c.Published); !ok {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", c.Published)
		}
	}
	p, err := c.pipeline(env.Stderr)
	if err != nil {
		return err
	}
	files := c.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	var docs []*dyad.Doc
	failed := 0
	opt := source.Options{MaxBytes: int64(c.MaxBytes), Stdin: env.Stdin, Format: source.Format(c.InputFormat)}
	for _, f := range files {
		for it, err := range source.Read(ctx, f, opt) {
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fmt.Fprintf(env.Stderr, "dyad: %v\n", err)
				failed++
				continue
			}
			a := it.Article
			override(&a.Published, c.Published)
			override(&a.Source, c.Source)
			override(&a.URL, c.URL)
			override(&a.Title, c.Title)
			d, err := p.Code(ctx, a, []byte(it.Text))
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fmt.Fprintf(env.Stderr, "dyad: %s: %v\n", it.Input, err)
				failed++
				continue
			}
			for _, w := range d.Warnings {
				env.Log.Warn(w, "input", it.Input)
			}
			if c.Format != "json" {
				if err := writeDoc(env.Stdout, c.Format, d); err != nil {
					return err
				}
				continue
			}
			docs = append(docs, d)
		}
	}
	if c.Format == "json" && len(docs) > 0 {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		var v any = docs
		if len(docs) == 1 {
			v = docs[0]
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	if failed > 0 {
		return ErrPartial
	}
	return nil
}

func (c *CodeCmd) pipeline(stderr io.Writer) (*pipeline.Pipeline, error) {
	rules := map[string][]byte{}
	for _, r := range c.Rules {
		b, err := os.ReadFile(r)
		if err != nil {
			return nil, err
		}
		rules[r] = b
	}
	opt := pipeline.Options{Dicts: c.Dict, ReplaceActors: c.DictOnly, Rules: rules, MaxBytes: c.MaxBytes}
	if c.Verbs != "" {
		if len(c.Rules) > 0 {
			return nil, fmt.Errorf("--rules and --verbs: the verb dictionary replaces the event rules: %w", dyad.ErrInvalid)
		}
		vc, _, _, err := verbCoder(c.Verbs, c.Dict, stderr, "code")
		if err != nil {
			return nil, err
		}
		opt.Events = vc
	}
	return pipeline.New(opt)
}

// override sets *dst to v when v is given.
func override(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// writeDoc prints one document in a line-oriented format.
func writeDoc(w io.Writer, format string, d *dyad.Doc) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case "triples":
		for _, e := range d.Events {
			if _, err := fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", e.Sentence, orDash(e.Source.Code), orDash(e.Target.Code), e.CAMEO, e.Modality); err != nil {
				return err
			}
		}
		return nil
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "S\tSOURCE\tTARGET\tCAMEO\tEVENT\tMODALITY\tDATE\tSAID BY\tRULE\n")
		names := map[string]string{}
		for _, a := range d.Actors {
			names[a.ID] = a.Name
		}
		for _, e := range d.Events {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Sentence, orDash(e.Source.Code), orDash(e.Target.Code),
				e.CAMEO, e.CAMEOName, e.Modality, orDash(e.Date), orDash(names[e.AttributedTo]), e.Rule)
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown format %q", format)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
