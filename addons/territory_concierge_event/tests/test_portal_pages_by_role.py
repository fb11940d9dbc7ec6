from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import PortalPagesMixin


@tagged("post_install", "-at_install")
class TestPortalPagesByRole(PortalPagesMixin, HttpCase):
    """Where partner contacts are expected is linked from their /my (demo logins, password =
    login); the roles' own pages refusing the others are tested in the partner and ambassador
    modules."""

    def test_home_links_where_you_are_expected(self):
        self.assertIn('href="/my/shared-journeys#expected"', self._home_links(self._page("employer", "/my").text))
