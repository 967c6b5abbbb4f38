#!/usr/bin/env python3
"""What each number field's keystroke script lets a user type, as a form-scripting viewer
(Acrobat, Foxit, pdf.js) would run it.

    keystroke.py PDF...

For every widget of each PDF (numbered from 1 in the order given), reads /AA /K /JS. The
scripts are expected to test the value after the keystroke (AFMergeChange(event)) against
one regular-expression literal and set event.rc; the literal is run here with Python's re
(the simple classes and anchors these scripts use mean the same in both) on sample values.
Prints {"fields": {"N:NAME": {"js": script or null, "accepts": {value: bool}}}}.
"""
import re
import sys

from common import emit, fail, need_module

SAMPLES = ["", "0", "1200", "12.5", "1.5", "12a", "a", "1e3", "-3", "1,200"]
LITERAL = re.compile(r"/((?:\\.|\[[^\]]*\]|[^/\\\[\n])+)/([gimsuy]*)\.test\(")


def verdicts(js: str):
    m = LITERAL.search(js)
    if m is None:
        fail(f"no regular expression literal followed by .test( in the keystroke script: {js}")
    if m.group(2):
        fail(f"regex flags {m.group(2)!r} are not handled: {js}")
    pattern = re.compile(m.group(1))
    return {v: pattern.search(v) is not None for v in SAMPLES}


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    pypdf = need_module("pypdf")
    out = {}
    for n, path in enumerate(argv[1:], start=1):
        for page in pypdf.PdfReader(path).pages:
            for a in page.get("/Annots", []):
                a = a.get_object()
                if a.get("/Subtype") != "/Widget":
                    continue
                js = None
                aa = a.get("/AA")
                if aa is not None and "/K" in aa.get_object():
                    js = aa.get_object()["/K"].get_object().get("/JS")
                    js = js.get_object() if js is not None else None
                    # /JS is a text string or a stream.
                    js = js.get_data().decode("utf-8", "replace") if hasattr(js, "get_data") else (str(js) if js is not None else None)
                out[f"{n}:{a.get('/T')}"] = {"js": js, "accepts": verdicts(js) if js else None}
    emit({"fields": out})


if __name__ == "__main__":
    main(sys.argv)
