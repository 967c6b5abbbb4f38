#!/usr/bin/env python3
"""The horizontal rules printed on each page, as pdfplumber finds them in the content.

    rules.py PDF

A rule is a line, or a rectangle at most 2 pt tall (Typst strokes a box's edge as a thin
filled rectangle), at least 5 pt wide. Prints {"pages": [{"height": H, "rules":
[[x0, x1, y], ...]}]} in PDF user space (y up from the page's foot; y is the rule's middle).
Annotations (form widgets) are not page content, so their appearances are not counted.
"""
import sys

from common import emit, fail, need_module


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    pdfplumber = need_module("pdfplumber")
    pages = []
    with pdfplumber.open(argv[1]) as pdf:
        for page in pdf.pages:
            rules = []
            for o in list(page.lines) + list(page.rects):
                if abs(o["y1"] - o["y0"]) <= 2 and o["x1"] - o["x0"] >= 5:
                    rules.append([float(o["x0"]), float(o["x1"]), (float(o["y0"]) + float(o["y1"])) / 2])
            pages.append({"height": float(page.height), "rules": rules})
    emit({"pages": pages})


if __name__ == "__main__":
    main(sys.argv)
