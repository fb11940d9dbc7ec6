from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestSponsorshipStaysWithItsHousehold(SponsorshipCommon):
    """Second outside review: a sponsorship moved onto a household without the ambassador
    consent opened that household's page to the ambassador."""

    def test_sponsorship_cannot_be_moved_to_another_household(self):
        sponsorship = self._propose()
        without_consent = self._create_journey(name="Famille Sans Consentement", user_id=self.concierge.id)
        with self.assertRaises(UserError):
            sponsorship.with_user(self.concierge).write({"journey_id": without_consent.id})
        self.assertEqual(sponsorship.journey_id, self.family_one)
