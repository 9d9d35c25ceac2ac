"""The reference pages build as a site with no broken link, every page in its navigation, and the
README's links into docs/ and to its own sections all lead somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_build_strictly(tmp_path: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    built = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "site" / "reference-app" / "index.html").is_file()


def test_the_readmes_own_links_lead_somewhere() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    anchors = {_anchor(title) for title in re.findall(r"^#{2,3} (.+)$", readme, re.M)}
    for target in re.findall(r"\]\(([^)\s]+)\)", readme):
        if target.startswith("http"):
            continue
        if target.startswith("#"):
            assert target[1:] in anchors, f"no section for the link {target}"
        else:
            assert (ROOT / target.split("#")[0]).exists(), f"no file for the link {target}"


def _anchor(title: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation gone, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")
