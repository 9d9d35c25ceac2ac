"""The longest test files first, so that with several pytest processes (``make test`` runs
``pytest -n auto --dist loadfile``) they start at once rather than last, side by side.

``live_parts`` reads a written page (a report, an explore page) for what in it could run."""

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

# Each of these runs a whole specification in a browser: minutes, where the others take seconds.
LONGEST_FIRST = (
    "tests/integration/test_specification.py",
    "tests/integration/test_polish_target.py",
    "tests/integration/test_foreign_target.py",
    "tests/integration/test_second_foreign_target.py",
    "tests/integration/test_shards.py",
)


def _rank(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the order within a file and among the others stays


class Live(HTMLParser):
    """What in a page could run: scripts, handlers, javascript: links, frames that allow scripts;
    and the tags it has."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.frames: list[dict] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(attributes.get("src") or "inline")
        self.handlers += [f"{name}={value}" for name, value in attrs if name.startswith("on")]
        self.links += [value or "" for name, value in attrs if name in ("href", "src", "action")]
        if tag == "iframe":
            self.frames.append(attributes)


@pytest.fixture
def live_parts() -> Callable[[str], Live]:
    def read(page: str) -> Live:
        found = Live()
        found.feed(page)
        return found

    return read
