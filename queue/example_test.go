package queue_test

import (
	"context"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/queue"
	"github.com/dyadhq/dyad/sqlite"
)

// Queue an article, then run a worker that handles jobs until interrupted.
// The handler must return only once the article is committed: the job is
// acknowledged after it returns.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	q, err := queue.Open(ctx, "nats://127.0.0.1:4222", queue.Config{}, queue.Create, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer q.Close()
	if _, err := q.Publish(ctx, queue.Job{
		Article: dyad.Article{Title: "Iran's FM to visit Moscow", Published: "2023-02-24"},
		Text:    "TEHRAN - Iran's foreign minister will visit Moscow soon.",
	}); err != nil {
		log.Fatal(err)
	}
	w := &queue.Worker{Queue: q, Concurrency: 2, Handle: func(ctx context.Context, j queue.Job) (queue.Result, error) {
		// Code j.Text and store the doc here (see cli/worker.go).
		return queue.Result{Added: true}, nil
	}}
	if err := w.Run(ctx); err != nil {
		log.Fatal(err)
	}
}

// A worker that codes two jobs at a time and writes their documents to the
// store in batches of up to 64 per transaction, each batch waiting at most
// 100ms to fill. A job is acknowledged after the batch with its document
// committed; a document the store refuses dead-letters its job alone.
func ExampleWorker_batches() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	q, err := queue.Open(ctx, "nats://127.0.0.1:4222", queue.Config{}, queue.Create, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer q.Close()
	store, err := sqlite.Open(ctx, "dyad.db", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	w := &queue.Worker{Queue: q, Concurrency: 2, Store: store, Batch: 64, BatchWait: 100 * time.Millisecond,
		Code: func(ctx context.Context, j queue.Job) (queue.Coded, error) {
			// Code j.Text here (see cli/worker.go).
			return queue.Coded{Doc: &dyad.Doc{Article: j.Article, Text: j.Text}}, nil
		}}
	if err := w.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
