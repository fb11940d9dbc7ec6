from odoo.tests import HttpCase, tagged

ERROR_MARKERS = ("Traceback", "Oups", "Internal Server Error")


@tagged("post_install", "-at_install")
class TestConciergePartnerButtons(HttpCase):
    """In Chromium, the demo concierge (in French) presses the partner buttons of a journey
    that send nothing outside, and opens a share: no error dialog, no crash."""

    def test_concierge_suggests_opens_share_wizards_and_a_share(self):
        self.env.ref("territory_concierge.user_concierge").tour_enabled = False
        self.start_tour("/odoo/journeys", "territory_partner_concierge_buttons_tour", login="concierge")
        # Leaving the wizards shares nothing.
        self.assertEqual(self.env["territory.share"].search_count(
            [("journey_id", "=", self.env.ref("territory_concierge.journey_lefebvre").id)]), 1)


@tagged("post_install", "-at_install")
class TestPartnerPortalPagesByRole(HttpCase):
    """Each partner demo login (password = login) opens each page of its portal: 200, no
    error page."""

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

    def test_partner_pages(self):
        share = self.env.ref("territory_partner.share_moreau_cci")
        self._assert_pages_open("partner", [
            "/my", "/my/shared-journeys", f"/my/shared-journeys/{share.id}", "/my/offers", "/my/offers/new",
        ])

    def test_employer_pages(self):
        shares = (self.env.ref("territory_partner.share_lefebvre_aero")
                  | self.env.ref("territory_partner.share_dubois_aero"))
        offer = self.env.ref("territory_partner.opportunity_aero_quality")
        self._assert_pages_open("employer", [
            "/my", "/my/shared-journeys", *(f"/my/shared-journeys/{share.id}" for share in shares),
            "/my/offers", "/my/offers/new", f"/my/offers/{offer.id}",
        ])
