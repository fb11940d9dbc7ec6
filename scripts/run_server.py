#!/usr/bin/env python3
"""make run: a local Odoo server on a demo database, for developers.

Writes a machine-local configuration (from odoo.conf) and hands over to
scripts/start_odoo.py: the first run creates the database with the project's
modules, demo data and French; later runs serve it as it is (``--upgrade``
updates the modules first). Needs Odoo 19 installed from source.
"""

import argparse
import sys

import start_odoo
from odoo_local import NO_ODOO_MESSAGE, ROOT, odoo_importable, write_local_config


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--db", default="conciergerie")
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--upgrade", action="store_true", help="update the project's modules first")
    args, odoo_options = parser.parse_known_args()  # the rest goes to Odoo (e.g. --dev=all)
    if not odoo_importable():
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2
    run_dir = ROOT / ".run"
    run_dir.mkdir(exist_ok=True)
    config = write_local_config(run_dir / "odoo.conf", run_dir / "data", args.db, args.port)
    # exec: Odoo takes this process's id, so stopping it by that id stops the server.
    return start_odoo.main(["-c", str(config), "-d", args.db] + (["--upgrade"] if args.upgrade else [])
                           + odoo_options)


if __name__ == "__main__":
    sys.exit(main())
