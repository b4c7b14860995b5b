// Package verbs reads the verb dictionaries of the TABARI and PETRARCH event
// coders and codes events with them: Coder is an event stage that runs after
// the actor stage and fills Doc.Events from a dictionary's verbs and patterns
// instead of dyad's own rules (package event), so a data set built for those
// coders (their validation suites, a project's own dictionary) can be coded
// as they code it.
//
// # Formats
//
// Read takes either dialect; the first block or verb decides which.
//
// PETRARCH (PETR.Validate.verbs.txt and the like): synonym sets "&NAME" with
// "+PHRASE" lines (a phrase may name another set; PETRARCH adds the regular
// plural of a phrase's last word unless the set or the phrase ends with
// '_'); verb blocks headed "--- NAME [CODE] ---" whose verb lines share the
// block's patterns, each verb with its own "[CODE]" or the block's; the forms
// of a verb in "{...}" (else its regular -S, -ED and -ING forms);
// multi-word verbs with the verb word marked "+" ("WIRE_+TAP",
// "+CORDON_OFF"). Words match whole.
//
// TABARI (TABARI.Demo.verbs): a <SYNSETS> section; every verb line
// "ROOT [CODE]" has its own patterns and may be followed by a "{ FORM FORM }"
// line; <TIME> sections are skipped. A word is a stem that matches any word it
// begins ("CRITICI" matches "criticism") unless it ends with '_' (or '='),
// which makes it a whole word that still takes the regular endings (DEPART_
// matches "departs", "departed", "departing"); "WORD~_" is a stem joined to
// what follows. Alternatives are written "{ A | B }".
//
// Both: patterns "- words * words [CODE]" where '*' is the verb, '_' joins
// two elements that must follow each other and a blank lets other words
// come between; '$' is the source, '+' the target, '%' a coordinated actor
// phrase that is source and target at once, '^' skips a noun phrase and
// "&NAME" is any phrase of a synonym set. A code is one code or a pair
// "032:033" (the source does the first, the target answers with the
// second); "---" codes nothing, and so do "+++" and "###". Comments are "#"
// and ";" to the end of the line and <!-- ... -->; "~~FINISH" ends a file.
//
// Every malformed line (an unbalanced bracket, a pattern without '*' or
// without a code, a code with a blank, a synset that is not defined or that
// names itself, a pattern before any verb) is an error naming the file and
// line that wraps ErrFormat and dyad.ErrInvalid; the line is skipped and the
// rest loads. PETRARCH-2's dictionaries (CAMEO.2.0.txt, with noun and
// prepositional phrase annotations) are a different format and are not read.
//
// # Coding
//
// For each sentence the coder finds the dictionary's verbs (PETRARCH: words
// the tagger calls verbs, with repairs for a tagger that calls an inflected
// verb a noun; TABARI: any word not plainly a noun, after an article or
// capitalised inside the sentence), matches the patterns of each verb before
// and after it, and takes the pattern that matched the most text (literal
// words count more than synset words; then the pattern of more elements,
// then the first). The actors are noun phrases: runs of determiners,
// modifiers and nouns joined with the actor stage's mentions, with their
// coordination ("Mordor, Rohan, Fornost and Bree": one event each) and, as
// PETRARCH merges them, their "of", "from", "in", "at", "for" or "between"
// phrase ("the ambassadors of Arnor"). A phrase's code is its first actor's
// with the codes of the agent dictionaries' role nouns in it appended
// ("Bree Prime Minister Romendacil" BREGOV; "former" makes them ELI), and a
// slash group of the actor dictionaries ("THE_SHIRE [FRO/BIL/SAM]") makes
// one actor per code. The source is the pattern's '$', else for PETRARCH the
// clause's subject from the parse (a subject that is no actor gives no
// event) and for TABARI the nearest actor before the pattern; a passive
// verb's "by" phrase is its source. The target is the pattern's '+', else
// the first actor after the verb in its clause (TABARI stops at a comma but
// reads past a short clause set off by two). Events need both; an actor
// never acts on itself. As both coders do, the verbs inside a verb phrase
// that coded are not coded again, and TABARI codes one verb per clause (a
// coordinated clause, "and promised aid", is another); a code marked '?'
// ("SAID [023?]") codes only when nothing else in the sentence does;
// TABARI skips sentences of fewer than eight words (Options.MinWords).
//
// Each event's rule id is the dictionary's file name and the line of the
// pattern or verb that coded it ("PETR.Validate.verbs.txt:412"). Its modality
// is negated when a "not", "n't" or "never" of the verb's clause is not part
// of the matched pattern (patterns that spell out the negation code it
// themselves), hypothetical under "if" or "unless", planned with "will" or
// "would", else asserted.
package verbs
