"""Upgrading a desk's database from the previous release keeps its data, its configuration and
its portal access, and runs the modules' migration scripts.

The previous release's modules (``git archive`` of PREVIOUS_RELEASE) are installed with their demo
data in a database of their own; the desk's configuration is changed the way staff would (a stage
renamed, a gate added, score weights, a team member's rules); then the current code upgrades the
database (Odoo's ``-u``, as ``make run --upgrade`` and the compose upgrade command do) and the
same snapshot is taken again and compared; finally the portal users sign in and open their pages.
"""

import ast
import configparser
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tarfile
import time
from io import BytesIO

import pytest
import requests
from odoo_local import PROJECT_MODULES, ROOT

# main as the first wave landed it: the release desks run today. Bump it at each release.
PREVIOUS_RELEASE = "964ce3f"

CONFIGURE = """
stage_qualified = env.ref("territory_concierge.stage_qualified")
stage_qualified.name = "Qualifié (appel fait)"
env.ref("territory_concierge.stage_decision").required_field_ids = [(4, env["ir.model.fields"]._get(
    "crm.lead", "motivation").id)]
team = env.ref("territory_concierge.crm_team_concierge")
team.write({"score_weight_horizon": 10, "score_weight_fit": 50})
member = team.crm_team_member_ids.filtered(lambda m: m.user_id.login == "concierge2")
member.assignment_domain_preferred = "[('profile_ids.code', '=', 'artisan')]"
env.cr.commit()
"""

SNAPSHOT = """
import json
COUNTED = ("crm.lead", "territory.household.member", "territory.consent", "territory.request",
           "crm.lead.stage.history", "territory.commune", "territory.share", "territory.opportunity",
           "territory.sponsorship", "territory.sponsorship.meeting", "event.registration",
           "territory.stay.slot", "res.users")
env = env(context={"active_test": False})
team = env.ref("territory_concierge.crm_team_concierge")
journeys = env["crm.lead"].search([("is_journey", "=", True)], order="id")
snapshot = {
    "counts": {model: env[model].search_count([]) for model in COUNTED},
    "journeys": [[j.id, j.name, j.stage_id.name, j.furthest_stage_id.name, j.priority_score, j.email_from,
                  j.user_id.login, j.partner_id.id] for j in journeys],
    "stage_qualified": env.ref("territory_concierge.stage_qualified").name,
    "decision_gate": sorted(env.ref("territory_concierge.stage_decision").required_field_ids.mapped("name")),
    "weights": [team.score_weight_horizon, team.score_weight_motivation, team.score_weight_maturity,
                team.score_weight_fit],
    "members": sorted([m.user_id.login, m.assignment_domain or "", m.assignment_domain_preferred or ""]
                      for m in team.crm_team_member_ids),
    "consents": sorted([c.journey_id.id, c.purpose, c.is_active] for c in env["territory.consent"].search([])),
    "shares": sorted([s.journey_id.id, s.partner_org_id.id, s.state] for s in env["territory.share"].search([])),
    "sponsorships": sorted([s.journey_id.id, s.ambassador_id.id, s.state]
                           for s in env["territory.sponsorship"].search([])),
}
versions = dict(env["ir.module.module"].search([("name", "like", "territor%")]).mapped(
    lambda m: (m.name, m.latest_version)))
versions.update(env["ir.module.module"].search([("name", "=", "ambassador_network")]).mapped(
    lambda m: (m.name, m.latest_version)))
print("VERSIONS" + json.dumps(versions))
print("SNAPSHOT" + json.dumps(snapshot))
"""

# Each portal role opens its page after the upgrade (demo logins: password = login).
PORTAL_PAGES = {
    "family": ("/my/journey", "Rousseau"),
    "partner": ("/my/shared-journeys", "Moreau"),
    # The ambassador's list names households by their first names ("Foyer d'Élodie et Hugo").
    "ambassador": ("/my/sponsorships", "Hugo"),
}


