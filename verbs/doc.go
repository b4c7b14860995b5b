// Package verbs reads the verb dictionaries of the TABARI, PETRARCH and
// PETRARCH-2 event coders and codes events with them: Coder is an event
// stage that runs after the actor stage and fills Doc.Events from a
// dictionary's verbs and patterns instead of dyad's own rules (package
// event), so a data set built for those coders (their validation suites, the
// Phoenix dictionaries, a project's own dictionary) can be coded as they
// code it.
//
// # Formats
//
// Read takes any of the three dialects. A file with blocks and a pattern
// that names a prepositional phrase "(...)" or a noun phrase "{...}" is
// PETRARCH-2; otherwise the first block or verb decides.
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
// PETRARCH-2 (CAMEO.2.0.txt): PETRARCH's synsets (whose names and phrases
// may join words with '_': "&FIGHT_OF_WORDS", "+PRIME_MINISTER") and verb
// blocks, where "{}" after a verb means it has no other form, a verb written
// with a hyphen is also one word ("RE-EXAMINE" and "re - examine"), and a
// code may name only the answering side ("[:173]"). Its patterns
// "- UPPER * LOWER [CODE]" name phrases, not words: a word is the head of a
// noun phrase (it matches a token's form or lemma), "{A B C}" or "A_B_C" a
// noun phrase headed by C with A and B before it, "(P ...)" a prepositional
// phrase whose preposition is P ("TO/FOR": either) governing the noun
// phrases after P, and $ + % ^ the slots. UPPER is matched against the
// subject, LOWER against the verb's objects, particles, adverbs and
// prepositional phrases. Of two identical patterns of a block the later one
// counts, as PETRARCH-2 keeps them in a tree. Lines "~ a (b c LOWER) UPPER
// = x y CODE" are verb transformations (Transform).
//
// Every malformed line (an unbalanced bracket, a pattern without '*' or
// without a code, a code with a blank, a synset that is not defined or that
// names itself, a pattern before any verb, a transformation that names no
// verb of the dictionary) is an error naming the file and line that wraps
// ErrFormat and dyad.ErrInvalid; the line is skipped and the rest loads.
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
// PETRARCH-2 dictionaries are coded from the parse, verb by verb: a word
// the tagger calls a verb (not a participle the parse makes a modifier) is
// matched with its dependents, and the pattern that matched most (literal
// words over synsets, then prepositions) gives the code, else the verb's
// own. The source is the subject: a passive's "by", "from" or "in" phrase;
// for a subject with no actor of its own, the first actor inside it ("a
// report released in the Rwandan capital"); for a clause with no subject,
// the object of the verb it completes, else that verb's subject ("asked
// Obama to help", "wants to help"). The target is the object (a passive's
// subject, or its "at", "against", "into" phrase), else the subject of a
// clause the verb governs, else the object of a governed clause whose verb
// the dictionary lacks, else the first prepositional phrase with an actor;
// a phrase whose words the pattern matched is no target ("launched an air
// strike against X": X). The events of the clauses a verb governs (xcomp,
// ccomp) then join its own, from the bottom up. A statement (01) of an
// event between others it names passes it on as it is; otherwise the
// dictionary's transformations apply first ("a (a b ATTACK) SAY = a b
// 015"; letters are actors, "." any target, "_" a subject the clause does
// not name). A statement passes on what else was said, as an intent when
// the speakers say they will act; compose.txt joins a stance to the act it
// governs ("wants to help Israel" 033, "asked Obama to help Iran" 023); a
// negated act becomes its rejection ("would not provide support" 121) or
// stays negated and joins nothing. Otherwise the governed event stands for
// a verb that has no complete event of its own, and a complete event
// stands unless it is a stance on a verbal act (01-05, 10-14) that does not
// join it: then neither codes, as in PETRARCH-2 ("want Obama to head
// back"). Adverbial clauses of purpose or of the same time ("to discuss",
// "as Israel announced") stand in for a verb with no complete event but
// never join. Only the sentence's main clauses, so joined, make events; a
// bare statement (010) makes none, a code "A:B" makes the answer too and
// ":B" only the answer, and a cooperation (03-06) with several sources and
// no target makes one each way between them ("Arnor and Gondor met").
//
// Discard dictionaries (Options.Discards) skip every sentence with one of
// their phrases, and a whole article with a story phrase ('+').
//
// Each event's rule id is the dictionary's file name and the line of the
// pattern or verb that coded it ("PETR.Validate.verbs.txt:412"); a joined
// event names both and the line of compose.txt that joined them
// ("CAMEO.2.0.txt:7109+CAMEO.2.0.txt:6005+compose.txt:63"), or the
// transformation's line. Its modality is negated when a "not", "n't" or
// "never" of the verb's clause is not part of the matched pattern (patterns
// that spell out the negation code it themselves; PETRARCH-2 patterns do
// not, and a rejection code replaces the negation where compose.txt has
// one), hypothetical under "if" or "unless", planned with "will" or
// "would", else asserted.
package verbs
