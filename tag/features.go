package tag

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates. A feature is the 64-bit hash of a template id and the
// value(s) it looks at; the ids are part of the model format, so a new
// template takes a new id and an old id is never reused for something else.
const (
	fBias = iota + 1
	fWord
	fLower
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fHyphen
	fDigit
	fTitle
	fUpper
	fFirstTitle
	fPrevTag
	fPrev2Tag
	fPrevTags
	fPrevTagWord
	fPrevWord
	fPrev2Word
	fNextWord
	fNext2Word
	fPrevSuf3
	fNextSuf3
	fPrevWordWord
	fWordNextWord
	fNextClass
	fNext2Class
	fPrevTagNextClass
	fNextShape
	fPrevShape
	fWordNextClass
	fPrevClass
	fShapeLen
	fSuf5
	fCaps
	fLowerClass
	fKnown
	fPrevTagSuf3
	fClass
)

// Values for positions outside the sentence.
const (
	hStart = 0x5354415254 // "START"
	hEnd   = 0x454e44     // "END"
)

// tokFeat is what the feature extractor knows about one token.
type tokFeat struct {
	word, lower   uint64 // hashes of the normalised form and its lower case
	suf           [5]uint64
	pre           [3]uint64
	shape         uint64
	shapeLen      uint64
	class         uint64 // the lexicon's most frequent class + 1, or a hash of the shape for unknown words
	lowerClass    uint64 // the same for the lower-case form alone
	known         bool   // the exact form is in the lexicon
	caps          uint64 // how capitalised the sentence is
	hyphen, digit bool
	title, upper  bool
}

// mix is the finaliser of splitmix64: a fast, well-spread 64-bit mix.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// feat returns the id of template t with value v. It is never 0, the empty
// slot of the feature table.
func feat(t uint64, v uint64) uint64 {
	h := mix(v ^ (t * 0x9e3779b97f4a7c15))
	if h == 0 {
		h = 1
	}
	return h
}

// pair combines two values into one.
func pair(a, b uint64) uint64 { return mix(a+0x632be59bd9b4e019) ^ b }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// normRune maps typographic quotes to the ASCII forms that dominate the
// training data, so “ ” ‘ ’ are read as " and '.
func normRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201b', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201f', '\u2033':
		return '"'
	}
	return r
}

// normalize appends the normalised form of s to buf.
func normalize(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		buf = utf8.AppendRune(buf, normRune(r))
	}
	return buf
}

// lowerAppend appends the lower case of b to buf.
func lowerAppend(buf []byte, b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// shapeOf returns a hash of the word's shape (runs of upper, lower, digit
// collapsed: "Tehran" is Xx, "F-16" is X-d) and of a coarse length.
func shapeOf(b []byte) (shape, length uint64, hyphen, digit, title, upper bool) {
	h := uint64(fnvOffset)
	var last byte
	n := 0
	upper = true
	letters := 0
	for i := 0; i < len(b); {
		r, sz := rune(b[i]), 1
		if b[i] >= utf8.RuneSelf {
			r, sz = utf8.DecodeRune(b[i:])
		}
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			letters++
			if n == 0 {
				title = true
			}
		case unicode.IsLetter(r):
			c = 'x'
			letters++
			upper = false
		case unicode.IsDigit(r):
			c = 'd'
			digit = true
		default:
			if r == '-' {
				hyphen = true
			}
			if r < utf8.RuneSelf {
				c = byte(r)
			} else {
				c = '*'
			}
		}
		if c != last {
			h ^= uint64(c)
			h *= fnvPrime
			last = c
		}
		n++
		i += sz
	}
	if letters == 0 {
		upper = false
	}
	if upper && letters > 0 {
		title = false
	}
	switch {
	case n <= 1:
		length = 1
	case n <= 3:
		length = 2
	case n <= 6:
		length = 3
	default:
		length = 4
	}
	return h, length, hyphen, digit, title, upper
}

// affixes fills the prefix and suffix hashes of the lower-case form lw.
func (t *tokFeat) affixes(lw []byte) {
	// Suffixes of 1..5 runes.
	end := len(lw)
	off := end
	for k := 0; k < len(t.suf); k++ {
		if off > 0 {
			_, sz := utf8.DecodeLastRune(lw[:off])
			off -= sz
		}
		t.suf[k] = fnv(lw[off:end])
	}
	off = 0
	for k := 0; k < len(t.pre); k++ {
		if off < len(lw) {
			_, sz := utf8.DecodeRune(lw[off:])
			off += sz
		}
		t.pre[k] = fnv(lw[:off])
	}

}

