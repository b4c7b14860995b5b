package tag

import "math/bits"

// table maps feature ids to weight rows: open addressing with linear probing
// over a power-of-two array, key 0 marking an empty slot. The slot is chosen
// by Fibonacci hashing of the id, so that even ids read from a crafted file
// spread over the array.
type table struct {
	keys  []uint64
	rows  []int32
	shift uint
	mask  uint64
}

func newTable(keys []uint64) table {
	size := 2
	for size < 2*len(keys) {
		size <<= 1
	}
	t := table{keys: make([]uint64, size), rows: make([]int32, size),
		shift: uint(64 - bits.TrailingZeros(uint(size))), mask: uint64(size - 1)}
	for row, k := range keys {
		i := t.slot(k)
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		t.rows[i] = int32(row)
	}
	return t
}

func (t *table) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> t.shift }

// get returns the row of feature k, or -1.
func (t *table) get(k uint64) int32 {
	i := t.slot(k)
	for {
		switch t.keys[i] {
		case k:
			return t.rows[i]
		case 0:
			return -1
		}
		i = (i + 1) & t.mask
	}
}
