#!/usr/bin/env python3
"""An OFD package (GB/T 33190-2016) as Python's zipfile, ElementTree and fontTools read it.

    package.py OFD

Prints one JSON document:

  "parts":    every file name in the zip, in order
  "problems": what is wrong with the package, each a sentence (empty when it is sound):
              a part that is not well-formed XML, a missing root element, namespace or
              referenced file, an ID that is not an integer, repeated, or above MaxUnitID,
              a reference (Font, ResourceID, PageRef) to no such ID
  "info":     DocInfo: {"DocID", "Title", "Author", "CreationDate", "Creator", "Keywords"}
  "max_unit_id", "ids": MaxUnitID and how many IDs the package declares
  "pages":    for each page (in Document.xml's order): {"width", "height" (mm, PhysicalBox),
              "codes" (the text of each TextCode, in the page's order), "objects" {kind: count}}
  "fonts":    for each Font of PublicRes.xml: {"id", "name", "family", "file", "bytes",
              "outlines" ("glyf" or "CFF "), "tables" (sorted), "unicode_cmap" (bool),
              "glyphs" (count), "ps_name" (name ID 6), "chars_checked", "mismatches"
              (up to 10: a character of a TextCode whose cmap glyph is not the one its
              CGTransform gives), "unchecked" (characters of transforms that are not one to one)}
  "tags":     the CustomTags files' fields: {field: text of its objects, in order}, each field
              named by its path in the tag file ("版头/发文字号"); "tag_problems" lists
              ObjectRefs to no object of their page
"""
import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from posixpath import dirname, join, normpath

from common import emit, fail, need_module

OFD = "http://www.ofdspec.org/2016"
NS = {"ofd": OFD}


def q(name):
    return f"{{{OFD}}}{name}"


def local(tag):
    return tag.rsplit("}", 1)[-1]


class Package:
    def __init__(self, path):
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            fail(f"{path} is not a zip: {e}")
        self.names = self.zip.namelist()
        self.problems = []
        self.trees = {}

    def xml(self, name):
        if name in self.trees:
            return self.trees[name]
        if name not in self.names:
            self.problems.append(f"{name} is referenced but not in the package")
            self.trees[name] = None
            return None
        try:
            root = ET.fromstring(self.zip.read(name))
        except ET.ParseError as e:
            self.problems.append(f"{name} is not well-formed XML: {e}")
            root = None
        self.trees[name] = root
        return root

    def data(self, name):
        if name not in self.names:
            self.problems.append(f"{name} is referenced but not in the package")
            return None
        return self.zip.read(name)


def resolve(base_file, loc, base_loc=""):
    """A location (ST_Loc) relative to the file that names it (and its BaseLoc)."""
    if loc.startswith("/"):
        return normpath(loc.lstrip("/"))
    return normpath(join(dirname(base_file), base_loc, loc))


def numbers(s):
    return [float(v) for v in s.split()]


