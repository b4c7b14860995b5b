package cli

import "errors"

// TrainCmd is being built.
type TrainCmd struct{}

// Run runs the command.
func (c *TrainCmd) Run(env *Env) error { return errors.New("not built yet") }
