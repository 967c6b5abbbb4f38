#!/usr/bin/env python3
"""A workbook's first sheet as LibreOffice calculates it, not as the file caches it.

    recalc.py BOOK.xlsx

openpyxl saves a copy of BOOK (its save keeps every formula and drops every cached value),
then LibreOffice opens that copy headless, so that it must compute each formula itself, and
exports the first sheet as CSV (UTF-8, raw numbers, not as formatted). Prints {"rows":
[[text, ...]], "stripped": number of formula cells openpyxl saved without a value}.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

from common import emit, fail, need_module, need_tool


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    openpyxl = need_module("openpyxl")
    need_tool("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        book = openpyxl.load_workbook(argv[1])
        formulas = sum(1 for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f")
        copy = os.path.join(tmp, "copy.xlsx")
        book.save(copy)
        check = openpyxl.load_workbook(copy, data_only=True)
        stripped = sum(1 for s, t in zip(book.worksheets, check.worksheets)
                       for row in s.iter_rows() for c in row if c.data_type == "f" and t[c.coordinate].value is None)
        profile = os.path.join(tmp, "profile")
        # 44: comma; 34: quote; 76: UTF-8; then: first line 1, no cell formats, default
        # language, quoted fields as text off, special numbers on, "as shown" off.
        options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false"
        done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", options,
                               "--outdir", tmp, copy], capture_output=True, timeout=180)
        out = os.path.join(tmp, "copy.csv")
        if done.returncode != 0 or not os.path.exists(out):
            fail(f"soffice could not export {argv[1]}: {done.stderr.decode('utf-8', 'replace')}")
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    emit({"rows": rows, "formulas": formulas, "stripped": stripped})


if __name__ == "__main__":
    main(sys.argv)
