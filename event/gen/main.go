// Command gen converts the PETRARCH-2 CAMEO verb-pattern dictionary of the
// Phoenix pipeline into dyad's event rule format (event/rules/phoenix.rules).
//
//	go run ./event/gen -in ../shared/data/phoenix/CAMEO.2.0.txt -out event/rules/phoenix.rules
//
// Each verb block's verbs become the heads of its rules: one rule for the
// block's (or a verb's own) default code, and one per pattern, whose words
// after the verb become the rule's ordered words. Synonym sets (&NAME) are
// expanded to alternatives; "(PREP +)" gives the target slot PREP. Patterns
// with words before the verb, and statements (010), are left out: dyad finds
// subjects from the parse and codes no residual statements.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/dyadhq/dyad/cameo"
)

var (
	blockRE   = regexp.MustCompile(`^---\s+(\S+)\s+\[([^\]]*)\]\s+---`)
	codeRE    = regexp.MustCompile(`\[([0-9-]*(?::[0-9-]*)?)\]`)
	wordOK    = regexp.MustCompile(`^[a-z0-9'][a-z0-9'._-]*$`)
	stopWords = map[string]bool{"the": true, "a": true, "an": true, "to": false}
)

type block struct {
	name     string
	code     string
	verbs    []verb
	patterns []pattern
}

type verb struct {
	lemma string
	words []string
	code  string
}

type pattern struct {
	pre, post string
	code      string
	line      int
}

