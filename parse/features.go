package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadhq/dyad"
)

// atoms are the per-token values that features combine, computed once per
// sentence. Index 0 is the root and index n+1 is "none".
type atoms struct {
	w []uint64 // normalised word form
	p []uint64 // fine tag (XPOS, or UPOS when XPOS is missing)
	u []uint64 // universal tag
	x []uint64 // last three letters of the lowercased form
	l []uint64 // lemma
	// pc[i] counts the punctuation among tokens 1..i.
	pc []int32
}

// Distinct values for the root and for absent positions.
const (
	rootAtom = 0x5eed_0001
	noneAtom = 0x5eed_0002
)

func (a *atoms) fill(toks []dyad.Token) {
	n := len(toks)
	a.w = grow64(a.w, n+2)
	a.p = grow64(a.p, n+2)
	a.u = grow64(a.u, n+2)
	a.x = grow64(a.x, n+2)
	a.l = grow64(a.l, n+2)
	a.l[0], a.l[n+1] = rootAtom, noneAtom
	a.pc = grow32(a.pc, n+2)
	a.pc[0] = 0
	a.w[0], a.p[0], a.u[0], a.x[0] = rootAtom, rootAtom, rootAtom, rootAtom
	a.w[n+1], a.p[n+1], a.u[n+1], a.x[n+1] = noneAtom, noneAtom, noneAtom, noneAtom
	for i, t := range toks {
		a.w[i+1] = wordHash(t.Form)
		a.x[i+1] = suffixHash(t.Form)
		a.l[i+1] = wordHash(t.Lemma) ^ 0x1e33a
		x := t.XPOS
		if x == "" || x == "_" {
			x = t.UPOS
		}
		a.p[i+1] = tagID(x)
		a.u[i+1] = tagID(t.UPOS) + 1<<20
		a.pc[i+1] = a.pc[i]
		if t.UPOS == "PUNCT" {
			a.pc[i+1]++
		}
	}
	a.pc[n+1] = a.pc[n]
}

// tagID gives a tag string a value distinct from word hashes' typical use.
func tagID(s string) uint64 { return strHash(s) ^ 0x7a67 }

