#!/usr/bin/env python3
"""Start Odoo on the conciergerie's database, doing what each start needs.

Used by the quick-start ``docker compose`` service and by ``make run``:

* first start (no database, or the modules not installed yet): install the
  project's modules with their demo data and French, then serve;
* later starts: serve the database as it is. A module a user uninstalled stays
  uninstalled, and nothing is installed or upgraded behind the user's back;
* ``--upgrade``: update the project's modules to the code on disk (Odoo's ``-u``,
  which runs the modules' migration scripts), then serve.

The process hands over to Odoo (``exec``): stopping it by its process id stops Odoo.
"""

import argparse
import configparser
import os
import sys

from odoo_local import PROJECT_MODULES  # stdlib only: also runs in the Docker image

CORE_MODULE = PROJECT_MODULES[0]


def database_state(config_path, db_name):
    """'missing' (no database), 'empty' (the core module is not installed) or 'installed'."""
    import psycopg2  # noqa: PLC0415  (an Odoo requirement: present wherever Odoo is)

    parser = configparser.ConfigParser()
    parser.read(config_path)
    options = parser["options"] if parser.has_section("options") else {}

    def option(key, default=None):
        value = options.get(key, default)
        return None if value in (None, "", "False") else value

    connect = {"dbname": "postgres", "host": option("db_host"), "port": option("db_port"),
               "user": option("db_user"), "password": option("db_password")}
    with psycopg2.connect(**{k: v for k, v in connect.items() if v}) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
        if not cr.fetchone():
            return "missing"
    connect["dbname"] = db_name
    with psycopg2.connect(**{k: v for k, v in connect.items() if v}) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module')")
        if not cr.fetchone()[0]:
            return "empty"
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [CORE_MODULE])
        row = cr.fetchone()
        return "installed" if row and row[0] in ("installed", "to upgrade") else "empty"


def odoo_command(config_path, db_name, state, upgrade=False, extra=()):
    """The Odoo command line for this start."""
    command = [sys.executable, "-m", "odoo", "-c", str(config_path), "-d", db_name]
    if state != "installed":
        command += ["-i", ",".join(PROJECT_MODULES), "--with-demo", "--load-language=fr_FR"]
    elif upgrade:
        command += ["-u", ",".join(PROJECT_MODULES)]
    return command + list(extra)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--db", default="conciergerie")
    parser.add_argument("--upgrade", action="store_true", help="update the project's modules first")
    parser.add_argument("--dry-run", action="store_true", help="print the Odoo command instead of running it")
    args, extra = parser.parse_known_args(argv)
    state = database_state(args.config, args.db)
    command = odoo_command(args.config, args.db, state, upgrade=args.upgrade, extra=extra)
    if args.dry_run:
        print(state)
        print(" ".join(command))
        return 0
    print(f"[start] database {args.db}: {state}; running: {' '.join(command)}", flush=True)
    os.execv(command[0], command)
    return 1  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
