from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


@tagged("post_install", "-at_install")
class TestPortalHomeByRole(PortalPagesMixin, HttpCase):
    """/my shows each demo login (password = login) the cards of its role, and the pages of a
    role answer 404 to the others."""

    def test_ambassador_home_links_their_pages(self):
        home = self._home_links(self._page("ambassador", "/my").text)
        self.assertIn('href="/my/sponsorships"', home)
        self.assertIn('href="/my/ambassador"', home)
        self.assertNotIn('href="/my/journey"', home, "not a family")

    def test_family_home_links_its_journey_only(self):
        home = self._home_links(self._page("family", "/my").text)
        self.assertIn('href="/my/journey"', home)
        self.assertNotIn('href="/my/sponsorships"', home)
        self.assertNotIn('href="/my/ambassador"', home)

    def test_ambassador_pages_refuse_other_roles(self):
        for url in ("/my/sponsorships", "/my/ambassador"):
            with self.subTest(url=url):
                self.assertEqual(self._page("family", url).status_code, 404)

    def test_family_page_refuses_an_ambassador(self):
        self.assertEqual(self._page("ambassador", "/my/journey").status_code, 404)