// strHash is 64-bit FNV-1a.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// wordHash hashes a word form lowercased, with every digit mapped to 0 so
// that numbers share features.
func wordHash(s string) uint64 {
	h := uint64(14695981039346656037)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '0'
			}
			return unicode.ToLower(r)
		}, s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ascii {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '0' && c <= '9':
				c = '0'
			}
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// suffixHash hashes the last three bytes of the lowercased form (the whole
// form when shorter).
func suffixHash(s string) uint64 {
	if len(s) > 3 {
		s = s[len(s)-3:]
	}
	h := uint64(0x5f3759df)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// mix folds v into the running feature hash h.
func mix(h, v uint64) uint64 {
	h ^= v
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// key finishes a feature hash into a 32-bit key; 0 is reserved for empty
// table slots. With a few million features, 32 bits give a handful of
// collisions, which cost nothing measurable and halve the table.
func key(h uint64) uint32 {
	h *= 0xc4ceb9fe1a85ec53
	k := uint32(h >> 32)
	if k == 0 {
		return 1
	}
	return k
}

// Template ids; each feature starts from its own id so equal values in
// different templates give different features.
const (
	tBias = iota + 1
	tS0w
	tS0p
	tS0wp
	tB0w
	tB0p
	tB0wp
	tB1w
	tB1p
	tB1wp
	tB2w
	tB2p
	tS1w
	tS1p
	tS1wp
	tS2w
	tS2p
	tS0u
	tB0u
	tS1u
	// pairs of s0 and b0
	tS0wpB0wp
	tS0wpB0w
	tS0wB0wp
	tS0wpB0p
	tS0pB0wp
	tS0wB0w
	tS0pB0p
	// pairs of s1 and s0
	tS1wpS0wp
	tS1wpS0w
	tS1wS0wp
	tS1wpS0p
	tS1pS0wp
	tS1wS0w
	tS1pS0p
	// s1 and b0
	tS1pB0p
	tS1wB0w
	tS1pB0wp
	tS1wpB0p
	// trigrams of tags
	tB0pB1p
	tB0wB1w
	tS0pB0pB1p
	tB0pB1pB2p
	tS1pS0pB0p
	tS2pS1pS0p
	tS1pS0pB1p
	tS0pS0lpB0p
	tS0pS0rpB0p
	tS0pB0pB0lp
	tS1pS0pS0lp
	tS1pS0pS0rp
	tS1pS1rpS0p
	tS1pS1lpS0p
	// distance
	tS0pD
	tB0pD
	tS0pB0pD
	tS1pD
	tS0pD1
	tS1pS0pD
	// valency
	tS0pVl
	tS0pVr
	tB0pVl
	tS1pVl
	tS1pVr
	// dependents
	tS0lp
	tS0ll
	tS0rp
	tS0rl
	tB0lp
	tB0ll
	tS1lp
	tS1ll
	tS1rp
	tS1rl
	tS0l2p
	tS0l2l
	tS0r2p
	tS0r2l
	tB0l2p
	tB0l2l
	tS1r2p
	tS1r2l
	tS0pS0lpS0l2p
	tS0pS0rpS0r2p
	tB0pB0lpB0l2p
	tS1pS1rpS1r2p
	tS0lS0l2
	tS0rS0r2
	tB0lB0l2
	// label sets
	tS0pSl
	tS0pSr
	tB0pSl
	tS1pSl
	tS1pSr
	// labelled pairs with dependents
	tS0pS0llB0p
	tS0pS0rlB0p
	tS1pS1rlS0p
	// universal tags, neighbours and suffixes
	tS0uB0u
	tS1uS0u
	tS1uS0uB0u
	tS0uB0uB1u
	tB0pPrevp
	tS0pNextp
	tS0pNextpB0p
	tB0x
	tS0x
	tB1x
	tS0xB0x
	tS0pB0x
	tS0pB0pPunct
	tS1pS0pPunct
	// attachment of a phrase by its first dependent (a preposition, a
	// conjunction) and coordination of alike tags
	tS1wS0lw
	tS1pS0lwS0p
	tB0wS0lw
	tB0pS0lwS0p
	tSameS1S0
	// words with distance, valency, dependents and label sets
	tS0wD
	tB0wD
	tS0wB0wD
	tS1wD
	tS0wD1
	tS1wS0wD
	tS0wVl
	tS0wVr
	tB0wVl
	tS1wVl
	tS1wVr
	tS0lw
	tS0rw
	tB0lw
	tS1lw
	tS1rw
	tS0l2w
	tS0r2w
	tB0l2w
	tS1r2w
	tS0wSl
	tS0wSr
	tB0wSl
	tS1wSl
	tS1wSr
	tS0wpS0rl
	tS1wpS1rl
	tB0wpB0ll
	tS0wB0pPunct
	tS1pS0wPunct
	tS1wS0lwS0p
	tS1wpS0lw
	numTemplates
)

// Templates of the label classifier, over the head h and dependent d of
// the arc being made; every one includes the arc's direction.
const (
	lDir = iota + 200
	lHw
	lHp
	lHwp
	lDw
	lDp
	lDwp
	lHpDp
	lHwDp
	lHpDw
	lHwDw
	lHuDu
	lHpDpDist
	lDpDl1w
	lDpDl1l
	lDpDr1w
	lDpDr1l
	lDpDl2w
	lHpDpDl1w
	lHwDl1w
	lDpDls
	lDpDrs
	lHpDpDls
	lHpHlsDp
	lHpHrsDp
	lDpHls
	lDpNextp
	lDpPrevp
	lHpDpBetween
	lDx
	lHpDx
	lDpDl1wDr1w
	lHuDuDl1w
	lDpDl1pDl1l
	lHpDpS1p
	lDwDl1w
	lHlDl
	lDlHp
	lDpNc
	lDpDr1p
	lDuDl1wDl1l
	lHwHpDp
)

// dist buckets a distance between two tokens.
func dist(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	default:
		return 8
	}
}

func val(n uint8) uint64 {
	if n > 6 {
		return 6
	}
	return uint64(n)
}

// k1 to k4 are the keys of templates over one to four values.
func k1(t, x uint64) uint32       { return key(mix(t, x)) }
func k2(t, x, y uint64) uint32    { return key(mix(mix(t, x), y)) }
func k3(t, x, y, z uint64) uint32 { return key(mix(mix(mix(t, x), y), z)) }
func k4(t, x, y, z, v uint64) uint32 {
	return key(mix(mix(mix(mix(t, x), y), z), v))
}

// extract appends the feature keys of s to f and returns it.
func extract(f []uint32, s *state, a *atoms) []uint32 {
	f = bufferFeatures(f, a, s.bufAt(0), s.none)
	f = s0Features(f, a, s.stackAt(0), s.none)
	f = s1Features(f, a, s.stackAt(1))
	f = s2Features(f, a, s.stackAt(2))
	f = s0b0Features(f, a, s.stackAt(0), s.bufAt(0), s.none)
	f = s1s0Features(f, a, s.stackAt(1), s.stackAt(0), s.none)
	f = s1b0Features(f, a, s.stackAt(1), s.bufAt(0))
	return extractRest(f, s, a)
}

// The features of one position of the buffer or the stack that look only
// at the words and tags around it, and not at the tree built so far, are
// the same whenever that position holds the same token: the parser sums
// their weights once per token (see anchorCache).

// bufferFeatures appends the features of b0, the tokens after it and the
// token before it.
func bufferFeatures(f []uint32, a *atoms, b0, none int32) []uint32 {
	b1, b2 := min(b0+1, none), min(b0+2, none)
	w, p := a.w, a.p
	b0w, b0p, b1w, b1p := w[b0], p[b0], w[b1], p[b1]
	return append(f,
		k1(tB0w, b0w),
		k1(tB0p, b0p),
		k2(tB0wp, b0w, b0p),
		k1(tB1w, b1w),
		k1(tB1p, b1p),
		k2(tB1wp, b1w, b1p),
		k1(tB2w, w[b2]),
		k1(tB2p, p[b2]),
		k1(tB0u, a.u[b0]),
		k2(tB0pB1p, b0p, b1p),
		k2(tB0wB1w, b0w, b1w),
		k3(tB0pB1pB2p, b0p, b1p, p[b2]),
		k2(tB0pPrevp, b0p, p[prev(b0, none)]),
		k1(tB0x, a.x[b0]),
		k1(tB1x, a.x[b1]),
	)
}

// s0Features appends the features of s0 and the token after it.
func s0Features(f []uint32, a *atoms, s0, none int32) []uint32 {
	s0w, s0p := a.w[s0], a.p[s0]
	return append(f,
		k1(tS0w, s0w),
		k1(tS0p, s0p),
		k2(tS0wp, s0w, s0p),
		k1(tS0u, a.u[s0]),
		k2(tS0pNextp, s0p, a.p[next(s0, none)]),
		k1(tS0x, a.x[s0]),
	)
}

// s1Features appends the features of s1.
func s1Features(f []uint32, a *atoms, s1 int32) []uint32 {
	s1w, s1p := a.w[s1], a.p[s1]
	return append(f,
		k1(tS1w, s1w),
		k1(tS1p, s1p),
		k2(tS1wp, s1w, s1p),
		k1(tS1u, a.u[s1]),
	)
}

// s2Features appends the features of s2.
func s2Features(f []uint32, a *atoms, s2 int32) []uint32 {
	return append(f,
		k1(tS2w, a.w[s2]),
		k1(tS2p, a.p[s2]),
	)
}

// s0b0Features appends the features of the pair s0, b0 that look only at
// the words around them.
func s0b0Features(f []uint32, a *atoms, s0, b0, none int32) []uint32 {
	w, p, u, x := a.w, a.p, a.u, a.x
	b1 := min(b0+1, none)
	s0w, s0p, b0w, b0p, b1p := w[s0], p[s0], w[b0], p[b0], p[b1]
	s0u, b0u := u[s0], u[b0]
	d := uint64(0)
	if s0 != none && b0 != none && s0 != 0 {
		d = dist(s0, b0)
	}
	pb := punctBetween(a, s0, b0, none)
	return append(f,
		k4(tS0wpB0wp, s0w, s0p, b0w, b0p),
		k3(tS0wpB0w, s0w, s0p, b0w),
		k3(tS0wB0wp, s0w, b0w, b0p),
		k3(tS0wpB0p, s0w, s0p, b0p),
		k3(tS0pB0wp, s0p, b0w, b0p),
		k2(tS0wB0w, s0w, b0w),
		k2(tS0pB0p, s0p, b0p),
		k3(tS0pB0pB1p, s0p, b0p, b1p),
		k2(tS0pD, s0p, d),
		k2(tB0pD, b0p, d),
		k3(tS0pB0pD, s0p, b0p, d),
		k2(tS0uB0u, s0u, b0u),
		k3(tS0uB0uB1u, s0u, b0u, u[b1]),
		k3(tS0pNextpB0p, s0p, p[next(s0, none)], b0p),
		k2(tS0xB0x, x[s0], x[b0]),
		k2(tS0pB0x, s0p, x[b0]),
		k3(tS0pB0pPunct, s0p, b0p, pb),
		k2(tS0wD, s0w, d),
		k2(tB0wD, b0w, d),
		k3(tS0wB0wD, s0w, b0w, d),
		k3(tS0wB0pPunct, s0w, b0p, pb),
	)
}

// s1s0Features appends the features of the pair s1, s0 that look only at
// the words around them.
func s1s0Features(f []uint32, a *atoms, s1, s0, none int32) []uint32 {
	w, p, u := a.w, a.p, a.u
	s0w, s0p, s1w, s1p := w[s0], p[s0], w[s1], p[s1]
	s0u, s1u := u[s0], u[s1]
	d1 := uint64(0)
	if s1 != none && s1 != 0 {
		d1 = dist(s1, s0)
	}
	p1 := punctBetween(a, s1, s0, none)
	return append(f,
		k4(tS1wpS0wp, s1w, s1p, s0w, s0p),
		k3(tS1wpS0w, s1w, s1p, s0w),
		k3(tS1wS0wp, s1w, s0w, s0p),
		k3(tS1wpS0p, s1w, s1p, s0p),
		k3(tS1pS0wp, s1p, s0w, s0p),
		k2(tS1wS0w, s1w, s0w),
		k2(tS1pS0p, s1p, s0p),
		k2(tS1pD, s1p, d1),
		k2(tS0pD1, s0p, d1),
		k3(tS1pS0pD, s1p, s0p, d1),
		k2(tS1uS0u, s1u, s0u),
		k3(tS1pS0pPunct, s1p, s0p, p1),
		k2(tS1wD, s1w, d1),
		k2(tS0wD1, s0w, d1),
		k3(tS1wS0wD, s1w, s0w, d1),
		k3(tS1pS0wPunct, s1p, s0w, p1),
	)
}

// s1b0Features appends the features of the pair s1, b0 that look only at
// the words around them.
func s1b0Features(f []uint32, a *atoms, s1, b0 int32) []uint32 {
	w, p := a.w, a.p
	s1w, s1p, b0w, b0p := w[s1], p[s1], w[b0], p[b0]
	return append(f,
		k2(tS1pB0p, s1p, b0p),
		k2(tS1wB0w, s1w, b0w),
		k3(tS1pB0wp, s1p, b0w, b0p),
		k3(tS1wpB0p, s1w, s1p, b0p),
	)
}

// extractRest appends the features of s that look at more than one
// position or at the tree built so far.
func extractRest(f []uint32, s *state, a *atoms) []uint32 {
	s0, s1, s2 := s.stackAt(0), s.stackAt(1), s.stackAt(2)
	b0, b1 := s.bufAt(0), s.bufAt(1)
	lab := func(x int32) uint64 { return uint64(s.label[x]) + 1<<40 }
	w, p, u := a.w, a.p, a.u

	s0w, s0p, b0w, b0p := w[s0], p[s0], w[b0], p[b0]
	s1w, s1p, b1p := w[s1], p[s1], p[b1]
	s0l, s0r, b0l := s.l1[s0], s.r1[s0], s.l1[b0]
	s1l, s1r := s.l1[s1], s.r1[s1]
	s0l2, s0r2, b0l2, s1r2 := s.l2[s0], s.r2[s0], s.l2[b0], s.r2[s1]

	f1 := func(t int, x uint64) { f = append(f, key(mix(uint64(t), x))) }
	f2 := func(t int, x, y uint64) { f = append(f, key(mix(mix(uint64(t), x), y))) }
	f3 := func(t int, x, y, z uint64) { f = append(f, key(mix(mix(mix(uint64(t), x), y), z))) }

	f1(tBias, 0)

	f3(tS1pS0pB0p, s1p, s0p, b0p)
	f3(tS2pS1pS0p, p[s2], s1p, s0p)
	f3(tS1pS0pB1p, s1p, s0p, b1p)
	f3(tS0pS0lpB0p, s0p, p[s0l], b0p)
	f3(tS0pS0rpB0p, s0p, p[s0r], b0p)
	f3(tS0pB0pB0lp, s0p, b0p, p[b0l])
	f3(tS1pS0pS0lp, s1p, s0p, p[s0l])
	f3(tS1pS0pS0rp, s1p, s0p, p[s0r])
	f3(tS1pS1rpS0p, s1p, p[s1r], s0p)
	f3(tS1pS1lpS0p, s1p, p[s1l], s0p)

	f2(tS0pVl, s0p, val(s.nl[s0]))
	f2(tS0pVr, s0p, val(s.nr[s0]))
	f2(tB0pVl, b0p, val(s.nl[b0]))
	f2(tS1pVl, s1p, val(s.nl[s1]))
	f2(tS1pVr, s1p, val(s.nr[s1]))

	f1(tS0lp, p[s0l])
	f1(tS0ll, lab(s0l))
	f1(tS0rp, p[s0r])
	f1(tS0rl, lab(s0r))
	f1(tB0lp, p[b0l])
	f1(tB0ll, lab(b0l))
	f1(tS1lp, p[s1l])
	f1(tS1ll, lab(s1l))
	f1(tS1rp, p[s1r])
	f1(tS1rl, lab(s1r))
	f1(tS0l2p, p[s0l2])
	f1(tS0l2l, lab(s0l2))
	f1(tS0r2p, p[s0r2])
	f1(tS0r2l, lab(s0r2))
	f1(tB0l2p, p[b0l2])
	f1(tB0l2l, lab(b0l2))
	f1(tS1r2p, p[s1r2])
	f1(tS1r2l, lab(s1r2))
	f3(tS0pS0lpS0l2p, s0p, p[s0l], p[s0l2])
	f3(tS0pS0rpS0r2p, s0p, p[s0r], p[s0r2])
	f3(tB0pB0lpB0l2p, b0p, p[b0l], p[b0l2])
	f3(tS1pS1rpS1r2p, s1p, p[s1r], p[s1r2])
	f3(tS0lS0l2, s0p, lab(s0l), lab(s0l2))
	f3(tS0rS0r2, s0p, lab(s0r), lab(s0r2))
	f3(tB0lB0l2, b0p, lab(b0l), lab(b0l2))

	f2(tS0pSl, s0p, s.ls[s0])
	f2(tS0pSr, s0p, s.rs[s0])
	f2(tB0pSl, b0p, s.ls[b0])
	f2(tS1pSl, s1p, s.ls[s1])
	f2(tS1pSr, s1p, s.rs[s1])

	f3(tS0pS0llB0p, s0p, lab(s0l), b0p)
	f3(tS0pS0rlB0p, s0p, lab(s0r), b0p)
	f3(tS1pS1rlS0p, s1p, lab(s1r), s0p)

	s0u, b0u, s1u := u[s0], u[b0], u[s1]
	f3(tS1uS0uB0u, s1u, s0u, b0u)
	s0lw := w[s0l]
	f2(tS1wS0lw, s1w, s0lw)
	f3(tS1pS0lwS0p, s1p, s0lw, s0p)
	f2(tB0wS0lw, b0w, s0lw)
	f3(tB0pS0lwS0p, b0p, s0lw, s0p)
	same := uint64(0)
	if s1p == s0p {
		same = 1
	}
	f3(tSameS1S0, same, s0p, s.ls[s0])

	f2(tS0wVl, s0w, val(s.nl[s0]))
	f2(tS0wVr, s0w, val(s.nr[s0]))
	f2(tB0wVl, b0w, val(s.nl[b0]))
	f2(tS1wVl, s1w, val(s.nl[s1]))
	f2(tS1wVr, s1w, val(s.nr[s1]))
	f1(tS0lw, w[s0l])
	f1(tS0rw, w[s0r])
	f1(tB0lw, w[b0l])
	f1(tS1lw, w[s1l])
	f1(tS1rw, w[s1r])
	f1(tS0l2w, w[s0l2])
	f1(tS0r2w, w[s0r2])
	f1(tB0l2w, w[b0l2])
	f1(tS1r2w, w[s1r2])
	f2(tS0wSl, s0w, s.ls[s0])
	f2(tS0wSr, s0w, s.rs[s0])
	f2(tB0wSl, b0w, s.ls[b0])
	f2(tS1wSl, s1w, s.ls[s1])
	f2(tS1wSr, s1w, s.rs[s1])
	f3(tS0wpS0rl, s0w, s0p, lab(s0r))
	f3(tS1wpS1rl, s1w, s1p, lab(s1r))
	f3(tB0wpB0ll, b0w, b0p, lab(b0l))
	f3(tS1wS0lwS0p, s1w, s0lw, s0p)
	f3(tS1wpS0lw, s1w, s1p, s0lw)
	return f
}

// punctBetween buckets the number of punctuation tokens strictly between
// tokens a < b (3 when either is absent).
func punctBetween(at *atoms, a, b, none int32) uint64 {
	if a >= none || b >= none || b <= a+1 {
		if a >= none || b >= none {
			return 3
		}
		return 0
	}
	return uint64(min(at.pc[b-1]-at.pc[a], 2))
}

// prev and next return the token before and after x, or none.
func prev(x, none int32) int32 {
	if x <= 1 || x >= none {
		return none
	}
	return x - 1
}

func next(x, none int32) int32 {
	if x >= none-1 || x == 0 {
		return none
	}
	return x + 1
}

// labelFeatures appends the features of the label of arc h -> d to f.
func labelFeatures(f []uint32, s *state, a *atoms, h, d int32) []uint32 {
	none := s.none
	w, p, u := a.w, a.p, a.u
	dir := uint64(1)
	if d > h {
		dir = 2
	}
	lab := func(x int32) uint64 { return uint64(s.label[x]) + 1<<40 }
	f1 := func(t int, x uint64) { f = append(f, key(mix(mix(uint64(t), dir), x))) }
	f2 := func(t int, x, y uint64) { f = append(f, key(mix(mix(mix(uint64(t), dir), x), y))) }
	f3 := func(t int, x, y, z uint64) { f = append(f, key(mix(mix(mix(mix(uint64(t), dir), x), y), z))) }

	hw, hp, dw, dp := w[h], p[h], w[d], p[d]
	dl1, dr1, dl2 := s.l1[d], s.r1[d], s.l2[d]
	between := uint64(0) // punctuation or verbs between the two
	lo, hi := min(h, d), max(h, d)
	if hi-lo > 1 {
		between = 1
	}
	f1(lDir, 0)
	f1(lHw, hw)
	f1(lHp, hp)
	f2(lHwp, hw, hp)
	f1(lDw, dw)
	f1(lDp, dp)
	f2(lDwp, dw, dp)
	f2(lHpDp, hp, dp)
	f2(lHwDp, hw, dp)
	f2(lHpDw, hp, dw)
	f2(lHwDw, hw, dw)
	f2(lHuDu, u[h], u[d])
	f3(lHpDpDist, hp, dp, dist(h, d))
	f2(lDpDl1w, dp, w[dl1])
	f2(lDpDl1l, dp, lab(dl1))
	f2(lDpDr1w, dp, w[dr1])
	f2(lDpDr1l, dp, lab(dr1))
	f2(lDpDl2w, dp, w[dl2])
	f3(lHpDpDl1w, hp, dp, w[dl1])
	f2(lHwDl1w, hw, w[dl1])
	f2(lDpDls, dp, s.ls[d])
	f2(lDpDrs, dp, s.rs[d])
	f3(lHpDpDls, hp, dp, s.ls[d])
	f3(lHpHlsDp, hp, s.ls[h], dp)
	f3(lHpHrsDp, hp, s.rs[h], dp)
	f2(lDpHls, dp, s.ls[h])
	f2(lDpNextp, dp, p[next(d, none)])
	f2(lDpPrevp, dp, p[prev(d, none)])
	f3(lHpDpBetween, hp, dp, between)
	f1(lDx, a.x[d])
	f2(lHpDx, hp, a.x[d])
	f3(lDpDl1wDr1w, dp, w[dl1], w[dr1])
	f3(lHuDuDl1w, u[h], u[d], w[dl1])
	f3(lDpDl1pDl1l, dp, p[dl1], lab(dl1))
	outer := s.stackAt(1) // the context beyond the arc: s1 for a left arc, b0 for a right one
	if dir == 2 {
		outer = s.bufAt(0)
	}
	f3(lHpDpS1p, hp, dp, p[outer])
	f2(lDwDl1w, dw, w[dl1])
	f2(lHlDl, a.l[h], a.l[d])
	f2(lDlHp, a.l[d], hp)
	f2(lDpNc, dp, val(s.nl[d])*8+val(s.nr[d]))
	f2(lDpDr1p, dp, p[dr1])
	f3(lDuDl1wDl1l, u[d], w[dl1], lab(dl1))
	f3(lHwHpDp, hw, hp, dp)
	return f
}
