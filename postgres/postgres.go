// Package postgres is dyad's shared archive for deployments that outgrow one
// machine: a dyad.Store in a PostgreSQL database (github.com/jackc/pgx/v5),
// written by any number of `dyad worker` processes and read by `dyad serve`
// and `dyad query`.
//
// It has the schema and the semantics of package sqlite, table for table, and
// passes the same conformance suite (package storetest); the code the two
// share (the conditions of filters, the columns and scanning of records, the
// rows of a document) is package sqlstore. The schema is
// created and upgraded by the numbered SQL migrations embedded from
// migrations/, applied at Open under an advisory lock (so workers starting
// together migrate once) and recorded in the table schema_migrations.
//
// Writes are idempotent: the content hash is a unique key and an article is
// inserted with INSERT ... ON CONFLICT DO NOTHING in the transaction that
// writes its whole extraction, so a job delivered twice stores one article.
// Writers also take a transaction-scoped advisory lock before they insert,
// which makes ingest order (the order cursors page by) the commit order:
// a reader paging while workers write never skips an article. Full-text
// search uses PostgreSQL's own tsvector and GIN indexes.
//
// Errors of the database or the network (a refused connection, a server
// restart, a terminated backend) wrap dyad.ErrUnavailable: the caller may
// retry, and a write that failed so was not committed.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Keys of the advisory locks this package takes (pg_advisory_xact_lock):
// one for schema migrations, one that orders the writers.
const (
	migrateLock int64 = 0x6479616401 // "dyad" 1
	writeLock   int64 = 0x6479616402 // "dyad" 2
)

// Store is a dyad.Store in a PostgreSQL database. It is safe for concurrent
// use, and any number of Stores (in any number of processes) may share one
// database.
type Store struct {
	pool *pgxpool.Pool
	log  *slog.Logger
	name string // the database, for messages
}

var _ dyad.Store = (*Store)(nil)

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than a file: how commands that accept either pick
// the store.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (a postgres:// URL or a key=value
// connection string, as libpq takes; pool_max_conns and the other pgxpool
// parameters are honoured) and brings its schema up to date. The database
// must exist. log receives a line per migration applied (nil: no logging).
// A server that does not answer gives an error wrapping dyad.ErrUnavailable,
// a malformed url one wrapping dyad.ErrInvalid.
func Open(ctx context.Context, url string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, fmt.Errorf("open store: %w: malformed PostgreSQL connection string", dyad.ErrInvalid)
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "dyad"
	}
	s := &Store{log: log, name: cfg.ConnConfig.Database + " on " + cfg.ConnConfig.Host}
	s.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", s.name, classify(err))
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("open store %s: %w", s.name, classify(err))
	}
	if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("open store %s: %w", s.name, err)
	}
	return s, nil
}

// Close closes the store's connections; it waits for queries in progress.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return sqlstore.Version(migrations, "migrations") }

// migrate applies the migrations the database has not had, in one
// transaction under the migration lock, so that workers starting at the same
// moment apply each once and none sees a half-made schema.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := sqlstore.Migrations(migrations, "migrations")
	if err != nil {
		return err
	}
	var applied []sqlstore.Migration
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY,
			name    text NOT NULL,
			applied timestamptz NOT NULL DEFAULT now())`); err != nil {
			return err
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
			return err
		}
		if v > len(ms) {
			return fmt.Errorf("%w: schema version %d is newer than this program's %d", dyad.ErrConflict, v, len(ms))
		}
		for _, m := range ms[v:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migrate to version %d (%s): %w", m.Version, m.Name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`,
				m.Version, m.Name); err != nil {
				return fmt.Errorf("migrate to version %d (%s): %w", m.Version, m.Name, err)
			}
			applied = append(applied, m)
		}
		return nil
	})
	if err != nil {
		return classify(err)
	}
	for _, m := range applied {
		s.log.Info("store schema migrated", "database", s.name, "version", m.Version, "migration", m.Name)
	}
	return nil
}

// classify marks the errors of the database itself and of the way to it as
// dyad.ErrUnavailable (retry later), unique violations as dyad.ErrConflict
// and values the database refuses (a NUL byte, invalid UTF-8, a text too big
// to index) as dyad.ErrInvalid, keeping the cause. Cancellation and other
// errors are returned as they are.
func classify(err error) error {
	if err == nil || errors.Is(err, dyad.ErrUnavailable) || errors.Is(err, dyad.ErrInvalid) ||
		errors.Is(err, dyad.ErrConflict) || errors.Is(err, dyad.ErrNotFound) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		class := pe.Code
		if len(class) > 2 {
			class = class[:2]
		}
		switch {
		case pe.Code == "23505": // unique_violation
			return fmt.Errorf("%w: %w", dyad.ErrConflict, err)
		case pe.Code == "22021", pe.Code == "22P05", pe.Code == "54000": // bad encoding, untranslatable, too big
			return fmt.Errorf("%w: %w", dyad.ErrInvalid, err)
		case class == "08", // connection exception
			class == "53",                                              // insufficient resources: disk full, out of memory, too many connections
			class == "57" && pe.Code != "57014",                        // shutdown, crash, cannot connect now (not a cancelled query)
			class == "58",                                              // system error: I/O
			pe.Code == "40001", pe.Code == "40P01", pe.Code == "55P03": // serialization, deadlock, lock not available
			return fmt.Errorf("%w: %w", dyad.ErrUnavailable, err)
		}
		return err
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return fmt.Errorf("%w: %w", dyad.ErrUnavailable, err)
	}
	return err
}
