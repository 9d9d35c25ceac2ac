"""behave hooks: the run's stack and browser, a fresh shopper world per scenario, the report.

What the hooks do lives in ``mailflow_specs.run.behave_fixtures``, ``mailflow_specs.report.evidence`` and
``mailflow_specs.report.formatter``; settings come from ``-D name=value`` (target, headed, slowmo, artifacts, accessibility,
accessibility_json).
"""

from pathlib import Path

from behave.fixture import use_fixture

from mailflow_specs.actors.parameter_types import register_parameter_types
from mailflow_specs.report.durations import count_scenarios_in_rules
from mailflow_specs.report.evidence import finish_scenario, record_step, start_scanning, watch_scenario
from mailflow_specs.report.formatter import describe_run
from mailflow_specs.report.traceability import note_interruption
from mailflow_specs.run.behave_fixtures import browser, reference_environment, setting, shopper_world
from mailflow_specs.targets.gate import reason_to_skip

register_parameter_types()
count_scenarios_in_rules()  # behave's "Took …" summary counts the scenarios inside a Rule


def before_all(context):
    use_fixture(reference_environment, context)
    use_fixture(browser, context)
    describe_run(context)
    start_scanning(context, setting(context, "accessibility", context.profile.accessibility),
                   Path(setting(context, "accessibility_json") or context.artifacts / "accessibility.json"))


def before_scenario(context, scenario):
    reason = reason_to_skip(context.profile, scenario.effective_tags)
    if reason:
        scenario.skip(reason)
        return
    use_fixture(shopper_world, context)
    watch_scenario(context)


def after_step(context, step):
    record_step(context, step)


def after_scenario(context, scenario):
    finish_scenario(context, scenario)


def after_all(context):
    note_interruption(context)
