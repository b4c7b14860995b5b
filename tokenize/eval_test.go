package tokenize

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/dyadtest"
)

var showSentErrors = flag.Bool("senterrors", false, "log sentence splitting errors on UD EWT test")

var showErrors = flag.Int("errors", 0, "log the `n` most frequent tokenization errors on UD EWT test")

func readEWT(t testing.TB, part string) []*conllu.Sentence {
	t.Helper()
	f, err := os.Open(dyadtest.Shared(t, "data/ud-english-ewt/en_ewt-ud-"+part+".conllu"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, part)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// TestEWT measures the tokenizer on UD English EWT test (CC BY-SA 4.0) and
// fails if the scores fall below the floors.
func TestEWT(t *testing.T) {
	sents := readEWT(t, "test")
	for _, c := range []struct {
		name                string
		tok                 *Tokenizer
		tokFloor, sentFloor float64
	}{
		// Measured: tokens F1 98.70%, sentences F1 68.99%.
		{"default", New(), 98.5, 68},
		// Measured: tokens F1 99.28%, sentences F1 68.99%.
		{"split-hyphens", New(SplitHyphens()), 99.1, 68},
	} {
		t.Run(c.name, func(t *testing.T) {
			counts := map[string]int{}
			sc, err := evaluateUD(c.tok, sents, func(m mismatch) {
				counts[fmt.Sprintf("%q -> %q", strings.Join(m.Gold, " "), strings.Join(m.Found, " "))]++
			}, func(m mismatch) {
				if *showSentErrors {
					t.Logf("GOLD %q\nFOUND %q", m.Gold, m.Found)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("UD EWT test, %d documents: tokens %v; sentences %v", sc.Docs, sc.Tokens, sc.Sentences)
			if got := 100 * sc.Tokens.F1(); got < c.tokFloor {
				t.Errorf("token F1 %.2f%% fell below %.2f%%", got, c.tokFloor)
			}
			if got := 100 * sc.Sentences.F1(); got < c.sentFloor {
				t.Errorf("sentence F1 %.2f%% fell below %.2f%%", got, c.sentFloor)
			}
			if *showErrors > 0 {
				keys := make([]string, 0, len(counts))
				for k := range counts {
					keys = append(keys, k)
				}
				sort.Slice(keys, func(i, j int) bool {
					if counts[keys[i]] != counts[keys[j]] {
						return counts[keys[i]] > counts[keys[j]]
					}
					return keys[i] < keys[j]
				})
				for _, k := range keys[:min(len(keys), *showErrors)] {
					t.Logf("%4d %s", counts[k], k)
				}
			}
		})
	}
}
