#!/usr/bin/env python3
"""What a summary of attachment N's returns should hold, worked out from the edition's TOML
(read with tomllib) and the values as the units typed them, without gongwen.

    expect.py EDITION_DIR N RETURNS_JSON

RETURNS_JSON (or @FILE) is {"returns": {name: {"field": "text as typed"}}, "counted": [names
of the returns whose numbers count in the totals]}. A typed number is read as a person reads
it: NFKC (full-width digits to ASCII), thousands separators and blanks dropped, then a
decimal; a blank is not filled, and text that is no number is no number.
Prints {"fields": [{"code", "label", "unit", "kind"} in form order],
        "numbers": {name: {code: decimal text}},
        "totals": {code: decimal text}}, where a 是/否 field's total is the number of 是.
Decimal text is as short as it can be: 35, 12.5, 123.4567.
"""
import datetime
import re
import sys
import tomllib
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from common import emit, fail, read_json_arg


def placeholders(notice):
    year = notice["year"]
    values = {"year": str(year), "year-1": str(year - 1)}
    for name, d in notice.get("dates", {}).items():
        if isinstance(d, datetime.date):
            values[name] = f"{d.year}年{d.month}月{d.day}日"
    return values


def fill(text, values):
    def one(m):
        key = m.group(1)
        if key not in values:
            fail(f"unknown placeholder {{{key}}} in {text!r}")
        return values[key]
    return re.sub(r"\{([^{}:]+)\}", one, text)


def kind(unit):
    if unit == "万元":
        return "amount"
    if unit == "是/否":
        return "choice"
    return "count"


def number(typed):
    s = unicodedata.normalize("NFKC", typed).replace(",", "").replace(" ", "").strip()
    if s == "":
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def text(d):
    return format(d.normalize(), "f")


def main(argv):
    if len(argv) != 4:
        fail(__doc__)
    edition = Path(argv[1])
    notice = tomllib.loads((edition / "notice.toml").read_text(encoding="utf-8"))
    form = tomllib.loads((edition / f"attachment-{argv[2]}.toml").read_text(encoding="utf-8"))
    values = placeholders(notice)
    fields = []
    for item in form["items"]:
        for f in item["fields"]:
            fields.append({
                "code": item["code"] + f["letter"],
                # A label given as pieces (where a line may break) reads as one string.
                "label": fill("".join(f["label"]), values),
                "unit": f["unit"],
                "kind": kind(f["unit"]),
            })
    given = read_json_arg(argv[3])
    returns, counted = given["returns"], given["counted"]
    numbers = {}
    for name, typed in returns.items():
        numbers[name] = {}
        for f in fields:
            if f["kind"] != "choice" and (n := number(typed.get(f["code"], ""))) is not None:
                numbers[name][f["code"]] = text(n)
    totals = {}
    for f in fields:
        if f["kind"] == "choice":
            total = Decimal(sum(1 for name in counted if unicodedata.normalize("NFKC", returns[name].get(f["code"], "")).strip() == "是"))
        else:
            total = sum((n for name in counted if (n := number(returns[name].get(f["code"], ""))) is not None), Decimal(0))
        totals[f["code"]] = text(total)
    emit({"fields": fields, "numbers": numbers, "totals": totals})


if __name__ == "__main__":
    main(sys.argv)
