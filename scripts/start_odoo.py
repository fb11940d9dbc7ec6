#!/usr/bin/env python3
"""Start Odoo on the conciergerie's database, doing what each start needs.

Used by the quick-start ``docker compose`` service, by ``make run`` and by the
production compose file (``docker-compose.prod.yml``):

* first start (no database, or the modules not installed yet): install the
  project's modules with their demo data and French, then serve;
* first start with ``--production``: no demo data. The database is created the way
  Odoo's database manager creates one (Odoo's ``exp_create_database``): French,
  France, the administrator ``admin`` with the password ODOO_ADMIN_PASSWORD, then the
  company's name ODOO_COMPANY_NAME when given; the modules are installed, then served;
* later starts: serve the database as it is. A module a user uninstalled stays
  uninstalled, and nothing is installed or upgraded behind the user's back;
* ``--upgrade``: update the project's modules to the code on disk (Odoo's ``-u``,
  which runs the modules' migration scripts), then serve;
* ``--config-from-env``: first write the Odoo configuration file given with ``-c``
  from the environment (the production ``.env``): multi-worker mode, proxy mode,
  database manager off, limits, outgoing mail server (see ``production_config``).

The process hands over to Odoo (``exec``): stopping it by its process id stops Odoo.
"""

import argparse
import configparser
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

from odoo_local import NO_ODOO_MESSAGE, PROJECT_MODULES, odoo_importable  # stdlib only: also runs in the image

CORE_MODULE = PROJECT_MODULES[0]
SMTP_ENCRYPTIONS = ("starttls", "none")


class ConfigurationError(Exception):
    """A production setting is missing or wrong: the message says which and how to fix it."""


def database_state(config_path, db_name):
    """'missing' (no database), 'blank' (a database without Odoo's tables), 'empty' (the core
    module is not installed) or 'installed'."""
    import psycopg2  # noqa: PLC0415  (an Odoo requirement: present wherever Odoo is)

    parser = configparser.RawConfigParser()
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
            return "blank"
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [CORE_MODULE])
        row = cr.fetchone()
        return "installed" if row and row[0] in ("installed", "to upgrade") else "empty"


def odoo_launcher():
    """How to start Odoo with this interpreter: its launcher script (``odoo-bin`` of a source install,
    ``/usr/bin/odoo`` of Odoo's package and Docker image). Odoo's multi-worker server starts its
    websocket (gevent) process by running its own ``sys.argv[0]`` again, which ``python -m odoo``'s
    ``__main__.py`` cannot be; ``-m odoo`` stays the fallback."""
    spec = importlib.util.find_spec("odoo")
    candidates = [Path(location).parent / "odoo-bin" for location in ((spec and spec.submodule_search_locations) or ())
                  if os.path.isabs(location)]
    if found := shutil.which("odoo"):
        candidates.append(Path(found))
    for candidate in candidates:
        try:
            with candidate.open() as handle:
                if candidate.is_file() and "python" in handle.readline():
                    return [sys.executable, str(candidate)]
        except (OSError, UnicodeDecodeError):
            continue
    return [sys.executable, "-m", "odoo"]


def odoo_command(config_path, db_name, state, upgrade=False, extra=(), *, production=False):
    """The Odoo command line for this start."""
    command = [*odoo_launcher(), "-c", str(config_path), "-d", db_name]
    if state != "installed":
        command += ["-i", ",".join(PROJECT_MODULES)]
        command += ["--load-language=fr_FR"] if production else ["--with-demo", "--load-language=fr_FR"]
    elif upgrade:
        command += ["-u", ",".join(PROJECT_MODULES)]
    return command + list(extra)


def _setting(environ, key, default=""):
    value = (environ.get(key) or "").strip()
    return value or default


def _integer(environ, key, default, minimum=0):
    value = _setting(environ, key, str(default))
    if not value.isdigit() or int(value) < minimum:
        raise ConfigurationError(f"{key}={value!r} in .env: a whole number of at least {minimum} is expected")
    return value


