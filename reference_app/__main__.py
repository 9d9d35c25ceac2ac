"""Serve Bazaar: `python -m reference_app --host 127.0.0.1 --port 5000 [--test-mode] [--debug]`."""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType

from waitress.server import create_server

from . import create_app, init_db
from .mail import start_outbox_worker


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m reference_app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000, help="0 picks a free port")
    parser.add_argument("--test-mode", action="store_true", help="offer the /__test__/ seams")
    parser.add_argument("--debug", action="store_true", help="Flask's development server")
    parser.add_argument("--threads", type=int, default=8)
    return parser.parse_args(argv)


def stop_on_terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    app = create_app({"TEST_MODE": True} if arguments.test_mode else None)
    init_db(app)
    worker = start_outbox_worker(app)
    signal.signal(signal.SIGTERM, stop_on_terminate)
    try:
        if arguments.debug:
            print(f"Bazaar listening on http://{arguments.host}:{arguments.port}", flush=True)
            app.run(arguments.host, arguments.port, debug=True, use_reloader=False)
        else:
            server = create_server(app, host=arguments.host, port=arguments.port,
                                   threads=arguments.threads)
            print(f"Bazaar listening on http://{arguments.host}:{server.effective_port}", flush=True)
            server.run()  # returns on SIGINT/SIGTERM (waitress catches SystemExit/KeyboardInterrupt)
            server.close()
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
