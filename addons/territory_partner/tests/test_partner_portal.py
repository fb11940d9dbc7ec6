import json
import re

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.territory_concierge.tests.common import pages_in_english

from .common import PartnerCommon


@tagged("post_install", "-at_install")
class TestPartnerPortal(HttpCase, PartnerCommon):
    """The partner portal over HTTP and the JSON-2 API, as two partner organisations,
    a family, a visitor and a concierge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.employer_share = cls._share(scope_jobs=True)
        cls.chamber_share = cls._share(org=cls.org_chamber, scope_identity=True, scope_business=True)

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_list_shows_only_own_open_shares(self):
        self._login(self.employer_user)
        page = self.url_open("/my/shared-journeys")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/shared-journeys/{self.employer_share.id}", page.text)
        self.assertNotIn(f"/my/shared-journeys/{self.chamber_share.id}", page.text)
        self.assertNotIn("Alice Consentante", page.text, "identity is not in the employer's scope")

    def test_detail_shows_only_the_shared_scope_and_logs_the_view(self):
        self._login(self.employer_user)
        page = self.url_open(f"/my/shared-journeys/{self.employer_share.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Infirmière", page.text)
        for hidden in ("Alice Consentante", "alice@consent.example", "11 22 33 44", "épicerie"):
            self.assertNotIn(hidden, page.text)
        self.assertEqual(self.employer_share.view_ids.user_id, self.employer_user)
        self._login(self.chamber_user)
        page = self.url_open(f"/my/shared-journeys/{self.chamber_share.id}")
        self.assertIn("alice@consent.example", page.text)
        self.assertIn("épicerie", page.text)
        self.assertNotIn("Infirmière", page.text, "job search is not in the chamber's scope")

    def test_other_users_ids_are_refused(self):
        closed = self._share(org=self.org_employer, journey=self._create_journey(
            name="Famille Close", consent_ids=[(0, 0, {"purpose": "partner_sharing", "wording": "Oui."})]))
        closed.action_close()
        cases = [
            (self.employer_user, f"/my/shared-journeys/{self.chamber_share.id}"),  # another organisation's
            (self.employer_user, f"/my/shared-journeys/{closed.id}"),  # closed
            (self.employer_user, "/my/shared-journeys/999999"),  # does not exist
            (self.family_user, f"/my/shared-journeys/{self.employer_share.id}"),  # not a partner
            (self.concierge, f"/my/shared-journeys/{self.employer_share.id}"),  # staff use the back office
        ]
        for user, url in cases:
            with self.subTest(user=user.login, url=url):
                self._login(user)
                self.assertEqual(self.url_open(url).status_code, 404)
        self._login(self.employer_user)
        csrf = self._csrf(f"/my/shared-journeys/{self.employer_share.id}")
        answer = self.url_open(f"/my/shared-journeys/{self.chamber_share.id}/answer",
                               data={"answer": "accept", "csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(answer.status_code, 404)
        self.assertEqual(self.chamber_share.state, "proposed")

    def test_visitors_are_sent_to_login(self):
        self.authenticate(None, None)
        page = self.url_open(f"/my/shared-journeys/{self.employer_share.id}")
        self.assertIn("/web/login", page.url)
        self.assertNotIn("Infirmière", page.text)

    def test_accept_and_decline_over_http(self):
        self._login(self.employer_user)
        url = f"/my/shared-journeys/{self.employer_share.id}"
        response = self.url_open(f"{url}/answer", data={
            "answer": "accept", "feedback": "<script>alert(1)</script>Rendez-vous lundi",
            "csrf_token": self._csrf(url)}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.employer_share.state, "accepted")
        self.assertIn("&lt;script&gt;", self.journey.message_ids[0].body)
        self.assertNotIn("<script>", self.url_open(url).text.split("Rendez-vous lundi")[0][-200:])
        # Declining without a reason: refused with the message, what was typed is kept.
        self._login(self.chamber_user)
        url = f"/my/shared-journeys/{self.chamber_share.id}"
        page = self.url_open(f"{url}/answer", data={"answer": "decline", "feedback": " ",
                                                   "csrf_token": self._csrf(url)})
        self.assertIn("why you decline", page.text)
        self.assertEqual(self.chamber_share.state, "proposed")
        too_long = "x" * 5001
        page = self.url_open(f"{url}/answer", data={"answer": "accept", "feedback": too_long,
                                                   "csrf_token": self._csrf(url)})
        self.assertIn("At most 5000 characters.", page.text)
        self.assertIn(too_long, page.text, "what was typed is kept")
        self.assertEqual(self.chamber_share.state, "proposed")
        missing_csrf = self.url_open(f"{url}/answer", data={"answer": "accept"})
        self.assertEqual(missing_csrf.status_code, 400)
        self.assertEqual(self.chamber_share.state, "proposed")

    def test_offers_from_the_portal(self):
        self._login(self.employer_user)
        # The communes offered are the territory's loaded ones, whatever their département.
        vosges = self.env["territory.commune"].create({"name": "Épinal-Test", "insee_code": "88999",
                                                      "department_code": "88"})
        new_offer_page = self.url_open("/my/offers/new").text
        self.assertIn(f'value="{vosges.id}"', new_offer_page)
        self.assertIn(f'value="{self.village.id}"', new_offer_page)
        csrf = self._csrf("/my/offers/new")
        page = self.url_open("/my/offers/save", data={
            "csrf_token": csrf, "name": "Chaudronnier", "kind": "job", "price": "beaucoup",
            "description": "Atelier de 40 personnes"})
        self.assertIn("Enter a whole positive number.", page.text)
        self.assertIn('value="Chaudronnier"', page.text)
        self.assertIn("Atelier de 40 personnes", page.text)
        self.assertFalse(self.env["territory.opportunity"].search([("name", "=", "Chaudronnier")]))
        self.url_open("/my/offers/save", data={"csrf_token": csrf, "name": "Chaudronnier", "kind": "job",
                                               "positions": "2", "commune_id": str(self.village.id)})
        offer = self.env["territory.opportunity"].search([("name", "=", "Chaudronnier")])
        self.assertEqual((offer.partner_org_id, offer.positions, offer.commune_id),
                         (self.org_employer, 2, self.village))
        self.assertIn("Chaudronnier", self.url_open("/my/offers").text)
        # The chamber can neither open nor change it; a family has no offers page.
        self._login(self.chamber_user)
        self.assertEqual(self.url_open(f"/my/offers/{offer.id}").status_code, 404)
        response = self.url_open("/my/offers/save", data={
            "csrf_token": self._csrf("/my/offers/new"), "offer_id": str(offer.id), "name": "Volé", "kind": "job"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(offer.name, "Chaudronnier")
        self._login(self.family_user)
        self.assertEqual(self.url_open("/my/offers").status_code, 404)

    def _json2(self, user, model, method, **payload):
        key = self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "test", None)
        return self.url_open(f"/json/2/{model}/{method}", data=json.dumps(payload), headers={
            "Authorization": f"Bearer {key}", "Content-Type": "application/json"})

    def test_external_api_gives_nothing_more(self):
        response = self._json2(self.employer_user, "territory.share", "search_read",
                               domain=[], fields=["household_label", "state", "scope_jobs"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual([row["id"] for row in response.json()], [self.employer_share.id])
        for model, method, payload in (
            ("territory.share", "read", {"ids": [self.employer_share.id], "fields": ["journey_id"]}),
            ("territory.share", "read", {"ids": [self.chamber_share.id], "fields": ["state"]}),
            ("crm.lead", "search_read", {"domain": [], "fields": ["name"]}),
            ("territory.household.member", "search_read", {"domain": [], "fields": ["job_sought"]}),
            ("territory.share.view", "search_read", {"domain": [], "fields": ["user_id"]}),
            ("territory.share", "write", {"ids": [self.employer_share.id], "vals": {"state": "accepted"}}),
        ):
            with self.subTest(model=model, method=method, payload=payload):
                response = self._json2(self.employer_user, model, method, **payload)
                self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(self.employer_share.state, "proposed")

    def test_tour_partner_accepts_a_shared_journey(self):
        self.start_tour(f"/my/shared-journeys/{self.employer_share.id}", "territory_partner_accept_tour",
                        login="tp_employer")
        self.assertEqual(self.employer_share.state, "accepted")
        self.assertEqual(self.employer_share.feedback, "Nous les recevons jeudi.")

    def test_partner_writes_to_the_concierge_in_the_portal_chatter(self):
        post = {"body": "Pouvez-vous nous envoyer le CV ?", "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment"}
        self._login(self.employer_user)
        self.make_jsonrpc_request("/mail/message/post", {
            "thread_model": "territory.share", "thread_id": self.employer_share.id, "post_data": post})
        message = self.employer_share.message_ids[0]
        self.assertEqual(message.author_id, self.employer_user.partner_id)
        self.assertIn("CV", message.body)
        self.assertIn(self.concierge.partner_id, message.notified_partner_ids)
        # Another organisation cannot post on it, nor read it.
        self._login(self.chamber_user)
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request("/mail/message/post", {
                "thread_model": "territory.share", "thread_id": self.employer_share.id, "post_data": post})
        self.assertEqual(len(self.employer_share.message_ids.filtered(lambda m: "CV" in (m.body or ""))), 1)


@tagged("post_install", "-at_install")
class TestPartnerPortalTwoTerritories(HttpCase, PartnerCommon):
    """A partner organisation working for two territories (the Région, France Travail) sees the
    journeys both desks shared with it, each labelled with its territory; each desk's staff see
    their own shares only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls._second_territory()
        cls.here_share = cls._share(org=cls.org_chamber, scope_identity=True)
        there = cls._create_journey(user=cls.other_concierge, team_id=cls.other_team.id, name="Famille Vosgienne",
                                    contact_name="Victor Vosgien",
                                    consent_ids=[(0, 0, {"purpose": "partner_sharing", "wording": "Oui."})])
        cls.there_share = cls.env["territory.share"].with_user(cls.other_concierge).create({
            "journey_id": there.id, "partner_org_id": cls.org_chamber.id, "scope_identity": True})

    def test_organisation_sees_both_territories_shares_labelled(self):
        self._login(self.chamber_user)
        page = self.url_open("/my/shared-journeys")
        self.assertEqual(page.status_code, 200)
        for share in (self.here_share, self.there_share):
            self.assertIn(f"/my/shared-journeys/{share.id}", page.text)
        self.assertIn("Vosges", page.text, "each share says which territory shared it")
        self.assertIn(self.env.ref("base.main_company").name, page.text)
        detail = self.url_open(f"/my/shared-journeys/{self.there_share.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Victor Vosgien", detail.text)

    def test_each_desk_sees_its_own_shares(self):
        both = self.here_share | self.there_share
        self.assertEqual(self.env["territory.share"].with_user(self.concierge).search([("id", "in", both.ids)]),
                         self.here_share)
        self.assertEqual(self.env["territory.share"].with_user(self.other_concierge).search(
            [("id", "in", both.ids)]), self.there_share)
