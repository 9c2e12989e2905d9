#!/usr/bin/env python3
"""Check examples/corpus/gold.jsonl against the exact bytes of the example articles.

For every annotation: UTF-8 byte offsets inside the file, `text` equal to
file_bytes[start:end].decode("utf-8"), a known label, spans sorted by start and not
overlapping. Every *.txt of the corpus must have exactly one line in gold.jsonl.
Usage: python3 examples/check_gold.py   (exit status 0 when everything holds)
"""
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
LABELS = {"PER", "ORG", "LOC", "DATE", "QUANTITY"}


def main() -> int:
    errors = []
    seen = set()
    total = 0
    counts = {label: 0 for label in sorted(LABELS)}
    with open(CORPUS / "gold.jsonl", encoding="utf-8") as gold:
        for lineno, line in enumerate(gold, 1):
            entry = json.loads(line)
            doc = entry["doc"]
            if doc in seen:
                errors.append(f"line {lineno}: {doc} annotated twice")
            seen.add(doc)
            path = CORPUS / doc
            if not path.is_file():
                errors.append(f"line {lineno}: no such file {doc}")
                continue
            data = path.read_bytes()
            previous_end = -1
            previous_start = -1
            for ann in entry["annotations"]:
                start, end, label, text = ann["start"], ann["end"], ann["label"], ann["text"]
                where = f"{doc} [{start},{end}) {label} {text!r}"
                if label not in LABELS:
                    errors.append(f"{where}: unknown label")
                if not (0 <= start < end <= len(data)):
                    errors.append(f"{where}: offsets out of range")
                    continue
                try:
                    actual = data[start:end].decode("utf-8")
                except UnicodeDecodeError:
                    errors.append(f"{where}: offsets cut a UTF-8 character")
                    continue
                if actual != text:
                    errors.append(f"{where}: file has {actual!r}")
                if actual != actual.strip():
                    errors.append(f"{where}: span has surrounding whitespace")
                if start < previous_start:
                    errors.append(f"{where}: not sorted by start")
                if start < previous_end:
                    errors.append(f"{where}: overlaps the previous span")
                previous_start, previous_end = start, end
                counts[label] = counts.get(label, 0) + 1
                total += 1
    for txt in sorted(CORPUS.glob("*.txt")):
        if txt.name not in seen:
            errors.append(f"{txt.name}: missing from gold.jsonl")
    for error in errors:
        print("error:", error, file=sys.stderr)
    summary = ", ".join(f"{label} {n}" for label, n in counts.items())
    print(f"{len(seen)} documents, {total} annotations ({summary}):",
          "FAILED" if errors else "ok")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