func main() {
	in := flag.String("in", "../shared/data/phoenix/CAMEO.2.0.txt", "PETRARCH verb dictionary")
	out := flag.String("out", "event/rules/phoenix.rules", "rule file to write")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	syn := map[string][]string{}
	var blocks []*block
	var cur *block
	var curSyn string
	section := ""
	sc := bufio.NewScanner(f)
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		if strings.HasPrefix(line, "####### SYNONYM") {
			section = "syn"
			continue
		}
		if strings.HasPrefix(line, "####### VERB PATTERNS") {
			section = "verbs"
			continue
		}
		if strings.HasPrefix(line, "######## TRANSFORMATIONS") {
			break
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		switch section {
		case "syn":
			if strings.HasPrefix(line, "&") {
				curSyn = strings.TrimSuffix(strings.ToLower(line[1:]), "_")
			} else if strings.HasPrefix(line, "+") && curSyn != "" {
				w := strings.Fields(line[1:])[0]
				syn[curSyn] = append(syn[curSyn], strings.ToLower(strings.TrimSuffix(w, "_")))
			}
		case "verbs":
			if m := blockRE.FindStringSubmatch(line); m != nil {
				cur = &block{name: strings.ToLower(m[1]), code: normCode(m[2])}
				blocks = append(blocks, cur)
				continue
			}
			if cur == nil {
				continue
			}
			if strings.HasPrefix(line, "-") {
				m := codeRE.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				body := strings.TrimSpace(line[1:strings.Index(line, "[")])
				pre, post, ok := strings.Cut(body, "*")
				if !ok {
					continue
				}
				cur.patterns = append(cur.patterns, pattern{pre: pre, post: post, code: normCode(m[1]), line: ln})
				continue
			}
			// a verb line: WORD or +MULTI_WORD, optional {forms}, optional [code]
			v := line
			if i := strings.Index(v, "{"); i >= 0 {
				v = v[:i]
			}
			code := ""
			if m := codeRE.FindStringSubmatch(line); m != nil {
				code = normCode(m[1])
				v = v[:strings.Index(v+"[", "[")]
			}
			fs := strings.Fields(v)
			if len(fs) == 0 {
				continue
			}
			parts := strings.Split(strings.ToLower(strings.TrimPrefix(fs[0], "+")), "_")
			var ps []string
			for _, p := range parts {
				if p != "" {
					ps = append(ps, p)
				}
			}
			if len(ps) == 0 || ps[0] == "re" || !wordOK.MatchString(ps[0]) {
				continue
			}
			cur.verbs = append(cur.verbs, verb{lemma: ps[0], words: ps[1:], code: code})
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	var lines []string
	kept, dropped := 0, 0
	for _, b := range blocks {
		// Heads sharing the block code, by their extra words.
		byWords := map[string][]string{}
		var order []string
		for _, v := range b.verbs {
			code := v.code
			if code == "" {
				code = b.code
			}
			k := strings.Join(v.words, " ")
			if code != b.code {
				if ok := usable(code); ok {
					lines = append(lines, rule(fmt.Sprintf("phx.%s.%s", b.name, v.lemma+suffix(v.words)), code, []string{v.lemma}, v.words, ""))
					kept++
				}
				continue
			}
			if _, seen := byWords[k]; !seen {
				order = append(order, k)
			}
			byWords[k] = appendUniq(byWords[k], v.lemma)
		}
		sort.Strings(order)
		if len(order) == 0 {
			continue
		}
		if usable(b.code) {
			for _, k := range order {
				var ws []string
				if k != "" {
					ws = strings.Fields(k)
				}
				lines = append(lines, rule(fmt.Sprintf("phx.%s%s", b.name, suffix(ws)), b.code, byWords[k], ws, ""))
				kept++
			}
		}
		for i, p := range b.patterns {
			if strings.TrimSpace(strings.NewReplacer("$", "", "+", "", "%", "").Replace(p.pre)) != "" || !usable(p.code) && p.code != "---" {
				dropped++
				continue
			}
			words, target, ok := convert(p.post, syn)
			if !ok || len(words) == 0 {
				dropped++
				continue
			}
			// One rule per particle group: "set off" patterns need "off".
			for _, k := range order {
				var ws []string
				if k != "" {
					ws = strings.Fields(k)
				}
				lines = append(lines, rule(fmt.Sprintf("phx.%s.%d%s", b.name, i+1, suffix(ws)), p.code, byWords[k], append(ws, words...), target))
				kept++
			}
		}
	}
	w, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `# Event rules converted from the Phoenix/PETRARCH-2 CAMEO verb-pattern dictionary
# (CAMEO.2.0.txt, openeventdata/petrarch2 data/dictionaries, MIT License,
# (c) 2015 Open Event Data Alliance; patterns derived from the TABARI CAMEO
# dictionaries and WordNet synonym sets).
# Generated by: go run ./event/gen -in ../shared/data/phoenix/CAMEO.2.0.txt -out event/rules/phoenix.rules
# Do not edit: change the generator or add rules to core.rules, which win ties.
# %d rules; %d patterns left out (words before the verb, statements, codes not in the codebook).
`, kept, dropped)
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d rules to %s (%d patterns left out)\n", kept, *out, dropped)
}

// normCode takes the active-voice code of "[A:B]" (or B when A is empty).
func normCode(s string) string {
	a, b, _ := strings.Cut(strings.TrimSpace(s), ":")
	if a == "" {
		return b
	}
	return a
}

// usable reports a code dyad can emit: a CAMEO code of the codebook (the
// dictionary also holds CAMEO 2.0 extensions such as 176 that it lacks),
// and no residual statement.
func usable(code string) bool {
	if code == "" || code == "---" || code == "010" || code == "01" {
		return false
	}
	_, ok := cameo.Lookup(code)
	return ok
}

func suffix(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	return "." + strings.Join(ws, "-")
}

func appendUniq(xs []string, ys ...string) []string {
	for _, y := range ys {
		found := false
		for _, x := range xs {
			found = found || x == y
		}
		if !found {
			xs = append(xs, y)
		}
	}
	return xs
}

// convert turns the part of a pattern after the verb into ordered words and
// a target slot.
func convert(post string, syn map[string][]string) ([]string, string, bool) {
	r := strings.NewReplacer("(", " ( ", ")", " ) ", "{", " ", "}", " ")
	toks := strings.Fields(r.Replace(post))
	var words []string
	target := ""
	prevPrep := ""
	for _, t := range toks {
		switch {
		case t == "(":
			prevPrep = ""
			continue
		case t == ")":
			// "(TO)" at the end of a group: the target is the object of TO.
			if prevPrep != "" && target == "" {
				target = prevPrep
				words = words[:len(words)-1]
			}
			prevPrep = ""
			continue
		case t == "+":
			if prevPrep != "" {
				target = prevPrep
				words = words[:len(words)-1] // the slot says it: "(TO +)" is "-> to"
			} else if len(words) == 0 {
				target = "obj"
			}
			continue
		case t == "$" || t == "%" || t == "^":
			continue
		}
		var alts []string
		if strings.HasPrefix(t, "&") {
			alts = syn[strings.TrimSuffix(strings.ToLower(t[1:]), "_")]
			if len(alts) == 0 {
				return nil, "", false
			}
		} else {
			w := strings.ToLower(strings.TrimSuffix(t, "_"))
			if stopWords[w] {
				continue
			}
			alts = []string{w}
		}
		var ok []string
		for _, a := range alts {
			a = strings.ReplaceAll(a, "_", "-")
			if wordOK.MatchString(a) {
				ok = appendUniq(ok, a)
			}
		}
		if len(ok) == 0 {
			return nil, "", false
		}
		words = append(words, strings.Join(ok, "|"))
		prevPrep = ""
		if len(ok) == 1 && isPrep(ok[0]) {
			prevPrep = ok[0]
		}
	}
	return words, target, true
}

func isPrep(w string) bool {
	switch w {
	case "to", "with", "against", "on", "in", "at", "for", "from", "into", "over", "toward", "towards", "of", "by", "upon", "onto", "about", "between":
		return true
	}
	return false
}

func rule(id, code string, heads, words []string, target string) string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(id, "_", "-"))
	b.WriteString(" ")
	b.WriteString(code)
	b.WriteString(" ")
	b.WriteString(strings.Join(heads, "|"))
	for _, w := range words {
		b.WriteString(" ")
		b.WriteString(w)
	}
	if target != "" {
		b.WriteString(" -> ")
		b.WriteString(target)
	}
	return b.String()
}
