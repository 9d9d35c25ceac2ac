"""Instruction IDs (``REG-08``, ``CONF-11``, ``CHG-09``): the one pattern, and the guide's order.

Every module that recognises an ID, in a tag, a profile key or a failure message, uses these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ID = r"[A-Z]+-\d+"
INSTRUCTION_TAG = re.compile(rf"^{ID}$")
ID_IN_TEXT = re.compile(rf"\b({ID})\b")
FLOW_ORDER = ("REG", "CONF", "CHG")


def is_instruction_id(text: str) -> bool:
    return bool(INSTRUCTION_TAG.match(text))


def instruction_ids(tags: Iterable[str]) -> list[str]:
    """The instruction IDs among the tags, in the guide's order: behave gives a scenario's
    tags as a set, whose order changes from run to run (and with it every reason naming them)."""
    return sorted({tag for tag in tags if is_instruction_id(tag)}, key=guide_order)


def ids_in(text: str) -> list[str]:
    """The instruction IDs a message names, in the order it names them."""
    return ID_IN_TEXT.findall(text)


def guide_order(instruction_id: str) -> tuple[int, str, int]:
    """REG before CONF before CHG (the guide's flows), then by number."""
    prefix, number = instruction_id.rsplit("-", 1)
    flow = FLOW_ORDER.index(prefix) if prefix in FLOW_ORDER else len(FLOW_ORDER)
    return flow, prefix, int(number)


def said_of(instruction_id: str, text: str) -> str:
    """``text`` as a message about ``instruction_id``: prefixed with it unless it already names
    it first (a check's own message often does: "REG-11: the small print ...")."""
    return text if text.startswith((f"{instruction_id}:", f"{instruction_id},")) else f"{instruction_id}: {text}"
