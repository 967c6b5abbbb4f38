#!/usr/bin/env python3
"""The text of each page of an OFD as ofdkit (PyPI, a third-party OFD reader) reads it.

    text.py OFD

Prints {"pages": [the text of each page, in ofdkit's reading order], "info": {"title",
"author", "creation_date"} as ofdkit reads OFD.xml}.
"""
import sys

from common import emit, fail, need_module


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    ofdkit = need_module("ofdkit")
    with ofdkit.open(argv[1]) as doc:
        info = doc.info
        emit({
            "pages": [page.text() for page in doc.pages],
            "info": {"title": info.title, "author": info.author, "creation_date": str(info.creation_date or "")},
        })


if __name__ == "__main__":
    main(sys.argv)
