"""Serve Bazaar: `python -m reference_app --host 127.0.0.1 --port 5000 [--test-mode] [--debug]`.

waitress serves it: requests are read whole before a thread takes them, so a slow client holds
a connection, never a thread; at most SERVER_CONNECTION_LIMIT connections are open, and one
silent for SERVER_CHANNEL_TIMEOUT_SECONDS is closed. Facing the internet, put a reverse proxy
in front (README, "Running behind a reverse proxy"). `--debug` (Flask's debugger, which runs
any code typed into it) is refused unless `--test-mode` is on as well.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sys
from types import FrameType
from typing import Any

from flask import Flask
from waitress.server import create_server

from . import SettingError, create_app, init_db
from .mail import start_outbox_worker


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m reference_app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000, help="0 picks a free port")
    parser.add_argument("--test-mode", action="store_true", help="offer the /__test__/ seams")
    parser.add_argument("--debug", action="store_true",
                        help="Flask's development server and debugger (only with --test-mode)")
    parser.add_argument("--threads", type=int, default=8)
    return parser.parse_args(argv)


def announce(app: Flask, host: str, port: int) -> None:
    """Say where Bazaar listens; without BAZAAR_PUBLIC_URL, letters link to that address."""
    address = f"http://{host}:{port}"
    if "BAZAAR_PUBLIC_URL" not in os.environ:
        app.config["PUBLIC_URL"] = address
    print(f"Bazaar listening on {address}", flush=True)


def server_options(app: Flask, threads: int) -> dict[str, Any]:
    """waitress's settings for slow clients: many connections allowed, silent ones closed soon."""
    timeout = int(app.config["SERVER_CHANNEL_TIMEOUT_SECONDS"])
    return {"threads": threads, "connection_limit": int(app.config["SERVER_CONNECTION_LIMIT"]),
            "channel_timeout": timeout, "cleanup_interval": max(1, min(timeout // 2, 30))}


def allow_open_files(connections: int) -> None:
    """Raise the soft limit of open files so that the connection limit can be reached."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 100
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY
                                                    else min(wanted, hard), hard))


def stop_on_terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.debug and not arguments.test_mode:
        print("bazaar: Expected --debug only with --test-mode (the debugger runs any code typed "
              "into it); got --debug alone.", file=sys.stderr)
        return 2
    try:
        app = create_app({"TEST_MODE": True} if arguments.test_mode else None)
    except SettingError as error:
        print(f"bazaar: {error}", file=sys.stderr)
        return 2
    init_db(app)
    worker = start_outbox_worker(app)
    signal.signal(signal.SIGTERM, stop_on_terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started with it ignored
    try:
        if arguments.debug:
            announce(app, arguments.host, arguments.port)
            app.run(arguments.host, arguments.port, debug=True, use_reloader=False)
        else:
            options = server_options(app, arguments.threads)
            allow_open_files(options["connection_limit"])
            server = create_server(app, host=arguments.host, port=arguments.port, **options)
            announce(app, arguments.host, server.effective_port)
            server.run()  # returns on SIGINT/SIGTERM (waitress catches SystemExit/KeyboardInterrupt)
            server.close()
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
