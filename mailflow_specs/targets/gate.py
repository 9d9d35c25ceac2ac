"""Whether a scenario runs against a target, and what each of its instructions is then.

Before a scenario runs (``reason_to_skip``), in this order:

1. its instructions that are **absent** (``[absent]``: the target has no such feature) or
   declared **deviations** (``[deviations]``) are not checked by it;
2. if none of its instructions is left, it is not run: each is reported ``absent`` or
   ``deviation`` with the team's reason;
3. if a deviation is among them, the others are "not checked: depends on CHG-01 (deviation: …)";
   a declared deviation wins over a missing seam, and is attributed only to the IDs declared;
4. if each instruction left is reached only through another one the target lacks or deviates
   from (``REACHED_THROUGH``: CONF-11's activation letter comes from CONF-10's appeal), it is
   "not checked: depends on CONF-10 (absent: …)": the real dependency, not a missing seam;
5. a ``@needs.<capability>`` the target lacks skips it, saying which seam; the aging seam is
   not needed by a scenario whose rule takes no time (``grace_period_days = 0``: at once).

After it ran (``attribute``), each instruction ID of the scenario gets its own status:
absent and deviating IDs keep theirs; the others take the scenario's.
"""

from __future__ import annotations

from collections.abc import Iterable

from mailflow_specs.targets.labels import Capability, Timing
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids

DEVIATION_PREFIX = "known deviation"
ABSENT_PREFIX = "absent"
NOT_CHECKED_PREFIX = "not checked"


# Instructions whose every scenario reaches them through another one (its Given steps).
REACHED_THROUGH = {
    "CONF-10": ("CONF-09",),  # the appeal starts from the notice that the account is blocked
    "CONF-11": ("CONF-10",),  # the activation letter is sent from the appeal
}
# The instructions whose scenarios let a rule's time pass (with the aging seam); where the
# rule is 0 ("at once") no time has to pass and no seam is needed.
TIME_RULES = {
    Timing.GRACE_PERIOD_DAYS: ("CONF-01", "CONF-02", "CONF-09", "CONF-10", "CONF-11"),
}


def needed_capabilities(tags: Iterable[str]) -> list[str]:
    return [tag.removeprefix("needs.") for tag in tags if tag.startswith("needs.")]


def prerequisites(instruction_id: str) -> list[str]:
    """The instructions this one is reached through, nearest first, all the way back."""
    found: list[str] = []
    for before in REACHED_THROUGH.get(instruction_id, ()):
        found += [before, *prerequisites(before)]
    return found


def _blocking_prerequisite(profile: TargetProfile, instruction_id: str, ids: list[str]) -> str | None:
    for before in prerequisites(instruction_id):
        if before not in ids and own_verdict(profile, before):
            return before
    return None


def _needs_no_time(profile: TargetProfile, ids: list[str]) -> bool:
    """The scenario's time passes under a rule of 0 (at once): no aging seam is needed."""
    return any(profile.timings.get(rule) == 0 and set(ids) & set(covered)
               for rule, covered in TIME_RULES.items())


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
    blocking = [_blocking_prerequisite(profile, i, ids) for i in left]
    if left and all(blocking):
        notes = "; ".join(dependency_note(profile, i) for i in dict.fromkeys(blocking))
        return f"{NOT_CHECKED_PREFIX}: depends on {notes}"
    for capability in needed_capabilities(tags):
        if capability == Capability.ACCOUNT_AGING and _needs_no_time(profile, left):
            continue
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
    if verdict is None and outcome["status"] == "failed" and failed_ids and instruction_id not in failed_ids \
            and outcome.get("others") == "passed":
        return {**outcome, "status": "passed", "reason": None}
    if verdict is None and outcome["status"] == "failed" and failed_ids and instruction_id not in failed_ids:
        return {**outcome, "status": "skipped",
                "reason": f"{NOT_CHECKED_PREFIX}: depends on {', '.join(failed_ids)}, which failed here: "
                          f"{outcome.get('reason', '')}"}
    if verdict is None:
        return outcome
    status, reason = verdict
    return {**outcome, "status": status, "reason": reason}
