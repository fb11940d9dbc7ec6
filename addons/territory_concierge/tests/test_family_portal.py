import json
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import pages_in_english
from .family_portal import FamilyPortalCommon
from .portal_pages import page_text, pages_in_french


class FamilyPageHttp(HttpCase, FamilyPortalCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, page, **data):
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(page).text).group(1)
        return self.url_open(url, data={"csrf_token": token, **data})

    def _chatter_token(self, user):
        """The token the household's page gives Odoo's portal chatter."""
        self._login(user)
        page = self.url_open("/my/journey").text
        return re.search(r'id="discussion"[^>]*data-token="([^"]+)"', page).group(1)


@tagged("post_install", "-at_install")
class TestFamilyPortal(FamilyPageHttp):
    """The household's page /my/journey over HTTP, as two households, a portal user without a
    journey, a concierge and a visitor."""

    def test_page_and_request(self):
        self._login(self.household_one_user)
        page = self.url_open("/my/journey")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.concierge.name, page.text)
        self.assertIn(self.household_one.stage_id.portal_description, page.text)
        self.assertNotIn("Foyer Deux", page.text)
        page = self._post("/my/journey/request", "/my/journey", name="", description="Pour mon fils")
        self.assertIn("short title", page.text)
        self.assertIn("Pour mon fils", page.text, "what was typed is kept")
        page = self._post("/my/journey/request", "/my/journey", name="Crèche", description="x" * 5001)
        self.assertIn("At most 5000 characters.", page.text)
        self.assertFalse(self.household_one.request_ids)
        self._post("/my/journey/request", "/my/journey", name="Inscription école", description="Pour mon fils")
        self.assertEqual(self.household_one.request_ids.name, "Inscription école")
        self.assertIn("Inscription école", self.url_open("/my/journey").text)

    def test_other_people_are_refused(self):
        for user in (self.plain_portal_user, self.concierge, self.manager):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertEqual(self.url_open("/my/journey").status_code, 404)
        # A portal user without a journey cannot post on the page's actions either.
        self._login(self.plain_portal_user)
        for url, data in (("/my/journey/request", {"name": "Intrus"}),
                          ("/my/journey/withdraw-consent", {"consent_id": str(self.household_one.consent_ids[0].id)})):
            with self.subTest(url=url):
                self.assertEqual(self._post(url, "/my/account", **data).status_code, 404)
        self.assertFalse(self.household_one.request_ids)
        self.assertTrue(all(self.household_one.consent_ids.mapped("is_active")))
        self.authenticate(None, None)
        self.assertIn("/web/login", self.url_open("/my/journey").url)

    def test_withdrawal_asks_first_and_refuses_another_household(self):
        consent = self.household_one.consent_ids.filtered(lambda c: c.purpose == "newsletter")
        self._login(self.household_one_user)
        page = self.url_open(f"/my/journey?withdraw_consent={consent.id}").text
        self.assertIn("Withdraw your consent?", page)
        self.assertIn("You will no longer receive the conciergerie&#39;s newsletters.", page)
        self.assertTrue(consent.is_active, "looking at the confirmation withdraws nothing")
        other = self.household_two.consent_ids[0]
        response = self._post("/my/journey/withdraw-consent", "/my/journey", consent_id=str(other.id))
        self.assertEqual(response.status_code, 404)
        self.assertTrue(other.is_active)
        self._post("/my/journey/withdraw-consent", "/my/journey", consent_id=str(consent.id))
        self.assertFalse(consent.is_active)
        self.assertIn("Your consent is withdrawn.", self.url_open("/my/journey?done=withdraw-consent").text)

    def test_actions_are_post_only_with_csrf(self):
        self._login(self.household_one_user)
        self.assertEqual(self.url_open("/my/journey/request?name=GET").status_code, 405)
        response = self.url_open("/my/journey/request", data={"name": "Sans jeton"})
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(self.household_one.request_ids)

    def test_messages_through_the_portal_chatter(self):
        self.household_one.message_post(body="Bienvenue !", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.household_one.message_post(body="Note interne", message_type="comment", subtype_xmlid="mail.mt_note")
        token = self._chatter_token(self.household_one_user)
        self.make_jsonrpc_request("/mail/message/post", {
            "thread_model": "crm.lead", "thread_id": self.household_one.id, "token": token,
            "post_data": {"body": "<script>x()</script>Merci !", "message_type": "comment",
                          "subtype_xmlid": "mail.mt_comment"}})
        message = self.household_one.message_ids[0]
        self.assertEqual(message.author_id, self.household_one_user.partner_id)
        self.assertNotIn("<script>", message.body)
        self.assertIn(self.concierge.partner_id, message.notified_partner_ids)
        fetched = self.make_jsonrpc_request("/mail/chatter_fetch", {
            "thread_model": "crm.lead", "thread_id": self.household_one.id, "token": token})
        bodies = " ".join(str(m.get("body")) for m in fetched["data"]["mail.message"])
        self.assertIn("Merci !", bodies)
        self.assertIn("Bienvenue !", bodies)
        self.assertNotIn("Note interne", bodies)

    def test_chatter_refuses_anyone_else(self):
        self.household_one.message_post(body="Secret du foyer", message_type="comment",
                                        subtype_xmlid="mail.mt_comment")
        token = self._chatter_token(self.household_one_user)
        other_token = self._chatter_token(self.household_two_user)
        post = {"thread_model": "crm.lead", "thread_id": self.household_one.id,
                "post_data": {"body": "Intrus", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"}}
        fetch = {"thread_model": "crm.lead", "thread_id": self.household_one.id}
        # Another household (with its own token or the first one's), a portal user, a visitor.
        for user, used_token in ((self.household_two_user, token), (self.household_two_user, other_token),
                                 (self.plain_portal_user, token), (None, token)):
            with self.subTest(user=user and user.login, own=used_token == token):
                if user:
                    self._login(user)
                else:
                    self.authenticate(None, None)
                with self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request("/mail/message/post", {**post, "token": used_token})
                with self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request("/mail/chatter_fetch", {**fetch, "token": used_token})
                fetched = self.make_jsonrpc_request("/mail/chatter_fetch", fetch)
                self.assertFalse(fetched["messages"], "nothing without the household's session")
        self.assertNotIn("Intrus", " ".join(self.household_one.message_ids.mapped("body")))

    def test_a_newer_lead_naming_the_family_does_not_take_the_page(self):
        # A lead created later with the family's contact, in the journeys team.
        rogue = self.env["crm.lead"].create({
            "name": "Lead Pirate", "contact_name": "Pirate", "partner_id": self.household_one.partner_id.id,
            "team_id": self.team.id, "type": "opportunity", "user_id": self.concierge_health.id})
        rogue.message_post(body="Message pirate", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.assertTrue(rogue.is_journey)
        token = self._chatter_token(self.household_one_user)
        page = self.url_open("/my/journey").text
        self.assertIn(self.concierge.name, page)
        self.assertNotIn(self.concierge_health.name, page)
        self.assertIn(f'data-res_id="{self.household_one.id}"', page)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/chatter_fetch", {
                "thread_model": "crm.lead", "thread_id": rogue.id, "token": token})

    def _json2(self, user, model, method, **payload):
        key = self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "test", None)
        return self.url_open(f"/json/2/{model}/{method}", data=json.dumps(payload), headers={
            "Authorization": f"Bearer {key}", "Content-Type": "application/json"})

    def test_external_api_gives_the_household_nothing(self):
        for model, method, payload in (
            ("crm.lead", "search_read", {"domain": [], "fields": ["name"]}),
            ("crm.lead", "read", {"ids": [self.household_one.id], "fields": ["name"]}),
            ("territory.request", "search_read", {"domain": [], "fields": ["name"]}),
            ("territory.consent", "search_read", {"domain": [], "fields": ["wording"]}),
            ("res.partner", "write", {"ids": [self.household_one_user.partner_id.id],
                                      "vals": {"family_journey_id": self.household_two.id}}),
        ):
            with self.subTest(model=model, method=method):
                self.assertEqual(self._json2(self.household_one_user, model, method, **payload).status_code, 403)
        self.assertEqual(self.household_one_user.partner_id.family_journey_id, self.household_one)

    def test_tour_family_creates_a_request_and_writes(self):
        self.household_one.write({"project_horizon": "lt_6m", "stage_id": self.stages["qualified"].id})
        self.start_tour("/my/journey", "territory_concierge_family_request_tour", login="tc_family1")
        self.assertEqual(self.household_one.request_ids.name, "Trouver une nounou")
        self.assertIn("Merci pour votre aide !", " ".join(self.household_one.message_ids.mapped("body")))


@tagged("post_install", "-at_install")
class TestFamilyPortalInFrench(FamilyPageHttp):
    """What the household reads, in French: no English, no technical values, French dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_french(cls.env, cls.household_one_user | cls.household_two_user, [])

    def test_page_in_french(self):
        self.household_one.consent_ids.sudo().write({"date_given": "2026-05-04 10:00:00"})
        consent = self.household_one.consent_ids.filtered(lambda c: c.purpose == "concierge_contact")
        self._login(self.household_one_user)
        page = page_text(self.url_open("/my/journey").text)
        self.assertIn("Mon parcours", page)
        self.assertIn("04/05/2026", page)
        self.assertNotRegex(page, r"\d{4}-\d{2}-\d{2}")
        for english in ("My journey", "My requests", "Withdraw", "Given on", "True", "False", "None"):
            self.assertNotRegex(page, rf"\b{english}\b")
        page = page_text(self.url_open(f"/my/journey?withdraw_consent={consent.id}").text)
        self.assertIn("Retirer votre consentement", page)
        self.assertIn("La conciergerie ne vous contactera plus au sujet de votre projet.", page)


@tagged("post_install", "-at_install")
class TestFamilyMethodsRefused(FamilyPortalCommon):
    """The household's writes are model methods that check the caller: another household, a
    portal user without a journey, a salesperson of another team are refused; staff do not
    use them (the back office is theirs)."""

    def test_refused_to_anyone_but_the_household(self):
        salesperson = new_test_user(self.env, "tc_seller", "sales_team.group_sale_salesman", name="Paul Vendeur")
        consent = self.household_one.consent_ids[0]
        for user in (self.household_two_user, self.plain_portal_user, salesperson, self.concierge):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.household_one.with_user(user).action_family_request("Intrus")
                with self.assertRaises(AccessError):
                    consent.with_user(user).action_family_withdraw()
        self.assertFalse(self.household_one.request_ids)
        self.assertTrue(consent.is_active)
        request = self.household_one.with_user(self.household_one_user).action_family_request("Garde d'enfant")
        self.assertEqual(request.journey_id, self.household_one)
        consent.with_user(self.household_one_user).action_family_withdraw()
        self.assertFalse(consent.is_active)

    def test_lost_or_anonymised_journey_closes_the_page(self):
        self.assertEqual(self.env["crm.lead"].with_user(self.household_one_user)._family_own_journey(),
                         self.household_one)
        self.household_one.action_archive()
        self.assertFalse(self.env["crm.lead"].with_user(self.household_one_user)._family_own_journey())
        with self.assertRaises(AccessError):
            self.household_one.with_user(self.household_one_user).action_family_request("Après")

    def test_invitation_from_the_journey_sets_the_page(self):
        partner = self.env["res.partner"].create({"name": "Foyer Invité", "email": "invite@foyer.example"})
        journey = self._create_journey(name="Foyer Invité", contact_name="Foyer Invité",
                                       email_from="invite@foyer.example", partner_id=partner.id)
        journey.with_user(self.concierge).action_invite_family_to_portal()
        self.assertEqual(partner.family_journey_id, journey)
        self.assertTrue(partner.user_ids._is_portal())
        # Households and salespeople can neither read nor move the key.
        salesperson = new_test_user(self.env, "tc_seller", "sales_team.group_sale_salesman")
        for user in (self.household_one_user, self.plain_portal_user, salesperson):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.household_one.partner_id.with_user(user).write({"family_journey_id": journey.id})
        with self.assertRaises(AccessError):
            journey.with_user(salesperson).action_invite_family_to_portal()
