// Package pgtest gives tests a fresh PostgreSQL database on the local server
// (127.0.0.1:5432, user postgres, trust authentication, as CI runs it; or
// the server of $DYAD_TEST_POSTGRES). A test that needs one is skipped, with
// a message that says so, only when no server answers; any other failure
// fails the test.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultURL is the maintenance database of the local test server.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=5"

// AdminURL returns the URL of the server's maintenance database:
// $DYAD_TEST_POSTGRES, else DefaultURL.
func AdminURL() string {
	if u := os.Getenv("DYAD_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultURL
}

// Connect opens a connection to the maintenance database, skipping t when no
// server answers.
func Connect(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		if noServer(err) {
			t.Skipf("no PostgreSQL server answers at %s (%v): start one (see .ci/run) or set DYAD_TEST_POSTGRES", redact(AdminURL()), err)
		}
		t.Fatalf("connect to PostgreSQL at %s: %v", redact(AdminURL()), err)
	}
	return conn
}

// NewDatabase creates an empty database named dyad_test_<random> and returns
// its URL; the database is dropped when the test ends, whoever is still
// connected to it.
func NewDatabase(t testing.TB) string {
	t.Helper()
	conn := Connect(t)
	ctx := context.Background()
	defer conn.Close(ctx)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "dyad_test_" + hex.EncodeToString(b[:])
	// The name is ours: lower-case letters, digits and underscores.
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, AdminURL())
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// noServer reports whether err says that nothing listens at the address
// (refused, unreachable, timed out), as opposed to a server that answered
// and refused us.
func noServer(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return false
	}
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &oe) || (errors.As(err, &ne) && ne.Timeout()) || pgconn.Timeout(err) ||
		errors.Is(err, context.DeadlineExceeded)
}

// redact drops the password from a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(malformed URL)"
	}
	return u.Redacted()
}
