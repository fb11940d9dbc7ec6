"""The production setup's own code: `make env`, the configuration start_odoo.py writes from .env,
and the first start of a production database (no demo data, French, the administrator's password
and the company's name from .env)."""

import configparser
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time

import pytest
import requests
import start_odoo
from odoo_local import PROJECT_MODULES, ROOT

ENV = {"ODOO_DB_PASSWORD": "db-secret", "ODOO_MASTER_PASSWORD": "master-secret", "ODOO_DB": "conciergerie"}
SMTP = {"SMTP_HOST": "smtp.haute-marne.fr", "SMTP_PORT": "587", "SMTP_ENCRYPTION": "starttls",
        "SMTP_USER": "conciergerie", "SMTP_PASSWORD": "smtp-secret", "SMTP_FROM": "conciergerie@haute-marne.fr"}


def test_make_env_generates_secrets_and_never_overwrites(tmp_path):
    target = tmp_path / ".env"
    command = [sys.executable, str(ROOT / "scripts" / "make_env.py"), "--output", str(target)]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    text = target.read_text()
    assert target.stat().st_mode & 0o077 == 0, ".env is readable by its owner only"
    values = dict(re.findall(r"^(\w+)=(.*)$", text, re.MULTILINE))
    example = dict(re.findall(r"^(\w+)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert values.keys() == example.keys(), "make env writes every setting of .env.example"
    secrets = [values[key] for key in ("POSTGRES_PASSWORD", "ODOO_MASTER_PASSWORD", "ODOO_ADMIN_PASSWORD")]
    assert all(len(secret) >= 24 for secret in secrets) and len(set(secrets)) == 3
    target.write_text(text + "DOMAIN=edited.example.fr\n")
    second = subprocess.run(command, capture_output=True, text=True, check=False)
    assert second.returncode == 1 and "exists already" in second.stderr
    assert "DOMAIN=edited.example.fr" in target.read_text(), "an existing .env is left as it is"
    other = tmp_path / "other.env"
    subprocess.run([*command[:2], "--output", str(other)], check=True, capture_output=True)
    assert not set(secrets) & set(re.findall(r"PASSWORD=(.+)", other.read_text())), "fresh secrets each time"


def test_production_config_from_the_environment():
    options = start_odoo.production_config({**ENV, **SMTP}, cpu_count=4)
    assert options["workers"] == "9", "2 x CPU + 1 by default"
    assert options["gevent_port"] == "8072" and options["proxy_mode"] == "True"
    assert options["list_db"] == "False" and options["dbfilter"] == "^conciergerie$"
    assert options["with_demo"] == "False"
    assert options["db_password"] == "db-secret" and options["admin_passwd"] == "master-secret"
    assert int(options["limit_memory_soft"]) < int(options["limit_memory_hard"])
    assert options["limit_time_cpu"] and options["limit_time_real"]
    assert {key: options[key] for key in ("smtp_server", "smtp_port", "smtp_user", "smtp_password", "smtp_ssl",
                                          "email_from", "from_filter")} == {
        "smtp_server": "smtp.haute-marne.fr", "smtp_port": "587", "smtp_user": "conciergerie",
        "smtp_password": "smtp-secret", "smtp_ssl": "True", "email_from": "conciergerie@haute-marne.fr",
        "from_filter": "conciergerie@haute-marne.fr"}
    overridden = start_odoo.production_config({**ENV, "ODOO_WORKERS": "3", "SMTP_HOST": "relay.local",
                                               "SMTP_ENCRYPTION": "none", "SMTP_FROM": "accueil@haute-marne.fr",
                                               "SMTP_FROM_FILTER": "haute-marne.fr"}, cpu_count=4)
    assert overridden["workers"] == "3"
    assert overridden["smtp_ssl"] == "False" and overridden["smtp_port"] == "25"
    assert overridden["from_filter"] == "haute-marne.fr" and "smtp_user" not in overridden
    assert "smtp_server" not in start_odoo.production_config(ENV), "no SMTP_HOST: Odoo's defaults"
    assert "db_replica_host" not in overridden
    replica = start_odoo.production_config({**ENV, "ODOO_DB_REPLICA_HOST": "db-replica"})
    assert (replica["db_replica_host"], replica["db_replica_port"]) == ("db-replica", "5432")


@pytest.mark.parametrize(("settings", "message"), [
    ({"ODOO_DB_PASSWORD": ""}, "ODOO_DB_PASSWORD not set"),
    ({"ODOO_MASTER_PASSWORD": ""}, "ODOO_MASTER_PASSWORD not set"),
    ({"ODOO_WORKERS": "two"}, "ODOO_WORKERS"),
    ({**SMTP, "SMTP_ENCRYPTION": "ssl"}, "starttls (port 587"),
    ({**SMTP, "SMTP_FROM": ""}, "SMTP_FROM"),
    ({"ODOO_LIMIT_MEMORY_SOFT": "3000000000"}, "above ODOO_LIMIT_MEMORY_HARD"),
])
def test_production_config_refuses_wrong_settings(settings, message):
    with pytest.raises(start_odoo.ConfigurationError, match=re.escape(message)):
        start_odoo.production_config({**ENV, **settings}, cpu_count=2)


def test_odoo_reads_the_written_configuration(tmp_path):
    """The file start_odoo.py writes is read by Odoo as meant, without unknown options."""
    path = start_odoo.write_config(tmp_path / "odoo.conf", start_odoo.production_config({**ENV, **SMTP}, 2))
    assert path.stat().st_mode & 0o077 == 0, "it holds passwords"
    probe = (f"from odoo.tools import config; config.parse_config(['-c', {str(path)!r}]); "
             "print([config[key] for key in ('workers', 'proxy_mode', 'list_db', 'with_demo', 'gevent_port', "
             "'smtp_ssl', 'smtp_port', 'dbfilter')])")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[5, True, False, False, 8072, True, 587, '^conciergerie$']"
    assert "unknown option" not in result.stderr


def test_production_first_start_installs_without_demo(odoo_db):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "start_odoo.py"), "-c", os.environ["ODOO_CONFIG"], "--dry-run",
         "--production", "-d", f"{odoo_db}_prod_not_created"], capture_output=True, text=True, check=True)
    state, command = result.stdout.strip().splitlines()
    command = command.split()
    assert state == "missing"
    assert command[command.index("-i") + 1] == ",".join(PROJECT_MODULES)
    assert "--with-demo" not in command and "--load-language=fr_FR" in command