def smtp_options(environ):
    """Odoo's own outgoing mail options (``smtp_*``, ``email_from``, ``from_filter``) from the
    SMTP_* settings; empty when SMTP_HOST is not set (Odoo then tries localhost:25)."""
    host = _setting(environ, "SMTP_HOST")
    if not host:
        return {}
    encryption = _setting(environ, "SMTP_ENCRYPTION", "starttls").lower()
    if encryption not in SMTP_ENCRYPTIONS:
        raise ConfigurationError(
            f"SMTP_ENCRYPTION={encryption!r} in .env: Odoo's configuration file knows starttls (port 587, "
            "the usual submission port) or none; SSL on port 465 is not one of its options")
    sender = _setting(environ, "SMTP_FROM")
    if "@" not in sender:
        raise ConfigurationError("SMTP_FROM in .env: the address e-mails are sent from (e.g. "
                                 "conciergerie@haute-marne.fr) is required with SMTP_HOST")
    options = {
        "smtp_server": host,
        "smtp_port": _integer(environ, "SMTP_PORT", 587 if encryption == "starttls" else 25, minimum=1),
        "smtp_ssl": str(encryption == "starttls"),
        "email_from": sender,
        # Mail whose author has another address leaves as SMTP_FROM (Odoo rewrites the From header
        # to "Name <SMTP_FROM>"), so that the relay accepts it and SPF/DKIM hold.
        "from_filter": _setting(environ, "SMTP_FROM_FILTER", sender),
    }
    if user := _setting(environ, "SMTP_USER"):  # none: a relay that trusts this machine
        options.update(smtp_user=user, smtp_password=_setting(environ, "SMTP_PASSWORD"))
    return options


def production_config(environ=None, cpu_count=None):
    """Odoo's options for production, from the environment (``.env`` through
    ``docker-compose.prod.yml``): a dict of option name to the text written in the file."""
    environ = os.environ if environ is None else environ
    missing = [key for key in ("ODOO_DB_PASSWORD", "ODOO_MASTER_PASSWORD") if not _setting(environ, key)]
    if missing:
        raise ConfigurationError(f"{', '.join(missing)} not set: run `make env` (it writes .env with generated "
                                 "secrets) and start with docker-compose.prod.yml")
    db_name = _setting(environ, "ODOO_DB", "conciergerie")
    cpus = cpu_count or os.cpu_count() or 1
    options = {
        "addons_path": _setting(environ, "ODOO_ADDONS_PATH", "/mnt/extra-addons"),
        "data_dir": _setting(environ, "ODOO_DATA_DIR", "/var/lib/odoo"),
        "db_host": _setting(environ, "ODOO_DB_HOST", "db"),
        "db_port": _integer(environ, "ODOO_DB_PORT", 5432, minimum=1),
        "db_user": _setting(environ, "ODOO_DB_USER", "odoo"),
        "db_password": _setting(environ, "ODOO_DB_PASSWORD"),
        # Connections per Odoo process (each worker, cron and the gevent process has its own pool).
        "db_maxconn": _integer(environ, "ODOO_DB_MAXCONN", 16, minimum=2),
        # One database, and no database manager (/web/database/*) on the Internet.
        "dbfilter": f"^{re.escape(db_name)}$",
        "list_db": "False",
        "admin_passwd": _setting(environ, "ODOO_MASTER_PASSWORD"),
        "with_demo": "False",
        # Behind Caddy: trust its X-Forwarded-* headers (client address, https).
        "proxy_mode": "True",
        "http_interface": "0.0.0.0",  # inside the container; compose publishes nothing of Odoo
        "http_port": "8069",
        "gevent_port": "8072",  # live updates (/websocket), routed by the proxy
        "workers": _integer(environ, "ODOO_WORKERS", 2 * cpus + 1, minimum=1),
        "max_cron_threads": _integer(environ, "ODOO_MAX_CRON_THREADS", 2),
        "limit_memory_soft": _integer(environ, "ODOO_LIMIT_MEMORY_SOFT", 2048 * 1024 * 1024, minimum=1),
        "limit_memory_hard": _integer(environ, "ODOO_LIMIT_MEMORY_HARD", 2560 * 1024 * 1024, minimum=1),
        "limit_time_cpu": _integer(environ, "ODOO_LIMIT_TIME_CPU", 600, minimum=1),
        "limit_time_real": _integer(environ, "ODOO_LIMIT_TIME_REAL", 1200, minimum=1),
        "limit_request": _integer(environ, "ODOO_LIMIT_REQUEST", 65536, minimum=1),
        "log_level": _setting(environ, "ODOO_LOG_LEVEL", "info"),
    }
    # A PostgreSQL streaming replica for read-only requests (README, "Past one machine").
    if replica := _setting(environ, "ODOO_DB_REPLICA_HOST"):
        options["db_replica_host"] = replica
        options["db_replica_port"] = _integer(environ, "ODOO_DB_REPLICA_PORT", options["db_port"], minimum=1)
    if int(options["limit_memory_soft"]) > int(options["limit_memory_hard"]):
        raise ConfigurationError("ODOO_LIMIT_MEMORY_SOFT is above ODOO_LIMIT_MEMORY_HARD in .env")
    options.update(smtp_options(environ))
    for key, value in options.items():
        if "\n" in value or "\r" in value:
            raise ConfigurationError(f"the setting behind {key} holds a line break")
    return options


