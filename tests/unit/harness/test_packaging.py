"""The distribution's package list (pyproject.toml [tool.setuptools]) is the tree's: every folder
of the harness, the reference app and the webmail, and the specification's own folders."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SPECIFICATION = {"features", "steps", "fixtures", "fixtures/targets"}


def test_every_folder_of_the_kit_is_a_package_of_the_distribution() -> None:
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = set()
    for top in ("mailflow_specs", "reference_app", "webmail"):
        for folder, children, _files in os.walk(ROOT / top):
            children[:] = [c for c in children if c != "__pycache__"]
            on_disk.add(Path(folder).relative_to(ROOT).as_posix().replace("/", "."))
    on_disk |= {"mailflow_specs.specification"} | {f"mailflow_specs.specification.{f.replace('/', '.')}"
                                                     for f in SPECIFICATION}
    assert declared == on_disk, f"missing: {sorted(on_disk - declared)}; not in the tree: {sorted(declared - on_disk)}"
