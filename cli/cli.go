// Package cli is dyad's command line: it parses arguments, wires the stages,
// stores and servers together, runs the command and closes what it opened.
// cmd/dyad only calls Main, so end-to-end tests run the same wiring.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/alecthomas/kong"
)

// Exit statuses.
const (
	ExitOK      = 0 // everything worked
	ExitFailed  = 1 // some input or step failed; the rest was done
	ExitUsage   = 2 // the command line was wrong
	ExitAborted = 3 // interrupted before the end
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Log    *slog.Logger
	Now    func() time.Time
	Getenv func(string) string
}

// ErrPartial is returned by a command that finished but could not handle
// every input; it maps to ExitFailed. The command has already reported each
// failure.
var ErrPartial = errors.New("some inputs failed")

// CLI is the command tree.
type CLI struct {
	Verbose bool             `help:"Log debug messages." short:"v"`
	Version kong.VersionFlag `help:"Print the version and exit."`

	Code  CodeCmd  `cmd:"" help:"Code articles: actors, events, claims, quotes, amounts and votes."`
	Parse ParseCmd `cmd:"" help:"Tokenize, tag and parse text; print CoNLL-U."`
	Train TrainCmd `cmd:"" help:"Train the tagger, lemmatizer and parser on a UD treebank."`
	Eval  EvalCmd  `cmd:"" help:"Evaluate against a gold set."`

	Ingest IngestCmd `cmd:"" help:"Read, code and store articles: files, directories, feeds, WARC, JSONL, URLs."`
	Recode RecodeCmd `cmd:"" help:"Code every stored article again (after dictionaries or rules changed)."`
	Query  QueryCmd  `cmd:"" help:"List stored events, quotes, votes, articles or actors."`
	Export ExportCmd `cmd:"" help:"Export stored events as GDELT, PLOVER, CSV, or documents as JSON Lines."`
	Worker WorkerCmd `cmd:"" help:"Code the articles of a NATS JetStream queue into a shared database (scale-out)."`
	Status StatusCmd `cmd:"" help:"Show the job queue (depth, in flight, dead letters) and what the database holds."`
	Serve  ServeCmd  `cmd:"" help:"Serve the JSON API and the web UI over an archive."`
}

// Version is the program version, set at build time with -ldflags.
var Version = "dev"

// Main runs dyad with args (without the program name) and returns the exit status.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if env.Stdout == nil {
		env.Stdout = os.Stdout
	}
	if env.Stderr == nil {
		env.Stderr = os.Stderr
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	var c CLI
	exited := -1
	parser, err := kong.New(&c,
		kong.Name("dyad"),
		kong.Description("dyad turns news into a structured, queryable record of international relations."),
		kong.Writers(env.Stdout, env.Stderr),
		kong.Exit(func(code int) { exited = code }),
		kong.Vars{"version": Version},
		kong.UsageOnError(),
	)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dyad: %v\n", err)
		return ExitUsage
	}
	kctx, err := parser.Parse(args)
	if exited >= 0 {
		return exited
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dyad: %v\n", err)
		return ExitUsage
	}
	if env.Log == nil {
		level := slog.LevelInfo
		if c.Verbose {
			level = slog.LevelDebug
		}
		env.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	}
	kctx.BindTo(ctx, (*context.Context)(nil))
	kctx.Bind(&env)
	if err := kctx.Run(); err != nil {
		switch {
		case errors.Is(err, ErrPartial):
			return ExitFailed
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(env.Stderr, "dyad: interrupted\n")
			return ExitAborted
		}
		fmt.Fprintf(env.Stderr, "dyad: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
