#!/usr/bin/env python3
"""The blanks a form should have, read from the edition's TOML with tomllib (not gongwen).

    model.py ATTACHMENT.toml NOTICE.toml

Prints {"fields": [{"name", "kind", "label", "unit", "tail"}, ...]} in the order of the form:
the header's unit, reporter and phone, then every items[].code + fields[].letter in file
order. kind is "text" for the header, "choice" for a 是/否 unit, "amount" for 万元, else
"count". label has {year} and {year-1} expanded from notice.toml's year (other {name}
placeholders are left as they are).
"""
import re
import sys

from common import emit, fail

try:
    import tomllib
except ImportError:
    fail("Python 3.11 or later is needed (tomllib): apt-get install python3")

HEADER = [("unit", "填报单位"), ("reporter", "填报人"), ("phone", "联系电话")]


def expand(text: str, year: int) -> str:
    def sub(m):
        key = m.group(1)
        if key == "year":
            return str(year)
        if key == "year-1":
            return str(year - 1)
        return m.group(0)

    return re.sub(r"\{([a-z0-9_-]+)\}", sub, text)


def kind_of(field: dict) -> str:
    if "kind" in field:
        return field["kind"]
    unit = field.get("unit", "")
    return "amount" if unit == "万元" else "choice" if unit == "是/否" else "count"


def main(argv):
    if len(argv) != 3:
        fail(__doc__)
    with open(argv[1], "rb") as f:
        form = tomllib.load(f)
    with open(argv[2], "rb") as f:
        year = int(tomllib.load(f)["year"])
    header = form.get("header", {})
    fields = [
        {"name": name, "kind": "text", "label": header.get(name, label), "unit": "", "tail": ""}
        for name, label in HEADER
    ]
    for item in form.get("items", []):
        for f in item.get("fields", []):
            fields.append({
                "name": item["code"] + f["letter"],
                "kind": kind_of(f),
                # A label given as pieces (where a line may break) reads as one string.
                "label": expand("".join(f.get("label", "")), year),
                "unit": f.get("unit", ""),
                "tail": expand(f.get("tail", ""), year),
            })
    emit({"fields": fields, "rules": form.get("rules", [])})


if __name__ == "__main__":
    main(sys.argv)
