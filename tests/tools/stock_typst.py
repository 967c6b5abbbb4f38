#!/usr/bin/env python3
"""Compile an edition's documents with the stock Typst compiler (PyPI package `typst`).

    stock_typst.py ROOT EDITION OUT_DIR ATTACHMENTS

Compiles ROOT/templates/notice.typ to OUT_DIR/notice.pdf and, for n = 1..ATTACHMENTS,
ROOT/templates/attachment.typ to OUT_DIR/attachment-n.pdf, with the project root ROOT,
the fonts of ROOT/fonts only (system fonts ignored) and the inputs the templates document:
edition=EDITION (a folder below ROOT, such as data/2015) and attachment=n.

Prints JSON: {"typst": VERSION, "written": [paths]}.
"""
import json
import os
import sys

try:
    import typst
except ImportError:
    sys.exit("python3 cannot import typst: install it with `python3 -m pip install typst`")


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    root, edition, out, attachments = argv[1], argv[2], argv[3], int(argv[4])
    fonts = [os.path.join(root, "fonts")]
    jobs = [("templates/notice.typ", {"edition": edition}, "notice.pdf")]
    jobs += [
        ("templates/attachment.typ", {"edition": edition, "attachment": str(n)}, f"attachment-{n}.pdf")
        for n in range(1, attachments + 1)
    ]
    written = []
    for template, inputs, name in jobs:
        path = os.path.join(out, name)
        pdf = typst.compile(
            os.path.join(root, template),
            root=root,
            font_paths=fonts,
            ignore_system_fonts=True,
            sys_inputs=inputs,
            format="pdf",
        )
        with open(path, "wb") as f:
            f.write(pdf)
        written.append(path)
    json.dump({"typst": getattr(typst, "__version__", "unknown"), "written": written}, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv)
