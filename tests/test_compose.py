"""The compose files, checked where Docker cannot run.

The quick start (docker-compose.yml): valid, a demo reachable from this machine only, started by
the project's start script (first start installs, later starts serve as is). The production setup
(docker-compose.prod.yml, Caddyfile, .env.example): valid, no demo data, only the proxy
published, no secret in the repository, proxy mode and no database manager, health checks."""

import os
import re
import shutil
import subprocess
import sys

import pytest
import start_odoo
import yaml
from odoo_local import ROOT

COMPOSE = ROOT / "docker-compose.yml"
PRODUCTION = ROOT / "docker-compose.prod.yml"
SECRET_WORDS = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|_KEY", re.IGNORECASE)


@pytest.fixture(scope="module")
def env_file(tmp_path_factory):
    """An .env as `make env` writes it, with the two settings the administrator must fill."""
    path = tmp_path_factory.mktemp("env") / ".env"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_env.py"), "--output", str(path)], check=True,
                   capture_output=True)
    path.write_text(path.read_text().replace("DOMAIN=\n", "DOMAIN=conciergerie.example.fr\n")
                    .replace("ACME_EMAIL=\n", "ACME_EMAIL=informatique@example.fr\n"))
    return path


def _compose(*args):
    """Debian's docker-compose validates and resolves a file without a Docker engine (.ci/run installs it)."""
    assert shutil.which("docker-compose"), "apt-get install docker-compose (.ci/run does)"
    # Only PATH: variables of the caller (make test sets ODOO_DB) would override .env's.
    return subprocess.run(["docker-compose", *args], capture_output=True, text=True, check=False, cwd=ROOT,
                          env={"PATH": os.environ["PATH"]})


@pytest.fixture(scope="module")
def production(env_file):
    """docker-compose.prod.yml as docker compose resolves it with that .env."""
    result = _compose("--env-file", str(env_file), "-f", str(PRODUCTION), "config")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def test_compose_file_validates():
    result = _compose("-f", str(COMPOSE), "config", "-q")
    assert result.returncode == 0, result.stderr


def test_quick_start_publishes_on_localhost_only():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    for name, service in services.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond this machine"


def test_quick_start_uses_the_start_script():
    odoo = yaml.safe_load(COMPOSE.read_text())["services"]["odoo"]
    assert odoo["command"][:2] == ["python3", "/mnt/scripts/start_odoo.py"]
    assert "./scripts:/mnt/scripts:ro" in odoo["volumes"]
    assert "-i" not in odoo["command"], "installing on every start would bring uninstalled modules back"


def test_production_file_validates_and_needs_the_env(env_file, tmp_path):
    result = _compose("--env-file", str(env_file), "-f", str(PRODUCTION), "config", "-q")
    assert result.returncode == 0, result.stderr
    # It validates without .env too (CI, a first look); the secrets then resolve blank, and
    # the services refuse them at start: Odoo's start script says to run `make env`, the
    # official PostgreSQL image refuses an empty superuser password.
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = _compose("--env-file", str(empty), "-f", str(PRODUCTION), "config")
    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)["services"]
    assert not resolved["db"]["environment"]["POSTGRES_PASSWORD"]
    with pytest.raises(start_odoo.ConfigurationError, match="make env"):
        start_odoo.production_config(resolved["odoo"]["environment"], cpu_count=2)


def test_production_publishes_only_the_proxy(production):
    published = {name: service.get("ports", []) for name, service in production.items() if service.get("ports")}
    assert list(published) == ["caddy"], f"only Caddy is published on the host, not {list(published)}"
    assert {str(port["published"]) for port in published["caddy"]} == {"80", "443"}
    assert production["caddy"]["image"].startswith("caddy:2")


def test_production_has_no_demo_data(production):
    command = production["odoo"]["command"]
    assert command[:2] == ["python3", "/mnt/scripts/start_odoo.py"]
    assert "--production" in command and "--config-from-env" in command
    assert "--with-demo" not in command and "-i" not in command
    text = PRODUCTION.read_text()
    assert "--with-demo" not in text and not re.search(r"without[_-]demo\W+(false|0)", text, re.IGNORECASE)
    options = start_odoo.production_config(production["odoo"]["environment"])
    assert options["with_demo"] == "False"


def test_production_runs_behind_the_proxy_without_database_manager(production):
    options = start_odoo.production_config(production["odoo"]["environment"], cpu_count=2)
    assert options["proxy_mode"] == "True" and options["list_db"] == "False"
    assert options["dbfilter"] == "^conciergerie$"
    assert int(options["workers"]) == 5, "multi-worker mode: 2 x CPU + 1"
    caddyfile = (ROOT / "Caddyfile").read_text()
    assert "{$DOMAIN}" in caddyfile
    assert re.search(r"handle /websocket \{\s*reverse_proxy odoo:8072\s*\}", caddyfile), "/websocket -> gevent"
    assert re.search(r"handle \{\s*reverse_proxy odoo:8069\s*\}", caddyfile)
    caddy_volumes = production["caddy"]["volumes"]
    assert any(str(volume).startswith(f"{ROOT / 'Caddyfile'}:/etc/caddy/Caddyfile") for volume in caddy_volumes)


def test_production_health_checks(production):
    assert "/web/health" in " ".join(production["odoo"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(production["db"]["healthcheck"]["test"])
    assert production["caddy"]["depends_on"]["odoo"]["condition"] == "service_healthy"
    assert "status" in production["backup"]["healthcheck"]["test"], "a missed nightly backup shows"
    assert production["backup"]["command"][1:] == ["/mnt/scripts/backup.py", "--config-from-env", "nightly", "--dir",
                                                   "/mnt/backups"]


def test_production_sizes_postgresql(production):
    command = " ".join(production["db"]["command"])
    for setting in ("shared_buffers", "work_mem", "effective_cache_size", "max_connections"):
        assert f"{setting}=" in command


def test_no_secret_in_the_repository():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, ".env is ignored by git"
    tracked = subprocess.run(["git", "ls-files", ".env", "backups"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    assert not tracked.strip(), f"committed: {tracked}"
    example = dict(re.findall(r"^(\w+)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE))
    for key, value in example.items():
        if SECRET_WORDS.search(key):
            assert value == "", f".env.example holds a value for {key}"
    production = yaml.safe_load(PRODUCTION.read_text())
    blocks = [production["x-odoo-environment"], *(s.get("environment", {}) for s in production["services"].values())]
    for block in blocks:
        for key, value in block.items():
            if SECRET_WORDS.search(key):
                assert re.fullmatch(r"\$\{\w+(:\?[^}]*|:-)?\}", str(value)), f"{key} must come from .env (${{VAR}})"
