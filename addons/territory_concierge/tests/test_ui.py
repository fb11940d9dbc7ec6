from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestJourneyUi(HttpCase):

    def test_journey_tour_create_and_move(self):
        """In Chromium, a concierge creates a journey and moves it past a stage gate."""
        new_test_user(self.env, "tc_tour_concierge", "territory_concierge.group_concierge_user",
                      password="tc_tour_concierge", lang="en_US")
        self.start_tour("/odoo/journeys", "territory_concierge_journey_tour", login="tc_tour_concierge")
        journey = self.env["crm.lead"].search([("name", "=", "Famille Tournesol")])
        self.assertEqual(journey.stage_id, self.env.ref("territory_concierge.stage_qualified"))
        self.assertEqual(journey.household_member_ids.mapped("name"), ["Claire"])
        self.assertEqual(journey.project_horizon, "lt_6m")
        self.assertTrue(journey.is_journey)