def _config(path, addons_path, db_name, data_dir, http_port=None):
    parser = configparser.ConfigParser()
    parser.read(os.environ["ODOO_CONFIG"])
    options = parser["options"]
    options["addons_path"] = str(addons_path)
    options["dbfilter"] = f"^{re.escape(db_name)}$"
    options["data_dir"] = str(data_dir)
    options["max_cron_threads"] = "0"
    if http_port:
        options["http_port"] = str(http_port)
    with path.open("w") as handle:
        parser.write(handle)
    return path


def _odoo(config, db_name, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "-m", "odoo", *args[:1], "-c", str(config), "-d", db_name, *args[1:]],
        input=stdin, capture_output=True, text=True, check=False, timeout=1200, cwd=ROOT)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout


def _snapshot(config, db_name):
    """The desk's data and configuration, and the installed versions of the modules."""
    output = _odoo(config, db_name, "shell", "--no-http", "--log-level=warn", stdin=SNAPSHOT)
    found = {line[:8]: json.loads(line[8:]) for line in output.splitlines()
             if line.startswith(("SNAPSHOT", "VERSIONS"))}
    return {**found["SNAPSHOT"], "versions": found["VERSIONS"]}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory, odoo_db):
    """(snapshot before, snapshot after, current config, database) of a database upgraded from
    the previous release."""
    workdir = tmp_path_factory.mktemp("upgrade")
    archive = subprocess.run(["git", "archive", "--format=tar", PREVIOUS_RELEASE, "addons"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(workdir / "previous", filter="data")
    db_name = f"{odoo_db}_upgrade"
    subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False, capture_output=True)
    previous = _config(workdir / "previous.conf", workdir / "previous" / "addons", db_name, workdir / "data")
    current = _config(workdir / "current.conf", ROOT / "addons", db_name, workdir / "data", _free_port())
    # Modules new since the previous release are installed by the upgrade, as a desk would
    # (e.g. Email Marketing, which brings territory_concierge_mass_mailing).
    released = ",".join(m for m in PROJECT_MODULES if (workdir / "previous" / "addons" / m).is_dir())
    new_modules = [m for m in PROJECT_MODULES if not (workdir / "previous" / "addons" / m).is_dir()]
    try:
        _odoo(previous, db_name, "server", "-i", released, "--with-demo", "--stop-after-init",
              "--log-level=warn")
        _odoo(previous, db_name, "shell", "--no-http", "--log-level=warn", stdin=CONFIGURE)
        before = _snapshot(previous, db_name)
        _odoo(current, db_name, "server", "-u", released, *(["-i", ",".join(new_modules)] if new_modules else []),
              "--stop-after-init", "--log-level=info")
        after = _snapshot(current, db_name)
        yield before, after, current, db_name
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False, capture_output=True)


def test_upgrade_keeps_data_and_configuration(upgraded):
    before, after, _config_path, _db = upgraded
    assert before["counts"]["crm.lead"] > 0 and before["shares"] and before["sponsorships"]
    assert before["stage_qualified"] == "Qualifié (appel fait)", "the desk's configuration was applied"
    for key in set(before) - {"versions"}:
        assert after[key] == before[key], f"{key} changed by the upgrade"
    for module in PROJECT_MODULES:
        manifest = ast.literal_eval((ROOT / "addons" / module / "__manifest__.py").read_text())
        assert after["versions"][module] == manifest["version"], f"{module} was not upgraded"


def test_portal_users_reach_their_pages_after_the_upgrade(upgraded):
    _before, _after, config_path, db_name = upgraded
    parser = configparser.ConfigParser()
    parser.read(config_path)
    url = f"http://127.0.0.1:{parser['options']['http_port']}"
    server = subprocess.Popen([sys.executable, "-m", "odoo", "-c", str(config_path), "-d", db_name],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still loading the registry
                time.sleep(1)
        else:
            pytest.fail("the upgraded database could not be served")
        for login, (page, expected) in PORTAL_PAGES.items():
            session = requests.Session()
            form = session.get(f"{url}/web/login", timeout=120).text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
            session.post(f"{url}/web/login", data={"login": login, "password": login, "csrf_token": csrf},
                         timeout=120)
            response = session.get(f"{url}{page}", timeout=120)
            assert response.status_code == 200, f"{login}: {page} answered {response.status_code}"
            assert expected in response.text, f"{login}: {page} does not show {expected}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
