from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalPagesByRole(HttpCase):
    """An ambassador's pages answer 404 to partner contacts and families, a partner's pages to
    ambassadors and families (demo logins, password = login); where ambassadors and partner
    contacts are expected is linked from their /my."""

    @staticmethod
    def _home_links(html):
        """The page's links, whatever language prefix the website adds to them."""
        return html.replace('href="/fr/', 'href="/').replace('href="/en/', 'href="/')

    def _page(self, login, url):
        self.authenticate(login, login)
        # Followed: the website may first redirect to the language prefix (/fr/my...).
        return self.url_open(url)

    def test_each_role_page_refuses_the_other_roles(self):
        for login, url in (("partner", "/my/sponsorships"), ("employer", "/my/sponsorships"),
                           ("family", "/my/sponsorships"), ("family", "/my/shared-journeys"),
                           ("ambassador", "/my/shared-journeys"), ("employer", "/my/ambassador")):
            with self.subTest(login=login, url=url):
                self.assertEqual(self._page(login, url).status_code, 404)

    def test_home_links_where_you_are_expected(self):
        self.assertIn('href="/my/shared-journeys#expected"', self._home_links(self._page("employer", "/my").text))
        self.assertIn('href="/my/sponsorships#expected"', self._home_links(self._page("ambassador", "/my").text))
        self.assertNotIn("#expected", self._home_links(self._page("family", "/my").text))
