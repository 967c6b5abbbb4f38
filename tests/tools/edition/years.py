#!/usr/bin/env python3
"""Every year a built edition prints, and whether the edition's model puts it there.

    years.py EDITION PDF...

Reads the edition's TOML (notice.toml and the attachment files it names) with tomllib and
expands it on its own, the way the templates do (README, "Placeholders"): `{year}`,
`{year+N}`, `{year-N}`, `{NAME}` (a date of [dates], printed 2016年2月22日), `{NAME:md}`
(2月22日), `{{` and `}}`. The printed texts of the model are every string of those files,
expanded, plus the values the templates print themselves: the document number
(agency〔year〕serial号, two blank characters for a missing serial), the signing date and the
printed date of the record. Both sides are normalised as pdf_text.py does (NFKC, no
whitespace).

For each PDF, every run of four digits 19xx or 20xx in its text (pdf_text.py) is an
occurrence; it is accounted for if a text of the model that contains that year is found in
the PDF at a place that covers the occurrence.

Prints JSON:
  {"year": Y,
   "model": {"YYYY": [texts of the model that print YYYY], ...},
   "literal": [{"file": F, "text": S}, ...],   # strings that spell a year in digits
                                               # instead of through a placeholder
   "pdfs": [{"pdf": P, "text": T,
             "occurrences": [{"year": "YYYY", "at": I, "context": C, "by": TEXT or null}]}]}
"""
import datetime
import json
import os
import re
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    sys.exit("years.py needs Python 3.11 or later (tomllib)")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pdf_text import normalize, pdf_text  # noqa: E402

YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def fmt(d, style=None):
    if style == "md":
        return f"{d.month}月{d.day}日"
    return f"{d.year}年{d.month}月{d.day}日"


def expand(s, year, dates, where):
    def one(m):
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        name = m.group(1)
        y = re.fullmatch(r"year(?:([+-])(\d+))?", name)
        if y:
            n = int(y.group(2) or 0)
            return str(year + n if y.group(1) == "+" else year - n)
        key, _, style = name.partition(":")
        if key not in dates or style not in ("", "md"):
            sys.exit(f"{where}: cannot expand {{{name}}}")
        return fmt(dates[key], style or None)

    return PLACEHOLDER.sub(one, s)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def model_texts(edition):
    """(year, printed texts normalised, [(file, string) that spells a year in digits])"""
    with open(os.path.join(edition, "notice.toml"), "rb") as f:
        notice = tomllib.load(f)
    year = notice["year"]
    dates = {k: v for k, v in notice.get("dates", {}).items() if isinstance(v, datetime.date)}
    files = [("notice.toml", notice)]
    for name in notice.get("closing", {}).get("attachments", []):
        with open(os.path.join(edition, name), "rb") as f:
            files.append((name, tomllib.load(f)))
    texts, literal = [], []
    for name, table in files:
        for s in strings(table):
            texts.append(expand(s, year, dates, name))
            if YEAR.search(PLACEHOLDER.sub("", s)):
                literal.append((name, s))
    number = notice["head"]["number"]
    texts.append(f"{number['agency']}〔{number['year']}〕{number.get('serial', '　　')}号")
    texts.append(fmt(notice["signature"]["date"]))
    if "printed" in notice.get("record", {}):
        texts.append(fmt(notice["record"]["printed"]))
    return year, [t for t in (normalize(t) for t in texts) if t], literal


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    year, texts, literal = model_texts(argv[1])
    model = {}
    for t in texts:
        for y in set(YEAR.findall(t)):
            model.setdefault(y, [])
            if t not in model[y]:
                model[y].append(t)
    pdfs = []
    for pdf in argv[2:]:
        text = pdf_text(pdf)
        # Where each text of the model that names a year is found in the PDF.
        spans = []
        for y, ts in model.items():
            for t in ts:
                start = text.find(t)
                while start >= 0:
                    spans.append((start, start + len(t), t))
                    start = text.find(t, start + 1)
        occurrences = []
        for m in YEAR.finditer(text):
            by = next((t for (a, b, t) in spans if a <= m.start() and m.end() <= b and m.group() in t), None)
            occurrences.append(
                {"year": m.group(), "at": m.start(), "context": text[max(0, m.start() - 20) : m.end() + 20], "by": by}
            )
        pdfs.append({"pdf": pdf, "text": text, "occurrences": occurrences})
    literal = [{"file": f, "text": t} for f, t in literal]
    json.dump({"year": year, "model": model, "literal": literal, "pdfs": pdfs}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv)