def main(argv):
    if len(argv) != 2:
        fail(__doc__)
    need_module("fontTools")
    from fontTools import ttLib
    pkg = Package(argv[1])
    out = {"parts": pkg.names}

    # Every XML part well formed, in the OFD namespace.
    for name in pkg.names:
        if name.endswith(".xml"):
            root = pkg.xml(name)
            if root is not None and not name.endswith("CustomTag.xml") and not root.tag.startswith(f"{{{OFD}}}"):
                pkg.problems.append(f"{name}: root {root.tag} is not in the OFD namespace")

    entry = pkg.xml("OFD.xml")
    if entry is None:
        pkg.problems.append("no OFD.xml")
        out["problems"] = pkg.problems
        emit(out)
        return
    if local(entry.tag) != "OFD" or entry.get("DocType") != "OFD" or not entry.get("Version"):
        pkg.problems.append("OFD.xml: the root must be ofd:OFD with Version and DocType=OFD")
    info = entry.find("ofd:DocBody/ofd:DocInfo", NS)
    out["info"] = {}
    if info is None:
        pkg.problems.append("OFD.xml: no DocBody/DocInfo")
    else:
        for key in ("DocID", "Title", "Author", "CreationDate", "Creator", "CreatorVersion"):
            el = info.find(f"ofd:{key}", NS)
            out["info"][key] = el.text if el is not None else None
        out["info"]["Keywords"] = [k.text for k in info.findall("ofd:Keywords/ofd:Keyword", NS)]
        if not re.fullmatch(r"[0-9a-fA-F]{32}", out["info"].get("DocID") or ""):
            pkg.problems.append(f"DocID {out['info'].get('DocID')!r} is not 32 hexadecimal digits")
    root_el = entry.find("ofd:DocBody/ofd:DocRoot", NS)
    if root_el is None:
        pkg.problems.append("OFD.xml: no DocRoot")
        out["problems"] = pkg.problems
        emit(out)
        return
    doc_name = resolve("OFD.xml", root_el.text)
    doc = pkg.xml(doc_name)
    if doc is None:
        out["problems"] = pkg.problems
        emit(out)
        return

    common = doc.find("ofd:CommonData", NS)
    max_id = int(common.findtext("ofd:MaxUnitID", "0", NS))
    out["max_unit_id"] = max_id
    default_box = common.findtext("ofd:PageArea/ofd:PhysicalBox", None, NS)

    # IDs: every ID attribute in the document's parts (CustomTag files name their own).
    ids = {}

    def declare(name, el):
        value = el.get("ID")
        if value is None:
            return
        if not value.isdigit() or int(value) < 1:
            pkg.problems.append(f"{name}: ID {value!r} of {local(el.tag)} is not a positive integer")
            return
        n = int(value)
        if n in ids:
            pkg.problems.append(f"{name}: ID {n} of {local(el.tag)} is used twice (also {ids[n][1]} in {ids[n][0]})")
        if n > max_id:
            pkg.problems.append(f"{name}: ID {n} of {local(el.tag)} is above MaxUnitID {max_id}")
        ids[n] = (name, local(el.tag))

    # Resources: fonts (PublicRes) and multimedia (DocumentRes).
    fonts = {}
    media = {}
    for kind in ("PublicRes", "DocumentRes"):
        for el in common.findall(f"ofd:{kind}", NS):
            res_name = resolve(doc_name, el.text)
            res = pkg.xml(res_name)
            if res is None:
                continue
            base = res.get("BaseLoc", "")
            for e in res.iter():
                declare(res_name, e)
            for font in res.findall("ofd:Fonts/ofd:Font", NS):
                file = font.findtext("ofd:FontFile", None, NS)
                fonts[int(font.get("ID"))] = {
                    "id": int(font.get("ID")),
                    "name": font.get("FontName"),
                    "family": font.get("FamilyName"),
                    "file": resolve(res_name, file, base) if file else None,
                }
            for m in res.findall("ofd:MultiMedias/ofd:MultiMedia", NS):
                media[int(m.get("ID"))] = resolve(res_name, m.findtext("ofd:MediaFile", "", NS), base)
    for path in media.values():
        pkg.data(path)

    # Pages.
    pages = []
    objects = {}  # page ID -> {object ID: element}
    text_uses = defaultdict(list)  # font ID -> [(TextObject)]
    for page_el in doc.findall("ofd:Pages/ofd:Page", NS):
        declare(doc_name, page_el)
        name = resolve(doc_name, page_el.get("BaseLoc"))
        page = pkg.xml(name)
        if page is None:
            continue
        box = page.findtext("ofd:Area/ofd:PhysicalBox", default_box, NS)
        _, _, width, height = numbers(box)
        objs = {}
        kinds = Counter()
        for e in page.iter():
            declare(name, e)
            tag = local(e.tag)
            if tag in ("TextObject", "PathObject", "ImageObject"):
                objs[int(e.get("ID"))] = e
                kinds[tag] += 1
            if tag == "TextObject":
                font = int(e.get("Font"))
                if font not in fonts:
                    pkg.problems.append(f"{name}: TextObject {e.get('ID')} uses font {font}, which PublicRes does not declare")
                text_uses[font].append(e)
                for code in e.findall("ofd:TextCode", NS):
                    if "\n" in (code.text or "") or "\r" in (code.text or ""):
                        pkg.problems.append(f"{name}: TextObject {e.get('ID')} has a line break in its TextCode")
            if tag == "ImageObject" and int(e.get("ResourceID")) not in media:
                pkg.problems.append(f"{name}: ImageObject {e.get('ID')} shows resource {e.get('ResourceID')}, which DocumentRes does not declare")
        objects[int(page_el.get("ID"))] = objs
        codes = [c.text or "" for c in page.iter(q("TextCode"))]
        pages.append({"width": width, "height": height, "codes": codes, "objects": dict(kinds)})
    out["pages"] = pages
    out["ids"] = len(ids)

    # Fonts: loaded by fontTools, their cmap against every TextCode that uses them.
    out["fonts"] = []
    for fid, font in sorted(fonts.items()):
        data = pkg.data(font["file"]) if font["file"] else None
        if data is None:
            pkg.problems.append(f"font {fid} ({font['name']}) has no font file")
            continue
        try:
            tt = ttLib.TTFont(io.BytesIO(data))
        except Exception as e:  # noqa: BLE001: any failure to load is the finding
            pkg.problems.append(f"fontTools cannot load {font['file']}: {e}")
            continue
        tables = sorted(tt.keys())
        cmap = tt["cmap"].getBestCmap() if "cmap" in tt else None
        unicode_cmap = "cmap" in tt and any(t.isUnicode() for t in tt["cmap"].tables)
        order = tt.getGlyphOrder()
        checked, mismatches, unchecked = 0, [], 0
        for e in text_uses.get(fid, []):
            transforms = e.findall("ofd:CGTransform", NS)
            code = e.find("ofd:TextCode", NS)
            text = code.text or ""
            units = text.encode("utf-16-le")
            for t in transforms:
                pos, count, gcount = int(t.get("CodePosition")), int(t.get("CodeCount", "1")), int(t.get("GlyphCount", "1"))
                glyphs = [int(g) for g in (t.findtext("ofd:Glyphs", "", NS) or "").split()]
                if len(glyphs) != gcount:
                    pkg.problems.append(f"TextObject {e.get('ID')}: GlyphCount {gcount} but {len(glyphs)} glyphs")
                chars = units[2 * pos: 2 * (pos + count)].decode("utf-16-le", "replace")
                if any(g >= len(order) for g in glyphs):
                    pkg.problems.append(f"TextObject {e.get('ID')}: glyph {max(glyphs)} is not in {font['file']} ({len(order)} glyphs)")
                    continue
                if len(chars) != len(glyphs):
                    unchecked += len(chars)
                    continue
                for c, g in zip(chars, glyphs):
                    checked += 1
                    mapped = cmap.get(ord(c)) if cmap else None
                    if mapped != order[g] and len(mismatches) < 10:
                        mismatches.append({"char": c, "cmap": mapped, "cgtransform": order[g], "object": e.get("ID")})
            covered = sum(int(t.get("CodeCount", "1")) for t in transforms)
            if covered != len(units) // 2:
                pkg.problems.append(f"TextObject {e.get('ID')}: its CGTransforms cover {covered} of {len(units) // 2} code units")
        name_table = tt["name"] if "name" in tt else None
        out["fonts"].append({
            **font,
            "bytes": len(data),
            "outlines": "glyf" if "glyf" in tt else ("CFF " if "CFF " in tt else None),
            "tables": tables,
            "unicode_cmap": unicode_cmap,
            "glyphs": len(order),
            "ps_name": name_table.getDebugName(6) if name_table else None,
            "chars_checked": checked,
            "mismatches": mismatches,
            "unchecked": unchecked,
        })

    # The 电子公文 fields.
    out["tags"], out["tag_problems"] = {}, []
    tags_loc = doc.findtext("ofd:CustomTags", None, NS)
    if tags_loc:
        index_name = resolve(doc_name, tags_loc)
        index = pkg.xml(index_name)
        for tag in (index.findall("ofd:CustomTag", NS) if index is not None else []):
            if not tag.get("NameSpace"):
                pkg.problems.append(f"{index_name}: a CustomTag without NameSpace")
            file = resolve(index_name, tag.findtext("ofd:FileLoc", "", NS))
            tags = pkg.xml(file)
            if tags is not None:
                collect_tags(tags, [], objects, out)
    out["problems"] = pkg.problems
    emit(out)


def collect_tags(el, path, objects, out):
    """Each element holding ObjectRefs becomes a field; its text is its objects' text."""
    refs = el.findall("ofd:ObjectRef", NS)
    here = path + [local(el.tag)]
    if refs:
        texts = []
        for ref in refs:
            page, oid = int(ref.get("PageRef")), int(ref.text)
            obj = objects.get(page, {}).get(oid)
            if obj is None:
                out["tag_problems"].append(f"{'/'.join(here)}: ObjectRef {oid} on page {page} is no object of that page")
                continue
            texts.append("".join(c.text or "" for c in obj.findall("ofd:TextCode", NS)))
        out["tags"]["/".join(here[1:])] = "".join(texts)
    for child in el:
        if local(child.tag) != "ObjectRef":
            collect_tags(child, here, objects, out)


if __name__ == "__main__":
    main(sys.argv)
