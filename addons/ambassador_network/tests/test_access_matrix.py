from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.territory_concierge.tests.access_matrix import AccessMatrixMixin

from .common import AMBASSADOR_WORDING, SponsorshipCommon

# README, "Access rights": the ambassador and family rows. The record checked is Anne's
# sponsorship: "ambassador" is Anne, "ambassador_other" another ambassador, "family" a family's
# portal account (families read their journey through /my/journey only).
# "other_concierge" and "other_manager" work for another territory (an Odoo company): nothing here.
ROLES = ("public", "family", "ambassador", "ambassador_other", "concierge", "manager", "other_concierge",
         "other_manager")
MATRIX = {
    "territory.sponsorship": dict.fromkeys(ROLES, "") | {"ambassador": "r", "concierge": "rwc", "manager": "rwcu"},
    "territory.sponsorship.meeting": dict.fromkeys(ROLES, "") | {"concierge": "rwc", "manager": "rwcu"},
    "crm.lead": dict.fromkeys(ROLES, "") | {"concierge": "rwc", "manager": "rwcu"},
}


@tagged("post_install", "-at_install")
class TestAmbassadorAccessMatrix(AccessMatrixMixin, SponsorshipCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Room for every sponsorship the matrix creates (the conciergerie's limit, then Anne's).
        cls.env["ir.config_parameter"].set_param("ambassador_network.max_sponsorship_capacity", 100)
        cls.ambassador_anne.sponsorship_capacity = 100
        cls.roles = {"public": cls.env.ref("base.public_user"), "family": cls.family_one_user,
                     "ambassador": cls.anne_user, "ambassador_other": cls.bruno_user,
                     "concierge": cls.concierge, "manager": cls.manager}
        cls._second_territory()
        cls.roles.update(other_concierge=cls.other_concierge, other_manager=cls.other_manager)

    def _consenting_journey(self, index):
        return self._create_journey(name=f"Matrice {index}", partner_id=self.family_one.partner_id.id,
                                    consent_ids=[Command.create({"purpose": "ambassador", "source": "phone",
                                                                 "wording": AMBASSADOR_WORDING})])

    def _values(self, model, index):
        if model == "territory.sponsorship":
            return ({"journey_id": self._consenting_journey(index).id, "ambassador_id": self.ambassador_anne.id},
                    {"ambassador_id": self.ambassador_anne.id})
        if model == "territory.sponsorship.meeting":
            sponsorship = self._propose(journey=self._consenting_journey(index))
            return {"sponsorship_id": sponsorship.id, "note": "Café."}, {"note": "Marché."}
        # The family's own journey (its contact is the family's portal account).
        return ({"name": f"Matrice {index}", "team_id": self.team.id, "type": "opportunity",
                 "partner_id": self.family_one.partner_id.id}, {"motivation": "2"})

    def test_access_matrix(self):
        self._check_access_matrix(MATRIX)

    def test_ambassadors_belong_to_their_territory(self):
        """Another territory's staff never see nor propose this territory's ambassadors."""
        Partner = self.env["res.partner"]
        self.assertEqual(self.ambassador_anne.company_id, self.env.ref("base.main_company"),
                         "recruited by this territory's staff")
        self.assertFalse(Partner.with_user(self.other_concierge).search(
            [("id", "in", (self.ambassador_anne | self.ambassador_bruno).ids)]))
        vosges_ambassador = Partner.with_user(self.other_manager).create(
            {"name": "Vincent Vosgien", "is_ambassador": True, "ambassador_state": "active"})
        self.assertEqual(vosges_ambassador.company_id, self.other_company)
        self.assertFalse(Partner.with_user(self.concierge).search([("id", "=", vosges_ambassador.id)]))
        matched = [ambassador for _score, ambassador, _reasons in
                   self.env["territory.ambassador.matcher"]._match_journey(self.family_one)]
        self.assertNotIn(vosges_ambassador.id, matched, "matching proposes the journey's territory's ambassadors")
        with self.assertRaises(ValidationError):
            self._propose(ambassador=vosges_ambassador)
