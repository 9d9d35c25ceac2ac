"""The everyday options of ``mailflow run`` and the examples every subcommand's ``--help`` ends with.

``add_run_options`` adds ``--dry-run``, ``--name``, ``--stop``, ``--rerun-failed``,
``--format``, ``--allure`` and ``--messages`` to the run parser; ``behave_options`` turns
them into behave's arguments, after the run's own formatters: behave pairs its ``-o``
outputs with its ``-f`` formats by position, so the formats the run added without an output
are given the console (``-o -``) first, and each added format then has its own output.
``failed_locations`` reads the last run's ``traceability.json`` for ``--rerun-failed``.
"""

from __future__ import annotations

import argparse
import json
from importlib import metadata
from pathlib import Path

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import ROOT

DISTRIBUTION = "mailflow-specs"
ALLURE_FORMATTER = "mailflow_specs.report.allure:RuleAwareAllureFormatter"
MESSAGES_FORMATTER = "mailflow_specs.report.messages:MessagesFormatter"
FAILED = ("failed", "error")

EXAMPLES = {
    "run": """examples:
  mailflow run                                   the whole specification against the reference app
  mailflow run --tags @REG-08 --headed           one instruction, in a visible browser
  mailflow run --dry-run --target acme.toml      what would run against a profile, nothing started
  mailflow run --name "confirmation letter"      the scenarios whose name matches (a regular expression)
  mailflow run --rerun-failed --stop             the last run's failed scenarios, stop at the first failure
  mailflow run --format pretty                   behave's pretty output besides the report
  mailflow run --allure allure-results --messages run.ndjson   results for Allure and Cucumber tools
  mailflow run --shard 2/4 --reports out/2       one CI job's share (then: mailflow merge out/*/latest)
  mailflow run --explore 2m                      the features, then two minutes of exploring, one report""",
    "serve": """examples:
  mailflow serve                                 the reference stack on free ports, until Ctrl-C
  mailflow serve --port-base 5100 --setting LANGUAGE=pl   Bazaar in Polish on fixed ports
  mailflow serve --mail-only --port-base 5200 --target-command "python -m my_shop --port 5200\"""",
    "probe": """examples:
  mailflow probe fixtures/targets/flask-security.toml    check a running target against its profile""",
    "merge": """examples:
  mailflow merge out/1/latest out/2/latest       one report from two shards' run folders
  mailflow merge shards/*/latest --reports merged""",
    "check-profile": """examples:
  mailflow check-profile fixtures/targets/acme.toml""",
    "explore": """examples:
  mailflow explore --seed 1 --budget 5m          random sequences of the guide's actions for five minutes
  mailflow explore --sequences 20 --steps 8      twenty sequences of at most eight actions each
  mailflow explore --target acme.toml            against another target its profile describes
  mailflow explore --budget 2m --workers 2 --reports out   two processes; the report in out/latest/""",
}


def version() -> str:
    """The kit's version as installed (package metadata)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


def add_examples(parser: argparse.ArgumentParser, commands: argparse._SubParsersAction) -> None:
    """``--version`` on the command, and the examples at the end of each subcommand's ``--help``."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    for name, subparser in commands.choices.items():
        if name in EXAMPLES:
            subparser.epilog = EXAMPLES[name]
            subparser.formatter_class = argparse.RawDescriptionHelpFormatter


def add_run_options(run: argparse.ArgumentParser) -> None:
    run.add_argument("--version", action="version", version=f"mailflow {version()}")
    run.add_argument("--dry-run", action="store_true",
                     help="list what would run, per instruction, and what the profile skips; start nothing")
    run.add_argument("--name", action="append", default=[], metavar="PATTERN",
                     help="only the scenarios whose name matches this regular expression (repeatable: any)")
    run.add_argument("--stop", action="store_true", help="stop at the first failure")
    run.add_argument("--rerun-failed", action="store_true",
                     help="only the scenarios that failed in the last run (--reports/latest/traceability.json)")
    run.add_argument("--format", action="append", default=[], metavar="FORMATTER",
                     help="one more behave formatter on the console, e.g. pretty, plain, or module:Class")
    run.add_argument("--allure", metavar="DIR", help="write Allure results (allure-behave) into DIR")
    run.add_argument("--messages", metavar="FILE", help="write Cucumber Messages (NDJSON) to FILE")


