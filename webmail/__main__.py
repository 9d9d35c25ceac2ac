"""``python -m webmail --port 8026 --mail http://127.0.0.1:8025 [--catcher mailpit|maildev]``"""

import argparse

from waitress import serve

from mailflow_specs.mail.catchers import DEFAULT, NAMES
from webmail import create_app

parser = argparse.ArgumentParser(description="The shopper's mailbox site, over the mail catcher")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8026)
parser.add_argument("--mail", "--mailpit", dest="mail", default="http://127.0.0.1:8025",
                    help="the mail catcher's API URL")
parser.add_argument("--catcher", choices=NAMES, default=DEFAULT, help="which mail catcher answers there")
args = parser.parse_args()
print(f"Webmail listening on http://{args.host}:{args.port} (letters from {args.catcher} at {args.mail})", flush=True)
serve(create_app(args.mail, args.catcher), host=args.host, port=args.port, threads=8, _quiet=True)
