#!/bin/sh
# Rebuilds the default model of the `ner` tagger, byte for byte:
#
#   plugins/ner/model/train.sh [NER_DATA]
#
# NER_DATA is the folder of the openly licensed French NER sets (see docs/training.md;
# default: ../shared/ner-data beside the repository). Run from the repository root.
set -eu
data="${1:-../shared/ner-data}"
exec cargo run --release -q -p glose-cli -- train \
  --lexicons plugins/ner/lexicons \
  --output plugins/ner/model/fr-news.glner \
  --epochs 15 --hash-bits 18 --seed 1 \
  --train tests/corpora/train/*/gold.jsonl examples/corpus/gold.jsonl tests/corpora/dev/gold.jsonl \
    tests/corpora/quotes-dev/gold.jsonl \
    "$data/europeana-fr-bnf/train.conll@0.2" \
    "$data/hipe2022-newseye-fr/train.names-only.conll@0.2" \
  --dev tests/corpora/news-dev/gold.jsonl
