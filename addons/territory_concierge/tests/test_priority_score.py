from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestPriorityScore(JourneyCommon):
    """Scores computed by hand: components are 0-100, the score is their weighted mean
    with the shipped weights horizon 30, motivation 25, maturity 25, fit 20."""

    def _ripe_journey(self):
        return self._create_journey(
            project_horizon="lt_6m", motivation="4", maturity="ready", has_car=True, has_driving_licence=True,
            wished_commune_ids=[self.town_with_station.id], household_member_ids=self._household(adults=1))

    def _hesitant_journey(self):
        return self._create_journey(
            project_horizon="12_24m", motivation="2", maturity="exploring", has_car=False,
            wished_commune_ids=[self.village.id],
            household_member_ids=self._household(adults=2, children=2, job_lead=False))

    def test_score_ripe_household(self):
        journey = self._ripe_journey()
        self.assertEqual((journey.score_horizon, journey.score_motivation, journey.score_maturity,
                          journey.score_fit), (100, 100, 100, 100))
        self.assertEqual(journey.priority_score, 100)
        self.assertFalse(journey.has_fit_warnings)

    def test_score_hesitant_household_with_fit_warnings(self):
        journey = self._hesitant_journey()
        # 4 warnings: no car and no station; children and no school; two adults without job lead.
        self.assertEqual(journey.score_fit, 0)
        # (30 * 40 + 25 * 50 + 25 * 50 + 20 * 0) / 100 = 37
        self.assertEqual(journey.priority_score, 37)
        self.assertTrue(journey.has_fit_warnings)
        self.assertIn("No car and Petitbourg has no train station.", journey.fit_warnings)
        self.assertIn("Children in the household and Petitbourg has no school.", journey.fit_warnings)
        self.assertIn("No job lead yet for Adulte 2", journey.fit_warnings)

    def test_score_follows_the_household(self):
        """The stored score changes when what it depends on changes."""
        journey = self._hesitant_journey()
        journey.write({"has_car": True, "has_driving_licence": True})
        journey.household_member_ids.filtered(lambda m: m.role == "adult").write({"has_job_lead": True})
        self.assertEqual(journey.score_fit, 75, "only the school warning is left")
        # (1200 + 1250 + 1250 + 20 * 75) / 100 = 52
        self.assertEqual(journey.priority_score, 52)

    def test_unchecked_commune_raises_no_warning(self):
        """Services of a commune nobody checked are unknown, not missing."""
        journey = self._create_journey(has_car=False, wished_commune_ids=[self.unchecked_village.id],
                                       household_member_ids=self._household(adults=1, children=1))
        self.assertFalse(journey.has_fit_warnings)
        self.assertEqual(journey.score_fit, 100)
        self.unchecked_village.services_known = True
        self.assertTrue(journey.has_fit_warnings, "once checked, the missing station and school count")
        self.assertEqual(journey.score_fit, 50)

    def test_score_empty_journey(self):
        journey = self._create_journey()
        # Nothing known: only the fit component (no warning) counts: 20 * 100 / 100.
        self.assertEqual(journey.priority_score, 20)

    def test_weights_changed_by_manager_recompute_scores(self):
        journey = self._hesitant_journey()
        self.team.with_user(self.manager).write({
            "score_weight_horizon": 1, "score_weight_motivation": 0,
            "score_weight_maturity": 0, "score_weight_fit": 1,
        })
        self.assertEqual(journey.priority_score, 20, "(40 + 0) / 2 with the new weights")
        self.assertIn("50 %", journey.score_breakdown, "the breakdown shows the weights in use")

    def test_breakdown_shows_components(self):
        journey = self._hesitant_journey()
        breakdown = journey.score_breakdown
        for label in ("Project horizon", "Motivation", "Maturity", "Fit with the territory"):
            self.assertIn(label, breakdown)
        self.assertIn("<td class='text-end'>40</td>", breakdown)
        self.assertIn("<td class='text-end'>30 %</td>", breakdown)

    def test_weights_must_count(self):
        with self.assertRaises(ValidationError):
            self.team.write({"score_weight_horizon": 0, "score_weight_motivation": 0,
                             "score_weight_maturity": 0, "score_weight_fit": 0})
        with self.assertRaises(ValidationError):
            self.team.score_weight_fit = -5
