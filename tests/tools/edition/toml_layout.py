#!/usr/bin/env python3
"""The layout of a TOML file as its author wrote it: comments, keys in order, lines.

    toml_layout.py FILE

A small scanner, not a TOML parser: it follows strings (basic, literal, and their multi-line
forms) and brackets across lines so that a `#` inside a string is not taken for a comment,
and it reads a key only where a line starts outside any string or array.

Prints JSON:
  {"comments": [{"line": L, "text": T}, ...],      # T: what follows `#`, stripped
   "keys": [{"line": L, "path": P}, ...],          # P: "[head.number]", "[[body.sections]]",
                                                   #    or a dotted key "head.number.year"
   "lines": [{"line": L, "text": RAW, "key": P or null,
              "before": B, "value": V, "after": A}, ...]}
where, for a line holding `key = value` whole, B is the text up to the value, V the value as
written and A the rest (spacing and comment); for other lines B = RAW, V = A = "".
"""
import json
import re
import sys

HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
KEY = re.compile(r"""^(\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*)""")


def key_path(raw):
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", raw)
    return ".".join(p.strip("\"'") for p in parts)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    comments, keys, out = [], [], []
    table = ""
    string = None  # the delimiter of the string we are in: ", ', """ or '''
    depth = 0  # open [ and { of values
    for number, line in enumerate(lines, 1):
        at_start = string is None and depth == 0
        record = {"line": number, "text": line, "key": None, "before": line, "value": "", "after": ""}
        value_start = 0
        if at_start:
            h = HEADER.match(line)
            k = KEY.match(line)
            if h and not k:
                table = key_path(h.group(2))
                keys.append({"line": number, "path": f"{h.group(1)}{table}{']' * len(h.group(1))}"})
            elif k:
                path = ".".join(p for p in (table, key_path(k.group(2))) if p)
                keys.append({"line": number, "path": path})
                record["key"] = path
                value_start = k.end()
        i = 0
        comment_at = None
        value_end = None
        while i < len(line):
            c = line[i]
            if string is not None:
                if string in ('"', '"""') and c == "\\":
                    i += 2
                    continue
                if line.startswith(string, i):
                    i += len(string)
                    string = None
                    continue
                i += 1
                continue
            if c == "#":
                comment_at = i
                break
            for delim in ('"""', "'''", '"', "'"):
                if line.startswith(delim, i):
                    string = delim
                    i += len(delim)
                    break
            else:
                if c in "[{":
                    depth += 1
                elif c in "]}":
                    depth -= 1
                i += 1
        if string in ('"', "'"):
            string = None  # a single-line string cannot continue (malformed TOML)
        if comment_at is not None:
            comments.append({"line": number, "text": line[comment_at + 1 :].strip()})
        if record["key"] is not None and string is None and depth == 0:
            end = comment_at if comment_at is not None else len(line)
            value = line[value_start:end].rstrip()
            value_end = value_start + len(value)
            record.update(before=line[:value_start], value=value, after=line[value_end:])
        out.append(record)
    json.dump({"comments": comments, "keys": keys, "lines": out}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv)
