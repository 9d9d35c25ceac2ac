"""Where the project's files are, decided in this one module.

The specification (``features/``, ``steps/``, ``environment.py``) and its data
(``fixtures/``: target profiles, personas, phrases, the catalogue of instructions) live
in the checkout; an installed distribution carries the same files as the package
``mailflow_specs.specification``. ``MAILFLOW_HOME`` points at another folder laid out the same way.
Reports and downloaded tools go beside the checkout, or, when installed, to the
current folder (``reports/``) and the user's cache.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def _spec_root() -> Path:
    if os.environ.get("MAILFLOW_HOME"):
        return Path(os.environ["MAILFLOW_HOME"]).resolve()
    if (CHECKOUT / "environment.py").is_file() and (CHECKOUT / "features").is_dir():
        return CHECKOUT
    installed = importlib.util.find_spec("mailflow_specs.specification")
    if installed is not None and installed.submodule_search_locations:
        return Path(next(iter(installed.submodule_search_locations))).resolve()
    return CHECKOUT


ROOT = _spec_root()
IN_CHECKOUT = ROOT == CHECKOUT

FEATURES = ROOT / "features"
FIXTURES = ROOT / "fixtures"
TARGETS_DIR = FIXTURES / "targets"
PERSONAS_FILE = FIXTURES / "personas.toml"
CATALOGUE = FIXTURES / "instructions.toml"

REPORTS = ROOT / "reports" if IN_CHECKOUT else Path.cwd() / "reports"
_USER_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mailflow"
CACHE_BIN = (ROOT / ".cache" if IN_CHECKOUT else _USER_CACHE) / "bin"
REPORT_ASSETS = PACKAGE / "report" / "assets"


def slug(text: str) -> str:
    """A file-name part from any text: letters and digits, the rest one hyphen."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:80]
