from odoo import Command
from odoo.tests import tagged

from odoo.addons.territory_concierge.tests.access_matrix import AccessMatrixMixin

from .common import AMBASSADOR_WORDING, SponsorshipCommon

# README, "Access rights": the ambassador and family rows. The record checked is Anne's
# sponsorship: "ambassador" is Anne, "ambassador_other" another ambassador, "family" a family's
# portal account (families read their journey through /my/journey only).
ROLES = ("public", "family", "ambassador", "ambassador_other", "concierge", "manager")
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

    def _consenting_journey(self, index):
        return self._create_journey(name=f"Matrice {index}", partner_id=self.family_one.partner_id.id,
                                    consent_ids=[Command.create({"purpose": "ambassador", "source": "phone",
                                                                 "wording": AMBASSADOR_WORDING})])

    def _values(self, model, index):
        if model == "territory.sponsorship":
            return ({"journey_id": self._consenting_journey(index).id, "ambassador_id": self.ambassador_anne.id},
                    {"concern_note": "Note."})
        if model == "territory.sponsorship.meeting":
            sponsorship = self._propose(journey=self._consenting_journey(index))
            return {"sponsorship_id": sponsorship.id, "note": "Café."}, {"note": "Marché."}
        # The family's own journey (its contact is the family's portal account).
        return ({"name": f"Matrice {index}", "team_id": self.team.id, "type": "opportunity",
                 "partner_id": self.family_one.partner_id.id}, {"motivation": "2"})

    def test_access_matrix(self):
        self._check_access_matrix(MATRIX)
