#!/usr/bin/env python3
"""Converts annotated articles written with inline markup to article files and gold.

Usage:
  python3 tests/corpora/markup.py build MARKUP_DIR OUT_DIR
      every MARKUP_DIR/*.md becomes OUT_DIR/NAME.txt; OUT_DIR/gold.jsonl gets one line per
      article (entities) and OUT_DIR/quotes.jsonl one line per article (quotes);
      existing lines of other articles in those files are kept, sorted by name.
  python3 tests/corpora/markup.py show FOLDER NAME.txt
      prints the article with its gold as markup (to review or edit it).

Markup: `[[text|LABEL]]` with LABEL one of PER, ORG, LOC, DATE, QUANTITY. A quote is
`[[« text »|QUOTE speaker=NAME]]` (NAME as written in the article, or
`speaker=?DESCRIPTION` for an anonymous source such as `?un dirigeant du club`, or
`speaker=` when the article names none); entities may sit inside a quote, not inside
another entity. Everything else is the article's text, byte for byte (a file may start
with the ` date YYYY-MM` marker line).
"""
import json
import re
import sys
from pathlib import Path

ENTITY_LABELS = {"PER", "ORG", "LOC", "DATE", "QUANTITY"}
CLOSE = re.compile(r"\|(PER|ORG|LOC|DATE|QUANTITY|QUOTE)((?: [a-z_]+=[^\]|]*)*)\]\]")


class MarkupError(Exception):
    pass


def parse(src: str, name: str):
    """Returns (text, entities, quotes) for one markup source."""
    out = []  # pieces of text
    nbytes = 0
    stack = []  # (byte offset, char offset in src) of open [[
    entities, quotes = [], []
    i = 0
    while i < len(src):
        if src.startswith("[[", i):
            stack.append((nbytes, i))
            i += 2
            continue
        m = CLOSE.match(src, i)
        if m and stack:
            start, opened_at = stack.pop()
            label, attrs = m.group(1), m.group(2)
            text = "".join(out).encode("utf-8")[start:nbytes].decode("utf-8")
            if not text or text != text.strip():
                raise MarkupError(f"{name}: span {text!r} (opened at char {opened_at}) is empty or has white space at an end")
            if label == "QUOTE":
                rec = {"start": start, "end": nbytes, "text": text}
                for kv in attrs.split(" speaker=")[1:] if attrs else []:
                    rec["speaker"] = kv.strip()
                if "speaker" not in rec:
                    raise MarkupError(f"{name}: quote {text[:40]!r}… has no speaker= (use speaker= when none is named)")
                quotes.append(rec)
            else:
                if attrs:
                    raise MarkupError(f"{name}: entity {text!r} takes no attributes")
                if stack and _inside_entity(stack, src):
                    raise MarkupError(f"{name}: entity {text!r} is nested inside another entity")
                entities.append({"start": start, "end": nbytes, "label": label, "text": text})
            i = m.end()
            continue
        if src.startswith("]]", i):
            raise MarkupError(f"{name}: stray markup at char {i}: {src[max(0, i - 30):i + 30]!r}")
        out.append(src[i])
        nbytes += len(src[i].encode("utf-8"))
        i += 1
    if stack:
        raise MarkupError(f"{name}: unclosed [[ at char {stack[-1][1]}: {src[stack[-1][1]:stack[-1][1] + 40]!r}")
    entities.sort(key=lambda a: (a["start"], a["end"]))
    prev_end = -1
    for a in entities:
        if a["start"] < prev_end:
            raise MarkupError(f"{name}: entity {a['text']!r} overlaps the previous one")
        prev_end = a["end"]
    return "".join(out), entities, quotes


def _inside_entity(stack, src):
    # An open span is an entity unless its closing tag is a QUOTE; we only know that when it
    # closes, so look ahead for the nearest unmatched closing tag of the innermost open span.
    _, opened_at = stack[-1]
    depth = 0
    j = opened_at + 2
    while j < len(src):
        if src.startswith("[[", j):
            depth += 1
            j += 2
            continue
        m = CLOSE.match(src, j)
        if m:
            if depth == 0:
                return m.group(1) != "QUOTE"
            depth -= 1
            j = m.end()
            continue
        j += 1
    return False


def read_jsonl(path: Path):
    recs = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                recs[r["doc"]] = r
    return recs


def write_jsonl(path: Path, recs):
    with path.open("w", encoding="utf-8") as f:
        for doc in sorted(recs):
            f.write(json.dumps(recs[doc], ensure_ascii=False) + "\n")


def build(markup_dir: Path, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    gold = read_jsonl(out_dir / "gold.jsonl")
    quotes = read_jsonl(out_dir / "quotes.jsonl")
    errors = 0
    for src_path in sorted(markup_dir.glob("*.md")):
        name = src_path.stem + ".txt"
        try:
            with open(src_path, encoding="utf-8", newline="") as f:  # keep CRLF as written
                src = f.read()
            text, ents, qs = parse(src, src_path.name)
        except MarkupError as e:
            print(e, file=sys.stderr)
            errors += 1
            continue
        (out_dir / name).write_bytes(text.encode("utf-8"))
        gold[name] = {"doc": name, "annotations": ents}
        quotes[name] = {"doc": name, "quotes": qs}
    write_jsonl(out_dir / "gold.jsonl", gold)
    write_jsonl(out_dir / "quotes.jsonl", quotes)
    return 1 if errors else 0


def show(folder: Path, name: str) -> int:
    data = (folder / name).read_bytes()
    gold = read_jsonl(folder / "gold.jsonl").get(name, {"annotations": []})["annotations"]
    qs = read_jsonl(folder / "quotes.jsonl").get(name, {"quotes": []})["quotes"]
    opens, closes = {}, {}
    for a in gold:
        opens.setdefault(a["start"], []).append("[[")
        closes.setdefault(a["end"], []).append(f"|{a['label']}]]")
    for q in qs:
        opens.setdefault(q["start"], []).insert(0, "[[")
        closes.setdefault(q["end"], []).append(f"|QUOTE speaker={q.get('speaker', '')}]]")
    out = bytearray()
    for i in range(len(data) + 1):
        for c in closes.get(i, []):
            out += c.encode()
        for o in opens.get(i, []):
            out += o.encode()
        if i < len(data):
            out.append(data[i])
    sys.stdout.buffer.write(bytes(out))
    return 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "build":
        return build(Path(sys.argv[2]), Path(sys.argv[3]))
    if len(sys.argv) == 4 and sys.argv[1] == "show":
        return show(Path(sys.argv[2]), sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
