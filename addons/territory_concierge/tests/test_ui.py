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


@tagged("post_install", "-at_install")
class TestJourneyFormUi(HttpCase):
    """The journey form in Chromium, at the laptop width of the test browser (1366 px)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.concierge = new_test_user(cls.env, "tc_form_concierge", "territory_concierge.group_concierge_user",
                                      password="tc_form_concierge", lang="en_US")
        # The walk through the demo: a French manager, who sees every action, on a journey
        # with an e-mail address (the portal invitation applies).
        cls.env.ref("base.lang_fr").active = True
        cls.manager = new_test_user(cls.env, "tc_form_manager", "territory_concierge.group_concierge_manager",
                                    password="tc_form_manager", lang="fr_FR")
        cls.journey = cls.env["crm.lead"].with_user(cls.concierge).create({
            "name": "Famille Entête", "type": "opportunity", "email_from": "entete@example.com",
            "team_id": cls.env.ref("territory_concierge.crm_team_concierge").id, "user_id": cls.concierge.id})

    def test_header_leaves_room_for_the_stage_bar(self):
        """The header keeps the main actions: the stage bar shows its stages, not a dropdown."""
        self.assertEqual(self.browser_size, "1366x768")
        self.start_tour(f"/odoo/journeys/{self.journey.id}", "territory_concierge_journey_header_tour",
                        login="tc_form_manager")

    def test_refused_stage_is_not_shown(self):
        """After a stage gate's refusal, the stage bar shows the journey's real stage."""
        self.start_tour(f"/odoo/journeys/{self.journey.id}", "territory_concierge_stage_refusal_tour",
                        login="tc_form_concierge")
        self.assertEqual(self.journey.stage_id, self.env.ref("territory_concierge.stage_contacted"))


@tagged("post_install", "-at_install")
class TestNewTerritoryUi(HttpCase):

    def test_manager_creates_a_territory_in_the_browser(self):
        """In Chromium, a manager creates the Vosges territory from the Configuration menu."""
        manager = new_test_user(self.env, "tc_tour_manager", "territory_concierge.group_concierge_manager",
                                password="tc_tour_manager", lang="en_US")
        self.start_tour("/odoo/journeys", "territory_concierge_new_territory_tour", login="tc_tour_manager")
        company = self.env["res.company"].search([("name", "=", "Vosges")])
        self.assertEqual(company.email, "accueil@vosges.example")
        self.assertIn(company, manager.company_ids)
        team = self.env["crm.team"].search([("company_id", "=", company.id), ("use_journeys", "=", True)])
        self.assertEqual(len(team), 1)
        self.assertTrue(self.env["territory.commune"].search_count([("insee_code", "=like", "88%")]))
