from ast import literal_eval

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAmbassador(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.concierge = new_test_user(cls.env, "an_concierge", "territory_concierge.group_concierge_user")
        cls.portal_user = new_test_user(cls.env, "an_portal", "base.group_portal")
        cls.chaumont = cls.env.ref("territory_concierge.commune_52121")

    def test_concierge_recruits_an_ambassador(self):
        ambassador = self.env["res.partner"].with_user(self.concierge).with_context(
            default_is_ambassador=True).create({
                "name": "Bernadette Colin", "ambassador_commune_id": self.chaumont.id,
                "sponsorship_capacity": 2, "can_host_family": True,
            })
        self.assertTrue(ambassador.is_ambassador)
        self.assertEqual(ambassador.ambassador_state, "candidate", "recruitment starts as a candidate")
        for state in ("met", "trained", "active", "paused", "retired"):
            ambassador.ambassador_state = state
            self.assertEqual(ambassador.ambassador_state, state)
        action = self.env.ref("ambassador_network.res_partner_action_ambassadors")
        found = self.env["res.partner"].with_user(self.concierge).search(literal_eval(action.domain))
        self.assertIn(ambassador, found)

    def test_portal_user_cannot_read_another_ambassador(self):
        ambassador = self.env["res.partner"].create({
            "name": "Gérard Petit", "is_ambassador": True, "ambassador_state": "active",
            "ambassador_commune_id": self.chaumont.id,
        })
        with self.assertRaises(AccessError):
            ambassador.with_user(self.portal_user).read(["name", "ambassador_commune_id"])

    def test_ambassadors_menu_is_staff_only(self):
        menu = self.env.ref("ambassador_network.menu_ambassadors")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.concierge)._visible_menu_ids())
        employee = new_test_user(self.env, "an_employee", "base.group_user")
        self.assertNotIn(menu.id, Menu.with_user(employee)._visible_menu_ids(),
                         "employees outside the conciergerie do not see the ambassadors")
