#!/usr/bin/env python3
"""How much is drawn inside a rectangle of a page, as poppler renders it (annotations too).

    ink.py PDF PAGE X1 Y1 X2 Y2   (PAGE from 1; the rectangle in PDF points, y up)

Renders the page with `pdftoppm -r 100 -gray` and counts the dark pixels (grey < 128) inside
the rectangle, leaving out a band of 3 px at its foot where a blank's printed rule lies and
1 px at the other edges. Prints {"dark": N, "pixels": total counted, "dpi": 100}.
"""
import os
import sys
import tempfile

from common import emit, fail, run

DPI = 100


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    # P5 header: magic, width, height, maxval, each separated by whitespace (no comments from poppler).
    parts = data.split(maxsplit=4)
    if parts[0] != b"P5":
        fail(f"{path}: not a binary PGM")
    w, h, maxval = int(parts[1]), int(parts[2]), int(parts[3])
    if maxval > 255:
        fail(f"{path}: 16-bit PGM not supported")
    pixels = data[len(data) - w * h:]
    return w, h, pixels


def main(argv):
    if len(argv) != 7:
        fail(__doc__)
    pdf, page = argv[1], int(argv[2])
    x1, y1, x2, y2 = (float(v) for v in argv[3:7])
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "page")
        run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), "-singlefile", pdf, prefix])
        w, h, pixels = read_pgm(prefix + ".pgm")
    # Page height in pixels stands for the page's height in points.
    scale = DPI / 72.0
    page_h = h / scale
    left, right = int(round(x1 * scale)) + 1, int(round(x2 * scale)) - 1
    top, bottom = int(round((page_h - y2) * scale)) + 1, int(round((page_h - y1) * scale)) - 3
    dark = total = 0
    for row in range(max(top, 0), min(bottom, h)):
        line = pixels[row * w + max(left, 0): row * w + min(right, w)]
        total += len(line)
        dark += sum(1 for p in line if p < 128)
    emit({"dark": dark, "pixels": total, "dpi": DPI})


if __name__ == "__main__":
    main(sys.argv)
