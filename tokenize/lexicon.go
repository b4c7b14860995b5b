package tokenize

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/dyadhq/dyad"
)

// data holds the word lists of the tokenizer. Each file starts with a
// comment header that says what it holds and where it came from.
//
//go:embed data/*.txt
var data embed.FS

// abbrevClass says when an abbreviation may end a sentence.
type abbrevClass uint8

const (
	abbrevNone    abbrevClass = iota
	abbrevTitle               // before a name; never ends a sentence
	abbrevNumber              // only before a number; never ends a sentence
	abbrevEnd                 // ends a sentence before a common sentence opener
	abbrevLoose               // ends a sentence before most capitalised words
	abbrevInitial             // a single letter and a period (by rule)
	abbrevDotted              // letter groups with periods, U.S. (by rule)
)

var abbrevClasses = map[string]abbrevClass{
	"title":  abbrevTitle,
	"number": abbrevNumber,
	"end":    abbrevEnd,
	"loose":  abbrevLoose,
}

// lexicon is the decoded content of the data files. It is read once and
// shared, read-only, by every Tokenizer.
type lexicon struct {
	abbrevs       map[string]abbrevClass
	splits        map[string][]int // lower-case word -> byte lengths of its parts
	splitLens     [26]uint32       // per first letter, bit n set when a split word has n bytes
	units         map[string]bool  // lower case, plus single letters as written
	starters      map[string]bool
	continuations map[string]bool
	emoticons     []string // longest first
	datelineStop  map[string]bool
	prefixes      map[string]bool
}

var loadLexicon = sync.OnceValues(func() (*lexicon, error) { return readLexicon(data) })

// readLexicon decodes and validates every data file of fsys. A bad entry is
// an error that names the file and line.
func readLexicon(fsys fs.FS) (*lexicon, error) {
	lx := &lexicon{
		abbrevs:       map[string]abbrevClass{},
		splits:        map[string][]int{},
		units:         map[string]bool{},
		starters:      map[string]bool{},
		continuations: map[string]bool{},
		datelineStop:  map[string]bool{},
		prefixes:      map[string]bool{},
	}
	files := []struct {
		name string
		add  func(fields []string) error
	}{
		{"abbreviations.txt", lx.addAbbrev},
		{"contractions.txt", lx.addSplit},
		{"units.txt", oneWord(func(w string) error {
			if len(w) == 1 {
				lx.units[w] = true
				return nil
			}
			if w != strings.ToLower(w) {
				return errors.New("units of more than one letter must be written in lower case")
			}
			lx.units[w] = true
			return nil
		})},
		{"starters.txt", oneWord(set(lx.starters))},
		{"continuations.txt", oneWord(set(lx.continuations))},
		{"emoticons.txt", oneWord(func(w string) error {
			lx.emoticons = append(lx.emoticons, w)
			return nil
		})},
		{"dateline_stop.txt", oneWord(func(w string) error {
			if w != strings.ToUpper(w) {
				return errors.New("dateline stop words must be written in capitals")
			}
			lx.datelineStop[w] = true
			return nil
		})},
		{"hyphen_prefixes.txt", oneWord(func(w string) error {
			if w != strings.ToLower(w) {
				return errors.New("prefixes must be written in lower case")
			}
			lx.prefixes[w] = true
			return nil
		})},
	}
	for _, f := range files {
		if err := readList(fsys, "data/"+f.name, f.add); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(lx.emoticons, func(i, j int) bool { return len(lx.emoticons[i]) > len(lx.emoticons[j]) })
	return lx, nil
}

// readList calls add with the fields of every line of the named file that is
// neither blank nor a comment.
func readList(fsys fs.FS, name string, add func([]string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("tokenize: read %s: %w", name, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := add(strings.Fields(s)); err != nil {
			return &dyad.InputError{Input: name, Line: line, Offset: -1, Err: fmt.Errorf("%w: %w", dyad.ErrInvalid, err)}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("tokenize: read %s: %w", name, err)
	}
	return nil
}

// oneWord adapts a function of one word to readList.
func oneWord(f func(string) error) func([]string) error {
	return func(fields []string) error {
		if len(fields) != 1 {
			return fmt.Errorf("want one word, got %d fields", len(fields))
		}
		return f(fields[0])
	}
}

// set returns a function that adds a word to m and rejects duplicates.
func set(m map[string]bool) func(string) error {
	return func(w string) error {
		if m[w] {
			return fmt.Errorf("duplicate %q", w)
		}
		m[w] = true
		return nil
	}
}

func (lx *lexicon) addAbbrev(fields []string) error {
	if len(fields) != 2 {
		return fmt.Errorf("want \"ABBREVIATION CLASS\", got %d fields", len(fields))
	}
	w, cls := fields[0], abbrevClasses[fields[1]]
	if cls == abbrevNone {
		return fmt.Errorf("unknown class %q", fields[1])
	}
	if len(w) < 2 || w[len(w)-1] != '.' {
		return fmt.Errorf("%q does not end with a period", w)
	}
	for _, r := range w[:len(w)-1] {
		if !isLetter(r) && r != '.' {
			return fmt.Errorf("%q holds %q; only letters and periods may", w, r)
		}
	}
	if _, dup := lx.abbrevs[w]; dup {
		return fmt.Errorf("duplicate %q", w)
	}
	lx.abbrevs[w] = cls
	// The capitals form, except for single letters, which are initials in
	// capitals.
	if up := strings.ToUpper(w); up != w && len(w) > 2 {
		if _, ok := lx.abbrevs[up]; !ok {
			lx.abbrevs[up] = cls
		}
	}
	return nil
}

func (lx *lexicon) addSplit(fields []string) error {
	if len(fields) != 2 {
		return fmt.Errorf("want \"WORD PART|PART...\", got %d fields", len(fields))
	}
	w, parts := fields[0], strings.Split(fields[1], "|")
	if w != strings.ToLower(w) {
		return fmt.Errorf("%q must be written in lower case", w)
	}
	if strings.Join(parts, "") != w || len(parts) < 2 {
		return fmt.Errorf("parts %q do not spell %q", fields[1], w)
	}
	if _, dup := lx.splits[w]; dup {
		return fmt.Errorf("duplicate %q", w)
	}
	lens := make([]int, len(parts))
	for i, p := range parts {
		if p == "" {
			return fmt.Errorf("empty part in %q", fields[1])
		}
		lens[i] = len(p)
	}
	lx.splits[w] = lens
	if c := w[0]; c < 'a' || c > 'z' || len(w) > 31 {
		return fmt.Errorf("%q must start with a letter a-z and have at most 31 bytes", w)
	}
	lx.splitLens[w[0]-'a'] |= 1 << len(w)
	return nil
}
