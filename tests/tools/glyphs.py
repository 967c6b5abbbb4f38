#!/usr/bin/env python3
"""Glyph positions, rules and colours of a PDF, read with pdfplumber, as JSON.

    glyphs.py PDF

Prints {"pages": [{"width", "height", "chars": [...], "lines": [...], "images": [...]}]}. Every coordinate
is in points from the page's top-left corner. A char is
    {"text", "x0", "x1", "baseline", "size", "font", "fill"}
where `baseline` comes from the text matrix (not pdfplumber's `top`, which depends on the
font's bounding box), `font` drops the subset tag (ABCDEF+), and `fill` is the non-stroking
colour as a list of components (one for gray, three for RGB, four for CMYK). A line is a
stroked straight segment or a thin filled rectangle:
    {"x0", "x1", "top", "bottom", "width", "stroke"}
with `width` the stroke width (or the rectangle's thickness) and `stroke` its colour. An
image is a raster image drawn on the page: {"x0", "x1", "top", "bottom"}.
"""
import json
import sys

try:
    import pdfplumber
except ImportError:
    sys.exit("python3 cannot import pdfplumber: install it with `python3 -m pip install pdfplumber`")


def colour(c):
    if c is None:
        return []
    if isinstance(c, (int, float)):
        return [float(c)]
    return [float(x) for x in c if isinstance(x, (int, float))]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = []
    with pdfplumber.open(argv[1]) as pdf:
        for page in pdf.pages:
            h = float(page.height)
            chars = [
                {
                    "text": c["text"],
                    "x0": float(c["x0"]),
                    "x1": float(c["x1"]),
                    "baseline": h - float(c["matrix"][5]),
                    "size": float(c["size"]),
                    "font": c["fontname"].split("+", 1)[-1],
                    "fill": colour(c.get("non_stroking_color")),
                }
                for c in page.chars
            ]
            lines = [
                {
                    "x0": float(l["x0"]),
                    "x1": float(l["x1"]),
                    "top": float(l["top"]),
                    "bottom": float(l["bottom"]),
                    "width": float(l.get("linewidth") or 0),
                    "stroke": colour(l.get("stroking_color")),
                }
                for l in page.lines
            ]
            # A rule may also be drawn as a thin filled rectangle.
            lines += [
                {
                    "x0": float(r["x0"]),
                    "x1": float(r["x1"]),
                    "top": float(r["top"]),
                    "bottom": float(r["bottom"]),
                    "width": float(r["bottom"] - r["top"]),
                    "stroke": colour(r.get("non_stroking_color")),
                }
                for r in page.rects
                if r.get("fill") and float(r["bottom"] - r["top"]) < 3
            ]
            images = [
                {"x0": float(i["x0"]), "x1": float(i["x1"]), "top": float(i["top"]), "bottom": float(i["bottom"])}
                for i in page.images
            ]
            out.append({"width": float(page.width), "height": h, "chars": chars, "lines": lines, "images": images})
    json.dump({"pages": out}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv)
