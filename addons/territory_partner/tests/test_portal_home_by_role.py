from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPartnerPortalHomeByRole(HttpCase):
    """/my shows a partner organisation's contacts their cards, and their pages answer 404 to
    whoever is not such a contact (demo logins, password = login)."""

    @staticmethod
    def _home_links(html):
        """The page's links, whatever language prefix the website adds to them."""
        return html.replace('href="/fr/', 'href="/').replace('href="/en/', 'href="/')

    def _page(self, login, url):
        self.authenticate(login, login)
        # Followed: the website may first redirect to the language prefix (/fr/my...).
        return self.url_open(url)

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
