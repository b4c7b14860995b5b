package cli

import "errors"

// ParseCmd is being built.
type ParseCmd struct{}

// Run runs the command.
func (c *ParseCmd) Run(env *Env) error { return errors.New("not built yet") }
