#!/usr/bin/env python3
"""Writes a JSONL stream of generated articles for `glose annotate --stdin`.

    python3 tests/spark/make_stream.py --records 20000 > stream.jsonl

Each record, `{"id": "doc-000001", "text": "..."}`, is made from the articles of a
folder (default: examples/corpus): one of them with other dates or none, paragraphs
from the others added, reordered or left out, and now and then the whole repeated. The
same arguments give the same stream.
"""

import argparse
import json
import os
import random
import re
import sys

MARKER = re.compile(r"^\s*date (\d{4}-\d{2})\s*")


def articles(folder):
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        m = MARKER.match(text)
        date, body = (m.group(1), text[m.end():]) if m else (None, text)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        if paragraphs:
            found.append((date, paragraphs))
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--articles", default=os.path.join(here, "..", "..", "examples", "corpus")
    )
    args = parser.parse_args()
    if args.records < 0:
        parser.error("--records cannot be negative")
    if not os.path.isdir(args.articles):
        parser.error(f"{args.articles} is not a folder")
    source = articles(args.articles)
    if not source:
        parser.error(f"no *.txt article in {args.articles}")
    rng = random.Random(args.seed)
    out = sys.stdout
    for i in range(args.records):
        date, paragraphs = rng.choice(source)
        paragraphs = list(paragraphs)
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 2)):
                paragraphs.append(rng.choice(rng.choice(source)[1]))
        if rng.random() < 0.25:
            k = rng.randrange(len(paragraphs))
            paragraphs = paragraphs[k:] + paragraphs[:k]
        if rng.random() < 0.25 and len(paragraphs) > 1:
            paragraphs = paragraphs[: rng.randint(1, len(paragraphs) - 1)]
        if rng.random() < 0.05:
            paragraphs = paragraphs * 2
        r = rng.random()
        if r < 0.1:
            date = None
        elif r < 0.4:
            date = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}"
        text = (f" date {date} " if date else "") + "\n\n".join(paragraphs) + "\n"
        out.write(json.dumps({"id": f"doc-{i:06d}", "text": text}, ensure_ascii=False))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
