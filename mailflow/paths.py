"""Where the project's files are, decided in this one module.

The harness reads its data (target profiles, personas, the catalogue of instructions)
from ``fixtures/`` and writes reports and caches beside it. Run from a checkout, that
is the checkout; ``MAILFLOW_HOME`` points elsewhere (a folder holding ``fixtures/``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("MAILFLOW_HOME") or PACKAGE.parent)

FIXTURES = ROOT / "fixtures"
TARGETS_DIR = FIXTURES / "targets"
PERSONAS_FILE = FIXTURES / "personas.toml"
CATALOGUE = FIXTURES / "instructions.toml"

REPORTS = ROOT / "reports"
CACHE_BIN = ROOT / ".cache" / "bin"
REPORT_ASSETS = PACKAGE / "report" / "assets"
