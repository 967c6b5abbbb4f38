#!/usr/bin/env python3
"""Which sentences of the seed's own Traditional text a Traditional PDF lacks.

    seed_hant.py PDF FIXTURE [FROM=TO ...]

FIXTURE is tests/fixtures/seed-traditional.txt, the scrape of 武工办〔2014〕74号 as the web
page showed it (machine-converted to Traditional characters; see /work/shared/seed/README.md).
Before comparing, this script

  1. drops the page chrome (the site's first lines and its 發布時間 line) and the document
     number the page repeats after the title;
  2. drops the damaged spots the seed README lists (the scrape lost characters there): each
     is replaced by a sentence break, so the text on either side of it is still checked;
  3. applies the FROM=TO pairs, in the order given, to the fixture: the seed's conversion
     artefacts (characters a proper Simplified-to-Traditional converter writes otherwise),
     a table the calling test owns and documents;
  4. splits each line into pieces the way tests/tools/seed_check.py does (on 。 ; ! ?, and on
     form lines also on blanks), except that on the forms, whose letter markers lost their
     brackets in the scrape (README, "both forms"), any marker `(A)`, `A)`, `(A` or a bare `A`
     splits too: the damaged marker is dropped, the labels either side are checked.

A piece is missing if it is not a substring of the PDF's normalised text (pdf_text.py).

Prints JSON:
  {"pieces": N,
   "missing": [{"line": L, "piece": P}, ...],
   "pairs": [{"from": F, "to": T, "applied": K, "needed": [P, ...]}, ...]}
where `applied` counts the replacements a pair made and `needed` lists the pieces that would
be missing without that pair alone (empty: the pair is not needed for this PDF).
"""
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pdf_text import normalize, pdf_text  # noqa: E402
from seed_check import SENTENCE_END, sections  # noqa: E402

# 1. Page chrome: lines starting with these are dropped; the title line's tail is cut.
CHROME_LINES = ["設為首頁", "當前位置:", "發布時間:"]
TITLE_DOC_NUMBER = " 武工辦〔2014〕74號"

# 2. README "Damage to repair", as the scrape has it (each must occur exactly once).
DAMAGE = [
    ("二、活动时间", "201511201535日(正月十五)。"),
    ("三、(四) 六是", "2015年的19---210日"),
    ("四、(五)", "??顚S?。"),
    ("closing paragraph", "于201521日前"),
    ("signature date", "2014年12月30"),
    ("附件2 说明 1.", "截至20141231日"),
]
BREAK = "。"

# 4. Form lines split on blanks and on letter markers with or without their brackets.
FORM_SPLIT = re.compile(r"[\s_]+|\(?(?<![A-Za-z])[A-Z](?![A-Za-z])\)?")


def prepared_lines(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for where, damaged in DAMAGE:
        n = text.count(damaged)
        if n != 1:
            sys.exit(f"seed damage {where!r}: {damaged!r} found {n} times in {path}, expected 1")
        text = text.replace(damaged, BREAK)
    lines = []
    for line in text.splitlines():
        if any(line.startswith(c) for c in CHROME_LINES):
            line = ""
        if line.endswith(TITLE_DOC_NUMBER):
            line = line[: -len(TITLE_DOC_NUMBER)]
        lines.append(line)
    return lines


def pieces(line, form):
    out = []
    for sentence in SENTENCE_END.split(unicodedata.normalize("NFKC", line)):
        for p in FORM_SPLIT.split(sentence) if form else [sentence]:
            p = normalize(p or "")
            if len(p) >= 2:
                out.append(p)
    return out


def apply(lines, pairs):
    counts = [0] * len(pairs)
    out = []
    for line in lines:
        for i, (a, b) in enumerate(pairs):
            counts[i] += line.count(a)
            line = line.replace(a, b)
        out.append(line)
    return out, counts


def check(lines, text):
    """(pieces checked, [(line, piece) missing])"""
    checked, missing = 0, []
    for number, section, line in sections(lines):
        for p in pieces(line, form=section != "notice"):
            checked += 1
            if p not in text:
                missing.append((number, p))
    return checked, missing


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    pdf, fixture = argv[1], argv[2]
    pairs = []
    for arg in argv[3:]:
        a, sep, b = arg.partition("=")
        if not sep or not a:
            sys.exit(f"not a FROM=TO pair: {arg!r}")
        pairs.append((a, b))
    text = pdf_text(pdf)
    base = prepared_lines(fixture)
    lines, counts = apply(base, pairs)
    checked, missing = check(lines, text)
    report = []
    for i, (a, b) in enumerate(pairs):
        without, _ = apply(base, pairs[:i] + pairs[i + 1 :])
        _, missing_without = check(without, text)
        had = set(missing)
        needed = [p for (n, p) in missing_without if (n, p) not in had]
        report.append({"from": a, "to": b, "applied": counts[i], "needed": needed})
    json.dump(
        {
            "pieces": checked,
            "missing": [{"line": n, "piece": p} for n, p in missing],
            "pairs": report,
        },
        sys.stdout,
        ensure_ascii=False,
    )
    print()


if __name__ == "__main__":
    main(sys.argv)
