package cli

// EvalCmd groups the evaluation sets.
type EvalCmd struct {
	UD EvalUDCmd `cmd:"" name:"ud" help:"Tagging, lemmatization and parsing scores on a CoNLL-U treebank."`
}
