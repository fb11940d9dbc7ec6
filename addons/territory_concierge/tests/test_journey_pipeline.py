from odoo.tests import tagged, users

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestJourneyPipeline(JourneyCommon):

    def test_pipeline_stages_order_and_ids(self):
        """The team's pipeline is exactly the eight shipped stages, in order."""
        stages = self.env["crm.lead"].with_context(default_team_id=self.team.id)._read_group_stage_ids(
            self.env["crm.stage"], [])
        self.assertEqual(stages[:8], self.env["crm.stage"].concat(*self.stages.values()),
                         "the journeys pipeline shows its own stages, in the shipped order")
        self.assertFalse(stages - self.env["crm.stage"].concat(*self.stages.values()),
                         "stock CRM stages do not appear in the journeys pipeline")
        self.assertEqual(self.stages["contacted"].with_context(lang="fr_FR").name, "Contacté")
        self.assertEqual(self.stages["settled"].with_context(lang="fr_FR").name, "Ancré (1 an)")
        self.assertFalse(any(stage.is_won for stage in self.stages.values()),
                         "no journey stage is 'won': installed households can still leave (lost)")

    @users("tc_concierge")
    def test_walk_through_every_stage(self):
        """A concierge takes a household from first contact to settled, stage by stage."""
        journey = self._create_journey(user=self.env.user, profile_ids=[self.profile_family.id])
        self.assertEqual(journey.stage_id, self.stages["contacted"], "a new journey starts in Contacté")
        self.assertTrue(journey.is_journey)
        self.assertEqual(journey.user_id, self.env.user)

        journey.write({"household_member_ids": self._household(adults=2, children=1),
                       "project_horizon": "6_12m"})
        for name in ("qualified", "prioritized", "discovery_stay", "decision", "moving"):
            journey.stage_id = self.stages[name]
            self.assertEqual(journey.stage_id, self.stages[name])
        journey.write({"installation_commune_id": self.town_with_station.id, "installation_date": "2026-03-01",
                       "stage_id": self.stages["installed"].id})
        self.assertEqual(journey.stage_id, self.stages["installed"])
        journey.stage_id = self.stages["settled"]
        self.assertEqual(journey.stage_id, self.stages["settled"])
        self.assertEqual((journey.adult_count, journey.child_count), (2, 1))

    @users("tc_concierge")
    def test_end_journey_with_lost_reason(self):
        """Ending a journey uses CRM's lost mechanism with the shipped reasons, also after installation."""
        journey = self._create_journey(user=self.env.user, household_member_ids=self._household(),
                                       project_horizon="lt_6m")
        journey.write({"installation_commune_id": self.town_with_station.id, "installation_date": "2026-03-01",
                       "stage_id": self.stages["installed"].id})
        reason = self.env.ref("territory_concierge.lost_reason_left_after_installation")
        journey.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(journey.active)
        self.assertEqual(journey.won_status, "lost")
        self.assertEqual(journey.lost_reason_id, reason)
        reasons = self.env["crm.lost.reason"].with_context(lang="fr_FR").search([]).mapped("name")
        for expected in ("Projet abandonné", "Incompatible avec le territoire", "Installé ailleurs",
                         "Sans réponse", "Reparti après installation"):
            self.assertIn(expected, reasons)

    def test_lost_wizard_offers_the_team_reasons(self):
        """A journey ends with the journeys' reasons, a sales lead with the sales ones."""
        journey = self._create_journey()
        sales_lead = self.env["crm.lead"].create({"name": "Devis", "type": "opportunity",
                                                  "team_id": self.env["crm.team"].create({"name": "Ventes"}).id})
        ours = self.env["crm.lost.reason"].search([("team_ids", "in", self.team.ids)])
        self.assertIn(self.env.ref("territory_concierge.lost_reason_left_after_installation"), ours)
        for_journey = self.env["crm.lead.lost"].create({"lead_ids": journey.ids}).available_lost_reason_ids
        self.assertEqual(for_journey, ours)
        for_sale = self.env["crm.lead.lost"].create({"lead_ids": sales_lead.ids}).available_lost_reason_ids
        self.assertFalse(for_sale & ours)
        self.assertIn(self.env.ref("crm.lost_reason_1"), for_sale)

    def test_stock_leads_unaffected(self):
        """A lead of another team keeps stock CRM behaviour: its stages, no gates, no score."""
        sales_team = self.env["crm.team"].create({"name": "Ventes"})
        lead = self.env["crm.lead"].create({"name": "Devis", "team_id": sales_team.id, "type": "opportunity"})
        self.assertFalse(lead.is_journey)
        self.assertNotIn(lead.stage_id, self.env["crm.stage"].concat(*self.stages.values()))
        lead.stage_id = self.stages["installed"]  # no gate for non-journeys
        self.assertEqual(lead.stage_id, self.stages["installed"])
