package extract

import (
	"math"
	"strconv"
	"strings"
)

// numeral is a number expression read from the tokens of a sentence.
type numeral struct {
	i, j      int // tokens of the whole expression: modifiers, currency, number, suffix
	value     float64
	low, high float64
	approx    bool
	rule      string
	prefix    *unit // a currency symbol before the number
	plural    bool  // an indefinite plural ("tens of billions") that may take "of" + noun
}

// months are the month names and abbreviations that make a small number
// next to them a day of the month, not an amount.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "jan.": true, "feb": true, "feb.": true, "mar.": true, "apr": true, "apr.": true, "jun.": true,
	"jul.": true, "aug": true, "aug.": true, "sep": true, "sep.": true, "sept": true, "sept.": true,
	"oct": true, "oct.": true, "nov": true, "nov.": true, "dec": true, "dec.": true,
}

// clockWords after a number make it a time of day.
var clockWords = map[string]bool{"am": true, "pm": true, "a.m.": true, "p.m.": true, "gmt": true, "utc": true, "o'clock": true, "hrs": true}

// oneBlockers before "one" make it a pronoun or determiner ("the one side", "no one").
var oneBlockers = map[string]bool{
	"the": true, "this": true, "that": true, "which": true, "each": true, "every": true, "any": true, "no": true,
	"only": true, "another": true, "someone": true, "anyone": true, "everyone": true, "no-one": true, "last": true,
}

// functionWords cannot be the noun after a number in untagged text.
var functionWords = map[string]bool{
	"of": true, "and": true, "or": true, "but": true, "to": true, "in": true, "on": true, "at": true, "by": true,
	"for": true, "with": true, "from": true, "the": true, "a": true, "an": true, "that": true, "which": true,
	"who": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "will": true, "would": true, "can": true, "could": true, "should": true,
	"may": true, "might": true, "must": true, "it": true, "its": true, "their": true, "his": true, "her": true,
	"this": true, "these": true, "those": true, "as": true, "than": true, "if": true, "after": true,
	"before": true, "since": true, "while": true, "when": true, "where": true, "not": true, "also": true,
	"another": true, "other": true, "more": true, "less": true, "such": true, "up": true, "out": true,
	"against": true, "about": true, "over": true, "under": true, "between": true, "into": true,
	"through": true, "during": true, "without": true, "within": true, "among": true, "per": true,
	"them": true, "us": true, "you": true, "they": true, "we": true, "he": true, "she": true, "i": true,
	"me": true, "him": true, "whom": true, "each": true, "every": true, "all": true, "some": true,
}

