// Package parse is dyad's labelled dependency parser. It reads tagged tokens
// (Form, UPOS, XPOS, Lemma) and fills in each token's head and Universal
// Dependencies relation (nsubj, obj, obl:agent, conj, ...).
//
// The parser is greedy and transition based: the arc-hybrid system of
// Kuhlmann, Gómez-Rodríguez and Satta (2011), with the root at the bottom of
// the stack and a single root dependent, so every output is a single-rooted
// tree. Two averaged perceptrons over hashed features do the work: one picks
// the transition (shift, left-arc, right-arc) from the rich templates of
// Zhang and Nivre (2011) adapted to the arc-hybrid stack; the other picks the
// relation when an arc is made, among the relations seen in that direction,
// from the head, the dependent (complete by then in this system) and their
// dependents. Training follows the dynamic oracle of Goldberg and Nivre (2013)
// with exploration of the parser's own mistakes, on tags predicted by
// jackknifed taggers so that test-time tag errors hurt less. Non-projective
// training trees are made projective by lifting, so the parser only builds
// projective trees.
//
// The weight tables are open-addressing hash tables laid out so that a
// lookup mostly touches one cache line, read-only after loading, so one
// Model serves every goroutine. Default returns the model embedded from
// model/en_ewt.parser.gz, trained on UD English EWT (CC BY-SA 4.0) by `dyad
// train`; see model/README.md.
package parse
