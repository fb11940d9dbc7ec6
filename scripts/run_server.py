#!/usr/bin/env python3
"""make run: a local Odoo server on a demo database, for developers.

Creates the database on first run (both modules, demo data, French), then
serves it on http://localhost:PORT. Needs Odoo 19 installed from source.
"""

import argparse
import os
import subprocess
import sys

from odoo_local import (
    NO_ODOO_MESSAGE,
    PROJECT_MODULES,
    ROOT,
    database_settings,
    odoo_importable,
    write_local_config,
)

MODULES = ",".join(PROJECT_MODULES)


def database_exists(db_name):
    settings = database_settings()
    env = dict(os.environ, PGUSER=settings["db_user"], PGPORT=settings["db_port"])
    if settings["db_host"]:
        env["PGHOST"] = settings["db_host"]
    probe = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{db_name}'"],
        env=env, capture_output=True, text=True, check=False,
    )
    return probe.stdout.strip() == "1"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--db", default="conciergerie")
    parser.add_argument("--port", type=int, default=8069)
    args = parser.parse_args()
    if not odoo_importable():
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2
    run_dir = ROOT / ".run"
    run_dir.mkdir(exist_ok=True)
    config = write_local_config(run_dir / "odoo.conf", run_dir / "data", args.db, args.port)
    command = [sys.executable, "-m", "odoo", "-c", str(config), "-d", args.db]
    if not database_exists(args.db):
        command += ["-i", MODULES, "--with-demo", "--load-language=fr_FR"]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
