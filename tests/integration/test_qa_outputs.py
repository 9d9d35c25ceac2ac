"""What QA tools read from a run: Allure results (``--allure DIR``) and Cucumber Messages (``--messages FILE``).

One run of two instructions writes both; the Allure result files are checked against the
fields Allure's result format requires, and every line of the NDJSON is parsed into the
``cucumber-messages`` package's ``Envelope`` model.
"""

import json
import subprocess
import sys
from pathlib import Path

import cucumber_messages as cm
import pytest

ROOT = Path(__file__).resolve().parents[2]
TAGS = "@REG-10 or @REG-12"  # two scenarios, five instruction IDs between them
ALLURE_STATUSES = {"passed", "failed", "broken", "skipped"}

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module", params=["1", "2"], ids=["one-process", "two-workers"])
def outputs(request, tmp_path_factory) -> dict[str, Path]:
    """One process, or two workers whose Allure results share the folder and whose streams are joined."""
    folder = tmp_path_factory.mktemp("qa-outputs")
    done = subprocess.run([sys.executable, "-m", "mailflow_specs", "run", "--tags", TAGS,
                           "--reports", str(folder / "reports"),
                           "--workers", request.param,
                           "--allure", str(folder / "allure"), "--messages", str(folder / "run.ndjson")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    return {"allure": folder / "allure", "messages": folder / "run.ndjson"}


def test_allure_has_one_valid_result_per_scenario_with_its_steps_and_instruction_tags(outputs) -> None:
    results = [json.loads(f.read_text(encoding="utf-8")) for f in outputs["allure"].glob("*-result.json")]
    assert len(results) == 2, [r.get("name") for r in results]
    for result in results:
        assert {"uuid", "historyId", "name", "fullName", "status", "start", "stop", "labels", "steps"} <= set(result)
        assert result["status"] in ALLURE_STATUSES and result["start"] <= result["stop"]
        assert all(set(label) == {"name", "value"} for label in result["labels"])
        assert result["steps"] and all(step["name"] and step["status"] in ALLURE_STATUSES and "start" in step
                                       for step in result["steps"])
    tags = {label["value"] for r in results for label in r["labels"] if label["name"] == "tag"}
    assert {"REG-10", "REG-12"} <= tags
    assert {r["name"] for r in results} == {"Creating the profile announces the confirmation letter",
                                             "The success window leads to the shopper's mailbox"}
    assert {r["status"] for r in results} == {"passed"}


def test_every_messages_line_is_a_cucumber_envelope_and_the_run_is_told_in_order(outputs) -> None:
    lines = outputs["messages"].read_text(encoding="utf-8").splitlines()
    envelopes = [cm.message_converter.from_dict(json.loads(line), cm.Envelope) for line in lines]
    assert [cm.message_converter.to_dict(e) for e in envelopes] == [json.loads(line) for line in lines]
    kinds = [next(iter(json.loads(line))) for line in lines]
    assert kinds[0] == "meta" and kinds[-1] == "testRunFinished"
    assert kinds.count("meta") == kinds.count("testRunStarted") == kinds.count("gherkinDocument") == 1
    assert kinds.index("gherkinDocument") < kinds.index("testRunStarted") < kinds.index("testCase")
    assert kinds.count("testCase") == kinds.count("testCaseStarted") == kinds.count("testCaseFinished") == 2
    assert envelopes[-1].test_run_finished.success is True
    passed = [e.test_step_finished.test_step_result.status for e in envelopes if e.test_step_finished]
    assert passed and set(passed) == {cm.TestStepResultStatus.passed}
