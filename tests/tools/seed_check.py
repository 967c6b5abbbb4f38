#!/usr/bin/env python3
"""Which sentences of the seed fixture a PDF lacks.

    seed_check.py PDF FIXTURE SECTION...

SECTION is `notice` (the fixture's lines before the line `附件1`), `1` (from `附件1` to the
line before `附件2`) or `2` (from `附件2` to the end). Each line of the chosen sections is
NFKC-normalised and split into pieces: on 。 ； ! ? everywhere, and on form lines (sections
1 and 2) also on runs of blanks (spaces, NBSP, underscores) and on the letter markers (A),
(B), … . Pieces shorter than two characters after removing whitespace are dropped. A piece
is missing if it is not a substring of the PDF's normalised pdftotext output (see
pdf_text.py: page-number lines removed, NFKC, whitespace removed, lines joined).

Prints JSON: {"pieces": N, "missing": [{"line": L, "piece": P}, ...]}, L 1-based in FIXTURE.
"""
import json
import re
import sys
import unicodedata

from pdf_text import normalize, pdf_text

SENTENCE_END = re.compile(r"[。;!?]")  # after NFKC: ； → ;  ！ → !  ？ → ?
FORM_SPLIT = re.compile(r"[\s_]+|\([A-Z]\)")


def sections(lines):
    """(1-based line number, section name, text) for every line of the fixture."""
    current = "notice"
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped == "附件1":
            current = "1"
        elif stripped == "附件2":
            current = "2"
        yield number, current, line


def pieces(line, form):
    text = unicodedata.normalize("NFKC", line)
    out = []
    for sentence in SENTENCE_END.split(text):
        parts = FORM_SPLIT.split(sentence) if form else [sentence]
        for p in parts:
            p = normalize(p)
            if len(p) >= 2:
                out.append(p)
    return out


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    pdf, fixture, wanted = argv[1], argv[2], set(argv[3:])
    unknown = wanted - {"notice", "1", "2"}
    if unknown:
        sys.exit(f"unknown section(s) {sorted(unknown)}: expected notice, 1 or 2")
    text = pdf_text(pdf)
    with open(fixture, encoding="utf-8") as f:
        lines = f.read().splitlines()
    checked = 0
    missing = []
    for number, section, line in sections(lines):
        if section not in wanted:
            continue
        for p in pieces(line, form=section != "notice"):
            checked += 1
            if p not in text:
                missing.append({"line": number, "piece": p})
    json.dump({"pieces": checked, "missing": missing}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv)
