package server

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dyadhq/dyad"
)

// chromium returns the path of a Chromium or Chrome, or "".
func chromium() string {
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifacts returns the folder screenshots go to: $DYAD_ARTIFACTS, or a
// temporary folder of the test.
func artifacts(t *testing.T) string {
	dir := os.Getenv("DYAD_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts a headless Chromium for the test; it stops with the test.
// What the pages write to the console as errors (script exceptions, and
// Content-Security-Policy violations) is collected in problems.
func browser(t *testing.T) (context.Context, *problems) {
	path := chromium()
	if path == "" {
		t.Skip("no Chromium found (install chromium, or set DYAD_CHROMIUM): skipping the browser test")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	p := &problems{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				p.add(fmt.Sprintf("%s %s (%s)", m.Type, m.Text, m.URL))
			}
		}
	}()
	tctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return tctx, p
}

// problems collects what the browser reports going wrong.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, s)
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// save writes a screenshot as name.png in dir.
func save(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// shoot saves a screenshot of the whole page.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	save(t, dir, name, png)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// In a real browser: the seed article's page highlights the quote and the
// events, a click on an event explains it, and the IRN-RUS dyad page draws
// its chart. Screenshots of every page are saved.
func TestBrowser(t *testing.T) {
	ctx, probs := browser(t)
	sd := newSeeded(t)
	dir := artifacts(t)

	var evs list[dyad.EventRecord]
	sd.get(t, "/api/events?article="+sd.id+"&source=IGOUNO&target=RUS&cameo=111", &evs)
	if len(evs.Items) == 0 {
		t.Fatal("the coder gave no IGOUNO -> RUS 111 event to look for")
	}
	ref := "ev-" + evs.Items[0].ID

	if err := chromedp.Do(ctx,
		chromedp.Navigate(sd.base+"/articles/"+sd.id),
		chromedp.WaitVisible(chromedp.CSS(`#text mark.hl-quote`)),
	); err != nil {
		t.Fatalf("article page: %v", err)
	}
	quotes := eval[int](t, ctx, `document.querySelectorAll('#text mark.hl-quote').length`)
	events := eval[int](t, ctx, `document.querySelectorAll('#text mark.hl-event').length`)
	if quotes == 0 || events == 0 {
		t.Errorf("article page: %d highlighted quotes, %d highlighted events", quotes, events)
	}
	quoteText := eval[string](t, ctx, `Array.from(document.querySelectorAll('#text mark.hl-quote.direct')).map(m => m.textContent).join(' | ')`)
	if !strings.Contains(quoteText, "Relations between Iran and Russia are dependent on the political desire of the two nations") {
		t.Errorf("Kanaani's quote is not highlighted; direct quotes: %q", quoteText)
	}
	shoot(t, ctx, dir, "article")

	sel := chromedp.CSS(`#text mark[data-ref="` + ref + `"]`)
	if err := chromedp.Do(ctx,
		chromedp.ScrollIntoView(sel),
		chromedp.Click(sel),
		chromedp.WaitVisible(chromedp.CSS(`#pop`)),
	); err != nil {
		t.Fatalf("click on the IGOUNO -> RUS event: %v", err)
	}
	popText := eval[string](t, ctx, `document.querySelector('#pop .pop-body').textContent`)
	for _, want := range []string{"111", "IGOUNO", "RUS", "asserted", evs.Items[0].Rule} {
		if !strings.Contains(popText, want) {
			t.Errorf("the pop-up of the event lacks %q: %q", want, popText)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	save(t, dir, "article-event", png)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\x1b")); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.getElementById('pop').hidden`) {
		t.Error("Escape did not close the pop-up")
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(sd.base+"/dyads/IRN/RUS?interval=week&from=2022-12-01"),
		chromedp.WaitVisible(chromedp.CSS(`svg.chart.timeline`)),
	); err != nil {
		t.Fatalf("dyad page: %v", err)
	}
	bars := eval[int](t, ctx, `document.querySelectorAll('svg.timeline rect.bar').length`)
	dots := eval[int](t, ctx, `document.querySelectorAll('svg.timeline circle.dot').length`)
	if bars == 0 || dots == 0 {
		t.Errorf("IRN-RUS chart: %d bars, %d Goldstein marks; want some of each", bars, dots)
	}
	if w := eval[float64](t, ctx, `document.querySelector('svg.timeline').getBoundingClientRect().width`); w < 600 {
		t.Errorf("the chart is %v px wide on a laptop screen", w)
	}
	shoot(t, ctx, dir, "dyad-IRN-RUS")

	for _, pg := range []struct{ path, wait, name string }{
		{"/network", `svg.chart.network`, "network"},
		{"/votes", `svg.tally`, "votes"},
		{"/?q=drones", `.results`, "search"},
		{"/events?actor=IRN", `table.events`, "events"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(sd.base+pg.path), chromedp.WaitVisible(chromedp.CSS(pg.wait))); err != nil {
			t.Fatalf("%s: %v", pg.path, err)
		}
		shoot(t, ctx, dir, pg.name)
	}

	// A phone: the article in one column, the pop-up as a bottom sheet.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(sd.base+"/articles/"+sd.id),
		chromedp.WaitVisible(sel),
		chromedp.ScrollIntoView(sel),
		chromedp.Click(sel),
		chromedp.WaitVisible(chromedp.CSS(`#pop`)),
	); err != nil {
		t.Fatalf("phone article: %v", err)
	}
	if !eval[bool](t, ctx, `document.getElementById('pop').classList.contains('sheet')`) {
		t.Error("on a phone the pop-up is not a bottom sheet")
	}
	if over := eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
		t.Error("the article page scrolls sideways on a phone")
	}
	if png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	save(t, dir, "phone-article", png)
	if err := chromedp.Do(ctx, chromedp.Navigate(sd.base+"/dyads/IRN/RUS"), chromedp.WaitVisible(chromedp.CSS(`svg.chart.timeline`))); err != nil {
		t.Fatal(err)
	}
	if over := eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
		t.Error("the dyad page scrolls sideways on a phone")
	}
	shoot(t, ctx, dir, "phone-dyad")
	for _, p := range probs.take() {
		t.Errorf("browser: %s", p)
	}
}
