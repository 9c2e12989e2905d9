#!/usr/bin/env python3
"""Checks the gold.jsonl of each corpus folder given against the article files beside it.

Usage: python3 tests/corpora/check_gold.py [FOLDER...]
(default: every annotated corpus of the repository: tests/corpora/dev, heldout,
news-dev, news-heldout, press-heldout, quotes-dev, quotes-dev2, quotes-heldout,
quotes-heldout2, train/* and examples/corpus).

Every gold span must point at its text (UTF-8 byte offsets into the exact file bytes),
carry a valid label, be sorted by start and not overlap the previous one; there must be
exactly one gold line per .txt file and no line for a missing file. Exits 1 on any
problem, 0 otherwise, and prints the counts per label.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

LABELS = {"PER", "ORG", "LOC", "DATE", "QUANTITY"}
ROOT = Path(__file__).resolve().parent
DEFAULT_FOLDERS = [
    ROOT / "dev",
    ROOT / "heldout",
    ROOT / "news-dev",
    ROOT / "news-heldout",
    ROOT / "press-heldout",
    ROOT / "quotes-dev",
    ROOT / "quotes-dev2",
    ROOT / "quotes-heldout",
    ROOT / "quotes-heldout2",
    *sorted(p for p in (ROOT / "train").iterdir() if p.is_dir()),
    ROOT.parent.parent / "examples" / "corpus",
]
# The metadata marker at the head of some files: never annotated.
DATE_MARKER = re.compile(rb"^(\xef\xbb\xbf)?[ \t]*date[ \t]+\d{4}-\d{2}")


def check(folder: Path) -> int:
    problems = []

    def bad(msg):
        problems.append(msg)

    gold_path = folder / "gold.jsonl"
    txt_files = sorted(p.name for p in folder.glob("*.txt"))
    if not gold_path.is_file():
        print(f"{gold_path}: missing")
        return 1

    seen = set()
    counts = Counter()
    raw = gold_path.read_bytes()
    try:
        lines = raw.decode("utf-8").split("\n")
    except UnicodeDecodeError as e:
        print(f"gold.jsonl: not UTF-8: {e}")
        return 1
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"gold.jsonl:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            bad(f"{where}: invalid JSON: {e}")
            continue
        if not isinstance(rec, dict) or set(rec) != {"doc", "annotations"}:
            bad(f"{where}: expected exactly the keys doc and annotations")
            continue
        doc, anns = rec["doc"], rec["annotations"]
        if not isinstance(doc, str) or not isinstance(anns, list):
            bad(f"{where}: doc must be a string and annotations a list")
            continue
        where = f"{where} ({doc})"
        if doc in seen:
            bad(f"{where}: second gold line for this document")
            continue
        seen.add(doc)
        path = folder / doc
        if "/" in doc or not path.is_file():
            bad(f"{where}: no such article file beside gold.jsonl")
            continue
        data = path.read_bytes()
        marker = DATE_MARKER.match(data)
        marker_end = marker.end() if marker else 0
        prev = None
        for i, a in enumerate(anns):
            w = f"{where} annotation {i}"
            if not isinstance(a, dict) or set(a) != {"start", "end", "label", "text"}:
                bad(f"{w}: expected exactly the keys start, end, label, text")
                continue
            s, e, label, text = a["start"], a["end"], a["label"], a["text"]
            if not all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)):
                bad(f"{w}: start and end must be integers")
                continue
            if label not in LABELS:
                bad(f"{w}: invalid label {label!r}")
            if not (0 <= s < e <= len(data)):
                bad(f"{w}: bad span [{s}, {e}) for a file of {len(data)} bytes")
                continue
            try:
                actual = data[s:e].decode("utf-8")
            except UnicodeDecodeError:
                bad(f"{w}: [{s}, {e}) does not fall on UTF-8 character boundaries")
                continue
            if actual != text:
                bad(f"{w}: text {text!r} but the file has {actual!r} at [{s}, {e})")
            if actual != actual.strip():
                bad(f"{w}: span {actual!r} starts or ends with white space")
            if s < marker_end:
                bad(f"{w}: span {actual!r} starts inside the date marker")
            if prev is not None:
                ps, pe = prev
                if (s, e) < (ps, pe):
                    bad(f"{w}: not sorted by start (after [{ps}, {pe}))")
                elif s < pe:
                    bad(f"{w}: [{s}, {e}) overlaps the previous span [{ps}, {pe})")
            prev = (s, e)
            counts[label] += 1

    for name in txt_files:
        if name not in seen:
            bad(f"{name}: no gold line for this article")

    for p in problems:
        print(f"{folder}: {p}")
    total = sum(counts.values())
    summary = ", ".join(f"{lab} {counts[lab]}" for lab in sorted(LABELS, key=["PER", "ORG", "LOC", "DATE", "QUANTITY"].index))
    print(f"{folder}: {len(seen)} documents, {len(txt_files)} article files, {total} spans: {summary}")
    if problems:
        print(f"FAILED: {len(problems)} problem(s)")
        return 1
    print("OK")
    return 0


def main() -> int:
    folders = [Path(a) for a in sys.argv[1:]] or DEFAULT_FOLDERS
    return max(check(folder) for folder in folders)


if __name__ == "__main__":
    sys.exit(main())
