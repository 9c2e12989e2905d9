#!/bin/sh
# Rebuilds the default model of the `ner` tagger, byte for byte:
#
#   plugins/ner/model/train.sh [NER_DATA]
#
# NER_DATA is the folder of the openly licensed French NER sets (see docs/training.md;
# default: ../shared/ner-data beside the repository). Run from the repository root.
set -eu
data="${1:-../shared/ner-data}"
# quotes-dev's articles 1 to 361 only: the later ones were written after this model and
# are text it never saw (docs/training.md says why).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seen="$tmp/quotes-dev"
mkdir "$seen"
awk -F'"' '($4 + 0) < 362' tests/corpora/quotes-dev/gold.jsonl > "$seen/gold.jsonl"
awk -F'"' '{ print $4 }' "$seen/gold.jsonl" | while read -r doc; do
  ln -s "$PWD/tests/corpora/quotes-dev/$doc" "$seen/$doc"
done
cargo run --release -q -p glose-cli -- train \
  --lexicons plugins/ner/lexicons \
  --output plugins/ner/model/fr-news.glner \
  --epochs 15 --hash-bits 18 --seed 1 \
  --train tests/corpora/train/*/gold.jsonl examples/corpus/gold.jsonl tests/corpora/dev/gold.jsonl \
    "$seen/gold.jsonl" \
    "$data/europeana-fr-bnf/train.conll@0.2" \
    "$data/hipe2022-newseye-fr/train.names-only.conll@0.2" \
  --dev tests/corpora/news-dev/gold.jsonl
