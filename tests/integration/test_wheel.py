"""The kit as others install it: the wheel holds the harness, the reference app, the webmail and
the specification itself, builds without a packaging warning, and, installed in a fresh virtual
environment, runs `mailflow run --tags @REG-10` from an empty folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    log = built.stdout + built.stderr
    warnings = [line for line in log.splitlines() if "warning" in line.lower() and "byte-compiling" not in line]
    assert not warnings, "\n".join(warnings)
    return next(out.glob("mailflow_specs-*.whl"))


def test_the_wheel_holds_the_kit_and_the_specification_and_no_setup_script(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"mailflow_specs", "reference_app", "webmail"}, tops
    assert "mailflow_specs/specification/environment.py" in names
    assert "mailflow_specs/specification/features/registration.feature" in names
    assert "mailflow_specs/specification/steps/registration_steps.py" in names
    assert "mailflow_specs/specification/fixtures/targets/reference.toml" in names
    assert "reference_app/texts/pl.toml" in names and "mailflow_specs/report/assets/report.js" in names
    assert not [name for name in names if name.endswith("setup.py")]


@pytest.mark.timeout(900)
def test_the_installed_kit_runs_one_instruction_from_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)],
                               capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    # Mailpit from the PATH (the checkout's set-up built it), as the README says an installed kit finds it.
    env = {**os.environ, "PATH": f"{ROOT / '.cache' / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([str(environment / "bin" / "mailflow"), "run", "--tags", "@REG-10"],
                          cwd=empty, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    table = json.loads(((empty / "reports" / "latest").resolve() / "traceability.json").read_text())
    assert table["REG-10"]["status"] == "passed"
    version = subprocess.run([str(environment / "bin" / "mailflow"), "--version"], cwd=empty, env=env,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip().endswith("0.1.0"), version.stdout + version.stderr
