"""What the project's local commands (make test, make run, make bench) share:
finding Odoo and deriving a machine-local server configuration from odoo.conf."""

import configparser
import getpass
import importlib.util
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project's modules, in install order; the website glue last (it pulls in the website).
PROJECT_MODULES = (
    "territory_concierge", "territory_partner", "ambassador_network", "territory_concierge_event",
    "territory_concierge_mass_mailing", "territory_concierge_website",
)

NO_ODOO_MESSAGE = """\
Odoo 19 is not installed here and docker compose is not available.
Get Odoo 19.0 one of two ways:
  * Docker: install Docker with the compose plugin, then run the command again
    (make test then runs inside the official odoo:19.0 image);
  * from source: follow https://www.odoo.com/documentation/19.0/administration/on_premise/source.html
    (get the 19.0 branch, `pip install -r requirements.txt`, then `pip install -e .` in it)
    so that `python3 -c "import odoo"` works, then run the command again.
"""


def odoo_importable():
    """True when this interpreter can import Odoo (make test then runs it with the same one)."""
    try:
        return importlib.util.find_spec("odoo.release") is not None
    except ModuleNotFoundError:
        return False


def database_settings():
    """Connection to PostgreSQL: local socket as the current OS user unless told otherwise."""
    return {
        "db_host": os.environ.get("ODOO_DB_HOST", ""),
        "db_port": os.environ.get("ODOO_DB_PORT", "5432"),
        "db_user": os.environ.get("ODOO_DB_USER", getpass.getuser()),
        "db_password": os.environ.get("ODOO_DB_PASSWORD", ""),
    }


def write_local_config(path, data_dir, db_name, http_port, tests=False):
    """Write odoo.conf with its machine-specific keys replaced (see the comment at its top).

    :param Path path: where to write the configuration
    :param Path data_dir: Odoo's data_dir (filestore, sessions)
    :param str db_name: the only database the server serves
    :param int http_port: local port of the server
    :param bool tests: no cron threads, so that test runs stay deterministic
    """
    parser = configparser.ConfigParser()
    parser.read(ROOT / "odoo.conf")
    options = parser["options"]
    options["addons_path"] = str(ROOT / "addons")
    options["data_dir"] = str(data_dir)
    options["dbfilter"] = f"^{re.escape(db_name)}$"
    options["http_interface"] = "127.0.0.1"
    options["http_port"] = str(http_port)
    if tests:
        options["max_cron_threads"] = "0"
    for key, value in database_settings().items():
        options[key] = value or "False"
    with path.open("w") as handle:
        parser.write(handle)
    return path
