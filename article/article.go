// Package article prepares an input for coding: it makes the text valid
// UTF-8, gives the article a content id, and reads metadata that the text
// itself states: the licence notice ("licensed under a Creative Commons
// Attribution 4.0 International License" is CC-BY-4.0) and the source named
// in it or in a wire dateline ("(Reuters)").
package article

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// Text returns b as valid UTF-8: each invalid byte becomes U+FFFD and NUL
// bytes become spaces. The second result counts the bytes replaced.
func Text(b []byte) (string, int) {
	if utf8.Valid(b) && !strings.ContainsRune(string(b), 0) {
		return string(b), 0
	}
	var sb strings.Builder
	sb.Grow(len(b))
	bad := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			sb.WriteRune(utf8.RuneError)
			bad++
		case r == 0:
			sb.WriteByte(' ')
			bad++
		default:
			sb.Write(b[:n])
		}
		b = b[n:]
	}
	return sb.String(), bad
}

// ID returns the content id of a text: the first 16 hex digits of the
// SHA-256 of its whitespace-normalised form, so the same story read from
// text, HTML, a feed or a WARC record gets the same id.
func ID(text string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(h[:8])
}

// Meta is the stage that fills in article metadata found in the text.
type Meta struct{}

// NewMeta returns the metadata stage.
func NewMeta() *Meta { return &Meta{} }

var (
	ccRE      = regexp.MustCompile(`(?i)creative\s+commons\s+(attribution(?:[\s-]+(?:non-?commercial|share-?alike|no-?derivatives|no-?derivs))*)\s*(\d\.\d)?`)
	ccByRE    = regexp.MustCompile(`(?i)\bCC[\s-]BY((?:-(?:NC|SA|ND))*)[\s-](\d\.\d)\b`)
	ccZeroRE  = regexp.MustCompile(`(?i)\b(CC0|public domain dedication)\b`)
	byRE      = regexp.MustCompile(`(?i)\b(?:all\s+)?content\s+(?:by|of|from)\s+(.{2,80}?)\s+is\s+licen[cs]ed`)
	wireRE    = regexp.MustCompile(`^[A-Z][A-Za-z .'-]{1,40}(?:,[^(\n]{0,40})?\s*\((Reuters|AP|AFP|Xinhua|IRNA|TASS|Anadolu|dpa|UPI|Bloomberg)\)`)
	licenceNm = map[string]string{"non-commercial": "NC", "noncommercial": "NC", "share-alike": "SA", "sharealike": "SA", "no-derivatives": "ND", "noderivatives": "ND", "no-derivs": "ND", "noderivs": "ND"}
)

// License returns the SPDX id of a Creative Commons notice in text, or "".
func License(text string) string {
	if !mayHoldLicence(text) {
		return ""
	}
	return license(text)
}

// license is License without the quick check.
func license(text string) string {
	if m := ccRE.FindStringSubmatch(text); m != nil {
		id := "CC-BY"
		parts := strings.Fields(strings.ToLower(strings.ReplaceAll(m[1], "-", " ")))
		for i := 1; i < len(parts); i++ {
			key := parts[i]
			if i+1 < len(parts) && (key == "non" || key == "share" || key == "no") {
				key += "-" + parts[i+1]
				i++
			}
			if s, ok := licenceNm[strings.ReplaceAll(key, " ", "")]; ok {
				id += "-" + s
			} else if s, ok := licenceNm[key]; ok {
				id += "-" + s
			}
		}
		v := m[2]
		if v == "" {
			v = "4.0"
		}
		return id + "-" + v
	}
	if m := ccByRE.FindStringSubmatch(text); m != nil {
		return "CC-BY" + strings.ToUpper(m[1]) + "-" + m[2]
	}
	if ccZeroRE.MatchString(text) {
		return "CC0-1.0"
	}
	return ""
}

// mayHoldLicence reports whether text has a word that every licence pattern
// needs ("creative", "public domain", or one starting with "cc"), so that
// the case-insensitive patterns, slow in Go, run only on the rare text that
// may match.
func mayHoldLicence(text string) bool {
	for i := 0; i+2 <= len(text); i++ {
		c := text[i] | 0x20
		if c != 'c' && c != 'p' || i > 0 && isWordByte(text[i-1]) {
			continue
		}
		rest := text[i:]
		if c == 'c' && text[i+1]|0x20 == 'c' ||
			len(rest) >= 8 && strings.EqualFold(rest[:8], "creative") ||
			len(rest) >= 13 && strings.EqualFold(rest[:6], "public") && strings.EqualFold(rest[7:13], "domain") {
			return true
		}
	}
	return false
}

func isWordByte(b byte) bool {
	b |= 0x20
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// Annotate sets the id, licence and source when the text gives them and the
// article does not.
func (Meta) Annotate(ctx context.Context, d *dyad.Doc) error {
	if d.Article.ID == "" {
		d.Article.ID = ID(d.Text)
	}
	tail := d.Text
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	if d.Article.License == "" {
		d.Article.License = License(tail)
	}
	if d.Article.Source == "" {
		if m := sourceLine(tail); m != "" {
			d.Article.Source = m
		} else if m := wireRE.FindStringSubmatch(d.Text); m != nil {
			d.Article.Source = m[1]
		}
	}
	if d.Article.Published == "" {
		d.Warnings = append(d.Warnings, "no publication date: relative dates stay unresolved (give --published)")
	}
	return nil
}

// sourceLine returns the source named by a line such as "All content by
// Mehr News Agency is licensed under ...". The case-insensitive pattern
// runs only when the text has "licen" somewhere.
func sourceLine(text string) string {
	for i := 0; i+5 <= len(text); i++ {
		if text[i]|0x20 == 'l' && strings.EqualFold(text[i:i+5], "licen") {
			if m := byRE.FindStringSubmatch(text); m != nil {
				return strings.TrimSpace(m[1])
			}
			return ""
		}
	}
	return ""
}

// ErrTooLarge is returned for an input over the size limit.
var ErrTooLarge = fmt.Errorf("%w: input too large", dyad.ErrInvalid)
