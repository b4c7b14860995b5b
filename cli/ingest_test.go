package cli_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/cli"
	"github.com/dyadhq/dyad/dyadtest"
	"github.com/dyadhq/dyad/ingest/ingesttest"
	"github.com/dyadhq/dyad/sqlite"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/encoding/charmap"
)

// batchMain runs dyad in-process with args and returns its exit status and
// output.
func batchMain(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb dyadtest.Buffer
	code = cli.Main(ctx, args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// openDB opens a database that a command wrote.
func openDB(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func allArticles(t *testing.T, s dyad.Store) []dyad.ArticleRecord {
	t.Helper()
	arts, err := s.Articles(context.Background(), dyad.ArticleFilter{Page: dyad.Page{Limit: dyad.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// The seed article's metadata in its web forms.
const (
	seedURL    = "https://en.mehrnews.com/news/197972/iran-russia"
	seedTitle  = "Iranian FM to visit Moscow soon"
	seedSource = "Mehr News Agency"
)

// writeSeedForms writes the seed article into dir as plain text, an HTML
// page, an RSS item, a gzipped WARC response record and a JSON line, and
// returns its text.
func writeSeedForms(t *testing.T, dir string) string {
	t.Helper()
	raw, err := os.ReadFile(dyadtest.Shared(t, "seed/mehr-2023-02-24-iran-russia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	// The seed marks paragraphs with runs of three spaces.
	var paras strings.Builder
	for _, p := range strings.Split(text, "   ") {
		fmt.Fprintf(&paras, "<p>%s</p>\n", html.EscapeString(strings.TrimSpace(p)))
	}
	page := fmt.Sprintf(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%[1]s - %[2]s</title>
<meta property="og:title" content="%[1]s"><meta property="og:site_name" content="%[2]s">
<meta property="article:published_time" content="2023-02-24T12:10:00+03:30">
<link rel="canonical" href="%[3]s"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>%[1]s</h1>
%[4]s</article><footer>Mehr News Agency</footer></body></html>
`, seedTitle, seedSource, seedURL, paras.String())
	rss := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>https://en.mehrnews.com</link>
<item><title>%s</title><link>%s</link><pubDate>Fri, 24 Feb 2023 12:10:00 +0330</pubDate>
<description>%s</description></item></channel></rss>
`, seedSource, seedTitle, seedURL, html.EscapeString(paras.String()))
	line, err := json.Marshal(map[string]string{"text": text, "title": seedTitle, "url": seedURL,
		"source": seedSource, "published": "2023-02-24"})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "seed.txt"), raw)
	writeFile(t, filepath.Join(dir, "seed.html"), []byte(page))
	writeFile(t, filepath.Join(dir, "seed.rss"), []byte(rss))
	writeFile(t, filepath.Join(dir, "seed.warc.gz"), warcRecord(seedURL, []byte(page), true))
	writeFile(t, filepath.Join(dir, "seed.jsonl"), append(line, '\n'))
	return text
}

// warcRecord returns a WARC response record holding an HTTP response with
// an HTML body, gzipped or not.
func warcRecord(url string, body []byte, gz bool) []byte {
	resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
	block := append([]byte(resp), body...)
	head := fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:5eed0000-0000-4000-8000-000000000001>\r\n"+
		"WARC-Date: 2023-02-24T10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"+
		"Content-Length: %d\r\n\r\n", url, len(block))
	rec := append(append([]byte(head), block...), "\r\n\r\n"...)
	if !gz {
		return rec
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(rec)
	zw.Close()
	return b.Bytes()
}

// eventTriple is what the coder decided of an event, without its offsets
// (the forms of an article differ in white space).
type eventTriple struct {
	Sentence         int
	Source, Target   string
	CAMEO            string
	Modality         dyad.Modality
	Date, Precision  string
	Place, Attribute string
	Rule             string
}

func triples(d *dyad.Doc) []eventTriple {
	names := map[string]string{}
	for _, a := range d.Actors {
		names[a.ID] = a.Name
	}
	var out []eventTriple
	for _, e := range d.Events {
		tr := eventTriple{e.Sentence, e.Source.Code, e.Target.Code, e.CAMEO, e.Modality, e.Date, e.DatePrecision, "",
			names[e.AttributedTo], e.Rule}
		if e.Location != nil {
			tr.Place = e.Location.Name
		}
		out = append(out, tr)
	}
	return out
}

// TestIngestSeedForms ingests the seed article in five forms: one article
// is stored, four copies are skipped, and its events are those `dyad code`
// gives for the text. A second run is a no-op.
func TestIngestSeedForms(t *testing.T) {
	dir := t.TempDir()
	text := writeSeedForms(t, filepath.Join(dir, "in"))
	db := filepath.Join(dir, "dyad.db")
	ctx := context.Background()

	code, out, errs := batchMain(t, ctx, "ingest", filepath.Join(dir, "in"), "--db", db, "--workers", "2")
	if code != cli.ExitOK {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "5 read, 1 stored") || !strings.Contains(out, "4 duplicates skipped, 0 failed") {
		t.Errorf("summary:\n%s", out)
	}
	s := openDB(t, db)
	arts := allArticles(t, s)
	if len(arts) != 1 {
		t.Fatalf("%d articles stored, want 1", len(arts))
	}
	stored, err := s.Doc(ctx, arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Article.Published != "2023-02-24" || stored.Article.URL != seedURL || dyad.ContentHash(stored.Text) != dyad.ContentHash(text) {
		t.Errorf("stored article %+v, hash of its text %v", stored.Article, dyad.ContentHash(stored.Text) == dyad.ContentHash(text))
	}

	// `dyad code` on the seed's own text gives the same events.
	code, out, errs = batchMain(t, ctx, "code", "--published", "2023-02-24", filepath.Join(dir, "in", "seed.txt"))
	if code != cli.ExitOK {
		t.Fatalf("code: exit %d\n%s", code, errs)
	}
	var coded dyad.Doc
	if err := json.Unmarshal([]byte(out), &coded); err != nil {
		t.Fatal(err)
	}
	if len(coded.Events) == 0 {
		t.Fatal("dyad code found no event in the seed")
	}
	if diff := cmp.Diff(triples(&coded), triples(stored)); diff != "" {
		t.Errorf("events of the ingested seed differ from dyad code's (-code +ingest):\n%s", diff)
	}
	// On the very text stored, they are equal, offsets and all.
	writeFile(t, filepath.Join(dir, "stored.txt"), []byte(stored.Text))
	code, out, errs = batchMain(t, ctx, "code", "--published", "2023-02-24", "--url", seedURL, "--title", seedTitle,
		"--source", seedSource, filepath.Join(dir, "stored.txt"))
	if code != cli.ExitOK {
		t.Fatalf("code: exit %d\n%s", code, errs)
	}
	coded = dyad.Doc{}
	if err := json.Unmarshal([]byte(out), &coded); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(coded.Events, stored.Events, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("events of the stored text (-code +ingest):\n%s", diff)
	}

	// Again: everything is a duplicate, nothing changes.
	code, out, errs = batchMain(t, ctx, "ingest", filepath.Join(dir, "in"), "--db", db)
	if code != cli.ExitOK || !strings.Contains(out, "0 stored (0 events), 5 duplicates skipped") {
		t.Errorf("second ingest: exit %d\n%s\n%s", code, out, errs)
	}
	if n := len(allArticles(t, s)); n != 1 {
		t.Errorf("%d articles after the second run, want 1", n)
	}
}

// TestIngestBadInputs ingests a directory of broken and awkward inputs with
// two good articles: each bad one is reported with its reason, the good
// ones are stored, the exit status says something failed, and what was
// stored before is still there.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	db := filepath.Join(dir, "dyad.db")
	ctx := context.Background()
	arts := ingesttest.Articles(3)

	// An article stored before the run.
	writeFile(t, filepath.Join(dir, "before", arts[2].Name), []byte(arts[2].File))
	if code, out, errs := batchMain(t, ctx, "ingest", filepath.Join(dir, "before"), "--db", db); code != cli.ExitOK {
		t.Fatalf("first ingest: exit %d\n%s\n%s", code, out, errs)
	}

	writeFile(t, filepath.Join(in, arts[0].Name), []byte(arts[0].File))
	writeFile(t, filepath.Join(in, arts[1].Name), []byte(arts[1].File))
	writeFile(t, filepath.Join(in, "broken.rss"), []byte(`<?xml version="1.0"?><rss version="2.0"><channel>
<title>Wire</title><item><title>Talks</title><description>Greece praised Turkey</descr`))
	warc := warcRecord("https://example.org/page", []byte("<html><body><p>France praised Germany for its help.</p></body></html>"), true)
	writeFile(t, filepath.Join(in, "truncated.warc.gz"), warc[:len(warc)/2])
	page, err := charmap.Windows1251.NewEncoder().String(`<html><head><meta charset="windows-1251"><title>Новости</title></head>
<body><article><h1>Новости</h1><p>Москва и Пекин подписали соглашение о торговле. Переговоры продолжатся в среду в столице Китая.</p>
<p>Министры обсудили поставки энергии и новые маршруты.</p></article></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(in, "cp1251.html"), []byte(page))
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7 % 256)
	}
	writeFile(t, filepath.Join(in, "image.bin"), binary)
	writeFile(t, filepath.Join(in, "empty.txt"), nil)
	// 100 MB of text: a real first page, the rest a hole in the file.
	big, err := os.Create(filepath.Join(in, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := big.WriteString(strings.Repeat("France praised Germany for its help. ", 300)); err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()

	code, out, errs := batchMain(t, ctx, "ingest", in, "--db", db, "--workers", "2")
	if code != cli.ExitFailed {
		t.Errorf("exit %d, want %d", code, cli.ExitFailed)
	}
	for name, reason := range map[string]string{
		"broken.rss":        "malformed input",
		"truncated.warc.gz": "malformed input",
		"image.bin":         "binary data",
		"empty.txt":         "no text",
		"huge.txt":          "input too large",
	} {
		if !containsLine(errs, name, reason) {
			t.Errorf("stderr does not report %s with %q:\n%s", name, reason, errs)
		}
		if !containsLine(out[strings.Index(out, "failed:"):], name, reason) {
			t.Errorf("the summary does not list %s with %q:\n%s", name, reason, out)
		}
	}
	if !strings.Contains(out, "3 stored") || !strings.Contains(out, "5 failed") {
		t.Errorf("summary:\n%s", out)
	}

	s := openDB(t, db)
	var urls []string
	var cyrillic bool
	for _, a := range allArticles(t, s) {
		urls = append(urls, a.URL)
		if a.Title == "Новости" {
			d, err := s.Doc(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			cyrillic = strings.Contains(d.Text, "Москва и Пекин подписали соглашение")
		}
	}
	if diff := cmp.Diff([]string{arts[2].URL, arts[0].URL, arts[1].URL, ""}, urls); diff != "" {
		t.Errorf("stored articles by URL (-want +got):\n%s", diff)
	}
	if !cyrillic {
		t.Errorf("the windows-1251 page was not stored with its text decoded")
	}
}

// containsLine reports whether a line of s names name and reason.
func containsLine(s, name, reason string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, name) && strings.Contains(l, reason) {
			return true
		}
	}
	return false
}

// TestIngestInterrupt cancels an ingest (as Ctrl-C does): exit status 3,
// a summary, whole articles only, and a second run stores the rest.
func TestIngestInterrupt(t *testing.T) {
	dir := t.TempDir()
	arts, err := ingesttest.WriteDir(dir, 60)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "dyad.db")
	s := openDB(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result)
	go func() {
		code, out, errs := batchMain(t, ctx, "ingest", dir, "--db", db, "--workers", "2", "--batch", "2")
		done <- result{code, out, errs}
	}()
	var r result
	for finished := false; !finished; {
		select {
		case r = <-done:
			finished = true
		case <-time.After(20 * time.Millisecond):
			if st, err := s.Stats(context.Background()); err == nil && st.Articles >= 5 {
				cancel()
			}
		}
	}
	if r.code != cli.ExitAborted || !strings.Contains(r.err, "interrupted") || !strings.Contains(r.out, "stored") {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, cli.ExitAborted, r.out, r.err)
	}
	first := allArticles(t, s)
	if len(first) < 5 || len(first) == len(arts) {
		t.Fatalf("%d articles stored when interrupted: the test did not interrupt a run", len(first))
	}
	for _, a := range first {
		d, err := s.Doc(context.Background(), a.ID)
		if err != nil || len(d.Sentences) == 0 {
			t.Errorf("article %s: %d sentences, %v", a.ID, len(d.Sentences), err)
		}
	}
	code, out, errs := batchMain(t, context.Background(), "ingest", dir, "--db", db)
	want := fmt.Sprintf("%d stored", len(arts)-len(first))
	if code != cli.ExitOK || !strings.Contains(out, want) {
		t.Errorf("second run: exit %d, want %q in\n%s\n%s", code, want, out, errs)
	}
	if n := len(allArticles(t, s)); n != len(arts) {
		t.Errorf("%d articles in the end, want %d", n, len(arts))
	}
}

// TestIngestKilled kills `dyad ingest` (SIGKILL, no cleanup) in the middle
// of a directory of 200 articles and runs it again: the database has no
// duplicate and no partial article, and holds what an uninterrupted run
// stores.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the dyad binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build the dyad binary to kill")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "dyad")
	build := exec.Command(goBin, "build", "-o", bin, "./cmd/dyad")
	build.Dir = dyadtest.Root(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(tmp, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	arts, err := ingesttest.WriteDir(corpus, 200)
	if err != nil {
		t.Fatal(err)
	}
	ingestCmd := func(db string) *exec.Cmd {
		// Small batches: the kill lands between and within transactions
		// of several articles.
		cmd := exec.Command(bin, "ingest", corpus, "--db", db, "--workers", "2", "--batch", "8")
		cmd.Dir = tmp
		return cmd
	}

	killedDB := filepath.Join(tmp, "killed.db")
	killed := openDB(t, killedDB)
	cmd := ingestCmd(killedDB)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	atKill := 0
poll:
	for {
		select {
		case err := <-exited:
			t.Fatalf("dyad ingest ended (%v) before it was killed; stored %d\n%s", err, atKill, stderr.String())
		case <-time.After(10 * time.Millisecond):
			st, err := killed.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if atKill = st.Articles; atKill >= 20 {
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				<-exited
				break poll
			}
		}
	}
	st, err := killed.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles >= len(arts) {
		t.Fatalf("all %d articles were stored before the kill landed", st.Articles)
	}
	t.Logf("killed with %d of %d articles stored", st.Articles, len(arts))

	// The rest, then an uninterrupted run into another database.
	if out, err := ingestCmd(killedDB).CombinedOutput(); err != nil {
		t.Fatalf("ingest after the kill: %v\n%s", err, out)
	} else if want := fmt.Sprintf("%d duplicates skipped", st.Articles); !strings.Contains(string(out), want) {
		t.Errorf("the second run did not skip the %d stored articles:\n%s", st.Articles, out)
	}
	cleanDB := filepath.Join(tmp, "clean.db")
	if out, err := ingestCmd(cleanDB).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	clean := openDB(t, cleanDB)

	ctx := context.Background()
	gotStats, err := killed.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantStats, err := clean.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantStats, gotStats, cmpopts.IgnoreFields(dyad.Stats{}, "Bytes")); diff != "" {
		t.Errorf("counts after kill and re-run (-clean +killed):\n%s", diff)
	}
	if wantStats.Articles != len(arts) || wantStats.Events == 0 {
		t.Errorf("the clean run stored %d articles with %d events, want %d articles with events",
			wantStats.Articles, wantStats.Events, len(arts))
	}
	// Every article is whole: the same document as the clean run's.
	for _, a := range allArticles(t, clean) {
		want, err := clean.Doc(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := killed.Doc(ctx, a.ID)
		if err != nil {
			t.Errorf("article %s (%s) is missing after the kill: %v", a.ID, a.URL, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("article %s differs from the clean run's (-clean +killed):\n%s", a.ID, diff)
		}
	}
}

// TestIngestUsage gives bad values: each is an error before anything is read.
func TestIngestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	for _, args := range [][]string{
		{"ingest", t.TempDir(), "--db", db, "--published", "24/02/2023"},
		{"ingest", t.TempDir(), "--db", db, "--workers", "-1"},
	} {
		if code, _, errs := batchMain(t, context.Background(), args...); code == cli.ExitOK || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a database was created by a command that failed on its flags")
	}
}

// TestIngestProgressLog checks the progress lines written when stderr is
// not a terminal: one per ten seconds of the (here fast-running) clock.
func TestIngestProgressLog(t *testing.T) {
	dir := t.TempDir()
	if _, err := ingesttest.WriteDir(dir, 6); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	clock := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(4 * time.Second)
		return clock
	}
	var out, errb dyadtest.Buffer
	code := cli.Main(context.Background(), []string{"ingest", dir, "--db", filepath.Join(t.TempDir(), "dyad.db"), "--workers", "1"},
		cli.Env{Stdout: &out, Stderr: &errb, Now: now})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	lines := 0
	for _, l := range strings.Split(errb.String(), "\n") {
		if strings.Contains(l, "ingest progress") {
			lines++
			if !strings.Contains(l, "rate=") || !strings.Contains(l, "read=") {
				t.Errorf("progress line without rate or total: %s", l)
			}
		}
	}
	if lines == 0 || lines > 6 {
		t.Errorf("%d progress lines for 6 articles:\n%s", lines, errb.String())
	}
}

// TestIngestURL ingests a page fetched over HTTP, and a URL that fails.
func TestIngestURL(t *testing.T) {
	a := ingesttest.Articles(1)[0]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/1" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Report</title><meta property="article:published_time" content="2024-03-04"></head>
<body><article><p>%s</p></article></body></html>`, html.EscapeString(a.Body))
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "dyad.db")
	code, out, errs := batchMain(t, context.Background(), "ingest", srv.URL+"/news/1", srv.URL+"/gone", "--db", db)
	if code != cli.ExitFailed || !strings.Contains(out, "1 stored") || !containsLine(errs, "/gone", "not found") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
	arts := allArticles(t, openDB(t, db))
	if len(arts) != 1 || arts[0].URL != srv.URL+"/news/1" || arts[0].Published != "2024-03-04" {
		t.Errorf("stored %+v", arts)
	}
}
