from freezegun import freeze_time

from odoo.tests import tagged

from .common import JourneyCommon

CAMPAIGN = "Campagne médianes"


@tagged("post_install", "-at_install")
class TestImpactMedians(JourneyCommon):
    """The median days of a stage are those of the journeys that spent time in it: a journey
    that jumped over the stage counts as having reached it, not as having spent 0 days there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        campaign = cls.env["utm.campaign"].create({"name": CAMPAIGN, "concierge_campaign": True})
        with freeze_time("2025-01-01 09:00:00"):
            cls.journeys = cls.env["crm.lead"].create([{
                "name": f"Famille médiane {index}", "team_id": cls.team.id, "type": "opportunity",
                "campaign_id": campaign.id, "project_horizon": "lt_6m",
                "household_member_ids": cls._household(),
            } for index in range(6)])
        with freeze_time("2025-01-11 09:00:00"):
            cls.journeys.write({"stage_id": cls.stages["qualified"].id})
        # Three are prioritised 10, 20 and 30 days after their qualification...
        for journey, day in zip(cls.journeys[:3], ("2025-01-21", "2025-01-31", "2025-02-10"), strict=True):
            with freeze_time(f"{day} 09:00:00"):
                journey.stage_id = cls.stages["prioritized"]
        # ... and all six go to the discovery stay on 1 March: the last three jump over "Priorisé".
        with freeze_time("2025-03-01 09:00:00"):
            cls.journeys.write({"stage_id": cls.stages["discovery_stay"].id})
        # One is installed straight from the stay: "Décision" and "Déménagement" jumped over.
        with freeze_time("2025-04-01 09:00:00"):
            cls.journeys[0].write({"installation_commune_id": cls.town_with_station.id,
                                   "installation_date": "2025-04-01", "stage_id": cls.stages["installed"].id})

    def _funnel(self):
        kpis = self.env["territory.impact.report"].with_user(self.manager).get_kpis(campaign=CAMPAIGN)
        return {row["stage"].removeprefix("territory_concierge.stage_"): (row["reached"], row["median_days"])
                for row in kpis["funnel"]}

    def test_jumped_over_stages_are_out_of_the_median(self):
        funnel = self._funnel()
        self.assertEqual(funnel["prioritized"], (6, 29.0),
                         "reached by six; the median of the 39, 29 and 19 days of the three who spent time there")
        self.assertEqual(funnel["qualified"], (6, 39.5), "10, 20, 30, 49, 49, 49 days")
        self.assertEqual(funnel["decision"], (1, None), "reached by a jump only: no days spent, no median")
        self.assertEqual(funnel["moving"], (1, None))
        self.assertEqual(funnel["discovery_stay"], (6, 31.0), "the only one who left it, after 31 days")

    def test_funnel_pivot_average(self):
        """The funnel's pivot averages the same days (Analyse > Entonnoir)."""
        groups = dict(self.env["territory.funnel.report"].with_user(self.concierge)._read_group(
            [("campaign_id.name", "=", CAMPAIGN)], ["stage_id"], ["days_in_stage:avg"]))
        self.assertEqual(groups[self.stages["prioritized"]], 29.0)
        self.assertFalse(groups[self.stages["decision"]])
        jumped = self.env["territory.funnel.report"].search([
            ("campaign_id.name", "=", CAMPAIGN), ("stage_id", "=", self.stages["prioritized"].id),
            ("skipped", "=", True)])
        self.assertEqual(jumped.journey_id, self.journeys[3:], "still counted as having reached the stage")
        self.env.cr.execute("""
            SELECT journey_id FROM territory_funnel_report
             WHERE stage_id = %s AND journey_id IN %s AND days_in_stage IS NOT NULL
        """, (self.stages["prioritized"].id, tuple(self.journeys.ids)))
        self.assertEqual({row[0] for row in self.env.cr.fetchall()}, set(self.journeys[:3].ids),
                         "days in the stage only for those who spent time in it")
