import base64
import re

from babel.numbers import format_decimal

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

    def test_figures_survive_renamed_reordered_and_added_stages(self):
        """Staff renamed every stage, recreated the "installed" stage and the departure reason
        (their xml ids are gone), put a stage of their own between two others and renumbered the
        pipeline: the campaigns' and retention figures are those of the shipped pipeline."""
        before = self._kpis()
        for stage in self.stages.values():
            stage.name = f"{stage.name} (renommée)"
            stage.sequence = stage.sequence * 10
        self.env["ir.model.data"].search([("module", "=", "territory_concierge"), ("name", "in", (
            "stage_qualified", "stage_discovery_stay", "stage_installed",
            "lost_reason_left_after_installation"))]).unlink()
        self.env["crm.stage"].create({"name": "Visio de présentation", "team_ids": [(6, 0, self.team.ids)],
                                      "sequence": self.stages["qualified"].sequence + 5})
        after = self._kpis()
        self.assertEqual(after["campaigns"], before["campaigns"])
        self.assertEqual(after["retention"], before["retention"])
        self.assertEqual([row["reached"] for row in after["funnel"] if row["label"] != "Visio de présentation"],
                         [row["reached"] for row in before["funnel"]])
        self.assertEqual([row["milestone"] for row in after["funnel"] if row["milestone"]],
                         ["contacted", "qualified", "stay", "installed", "settled"])

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

    def _report_html(self, **filters):
        return self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(
            "territory_concierge.report_impact_document", [],
            data={"filters": {"as_of": AS_OF, **filters}})[0].decode()

    def test_report_for_elected_officials_is_anonymised(self):
        html = self._report_html(campaign=CAMPAIGN)
        self.assertIn("430", html)
        self.assertIn("4\u202f300\xa0€", html, "cost per installed household, in euros, French thousands")
        self.assertIn("moins de 5 foyers", html, "a count of 1 to 4 households says what it hides")
        self.assertNotIn("&lt; 5", html)
        self.assertNotIn(">3<", html)
        self.assertNotIn(">2<", html)
        for journey in self.journeys[:13]:
            self.assertNotIn(journey.name, html)
            self.assertNotIn(journey.email_from, html)
        self.assertNotIn("Adulte", html)
        self.assertNotIn("Emploi du conjoint", html, "the departure reason is personal")

    def test_report_for_elected_officials_reads_french(self):
        """Printed by an English-speaking manager, the report is French: dates, numbers, quarters,
        durations, euros; with the conciergerie's letterhead and the two charts drawn on the server."""
        self.assertEqual(self.manager.lang, "en_US")
        html = self._report_html(campaign=CAMPAIGN)
        stay_median = format_decimal(EXPECTED_FUNNEL[3][3], format="#,##0.#", locale="fr_FR")
        for expected in ("28 novembre 2026", "80\xa0%", "60\xa0%", f"{stay_median} jours",
                         "5\u202f375\xa0€", "impact de la conciergerie de territoire", "encore là après un an",
                         self.env.company.name):
            self.assertIn(expected, html)
        self.assertIn("Séjour découverte", html, "stage names in French")
        self.assertIn("Sans réponse", html, "end reasons in French")
        self.assertNotIn(AS_OF, html, "no ISO date")
        self.assertNotIn("2025-Q2", html, "no cohort code")
        for placeholder in ("My Company", "YourCompany", "Mon entreprise"):
            self.assertNotIn(placeholder, html)
        charts = [(re.search(r'o_impact_chart_(\w+)', tag).group(1),
                   re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag).group(1))
                  for tag in re.findall(r"<img[^>]*o_impact_chart_[^>]*>", html)]
        self.assertEqual([kind for kind, _data in charts], ["funnel", "retention"], "both charts, as SVG images")
        funnel_svg = base64.b64decode(charts[0][1]).decode()
        self.assertTrue(funnel_svg.startswith("<svg"))
        self.assertEqual(funnel_svg.count("<rect"), 7, "one bar per stage reached (none for the 0 of the last)")
        self.assertIn("Séjour découverte", funnel_svg)
        retention_svg = base64.b64decode(charts[1][1]).decode()
        self.assertIn("2e trimestre 2025", retention_svg)
        self.assertIn("à venir", retention_svg, "24 months are not measurable yet")

    def test_report_lists_the_conciergeries_campaigns_only(self):
        """Odoo's stock campaigns (demo "Sale", "Christmas Special"…) a journey may point at (a
        visitor's link) are not the conciergerie's: not in its report."""
        stock = self.env["utm.campaign"].create({"name": "Offre de Noël"})
        self.assertFalse(stock.concierge_campaign, "created outside the conciergerie's staff")
        own = self.env["utm.campaign"].with_user(self.concierge).create({"name": "Salon Vivre à la campagne"})
        self.assertTrue(own.concierge_campaign, "created by the conciergerie's staff")
        self._create_journey(name="Foyer du lien", campaign_id=stock.id)
        html = self._report_html()
        self.assertIn(CAMPAIGN, html)
        self.assertNotIn("Offre de Noël", html)
        stock_names = self.env["utm.campaign"].search([("concierge_campaign", "=", False)]).mapped("name")
        for name in stock_names:
            self.assertNotIn(f">{name}<", html)

    def test_masking_covers_derived_figures(self):
        """A cost per household or a share computed on 1 to 4 households would give them away."""
        masked = self.env["territory.impact.report"].mask_small_groups({
            "funnel": [{"stage": "s", "label": "S", "reached": 3, "conversion": 0.75, "median_days": 12.0},
                       {"stage": "t", "label": "T", "reached": 0, "conversion": 0.0, "median_days": None},
                       {"stage": "u", "label": "U", "reached": 30, "conversion": 0.5, "median_days": 3.0}],
            "campaigns": [{"name": "c", "cost": 1000.0, "installed": 2, "cost_per_installed": 500.0,
                           "qualified": 40, "cost_per_qualified": 25.0}],
            "retention": [{"cohort": "2025-Q1", "installed": 4, "still_here_6m": 4, "share_6m": 1.0}],
            "backlog": [{"concierge": "x"}],
        })
        self.assertEqual(masked["funnel"][0], {"stage": "s", "label": "S", "reached": None, "conversion": None,
                                               "median_days": None,
                                               "masked": ["reached", "conversion", "median_days"]})
        self.assertEqual(masked["funnel"][1]["masked"], ["conversion"], "a share of 1 to 4 households")
        self.assertEqual(masked["funnel"][2]["reached"], 30)
        self.assertIsNone(masked["campaigns"][0]["cost_per_installed"])
        self.assertEqual(masked["campaigns"][0]["cost_per_qualified"], 25.0)
        self.assertIsNone(masked["retention"][0]["share_6m"])
        self.assertNotIn("backlog", masked, "the staff's workload is not for the public report")
        # Written: a count says what it hides, a derived figure is a dash with its footnote.
        masked["filters"] = {"since": None, "until": None, "campaign": None, "as_of": AS_OF}
        masked["lost"] = []
        shown = self.env["territory.impact.report"]._present(masked, "fr_FR")
        self.assertEqual([row["reached"] for row in shown["funnel"]], ["moins de 5 foyers", "0", "30"])
        self.assertEqual(shown["funnel"][0]["median_days"], "—*")
        self.assertEqual(shown["funnel"][2]["median_days"], "3 jours")
        self.assertEqual(shown["campaigns"][0]["cost_per_installed"], "—*")
        self.assertEqual(shown["campaigns"][0]["cost_per_qualified"], "25\xa0€")
        self.assertEqual(shown["retention"][0]["cohort"], "1er trimestre 2025")
        self.assertIn("moins de 5 foyers", shown["footnotes"][0])

    def test_dashboard_backlog(self):
        dashboard = self.env["territory.impact.report"].with_user(self.manager).get_dashboard(campaign=CAMPAIGN)
        self.assertIn("backlog", dashboard)
        self.assertEqual(dashboard["funnel"][0]["reached"], 430)

    def test_dashboard_reads_as_the_report(self):
        """The dashboard shows the report's figures as the server wrote them, in the user's language."""
        self.manager.lang = "fr_FR"  # the web client calls with the user's language
        report = self.env["territory.impact.report"].with_user(self.manager).with_context(
            lang=self.manager.lang).get_dashboard(campaign=CAMPAIGN)["report"]
        self.assertEqual(report["funnel"][1]["conversion"], "60\xa0%")
        self.assertEqual(report["headline"][3]["value"], "4\u202f300\xa0€")
        self.assertIn("moins de 5 foyers", [row["count"] for row in report["lost"]])
        self.assertTrue(report["charts"]["funnel"].startswith("data:image/svg+xml;base64,"))


@tagged("post_install", "-at_install")
class TestImpactDashboardUi(HttpCase):

    def test_dashboard_tour(self):
        """The manager opens the dashboard in Chromium: funnel, retention, costs and backlog render."""
        self.start_tour("/odoo/impact", "territory_concierge_impact_dashboard_tour", login="admin")
