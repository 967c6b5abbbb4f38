#!/usr/bin/env python3
"""A form's fields as pdftk (pdftk-java, on iText) reads them: `pdftk PDF dump_data_fields_utf8`.

    pdftk_fields.py PDF

Prints {"fields": [{"name", "type", "alt", "flags", "value", "justification", "options"}]}
in pdftk's order; value is null for a field without one.
"""
import sys

from common import emit, fail, run


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    out = run(["pdftk", argv[1], "dump_data_fields_utf8"]).stdout.decode("utf-8")
    fields = []
    for block in out.split("---"):
        entry = {"name": None, "type": None, "alt": None, "flags": None, "value": None, "justification": None, "options": []}
        seen = False
        for line in block.splitlines():
            key, sep, value = line.partition(": ")
            if not sep:
                continue
            seen = True
            if key == "FieldName":
                entry["name"] = value
            elif key == "FieldType":
                entry["type"] = value
            elif key == "FieldNameAlt":
                entry["alt"] = value
            elif key == "FieldFlags":
                entry["flags"] = int(value)
            elif key == "FieldValue":
                entry["value"] = value
            elif key == "FieldJustification":
                entry["justification"] = value
            elif key == "FieldStateOption":
                entry["options"].append(value)
        if seen:
            fields.append(entry)
    emit({"fields": fields})


if __name__ == "__main__":
    main(sys.argv)
