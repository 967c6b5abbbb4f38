#!/usr/bin/env python3
"""What a form's workbook (attachment-N.xlsx) offers a reporting unit, read with openpyxl.

    sheet.py FORM.xlsx

Prints {"sheets": [names], "protected": whether the sheet is protected, "password": whether
protection has a password, "paper": paperSize, "fit_width": fitToWidth, "fit_height":
fitToHeight, "landscape": bool, "names": {defined name: {"sheet", "cell", "value", "locked",
"validation": {"type", "operator", "formula1", "formula2"} or null}}, "locked_texts": number of
non-empty text cells that are locked, "unlocked_texts": [texts of non-empty cells that are
unlocked but not a named blank], "checks": [{"cell", "formula", "cached", "red": whether a
conditional format of that cell fills it}], "title", "form" (the values of the named cells).
"""
import sys

from common import emit, fail, need_module


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    openpyxl = need_module("openpyxl")
    book = openpyxl.load_workbook(argv[1])
    cached = openpyxl.load_workbook(argv[1], data_only=True)
    if len(book.worksheets) != 1:
        fail(f"expected one sheet, found {book.sheetnames}")
    sheet = book.worksheets[0]
    validations = []
    for dv in sheet.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            validations.append((rng, dv))

    def validation_of(coord):
        for rng, dv in validations:
            if coord in rng:
                return {"type": dv.type, "operator": dv.operator, "formula1": dv.formula1, "formula2": dv.formula2}
        return None

    names = {}
    named_cells = set()
    for name, defined in book.defined_names.items():
        dests = list(defined.destinations)
        if len(dests) != 1:
            continue
        title, ref = dests[0]
        coord = ref.replace("$", "").split(":")[0]
        cell = book[title][coord]
        named_cells.add(coord)
        names[name] = {
            "sheet": title,
            "cell": coord,
            "value": cell.value,
            "locked": bool(cell.protection.locked),
            "validation": validation_of(coord),
        }
    locked_texts = 0
    unlocked = []
    checks = []
    red_cells = set()
    for rng, rules in sheet.conditional_formatting._cf_rules.items():
        for rule in rules:
            if rule.dxf is not None and rule.dxf.fill is not None:
                for r in rng.sqref.ranges:
                    red_cells.add(r.coord.replace("$", ""))
    for row in sheet.iter_rows():
        for c in row:
            if c.value is None:
                continue
            if isinstance(c.value, str) and c.value.startswith("="):
                checks.append({"cell": c.coordinate, "formula": c.value, "cached": cached.worksheets[0][c.coordinate].value,
                               "red": c.coordinate in red_cells})
            if c.protection.locked:
                locked_texts += 1
            elif c.coordinate not in named_cells:
                unlocked.append(str(c.value))
    setup = sheet.page_setup
    props = sheet.sheet_properties.pageSetUpPr
    emit({
        "sheets": book.sheetnames,
        "protected": bool(sheet.protection.sheet),
        "password": bool(sheet.protection.password),
        "paper": int(setup.paperSize) if setup.paperSize else None,
        "fit_width": setup.fitToWidth,
        "fit_height": setup.fitToHeight,
        "fit": bool(props.fitToPage) if props is not None else False,
        "landscape": setup.orientation == "landscape",
        "names": names,
        "locked_texts": locked_texts,
        "unlocked_texts": unlocked,
        "checks": checks,
        "title": names.get("title", {}).get("value"),
        "form": names.get("form", {}).get("value"),
    })


if __name__ == "__main__":
    main(sys.argv)
