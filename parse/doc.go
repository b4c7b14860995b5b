// Package parse is dyad's labelled dependency parser. It reads tagged tokens
// (Form, UPOS, XPOS, Lemma) and fills in each token's head and Universal
// Dependencies relation (nsubj, obj, obl:agent, conj, ...).
//
// The parser is transition based: the arc-hybrid system of Kuhlmann,
// Gómez-Rodríguez and Satta (2011), with the root at the bottom of the stack
// and a single root dependent, so every output is a single-rooted tree. Two
// averaged perceptrons over hashed features do the work: one scores the
// transitions (shift, left-arc, right-arc) from the rich templates of Zhang
// and Nivre (2011) adapted to the arc-hybrid stack; the other picks the
// relation when an arc is made, among the relations seen in that direction,
// from the head, the dependent (complete by then in this system) and their
// dependents.
//
// A model parses either greedily or with a beam, as it was trained. A greedy
// model is trained with the dynamic oracle of Goldberg and Nivre (2013) and
// exploration of its own mistakes; a beam model keeps the k best partial
// parses at every step and is trained globally, with the max-violation
// updates of Huang, Fayong and Guo (2012) (beam.go). Both learn from tags
// predicted by jackknifed taggers so that test-time tag errors hurt less.
// Non-projective training trees are made projective by lifting, so the
// parser only builds projective trees.
//
// The transition weights are an open-addressing hash table laid out so that
// a lookup mostly touches one cache line; the features that look only at
// the words around one position or a pair of positions (b0, s0, s1, s2) are
// summed once per sentence and position, which the items of a beam share.
// The tables are read-only after loading, so one Model serves every
// goroutine. Default returns the model embedded from model/en_ewt.parser.gz,
// trained on UD English EWT (CC BY-SA 4.0) by `dyad train`; see
// model/README.md.
package parse
