import re
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.portal_pages import page_text, pages_in_french

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestPortalPagesInFrench(HttpCase, SponsorshipCommon):
    """What the ambassador and the family read on their pages, in French: only what the
    household agreed to, labels that say what is shown, French dates and sentences."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_french(cls.env, cls.anne_user | cls.bruno_user | cls.family_one_user | cls.family_two_user,
                        ["ambassador_network"])
        cls.family_one.household_member_ids = [
            Command.clear(), Command.create({"role": "adult", "name": "Claire", "age": 38}),
            Command.create({"role": "adult", "name": "Marc", "age": 40}),
            Command.create({"role": "child", "name": "Léa", "age": 9}),
            Command.create({"role": "child", "name": "Hugo", "age": 6})]

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return page_text(response.text)

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_household_contact_shows_once_both_agreed(self):
        sponsorship = self._propose()
        self._login(self.anne_user)
        url = f"/my/sponsorships/{sponsorship.id}"
        for step in ("proposed", "ambassador agreed"):
            with self.subTest(step=step):
                page = self._page(url)
                self.assertNotIn("12 34 56 78", page, "the household's phone before it agreed")
                self.assertNotIn("une@famille.example", page, "the household's e-mail before it agreed")
                self.assertIn("une fois que le foyer aura accepté", page)
            sponsorship.with_user(self.anne_user).action_ambassador_agree()
        sponsorship.with_user(self.concierge).action_family_agree()
        self.assertEqual(sponsorship.state, "accepted")
        page = self._page(url)
        self.assertIn("+33 6 12 34 56 78", page)
        self.assertIn("une@famille.example", page)
        self.assertNotIn("une fois que le foyer aura accepté", page)

    def test_commune_label_says_what_is_shown(self):
        sponsorship = self._active()
        self._login(self.anne_user)
        url = f"/my/sponsorships/{sponsorship.id}"
        page = self._page(url)
        self.assertIn("Communes souhaitées Petitbourg", page)
        self.assertNotIn("Commune d'installation", page, "the household is not installed yet")
        self.family_one.installation_commune_id = self.town_with_station
        page = self._page(url)
        self.assertIn("Commune d'installation Gareville", page)
        self.assertNotIn("Communes souhaitées", page)

    def test_dates_in_french(self):
        self.family_one.date_deadline = date(2026, 9, 1)
        sponsorship = self._active()
        sponsorship.with_user(self.anne_user).action_log_meeting(date(2026, 8, 14), "visit", "Café")
        self._login(self.anne_user)
        url = f"/my/sponsorships/{sponsorship.id}"
        page = self._page(url)
        self.assertIn("Arrivée prévue 01/09/2026", page)
        self.assertIn("14/08/2026", page)
        self.family_one.installation_date = date(2026, 7, 29)
        page = self._page(url)
        self.assertIn("Date d'installation 29/07/2026", page)
        self.assertNotRegex(page, r"\d{4}-\d{2}-\d{2}")
        self.family_one.consent_ids.sudo().date_given = "2026-05-04 10:00:00"  # a proof: only superuser rewrites
        self._login(self.family_one_user)
        page = self._page("/my/journey")
        self.assertIn("04/05/2026", page)
        self.assertNotRegex(page, r"\d{4}-\d{2}-\d{2}")

    def test_children_in_a_french_sentence(self):
        sponsorship = self._active()
        self._login(self.anne_user)
        url = f"/my/sponsorships/{sponsorship.id}"
        page = self._page(url)
        self.assertIn("Membres Marc, Claire, Léa et Hugo", page)
        self.assertIn("Enfants 2 enfants (9 et 6 ans)", page)
        self.family_one.household_member_ids.filtered(lambda m: m.role == "child").write({"name": False, "age": 0})
        page = self._page(url)
        self.assertIn("Membres Marc et Claire", page)
        self.assertIn("Enfants 2 enfants", page)
        self.assertNotIn("(0", page)
        self.assertNotIn("()", page)
        self.family_one.household_member_ids.filtered(lambda m: m.role == "child")[0].unlink()
        self.assertIn("Enfants 1 enfant ", self._page(url))

    def test_withdrawing_a_consent_asks_first_and_says_what_ends(self):
        sponsorship = self._active()
        consent = self.family_one.consent_ids
        self._login(self.family_one_user)
        journey_page = self.url_open("/my/journey").text
        self.assertNotIn('action="/my/journey/withdraw-consent"', journey_page, "one click must not withdraw")
        link = re.search(rf'href="([^"]*withdraw_consent={consent.id}[^"]*)"', journey_page)
        self.assertTrue(link, "the Withdraw button leads to a confirmation")
        confirmation = self.url_open(link.group(1).replace("&amp;", "&"))
        text = page_text(confirmation.text)
        self.assertIn("Retirer votre consentement", text)
        self.assertIn("Votre parrainage avec Anne Ambassadrice prendra fin.", text)
        self.assertIn('action="/my/journey/withdraw-consent"', confirmation.text)
        self.assertTrue(consent.is_active, "looking at the confirmation withdraws nothing")
        self.url_open("/my/journey/withdraw-consent", data={
            "csrf_token": self._csrf(link.group(1).replace("&amp;", "&")), "consent_id": str(consent.id)})
        self.assertFalse(consent.is_active)
        self.assertEqual(sponsorship.state, "ended")

    def test_no_english_or_technical_values(self):
        proposed = self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        active = self._active()
        for user, url in ((self.anne_user, "/my/sponsorships"), (self.anne_user, f"/my/sponsorships/{active.id}"),
                          (self.anne_user, "/my/ambassador"), (self.bruno_user, f"/my/sponsorships/{proposed.id}"),
                          (self.family_one_user, "/my/journey"), (self.family_two_user, "/my/journey")):
            with self.subTest(user=user.login, url=url):
                self._login(user)
                page = self._page(url)
                for english in ("Status", "Household", "Members", "Meetings", "My journey", "Withdraw",
                                "True", "False", "proposed", "active", "None"):
                    self.assertNotRegex(page, rf"\b{english}\b")
