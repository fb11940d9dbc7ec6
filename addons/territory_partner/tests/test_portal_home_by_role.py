from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


@tagged("post_install", "-at_install")
class TestPartnerPortalHomeByRole(PortalPagesMixin, HttpCase):
    """/my shows a partner organisation's contacts their cards, and their pages answer 404 to
    whoever is not such a contact (demo logins, password = login)."""

    def test_partner_contacts_home_links_their_pages(self):
        for login in ("partner", "employer"):
            with self.subTest(login=login):
                home = self._home_links(self._page(login, "/my").text)
                self.assertIn('href="/my/shared-journeys"', home)
                self.assertIn('href="/my/offers"', home)

    def test_partner_pages_refuse_a_non_partner(self):
        home = self._home_links(self._page("concierge", "/my").text)
        self.assertNotIn('href="/my/shared-journeys"', home)
        for url in ("/my/shared-journeys", "/my/offers"):
            with self.subTest(url=url):
                self.assertEqual(self._page("concierge", url).status_code, 404)
