"""The project's own command-line tools, without a server."""

import subprocess
import sys

from check_csv import check
from odoo_local import ROOT, write_local_config


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
