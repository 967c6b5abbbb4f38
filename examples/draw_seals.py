#!/usr/bin/env python3
"""Draws the specimen seals (样章) the examples use: no real seal, no fetched artwork.

    python3 examples/draw_seals.py        # (re)writes the files below

Each official seal (公章) is a red ring 42 mm across with a five-pointed star in its middle,
the issuer's name along the upper arc, and 样章 with SPECIMEN across its lower half, so that
nobody can take a printed example for a sealed document. A signature seal (签名章) is a red
frame with the signer's name and 样章. The characters are outlines from the project's own
font (fonts/NotoSerifSC-Regular.otf, OFL-1.1), turned into SVG paths with fontTools, so the
SVG needs no font to be drawn; the PNG copy is rendered from the SVG by the stock Typst
compiler (PyPI `typst`) and its white made transparent with Pillow.

Writes:
    examples/sealed-notice/seals/zonggonghui.svg   武汉市总工会 (SVG)
    examples/sealed-notice/seals/tuanshiwei.png    共青团武汉市委员会 (PNG)
    tests/editions/signer/seals/*.svg              signature seals for the signer form's test
    examples/letter/seals/bangongshi.svg           武汉市总工会办公室 (SVG), the letter's seal
    examples/order/seals/wang.svg                  the order's signature seal
"""
import io
import math
import os
import sys
import tempfile

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONT = os.path.join(ROOT, "fonts", "NotoSerifSC-Regular.otf")
RED = "#d7000f"

font = TTFont(FONT)
glyphs = font.getGlyphSet()
cmap = font.getBestCmap()
UPM = font["head"].unitsPerEm


def glyph_path(ch, size, cx, cy, angle=0.0, stretch=1.0):
    """SVG path data of `ch`, `size` mm tall (one em), centred on (cx, cy), turned by
    `angle` degrees (clockwise, SVG's y pointing down), `stretch` times as tall as wide."""
    name = cmap[ord(ch)]
    pen = SVGPathPen(glyphs)
    s = size / UPM
    a = math.radians(angle)
    # Font units (y up, em box 0..UPM, ideographs centred near 0.5 em across and 0.38 em up)
    # to the seal's millimetres: centre the em box, flip y, scale, rotate, move.
    ox, oy = glyphs[name].width / 2, UPM * 0.38
    xx, xy = s * math.cos(a), s * math.sin(a)
    yx, yy = s * stretch * math.sin(a), -s * stretch * math.cos(a)
    transform = (xx, xy, yx, yy, cx - (xx * ox + yx * oy), cy - (xy * ox + yy * oy))
    glyphs[name].draw(TransformPen(pen, transform))
    return pen.getCommands()


def star(cx, cy, r):
    points = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = math.radians(-90 + i * 36)
        points.append(f"{cx + rr * math.cos(a):.3f},{cy + rr * math.sin(a):.3f}")
    return "M" + " L".join(points) + " Z"


def official_seal(name, diameter=42.0):
    """A round seal: ring, name on the upper arc, star, 样章 and SPECIMEN."""
    r = diameter / 2
    c = r
    paths = []
    n = len(name)
    # The name along an arc of up to 250°, centred on the top, each character upright to
    # the circle; longer names get smaller, narrower characters.
    arc = min(250.0, 24.0 * n + 10)
    size = min(5.6, 2 * math.pi * (r - 5.2) * arc / 360 / n * 0.9)
    text_r = r - 2.4 - size * 0.62
    for i, ch in enumerate(name):
        t = -arc / 2 + arc * (i + 0.5) / n  # degrees from the top, clockwise
        a = math.radians(t - 90)
        paths.append(glyph_path(ch, size, c + text_r * math.cos(a), c + text_r * math.sin(a), angle=t, stretch=1.25))
    paths.append(star(c, c, r * 0.30))
    for i, ch in enumerate("样章"):
        paths.append(glyph_path(ch, 6.0, c + (i - 0.5) * 6.6, c + r * 0.50))
    spec = "".join(glyph_path(ch, 2.6, c + (i - 3.5) * 2.1, c + r * 0.75) for i, ch in enumerate("SPECIMEN"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{diameter}mm" height="{diameter}mm" viewBox="0 0 {diameter} {diameter}">\n'
        f"<!-- 样章 SPECIMEN: drawn by examples/draw_seals.py, not a real seal -->\n"
        f'<circle cx="{c}" cy="{c}" r="{r - 0.8}" fill="none" stroke="{RED}" stroke-width="1.3"/>\n'
        f'<path fill="{RED}" d="{" ".join(paths)} {spec}"/>\n'
        "</svg>\n"
    )


def signature_seal(name, width=30.0, height=12.0):
    """A signature seal (签名章): a frame, the signer's name, 样章 beneath."""
    paths = [glyph_path(ch, 7.0, width / 2 + (i - (len(name) - 1) / 2) * 7.4, height * 0.42) for i, ch in enumerate(name)]
    paths += [glyph_path(ch, 2.6, width / 2 + (i - 0.5) * 2.9, height * 0.83) for i, ch in enumerate("样章")]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" viewBox="0 0 {width} {height}">\n'
        f"<!-- 样章 SPECIMEN: drawn by examples/draw_seals.py, not a real signature seal -->\n"
        f'<rect x="0.6" y="0.6" width="{width - 1.2}" height="{height - 1.2}" rx="1.5" fill="none" stroke="{RED}" stroke-width="0.9"/>\n'
        f'<path fill="{RED}" d="{" ".join(paths)}"/>\n'
        "</svg>\n"
    )


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(os.path.relpath(path, ROOT))


def png_from_svg(svg, path, ppi=300):
    """Renders `svg` with the stock Typst compiler, then makes its white transparent."""
    import typst
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "seal.svg"), "w", encoding="utf-8") as f:
            f.write(svg)
        with open(os.path.join(tmp, "main.typ"), "w", encoding="utf-8") as f:
            f.write('#set page(width: auto, height: auto, margin: 0pt)\n#image("seal.svg")\n')
        png = typst.compile(os.path.join(tmp, "main.typ"), format="png", ppi=ppi, ignore_system_fonts=True)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    red = Image.new("RGBA", image.size, (0xD7, 0x00, 0x0F, 0))
    # Ink is where green is low (red on white): its darkness is the alpha.
    alpha = image.getchannel("G").point(lambda g: 255 - g)
    red.putalpha(alpha)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    red.save(path, optimize=True, dpi=(ppi, ppi))
    print(os.path.relpath(path, ROOT))


def main():
    sealed = os.path.join(ROOT, "examples", "sealed-notice", "seals")
    write(os.path.join(sealed, "zonggonghui.svg"), official_seal("武汉市总工会"))
    png_from_svg(official_seal("共青团武汉市委员会"), os.path.join(sealed, "tuanshiwei.png"))
    signer = os.path.join(ROOT, "tests", "editions", "signer", "seals")
    write(os.path.join(signer, "zhang.svg"), signature_seal("张建华"))
    write(os.path.join(signer, "li.svg"), signature_seal("李卫东"))
    write(os.path.join(ROOT, "examples", "letter", "seals", "bangongshi.svg"), official_seal("武汉市总工会办公室"))
    write(os.path.join(ROOT, "examples", "order", "seals", "wang.svg"), signature_seal("王志刚"))


if __name__ == "__main__":
    sys.exit(main())
