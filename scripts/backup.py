#!/usr/bin/env python3
"""Back up and restore the conciergerie's database with its filestore (make backup, make restore).

One archive per backup, ``<db>_<YYYY-MM-DD_HHMMSS>.zip``, in Odoo's own format: the zip of the
database manager (``dump.sql``, ``filestore/``, ``manifest.json``), written and read by Odoo's own
functions (``odoo.service.db.dump_db`` and ``restore_db``), so that Odoo's database manager or
``odoo db load`` can restore it too.

  backup.py backup  [--db DB] [--dir DIR]               one archive now; prints its path
  backup.py restore FILE [--db NAME] [--force] [--neutralize]
                                                         the archive's database under its own name or NAME
  backup.py nightly [--db DB] [--dir DIR] [--at HH:MM] [--keep-days N]
                                                         every day at HH:MM (TZ); keeps N days of archives
  backup.py status  [--dir DIR] [--max-age-hours H]     exit 1 when the newest archive is older than H hours

Configuration: ``-c FILE`` (an Odoo configuration file), ``--config-from-env`` (production: the same
settings as the Odoo service, from .env), or by default the local one of ``make run``.
"""

import argparse
import datetime
import json
import os
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from odoo_local import NO_ODOO_MESSAGE, ROOT, odoo_importable, write_local_config

ARCHIVE = re.compile(r"^(?P<db>.+)_(?P<stamp>\d{4}-\d\d-\d\d_\d{6})\.zip$")
STAMP = "%Y-%m-%d_%H%M%S"


def log(message):
    print(f"[backup] {time.strftime('%Y-%m-%d %H:%M:%S')} {message}", flush=True)


def load_odoo(config_path):
    """Odoo with this configuration, and the database manager's functions enabled for this
    process only, as Odoo's own ``odoo db`` command does (the web manager stays off: list_db)."""
    from odoo.service import db as db_service  # noqa: PLC0415  (Odoo is only importable where it runs)
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", str(config_path)], setup_logging=True)
    config["list_db"] = True
    return db_service


def backup(config_path, db_name, directory, suffix=""):
    """Write one archive of the database and its filestore into directory; return its path."""
    db_service = load_odoo(config_path)
    if not db_service.exp_db_exist(db_name):
        raise SystemExit(f"[backup] no database {db_name} to back up")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{db_name}_{datetime.datetime.now().strftime(STAMP)}{suffix}.zip"
    partial = path.with_name(path.name + ".part")  # never mistaken for an archive if interrupted
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # personal data
    try:
        with os.fdopen(descriptor, "wb") as handle:
            db_service.dump_db(db_name, handle, "zip")
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    log(f"{db_name} backed up to {path} ({path.stat().st_size // 1024} KiB)")
    return path


def restore(config_path, archive, db_name=None, force=False, neutralize=False):
    """Restore an archive under its database's name or db_name. An existing database is replaced
    only with force, after an archive of it is taken next to the restored one."""
    archive = Path(archive)
    if not zipfile.is_zipfile(archive):
        raise SystemExit(f"[backup] {archive} is not an archive of backup.py (a zip with dump.sql)")
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    db_name = db_name or manifest["db_name"]
    db_service = load_odoo(config_path)
    from odoo.tools import config  # noqa: PLC0415

    if db_service.exp_db_exist(db_name):
        if not force:
            raise SystemExit(f"[backup] the database {db_name} exists: restore under another name (--db NAME), or "
                             "replace it with --force (stop Odoo first; an archive of it is taken before)")
        backup(config_path, db_name, archive.parent, suffix="_before-restore")
        db_service.exp_drop(db_name)
    # The same database brought back keeps its identity (uuid, secret: sessions and signed links);
    # a copy under another name gets its own, as the database manager's "copy".
    db_service.restore_db(db_name, str(archive), copy=db_name != manifest["db_name"], neutralize_database=neutralize)
    filestore = Path(config.filestore(db_name))
    data_dir = Path(config["data_dir"])
    if os.geteuid() == 0 and filestore.exists():  # restored by root (the backup container): give it to Odoo
        owner = data_dir.stat()
        for path in [filestore.parent, filestore, *filestore.rglob("*")]:
            os.chown(path, owner.st_uid, owner.st_gid)
    log(f"{archive} restored as database {db_name}")
    return db_name


def archives(directory, db_name=None):
    """(date, path) of the archives in directory, oldest first (pre-restore archives excluded)."""
    found = []
    for path in Path(directory).glob("*.zip"):
        match = ARCHIVE.match(path.name)
        if match and (db_name is None or match["db"] == db_name):
            found.append((datetime.datetime.strptime(match["stamp"], STAMP), path))
    return sorted(found)


