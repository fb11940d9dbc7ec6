from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


@tagged("post_install", "-at_install")
class TestPortalPagesByRole(PortalPagesMixin, HttpCase):
    """An ambassador's pages answer 404 to partner contacts and families, a partner's pages to
    ambassadors and families (demo logins, password = login); where ambassadors and partner
    contacts are expected is linked from their /my."""

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
