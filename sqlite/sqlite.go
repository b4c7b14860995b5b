// Package sqlite is dyad's default archive: a dyad.Store in one embedded
// SQLite file (modernc.org/sqlite, pure Go, with FTS5 full-text indexes over
// article text and quotations).
//
// The schema is created and upgraded by the numbered SQL migrations embedded
// from migrations/, applied at Open and recorded in the file's user_version.
// The file is in WAL mode: one writer and many readers at once, from one or
// several processes, and a process killed mid-write leaves the last committed
// state. Each article and its whole extraction are written in one
// transaction.
//
// Listings page through filtered records in (article, ord) order without
// sorting the matches: each filter on an indexed column is read as a merge
// of index scans in that order, one per value, that stops at the page's end
// (see plan.go and migrations/0002). Counts of events (EventCounts, behind
// the server's timelines and network) are grouped as they are read from
// indexes that begin with the grouped columns and hold every filtered one
// (see count.go and migrations/0004). What it shares with package postgres
// (the conditions of filters, the columns and scanning of records, the rows
// of a document) is package sqlstore.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/sqlstore"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a dyad.Store in one SQLite file. It is safe for concurrent use.
type Store struct {
	path string
	log  *slog.Logger
	w    *sql.DB // one connection: the writer
	r    *sql.DB // readers

	inserts [numInserts]*sql.Stmt // on w
}

var _ dyad.Store = (*Store)(nil)

// Open opens the SQLite archive at path, creating it if it does not exist, and
// brings its schema up to date. log receives a line per migration applied
// (nil: no logging).
func Open(ctx context.Context, path string, log *slog.Logger) (*Store, error) {
	return openVersion(ctx, path, log, 0)
}

// openVersion is Open that brings the schema up to version upTo only (0: the
// latest), so that tests can write files of an older schema.
func openVersion(ctx context.Context, path string, log *slog.Logger, upTo int) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: %w: empty path", dyad.ErrInvalid)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{path: path, log: log}
	var err error
	s.w, err = sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := s.migrate(ctx, upTo); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	for i, q := range insertSQL {
		if s.inserts[i], err = s.w.PrepareContext(ctx, q); err != nil {
			s.w.Close()
			return nil, fmt.Errorf("open store %s: %w", path, unavailable(err))
		}
	}
	s.r, err = sql.Open("sqlite", dsn(path, true))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(8)
	s.r.SetMaxIdleConns(8)
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, unavailable(err))
	}
	return s, nil
}

// dsn returns the connection string: WAL, a busy timeout so a second writer
// waits rather than fails, foreign keys, and for the writer transactions that
// take the write lock at BEGIN (so two writers never deadlock on upgrade).
// The writer's page cache is 64 MiB, a reader's 16 MiB (SQLite's default is
// 2 MiB): the indexes that every stored event updates outgrow 2 MiB after a
// few thousand articles, and each insert would then read pages back. The
// WAL is checkpointed every 64 MiB rather than every 4 MiB: each checkpoint
// syncs the database file, which at 4 MiB cost a third of an ingest's
// storing time.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "cache_size(-16384)")
	} else {
		q.Add("_pragma", "cache_size(-65536)")
		q.Add("_pragma", "wal_autocheckpoint(16384)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// SchemaVersion is the schema version this package writes.
func SchemaVersion() int { return sqlstore.Version(migrations, "migrations") }

// migrate applies the migrations the file has not had, up to version upTo
// (0: all), each in its own transaction together with the new user_version.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := sqlstore.Migrations(migrations, "migrations")
	if err != nil {
		return err
	}
	for _, m := range ms {
		if upTo > 0 && m.Version > upTo {
			break
		}
		applied, err := s.apply(ctx, m)
		if err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", m.Version, m.Name, unavailable(err))
		}
		if applied {
			s.log.Info("store schema migrated", "path", s.path, "version", m.Version, "migration", m.Name)
		}
	}
	var v int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return unavailable(err)
	}
	if v > len(ms) {
		return fmt.Errorf("%w: schema version %d is newer than this program's %d", dyad.ErrConflict, v, len(ms))
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m sqlstore.Migration) (bool, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, err
	}
	if v >= m.Version {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, err
	}
	// PRAGMA takes no parameters; the version is an integer of ours.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.Version)); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// Close closes the store's connections.
func (s *Store) Close() error {
	var errs []error
	for _, st := range s.inserts {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// unavailable marks errors of the database itself (busy, locked, I/O, full)
// as dyad.ErrUnavailable, keeping the cause.
func unavailable(err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL,
			sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %w", dyad.ErrUnavailable, err)
		}
	}
	return err
}

// isConstraint reports whether err is a UNIQUE or other constraint failure.
func isConstraint(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}
