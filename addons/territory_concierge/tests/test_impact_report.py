from odoo.tests import HttpCase, tagged

from .common import JourneyCommon
from .impact_dataset import (
    AS_OF,
    CAMPAIGN,
    EXPECTED_CAMPAIGN,
    EXPECTED_FUNNEL,
    EXPECTED_LOST,
    EXPECTED_RETENTION,
    build_impact_dataset,
)


@tagged("post_install", "-at_install")
class TestImpactReport(JourneyCommon):
    """Every figure of the funnel, end reasons, costs and retention, on a constructed case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journeys = build_impact_dataset(cls.env)

    def _kpis(self, **filters):
        return self.env["territory.impact.report"].with_user(self.manager).get_kpis(
            campaign=CAMPAIGN, as_of=AS_OF, **filters)

    def test_stage_history_and_furthest_stage(self):
        installed = self.journeys[0]
        history = installed.stage_history_ids.sorted("stage_sequence")
        self.assertEqual([row.stage_id for row in history], [
            self.stages[name] for name in ("contacted", "qualified", "prioritized", "discovery_stay",
                                           "decision", "moving", "installed")])
        self.assertEqual(history.filtered("skipped").stage_id, self.stages["prioritized"] | self.stages["decision"]
                         | self.stages["moving"], "jumped-over stages are recorded as reached")
        self.assertEqual(installed.furthest_stage_id, self.stages["installed"], "kept when the household left")
        self.assertFalse(installed.active)

    def test_funnel_numbers(self):
        funnel = self._kpis()["funnel"]
        self.assertEqual([(row["stage"], row["reached"], row["conversion"], row["median_days"]) for row in funnel],
                         EXPECTED_FUNNEL)
        self.assertEqual(funnel[0]["label"], "Contacted")

    def test_funnel_report_model(self):
        """The pivot's SQL view gives the same counts."""
        groups = self.env["territory.funnel.report"].with_user(self.concierge)._read_group(
            [("campaign_id.name", "=", CAMPAIGN)], ["stage_id"], ["journey_count:sum"])
        reached = dict(groups)
        for xmlid, count, _conversion, _days in EXPECTED_FUNNEL:
            self.assertEqual(reached.get(self.env.ref(xmlid), 0), count, xmlid)
        lost_at_contacted = self.env["territory.funnel.report"].search_count([
            ("campaign_id.name", "=", CAMPAIGN), ("is_furthest", "=", True), ("is_lost", "=", True),
            ("stage_id", "=", self.stages["contacted"].id)])
        self.assertEqual(lost_at_contacted, 173)

    def test_lost_reasons_per_stage(self):
        lost = {(row["stage"], row["reason"]): row["count"] for row in self._kpis()["lost"]}
        self.assertEqual(lost, EXPECTED_LOST)

    def test_cost_per_campaign(self):
        self.assertEqual(self._kpis()["campaigns"], [EXPECTED_CAMPAIGN])

    def test_retention_cohorts(self):
        self.assertEqual(self._kpis()["retention"], EXPECTED_RETENTION)

    def test_filters_by_first_contact(self):
        kpis = self._kpis(since="2025-02-01")
        self.assertEqual(kpis["funnel"][0]["reached"], 0, "nobody of the campaign was contacted after January")
        self.assertEqual(self._kpis(until="2025-01-10")["funnel"][0]["reached"], 430)

    def test_only_staff_read_the_figures(self):
        from odoo.exceptions import AccessError  # noqa: PLC0415

        with self.assertRaises(AccessError):
            self.env["territory.impact.report"].with_user(self.salesman).get_kpis()

    def test_report_for_elected_officials_is_anonymised(self):
        html = self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(
            "territory_concierge.report_impact_document", [],
            data={"filters": {"campaign": CAMPAIGN}})[0].decode()
        self.assertIn("430", html)
        self.assertIn("4300 €", html, "cost per installed household")
        self.assertIn("&lt; 5", html, "groups of 1 to 4 households are masked")
        self.assertNotIn(">3<", html)
        for journey in self.journeys[:13]:
            self.assertNotIn(journey.name, html)
            self.assertNotIn(journey.email_from, html)
        self.assertNotIn("Adulte", html)
        self.assertNotIn("Emploi du conjoint", html, "the departure reason is personal")

    def test_masking_covers_derived_figures(self):
        """A cost per household or a share computed on 1 to 4 households would give them away."""
        masked = self.env["territory.impact.report"].mask_small_groups({
            "funnel": [{"stage": "s", "reached": 3, "conversion": 0.75, "median_days": 12.0},
                       {"stage": "t", "reached": 30, "conversion": 0.5, "median_days": 3.0}],
            "campaigns": [{"name": "c", "cost": 1000.0, "installed": 2, "cost_per_installed": 500.0,
                           "qualified": 40, "cost_per_qualified": 25.0}],
            "retention": [{"cohort": "2025-Q1", "installed": 4, "still_here_6m": 4, "share_6m": 1.0}],
            "backlog": [{"concierge": "x"}],
        })
        self.assertEqual(masked["funnel"][0], {"stage": "s", "reached": "< 5", "conversion": "< 5",
                                               "median_days": "< 5"})
        self.assertEqual(masked["funnel"][1]["reached"], 30)
        self.assertEqual(masked["campaigns"][0]["cost_per_installed"], "< 5")
        self.assertEqual(masked["campaigns"][0]["cost_per_qualified"], 25.0)
        self.assertEqual(masked["retention"][0]["share_6m"], "< 5")
        self.assertNotIn("backlog", masked, "the staff's workload is not for the public report")

    def test_dashboard_backlog(self):
        dashboard = self.env["territory.impact.report"].with_user(self.manager).get_dashboard(campaign=CAMPAIGN)
        self.assertIn("backlog", dashboard)
        self.assertEqual(dashboard["funnel"][0]["reached"], 430)


@tagged("post_install", "-at_install")
class TestImpactDashboardUi(HttpCase):

    def test_dashboard_tour(self):
        """The manager opens the dashboard in Chromium: funnel, retention, costs and backlog render."""
        self.start_tour("/odoo/impact", "territory_concierge_impact_dashboard_tour", login="admin")
