"""``mailflow``: run the specification against a target, or serve the reference stack.

    mailflow run [--target reference|path.toml] [--tags @REG-08] [--min-checked N] [--headed] [features...]
    mailflow serve [--target reference] [--port-base 5100] | --mail-only --port-base N [--target-command CMD]
    mailflow check-profile path/to/profile.toml
    mailflow probe path/to/profile.toml | --draft new.toml URL
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import FEATURES, REPORTS
from mailflow_specs.report import summary
from mailflow_specs.run import explore_options, options, preflight, serve
from mailflow_specs.run import workers as workers_module
from mailflow_specs.targets.profile import CATCHERS, TargetProfile

REPORT_BUDGET_MB = 30


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.command(args)
    except MailflowError as error:
        print(f"mailflow: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # no command ends in a traceback; MAILFLOW_DEBUG=1 shows it
        if os.environ.get("MAILFLOW_DEBUG"):
            raise
        first = (str(error).strip().splitlines() or [""])[0]
        print(f"mailflow: {type(error).__name__}: {first}\n(an error of the kit itself: "
              "MAILFLOW_DEBUG=1 shows where)", file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mailflow", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    run = commands.add_parser("run", help="run the specification and write a report")
    run.add_argument("--target", default=os.environ.get("MAILFLOW_TARGET", "reference"),
                     help="a profile name in fixtures/targets, or a path to a profile")
    run.add_argument("--tags", action="append", default=[], help="behave tag expression, e.g. @REG-08")
    run.add_argument("--headed", action="store_true", help="show the browser")
    run.add_argument("--slowmo", type=float, default=0.0, help="slow each browser action by ms")
    run.add_argument("--reports", default=os.environ.get("MAILFLOW_REPORTS", str(REPORTS)),
                     help="where the run's report folder and the 'latest' link go (default: reports/)")
    run.add_argument("--min-checked", type=int, default=1, metavar="N",
                     help="exit non-zero unless at least N instructions were checked, passed or failed "
                          "(default 1; 0 accepts a run that checks nothing)")
    run.add_argument("--workers", type=int, default=_env_int("MAILFLOW_WORKERS"),
                     help="run the scenarios in N processes at once, one merged report (default: cores/2)")
    run.add_argument("--mail", choices=CATCHERS, default=os.environ.get("MAILFLOW_MAIL") or None,
                     help="the mail catcher the harness starts (default: the profile's [mail] catcher, else mailpit)")
    run.add_argument("--shard", help="run share I of N of the scenarios and keep its results for `mailflow merge`")
    options.add_run_options(run)
    explore_options.add_run_option(run)
    run.add_argument("paths", nargs="*", help="feature files or folders (default: features/)")
    run.set_defaults(command=run_specification)
    serve.add_parser(commands)
    explore_options.add_parser(commands)
    probing = commands.add_parser("probe", help="check a profile against its running target before a run")
    probing.add_argument("profile", help="a profile; with --draft, the URL of the running target")
    probing.add_argument("--draft", metavar="NEW.toml",
                         help="visit the target at URL and write a first profile to NEW.toml")
    probing.add_argument("--mail-api", metavar="URL",
                         help="with --draft: the mail catcher's API where the target's letters arrive "
                              "(default: the one `mailflow serve --mail-only` starts beside the target)")
    probing.add_argument("--read-only", action="store_true",
                         help="with --draft: register nothing (the texts after registering stay open)")
    probing.set_defaults(command=probe_target)
    merge = commands.add_parser("merge", help="one report, traceability.json and JUnit from shards' run folders")
    merge.add_argument("folders", nargs="+", help="run folders written by `mailflow run --shard I/N`")
    merge.add_argument("--reports", default=os.environ.get("MAILFLOW_REPORTS", str(REPORTS)),
                       help="where the merged run folder and the 'latest' link go (default: reports/)")
    merge.set_defaults(command=merge_shards)
    check = commands.add_parser("check-profile", help="validate a target profile and exit")
    check.add_argument("profile")
    check.set_defaults(command=check_profile)
    options.add_examples(parser, commands)
    return parser


def run_specification(args: argparse.Namespace) -> int:
    from behave.__main__ import main as behave_main

    profile = TargetProfile.load(args.target)  # refuse a bad profile before anything starts
    if args.rerun_failed:
        args.paths = options.rerun_paths(args)
        if not args.paths:
            return 0
    if args.dry_run:
        return options.dry_run(args, profile)
    if args.mail:  # every worker and shard process reads it too
        os.environ["MAILFLOW_MAIL"] = args.mail
    paths = args.paths or [str(FEATURES)]
    locations = workers_module.selected_locations(paths, args.tags, args.name)
    preflight.check_selection(locations, paths, args.tags, args.name)
    reports = Path(args.reports).resolve()
    run_dir = reports / f"{datetime.now():%Y%m%d-%H%M%S}-{profile.name}"
    run_dir.mkdir(parents=True, exist_ok=True)
    behave_args = [
        "-D", f"target={profile.path}", "-D", f"artifacts={run_dir / 'artifacts'}",
        "-D", f"headed={'true' if args.headed else 'false'}", "-D", f"slowmo={args.slowmo}",
        "-D", f"accessibility_json={run_dir / 'accessibility.json'}",
        "-f", "mailflow_specs.report.junit:JUnitFormatter", "-o", str(run_dir / "junit" / "all.xml"),
        "-f", "mailflow_specs.report.traceability:TraceabilityFormatter", "-o", str(run_dir / "traceability.json"),
        "-f", "mailflow_specs.report.formatter:ReportFormatter", "-o", str(run_dir / "index.html"),
        "-f", "mailflow_specs.report.progress:ProgressFormatter", "--no-capture-stderr",
        "--no-summary",  # behave counts a soft check's failure as passed: the kit's own summary says it
    ]
    for expression in args.tags:
        behave_args += ["--tags", expression]
    behave_args += options.behave_options(args, behave_args)
    started = time.monotonic()
    # From a checkout behave reads [tool.behave] in pyproject.toml; installed, these say the same.
    behave_args += ["--no-skipped", "--tags", "not @wip"]
    print(f"Running the specification against {profile.name} ({profile.path.name}); report in {run_dir}")
    error = preflight.unreachable(profile)
    if error is not None:
        table = preflight.write_setup_failure(run_dir, profile, paths, locations, error)
        _point_latest_at(reports, run_dir)
        summary.print_scenario_counts(run_dir / "junit" / "all.xml")
        return summary.print_summary(table, args.min_checked)
    _stop_on_signals()
    workers = args.workers or workers_module.default_workers()
    if args.shard:
        behave_args, paths = workers_module.shard_arguments(args, behave_args, paths, run_dir)
    if workers > 1 and not args.shard:
        behave_status = workers_module.run_and_merge(args, profile, paths, run_dir, workers)
    else:
        behave_status = behave_main(behave_args + paths) if paths else 0
        if args.shard and (run_dir / "results" / "run.json").is_file():
            workers_module.finish_shard(run_dir)
    _point_latest_at(reports, run_dir)
    traceability = run_dir / "traceability.json"
    if not traceability.exists():
        print(f"The run stopped before any scenario ran (behave exit status {behave_status}).")
        return 2
    discrepancies = _explore_after(args, profile, run_dir) if args.explore else 0
    table = json.loads(traceability.read_text(encoding="utf-8"))
    summary.print_scenario_counts(run_dir / "junit" / "all.xml")
    summary.print_conformance(table)
    status = summary.print_summary(table, args.min_checked)
    status = with_explored(status, discrepancies)
    print(f"Took {time.monotonic() - started:.0f}s. "
          f"Report: {reports / 'latest' / 'index.html'} ({_report_size(run_dir)})")
    # Deviations, absent features and missing seams fail no run; failures, set-up errors and
    # a run that checked (almost) nothing do.
    return status


def with_explored(status: int, discrepancies: int) -> int:
    """The run's exit status once exploring has run: a discrepancy (or an exploration that could
    not run, -1) fails it, as a failed instruction does, unless the run was interrupted."""
    if not discrepancies or status == summary.EXIT_INTERRUPTED:
        return status
    print("Exploring could not run: the run fails." if discrepancies < 0 else
          f"Exploring found {discrepancies} discrepanc{'ies' if discrepancies != 1 else 'y'} "
          "(the Explored section of the report): the run fails.")
    return summary.EXIT_FAILED


def _explore_after(args: argparse.Namespace, profile: TargetProfile, run_dir: Path) -> int:
    """``--explore BUDGET``: explore the run's target, then add what it found to the run's
    traceability.json and page; answer the number of discrepancies (-1: exploring could not run)."""
    from mailflow_specs.run.explore import explore_into
    from mailflow_specs.run.explore_results import add_to_run

    print(f"\nExploring {profile.name} for {args.explore:.0f}s after the features.", flush=True)
    try:
        found = explore_into(explore_options.for_run(args, str(profile.path)), profile, run_dir)
    except (MailflowError, OSError) as error:  # the features' verdicts stand; the run fails all the same
        print(f"Exploring could not run ({type(error).__name__}: {error}); the report has no Explored section.")
        return -1
    add_to_run(run_dir, found)
    return len(found["discrepancies"])


def merge_shards(args: argparse.Namespace) -> int:
    from mailflow_specs.report.merge import merge

    reports = Path(args.reports).resolve()
    run_dir = reports / f"{datetime.now():%Y%m%d-%H%M%S}-merged"
    table = merge([Path(folder).resolve() for folder in args.folders], run_dir)
    _point_latest_at(reports, run_dir)
    summary.print_conformance(table)
    print(f"\n{summary.count_line(table)}. Report: {reports / 'latest' / 'index.html'} ({_report_size(run_dir)})")
    return 1 if any(entry["status"] == "failed" for entry in table.values()) else 0


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM both interrupt the run (behave then ends it as "interrupted"): installed
    explicitly, since a background job inherits SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else None


def _report_size(run_dir: Path) -> str:
    """The page's size and the whole folder's; a run's report should stay under REPORT_BUDGET_MB."""
    page = (run_dir / "index.html").stat().st_size if (run_dir / "index.html").exists() else 0
    folder = sum(f.stat().st_size for f in run_dir.rglob("*") if f.is_file() and "stack" not in f.parts)
    size = f"index.html {page / 1e6:.1f} MB, with the failure evidence {folder / 1e6:.1f} MB"
    if folder > REPORT_BUDGET_MB * 1e6:
        size += f"; over the {REPORT_BUDGET_MB} MB budget"
    return size


