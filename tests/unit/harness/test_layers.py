"""The harness's layers hold: no upward import, no cycle, and no package outside the order.

The order is written once, in ``[tool.importlinter]`` of pyproject.toml; import-linter checks it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_import_linter_finds_every_contract_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_every_harness_package_and_module_has_its_place_in_the_layers() -> None:
    layers = next(c for c in contracts() if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    harness = ROOT / "mailflow_specs"
    present = {f"mailflow_specs.{p.name}" for p in harness.iterdir() if (p / "__init__.py").is_file()}
    present |= {f"mailflow_specs.{p.stem}" for p in harness.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert present == placed, f"not in the layers: {sorted(present - placed)}; gone: {sorted(placed - present)}"
