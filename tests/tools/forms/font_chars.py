#!/usr/bin/env python3
"""The characters each font of a form's /AcroForm /DR can show, read from its ToUnicode CMap.

    font_chars.py PDF [TEXT]

Prints {"fonts": {resource name: number of characters mapped}, "missing": characters of
TEXT that no /DR font maps}. A viewer that draws a field itself (pdf.js, Acrobat while
typing, poppler with /NeedAppearances) has only these fonts for what the user types.
"""
import re
import sys

from common import emit, fail, need_module

HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def unicode_of(hex_bytes: bytes) -> str:
    return bytes.fromhex(hex_bytes.decode()).decode("utf-16-be", "replace")


def cmap_chars(data: bytes) -> set:
    chars = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = HEX.findall(block)
        chars.update(unicode_of(dst) for dst in codes[1::2])
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            codes = HEX.findall(line)
            if len(codes) == 3 and b"[" not in line:
                lo, hi, dst = int(codes[0], 16), int(codes[1], 16), unicode_of(codes[2])
                if len(dst) == 1:
                    chars.update(chr(ord(dst) + i) for i in range(hi - lo + 1))
            elif len(codes) > 2:
                chars.update(unicode_of(d) for d in codes[2:])
    return chars


def main(argv):
    if len(argv) not in (2, 3):
        fail(__doc__)
    pypdf = need_module("pypdf")
    reader = pypdf.PdfReader(argv[1])
    form = reader.trailer["/Root"].get_object().get("/AcroForm")
    if form is None:
        fail(f"{argv[1]} has no /AcroForm")
    fonts = form.get_object()["/DR"].get_object()["/Font"].get_object()
    maps = {}
    for name, font in fonts.items():
        font = font.get_object()
        maps[str(name)[1:]] = cmap_chars(font["/ToUnicode"].get_object().get_data()) if "/ToUnicode" in font else set()
    every = set().union(*maps.values()) if maps else set()
    text = argv[2] if len(argv) == 3 else ""
    missing = "".join(sorted({c for c in text if not c.isspace() and c not in every}))
    emit({"fonts": {k: len(v) for k, v in maps.items()}, "missing": missing})


if __name__ == "__main__":
    main(sys.argv)
