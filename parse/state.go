package parse

// The arc-hybrid transition system with the root (token 0) at the bottom of
// the stack: shift moves b0 onto the stack, left-arc attaches s0 to b0 and
// pops it, right-arc attaches s0 to s1 and pops it. A right-arc from the root
// is allowed only as the last transition, so the root gets exactly one
// dependent and every token gets exactly one head. The label of an arc is
// chosen when the arc is made, by a separate classifier.

// The transitions, which are also the classes of the transition classifier.
const (
	shift = iota
	left
	right
	numTransitions
)

// state is a parser configuration over a sentence of n tokens (1..n). Index
// n+1 stands for "none" in every per-token array, so feature extraction needs
// no bounds checks.
type state struct {
	n     int32
	none  int32
	stack []int32
	b     int32 // front of the buffer; the buffer is b..n
	head  []int32
	label []uint8
	// Leftmost, second leftmost, rightmost and second rightmost dependents
	// (none when absent), the number of left and right dependents, and the
	// sets of their labels.
	l1, l2, r1, r2 []int32
	nl, nr         []uint8
	ls, rs         []uint64
}

// reset prepares s for a sentence of n tokens, reusing its storage.
func (s *state) reset(n int, noLabel uint8) {
	m := n + 2
	s.n = int32(n)
	s.none = int32(n + 1)
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	s.head = grow32(s.head, m)
	s.l1, s.l2 = grow32(s.l1, m), grow32(s.l2, m)
	s.r1, s.r2 = grow32(s.r1, m), grow32(s.r2, m)
	s.label = grow8(s.label, m)
	s.nl, s.nr = grow8(s.nl, m), grow8(s.nr, m)
	s.ls, s.rs = grow64(s.ls, m), grow64(s.rs, m)
	for i := range m {
		s.head[i] = -1
		s.label[i] = noLabel
		s.l1[i], s.l2[i], s.r1[i], s.r2[i] = s.none, s.none, s.none, s.none
		s.nl[i], s.nr[i] = 0, 0
		s.ls[i], s.rs[i] = 0, 0
	}
}

func grow32(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

func grow8(a []uint8, n int) []uint8 {
	if cap(a) < n {
		return make([]uint8, n)
	}
	return a[:n]
}

func grow64(a []uint64, n int) []uint64 {
	if cap(a) < n {
		return make([]uint64, n)
	}
	return a[:n]
}

// terminal reports whether parsing is over.
func (s *state) terminal() bool { return s.b > s.n && len(s.stack) == 1 }

// stackAt returns the i-th element from the top of the stack, or none.
func (s *state) stackAt(i int) int32 {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return s.none
}

// bufAt returns the i-th element of the buffer, or none.
func (s *state) bufAt(i int) int32 {
	if k := s.b + int32(i); k <= s.n {
		return k
	}
	return s.none
}

// canShift, canLeft and canRight say which kinds of transition are valid.
func (s *state) canShift() bool { return s.b <= s.n }

func (s *state) canLeft() bool { return s.b <= s.n && len(s.stack) > 1 }

func (s *state) canRight() bool {
	k := len(s.stack)
	if k < 2 {
		return false
	}
	if s.stack[k-2] == 0 {
		return s.b > s.n && k == 2
	}
	return true
}

// arc returns the head and dependent of transition t (left or right).
func (s *state) arc(t int) (h, d int32) {
	k := len(s.stack)
	if t == left {
		return s.b, s.stack[k-1]
	}
	return s.stack[k-2], s.stack[k-1]
}

// apply performs transition t; l is the label of an arc.
func (s *state) apply(t int, l uint8) {
	if t == shift {
		s.stack = append(s.stack, s.b)
		s.b++
		return
	}
	h, d := s.arc(t)
	s.stack = s.stack[:len(s.stack)-1]
	s.attach(h, d, l)
}

func (s *state) attach(h, d int32, l uint8) {
	s.head[d] = h
	s.label[d] = l
	if d < h {
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.ls[h] |= 1 << l
		if d < s.l1[h] {
			s.l2[h] = s.l1[h]
			s.l1[h] = d
		} else if d < s.l2[h] {
			s.l2[h] = d
		}
		return
	}
	if s.nr[h] < 255 {
		s.nr[h]++
	}
	s.rs[h] |= 1 << l
	if s.r1[h] == s.none || d > s.r1[h] {
		s.r2[h] = s.r1[h]
		s.r1[h] = d
	} else if s.r2[h] == s.none || d > s.r2[h] {
		s.r2[h] = d
	}
}

// oracle holds a gold tree for the dynamic oracle of Goldberg and Nivre
// (2013): the cost of a transition is the number of gold arcs it makes
// unreachable. The tree must be projective for the costs to be exact.
type oracle struct {
	head  []int32 // gold heads, 1..n
	label []uint8
	// inBuf[h] counts the gold dependents of h still in the buffer.
	inBuf []int32
}

func (o *oracle) reset(s *state) {
	o.inBuf = grow32(o.inBuf, int(s.n)+2)
	clear(o.inBuf)
	for k := s.b; k <= s.n; k++ {
		o.inBuf[o.head[k]]++
	}
}

// costs returns the unlabelled costs of shift, left-arc and right-arc in s
// (only meaningful for valid transitions).
func (o *oracle) costs(s *state) (sh, la, ra int) {
	k := len(s.stack)
	s0 := s.stack[k-1]
	if s.b <= s.n {
		b0 := s.b
		h := o.head[b0]
		// b0 can no longer get its head from the stack below s0, nor take
		// any dependent from the stack.
		if h != s0 && h < b0 && onStack(s, h) {
			sh++
		}
		for _, x := range s.stack {
			if x != 0 && o.head[x] == b0 {
				sh++
			}
		}
		if k > 1 {
			hs := o.head[s0]
			if hs != b0 && ((k > 1 && hs == s.stack[k-2]) || hs > b0) {
				la++
			}
			la += int(o.inBuf[s0])
		}
	}
	if k > 1 {
		hs := o.head[s0]
		if hs >= s.b && hs <= s.n {
			ra++
		}
		ra += int(o.inBuf[s0])
	}
	return sh, la, ra
}

// onStack reports whether token x (already shifted) is on the stack.
func onStack(s *state, x int32) bool {
	return x == 0 || (x < s.b && s.head[x] == -1)
}

// shifted updates the buffer counts after a shift of b0.
func (o *oracle) shift(b0 int32) { o.inBuf[o.head[b0]]-- }
