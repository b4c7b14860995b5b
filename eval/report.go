package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteText writes the report for a reader at a terminal.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d records, %d scored; skipped %d discard, %d complex, %d unchecked; %d coder failures\n",
		r.Set, r.Records, r.Scored, r.Skipped.Discard, r.Skipped.Complex, r.Skipped.Unchecked, r.Failed)
	if t := r.Triples; t != nil {
		fmt.Fprintf(&b, "\ntriples: %d records with %d expected events, %d produced\n", t.Records, t.Expected, t.Produced)
		fmt.Fprintf(&b, "  %-8s %6s %6s %6s %6s %6s %6s\n", "level", "P", "R", "F1", "TP", "FP", "FN")
		for _, l := range []struct {
			name string
			p    PRF
		}{{"exact", t.Exact}, {"root", t.Root}, {"country", t.Country}} {
			fmt.Fprintf(&b, "  %-8s %6.3f %6.3f %6.3f %6d %6d %6d\n", l.name, l.p.Precision, l.p.Recall, l.p.F1, l.p.TP, l.p.FP, l.p.FN)
		}
		fmt.Fprintf(&b, "no-event records with events: %d of %d (%s), %d events\n",
			t.NoEvent.WithEvents, t.NoEvent.Records, percent(t.NoEvent.Share, t.NoEvent.Records), t.NoEvent.Events)
		var off []Confusion
		for _, c := range t.Confusion {
			if c.Expected != c.Produced {
				off = append(off, c)
			}
		}
		if len(off) > 0 {
			b.WriteString("confusions (expected root -> produced root, - none):\n")
			for _, c := range off[:min(len(off), 15)] {
				fmt.Fprintf(&b, "  %-2s -> %-2s %5d\n", dash(c.Expected), dash(c.Produced), c.N)
			}
		}
	}
	if l := r.Labels; l != nil {
		fmt.Fprintf(&b, "\nlabels: %d records; label produced %d (%s), its root %d (%s); nothing produced %d\n",
			l.Records, l.Full, percent(l.FullShare, l.Records), l.Root, percent(l.RootShare, l.Records), l.None)
	}
	if p := r.PLOVER; p != nil {
		fmt.Fprintf(&b, "\nPLOVER: %d records; type %d (%s); source country %d of %d (%s); both %d (%s)\n",
			p.Records, p.TypeHits, percent(p.TypeAccuracy, p.Records), p.SourceHits, p.SourceRecords,
			percent(p.SourceAccuracy, p.SourceRecords), p.BothHits, percent(p.BothAccuracy, p.SourceRecords))
	}
	if d := r.Documents; d != nil {
		fmt.Fprintf(&b, "\ndocuments: %d of %d equal to the expected document (%s)\n", d.Equal, d.Cases, percent(d.Share, d.Cases))
		if len(d.Differ) > 0 {
			fmt.Fprintf(&b, "  differing: %s\n", strings.Join(d.Differ, ", "))
		}
	}
	if len(r.Worst) > 0 {
		b.WriteString("\nworst records:\n")
		for _, x := range r.Worst {
			at := ""
			if x.Line > 0 {
				at = fmt.Sprintf(" (line %d)", x.Line)
			}
			fmt.Fprintf(&b, "  %s%s: %d wrong\n    text:     %s\n", x.ID, at, x.Errors, clipText(x.Text, maxTextRunes))
			switch {
			case x.Label != "":
				fmt.Fprintf(&b, "    label:    %s\n", x.Label)
			case x.PLOVER != "":
				fmt.Fprintf(&b, "    expected: %s\n", x.PLOVER)
			default:
				fmt.Fprintf(&b, "    expected: %s\n", joinTriples(x.Expected))
			}
			fmt.Fprintf(&b, "    produced: %s\n", joinProduced(x.Produced))
		}
	}
	if len(r.Failures) > 0 {
		b.WriteString("\ncoder failures:\n")
		for _, f := range r.Failures {
			fmt.Fprintf(&b, "  %s (line %d): %s\n", f.ID, f.Line, f.Error)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxTextRunes bounds a record's text in the worst records list of
// WriteText (the JSON report keeps it whole).
const maxTextRunes = 400

// clipText returns s on one line, cut to at most n runes with "…" added
// when it was longer.
func clipText(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func percent(share float64, n int) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*share)
}

func joinTriples(ts []Triple) string {
	if len(ts) == 0 {
		return "none"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, "; ")
}

func joinProduced(ps []Produced) string {
	if len(ps) == 0 {
		return "none"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "; ")
}

// MarkdownColumns are the names of the README table's columns, the cells of
// MarkdownCells in order.
var MarkdownColumns = []string{"set", "records", "scored", "exact P", "exact R", "exact F1", "root F1",
	"country F1", "no-event records with events", "label in output (full / root)", "PLOVER type / source",
	"documents equal"}

// MarkdownHeader is the head of the README table that MarkdownRow fills:
// the set's name left-aligned, the figures right-aligned.
var MarkdownHeader = "| " + strings.Join(MarkdownColumns, " | ") + " |\n|---|" +
	strings.Repeat("---:|", len(MarkdownColumns)-1) + "\n"

// MarkdownCells returns the report's cells of the README table, one per
// MarkdownColumns; "–" marks a measure the set does not have.
func (r *Report) MarkdownCells() []string {
	na := "–"
	p, rc, f1, root, country, noev, label, plover, docs := na, na, na, na, na, na, na, na, na
	if t := r.Triples; t != nil {
		if t.Records > 0 {
			p, rc, f1 = f3(t.Exact.Precision), f3(t.Exact.Recall), f3(t.Exact.F1)
			root, country = f3(t.Root.F1), f3(t.Country.F1)
		}
		if t.NoEvent.Records > 0 {
			noev = fmt.Sprintf("%d/%d (%s)", t.NoEvent.WithEvents, t.NoEvent.Records, percent(t.NoEvent.Share, t.NoEvent.Records))
		}
	}
	if l := r.Labels; l != nil {
		label = percent(l.FullShare, l.Records) + " / " + percent(l.RootShare, l.Records)
	}
	if x := r.PLOVER; x != nil {
		plover = percent(x.TypeAccuracy, x.Records) + " / " + percent(x.SourceAccuracy, x.SourceRecords)
	}
	if d := r.Documents; d != nil {
		docs = fmt.Sprintf("%d/%d (%s)", d.Equal, d.Cases, percent(d.Share, d.Cases))
	}
	return []string{r.Set, fmt.Sprint(r.Records), fmt.Sprint(r.Scored), p, rc, f1, root, country, noev, label, plover, docs}
}

// MarkdownRow returns the report as one row of the README table.
func (r *Report) MarkdownRow() string { return "| " + strings.Join(r.MarkdownCells(), " | ") + " |\n" }

func f3(v float64) string { return fmt.Sprintf("%.3f", v) }

// WriteMarkdown writes a README table with one row per report.
func WriteMarkdown(w io.Writer, reports []*Report) error {
	var b strings.Builder
	b.WriteString(MarkdownHeader)
	for _, r := range reports {
		b.WriteString(r.MarkdownRow())
	}
	_, err := io.WriteString(w, b.String())
	return err
}