def test_production_database_is_created_as_the_database_manager_does(odoo_db):
    """No demo data, French, France, admin's password and the company's name from .env."""
    from odoo import SUPERUSER_ID, api, sql_db  # noqa: PLC0415
    from odoo.exceptions import AccessDenied  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    db_name = f"{odoo_db}_prod"
    env = dict(os.environ, ODOO_ADMIN_PASSWORD="Premier-mot-de-passe-42", ODOO_COMPANY_NAME="Conciergerie 52")
    create = ("import sys; sys.path.insert(0, 'scripts'); import start_odoo; "
              f"start_odoo.create_production_database({os.environ['ODOO_CONFIG']!r}, {db_name!r})")
    subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False, capture_output=True)
    try:
        result = subprocess.run([sys.executable, "-c", create], env=env, cwd=ROOT, capture_output=True, text=True,
                                check=False, timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]
        with Registry(db_name).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            assert admin.login == "admin" and admin.lang == "fr_FR" and admin.tz == "Europe/Paris"
            assert env["res.users"].authenticate(
                {"type": "password", "login": "admin", "password": "Premier-mot-de-passe-42"},
                {"interactive": False})["uid"] == admin.id
            with pytest.raises(AccessDenied):
                env["res.users"].authenticate({"type": "password", "login": "admin", "password": "admin"},
                                              {"interactive": False})
            company = env.ref("base.main_company")
            assert company.name == "Conciergerie 52" and company.country_id.code == "FR"
            assert not env["ir.module.module"].search([("demo", "=", True)]), "no demo data"
    finally:
        Registry.delete(db_name)
        sql_db.close_db(db_name)
        subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False, capture_output=True)


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive what Odoo sends: (envelope sender, recipients, message)."""

    def handle(self):
        self.wfile.write(b"220 sink ready\r\n")
        sender, recipients = None, []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                data = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.server.received.append((sender, recipients, data.decode()))
                recipients = []
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"MAIL":
                sender = re.search(rb"<([^>]*)>", line)[1].decode()
            elif verb == b"RCPT":
                recipients.append(re.search(rb"<([^>]*)>", line)[1].decode())
            self.wfile.write(b"250 ok\r\n")


def test_outgoing_mail_leaves_through_the_smtp_server_of_env(odoo_db, tmp_path):
    """The SMTP_* settings become Odoo's own options at start: a mail of the database leaves through
    that server, from SMTP_FROM (a user's own address only as the display name), without any
    outgoing mail server configured in Settings."""
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink) as sink:
        sink.received = []
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        options = _test_database_options(
            odoo_db, SMTP_HOST="127.0.0.1", SMTP_PORT=str(sink.server_address[1]), SMTP_ENCRYPTION="none",
            SMTP_FROM="conciergerie@haute-marne.test")
        config = start_odoo.write_config(tmp_path / "odoo.conf", options)
        send = ("mail = env['mail.mail'].create({'email_from': 'Julien Petit <julien.petit@gmail.test>', "
                "'email_to': 'famille.rousseau@example.org', 'subject': 'Bienvenue en Haute-Marne', "
                "'body_html': '<p>Bonjour</p>'})\n"
                "assert not env['ir.mail_server'].search([]), 'no outgoing server record'\n"
                "mail.send(raise_exception=True)\nprint('STATE', mail.state)\n")
        result = subprocess.run([sys.executable, "-m", "odoo", "shell", "-c", str(config), "-d", odoo_db, "--no-http",
                                 "--log-level=warn"], input=send, capture_output=True, text=True, check=False,
                                timeout=300, cwd=ROOT)
        sink.shutdown()
    assert "STATE sent" in result.stdout, (result.stdout + result.stderr)[-3000:]
    [(sender, recipients, message)] = sink.received
    assert sender == "conciergerie@haute-marne.test"
    assert recipients == ["famille.rousseau@example.org"]
    assert re.search(r"^From: .*Julien Petit.*<conciergerie@haute-marne\.test>", message, re.MULTILINE), message[:800]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_database_options(odoo_db, **settings):
    """production_config for the test database, its connection taken from make test's configuration."""
    test_config = configparser.RawConfigParser()
    test_config.read(os.environ["ODOO_CONFIG"])
    options = start_odoo.production_config({
        "ODOO_DB": odoo_db, "ODOO_DB_PASSWORD": "unused", "ODOO_MASTER_PASSWORD": "unused",
        "ODOO_ADDONS_PATH": test_config["options"]["addons_path"], "ODOO_DATA_DIR": test_config["options"]["data_dir"],
        **settings})
    options.update({key: test_config["options"][key] for key in ("db_host", "db_port", "db_user", "db_password")})
    return options


def test_production_serves_with_workers_and_can_start_the_websocket_process(odoo_db, tmp_path):
    """As the production container starts it: multi-worker mode. Odoo's server starts its websocket
    (gevent) process, the one Caddy routes /websocket to, by running ``sys.executable sys.argv[0]
    gevent …``: the start script hands over to Odoo's launcher script, which can be run so (not
    ``python -m odoo``, whose ``__main__.py`` cannot)."""
    launcher = start_odoo.odoo_launcher()
    assert launcher[0] == sys.executable and launcher[1] != "-m", launcher
    rerun = subprocess.run([sys.executable, launcher[1], "--version"], capture_output=True, text=True, check=False)
    assert rerun.returncode == 0 and "Odoo Server 19" in rerun.stdout, rerun.stderr[-2000:]
    http_port, gevent_port = _free_port(), _free_port()
    options = _test_database_options(odoo_db, ODOO_WORKERS="2", ODOO_MAX_CRON_THREADS="0")
    options.update(http_interface="127.0.0.1", http_port=str(http_port), gevent_port=str(gevent_port))
    config = start_odoo.write_config(tmp_path / "odoo.conf", options)
    log = tmp_path / "odoo.log"
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "start_odoo.py"), "-c", str(config),
                               "-d", odoo_db, f"--logfile={log}"], cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{http_port}/web/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)
        else:
            pytest.fail(f"no answer on /web/health: {log.read_text()[-2000:]}")
        assert log.read_text().count("Worker WorkerHTTP") >= 2, "multi-worker mode"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_start_explains_how_to_get_odoo_when_missing(tmp_path):
    fake_python = tmp_path / "python3"
    fake_python.write_text(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")
    fake_python.chmod(0o755)
    result = subprocess.run([str(fake_python), str(ROOT / "scripts" / "start_odoo.py"), "-c", "odoo.conf",
                             "--config-from-env", "--production"], capture_output=True, text=True, check=False,
                            env={"PATH": f"{tmp_path}:/usr/bin:/bin"})
    assert result.returncode == 2
    assert "Odoo 19 is not installed" in result.stderr
