from odoo import Command
from odoo.tests import tagged

from odoo.addons.territory_concierge.tests.access_matrix import AccessMatrixMixin

from .common import PartnerCommon

# README, "Access rights": the partner rows. The record checked belongs to the employer's
# organisation: "partner" is its contact, "partner_other" the contact of another organisation.
# "other_concierge" and "other_manager" work for another territory (an Odoo company).
ROLES = ("public", "family", "partner", "partner_other", "concierge", "manager", "other_concierge", "other_manager")
MATRIX = {
    # Another territory's staff publish offers of their own territory, and never touch this one's.
    "territory.opportunity": dict.fromkeys(ROLES, "") | {"partner": "rwc", "concierge": "rwc", "manager": "rwcu",
                                                         "other_concierge": "c", "other_manager": "c"},
    "territory.share": dict.fromkeys(ROLES, "") | {"partner": "r", "concierge": "rwc", "manager": "rwcu"},
    "territory.share.view": dict.fromkeys(ROLES, "") | {"concierge": "r", "manager": "r"},
}


@tagged("post_install", "-at_install")
class TestPartnerAccessMatrix(AccessMatrixMixin, PartnerCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {"public": cls.env.ref("base.public_user"), "family": cls.family_user,
                     "partner": cls.employer_user, "partner_other": cls.chamber_user,
                     "concierge": cls.concierge, "manager": cls.manager}
        cls._second_territory()
        cls.roles.update(other_concierge=cls.other_concierge, other_manager=cls.other_manager)

    def _consenting_journey(self, index):
        return self._create_journey(name=f"Matrice {index}", consent_ids=[Command.create(
            {"purpose": "partner_sharing", "wording": "Oui.", "source": "phone"})])

    def _values(self, model, index):
        if model == "territory.opportunity":
            return ({"name": f"Offre {index}", "kind": "job", "partner_org_id": self.org_employer.id},
                    {"positions": 3})
        if model == "territory.share":
            return ({"journey_id": self._consenting_journey(index).id, "partner_org_id": self.org_employer.id,
                     "scope_jobs": True}, {"outcome": "in_progress"})
        share = self._share(journey=self._consenting_journey(index))
        return {"share_id": share.id, "user_id": self.employer_user.id}, {"date": "2026-01-01 10:00:00"}

    def test_access_matrix(self):
        self._check_access_matrix(MATRIX)
