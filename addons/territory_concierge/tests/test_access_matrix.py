from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .access_matrix import AccessMatrixMixin
from .common import JourneyCommon

# The intended matrix (README, "Access rights"): r read, w write, c create, u unlink.
# Roles: public visitor, portal user, employee outside the conciergerie, CRM user of another
# team, concierge, manager. The portals of partners, ambassadors and families add their rows
# with their own modules; public visitors and portal users get nothing here. The staff of
# another territory (an Odoo company) get nothing of this one's households.


def rights(portal="", employee="", crm_user="", concierge="", manager="", *, other_territory=None):
    """``other_territory``: the rights of the concierge and the manager of another territory (an
    Odoo company) on the records of this one: none on a household's records, by default."""
    other_concierge, other_manager = other_territory if other_territory is not None else ("", "")
    return {"public": "", "portal": portal, "employee": employee, "crm_user": crm_user,
            "concierge": concierge, "manager": manager,
            "other_concierge": other_concierge, "other_manager": other_manager}


def shared(portal="", employee="", crm_user="", concierge="", manager=""):
    """Reference data every territory shares: the other territory's staff have the same rights."""
    return rights(portal=portal, employee=employee, crm_user=crm_user, concierge=concierge, manager=manager,
                  other_territory=(concierge, manager))


MATRIX = {
    "crm.lead": rights(concierge="rwc", manager="rwcu"),
    "territory.household.member": rights(concierge="rwcu", manager="rwcu"),
    "territory.request": rights(concierge="rwc", manager="rwcu"),
    "territory.consent": rights(concierge="rwc", manager="rwc"),
    "crm.lead.stage.history": rights(concierge="r", manager="r"),
    # A territory's wordings: its managers write them, its concierges record consents from them.
    "territory.consent.wording": rights(concierge="r", manager="rwcu"),
    # Communes and EPCI are INSEE's public reference data: portal pages (offers, profiles) name them.
    "territory.commune": shared(portal="r", employee="r", crm_user="r", concierge="rw", manager="rwcu"),
    "territory.epci": shared(portal="r", employee="r", crm_user="r", concierge="r", manager="rwcu"),
    "territory.profile": shared(employee="r", crm_user="r", concierge="r", manager="rwcu"),
    "territory.interest": shared(employee="r", crm_user="r", concierge="rwc", manager="rwcu"),
    "territory.request.type": shared(employee="r", crm_user="r", concierge="r", manager="rwcu"),
    "territory.intake.word": shared(concierge="r", manager="rwcu"),
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, JourneyCommon):
    """Every model of the project, every role, every operation, through the ORM as that user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {
            "public": cls.env.ref("base.public_user"),
            "portal": new_test_user(cls.env, "matrix_portal", "base.group_portal"),
            "employee": new_test_user(cls.env, "matrix_employee", "base.group_user"),
            "crm_user": cls.salesman,
            "concierge": cls.concierge,
            "manager": cls.manager,
        }
        cls._second_territory()
        cls.roles.update(other_concierge=cls.other_concierge, other_manager=cls.other_manager)
        cls.journey = cls._create_journey(household_member_ids=cls._household(), project_horizon="lt_6m")

    def _values(self, model, index):
        """Values to create one record of ``model``, and values to write on it."""
        journey = self.journey.id
        return {
            "crm.lead": ({"name": f"Matrix {index}", "team_id": self.team.id, "type": "opportunity"},
                         {"motivation": "2"}),
            "territory.household.member": ({"journey_id": journey, "role": "child", "age": index},
                                           {"age": 9}),
            "territory.request": ({"journey_id": journey, "name": f"Demande {index}",
                                   "type_id": self.env.ref("territory_concierge.request_type_question").id},
                                  {"state": "in_progress"}),
            # The only write on a consent is its withdrawal: a proof never changes otherwise.
            "territory.consent": ({"journey_id": journey, "purpose": "newsletter", "wording": "Oui."},
                                  {"date_withdrawn": "2026-01-02 10:00:00"}),
            # Archived: the territory already has its active wording of each purpose.
            "territory.consent.wording": ({"purpose": "newsletter", "wording": f"Formulation {index}",
                                           "company_id": self.team.company_id.id, "active": False},
                                          {"sequence": 5}),
            "crm.lead.stage.history": ({"journey_id": journey, "stage_id": self.stages["contacted"].id,
                                        "stage_sequence": 1, "date_entered": "2026-01-01 10:00:00"},
                                       {"skipped": True}),
            "territory.commune": ({"name": f"Matrixville {index}", "insee_code": f"98{index:03d}"},
                                  {"has_doctor": True}),
            "territory.epci": ({"name": f"CC Matrix {index}", "siren": f"999{index:06d}"}, {"kind": "CC"}),
            "territory.profile": ({"name": f"Profil {index}", "code": f"matrix_{index}"}, {"color": 3}),
            "territory.interest": ({"name": f"Intérêt {index}"}, {"color": 3}),
            "territory.request.type": ({"name": f"Type {index}"}, {"default_days": 3}),
            "territory.intake.word": ({"word": f"Mot {index}", "kind": "horizon", "project_horizon": "lt_6m"},
                                      {"project_horizon": "6_12m"}),
        }[model]

    def test_access_matrix(self):
        self._check_access_matrix(MATRIX)

    def test_reports_read_only_for_staff(self):
        self.journey.stage_id = self.stages["qualified"]
        for role in ("public", "portal", "employee", "crm_user"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["territory.funnel.report"].with_user(self.roles[role]).search([])
        rows = self.env["territory.funnel.report"].with_user(self.concierge).search(
            [("journey_id", "=", self.journey.id)])
        self.assertEqual(rows.stage_id, self.stages["contacted"] | self.stages["qualified"])
