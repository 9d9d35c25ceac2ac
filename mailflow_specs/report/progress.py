"""Console progress: one line per scenario as it ends, so a long run never looks hung.

``-f mailflow_specs.report.progress:ProgressFormatter`` prints ``[ 7/42] passed  Feature › Scenario (1.9s)``
and, for a failure, the failing step and its first line of error.
"""

from __future__ import annotations

import time

from behave.formatter.base import Formatter
from behave.model_core import Status

from mailflow_specs.report.traceability import all_scenarios, scenario_outcome


def count_selected_scenarios(config) -> int:
    """How many scenarios the run's paths and tags select (outline rows count one each)."""
    return sum(1 for s in all_scenarios(config) if s.should_run_with_tags(config.tag_expression)
               and s.should_run_with_name_select(config))


class ProgressFormatter(Formatter):
    name = "mailflow-progress"
    description = "One line per finished scenario: n of m, status, name, duration"

    def __init__(self, stream_opener, config) -> None:
        super().__init__(stream_opener, config)
        self.stream = self.open()
        self.total = count_selected_scenarios(config)
        self.done = 0
        self.current = None
        self.feature_name = ""
        self.started = 0.0

    def feature(self, feature) -> None:
        self.feature_name = feature.name

    def scenario(self, scenario) -> None:
        self._finish_current()
        self.current = scenario
        self.started = time.monotonic()
        if self._is_terminal() and scenario.should_run_with_tags(self.config.tag_expression) \
                and scenario.should_run_with_name_select(self.config):
            # On a terminal, the scenario under way shows until its result line replaces it.
            width = len(str(self.total))
            self.stream.write(f"\r[{self.done + 1:>{width}}/{self.total}] running   {scenario.name}"[:160])
            self.stream.flush()

    def _is_terminal(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def eof(self) -> None:
        self._finish_current()

    def close(self) -> None:
        self._finish_current()
        self.close_stream()

    def _finish_current(self) -> None:
        scenario, self.current = self.current, None
        if scenario is None:
            return
        if scenario.status == Status.untested and not scenario.should_skip:
            return  # not selected by the tags
        self.done += 1
        outcome = scenario_outcome(scenario)
        width = len(str(self.total))
        line = (
            f"[{self.done:>{width}}/{self.total}] {outcome['status']:<9} "
            f"{self.feature_name} › {scenario.name} ({time.monotonic() - self.started:.1f}s)"
        )
        if outcome.get("reason"):
            line += f"\n{' ' * (width * 2 + 4)}{outcome['reason'][:400]}"
        clear = "\r\033[K" if self._is_terminal() else ""
        self.stream.write(clear + line + "\n")
        self.stream.flush()