// parseDigits parses a number written in digits ("141", "1,200", "4.2").
func parseDigits(f string) (float64, bool) {
	if f == "" || f[0] < '0' || f[0] > '9' {
		return 0, false
	}
	seenDot := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c >= '0' && c <= '9':
		case c == ',':
			// a thousands separator: exactly three digits follow
			if seenDot || i == 0 || i+3 >= len(f)+1 {
				return 0, false
			}
			for k := i + 1; k <= i+3; k++ {
				if k >= len(f) || f[k] < '0' || f[k] > '9' {
					return 0, false
				}
			}
			if k := i + 4; k < len(f) && f[k] != ',' && f[k] != '.' {
				return 0, false
			}
		case c == '.' && !seenDot && i+1 < len(f):
			seenDot = true
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(f, ",", ""), 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// isYear reports whether a digit form looks like a calendar year.
func isYear(f string) bool {
	if len(f) != 4 {
		return false
	}
	n, err := strconv.Atoi(f)
	return err == nil && n >= 1800 && n <= 2100
}

// splitDash splits a form like "52-48" or "141-7-32" into its numbers.
func splitDash(f string) ([]float64, bool) {
	f = strings.ReplaceAll(f, "–", "-")
	if !strings.Contains(f, "-") {
		return nil, false
	}
	parts := strings.Split(f, "-")
	if len(parts) > 3 {
		return nil, false
	}
	out := make([]float64, len(parts))
	for i, p := range parts {
		v, ok := parseDigits(p)
		if !ok || strings.Contains(p, ".") {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// wordValue reads a number written in words starting at token i ("seven",
// "twenty-five", "two hundred and fifty thousand", "a dozen", "a million").
// It returns the value, the end token and whether a magnitude word was read.
func (v *vocab) wordValue(s *sent, i int) (float64, int, bool, bool) {
	total, cur := 0.0, 0.0
	j, any, magnitude := i, false, false
	if low := s.low[i]; (low == "a" || low == "an") && i+1 < len(s.low) {
		if w, ok := v.numbers[s.low[i+1]]; ok && (w.kind == numScale || w.kind == numHundred || w.kind == numDozen) {
			cur, j, any = 1, i+1, true
		} else {
			return 0, i, false, false
		}
	}
	lastKind := numKind(0)
	for j < len(s.low) {
		low := s.low[j]
		parts := []string{low}
		if strings.Contains(low, "-") {
			parts = strings.Split(low, "-")
		}
		ok := true
		var kinds []numWord
		for _, p := range parts {
			w, found := v.numbers[p]
			if !found || w.kind == numSuffix || w.kind == numPlural || w.kind == numFew {
				ok = false
				break
			}
			kinds = append(kinds, w)
		}
		if !ok {
			// "hundred and fifty": an "and" between number words
			if low == "and" && any && lastKind == numHundred && j+1 < len(s.low) {
				if w, f := v.numbers[s.low[j+1]]; f && (w.kind == numUnit || w.kind == numTens) {
					j++
					continue
				}
			}
			// "twenty - five" split by the tokenizer
			if low == "-" && lastKind == numTens && j+1 < len(s.low) {
				if w, f := v.numbers[s.low[j+1]]; f && w.kind == numUnit && w.value < 10 {
					j++
					continue
				}
			}
			break
		}
		for _, w := range kinds {
			switch w.kind {
			case numUnit, numTens:
				if lastKind == numUnit || lastKind == numTens && w.kind == numTens {
					// "seven eight" is two numbers; stop before the second
					if j > i && any {
						return total + cur, j, magnitude, true
					}
				}
				cur += w.value
			case numHundred:
				if cur == 0 {
					cur = 1
				}
				cur *= w.value
				magnitude = true
			case numScale:
				if cur == 0 {
					cur = 1
				}
				total += cur * w.value
				cur = 0
				magnitude = true
			case numDozen:
				if cur == 0 {
					cur = 1
				}
				cur *= w.value
			}
			lastKind = w.kind
			any = true
		}
		j++
	}
	if !any {
		return 0, i, false, false
	}
	return total + cur, j, magnitude, true
}

// readNumeral reads the number expression that starts at token i: digits or
// words with an optional suffix, or an indefinite plural range. Modifiers and
// currency symbols before i are picked up by the caller.
func (v *vocab) readNumeral(s *sent, i int) (numeral, bool) {
	n := numeral{i: i, j: i + 1}
	low := s.low[i]
	if val, ok := parseDigits(low); ok {
		n.value, n.rule = val, "amount.digits"
		if i+1 < len(s.low) {
			if w, ok := v.numbers[s.low[i+1]]; ok && (w.kind == numScale || w.kind == numHundred || w.kind == numSuffix) {
				// a bare "m" after digits is metres unless money is meant
				if !(s.low[i+1] == "m" || s.low[i+1] == "b") || i > 0 && v.isCurrencySymbol(s.low[i-1]) {
					n.value *= w.value
					n.j = i + 2
					n.rule = "amount.digits.magnitude"
				}
			}
		}
		n.low, n.high = n.value, n.value
		return n, true
	}
	if w, ok := v.numbers[low]; ok && (w.kind == numPlural || w.kind == numFew) {
		return v.readPlural(s, i, w)
	}
	if (low == "a") && i+2 < len(s.low) && s.low[i+1] == "few" {
		if w, ok := v.numbers["few"]; ok {
			if n, ok := v.readPlural(s, i+1, w); ok {
				n.i = i
				return n, true
			}
		}
	}
	val, j, magnitude, ok := v.wordValue(s, i)
	if !ok {
		return n, false
	}
	n.value, n.low, n.high, n.j = val, val, val, j
	n.rule = "amount.words"
	if magnitude {
		n.rule = "amount.words.magnitude"
	}
	return n, true
}

// readPlural reads "tens of billions", "hundreds of thousands", "dozens",
// "several hundred", "a few thousand".
func (v *vocab) readPlural(s *sent, i int, w numWord) (numeral, bool) {
	n := numeral{i: i, j: i + 1, low: w.value, high: w.high, approx: true, plural: true}
	n.rule = "amount.range.plural"
	if w.kind == numFew {
		// "several" counts as a number only before a magnitude word
		if i+1 >= len(s.low) {
			return n, false
		}
		m, ok := v.numbers[s.low[i+1]]
		if !ok || m.kind != numScale && m.kind != numHundred {
			return n, false
		}
		n.low, n.high, n.j, n.plural = w.value*m.value, w.high*m.value, i+2, false
		n.rule = "amount.range.few"
		n.value = n.low
		return n, true
	}
	// "tens of billions", "hundreds of thousands"
	if i+2 < len(s.low) && s.low[i+1] == "of" {
		if m, ok := v.numbers[s.low[i+2]]; ok && m.kind == numPlural && m.value >= 1000 {
			n.low, n.high, n.j = w.value*m.value, w.high*m.value, i+3
		}
	}
	n.value = n.low
	return n, true
}

// isCurrencySymbol reports whether a lower-case form is a currency symbol
// written before a number.
func (v *vocab) isCurrencySymbol(low string) bool {
	for _, ph := range v.units[low] {
		if ph.val.prefix && len(ph.words) == 1 {
			return true
		}
	}
	return false
}

// startsNumeral is a cheap test for a token that may begin a number.
func (v *vocab) startsNumeral(low string) bool {
	if low == "" {
		return false
	}
	if c := low[0]; c >= '0' && c <= '9' {
		return true
	}
	if low == "a" || low == "an" {
		return true
	}
	if _, ok := v.numbers[low]; ok {
		return true
	}
	if i := strings.IndexByte(low, '-'); i > 0 {
		_, ok := v.numbers[low[:i]]
		return ok
	}
	return false
}
