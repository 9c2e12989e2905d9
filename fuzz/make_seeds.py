#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/seed-*) from the
example articles, the default KB, the example KB, and the TOML examples of the docs.

Run from anywhere: python3 fuzz/make_seeds.py. It replaces every seed-* file."""

import re
import struct
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
ARTICLES = sorted((ROOT / "examples/corpus").glob("*.txt"))


def toml_blocks(doc):
    """The ```toml blocks of a Markdown file."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    return re.findall(r"```toml\n(.*?)```", text, re.S)


def head_entities(path, limit=4000):
    """The first [[entity]] tables of a KB file, up to about `limit` bytes."""
    text = path.read_text(encoding="utf-8")
    cut = text.find("[[entity]]", limit)
    return text if cut < 0 else text[:cut]


def edits(ops):
    out = b""
    for (l0, c0, l1, c1, new) in ops:
        data = new.encode("utf-8")
        out += struct.pack("<HHHHB", l0, c0, l1, c1, len(data)) + data
    return out


def pipeline_text_seed(text):
    """Raw-text pieces (op 7), then names of the KB (ops 0..2) and awkward pieces."""
    data = text.encode("utf-8")
    out = b""
    for i in range(0, len(data), 200):
        chunk = data[i : i + 200]
        out += bytes([7, len(chunk)]) + chunk
    # A few KB names, near misses and awkward characters between them.
    for k in range(12):
        out += bytes([k * 8 % 128, k, k * 7, 3, k * 3, 6 + 8 * (k % 7)])
    return out


def main():
    seeds = {name: {} for name in
             ["pipeline_bytes", "pipeline_text", "kb_toml", "rules_toml", "config_toml", "lsp_edits"]}
    for i, article in enumerate(ARTICLES):
        raw = article.read_bytes()
        text = raw.decode("utf-8")
        stem = article.stem
        seeds["pipeline_bytes"][stem] = raw
        seeds["pipeline_text"][stem] = pipeline_text_seed(text)
        # Edits: typing at the start, replacing across lines, deleting a line, a
        # position past the end of a line, and a CRLF typed in.
        ops = [
            (0, 0, 0, 0, "Titre\n"),
            (2, 3, 3, 10, "« remplacé »"),
            (4, 0, 5, 0, ""),
            (1, 5000, 1, 5000, " fin"),
            (3, 2, 3, 2, "\r\n😀"),
            (60000, 0, 60000, 0, "\n"),
        ]
        seeds["lsp_edits"][stem] = bytes([i % 3]) + raw + b"\xff" + edits(ops)
    seeds["lsp_edits"]["bom-crlf"] = (
        bytes([1]) + "\ufeffÉlu\r\nà «\u00a0Alep\u00a0»\rfin\n😀".encode() + b"\xff"
        + edits([(0, 1, 1, 2, "x"), (0, 0, 0, 0, "\r"), (2, 1, 2, 1, "\n")])
        + b"\x00\x00\x00\x00\x00\x00\x00\x00\xff\x03abc"
    )
    for path in sorted((ROOT / "plugins/gazetteer/kb").glob("*.toml")):
        seeds["kb_toml"][path.stem] = head_entities(path).encode()
    for path in sorted((ROOT / "examples/corpus/kb").glob("*.toml")):
        seeds["kb_toml"]["example-" + path.stem] = path.read_bytes()
    for j, block in enumerate(toml_blocks("docs/kb.md")):
        seeds["kb_toml"][f"docs-kb-{j}"] = block.encode()
    rules = toml_blocks("plugins/rules/README.md") + toml_blocks("docs/plugins.md")
    for j, block in enumerate(b for b in rules if "[[p" in b):
        seeds["rules_toml"][f"docs-{j}"] = block.encode()
    seeds["config_toml"]["example"] = (ROOT / "examples/corpus/glose.toml").read_bytes()
    configs = toml_blocks("docs/formats.md") + toml_blocks("docs/plugins.md")
    for j, block in enumerate(b for b in configs if re.search(r"^\[(corpus|kb|rules)\]|^\[\[plugin\]\]", b, re.M)):
        seeds["config_toml"][f"docs-{j}"] = block.encode()

    total = 0
    for target, files in seeds.items():
        folder = FUZZ / "corpus" / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("seed-*"):
            old.unlink()
        for name, data in files.items():
            (folder / f"seed-{name}").write_bytes(data)
            total += len(data)
        print(f"{target}: {len(files)} seeds")
    print(f"{total} bytes in all")


if __name__ == "__main__":
    main()
