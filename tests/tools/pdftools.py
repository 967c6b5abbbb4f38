"""Shared by the helper scripts of tests/tools/collect/ and tests/tools/forms/ (each folder's
common.py puts this folder on the path and re-exports it).

Each helper prints one JSON document on stdout. A missing tool or Python package is an
error that says what to install (exit 2), never a silent pass. The two ways a reporting unit
fills a form with a tool that is not gongwen (pypdf, and pdftk with an FDF) live here too,
so that the form tests and the collect tests fill forms the same way.
"""
import json
import shutil
import subprocess
import sys

# What to install for each tool or module (Debian package names; pip for Python packages).
INSTALL = {
    "pypdf": "python3 -m pip install 'pypdf>=5' cryptography",
    "cryptography": "python3 -m pip install cryptography (pypdf needs it for AES)",
    "openpyxl": "python3 -m pip install openpyxl",
    "pdfplumber": "python3 -m pip install pdfplumber",
    "pdftk": "apt-get install pdftk-java",
    "pdftoppm": "apt-get install poppler-utils",
    "pdftotext": "apt-get install poppler-utils",
    "fontTools": "python3 -m pip install fonttools",
    "ofd2img": "python3 -m pip install ofd2img==0.1.2 (it brings PyMuPDF and reportlab)",
    "pymupdf": "python3 -m pip install pymupdf",
    "ofdkit": "python3 -m pip install ofdkit==0.2.0",
    "PIL": "python3 -m pip install pillow",
}


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(2)


def need_module(name: str):
    """Imports a third-party module, or fails saying how to install it."""
    try:
        return __import__(name)
    except ImportError as e:
        fail(f"Python module {name} is missing ({e}): {INSTALL.get(name, 'python3 -m pip install ' + name)}")


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        fail(f"{name} not found on PATH: {INSTALL.get(name, 'install ' + name)}")
    return path


def run(argv, **kw) -> subprocess.CompletedProcess:
    """Runs a tool; a non-zero exit is an error showing its stderr."""
    need_tool(argv[0])
    done = subprocess.run(argv, capture_output=True, **kw)
    if done.returncode != 0:
        fail(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode('utf-8', 'replace')}")
    return done


def emit(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False)
    print()


def read_json_arg(arg: str):
    """A JSON argument, or @FILE for JSON in a file."""
    if arg.startswith("@"):
        with open(arg[1:], encoding="utf-8") as f:
            return json.load(f)
    return json.loads(arg)


def fill_with_pypdf(src, dst, values: dict) -> list:
    """Fills `src` into `dst` with PdfWriter(clone_from=...).update_page_form_field_values on
    every page that has the fields (auto_regenerate=False: /NeedAppearances stays off; pypdf
    still draws /AP itself from /DA and /AcroForm /DR). Returns the names found."""
    pypdf = need_module("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(src))
    found = set()
    for page in writer.pages:
        names = {a.get_object().get("/T") for a in page.get("/Annots", [])}
        here = {k: v for k, v in values.items() if k in names}
        if here:
            writer.update_page_form_field_values(page, here, auto_regenerate=False)
            found.update(here)
    with open(dst, "wb") as f:
        writer.write(f)
    return sorted(found)


def pdf_string(text: str) -> bytes:
    """A PDF hex string of UTF-16BE with a BOM."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def fdf(values: dict) -> bytes:
    """An FDF carrying `values`, its strings UTF-16BE with a byte order mark (how FDF carries
    Chinese), for `pdftk IN fill_form FDF output OUT`."""
    fields = b"".join(b"<< /T " + pdf_string(k) + b" /V " + pdf_string(v) + b" >>\n" for k, v in values.items())
    return (
        b"%FDF-1.2\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /FDF << /Fields [\n" + fields + b"] >> >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
