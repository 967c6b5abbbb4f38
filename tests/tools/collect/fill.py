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

from common import emit, fail, fdf, fill_with_pypdf, read_json_arg, run


def fill_pypdf(src, dst, values):
    found = fill_with_pypdf(src, dst, values)
    missing = set(values) - set(found)
    if missing:
        fail(f"pypdf found no field named {sorted(missing)} in {src}")
    return found


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
