"""Two households with their portal accounts and journeys, for the family page's tests (and
the modules that add to the page)."""

from odoo import Command
from odoo.tests import new_test_user

from .common import JourneyCommon

WORDINGS = {
    "concierge_contact": "J'accepte que la conciergerie me contacte au sujet de mon projet.",
    "newsletter": "J'accepte de recevoir les lettres d'information de la conciergerie.",
}


class FamilyPortalCommon(JourneyCommon):
    """Two families with portal accounts (login = password), each invited from its journey."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household_one = cls._family("Foyer Un", "un@foyer.example", "tc_family1")
        cls.household_two = cls._family("Foyer Deux", "deux@foyer.example", "tc_family2")
        cls.household_one_user = cls.household_one.partner_id.user_ids.with_env(cls.env)
        cls.household_two_user = cls.household_two.partner_id.user_ids.with_env(cls.env)
        cls.plain_portal_user = new_test_user(cls.env, "tc_portal", "base.group_portal", lang="en_US",
                                              name="Paula Portail")

    @classmethod
    def _family(cls, name, email, login):
        partner = cls.env["res.partner"].create({"name": name, "email": email})
        new_test_user(cls.env, login, "base.group_portal", lang="en_US", email=email, name=name,
                      partner_id=partner.id)
        journey = cls._create_journey(
            name=name, contact_name=name, email_from=email, partner_id=partner.id, user_id=cls.concierge.id,
            household_member_ids=[Command.create({"role": "adult", "name": "Adulte", "age": 40})],
            consent_ids=[Command.create({"purpose": purpose, "wording": wording, "source": "phone"})
                         for purpose, wording in WORDINGS.items()])
        # As "Inviter le foyer sur le portail" does: the family's page shows this journey.
        partner.family_journey_id = journey
        return journey
