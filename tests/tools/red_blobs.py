#!/usr/bin/env python3
"""Where a page is inked red, as poppler renders it: the seals (印章) drawn on a signature.

    red_blobs.py PDF PAGE [DPI]  (PAGE from 1; DPI 50 unless given)

Renders the page with `pdftoppm -r 50` (or DPI) in colour and finds the connected regions of red
pixels (red well above green and blue). A region lying inside another's bounding box (the
characters and star inside a seal's ring), or overlapping it (a ring's arc cut off by black
text printed over it), is counted with it. Prints
{"dpi": DPI, "blobs": [{"x0", "x1", "top", "bottom", "pixels"}]}: bounding boxes in points from
the page's top-left corner, largest first; specks of fewer than 10 pixels are left out.
Whatever draws the seal (an SVG's paths, a PNG), this sees what a reader sees.
"""
import os
import sys
import tempfile

from pdftools import emit, fail, run

DPI = 50


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(maxsplit=4)
    if parts[0] != b"P6":
        fail(f"{path}: not a binary PPM")
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[len(data) - w * h * 3:]


def main(argv):
    if len(argv) not in (3, 4):
        fail(__doc__)
    pdf, page = argv[1], int(argv[2])
    dpi = int(argv[3]) if len(argv) == 4 else DPI
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "page")
        run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, prefix])
        w, h, px = read_ppm(prefix + ".ppm")
    red = bytearray(w * h)
    for i in range(w * h):
        r, g, b = px[3 * i], px[3 * i + 1], px[3 * i + 2]
        red[i] = 1 if r > 140 and r - g > 60 and r - b > 60 else 0
    seen = bytearray(w * h)
    regions = []
    for start in range(w * h):
        if not red[start] or seen[start]:
            continue
        stack = [start]
        seen[start] = 1
        x0, x1, y0, y1, n = w, 0, h, 0, 0
        while stack:
            i = stack.pop()
            x, y = i % w, i // w
            n += 1
            x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
                nx, ny = x + dx, y + dy
                if 0 <= nx < w and 0 <= ny < h:
                    j = ny * w + nx
                    if red[j] and not seen[j]:
                        seen[j] = 1
                        stack.append(j)
        if n >= 10:
            regions.append([x0, x1 + 1, y0, y1 + 1, n])
    regions.sort(key=lambda r: -(r[1] - r[0]) * (r[3] - r[2]))
    # Regions whose boxes overlap are one seal (seals never touch each other: the test checks
    # the gap between the blobs), merged until no two blobs overlap.
    blobs = []
    for r in regions:
        r = list(r)
        merged = True
        while merged:
            merged = False
            for b in blobs:
                if b[0] < r[1] and r[0] < b[1] and b[2] < r[3] and r[2] < b[3]:
                    blobs.remove(b)
                    r = [min(b[0], r[0]), max(b[1], r[1]), min(b[2], r[2]), max(b[3], r[3]), b[4] + r[4]]
                    merged = True
                    break
        blobs.append(r)
    blobs.sort(key=lambda b: -(b[1] - b[0]) * (b[3] - b[2]))
    scale = 72.0 / dpi
    out = [{"x0": b[0] * scale, "x1": b[1] * scale, "top": b[2] * scale, "bottom": b[3] * scale, "pixels": b[4]} for b in blobs]
    emit({"dpi": dpi, "blobs": out})


if __name__ == "__main__":
    main(sys.argv)
