#!/usr/bin/env python3
"""Opens a .docx in LibreOffice Writer, has it print the document to PDF, and reads the pages.

    render.py DOCX OUTDIR

LibreOffice runs headless with a profile of its own in a fresh temporary folder (so parallel
runs never share one) and FONTCONFIG_FILE=tests/tools/docx/fonts.conf, which gives it the
project's fonts under the office fonts' names. The PDF (OUTDIR/NAME.pdf) is read with
pdfplumber and poppler's pdffonts.

Prints JSON: {"pdf": path, "fonts": [font names], "pages": [{"rows": [{"top", "x0", "x1",
"size", "text"}], "body_rows": rows of 3号 text inside the type block, "number": the page
number's row below the block or null}]}. Lengths in points from the page's top left.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import pdfplumber
except ImportError:
    sys.exit("render.py needs pdfplumber: python3 -m pip install pdfplumber")

MM = 72 / 25.4
HERE = os.path.dirname(os.path.abspath(__file__))


def convert(docx, outdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("render.py needs LibreOffice Writer: apt-get install libreoffice-writer-nogui")
    profile = tempfile.mkdtemp(prefix="gongwen-lo-")
    env = dict(os.environ, FONTCONFIG_FILE=os.path.join(HERE, "fonts.conf"), HOME=profile)
    try:
        run = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir, docx],
            env=env, capture_output=True, text=True, timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + ".pdf")
    if run.returncode != 0 or not os.path.exists(pdf):
        sys.exit(f"soffice could not convert {docx}: {run.returncode}\n{run.stdout}\n{run.stderr}")
    return pdf


def rows_of(page):
    rows = []
    for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
        if c["text"].strip() == "":
            continue
        for r in rows:
            if abs(r["top"] - c["top"]) < 2.5 and abs(r["size"] - c["size"]) < 3:
                r["chars"].append(c)
                break
        else:
            rows.append({"top": c["top"], "size": c["size"], "chars": [c]})
    out = []
    for r in sorted(rows, key=lambda r: r["top"]):
        cs = sorted(r["chars"], key=lambda c: c["x0"])
        sizes = sorted(c["size"] for c in cs)
        out.append({
            "top": round(r["top"], 2),
            "bottom": round(max(c["bottom"] for c in cs), 2),
            "x0": round(cs[0]["x0"], 2),
            "x1": round(cs[-1]["x1"], 2),
            "size": round(sizes[len(sizes) // 2], 2),
            "text": "".join(c["text"] for c in cs),
            "count": len(cs),
        })
    return out


def main(docx, outdir):
    pdf = convert(docx, outdir)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
    names = sorted({line.split()[0].split("+")[-1] for line in fonts if line.strip()})
    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            rows = rows_of(page)
            top, bottom = 37 * MM - 6, page.height - 35 * MM + 4
            if page.width > page.height:
                top, bottom = 28 * MM - 6, page.height - 26 * MM + 4
            body = [r for r in rows if top <= r["top"] and r["bottom"] <= bottom and abs(r["size"] - 16) < 0.6]
            below = [r for r in rows if r["top"] > bottom - 4 and "—" in r["text"]]
            pages.append({
                "width": page.width,
                "height": page.height,
                "rows": rows,
                "body_rows": len(body),
                "number": below[-1] if below else None,
            })
    print(json.dumps({"pdf": pdf, "fonts": names, "pages": pages}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
