"""Serve Bazaar: `python -m reference_app --host 127.0.0.1 --port 5000 [--test-mode] [--debug]`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from types import FrameType

from flask import Flask
from waitress.server import create_server

from . import SettingError, create_app, init_db
from .mail import start_outbox_worker


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m reference_app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000, help="0 picks a free port")
    parser.add_argument("--test-mode", action="store_true", help="offer the /__test__/ seams")
    parser.add_argument("--debug", action="store_true", help="Flask's development server")
    parser.add_argument("--threads", type=int, default=8)
    return parser.parse_args(argv)


def announce(app: Flask, host: str, port: int) -> None:
    """Say where Bazaar listens; without BAZAAR_PUBLIC_URL, letters link to that address."""
    address = f"http://{host}:{port}"
    if "BAZAAR_PUBLIC_URL" not in os.environ:
        app.config["PUBLIC_URL"] = address
    print(f"Bazaar listening on {address}", flush=True)


def stop_on_terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
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
            server = create_server(app, host=arguments.host, port=arguments.port,
                                   threads=arguments.threads)
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
