package tokenize

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/dyadtest"
)

var tk = New()

func forms(toks []dyad.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Form
	}
	return out
}

func sentenceTexts(text string, sents []dyad.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     string // tokens separated by " | "
	}{
		{"abbreviations", "U.S. and U.N. and U.K. envoys, Gen. Smith, Mr. Jones, Mrs. Lee, Dr. Ali",
			"U.S. | and | U.N. | and | U.K. | envoys | , | Gen. | Smith | , | Mr. | Jones | , | Mrs. | Lee | , | Dr. | Ali"},
		{"more abbreviations", "Sen. Reid, Rep. King, Lt. Col. Ames of Acme Inc. and Foo Corp. vs. Bar etc.",
			"Sen. | Reid | , | Rep. | King | , | Lt. | Col. | Ames | of | Acme | Inc. | and | Foo | Corp. | vs. | Bar | etc."},
		{"months and times", "on Jan. 5 and Feb. 6 at 5 a.m. or 6 p.m.",
			"on | Jan. | 5 | and | Feb. | 6 | at | 5 | a.m. | or | 6 | p.m."},
		{"No. before a number only", "No. 10 Downing Street said No.",
			"No. | 10 | Downing | Street | said | No | ."},
		{"initials", "J. R. R. Tolkien and George W. Bush",
			"J. | R. | R. | Tolkien | and | George | W. | Bush"},
		{"dotted", "e.g. i.e. Ph.D. a.m.", "e.g. | i.e. | Ph.D. | a.m."},
		{"sentence-final period", "It ended.", "It | ended | ."},
		{"decimals and thousands", "3.5 and 1,200 and 10,000,000 but 11,2000",
			"3.5 | and | 1,200 | and | 10,000,000 | but | 11 | , | 2000"},
		{"currency and units", "$4.2bn, €3m, 65k, 10am, 5pm", "$ | 4.2 | bn | , | € | 3 | m | , | 65 | k | , | 10 | am | , | 5 | pm"},
		{"ordinals and decades", "20th 1990s 1990's 3D 5G", "20th | 1990s | 1990's | 3D | 5G"},
		{"scores and tallies", "141-7-32 and 52-48", "141-7-32 | and | 52-48"},
		{"percentages", "rose 3.5% (or 4 %)", "rose | 3.5 | % | ( | or | 4 | % | )"},
		{"times and dates", "10:30 on 9/11 or 2023-02-24", "10:30 | on | 9/11 | or | 2023-02-24"},
		{"hyphenated words", "a full-scale war to de-Nazify", "a | full-scale | war | to | de-Nazify"},
		{"dashes", "Kyiv—Moscow – and -- then", "Kyiv | — | Moscow | – | and | -- | then"},
		{"ellipses", "well... no… ok...?", "well | ... | no | … | ok | ... | ?"},
		{"repeated marks", "what?! really!!! ''quoted''", "what | ?! | really | !!! | '' | quoted | ''"},
		{"URLs", "See https://example.com/a_b?x=1. Or (www.mehrnews.com/news).",
			"See | https://example.com/a_b?x=1 | . | Or | ( | www.mehrnews.com/news | ) | ."},
		{"URL with brackets", "http://en.wikipedia.org/wiki/Kyiv_(city)", "http://en.wikipedia.org/wiki/Kyiv_(city)"},
		{"e-mail", "Write to press@mfa.gov.ir, or mailto:a.b@x.org.", "Write | to | press@mfa.gov.ir | , | or | mailto:a.b@x.org | ."},
		{"handles and hashtags", "@DmytroKuleba wrote #StandWithUkraine! #1", "@DmytroKuleba | wrote | #StandWithUkraine | ! | # | 1"},
		{"contractions", "can't don't won't I'm they're we've he'll I'd",
			"ca | n't | do | n't | wo | n't | I | 'm | they | 're | we | 've | he | 'll | I | 'd"},
		{"contractions in capitals and curly", "CAN'T Don’t", "CA | N'T | Do | n’t"},
		{"possessives", "Iran's Iran’s countries' countries’ O'Neill's", "Iran | 's | Iran | ’s | countries | ' | countries | ’ | O'Neill | 's"},
		{"table splits", "gonna cannot Cannot dont", "gon | na | can | not | Can | not | do | nt"},
		{"inner apostrophes", "Shi'ite rock 'n' roll '90s", "Shi'ite | rock | ' | n | ' | roll | '90s"},
		{"quotes", `"Yes," he said. “No,” she said. ‘Maybe’`, `" | Yes | , | " | he | said | . | “ | No | , | ” | she | said | . | ‘ | Maybe | ’`},
		{"brackets", "(a) [b] {c}", "( | a | ) | [ | b | ] | { | c | }"},
		{"emoticons", "great :) bad :-( 10:30", "great | :) | bad | :-( | 10:30"},
		{"diacritics", "Café naïve Zürich Abdollahian’s", "Café | naïve | Zürich | Abdollahian | ’s"},
		{"Cyrillic", "Москва, «Привет»!", "Москва | , | « | Привет | » | !"},
		{"Arabic", "العربية، نعم؟", "العربية | ، | نعم | ؟"},
		{"unicode spaces", "a\u00a0b\u2009c\u3000d\u200be", "a | b | c | d | e"},
		{"combining marks", "Cafe\u0301 .\u0301", "Cafe\u0301 | .\u0301"},
		{"slash", "and/or b/c 11/10/2000", "and | / | or | b/c | 11/10/2000"},
		{"ampersand", "AT&T and R & D", "AT&T | and | R | & | D"},
		{"invalid UTF-8", "a\xffb \xc3 \xe2\x80", "a\xffb | \xc3 | \xe2\x80"},
		{"empty", "", ""},
		{"spaces only", " \n\t\u00a0", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			if c.want != "" {
				want = strings.Split(c.want, " | ")
			}
			toks := tk.Tokens(c.in)
			if diff := cmp.Diff(want, forms(toks), cmpEmpty); diff != "" {
				t.Errorf("Tokens(%q) (-want +got):\n%s", c.in, diff)
			}
			if err := checkTokens(c.in, toks, nil); err != nil {
				t.Error(err)
			}
		})
	}
}

