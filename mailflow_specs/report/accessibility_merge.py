"""The accessibility logs of shards (or workers) as one run's log, for ``mailflow merge``.

A shard writes ``accessibility.json`` as any run does, and keeps the picture of each page
state it scanned in ``results/accessibility/`` (the JSON has no pictures). The merge reads
them back and says what one run of all the scenarios says: each page state once (by its
key), scanned where one run would first have seen it (the earliest scenario in the run's
order), the scenarios that saw it from every shard in the run's order, the counts by
impact recounted from the pages, and the cost of the scans summed over the shards.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mailflow_specs.errors import MailflowError
from mailflow_specs.report.accessibility import AccessibilityLog, PageScan

ACCESSIBILITY_JSON = "accessibility.json"  # where `mailflow run` writes it, in the run folder
PICTURES = "accessibility"  # under a shard's results/


def picture_name(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] + ".jpg"


def keep_pictures(log: AccessibilityLog | None, results: Path) -> None:
    """A shard's pictures of its page states, for the merged report to show them."""
    if log is None or log.mode == "off":
        return
    folder = results / PICTURES
    folder.mkdir(parents=True, exist_ok=True)
    for scan in log.scans.values():
        if scan.screenshot:
            (folder / picture_name(scan.key)).write_bytes(scan.screenshot)


def read_log(data: dict, pictures: Path | None = None) -> AccessibilityLog:
    """A log from its ``accessibility.json``, with the pictures kept in ``pictures`` if given."""
    log = AccessibilityLog(data["mode"], seconds=data["cost"]["seconds"], looks=data["cost"]["page_looks"])
    for page in data["pages"]:
        picture = pictures / picture_name(page["key"]) if pictures else None
        screenshot = picture.read_bytes() if picture and picture.is_file() else b""
        scan = PageScan.from_json(page, screenshot)
        log.scans[scan.key] = scan
        log.seen_in[scan.key] = list(page["seen_in"])
    return log


def shard_log(folder: Path) -> AccessibilityLog | None:
    """The log a shard's run folder holds; None when it scanned nothing (accessibility off, an empty share)."""
    path = folder / ACCESSIBILITY_JSON
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    keyless = [page.get("page", "?") for page in data.get("pages", []) if "key" not in page]
    if keyless:
        raise MailflowError(f"Expected every page in {path} to have its key (run the shard again with this "
                            f"version of mailflow); got none for {keyless[0]!r}.")
    return read_log(data, folder / "results" / PICTURES)


def merge_logs(logs: list[AccessibilityLog | None], run_order: list[str]) -> AccessibilityLog | None:
    """One log from many; ``run_order`` names the scenarios ("Feature › Scenario") in the run's order."""
    found = [log for log in logs if log is not None]
    if not found:
        return None
    rank: dict[str, int] = {}
    for number, name in enumerate(run_order):
        rank.setdefault(name, number)

    def place(name: str) -> tuple[int, str]:
        return (rank.get(name, len(rank)), name)

    first: dict[str, tuple[tuple, PageScan]] = {}  # key → (where one run would first scan it, the scan)
    seen_in: dict[str, set[str]] = {}
    for shard, log in enumerate(found):
        for position, scan in enumerate(log.scans.values()):
            where = (place(scan.first_seen_in), shard, position)
            if scan.key not in first or where < first[scan.key][0]:
                first[scan.key] = (where, scan)
            seen_in.setdefault(scan.key, set()).update(log.seen_in.get(scan.key, []))
    merged = AccessibilityLog(found[0].mode, seconds=sum(log.seconds for log in found),
                              looks=sum(log.looks for log in found))
    for key, (_, scan) in sorted(first.items(), key=lambda item: item[1][0]):
        merged.scans[key] = scan
        merged.seen_in[key] = sorted(seen_in[key], key=place)
    return merged
