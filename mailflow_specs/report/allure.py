"""Allure results from a behave run: ``mailflow run --allure DIR``, through allure-behave.

allure-behave's ``AllureFormatter`` (options as ``-D AllureFormatter.issue_pattern=…``,
``link_pattern``, ``hide_excluded``) records a scenario by wrapping its ``run`` when the
feature starts, but it wraps only ``feature.scenarios``: the scenarios directly under the
feature. Every scenario of ours is inside a ``Rule:``, so it would record none. This
formatter wraps every scenario the feature holds, in rules and outlines alike, and is
otherwise allure-behave's.
"""

from __future__ import annotations

from allure_behave.formatter import AllureFormatter


class RuleAwareAllureFormatter(AllureFormatter):
    name = "mailflow-allure"
    description = "Allure results (allure-behave), scenarios inside a Rule included"

    def feature(self, feature) -> None:
        self._wrap_scenario(feature.walk_scenarios())
