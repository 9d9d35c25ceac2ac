"""``mailflow serve``: the reference stack, or only the mail side, for a person or an outside target.

    mailflow serve [--target reference] [--port-base 5100] [--setting LANGUAGE=pl]
    mailflow serve --mail-only --port-base 5200 [--target-command "python -m my_shop --port 5200"]

Fixed ports with ``--port-base N``: the target N, the webmail N+1, Mailpit's API N+2, its SMTP N+3.
Ctrl-C or SIGTERM stops everything it started, even when SIGINT was ignored at start
(as for a job started in the background of a script).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import shlex
import signal
from dataclasses import replace

from mailflow_specs.errors import ProfileError
from mailflow_specs.paths import REPORTS
from mailflow_specs.run.stack import Stack
from mailflow_specs.targets.endpoints import Endpoints
from mailflow_specs.targets.profile import TargetProfile

PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent ends


def add_parser(commands) -> None:
    serve = commands.add_parser("serve", help="start the reference stack, or Mailpit and the webmail only")
    serve.add_argument("--target", default="reference", help="a profile that starts the reference app")
    serve.add_argument("--port-base", type=int, help="fixed ports: app N, webmail N+1, Mailpit N+2, SMTP N+3")
    serve.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                       help="a reference-app setting (BAZAAR_KEY), e.g. LANGUAGE=pl")
    serve.add_argument("--mail-only", action="store_true",
                       help="start only Mailpit and the webmail (for an implementation you run yourself)")
    serve.add_argument("--target-command", metavar="COMMAND",
                       help="with --mail-only: also start this program (your test build) and stop it "
                            "with the rest; it must answer on port N")
    serve.set_defaults(command=serve_stack)


def serve_stack(args: argparse.Namespace) -> int:
    _stop_on_signals()
    profile = TargetProfile.load(args.target)
    if args.mail_only:
        return _serve_mail(profile, args)
    if not profile.starts_reference_app:
        raise ProfileError(f"{profile.path}: serve needs a profile with [target] start = \"reference\".")
    settings = dict(profile.app_settings)
    for assignment in args.setting:
        key, separator, value = assignment.partition("=")
        if not separator or not key:
            raise ProfileError(f"--setting expects KEY=VALUE, got {assignment!r}.")
        settings[key] = value
    profile = replace(profile, app_settings=settings)
    with Stack(profile, REPORTS / "serve", port_base=args.port_base) as endpoints:
        print(f"Reference app:  {endpoints.base_url}")
        _print_mail(endpoints)
        _wait_for_stop()
    return 0


def _serve_mail(profile: TargetProfile, args: argparse.Namespace) -> int:
    if args.port_base is None:
        raise ProfileError("--mail-only expects --port-base N, so that your target can find Mailpit.")
    mail_profile = replace(profile, starts_catcher=True, webmail_url=None)
    stack = Stack(mail_profile, REPORTS / "serve-mail", port_base=args.port_base)
    _stop_on_signals()
    try:
        endpoints = stack.start_mail()
        _print_mail(endpoints)
        if args.target_command:
            url = f"http://127.0.0.1:{args.port_base}"
            stack.start_command("target", shlex.split(args.target_command), url)
            print(f"Your target:    {url}  ({args.target_command}; log {stack.workdir / 'target.log'})")
        _wait_for_stop()
    except KeyboardInterrupt:
        print("Stopping.")
    finally:
        stack.stop()
    return 0


def _print_mail(endpoints: Endpoints) -> None:
    print(f"Webmail:        {endpoints.webmail_url}")
    print(f"Mail catcher:   {endpoints.catcher} API {endpoints.mail_api}")
    print(f"Mail SMTP:      {endpoints.mail_smtp}  (send your letters here)")


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM both stop: installed explicitly, since an ignored SIGINT is inherited.
    On Linux the end of the parent (``make`` stopped with SIGTERM) stops it too."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl(
            PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: Ctrl-C and SIGTERM still stop it


def _wait_for_stop() -> None:
    _stop_on_signals()
    try:  # the announcement inside: a signal that comes the moment it is read still stops cleanly
        print("Press Ctrl-C to stop.", flush=True)
        while True:
            signal.pause()
    except KeyboardInterrupt:
        print("Stopping.", flush=True)
