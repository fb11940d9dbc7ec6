from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.common import pages_in_english
from odoo.addons.territory_concierge.tests.family_portal import FamilyPortalCommon


@tagged("post_install", "-at_install")
class TestStayPortals(HttpCase, FamilyPortalCommon):
    """A family sees its next stay and its programme (where an ambassador is expected: the
    ambassador module's ``crm.lead._known_to_portal_partner``, tested there)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        start = datetime.now().replace(microsecond=0) + timedelta(days=5)
        cls.visit = cls.env["event.event"].create({
            "name": "Visite Famille Une", "stay_kind": "individual_visit", "date_begin": start,
            "date_end": start + timedelta(days=1), "date_tz": "Europe/Paris"})
        cls.registration = cls.env["event.registration"].create({
            "event_id": cls.visit.id, "journey_id": cls.household_one.id, "name": "Famille Une",
            "email": "un@foyer.example", "partner_id": cls.household_one.partner_id.id})
        cls.env["territory.stay.slot"].create({
            "registration_id": cls.registration.id, "date_begin": start + timedelta(hours=10),
            "kind": "ambassador", "name": "Dîner chez Anne", "contact_id": cls.plain_portal_user.partner_id.id})

    def test_family_sees_its_next_stay_and_programme(self):
        self.authenticate(self.household_one_user.login, self.household_one_user.login)
        page = self.url_open("/my/journey")
        self.assertIn("Visite Famille Une", page.text)
        self.assertIn("Dîner chez Anne", page.text)
        next_stay = page.text.split("o_journey_next_stay", 1)[1].split("</ul>", 1)[0]
        self.assertNotRegex(next_stay, r"\d{1,2}:\d{2}:\d{2}", "times are shown without seconds")
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 200)
        self.authenticate(self.household_two_user.login, self.household_two_user.login)
        self.assertNotIn("Visite Famille Une", self.url_open("/my/journey").text)
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 404)
        self.authenticate(self.plain_portal_user.login, self.plain_portal_user.login)
        self.assertEqual(self.url_open("/my/journey/itinerary").status_code, 404)
