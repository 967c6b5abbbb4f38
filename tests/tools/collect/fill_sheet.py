#!/usr/bin/env python3
"""Fills a blank form workbook (attachment-N.xlsx) as a reporting unit would in a spreadsheet
program, with tools that are not gongwen: openpyxl writes the values into the cells the
workbook's defined names point at, and LibreOffice converts the result when another format
is wanted (as a unit's WPS or LibreOffice saves it).

    fill_sheet.py IN.xlsx OUT VALUES_JSON [--move CODE]

OUT ends in .xlsx (openpyxl's save), .xls or .ods (`soffice --headless --convert-to`), or .et
(the .xls bytes under WPS's name). VALUES_JSON (or @FILE) is {"name": "text as typed"}, names
as the form's fields (01A, unit, …): a text that reads as a number is written as a number,
as a spreadsheet stores what is typed. --move CODE moves that blank's cell (and its defined
name) ten rows below the form, as a unit inserting rows would, to show values are read by
name, not by place. Prints {"set": [names written], "format": ..., "names": {name: reference}}.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from common import emit, fail, need_module, need_tool, read_json_arg


def cell_of(book, name):
    defined = book.defined_names.get(name)
    if defined is None:
        fail(f"the workbook has no defined name {name}")
    (sheet, ref), = list(defined.destinations)
    return book[sheet], ref.replace("$", "")


def typed(value):
    """A typed text as a spreadsheet stores it: numbers as numbers, the rest as text."""
    if re.fullmatch(r"[0-9]+", value):
        return int(value)
    if re.fullmatch(r"[0-9]*\.[0-9]+", value):
        return float(value)
    return value


def main(argv):
    args = argv[1:]
    move = None
    if "--move" in args:
        i = args.index("--move")
        move = args[i + 1]
        del args[i:i + 2]
    if len(args) != 3:
        fail(__doc__)
    src, out, values = args[0], args[1], read_json_arg(args[2])
    openpyxl = need_module("openpyxl")
    book = openpyxl.load_workbook(src)
    written = []
    for field, value in values.items():
        name = field if field in ("unit", "reporter", "phone") else "_" + field
        sheet, ref = cell_of(book, name)
        sheet[ref] = typed(value) if name.startswith("_") else value
        written.append(field)
    if move:
        name = "_" + move
        sheet, ref = cell_of(book, name)
        target = f"H{sheet.max_row + 10}"
        sheet[target] = sheet[ref].value
        sheet[ref] = None
        book.defined_names[name].attr_text = f"'{sheet.title}'!${target[0]}${target[1:]}"
    ext = os.path.splitext(out)[1].lower()
    if ext == ".xlsx":
        book.save(out)
    elif ext in (".xls", ".ods", ".et"):
        need_tool("soffice")
        with tempfile.TemporaryDirectory() as tmp:
            middle = os.path.join(tmp, "filled.xlsx")
            book.save(middle)
            target = "xls" if ext == ".et" else ext[1:]
            profile = os.path.join(tmp, "profile")
            done = subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", tmp, middle],
                capture_output=True, timeout=180)
            made = os.path.join(tmp, "filled." + target)
            if done.returncode != 0 or not os.path.exists(made):
                fail(f"soffice could not convert to {target}: {done.stderr.decode('utf-8', 'replace')}")
            shutil.copy(made, out)
    else:
        fail(f"{out}: expected .xlsx, .xls, .ods or .et")
    emit({"set": sorted(written), "format": ext[1:], "names": {n: d.attr_text for n, d in book.defined_names.items()}})


if __name__ == "__main__":
    main(sys.argv)
