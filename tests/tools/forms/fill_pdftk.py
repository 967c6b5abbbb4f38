#!/usr/bin/env python3
"""Fills a form with `pdftk IN fill_form DATA.fdf output OUT`, the values in an FDF whose
strings are UTF-16BE with a byte order mark (how FDF carries Chinese).

    fill_pdftk.py IN.pdf OUT.pdf VALUES_JSON [need_appearances]

With `need_appearances`, pdftk sets /NeedAppearances and viewers redraw the fields from
/DA and /AcroForm /DR; without it, pdftk (iText) writes its own appearances. Prints
{"fdf": path of the FDF written next to OUT}.
"""
import sys

from common import emit, fail, fdf, read_json_arg, run


def main(argv):
    if len(argv) not in (4, 5) or (len(argv) == 5 and argv[4] != "need_appearances"):
        fail(__doc__)
    values = read_json_arg(argv[3])
    path = argv[2] + ".fdf"
    with open(path, "wb") as f:
        f.write(fdf(values))
    run(["pdftk", argv[1], "fill_form", path, "output", argv[2]] + argv[4:])
    emit({"fdf": path})


if __name__ == "__main__":
    main(sys.argv)
