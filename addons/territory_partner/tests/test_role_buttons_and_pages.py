from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


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
class TestPartnerPortalPagesByRole(PortalPagesMixin, HttpCase):
    """Each partner demo login (password = login) opens each page of its portal: 200, no
    error page."""

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
