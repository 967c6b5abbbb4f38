"""Shared by the collect helpers (tests/tools/collect/*.py), which tests/collect.rs runs.

Each helper prints one JSON document on stdout. A missing tool or Python package is an
error that says what to install (exit 2), never a silent pass.
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
    "pdftk": "apt-get install pdftk-java",
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


def run(argv) -> subprocess.CompletedProcess:
    """Runs a tool; a non-zero exit is an error showing its stderr."""
    need_tool(argv[0])
    done = subprocess.run(argv, capture_output=True)
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