def prune(directory, db_name, keep_days, now=None):
    """Delete the archives of db_name older than keep_days days; the newest one always stays."""
    now = now or datetime.datetime.now()
    found = archives(directory, db_name)
    removed = []
    for taken, path in found[:-1]:
        if now - taken > datetime.timedelta(days=keep_days):
            path.unlink()
            removed.append(path)
    return removed


def next_run(at, now=None):
    """The next local time at HH:MM after now."""
    now = now or datetime.datetime.now()
    hour, minute = (int(part) for part in at.split(":"))
    planned = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return planned if planned > now else planned + datetime.timedelta(days=1)


def nightly(config_path, db_name, directory, at, keep_days):
    """Back up every day at `at`; also at once when the newest archive is more than a day old."""
    log(f"nightly backups of {db_name} at {at} ({time.tzname[0]}) into {directory}, kept {keep_days} days")
    while True:
        found = archives(directory, db_name)
        if found and datetime.datetime.now() - found[-1][0] < datetime.timedelta(days=1):
            time.sleep(max((next_run(at) - datetime.datetime.now()).total_seconds(), 1))
        try:
            backup(config_path, db_name, directory)
            for path in prune(directory, db_name, keep_days):
                log(f"removed {path} (older than {keep_days} days)")
        except (Exception, SystemExit) as error:  # tomorrow is another try; the healthcheck tells
            log(f"FAILED: {error}")
            time.sleep(3600)


def status(directory, max_age_hours):
    found = archives(directory)
    if not found:
        print(f"no archive in {directory}")
        return 1
    taken, path = found[-1]
    age = datetime.datetime.now() - taken
    print(f"newest archive {path.name}, {age.total_seconds() / 3600:.1f} hours old")
    return 0 if age <= datetime.timedelta(hours=max_age_hours) else 1


def _at(value):
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
        raise argparse.ArgumentTypeError(f"{value!r}: a time HH:MM is expected")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", maxsplit=1)[1])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-c", "--config", type=Path, help="Odoo configuration file")
    where.add_argument("--config-from-env", action="store_true", help="production: settings from the environment")
    default_db = os.environ.get("ODOO_DB") or "conciergerie"
    default_dir = os.environ.get("BACKUP_DIR") or str(ROOT / "backups")
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("backup", help="one archive now")
    one.add_argument("--db", default=default_db)
    one.add_argument("--dir", default=default_dir)
    back = commands.add_parser("restore", help="bring an archive back")
    back.add_argument("file", type=Path)
    back.add_argument("--db", help="database name (default: the archive's)")
    back.add_argument("--force", action="store_true", help="replace an existing database (archived first)")
    back.add_argument("--neutralize", action="store_true",
                      help="a test copy: no outgoing mail server, no scheduled jobs (Odoo's neutralize)")
    every = commands.add_parser("nightly", help="back up every day and keep --keep-days days")
    every.add_argument("--db", default=default_db)
    every.add_argument("--dir", default=default_dir)
    every.add_argument("--at", type=_at, default=os.environ.get("BACKUP_TIME") or "02:30")
    every.add_argument("--keep-days", type=int, default=int(os.environ.get("BACKUP_KEEP_DAYS") or 14))
    check = commands.add_parser("status", help="exit 1 when the newest archive is too old")
    check.add_argument("--dir", default=default_dir)
    check.add_argument("--max-age-hours", type=float, default=26)
    args = parser.parse_args(argv)

    if args.command == "status":
        return status(args.dir, args.max_age_hours)
    if not odoo_importable():
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2
    if args.config_from_env:
        import start_odoo  # noqa: PLC0415

        try:
            options = start_odoo.production_config()
        except start_odoo.ConfigurationError as error:
            print(f"[backup] {error}", file=sys.stderr)
            return 2
        config_path = start_odoo.write_config(Path(tempfile.mkdtemp()) / "odoo.conf", options)
    elif args.config:
        config_path = args.config
    else:  # the local setup of make run (its data directory, hence its filestore)
        run_dir = ROOT / ".run"
        run_dir.mkdir(exist_ok=True)
        config_path = write_local_config(run_dir / "backup.conf", run_dir / "data", args.db or default_db, 8069)
    if args.command == "backup":
        print(backup(config_path, args.db, args.dir))
    elif args.command == "restore":
        restore(config_path, args.file, args.db, force=args.force, neutralize=args.neutralize)
    else:
        nightly(config_path, args.db, args.dir, args.at, args.keep_days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
