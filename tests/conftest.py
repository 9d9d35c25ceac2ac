"""The longest test files first, so that with several pytest processes (``make test`` runs
``pytest -n auto --dist loadfile``) they start at once rather than last, side by side."""

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
