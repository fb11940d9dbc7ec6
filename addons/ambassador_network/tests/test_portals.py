import json
import re
from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.common import pages_in_english

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestAmbassadorFamilyPortals(HttpCase, SponsorshipCommon):
    """The ambassador and family pages over HTTP and JSON-2, as two ambassadors, two
    families, a partner-less portal user, a visitor and a concierge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.sponsorship = cls._active()

    def _post(self, url, page, **data):
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(page).text).group(1)
        return self.url_open(url, data={"csrf_token": token, **data})

    def test_ambassador_pages_show_only_own_sponsorships(self):
        self._login(self.anne_user)
        listing = self.url_open("/my/sponsorships")
        self.assertIn(f"/my/sponsorships/{self.sponsorship.id}", listing.text)
        page = self.url_open(f"/my/sponsorships/{self.sponsorship.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Famille Une", page.text)
        self.assertIn("12 34 56 78", page.text)
        self._login(self.bruno_user)
        self.assertNotIn("Famille Une", self.url_open("/my/sponsorships").text)

    def test_other_users_ids_are_refused(self):
        other = self._active(journey=self.family_two, ambassador=self.ambassador_bruno)
        for user, url in (
            (self.anne_user, f"/my/sponsorships/{other.id}"),
            (self.bruno_user, f"/my/sponsorships/{self.sponsorship.id}"),
            (self.family_one_user, f"/my/sponsorships/{self.sponsorship.id}"),
            (self.concierge, f"/my/sponsorships/{self.sponsorship.id}"),
            (self.anne_user, "/my/sponsorships/999999"),
            (self.family_one_user, "/my/ambassador"),
            (self.anne_user, "/my/journey"),
        ):
            with self.subTest(user=user.login, url=url):
                self._login(user)
                self.assertEqual(self.url_open(url).status_code, 404)
        self._login(self.bruno_user)
        response = self._post(f"/my/sponsorships/{self.sponsorship.id}/concern", f"/my/sponsorships/{other.id}",
                              note="Intrus")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.sponsorship.has_concern)

    def test_log_meeting_keeps_input_on_error(self):
        self._login(self.anne_user)
        url = f"/my/sponsorships/{self.sponsorship.id}"
        page = self._post(f"{url}/meeting", url, date="2999-01-01", kind="visit", note="<b>Balade</b> au canal")
        self.assertIn("today or before", page.text)
        self.assertIn("&lt;b&gt;Balade&lt;/b&gt; au canal", page.text)
        self.assertFalse(self.sponsorship.meeting_ids)
        page = self._post(f"{url}/meeting", url, date=str(date.today()), kind="visit", note="y" * 5001)
        self.assertIn("At most 5000 characters.", page.text)
        self.assertIn("y" * 5001, page.text, "what was typed is kept")
        self.assertFalse(self.sponsorship.meeting_ids)
        self._post(f"{url}/meeting", url, date=str(date.today()), kind="visit", note="Balade au canal")
        self.assertEqual(self.sponsorship.meeting_ids.note, "Balade au canal")

    def test_ambassador_updates_their_profile(self):
        self._login(self.anne_user)
        page = self._post("/my/ambassador", "/my/ambassador", capacity="12", languages="anglais",
                          availability="Le mercredi")
        self.assertIn("Between 0 and 5 households.", page.text)
        self.assertIn("Le mercredi", page.text)
        self.assertEqual(self.ambassador_anne.sponsorship_capacity, 1)
        self._post("/my/ambassador", "/my/ambassador", capacity="2", languages="anglais, espagnol",
                   availability="Le mercredi")
        self.assertEqual((self.ambassador_anne.sponsorship_capacity, self.ambassador_anne.ambassador_availability),
                         (2, "Le mercredi"))

    def test_family_page_shows_its_ambassador(self):
        self._login(self.family_one_user)
        page = self.url_open("/my/journey")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Anne Ambassadrice", page.text)
        self.assertNotIn("Bruno Ambassadeur", page.text)
        self.assertNotIn("Famille Deux", page.text)

    def test_each_action_its_post_route_refused_to_others(self):
        url = f"/my/sponsorships/{self.sponsorship.id}"
        for action, data in (("agree", {}), ("decline", {"note": "Non"}),
                             ("meeting", {"date": str(date.today()), "kind": "visit", "note": "Intrus"}),
                             ("concern", {"note": "Intrus"})):
            for user in (self.bruno_user, self.family_one_user, self.concierge):
                with self.subTest(action=action, user=user.login):
                    self._login(user)
                    self.assertEqual(self._post(f"{url}/{action}", "/my/account", **data).status_code, 404)
        self.assertEqual((self.sponsorship.state, self.sponsorship.has_concern), ("active", False))
        self.assertFalse(self.sponsorship.meeting_ids)
        self._login(self.anne_user)
        self.assertEqual(self.url_open(f"{url}/concern").status_code, 405, "POST only")
        self.assertIn(self.url_open(f"{url}/concern", data={"note": "Sans jeton"}).status_code, (400, 403),
                      "CSRF-checked")
        self.assertEqual(self._post(f"{url}/unknown", url).status_code, 404, "no catch-all action route")
        self.assertFalse(self.sponsorship.has_concern)
        # The household's agreement is the household's own.
        proposed = self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        for user in (self.anne_user, self.bruno_user, self.family_one_user):
            with self.subTest(user=user.login):
                self._login(user)
                self._post("/my/journey/agree-ambassador", "/my/account")
        self.assertFalse(proposed.family_agreed)

    def test_family_withdraws_consent_from_the_portal(self):
        self._login(self.family_one_user)
        consent = self.family_one.consent_ids
        self._post("/my/journey/withdraw-consent", "/my/journey", consent_id=str(consent.id))
        self.assertFalse(consent.is_active)
        self.assertEqual(self.sponsorship.state, "ended")
        self._login(self.anne_user)
        self.assertEqual(self.url_open(f"/my/sponsorships/{self.sponsorship.id}").status_code, 404)
        # Another family's consent id is not reachable.
        other_consent = self.family_two.consent_ids
        self._login(self.family_one_user)
        response = self._post("/my/journey/withdraw-consent", "/my/journey", consent_id=str(other_consent.id))
        self.assertEqual(response.status_code, 404)
        self.assertTrue(other_consent.is_active)

    def test_family_agrees_to_a_proposed_ambassador(self):
        proposed = self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        self._login(self.family_two_user)
        self.assertIn("Bruno Ambassadeur", self.url_open("/my/journey").text)
        self._post("/my/journey/agree-ambassador", "/my/journey")
        self.assertTrue(proposed.family_agreed)

    def test_visitors_are_sent_to_login(self):
        self.authenticate(None, None)
        for url in ("/my/journey", f"/my/sponsorships/{self.sponsorship.id}"):
            self.assertIn("/web/login", self.url_open(url).url)

    def _json2(self, user, model, method, **payload):
        key = self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "test", None)
        return self.url_open(f"/json/2/{model}/{method}", data=json.dumps(payload), headers={
            "Authorization": f"Bearer {key}", "Content-Type": "application/json"})

    def test_external_api_gives_nothing_more(self):
        response = self._json2(self.anne_user, "territory.sponsorship", "search_read", domain=[],
                               fields=["household_label", "state"])
        self.assertEqual([row["id"] for row in response.json()], [self.sponsorship.id])
        for user, model, method, payload in (
            (self.anne_user, "territory.sponsorship", "read", {"ids": [self.sponsorship.id], "fields": ["journey_id"]}),
            (self.bruno_user, "territory.sponsorship", "read", {"ids": [self.sponsorship.id], "fields": ["state"]}),
            (self.anne_user, "territory.sponsorship.meeting", "search_read", {"domain": [], "fields": ["note"]}),
            (self.family_one_user, "crm.lead", "search_read", {"domain": [], "fields": ["name"]}),
            (self.family_one_user, "territory.request", "search_read", {"domain": [], "fields": ["name"]}),
            (self.bruno_user, "territory.sponsorship", "action_log_meeting",
             {"ids": [self.sponsorship.id], "date": "2026-01-01", "kind": "visit", "note": "x"}),
        ):
            with self.subTest(user=user.login, model=model, method=method):
                self.assertEqual(self._json2(user, model, method, **payload).status_code, 403)
        self.assertFalse(self.sponsorship.meeting_ids)

    def test_tour_ambassador_logs_a_meeting(self):
        self.start_tour("/my/sponsorships", "ambassador_network_log_meeting_tour", login="an_anne")
        self.assertEqual(self.sponsorship.meeting_ids.note, "Randonnée au lac de la Liez.")
