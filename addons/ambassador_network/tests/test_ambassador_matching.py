from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestAmbassadorMatching(SponsorshipCommon):
    """The obvious best ambassador comes first; nobody is proposed beyond capacity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].search([("is_ambassador", "=", True), ("id", "not in", (
            cls.ambassador_anne | cls.ambassador_bruno).ids)]).write({"ambassador_state": "paused"})
        cls.far_and_different = cls.env["res.partner"].create({
            "name": "Claude Lointain", "is_ambassador": True, "ambassador_state": "active",
            "ambassador_commune_id": cls.unchecked_village.id, "sponsorship_capacity": 3,
            "ambassador_household": "single",
            "ambassador_interest_ids": [Command.set(cls.cycling.ids)]})

    def _ranked(self, journey):
        return [ambassador_id for _score, ambassador_id, _reasons in
                self.env["territory.ambassador.matcher"]._match_journey(journey)]

    def test_same_village_same_interests_same_household_first(self):
        ranked = self._ranked(self.family_one)
        self.assertEqual(ranked[0], self.ambassador_anne.id)
        self.assertNotIn(self.far_and_different.id, ranked, "nothing in common")
        score, _id, reasons = self.env["territory.ambassador.matcher"]._match_journey(self.family_one)[0]
        self.assertEqual(score, 35 + 25 + 15 + 10 + 1)
        self.assertTrue(any("Petitbourg" in reason for reason in reasons))

    def test_points_are_the_team_settings(self):
        """Staff weigh the criteria on the conciergerie's settings form: the score and its reasons follow."""
        settings = self.family_one.team_id.with_user(self.manager)
        settings.write({"match_weight_commune": 50, "match_weight_interests": 0, "match_weight_language": 0})
        score, _id, reasons = self.env["territory.ambassador.matcher"]._match_journey(self.family_one)[0]
        self.assertEqual(score, 50 + 15 + 1)
        self.assertIn("(50 pts)", " ".join(reasons))
        self.assertFalse(any("interest" in reason for reason in reasons), "a criterion weighing 0 gives no reason")
        settings.match_min_points = 100
        self.assertFalse(self._ranked(self.family_one), "nobody reaches the threshold")
        with self.assertRaises(ValidationError):
            settings.match_weight_epci = -5
        with self.assertRaises(AccessError):
            self.family_one.team_id.with_user(self.concierge).match_weight_commune = 90

    def test_full_ambassadors_are_not_proposed(self):
        self._propose(journey=self.family_one)  # Anne is now full
        ranked = self._ranked(self.family_two)
        self.assertNotIn(self.ambassador_anne.id, ranked)

    def test_wizard_proposes_in_one_click(self):
        action = self.family_one.with_user(self.concierge).action_suggest_ambassadors()
        wizard = self.env["territory.ambassador.match.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids[0].ambassador_id, self.ambassador_anne)
        result = wizard.line_ids[0].with_user(self.concierge).action_propose()
        sponsorship = self.env["territory.sponsorship"].browse(result["res_id"])
        self.assertEqual((sponsorship.ambassador_id, sponsorship.state), (self.ambassador_anne, "proposed"))

    def test_wizard_says_the_household_has_not_consented(self):
        self.family_one.consent_ids.sudo().action_withdraw()
        action = self.family_one.with_user(self.concierge).action_suggest_ambassadors()
        wizard = self.env["territory.ambassador.match.wizard"].browse(action["res_id"])
        self.assertTrue(wizard.consent_missing, "the reason is the missing consent, not the ambassadors")
        self.assertFalse(wizard.line_ids, "no ambassador is suggested without the household's consent")
        arch = wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("has not consented to being put in touch with an ambassador", arch)

    def test_matching_reads_in_constant_queries(self):
        matcher = self.env["territory.ambassador.matcher"]
        matcher._match_journey(self.family_one)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            matcher._match_journey(self.family_one)
