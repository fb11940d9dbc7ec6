from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.territory_concierge.tests.common import JourneyCommon

SHARING_WORDING = "J'accepte que mon projet soit partagé avec les organismes partenaires."

# The family's password differs from its login; the others sign in with their login.
PORTAL_PASSWORDS = {"tp_family": "tp_familyx"}


class PartnerCommon(JourneyCommon):
    """Two partner organisations with one portal contact each, and journeys whose
    households did or did not consent to sharing with partners."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.org_employer = Partner.create({"name": "Usine Test", "is_company": True, "organisation_type": "employer"})
        cls.org_chamber = Partner.create({"name": "Chambre Test", "is_company": True, "organisation_type": "cci"})
        cls.employer_user = new_test_user(
            cls.env, "tp_employer", "base.group_portal", lang="en_US", name="Éric Employeur",
            email="eric@usine.example",
            partner_id=Partner.create({"name": "Éric Employeur", "parent_id": cls.org_employer.id}).id)
        cls.chamber_user = new_test_user(
            cls.env, "tp_chamber", "base.group_portal", lang="en_US", name="Claire Chambre",
            email="claire@chambre.example",
            partner_id=Partner.create({"name": "Claire Chambre", "parent_id": cls.org_chamber.id}).id)
        cls.family_user = new_test_user(cls.env, "tp_family", "base.group_portal", lang="en_US",
                                       name="Famille Portail",
                                       email="famille@portail.example")
        cls.journey = cls._create_journey(
            name="Famille Consentante", contact_name="Alice Consentante", email_from="alice@consent.example",
            phone="+33 6 11 22 33 44", user_id=cls.concierge.id, project_horizon="lt_6m",
            business_project="Reprendre une épicerie", housing_tenure="rent", housing_rooms=4,
            household_member_ids=[Command.create({"role": "adult", "name": "Alice", "age": 38,
                                                  "job_sought": "Infirmière", "sector": "Santé"}),
                                  Command.create({"role": "child", "name": "Zoé", "age": 7})],
            consent_ids=[Command.create({"purpose": "partner_sharing", "wording": SHARING_WORDING,
                                         "source": "phone"})])
        cls.journey_without_consent = cls._create_journey(
            name="Famille Réservée", contact_name="Bob Réservé", user_id=cls.concierge.id,
            consent_ids=[Command.create({"purpose": "concierge_contact", "wording": "Oui.", "source": "phone"})])

    def _login(self, user):
        """Sign in over HTTP (HttpCase subclasses) as one of the fixtures' portal users."""
        self.authenticate(user.login, PORTAL_PASSWORDS.get(user.login, user.login))

    @classmethod
    def _share(cls, journey=None, org=None, **scopes):
        return cls.env["territory.share"].with_user(cls.concierge).create({
            "journey_id": (journey or cls.journey).id, "partner_org_id": (org or cls.org_employer).id,
            **(scopes or {"scope_household": True, "scope_jobs": True})})