def _point_latest_at(reports: Path, run_dir: Path) -> None:
    """``latest`` moves to the run only once its page is written; a run without one leaves it."""
    page = run_dir / "index.html"
    if not page.is_file() or page.stat().st_size == 0:
        print(f"The report page of {run_dir} was not written; {reports / 'latest'} still shows the last one that was.")
        return
    latest = reports / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(run_dir.name, target_is_directory=True)


def probe_target(args: argparse.Namespace) -> int:
    from mailflow_specs.run.probe import probe

    if args.draft:
        from mailflow_specs.run.draft import draft, write_profile

        found = draft(args.profile, mail_api=args.mail_api, read_only=args.read_only)
        write_profile(found, Path(args.draft))
        print(f"{args.draft}: {len(found.filled())} keys filled from {args.profile}; every key left open "
              "has a comment saying why. Check it with: mailflow probe " + args.draft)
        return 0
    profile = TargetProfile.load(args.profile)
    print(f"Probing {profile.base_url or 'the reference app'} with {profile.path}")
    problems = probe(profile)
    print(f"{problems} problem(s) found." if problems else "No problem found.")
    return 1 if problems else 0


def check_profile(args: argparse.Namespace) -> int:
    profile = TargetProfile.load(args.profile)
    print(f"{profile.path}: a valid profile for {profile.description or profile.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
