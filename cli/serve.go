package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/dyadhq/dyad/pipeline"
	"github.com/dyadhq/dyad/server"
)

// ServeCmd serves the JSON API and the web UI over an archive.
type ServeCmd struct {
	DB      string   `help:"The archive: a SQLite file (created if missing) or a postgres:// URL." default:"dyad.db"`
	Addr    string   `help:"Address to listen on; port 0 picks a free one (the log says which)." default:"127.0.0.1:8080"`
	Token   string   `help:"Bearer token that writing (POST /api/articles, POST /api/code) requires; default $DYAD_TOKEN. Without one, writing is off."`
	CORS    []string `name:"cors" help:"Let browser pages from ORIGIN call the API (repeatable; * for any)." placeholder:"ORIGIN"`
	MaxBody int64    `help:"Largest request body, in bytes." default:"10485760"`
	Dict    []string `help:"TABARI/PETRARCH actor or agent dictionary file to add to the coder (repeatable)." type:"existingfile"`

	ReadTimeout  time.Duration `help:"Time to read a whole request." default:"30s"`
	WriteTimeout time.Duration `help:"Time to answer a request (coding a long article takes a while)." default:"120s"`
}

// Run opens the archive, builds the coder and serves until ctx ends
// (SIGINT or SIGTERM in cmd/dyad), then shuts down gracefully.
func (c *ServeCmd) Run(ctx context.Context, env *Env) error {
	token := c.Token
	if token == "" {
		token = env.Getenv("DYAD_TOKEN")
	}
	store, err := openStore(ctx, c.DB, env.Log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer store.Close()
	start := env.Now()
	p, err := pipeline.New(pipeline.Options{Dicts: c.Dict})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	env.Log.Debug("coder ready", "took", env.Now().Sub(start).Round(time.Millisecond))
	srv, err := server.New(store, p, server.Options{
		Token:        token,
		CORS:         c.CORS,
		MaxBody:      c.MaxBody,
		Log:          env.Log,
		ReadTimeout:  c.ReadTimeout,
		WriteTimeout: c.WriteTimeout,
	})
	if err != nil {
		return err
	}
	return srv.Run(ctx, c.Addr)
}
