#!/usr/bin/env python3
"""Encrypts a PDF with pypdf, as a unit's office software might before sending it.

    protect.py IN.pdf OUT.pdf USER_PASSWORD OWNER_PASSWORD ALGORITHM

USER_PASSWORD may be "" (the file opens without asking, but is still encrypted, and the
owner password restricts editing). ALGORITHM is one of pypdf's: RC4-128, AES-128, AES-256.
Prints {"encrypted": true, "algorithm": ...}.
"""
import sys

from common import emit, fail, need_module


def main(argv):
    if len(argv) != 6:
        fail(__doc__)
    pypdf = need_module("pypdf")
    if argv[5].startswith("AES"):
        need_module("cryptography")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(argv[1]))
    # Printing only: no changes, no copying (what "protect" dialogs offer).
    writer.encrypt(user_password=argv[3], owner_password=argv[4], algorithm=argv[5], permissions_flag=4)
    with open(argv[2], "wb") as f:
        writer.write(f)
    reader = pypdf.PdfReader(argv[2])
    emit({"encrypted": reader.is_encrypted, "algorithm": argv[5]})


if __name__ == "__main__":
    main(sys.argv)
