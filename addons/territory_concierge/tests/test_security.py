from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestJourneySecurity(JourneyCommon):
    """Access rights and record rules per group: concierge, manager, a CRM user
    outside the conciergerie, a portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, "tc_portal", "base.group_portal")
        cls.journey = cls._create_journey(household_member_ids=cls._household(), project_horizon="lt_6m")
        cls.request = cls.env["territory.request"].create({
            "name": "Logement", "journey_id": cls.journey.id,
            "type_id": cls.env.ref("territory_concierge.request_type_housing").id})
        cls.consent = cls.env["territory.consent"].create({
            "journey_id": cls.journey.id, "purpose": "partner_sharing", "wording": "J'accepte."})
        cls.sales_lead = cls.env["crm.lead"].create({"name": "Vente", "type": "opportunity",
                                                     "team_id": cls.env["crm.team"].create({"name": "Ventes"}).id})

    def test_concierge_works_journeys(self):
        env = self.env(user=self.concierge)
        journey = env["crm.lead"].browse(self.journey.id)
        journey.write({"motivation": "3"})
        journey.household_member_ids[0].write({"occupation": "Infirmière"})
        env["territory.request"].browse(self.request.id).action_start()
        self.assertTrue(env["territory.consent"].browse(self.consent.id).is_active)
        with self.assertRaises(AccessError, msg="consent proofs are never deleted by staff"):
            env["territory.consent"].browse(self.consent.id).unlink()
        commune = env["territory.commune"].browse(self.village.id)
        commune.has_doctor = True  # staff maintain services
        with self.assertRaises(AccessError):
            env["territory.commune"].create({"name": "X", "insee_code": "99999"})
        with self.assertRaises(AccessError, msg="stage gates are the manager's"):
            env["crm.stage"].browse(self.stages["qualified"].id).write({"required_field_ids": [(5, 0, 0)]})

    def test_manager_configures(self):
        env = self.env(user=self.manager)
        env["crm.stage"].browse(self.stages["qualified"].id).write({"rotting_threshold_days": 10})
        env["territory.commune"].create({"name": "Neuve", "insee_code": "99997"})
        env["territory.profile"].create({"name": "Artiste", "code": "artist"})
        env["territory.request"].browse(self.request.id).unlink()

    def test_crm_user_outside_conciergerie_sees_no_journey(self):
        env = self.env(user=self.salesman)
        self.assertEqual(env["crm.lead"].search([("id", "in", (self.journey | self.sales_lead).ids)]),
                         self.sales_lead, "only the non-journey lead is visible")
        with self.assertRaises(AccessError):
            env["crm.lead"].browse(self.journey.id).read(["name"])
        with self.assertRaises(AccessError):
            env["territory.household.member"].search([])
        with self.assertRaises(AccessError):
            env["territory.request"].search([])

    def test_portal_and_public_read_nothing(self):
        public = self.env.ref("base.public_user")
        for user in (self.portal_user, public):
            env = self.env(user=user)
            for model in ("crm.lead", "territory.household.member", "territory.request", "territory.consent"):
                with self.assertRaises(AccessError, msg=f"{user.login} on {model}"):
                    env[model].search([])
