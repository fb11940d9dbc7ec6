"""make backup / make restore (scripts/backup.py): an archive of the test database with its journeys,
attachments and portal users, restored under another name, holds the same records and files."""

import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import backup as backup_script
import pytest
from odoo_local import ROOT

SCRIPT = [sys.executable, str(ROOT / "scripts" / "backup.py")]
CONTENT = b"Attestation d'employeur - famille Rousseau\n" * 50


def _run(*args):
    result = subprocess.run([*SCRIPT, "-c", os.environ["ODOO_CONFIG"], *args], capture_output=True, text=True,
                            check=False, cwd=ROOT, timeout=900)
    return result


def _filestore(path):
    return {str(file.relative_to(path)): hashlib.sha1(file.read_bytes()).hexdigest()
            for file in path.rglob("*") if file.is_file()}


def _state(registry):
    """What a restore must bring back: journeys, attachments with their files, portal users."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        journeys = env["crm.lead"].search([("is_journey", "=", True)], order="id")
        cr.execute("SELECT login, password FROM res_users WHERE share ORDER BY login")
        portal = cr.fetchall()
        cr.execute("SELECT id, name, res_model, res_id, checksum, store_fname FROM ir_attachment "
                   "WHERE store_fname IS NOT NULL ORDER BY id")
        attachments = cr.fetchall()
        return {
            "journeys": [[j.id, j.name, j.stage_id.name, j.email_from, j.user_id.login] for j in journeys],
            "portal": portal,
            "attachments": attachments,
        }


@pytest.fixture(scope="module")
def restored(registry, odoo_db, tmp_path_factory):
    """(state before, state of the restored copy, its registry, the archive) for one backup of the
    test database restored as <db>_restored."""
    from odoo import SUPERUSER_ID, api, sql_db  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        journey = env["crm.lead"].search([("is_journey", "=", True)], limit=1)
        attachment = env["ir.attachment"].create({
            "name": "attestation.txt", "raw": CONTENT, "res_model": "crm.lead", "res_id": journey.id})
        attachment_id, store_fname = attachment.id, attachment.store_fname
    before = _state(registry)
    files_before = _filestore(Path(config.filestore(odoo_db)))
    assert store_fname in files_before, "the attachment is a file of the filestore"
    assert before["journeys"] and before["portal"]

    directory = tmp_path_factory.mktemp("backups")
    result = _run("backup", "--db", odoo_db, "--dir", str(directory))
    assert result.returncode == 0, result.stderr[-3000:]
    archive = directory / result.stdout.strip().splitlines()[-1].split("/")[-1]
    copy = f"{odoo_db}_restored"
    try:
        result = _run("restore", str(archive), "--db", copy)
        assert result.returncode == 0, result.stderr[-3000:]
        copy_registry = Registry(copy)
        yield {"before": before, "after": _state(copy_registry), "files_before": files_before,
               "files_after": _filestore(Path(config.filestore(copy))), "registry": copy_registry,
               "archive": archive, "attachment_id": attachment_id, "original": config.filestore(odoo_db)}
    finally:
        Registry.delete(copy)
        sql_db.close_db(copy)
        subprocess.run(["dropdb", "--if-exists", "--force", copy], check=False, capture_output=True)
        shutil.rmtree(config.filestore(copy), ignore_errors=True)


def test_backup_is_one_archive_in_odoos_format(restored, odoo_db):
    archive = restored["archive"]
    assert backup_script.ARCHIVE.match(archive.name)["db"] == odoo_db
    assert archive.stat().st_mode & 0o077 == 0, "personal data: readable by its owner only"
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
    assert {"dump.sql", "manifest.json"} <= names
    assert any(name.startswith("filestore/") for name in names)


def test_restore_brings_back_records_and_files(restored):
    before, after = restored["before"], restored["after"]
    for key in before:
        assert after[key] == before[key], f"{key} differ after the restore"
    files_before, files_after = restored["files_before"], restored["files_after"]
    missing = sorted(name for name, digest in files_before.items() if files_after.get(name) != digest)
    assert not missing, f"files not restored with their content: {missing[:5]}"
    # A file the running server wrote after the snapshot may be in the archive too: it is the original's.
    original = Path(restored["original"])
    for name, digest in files_after.items():
        assert hashlib.sha1((original / name).read_bytes()).hexdigest() == digest, name
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with restored["registry"].cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        assert env["ir.attachment"].browse(restored["attachment_id"]).raw == CONTENT


def test_restore_never_replaces_a_database_silently(restored, odoo_db):
    result = _run("restore", str(restored["archive"]), "--db", odoo_db)
    assert result.returncode != 0
    assert f"the database {odoo_db} exists" in result.stderr


def test_nightly_keeps_the_configured_days(tmp_path):
    now = datetime.datetime(2026, 11, 29, 2, 30)
    for days in (0, 1, 13, 15, 30):
        (tmp_path / f"conciergerie_{(now - datetime.timedelta(days=days)).strftime(backup_script.STAMP)}.zip").touch()
    (tmp_path / "other_2026-01-01_023000.zip").touch()
    (tmp_path / "conciergerie_2026-01-01_023000_before-restore.zip").touch()
    removed = backup_script.prune(tmp_path, "conciergerie", keep_days=14, now=now)
    assert sorted(path.name for path in removed) == ["conciergerie_2026-10-30_023000.zip",
                                                     "conciergerie_2026-11-14_023000.zip"]
    assert len(list(tmp_path.glob("*.zip"))) == 5, "other databases' and pre-restore archives stay"
    assert backup_script.next_run("02:30", datetime.datetime(2026, 11, 29, 1, 0)) == datetime.datetime(
        2026, 11, 29, 2, 30)
    assert backup_script.next_run("02:30", datetime.datetime(2026, 11, 29, 2, 30)) == datetime.datetime(
        2026, 11, 30, 2, 30)


def test_status_reports_a_missed_night(tmp_path):
    status = [*SCRIPT, "status", "--dir", str(tmp_path), "--max-age-hours", "26"]
    assert subprocess.run(status, capture_output=True, check=False).returncode == 1, "no archive at all"
    stamp = (datetime.datetime.now() - datetime.timedelta(hours=30)).strftime(backup_script.STAMP)
    (tmp_path / f"conciergerie_{stamp}.zip").touch()
    assert subprocess.run(status, capture_output=True, check=False).returncode == 1
    (tmp_path / f"conciergerie_{datetime.datetime.now().strftime(backup_script.STAMP)}.zip").touch()
    assert subprocess.run(status, capture_output=True, check=False).returncode == 0


def test_backup_explains_how_to_get_odoo_when_missing(tmp_path):
    fake_python = tmp_path / "python3"
    fake_python.write_text(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")
    fake_python.chmod(0o755)
    result = subprocess.run([str(fake_python), str(ROOT / "scripts" / "backup.py"), "backup"], capture_output=True,
                            text=True, check=False, env={"PATH": f"{tmp_path}:/usr/bin:/bin"})
    assert result.returncode == 2
    assert "Odoo 19 is not installed" in result.stderr
