#!/usr/bin/env python3
"""Makes a small seed for the fuzzer (fuzz/corpus/read_return/) from a real return: the same
form fields (names, kinds, tooltips, values), pages and metadata, without the page content,
fonts and appearance streams that make a return 2 MB (they are not what collect reads).

    seed.py RETURN.pdf OUT.pdf

Prints {"bytes": size of OUT, "fields": number of fields pypdf reads back from OUT}.
"""
import os
import sys

from common import emit, fail, need_module

KEEP = ("/FT", "/T", "/TU", "/V", "/Ff", "/DA", "/Rect", "/F", "/Opt", "/MaxLen", "/Q")


def main(argv):
    if len(argv) != 3:
        fail(__doc__)
    pypdf = need_module("pypdf")
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    reader = pypdf.PdfReader(argv[1])
    writer = pypdf.PdfWriter()
    fields = ArrayObject()
    for page in reader.pages:
        box = page.mediabox
        new = writer.add_blank_page(width=box.width, height=box.height)
        annots = ArrayObject()
        for annot in page.get("/Annots", []):
            a = annot.get_object()
            d = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget")})
            for key in KEEP:
                if key in a:
                    d[NameObject(key)] = a[key]
            d[NameObject("/P")] = new.indirect_reference
            ref = writer._add_object(d)
            annots.append(ref)
            fields.append(ref)
        new[NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(DictionaryObject({NameObject("/Fields"): fields}))
    if reader.metadata:
        writer.add_metadata(dict(reader.metadata))
    with open(argv[2], "wb") as f:
        writer.write(f)
    fields = pypdf.PdfReader(argv[2]).get_fields() or {}
    emit({"bytes": os.path.getsize(argv[2]), "fields": len(fields)})


if __name__ == "__main__":
    main(sys.argv)
