package cli

// EvalCmd groups the evaluation sets. Every event set shares the flags of
// evalFlags: --data, --dict, --dict-only, --rules, --verbs, --dyad-rules,
// --format, --errors, --limit and --workers.
type EvalCmd struct {
	UD EvalUDCmd `cmd:"" name:"ud" help:"Tagging, lemmatization and parsing scores on a CoNLL-U treebank."`

	Petrarch      EvalSetCmd    `cmd:"" name:"petrarch" help:"PETRARCH unit-test records (284, fictional actors), coded with the PETR.Validate actor, agent and verb dictionaries."`
	TABARI        EvalSetCmd    `cmd:"" name:"tabari" help:"TABARI validation records, coded with TABARI.Demo.actors, Validate.agents and TABARI.Demo.verbs."`
	Petrarch2GSR  EvalSetCmd    `cmd:"" name:"petrarch2-gsr" help:"UniversalPetrarch records (78, real actors), coded with dyad's knowledge and again with the Phoenix dictionaries added."`
	PLOVERGSR     EvalSetCmd    `cmd:"" name:"plover-gsr" help:"PLOVER gold standard records (322): PLOVER event type and source country."`
	CAMEOExamples EvalSetCmd    `cmd:"" name:"cameo-examples" help:"The example sentences of the CAMEO codebook (277): is the labelled code among the coded events."`
	Golden        EvalGoldenCmd `cmd:"" name:"golden" help:"dyad's golden corpus: documents equal to want.json, and event triples against it."`
	All           EvalAllCmd    `cmd:"" name:"all" help:"Every event set above in turn (markdown: the whole README table)."`
}
