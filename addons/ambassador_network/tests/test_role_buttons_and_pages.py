from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


@tagged("post_install", "-at_install")
class TestConciergeAmbassadorButtons(HttpCase):
    """In Chromium, the demo concierge (in French) asks for ambassadors suited to a journey and
    opens a sponsorship: no error dialog, no crash."""

    def test_concierge_suggests_ambassadors_and_opens_a_sponsorship(self):
        self.env.ref("territory_concierge.user_concierge").tour_enabled = False
        self.start_tour("/odoo/journeys", "ambassador_network_concierge_buttons_tour", login="concierge")


@tagged("post_install", "-at_install")
class TestAmbassadorPortalPagesByRole(PortalPagesMixin, HttpCase):
    """The ambassador and the family demo logins (password = login) open each page of their
    portal: 200, no error page."""

    def test_ambassador_pages(self):
        sponsorship = self.env.ref("ambassador_network.sponsorship_bernard_rousseau")
        self._assert_pages_open("ambassador", [
            "/my", "/my/sponsorships", f"/my/sponsorships/{sponsorship.id}", "/my/ambassador",
        ])

    def test_family_pages(self):
        self._assert_pages_open("family", ["/my", "/my/journey"])
