"""The quick-start compose file: valid, a demo reachable from this machine only, started by the
project's start script (first start installs, later starts serve as is)."""

import shutil
import subprocess

import yaml
from odoo_local import ROOT

COMPOSE = ROOT / "docker-compose.yml"


def test_compose_file_validates():
    """Debian's docker-compose validates the file without a Docker engine (.ci/run installs it)."""
    assert shutil.which("docker-compose"), "apt-get install docker-compose (.ci/run does)"
    result = subprocess.run(["docker-compose", "-f", str(COMPOSE), "config", "-q"],
                            capture_output=True, text=True, check=False, cwd=ROOT)
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
