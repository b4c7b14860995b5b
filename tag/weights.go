package tag

// weights are the averaged perceptron weights of a model: feature
// row r holds (cls[k], w[k]) for k in start[r]..start[r+1], rows sorted by
// feature id.
type weights struct {
	table table
	keys  []uint64
	start []uint32
	cls   []uint8
	w     []float32
}

// add adds the weights of features fs to scores.
func (w *weights) add(fs []uint64, scores []float32) {
	for _, f := range fs {
		for _, c := range w.table.row(f) {
			scores[c.cls] += c.w
		}
	}
}

// argmax returns the class with the highest score, the lowest on ties.
func argmax(scores []float32) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}
