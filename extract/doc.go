// Package extract finds three kinds of record in a coded article: quotations
// with their resolved speakers, amounts with what they count, and votes with
// each named country's position.
//
// Each extractor is a pipeline stage (Quotes, Amounts, Votes) with
// Annotate(ctx, *dyad.Doc). They run after the tokenizer and the actor
// resolver, and use the tagger's tags and the parser's tree when they are
// there without needing them to be right: an untagged, unparsed Doc with
// actor mentions is enough. Every record keeps byte offsets into Doc.Text
// and names the rule that produced it:
//
//   - quote.direct.after, .before, .split, .carry, .colon and
//     quote.indirect.after, .before, .participle, .according;
//   - amount.digits, amount.words (with .magnitude), amount.range.plural,
//     .few, .between, .to, .dash, and amount.tally;
//   - vote.tally.dash, .by-with, .votes-to, .to, .count; vote.list.subject,
//     .predicate, .among; vote.veto.permanent, .verb; vote.motion.continued.
//
// The vocabularies are embedded text files in data/, each with a header that
// says where its entries came from and how its lines are written: the verbs
// of saying (speech.txt), number and magnitude words (numbers.txt), the
// words that make a number approximate or an identifier (modifiers.txt),
// units and counted nouns (units.txt), and the voting bodies, position words,
// motion nouns and outcome verbs (votes.txt). They are decoded and checked
// once, when the first stage is built; the stages are then read-only and safe
// for concurrent use.
//
// The golden tests in testdata/ (one txtar file per case, rewritten with
// `go test ./extract -update`) mark actors by hand, so they test the
// extractors and not the actor resolver; TestSeedPipeline runs the real
// pipeline over the seed article.
package extract
