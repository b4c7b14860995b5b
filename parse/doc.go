// Package parse is dyad's labelled dependency parser. It reads tagged tokens
// (Form, UPOS, XPOS, Lemma) and fills in each token's head and Universal
// Dependencies relation (nsubj, obj, obl:agent, conj, ...).
//
// The parser is greedy and transition based: the arc-hybrid system of Kuhlmann,
// Gómez-Rodríguez and Satta (2011), with the root at the bottom of the stack and
// a single root dependent, so every output is a single-rooted tree. Labelled
// transitions are scored jointly by an averaged perceptron over the rich
// feature templates of Zhang and Nivre (2011), adapted to the arc-hybrid
// stack. Training follows the dynamic oracle of Goldberg and Nivre (2013) with
// exploration of the parser's own mistakes, on tags predicted by jackknifed
// taggers so that test-time tag errors hurt less.
//
// The model is hashed features mapped to sparse rows of class weights, kept
// compact and read-only after loading, so one Model serves every goroutine.
// Default returns the model embedded from model/en_ewt.parser.gz, trained on
// UD English EWT (CC BY-SA 4.0) by `dyad train`.
package parse