def behave_options(args: argparse.Namespace, behave_args: list[str]) -> list[str]:
    """behave's arguments for the everyday options, to append after ``behave_args``."""
    extra: list[str] = []
    for pattern in args.name:
        extra += ["--name", pattern]
    if args.stop:
        extra.append("--stop")
    formats = [(name, "-") for name in args.format]
    if args.allure:
        formats.append((ALLURE_FORMATTER, str(Path(args.allure).resolve())))
    if args.messages:
        formats.append((MESSAGES_FORMATTER, str(Path(args.messages).resolve())))
    if formats:
        extra += ["-o", "-"] * _formats_without_output(behave_args)
        for name, output in formats:
            extra += ["-f", name, "-o", output]
    return extra


def _formats_without_output(behave_args: list[str]) -> int:
    formats = sum(arg in ("-f", "--format") for arg in behave_args)
    outputs = sum(arg in ("-o", "--outfile") for arg in behave_args)
    return max(0, formats - outputs)


def failed_locations(reports: Path) -> list[str]:
    """``file:line`` of every scenario that failed in the last run under ``reports``, in run order."""
    table_file = reports / "latest" / "traceability.json"
    if not table_file.is_file():
        raise MailflowError(f"Expected the last run's traceability.json at {table_file} for --rerun-failed; "
                            "there is none. Run the specification first, or give --reports the folder it used.")
    try:
        table = json.loads(table_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise MailflowError(f"Expected JSON in {table_file}; {error}.") from None
    found = {}
    for entry in table.values():
        for scenario in entry.get("scenarios", []):
            if scenario.get("status") in FAILED and scenario.get("location"):
                found[_resolved(scenario["location"])] = None
    return sorted(found, key=_run_order)


def _resolved(location: str) -> str:
    """A location as the run recorded it (relative to where it ran, usually the checkout) made absolute."""
    filename, _, line = location.rpartition(":")
    path = Path(filename)
    if not path.is_absolute():
        path = path if path.exists() else ROOT / path
    return f"{path.resolve()}:{line}"


def _run_order(location: str) -> tuple[str, int]:
    filename, _, line = location.rpartition(":")
    return filename, int(line) if line.isdigit() else 0


def rerun_paths(args: argparse.Namespace) -> list[str]:
    """``--rerun-failed``: the last run's failed scenarios as behave locations (none: nothing to run)."""
    if args.paths:
        raise MailflowError(f"Expected either --rerun-failed or feature paths, not both; got {' '.join(args.paths)}.")
    reports = Path(args.reports).resolve()
    locations = failed_locations(reports)
    last = (reports / "latest").resolve().name
    if not locations:
        print(f"The last run ({last}) has no failed scenario: nothing to rerun.")
        return []
    print(f"Rerunning the {len(locations)} failed scenario(s) of the last run ({last}).")
    return locations


def dry_run(args: argparse.Namespace, profile) -> int:
    """``--dry-run``: the plan of this run (or of its shard), printed; nothing is started."""
    import sys

    from mailflow_specs.paths import FEATURES
    from mailflow_specs.run.dry_run import plan, print_plan
    from mailflow_specs.run.workers import Shard, share

    paths = args.paths or [str(FEATURES)]
    locations = share(paths, args.tags, Shard.parse(args.shard), args.name) if args.shard else None
    planned = plan(profile, paths, args.tags, args.name, locations)
    return print_plan(profile, planned, paths, args.tags, sys.stdout)
