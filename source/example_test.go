package source_test

import (
	"context"
	"fmt"

	"github.com/dyadhq/dyad/source"
)

// Read yields every article of a file, directory or URL; a bad record is an
// error value and reading goes on.
func ExampleRead() {
	for it, err := range source.Read(context.Background(), "testdata/fixtures/articles.jsonl", source.Options{}) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(it.Input, it.Article.Published, it.Article.Title)
	}
	// Output:
	// testdata/fixtures/articles.jsonl:1 2024-01-12 Talks in Ankara
	// error: testdata/fixtures/articles.jsonl:2: invalid input: malformed input: unexpected end of JSON input
	// testdata/fixtures/articles.jsonl:4 2024-01-12 Greece on talks
	// error: testdata/fixtures/articles.jsonl:5: invalid input: no text: the line has no "text"
}
