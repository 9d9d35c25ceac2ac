"""``python -m webmail --port 8026 --mailpit http://127.0.0.1:8025``"""

import argparse

from waitress import serve

from webmail import create_app

parser = argparse.ArgumentParser(description="The shopper's mailbox site, over Mailpit")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8026)
parser.add_argument("--mailpit", default="http://127.0.0.1:8025", help="Mailpit's URL")
args = parser.parse_args()
print(f"Webmail listening on http://{args.host}:{args.port} (letters from {args.mailpit})", flush=True)
serve(create_app(args.mailpit), host=args.host, port=args.port, threads=8, _quiet=True)
