from datetime import date

from odoo.tests import tagged

from .common import JourneyCommon

AS_OF = "2026-11-28"


@tagged("post_install", "-at_install")
class TestDemoCampaign(JourneyCommon):
    """The demo holds the seed's 2021 campaign as it happened: its funnel (430 contacted, 257
    selected, 13 invited to the October 2021 weekend, 10 installed), dated stage history,
    end reasons, cost and departures, so the figures are the seed's on the first start."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env.ref("territory_concierge.utm_campaign_haute_marne_2021")
        cls.journeys = cls.env["crm.lead"].with_context(active_test=False).search(
            [("campaign_id", "=", cls.campaign.id)])

    def _kpis(self):
        return self.env["territory.impact.report"].with_user(self.manager).get_kpis(
            campaign=self.campaign.name, as_of=AS_OF)

    def test_funnel_is_the_seeds(self):
        funnel = {row["stage"].removeprefix("territory_concierge.stage_"): row for row in self._kpis()["funnel"]}
        self.assertEqual({stage: row["reached"] for stage, row in funnel.items()}, {
            "contacted": 430, "qualified": 257, "prioritized": 35, "discovery_stay": 13, "decision": 11,
            "moving": 10, "installed": 10, "settled": 9})
        dashboard = self.env["territory.impact.report"].with_user(self.manager).get_dashboard(
            campaign=self.campaign.name)
        self.assertEqual([row["reached"] for row in dashboard["funnel"]][:4], [430, 257, 35, 13])

    def test_medians_are_days_spent(self):
        medians = {row["stage"].removeprefix("territory_concierge.stage_"): row["median_days"]
                   for row in self._kpis()["funnel"]}
        self.assertTrue(14 <= medians["contacted"] <= 35, "qualified a few weeks after the first contact")
        for stage in ("qualified", "prioritized", "discovery_stay", "decision", "moving"):
            self.assertGreaterEqual(medians[stage], 20, f"{stage}: weeks or months, not 0 days")
        self.assertTrue(364 <= medians["installed"] <= 367, "settled a year after installing")
        self.assertIsNone(medians["settled"], "nobody has left it but the household gone since")

    def test_end_reasons_costs_and_retention(self):
        kpis = self._kpis()
        lost = {}
        for row in kpis["lost"]:
            lost[row["reason"]] = lost.get(row["reason"], 0) + row["count"]
        ref = self.env.ref
        self.assertEqual(sum(lost.values()), 422, "430 less the 8 households still here")
        self.assertEqual(lost[ref("territory_concierge.lost_reason_left_after_installation").name], 2)
        self.assertEqual(max(lost, key=lost.get), ref("territory_concierge.lost_reason_no_answer").name,
                         "most stop answering, the first reason in such campaigns")
        self.assertEqual(kpis["campaigns"], [{
            "name": self.campaign.name, "cost": 43000.0, "qualified": 257, "stays": 13, "installed": 10,
            "still_here_1y": 9, "cost_per_qualified": 167.32, "cost_per_stay": 3307.69, "cost_per_installed": 4300.0,
            "cost_per_still_here_1y": 4777.78}])
        retention = kpis["retention"]
        self.assertEqual([row["cohort"] for row in retention], ["2022-Q1", "2022-Q2", "2022-Q3"])
        self.assertEqual(sum(row["installed"] for row in retention), 10)
        self.assertEqual(sum(row["still_here_24m"] for row in retention), 8, "two households gone since")

    def test_dated_history(self):
        self.assertEqual(len(self.journeys), 430)
        self.assertTrue(all(day.year == 2021 for day in self.journeys.mapped("first_contact_date")))
        installed = self.journeys.filtered("installation_date")
        self.assertEqual(len(installed), 10)
        self.assertEqual(min(installed.mapped("installation_date")), date(2022, 3, 12), "the first, in March 2022")
        self.assertTrue(all(day.year == 2022 for day in installed.mapped("installation_date")))
        history = self.journeys.stage_history_ids
        self.assertTrue(all(row.date_entered.year in (2021, 2022, 2023) for row in history))
        self.assertEqual(history.filtered("skipped").stage_id,
                         self.stages["prioritized"] | self.stages["moving"],
                         "three invited straight from Qualifié, one installed straight from Décision")
        stays = history.filtered(lambda row: row.stage_id == self.stages["discovery_stay"])
        self.assertTrue(all(date(2021, 9, 1) <= row.date_entered.date() <= date(2021, 10, 15) for row in stays),
                        "invited to the weekend of 15-17 October 2021")
        for journey in self.journeys:
            rows = journey.stage_history_ids.sorted(lambda row: (row.date_entered, row.stage_sequence))
            self.assertEqual(rows[-1].stage_id, journey.stage_id)
            self.assertEqual(rows.mapped("stage_sequence"), sorted(rows.mapped("stage_sequence")))

    def test_fictitious_households_and_their_concierges(self):
        self.assertEqual(self.journeys.user_id, self.env.ref("territory_concierge.user_concierge")
                         | self.env.ref("territory_concierge.user_concierge_health"))
        installed = self.journeys.filtered("installation_date")
        self.assertTrue(all(email.endswith("@example.org") for email in installed.mapped("email_from")))
        self.assertFalse(installed.filtered("phone"), "no phone number")
        never_installed = self.journeys - installed
        self.assertTrue(all(never_installed.mapped("anonymised_date")),
                        "never installed, last followed up in 2021-2022: past the retention period")
        self.assertFalse(any(never_installed.mapped("email_from")))
        self.assertFalse(any(installed.mapped("anonymised_date")))
        self.assertFalse(self.env["mail.activity"].search_count(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.journeys.ids)]), "no stage plan started")
        self.assertEqual(len(self.journeys.filtered("active")), 8)

    def test_time_based_rules_leave_them_alone(self):
        """Their follow-ups were done in 2022-2023: the first run of the rules schedules none again."""
        with self.enter_registry_test_mode():
            self.env.ref("base_automation.ir_cron_data_base_automation_check").method_direct_trigger()
        self.env.invalidate_all()
        self.assertFalse(self.env["mail.activity"].search_count(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.journeys.ids)]))
        self.assertEqual(self.journeys.filtered("active").stage_id, self.stages["settled"])

    def test_generated_once(self):
        self.assertFalse(self.campaign._demo_generate_journeys() - self.journeys)
