"""Whether a scenario runs against a target, and what each of its instructions is then.

Before a scenario runs (``reason_to_skip``), in this order:

1. its instructions that are **absent** (``[absent]``: the target has no such feature) or
   declared **deviations** (``[deviations]``) are not checked by it;
2. if none of its instructions is left, it is not run: each is reported ``absent`` or
   ``deviation`` with the team's reason;
3. if a deviation is among them, the others are "not checked: depends on CHG-01 (deviation: …)";
   a declared deviation wins over a missing seam, and is attributed only to the IDs declared;
4. a ``@needs.<capability>`` the target lacks skips it, saying which seam.

After it ran (``attribute``), each instruction ID of the scenario gets its own status:
absent and deviating IDs keep theirs; the others take the scenario's.
"""

from __future__ import annotations

from collections.abc import Iterable

from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids

DEVIATION_PREFIX = "known deviation"
ABSENT_PREFIX = "absent"
NOT_CHECKED_PREFIX = "not checked"


def needed_capabilities(tags: Iterable[str]) -> list[str]:
    return [tag.removeprefix("needs.") for tag in tags if tag.startswith("needs.")]


def own_verdict(profile: TargetProfile, instruction_id: str) -> tuple[str, str] | None:
    """("absent" | "deviation", reason) when the profile decides this ID without a run."""
    if instruction_id in profile.deviations:
        return "deviation", f"{DEVIATION_PREFIX} of {instruction_id}: {profile.deviations[instruction_id]}"
    absent = profile.absent_reason(instruction_id)
    if absent:
        return "absent", f"{ABSENT_PREFIX}: {absent}"
    return None


def reason_to_skip(profile: TargetProfile, tags: Iterable[str]) -> str | None:
    tags = list(tags)
    ids = instruction_ids(tags)
    decided = {i: own_verdict(profile, i) for i in ids}
    left = [i for i in ids if decided[i] is None]
    deviating = [i for i in ids if decided[i] and decided[i][0] == "deviation"]
    if ids and not left:
        return (decided[deviating[0]] if deviating else decided[ids[0]])[1]
    if deviating:
        notes = "; ".join(dependency_note(profile, i) for i in deviating)
        return f"{NOT_CHECKED_PREFIX}: depends on {notes}"
    for capability in needed_capabilities(tags):
        if not profile.has_capability(capability):
            return profile.missing_reason(capability)
    return None


def dependency_note(profile: TargetProfile, instruction_id: str) -> str:
    """``CHG-01 (deviation: …)``, ``CONF-06 (absent: …)``: why another instruction stops this one."""
    verdict = own_verdict(profile, instruction_id)
    if verdict is None:
        return instruction_id
    status, reason = verdict
    why = reason.split(": ", 1)[-1]
    return f"{instruction_id} ({status}: {why})"


def scenario_status(reason: str) -> str:
    """A skipped scenario's status from its reason: deviation, absent, or skipped."""
    if reason.startswith(DEVIATION_PREFIX):
        return "deviation"
    if reason.startswith(ABSENT_PREFIX):
        return "absent"
    return "skipped"


def attribute(profile: TargetProfile | None, instruction_id: str, outcome: dict) -> dict:
    """This instruction's outcome in a scenario: its own absent/deviation verdict, if the
    profile gives one, else the scenario's outcome."""
    verdict = own_verdict(profile, instruction_id) if profile is not None else None
    soft = outcome.get("soft_failures") or {}
    if verdict is None and instruction_id in soft:
        return {**outcome, "status": "failed", "reason": soft[instruction_id]}
    if verdict is None and soft and outcome.get("others") == "passed":
        return {**outcome, "status": "passed", "reason": None}
    failed_ids = outcome.get("failed_instructions")
    if verdict is None and outcome["status"] == "failed" and failed_ids and instruction_id not in failed_ids:
        return {**outcome, "status": "skipped",
                "reason": f"{NOT_CHECKED_PREFIX}: depends on {', '.join(failed_ids)}, which failed here: "
                          f"{outcome.get('reason', '')}"}
    if verdict is None:
        return outcome
    status, reason = verdict
    return {**outcome, "status": status, "reason": reason}
