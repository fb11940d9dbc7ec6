from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.territory_concierge.tests.common import JourneyCommon

AMBASSADOR_WORDING = "J'accepte d'être mis(e) en relation avec un ambassadeur du territoire."


# The ambassadors' passwords, longer than their logins; the others sign in with their login.
PORTAL_PASSWORDS = {"an_anne": "an_annex", "an_bruno": "an_brunox"}


class SponsorshipCommon(JourneyCommon):
    """Two active ambassadors with portal accounts, two families with portal accounts and
    their journeys (consenting to an ambassador), a concierge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["territory.sponsorship"].search([]).write({"state": "ended"})  # demo out of the way
        Partner = cls.env["res.partner"]
        cls.hiking = cls.env.ref("territory_concierge.interest_hiking")
        cls.cycling = cls.env.ref("territory_concierge.interest_cycling")
        cls.ambassador_anne = Partner.create({
            "name": "Anne Ambassadrice", "email": "anne@amb.example", "is_ambassador": True,
            "ambassador_state": "active", "ambassador_commune_id": cls.village.id, "sponsorship_capacity": 1,
            "ambassador_interest_ids": [Command.set(cls.hiking.ids)], "ambassador_household": "family",
            "ambassador_languages": "français, anglais", "phone": "+33 6 00 00 00 01"})
        cls.ambassador_bruno = Partner.create({
            "name": "Bruno Ambassadeur", "email": "bruno@amb.example", "is_ambassador": True,
            "ambassador_state": "active", "ambassador_commune_id": cls.town_with_station.id,
            "sponsorship_capacity": 2})
        cls.anne_user = new_test_user(cls.env, "an_anne", "base.group_portal", lang="en_US",
                                      email="anne@amb.example",
                                      name="Anne Ambassadrice", partner_id=cls.ambassador_anne.id)
        cls.bruno_user = new_test_user(cls.env, "an_bruno", "base.group_portal", lang="en_US",
                                       email="bruno@amb.example",
                                       name="Bruno Ambassadeur", partner_id=cls.ambassador_bruno.id)
        cls.family_one = cls._family_journey("Famille Une", "une@famille.example", "an_family1")
        cls.family_two = cls._family_journey("Famille Deux", "deux@famille.example", "an_family2")
        cls.family_one_user = cls.family_one.partner_id.user_ids
        cls.family_two_user = cls.family_two.partner_id.user_ids

    @classmethod
    def _family_journey(cls, name, email, login):
        partner = cls.env["res.partner"].create({"name": name, "email": email})
        new_test_user(cls.env, login, "base.group_portal", lang="en_US", email=email, name=name,
                      partner_id=partner.id)
        journey = cls._create_journey(
            name=name, contact_name=name, email_from=email, phone="+33 6 12 34 56 78", partner_id=partner.id,
            user_id=cls.concierge.id, wished_commune_ids=[Command.set(cls.village.ids)],
            interest_ids=[Command.set(cls.hiking.ids)], spoken_languages="anglais",
            household_member_ids=[Command.create({"role": "adult", "name": "Adulte", "age": 40}),
                                  Command.create({"role": "child", "name": "Enfant", "age": 8})],
            consent_ids=[Command.create({"purpose": "ambassador", "wording": AMBASSADOR_WORDING,
                                         "source": "phone"})])
        # As the portal invitation from the journey does: the family's page shows this journey.
        partner.family_journey_id = journey
        return journey

    def _login(self, user):
        """Sign in over HTTP (HttpCase subclasses) as one of the fixtures' portal users."""
        self.authenticate(user.login, PORTAL_PASSWORDS.get(user.login, user.login))

    @classmethod
    def _propose(cls, journey=None, ambassador=None):
        return cls.env["territory.sponsorship"].with_user(cls.concierge).create({
            "journey_id": (journey or cls.family_one).id, "ambassador_id": (ambassador or cls.ambassador_anne).id})

    @classmethod
    def _active(cls, journey=None, ambassador=None):
        sponsorship = cls._propose(journey, ambassador)
        sponsorship.with_user(ambassador.user_ids if ambassador else cls.anne_user).action_ambassador_agree()
        sponsorship.with_user(cls.concierge).action_family_agree()
        sponsorship.with_user(cls.concierge).action_start()
        return sponsorship
