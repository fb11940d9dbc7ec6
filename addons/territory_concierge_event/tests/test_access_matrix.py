from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.territory_concierge.tests.access_matrix import AccessMatrixMixin
from odoo.addons.territory_concierge.tests.common import JourneyCommon

# README, "Access rights": stays are staff-only; households answer through their link.
# "other_concierge" and "other_manager" work for another territory (an Odoo company): nothing here.
ROLES = ("public", "portal", "concierge", "manager", "other_concierge", "other_manager")
MATRIX = {
    "territory.stay.slot": dict.fromkeys(ROLES, "") | {"concierge": "rwcu", "manager": "rwcu"},
    "event.registration": dict.fromkeys(ROLES, "") | {"concierge": "rwc", "manager": "rwc"},
}


@tagged("post_install", "-at_install")
class TestStayAccessMatrix(AccessMatrixMixin, JourneyCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.stay = cls.env["event.event"].create({"name": "Séjour matrice", "stay_kind": "individual_visit",
                                                  "date_begin": start, "date_end": start + timedelta(days=1)})
        cls.roles = {"public": cls.env.ref("base.public_user"),
                     "portal": new_test_user(cls.env, "stay_portal", "base.group_portal"),
                     "concierge": cls.concierge, "manager": cls.manager}
        cls._second_territory()
        cls.roles.update(other_concierge=cls.other_concierge, other_manager=cls.other_manager)

    def _values(self, model, index):
        journey = self._create_journey(name=f"Matrice {index}", email_from=f"m{index}@stay.example")
        registration_values = {"event_id": self.stay.id, "journey_id": journey.id, "name": journey.name}
        if model == "event.registration":
            return registration_values, {"stay_decision": "settle"}
        registration = self.env["event.registration"].create(registration_values)
        return ({"registration_id": registration.id, "name": f"Rendez-vous {index}",
                 "date_begin": self.stay.date_begin}, {"place": "Mairie"})

    def test_access_matrix(self):
        self._check_access_matrix(MATRIX)

    def test_a_stay_welcomes_its_own_territory_households(self):
        """Another territory's households are refused by the invitation (they are oriented first),
        and another territory's staff do not see the stay."""
        there = self._create_journey(user=self.other_concierge, team_id=self.other_team.id,
                                     name="Famille Vosgienne", email_from="vosges@stay.example")
        wizard = self.env["territory.stay.invite.wizard"].create(
            {"event_id": self.stay.id, "journey_ids": [(6, 0, there.ids)]})
        with self.assertRaisesRegex(UserError, "another territory"):
            wizard.action_invite()
        self.assertFalse(self.env["event.event"].with_user(self.other_concierge).search([("id", "=", self.stay.id)]))
        # Nor may a registration be made, or moved, outside the wizard: the stay's territory
        # would see another territory's household.
        with self.assertRaises(ValidationError):
            self.env["event.registration"].create({"event_id": self.stay.id, "journey_id": there.id, "name": "X"})
        vosges_stay = self.stay.copy({"company_id": self.other_company.id})
        theirs = self.env["event.registration"].create(
            {"event_id": vosges_stay.id, "journey_id": there.id, "name": "Famille Vosgienne"})
        with self.assertRaises(ValidationError):
            theirs.event_id = self.stay
        # Nor without its journey (its name, e-mail and programme would go with it), as the
        # staff of either territory.
        theirs_as_staff = theirs.with_user(self.other_concierge)
        with self.assertRaises(AccessError):
            theirs_as_staff.write({"journey_id": False, "event_id": self.stay.id})
