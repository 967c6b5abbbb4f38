#!/usr/bin/env python3
"""Fills a blank form as a reporting unit would, with a tool that is not gongwen.

    fill.py pypdf IN.pdf OUT.pdf VALUES_JSON
    fill.py pdftk IN.pdf OUT.pdf VALUES_JSON

VALUES_JSON is {"field name": "text as typed"} (or @FILE). With pypdf, the values go in with
PdfWriter(clone_from=...).update_page_form_field_values(page, values, auto_regenerate=False)
on every page that has the fields. With pdftk, they go in an FDF whose strings are UTF-16BE
with a byte order mark (how FDF carries Chinese), through `pdftk IN fill_form FDF output OUT`.
Prints {"tool": ..., "set": [names filled]}.
"""
import os
import sys
import tempfile

from common import emit, fail, need_module, read_json_arg, run


def fill_pypdf(src, dst, values):
    pypdf = need_module("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(src))
    found = set()
    for page in writer.pages:
        names = {a.get_object().get("/T") for a in page.get("/Annots", [])}
        here = {k: v for k, v in values.items() if k in names}
        if here:
            writer.update_page_form_field_values(page, here, auto_regenerate=False)
            found.update(here)
    missing = set(values) - found
    if missing:
        fail(f"pypdf found no field named {sorted(missing)} in {src}")
    with open(dst, "wb") as f:
        writer.write(f)
    return sorted(found)


def pdf_string(text: str) -> bytes:
    """A PDF hex string of UTF-16BE with a BOM."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def fdf(values: dict) -> bytes:
    fields = b"".join(b"<< /T " + pdf_string(k) + b" /V " + pdf_string(v) + b" >>\n" for k, v in values.items())
    return (
        b"%FDF-1.2\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /FDF << /Fields [\n" + fields + b"] >> >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def fill_pdftk(src, dst, values):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "values.fdf")
        with open(path, "wb") as f:
            f.write(fdf(values))
        run(["pdftk", src, "fill_form", path, "output", dst])
    return sorted(values)


def main(argv):
    if len(argv) != 5 or argv[1] not in ("pypdf", "pdftk"):
        fail(__doc__)
    values = read_json_arg(argv[4])
    filled = (fill_pypdf if argv[1] == "pypdf" else fill_pdftk)(argv[2], argv[3], values)
    emit({"tool": argv[1], "set": filled})


if __name__ == "__main__":
    main(sys.argv)
