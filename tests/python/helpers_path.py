"""Put skills/python on sys.path so tests import the helper modules the way
the Pyodide runner does (as top-level modules)."""

import os
import sys

HELPERS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "skills", "python")
if HELPERS_DIR not in sys.path:
    sys.path.insert(0, HELPERS_DIR)
