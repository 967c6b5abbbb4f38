"""Shared by the OFD helpers (tests/tools/ofd/*.py): tests/tools/pdftools.py, re-exported."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pdftools import *  # noqa: E402,F401,F403
