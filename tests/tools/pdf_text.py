#!/usr/bin/env python3
"""The text of a PDF as poppler's pdftotext reads it, normalised for comparison.

    pdf_text.py PDF [EXPECTED ...]

Prints JSON: {"text": T, "missing": [...]}. T is pdftotext's output with the page-number
lines ("— N —") removed, NFKC-normalised, all whitespace removed and the lines joined;
"missing" lists each EXPECTED string (normalised the same way) that is not a substring of T.

Used by the integration tests (tests/*.rs); seed_check.py builds on `normalize`.
"""
import json
import re
import shutil
import subprocess
import sys
import unicodedata

PAGE_NUMBER = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$")
WHITESPACE = re.compile(r"\s+")


def normalize(s: str) -> str:
    """NFKC, then no whitespace at all (U+3000 and NBSP become spaces under NFKC)."""
    return WHITESPACE.sub("", unicodedata.normalize("NFKC", s))


def pdftotext(pdf: str) -> str:
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True)
    if done.returncode != 0:
        sys.exit(f"pdftotext {pdf} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8")


def pdf_text(pdf: str) -> str:
    """The normalised text of `pdf` in reading order (`-layout` keeps a line that a form
    blank splits in one piece), page-number lines removed before the lines are joined."""
    # Form feeds separate pages; a page number stands on a line of its own.
    lines = pdftotext(pdf).replace("\f", "\n").split("\n")
    return normalize("".join(l for l in lines if not PAGE_NUMBER.match(unicodedata.normalize("NFKC", l))))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    text = pdf_text(argv[1])
    missing = [e for e in argv[2:] if normalize(e) not in text]
    json.dump({"text": text, "missing": missing}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv)
