"""Serve the shop: python -m examples.allauth_shop --port 5300 --smtp 127.0.0.1:5303 [--test-mode]"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="allauth_shop", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5300)
    parser.add_argument("--smtp", default="127.0.0.1:1025", help="where letters go (host:port)")
    parser.add_argument("--test-mode", action="store_true", help="offer the /__test__/ seams")
    args = parser.parse_args()
    host, _, port = args.smtp.rpartition(":")
    database = Path(tempfile.mkdtemp(prefix="allauth-shop-")) / "shop.sqlite"  # a fresh shop each start
    os.environ.update(SHOP_SMTP_HOST=host, SHOP_SMTP_PORT=port, SHOP_DATABASE=str(database),
                      SHOP_TEST_MODE="1" if args.test_mode else "0",
                      DJANGO_SETTINGS_MODULE="examples.allauth_shop.settings")
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from waitress import serve

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    application = get_wsgi_application()
    print(f"allauth shop on http://{args.host}:{args.port} (letters to {args.smtp})", flush=True)
    serve(application, host=args.host, port=args.port, threads=8)


if __name__ == "__main__":
    main()
