"""What a scenario records (trace, screenshots, letters), from -D settings or the environment."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mailflow_specs.errors import ProfileError
from mailflow_specs.run.behave_fixtures import DEFAULT_TRACE, Recording


def context(**userdata: str) -> SimpleNamespace:
    return SimpleNamespace(config=SimpleNamespace(userdata=userdata))


@pytest.fixture(autouse=True)
def no_recording_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAILFLOW_TRACE", "MAILFLOW_SCREENSHOTS", "MAILFLOW_LETTERS"):
        monkeypatch.delenv(name, raising=False)


def test_by_default_everything_is_recorded_with_the_default_trace() -> None:
    assert Recording.from_settings(context()) == Recording(trace=DEFAULT_TRACE, screenshots=True, letters=True)


def test_a_d_setting_switches_a_recording_off() -> None:
    recording = Recording.from_settings(context(trace="off", screenshots="false", letters="no"))
    assert recording == Recording(trace="off", screenshots=False, letters=False)


def test_the_environment_switches_a_recording_when_no_d_setting_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILFLOW_TRACE", "full")
    monkeypatch.setenv("MAILFLOW_SCREENSHOTS", "off")
    assert Recording.from_settings(context()) == Recording(trace="full", screenshots=False, letters=True)
    assert Recording.from_settings(context(trace="snapshots")).trace == "snapshots"


def test_an_unknown_trace_mode_is_refused_naming_the_choices() -> None:
    with pytest.raises(ProfileError, match=r"one of full, snapshots, off; got 'everything'"):
        Recording.from_settings(context(trace="everything"))
