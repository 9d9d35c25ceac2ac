"""``make ci-local`` runs the CI workflow's steps here: one Mailpit as the service, shards at once, the merge.

The test runs the script the make target runs (``.ci/specification local 2``) on two
instructions, with this interpreter, so it needs no virtual environment of its own.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAGS = "@REG-10 or @REG-12"  # one scenario per shard

pytestmark = pytest.mark.integration


def test_make_ci_local_runs_the_specification_script_with_the_shard_count() -> None:
    done = subprocess.run(["make", "-n", "ci-local", "SHARDS=3"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert ".ci/specification local 3" in done.stdout, done.stdout + done.stderr


def test_the_workflow_calls_the_same_steps_of_the_same_script() -> None:
    workflow = (ROOT / ".github" / "workflows" / "specification.yml").read_text(encoding="utf-8")
    assert ".ci/specification shard ${{ matrix.shard }}" in workflow
    assert ".ci/specification merge" in workflow
    assert workflow.index("jobs:\n  shard:") < workflow.index("\n  merge:\n    needs: shard")


def test_ci_local_shards_share_one_mailpit_and_merge_into_one_report(tmp_path: Path) -> None:
    out = tmp_path / "ci"
    env = {**os.environ, "OUT": str(out), "PY": sys.executable, "TAGS": TAGS}
    env.pop("MAILPIT_URL", None)
    started = time.monotonic()
    done = subprocess.run([str(ROOT / ".ci" / "specification"), "local", "2"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    assert "shard 1/2: exit 0" in done.stdout and "shard 2/2: exit 0" in done.stdout
    assert took < 90, f"ci-local took {took:.0f}s"

    merged = (out / "runs" / "merged" / "latest").resolve()
    table = json.loads((merged / "traceability.json").read_text(encoding="utf-8"))
    assert table["REG-10"]["status"] == table["REG-12"]["status"] == "passed"
    assert list((merged / "junit").glob("*.xml")), "no merged JUnit"

    mail = {json.loads((out / "runs" / f"shard-{i}" / "latest" / "artifacts" / "run-info.json").read_text())["mail"]
            for i in (1, 2)}
    assert len(mail) == 1, f"the shards used different mail catchers: {mail}"
    url = next(iter(mail)).rpartition(" at ")[2]
    assert url in done.stdout  # the one the script started, as the service container would be
