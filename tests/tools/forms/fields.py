#!/usr/bin/env python3
"""A PDF's form as pypdf reads it.

    fields.py PDF

Prints JSON:
  pypdf: pypdf's version
  get_fields: {name: value or null} from PdfReader.get_fields() (null if it returns None)
  need_appearances: /AcroForm /NeedAppearances (null if absent or no /AcroForm)
  acroform: null, or {"da": /DA, "fonts": {resource name: FONT}} for /AcroForm /DR /Font,
    FONT = {"subtype", "base_font", "encoding", "to_unicode" (bytes of the decoded stream),
            "descendant": {"subtype", "font_file" ("FontFile"/"FontFile2"/"FontFile3"/null),
                           "font_file_subtype", "font_file_bytes"} or null}
  pages: [{"mediabox": [x1, y1, x2, y2], "tabs": /Tabs or null, "annots": [WIDGET, ...]}]
    in each page's /Annots order, WIDGET = {"name" (/T), "ft", "rect", "q", "tu", "ff",
    "opt", "da", "v", "keystroke_js", "ap_n_bytes" (length of the decoded /AP /N stream or null)}
"""
import sys

from common import emit, fail, need_module


def s(obj):
    """A PDF object as JSON-able plain data (names keep their slash)."""
    if obj is None:
        return None
    obj = obj.get_object() if hasattr(obj, "get_object") else obj
    if isinstance(obj, (list, tuple)):
        return [s(o) for o in obj]
    if isinstance(obj, (int, float)):
        return float(obj) if isinstance(obj, float) else int(obj)
    return str(obj)


def font_info(font):
    font = font.get_object()
    info = {
        "subtype": s(font.get("/Subtype")),
        "base_font": s(font.get("/BaseFont")),
        "encoding": s(font.get("/Encoding")),
        "to_unicode": len(font["/ToUnicode"].get_object().get_data()) if "/ToUnicode" in font else None,
        "descendant": None,
    }
    descendants = font.get("/DescendantFonts")
    if descendants:
        d = descendants.get_object()[0].get_object()
        desc = d.get("/FontDescriptor")
        desc = desc.get_object() if desc is not None else {}
        key = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in desc), None)
        stream = desc[key].get_object() if key else None
        info["descendant"] = {
            "subtype": s(d.get("/Subtype")),
            "font_file": key[1:] if key else None,
            "font_file_subtype": s(stream.get("/Subtype")) if stream is not None else None,
            "font_file_bytes": len(stream.get_data()) if stream is not None else None,
        }
    return info


def widget_info(a):
    a = a.get_object()
    aa = a.get("/AA")
    js = None
    if aa is not None:
        k = aa.get_object().get("/K")
        if k is not None:
            js = s(k.get_object().get("/JS"))
    ap = a.get("/AP")
    ap_n = None
    if ap is not None and "/N" in ap.get_object():
        n = ap.get_object()["/N"].get_object()
        ap_n = len(n.get_data()) if hasattr(n, "get_data") else None
    ff = a.get("/Ff")
    return {
        "name": s(a.get("/T")),
        "ft": s(a.get("/FT")),
        "rect": [float(v) for v in a["/Rect"]],
        "q": s(a.get("/Q")),
        "tu": s(a.get("/TU")),
        "ff": int(ff) if ff is not None else None,
        "opt": s(a.get("/Opt")),
        "da": s(a.get("/DA")),
        "v": s(a.get("/V")),
        "keystroke_js": js,
        "ap_n_bytes": ap_n,
    }


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    pypdf = need_module("pypdf")
    reader = pypdf.PdfReader(argv[1])
    fields = reader.get_fields()
    root = reader.trailer["/Root"].get_object()
    form = root.get("/AcroForm")
    acroform = None
    need_appearances = None
    if form is not None:
        form = form.get_object()
        need_appearances = bool(form["/NeedAppearances"]) if "/NeedAppearances" in form else None
        dr = form.get("/DR")
        fonts = dr.get_object().get("/Font") if dr is not None else None
        acroform = {
            "da": s(form.get("/DA")),
            "fonts": {str(k)[1:]: font_info(v) for k, v in fonts.get_object().items()} if fonts is not None else {},
        }
    pages = []
    for page in reader.pages:
        annots = page.get("/Annots")
        widgets = [a for a in (annots.get_object() if annots is not None else []) if a.get_object().get("/Subtype") == "/Widget"]
        pages.append({
            "mediabox": [float(v) for v in page.mediabox],
            "tabs": s(page.get("/Tabs")),
            "annots": [widget_info(a) for a in widgets],
        })
    emit({
        "pypdf": pypdf.__version__,
        "get_fields": None if fields is None else {k: s(v.get("/V")) for k, v in fields.items()},
        "need_appearances": need_appearances,
        "acroform": acroform,
        "pages": pages,
    })


if __name__ == "__main__":
    main(sys.argv)
