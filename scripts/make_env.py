#!/usr/bin/env python3
"""make env: write the production settings file .env from .env.example, with generated secrets.

The database password, Odoo's master password and the first administrator's password are
drawn at random (``secrets``); everything else is copied from .env.example, to be edited
(domain, e-mail, SMTP). An existing .env is never overwritten: its secrets protect a running
database. The file is readable by its owner only and ignored by git.
"""

import argparse
import os
import re
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ("POSTGRES_PASSWORD", "ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD")


def render(example_text):
    """The .env text: .env.example with each secret given a fresh random value."""
    lines = []
    for line in example_text.splitlines():
        match = re.match(r"^(\w+)=", line)
        if match and match[1] in SECRETS:  # 32 URL-safe characters: no quoting needed
            lines.append(f"{match[1]}={secrets.token_urlsafe(24)}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--output", type=Path, default=ROOT / ".env", help="file to write (default: .env)")
    parser.add_argument("--example", type=Path, default=ROOT / ".env.example", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        descriptor = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{args.output} exists already: left as it is (its passwords protect a running database). "
              "Edit it, or move it away first to make a new one.", file=sys.stderr)
        return 1
    with os.fdopen(descriptor, "w") as handle:
        handle.write(render(args.example.read_text()))
    print(f"Wrote {args.output} with generated passwords (readable by you only). Now set DOMAIN, ACME_EMAIL and "
          "the SMTP_* settings in it, then: docker compose -f docker-compose.prod.yml up -d")
    return 0


if __name__ == "__main__":
    sys.exit(main())
