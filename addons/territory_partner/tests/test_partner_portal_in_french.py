
from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import page_text, pages_in_french

from .common import PartnerCommon


@tagged("post_install", "-at_install")
class TestPartnerPortalInFrench(HttpCase, PartnerCommon):
    """What a partner organisation's contact reads of a shared journey, in French: sentences
    and amounts, not raw numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_french(cls.env, cls.employer_user | cls.chamber_user, ["territory_partner"])
        cls.journey.write({"housing_budget": 800, "household_member_ids": [
            Command.create({"role": "child", "name": "Tom", "age": 11})]})
        cls.share = cls._share(scope_household=True, scope_housing=True)

    def _page(self, url):
        self.authenticate(self.employer_user.login, self.employer_user.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return page_text(response.text)

    def test_children_in_a_french_sentence(self):
        url = f"/my/shared-journeys/{self.share.id}"
        page = self._page(url)
        self.assertIn("Enfants 2 enfants (11 et 7 ans)", page)
        self.assertNotIn("Âges des enfants", page)
        self.journey.household_member_ids.filtered(lambda m: m.role == "child").age = 0
        page = self._page(url)
        self.assertIn("Enfants 2 enfants ", page)
        self.assertNotIn("0, 0", page)

    def test_amounts_dates_and_answers_in_french(self):
        url = f"/my/shared-journeys/{self.share.id}"
        page = self._page(url)
        self.assertIn("Budget logement 800,00 €", page)
        self.assertNotIn("800.0", page)
        self.assertIn("A une voiture Non", page)
        self.assertRegex(page, r"Partagé par .* le \d{2}/\d{2}/\d{4}")
        self.assertNotRegex(page, r"\d{4}-\d{2}-\d{2}")
        self.journey.housing_budget = 0
        page = self._page(url)
        self.assertIn("Budget logement —", page, "an unknown budget is not 0,00 €")
        self.assertNotIn("0,00 €", page)

    def test_no_english_or_technical_values(self):
        offer = self.env["territory.opportunity"].create({
            "name": "Soudeur", "partner_org_id": self.org_employer.id, "contract_type": "cdi"})
        for url in ("/my/shared-journeys", f"/my/shared-journeys/{self.share.id}", "/my/offers",
                    f"/my/offers/{offer.id}", "/my/offers/new"):
            with self.subTest(url=url):
                page = self._page(url)
                for english in ("Status", "Household", "Shared", "Offer", "Children", "True", "False",
                                "proposed", "job", "cdi", "None"):
                    self.assertNotRegex(page, rf"\b{english}\b")

    def test_household_named_without_database_id_and_accept_button(self):
        url = f"/my/shared-journeys/{self.share.id}"
        page = self._page(url)
        self.assertNotIn(f"Foyer n° {self.journey.id}", page)
        self.assertIn("Foyer partagé le ", page, "title and breadcrumb name the household by its share date")
        self.assertIn("Accepter ce parcours", page)
        self.assertNotIn("Nous le prenons", page)
        self.assertNotIn(f"Foyer n° {self.journey.id}", self._page("/my/shared-journeys"))

    def test_first_message_is_written_by_the_sharer(self):
        # Created as superuser (as demo data are), on behalf of the concierge.
        share = self.env["territory.share"].sudo().create({
            "journey_id": self.journey.id, "partner_org_id": self.org_chamber.id, "scope_jobs": True,
            "shared_by_id": self.concierge.id})
        first = share.message_ids.filtered(lambda message: message.message_type == "comment").sorted("id")[:1]
        self.assertEqual(first.author_id, self.concierge.partner_id)
        self.assertIn(self.concierge.name, first.body)
