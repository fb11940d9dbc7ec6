"""Upgrading the modules on a database with data keeps every journey and what hangs on it."""

import os
import subprocess
import sys

from odoo_local import PROJECT_MODULES

MODULES = ",".join(PROJECT_MODULES)
COUNTED = ("crm.lead", "territory.household.member", "territory.consent", "territory.request",
           "crm.lead.stage.history", "territory.commune", "territory.share", "territory.opportunity",
           "territory.sponsorship", "territory.sponsorship.meeting", "event.registration", "territory.stay.slot")


def counts(client):
    result = {}
    for model in COUNTED:
        response = client.call(model, "search_count", domain=[], context={"active_test": False})
        assert response.status_code == 200, response.text
        result[model] = response.json()
    return result


def test_upgrade_keeps_data(client_for):
    manager = client_for("territory_concierge.group_concierge_manager")
    before = counts(manager)
    assert before["crm.lead"] > 0 and before["territory.consent"] > 0
    journeys_before = manager.call("crm.lead", "search_read", domain=[("is_journey", "=", True)],
                                   fields=["name", "stage_id", "furthest_stage_id", "priority_score", "email_from"],
                                   context={"active_test": False}, order="id").json()
    upgrade = subprocess.run(
        [sys.executable, "-m", "odoo", "-c", os.environ["ODOO_CONFIG"], "-d", os.environ["ODOO_DB"],
         "-u", MODULES, "--stop-after-init", "--log-level=warn"],
        capture_output=True, text=True, check=False, timeout=600)
    assert upgrade.returncode == 0, upgrade.stderr[-3000:]
    assert counts(manager) == before
    journeys_after = manager.call("crm.lead", "search_read", domain=[("is_journey", "=", True)],
                                  fields=["name", "stage_id", "furthest_stage_id", "priority_score", "email_from"],
                                  context={"active_test": False}, order="id").json()
    assert journeys_after == journeys_before
