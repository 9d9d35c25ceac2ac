"""Serve the shop: python -m examples.flask_security_shop --port 5200 --smtp 127.0.0.1:5203 [--test-mode]"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from waitress import serve

from examples.flask_security_shop import config_from_environment, create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="flask_security_shop", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5200)
    parser.add_argument("--smtp", default="127.0.0.1:1025", help="where letters go (host:port)")
    parser.add_argument("--test-mode", action="store_true", help="offer the /__test__/ seams")
    args = parser.parse_args()
    host, _, port = args.smtp.rpartition(":")
    database = Path(tempfile.mkdtemp(prefix="fs-shop-")) / "shop.sqlite"  # a fresh shop each start
    config = {"MAIL_SERVER": host, "MAIL_PORT": int(port), "TEST_MODE": args.test_mode,
              "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", **config_from_environment()}
    app = create_app(config)
    print(f"Flask-Security shop on http://{args.host}:{args.port} (letters to {args.smtp})", flush=True)
    serve(app, host=args.host, port=args.port, threads=8)


if __name__ == "__main__":
    main()
