#!/usr/bin/env python3
"""Reads a summary written by `gongwen collect` back, with readers that are not gongwen's.

    read_summary.py SUMMARY.xlsx   (openpyxl)
    read_summary.py SUMMARY.csv    (Python's csv module)

For a workbook, prints {"sheets": [names in order], "cells": {sheet: [[cell, ...], ...]}}
where each cell is {"v": value (a formula's text, such as "=SUMIF(…)"), "t": openpyxl
data_type ("n" number, "s" string, "f" formula, ...), "f": number_format, "c": the value
the file caches for it (what a reader that does not calculate shows), "fill": its fill
colour ("" for none)} or null for an empty cell. For a CSV, prints {"rows": [[text, ...]]}.
"""
import csv
import sys

from common import emit, fail, need_module


def read_xlsx(path):
    openpyxl = need_module("openpyxl")
    book = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    cells = {}
    for sheet in book.worksheets:
        values = cached[sheet.title]
        rows = []
        for row in sheet.iter_rows():
            rows.append([
                None if c.value is None else {
                    "v": c.value, "t": c.data_type, "f": c.number_format,
                    "c": values[c.coordinate].value,
                    "fill": (c.fill.fgColor.rgb or "") if c.fill is not None and c.fill.fill_type == "solid" else "",
                }
                for c in row
            ])
        cells[sheet.title] = rows
    return {"sheets": book.sheetnames, "cells": cells}


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return {"rows": [row for row in csv.reader(f)]}


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    path = argv[1]
    if path.lower().endswith(".xlsx"):
        emit(read_xlsx(path))
    elif path.lower().endswith(".csv"):
        emit(read_csv(path))
    else:
        fail(f"{path}: expected a .xlsx or .csv summary")


if __name__ == "__main__":
    main(sys.argv)