// local appends the features of a token that depend on its form alone (and
// on the model's lexicon): a known form's sum of their weights can be
// computed once.
func local(fs []uint64, t *tokFeat) []uint64 {
	fs = append(fs,
		feat(fBias, 0),
		feat(fWord, t.word),
		feat(fLower, t.lower),
		feat(fSuf1, t.suf[0]),
		feat(fSuf2, t.suf[1]),
		feat(fSuf3, t.suf[2]),
		feat(fSuf4, t.suf[3]),
		feat(fSuf5, t.suf[4]),
		feat(fPre1, t.pre[0]),
		feat(fPre2, t.pre[1]),
		feat(fPre3, t.pre[2]),
		feat(fShape, t.shape),
		feat(fShapeLen, pair(t.shape, t.shapeLen)),
		feat(fClass, t.class),
	)
	if t.hyphen {
		fs = append(fs, feat(fHyphen, 1))
	}
	if t.digit {
		fs = append(fs, feat(fDigit, 1))
	}
	if t.title {
		fs = append(fs, feat(fTitle, 1))
	}
	if t.upper {
		fs = append(fs, feat(fUpper, 1))
	}
	if f := t.flags(); f != 0 {
		fs = append(fs, feat(fLowerClass, pair(t.lowerClass, f)))
	}
	if t.known {
		fs = append(fs, feat(fKnown, 1))
	}
	return fs
}

// flags is 1 for a title-case token, 2 for an upper-case one, else 0.
func (t *tokFeat) flags() uint64 {
	switch {
	case t.title:
		return 1
	case t.upper:
		return 2
	}
	return 0
}

// around appends the features of position i that depend on the sentence
// but not on predicted tags.
func around(fs []uint64, toks []tokFeat, i int) []uint64 {
	t := &toks[i]
	if t.title && i == 0 {
		fs = append(fs, feat(fFirstTitle, 1))
	}
	fs = append(fs, feat(fCaps, pair(t.caps, t.flags())))
	var pw, p2w, psuf, pshape, pclass uint64 = hStart, hStart, hStart, hStart, hStart
	if i > 0 {
		p := &toks[i-1]
		pw, psuf, pshape, pclass = p.lower, p.suf[2], p.shape, p.class
	}
	if i > 1 {
		p2w = toks[i-2].lower
	}
	var nw, n2w, nsuf, nshape, nclass, n2class uint64 = hEnd, hEnd, hEnd, hEnd, hEnd, hEnd
	if i+1 < len(toks) {
		n := &toks[i+1]
		nw, nsuf, nshape, nclass = n.lower, n.suf[2], n.shape, n.class
	}
	if i+2 < len(toks) {
		n2w, n2class = toks[i+2].lower, toks[i+2].class
	}
	fs = append(fs,
		feat(fPrevWord, pw),
		feat(fPrev2Word, p2w),
		feat(fNextWord, nw),
		feat(fNext2Word, n2w),
		feat(fPrevSuf3, psuf),
		feat(fNextSuf3, nsuf),
		feat(fPrevWordWord, pair(pw, t.lower)),
		feat(fWordNextWord, pair(t.lower, nw)),
		feat(fNextClass, nclass),
		feat(fNext2Class, pair(nclass, n2class)),
		feat(fNextShape, nshape),
		feat(fPrevShape, pshape),
		feat(fWordNextClass, pair(t.lower, nclass)),
		feat(fPrevClass, pclass),
	)
	return fs
}

// dynamic appends the features of a token that depend on the two tags
// predicted before it (p1 just before, p2 before that) and on its class.
func dynamic(fs []uint64, t *tokFeat, nextClass uint64, p1, p2 uint64) []uint64 {
	return append(fs,
		feat(fPrevTag, p1),
		feat(fPrev2Tag, p2),
		feat(fPrevTags, pair(p1, p2)),
		feat(fPrevTagWord, pair(p1, t.lower)),
		feat(fPrevTagNextClass, pair(p1, nextClass)),
		feat(fPrevTagSuf3, pair(p1, t.suf[2])),
	)
}
