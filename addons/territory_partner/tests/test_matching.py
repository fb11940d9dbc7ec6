from odoo import Command
from odoo.tests import tagged

from .common import PartnerCommon


@tagged("post_install", "-at_install")
class TestMatching(PartnerCommon):
    """Hand-made cases where the right answer is obvious to a concierge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["territory.opportunity"].search([]).write({"state": "closed"})  # demo offers out of the way
        cls.epci = cls.env["territory.epci"].create({"name": "CC Test", "siren": "999999999"})
        cls.village.epci_id = cls.epci
        cls.neighbour = cls.env["territory.commune"].create(
            {"name": "Voisinville", "insee_code": "99004", "epci_id": cls.epci.id})
        cls.nurse_family = cls._create_journey(
            name="Famille Soignante", has_car=False, wished_commune_ids=[Command.set(cls.village.ids)],
            housing_tenure="rent", housing_rooms=4, housing_budget=700,
            household_member_ids=[Command.create({"role": "adult", "name": "Inès", "job_sought": "Infirmière",
                                                  "sector": "Santé"}),
                                  Command.create({"role": "adult", "name": "Paul", "job_sought": "Comptable"})])
        Opportunity = cls.env["territory.opportunity"]

        def offer(name, **values):
            return Opportunity.create({"name": name, "partner_org_id": cls.org_employer.id, **values})

        cls.nurse_in_village = offer("Infirmier(e) de nuit", kind="job", sector="Santé", commune_id=cls.village.id)
        cls.nurse_neighbour = offer("Infirmier(e) libéral(e)", kind="job", sector="Santé",
                                    commune_id=cls.neighbour.id)
        cls.nurse_far_no_station = offer("Infirmière", kind="job", sector="Santé",
                                         commune_id=cls.unchecked_village.id)
        cls.accountant = offer("Comptable unique", kind="job", sector="Finance",
                               commune_id=cls.town_with_station.id)
        cls.welder = offer("Soudeur", kind="job", sector="Métallurgie", commune_id=cls.village.id)
        cls.house_good = offer("Maison T4", kind="housing", housing_tenure="rent", housing_rooms=4, price=650,
                               commune_id=cls.village.id)
        cls.house_small = offer("T2", kind="housing", housing_tenure="rent", housing_rooms=2, price=400,
                                commune_id=cls.village.id)
        cls.house_for_sale = offer("Maison à vendre", kind="housing", housing_tenure="buy", housing_rooms=5,
                                   price=150000, commune_id=cls.village.id)
        cls.house_expensive = offer("Villa", kind="housing", housing_tenure="rent", housing_rooms=6, price=1500,
                                    commune_id=cls.village.id)

    def _ranked(self, journey):
        matches = self.env["territory.opportunity.matcher"]._match_journeys(journey, limit=20)[journey.id]
        return [self.env["territory.opportunity"].browse(opportunity_id) for _score, opportunity_id, _r in matches]

    def test_journey_gets_the_obvious_best_job_first(self):
        ranked = self._ranked(self.nurse_family)
        jobs = [opportunity for opportunity in ranked if opportunity.kind == "job"]
        self.assertEqual(jobs[0], self.nurse_in_village, "same job, in the wished commune")
        self.assertEqual(jobs[1], self.nurse_neighbour, "same job, same intercommunal body")
        self.assertEqual(jobs[2], self.accountant, "the second adult's job, reachable by train")
        self.assertNotIn(self.welder, ranked, "nobody in the household is a welder")
        self.assertNotIn(self.nurse_far_no_station, jobs[:3], "out of reach without a car")

    def test_housing_respects_tenure_rooms_and_budget(self):
        ranked = self._ranked(self.nurse_family)
        homes = [opportunity for opportunity in ranked if opportunity.kind == "housing"]
        self.assertEqual(homes, [self.house_good], "4 rooms to rent within budget; the others do not fit")

    def test_reasons_explain_the_score(self):
        matches = self.env["territory.opportunity.matcher"]._match_journeys(self.nurse_family)[self.nurse_family.id]
        score, opportunity_id, reasons = matches[0]
        self.assertEqual(opportunity_id, self.nurse_in_village.id)
        self.assertEqual(score, 100)
        self.assertTrue(any("Inès" in reason for reason in reasons))
        self.assertTrue(any("Petitbourg" in reason for reason in reasons))

    def test_without_a_car_a_far_village_is_out_of_reach(self):
        matcher = self.env["territory.opportunity.matcher"]
        journey = matcher._journey_rows(self.nurse_family)[0]
        far = matcher._opportunity_rows([("id", "=", self.nurse_far_no_station.id)])[0]
        self.assertEqual(matcher._reach(journey, far)[0], 0)
        self.nurse_family.has_car = True
        journey = matcher._journey_rows(self.nurse_family)[0]
        self.assertEqual(matcher._reach(journey, far)[0], 10)

    def test_opportunity_gets_the_obvious_best_journey_first(self):
        other = self._create_journey(
            name="Famille Ailleurs", has_car=True,
            household_member_ids=[Command.create({"role": "adult", "job_sought": "Aide-soignante",
                                                  "sector": "Santé"})])
        ranked = self.env["territory.opportunity.matcher"]._match_opportunity(self.nurse_in_village)
        journeys = [journey_id for _score, journey_id, _reasons in ranked]
        self.assertEqual(journeys[0], self.nurse_family.id)
        self.assertIn(other.id, journeys, "same sector, has a car")

    def test_wizard_shows_suggestions_and_shares_from_them(self):
        self.nurse_family.consent_ids = [Command.create(
            {"purpose": "partner_sharing", "wording": "Oui.", "source": "phone"})]
        action = self.nurse_family.with_user(self.concierge).action_suggest_opportunities()
        wizard = self.env["territory.match.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids[0].opportunity_id, self.nurse_in_village)
        share_action = wizard.line_ids[0].action_share()
        share_wizard = self.env["territory.share.wizard"].with_user(self.concierge).with_context(
            **share_action["context"]).create({})
        self.assertEqual(share_wizard.partner_org_ids, self.org_employer)
        self.assertTrue(share_wizard.scope_jobs)

    def test_matching_one_journey_reads_in_constant_queries(self):
        matcher = self.env["territory.opportunity.matcher"]
        matcher._match_journeys(self.nurse_family)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            matcher._match_journeys(self.nurse_family)
        many = self.nurse_family | self._create_journey(name="Autre", household_member_ids=self._household())
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            matcher._match_journeys(many)
