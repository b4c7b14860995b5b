package cli

import "errors"

// EvalUDCmd is being built.
type EvalUDCmd struct{}

// Run runs the command.
func (c *EvalUDCmd) Run(env *Env) error { return errors.New("not built yet") }
