#!/usr/bin/env python3
"""Fills a form with pypdf, as a union office's script would.

    fill_pypdf.py IN.pdf OUT.pdf VALUES_JSON   (VALUES_JSON: {"name": "value"}, or @FILE)

Every page's fields are updated with PdfWriter.update_page_form_field_values; pypdf writes
/V and draws its own appearance from the field's /DA and the /AcroForm /DR font. Prints
{"pypdf": version, "set": [names pypdf found on some page]}.
"""
import sys

from common import emit, fail, fill_with_pypdf, need_module, read_json_arg


def main(argv):
    if len(argv) != 4:
        fail(__doc__)
    pypdf = need_module("pypdf")
    found = fill_with_pypdf(argv[1], argv[2], read_json_arg(argv[3]))
    emit({"pypdf": pypdf.__version__, "set": found})


if __name__ == "__main__":
    main(sys.argv)
