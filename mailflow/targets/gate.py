"""Whether a scenario runs against a target: capabilities and known deviations.

A scenario tagged ``@needs.<capability>`` is skipped, with the reason, on a target
whose profile lacks that capability. A scenario tagged with an instruction ID the
profile lists under ``[deviations]`` is not run either: it is reported as a known
deviation with the profile's reason, never as passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mailflow.targets.profile import TargetProfile

INSTRUCTION_TAG = re.compile(r"^[A-Z]+-\d+$")
DEVIATION_PREFIX = "known deviation"


def instruction_ids(tags: Iterable[str]) -> list[str]:
    return [tag for tag in tags if INSTRUCTION_TAG.match(tag)]


def needed_capabilities(tags: Iterable[str]) -> list[str]:
    return [tag.removeprefix("needs.") for tag in tags if tag.startswith("needs.")]


def reason_to_skip(profile: TargetProfile, tags: Iterable[str]) -> str | None:
    tags = list(tags)
    for capability in needed_capabilities(tags):
        if capability not in profile.capabilities:
            return profile.missing_reason(capability)
    deviation = profile.deviation(instruction_ids(tags))
    if deviation:
        instruction_id, why = deviation
        return f"{DEVIATION_PREFIX} of {instruction_id}: {why}"
    return None
