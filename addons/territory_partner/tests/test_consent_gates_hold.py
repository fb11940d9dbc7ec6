from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartnerCommon


@tagged("post_install", "-at_install")
class TestConsentGatesHold(PartnerCommon):
    """Attacks of the second outside review: a share moved to a household that never consented,
    offers published by portal users who are no partner organisation."""

    def test_share_cannot_be_moved_to_another_journey_or_organisation(self):
        share = self._share()
        with self.assertRaises(UserError):
            share.with_user(self.concierge).write({"journey_id": self.journey_without_consent.id})
        with self.assertRaises(UserError):
            share.with_user(self.concierge).write({"partner_org_id": self.org_chamber.id})
        self.assertEqual(share.journey_id, self.journey)
        self.assertEqual(share.partner_org_id, self.org_employer)
        self.assertEqual(share.with_user(self.chamber_user).search([("id", "=", share.id)]),
                         self.env["territory.share"], "the other organisation still does not see it")

    def test_portal_users_without_an_organisation_publish_no_offer(self):
        """A family (its own commercial partner) creating an offer "of its organisation": refused,
        so that no fake employer reaches staff matching or a household's stay programme."""
        family_partner = self.family_user.partner_id
        with self.assertRaises(AccessError):
            self.env["territory.opportunity"].with_user(self.family_user).create({
                "name": "Ingénieure qualité aéronautique", "kind": "job", "partner_org_id": family_partner.id})
        self.assertFalse(self.env["territory.opportunity"].search([("partner_org_id", "=", family_partner.id)]))
        offer = self.env["territory.opportunity"].with_user(self.employer_user).create({
            "name": "Soudeur", "kind": "job", "partner_org_id": self.org_employer.id})
        self.assertEqual(offer.partner_org_id, self.org_employer, "a partner organisation's contact still publishes")
