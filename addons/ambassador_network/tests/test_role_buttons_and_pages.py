from odoo.tests import HttpCase, tagged

ERROR_MARKERS = ("Traceback", "Oups", "Internal Server Error")


@tagged("post_install", "-at_install")
class TestConciergeAmbassadorButtons(HttpCase):
    """In Chromium, the demo concierge (in French) asks for ambassadors suited to a journey and
    opens a sponsorship: no error dialog, no crash."""

    def test_concierge_suggests_ambassadors_and_opens_a_sponsorship(self):
        self.env.ref("territory_concierge.user_concierge").tour_enabled = False
        self.start_tour("/odoo/journeys", "ambassador_network_concierge_buttons_tour", login="concierge")


@tagged("post_install", "-at_install")
class TestAmbassadorPortalPagesByRole(HttpCase):
    """The ambassador and the family demo logins (password = login) open each page of their
    portal: 200, no error page."""

    def _assert_pages_open(self, login, urls):
        self.authenticate(login, login)
        for url in urls:
            with self.subTest(login=login, url=url):
                # French users are sent to the French URL (/fr/my…): follow it, but to that page only.
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200, f"{login} {url}")
                self.assertTrue(response.url.endswith(url), f"{login} {url} ended on {response.url}")
                for marker in ERROR_MARKERS:
                    self.assertNotIn(marker, response.text, f"{login} {url}")

    def test_ambassador_pages(self):
        sponsorship = self.env.ref("ambassador_network.sponsorship_bernard_rousseau")
        self._assert_pages_open("ambassador", [
            "/my", "/my/sponsorships", f"/my/sponsorships/{sponsorship.id}", "/my/ambassador",
        ])

    def test_family_pages(self):
        self._assert_pages_open("family", ["/my", "/my/journey"])
