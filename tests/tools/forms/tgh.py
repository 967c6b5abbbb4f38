#!/usr/bin/env python3
"""The 8,105 characters of 通用规范汉字表 (Table of General Standard Chinese Characters, 2013),
as Unicode's Unihan database lists them (the kTGH field: "2013:N" for the character's number
N in the table), read from Debian's unicode-data package.

    tgh.py check FILE   compares FILE (gongwen's list, src/export/forms/tgh-2013.txt) with
                        Unihan's; prints {"unihan": 8105, "file": n, "missing": "...",
                        "extra": "...", "order": true if FILE lists them in the table's order}
    tgh.py write FILE   writes FILE from Unihan: a comment, then the characters in the table's
                        order, 50 a line (how the list in the repository was made)

Needs /usr/share/unicode/Unihan_OtherMappings.txt.bz2 (apt-get install unicode-data).
"""
import bz2
import os
import sys

from common import emit, fail

UNIHAN = "/usr/share/unicode/Unihan_OtherMappings.txt.bz2"

HEADER = """\
# 通用规范汉字表 (Table of General Standard Chinese Characters, State Council of the PRC, 2013):
# its 8,105 characters in the table's order (一级 3,500, 二级 3,000, 三级 1,605), 50 a line.
# Derived from the Unicode Character Database's Unihan_OtherMappings.txt (field kTGH), as
# Debian's unicode-data package ships it, by tests/tools/forms/tgh.py; the tests check this
# file against that package. Unicode data: Copyright © 1991- Unicode, Inc., under the Unicode
# License (see https://www.unicode.org/license.txt), which allows copying and redistribution.
"""


def unihan():
    if not os.path.exists(UNIHAN):
        fail(f"{UNIHAN} is missing: apt-get install unicode-data")
    table = []
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                for entry in parts[2].split():
                    year, number = entry.split(":")
                    if year == "2013":
                        table.append((int(number), chr(int(parts[0][2:], 16))))
    table.sort()
    return "".join(c for _, c in table)


def read(path):
    with open(path, encoding="utf-8") as f:
        return "".join(line.strip() for line in f if not line.startswith("#"))


def main(argv):
    if len(argv) != 3 or argv[1] not in ("check", "write"):
        fail(__doc__)
    chars = unihan()
    if argv[1] == "write":
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(HEADER)
            for i in range(0, len(chars), 50):
                f.write(chars[i:i + 50] + "\n")
    listed = read(argv[2])
    emit({
        "unihan": len(chars),
        "file": len(listed),
        "missing": "".join(c for c in chars if c not in set(listed)),
        "extra": "".join(c for c in listed if c not in set(chars)),
        "order": listed == chars,
    })


if __name__ == "__main__":
    main(sys.argv)
