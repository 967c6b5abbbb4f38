#!/usr/bin/env python3
"""What a .docx says, read with python-docx and lxml (not gongwen's code).

    read_docx.py DOCX

Prints JSON: the sections' page size, margins and document grid (twips), the Normal style's
size, whether odd and even pages have their own footers and what each footer (and a first page's header) holds (text,
alignment, indents, a PAGE field, its east-Asian font and size), the font table (name,
altName, charset), every body paragraph in order (style name, the style's east-Asian font
and colour, the text, run colours, paragraph borders), the floating pictures (behind the
text or not, offsets and sizes), the tables (rows, columns, header rows, text), and the whole
text.
"""
import json
import sys

try:
    import docx
    from docx.oxml.ns import qn
except ImportError:
    sys.exit("read_docx.py needs python-docx and lxml: python3 -m pip install python-docx==1.2.0 lxml==6.1.3")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "wp": WP}


def attr(el, name):
    return None if el is None else el.get(qn(name))


def style_props(doc, style):
    """The east-Asian font, colour and size a paragraph style gives, following basedOn."""
    out = {"font": None, "color": None, "size": None}
    s = style
    while s is not None:
        rpr = s.element.find(qn("w:rPr"))
        if rpr is not None:
            f = rpr.find(qn("w:rFonts"))
            if out["font"] is None and attr(f, "w:eastAsia"):
                out["font"] = attr(f, "w:eastAsia")
            c = rpr.find(qn("w:color"))
            if out["color"] is None and attr(c, "w:val"):
                out["color"] = attr(c, "w:val")
            sz = rpr.find(qn("w:sz"))
            if out["size"] is None and attr(sz, "w:val"):
                out["size"] = int(attr(sz, "w:val")) / 2
        s = s.base_style
    return out


def run_info(r):
    rpr = r.find(qn("w:rPr"))
    info = {"text": "".join(t.text or "" for t in r.iter(qn("w:t")))}
    if rpr is not None:
        c = rpr.find(qn("w:color"))
        if c is not None:
            info["color"] = attr(c, "w:val")
        f = rpr.find(qn("w:rFonts"))
        if f is not None:
            info["font"] = attr(f, "w:eastAsia")
        s = rpr.find(qn("w:rStyle"))
        if s is not None:
            info["rstyle"] = attr(s, "w:val")
        if rpr.find(qn("w:u")) is not None:
            info["underline"] = True
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            info["size"] = int(attr(sz, "w:val")) / 2
    return info


def paragraph(doc, p):
    style = p.style
    ppr = p._p.pPr
    borders = {}
    if ppr is not None:
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is not None:
            for side in bdr:
                borders[side.tag.split("}")[1]] = {"val": attr(side, "w:val"), "color": attr(side, "w:color"), "sz": attr(side, "w:sz")}
    props = style_props(doc, style)
    return {
        "style": style.name,
        "font": props["font"],
        "color": props["color"],
        "size": props["size"],
        "text": p.text,
        "runs": [run_info(r) for r in p._p.iter(qn("w:r"))],
        "borders": borders,
        "page_break_before": bool(p.paragraph_format.page_break_before) or bool(style.paragraph_format.page_break_before),
    }


def footer_info(doc, footer):
    ps = footer.paragraphs
    if not ps:
        return None
    p = ps[0]
    xml = p._p
    instr = "".join(t.text or "" for t in xml.iter(qn("w:instrText")))
    ind = xml.find(".//w:ind", NS)
    jc = xml.find(".//w:jc", NS)
    props = style_props(doc, p.style)
    bottom = xml.find("w:pPr/w:pBdr/w:bottom", NS)
    return {
        "text": p.text,
        "style": p.style.name,
        "color": props["color"],
        "border_bottom": attr(bottom, "w:val"),
        "jc": attr(jc, "w:val"),
        "left": attr(ind, "w:left"),
        "right": attr(ind, "w:right"),
        "page_field": "PAGE" in instr,
        "font": props["font"],
        "size": props["size"],
    }


def main(path):
    doc = docx.Document(path)
    body = doc.element.body
    sections = []
    for s in doc.sections:
        grid = s._sectPr.find(qn("w:docGrid"))
        # Twips as written (python-docx's lengths are EMUs, rounded on the way back).
        size = s._sectPr.find(qn("w:pgSz"))
        mar = s._sectPr.find(qn("w:pgMar"))
        tw = lambda el, name: None if el is None or attr(el, name) is None else int(attr(el, name))
        sections.append({
            "width": tw(size, "w:w"),
            "height": tw(size, "w:h"),
            "top": tw(mar, "w:top"),
            "bottom": tw(mar, "w:bottom"),
            "left": tw(mar, "w:left"),
            "right": tw(mar, "w:right"),
            "orientation": str(s.orientation),
            "grid": {"type": attr(grid, "w:type"), "linePitch": attr(grid, "w:linePitch"), "charSpace": attr(grid, "w:charSpace")},
            "odd_footer": footer_info(doc, s.footer),
            "even_footer": footer_info(doc, s.even_page_footer),
            "first_footer": footer_info(doc, s.first_page_footer) if s.different_first_page_header_footer else None,
            "first_header": footer_info(doc, s.first_page_header) if s.different_first_page_header_footer else None,
            "title_page": s.different_first_page_header_footer,
        })
    normal = doc.styles["Normal"]
    fonts = []
    for part in doc.part.package.parts:
        if str(part.partname) == "/word/fontTable.xml":
            from lxml import etree
            root = etree.fromstring(part.blob)
            for f in root.findall("w:font", NS):
                alt = f.find("w:altName", NS)
                cs = f.find("w:charset", NS)
                fonts.append({
                    "name": f.get(qn("w:name")),
                    "altName": None if alt is None else alt.get(qn("w:val")),
                    "charset": None if cs is None else cs.get(qn("w:val")),
                })
    paragraphs = [paragraph(doc, p) for p in doc.paragraphs]
    images = []
    for a in body.iter("{%s}anchor" % WP):
        ext = a.find("wp:extent", NS)
        pos = a.find("wp:positionH/wp:posOffset", NS)
        posv = a.find("wp:positionV/wp:posOffset", NS)
        images.append({
            "behind": a.get("behindDoc") == "1",
            "wrap_none": a.find("wp:wrapNone", NS) is not None,
            "width_mm": int(ext.get("cx")) / 36000,
            "height_mm": int(ext.get("cy")) / 36000,
            "x_mm": int(pos.text) / 36000 if pos is not None else None,
            "y_mm": int(posv.text) / 36000 if posv is not None else None,
        })
    tables = []
    for t in doc.tables:
        header_rows = sum(1 for tr in t._tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None)
        floating = t._tbl.tblPr.find(qn("w:tblpPr")) is not None
        tables.append({
            "rows": len(t.rows),
            "columns": len(t.columns),
            "header_rows": header_rows,
            "floating": floating,
            "text": ["".join(c.text for c in row.cells) for row in t.rows],
            "styles": sorted({p.style.name for row in t.rows for c in row.cells for p in c.paragraphs}),
        })
    text = "\n".join(t.text or "" for t in body.iter(qn("w:t")))
    print(json.dumps({
        "sections": sections,
        "normal_size": normal.font.size.pt if normal.font.size else None,
        "even_and_odd": doc.settings.odd_and_even_pages_header_footer,
        "fonts": fonts,
        "paragraphs": paragraphs,
        "images": images,
        "tables": tables,
        "text": text,
        "core": {"title": doc.core_properties.title, "author": doc.core_properties.author},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
