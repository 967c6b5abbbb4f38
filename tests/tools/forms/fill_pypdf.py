#!/usr/bin/env python3
"""Fills a form with pypdf, as a union office's script would.

    fill_pypdf.py IN.pdf OUT.pdf VALUES_JSON   (VALUES_JSON: {"name": "value"}, or @FILE)

Every page's fields are updated with PdfWriter.update_page_form_field_values; pypdf writes
/V and draws its own appearance from the field's /DA and the /AcroForm /DR font. Prints
{"pypdf": version, "set": [names pypdf found on some page]}.
"""
import sys

from common import emit, fail, need_module, read_json_arg


def main(argv):
    if len(argv) != 4:
        fail(__doc__)
    pypdf = need_module("pypdf")
    values = read_json_arg(argv[3])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(argv[1]))
    found = set()
    for page in writer.pages:
        names = {a.get_object().get("/T") for a in page.get("/Annots", [])}
        here = {k: v for k, v in values.items() if k in names}
        if here:
            # auto_regenerate=False: keep /NeedAppearances off; pypdf still draws /AP itself.
            writer.update_page_form_field_values(page, here, auto_regenerate=False)
            found.update(here)
    with open(argv[2], "wb") as f:
        writer.write(f)
    emit({"pypdf": pypdf.__version__, "set": sorted(found)})


if __name__ == "__main__":
    main(sys.argv)