def write_config(path, options):
    """Write Odoo's configuration file, readable by its owner only (it holds passwords)."""
    parser = configparser.RawConfigParser()
    parser["options"] = options
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write("; Written by scripts/start_odoo.py --config-from-env at each start: edit .env instead.\n")
        parser.write(handle)
    return path


def create_production_database(config_path, db_name, environ=None):
    """Create the production database as Odoo's database manager does: no demo data, French,
    France (its time zone for the users), the administrator ``admin`` with ODOO_ADMIN_PASSWORD;
    then the company's name ODOO_COMPANY_NAME when given."""
    environ = os.environ if environ is None else environ
    password = _setting(environ, "ODOO_ADMIN_PASSWORD")
    if not password:
        raise ConfigurationError("ODOO_ADMIN_PASSWORD not set: the first administrator's password comes from "
                                 ".env (run `make env`)")
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415  (Odoo is only importable where it runs)
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service import db as db_service  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", str(config_path)], setup_logging=True)
    # The database manager's function, called from the command line as Odoo's own `odoo db init`
    # does (it lifts the list_db switch the same way); the web database manager stays off.
    config["list_db"] = True
    db_service.exp_create_database(db_name, demo=False, lang="fr_FR", user_password=password, login="admin",
                                   country_code="FR")
    config["list_db"] = False
    if database_state(config_path, db_name) == "blank":  # Odoo logs the error and carries on
        raise ConfigurationError(f"Odoo could not initialise the database {db_name}: see the log above")
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if company_name := _setting(environ, "ODOO_COMPANY_NAME"):
            env.ref("base.main_company").name = company_name


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--db", default=os.environ.get("ODOO_DB") or "conciergerie")
    parser.add_argument("--upgrade", action="store_true", help="update the project's modules first")
    parser.add_argument("--production", action="store_true",
                        help="first start without demo data, administrator's password from ODOO_ADMIN_PASSWORD")
    parser.add_argument("--config-from-env", action="store_true",
                        help="write the configuration file (-c) from the environment first (production)")
    parser.add_argument("--dry-run", action="store_true", help="print the Odoo command instead of running it")
    args, extra = parser.parse_known_args(argv)
    if not odoo_importable():
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2
    try:
        if args.config_from_env:
            write_config(args.config, production_config())
        state = database_state(args.config, args.db)
        command = odoo_command(args.config, args.db, state, upgrade=args.upgrade, extra=extra,
                               production=args.production)
        if args.dry_run:
            print(state)
            print(" ".join(command))
            return 0
        if args.production and state == "blank":
            raise ConfigurationError(
                f"the database {args.db} exists but holds no Odoo tables (a first start interrupted early): "
                f"drop it (docker compose -f docker-compose.prod.yml exec db dropdb -U odoo {args.db}) and start again")
        if args.production and state == "missing":
            print(f"[start] creating the production database {args.db} (no demo data, French)", flush=True)
            create_production_database(args.config, args.db)
    except ConfigurationError as error:
        print(f"[start] {error}", file=sys.stderr)
        return 2
    shown = " ".join(command)
    print(f"[start] database {args.db}: {state}; running: {shown}", flush=True)
    os.execv(command[0], command)
    return 1  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
