"""The project's own command-line tools (the start script uses the test database)."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from check_csv import check
from odoo_local import PROJECT_MODULES, ROOT, write_local_config


def test_csv_checker_accepts_the_project_files():
    for path in ROOT.glob("addons/*/security/ir.model.access.csv"):
        assert check(str(path)) == []
    assert check(str(ROOT / "data" / "communes_haute_marne_sample.csv")) == []


def test_csv_checker_reports_bad_rows(tmp_path):
    bad = tmp_path / "ir.model.access.csv"
    bad.write_text("id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
                   "a,a,model_x,,1,1,1\n"
                   "b,b,model_x,,1,2,0,0\n")
    problems = check(str(bad))
    assert any(":2: 7 cells" in problem for problem in problems)
    assert any(":3: permissions must be 0 or 1" in problem for problem in problems)


def test_local_config_keeps_odoo_conf_and_replaces_machine_keys(tmp_path):
    path = write_local_config(tmp_path / "odoo.conf", tmp_path / "data", "mydb", 18069, tests=True)
    text = path.read_text()
    assert f"addons_path = {ROOT / 'addons'}" in text
    assert "dbfilter = ^mydb$" in text
    assert "http_port = 18069" in text
    assert "proxy_mode = False" in text, "what is not machine-specific comes from odoo.conf"
    assert "max_cron_threads = 0" in text


def test_sample_communes_are_haute_marne_towns():
    text = (ROOT / "data" / "communes_haute_marne_sample.csv").read_text()
    assert "COM,52121,52,Chaumont,52000," in text
    assert "COM,52448,52,Saint-Dizier,52100," in text
    assert "COM,52269,52,Langres,52200," in text


def test_run_tests_explains_how_to_get_odoo_when_missing(tmp_path):
    """Without Odoo (an interpreter that cannot import it) the runner says how to get it."""
    fake_python = tmp_path / "python3"
    fake_python.write_text(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")
    fake_python.chmod(0o755)
    result = subprocess.run(
        [str(fake_python), str(ROOT / "scripts" / "run_tests.py")],
        capture_output=True, text=True, check=False, env={"PATH": f"{tmp_path}:/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "Odoo 19 is not installed" in result.stderr


def _start_plan(*args):
    """What scripts/start_odoo.py would run (its --dry-run): (database state, command)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "start_odoo.py"), "-c", os.environ["ODOO_CONFIG"],
         "--dry-run", *args], capture_output=True, text=True, check=True)
    state, command = result.stdout.strip().splitlines()
    return state, command.split()


def test_start_installs_the_demo_on_first_start_only(odoo_db):
    """The quick start's second start serves the database as it is: no module comes back."""
    state, command = _start_plan("-d", f"{odoo_db}_not_created_yet")
    assert state == "missing"
    assert command[command.index("-i") + 1] == ",".join(PROJECT_MODULES)
    assert "--with-demo" in command and "--load-language=fr_FR" in command
    state, command = _start_plan("-d", odoo_db)
    assert state == "installed"
    assert "-i" not in command and "-u" not in command and "--with-demo" not in command
    state, command = _start_plan("-d", odoo_db, "--upgrade", "--stop-after-init")
    assert command[command.index("-u") + 1] == ",".join(PROJECT_MODULES)
    assert command[-1] == "--stop-after-init", "other options go to Odoo"


def test_make_run_stops_when_stopped_by_its_process_id(odoo_db):
    """make run's process is Odoo itself (exec): SIGTERM to its id leaves no server behind."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "run_server.py"), "--db", odoo_db, "--port", str(port),
         "--max-cron-threads=0"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/web/health"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if requests.get(url, timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still loading
                time.sleep(1)
        else:
            pytest.fail("make run did not serve within 2 minutes")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        with pytest.raises(requests.ConnectionError):
            requests.get(url, timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
