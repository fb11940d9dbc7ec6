from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRoleButtons(HttpCase):
    """In Chromium, each staff role presses the buttons of the core it uses, as the demo logins
    (in French): no error dialog, no crash. The buttons that only read or download are pressed;
    the ones that send something outside are left to the functional tests."""

    def _start(self, tour, login):
        self.env["res.users"].search([("login", "=", login)]).tour_enabled = False
        self.start_tour("/odoo/journeys", tour, login=login)

    def test_concierge_exports_a_journey_and_opens_a_request(self):
        self._start("territory_concierge_concierge_buttons_tour", "concierge")

    def test_manager_opens_stages_and_settings(self):
        self._start("territory_concierge_manager_config_tour", "manager")
