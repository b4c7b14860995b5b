package cli

import "errors"

// CodeCmd is being built.
type CodeCmd struct{}

// Run runs the command.
func (c *CodeCmd) Run(env *Env) error { return errors.New("not built yet") }
