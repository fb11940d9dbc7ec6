from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.ambassador_network.tests.common import SponsorshipCommon
from odoo.addons.territory_concierge.tests.common import pages_in_english


@tagged("post_install", "-at_install")
class TestStayPortals(HttpCase, SponsorshipCommon):
    """Ambassadors see where they are expected; a family sees its next stay and its programme."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        start = datetime.now().replace(microsecond=0) + timedelta(days=5)
        cls.visit = cls.env["event.event"].create({
            "name": "Visite Famille Une", "stay_kind": "individual_visit", "date_begin": start,
            "date_end": start + timedelta(days=1), "date_tz": "Europe/Paris"})
        cls.registration = cls.env["event.registration"].create({
            "event_id": cls.visit.id, "journey_id": cls.family_one.id, "name": "Famille Une",
            "email": "une@famille.example", "partner_id": cls.family_one.partner_id.id})
        cls.env["territory.stay.slot"].create({
            "registration_id": cls.registration.id, "date_begin": start + timedelta(hours=10),
            "kind": "ambassador", "name": "Dîner chez Anne", "contact_id": cls.ambassador_anne.id})

    def test_ambassador_sees_where_they_are_expected(self):
        self._propose(journey=self.family_one)  # Anne sponsors the household
        self._login(self.anne_user)
        page = self.url_open("/my/sponsorships").text
        self.assertIn("Dîner chez Anne", page)
        expected = page.split("o_ambassador_expected_slots", 1)[1].split("</section>", 1)[0]
        self.assertNotRegex(expected, r"\d{1,2}:\d{2}:\d{2}", "times are shown without seconds")
        self.assertRegex(expected, r"\d{1,2}:\d{2}")
        self._login(self.bruno_user)
        self.assertNotIn("Dîner chez Anne", self.url_open("/my/sponsorships").text)

    def test_family_sees_its_next_stay_and_programme(self):
        self._login(self.family_one_user)
        page = self.url_open("/my/journey")
        self.assertIn("Visite Famille Une", page.text)
        self.assertIn("Dîner chez Anne", page.text)
        next_stay = page.text.split("o_journey_next_stay", 1)[1].split("</ul>", 1)[0]
        self.assertNotRegex(next_stay, r"\d{1,2}:\d{2}:\d{2}", "times are shown without seconds")
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 200)
        self._login(self.family_two_user)
        self.assertNotIn("Visite Famille Une", self.url_open("/my/journey").text)
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 404)
        self._login(self.anne_user)
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 404)
