package queue_test

import (
	"context"
	"log"
	"os"
	"os/signal"

	"github.com/dyadhq/dyad"
	"github.com/dyadhq/dyad/queue"
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
