#!/usr/bin/env python3
"""Writes hostile and broken PDFs, crafted byte by byte, for `gongwen collect` to survive.

    hostile.py GOOD_RETURN.pdf OUTDIR

Some are small PDFs made from nothing; others are a good return with an incremental update
appended that makes it hostile (so the reader gets past the start of the file). Prints
{"files": {"name.pdf": "what is wrong with it"}}.
"""
import os
import re
import sys
import zlib

from common import emit, fail

HEAD = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def classic(objects, trailer=b"", startxref=None, head=HEAD, offsets_override=None):
    """A PDF with numbered objects [(num, body)], a classic xref table and trailer.
    `trailer` is extra trailer entries; `startxref` overrides the xref offset (a callable
    gets the real offsets: f(xref_offset, object_offsets)); `offsets_override` gives some
    objects a false offset in the xref table."""
    out = bytearray(head)
    offsets = {}
    for num, body in objects:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    size = max(offsets) + 1
    xref = len(out)
    offsets.update(offsets_override or {})
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[i]) if i in offsets else b"0000000000 65535 f \n"
    at = xref if startxref is None else startxref(xref, offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, at)
    return bytes(out)


CATALOG = (1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>")
PAGES = (2, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
PAGE = (4, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R] >>")
FIELD = (5, b"<< /FT /Tx /T (unit) /V (x) /Subtype /Widget /Rect [0 0 10 10] /P 4 0 R >>")


def small(extra, acroform=b"<< /Fields [5 0 R] >>", **kw):
    return classic([CATALOG, PAGES, (3, acroform), PAGE, FIELD] + extra, **kw)


def xref_stream_pdf(objects, xref_num, entries_for, prev_self=False, extra_trailer=b""):
    """A PDF whose cross-reference is a stream (object `xref_num`); `entries_for(offsets,
    xref_offset)` gives (type, field2, field3) per object number 0..size-1."""
    out = bytearray(HEAD)
    offsets = {}
    for num, body in objects:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref_at = len(out)
    offsets[xref_num] = xref_at
    size = max(offsets) + 1
    rows = entries_for(offsets, xref_at, size)
    data = b"".join(bytes([t]) + f2.to_bytes(4, "big") + f3.to_bytes(2, "big") for t, f2, f3 in rows)
    prev = b" /Prev %d" % xref_at if prev_self else b""
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R%s%s /Length %d >>\nstream\n"
        % (xref_num, size, prev, extra_trailer, len(data))
    )
    out += data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def plain_rows(offsets, xref_at, size):
    return [(0, 0, 65535)] + [((1, offsets[i], 0) if i in offsets else (0, 0, 0)) for i in range(1, size)]


def appended(good: bytes, objects, trailer_extra=b"", prev=None, startxref=None):
    """`good` with an incremental update: new versions of `objects` [(num, body)]."""
    m = re.findall(rb"startxref\s+(\d+)", good[-2048:])
    if not m:
        fail("the good return has no startxref")
    last = int(m[-1])
    size = max(int(s) for s in re.findall(rb"/Size\s+(\d+)", good))
    out = bytearray(good if good.endswith(b"\n") else good + b"\n")
    offsets = {}
    for num, body in objects:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    size = max(size, max(offsets) + 1)
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    root = re.findall(rb"/Root\s+(\d+)\s+0\s+R", good)[-1]
    out += b"trailer\n<< /Size %d /Root %s 0 R /Prev %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, last if prev is None else prev(xref), trailer_extra, xref if startxref is None else startxref(xref))
    return bytes(out)


def field_object(good: bytes, name: bytes):
    """The object number of the field named `name` in `good` (searching /T (name))."""
    for m in re.finditer(rb"(\d+) 0 obj\s*<<", good):
        end = good.find(b"endobj", m.end())
        body = good[m.end():end]
        if re.search(rb"/T\s*\(" + re.escape(name) + rb"\)", body) or re.search(rb"/T\s*<FEFF" + name.hex().upper().encode(), body.upper()):
            return int(m.group(1))
    return None


def acroform_object(good: bytes):
    nums = re.findall(rb"/AcroForm\s+(\d+)\s+0\s+R", good)
    return int(nums[-1]) if nums else None


def main(argv):
    if len(argv) != 3:
        fail(__doc__)
    good = open(argv[1], "rb").read()
    out = argv[2]
    os.makedirs(out, exist_ok=True)
    deep = 200_000
    files = {}

    def put(name, data, why):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        files[name] = why

    # The cross-reference.
    body = small([])
    xref_at = body.rindex(b"xref\n")
    put("xref-prev-self.pdf", small([], trailer=b"/Prev %010d " % xref_at), "the trailer's /Prev points at its own xref table")
    put("xref-into-itself.pdf", small([], startxref=lambda x, o: x + 5), "startxref points into the middle of the xref table")
    put("startxref-past-end.pdf", small([], startxref=lambda x, o: 10**12), "startxref points far past the end of the file")
    put("xref-stream-prev-self.pdf",
        xref_stream_pdf([CATALOG, PAGES, (3, b"<< /Fields [5 0 R] >>"), PAGE, FIELD], 6, plain_rows, prev_self=True),
        "a cross-reference stream whose /Prev is itself")

    # Object streams.
    def objstm_self(offsets, xref_at, size):
        rows = plain_rows(offsets, xref_at, size)
        rows[7] = (2, 7, 0)  # object 7 is compressed inside object stream 7: itself
        rows[5] = (2, 7, 1)  # the field is inside it too
        return rows
    inner = b"5 0 7 10 "
    stm = inner + b"<< /FT /Tx /T (unit) /V (x) >> [7 0 R]"
    put("objstm-self.pdf",
        xref_stream_pdf([CATALOG, PAGES, (3, b"<< /Fields [5 0 R] >>"), PAGE,
                         (7, b"<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n" % (len(inner), len(stm)) + stm + b"\nendstream")],
                        8, objstm_self),
        "an object stream that lists itself among its objects")
    data = zlib.compress(b"5 0 << /FT /Tx /T (unit) /V (x) >>")
    put("objstm-extends-self.pdf",
        xref_stream_pdf([CATALOG, PAGES, (3, b"<< /Fields [5 0 R] >>"), PAGE,
                         (7, b"<< /Type /ObjStm /N 1 /First 4 /Extends 7 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")],
                        8, lambda o, x, s: [r if i != 5 else (2, 7, 0) for i, r in enumerate(plain_rows(o, x, s))]),
        "an object stream that /Extends itself")
    put("xref-offset-past-end.pdf", small([], offsets_override={3: 9_999_999}),
        "the xref table puts the form's dictionary far past the end of the file")
    put("xref-offset-mid-token.pdf", small([], offsets_override={3: 13}),
        "the xref table puts the form's dictionary in the middle of the header")
    put("xref-stream-nested.pdf",
        xref_stream_pdf([CATALOG, PAGES, (3, b"<< /Fields [5 0 R] >>"), PAGE, FIELD, (6, b"[" * deep + b"]" * deep)], 7, plain_rows),
        f"a cross-reference stream, and an array nested {deep} deep")
    put("length-self.pdf",
        small([(6, b"<< /Length 6 0 R >>\nstream\nhello\nendstream")]),
        "a stream whose /Length is a reference to the stream itself")
    put("length-huge.pdf",
        small([(6, b"<< /Length 99999999999 >>\nstream\nhello\nendstream")]),
        "a stream whose /Length is far beyond the file")

    # Nesting.
    put("nested-arrays.pdf", small([(6, b"[" * deep + b"]" * deep)]), f"an array nested {deep} deep")
    put("nested-dicts.pdf", small([(6, b"<< /A " * deep + b">> " * deep)]), f"a dictionary nested {deep} deep")
    put("nested-strings.pdf", small([(6, b"(" * deep + b")" * deep)]), f"a string with {deep} nested parentheses")
    put("fields-nested-arrays.pdf", small([], acroform=b"<< /Fields " + b"[" * 5000 + b"5 0 R" + b"]" * 5000 + b" >>"),
        "the form's /Fields nested 5000 deep")

    # The field tree.
    put("kids-self.pdf",
        small([], acroform=b"<< /Fields [5 0 R] >>").replace(b"/T (unit) /V (x)", b"/T (unit) /Kids [5 0 R]"),
        "a field that is its own kid")
    chain = [(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>"), PAGES, (3, b"<< /Fields [10 0 R] >>"), PAGE, FIELD]
    n = 2000
    for i in range(n):
        chain.append((10 + i, b"<< /T (k%d) /Kids [%d 0 R] >>" % (i, 11 + i)))
    chain.append((10 + n, b"<< /T (leaf) /V (1) >>"))
    put("kids-deep.pdf", classic(chain), f"a field tree {n} levels deep")
    put("acroform-self.pdf", small([], acroform=b"3 0 R"), "the /AcroForm is a reference to itself")
    put("pages-loop.pdf", small([]).replace(b"/Kids [4 0 R] /Count 1", b"/Kids [2 0 R 4 0 R] /Count 2"),
        "a page tree that contains itself")
    put("refs-cycle.pdf",
        classic([(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>"), PAGES, PAGE, FIELD, (6, b"7 0 R"), (7, b"6 0 R")]),
        "the /AcroForm is a reference to a reference to itself")

    # A good return, made hostile by an update appended to it.
    acro = acroform_object(good)
    f01a = field_object(good, b"01A")
    if acro is None or f01a is None:
        fail("cannot find the AcroForm and field 01A in the good return")
    put("return-prev-self.pdf", appended(good, [(f01a, b"<< /T (01A) /V (1) >>")], prev=lambda x: x),
        "a good return whose last update's /Prev points at itself")
    put("return-kids-self.pdf", appended(good, [(f01a, b"<< /T (01A) /FT /Tx /V (1) /Kids [%d 0 R] >>" % f01a)]),
        "a good return whose field 01A is its own kid")
    put("return-fields-nested.pdf", appended(good, [(acro, b"<< /Fields " + b"[" * deep + b"]" * deep + b" >>")]),
        f"a good return whose form's /Fields is nested {deep} deep")
    put("return-value-nested.pdf", appended(good, [(f01a, b"<< /T (01A) /FT /Tx /V " + b"[" * deep + b"(1)" + b"]" * deep + b" >>")]),
        f"a good return whose 01A value is an array nested {deep} deep")
    put("return-truncated-update.pdf", appended(good, [(f01a, b"<< /T (01A) /V (1) >>")])[:-40],
        "a good return whose last update is cut off")
    emit({"files": files})


if __name__ == "__main__":
    main(sys.argv)
