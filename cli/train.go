package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dyadhq/dyad/conllu"
	"github.com/dyadhq/dyad/parse"
	"github.com/dyadhq/dyad/tag"
)

// TrainCmd trains the tagger and lemmatizer, then the parser, on a UD
// treebank and writes the models that dyad embeds.
type TrainCmd struct {
	Train     string  `help:"Training treebank (CoNLL-U); default: $DYAD_SHARED or ../shared, then data/ud-english-ewt/en_ewt-ud-train.conllu." type:"path"`
	Dev       string  `help:"Development treebank that picks the best epochs; default: en_ewt-ud-dev.conllu beside the default training file." type:"path"`
	Out       string  `help:"Repository root to write tag/model/en_ewt.tagger.gz and parse/model/en_ewt.parser.gz under." default:"." type:"path"`
	Epochs    int     `help:"Parser training epochs." default:"15"`
	WithDev   bool    `help:"Train the parser on the training and development sets together, for all epochs (the dev scores logged are then not held out)."`
	TagEpochs int     `help:"Tagger training epochs (0: the tagger's default)." default:"0"`
	Folds     int     `help:"Jackknife folds: the parser learns from tags predicted by taggers trained on the other folds (below 2: gold tags)." default:"10"`
	Workers   int     `help:"Jackknife taggers trained at once." default:"2"`
	Seed      int64   `help:"Seed of every random choice; the same seed and data give the same models." default:"1"`
	Tagger    string  `help:"Use this tagger model instead of training one (it is not written out)." type:"existingfile"`
	Beam      int     `help:"Beam width of the parser: trained with beam search and max-violation updates, and parsing with the same beam (below 2: greedy, trained with the dynamic oracle)." default:"0"`
	Margin    float32 `help:"With a beam, keep only the items that score within this margin of the best when parsing (0: the whole beam)." default:"0"`
}

// Run runs the command.
func (c *TrainCmd) Run(ctx context.Context, env *Env) error {
	shared := env.Getenv("DYAD_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "shared")
	}
	ewt := filepath.Join(shared, "data", "ud-english-ewt")
	trainPath, devPath := c.Train, c.Dev
	if trainPath == "" {
		trainPath = filepath.Join(ewt, "en_ewt-ud-train.conllu")
	}
	if devPath == "" && c.Train == "" {
		devPath = filepath.Join(ewt, "en_ewt-ud-dev.conllu")
	}
	train, err := readTreebank(trainPath)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	var dev []*conllu.Sentence
	if devPath != "" {
		if dev, err = readTreebank(devPath); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	env.Log.Info("treebank read", "train", trainPath, "sentences", len(train), "dev", devPath, "dev_sentences", len(dev))

	var tagger *tag.Model
	if c.Tagger != "" {
		f, err := os.Open(c.Tagger)
		if err != nil {
			return fmt.Errorf("train: %w", err)
		}
		tagger, err = tag.Read(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("train: tagger %s: %w", c.Tagger, err)
		}
	} else {
		start := time.Now()
		tagger, err = tag.Train(ctx, train, dev, tag.Options{Epochs: c.TagEpochs, Seed: c.Seed}, env.Log)
		if err != nil {
			return fmt.Errorf("train: %w", err)
		}
		path := filepath.Join(c.Out, "tag", "model", "en_ewt.tagger.gz")
		if err := writeModel(path, tagger.Save); err != nil {
			return fmt.Errorf("train: %w", err)
		}
		env.Log.Info("tagger written", "path", path, "took", time.Since(start).Round(time.Second))
	}
	if len(dev) > 0 {
		sc := tag.Evaluate(tagger, dev)
		env.Log.Info("tagger dev", "upos", fmt.Sprintf("%.2f", 100*sc.UPOS), "xpos", fmt.Sprintf("%.2f", 100*sc.XPOS),
			"lemma", fmt.Sprintf("%.2f", 100*sc.Lemma))
	}

	start := time.Now()
	opt := parse.Options{Epochs: c.Epochs, Seed: c.Seed, Folds: c.Folds, Workers: c.Workers, Beam: c.Beam, Margin: c.Margin,
		Tag: tag.Options{Epochs: c.TagEpochs, Seed: c.Seed}}
	ptrain, pdev := train, dev
	if c.WithDev {
		ptrain, pdev = append(slices.Clip(train), dev...), nil
	}
	parser, err := parse.Train(ctx, ptrain, pdev, tagger, opt, env.Log)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	path := filepath.Join(c.Out, "parse", "model", "en_ewt.parser.gz")
	if err := writeModel(path, parser.Save); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	env.Log.Info("parser written", "path", path, "features", parser.Features(), "took", time.Since(start).Round(time.Second))
	if len(dev) > 0 {
		sc := parse.Evaluate(parser, tagger, dev)
		env.Log.Info("parser dev, predicted tags", "uas", fmt.Sprintf("%.2f", sc.UAS()), "las", fmt.Sprintf("%.2f", sc.LAS()))
	}
	return nil
}

// readTreebank reads a whole CoNLL-U file; a malformed sentence is an error
// naming the file and line.
func readTreebank(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, path)
	if err != nil {
		return nil, err
	}
	return sents, nil
}

// writeModel writes a model file through a temporary file in the same
// folder, so a failed run never leaves a truncated model behind.
func writeModel(path string, save func(w io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := save(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
