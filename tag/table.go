package tag

import "math/bits"

// table maps feature ids to their weights: open addressing with linear
// probing over a power-of-two array of slots, key 0 marking an empty slot,
// each slot holding the id and where its row of (class, weight) cells
// starts, so that a lookup touches the slot and then the row and nothing
// else. The slot is chosen by Fibonacci hashing of the id, so that even ids
// read from a crafted file spread over the array. The array is kept at most
// 30% full: lookups whose probe runs past the first slot cost a branch the
// processor cannot predict.
type table struct {
	slots []slot
	cells []wcell
	shift uint
	mask  uint64
}

type slot struct {
	key   uint64
	start uint32
	n     uint32
}

// wcell is one class weight of a row.
type wcell struct {
	w   float32
	cls uint8
}

// newTable indexes the rows of w: row r is feature keys[r] with the cells
// start[r]..start[r+1] of cls and ws.
func newTable(keys []uint64, start []uint32, cls []uint8, ws []float32) table {
	size := 2
	for size*3 < 10*len(keys) {
		size <<= 1
	}
	t := table{slots: make([]slot, size), cells: make([]wcell, len(cls)),
		shift: uint(64 - bits.TrailingZeros(uint(size))), mask: uint64(size - 1)}
	for i := range cls {
		t.cells[i] = wcell{w: ws[i], cls: cls[i]}
	}
	for row, k := range keys {
		i := t.slot(k)
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot{key: k, start: start[row], n: start[row+1] - start[row]}
	}
	return t
}

func (t *table) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> t.shift }

// row returns the cells of feature k, or nil.
func (t *table) row(k uint64) []wcell {
	i := t.slot(k)
	for {
		s := &t.slots[i]
		switch s.key {
		case k:
			return t.cells[s.start : s.start+s.n]
		case 0:
			return nil
		}
		i = (i + 1) & t.mask
	}
}