var cmpEmpty = cmp.Transformer("empty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

func TestSplitHyphens(t *testing.T) {
	ewt := New(SplitHyphens())
	for _, c := range []struct{ in, want string }{
		{"a full-scale war", "a | full | - | scale | war"},
		{"to de-Nazify by e-mail", "to | de-Nazify | by | e-mail"},
		{"anti-war co-founder", "anti-war | co-founder"},
		{"52-48 and 141-7-32", "52-48 | and | 141-7-32"},
		{"a five-year-old", "a | five | - | year | - | old"},
		{"mail a@x-y.com", "mail | a@x-y.com"},
	} {
		if diff := cmp.Diff(strings.Split(c.want, " | "), forms(ewt.Tokens(c.in))); diff != "" {
			t.Errorf("Tokens(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestTokenFields(t *testing.T) {
	text := "TEHRAN - Iran’s envoy said."
	toks := tk.Tokens(text)
	want := []dyad.Token{
		{Start: 0, End: 6, Form: "TEHRAN", Head: -1},
		{Start: 7, End: 8, Form: "-", Head: -1},
		{Start: 9, End: 13, Form: "Iran", Head: -1},
		{Start: 13, End: 17, Form: "’s", Head: -1},
		{Start: 18, End: 23, Form: "envoy", Head: -1},
		{Start: 24, End: 28, Form: "said", Head: -1},
		{Start: 28, End: 29, Form: ".", Head: -1},
	}
	if diff := cmp.Diff(want, toks); diff != "" {
		t.Errorf("Tokens(%q) (-want +got):\n%s", text, diff)
	}
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"plain", "Iran denied it. Russia agreed! Did Ukraine? Yes.",
			[]string{"Iran denied it.", "Russia agreed!", "Did Ukraine?", "Yes."}},
		{"not after titles", "Gen. Smith met Mr. Jones. Dr. Ali left.",
			[]string{"Gen. Smith met Mr. Jones.", "Dr. Ali left."}},
		{"not after initials", "George W. Bush met J. R. R. Tolkien. They spoke.",
			[]string{"George W. Bush met J. R. R. Tolkien.", "They spoke."}},
		{"abbreviation before an opener ends", "He lives in the U.S. The U.S. Army left. He joined Acme Inc. Then he quit.",
			[]string{"He lives in the U.S.", "The U.S. Army left.", "He joined Acme Inc.", "Then he quit."}},
		{"times", "It starts at 5 p.m. Monday and ends at 6 p.m. Officials said so.",
			[]string{"It starts at 5 p.m. Monday and ends at 6 p.m.", "Officials said so."}},
		{"time zone", "It starts at 5 p.m. Moscow time. It ends.", []string{"It starts at 5 p.m. Moscow time.", "It ends."}},
		{"months", "On Jan. 5 it began. On Feb. 6 it ended.", []string{"On Jan. 5 it began.", "On Feb. 6 it ended."}},
		{"decimals", "It rose 3.5 percent. Then 4.2.", []string{"It rose 3.5 percent.", "Then 4.2."}},
		{"lower case after a period", "It fell. and then rose.", []string{"It fell.", "and then rose."}},
		{"not before lower case after ellipsis", "It fell... and then rose.", []string{"It fell... and then rose."}},
		{"ellipsis before a capital", "It fell... Then it rose.", []string{"It fell...", "Then it rose."}},
		{"closing quote stays", "“Relations are good,” Kanaani remarked. He left.",
			[]string{"“Relations are good,” Kanaani remarked.", "He left."}},
		{"quotation of two sentences", "“It is over. We won,” he said. Then he left.",
			[]string{"“It is over.", "We won,” he said.", "Then he left."}},
		{"period inside quotes", `He said "no." She said "yes."`, []string{`He said "no."`, `She said "yes."`}},
		{"question in quotes", `"Why?" he asked. "Because," she said.`, []string{`"Why?" he asked.`, `"Because," she said.`}},
		{"fragment quotation holds", `The vote "made it clear. Ukraine's integrity must be restored". "One year on," he said.`,
			[]string{`The vote "made it clear. Ukraine's integrity must be restored".`, `"One year on," he said.`}},
		{"quoted sentences split", `It read, "The people condemn it. Let them know." He left.`,
			[]string{`It read, "The people condemn it.`, `Let them know."`, "He left."}},
		{"unclosed fragment quotation", `He said "it ended. It did not.`, []string{`He said "it ended.`, "It did not."}},
		{"brackets", "Prices rose. (See below.) Then what?", []string{"Prices rose.", "(See below.)", "Then what?"}},
		{"digit start", "It ended. 141 nations voted.", []string{"It ended.", "141 nations voted."}},
		{"no space", "It ended.Then", []string{"It ended.Then"}},
		{"blank line", "Iran denies drones\n\nThe ministry said so", []string{"Iran denies drones", "The ministry said so"}},
		{"wrapped lines", "The United\nNations said on Friday\nthat it would meet.", []string{"The United\nNations said on Friday\nthat it would meet."}},
		{"indented line", "First line\n  Second line", []string{"First line", "Second line"}},
		{"one paragraph per line", strings.Repeat("word ", 30) + "end\nNext paragraph\nand more", []string{strings.Repeat("word ", 30) + "end", "Next paragraph", "and more"}},
		{"headline in wrapped text", "Iran denies sending drones\nThe ministry of foreign affairs of Iran said on Friday\nthat it had not sent any drones to Russia, and that\nit would not.",
			[]string{"Iran denies sending drones", "The ministry of foreign affairs of Iran said on Friday\nthat it had not sent any drones to Russia, and that\nit would not."}},
		{"licence line", "He left.\n\nAll Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License",
			[]string{"He left.", "All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License"}},
		{"dateline", "KYIV, Feb 23 (Reuters) - Ukraine said. Russia denied.", []string{"Ukraine said.", "Russia denied."}},
		{"dateline after a headline", "Iran denies drones\n\nTEHRAN - Iran denied. Russia agreed.", []string{"Iran denies drones", "Iran denied.", "Russia agreed."}},
		{"other scripts", "Москва заявила. Киев отрицает! 東京。大阪。", []string{"Москва заявила.", "Киев отрицает!", "東京。", "大阪。"}},
		{"empty", "", []string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sents := tk.Sentences(c.in)
			if diff := cmp.Diff(c.want, sentenceTexts(c.in, sents)); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", c.in, diff)
			}
			if err := checkSentences(tk, c.in, sents); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestDateline(t *testing.T) {
	for _, c := range []struct {
		in, place, whole string
	}{
		{"TEHRAN - Iranian Foreign Ministry spokesman", "TEHRAN", "TEHRAN -"},
		{"KYIV, Feb 23 (Reuters) - Ukraine said", "KYIV", "KYIV, Feb 23 (Reuters) -"},
		{"WASHINGTON (AP) — The Senate voted", "WASHINGTON", "WASHINGTON (AP) —"},
		{"MOSCOW, March 3 – Russia said", "MOSCOW", "MOSCOW, March 3 –"},
		{"NEW YORK, Feb. 23, 2023 (AFP) -- The UN voted", "NEW YORK", "NEW YORK, Feb. 23, 2023 (AFP) --"},
		{"KYIV, Ukraine (AP) — Russia fired", "KYIV", "KYIV, Ukraine (AP) —"},
		{"  \nBEIRUT—Lebanon said", "BEIRUT", "BEIRUT—"},
		{"Iran denies drones\n\nTEHRAN - Iran denied", "TEHRAN", "TEHRAN -"},
		{"UPDATE 2-Iran says", "", ""},
		{"BREAKING - Iran says", "", ""},
		{"Tehran - Iran said", "", ""},
		{"TEHRAN-based firms said", "", ""},
		{"NATO said on Friday", "", ""},
		{"TEHRAN - ", "", ""},
		{"WASHINGTON, and the rest - no", "", ""},
		{"Iran denies drones.\nTEHRAN - Iran denied", "", ""},
		{"", "", ""},
	} {
		place, span, ok := tk.Dateline(c.in)
		got := ""
		if ok {
			got = c.in[span.Start:span.End]
		}
		if place != c.place || got != c.whole || ok != (c.place != "") {
			t.Errorf("Dateline(%q) = %q, %q, %v; want %q, %q", c.in, place, got, ok, c.place, c.whole)
		}
	}
}

func TestAnnotate(t *testing.T) {
	d := &dyad.Doc{Article: dyad.Article{ID: "a1"}, Text: "TEHRAN - Iran denied it. Russia agreed."}
	if err := tk.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Article.Dateline != "TEHRAN" {
		t.Errorf("Dateline = %q, want TEHRAN", d.Article.Dateline)
	}
	want := []dyad.Sentence{{N: 1, Start: 9, End: 24}, {N: 2, Start: 25, End: 39}}
	if diff := cmp.Diff(want, d.Sentences, cmp.Transformer("noTokens", func(s dyad.Sentence) dyad.Sentence {
		s.Tokens = nil
		return s
	})); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Russia", "agreed", "."}, forms(d.Sentences[1].Tokens)); diff != "" {
		t.Errorf("tokens of sentence 2 (-want +got):\n%s", diff)
	}

	d = &dyad.Doc{Article: dyad.Article{Dateline: "Tehran"}, Text: "TEHRAN - Iran denied it."}
	if err := tk.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Article.Dateline != "Tehran" {
		t.Errorf("Annotate replaced the dateline %q with %q", "Tehran", d.Article.Dateline)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tk.Annotate(ctx, d); !errors.Is(err, context.Canceled) {
		t.Errorf("Annotate with a cancelled context: err = %v, want context.Canceled", err)
	}
}

// TestSeed is the acceptance test of the seed article: the dateline and the
// 21 sentences that EXPECTED.md describes.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := &dyad.Doc{Text: string(b)}
	if err := tk.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Article.Dateline != "TEHRAN" {
		t.Errorf("Dateline = %q, want TEHRAN", d.Article.Dateline)
	}
	texts := sentenceTexts(d.Text, d.Sentences)
	if len(texts) != 21 {
		t.Fatalf("got %d sentences, want 21:\n%s", len(texts), strings.Join(texts, "\n"))
	}
	for _, c := range []struct {
		n           int
		start, end  string
		mustContain string
	}{
		{1, "Iranian Foreign Ministry spokesman Nasser Kanaani", "with the Russian officials.", ""},
		{2, "Speaking with Sputnik on Friday", "the Ukrainian conflict.", ""},
		{3, "The military and defense connections", "the ministry spokesman stressed.", ""},
		{4, "“Relations between Iran and Russia", "nations,” Kanaani remarked.", ""},
		{5, "He said military collaboration", "has a long history.", ""},
		{7, "Moscow said that", "the former Soviet republic.", "“de-Nazify”"},
		{14, "The UN General Assembly in New York", "a year ago.", ""},
		{18, "The seven countries who voted against", "Nicaragua and Syria.", ""},
		{19, "Ukrainian Foreign Minister Dmytro Kuleba said", `must be restored".`, "aggression. Ukraine's territorial integrity"},
		{20, `"One year after Russia launched its full-scale invasion`, `," he tweeted.`, ""},
		{21, "All Content by Mehr News Agency", "International License.", ""},
	} {
		s := texts[c.n-1]
		if !strings.HasPrefix(s, c.start) || !strings.HasSuffix(s, c.end) || !strings.Contains(s, c.mustContain) {
			t.Errorf("sentence %d = %q\nwant it to start %q, end %q and contain %q", c.n, s, c.start, c.end, c.mustContain)
		}
	}
	if err := checkSentences(tk, d.Text, d.Sentences); err != nil {
		t.Error(err)
	}
}

func TestLexicon(t *testing.T) {
	lx, err := readLexicon(data)
	if err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	for _, w := range []string{"Mr.", "MR.", "Gen.", "etc.", "No."} {
		if lx.abbrevs[w] == abbrevNone {
			t.Errorf("abbreviation %q missing", w)
		}
	}
	if _, ok := lx.abbrevs["P."]; ok {
		t.Errorf("the capitals form of a single-letter abbreviation (P.) must not be added: it is an initial")
	}
	// Every file starts with a header that names its source.
	names, err := fs.Glob(data, "data/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(data, name)
		if !strings.HasPrefix(string(b), "#") || !strings.Contains(string(b), "Source:") {
			t.Errorf("%s has no header naming its source", name)
		}
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, c := range []struct {
		file, content, where string
	}{
		{"abbreviations.txt", "# h\nMr. title\nGen. general\n", "data/abbreviations.txt:3"},
		{"abbreviations.txt", "Mr title\n", "data/abbreviations.txt:1"},
		{"abbreviations.txt", "Mr. title\nMr. end\n", "data/abbreviations.txt:2"},
		{"contractions.txt", "cannot can|nut\n", "data/contractions.txt:1"},
		{"contractions.txt", "\n\nCannot Can|not\n", "data/contractions.txt:3"},
		{"units.txt", "KM\n", "data/units.txt:1"},
		{"starters.txt", "The\nThe\n", "data/starters.txt:2"},
		{"dateline_stop.txt", "update\n", "data/dateline_stop.txt:1"},
		{"hyphen_prefixes.txt", "anti war\n", "data/hyphen_prefixes.txt:1"},
	} {
		fsys := fstest.MapFS{}
		names, _ := fs.Glob(data, "data/*.txt")
		for _, n := range names {
			b, _ := fs.ReadFile(data, n)
			fsys[n] = &fstest.MapFile{Data: b}
		}
		fsys["data/"+c.file] = &fstest.MapFile{Data: []byte(c.content)}
		_, err := readLexicon(fsys)
		var ie *dyad.InputError
		if !errors.As(err, &ie) || !errors.Is(err, dyad.ErrInvalid) || !strings.HasPrefix(err.Error(), c.where+":") {
			t.Errorf("%s %q: err = %v, want an invalid-input error at %s", c.file, c.content, err, c.where)
		}
	}
}

func TestConcurrent(t *testing.T) {
	text := "TEHRAN - Iran’s envoy said “no.” Russia agreed. The U.S. did not."
	want := tk.Sentences(text)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 50 {
				if diff := cmp.Diff(want, tk.Sentences(text)); diff != "" {
					errs <- fmt.Errorf("concurrent Sentences differ (-want +got):\n%s", diff)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// checkTokens checks that toks are tokens of text: in bounds, increasing,
// not overlapping, Form the text of their span, unparsed, and covering every
// non-space character outside skip.
func checkTokens(text string, toks []dyad.Token, skip *dyad.Span) error {
	pos := 0
	gap := func(a, b int) error {
		for i := a; i < b; {
			if skip != nil && i >= skip.Start && i < skip.End {
				i = skip.End
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:b])
			if r == utf8.RuneError && n <= 1 || !IsSpace(r) {
				return fmt.Errorf("byte %d (%q) of %q is in no token", i, text[i:i+max(n, 1)], text)
			}
			i += n
		}
		return nil
	}
	for i, k := range toks {
		if k.Start < pos || k.End <= k.Start || k.End > len(text) {
			return fmt.Errorf("token %d [%d,%d) out of order or bounds (previous ends at %d, text has %d bytes)", i, k.Start, k.End, pos, len(text))
		}
		if k.Form != text[k.Start:k.End] {
			return fmt.Errorf("token %d form %q is not its text %q", i, k.Form, text[k.Start:k.End])
		}
		if k.Head != -1 {
			return fmt.Errorf("token %d has head %d, want -1", i, k.Head)
		}
		if err := gap(pos, k.Start); err != nil {
			return err
		}
		pos = k.End
	}
	return gap(pos, len(text))
}

// checkSentences checks that sents are sentences of text: numbered from 1,
// non-empty, in order, spanning their tokens, and together holding the tokens
// of text but those of a dateline.
func checkSentences(t *Tokenizer, text string, sents []dyad.Sentence) error {
	var all []dyad.Token
	for i, s := range sents {
		if s.N != i+1 {
			return fmt.Errorf("sentence %d numbered %d", i+1, s.N)
		}
		if len(s.Tokens) == 0 {
			return fmt.Errorf("sentence %d has no tokens", s.N)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			return fmt.Errorf("sentence %d [%d,%d) does not span its tokens", s.N, s.Start, s.End)
		}
		all = append(all, s.Tokens...)
	}
	var skip *dyad.Span
	if _, span, ok := t.Dateline(text); ok {
		skip = &span
		for _, k := range all {
			if k.Start < span.End && k.End > span.Start {
				return fmt.Errorf("token %q [%d,%d) lies in the dateline %v", k.Form, k.Start, k.End, span)
			}
		}
	}
	return checkTokens(text, all, skip)
}
