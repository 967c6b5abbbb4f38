#!/usr/bin/env python3
"""A page of an OFD as the third-party renderer ofd2img (PyPI) draws it, against the same page
of the PDF as poppler draws it.

    draw.py OFD PDF PAGE [PNG]   (PAGE from 1; PNG: where to write the two pages side by side)

ofd2img turns the OFD into a PDF of its own (reportlab, with the OFD's embedded fonts
registered under their file names) and draws that with PyMuPDF, as its `to_jpg` does; here
only the one page is drawn, at 100 dpi of the OFD's page. The PDF's page is drawn by
`pdftoppm` at the same size in pixels. Ink is a pixel darker than grey 160; red ink is a
pixel with red above 150 and green and blue below 110.

Prints {"size": [w, h], "ink": PDF ink pixels, "ofd_ink": OFD ink pixels,
"in_place": share of the PDF's ink that the OFD draws within 1 px of it, "exact": share in
the very same pixels, "stray": share of the OFD's ink farther than 1 px from any of the PDF's,
"red", "ofd_red", "red_in_place": the same for red ink, "fonts": the fonts ofd2img's PDF page
uses (base names, subset tags dropped), "embedded": the PostScript names of the OFD's font
files, "registered": the fonts ofd2img loaded from the OFD, "fallback": whether the page uses
any font that is not one of the OFD's (ofd2img falls back to a system font when it cannot
load an embedded one)}.
"""
import contextlib
import os
import subprocess
import sys
import tempfile
import zipfile

from common import emit, fail, need_module, need_tool

DPI = 100


def ofd2img_pdf(ofd_path, tmp):
    """ofd2img's PDF of the OFD and the font names it registered. ofd2img prints as it goes
    and writes scratch files into the working folder: both are kept out of the way."""
    need_module("ofd2img")
    here = os.getcwd()
    os.chdir(tmp)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            from loguru import logger

            logger.remove()
            from ofd2img import OFD
            from ofd2img.draw.font_tools import FontTool

            registered = []
            original = FontTool.register_font

            def register(self, file_name, font_name, font_b64):
                before = len(self.FONTS)
                original(self, file_name, font_name, font_b64)
                registered.extend(self.FONTS[before:])

            FontTool.register_font = register
            doc = OFD()
            doc.read(os.path.join(here, ofd_path) if not os.path.isabs(ofd_path) else ofd_path, fmt="path")
            pdf = doc.to_pdf()
            FontTool.register_font = original
    finally:
        os.chdir(here)
    return pdf, registered


def main(argv):
    if len(argv) not in (4, 5):
        fail(__doc__)
    ofd_path, pdf_path, page_no = argv[1], argv[2], int(argv[3])
    fitz = need_module("pymupdf")
    need_module("PIL")
    from PIL import Image, ImageChops, ImageFilter

    need_tool("pdftoppm")
    need_module("fontTools")
    from fontTools.ttLib import TTFont

    # The PostScript names of the OFD's font files: reportlab names a font it embeds so.
    with zipfile.ZipFile(ofd_path) as z:
        embedded = sorted({TTFont(z.open(n)).get("name").getDebugName(6) for n in z.namelist() if n.lower().endswith((".ttf", ".otf"))})

    with tempfile.TemporaryDirectory() as tmp:
        pdf, registered = ofd2img_pdf(ofd_path, tmp)
        drawn = fitz.open(stream=pdf, filetype="pdf")
        if page_no > len(drawn):
            fail(f"ofd2img drew {len(drawn)} pages, not {page_no}")
        page = drawn[page_no - 1]
        # The fonts the page's text is drawn in.
        spans = (s for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"])
        fonts = sorted({s["font"].split("+", 1)[-1] for s in spans if s["text"].strip()})
        # ofd2img's page is the OFD's page at 200 units per inch; draw it at 100 dpi.
        w = round(page.rect.width / 200 * DPI)
        h = round(page.rect.height / 200 * DPI)
        pix = page.get_pixmap(matrix=fitz.Matrix(w / page.rect.width, h / page.rect.height), alpha=False)
        ofd_img = Image.frombytes("RGB", [pix.width, pix.height], pix.samples)
        prefix = os.path.join(tmp, "pdf")
        done = subprocess.run(
            ["pdftoppm", "-f", str(page_no), "-l", str(page_no), "-png", "-singlefile", "-scale-to-x", str(w), "-scale-to-y", str(h), pdf_path, prefix],
            capture_output=True,
        )
        if done.returncode != 0:
            fail(f"pdftoppm failed: {done.stderr.decode(errors='replace')}")
        pdf_img = Image.open(prefix + ".png").convert("RGB")
        pdf_img.load()

    def ink(img):
        return img.convert("L").point(lambda v: 255 if v < 160 else 0).convert("1")

    def red(img):
        r, g, b = (c.point(f) for c, f in zip(img.split(), (lambda v: 255 if v > 150 else 0, lambda v: 255 if v < 110 else 0, lambda v: 255 if v < 110 else 0)))
        return ImageChops.logical_and(ImageChops.logical_and(r.convert("1"), g.convert("1")), b.convert("1"))

    def near(mask):
        return mask.convert("L").filter(ImageFilter.MaxFilter(3)).convert("1")

    def count(mask):
        return mask.convert("L").histogram()[255]

    def both(a, b):
        return count(ImageChops.logical_and(a, b))

    pdf_ink, ofd_ink = ink(pdf_img), ink(ofd_img)
    pdf_red, ofd_red = red(pdf_img), red(ofd_img)
    n_pdf, n_ofd = count(pdf_ink), count(ofd_ink)
    n_red, n_ofd_red = count(pdf_red), count(ofd_red)
    result = {
        "size": [w, h],
        "ink": n_pdf,
        "ofd_ink": n_ofd,
        "in_place": both(pdf_ink, near(ofd_ink)) / max(n_pdf, 1),
        "exact": both(pdf_ink, ofd_ink) / max(n_pdf, 1),
        "stray": (n_ofd - both(ofd_ink, near(pdf_ink))) / max(n_ofd, 1),
        "red": n_red,
        "ofd_red": n_ofd_red,
        "red_in_place": both(pdf_red, near(ofd_red)) / max(n_red, 1),
        "fonts": fonts,
        "embedded": embedded,
        "registered": registered,
        "fallback": any(f not in embedded for f in fonts),
    }
    if len(argv) == 5:
        side = Image.new("RGB", (2 * w + 10, h), "white")
        side.paste(ofd_img, (0, 0))
        side.paste(pdf_img, (w + 10, 0))
        side.save(argv[4])
    emit(result)


if __name__ == "__main__":
    main(sys.argv)
