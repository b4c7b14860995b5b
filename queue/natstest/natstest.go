// Package natstest gives tests a NATS server with JetStream: the machine's
// own (127.0.0.1:4222, as CI runs it, or $DYAD_TEST_NATS), or one embedded
// in the test process that a fault test can stop and start again on the
// same port with the same store directory. Streams are per test: use
// Stream for a unique name.
package natstest

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// DefaultURL is the machine's NATS server.
const DefaultURL = "nats://127.0.0.1:4222"

// URL returns the URL of the machine's NATS server ($DYAD_TEST_NATS, else
// DefaultURL), skipping t when no server answers there, and failing it when
// one answers without JetStream.
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("DYAD_TEST_NATS")
	if url == "" {
		url = DefaultURL
	}
	nc, err := nats.Connect(url, nats.Timeout(3*time.Second))
	if err != nil {
		if errors.Is(err, nats.ErrNoServers) {
			t.Skipf("no NATS server answers at %s (%v): start one with JetStream (see .ci/run) or set DYAD_TEST_NATS", url, err)
		}
		t.Fatalf("connect to NATS at %s: %v", url, err)
	}
	defer nc.Close()
	if _, err := nc.Request("$JS.API.INFO", nil, 3*time.Second); err != nil {
		t.Fatalf("the NATS server at %s has no JetStream (%v): start it with -js", url, err)
	}
	return url
}

// Stream returns a stream name for one test: prefix and random hex digits.
func Stream(t testing.TB, prefix string) string {
	t.Helper()
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return strings.ToUpper(prefix) + "_" + strings.ToUpper(hex.EncodeToString(b[:]))
}

// Server is a NATS server with JetStream embedded in the test process.
type Server struct {
	t    testing.TB
	dir  string
	port int
	s    *server.Server
}

// Start starts an embedded server on a free port of 127.0.0.1 with its store
// in a temporary directory; it is shut down when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	srv := &Server{t: t, dir: t.TempDir(), port: port}
	srv.Restart()
	t.Cleanup(srv.Stop)
	return srv
}

// URL returns the server's client URL.
func (s *Server) URL() string { return "nats://127.0.0.1:" + strconv.Itoa(s.port) }

// Stop shuts the server down (its clients see the connection drop) and
// waits until it is down. Stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.s == nil {
		return
	}
	s.s.Shutdown()
	s.s.WaitForShutdown()
	s.s = nil
}

// Restart starts the server again, on the same port with the same store, so
// that streams, consumers and unacknowledged jobs survive.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	opts := &server.Options{
		ServerName: "dyad-test",
		Host:       "127.0.0.1",
		Port:       s.port,
		JetStream:  true,
		StoreDir:   s.dir,
		NoLog:      true,
		NoSigs:     true,
	}
	var err error
	// The port may take a moment to be free again after a stop.
	for try := 0; try < 50; try++ {
		s.s, err = server.NewServer(opts)
		if err != nil {
			s.t.Fatalf("embedded NATS server: %v", err)
		}
		go s.s.Start()
		if s.s.ReadyForConnections(10 * time.Second) {
			return
		}
		s.s.Shutdown()
		s.s.WaitForShutdown()
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("embedded NATS server did not start on port %d", s.port)
}
